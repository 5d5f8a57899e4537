"""wa-analyzer dashboard for community coordinators: `make run` (= `streamlit run app.py`).

A thin shell around the library, on purpose:
- every number comes from `analyzer.analysis.analyze()` and every chart from `analyzer.outputs.charts`, so the
  dashboard and `wa-analyzer analyze` can never disagree (the browser test checks exactly that);
- every word on screen comes from the one translation table `analyzer.i18n.TEXT` (keys `app.*`);
- what is analysed (window, excluded members, pseudonyms) is decided by library functions
  (`analyze(start=, end=)`, `analyzer.metrics.filters.exclude_members`, `analyzer.privacy.anonymize`).
What lives here: layout, widgets, caching and downloads.

Privacy: an upload is read from memory (`load_chat(uploaded.getvalue())`) and never written to
disk; usage statistics are off in .streamlit/config.toml.
"""
from __future__ import annotations

import hashlib
import io
import json
import logging
import os
import secrets
import threading
from collections import OrderedDict
from concurrent.futures import Future, ThreadPoolExecutor
from concurrent.futures import TimeoutError as FutureTimeout
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any, Callable, Mapping

import pandas as pd
import plotly.graph_objects as go
import streamlit as st

from analyzer import ChatFormatError, load_chat
from analyzer.outputs.charts import CHARTS, MissingData
from analyzer.chat.model import Chat
from analyzer.metrics.filters import exclude_members, member_names
from analyzer.i18n import DEFAULT_LANG, LANGS, TEXT, fmt_duration, fmt_int, fmt_num, fmt_pct, t
from analyzer.outputs.narrative import key_numbers, summary_sentences
from analyzer.analysis import AnalysisParameterError, Report, analyze

log = logging.getLogger("wa-analyzer.app")

ROOT = Path(__file__).resolve().parent
SAMPLE = ROOT / "sample_exports" / "umkm_android_id.txt"
# A bundled icon: page_icon=":material/…:" makes every browser fetch it from fonts.gstatic.com, and
# the dashboard makes no request outside the coordinator's machine (issue 17).
FAVICON = ROOT / "assets" / "favicon.png"
LOOPBACK = ("127.0.0.1", "localhost", "::1")
LANG_NAMES: dict[str, str] = {"id": "Bahasa Indonesia", "en": "English"}
# Rows of the message table sent to the browser: 100,000 rows would be megabytes on every rerun.
# (Comments, not bare strings, at module level: Streamlit's "magic" would print a bare string.)
TABLE_ROWS = 1000
EXAMPLES_PER_CATEGORY = 5
DOWNLOAD_FORMATS: tuple[str, ...] = ("pdf", "svg", "png")
MIME = {"pdf": "application/pdf", "svg": "image/svg+xml", "png": "image/png"}
PLOTLY_CONFIG = {"displaylogo": False, "responsive": True}
CHART_HEIGHT: dict[str, int] = {"network": 640}
HALF_WIDTH = frozenset({"lorenz", "top_posters", "latency_survival", "latency_by_hour", "activity_heatmap",
                        "joins_leaves"})
# The overview's two charts: short enough that both are fully visible without scrolling on a
# 1366 x 768 laptop screen (checked by tests/test_app_browser.py), with the top OVERVIEW_ROWS rows.
OVERVIEW_HEIGHT = 330
OVERVIEW_ROWS = 8

# How long a page waits for the complete analysis (network included) before showing the quick one:
# up to SMALL_CHAT_WAIT_S for chats of at most SMALL_CHAT_RECORDS records, else not at all.
# WA_ANALYZER_WAIT_S overrides both (the tests wait for the complete analysis every time).
SMALL_CHAT_RECORDS = 20_000
SMALL_CHAT_WAIT_S = 3.0
WAIT_FULL_S: float | None = float(os.environ["WA_ANALYZER_WAIT_S"]) if os.environ.get("WA_ANALYZER_WAIT_S") else None

TABS: tuple[str, ...] = ("overview", "participation", "sharing", "network", "responsiveness", "activity", "data")


# ------------------------------------------------------------------------------------------------
# Cached work. cache_resource (not cache_data) for the chat and the report: cache_data pickles and
# unpickles its value on every hit, which for a 100,000-message table costs more than the rerun
# itself. They are treated as read-only here. Every key starts with the SHA-256 of the file bytes.


@st.cache_resource(show_spinner=False)
def _sample_bytes() -> bytes:
    return SAMPLE.read_bytes()


@st.cache_resource(max_entries=4, show_spinner=False)
def _chat(digest: str, _data: bytes) -> Chat:
    """The parsed export (the bytes are keyed by their digest, not hashed again by Streamlit). The
    digest carries the sidebar's date-reading choices after the hash ("HASH:DMY:0", see
    `_parse_key`), so every cache below is keyed by them too."""
    _, order, year = (digest.split(":") + ["", "0"])[:3]
    return load_chat(_data, date_order=order if order in ("DMY", "MDY", "YMD") else None, year=int(year) or None)


def _parse_key(data: bytes, date_order: str | None, year: int | None) -> str:
    """The cache key of one file read with one set of date-reading choices."""
    return f"{_digest(data)}:{date_order or ''}:{int(year or 0)}"


@st.cache_resource(show_spinner=False)
def _pseudonymizer() -> Any:
    """One key per dashboard process (pseudonyms stable while it runs, nothing written to disk);
    WA_ANALYZER_KEY_FILE points to a study key to get the same pseudonyms as the CLI's --key-file."""
    from analyzer.privacy import Pseudonymizer, load_or_create_key

    path = os.environ.get("WA_ANALYZER_KEY_FILE")
    key = load_or_create_key(path) if path else secrets.token_bytes(32)
    return Pseudonymizer(key)


@st.cache_resource(max_entries=4, show_spinner=False)
def _anonymous_chat(digest: str, _data: bytes) -> Chat:
    """The chat with every name and number replaced, before any metric (privacy.anonymize)."""
    from analyzer.privacy import anonymize

    return anonymize(_chat(digest, _data), _pseudonymizer())


def _shown_name(name: str, anonymise: bool) -> str:
    """How a real member name appears on screen: itself, or its pseudonym."""
    return _pseudonymizer().name(name) if anonymise else name


