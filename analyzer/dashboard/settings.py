"""Fixed settings of the dashboard: files it ships, sizes, limits, formats and the order of its tabs."""
from __future__ import annotations

import os
import sys
from pathlib import Path

DATA = Path(__file__).resolve().parents[1] / "data"  # package data: inside the wheel too
# The bundled sample chat (invented: sample_exports/generate.py writes it), shown until a file is uploaded.
SAMPLE = DATA / "sample" / "umkm_android_id.txt"
# A bundled icon: page_icon=":material/…:" makes every browser fetch it from fonts.gstatic.com, and
# the dashboard makes no request outside the coordinator's machine (issue 17).
FAVICON = DATA / "favicon.png"

LOOPBACK = ("127.0.0.1", "localhost", "::1")
LANG_NAMES: dict[str, str] = {"id": "Bahasa Indonesia", "en": "English"}
TABS: tuple[str, ...] = ("overview", "participation", "sharing", "network", "responsiveness", "activity", "data")

# Rows of the message table sent to the browser: 100,000 rows would be megabytes on every rerun.
TABLE_ROWS = 1000
EXAMPLES_PER_CATEGORY = 5
DOWNLOAD_FORMATS: tuple[str, ...] = ("pdf", "svg", "png")
MIME = {"pdf": "application/pdf", "svg": "image/svg+xml", "png": "image/png"}
PLOTLY_CONFIG = {"displaylogo": False, "responsive": True}
CHART_HEIGHT: dict[str, int] = {"network": 640}
HALF_WIDTH = frozenset({"lorenz", "top_posters", "latency_survival", "latency_by_hour", "activity_heatmap",
                        "joins_leaves"})
# The overview's two charts: short enough that both are fully visible without scrolling on a
# 1366 x 768 laptop screen (checked by tests/test_app_browser.py), with the top OVERVIEW_ROWS rows.
OVERVIEW_HEIGHT = 330
OVERVIEW_ROWS = 8

# How long a page waits for the complete analysis (network included) before showing the quick one:
# up to SMALL_CHAT_WAIT_S for chats of at most SMALL_CHAT_RECORDS records, else not at all.
# WA_ANALYZER_WAIT_S overrides both (the tests wait for the complete analysis every time).
SMALL_CHAT_RECORDS = 20_000
SMALL_CHAT_WAIT_S = 3.0

# Hand-coding a sample (issue 12): the CLI's `sample` -> hand-code -> `evaluate` loop in the page.
CODING_N = 50


def wait_full_s() -> float | None:
    """WA_ANALYZER_WAIT_S, read on every page run (this module is imported once per process, and
    the tests set it per test)."""
    value = os.environ.get("WA_ANALYZER_WAIT_S")
    return float(value) if value else None


def start_chat(argv: list[str] | None = None) -> Path | None:
    """The export named by ``wa-analyzer dashboard CHAT`` (the script argument ``--chat PATH``
    after ``streamlit run ... --``), shown until a file is uploaded; None shows the sample."""
    args = list(sys.argv[1:] if argv is None else argv)
    for i, a in enumerate(args):
        if a == "--chat" and i + 1 < len(args):
            return Path(args[i + 1])
        if a.startswith("--chat="):
            return Path(a.split("=", 1)[1])
    return None
