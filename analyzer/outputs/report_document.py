"""Files for researchers: charts (PDF/SVG/PNG), a self-contained HTML report, a PDF report, safe CSVs.

    from analyzer.outputs.report_document import export_all
    export_all(report.to_dict(), "out/", lang="id", formats=("pdf", "svg", "png"))
    # -> out/charts/NAME.pdf|svg|png, out/report.html, out/report.pdf

One browser for everything: static images come from kaleido 1.x, which drives a headless Chromium
(Debian's /usr/bin/chromium, found by choreographer; never downloaded). Starting it costs a few
seconds, so `export_all` opens it once, renders every chart in every format and prints the PDF
report in the same session: report.pdf is the HTML report's print version (charts drawn by the same
plotly.js at the chart files' size, vector) printed on A4 by Chromium's print engine, rather than
chart PDFs glued together, so text, tables and charts share one layout. `render_images` gives the
bytes without files (dashboard downloads).

Safety: every value that reaches HTML passes through `esc()` (html.escape): member names, emoji,
domains, notes that quote names, even numbers, so nothing from a chat can add markup or script.
The report also carries a Content-Security-Policy that forbids any network access, so opening it
sends nothing anywhere. `neutralise_csv` defuses spreadsheet formulas in CSV cells.
"""
from __future__ import annotations

import asyncio
import base64
import html
import json
import shlex
import tempfile
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Awaitable, Callable, Iterable, Mapping, Sequence, TypeVar

import plotly.graph_objects as go

from analyzer.outputs.charts import SIZES, build_all, export_height
from analyzer.outputs.csvsafe import neutralise_csv, neutralise_table  # noqa: F401 - re-exported (no plotly in csvsafe)
from analyzer.i18n import DEFAULT_LANG, REFERENCES, check_lang, fmt_duration, fmt_int, fmt_num, fmt_pct, t
from analyzer.outputs.narrative import key_numbers, summary_sentences

FORMATS: tuple[str, ...] = ("pdf", "svg", "png")
PNG_SCALE = 300 / 96
"""PNG pixels per CSS px: 300 dpi at the printed size (1 CSS px = 1/96 in), what journals ask for."""

T = TypeVar("T")


class ExportError(RuntimeError):
    """Static export is impossible (no Chromium, a render failed). Message says what to do."""


def esc(value: object) -> str:
    """HTML-escape any value (quotes too, so it is safe inside attributes)."""
    return html.escape("" if value is None else str(value), quote=True)


# ------------------------------------------------------------------------------------------------
# The browser session (kaleido 1.x)


def _run(make: Callable[[], Awaitable[T]]) -> T:
    """Run a coroutine to completion from sync code, also when an event loop is already running in
    this thread (Jupyter, some Streamlit setups): then in a short-lived thread of its own."""
    try:
        asyncio.get_running_loop()
    except RuntimeError:
        return asyncio.run(make())
    box: dict[str, Any] = {}

    def target() -> None:
        try:
            box["value"] = asyncio.run(make())
        except BaseException as e:  # noqa: BLE001 - re-raised in the caller's thread
            box["error"] = e

    th = threading.Thread(target=target, name="wa-analyzer-export")
    th.start()
    th.join()
    if "error" in box:
        raise box["error"]
    return box["value"]


def _plotlyjs_path() -> str:
    """plotly.py's bundled plotly.min.js, so kaleido renders with the same plotly.js as the HTML
    report and never fetches one from a CDN."""
    import plotly

    return str(Path(plotly.__file__).parent / "package_data" / "plotly.min.js")