@st.cache_resource(max_entries=4, show_spinner=False)
def _classified_chat(digest: str, anonymise: bool, _data: bytes) -> tuple[Chat, dict]:
    """The chat with every message categorised ONCE (on the real text, as the CLI's --anonymize
    does: pseudonyms would hide the numbers and links the classifier reads), then pseudonymised if
    asked (category reasons scrubbed too), and the classifier's provenance. A message's category
    depends on its own text only, so analyze(classify=False) on these columns gives the same report
    as analyze() classifying each window again (tests/test_app.py checks it), without repeating the
    costliest stage (seconds for 100,000 messages) on every filter change."""
    from analyzer.classify.categorise import categorise, load_classifier
    from analyzer.privacy import anonymize

    base = _chat(digest, _data)
    lexicon, model, provenance = load_classifier()  # the CLI's default classifier
    cats = categorise(base.messages, lexicon=lexicon, model=model)
    messages = base.messages.assign(category=cats["category"].to_numpy(),
                                    category_reason=cats["category_reason"].to_numpy())
    messages.attrs = dict(base.messages.attrs)
    chat = Chat(messages=messages, format=base.format, provenance=base.provenance, tz=base.tz)
    if anonymise:
        chat = anonymize(chat, _pseudonymizer())
    return chat, provenance


def _compute(chat: Chat, provenance: Mapping[str, Any], anonymise: bool, excluded: list[str],
             start: str | None, end: str | None, network: bool) -> tuple[Report, dict]:
    """analyze() for one categorised chat and one set of filters, and its report.json tree.
    `excluded`: the names as they are in `chat` (pseudonyms when anonymised): exclusion runs after
    pseudonymisation, so the names of excluded members are still scrubbed from everyone's text.
    Runs in the script thread or the background thread, so it calls no Streamlit function."""
    report = analyze(exclude_members(chat, excluded), start=start, end=end, network=network, classify=False)
    tree = report.to_dict()
    params = tree.setdefault("parameters", {})
    # The categories were given (computed above with the CLI's classifier): record that
    # classifier, as the CLI does, rather than "given".
    params.update(provenance)
    if tree.get("content") is not None:
        # likewise the classifier's measured accuracy that goes with a raw share (issue 12)
        from analyzer.classify.categorise import classifier_accuracy

        tree["content"]["classifier_accuracy"] = classifier_accuracy(provenance)
    # Record the dashboard's own choices next to analyze()'s parameters, so a downloaded
    # report.json says what was left out (not a metric: nothing is computed from it).
    params["excluded_members"] = sorted(excluded)
    params["anonymized"] = anonymise
    return report, tree


# Two phases, because the interaction network's null model (hundreds of shuffled networks) takes
# seconds on a big chat and would make every filter change slow: every other section comes from
# analyze(network=False) at once, while the complete analyze() (the CLI's, network included) runs
# in a background thread and replaces it when done. Both are the same function with the same
# parameters, so the numbers shown never differ from the CLI's.


