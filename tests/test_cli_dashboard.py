"""`wa-analyzer dashboard [CHAT] [--port N]`: the command line starts the dashboard (issue 16)."""
from __future__ import annotations

import socket
import sys
import urllib.request
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from analyzer.cli import main
from analyzer.cli.dashboard import script_path, streamlit_command
from analyzer.dashboard.settings import SAMPLE, start_chat
from dashboard_server import running_dashboard

ROOT = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent


def test_the_command_runs_the_packaged_script_on_this_computer_only():
    cmd = streamlit_command(None, 9123)
    assert cmd[:5] == [sys.executable, "-m", "streamlit", "run", str(script_path())]
    assert script_path().is_file() and script_path().is_relative_to(ROOT / "analyzer")
    opts = dict(zip(cmd[5::2], cmd[6::2]))
    assert opts["--server.port"] == "9123"
    assert opts["--server.address"] == "127.0.0.1"
    assert opts["--browser.gatherUsageStats"] == "false"
    assert "--" not in cmd  # no chat: the sample
    assert dict(zip(streamlit_command(None, 1, network=True)[5::2], streamlit_command(None, 1, network=True)[6::2]))[
        "--server.address"] == "0.0.0.0"


def test_a_chat_is_passed_as_an_absolute_script_argument(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    cmd = streamlit_command("chat.txt", 8501)
    assert cmd[-3:] == ["--", "--chat", str(tmp_path / "chat.txt")]
    assert start_chat(cmd[-2:]) == tmp_path / "chat.txt"
    assert start_chat(["--chat=/x/y.zip"]) == Path("/x/y.zip")
    assert start_chat([]) is None


def test_bad_chat_and_busy_port_are_one_sentence_and_exit_2(tmp_path, capsys):
    assert main(["dashboard", str(tmp_path / "missing.txt")]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "missing.txt" in err and "Traceback" not in err
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        s.listen()
        port = s.getsockname()[1]
        assert main(["dashboard", "--port", str(port)]) == 2
    err = capsys.readouterr().err
    assert "--port" in err and err.count("\n") == 1
    with pytest.raises(SystemExit):
        main(["dashboard", "--port", "70000"])


def test_help_lists_the_dashboard(capsys):
    with pytest.raises(SystemExit):
        main(["--help"])
    assert "dashboard" in capsys.readouterr().out


def test_the_dashboard_shows_the_chat_it_was_given(monkeypatch, tmp_path):
    chat = tmp_path / "Grup Kita.txt"
    chat.write_bytes(SAMPLE.read_bytes())
    monkeypatch.setattr(sys, "argv", [str(script_path()), "--chat", str(chat)])
    monkeypatch.setenv("WA_ANALYZER_WAIT_S", "600")
    at = AppTest.from_file(str(script_path()), default_timeout=240)
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    captions = " ".join(c.value for c in at.caption).replace("\\", "")  # Markdown escapes
    assert "Grup Kita.txt" in captions
    assert not [i for i in at.info if "contoh" in i.value.lower()]  # not the sample note


def test_a_missing_start_chat_falls_back_to_the_sample_with_a_message(monkeypatch, tmp_path):
    monkeypatch.setattr(sys, "argv", [str(script_path()), "--chat", str(tmp_path / "gone.txt")])
    monkeypatch.setenv("WA_ANALYZER_WAIT_S", "600")
    at = AppTest.from_file(str(script_path()), default_timeout=240)
    at.run()
    assert not at.exception
    assert any("gone.txt" in e.value.replace("\\", "") for e in at.sidebar.error)
    assert SAMPLE.name in " ".join(c.value for c in at.caption).replace("\\", "")


def test_the_command_starts_a_server_that_answers_its_health_check(tmp_path):
    with running_dashboard(BIN / "wa-analyzer", tmp_path) as port:
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=10) as r:
            assert r.status == 200 and b"<html" in r.read().lower()
