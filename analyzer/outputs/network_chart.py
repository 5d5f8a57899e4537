"""Plotly figure of the interaction network (issue 5). Draws; never computes a metric.

    from analyzer.outputs.network_chart import network_figure
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

from analyzer.outputs.glyphs import outline_safe
from analyzer.i18n import t
from analyzer.outputs.xmltext import xml_text

PALETTE = ("#332288", "#E69F00", "#117733", "#33BBEE", "#AA3377")
"""Community colours: five that stay apart (CIE ΔE > 30) under deuteranopia, protanopia and
tritanopia (Machado et al. 2009 simulation; tests/test_chart_check.py); larger-numbered communities
are grey."""
OTHER = "#BBBBBB"
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
    size: str = "double",
    titles: bool = True,
) -> go.Figure:
    """The network drawing of `result` (NetworkResult, network dict or report dict).

    messages_per_member overrides node sizes (member → messages); given a string instead, it is
    taken as `lang`, so `network_figure(report_dict, "id")` (the contract of
    `analyzer.outputs.charts.network`) works too. The `label_brokers` members with the highest betweenness
    (> 0) and the `label_posters` most active members are named, as many of them as fit without a
    name touching another name or leaving the panel; the subtitle says how many were named. Names
    are HTML-escaped: plotly renders tags inside labels.

    Placement is computed in CSS px for the export `size` ("single" or "double", see `FIGURE_PX`),
    so that labels, the legend band and the size legend never collide there; drawn larger (the
    dashboard) everything only gets more room. `titles=False` leaves title and subtitle out (the
    journal caption carries them; `layout.meta["caption"]` has the text).
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

    W, H = FIGURE_PX.get(size, FIGURE_PX["double"])
    fig = go.Figure()
    fig.update_layout(template=template, showlegend=False, hovermode="closest",
                      meta=dict(chart="network", lang=lang, min_height=H, size=size))
    head = _tr("subtitle", lang, n=len(nodes), e=len(edges), d=f"{delta_min:g}")
    if not nodes:
        if titles:
            _titles(fig, lang, [head], titles, W)
        fig.layout.meta = {**fig.layout.meta, "caption": _tr("title", lang) + ". " + head + "."}
        fig.update_layout(xaxis=dict(visible=False), yaxis=dict(visible=False))
        fig.add_annotation(text=_tr("empty", lang), showarrow=False, x=0.5, y=0.5, xref="paper", yref="paper")
        return fig

    G = nx.Graph()
    G.add_nodes_from(n["member"] for n in nodes)
    G.add_weighted_edges_from((e["source"], e["target"], e["weight"]) for e in edges)
    biggest = max(msgs.values()) if msgs else 0

    # Colours: the largest communities get the CVD-safe palette, the rest one grey.
    def community_of(n: Mapping[str, Any]) -> int | None:
        c = n.get("community")
        return c if isinstance(c, int) and 0 <= c < len(PALETTE) else None

    # The bottom band: one legend row of communities and ties, one of node sizes.
    legend_items = _legend_items(nodes, community_of, lang, w_weak)
    size_values = _size_values(biggest)
    d_min, d_max = _diameters(len(nodes), W, H)

    def diameter(x: int) -> float:
        return d_min + (d_max - d_min) * math.sqrt(x / biggest) if biggest else d_min

    band = _band_rows(legend_items, [(diameter(v), v) for v in size_values], lang, W - 2 * MARGIN_PX)
    band_h = sum(h for h, _ in band) + 4

    # Labels first chosen by rank; the subtitle is drawn before we know how many fit, so it is
    # wrapped for the worst case (every candidate named) and then filled in.
    by_betweenness = sorted(nodes, key=lambda n: (-(n.get("betweenness") or 0), n["member"]))
    by_messages = sorted(nodes, key=lambda n: (-msgs.get(n["member"], 0), n["member"]))
    wanted = [n["member"] for n in by_betweenness[:label_brokers] if (n.get("betweenness") or 0) > 0]
    wanted += [n["member"] for n in by_messages[:label_posters]
               if msgs.get(n["member"], 0) > 0 and n["member"] not in wanted]
    probe = [head, _tr("labelled_some", lang, k=len(wanted), m=len(wanted))]
    top = _titles(fig, lang, probe, titles, W) if titles else MARGIN_PX
    plot_w, plot_h = W - 2 * MARGIN_PX, H - top - band_h

    pos, strip = _place_px(G, seed, plot_w, plot_h, diameter, msgs)
    placed = _place_labels(wanted, pos, {m: diameter(msgs.get(m, 0)) / 2 for m in pos}, plot_w, plot_h,
                           strip, max_label_chars)
    note = (_tr("labelled_all", lang, k=len(placed)) if len(placed) == len(wanted)
            else _tr("labelled_some", lang, k=len(placed), m=len(wanted)))
    caption = _titles(fig, lang, [head, note], titles, W, top_px=top)

    for weak in (False, True):
        xs: list[float | None] = []
        ys: list[float | None] = []
        for e in edges:
            if bool(e["weak"]) is weak:
                (x0, y0), (x1, y1) = pos[e["source"]], pos[e["target"]]
                xs += [x0, x1, None]
                ys += [y0, y1, None]
        fig.add_trace(go.Scatter(
            x=xs, y=ys, mode="lines", hoverinfo="skip",
            name=_tr("weak" if weak else "strong", lang, w=w_weak),
            line=dict(color=WEAK_COLOR if weak else STRONG_COLOR, width=0.7 if weak else 1.4,
                      dash="dash" if weak else "solid"),
        ))

    groups: dict[int | None, list[Mapping[str, Any]]] = {}
    for n in nodes:
        groups.setdefault(community_of(n), []).append(n)
    for c in sorted(groups, key=lambda c: (c is None, c if c is not None else 0)):
        members = groups[c]
        hover = []
        for n in members:
            m = n["member"]
            b, comm = n.get("betweenness"), n.get("community")
            hover.append(_tr("hover", lang, m=html.escape(xml_text(m), quote=False), x=msgs.get(m, 0),
                             c=(comm + 1) if isinstance(comm, int) else "–", b="–" if b is None else f"{b:.3f}"))
        name = (_tr("community", lang, c=c + 1, n=len(members)) if c is not None
                else _tr("other_communities", lang, n=len(members)))
        fig.add_trace(go.Scatter(
            x=[pos[n["member"]][0] for n in members], y=[pos[n["member"]][1] for n in members],
            mode="markers", name=name, text=[html.escape(xml_text(_short(outline_safe(n["member"]), max_label_chars)), quote=False)
                                             if n["member"] in placed else "" for n in members],
            hovertext=hover, hoverinfo="text", cliponaxis=False,
            marker=dict(size=[diameter(msgs.get(n["member"], 0)) for n in members],
                        color=PALETTE[c] if c is not None else OTHER,
                        line=dict(color="white", width=0.6), opacity=0.95),
        ))
    for m, (x, y, anchor, label) in placed.items():
        xa, ya = {"right": ("left", "middle"), "left": ("right", "middle"), "above": ("center", "bottom"),
                  "below": ("center", "top")}[anchor]
        fig.add_annotation(x=x, y=y, xref="x", yref="y", text=label, showarrow=False, xanchor=xa, yanchor=ya,
                           font=dict(size=LABEL_PX, color="#111111"), bgcolor="rgba(255,255,255,0.75)",
                           borderpad=0, name="label")
    if strip["n"]:
        fig.add_annotation(x=0, y=strip["caption_y"], xref="x", yref="y", xanchor="left", yanchor="middle",
                           showarrow=False, text=_tr("rest", lang, n=strip["n"]),
                           font=dict(size=LEGEND_PX, color="#555555"))
    _draw_band(fig, band, lang)
    fig.update_layout(
        margin=dict(l=MARGIN_PX, r=MARGIN_PX, t=top, b=band_h, autoexpand=False),
        xaxis=dict(visible=False, range=[0, plot_w], fixedrange=False),
        yaxis=dict(visible=False, range=[0, plot_h]),
    )
    fig.layout.meta = {**fig.layout.meta, "caption": caption, "labelled": sorted(placed)}
    return fig


