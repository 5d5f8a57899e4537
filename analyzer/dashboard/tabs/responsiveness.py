"""The responsiveness page: the next response after a turn, and answered requests."""
from __future__ import annotations

import pandas as pd
import streamlit as st

from analyzer.dashboard.widgets import View, category_label, chart, notes, show_table
from analyzer.i18n import fmt_duration, fmt_int, fmt_pct


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
            show_table(v, shown, {"line": "app.col.line", "timestamp": "app.col.time", "author": "app.col.author",
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
            v.tr("report.col.category"): [category_label(v, r.get("category")) for r in by_category],
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
            shown = shown.assign(category=[category_label(v, c) for c in shown["category"]])
        show_table(v, shown, {"timestamp": "app.col.time", "author": "app.col.author", "category": "app.col.category",
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
