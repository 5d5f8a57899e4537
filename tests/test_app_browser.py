"""The dashboard in a real browser: `streamlit run app.py` driven by Playwright on Debian's chromium.

It checks what a coordinator sees: the bundled sample already analysed, an uploaded export
analysed, the language switch, and that the headline numbers on the page are those of the CLI's
report.json (`wa-analyzer analyze CHAT --out DIR`). Along the way it takes a screenshot of every
tab (Indonesian, the default) and of the overview in English: into the test's temporary folder, or
into docs/screenshots/ with `make screenshots` (WA_SCREENSHOTS=1), so a test run never rewrites
tracked files.

Never `playwright install`: the browser is /usr/bin/chromium (`make system-deps`).
"""
from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path
from typing import Callable

import pytest

from analyzer.i18n import TEXT
from analyzer.outputs.narrative import key_numbers

ROOT = Path(__file__).resolve().parent.parent
VENV_BIN = Path(sys.executable).parent
CHROMIUM = Path("/usr/bin/chromium")
SAMPLE = ROOT / "analyzer" / "data" / "sample" / "umkm_android_id.txt"
UPLOAD = ROOT / "sample_exports" / "smallbiz_english.txt"  # different numbers from the default sample
DOC_SHOTS = ROOT / "docs" / "screenshots"
TABS = ("overview", "participation", "sharing", "network", "responsiveness", "activity", "data")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--no-first-run"]

pytestmark = pytest.mark.skipif(not CHROMIUM.exists(), reason="needs Debian's chromium (make system-deps)")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_cli(chat: Path, out: Path) -> Callable[[], dict]:
    """Start the command-line tool on the same file with default parameters (it runs while the
    browser loads the page); the returned function waits for it and gives its report.json."""
    proc = subprocess.Popen([str(VENV_BIN / "wa-analyzer"), "analyze", str(chat), "--out", str(out), "--no-report"],
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)

    def result() -> dict:
        _, err = proc.communicate(timeout=180)
        assert proc.returncode == 0, err.decode(errors="replace")
        return json.loads((out / "report.json").read_text(encoding="utf-8"))

    return result


def expected_cards(report: dict, lang: str) -> dict[str, tuple[str, str]]:
    """label -> (value, grey line) as the overview shows key_numbers: an interval goes below."""
    out = {}
    for label, value in key_numbers(report, lang):
        main, _, interval = value.partition(" [")
        out[label] = (main, f"{TEXT['ci95'][lang]} {interval.rstrip(']')}" if interval else "")
    return out


T0 = time.monotonic()


def mark(what: str) -> None:
    """Progress on stderr (pytest -s): where the browser test spends its time."""
    print(f"[{time.monotonic() - T0:5.1f} s] {what}", file=sys.stderr, flush=True)


def wait_until(check: Callable[[], bool], timeout: float, what: str) -> None:
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        try:
            if check():
                return
        except Exception:  # noqa: BLE001 - elements come and go while Streamlit reruns
            pass
        time.sleep(0.25)
    raise AssertionError(f"timed out after {timeout:.0f} s waiting for {what}")


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory):
    port = free_port()
    log = tmp_path_factory.mktemp("streamlit") / "server.log"
    env = {**os.environ, "PYTHONUNBUFFERED": "1"}
    env.pop("WA_ANALYZER_WAIT_S", None)  # the real page's behaviour
    with log.open("w") as out:
        proc = subprocess.Popen(
            [str(VENV_BIN / "streamlit"), "run", "app.py", "--server.port", str(port), "--server.headless", "true",
             "--server.address", "127.0.0.1", "--browser.gatherUsageStats", "false",
             "--server.fileWatcherType", "none"],
            cwd=ROOT, stdout=out, stderr=subprocess.STDOUT, env=env)
    url = f"http://127.0.0.1:{port}"
    try:
        def healthy() -> bool:
            with urllib.request.urlopen(url + "/_stcore/health", timeout=2) as r:
                return r.status == 200

        try:
            wait_until(healthy, 60, "the streamlit server")
        except AssertionError:
            raise AssertionError("streamlit did not start:\n" + log.read_text()) from None
        yield url
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait(timeout=10)
        assert "Traceback" not in log.read_text(), log.read_text()


