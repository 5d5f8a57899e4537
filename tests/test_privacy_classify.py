"""Classification sees the real text, yet nothing it quotes leaks when pseudonymising."""
from __future__ import annotations

import csv

import pytest

from analyzer.cli.program import main

CHAT = ("24/07/24 09.43 - Rina: Open PO keripik pedas Rp 25.000, order wa.me/6281234567890 ya kak\n"
        "24/07/24 09.44 - Budi: Info pelatihan sertifikasi halal dari Dinas Koperasi, https://umkm.go.id/daftar\n"
        "24/07/24 09.50 - Sari: ada yg tau supplier kemasan di Solo?\n"
        "24/07/24 09.52 - Rina: coba hubungi 0812-3456-7890 kak\n")
SECRETS = ("Rina", "Budi", "Sari", "0812", "3456-7890", "6281234567890")


@pytest.mark.parametrize("extra", [[], ["--metadata-only"]])
def test_categories_from_real_text_and_no_leak_in_reasons(tmp_path, extra) -> None:
    chat = tmp_path / "chat.txt"
    chat.write_text(CHAT, encoding="utf-8")
    out = tmp_path / "out"
    # a fixed key: random pseudonyms are random hex and could spell "0812" by chance
    (tmp_path / "k.key").write_text(bytes(range(32)).hex())
    (tmp_path / "k.key").chmod(0o600)
    args = ["analyze", str(chat), "--out", str(out), "--no-report", "--anonymize",
            "--key-file", str(tmp_path / "k.key"), *extra]
    assert main(args) == 0
    rows = list(csv.DictReader(open(out / "messages.csv", encoding="utf-8")))
    # the categories are those of the real text (the same as a run without pseudonyms) ...
    plain = tmp_path / "plain"
    assert main(["analyze", str(chat), "--out", str(plain), "--no-report"]) == 0
    expected = [r["category"] for r in csv.DictReader(open(plain / "messages.csv", encoding="utf-8"))]
    assert [r["category"] for r in rows] == expected
    assert expected[:3] == ["promotion", "business_news", "request"]
    # ... and the phone number, which the output only shows as a pseudonym, was among the evidence
    # (the hybrid names its strongest feature first, then the rules' reason)
    assert "rules: phone number" in rows[3]["category_reason"], rows[3]["category_reason"]
    for path in out.iterdir():
        body = path.read_text(encoding="utf-8", errors="replace")
        for secret in SECRETS:
            assert secret not in body, (path.name, secret)
