"""Figure builders: report.json dict -> plotly Figure, in one publication theme, in Indonesian or English.

    from analyzer.outputs.charts import build_all, CHARTS, TEMPLATE
    figs = build_all(report.to_dict(), lang="id")          # {name: go.Figure}, sections present only
    fig = CHARTS["lorenz"](report.to_dict(), "en")         # one chart

Inputs (all from `Report.to_dict()`): participation.{lorenz, gini, gini_ci_*, top_posters, monthly},
latency.{survival, median_s, by_hour}, activity.{hour_weekday, messages_per_day, joins_leaves_monthly,
top_emoji, top_domains}, content.{monthly_category_shares, news_by_member} and network (via
`analyzer.outputs.network_chart`). A missing section (no `content` without categories) skips its charts.

Rules every builder follows:
- It only *draws* what `analyze()` computed (the `Report.to_dict()` tree); it never computes a metric,
  so the CLI, the HTML/PDF report and the dashboard show the same numbers. Display-only transforms
  (percent axes, truncating long names, plotting joins up and leaves down) are allowed.
- It passes `template=TEMPLATE` explicitly: importing streamlit replaces plotly's default template, and
  a figure must look the same in the dashboard and in a PDF.
- Every text that came from the chat (names, emoji, domains) goes through `chat_text()`, which
  HTML-escapes it: plotly renders `<b>`, `<br>` and `<a href>` inside labels, so a member called
  `<b>Ani</b>` would otherwise be drawn bold and a crafted name could inject a link.
- All titles and axis labels come from `analyzer.i18n.TEXT` (`chart.<name>.*`).

Sizes: fonts are set in CSS pixels (1 px = 1/96 in = 0.75 pt) and figures are exported at the size
they are printed (`SIZES`: single column 3.5 in = 336 px, double column 7 in = 672 px), never scaled,
so tick labels are 8 pt and titles ~10 pt at both widths.
"""
from __future__ import annotations

import html
import math
from typing import Any, Callable, Mapping

import plotly.graph_objects as go

from analyzer.outputs.glyphs import outline_safe
from analyzer.i18n import PLOTLY_SEPARATORS, check_lang, fmt_duration, fmt_int, fmt_num, fmt_pct, fmt_share, t

Builder = Callable[[Mapping[str, Any], str], go.Figure]

# ------------------------------------------------------------------------------------------------
# Theme

OKABE_ITO: dict[str, str] = {
    "blue": "#0072B2", "orange": "#E69F00", "green": "#009E73", "vermillion": "#D55E00",
    "purple": "#CC79A7", "sky": "#56B4E9", "yellow": "#F0E442", "black": "#000000",
}
"""Okabe & Ito (2008) colour-universal-design palette; yellow last because it is faint on white."""

COLORWAY: tuple[str, ...] = tuple(OKABE_ITO[k] for k in
                                  ("blue", "orange", "green", "vermillion", "purple", "sky", "black", "yellow"))
GREY = "#7F7F7F"
SEQUENTIAL = "cividis"
"""Sequential scale for heatmaps, optimised for colour-vision deficiency (Nuñez et al. 2018)."""

CATEGORY_COLORS: dict[str, str] = {
    "business_news": "#332288", "promotion": "#E69F00", "request": "#AA3377",
    "coordination": "#117733", "social": "#33BBEE", "other": "#BBBBBB",
}
"""One colour per message category (analyzer.classify.CATEGORIES), the same on every chart.

Chosen (from the Okabe–Ito and Paul Tol palettes) so that every pair stays at least ΔE*ab 30
apart under simulated deuteranopia, protanopia and tritanopia (Machado et al. 2009) as well as for
normal vision; the Okabe–Ito set lets Coordination, Social and Other fall within ΔE 15 of each
other under deuteranopia. Checked by tests/test_chart_check.py."""

SENSITIVITY_COLORS: dict[str, str] = {
    "answered": "#AA3377", "weak": "#E69F00", "within": "#117733",
}
"""Line colours of the sensitivity chart, from the CVD-checked category palette (CATEGORY_COLORS:
"Requests answered" takes the request category's purple; orange, green), so they stay at least
ΔE*ab 20 apart under every simulated deficiency; Okabe–Ito orange and vermillion fell to ΔE 18.
Checked by tests/test_chart_check.py."""

FONT_FAMILY = "Liberation Sans, Arial, Helvetica, DejaVu Sans, Symbola, Noto Emoji, sans-serif"
FONT_PX = 11.0     # 8.25 pt: body text, legends
TICK_PX = 10.5     # ~8 pt: journals ask for >= 7-8 pt at printed size
TITLE_PX = 13.0    # ~10 pt
SUBTITLE_PX = 10.5
INK = "#222222"

SIZES: dict[str, tuple[int, int]] = {"single": (336, 260), "double": (672, 400)}
"""(width, height) in CSS px for a single (3.5 in) and double (7 in) journal column."""

ROW_PX = 18.0
"""Minimum height per bar of a ranked bar chart at export, so every member/domain label fits."""


def export_height(fig: go.Figure, height: int) -> int:
    """The export height of `fig`: `height`, or taller for ranked bar charts with many rows (their
    `layout.meta["rows"]`), so labels are never dropped at single-column size, and for figures that
    ask for a minimum (`layout.meta["min_height"]`, the network)."""
    meta = fig.layout.meta if isinstance(fig.layout.meta, dict) else {}
    rows = meta.get("rows", 0)
    return max(int(height), int(rows * ROW_PX + 120 + 14 * meta.get("extra_lines", 0)),
               int(meta.get("min_height", 0)))

