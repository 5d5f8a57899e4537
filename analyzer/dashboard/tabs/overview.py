"""The overview page: key numbers, the summary sentences and two charts."""
from __future__ import annotations

import streamlit as st

from analyzer.dashboard.widgets import View, chart, md_escape
from analyzer.i18n import TEXT
from analyzer.outputs.narrative import key_numbers, summary_sentences


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
