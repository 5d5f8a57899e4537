"""The activity page: volume over time, hours and weekdays, joins and leaves."""
from __future__ import annotations

import streamlit as st

from analyzer.dashboard.widgets import View, chart, notes


def tab_activity(v: View) -> None:
    chart(v, "timeline")
    left, right = st.columns(2)
    with left:
        chart(v, "activity_heatmap")
    with right:
        chart(v, "joins_leaves")
    chart(v, "emoji")
    notes(v, list((v.tree.get("activity") or {}).get("notes") or []))