class _Session:
    """One headless Chromium via kaleido, for images and for printing HTML to PDF."""

    def __init__(self, kaleido: Any) -> None:
        self.k = kaleido

    async def image(self, fig: go.Figure, fmt: str, width: int, height: int, scale: float) -> bytes:
        opts = {"format": fmt, "width": width, "height": export_height(fig, height),
                "scale": scale if fmt == "png" else 1}
        data = await self.k.calc_fig(fig, opts=opts)
        if not data:
            raise ExportError(f"kaleido returned no {fmt} data")
        return data

    async def print_pdf(self, html_path: Path, wait_js: str | None = None) -> bytes:
        """Print a local HTML file with Chromium's own print engine (CSS @page decides the paper).

        `wait_js`: an expression evaluating to a Promise that settles when the page is ready (the
        report's plots are drawn asynchronously after the load event)."""
        tab = await self.k.create_tab("")
        try:
            loaded = tab.subscribe_once("Page.loadEventFired")
            await tab.send_command("Page.enable")
            r = await tab.send_command("Page.navigate", params={"url": html_path.resolve().as_uri()})
            if "error" in r:
                raise ExportError(f"Chromium could not open {html_path}: {r['error']}")
            await asyncio.wait_for(loaded, timeout=60)
            if wait_js:
                r = await tab.send_command("Runtime.evaluate", params={
                    "expression": wait_js, "awaitPromise": True, "returnByValue": True, "timeout": 60_000})
                if "error" in r or "exceptionDetails" in r.get("result", {}):
                    raise ExportError(f"the report's charts did not render: {r.get('error') or r['result']}")
            r = await tab.send_command("Page.printToPDF", params={
                "printBackground": True, "preferCSSPageSize": True, "displayHeaderFooter": False})
            if "error" in r:
                raise ExportError(f"Chromium could not print {html_path}: {r['error']}")
            return base64.b64decode(r["result"]["data"])
        finally:
            try:
                await self.k.close_tab(tab.target_id)
            except Exception:  # noqa: BLE001 - closing a tab of a browser that is going away
                pass


async def _with_session(work: Callable[[_Session], Awaitable[T]]) -> T:
    try:
        import kaleido
        from choreographer.errors import ChromeNotFoundError
    except ImportError as e:  # pragma: no cover - both are dependencies
        raise ExportError(f"static export needs kaleido>=1: {e}") from None
    try:
        # mathjax=False: no formulas in our charts, and the default would fetch MathJax from a CDN.
        async with kaleido.Kaleido(n=1, mathjax=False, plotlyjs=_plotlyjs_path()) as k:
            return await work(_Session(k))
    except ChromeNotFoundError:
        raise ExportError("no Chromium found for chart export: install it (Debian: apt-get install chromium) "
                          "or set BROWSER_PATH") from None


def _size(width: int | None, height: int | None, size: str) -> tuple[int, int]:
    w, h = SIZES[size]
    return int(width or w), int(height or h)


def _check_formats(formats: Iterable[str]) -> tuple[str, ...]:
    fs = tuple(dict.fromkeys(f.strip().lower().lstrip(".") for f in formats if f.strip()))
    bad = [f for f in fs if f not in FORMATS]
    if bad:
        raise ValueError(f"chart formats must be among {', '.join(FORMATS)}, not {', '.join(bad)}")
    return fs


async def _render_all(s: _Session, figures: Mapping[str, go.Figure], formats: Sequence[str], width: int,
                      height: int, scale: float) -> dict[str, dict[str, bytes]]:
    out: dict[str, dict[str, bytes]] = {}
    for name, fig in figures.items():
        out[name] = {}
        for fmt in formats:
            try:
                out[name][fmt] = await s.image(fig, fmt, width, height, scale)
            except ExportError:
                raise
            except Exception as e:  # noqa: BLE001 - kaleido raises several types; name the chart
                raise ExportError(f"could not render chart {name!r} as {fmt}: {e}") from e
    return out


def render_images(figures: Mapping[str, go.Figure], formats: Iterable[str] = FORMATS, *, width: int | None = None,
                  height: int | None = None, size: str = "double", scale: float = PNG_SCALE
                  ) -> dict[str, dict[str, bytes]]:
    """{name: {format: bytes}} for every figure, in one browser session (for download buttons)."""
    fs = _check_formats(formats)
    w, h = _size(width, height, size)
    return _run(lambda: _with_session(lambda s: _render_all(s, figures, fs, w, h, scale)))


def _write_bytes(images: Mapping[str, Mapping[str, bytes]], out_dir: Path) -> list[Path]:
    charts = Path(out_dir) / "charts"
    charts.mkdir(parents=True, exist_ok=True)
    paths = []
    for name, by_fmt in images.items():
        for fmt, data in by_fmt.items():
            p = charts / f"{name}.{fmt}"
            p.write_bytes(data)
            paths.append(p)
    return paths


