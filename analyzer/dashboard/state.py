"""Cached work: the parsed chat, its pseudonymised and classified forms, the analyses (quick and
complete, the complete one in a background thread) and the figures.

cache_resource (not cache_data) for the chat and the report: cache_data pickles and unpickles its
value on every hit, which for a 100,000-message table costs more than the rerun itself. They are
treated as read-only. Every key starts with the SHA-256 of the file bytes.
"""
from __future__ import annotations

import hashlib
import logging
import os
import secrets
import threading
from collections import OrderedDict
from concurrent.futures import Future, ThreadPoolExecutor
from pathlib import Path
from typing import Any, Callable, Mapping

import pandas as pd
import plotly.graph_objects as go
import streamlit as st

from analyzer import load_chat
from analyzer.analysis import Report, analyze
from analyzer.chat.model import Chat
from analyzer.dashboard.settings import HALF_WIDTH, OVERVIEW_ROWS, SAMPLE
from analyzer.metrics.filters import exclude_members
from analyzer.outputs.charts import CHARTS, MissingData

log = logging.getLogger("wa-analyzer.app")


@st.cache_resource(show_spinner=False)
def sample_bytes() -> bytes:
    return SAMPLE.read_bytes()


@st.cache_resource(max_entries=1, show_spinner=False)
def start_bytes(path: str, mtime_ns: int) -> bytes:
    """The export given on the command line (re-read when the file changes)."""
    return Path(path).read_bytes()


@st.cache_resource(max_entries=4, show_spinner=False)
def parsed_chat(digest: str, _data: bytes) -> Chat:
    """The parsed export (the bytes are keyed by their digest, not hashed again by Streamlit). The
    digest carries the sidebar's date-reading choices after the hash ("HASH:DMY:0", see
    `parse_key`), so every cache below is keyed by them too."""
    _, order, year = (digest.split(":") + ["", "0"])[:3]
    return load_chat(_data, date_order=order if order in ("DMY", "MDY", "YMD") else None, year=int(year) or None)


def parse_key(data: bytes, date_order: str | None, year: int | None) -> str:
    """The cache key of one file read with one set of date-reading choices."""
    return f"{file_digest(data)}:{date_order or ''}:{int(year or 0)}"


@st.cache_resource(show_spinner=False)
def _pseudonymizer() -> Any:
    """One key per dashboard process (pseudonyms stable while it runs, nothing written to disk);
    WA_ANALYZER_KEY_FILE points to a study key to get the same pseudonyms as the CLI's --key-file."""
    from analyzer.privacy import Pseudonymizer, load_or_create_key

    path = os.environ.get("WA_ANALYZER_KEY_FILE")
    key = load_or_create_key(path) if path else secrets.token_bytes(32)
    return Pseudonymizer(key)


@st.cache_resource(max_entries=4, show_spinner=False)
def anonymous_chat(digest: str, _data: bytes) -> Chat:
    """The chat with every name and number replaced, before any metric (privacy.anonymize)."""
    from analyzer.privacy import anonymize

    return anonymize(parsed_chat(digest, _data), _pseudonymizer())


def shown_name(name: str, anonymise: bool) -> str:
    """How a real member name appears on screen: itself, or its pseudonym."""
    return _pseudonymizer().name(name) if anonymise else name


@st.cache_resource(max_entries=4, show_spinner=False)
def classified_chat(digest: str, anonymise: bool, _data: bytes) -> Chat:
    """The chat with every message categorised ONCE (`categorise_chat`: on the real text, as the
    CLI's --anonymize does, since pseudonyms would hide the numbers and links the classifier
    reads), then pseudonymised if asked (category reasons scrubbed too). A message's category
    depends on its text and its whole chat's class mix, never on a window or filter, so
    analyze(classify=False) on these columns gives the same report as analyze(), which also
    categorises the whole chat first (tests/test_app.py checks it), without repeating the costliest
    stage (seconds for 100,000 messages) on every filter change."""
    from analyzer.classify.categorise import categorise_chat
    from analyzer.privacy import anonymize

    chat = categorise_chat(parsed_chat(digest, _data))  # the CLI's default classifier
    if anonymise:
        chat = anonymize(chat, _pseudonymizer())
    return chat


def compute(chat: Chat, anonymise: bool, excluded: list[str], start: str | None, end: str | None,
             network: bool) -> tuple[Report, dict]:
    """analyze() for one categorised chat and one set of filters, and its report.json tree.
    `excluded`: the names as they are in `chat` (pseudonyms when anonymised): exclusion runs after
    pseudonymisation, so the names of excluded members are still scrubbed from everyone's text.
    Runs in the script thread or the background thread, so it calls no Streamlit function."""
    report = analyze(exclude_members(chat, excluded), start=start, end=end, network=network, classify=False)
    tree = report.to_dict()
    # Record the dashboard's own choices next to analyze()'s parameters, so a downloaded
    # report.json says what was left out (not a metric: nothing is computed from it).
    params = tree.setdefault("parameters", {})
    params["excluded_members"] = sorted(excluded)
    params["anonymized"] = anonymise
    return report, tree