FIGURE_PX: dict[str, tuple[int, int]] = {"single": (336, 360), "double": (672, 470)}
"""Export size of the network (CSS px): taller than the other charts, a network needs area."""
MARGIN_PX = 8
LABEL_PX = 10.5
LEGEND_PX = 10.0
TITLE_LINE_PX = 20
SUBTITLE_LINE_PX = 14
STRONG_COLOR = "#555555"
WEAK_COLOR = "#AAAAAA"


def _short(name: str, n: int) -> str:
    return name if len(name) <= n else name[: n - 1] + "…"


def _titles(fig: go.Figure, lang: str, lines: list[str], titles: bool, width: int, top_px: int | None = None) -> Any:
    """Title and (wrapped) subtitle; returns the top margin needed, or, given `top_px`, the caption."""
    from analyzer.outputs.textmetrics import wrap

    sub: list[str] = []
    for line in lines:
        sub += wrap(line, SUBTITLE_LINE_PX * 0.75, width - 2 * MARGIN_PX - 4)
    caption = _tr("title", lang) + ". " + " · ".join(lines) + "."
    if top_px is not None:
        if titles:
            fig.update_layout(title=dict(text=_tr("title", lang), subtitle=dict(text="<br>".join(sub))))
        return caption
    fig.update_layout(title=dict(text=_tr("title", lang), subtitle=dict(text="<br>".join(sub))))
    return int(8 + TITLE_LINE_PX + SUBTITLE_LINE_PX * len(sub) + 10)


