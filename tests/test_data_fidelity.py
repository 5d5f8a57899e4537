"""Issue 11: messages.csv, members.csv and edges.csv carry every value exactly as report.json,
GraphML and Parquet do, so a researcher's joins work; spreadsheet safety lives in the .xlsx copies
and in `--excel-safe` CSVs. Also: pasted-together exports and files mixing header shapes."""
from __future__ import annotations

import json
import re
import zipfile
from pathlib import Path

import networkx as nx
import pandas as pd
import pytest

from analyzer import load_chat
from analyzer.cli.program import main

# Invented members: phone-number authors (that start with "+"), a "~" name, texts that start like
# spreadsheet formulas.
CHAT = """12/01/24 09.00 - Rina membuat grup "UMKM Kita"
12/01/24 09.01 - Rina menambahkan +62 812-1111-2222, ~ Budi dan Mei
12/01/24 09.02 - +62 812-1111-2222: =HYPERLINK("http://contoh.invalid","klik")
12/01/24 09.03 - ~ Budi: -50rb untuk 2 pcs
12/01/24 09.04 - Mei: @Budi kirim ke mana?
12/01/24 09.05 - +62 812-1111-2222: +62 813 boleh dihubungi
12/01/24 09.06 - ~ Budi: <Media tidak disertakan>
Keripik 15rb
12/01/24 09.07 - Rina: ok semua
12/01/24 09.08 - Mei: =1+1 bukan rumus
"""


def _read_csv(path: Path) -> pd.DataFrame:
    return pd.read_csv(path, dtype=str, keep_default_na=False)


@pytest.fixture(scope="module")
def out(tmp_path_factory) -> Path:
    d = tmp_path_factory.mktemp("fidelity")
    chat = d / "chat.txt"
    chat.write_text(CHAT, encoding="utf-8")
    assert main(["analyze", str(chat), "--out", str(d / "out"), "--no-report", "--seed", "1"]) == 0
    assert main(["parse", str(chat), "--out", str(d / "messages.parquet")]) == 0
    return d


def test_csv_values_are_exact_and_join_with_json_graphml_parquet(out: Path) -> None:
    o = out / "out"
    msgs, mem, edges = _read_csv(o / "messages.csv"), _read_csv(o / "members.csv"), _read_csv(o / "edges.csv")
    report = json.loads((o / "report.json").read_text(encoding="utf-8"))
    parquet = pd.read_parquet(out / "messages.parquet")

    # Exact values: no "'" in front of names or texts.
    assert "+62 812-1111-2222" in set(msgs["author"]) and "+62 812-1111-2222" in set(mem["member"])
    assert '=HYPERLINK("http://contoh.invalid","klik")' in set(msgs["text"])
    assert "-50rb untuk 2 pcs" in set(msgs["text"]) and "=1+1 bukan rumus" in set(msgs["text"])
    assert not any(v.startswith("'") for col in ("author", "text") for v in msgs[col])
    assert not any(v.startswith("'") for v in mem["member"])

    # Joins: every author in messages.csv is a member in members.csv, in Parquet, in GraphML.
    authors = {a for a in msgs["author"] if a}
    assert authors <= set(mem["member"])
    assert authors == set(parquet["author"].dropna())
    assert set(parquet["text"].dropna()) >= {t for t, k in zip(msgs["text"], msgs["kind"]) if k == "text"}
    g = nx.read_graphml(o / "network.graphml")
    node_names = {d.get("label", n) for n, d in g.nodes(data=True)} | set(g.nodes)
    assert {e for e in edges["source"]} | {e for e in edges["target"]} <= node_names
    assert {e for e in edges["source"]} | {e for e in edges["target"]} <= set(mem["member"])
    # report.json names the same members (top posters) with the same spelling
    dumped = json.dumps(report, ensure_ascii=False)
    assert "+62 812-1111-2222" in dumped and "'+62" not in dumped
    # the self-chosen name and the flag
    assert "Budi" in set(mem["member"]) and set(msgs.loc[msgs["author"] == "Budi", "author_self_named"]) == {"true"}
    # the quality section
    assert report["quality"]["records"] == 9 and report["quality"]["self_named_authors"] == 1