def write_charts(figures: Mapping[str, go.Figure], out_dir: str | Path, formats: Iterable[str] = FORMATS, *,
                 width: int | None = None, height: int | None = None, size: str = "double",
                 scale: float = PNG_SCALE) -> list[Path]:
    """Write DIR/charts/NAME.EXT for every figure and format, with one browser session.

    width/height in CSS px (default `SIZES[size]`: "double" = 7 in, "single" = 3.5 in column); PDF
    and SVG are vector at that size, PNG is `scale` times larger.
    """
    return _write_bytes(render_images(figures, formats, width=width, height=height, size=size, scale=scale),
                        Path(out_dir))


# ------------------------------------------------------------------------------------------------
# HTML report

_CSS = """
@page { size: A4; margin: 14mm 13mm 16mm 13mm; }
:root { --ink: #222; --muted: #555; --rule: #d9d9d9; --accent: #0072B2; }
* { box-sizing: border-box; }
body { font-family: "Liberation Sans", Arial, Helvetica, "DejaVu Sans", Symbola, "Noto Emoji", sans-serif;
       color: var(--ink);
       font-size: 10.5pt; line-height: 1.45; max-width: 60rem; margin: 0 auto; padding: 1.5rem; }
h1 { font-size: 18pt; margin: 0 0 .3rem; }
h2 { font-size: 13pt; margin: 1.6rem 0 .5rem; border-bottom: 1px solid var(--rule); padding-bottom: .2rem;
     break-after: avoid; }
h3 { font-size: 11pt; margin: 1.1rem 0 .3rem; break-after: avoid; }
p.meta { color: var(--muted); margin: 0; }
ul.summary li { margin: .25rem 0; }
.cards { display: flex; flex-wrap: wrap; gap: .5rem; }
.card { border: 1px solid var(--rule); border-radius: 4px; padding: .4rem .7rem; min-width: 9rem; }
.card .v { font-size: 14pt; font-weight: bold; color: var(--accent); }
.card .l { font-size: 9pt; color: var(--muted); }
figure.chart { margin: .8rem 0 1.2rem; break-inside: avoid; }
figure.chart img { width: 100%; height: auto; display: block; }
figure.chart .plot { width: 100%; height: 420px; }
table { border-collapse: collapse; font-size: 9pt; margin: .3rem 0 1rem; break-inside: auto; }
th, td { border-bottom: 1px solid var(--rule); padding: .15rem .6rem .15rem 0; text-align: left;
         vertical-align: top; }
td.n, th.n { text-align: right; font-variant-numeric: tabular-nums; }
tr { break-inside: avoid; }
code, pre { font-family: "Liberation Mono", "DejaVu Sans Mono", monospace; font-size: 8.5pt; }
pre { white-space: pre-wrap; word-break: break-all; background: #f6f6f6; padding: .5rem; }
ol.refs li, ul.defs li { margin: .2rem 0; }
section.tables { columns: 1; }
@media print { body { padding: 0; max-width: none; } a { color: inherit; text-decoration: none; } }
"""

_CSP = ("default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; "
        "img-src data: blob:; font-src data:")
"""No network access at all: opening the report fetches nothing and sends nothing."""

_READY_JS = ("Promise.all(window.__waPlots || []).then(() => new Promise(r => requestAnimationFrame(() => "
             "requestAnimationFrame(() => r(true)))))")
"""Resolves once every Plotly.newPlot promise has settled and two frames were painted."""


def _plot_div(name: str, fig: go.Figure, print_size: tuple[int, int] | None) -> str:
    """A figure as a div plus one newPlot call. The figure JSON is plotly's own, which escapes
    <, > and / as \\u003c etc., so no chat text can close the script element."""
    import plotly.io as pio

    div_id = f"plot-{name}"
    if print_size:
        w, h = print_size[0], export_height(fig, print_size[1])
        style = f"width:{w}px;height:{h}px"
        config = {"staticPlot": True}
        layout_patch = f"Object.assign(f.layout, {{width: {w}, height: {h}}});"
    else:
        style = "width:100%;height:420px"
        config = {"displaylogo": False, "responsive": True}
        layout_patch = ""
    return (f'<div id="{esc(div_id)}" class="plot" style="{style}"></div>'
            f"<script>(function(){{var f={pio.to_json(fig, validate=False)};{layout_patch}"
            f"window.__waPlots=window.__waPlots||[];window.__waPlots.push(Plotly.newPlot({json.dumps(div_id)},"
            f"f.data,f.layout,{json.dumps(config)}));}})();</script>")