def _diameters(n: int, width: int, height: int) -> tuple[float, float]:
    """Smallest and largest node diameter (px): smaller when many nodes share the panel."""
    per_node = math.sqrt(width * height * 0.55 / max(n, 1))
    d_max = max(8.0, min(26.0, per_node * 1.4))
    d_min = max(3.0, min(7.0, per_node * 0.35))
    return d_min, d_max


def _size_values(biggest: int) -> list[int]:
    """Message counts for the size legend: 1, a round middle value, and a round value near the max."""
    if biggest <= 1:
        return [1]
    nice = [v * 10 ** k for k in range(0, 7) for v in (1, 2, 5)]
    hi = max(v for v in nice if v <= biggest)
    mid = [v for v in nice if v <= math.sqrt(hi) * 1.5 and v > 1]
    out = [1] + ([max(mid)] if mid and max(mid) < hi else []) + [hi]
    return list(dict.fromkeys(out))


def _legend_items(nodes: list[Mapping[str, Any]], community_of: Any, lang: str, w_weak: float) -> list[tuple]:
    counts: dict[int | None, int] = {}
    for n in nodes:
        c = community_of(n)
        counts[c] = counts.get(c, 0) + 1
    items: list[tuple] = [("line", "solid", _tr("strong", lang, w=w_weak)),
                          ("line", "dash", _tr("weak", lang, w=w_weak))]
    for c in sorted(k for k in counts if k is not None):
        items.append(("dot", PALETTE[c], _tr("community_short", lang, c=c + 1, n=counts[c])))
    if None in counts:
        items.append(("dot", OTHER, _tr("other_short", lang, n=counts[None])))
    return items


def _band_rows(items: list[tuple], sizes: list[tuple[float, int]], lang: str, width: float) -> list[tuple[float, list]]:
    """Legend items flowed into rows of at most `width` px: [(row height, [(x, item)])]."""
    from analyzer.outputs.textmetrics import text_width

    rows: list[tuple[float, list]] = []
    x, row = 0.0, []
    for it in items:
        w = 16 + 4 + text_width(it[2], LEGEND_PX) + 12
        if row and x + w > width:
            rows.append((16.0, row))
            x, row = 0.0, []
        row.append((x, it))
        x += w
    if row:
        rows.append((16.0, row))
    # The size legend: "size = messages:" then circles with their counts.
    head = ("text", None, _tr("size_legend", lang))
    srow: list = [(0.0, head)]
    x = text_width(head[2], LEGEND_PX) + 8
    for d, v in sizes:
        srow.append((x, ("size", d, str(v))))
        x += d + 4 + text_width(str(v), LEGEND_PX) + 12
    rows.append((max(16.0, max(d for d, _ in sizes) + 4), srow))
    return rows


