"""The network page: who answers whom, weak ties, bridges and brokers."""
from __future__ import annotations

import pandas as pd
import streamlit as st

from analyzer.dashboard.widgets import View, chart, notes
from analyzer.i18n import TEXT, fmt_int, fmt_num, fmt_pct


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