def _table(headers: Sequence[tuple[str, bool]], rows: Iterable[Sequence[object]]) -> str:
    """An HTML table; headers are (label, numeric) and every cell is escaped."""
    head = "".join(f'<th class="n">{esc(h)}</th>' if num else f"<th>{esc(h)}</th>" for h, num in headers)
    body = []
    for r in rows:
        cells = "".join(f'<td class="n">{esc(v)}</td>' if num else f"<td>{esc(v)}</td>"
                        for v, (_, num) in zip(r, headers))
        body.append(f"<tr>{cells}</tr>")
    if not body:
        return ""
    return f"<table><thead><tr>{head}</tr></thead><tbody>{''.join(body)}</tbody></table>"


def _value(v: object) -> str:
    """A parameter value as text: lists/dicts as JSON, None as 'null' (so it reads as in report.json)."""
    if isinstance(v, (list, dict)):
        return json.dumps(v, ensure_ascii=False)
    if v is None:
        return "null"
    return str(v)


def _kv_table(d: Mapping[str, Any], lang: str, describe: bool = False) -> str:
    """Key/value rows; describe=True adds what each (known) parameter means, in `lang`."""
    if not describe:
        return _table([(t("report.key", lang), False), (t("report.value", lang), False)],
                      ((k, _value(v)) for k, v in d.items()))
    known = _i18n_text()
    return _table([(t("report.key", lang), False), (t("report.description", lang), False),
                   (t("report.value", lang), False)],
                  ((k, t(f"param.{k}", lang) if f"param.{k}" in known else "", _value(v)) for k, v in d.items()))


def reproduce_command(report: Mapping[str, Any]) -> tuple[str, str]:
    """(CLI command, Python call) that recompute this report from the same export."""
    p = report.get("parameters") or {}
    src = (report.get("format") or {}).get("source") or "CHAT.txt"
    cli = ["wa-analyzer", "analyze", src, "--out", "DIR"]
    if p.get("start"):
        cli += ["--start", str(p["start"])[:19]]
    if p.get("end"):
        cli += ["--end", str(p["end"])]
    if p.get("members") is not None:
        cli += ["--members", str(p["members"])]
    if p.get("roster_names") is not None:
        cli += ["--roster", "ROSTER.txt"]
    for key, flag in (("tau_burst_s", "--tau-burst"), ("reply_window_s", "--reply-window"),
                      ("censor_limit_s", "--censor-limit"), ("seed", "--seed")):
        if p.get(key) is not None:
            cli += [flag, f"{p[key]:g}" if isinstance(p[key], float) else str(p[key])]
    qh = p.get("quiet_hours")
    if qh is not None:
        cli += ["--quiet-hours", qh if isinstance(qh, str) else f"{qh[0]}-{qh[1]}"]
    # a coding sheet given as a file keeps its path; one given as an object ("<DataFrame>") a stand-in
    sheet = None if not p.get("labels") else "CODING.csv" if str(p["labels"]).startswith("<") else str(p["labels"])
    if sheet:
        cli += ["--labels", sheet] + (["--no-fit-to-labels"] if p.get("fit_to_labels") is False else [])
    kwargs = []
    for key in ("start", "end", "members", "tau_burst_s", "reply_window_s", "censor_limit_s", "quiet_hours",
                "bootstrap", "null_draws", "seed", "rolling_days", "top_n", "message_kinds"):
        if key in p:
            v = p[key]
            kwargs.append(f"{key}={tuple(v) if isinstance(v, list) and key == 'quiet_hours' else v!r}")
    if p.get("roster_names") is not None:
        kwargs.append("roster=read_roster('ROSTER.txt')")
    if sheet:
        kwargs += [f"labels={sheet!r}"] + (["fit_to_labels=False"] if p.get("fit_to_labels") is False else [])
    py = (f"from analyzer import load_chat\nfrom analyzer.analysis import analyze, read_roster\n"
          f"report = analyze(load_chat({src!r}), {', '.join(kwargs)})")
    return " ".join(shlex.quote(a) for a in cli), py