_AXIS = dict(
    showline=True, linecolor=INK, linewidth=0.8, ticks="outside", tickcolor=INK, ticklen=3, tickwidth=0.8,
    showgrid=True, gridcolor="#E6E6E6", gridwidth=0.6, zeroline=False, automargin=True,
    tickfont=dict(size=TICK_PX), title=dict(font=dict(size=FONT_PX), standoff=6),
)

TEMPLATE = go.layout.Template(
    layout=go.Layout(
        font=dict(family=FONT_FAMILY, size=FONT_PX, color=INK),
        title=dict(font=dict(size=TITLE_PX, color=INK), x=0, xanchor="left", xref="container", y=0.98,
                   yanchor="top", yref="container", pad=dict(l=8),
                   subtitle=dict(font=dict(size=SUBTITLE_PX, color="#555555"))),
        paper_bgcolor="white", plot_bgcolor="white",
        colorway=list(COLORWAY),
        xaxis=_AXIS, yaxis=_AXIS,
        # Anchored to the figure's bottom edge (not the plot area), so it never runs into the x-axis
        # title whatever the figure's height; plotly reserves the margin for it.
        legend=dict(orientation="h", x=0, xanchor="left", y=0, yref="container", yanchor="bottom",
                    font=dict(size=FONT_PX),
                    bgcolor="rgba(255,255,255,0)", title=dict(text="")),
        margin=dict(l=8, r=12, t=64, b=8, autoexpand=True),
        hoverlabel=dict(font=dict(family=FONT_FAMILY, size=FONT_PX)),
        bargap=0.25,
        coloraxis=dict(colorscale=SEQUENTIAL, colorbar=dict(thickness=10, outlinewidth=0,
                                                             tickfont=dict(size=TICK_PX))),
    ),
    data=dict(
        bar=[go.Bar(marker=dict(line=dict(width=0)))],
        heatmap=[go.Heatmap(colorscale=SEQUENTIAL)],
        scatter=[go.Scatter(line=dict(width=1.6), marker=dict(size=5))],
    ),
)
"""The publication theme. Always passed as `template=TEMPLATE` (never via plotly's default)."""

# ------------------------------------------------------------------------------------------------
# Helpers


class MissingData(LookupError):
    """The report has no section for this chart (e.g. no `content` before classification ran)."""


def chat_text(value: object, max_chars: int | None = None) -> str:
    """Text from the chat, made safe and literal for plotly: colour-only emoji named
    (`glyphs.outline_safe`), truncated (display only) and escaped."""
    # Outline glyphs only (no Type 3 colour-emoji fonts in the PDF files): see analyzer.outputs.glyphs.
    s = outline_safe("" if value is None else str(value))
    if max_chars is not None and len(s) > max_chars:
        s = s[: max_chars - 1].rstrip() + "…"
    # quote=False: plotly's label markup knows &lt; &gt; &amp; but shows '&quot;' literally, and
    # with < escaped no tag can form. Control characters are not valid in the SVG (XML) files.
    from analyzer.outputs.xmltext import xml_text

    return html.escape(xml_text(s), quote=False)


def _get(report: Mapping[str, Any], path: str) -> Any:
    """report["a"]["b"] for path "a.b"; MissingData if a level is absent or None."""
    node: Any = report
    for part in path.split("."):
        if not isinstance(node, Mapping) or node.get(part) is None:
            raise MissingData(path)
        node = node[part]
    return node


def _num(x: object) -> float:
    """A report number as float, None -> NaN (undefined values are null in report.json)."""
    return float("nan") if x is None else float(x)  # type: ignore[arg-type]


def _figure(name: str, lang: str, *, subtitle: str = "", x: bool = True, y: bool = True) -> go.Figure:
    """An empty figure with the theme, the translated title/subtitle/axis titles of chart `name`."""
    check_lang(lang)
    fig = go.Figure()
    fig.update_layout(
        template=TEMPLATE,
        separators=PLOTLY_SEPARATORS[lang],
        title=dict(text=t(f"chart.{name}.title", lang), subtitle=dict(text=subtitle)),
        meta=dict(chart=name, lang=lang),
    )
    if x:
        fig.update_xaxes(title_text=t(f"chart.{name}.x", lang))
    if y:
        fig.update_yaxes(title_text=t(f"chart.{name}.y", lang))
    return fig


def _no_data(fig: go.Figure, lang: str) -> go.Figure:
    """Mark a figure whose section exists but is empty, instead of drawing blank axes."""
    fig.add_annotation(text=t("no_data", lang), x=0.5, y=0.5, xref="paper", yref="paper", showarrow=False,
                       font=dict(size=TITLE_PX, color=GREY))
    fig.update_xaxes(visible=False)
    fig.update_yaxes(visible=False)
    return fig