def _draw_band(fig: go.Figure, rows: list[tuple[float, list]], lang: str) -> None:
    """The legend band beneath the plot area, in px from its top-left corner (paper (0, 0))."""
    y = 2.0
    for h, row in rows:
        cy = y + h / 2
        for x, (kind, style, text) in row:
            tx = x
            if kind == "line":
                fig.add_shape(type="line", xref="paper", yref="paper", xsizemode="pixel", ysizemode="pixel",
                              xanchor=0, yanchor=0, x0=x, x1=x + 16, y0=-cy, y1=-cy,
                              line=dict(color=STRONG_COLOR if style == "solid" else WEAK_COLOR,
                                        width=1.4 if style == "solid" else 0.9, dash=style))
                tx = x + 20
            elif kind == "dot":
                fig.add_shape(type="circle", xref="paper", yref="paper", xsizemode="pixel", ysizemode="pixel",
                              xanchor=0, yanchor=0, x0=x + 3, x1=x + 13, y0=-cy - 5, y1=-cy + 5,
                              fillcolor=style, line=dict(color="white", width=0.5))
                tx = x + 20
            elif kind == "size":
                d = float(style)
                fig.add_shape(type="circle", xref="paper", yref="paper", xsizemode="pixel", ysizemode="pixel",
                              xanchor=0, yanchor=0, x0=x, x1=x + d, y0=-cy - d / 2, y1=-cy + d / 2,
                              fillcolor="#BBBBBB", line=dict(color="#777777", width=0.6))
                tx = x + d + 4
            fig.add_annotation(text=text, xref="paper", yref="paper", x=0, y=0, xshift=tx, yshift=-cy,
                               xanchor="left", yanchor="middle", showarrow=False, borderpad=0,
                               font=dict(size=LEGEND_PX, color="#333333"))
        y += h


