"""`wa-analyzer parse`: summary, table outputs, and one clear line with exit code 2 on bad input."""
from __future__ import annotations

import json
import subprocess
import sys

import pandas as pd
import pytest

from analyzer.cli.program import main

CHAT = ("24/07/24 09.43 - Rina membuat grup \"UMKM Maju\"\n"
        "24/07/24 09.44 - Rina: Info pelatihan gratis\nbaris kedua\n"
        "25/07/24 10.00 - Budi: <Media tidak disertakan>\n")


@pytest.fixture
def chat_file(tmp_path):
    path = tmp_path / "WhatsApp Chat with UMKM Maju.txt"
    path.write_text(CHAT, encoding="utf-8")
    return path


@pytest.mark.parametrize("ext", ["csv", "parquet", "jsonl"])
def test_parse_writes_the_table(chat_file, tmp_path, capsys, ext) -> None:
    out = tmp_path / f"messages.{ext}"
    assert main(["parse", str(chat_file), "--out", str(out)]) == 0
    printed = capsys.readouterr().out
    assert "messages: 2 from 2 authors" in printed and "android, DMY, 24h" in printed
    df = (pd.read_csv(out) if ext == "csv" else pd.read_parquet(out) if ext == "parquet"
          else pd.read_json(out, lines=True))
    assert len(df) == 3 and df.loc[1, "text"] == "Info pelatihan gratis\nbaris kedua"


def test_parse_jsonl_is_one_json_object_per_line(chat_file, tmp_path) -> None:
    out = tmp_path / "m.jsonl"
    main(["parse", str(chat_file), "--out", str(out)])
    records = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert records[2]["kind"] == "media" and records[0]["event"] == "create"


@pytest.mark.parametrize("content", [b"", b"not a chat at all\n", b"PK\x03\x04broken"])
def test_bad_input_is_one_line_and_exit_2(tmp_path, content) -> None:
    path = tmp_path / "input.zip"
    path.write_bytes(content)
    proc = subprocess.run([sys.executable, "-m", "analyzer.cli", "parse", str(path)],
                          capture_output=True, text=True)
    assert proc.returncode == 2
    assert proc.stderr.count("\n") == 1 and "Traceback" not in proc.stderr
    assert proc.stderr.startswith("wa-analyzer: ")


def test_unknown_output_type_is_a_clear_error(chat_file, tmp_path, capsys) -> None:
    assert main(["parse", str(chat_file), "--out", str(tmp_path / "m.xlsx")]) == 2
    assert "use .csv, .parquet or .jsonl" in capsys.readouterr().err
