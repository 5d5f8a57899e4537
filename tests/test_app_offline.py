"""The dashboard stays on this computer (issue 17): it listens on 127.0.0.1 by default, makes no
request to any other host (no icon font, no public-IP lookup), and says so when told to serve the
network. Starts `streamlit run app.py` as `make run` does and drives it with Debian's chromium.

Never `playwright install`: the browser is /usr/bin/chromium (`make system-deps`).
"""
from __future__ import annotations

import os
import socket
import subprocess
import sys
import threading
import time
import urllib.request
from pathlib import Path
from typing import Callable
from urllib.parse import urlparse

import pytest

from analyzer.i18n import TEXT

ROOT = Path(__file__).resolve().parent.parent
VENV_BIN = Path(sys.executable).parent
CHROMIUM = Path("/usr/bin/chromium")
LOCAL_HOSTS = {"127.0.0.1", "localhost", "::1", "[::1]"}


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_until(check: Callable[[], bool], timeout: float, what: str) -> None:
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        try:
            if check():
                return
        except Exception:  # noqa: BLE001 - not up yet
            pass
        time.sleep(0.25)
    raise AssertionError(f"timed out after {timeout:.0f} s waiting for {what}")


class TrapProxy:
    """A local TCP listener given to the server as HTTP(S)_PROXY: any outside request the server
    makes with `requests`/urllib (the public-IP lookup among them) lands here and is counted."""

    def __init__(self) -> None:
        self.sock = socket.socket()
        self.sock.bind(("127.0.0.1", 0))
        self.sock.listen(8)
        self.sock.settimeout(0.2)
        self.port = self.sock.getsockname()[1]
        self.hits: list[bytes] = []
        self._stop = False
        self.thread = threading.Thread(target=self._run, daemon=True)
        self.thread.start()

    def _run(self) -> None:
        while not self._stop:
            try:
                conn, _ = self.sock.accept()
            except OSError:
                continue
            with conn:
                conn.settimeout(1)
                try:
                    self.hits.append(conn.recv(200))
                except OSError:
                    self.hits.append(b"?")

    def close(self) -> None:
        self._stop = True
        self.thread.join(timeout=2)
        self.sock.close()


def listening_addresses(port: int) -> set[str]:
    """Local addresses with a listening TCP socket on `port` (Linux /proc/net/tcp, tcp6)."""
    out = set()
    for table, v6 in (("/proc/net/tcp", False), ("/proc/net/tcp6", True)):
        try:
            lines = Path(table).read_text().splitlines()[1:]
        except OSError:
            continue
        for line in lines:
            local, state = line.split()[1], line.split()[3]
            addr, p = local.split(":")
            if state != "0A" or int(p, 16) != port:
                continue
            raw = bytes.fromhex(addr)
            if v6:
                words = [raw[i:i + 4][::-1] for i in range(0, 16, 4)]
                out.add(socket.inet_ntop(socket.AF_INET6, b"".join(words)))
            else:
                out.add(socket.inet_ntoa(raw[::-1]))
    return out


def start_server(tmp: Path, extra: list[str], proxy: TrapProxy):
    port = free_port()
    log = tmp / f"server-{port}.log"
    env = {**os.environ, "PYTHONUNBUFFERED": "1", "HTTP_PROXY": f"http://127.0.0.1:{proxy.port}",
           "HTTPS_PROXY": f"http://127.0.0.1:{proxy.port}", "http_proxy": f"http://127.0.0.1:{proxy.port}",
           "https_proxy": f"http://127.0.0.1:{proxy.port}", "NO_PROXY": "", "no_proxy": ""}
    env.pop("WA_ANALYZER_WAIT_S", None)
    # As `make run` starts it, minus what a test must change (port, no file watcher).
    with log.open("w") as out:
        proc = subprocess.Popen([str(VENV_BIN / "streamlit"), "run", "app.py", "--server.port", str(port),
                                 "--server.fileWatcherType", "none", *extra],
                                cwd=ROOT, stdout=out, stderr=subprocess.STDOUT, env=env)

    def healthy() -> bool:
        with urllib.request.build_opener(urllib.request.ProxyHandler({})).open(
                f"http://127.0.0.1:{port}/_stcore/health", timeout=2) as r:
            return r.status == 200

    try:
        wait_until(healthy, 90, "the streamlit server")
    except AssertionError:
        proc.terminate()
        raise AssertionError("streamlit did not start:\n" + log.read_text()) from None
    return proc, port, log


