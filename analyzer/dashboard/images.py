"""Chart images for download (PDF, SVG, PNG): one kaleido browser kept for the whole session."""
from __future__ import annotations

import logging
import threading
from collections import OrderedDict

import plotly.graph_objects as go
import streamlit as st

log = logging.getLogger("wa-analyzer.app")


class _ImageRenderer:
    """Chart files for the download buttons, from ONE headless Chromium (kaleido's sync server)
    kept for the life of the dashboard: starting a browser costs seconds, a chart then ~0.5 s.
    Sizes and PNG resolution are those of `analyzer.outputs.report_document` (the CLI's chart files)."""

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.started = False
        self.cache: OrderedDict[tuple, bytes] = OrderedDict()

    def image(self, key: tuple, fig: go.Figure, fmt: str) -> bytes:
        from analyzer.outputs.charts import SIZES
        from analyzer.outputs.report_document import PNG_SCALE

        with self.lock:  # one render at a time: the browser has one tab
            hit = self.cache.get(key)
            if hit is not None:
                return hit
            try:
                import kaleido

                from analyzer.outputs.report_document import _plotlyjs_path

                if not self.started:
                    # mathjax=False and the bundled plotly.js: nothing is fetched from a CDN.
                    kaleido.start_sync_server(n=1, mathjax=False, plotlyjs=_plotlyjs_path(), silence_warnings=True)
                    self.started = True
                from analyzer.outputs.charts import export_height

                w, h = SIZES["double"]
                h = export_height(fig, h)  # taller for long rankings and the network, as the CLI's files
                data = kaleido.calc_fig_sync(fig, opts={"format": fmt, "width": w, "height": h,
                                                        "scale": PNG_SCALE if fmt == "png" else 1})
            except Exception:  # noqa: BLE001 - fall back to the export module's one-shot session
                log.exception("persistent kaleido failed; using analyzer.outputs.report_document.render_images")
                from analyzer.outputs.report_document import render_images

                data = render_images({"c": fig}, [fmt])["c"][fmt]
            self.cache[key] = data
            while len(self.cache) > 64:
                self.cache.popitem(last=False)
            return data


@st.cache_resource(show_spinner=False)
def image_renderer() -> _ImageRenderer:
    return _ImageRenderer()
