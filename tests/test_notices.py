"""Warnings as codes (analyzer.notices): both languages, the reader's own advice, old English kept."""
from __future__ import annotations

import re

import pytest

from analyzer import load_chat
from analyzer.i18n import LANGS, TEXT
from analyzer.notices import AUDIENCES, Notice, localised_warnings, render
from analyzer.analysis import analyze

AMBIGUOUS = "03/01/24 08.00 - Sari: halo\n04/01/24 08.01 - Budi: hai\n05/02/24 09.00 - Sari: ok\n"


def test_every_warning_code_has_both_languages_and_only_known_fields():
    codes = {k for k in TEXT if k.startswith("warn.")}
    assert codes
    for k in codes:
        assert all(TEXT[k].get(lang) for lang in LANGS), k
        fields = [set(re.findall(r"{(\w+)}", TEXT[k][lang])) for lang in LANGS]
        assert fields[0] <= fields[1] | {"order"} or fields[1] <= fields[0] | {"reason"}, k


def test_parser_warnings_keep_their_english_text_and_carry_codes():
    chat = load_chat(AMBIGUOUS.encode())
    assert [n.code for n in chat.format.notices] == ["parse.ambiguous_date_order"]
    assert chat.format.warnings == (render(chat.format.notices[0]),)
    assert chat.format.warnings[0].startswith("The day/month order is ambiguous (no day above 12): ")
    assert chat.format.warnings[0].endswith("Pass date_order='DMY' or 'MDY' if this is wrong.")
    assert "quality.short_ambiguous" in [n["code"] for n in chat.quality.notices]


@pytest.mark.parametrize("audience,needle", [("cli", "--date-order"), ("app", "*Urutan tanggal*"),
                                             ("api", "date_order=")])
def test_advice_speaks_to_the_reader(audience, needle):
    n = load_chat(AMBIGUOUS.encode()).format.notices[0]
    text = render(n, "id", audience)
    assert needle in text and text.startswith("Urutan hari/bulan tidak pasti")
    others = {"cli": "--date-order", "app": "Urutan tanggal*", "api": "date_order="}
    assert not any(v in text for k, v in others.items() if k != audience)


def test_indonesian_report_warnings_are_indonesian():
    r = analyze(load_chat(AMBIGUOUS.encode()), bootstrap=10, null_draws=10, network=False).to_dict()
    assert r["notices"] and r["warnings"]
    shown = localised_warnings(r["warnings"], r["notices"], "id", "cli")
    assert shown == [render(r["notices"][0], "id", "cli")]
    assert "Pass" not in shown[0] and "--date-order" in shown[0]
    # A warning without a code (from a part that still writes strings) is kept as it is.
    assert localised_warnings(["something else"], [], "id", "cli") == ["something else"]
    # Merged chats prefix a file's warnings with its name.
    w = "a.txt: " + r["warnings"][0]
    assert localised_warnings([w], r["notices"], "id", "app")[0].startswith("a.txt: Urutan hari/bulan")


def test_no_year_and_numbers_in_the_readers_language():
    n = Notice("parse.no_year", {"year": "2024"})  # a year is a string: no thousands separator
    assert render(n) == "The headers carry no year; 2024 was assumed. Pass year= to set it."
    assert "--year" in render(n, "en", "cli") and "*Tahun*" in render(n, "id", "app")
    assert render(Notice("parse.replaced_bytes", {"n": 1234}), "id") .startswith("1.234 byte")
    assert render(Notice("parse.replaced_bytes", {"n": 1234}), "en").startswith("1,234 bytes")
    assert render(Notice("quality.unknown_system", {"n": "3", "share": 0.123}), "id").count("12,3%") == 1
    with pytest.raises(ValueError):
        render(n, "en", "email")
    assert set(AUDIENCES) == {"cli", "app", "api"}
