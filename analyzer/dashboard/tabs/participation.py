"""The participation page: how unequal posting is, and the members of interest."""
from __future__ import annotations

import pandas as pd
import streamlit as st

from analyzer.dashboard.settings import PLOTLY_CONFIG
from analyzer.dashboard.state import cached_member_figures
from analyzer.dashboard.widgets import View, chart, notes
from analyzer.i18n import fmt_int, fmt_num, fmt_pct


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
    figs = cached_member_figures(*v.key, v.complete, v.lang, tuple(chosen), msgs)
    st.plotly_chart(figs["member_activity"], theme=None, key="chart-member_activity", config=PLOTLY_CONFIG)
    by = st.radio(v.tr("app.members.normalise"), options=["sender", "receiver"], horizontal=True, key="moi-by",
                  format_func=lambda b: v.tr(f"app.members.by_{b}"))
    left, right = st.columns(2)
    with left:
        st.plotly_chart(figs[f"response_matrix_{by}"], theme=None, key="chart-response_matrix", config=PLOTLY_CONFIG)
    with right:
        st.plotly_chart(figs["message_lengths"], theme=None, key="chart-message_lengths", config=PLOTLY_CONFIG)