@st.cache_resource(max_entries=8, show_spinner=False)
def _quick_analysis(digest: str, anonymise: bool, exclude: tuple[str, ...], start: str | None, end: str | None,
                    _data: bytes) -> tuple[Report, dict]:
    chat, provenance = _classified_chat(digest, anonymise, _data)
    return _compute(chat, provenance, anonymise, [_shown_name(n, anonymise) for n in exclude], start, end,
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
def _full_runs() -> _FullRuns:
    return _FullRuns()


def _full_analysis(digest: str, anonymise: bool, exclude: tuple[str, ...], start: str | None, end: str | None,
                   data: bytes) -> Future:
    """The complete analysis (the CLI's, network included) of one file and filter set, as a Future."""
    chat, provenance = _classified_chat(digest, anonymise, data)  # in the script thread (Streamlit caches)
    excluded = [_shown_name(n, anonymise) for n in exclude]
    return _full_runs().get((digest, anonymise, exclude, start, end),
                            lambda: _compute(chat, provenance, anonymise, excluded, start, end, True))


@st.cache_resource(max_entries=256, show_spinner=False)
def _figure(digest: str, anonymise: bool, exclude: tuple[str, ...], start: str | None, end: str | None,
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
def _overview_figure(digest: str, anonymise: bool, exclude: tuple[str, ...], start: str | None, end: str | None,
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


class _ImageRenderer:
    """Chart files for the download buttons, from ONE headless Chromium (kaleido's sync server)
    kept for the life of the dashboard: starting a browser costs seconds, a chart then ~0.5 s.
    Sizes and PNG resolution are those of `analyzer.outputs.report_document` (the CLI's chart files)."""

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.started = False
        self.cache: OrderedDict[tuple, bytes] = OrderedDict()

    def image(self, key: tuple, fig: go.Figure, fmt: str) -> bytes:
        from analyzer.outputs.charts import SIZES
        from analyzer.outputs.report_document import PNG_SCALE

        with self.lock:  # one render at a time: the browser has one tab
            hit = self.cache.get(key)
            if hit is not None:
                return hit
            try:
                import kaleido

                from analyzer.outputs.report_document import _plotlyjs_path

                if not self.started:
                    # mathjax=False and the bundled plotly.js: nothing is fetched from a CDN.
                    kaleido.start_sync_server(n=1, mathjax=False, plotlyjs=_plotlyjs_path(), silence_warnings=True)
                    self.started = True
                from analyzer.outputs.charts import export_height

                w, h = SIZES["double"]
                h = export_height(fig, h)  # taller for long rankings and the network, as the CLI's files
                data = kaleido.calc_fig_sync(fig, opts={"format": fmt, "width": w, "height": h,
                                                        "scale": PNG_SCALE if fmt == "png" else 1})
            except Exception:  # noqa: BLE001 - fall back to the export module's one-shot session
                log.exception("persistent kaleido failed; using analyzer.outputs.report_document.render_images")
                from analyzer.outputs.report_document import render_images

                data = render_images({"c": fig}, [fmt])["c"][fmt]
            self.cache[key] = data
            while len(self.cache) > 64:
                self.cache.popitem(last=False)
            return data


@st.cache_resource(show_spinner=False)
def _renderer() -> _ImageRenderer:
    return _ImageRenderer()


# ------------------------------------------------------------------------------------------------
# Downloads (generated on click: Streamlit calls these in a thread when the button is pressed)


def _csv_bytes(df: pd.DataFrame) -> bytes:
    """The CLI's CSV writer (ISO times, every value exact), into memory."""
    from analyzer.cli.analyze import write_csv

    buf = io.BytesIO()
    write_csv(df, buf)
    return buf.getvalue()


def _xlsx_bytes(df: pd.DataFrame, sheet: str) -> bytes:
    """The table as an Excel workbook (text cells, never formulas), into memory."""
    import tempfile

    from analyzer.outputs.spreadsheet import write_xlsx

    with tempfile.TemporaryDirectory() as d:
        path = Path(d) / f"{sheet}.xlsx"
        if not write_xlsx(df, path, sheet=sheet):
            return b""
        return path.read_bytes()


def _parquet_bytes(df: pd.DataFrame) -> bytes:
    buf = io.BytesIO()
    df.to_parquet(buf, index=False)
    return buf.getvalue()


def _json_bytes(tree: Mapping[str, Any]) -> bytes:
    return (json.dumps(tree, ensure_ascii=False, indent=2, allow_nan=False) + "\n").encode("utf-8")


# ------------------------------------------------------------------------------------------------
# View helpers


@dataclass
class View:
    """What every section needs: the language, the report (object and dict) and its charts."""

    lang: str
    report: Report
    tree: dict
    complete: bool  # the complete analysis (network included), not the quick one
    key: tuple  # the cache key of this analysis (digest and filters), for chart downloads
    anonymise: bool
    network_state: str = "ready"  # "ready", "running" (background) or "failed"

    def tr(self, key: str, **fields: object) -> str:
        return t(key, self.lang, **fields)


_MD_SPECIAL = "\\`*_{}[]<>()#+-.!|~$"


def md_escape(s: str) -> str:
    """Literal text inside st.markdown: a member called `*Ani*` must not turn italic."""
    return "".join("\\" + c if c in _MD_SPECIAL else c for c in str(s))


def chart(v: View, name: str, compact: bool = False) -> None:
    """One chart with its PDF/SVG/PNG buttons, or a short note when its data is not there yet.
    compact: the overview's version (top rows only, fixed height, no download buttons)."""
    if name not in CHARTS:
        fig: go.Figure | str = "missing"
    elif compact:
        fig = _overview_figure(*v.key, v.complete, v.lang, name, v.tree)
    else:
        fig = _figure(*v.key, v.complete, v.lang, name, v.tree)
    if isinstance(fig, str):
        if fig == "missing":
            st.info(v.tr("app.chart.missing"))
        else:
            st.warning(v.tr("app.chart.error", name=name))
        return
    # The network is drawn with equal x/y scales: it needs height to be more than a small square.
    if compact:
        st.plotly_chart(fig, theme=None, key=f"overview-{name}", config=PLOTLY_CONFIG, height=OVERVIEW_HEIGHT)
        return
    st.plotly_chart(fig, theme=None, key=f"chart-{name}", config=PLOTLY_CONFIG,
                    height=CHART_HEIGHT.get(name, "content"))
    renderer = _renderer()
    with st.container(horizontal=True, gap="small"):
        for fmt in DOWNLOAD_FORMATS:
            key = (*v.key, v.lang, name, fmt)
            st.download_button(
                fmt.upper(), data=(lambda k=key, f=fig, x=fmt: renderer.image(k, f, x)),
                file_name=f"{name}.{fmt}", mime=MIME[fmt], key=f"dl-{name}-{fmt}", icon=":material/download:",
                on_click="ignore", type="tertiary", help=v.tr("app.chart.download_help", fmt=fmt.upper()))


def notes(v: View, items: list[str]) -> None:
    """Caveats from the library (English sentences), folded away under a translated heading."""
    items = [str(n) for n in dict.fromkeys(items) if n]
    if items:
        with st.expander(v.tr("app.notes")):
            for n in items:
                st.markdown("- " + md_escape(n))


def section_guard(v: View, fn: Callable[[View], None]) -> None:
    """Run one tab's body; a section another part of the project is still finishing must degrade
    to a short note, never to a traceback on a coordinator's screen."""
    try:
        fn(v)
    except Exception as e:  # noqa: BLE001
        log.exception("section %s failed", fn.__name__)
        st.warning(v.tr("app.section.error", error=f"{type(e).__name__}"))


def _table(v: View, df: pd.DataFrame, labels: Mapping[str, str], height: int | str = "auto") -> None:
    """A read-only table with translated column headers (display only)."""
    cols = [c for c in labels if c in df.columns]
    st.dataframe(df[cols].rename(columns={c: v.tr(labels[c]) for c in cols}), hide_index=True, height=height,
                 placeholder="–")  # a system line has no author: a dash, not "None"


# ------------------------------------------------------------------------------------------------
# Tabs


def _category_label(v: View, cat: object) -> str:
    """A message category in the page's language (`cat.*`), a dash for none."""
    if cat is None or cat is pd.NA or (isinstance(cat, float) and cat != cat):
        return "–"
    key = f"cat.{cat}"
    return v.tr(key) if key in TEXT else str(cat)


def overview_charts(v: View) -> None:
    """The group's story in two pictures, first thing on the page: who writes (top posters, with
    their share of all messages) and who brings the business news (or, before classification,
    the Lorenz curve)."""
    left, right = st.columns(2)
    with left:
        chart(v, "top_posters", compact=True)
    with right:
        chart(v, "news_sharers" if v.tree.get("content") else "lorenz", compact=True)


def tab_overview(v: View) -> None:
    overview_charts(v)
    st.subheader(v.tr("app.overview.findings"))
    sentences = summary_sentences(v.tree, v.lang)
    if sentences:
        st.markdown("\n".join("- " + md_escape(s) for s in sentences))
    else:
        st.info(v.tr("app.overview.none"))
    cards = key_numbers(v.tree, v.lang)
    per_row = 4
    for i in range(0, len(cards), per_row):
        cols = st.columns(per_row)
        for col, (label, value) in zip(cols, cards[i:i + per_row]):
            # "0,57 [0,43–0,65]" does not fit a card: the interval goes on the grey line below.
            main, _, interval = value.partition(" [")
            col.metric(label, main, border=True, delta=(v.tr("ci95") + " " + interval.rstrip("]")) if interval else None,
                       delta_color="off", delta_arrow="off")
    with st.expander(v.tr("app.overview.definitions")):
        for key in ("def.members", "def.gini", "def.turns", "def.latency", "def.categories", "def.network",
                    "def.palette"):
            if key in TEXT:
                st.markdown("- " + md_escape(v.tr(key)))


def tab_participation(v: View) -> None:
    p = v.tree.get("participation") or {}
    lang = v.lang
    c1, c2, c3, c4 = st.columns(4)
    c1.metric(v.tr("kpi.gini"), fmt_num(p.get("gini"), lang), border=True,
              help=v.tr("app.part.gini_help"))
    c2.metric(v.tr("ci95"), f"{fmt_num(p.get('gini_ci_low'), lang)}–{fmt_num(p.get('gini_ci_high'), lang)}",
              border=True)
    c3.metric(v.tr("app.part.effective"), fmt_num(p.get("effective_posters"), lang, 1), border=True,
              help=v.tr("app.part.effective_help"))
    c4.metric(v.tr("app.part.top1"), fmt_pct(p.get("top1_share"), lang), border=True)
    left, right = st.columns(2)
    with left:
        chart(v, "lorenz")
    with right:
        chart(v, "top_posters")
    chart(v, "monthly_gini")

    st.subheader(v.tr("app.part.silent"))
    if not p.get("silent_known"):
        st.info(v.tr("sum.silent_unknown"))
    else:
        silent = v.report.members.loc[v.report.members["silent"], "member"].astype(str).tolist()
        if silent:
            st.markdown(v.tr("app.part.silent_count", s=fmt_int(p.get("silent_members"), lang),
                             n=fmt_int(p.get("n_members"), lang)))
            st.dataframe(pd.DataFrame({v.tr("member"): silent}), hide_index=True)
        else:
            st.success(v.tr("app.part.no_silent"))
    notes(v, list(p.get("notes") or []))
    members_of_interest(v)


@st.cache_resource(max_entries=32, show_spinner=False)
def _member_figures(digest: str, anonymise: bool, exclude: tuple[str, ...], start: str | None, end: str | None,
                    complete: bool, lang: str, chosen: tuple[str, ...], _messages: pd.DataFrame) -> dict:
    """The per-member charts (analyzer.outputs.member_charts) of the chosen members of one analysis."""
    from analyzer.outputs.member_charts import build_member_charts
    from analyzer.metrics.member_views import member_views

    views = member_views(_messages, list(chosen))
    # The matrix and the lengths share a row: their subtitles are wrapped for a half-width column.
    return {**build_member_charts(views, lang, size="single"), "member_activity":
            build_member_charts(views, lang)["member_activity"]}


def members_of_interest(v: View) -> None:
    """Per-member views for members the coordinator picks (the CLI's --members-of-interest):
    activity by month, who replies to whom (by sender or by receiver), message lengths."""
    from analyzer.metrics.member_views import default_members

    st.subheader(v.tr("app.members.title"))
    msgs = v.report.messages
    names = sorted(v.report.members.loc[~v.report.members["silent"], "member"].astype(str).tolist())
    if not names:
        return
    chosen = st.multiselect(v.tr("app.members.pick"), options=names, default=default_members(msgs, 5),
                            key=f"moi-{v.key[0][:16]}", help=v.tr("app.members.pick_help"),
                            placeholder=v.tr("app.filter.exclude_placeholder"))
    if not chosen:
        st.info(v.tr("app.members.none"))
        return
    figs = _member_figures(*v.key, v.complete, v.lang, tuple(chosen), msgs)
    st.plotly_chart(figs["member_activity"], theme=None, key="chart-member_activity", config=PLOTLY_CONFIG)
    by = st.radio(v.tr("app.members.normalise"), options=["sender", "receiver"], horizontal=True, key="moi-by",
                  format_func=lambda b: v.tr(f"app.members.by_{b}"))
    left, right = st.columns(2)
    with left:
        st.plotly_chart(figs[f"response_matrix_{by}"], theme=None, key="chart-response_matrix", config=PLOTLY_CONFIG)
    with right:
        st.plotly_chart(figs["message_lengths"], theme=None, key="chart-message_lengths", config=PLOTLY_CONFIG)


def tab_sharing(v: View) -> None:
    content = v.tree.get("content")
    if not content:
        st.info(v.tr("app.pending.content"))
    else:
        chart(v, "category_shares")
        chart(v, "news_sharers")
    chart(v, "domains")
    news_domains = (content or {}).get("top_news_domains") or []
    if news_domains:
        st.subheader(v.tr("app.sharing.news_domains"))
        table = {
            v.tr("report.col.domain"): [str(r.get("domain")) for r in news_domains],
            v.tr("app.col.links"): [fmt_int(r.get("links", r.get("count")), v.lang) for r in news_domains],
        }
        if any("share" in r for r in news_domains):
            table[v.tr("report.col.share")] = [fmt_pct(r.get("share"), v.lang, 1) for r in news_domains]
        st.dataframe(pd.DataFrame(table), hide_index=True)
    msgs = v.report.messages
    if content and "category" in msgs.columns:
        st.subheader(v.tr("app.sharing.examples"))
        st.caption(v.tr("app.sharing.examples_help"))
        cats = [c for c in pd.unique(msgs["category"].dropna().astype(str))]
        from analyzer.classify import CATEGORIES

        cats = [c for c in CATEGORIES if c in cats] + sorted(c for c in cats if c not in CATEGORIES)
        has_reason = "category_reason" in msgs.columns
        for cat in cats:
            rows = msgs[msgs["category"] == cat].head(EXAMPLES_PER_CATEGORY)
            label = _category_label(v, cat)
            with st.expander(f"{label} ({fmt_int(int((msgs['category'] == cat).sum()), v.lang)})"):
                labels = {"timestamp": "app.col.time", "author": "app.col.author", "text": "app.col.text"}
                if has_reason:
                    labels["category_reason"] = "app.col.reason"
                _table(v, rows, labels)
    if content:
        notes(v, list(content.get("notes") or []))
        coding_section(v)


# ------------------------------------------------------------------------------------------------
# Hand-coding a sample (issue 12): the CLI's `sample` -> hand-code -> `evaluate` loop in the page.
CODING_N = 50


def _coding_state(v: View, n: int, seed: int) -> dict:
    """The coding sheet of this analysis (same columns as `wa-analyzer sample`), kept in the session."""
    from analyzer.classify.evaluate import stratified_sample

    key = (v.key, n, seed)
    state = st.session_state.get("coding")
    if not state or state.get("key") != key:
        msgs = v.report.messages
        sheet = stratified_sample(msgs[msgs["category"].notna()], n=n, seed=seed) if "category" in msgs else None
        old = (state or {}).get("labels", {})
        state = {"key": key, "sheet": sheet, "pos": 0, "labels": dict(old)}
        st.session_state["coding"] = state
    return state


def _coded_sheet(state: dict) -> pd.DataFrame:
    sheet = state["sheet"].copy()
    sheet["label"] = [state["labels"].get(int(line), "") for line in sheet["line"]]
    return sheet.astype({"label": "string"})


def coding_section(v: View) -> None:
    """Label ~50 sampled messages here, see agreement with the classifier and the corrected share."""
    from analyzer.classify import CATEGORIES
    from analyzer.classify.evaluate import evaluate
    from analyzer.classify.corrected import corrected_shares

    st.subheader(v.tr("app.coding.title"))
    st.caption(v.tr("app.coding.help"))
    c1, c2 = st.columns(2)
    n = int(c1.number_input(v.tr("app.coding.n"), min_value=10, max_value=500, value=CODING_N, step=10, key="coding_n"))
    seed = int(c2.number_input(v.tr("app.coding.seed"), min_value=0, value=0, step=1, key="coding_seed"))
    state = _coding_state(v, n, seed)
    sheet = state["sheet"]
    if sheet is None or sheet.empty:
        st.info(v.tr("app.coding.empty"))
        return
    upload = st.file_uploader(v.tr("app.coding.upload"), type=["csv"], key="coding_upload")
    if upload is not None and state.get("uploaded") != upload.file_id:
        try:
            got = pd.read_csv(io.BytesIO(upload.getvalue()), dtype={"label": "string"}, keep_default_na=False)
            labels = got["label"].astype("string").fillna("").str.strip().str.lower()
            lines = pd.to_numeric(got["line"], errors="raise").astype("int64")
        except (KeyError, ValueError, UnicodeDecodeError, pd.errors.ParserError):
            st.error(v.tr("app.coding.upload_bad"))
        else:
            bad = sorted(set(labels[labels != ""]) - set(CATEGORIES))
            if bad:
                st.error(v.tr("app.coding.upload_labels", labels=", ".join(bad)))
            else:
                state["labels"].update({int(ln): lab for ln, lab in zip(lines, labels) if lab})
                state["uploaded"] = upload.file_id
    total = len(sheet)
    pos = min(state["pos"], total - 1)
    row = sheet.iloc[pos]
    line = int(row["line"])
    coded = sum(1 for ln in sheet["line"] if state["labels"].get(int(ln)))
    st.progress(coded / total, text=v.tr("app.coding.progress", i=fmt_int(pos + 1, v.lang), n=fmt_int(total, v.lang),
                                         k=fmt_int(coded, v.lang)))
    with st.container(border=True):
        st.markdown(md_escape(row["text"]) if isinstance(row["text"], str) else "–")
        st.caption(v.tr("app.coding.auto", cat=_category_label(v, row["category_auto"])))
        current = state["labels"].get(line)
        choice = st.radio(v.tr("app.coding.label"), options=list(CATEGORIES), horizontal=True,
                          index=list(CATEGORIES).index(current) if current in CATEGORIES else None,
                          format_func=lambda c: _category_label(v, c), key=f"coding_label_{line}")
        b1, b2, b3 = st.columns(3)
        if b1.button(v.tr("app.coding.prev"), key="coding_prev", disabled=pos == 0):
            state["pos"] = max(pos - 1, 0)
            st.rerun()
        if b2.button(v.tr("app.coding.next"), key="coding_next", type="primary"):
            if choice:
                state["labels"][line] = choice
            state["pos"] = min(pos + 1, total - 1)
            st.rerun()
        if b3.button(v.tr("app.coding.skip"), key="coding_skip"):
            uncoded = [i for i, ln in enumerate(sheet["line"]) if not state["labels"].get(int(ln))]
            state["pos"] = next((i for i in uncoded if i > pos), uncoded[0] if uncoded else pos)
            st.rerun()
    done = _coded_sheet(state)
    st.download_button(v.tr("app.coding.download"), _csv_bytes(done), file_name="coding.csv", mime="text/csv",
                       key="coding_download")
    coded_rows = done[done["label"] != ""]
    if coded_rows.empty:
        st.info(v.tr("app.coding.none_yet"))
        return
    ev = evaluate(coded_rows["category_auto"].astype(str).reset_index(drop=True),
                  coded_rows["label"].astype(str).reset_index(drop=True))
    st.markdown(v.tr("app.coding.agreement", k=fmt_int(ev["n"], v.lang), acc=fmt_pct(ev["accuracy"], v.lang),
                     kappa=fmt_num(ev["kappa"], v.lang), f1=fmt_num(ev["macro_f1"], v.lang)))
    if ev["left_out_of_macro"]:
        st.caption(v.tr("app.coding.left_out", cats=", ".join(_category_label(v, c) for c in ev["left_out_of_macro"])))
    msgs = v.report.messages
    population = msgs["category"].dropna().astype(str).to_numpy()
    cs = corrected_shares(population, coded_rows["category_auto"].astype(str).to_numpy(),
                          coded_rows["label"].astype(str).to_numpy())
    table = pd.DataFrame({
        v.tr("app.coding.col.category"): [_category_label(v, c) for c in cs["shares"]],
        v.tr("app.coding.col.raw"): [fmt_pct(x["raw"], v.lang, 1) for x in cs["shares"].values()],
        v.tr("app.coding.col.corrected"): [fmt_pct(x["corrected"], v.lang, 1) for x in cs["shares"].values()],
        v.tr("app.coding.col.ci"): [f"{fmt_pct(x['ci_low'], v.lang, 1)} – {fmt_pct(x['ci_high'], v.lang, 1)}"
                                    for x in cs["shares"].values()],
    })
    st.markdown(v.tr("app.coding.share_title"))
    st.dataframe(table, hide_index=True)
    if cs["uncorrected_strata"]:
        st.caption(v.tr("app.coding.uncorrected", cats=", ".join(_category_label(v, c) for c in cs["uncorrected_strata"])))


def tab_network(v: View) -> None:
    net = v.tree.get("network")
    if not net:
        if v.network_state == "running":
            st.info(":material/hourglass_top: " + v.tr("app.status.network"))
        elif v.network_state == "failed":
            st.warning(v.tr("app.net.failed"))
        else:
            st.info(v.tr("app.pending.network"))
        return
    lang = v.lang
    cards = [("app.net.nodes", fmt_int(net.get("nodes", net.get("n_nodes")), lang)),
             ("app.net.edges", fmt_int(net.get("edges", net.get("n_edges")), lang)),
             ("kpi.weak_tie_share", fmt_pct(net.get("weak_tie_share"), lang)),
             ("app.net.modularity", fmt_num(net.get("modularity"), lang))]
    for col, (label, value) in zip(st.columns(len(cards)), cards):
        col.metric(v.tr(label), value, border=True)
    chart(v, "network")
    st.caption(v.tr("app.net.caution"))
    brokers = net.get("brokers")
    if isinstance(brokers, list) and brokers:
        st.subheader(v.tr("app.net.brokers"))
        st.caption(v.tr("app.net.brokers_help"))
        df = pd.DataFrame(brokers)
        shown = pd.DataFrame(index=df.index)
        for col in df.columns:
            key = f"app.col.{col}"
            label = v.tr(key) if key in TEXT else col
            # Formatted in the page's language (display only; report.json keeps the raw numbers).
            shown[label] = ([fmt_num(x, lang, 0 if col in ("degree", "strength") else 2) for x in df[col]]
                            if pd.api.types.is_numeric_dtype(df[col]) else df[col].astype(str))
        st.dataframe(shown, hide_index=True)
    notes(v, list(net.get("notes") or []))


def answers_section(v: View) -> None:
    """Answers to requests (issue 13): the share under the evidence rule, the rule in words, and the
    requests nobody answered, which is what a coordinator acts on."""
    from analyzer.outputs.report_document import answer_rule_text

    c = v.tree.get("content") or {}
    lang = v.lang
    st.subheader(v.tr("app.answers.title"))
    if not c.get("requests"):
        st.info(v.tr("app.answers.no_requests"))
        return
    st.metric(v.tr("app.answers.share"), fmt_pct(c.get("request_answered_share"), lang), border=True,
              help=v.tr("app.answers.share_help", a=fmt_int(c.get("requests_answered"), lang),
                        n=fmt_int(c.get("requests"), lang)))
    with st.expander(v.tr("app.answers.rule")):
        st.write(answer_rule_text(v.tree, lang))
    msgs = v.report.messages
    if "answered_by_line" in msgs.columns and "category" in msgs.columns:
        is_req = msgs["category"].astype("string").eq("request").fillna(False).to_numpy(dtype=bool)
        open_ = msgs[is_req & msgs["answered_by_line"].isna().to_numpy(dtype=bool)]
        st.markdown(f"**{v.tr('app.answers.unanswered')}** ({fmt_int(len(open_), lang)})")
        st.caption(v.tr("app.answers.unanswered_help"))
        if len(open_):
            shown = open_.sort_values("timestamp", ascending=False).head(200)
            _table(v, shown, {"line": "app.col.line", "timestamp": "app.col.time", "author": "app.col.author",
                              "text": "app.col.text"})
        else:
            st.success(v.tr("app.answers.none_unanswered"))
    if v.tree.get("sensitivity"):
        st.markdown(f"**{v.tr('app.answers.sensitivity')}**")
        chart(v, "sensitivity")


def tab_responsiveness(v: View) -> None:
    lat = v.tree.get("latency") or {}
    lang = v.lang
    res = lat.get("resolution_s")  # minute exports: "under a minute", never "0 s"
    c1, c2, c3, c4 = st.columns(4)
    c1.metric(v.tr("kpi.median_reply"), fmt_duration(lat.get("median_s"), lang, res), border=True)
    c2.metric(v.tr("app.resp.p75"), fmt_duration(lat.get("p75_s"), lang, res), border=True,
              help=v.tr("app.resp.p75_help"))
    c3.metric(v.tr("app.resp.within_1h"), fmt_pct(lat.get("km_answered_1h"), lang), border=True)
    c4.metric(v.tr("kpi.unanswered"), fmt_pct(lat.get("unanswered_share"), lang), border=True,
              help=v.tr("app.resp.unanswered_help", limit=fmt_duration(lat.get("censor_limit_s"), lang)))
    if res is not None:
        st.caption(v.tr("app.resp.resolution", res=v.tr("res.minute" if res >= 60 else "res.second")))
    left, right = st.columns(2)
    with left:
        chart(v, "latency_survival")
    with right:
        chart(v, "latency_by_hour")

    answers_section(v)

    by_category = lat.get("by_category") or []
    if by_category:
        # "Are questions and news answered, and how fast?" (docs/metrics.md): per category of the turn.
        st.subheader(v.tr("app.resp.by_category"))
        st.dataframe(pd.DataFrame({
            v.tr("report.col.category"): [_category_label(v, r.get("category")) for r in by_category],
            v.tr("report.col.turns"): [fmt_int(r.get("n_turns"), lang) for r in by_category],
            v.tr("report.col.median"): [fmt_duration(r.get("median_s"), lang, res) for r in by_category],
            v.tr("report.col.answered_1h"): [fmt_pct(r.get("km_answered_1h"), lang) for r in by_category],
            v.tr("report.col.unanswered"): [fmt_pct(r.get("unanswered_share"), lang) for r in by_category],
        }), hide_index=True)

    msgs = v.report.messages
    # The last message of each turn nobody answered (report.messages marks it answered == False).
    unanswered = msgs[msgs["answered"].eq(False).fillna(False).to_numpy(dtype=bool)]
    st.subheader(v.tr("app.resp.unanswered_turns"))
    st.caption(v.tr("app.resp.unanswered_turns_help"))
    if len(unanswered):
        shown = unanswered.sort_values("timestamp", ascending=False).head(200)
        if "category" in shown.columns:
            shown = shown.assign(category=[_category_label(v, c) for c in shown["category"]])
        _table(v, shown, {"timestamp": "app.col.time", "author": "app.col.author", "category": "app.col.category",
                          "text": "app.col.text"})
    else:
        st.success(v.tr("app.resp.all_answered"))

    by_member = lat.get("by_member") or []
    if by_member:
        st.subheader(v.tr("report.table.latency_by_member"))
        df = pd.DataFrame(by_member)
        shown = pd.DataFrame({
            v.tr("report.col.member"): df.get("member"),
            v.tr("report.col.turns"): [fmt_int(x, lang) for x in df.get("n_turns", [])],
            v.tr("report.col.median"): [fmt_duration(x, lang, res) for x in df.get("median_s", [])],
            v.tr("report.col.answered"): [fmt_pct(x, lang) for x in df.get("answered_share", [])],
            v.tr("report.col.answered_1h"): [fmt_pct(x, lang) for x in df.get("answered_1h_share", [])],
        })
        st.dataframe(shown, hide_index=True, height=300)
    notes(v, list(lat.get("notes") or []))


def tab_activity(v: View) -> None:
    chart(v, "timeline")
    left, right = st.columns(2)
    with left:
        chart(v, "activity_heatmap")
    with right:
        chart(v, "joins_leaves")
    chart(v, "emoji")
    notes(v, list((v.tree.get("activity") or {}).get("notes") or []))


def tab_data(v: View) -> None:
    msgs = v.report.messages
    query = st.text_input(v.tr("app.data.search"), key="search", placeholder=v.tr("app.data.search_hint"))
    shown = msgs
    if query.strip():
        q = query.strip()
        hit = msgs["text"].str.contains(q, case=False, regex=False).fillna(False)
        hit |= msgs["author"].str.contains(q, case=False, regex=False).fillna(False)
        shown = msgs[hit.to_numpy(dtype=bool)]
    st.caption(v.tr("app.data.count", shown=fmt_int(min(len(shown), TABLE_ROWS), v.lang),
                    total=fmt_int(len(shown), v.lang), all=fmt_int(len(msgs), v.lang)))
    labels = {"timestamp": "app.col.time", "author": "app.col.author", "kind": "app.col.kind",
              "text": "app.col.text", "category": "app.col.category", "reply_to": "app.col.reply_to",
              "latency_s": "app.col.latency_s", "answered": "app.col.answered",
              "answered_by_line": "app.col.answered_by_line", "answer_evidence": "app.col.answer_evidence"}
    page = shown.head(TABLE_ROWS)
    if "category" in page.columns:  # category codes in the page's language (display only)
        page = page.assign(category=[_category_label(v, c) for c in page["category"]])
    _table(v, page, labels, height=420)

    st.subheader(v.tr("app.data.downloads"))
    st.caption(v.tr("app.data.downloads_help"))
    report, tree = v.report, v.tree
    with st.container(horizontal=True):
        st.download_button("messages.csv", data=lambda: _csv_bytes(report.messages), file_name="messages.csv",
                           mime="text/csv", key="dl-messages-csv", on_click="ignore", icon=":material/download:")
        st.download_button("messages.parquet", data=lambda: _parquet_bytes(report.messages),
                           file_name="messages.parquet", mime="application/vnd.apache.parquet",
                           key="dl-messages-parquet", on_click="ignore", icon=":material/download:")
        st.download_button("members.csv", data=lambda: _csv_bytes(report.members), file_name="members.csv",
                           mime="text/csv", key="dl-members-csv", on_click="ignore", icon=":material/download:")
        st.download_button("messages.xlsx", data=lambda: _xlsx_bytes(report.messages, "messages"),
                           file_name="messages.xlsx", key="dl-messages-xlsx", on_click="ignore",
                           mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                           icon=":material/download:")
        st.download_button("members.xlsx", data=lambda: _xlsx_bytes(report.members, "members"),
                           file_name="members.xlsx", key="dl-members-xlsx", on_click="ignore",
                           mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                           icon=":material/download:")
        st.download_button("report.json", data=lambda: _json_bytes(tree), file_name="report.json",
                           mime="application/json", key="dl-report-json", on_click="ignore",
                           icon=":material/download:")
    with st.expander(v.tr("app.data.parameters")):
        st.json(tree.get("parameters") or {}, expanded=False)


TAB_BODIES: dict[str, Callable[[View], None]] = {
    "overview": tab_overview, "participation": tab_participation, "sharing": tab_sharing,
    "network": tab_network, "responsiveness": tab_responsiveness, "activity": tab_activity, "data": tab_data,
}


# ------------------------------------------------------------------------------------------------
# Page


def _digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _quality(lang: str, chat: Chat, tree: Mapping[str, Any], anonymise: bool) -> None:
    """Parse-quality warnings always visible, in the page's language with the dashboard's switch
    as advice (analyzer.notices); the details one click away."""
    from analyzer.notices import localised_warnings

    q = chat.quality
    warnings = localised_warnings([*q.warnings, *(tree.get("warnings") or [])],
                                  [*(getattr(q, "notices", None) or []), *(tree.get("notices") or [])], lang, "app")
    for w in warnings:
        st.warning(md_escape(w), icon=":material/warning:")
    label = t("app.quality.title", lang) + ("" if warnings else " ✓")
    with st.expander(label):
        rows = [
            ("app.quality.platform", q.platform),
            ("app.quality.date_order", f"{q.date_order}" + (f" ({t('app.quality.ambiguous', lang)})"
                                                            if q.date_order_ambiguous else "")),
            ("app.quality.date_order_reason", q.date_order_reason),
            ("app.quality.clock", q.clock),
            ("app.quality.resolution", fmt_duration(q.timestamp_resolution_s, lang)),
            ("app.quality.language", q.language),
            ("app.quality.lines", fmt_int(q.lines, lang)),
            ("app.quality.records", fmt_int(q.records, lang)),
            ("app.quality.skipped", fmt_int(q.skipped_lines, lang)),
            ("app.quality.unparsed", fmt_int(q.unparsed_header_lines, lang)),
            ("app.quality.replaced", fmt_int(q.replaced_bytes, lang)),
            ("app.quality.out_of_order", fmt_int(q.out_of_order_records, lang)),
        ]
        st.dataframe(pd.DataFrame({t("report.key", lang): [t(k, lang) for k, _ in rows],
                                   t("report.value", lang): [str(x) for _, x in rows]}), hide_index=True)
        # Raw lines quote names: never on screen when pseudonyms are asked for.
        if q.unparsed_header_samples and not anonymise:
            st.caption(t("app.quality.samples", lang))
            st.code("\n".join(q.unparsed_header_samples), language=None)
        if not warnings:
            st.caption(t("app.quality.ok", lang))


def _sidebar_source(lang: str) -> tuple[bytes, str, bool]:
    """The file to analyse: the upload (in memory) or the bundled sample. (bytes, name, is_sample)"""
    st.sidebar.header(t("app.sidebar.data", lang))
    uploaded = st.sidebar.file_uploader(t("app.upload.label", lang), type=["txt", "zip"], key="upload",
                                        help=t("app.upload.help", lang))
    with st.sidebar.expander(t("app.howto.title", lang)):
        st.markdown(f"**{t('app.howto.android_title', lang)}**\n\n{t('app.howto.android', lang)}")
        st.markdown(f"**{t('app.howto.iphone_title', lang)}**\n\n{t('app.howto.iphone', lang)}")
        st.caption(t("app.howto.privacy", lang))
    if uploaded is None:
        return _sample_bytes(), SAMPLE.name, True
    return uploaded.getvalue(), uploaded.name, False


def _sidebar_dates(lang: str) -> tuple[str | None, int | None]:
    """How dates are read (the CLI's --date-order and --year): automatic unless a warning says
    otherwise. (date_order or None, year or None)"""
    with st.sidebar.expander(t("app.dates.title", lang)):
        # Options are the same strings in every language (a translated label would not survive a
        # language switch inside the widget's state); "–" = detected automatically.
        order = st.selectbox(t("app.dates.order", lang), options=["–", "DMY", "MDY", "YMD"], key="date_order",
                             help=t("app.dates.order_auto", lang) + " (–). " + t("app.dates.order_help", lang))
        year = st.number_input(t("app.dates.year", lang), min_value=0, max_value=2100, value=0, step=1,
                               key="year", help=t("app.dates.year_help", lang))
    return (order if order in ("DMY", "MDY", "YMD") else None), (int(year) if year and year >= 1970 else None)


def _pick_zip_chat(lang: str, data: bytes, name: str) -> tuple[bytes, str]:
    """A zip with two or more chat files: the coordinator picks one (never silently the larger)."""
    from analyzer.chat.sources import read_zip_member, zip_chat_files

    chats = zip_chat_files(data)
    if len(chats) < 2:
        return data, name
    st.sidebar.warning(t("app.zip.several", lang, n=len(chats)), icon=":material/folder_zip:")
    choice = st.sidebar.selectbox(t("app.zip.pick", lang), chats, key=f"zip-{_digest(data)[:16]}")
    try:
        return read_zip_member(data, choice, container=name).data, f"{name}:{choice}"
    except ChatFormatError:
        return data, name  # the parser then reports what is wrong with the archive


def _sidebar_filters(lang: str, chat: Chat, digest: str) -> tuple[bool, tuple[str, ...], str | None, str | None]:
    """Anonymise switch, date window and excluded members; (anonymise, exclude, start, end)."""
    st.sidebar.header(t("app.sidebar.filters", lang))
    anonymise = st.sidebar.toggle(t("app.anonymise", lang), key="anonymise", help=t("app.anonymise.help", lang))
    ts = chat.messages["timestamp"].dropna()
    start = end = None
    if len(ts):
        first, last = ts.min().date(), ts.max().date()
        # Keyed by the file and how its dates are read: a window chosen for one export (or one date
        # order) must not leak into the next one.
        picked = st.sidebar.date_input(t("app.filter.dates", lang), value=(first, last), min_value=first,
                                       max_value=last, key=f"dates-{_digest(digest.encode())[:16]}", format="DD/MM/YYYY",
                                       help=t("app.filter.dates_help", lang))
        days = list(picked) if isinstance(picked, (tuple, list)) else [picked]
        if days and isinstance(days[0], date) and days[0] > first:
            start = days[0].isoformat()
        # While a range is being picked the widget holds one date: the end stays open until then.
        if len(days) > 1 and isinstance(days[1], date) and days[1] < last:
            end = days[1].isoformat()
    names = member_names(chat)
    exclude = st.sidebar.multiselect(
        t("app.filter.exclude", lang), options=names, key=f"exclude-{digest[:16]}",
        format_func=lambda n: _shown_name(n, anonymise), help=t("app.filter.exclude_help", lang),
        placeholder=t("app.filter.exclude_placeholder", lang))
    return anonymise, tuple(sorted(exclude)), start, end


def _network_warning(lang: str) -> None:
    """A warning on every page when the dashboard listens beyond this computer (`make
    run-network`): anyone on the same network can then open the chat that is loaded."""
    address = str(st.get_option("server.address") or "")
    if address not in LOOPBACK and not address.startswith("unix://"):
        st.sidebar.warning(t("app.network_exposed", lang, address=md_escape(address or "0.0.0.0")),
                           icon=":material/warning:")


@st.fragment(run_every=1.0)
def _wait_for_full(future: Future, lang: str) -> None:
    """While the network is computed in the background: a note, checked every second; when the
    complete analysis is ready the whole page reruns with it."""
    if future.done():
        st.rerun()
    st.caption(":material/hourglass_top: " + t("app.status.network", lang))


def main() -> None:
    lang = st.session_state.get("lang", DEFAULT_LANG)
    if lang not in LANGS:
        lang = DEFAULT_LANG
    st.set_page_config(page_title=t("app.title", lang), page_icon=str(FAVICON) if FAVICON.exists() else None,
                       layout="wide")
    lang = st.sidebar.radio(t("app.language", lang), options=list(LANGS), format_func=LANG_NAMES.get,
                            key="lang", horizontal=True)

    _network_warning(lang)
    data, name, is_sample = _sidebar_source(lang)
    date_order, year = _sidebar_dates(lang)
    data, name = _pick_zip_chat(lang, data, name)
    digest = _parse_key(data, date_order, year)
    st.title(t("app.title", lang))
    try:
        with st.spinner(t("app.status.reading", lang), show_time=True):
            raw = _chat(digest, data)
    except ChatFormatError as e:
        # The parser's one sentence, never a traceback; the export guidance is right next to it.
        # The file name and the message (which may quote it) are the user's text, not Markdown.
        st.error(t("app.error.parse", lang, name=md_escape(name or ""), message=md_escape(str(e))),
                 icon=":material/error:")
        st.info(t("app.error.hint", lang))
        st.stop()

    anonymise, exclude, start, end = _sidebar_filters(lang, raw, digest)
    key = (digest, anonymise, exclude, start, end)
    # A small chat waits for the complete analysis (one consistent page, no flicker). A big one is
    # drawn from the quick analysis, and the complete one is started only once the page is drawn,
    # so that it does not compete for the two cores while the coordinator waits.
    small = len(raw.messages) <= SMALL_CHAT_RECORDS
    wait = WAIT_FULL_S if WAIT_FULL_S is not None else (SMALL_CHAT_WAIT_S if small else 0.0)
    try:
        with st.spinner(t("app.status.analysing", lang), show_time=True):
            future = _full_analysis(*key, data) if (small or wait > 0) else _full_runs().peek(key)
            report = tree = None
            failed = False
            if future is not None:
                try:
                    report, tree = future.result(timeout=wait)
                except FutureTimeout:
                    pass
                except AnalysisParameterError:
                    raise
                except Exception:  # noqa: BLE001 - e.g. the network step failed: show everything else
                    log.exception("complete analysis failed")
                    failed = True
            complete = tree is not None
            if not complete:
                report, tree = _quick_analysis(*key, data)
    except AnalysisParameterError as e:
        st.error(t("app.error.parameters", lang, message=str(e)), icon=":material/error:")
        st.stop()

    chat_shown = _anonymous_chat(digest, data) if anonymise else raw
    win = tree.get("window") or {}
    source = (tree.get("format") or {}).get("source") if anonymise else name
    period = f"{(win.get('first_record') or '–')[:10]} – {(win.get('last_record') or '–')[:10]}"
    st.caption(t("app.caption", lang, source=md_escape(source or "–"), period=period,
                 messages=fmt_int(win.get("n_messages"), lang), members=fmt_int(
                     (tree.get("participation") or {}).get("n_members"), lang)))
    if is_sample:
        st.info(t("app.sample_note", lang), icon=":material/info:")
    if anonymise:
        st.caption(t("app.anonymised_note", lang))
    _quality(lang, chat_shown, tree, anonymise)
    status_slot = st.container()  # filled at the end, once the complete analysis is under way

    state = "ready" if complete else ("failed" if failed else "running")
    view = View(lang=lang, report=report, tree=tree, complete=complete, anonymise=anonymise, key=key,
                network_state=state)
    # Only the open tab is drawn (on_change="rerun"): a filter change then builds one tab's charts
    # and tables, not all seven. The open tab is kept by its label, so a language switch maps it.
    labels = [t(f"app.tab.{k}", lang) for k in TABS]
    open_label = st.session_state.get("tab")
    for other in LANGS:
        others = [t(f"app.tab.{k}", other) for k in TABS]
        if open_label in others and open_label not in labels:
            st.session_state["tab"] = labels[others.index(open_label)]
    for tab, name_ in zip(st.tabs(labels, key="tab", on_change="rerun"), TABS):
        with tab:
            if tab.open is not False:  # None (no state tracking) would mean: draw every tab
                section_guard(view, TAB_BODIES[name_])

    if state == "running":
        if future is None:
            future = _full_analysis(*key, data)  # the page is drawn: now the network's turn
        with status_slot:
            _wait_for_full(future, lang)


# `streamlit run app.py` and AppTest run this file as __main__; tests import it as `app` to reach the
# download helpers without drawing a page.
if __name__ == "__main__":
    main()