def stop(proc: subprocess.Popen) -> None:
    proc.terminate()
    try:
        proc.wait(timeout=10)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait(timeout=10)


def test_default_listens_on_loopback_only_and_looks_up_nothing(tmp_path: Path) -> None:
    proxy = TrapProxy()
    proc, port, log = start_server(tmp_path, [], proxy)
    try:
        addrs = listening_addresses(port)
        if Path("/proc/net/tcp").exists():
            assert addrs == {"127.0.0.1"}, addrs
        time.sleep(1.0)  # the public-IP lookup, if any, runs right after start-up
    finally:
        stop(proc)
        proxy.close()
    text = log.read_text()
    assert "External URL" not in text and "Network URL" not in text, text
    assert "Traceback" not in text, text
    assert proxy.hits == [], proxy.hits


@pytest.mark.skipif(not CHROMIUM.exists(), reason="needs Debian's chromium (make system-deps)")
def test_browser_makes_no_request_beyond_localhost(tmp_path: Path) -> None:
    from playwright.sync_api import sync_playwright

    proxy = TrapProxy()
    proc, port, log = start_server(tmp_path, [], proxy)
    requests: list[str] = []
    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=str(CHROMIUM),
                                        args=["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                                              "--disable-component-update", "--no-first-run"])
            try:
                context = browser.new_context(viewport={"width": 1360, "height": 2400})
                context.on("request", lambda r: requests.append(r.url))
                # Nothing may leave the machine even if the test's own assertion is wrong.
                context.route(lambda url: urlparse(url).hostname not in LOCAL_HOSTS
                              and urlparse(url).scheme in ("http", "https", "ws", "wss"),
                              lambda route: route.abort())
                page = context.new_page()
                page.goto(f"http://127.0.0.1:{port}", timeout=90_000)
                page.locator('[data-testid="stMetric"]').first.wait_for(timeout=180_000)
                for tab in ("participation", "network", "data"):
                    page.get_by_role("tab", name=TEXT[f"app.tab.{tab}"]["id"]).click()
                    page.wait_for_timeout(1500)
                # A file that is not a chat: the error box and its icon.
                page.locator('[data-testid="stFileUploaderDropzoneInput"]').set_input_files(
                    files=[{"name": "*bad*_[x](y).txt", "mimeType": "text/plain", "buffer": b"not a chat\n"}])
                box = page.locator('[data-testid="stAlertContentError"]').first
                box.wait_for(timeout=60_000)
                page.wait_for_timeout(500)
                error = " ".join(page.locator('[data-testid="stAlert"]').all_inner_texts())
                assert "*bad*_[x](y).txt" in error  # the name as written, not read as Markdown
                page.wait_for_timeout(1000)
            finally:
                browser.close()
    finally:
        stop(proc)
        proxy.close()
    outside = [u for u in requests if urlparse(u).scheme in ("http", "https", "ws", "wss")
               and urlparse(u).hostname not in LOCAL_HOSTS]
    assert requests and outside == [], outside
    assert proxy.hits == []


def test_network_opt_in_warns_on_the_page() -> None:
    from streamlit.testing.v1 import AppTest

    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=240)
    at.run()
    assert not any(TEXT["app.network_exposed"]["id"][:20] in w.value for w in at.sidebar.warning)
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=240)
    from streamlit import config

    old = config.get_option("server.address")
    config.set_option("server.address", "0.0.0.0")
    try:
        at.run()
    finally:
        config.set_option("server.address", old)
    assert any(TEXT["app.network_exposed"]["id"][:20] in w.value for w in at.sidebar.warning)
