"""The data page: the tables and every download, as the CLI writes them."""
from __future__ import annotations

import streamlit as st

from analyzer.dashboard.downloads import (
    csv_bytes,
    json_bytes,
    parquet_bytes,
    xlsx_bytes,
)
from analyzer.dashboard.settings import TABLE_ROWS
from analyzer.dashboard.widgets import View, category_label, show_table
from analyzer.i18n import fmt_int


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
        page = page.assign(category=[category_label(v, c) for c in page["category"]])
    show_table(v, page, labels, height=420)

    st.subheader(v.tr("app.data.downloads"))
    st.caption(v.tr("app.data.downloads_help"))
    report, tree = v.report, v.tree
    with st.container(horizontal=True):
        st.download_button("messages.csv", data=lambda: csv_bytes(report.messages), file_name="messages.csv",
                           mime="text/csv", key="dl-messages-csv", on_click="ignore", icon=":material/download:")
        st.download_button("messages.parquet", data=lambda: parquet_bytes(report.messages),
                           file_name="messages.parquet", mime="application/vnd.apache.parquet",
                           key="dl-messages-parquet", on_click="ignore", icon=":material/download:")
        st.download_button("members.csv", data=lambda: csv_bytes(report.members), file_name="members.csv",
                           mime="text/csv", key="dl-members-csv", on_click="ignore", icon=":material/download:")
        st.download_button("messages.xlsx", data=lambda: xlsx_bytes(report.messages, "messages"),
                           file_name="messages.xlsx", key="dl-messages-xlsx", on_click="ignore",
                           mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                           icon=":material/download:")
        st.download_button("members.xlsx", data=lambda: xlsx_bytes(report.members, "members"),
                           file_name="members.xlsx", key="dl-members-xlsx", on_click="ignore",
                           mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                           icon=":material/download:")
        st.download_button("report.json", data=lambda: json_bytes(tree), file_name="report.json",
                           mime="application/json", key="dl-report-json", on_click="ignore",
                           icon=":material/download:")
    with st.expander(v.tr("app.data.parameters")):
        st.json(tree.get("parameters") or {}, expanded=False)