def _tables_html(r: Mapping[str, Any], lang: str) -> str:
    p = r.get("participation") or {}
    lat = r.get("latency") or {}
    a = r.get("activity") or {}
    c = r.get("content") or {}
    parts: list[str] = []

    def add(title_key: str, table: str) -> None:
        if table:
            parts.append(f"<h3>{esc(t(title_key, lang))}</h3>{table}")

    add("report.table.top_posters", _table(
        [("#", True), (t("report.col.member", lang), False), (t("report.col.messages", lang), True),
         (t("report.col.share", lang), True)],
        ((i, row.get("member"), fmt_int(row.get("messages"), lang), fmt_pct(row.get("share"), lang, 1))
         for i, row in enumerate(p.get("top_posters") or [], 1))))
    add("report.table.monthly", _table(
        [(t("report.col.period", lang), False), (t("report.col.messages", lang), True),
         (t("report.col.posters", lang), True), (t("report.col.members", lang), True), ("Gini", True)],
        ((m.get("period"), fmt_int(m.get("messages"), lang), fmt_int(m.get("posters"), lang),
          fmt_int(m.get("n_members"), lang), fmt_num(m.get("gini"), lang)) for m in p.get("monthly") or [])))
    if isinstance(c.get("category_shares"), Mapping):
        add("report.table.categories", _table(
            [(t("report.col.category", lang), False), (t("report.col.share", lang), True)],
            ((t(f"cat.{k}", lang) if f"cat.{k}" in _i18n_text() else k, fmt_pct(v, lang, 1))
             for k, v in c["category_shares"].items())))
    add("report.table.news_sharers", _table(
        [(t("report.col.member", lang), False), (t("report.col.news", lang), True),
         (t("report.col.messages", lang), True)],
        ((s.get("member"), fmt_int(s.get("news"), lang), fmt_int(s.get("messages"), lang))
         for s in c.get("news_by_member") or [])))
    res = lat.get("resolution_s")  # minute exports: "under a minute", never "0 s"
    add("report.table.latency_by_hour", _table(
        [(t("report.col.hour", lang), True), (t("report.col.turns", lang), True), (t("report.col.median", lang), True),
         (t("report.col.answered_1h", lang), True), (t("report.col.unanswered", lang), True)],
        ((h.get("hour"), fmt_int(h.get("n_turns"), lang), fmt_duration(h.get("median_s"), lang, res),
          fmt_pct(h.get("answered_1h_share"), lang), fmt_pct(h.get("unanswered_share"), lang))
         for h in lat.get("by_hour") or [])))
    add("report.table.latency_by_member", _table(
        [(t("report.col.member", lang), False), (t("report.col.turns", lang), True), (t("report.col.median", lang), True),
         (t("report.col.answered", lang), True), (t("report.col.answered_1h", lang), True)],
        ((m.get("member"), fmt_int(m.get("n_turns"), lang), fmt_duration(m.get("median_s"), lang, res),
          fmt_pct(m.get("answered_share"), lang), fmt_pct(m.get("answered_1h_share"), lang))
         for m in (lat.get("by_member") or [])[:30])))
    for key, table in sensitivity_tables(r, lang):
        add(key, table)
        parts.append(f"<p>{esc(t('report.sensitivity.note', lang))}</p>")
    add("report.table.joins_leaves", _table(
        [(t("report.col.period", lang), False), (t("report.col.joins", lang), True), (t("report.col.leaves", lang), True)],
        ((j.get("month"), fmt_int(j.get("joins"), lang), fmt_int(j.get("leaves"), lang))
         for j in a.get("joins_leaves_monthly") or [])))
    add("report.table.domains", _table(
        [(t("report.col.domain", lang), False), (t("report.col.count", lang), True), (t("report.col.share", lang), True)],
        ((d.get("domain"), fmt_int(d.get("count"), lang), fmt_pct(d.get("share"), lang, 1))
         for d in a.get("top_domains") or [])))
    add("report.table.emoji", _table(
        [(t("report.col.emoji", lang), False), (t("report.col.count", lang), True), (t("report.col.share", lang), True)],
        ((f"{e.get('emoji')} {e.get('name') or ''}".strip(), fmt_int(e.get("count"), lang),
          fmt_pct(e.get("share"), lang, 1)) for e in a.get("top_emoji") or [])))
    return "\n".join(parts)


