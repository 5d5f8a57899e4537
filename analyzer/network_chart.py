"""Plotly figure of the interaction network (issue 5). Draws; never computes a metric.

    from analyzer.network_chart import network_figure
    fig = network_figure(report.network, lang="id")            # a NetworkResult
    fig = network_figure(report.to_dict(), "en")               # report.json (charts.CHARTS["network"])

Node size ∝ √messages, colour = Louvain community (the first eight in the Okabe–Ito palette, the
rest grey, one legend entry each), weak ties (w ≤ w_weak) dashed, strong ties solid and thicker,
the top brokers by betweenness and the most active members labelled. Positions come from
`layout` (Kamada–Kawai, deterministic), so the same report gives the same picture. Texts come from
`analyzer.i18n`. The template is passed explicitly because importing streamlit changes plotly's
default template.
"""
from __future__ import annotations

import html
import math
from typing import Any, Mapping

import networkx as nx
import plotly.graph_objects as go

from .i18n import t
from .xmltext import xml_text

PALETTE = ("#0072B2", "#E69F00", "#009E73", "#D55E00", "#CC79A7", "#56B4E9", "#000000", "#F0E442")
OTHER = "#9E9E9E"
KAMADA_KAWAI_MAX_NODES = 100
"""Up to this many nodes in a component, Kamada–Kawai places them (even spacing, readable);
bigger components use the spring layout (Kamada–Kawai takes about 1 s at 150 nodes, 7 s at 400)."""


def _tr(key: str, lang: str, **kw: object) -> str:
    return t(f"chart.network.{key}", lang, **kw)


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
    label_posters: int = 3,
    max_label_chars: int = 24,
) -> go.Figure:
    """The network drawing of `result` (NetworkResult, network dict or report dict).

    messages_per_member overrides node sizes (member → messages); given a string instead, it is
    taken as `lang`, so `network_figure(report_dict, "id")` (the contract of
    `analyzer.charts.network`) works too. The `label_brokers` members with the highest betweenness
    (> 0) and the `label_posters` most active members are labelled; each community is one legend
    entry. Names are HTML-escaped: plotly renders tags inside labels.
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
    pos = layout(G, seed=seed)

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

    by_betweenness = sorted(nodes, key=lambda n: (-(n.get("betweenness") or 0), n["member"]))
    by_messages = sorted(nodes, key=lambda n: (-msgs.get(n["member"], 0), n["member"]))
    labelled = {n["member"] for n in by_betweenness[:label_brokers] if (n.get("betweenness") or 0) > 0}
    labelled |= {n["member"] for n in by_messages[:label_posters] if msgs.get(n["member"], 0) > 0}
    biggest = max(msgs.values()) if msgs else 0
    cx = sum(p[0] for p in pos.values()) / len(pos)

    def community_of(n: Mapping[str, Any]) -> int | None:
        c = n.get("community")
        return c if isinstance(c, int) and 0 <= c < len(PALETTE) else None

    groups: dict[int | None, list[Mapping[str, Any]]] = {}
    for n in nodes:
        groups.setdefault(community_of(n), []).append(n)
    for c in sorted(groups, key=lambda c: (c is None, c if c is not None else 0)):
        members = groups[c]
        sizes, hover, labels, where = [], [], [], []
        for n in members:
            m = n["member"]
            x = msgs.get(m, 0)
            sizes.append(6 + 24 * math.sqrt(x / biggest) if biggest else 8)
            b, comm = n.get("betweenness"), n.get("community")
            hover.append(_tr("hover", lang, m=html.escape(xml_text(m), quote=False), x=x,
                             c=(comm + 1) if isinstance(comm, int) else "–", b="–" if b is None else f"{b:.3f}"))
            name = m if len(m) <= max_label_chars else m[: max_label_chars - 1] + "…"
            labels.append(html.escape(xml_text(name), quote=False) if m in labelled else "")
            # Labels point away from the centre, so that they fall outside the crowded core.
            where.append("middle right" if pos[m][0] >= cx else "middle left")
        name = (_tr("community", lang, c=c + 1, n=len(members)) if c is not None
                else _tr("other_communities", lang, n=len(members)))
        fig.add_trace(go.Scatter(
            x=[float(pos[n["member"]][0]) for n in members], y=[float(pos[n["member"]][1]) for n in members],
            mode="markers+text", name=name, text=labels, textposition=where,
            textfont=dict(size=11, shadow="auto"), hovertext=hover, hoverinfo="text",  # halo over edges
            marker=dict(size=sizes, color=PALETTE[c] if c is not None else OTHER,
                        line=dict(color="white", width=0.8), opacity=0.95),
        ))
    return fig


def layout(G: nx.Graph, *, seed: int = 0) -> dict[str, tuple[float, float]]:
    """Node positions: the largest connected component in the unit square, the rest (small
    components and members without ties) in a row beneath it.

    Kamada–Kawai on hop distances spreads a dense core evenly instead of packing it into a ball
    with a few far-flung leaves (what a weighted spring layout does to a heavy-tailed group);
    components above KAMADA_KAWAI_MAX_NODES fall back to the seeded spring layout. Deterministic:
    the same graph always gives the same picture.
    """
    if G.number_of_nodes() == 0:
        return {}
    comps = sorted((sorted(c) for c in nx.connected_components(G)), key=lambda c: (-len(c), c[0]))
    pos: dict[str, tuple[float, float]] = {}
    main = G.subgraph(comps[0])
    pos.update(_place(main, seed, center=(0.0, 0.0), scale=1.0))
    rest = comps[1:]
    if rest:
        width = 2.0 / len(rest)
        for i, comp in enumerate(rest):
            centre = (-1.0 + width * (i + 0.5), -1.3)
            pos.update(_place(G.subgraph(comp), seed, center=centre, scale=min(0.15, width / 3)))
    return pos


def _place(g: nx.Graph, seed: int, *, center: tuple[float, float], scale: float) -> dict[str, tuple[float, float]]:
    n = g.number_of_nodes()
    if n == 1:
        return {next(iter(g.nodes)): center}
    if n <= KAMADA_KAWAI_MAX_NODES:
        # Sorted start positions: the result does not depend on the order nodes were added in.
        start = nx.circular_layout(sorted(g.nodes))
        p = nx.kamada_kawai_layout(g, pos=start, weight=None, scale=scale, center=center)
    else:
        p = nx.spring_layout(g, weight=None, seed=seed, iterations=50, scale=scale, center=center)
    return {k: (float(v[0]), float(v[1])) for k, v in p.items()}
