"""The sidebar: the file (upload or sample), date reading, filters, and the parse-quality box."""
from __future__ import annotations

from datetime import date
from typing import Any, Mapping

import pandas as pd
import streamlit as st

from analyzer import ChatFormatError
from analyzer.chat.model import Chat
from analyzer.dashboard.settings import LOOPBACK, SAMPLE, start_chat
from analyzer.dashboard.state import file_digest, sample_bytes, shown_name, start_bytes
from analyzer.dashboard.widgets import md_escape
from analyzer.i18n import fmt_duration, fmt_int, t
from analyzer.metrics.filters import member_names


def quality_box(lang: str, chat: Chat, tree: Mapping[str, Any], anonymise: bool) -> None:
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


def sidebar_source(lang: str) -> tuple[bytes, str, bool]:
    """The file to analyse: the upload (in memory), else the export named on the command line
    (``wa-analyzer dashboard CHAT``), else the bundled sample. (bytes, name, is_sample)"""
    st.sidebar.header(t("app.sidebar.data", lang))
    uploaded = st.sidebar.file_uploader(t("app.upload.label", lang), type=["txt", "zip"], key="upload",
                                        help=t("app.upload.help", lang))
    with st.sidebar.expander(t("app.howto.title", lang)):
        st.markdown(f"**{t('app.howto.android_title', lang)}**\n\n{t('app.howto.android', lang)}")
        st.markdown(f"**{t('app.howto.iphone_title', lang)}**\n\n{t('app.howto.iphone', lang)}")
        st.caption(t("app.howto.privacy", lang))
    if uploaded is None:
        given = start_chat()
        if given is not None:
            try:
                return start_bytes(str(given), given.stat().st_mtime_ns), given.name, False
            except OSError as e:
                st.sidebar.error(t("app.error.start_chat", lang, name=md_escape(given.name),
                                   message=md_escape(e.strerror or str(e))), icon=":material/error:")
        return sample_bytes(), SAMPLE.name, True
    return uploaded.getvalue(), uploaded.name, False


def sidebar_dates(lang: str) -> tuple[str | None, int | None]:
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


def pick_zip_chat(lang: str, data: bytes, name: str) -> tuple[bytes, str]:
    """A zip with two or more chat files: the coordinator picks one (never silently the larger)."""
    from analyzer.chat.sources import read_zip_member, zip_chat_files

    chats = zip_chat_files(data)
    if len(chats) < 2:
        return data, name
    st.sidebar.warning(t("app.zip.several", lang, n=len(chats)), icon=":material/folder_zip:")
    choice = st.sidebar.selectbox(t("app.zip.pick", lang), chats, key=f"zip-{file_digest(data)[:16]}")
    try:
        return read_zip_member(data, choice, container=name).data, f"{name}:{choice}"
    except ChatFormatError:
        return data, name  # the parser then reports what is wrong with the archive


def sidebar_filters(lang: str, chat: Chat, digest: str) -> tuple[bool, tuple[str, ...], str | None, str | None]:
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
                                       max_value=last, key=f"dates-{file_digest(digest.encode())[:16]}", format="DD/MM/YYYY",
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
        format_func=lambda n: shown_name(n, anonymise), help=t("app.filter.exclude_help", lang),
        placeholder=t("app.filter.exclude_placeholder", lang))
    return anonymise, tuple(sorted(exclude)), start, end


def network_warning(lang: str) -> None:
    """A warning on every page when the dashboard listens beyond this computer (`make
    run-network`): anyone on the same network can then open the chat that is loaded."""
    address = str(st.get_option("server.address") or "")
    if address not in LOOPBACK and not address.startswith("unix://"):
        st.sidebar.warning(t("app.network_exposed", lang, address=md_escape(address or "0.0.0.0")),
                           icon=":material/warning:")