def sensitivity_tables(r: Mapping[str, Any], lang: str) -> list[tuple[str, str]]:
    """(title key, HTML table) for the sensitivity block of report.json: one table over Δ, one over
    the censor limit; the report's own value of each parameter is marked with *."""
    s = r.get("sensitivity") or {}
    defaults = s.get("defaults") or {}
    out = []
    rows = s.get("reply_window") or []
    if rows:
        def mark(v: object, key: str) -> str:
            return fmt_duration(v, lang) + (" *" if v == defaults.get(key) else "")

        out.append(("report.table.sensitivity_delta", _table(
            [(t("report.col.delta", lang), False), (t("report.col.requests_answered", lang), True),
             (t("report.col.edges", lang), True), (t("report.col.density", lang), True),
             (t("report.col.weak_ties", lang), True), (t("report.col.modularity", lang), True)],
            ((mark(x.get("delta_s"), "reply_window_s"), fmt_pct(x.get("request_answered_share"), lang),
              fmt_int(x.get("network_edges"), lang), fmt_num(x.get("network_density"), lang),
              fmt_pct(x.get("network_weak_tie_share"), lang), fmt_num(x.get("network_modularity"), lang))
             for x in rows))))
    rows = s.get("censor_limit") or []
    if rows:
        res = (r.get("latency") or {}).get("resolution_s")
        out.append(("report.table.sensitivity_censor", _table(
            [(t("report.col.censor_limit", lang), False), (t("report.col.median", lang), True),
             (t("report.col.within_limit", lang), True), (t("report.col.requests_answered", lang), True)],
            ((fmt_duration(x.get("censor_limit_s"), lang) + (" *" if x.get("censor_limit_s") == defaults.get("censor_limit_s") else ""),
              fmt_duration(x.get("next_response_median_s"), lang, res),
              fmt_pct(x.get("next_response_within_limit_share"), lang),
              fmt_pct(x.get("request_answered_share"), lang)) for x in rows))))
    return out


def answer_rule_text(r: Mapping[str, Any], lang: str) -> str:
    """The answer rule in the report's language, with the parameters report.json records."""
    c = r.get("content") or {}
    p = c.get("request_answer_params") or {}
    params = r.get("parameters") or {}
    return t("def.answers", lang, horizon=fmt_duration(p.get("horizon_s", params.get("censor_limit_s")), lang),
             k=fmt_int(p.get("max_candidates", 50), lang), sim=fmt_num(p.get("min_similarity", 0.2), lang, 2),
             window=fmt_duration(p.get("reply_window_s", params.get("reply_window_s")), lang))


def _i18n_text() -> Mapping[str, Any]:
    from analyzer.i18n import TEXT

    return TEXT


def _notes(r: Mapping[str, Any], lang: str = "en") -> list[str]:
    """Warnings in the report's language, with advice for a command-line user (analyzer.notices),
    then the sections' method notes."""
    from analyzer.notices import localised_warnings

    notes = localised_warnings(r.get("warnings") or [], r.get("notices") or [], lang, "cli")
    for section in ("participation", "latency", "activity", "content", "network"):
        notes += list((r.get(section) or {}).get("notes") or [])
    return list(dict.fromkeys(str(n) for n in notes))


