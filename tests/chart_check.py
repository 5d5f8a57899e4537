"""Chart checks a journal reviewer would make, from the figure as plotly.js lays it out.

`LayoutProbe` opens ONE headless Chromium (Debian's, via Playwright) with plotly.js loaded once and
draws figures into it at their export size; for each it returns every drawn text element's box
(title, subtitle, axis titles, tick labels, legend entries, annotations, point and bar texts), the
plot area and the tick labels per axis. The checks below then read those boxes:

- `overlaps`: two text boxes that intersect (by more than `tol` px in both directions);
- `clipped`: a text box that reaches outside the figure, or a point/bar text outside the plot
  area when the plot area clips it (plotly's `cliponaxis`);
- `bad_count_ticks`: tick labels of a count axis (named in `layout.meta["count_axes"]`) that are not
  whole numbers or repeat;
- `cvd_min_delta_e`: the smallest CIE ΔE*ab (1976) between any two colours after simulating
  deuteranopia, protanopia and tritanopia (Machado et al. 2009, via `colorspacious`).

No image is rendered: boxes come from the browser's own text layout (`getBoundingClientRect`), so
one figure costs tens of milliseconds.
"""
from __future__ import annotations

import itertools
import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterable

import plotly.graph_objects as go

CHROMIUM = "/usr/bin/chromium"

_JS = r"""
async ([fig, w, h]) => {
  const div = document.getElementById('plot');
  fig.layout.width = w; fig.layout.height = h;
  await Plotly.newPlot(div, fig.data, fig.layout, {staticPlot: true});
  const root = div.getBoundingClientRect();
  const size = div._fullLayout._size;
  const out = [];
  const kindOf = (el) => {
    for (let p = el; p && p !== div; p = p.parentNode) {
      const c = (p.getAttribute && p.getAttribute('class')) || '';
      for (const k of ['xtick', 'ytick', 'cbaxis', 'legendtext', 'gtitle-subtitle', 'gtitle', 'xtitle', 'ytitle',
                       'cbtitle', 'annotation', 'textpoint', 'bartext', 'legendtitletext'])
        if (c.split(/\s+/).includes(k)) return k;
    }
    return 'other';
  };
  const clipped = (el) => {
    for (let p = el.parentNode; p && p !== div; p = p.parentNode)
      if (p.getAttribute && p.getAttribute('clip-path')) return true;
    return false;
  };
  for (const el of div.querySelectorAll('svg.main-svg text')) {
    const txt = (el.textContent || '').trim();
    if (!txt) continue;
    const st = getComputedStyle(el);
    if (st.display === 'none' || st.visibility === 'hidden' || st.opacity === '0') continue;
    const r = el.getBoundingClientRect();
    if (r.width === 0 || r.height === 0) continue;
    out.push({text: txt, kind: kindOf(el), clip: clipped(el), x0: r.left - root.left, y0: r.top - root.top,
              x1: r.right - root.left, y1: r.bottom - root.top});
  }
  const ticks = {};
  for (const ax of ['x', 'y']) {
    ticks[ax] = Array.from(div.querySelectorAll(`g.${ax}tick text`)).map(t => (t.textContent || '').trim());
  }
  Plotly.purge(div);
  return {boxes: out, ticks, plot: {x0: size.l, y0: size.t, x1: size.l + size.w, y1: size.t + size.h},
          width: w, height: h};
}
"""


@dataclass
class Layout:
    """What plotly.js drew: text boxes in CSS px from the figure's top-left corner."""

    boxes: list[dict[str, Any]]
    ticks: dict[str, list[str]]
    plot: dict[str, float]
    width: int
    height: int
    meta: dict[str, Any] = field(default_factory=dict)

    def texts(self, kind: str) -> list[str]:
        return [b["text"] for b in self.boxes if b["kind"] == kind]


class LayoutProbe:
    """One browser page with plotly.js, for many figures. Use as a context manager."""

    def __enter__(self) -> "LayoutProbe":
        import plotly
        from playwright.sync_api import sync_playwright

        self._pw = sync_playwright().start()
        self._browser = self._pw.chromium.launch(executable_path=CHROMIUM, headless=True,
                                                 args=["--no-sandbox", "--disable-gpu"])
        self.page = self._browser.new_page(viewport={"width": 1400, "height": 1200})
        js = (Path(plotly.__file__).parent / "package_data" / "plotly.min.js").read_text(encoding="utf-8")
        self.page.set_content('<html><body style="margin:0"><div id="plot"></div></body></html>')
        self.page.add_script_tag(content=js)
        return self

    def __exit__(self, *exc: object) -> None:
        self._browser.close()
        self._pw.stop()

    def layout(self, fig: go.Figure, width: int, height: int) -> Layout:
        spec = json.loads(fig.to_json())
        res = self.page.evaluate(_JS, [spec, width, height])
        meta = fig.layout.meta if isinstance(fig.layout.meta, dict) else {}
        return Layout(res["boxes"], res["ticks"], res["plot"], res["width"], res["height"], dict(meta))


def _intersection(a: dict, b: dict) -> tuple[float, float]:
    return min(a["x1"], b["x1"]) - max(a["x0"], b["x0"]), min(a["y1"], b["y1"]) - max(a["y0"], b["y0"])


