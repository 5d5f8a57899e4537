"""Figures of the per-member views (analyzer.metrics.member_views) for chosen members.

    from analyzer.outputs.member_charts import build_member_charts
    figs = build_member_charts(views, lang="id")   # {"member_activity", "response_matrix_sender",
                                                   #  "response_matrix_receiver", "message_lengths"}

Same theme, languages and rules as analyzer.outputs.charts (draws only; chat text escaped; explicit
template). Members get the CVD-safe network palette in the order chosen, with line dashes as a
second cue beyond five members.
"""
from __future__ import annotations

from typing import Any, Mapping

import plotly.graph_objects as go

from analyzer.outputs.charts import (
    SEQUENTIAL,
    TICK_PX,
    FONT_PX,
    _count_axis,
    _figure,
    _month_axis,
    _no_data,
    chat_text,
    finish,
)
from analyzer.i18n import check_lang, fmt_int, t
from analyzer.outputs.network_chart import PALETTE

DASHES = ("solid", "dot", "dash", "longdash", "dashdot")


def _name(views: Mapping[str, Any], m: str, lang: str, n: int = 18) -> str:
    return t("chart.member.others", lang) if m == views.get("others_key") else chat_text(m, n)


def member_activity(views: Mapping[str, Any], lang: str = "id") -> go.Figure:
    """Messages per calendar month of each chosen member (zero months drawn as zeros)."""
    a = views.get("activity") or {}
    months = list(a.get("periods") or [])
    fig = _figure("member_activity", lang, subtitle=t("chart.member_activity.subtitle", lang,
                                                       k=fmt_int(len(views.get("members") or []), lang)))
    if not months:
        return _no_data(fig, lang)
    top = 0
    for i, m in enumerate(views.get("members") or []):
        ys = (a.get("counts") or {}).get(m) or [0] * len(months)
        top = max([top, *ys])
        fig.add_trace(go.Scatter(
            x=months, y=ys, mode="lines+markers", name=_name(views, m, lang),
            line=dict(color=PALETTE[i % len(PALETTE)], dash=DASHES[(i // len(PALETTE)) % len(DASHES)]),
            hovertemplate="%{x|%Y-%m}: %{y}<extra>%{fullData.name}</extra>"))
    _month_axis(fig, months)
    fig.update_yaxes(rangemode="tozero")
    _count_axis(fig, "y", top)
    return fig


def response_matrix(views: Mapping[str, Any], lang: str = "id", by: str = "sender") -> go.Figure:
    """Who replies to whom among the chosen members, as shares normalised by sender (rows sum to
    100%) or by receiver (columns sum to 100%); the reply counts are in the hover."""
    if by not in ("sender", "receiver"):
        raise ValueError("by must be 'sender' or 'receiver'")
    r = views.get("replies") or {}
    labels = [_name(views, m, lang, 14) for m in r.get("labels") or []]
    fig = _figure("response_matrix", lang, subtitle=t(f"chart.response_matrix.subtitle_{by}", lang))
    z = r.get(f"by_{by}") or []
    if not labels or not any(v for row in (r.get("counts") or []) for v in row):
        return _no_data(fig, lang)
    fig.add_trace(go.Heatmap(
        z=z, x=labels, y=labels, colorscale=SEQUENTIAL, zmin=0, zmax=1, xgap=1, ygap=1,
        customdata=r.get("counts"), texttemplate="%{z:.0%}", textfont=dict(size=TICK_PX),
        colorbar=dict(title=dict(text=t("chart.response_matrix.colorbar", lang), side="right", font=dict(size=FONT_PX)),
                      tickformat=".0%", thickness=10, outlinewidth=0, tickfont=dict(size=TICK_PX), len=1),
        hovertemplate="%{y} → %{x}: %{z:.0%} (%{customdata})<extra></extra>"))
    # Vertical names: the columns are narrow, and slanted labels run into each other.
    fig.update_xaxes(type="category", showgrid=False, showline=False, ticks="", tickangle=-90)
    fig.update_yaxes(type="category", autorange="reversed", showgrid=False, showline=False, ticks="")
    fig.update_layout(meta={**(fig.layout.meta or {}), "by": by})
    return fig


def message_lengths(views: Mapping[str, Any], lang: str = "id") -> go.Figure:
    """Characters per text message of each chosen member: box = quartiles, line = median, whiskers
    = 5th and 95th percentiles, n in the label."""
    stats = views.get("lengths") or {}
    members = [m for m in views.get("members") or [] if (stats.get(m) or {}).get("n")]
    fig = _figure("message_lengths", lang, subtitle=t("chart.message_lengths.subtitle", lang))
    if not members:
        return _no_data(fig, lang)
    labels = [f"{_name(views, m, lang)} (n = {fmt_int(stats[m]['n'], lang)})" for m in members]
    fig.add_trace(go.Box(
        y=labels, orientation="h", q1=[stats[m]["q1"] for m in members], median=[stats[m]["median"] for m in members],
        q3=[stats[m]["q3"] for m in members], lowerfence=[stats[m]["p5"] for m in members],
        upperfence=[stats[m]["p95"] for m in members], mean=[stats[m]["mean"] for m in members],
        boxmean=True, marker_color=PALETTE[0], fillcolor="rgba(51,34,136,0.25)", line=dict(width=1.2),
        showlegend=False, hoverinfo="x+y"))
    fig.update_yaxes(autorange="reversed", type="category", showgrid=False, ticks="")
    fig.update_xaxes(rangemode="tozero")
    _count_axis(fig, "x", max(stats[m]["p95"] or 0 for m in members))
    fig.update_layout(meta={**(fig.layout.meta or {}), "rows": len(members)})
    return fig


def build_member_charts(views: Mapping[str, Any], lang: str = "id", *, size: str = "double",
                        titles: bool = True) -> dict[str, go.Figure]:
    """The per-member figures, fitted to `size` (see `analyzer.outputs.charts.finish`)."""
    check_lang(lang)
    figs = {"member_activity": member_activity(views, lang),
            "response_matrix_sender": response_matrix(views, lang, "sender"),
            "response_matrix_receiver": response_matrix(views, lang, "receiver"),
            "message_lengths": message_lengths(views, lang)}
    return {k: finish(f, size, titles) for k, f in figs.items()}