def report_html(report: Mapping[str, Any], figures: Mapping[str, go.Figure], lang: str = DEFAULT_LANG, *,
                print_size: tuple[int, int] | None = None) -> str:
    """The report as one self-contained HTML document: plotly.js inlined once in <head>, each figure a
    div drawn by one `Plotly.newPlot` call.

    `print_size` (w, h in CSS px): the print version behind report.pdf, with figures at the fixed
    size the chart files have (so the PDF shows them exactly as DIR/charts/ does) and no mode bar.
    """
    from plotly.offline import get_plotlyjs

    check_lang(lang)
    fmt = report.get("format") or {}
    win = report.get("window") or {}
    params = report.get("parameters") or {}
    tool = report.get("tool") or {"name": "wa-analyzer", "version": report.get("version", "")}
    period = f"{(win.get('first_record') or '–')[:10]} – {(win.get('last_record') or '–')[:10]}"
    # "</script" cannot occur in the minified bundle, but guard anyway: it would end the element.
    plotly_js = "<script>" + get_plotlyjs().replace("</script", "<\\/script") + "</script>"
    head_js = "<!--PLOTLY-JS-->"  # inserted last: the text pass below must not scan the bundle
    charts = [f'<figure class="chart" id="chart-{esc(name)}">{_plot_div(name, fig, print_size)}</figure>'
              for name, fig in figures.items()]

    cli, py = reproduce_command(report)
    summary = "".join(f"<li>{esc(s)}</li>" for s in summary_sentences(report, lang))
    cards = "".join(f'<div class="card"><div class="v">{esc(v)}</div><div class="l">{esc(k)}</div></div>'
                    for k, v in key_numbers(report, lang))
    defs = "".join(f"<li>{esc(t(k, lang))}</li>" for k in (
        "def.members", "def.gini", "def.lorenz", "def.other_indices", "def.turns", "def.latency", "def.burstiness",
        "def.activity", "def.categories", "def.network", "def.palette"))
    if (report.get("content") or {}).get("request_answer_rule"):
        defs += f"<li>{esc(answer_rule_text(report, lang))}</li>"
    refs = "".join(f"<li>{esc(ref)}</li>" for ref in REFERENCES)
    notes = _notes(report, lang)
    notes_html = ("<ul>" + "".join(f"<li>{esc(n)}</li>" for n in notes) + "</ul>") if notes else \
        f"<p>{esc(t('report.none', lang))}</p>"
    generated = t("report.generated", lang, tool=tool.get("name", "wa-analyzer"), version=tool.get("version", ""))
    csp = _CSP
    doc = f"""<!DOCTYPE html>
<html lang="{esc(lang)}">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="{csp}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="{esc(tool.get('name', 'wa-analyzer'))} {esc(tool.get('version', ''))}">
<title>{esc(t('report.title', lang))}</title>
<style>{_CSS}</style>
{head_js}
</head>
<body>
<header>
<h1>{esc(t('report.title', lang))}</h1>
<p class="meta">{esc(t('report.source', lang))}: {esc(fmt.get('source') or '–')} · {esc(t('report.period', lang))}: {esc(period)}
 · {esc(generated)}</p>
</header>
<section id="summary"><h2>{esc(t('report.summary', lang))}</h2><ul class="summary">{summary}</ul>
<h3>{esc(t('report.key_numbers', lang))}</h3><div class="cards">{cards}</div></section>
<section id="charts"><h2>{esc(t('report.charts', lang))}</h2>
{''.join(charts)}
</section>
<section id="tables" class="tables"><h2>{esc(t('report.tables', lang))}</h2>
{_tables_html(report, lang)}
</section>
<section id="parameters"><h2>{esc(t('report.parameters', lang))}</h2>
<p>{esc(t('report.parameters.intro', lang))}</p>
<h3>{esc(t('report.command', lang))}</h3><pre>{esc(cli)}</pre><pre>{esc(py)}</pre>
{_kv_table(params, lang, describe=True)}
<h3>{esc(t('report.window', lang))}</h3>{_kv_table(win, lang)}
<h3>{esc(t('report.format', lang))}</h3>{_kv_table(fmt, lang)}
</section>
<section id="definitions"><h2>{esc(t('report.definitions', lang))}</h2><ul class="defs">{defs}</ul>
<h3>{esc(t('report.references', lang))}</h3><ol class="refs">{refs}</ol></section>
<section id="notes"><h2>{esc(t('report.warnings', lang))}</h2>{notes_html}</section>
</body>
</html>
"""
    if print_size:
        # report.pdf: outline glyphs only (no Type 3 colour-emoji fonts), see analyzer.outputs.glyphs.
        from analyzer.outputs.glyphs import outline_safe

        doc = outline_safe(doc)
    return doc.replace(head_js, plotly_js, 1)


def _write_captions(figures: Mapping[str, go.Figure], out_dir: Path) -> Path:
    """DIR/charts/captions.txt: "NAME.EXT: caption" for charts exported without titles."""
    p = Path(out_dir) / "charts" / "captions.txt"
    lines = []
    for name, fig in figures.items():
        meta = fig.layout.meta if isinstance(fig.layout.meta, dict) else {}
        lines.append(f"{name}: {html.unescape(str(meta.get('caption', '')).replace('<br>', ' '))}")
    p.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return p


def write_html_report(report: Mapping[str, Any], figures: Mapping[str, go.Figure], path: str | Path,
                      lang: str = DEFAULT_LANG) -> Path:
    """Write the self-contained interactive report (plotly.js inlined once; opens offline)."""
    p = Path(path)
    p.parent.mkdir(parents=True, exist_ok=True)
    p.write_text(report_html(report, figures, lang), encoding="utf-8")
    return p


