"""The page itself: language, sidebar, analysis, tabs. `main()` is what ``streamlit run`` executes."""
from __future__ import annotations

import logging
from concurrent.futures import Future
from concurrent.futures import TimeoutError as FutureTimeout

import streamlit as st

from analyzer import ChatFormatError
from analyzer.analysis import AnalysisParameterError
from analyzer.dashboard.settings import (
    FAVICON,
    LANG_NAMES,
    SMALL_CHAT_RECORDS,
    SMALL_CHAT_WAIT_S,
    TABS,
    wait_full_s,
)
from analyzer.dashboard.sidebar import (
    network_warning,
    pick_zip_chat,
    quality_box,
    sidebar_dates,
    sidebar_filters,
    sidebar_source,
)
from analyzer.dashboard.state import (
    anonymous_chat,
    full_analysis,
    full_runs,
    parse_key,
    parsed_chat,
    quick_analysis,
)
from analyzer.dashboard.tabs import TAB_BODIES
from analyzer.dashboard.widgets import View, md_escape, section_guard
from analyzer.i18n import DEFAULT_LANG, LANGS, fmt_int, t

log = logging.getLogger("wa-analyzer.app")


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

    network_warning(lang)
    data, name, is_sample = sidebar_source(lang)
    date_order, year = sidebar_dates(lang)
    data, name = pick_zip_chat(lang, data, name)
    digest = parse_key(data, date_order, year)
    st.title(t("app.title", lang))
    try:
        with st.spinner(t("app.status.reading", lang), show_time=True):
            raw = parsed_chat(digest, data)
    except ChatFormatError as e:
        # The parser's one sentence, never a traceback; the export guidance is right next to it.
        # The file name and the message (which may quote it) are the user's text, not Markdown.
        st.error(t("app.error.parse", lang, name=md_escape(name or ""), message=md_escape(str(e))),
                 icon=":material/error:")
        st.info(t("app.error.hint", lang))
        st.stop()

    anonymise, exclude, start, end = sidebar_filters(lang, raw, digest)
    key = (digest, anonymise, exclude, start, end)
    # A small chat waits for the complete analysis (one consistent page, no flicker). A big one is
    # drawn from the quick analysis, and the complete one is started only once the page is drawn,
    # so that it does not compete for the two cores while the coordinator waits.
    small = len(raw.messages) <= SMALL_CHAT_RECORDS
    fixed_wait = wait_full_s()
    wait = fixed_wait if fixed_wait is not None else (SMALL_CHAT_WAIT_S if small else 0.0)
    try:
        with st.spinner(t("app.status.analysing", lang), show_time=True):
            future = full_analysis(*key, data) if (small or wait > 0) else full_runs().peek(key)
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
                report, tree = quick_analysis(*key, data)
    except AnalysisParameterError as e:
        st.error(t("app.error.parameters", lang, message=str(e)), icon=":material/error:")
        st.stop()

    chat_shown = anonymous_chat(digest, data) if anonymise else raw
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
    quality_box(lang, chat_shown, tree, anonymise)
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
            future = full_analysis(*key, data)  # the page is drawn: now the network's turn
        with status_slot:
            _wait_for_full(future, lang)