def _hbar(fig: go.Figure, labels: list[str], shares: list[float], counts: list[int], lang: str,
          color: str = OKABE_ITO["blue"]) -> go.Figure:
    """Horizontal bars, largest on top, share on x (percent axis), count as the bar text."""
    if len(set(labels)) < len(labels):
        # Shortened labels can coincide (two long emoji names): a category axis would merge their
        # bars into one row, so number them.
        labels = [f"{i}. {lab}" for i, lab in enumerate(labels, 1)]
    fig.add_trace(go.Bar(
        x=shares, y=labels, orientation="h", marker_color=color,
        text=[fmt_int(c, lang) for c in counts], textposition="outside", cliponaxis=False,
        # constraintext="none": plotly would otherwise shrink the counts of short bars to unreadable sizes.
        textfont=dict(size=TICK_PX), constraintext="none", hovertemplate="%{y}: %{x:.1%} (%{text})<extra></extra>",
    ))
    # Every label shown (dtick=1); `rows` lets the exporter make the figure tall enough for them.
    fig.update_yaxes(autorange="reversed", showgrid=False, ticks="", type="category", dtick=1)
    fig.update_layout(meta={**(fig.layout.meta or {}), "rows": len(labels)})
    top = max((v for v in shares if v == v), default=0.0)
    # Room to the right of the longest bar for its count label (outside text does not push margins).
    fig.update_xaxes(tickformat=_pct_format(top), range=[0, top * 1.15 if top > 0 else 1])
    return fig


def _count_axis(fig: go.Figure, axis: str, vmax: float) -> None:
    """Whole-number ticks on a count axis, never repeated: step 1 below 6, plotly's choice above
    (which is then a whole number too). Named in meta["count_axes"] for the chart checks."""
    kw: dict[str, Any] = dict(tickformat=",d")
    if not vmax or vmax < 6:
        kw.update(tick0=0, dtick=1)
    (fig.update_xaxes if axis == "x" else fig.update_yaxes)(**kw)
    meta = dict(fig.layout.meta or {})
    meta["count_axes"] = sorted(set(meta.get("count_axes", [])) | {axis})
    fig.update_layout(meta=meta)


def _pct_format(top: float) -> str:
    """Percent tick format with enough decimals that small shares do not all print as "0%"."""
    if top >= 0.1:
        return ".0%"
    return ".1%" if top >= 0.01 else ".2%"


def _month_axis(fig: go.Figure, months: list[str]) -> None:
    """Calendar months on a date axis: an empty month is a visible gap, not a skipped category, and
    tick labels are thinned by plotly instead of overlapping."""
    # Each value drawn in the middle of its month, under its (period-mode) tick label.
    fig.update_traces(xperiod="M1", xperiodalignment="middle")
    fig.update_xaxes(type="date", tickformat="%Y-%m", showgrid=False, hoverformat="%Y-%m",
                     dtick=_month_step(len(months)), ticklabelmode="period")


def _month_step(months: int, max_labels: int = 6) -> str:
    """A whole number of months between date ticks, so that at most `max_labels` labels show
    (plotly's own choice can fall below a month, which repeats "2024-01" under "%Y-%m")."""
    return f"M{max(1, math.ceil(months / max_labels))}"


def _all_months(periods: list[str]) -> list[str]:
    """Every calendar month from the first to the last of `periods` ("YYYY-MM")."""
    if not periods:
        return []
    y0, m0 = map(int, min(periods)[:7].split("-"))
    y1, m1 = map(int, max(periods)[:7].split("-"))
    out = []
    while (y0, m0) <= (y1, m1):
        out.append(f"{y0:04d}-{m0:02d}")
        y0, m0 = (y0 + 1, 1) if m0 == 12 else (y0, m0 + 1)
    return out


# ------------------------------------------------------------------------------------------------
# Participation


def lorenz(report: Mapping[str, Any], lang: str = "id") -> go.Figure:
    """Lorenz curve of messages per member (silent members included) with the equality diagonal;
    Gini and its bootstrap CI in the subtitle."""
    p = _get(report, "participation")
    pts = p.get("lorenz") or []
    ci = (report.get("parameters") or {}).get("ci_level", 0.95)
    ci_label = t("ci95", lang) if abs(ci - 0.95) < 1e-9 else f"{fmt_pct(ci, lang)}"
    fig = _figure("lorenz", lang, subtitle=t(
        "chart.lorenz.subtitle", lang, gini=fmt_num(p.get("gini"), lang), ci=ci_label,
        lo=fmt_num(p.get("gini_ci_low"), lang), hi=fmt_num(p.get("gini_ci_high"), lang),
        n=fmt_int(p.get("n_members"), lang)))
    if not pts:
        return _no_data(fig, lang)
    fig.add_trace(go.Scatter(x=[0, 1], y=[0, 1], mode="lines", name=t("chart.lorenz.equality", lang),
                             line=dict(color=GREY, dash="dash", width=1), hoverinfo="skip"))
    fig.add_trace(go.Scatter(
        x=[q[0] for q in pts], y=[q[1] for q in pts], mode="lines", name=t("chart.lorenz.curve", lang),
        line=dict(color=OKABE_ITO["blue"], width=2), fill="tonexty", fillcolor="rgba(0,114,178,0.12)",
        hovertemplate="%{x:.0%} → %{y:.0%}<extra></extra>"))
    fig.update_xaxes(range=[0, 1], tickformat=".0%", dtick=0.25)
    fig.update_yaxes(range=[0, 1.02], tickformat=".0%", dtick=0.25)
    # Inside the empty upper-left triangle (the curve always lies below the diagonal).
    fig.update_layout(legend=dict(x=0.02, xanchor="left", y=0.98, yref="paper", yanchor="top", orientation="v"))
    return fig