async def _print_report(s: _Session, report: Mapping[str, Any], figures: Mapping[str, go.Figure], lang: str,
                        size: str) -> bytes:
    """report.pdf: the print version of the report, drawn by plotly.js inside the export browser
    (vector, same renderer as the chart files) and printed on A4 by Chromium."""
    with tempfile.TemporaryDirectory(prefix="wa-report-") as tmp:
        page = Path(tmp) / "report-print.html"
        page.write_text(report_html(report, figures, lang, print_size=SIZES[size]), encoding="utf-8")
        return await s.print_pdf(page, wait_js=_READY_JS)


def write_pdf_report(report: Mapping[str, Any], figures: Mapping[str, go.Figure], path: str | Path,
                     lang: str = DEFAULT_LANG, *, size: str = "double") -> Path:
    """Write report.pdf (A4, multi-page: summary, every chart, tables, parameters, definitions)."""
    p = Path(path)
    p.parent.mkdir(parents=True, exist_ok=True)
    p.write_bytes(_run(lambda: _with_session(lambda s: _print_report(s, report, figures, lang, size))))
    return p


# ------------------------------------------------------------------------------------------------
# Everything at once (the CLI)


@dataclass
class ExportResult:
    """What `export_all` wrote and how long the parts took (seconds)."""

    paths: list[Path] = field(default_factory=list)
    charts: list[str] = field(default_factory=list)
    timings: dict[str, float] = field(default_factory=dict)


def export_all(report: Mapping[str, Any], out_dir: str | Path, *, lang: str = DEFAULT_LANG,
               formats: Iterable[str] = (), report_files: bool = True, pdf: bool = True, size: str = "double",
               figures: Mapping[str, go.Figure] | None = None, titles: bool = True,
               extra_figures: Callable[[bool], Mapping[str, go.Figure]] | None = None) -> ExportResult:
    """Charts in `formats` to DIR/charts/, and (unless report_files=False) DIR/report.html and
    (unless pdf=False) DIR/report.pdf, with a single browser session for all static output.

    Figures are fitted to `size` (see `charts.finish`). titles=False: the chart files carry no title
    or subtitle (journals print the caption outside the figure); their captions are written to
    DIR/charts/captions.txt instead. The reports keep their titles. `extra_figures(titles)` adds
    figures that are not built from report.json (the per-member charts of --members-of-interest)."""
    check_lang(lang)
    fs = _check_formats(formats)
    out = Path(out_dir)
    res = ExportResult()
    clock = time.perf_counter()
    figs = dict(figures) if figures is not None else build_all(report, lang, size=size)
    files = figs if titles or figures is not None else build_all(report, lang, size=size, titles=False)
    if extra_figures is not None:
        figs = {**figs, **extra_figures(True)}
        files = {**files, **(extra_figures(False) if not titles else {k: figs[k] for k in figs if k not in files})}
    res.charts = list(figs)
    res.timings["build"] = time.perf_counter() - clock
    if report_files:
        clock = time.perf_counter()
        res.paths.append(write_html_report(report, figs, out / "report.html", lang))
        res.timings["html"] = time.perf_counter() - clock
    want_pdf = report_files and pdf
    if not fs and not want_pdf:
        return res
    w, h = SIZES[size]

    async def work(s: _Session) -> tuple[dict[str, dict[str, bytes]], bytes | None]:
        t0 = time.perf_counter()
        images = await _render_all(s, files, fs, w, h, PNG_SCALE) if fs else {}
        res.timings["charts"] = time.perf_counter() - t0
        doc = None
        if want_pdf:
            t0 = time.perf_counter()
            doc = await _print_report(s, report, figs, lang, size)
            res.timings["pdf_report"] = time.perf_counter() - t0
        return images, doc

    clock = time.perf_counter()
    images, doc = _run(lambda: _with_session(work))
    res.timings["browser_total"] = time.perf_counter() - clock
    if fs:
        res.paths += _write_bytes({n: {f: d[f] for f in fs} for n, d in images.items()}, out)
        if not titles:
            res.paths.append(_write_captions(files, out))
    if doc is not None:
        (out / "report.pdf").write_bytes(doc)
        res.paths.append(out / "report.pdf")
    return res