def test_xlsx_stores_text_as_text_never_formulas(out: Path) -> None:
    path = out / "out" / "messages.xlsx"
    with zipfile.ZipFile(path) as z:
        sheet = z.read("xl/worksheets/sheet1.xml").decode("utf-8")
        strings = z.read("xl/sharedStrings.xml").decode("utf-8") if "xl/sharedStrings.xml" in z.namelist() else ""
    assert "<f>" not in sheet  # no formula cells at all
    cells = sheet + strings
    assert "=HYPERLINK(&quot;http://contoh.invalid&quot;,&quot;klik&quot;)" in cells or \
           '=HYPERLINK("http://contoh.invalid","klik")' in cells
    assert "&apos;+62" not in cells and "'+62" not in cells  # exact, no prefix
    assert re.search(r"\+62 812-1111-2222", cells)


def test_excel_safe_csv_neutralises_formulas(tmp_path: Path) -> None:
    chat = tmp_path / "chat.txt"
    chat.write_text(CHAT, encoding="utf-8")
    assert main(["analyze", str(chat), "--out", str(tmp_path / "o"), "--no-report", "--excel-safe", "--no-xlsx"]) == 0
    msgs = _read_csv(tmp_path / "o" / "messages.csv")
    assert "'=1+1 bukan rumus" in set(msgs["text"]) and "'+62 812-1111-2222" in set(msgs["author"])
    assert not (tmp_path / "o" / "messages.xlsx").exists()


PASTED = """12/01/24 09.00 - Pesan dan panggilan terenkripsi secara end-to-end. Tidak seorang pun di luar chat ini yang dapat membacanya.
12/01/24 09.00 - Rina membuat grup "UMKM Kita"
12/01/24 09.01 - Rina: halo
15/03/24 09.01 - Budi: halo juga
12/01/24 09.00 - Pesan dan panggilan terenkripsi secara end-to-end. Tidak seorang pun di luar chat ini yang dapat membacanya.
12/01/24 09.00 - Rina membuat grup "UMKM Kita"
12/01/24 09.01 - Rina: halo
20/05/24 09.01 - Mei: baru
"""


def test_pasted_exports_are_detected_and_split(tmp_path: Path, capsys) -> None:
    from analyzer.chat.parts import find_parts, split_chat

    chat = load_chat(PASTED.encode())
    starts = find_parts(chat)
    assert [(p.line, p.reason) for p in starts] == [(5, "e2e notice")]
    assert any("pasted together" in w and "line 5" in w for w in chat.format.warnings)
    parts = split_chat(chat)
    assert [len(p.messages) for p in parts] == [4, 4]
    assert set(parts[1].members["member"]) == {"Rina", "Mei"}
    f = tmp_path / "chat.txt"
    f.write_text(PASTED, encoding="utf-8")
    assert main(["analyze", str(f), "--out", str(tmp_path / "o"), "--no-report", "--no-xlsx", "--lang", "en"]) == 0
    assert "--split" in capsys.readouterr().err
    assert main(["analyze", str(f), "--out", str(tmp_path / "s"), "--no-report", "--no-xlsx", "--split"]) == 0
    for i in (1, 2):
        rep = json.loads((tmp_path / "s" / f"part-{i}" / "report.json").read_text(encoding="utf-8"))
        assert rep["window"]["n_records"] == 4


def test_timestamps_restarting_start_a_new_part() -> None:
    from analyzer.chat.parts import find_parts

    text = ("01/06/24 09.00 - Rina: a\n02/06/24 09.00 - Budi: b\n03/06/24 09.00 - Rina: c\n"
            "01/01/24 09.00 - Rina: a\n02/01/24 09.00 - Mei: d\n")
    assert [(p.line, p.reason) for p in find_parts(load_chat(text.encode()))] == [(4, "timestamps restart")]
    ordinary = "01/06/24 09.00 - Rina: a\n01/06/24 08.59 - Budi: b\n02/06/24 09.00 - Rina: c\n"
    assert find_parts(load_chat(ordinary.encode())) == []


def test_mixed_header_shapes_are_counted_in_a_warning() -> None:
    text = ("25/03/22, 09:00 - Rina: halo\n[25/03/22, 09:01:00] Budi: dari iPhone\n"
            "[25/03/22, 09:02:00] Mei: juga\n25/03/22, 09:03 - Rina: ok\n")
    chat = load_chat(text.encode())
    assert any("2 line(s) look like message headers of another shape" in w and "line 2" in w
               for w in chat.format.warnings)