def top_posters(report: Mapping[str, Any], lang: str = "id", k: int = 15) -> go.Figure:
    """The k members with most messages (participation.top_posters), share of all messages."""
    p = _get(report, "participation")
    rows = (p.get("top_posters") or [])[:k]
    covered = sum(r["share"] or 0 for r in rows)
    fig = _figure("top_posters", lang, subtitle=t("chart.top_posters.subtitle", lang, k=len(rows),
                                                   n=fmt_int(p.get("n_members"), lang), p=fmt_share(covered, lang))
                  + " · " + t("chart.top_posters.counts", lang))
    if not rows:
        return _no_data(fig, lang)
    # Names are unique in the member table; truncation could merge two, so number the labels.
    labels = [f"{i}. {chat_text(r['member'], 22)}" for i, r in enumerate(rows, 1)]
    return _hbar(fig, labels, [_num(r["share"]) for r in rows], [r["messages"] for r in rows], lang)


def monthly_gini(report: Mapping[str, Any], lang: str = "id") -> go.Figure:
    """Gini of messages per calendar month (participation.monthly) over all members of the month,
    and beside it the posters-only Gini (`gini_posters`): in a quiet month most members are silent,
    which alone drives the all-members Gini towards 1, so the two together separate "few people
    talk" from "little is said". Whole-period Gini dashed. Months without a message are gaps."""
    p = _get(report, "participation")
    rows = list(p.get("monthly") or [])
    fig = _figure("monthly_gini", lang, subtitle=t("chart.monthly_gini.subtitle", lang,
                                                    gini=fmt_num(p.get("gini"), lang)))
    if not any(r.get("gini") is not None for r in rows):
        return _no_data(fig, lang)
    by_month = {str(r["period"])[:7]: r for r in rows}
    months = _all_months(list(by_month))
    get = lambda m, k: (by_month.get(m) or {}).get(k)  # noqa: E731
    custom = [[fmt_int(get(m, "messages") or 0, lang), fmt_int(get(m, "posters") or 0, lang),
               fmt_int(get(m, "n_members"), lang)] for m in months]
    fig.add_trace(go.Scatter(
        x=months, y=[get(m, "gini") for m in months], mode="lines+markers", connectgaps=False,
        name=t("chart.monthly_gini.all_members", lang), line=dict(color=OKABE_ITO["blue"]), customdata=custom,
        hovertemplate="%{x|%Y-%m}: Gini %{y:.2f}<br>%{customdata[0]} · %{customdata[1]}/%{customdata[2]}<extra></extra>"))
    if any(get(m, "gini_posters") is not None for m in months):
        fig.add_trace(go.Scatter(
            x=months, y=[get(m, "gini_posters") for m in months], mode="lines+markers", connectgaps=False,
            name=t("chart.monthly_gini.posters_only", lang), line=dict(color=OKABE_ITO["orange"], dash="dot"),
            marker=dict(symbol="square"), customdata=custom,
            hovertemplate="%{x|%Y-%m}: Gini %{y:.2f} (%{customdata[1]})<extra></extra>"))
    if p.get("gini") is not None:
        fig.add_hline(y=p["gini"], line=dict(color=GREY, dash="dash", width=1))
    _month_axis(fig, months)
    fig.update_yaxes(range=[0, 1.02], dtick=0.2)
    fig.update_layout(showlegend=True)
    return fig


# ------------------------------------------------------------------------------------------------
# Content (needs the `content` section written by the classifier integration)


def _category_order(keys: list[str]) -> list[str]:
    from analyzer.classify import CATEGORIES

    known = [c for c in CATEGORIES if c in keys]
    return known + sorted(k for k in keys if k not in CATEGORIES)


def _cat_label(cat: str, lang: str) -> str:
    key = f"cat.{cat}"
    from analyzer.i18n import TEXT

    return t(key, lang) if key in TEXT else chat_text(cat)


def category_shares(report: Mapping[str, Any], lang: str = "id") -> go.Figure:
    """Stacked shares of message categories per month (content.monthly_category_shares:
    [{"month", "messages", <category>: share, ...}]); one bar of content.category_shares when there
    is no monthly breakdown."""
    c = _get(report, "content")
    series: list[tuple[str, dict[str, float]]] = []
    for r in c.get("monthly_category_shares") or []:
        shares = {k: v for k, v in r.items() if k not in ("month", "period", "messages") and isinstance(v, (int, float))}
        series.append((str(r.get("month") or r.get("period")), shares))
    if not series and isinstance(c.get("category_shares"), Mapping) and c["category_shares"]:
        series = [(t("chart.category_shares.all", lang), dict(c["category_shares"]))]
    fig = _figure("category_shares", lang, subtitle=t("chart.category_shares.subtitle", lang))
    if not series:
        return _no_data(fig, lang)
    cats = _category_order(sorted({k for _, sh in series for k in sh}))
    periods = [p for p, _ in series]
    for cat in cats:
        fig.add_trace(go.Bar(
            x=periods, y=[_num(sh.get(cat)) if sh.get(cat) is not None else 0.0 for _, sh in series],
            name=_cat_label(cat, lang), marker_color=CATEGORY_COLORS.get(cat, GREY),
            hovertemplate="%{x}: %{y:.0%}<extra>%{fullData.name}</extra>"))
    # traceorder "normal": a horizontal legend reads left to right in category order (plotly
    # reverses stacked-bar legends by default, which only suits vertical legends).
    fig.update_layout(barmode="stack", bargap=0.15, legend_traceorder="normal")
    if len(series) > 1 or c.get("monthly_category_shares"):
        _month_axis(fig, periods)
    else:
        fig.update_xaxes(type="category")
    fig.update_yaxes(tickformat=".0%", range=[0, 1])
    return fig