def overlaps(lay: Layout, tol: float = 1.0) -> list[tuple[str, str]]:
    """Pairs of drawn texts whose boxes intersect by more than `tol` px both ways."""
    bad = []
    for a, b in itertools.combinations(lay.boxes, 2):
        dx, dy = _intersection(a, b)
        if dx > tol and dy > tol:
            bad.append((f"{a['kind']}:{a['text']}", f"{b['kind']}:{b['text']}"))
    return bad


def clipped(lay: Layout, tol: float = 0.5) -> list[str]:
    """Texts cut by the figure's edge, or by the plot area's clip path."""
    bad = []
    for b in lay.boxes:
        if b["x0"] < -tol or b["y0"] < -tol or b["x1"] > lay.width + tol or b["y1"] > lay.height + tol:
            bad.append(f"{b['kind']}:{b['text']} (figure edge)")
        elif b["clip"] and b["kind"] in ("textpoint", "bartext"):
            p = lay.plot
            if b["x0"] < p["x0"] - tol or b["x1"] > p["x1"] + tol or b["y0"] < p["y0"] - tol or b["y1"] > p["y1"] + tol:
                bad.append(f"{b['kind']}:{b['text']} (plot area)")
    return bad


def _tick_number(s: str) -> float | None:
    s = s.replace("\u2212", "-").replace(",", "").replace(".", "").replace("\u2009", "").strip()
    try:
        return float(s)
    except ValueError:
        return None


def bad_count_ticks(lay: Layout) -> list[str]:
    """Problems with the tick labels: repeated labels on any axis; non-integers on a count axis.

    Thousands separators (either language) are ignored; count axes never show decimals, so
    removing both marks is safe."""
    bad = []
    for ax, labels in lay.ticks.items():
        if len(labels) != len(set(labels)):
            bad.append(f"{ax}: repeated ticks {labels}")
    for ax in lay.meta.get("count_axes", []):
        for s in lay.ticks.get(ax, []):
            v = _tick_number(s)
            if v is None or v != int(v):
                bad.append(f"{ax}: not a whole number {s!r}")
    return bad


CVD_TYPES = ("deuteranomaly", "protanomaly", "tritanomaly")


def cvd_min_delta_e(colors: Iterable[str], severity: float = 100) -> tuple[float, str]:
    """The smallest CIE76 ΔE*ab between any two of `colors` (hex) under normal vision and under
    full deuteranopia, protanopia and tritanopia (Machado, Oliveira & Fernandes 2009), and where."""
    import numpy as np
    from colorspacious import cspace_convert

    cols = list(dict.fromkeys(c.upper() for c in colors))
    rgb = np.array([[int(c[i:i + 2], 16) / 255 for i in (1, 3, 5)] for c in cols])
    worst = (float("inf"), "")
    spaces = [("normal", "sRGB1")] + [(k, {"name": "sRGB1+CVD", "cvd_type": k, "severity": severity})
                                      for k in CVD_TYPES]
    for label, space in spaces:
        sim = np.clip(cspace_convert(rgb, space, "sRGB1"), 0, 1)
        lab = cspace_convert(sim, "sRGB1", "CIELab")
        for i, j in itertools.combinations(range(len(cols)), 2):
            d = float(np.linalg.norm(lab[i] - lab[j]))
            if d < worst[0]:
                worst = (d, f"{label}: {cols[i]} vs {cols[j]}")
    return worst


def legend_colors(fig: go.Figure) -> list[str]:
    """The colours that tell categories apart: one per legend entry of a bar or marker trace."""
    out = []
    for tr in fig.data:
        if tr.showlegend is False or not tr.name:
            continue
        if tr.type == "bar" or (tr.type == "scatter" and "markers" in (tr.mode or "")):
            c = tr.marker.color
            if isinstance(c, str) and c.startswith("#"):
                out.append(c)
    return out


def pdf_fonts(data: bytes) -> list[tuple[str, str]]:
    """(subtype, base font) of every font used on any page of a PDF (pypdf), nested Type 3 and
    descendant fonts included."""
    import io

    from pypdf import PdfReader

    out = []
    seen: set[int] = set()

    def visit(res: Any) -> None:
        res = res.get_object() if hasattr(res, "get_object") else res
        if not res:
            return
        fonts = res.get("/Font")
        if fonts:
            for ref in fonts.get_object().values():
                f = ref.get_object()
                if id(f) in seen:
                    continue
                seen.add(id(f))
                out.append((str(f.get("/Subtype")), str(f.get("/BaseFont", ""))))
                for d in f.get("/DescendantFonts") or []:
                    d = d.get_object()
                    out.append((str(d.get("/Subtype")), str(d.get("/BaseFont", ""))))
                if f.get("/Resources"):
                    visit(f["/Resources"])
        xo = res.get("/XObject")
        if xo:
            for ref in xo.get_object().values():
                x = ref.get_object()
                if x.get("/Resources"):
                    visit(x["/Resources"])

    for page in PdfReader(io.BytesIO(data)).pages:
        if "/Resources" in page:
            visit(page["/Resources"])
    return out
