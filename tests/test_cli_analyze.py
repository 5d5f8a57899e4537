"""`wa-analyzer analyze`: files written, same numbers as `analyze()`, clean errors."""
from __future__ import annotations

import json
import subprocess
import sys

import pandas as pd
import pytest

from analyzer import load_chat
from analyzer.cli.program import main
from analyzer.analysis import analyze

CHAT = """\
01/02/24 08.00 - Sari membuat grup "UMKM Sleman"
01/02/24 08.01 - Anda menambahkan Budi
01/02/24 08.03 - Eko telah bergabung menggunakan tautan undangan grup ini
01/02/24 08.05 - Sari: Selamat datang semua 🙏
01/02/24 08.06 - Budi: terima kasih bu
01/02/24 08.20 - Sari: info pelatihan NIB https://oss.go.id
03/03/24 09.00 - Budi: <Media tidak disertakan>
03/03/24 09.04 - Eko: ikut bu
"""


@pytest.fixture()
def chat_file(tmp_path):
    p = tmp_path / "WhatsApp Chat with UMKM Sleman.txt"
    p.write_text(CHAT, encoding="utf-8")
    return p


def test_writes_the_three_files_with_the_same_numbers(chat_file, tmp_path, capsys):
    out = tmp_path / "out"
    assert main(["analyze", str(chat_file), "--out", str(out), "--members", "6"]) == 0
    report = json.loads((out / "report.json").read_text(encoding="utf-8"))
    want = json.loads(json.dumps(analyze(load_chat(chat_file), members=6).to_dict()))
    assert report == want
    assert report["participation"]["silent_members"] == 3
    msgs = pd.read_csv(out / "messages.csv")
    assert len(msgs) == 8
    assert {"turn", "reply_to", "latency_s", "answered"} <= set(msgs.columns)
    members = pd.read_csv(out / "members.csv")
    assert list(members["member"][:3]) == ["Budi", "Sari", "Eko"]  # by messages, then name
    assert {"messages", "characters", "turns", "active_days", "first_seen", "last_seen", "median_latency_s",
            "share_answered"} <= set(members.columns)
    assert capsys.readouterr().out == ""


def test_json_to_stdout_and_window(chat_file, tmp_path, capsys):
    out = tmp_path / "out"
    assert main(["analyze", str(chat_file), "--out", str(out), "--json", "--start", "2024-03-01",
                 "--end", "2024-03-31"]) == 0
    printed = json.loads(capsys.readouterr().out)
    assert printed == json.loads((out / "report.json").read_text(encoding="utf-8"))
    assert printed["window"]["n_messages"] == 2
    assert printed["parameters"]["start"] == "2024-03-01T00:00:00"
    assert printed["parameters"]["end"] == "2024-03-31"


def test_roster(chat_file, tmp_path):
    roster = tmp_path / "anggota.txt"
    roster.write_text("Sari\nBudi\nEko\nTini\n", encoding="utf-8")
    out = tmp_path / "out"
    assert main(["analyze", str(chat_file), "--out", str(out), "--roster", str(roster)]) == 0
    p = json.loads((out / "report.json").read_text(encoding="utf-8"))["participation"]
    assert p["members_source"] == "roster" and p["n_members"] == 4 and p["silent_members"] == 1


def _run(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "analyzer.cli", "analyze", *args],
                          capture_output=True, text=True, timeout=120)


@pytest.mark.parametrize("case", ["empty", "not_chat", "missing", "bad_date", "too_few", "both"])
def test_bad_input_is_one_line_and_exit_2(case, chat_file, tmp_path):
    out = str(tmp_path / "out")
    if case == "empty":
        (tmp_path / "e.txt").write_bytes(b"")
        args = [str(tmp_path / "e.txt"), "--out", out]
    elif case == "not_chat":
        (tmp_path / "n.txt").write_text("just some notes\nnothing else\n")
        args = [str(tmp_path / "n.txt"), "--out", out]
    elif case == "missing":
        args = [str(tmp_path / "nope.txt"), "--out", out]
    elif case == "bad_date":
        args = [str(chat_file), "--out", out, "--start", "1 Maret"]
    elif case == "too_few":
        args = [str(chat_file), "--out", out, "--members", "2"]
    else:
        args = [str(chat_file), "--out", out, "--members", "5", "--roster", str(chat_file)]
    r = _run(*args)
    assert r.returncode == 2, r.stderr
    assert "Traceback" not in r.stderr
    if case != "both":  # argparse's own usage message is two lines
        assert len(r.stderr.strip().splitlines()) == 1, r.stderr
    assert r.stdout == ""


def test_no_titles_and_members_of_interest(chat_file, tmp_path, capsys):
    # Journal files: no titles inside the figures, captions beside them; per-member charts and
    # their numbers for the members asked for.
    out = tmp_path / "out"
    assert main(["analyze", str(chat_file), "--out", str(out), "--no-report", "--charts", "svg", "--no-titles",
                 "--chart-size", "single", "--members-of-interest", "Sari", "--members-of-interest", "Budi"]) == 0
    charts = out / "charts"
    for name in ("lorenz", "member_activity", "response_matrix_sender", "message_lengths"):
        assert (charts / f"{name}.svg").exists(), name
    svg = (charts / "lorenz.svg").read_text(encoding="utf-8")
    assert "Kurva Lorenz pesan per anggota" not in svg  # the title is in captions.txt instead
    captions = (charts / "captions.txt").read_text(encoding="utf-8")
    assert "lorenz: Kurva Lorenz pesan per anggota." in captions and "member_activity:" in captions
    views = json.loads((out / "member_views.json").read_text(encoding="utf-8"))
    assert views["members"] == ["Sari", "Budi"] and views["lengths"]["Sari"]["n"] == 2
    capsys.readouterr()
    assert main(["analyze", str(chat_file), "--out", str(out), "--no-report", "--members-of-interest", "Nobody"]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and "--members-of-interest" in err[0] and "Nobody" in err[0]