def news_sharers(report: Mapping[str, Any], lang: str = "id", k: int = 15) -> go.Figure:
    """Members by number of business-news messages (content.news_by_member: [{member, news,
    messages}], most news first); `news_sharers` of docs/metrics.md in the subtitle."""
    c = _get(report, "content")
    rows = (c.get("news_by_member") or [])[:k]
    fig = _figure("news_sharers", lang, subtitle=t(
        "chart.news_sharers.subtitle", lang, k=fmt_int(c.get("news_sharers"), lang),
        n=fmt_int(c.get("n_members"), lang), p=fmt_share(c.get("business_news_share"), lang)))
    if not rows:
        return _no_data(fig, lang)
    labels = [f"{i}. {chat_text(r['member'], 22)}" for i, r in enumerate(rows, 1)]
    counts = [int(r.get("news") or 0) for r in rows]
    _hbar(fig, labels, [float(v) for v in counts], counts, lang, CATEGORY_COLORS["business_news"])
    top = max(counts)
    fig.update_xaxes(range=[0, top * 1.15 if top else 1])
    _count_axis(fig, "x", top)
    fig.update_traces(hovertemplate="%{y}: %{x}<extra></extra>")
    return fig


# ------------------------------------------------------------------------------------------------
# Latency

_TICKS_S = (60, 300, 900, 3600, 6 * 3600, 86_400, 7 * 86_400)


def latency_survival(report: Mapping[str, Any], lang: str = "id") -> go.Figure:
    """Kaplan–Meier survival of the reply time (latency.survival, [[t_s, S]]) on a log time axis.

    S(t) = share of turns still unanswered t seconds after they ended. A log axis cannot show t = 0,
    so the share answered at 0 s (same minute on Android exports) is drawn from half the timestamp
    resolution: the curve starts below 1 by exactly that share.
    """
    lat = _get(report, "latency")
    pts = lat.get("survival") or []
    fig = _figure("latency_survival", lang, subtitle=t(
        "chart.latency_survival.subtitle", lang, n=fmt_int(lat.get("n_turns"), lang),
        median=fmt_duration(lat.get("median_s"), lang, lat.get("resolution_s"))))
    if not pts:
        return _no_data(fig, lang)
    x0 = max(float(lat.get("resolution_s") or 1), 1.0) / 2
    xs = [max(p[0], x0) for p in pts]
    ys = [p[1] for p in pts]
    hover = [fmt_duration(p[0], lang, lat.get("resolution_s")) for p in pts]
    fig.add_trace(go.Scatter(x=xs, y=ys, mode="lines", line=dict(shape="hv", color=OKABE_ITO["blue"], width=2),
                             customdata=hover, hovertemplate="%{customdata}: %{y:.0%}<extra></extra>",
                             name="S(t)"))
    med = lat.get("median_s")
    if med is not None:
        fig.add_trace(go.Scatter(x=[x0, max(med, x0), max(med, x0)], y=[0.5, 0.5, 0], mode="lines",
                                 line=dict(color=OKABE_ITO["vermillion"], dash="dot", width=1), hoverinfo="skip"))
        fig.add_annotation(x=math.log10(max(med, x0)), y=0.5, text=f"{t('chart.latency_survival.median', lang)} "
                           f"{fmt_duration(med, lang, lat.get('resolution_s'))}", showarrow=False, xanchor="left", yanchor="bottom",
                           xshift=3, font=dict(size=TICK_PX, color=OKABE_ITO["vermillion"]))
    hi = max(xs[-1], x0 * 10)
    ticks = [v for v in _TICKS_S if x0 <= v <= hi * 1.01]
    fig.update_xaxes(type="log", range=[math.log10(x0), math.log10(hi)], tickvals=ticks,
                     ticktext=[fmt_duration(v, lang) for v in ticks], minor=dict(showgrid=False))
    fig.update_yaxes(range=[0, 1.02], tickformat=".0%", dtick=0.25)
    fig.update_layout(showlegend=False)
    return fig


def latency_by_hour(report: Mapping[str, Any], lang: str = "id") -> go.Figure:
    """Kaplan–Meier median reply time by hour of the turn's end (latency.by_hour), in minutes.

    Hours without a single turn get a grey "×" on the baseline, hours whose median is undefined
    (fewer than half of their turns answered) an open circle, so neither reads as a short bar; the
    subtitle gives the number of turns n (in all, and the range per hour)."""
    rows = _get(report, "latency").get("by_hour") or []
    ns = [int(r.get("n_turns") or 0) for r in rows]
    shown = [n for n, r in zip(ns, rows) if r.get("median_s") is not None]
    fig = _figure("latency_by_hour", lang, subtitle=t(
        "chart.latency_by_hour.subtitle_n", lang, n=fmt_int(sum(ns), lang),
        lo=fmt_int(min(shown) if shown else 0, lang), hi=fmt_int(max(shown) if shown else 0, lang)))
    if not any(r.get("median_s") is not None for r in rows):
        return _no_data(fig, lang)
    fig.add_trace(go.Bar(
        x=[r["hour"] for r in rows], y=[_num(r.get("median_s")) / 60 for r in rows],
        name=t("chart.latency_by_hour.median", lang),
        marker_color=OKABE_ITO["blue"], customdata=[[fmt_int(r.get("n_turns"), lang)] for r in rows],
        hovertemplate="%{x}:00 · %{y:.0f} min · n = %{customdata[0]}<extra></extra>"))
    empty = [r["hour"] for r, n in zip(rows, ns) if n == 0]
    undefined = [r["hour"] for r, n in zip(rows, ns) if n > 0 and r.get("median_s") is None]
    if empty:
        fig.add_trace(go.Scatter(x=empty, y=[0] * len(empty), mode="markers", cliponaxis=False,
                                 name=t("chart.latency_by_hour.empty", lang), hoverinfo="skip",
                                 marker=dict(symbol="x-thin", size=7, line=dict(width=1.5, color=GREY))))
    if undefined:
        fig.add_trace(go.Scatter(x=undefined, y=[0] * len(undefined), mode="markers", cliponaxis=False,
                                 name=t("chart.latency_by_hour.undefined", lang), hoverinfo="skip",
                                 marker=dict(symbol="circle-open", size=6, color=OKABE_ITO["vermillion"])))
    fig.update_xaxes(dtick=3, range=[-0.5, 23.5], showgrid=False)
    fig.update_yaxes(rangemode="tozero")
    fig.update_layout(showlegend=bool(empty or undefined))
    return fig