def _place_px(G: nx.Graph, seed: int, width: float, height: float, diameter: Any,
              msgs: Mapping[str, int]) -> tuple[dict[str, tuple[float, float]], dict[str, Any]]:
    """Positions in px of the plot area: the largest connected component fills the panel (turned
    so its long axis is horizontal, stretched to the panel's shape); smaller components and members
    without ties sit in a grid strip along the bottom, each in its own cell (never overlapping)."""
    import numpy as np

    comps = sorted((sorted(c) for c in nx.connected_components(G)), key=lambda c: (-len(c), c[0]))
    main = comps[0] if len(comps[0]) > 1 else []
    rest = [m for c in (comps[1:] if main else comps) for m in c]
    pos: dict[str, tuple[float, float]] = {}
    strip: dict[str, Any] = {"n": len(rest), "top": 0.0, "caption_y": 0.0}
    strip_h = 0.0
    if rest:
        cell = max(diameter(msgs.get(m, 0)) for m in rest) + 3
        cols = max(1, int(width // cell))
        rows = math.ceil(len(rest) / cols)
        if main and rows * cell > 0.35 * height:  # many loose members: smaller cells
            cell = max(5.0, math.sqrt(width * 0.35 * height / len(rest)))
            cols = max(1, int(width // cell))
            rows = math.ceil(len(rest) / cols)
        if not main:  # nothing connected: the grid is the picture, centred
            cell = min(max(cell, min(width / max(len(rest), 1), 60.0)), width / max(1, min(cols, len(rest))))
            cols = max(1, min(len(rest), int(width // cell)))
            rows = math.ceil(len(rest) / cols)
        grid_w = cols * cell
        x0 = (width - grid_w) / 2 if not main else 0.0
        y_top = (height + rows * cell) / 2 if not main else rows * cell
        for i, m in enumerate(rest):
            r, c = divmod(i, cols)
            pos[m] = (x0 + (c + 0.5) * cell, y_top - (r + 0.5) * cell)
        strip_h = rows * cell + 16
        strip.update(top=strip_h, caption_y=rows * cell + 8, cell=cell)
    if main:
        raw = _place(G.subgraph(main), seed, center=(0.0, 0.0), scale=1.0)
        keys = list(raw)
        xy = np.array([raw[k] for k in keys], dtype=float)
        xy -= xy.mean(axis=0)
        if len(keys) > 2:  # long axis horizontal (principal axes), so a wide panel is used
            _, vecs = np.linalg.eigh(np.cov(xy.T))
            xy = xy @ vecs[:, ::-1]
        elif len(keys) == 2:
            xy = np.array([[-1.0, 0.0], [1.0, 0.0]])
        if len(keys) > KAMADA_KAWAI_MAX_NODES:
            # The spring layout of a heavy-tailed group is a dense ball with far-flung leaves, which
            # would set the scale: compress the radius (r^0.6) so the core gets most of the panel.
            r = np.linalg.norm(xy, axis=1)
            rmax = r.max() if r.size else 0.0
            if rmax > 0:
                xy = xy * ((r / rmax) ** 0.6 / np.where(r > 0, r / rmax, 1.0))[:, None]
        pad = max(diameter(msgs.get(k, 0)) for k in keys) / 2 + 3
        lo, hi = xy.min(axis=0), xy.max(axis=0)
        span = np.where(hi - lo > 1e-9, hi - lo, 1.0)
        # Room for names at the sides: a 2-member chat must not push its names off the panel.
        side = min(width * 0.22, 120.0) if len(keys) <= 3 else pad
        ux = (xy[:, 0] - lo[0]) / span[0]
        uy = (xy[:, 1] - lo[1]) / span[1] if hi[1] - lo[1] > 1e-9 else np.full(len(keys), 0.5)
        x = side + ux * (width - 2 * side)
        y = strip_h + pad + uy * (height - strip_h - 2 * pad)
        for k, a, b in zip(keys, x, y):
            pos[k] = (float(a), float(b))
    return pos, strip


def _place_labels(wanted: list[str], pos: Mapping[str, tuple[float, float]], radius: Mapping[str, float],
                  width: float, height: float, strip: Mapping[str, Any], max_chars: int
                  ) -> dict[str, tuple[float, float, str, str]]:
    """Names for the `wanted` members, in rank order, each at the first side (right, left, above,
    below) where it stays inside the panel and touches no name placed before it; among those the
    side covering the fewest other nodes. Members whose name fits nowhere stay unnamed."""
    from analyzer.outputs.textmetrics import text_width

    boxes: list[tuple[float, float, float, float]] = []
    if strip.get("n"):
        boxes.append((0.0, strip["caption_y"] - 8, width * 0.7, strip["caption_y"] + 8))
    out: dict[str, tuple[float, float, str, str]] = {}
    h = LABEL_PX * 1.3
    # A coarse grid of node boxes, for counting the nodes a label would cover.
    node_boxes = [(x - radius[m], y - radius[m], x + radius[m], y + radius[m], m) for m, (x, y) in pos.items()]
    for m in wanted:
        short = _short(outline_safe(m), max_chars)  # no colour-emoji (Type 3) glyphs in PDFs
        label = html.escape(xml_text(short), quote=False)
        w = text_width(short, LABEL_PX) + 2
        x, y = pos[m]
        r = radius[m]
        options = {
            "right": (x + r + 2, y - h / 2, x + r + 2 + w, y + h / 2),
            "left": (x - r - 2 - w, y - h / 2, x - r - 2, y + h / 2),
            "above": (x - w / 2, y + r + 1, x + w / 2, y + r + 1 + h),
            "below": (x - w / 2, y - r - 1 - h, x + w / 2, y - r - 1),
        }
        best = None
        # Ties go to the side pointing away from the panel's centre (outside the crowd, and in a
        # two-member chat outwards rather than between the two).
        dx, dy = x - width / 2, y - height / 2
        outward = {"right": dx, "left": -dx, "above": dy, "below": -dy}
        for side, (a, b, c, d) in options.items():
            if a < 0 or c > width or b < 0 or d > height:
                continue
            if any(a < B[2] and B[0] < c and b < B[3] and B[1] < d for B in boxes):
                continue
            covered = sum(1 for (p, q, s, t_, o) in node_boxes if o != m and a < s and p < c and b < t_ and q < d)
            if best is None or (covered, -outward[side]) < best[0]:
                best = ((covered, -outward[side]), side, (a, b, c, d))
        if best is None:
            continue
        _, side, box = best
        boxes.append(box)
        ax = {"right": x + r + 2, "left": x - r - 2, "above": x, "below": x}[side]
        ay = {"right": y, "left": y, "above": y + r + 1, "below": y - r - 1}[side]
        out[m] = (ax, ay, side, label)
    return out


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
