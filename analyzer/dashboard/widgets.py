"""The building blocks every page uses: the `View` of one analysis, charts with downloads, notes,
tables, and a guard that turns a failing section into a message instead of a blank page.
"""
from __future__ import annotations

import logging
from dataclasses import dataclass
from typing import Callable, Mapping

import pandas as pd
import plotly.graph_objects as go
import streamlit as st

from analyzer.analysis import Report
from analyzer.dashboard.images import image_renderer
from analyzer.dashboard.settings import (
    CHART_HEIGHT,
    DOWNLOAD_FORMATS,
    MIME,
    OVERVIEW_HEIGHT,
    PLOTLY_CONFIG,
)
from analyzer.dashboard.state import cached_figure, cached_overview_figure
from analyzer.i18n import TEXT, t
from analyzer.outputs.charts import CHARTS

log = logging.getLogger("wa-analyzer.app")


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
        fig = cached_overview_figure(*v.key, v.complete, v.lang, name, v.tree)
    else:
        fig = cached_figure(*v.key, v.complete, v.lang, name, v.tree)
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
    renderer = image_renderer()
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


def show_table(v: View, df: pd.DataFrame, labels: Mapping[str, str], height: int | str = "auto") -> None:
    """A read-only table with translated column headers (display only)."""
    cols = [c for c in labels if c in df.columns]
    st.dataframe(df[cols].rename(columns={c: v.tr(labels[c]) for c in cols}), hide_index=True, height=height,
                 placeholder="–")  # a system line has no author: a dash, not "None"


def category_label(v: View, cat: object) -> str:
    """A message category in the page's language (`cat.*`), a dash for none."""
    if cat is None or cat is pd.NA or (isinstance(cat, float) and cat != cat):
        return "–"
    key = f"cat.{cat}"
    return v.tr(key) if key in TEXT else str(cat)