def sensitivity(report: Mapping[str, Any], lang: str = "id") -> go.Figure:
    """How the headline shares move with the reply window Δ and the censor limit (report.sensitivity).

    Two panels side by side, one parameter each, the other at the report's value: requests answered
    under the answer rule and the weak-tie share over Δ; requests answered and the share of turns
    with a next response within the limit over the censor limit. The report's own value is marked
    with a ring. The chart only draws report.json's numbers.
    """
    from plotly.subplots import make_subplots

    s = _get(report, "sensitivity")
    rw, cl = s.get("reply_window") or [], s.get("censor_limit") or []
    check_lang(lang)
    fig = make_subplots(rows=1, cols=2, shared_yaxes=True, horizontal_spacing=0.08)
    fig.update_layout(
        template=TEMPLATE, separators=PLOTLY_SEPARATORS[lang],
        title=dict(text=t("chart.sensitivity.title", lang), subtitle=dict(text=t("chart.sensitivity.subtitle", lang))),
        meta=dict(chart="sensitivity", lang=lang),
    )
    if not rw and not cl:
        return _no_data(fig, lang)
    defaults = s.get("defaults") or {}
    series = (
        (1, rw, "delta_s", 60.0, "reply_window_s", (
            ("request_answered_share", "chart.sensitivity.answered", SENSITIVITY_COLORS["answered"], "solid"),
            ("network_weak_tie_share", "chart.sensitivity.weak", SENSITIVITY_COLORS["weak"], "dash"))),
        (2, cl, "censor_limit_s", 3600.0, "censor_limit_s", (
            ("request_answered_share", "chart.sensitivity.answered", SENSITIVITY_COLORS["answered"], "solid"),
            ("next_response_within_limit_share", "chart.sensitivity.within", SENSITIVITY_COLORS["within"], "dot"))),
    )
    shown: set[str] = set()
    for col, rows, key, unit, default_key, lines in series:
        xs = [_num(r.get(key)) / unit for r in rows]
        for field, label_key, color, dash in lines:
            ys = [_num(r.get(field)) for r in rows]
            if all(y != y for y in ys):
                continue
            label = t(label_key, lang)
            fig.add_trace(go.Scatter(
                x=xs, y=ys, mode="lines+markers", name=label, legendgroup=label, showlegend=label not in shown,
                line=dict(color=color, dash=dash), marker=dict(color=color),
                hovertemplate="%{x:g}: %{y:.0%}<extra>" + chat_text(label) + "</extra>"), row=1, col=col)
            shown.add(label)
            d = defaults.get(default_key)
            if d is not None and float(d) in [_num(r.get(key)) for r in rows]:
                i = [_num(r.get(key)) for r in rows].index(float(d))
                fig.add_trace(go.Scatter(x=[xs[i]], y=[ys[i]], mode="markers", showlegend=False, hoverinfo="skip",
                                         marker=dict(size=12, color="rgba(0,0,0,0)", line=dict(color=color, width=1.5))),
                              row=1, col=col)
        fig.update_xaxes(title_text=t("chart.sensitivity.x" if col == 1 else "chart.sensitivity.censor", lang),
                         tickvals=xs, type="log", row=1, col=col)
    fig.update_yaxes(range=[0, 1.05], tickformat=".0%", row=1, col=1, title_text=t("chart.sensitivity.y", lang))
    fig.update_yaxes(range=[0, 1.05], tickformat=".0%", row=1, col=2)
    # The legend stays where the theme puts it (under the x-axis titles, anchored to the figure's
    # bottom edge with yref="container"), so plotly reserves the margin for it at both sizes. Each
    # line is its own legend group (both "Requests answered" lines toggle together); without the gap
    # between groups the stacked entries at single-column width leave the plot its height.
    fig.update_layout(legend=dict(tracegroupgap=0))
    return fig


# ------------------------------------------------------------------------------------------------
# Activity


def activity_heatmap(report: Mapping[str, Any], lang: str = "id") -> go.Figure:
    """Messages by hour of day × weekday (activity.hour_weekday), Monday on top."""
    hw = _get(report, "activity.hour_weekday")
    fig = _figure("activity_heatmap", lang, subtitle=t("chart.activity_heatmap.subtitle", lang))
    counts = hw.get("counts") or []
    if not counts or not any(any(row) for row in counts):
        return _no_data(fig, lang)
    days = [t(f"weekday.{d}", lang) for d in hw["weekdays"]]
    fig.add_trace(go.Heatmap(
        z=counts, x=list(hw["hours"]), y=days, colorscale=SEQUENTIAL, xgap=1, ygap=1,
        colorbar=dict(title=dict(text=t("chart.activity_heatmap.colorbar", lang), side="right",
                                 font=dict(size=FONT_PX)), thickness=10,
                      outlinewidth=0, tickfont=dict(size=TICK_PX), len=1),
        hovertemplate="%{y} %{x}:00 · %{z}<extra></extra>"))
    fig.update_xaxes(dtick=3, showgrid=False, showline=False, ticks="")
    fig.update_yaxes(autorange="reversed", showgrid=False, showline=False, ticks="", type="category")
    return fig


