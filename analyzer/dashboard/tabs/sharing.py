"""The sharing page: message categories, who shares business news, and hand-coding."""
from __future__ import annotations

import pandas as pd
import streamlit as st

from analyzer.dashboard.coding import coding_section
from analyzer.dashboard.settings import EXAMPLES_PER_CATEGORY
from analyzer.dashboard.widgets import View, category_label, chart, notes, show_table
from analyzer.i18n import fmt_int, fmt_pct


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
            label = category_label(v, cat)
            with st.expander(f"{label} ({fmt_int(int((msgs['category'] == cat).sum()), v.lang)})"):
                labels = {"timestamp": "app.col.time", "author": "app.col.author", "text": "app.col.text"}
                if has_reason:
                    labels["category_reason"] = "app.col.reason"
                show_table(v, rows, labels)
    if content:
        notes(v, list(content.get("notes") or []))
        coding_section(v)