def test_dashboard_in_chromium_matches_the_cli(server: str, tmp_path: Path) -> None:
    from playwright.sync_api import sync_playwright

    mark("test start")
    sample_cli_result = start_cli(SAMPLE, tmp_path / "sample")
    upload_cli_result = start_cli(UPLOAD, tmp_path / "upload")
    shots = DOC_SHOTS if os.environ.get("WA_SCREENSHOTS") else tmp_path / "screenshots"
    shots.mkdir(parents=True, exist_ok=True)

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        try:
            page = browser.new_page(viewport={"width": 1360, "height": 1000})
            page.goto(server, timeout=60_000)
            sample_cli, upload_cli = sample_cli_result(), upload_cli_result()
            mark("page requested, CLI reports written")

            def cards() -> dict[str, tuple[str, str]]:
                out = {}
                for m in page.locator('[data-testid="stMetric"]:visible').all():
                    label = m.locator('[data-testid="stMetricLabel"]').inner_text().strip()
                    value = m.locator('[data-testid="stMetricValue"]').inner_text().strip()
                    delta = m.locator('[data-testid="stMetricDelta"]')
                    out.setdefault(label, (value, delta.inner_text().strip() if delta.count() else ""))
                return out

            def overview_shows(report: dict, lang: str, source: str) -> bool:
                caption = page.locator('[data-testid="stCaptionContainer"]:visible').first.inner_text()
                want = expected_cards(report, lang)
                got = cards()
                return source in caption and all(got.get(k) == v for k, v in want.items())

            def check_overview(report: dict, lang: str, source: str) -> None:
                try:
                    wait_until(lambda: overview_shows(report, lang, source), 90, f"the {lang} overview of {source}")
                except AssertionError:
                    raise AssertionError(f"page {cards()} != CLI {expected_cards(report, lang)}") from None
                # The numbers themselves, not only their formatting, equal report.json's.
                sep = "." if lang == "id" else ","
                got = cards()
                p_ = report["participation"]
                assert int(got[TEXT["kpi.members"][lang]][0].replace(sep, "")) == p_["n_members"]
                assert int(got[TEXT["kpi.posters"][lang]][0].replace(sep, "")) == p_["n_posters"]
                assert int(got[TEXT["kpi.messages"][lang]][0].replace(sep, "")) == report["window"]["n_messages"]
                gini = float(got[TEXT["kpi.gini"][lang]][0].replace(",", "."))
                assert abs(gini - p_["gini"]) <= 0.005

            # 1. First visit: the bundled sample, already analysed, in Indonesian.
            check_overview(sample_cli, "id", SAMPLE.name)
            mark("sample overview checked")
            # The overview's two charts are fully visible without scrolling on a 1366 x 768 laptop.
            page.set_viewport_size({"width": 1366, "height": 768})
            settle(page)
            wait_until(lambda: page.locator(".js-plotly-plot:visible .main-svg").count() >= 2, 60, "overview charts")
            boxes = [pl.bounding_box() for pl in page.locator(".js-plotly-plot:visible").all()]
            above = [b for b in boxes if b and b["y"] >= 0 and b["y"] + b["height"] <= 768]
            assert len(above) >= 2, boxes
            shoot_viewport = shots / "overview_laptop.png"
            page.screenshot(path=str(shoot_viewport))
            page.set_viewport_size({"width": 1360, "height": 1000})
            for i, tab in enumerate(TABS):
                # Only the open tab is drawn: a click reruns the script for that tab.
                page.get_by_role("tab", name=TEXT[f"app.tab.{tab}"]["id"]).click()
                settle(page)
                shoot(page, shots / f"{i + 1}_{tab}.png")
                if tab == "participation":
                    # A chart file, rendered on click by the dashboard's one kaleido browser.
                    with page.expect_download(timeout=90_000) as dl:
                        page.locator('.st-key-dl-lorenz-svg button:visible').first.click()
                    svg = Path(dl.value.path()).read_text(encoding="utf-8")
                    assert svg.lstrip().startswith("<svg") and TEXT["chart.lorenz.title"]["id"] in svg
                    assert dl.value.suggested_filename == "lorenz.svg"
                    mark("SVG download checked")

            mark("screenshots taken")
            # 2. Upload another export: everything is redrawn from it.
            page.get_by_role("tab", name=TEXT["app.tab.overview"]["id"]).click()
            settle(page)
            page.locator('[data-testid="stFileUploaderDropzoneInput"]').set_input_files(str(UPLOAD))
            check_overview(upload_cli, "id", UPLOAD.name)
            mark("upload checked")

            # 3. Switch to English: labels change, numbers stay the CLI's.
            page.locator('[data-testid="stSidebar"]').get_by_text("English", exact=True).click()
            page.get_by_role("tab", name=TEXT["app.tab.overview"]["en"]).wait_for(timeout=30_000)
            check_overview(upload_cli, "en", UPLOAD.name)
            assert page.get_by_role("heading", name=TEXT["app.title"]["en"]).is_visible()
            # The open tab survives the switch (its label is translated, not reset).
            page.get_by_role("tab", name=TEXT["app.tab.participation"]["en"]).click()
            settle(page)
            page.get_by_text(TEXT["chart.lorenz.title"]["en"]).first.wait_for(timeout=30_000)
            page.locator('[data-testid="stSidebar"]').get_by_text("Bahasa Indonesia", exact=True).click()
            settle(page)
            page.get_by_text(TEXT["chart.lorenz.title"]["id"]).first.wait_for(timeout=30_000)
            assert page.get_by_role("tab", name=TEXT["app.tab.participation"]["id"]).get_attribute(
                "aria-selected") == "true"
            page.locator('[data-testid="stSidebar"]').get_by_text("English", exact=True).click()
            settle(page)
            page.get_by_role("tab", name=TEXT["app.tab.overview"]["en"]).click()
            settle(page)
            check_overview(upload_cli, "en", UPLOAD.name)
            shoot(page, shots / "overview_en_upload.png")
            mark("English checked")
        finally:
            browser.close()


def settle(page) -> None:
    """Wait for Streamlit to finish the run a click started: no "running" widget, nothing stale."""
    time.sleep(0.3)
    wait_until(lambda: page.locator('[data-testid="stStatusWidget"]:visible').count() == 0
               and page.locator('[data-stale="true"]').count() == 0, 60, "the page to finish its run")


def shoot(page, path: Path) -> None:
    """A screenshot of the whole active tab: the page scrolls inside Streamlit's main container, so
    the window is made as tall as that content first (capped), and plotly given time to draw."""
    time.sleep(0.5)
    plots = page.locator(".js-plotly-plot:visible")
    if plots.count():
        plots.first.locator(".main-svg").first.wait_for(timeout=20_000)
    height = page.evaluate("""() => Math.max(...[...document.querySelectorAll('[data-testid="stMain"], section')]
                                       .map(e => e.scrollHeight), document.body.scrollHeight)""")
    page.set_viewport_size({"width": 1360, "height": int(min(max(height, 900), 4200))})
    time.sleep(1.0)  # plotly redraws at the new size
    page.screenshot(path=str(path))
    page.set_viewport_size({"width": 1360, "height": 1000})
