"""Plotly figure of the interaction network (issue 5). Draws; never computes a metric.

    from analyzer.network_chart import network_figure
    fig = network_figure(report.network, lang="id")            # a NetworkResult
    fig = network_figure(report.to_dict(), "en")               # report.json (charts.CHARTS["network"])

Node size ∝ √messages, colour = Louvain community (the first eight in the Okabe–Ito palette, the
rest grey), weak ties (w ≤ w_weak) dashed, strong ties solid and thicker, the top brokers by
betweenness labelled. Positions come from networkx's spring layout with a fixed `seed`, so the same
report gives the same picture. The template is passed explicitly because importing streamlit
changes plotly's default template.
"""
from __future__ import annotations

import html
import math
from typing import Any, Mapping

import networkx as nx
import plotly.graph_objects as go

PALETTE = ("#0072B2", "#E69F00", "#009E73", "#D55E00", "#CC79A7", "#56B4E9", "#000000", "#F0E442")
OTHER = "#9E9E9E"

_TEXT = {
    "title": {"en": "Reply network", "id": "Jaringan balasan"},
    "strong": {"en": "strong tie (w > {w})", "id": "ikatan kuat (w > {w})"},
    "weak": {"en": "weak tie (w ≤ {w})", "id": "ikatan lemah (w ≤ {w})"},
    "members": {"en": "members", "id": "anggota"},
    "subtitle": {"en": "{n} members, {e} ties · Δ = {d} min · size = messages, colour = community",
                 "id": "{n} anggota, {e} ikatan · Δ = {d} menit · ukuran = pesan, warna = komunitas"},
    "hover": {"en": "{m}<br>messages: {x}<br>community: {c}<br>betweenness: {b}",
              "id": "{m}<br>pesan: {x}<br>komunitas: {c}<br>betweenness: {b}"},
    "empty": {"en": "No replies or mentions in this period", "id": "Tidak ada balasan atau mention pada periode ini"},
}


def _tr(key: str, lang: str, **kw: object) -> str:
    if key == "title":  # one title for the chart everywhere (analyzer.i18n, chart.network.title)
        try:
            from .i18n import t

            return t("chart.network.title", lang)
        except (ImportError, KeyError):
            pass
    s = _TEXT[key].get(lang, _TEXT[key]["en"])
    return s.format(**kw) if kw else s


def _network_dict(result: Any) -> Mapping[str, Any]:
    """Accept a NetworkResult, its `to_dict()`, or a whole report dict with a `network` section."""
    if hasattr(result, "to_dict") and hasattr(result, "edge_frame"):
        return result.to_dict()
    if isinstance(result, Mapping) and "network" in result and "graph" not in result:
        if result["network"] is None:
            raise LookupError("the report has no network section")
        return result["network"]
    return result


def network_figure(
    result: Any,
    messages_per_member: Mapping[str, int] | str | None = None,
    *,
    seed: int = 0,
    lang: str = "en",
    template: Any = "plotly_white",
    label_brokers: int = 5,
    max_label_chars: int = 24,
) -> go.Figure:
    """The network drawing of `result` (NetworkResult, network dict or report dict).

    messages_per_member overrides node sizes (member → messages); given a string instead, it is
    taken as `lang`, so `network_figure(report_dict, "id")` (the contract of
    `analyzer.charts.network`) works too. The `label_brokers` members with the highest betweenness
    (> 0) are labelled. Names are HTML-escaped: plotly renders tags inside labels.
    """
    if isinstance(messages_per_member, str):
        lang, messages_per_member = messages_per_member, None
    net = _network_dict(result)
    graph = net.get("graph") or {}
    ncols = graph.get("node_columns", ["member", "messages", "community", "betweenness"])
    ecols = graph.get("edge_columns", ["source", "target", "weight", "weak", "overlap", "local_bridge"])
    nodes = [dict(zip(ncols, row)) for row in graph.get("nodes", [])]
    edges = [dict(zip(ecols, row)) for row in graph.get("edges", [])]
    params = net.get("parameters") or {}
    w_weak = params.get("w_weak", 2)
    delta_min = (params.get("delta_s") or 1800) / 60
    msgs = {n["member"]: int(n.get("messages") or 0) for n in nodes}
    if messages_per_member is not None:
        msgs.update({str(k): int(v) for k, v in dict(messages_per_member).items() if str(k) in msgs})

    fig = go.Figure()
    fig.update_layout(
        template=template,
        title=dict(text=_tr("title", lang), subtitle=dict(text=_tr(
            "subtitle", lang, n=len(nodes), e=len(edges), d=f"{delta_min:g}"))),
        xaxis=dict(visible=False), yaxis=dict(visible=False, scaleanchor="x", scaleratio=1),
        showlegend=True, hovermode="closest",
        meta=dict(chart="network", lang=lang),
    )
    if not nodes:
        fig.add_annotation(text=_tr("empty", lang), showarrow=False, x=0.5, y=0.5, xref="paper", yref="paper")
        return fig

    G = nx.Graph()
    G.add_nodes_from(n["member"] for n in nodes)
    G.add_weighted_edges_from((e["source"], e["target"], e["weight"]) for e in edges)
    # Sorted input + seed: the same report always gives the same picture.
    pos = nx.spring_layout(G, weight="weight", seed=seed, iterations=100 if len(nodes) <= 300 else 50)

    for weak in (False, True):
        xs: list[float | None] = []
        ys: list[float | None] = []
        for e in edges:
            if bool(e["weak"]) is weak:
                (x0, y0), (x1, y1) = pos[e["source"]], pos[e["target"]]
                xs += [float(x0), float(x1), None]
                ys += [float(y0), float(y1), None]
        fig.add_trace(go.Scatter(
            x=xs, y=ys, mode="lines", hoverinfo="skip",
            name=_tr("weak" if weak else "strong", lang, w=w_weak),
            line=dict(color="#B0B0B0" if weak else "#707070", width=0.7 if weak else 1.6,
                      dash="dash" if weak else "solid"),
        ))

    top = [n["member"] for n in sorted(nodes, key=lambda n: -(n.get("betweenness") or 0))
           if (n.get("betweenness") or 0) > 0][:label_brokers]
    biggest = max(msgs.values()) if msgs else 0
    sizes, colours, hover, labels = [], [], [], []
    for n in nodes:
        m = n["member"]
        x = msgs.get(m, 0)
        sizes.append(6 + 24 * math.sqrt(x / biggest) if biggest else 8)
        c = n.get("community")
        colours.append(PALETTE[c] if isinstance(c, int) and 0 <= c < len(PALETTE) else OTHER)
        b = n.get("betweenness")
        hover.append(_tr("hover", lang, m=html.escape(m), x=x, c=(c + 1) if isinstance(c, int) else "–",
                         b="–" if b is None else f"{b:.3f}"))
        name = m if len(m) <= max_label_chars else m[: max_label_chars - 1] + "…"
        labels.append(html.escape(name) if m in top else "")
    fig.add_trace(go.Scatter(
        x=[float(pos[n["member"]][0]) for n in nodes], y=[float(pos[n["member"]][1]) for n in nodes],
        mode="markers+text", name=_tr("members", lang), text=labels, textposition="top center",
        hovertext=hover, hoverinfo="text",
        marker=dict(size=sizes, color=colours, line=dict(color="white", width=0.8), opacity=0.95),
    ))
    return fig