def timeline(report: Mapping[str, Any], lang: str = "id") -> go.Figure:
    """Messages per day (activity.messages_per_day, zero days included)."""
    a = _get(report, "activity")
    rows = a.get("messages_per_day") or []
    fig = _figure("timeline", lang, subtitle=t(
        "chart.timeline.subtitle", lang, mean=fmt_num(a.get("messages_per_day_mean"), lang, 1),
        day=a.get("busiest_day") or "–", max=fmt_int(a.get("messages_per_day_max"), lang)))
    if not rows:
        return _no_data(fig, lang)
    fig.add_trace(go.Scatter(x=[r[0] for r in rows], y=[r[1] for r in rows], mode="lines",
                             line=dict(color=OKABE_ITO["blue"], width=1, shape="hvh"), fill="tozeroy",
                             fillcolor="rgba(0,114,178,0.18)", hovertemplate="%{x|%Y-%m-%d}: %{y}<extra></extra>"))
    # Numeric month ticks: plotly's month names are English whatever the language. Spans of a few
    # months get day ticks instead (month ticks would repeat under "%Y-%m").
    first, last = str(rows[0][0])[:10], str(rows[-1][0])[:10]
    months = (int(last[:4]) - int(first[:4])) * 12 + int(last[5:7]) - int(first[5:7]) + 1
    if months > 3:
        fig.update_xaxes(type="date", showgrid=False, tickformat="%Y-%m", dtick=_month_step(months),
                         ticklabelmode="period")
    else:
        fig.update_xaxes(type="date", showgrid=False, tickformat="%Y-%m-%d", nticks=4)
    fig.update_yaxes(rangemode="tozero")
    _count_axis(fig, "y", max((r[1] for r in rows), default=0))
    fig.update_layout(showlegend=False)
    return fig


def joins_leaves(report: Mapping[str, Any], lang: str = "id") -> go.Figure:
    """Joins (up) and leaves (down) per month from system lines (activity.joins_leaves_monthly)."""
    rows = _get(report, "activity").get("joins_leaves_monthly") or []
    fig = _figure("joins_leaves", lang, subtitle=t("chart.joins_leaves.subtitle", lang))
    if not rows:
        return _no_data(fig, lang)
    months = [r["month"] for r in rows]
    fig.add_trace(go.Bar(x=months, y=[r.get("joins", 0) for r in rows], name=t("chart.joins_leaves.joins", lang),
                         marker_color=OKABE_ITO["green"], hovertemplate="%{x}: +%{y}<extra></extra>"))
    # Leaves drawn downwards (display only) so inflow and outflow read as one balance.
    fig.add_trace(go.Bar(x=months, y=[-(r.get("leaves", 0) or 0) for r in rows],
                         name=t("chart.joins_leaves.leaves", lang), marker_color=OKABE_ITO["vermillion"],
                         customdata=[r.get("leaves", 0) for r in rows],
                         hovertemplate="%{x}: −%{customdata}<extra></extra>"))
    fig.update_layout(barmode="relative")
    _month_axis(fig, months)
    fig.update_yaxes(zeroline=True, zerolinecolor=INK, zerolinewidth=0.8)
    _count_axis(fig, "y", max([r.get("joins", 0) or 0 for r in rows] + [r.get("leaves", 0) or 0 for r in rows]))
    return fig


def emoji(report: Mapping[str, Any], lang: str = "id", k: int = 15) -> go.Figure:
    """Most used emoji (activity.top_emoji), share of all emoji occurrences."""
    a = _get(report, "activity")
    rows = (a.get("top_emoji") or [])[:k]
    fig = _figure("emoji", lang, subtitle=t("chart.emoji.subtitle", lang, p=fmt_share(a.get("emoji_messages_share"), lang))
                  + " · " + t("chart.emoji.counts", lang))
    if not rows:
        return _no_data(fig, lang)
    return _hbar(fig, [chat_text(r["emoji"], 18) for r in rows], [_num(r["share"]) for r in rows],
                 [r["count"] for r in rows], lang, OKABE_ITO["orange"])


def domains(report: Mapping[str, Any], lang: str = "id", k: int = 15) -> go.Figure:
    """Most shared link domains (activity.top_domains), share of all links."""
    a = _get(report, "activity")
    rows = (a.get("top_domains") or [])[:k]
    fig = _figure("domains", lang, subtitle=t("chart.domains.subtitle", lang, p=fmt_share(a.get("link_messages_share"), lang))
                  + " · " + t("chart.domains.counts", lang))
    if not rows:
        return _no_data(fig, lang)
    return _hbar(fig, [chat_text(r["domain"], 28) for r in rows], [_num(r["share"]) for r in rows],
                 [r["count"] for r in rows], lang, OKABE_ITO["green"])


# ------------------------------------------------------------------------------------------------
# Network (drawn by analyzer.outputs.network_chart, written separately)


def network(report: Mapping[str, Any], lang: str = "id", size: str = "double", titles: bool = True) -> go.Figure:
    """The reply network, drawn by `analyzer.outputs.network_chart.network_figure`.

    This wrapper passes the publication theme and re-applies it (and the language's number
    separators) afterwards, so the network looks like every other chart.
    """
    _get(report, "network")
    from analyzer.outputs.network_chart import network_figure

    fig = network_figure(report, lang=lang, template=TEMPLATE, size=size, titles=titles)
    fig.update_layout(template=TEMPLATE, separators=PLOTLY_SEPARATORS[lang])
    return fig


