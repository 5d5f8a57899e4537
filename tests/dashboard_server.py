"""`wa-analyzer dashboard` started as a user starts it, for the tests that need a real server."""
from __future__ import annotations

import contextlib
import os
import socket
import subprocess
import time
import urllib.request
from pathlib import Path
from typing import Iterator


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextlib.contextmanager
def running_dashboard(wa_analyzer: Path, cwd: Path, *args: str, timeout_s: float = 180) -> Iterator[int]:
    """Start ``wa-analyzer dashboard --headless --port P *args`` (the `wa_analyzer` executable given),
    wait until its health check answers "ok", yield P, and stop it."""
    port = free_port()
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "VIRTUAL_ENV")}
    proc = subprocess.Popen([str(wa_analyzer), "dashboard", "--headless", "--port", str(port), *args],
                            cwd=cwd, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        deadline = time.monotonic() + timeout_s
        health = None
        while time.monotonic() < deadline and proc.poll() is None:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/_stcore/health", timeout=2) as r:
                    health = r.read().decode()
                break
            except OSError:
                time.sleep(0.5)
        assert health == "ok", proc.stderr.read() if proc.poll() is not None else "no answer"
        yield port
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            proc.kill()
    # stopping the command stops the server it started: nothing may go on serving the chat
    deadline = time.monotonic() + 20
    while time.monotonic() < deadline and not _port_closed(port):
        time.sleep(0.5)
    assert _port_closed(port), f"the dashboard server still answers on port {port} after the command stopped"


def _port_closed(port: int) -> bool:
    with socket.socket() as s:
        s.settimeout(1)
        return s.connect_ex(("127.0.0.1", port)) != 0