@st.cache_resource(max_entries=8, show_spinner=False)
def quick_analysis(digest: str, anonymise: bool, exclude: tuple[str, ...], start: str | None, end: str | None,
                    _data: bytes) -> tuple[Report, dict]:
    chat = classified_chat(digest, anonymise, _data)
    return compute(chat, anonymise, [shown_name(n, anonymise) for n in exclude], start, end,
                    network=False)


class _FullRuns:
    """Complete analyses running or done in ONE background thread (so analyses queue instead of
    fighting over the two cores), by file and filter set. A queued run that nobody is waiting for
    any more (the filters changed again) is cancelled, so the latest choice is never stuck
    behind a row of stale ones."""

    def __init__(self, keep: int = 8) -> None:
        self.pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="wa-analyzer-full")
        self.lock = threading.Lock()
        self.runs: OrderedDict[tuple, Future] = OrderedDict()
        self.keep = keep

    def peek(self, key: tuple) -> Future | None:
        """The run for `key` if one was started (and not cancelled), without starting one."""
        with self.lock:
            fut = self.runs.get(key)
            return None if fut is None or fut.cancelled() else fut

    def get(self, key: tuple, start: Callable[[], Future | tuple[Report, dict]]) -> Future:
        with self.lock:
            fut = self.runs.get(key)
            if fut is None or fut.cancelled():
                for other in self.runs.values():
                    other.cancel()  # only affects runs that have not started yet
                fut = self.pool.submit(start)
                self.runs[key] = fut
            self.runs.move_to_end(key)
            while len(self.runs) > self.keep:
                self.runs.popitem(last=False)
            return fut


@st.cache_resource(show_spinner=False)
def full_runs() -> _FullRuns:
    return _FullRuns()


def full_analysis(digest: str, anonymise: bool, exclude: tuple[str, ...], start: str | None, end: str | None,
                   data: bytes) -> Future:
    """The complete analysis (the CLI's, network included) of one file and filter set, as a Future."""
    chat = classified_chat(digest, anonymise, data)  # in the script thread (Streamlit caches)
    excluded = [shown_name(n, anonymise) for n in exclude]
    return full_runs().get((digest, anonymise, exclude, start, end),
                            lambda: compute(chat, anonymise, excluded, start, end, True))


@st.cache_resource(max_entries=256, show_spinner=False)
def cached_figure(digest: str, anonymise: bool, exclude: tuple[str, ...], start: str | None, end: str | None,
            complete: bool, lang: str, name: str, _tree: Mapping[str, Any]) -> go.Figure | str:
    """One chart of one report in one language, built when its tab is first shown. A string
    instead of a figure says why there is none: "missing" (the section is not in the report) or
    the error of a builder that failed (a section still being built must not take the page down)."""
    try:
        fig = CHARTS[name](_tree, lang)
        if name in HALF_WIDTH:  # subtitles wrapped for a half-width column, as for a journal column
            from analyzer.outputs.charts import finish

            fig = finish(fig, "single")
        return fig
    except MissingData:
        return "missing"
    except Exception as e:  # noqa: BLE001
        log.exception("chart %s failed", name)
        return f"{type(e).__name__}: {e}"


@st.cache_resource(max_entries=64, show_spinner=False)
def cached_overview_figure(digest: str, anonymise: bool, exclude: tuple[str, ...], start: str | None, end: str | None,
                     complete: bool, lang: str, name: str, _tree: Mapping[str, Any]) -> go.Figure | str:
    """A chart of the overview: the ranked bar charts cut to their top OVERVIEW_ROWS rows."""
    try:
        from analyzer.outputs.charts import finish

        # Half-width columns: subtitles wrapped as for a single journal column.
        if name in ("top_posters", "news_sharers"):
            return finish(CHARTS[name](_tree, lang, k=OVERVIEW_ROWS), "single")
        return finish(CHARTS[name](_tree, lang), "single")
    except MissingData:
        return "missing"
    except Exception as e:  # noqa: BLE001
        log.exception("chart %s failed", name)
        return f"{type(e).__name__}: {e}"


@st.cache_resource(max_entries=32, show_spinner=False)
def cached_member_figures(digest: str, anonymise: bool, exclude: tuple[str, ...], start: str | None, end: str | None,
                    complete: bool, lang: str, chosen: tuple[str, ...], _messages: pd.DataFrame) -> dict:
    """The per-member charts (analyzer.outputs.member_charts) of the chosen members of one analysis."""
    from analyzer.metrics.member_views import member_views
    from analyzer.outputs.member_charts import build_member_charts

    views = member_views(_messages, list(chosen))
    # The matrix and the lengths share a row: their subtitles are wrapped for a half-width column.
    return {**build_member_charts(views, lang, size="single"), "member_activity":
            build_member_charts(views, lang)["member_activity"]}


def file_digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()