# ------------------------------------------------------------------------------------------------
# Registry

CHARTS: dict[str, Builder] = {
    "lorenz": lorenz,
    "top_posters": top_posters,
    "monthly_gini": monthly_gini,
    "category_shares": category_shares,
    "news_sharers": news_sharers,
    "network": network,
    "latency_survival": latency_survival,
    "latency_by_hour": latency_by_hour,
    "sensitivity": sensitivity,
    "activity_heatmap": activity_heatmap,
    "timeline": timeline,
    "joins_leaves": joins_leaves,
    "emoji": emoji,
    "domains": domains,
}
"""Every chart by file name (DIR/charts/NAME.EXT), in report order."""


def finish(fig: go.Figure, size: str = "double", titles: bool = True) -> go.Figure:
    """Fit a built figure to its export `size`: the subtitle wrapped to the width (never cut at the
    edge) with the top margin to match, and the legend beneath the axis title. `titles=False` drops
    title and subtitle (journals set the caption outside the figure); `layout.meta["caption"]` keeps
    their text either way."""
    from analyzer.outputs.textmetrics import wrap

    width = SIZES.get(size, SIZES["double"])[0]
    meta = dict(fig.layout.meta or {})
    title = fig.layout.title.text or ""
    sub = (fig.layout.title.subtitle.text or "") if fig.layout.title.subtitle else ""
    meta.setdefault("caption", title + (". " + sub.replace("<br>", " ") if sub else "") + ".")
    if meta.get("chart") == "network":  # places its own titles and margins
        fig.update_layout(meta=meta)
        return fig
    _thin_log_ticks(fig, width)
    _thin_month_ticks(fig, width)
    if not titles:
        fig.update_layout(title=dict(text="", subtitle=dict(text="")), margin=dict(t=10), meta=meta)
        return fig
    avail = width - 8 - 12 - 4
    lines = wrap(html.unescape(sub), SUBTITLE_PX, avail) if sub else []
    title_lines = wrap(html.unescape(title), TITLE_PX, avail)
    if len(lines) > 1 or len(title_lines) > 1:
        fig.update_layout(title=dict(text="<br>".join(html.escape(x, quote=False) for x in title_lines),
                                     subtitle=dict(text="<br>".join(html.escape(x, quote=False) for x in lines))))
    extra = max(0, len(lines) - 1) + max(0, len(title_lines) - 1)
    meta["extra_lines"] = extra
    fig.update_layout(margin=dict(t=64 + 14 * extra), meta=meta)
    return fig


def _thin_log_ticks(fig: go.Figure, width: int) -> None:
    """Drop explicit tick labels of a log x axis that would touch their neighbour at this width
    (the reply-time axis at single-column size), keeping the first and every tick that fits."""
    from analyzer.outputs.textmetrics import text_width

    ax = fig.layout.xaxis
    if ax.type != "log" or not ax.tickvals or not ax.ticktext or not ax.range:
        return
    lo, hi = ax.range
    plot_w = width - 90  # y-axis title and tick labels, margins
    keep_v, keep_t, right = [], [], -1e9
    for v, txt in zip(ax.tickvals, ax.ticktext):
        x = (math.log10(v) - lo) / (hi - lo) * plot_w
        half = text_width(str(txt), TICK_PX) / 2
        if x - half >= right + 6:
            keep_v.append(v)
            keep_t.append(txt)
            right = x + half
    fig.update_xaxes(tickvals=keep_v, ticktext=keep_t)


def _thin_month_ticks(fig: go.Figure, width: int) -> None:
    """Widen the whole-month step of a date x axis until its labels fit the plot width."""
    from analyzer.outputs.textmetrics import text_width

    ax = fig.layout.xaxis
    if ax.type != "date" or not isinstance(ax.dtick, str) or not ax.dtick.startswith("M"):
        return
    xs = sorted(str(x)[:7] for tr in fig.data for x in (getattr(tr, "x", None) or ()) if x is not None)
    if not xs:
        return
    months = (int(xs[-1][:4]) - int(xs[0][:4])) * 12 + int(xs[-1][5:7]) - int(xs[0][5:7]) + 1
    fits = max(1, int((width - 110) // (text_width("2024-01", TICK_PX) + 14)))
    step = max(int(ax.dtick[1:]), math.ceil(months / fits))
    fig.update_xaxes(dtick=f"M{step}")


def build_all(report: Mapping[str, Any], lang: str = "id", names: list[str] | None = None, *,
              size: str = "double", titles: bool = True) -> dict[str, go.Figure]:
    """Every chart whose report section exists, in `CHARTS` order. Charts whose section is missing
    (no `content` or `network` yet) are left out; a section that exists but is empty gives a figure
    saying "no data", so the set of files does not depend on the chat's content.

    size: the export size ("single" or "double" column, `SIZES`) the figures are fitted to;
    titles=False leaves titles and subtitles out (see `finish`)."""
    check_lang(lang)
    out: dict[str, go.Figure] = {}
    for name in names or list(CHARTS):
        try:
            fig = (CHARTS[name](report, lang, size=size, titles=titles) if name == "network"
                   else CHARTS[name](report, lang))
        except MissingData:
            continue
        out[name] = finish(fig, size, titles)
    return out
