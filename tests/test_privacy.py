"""Pseudonymisation (issue 7): keyed pseudonyms, text scrubbing, and no leak in any output file.

The leak test runs the real CLI (`analyze --anonymize`) on a chat written as export lines and scans
every file it writes (CSV, JSON, HTML, SVG, GraphML, GEXF, PDF text) for every original name,
number, e-mail address and link path.
"""
from __future__ import annotations

import json
import os
import re
import stat
from pathlib import Path

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from analyzer import analyze
from analyzer.cli.program import main
from analyzer.chat.parse import parse_export
from analyzer.privacy import (
    AMBIGUOUS_TOKEN,
    EMAIL_TOKEN,
    NUMBER_TOKEN,
    Pseudonymizer,
    Scrubber,
    anonymize,
    anonymize_chat,
    load_or_create_key,
    name_parts,
    phone_digits,
)

KEY = bytes(range(32))
OTHER_KEY = bytes(range(1, 33))

SENSITIVE_MESSAGE = ("hubungi Rina di 0812-3456-7890 atau rina@example.com, cek "
                     "https://tokopedia.com/rina/keripik?ref=1, @Budi")

CHAT = f"""\
12/03/24 09.15 - Rina Wulandari membuat grup "UMKM Keripik Sragen"
12/03/24 09.15 - Rina Wulandari menambahkan Budi Santoso
12/03/24 09.16 - Rina Wulandari menambahkan +62 812-3456-7890
12/03/24 09.16 - Rina Wulandari menambahkan Anda
12/03/24 09.20 - Rina Wulandari: Selamat datang di grup UMKM, silakan perkenalan
12/03/24 09.21 - Budi Santoso: Terima kasih bu Rina 🙏
12/03/24 09.25 - +62 812-3456-7890: {SENSITIVE_MESSAGE}
12/03/24 09.40 - Budi Santoso: siap mbak, @\u2068Rina Wulandari\u2069 saya pesan 2 bungkus Rp 25.000 ya. WA saya +62 857 1111 2222
12/03/24 09.41 - Rina Wulandari: @6281234567890 tolong dibantu pak Santoso ya
13/03/24 10.02 - Rina Wulandari: Info pelatihan KUR di https://kur.ekon.go.id/daftar?nama=budi.santoso
13/03/24 10.05 - Budi Santoso: <Media tidak disertakan>
13/03/24 10.06 - Budi Santoso: Rekening BCA 1234567890 a.n. Budi Santoso, NIK 3312 0101 0101 0001
13/03/24 10.30 - +62 812-3456-7890: Budi Santoso, Rina Wulandari: rapat jam 19.00 tgl 14.03.2024
13/03/24 11.00 - Rina Wulandari mengubah subjek dari "UMKM Keripik Sragen" menjadi "UMKM Sragen Maju"
14/03/24 08.00 - Rina Wulandari mengeluarkan Budi Santoso
"""

# Everything that identifies someone in CHAT. Names are matched as whole words, case-sensitively
# (the HTML report embeds plotly.js, whose code contains such letters inside other words).
NAME_PATTERNS = [r"\bRina\b", r"\bWulandari\b", r"\bBudi\b", r"\bSantoso\b", r"\bSragen\b", r"\brina\b",
                 r"\bbudi\b"]
LITERALS = ["812-3456-7890", "0812", "81234567890", "812 3456 7890", "3456-7890", "857 1111 2222", "85711112222",
            "1111 2222", "rina@example.com", "example.com", "/rina/keripik", "ref=1", "1234567890",
            "3312 0101", "nama=budi"]


def write_chat(tmp_path: Path, text: str = CHAT, name: str = "WhatsApp Chat with Rina Wulandari.txt") -> Path:
    p = tmp_path / name
    p.write_text(text, encoding="utf-8")
    return p


def file_text(p: Path) -> str:
    """The searchable text of an output file (PDF: the text of every page and the metadata; the
    raw bytes are compressed streams and xref offsets, where digits like 0812 occur by chance)."""
    raw = p.read_bytes()
    if p.suffix.lower() == ".pdf":
        from pypdf import PdfReader

        reader = PdfReader(str(p))
        pages = "\n".join(page.extract_text() or "" for page in reader.pages)
        return pages + "\n" + " ".join(str(v) for v in (reader.metadata or {}).values())
    if p.suffix.lower() == ".parquet":
        import pyarrow.parquet as pq

        return pq.read_table(p).to_pandas().to_csv()
    text = raw.decode("utf-8", errors="replace")
    if p.suffix.lower() == ".html":
        # The report embeds plotly.js verbatim; its numeric constants contain digit runs such as
        # 0812, so the bundle itself is taken out and only what we wrote is scanned.
        from plotly.offline import get_plotlyjs

        bundle = get_plotlyjs().replace("</script", "<\\/script")
        assert bundle in text or "Plotly.newPlot" not in text
        text = text.replace(bundle, "")
    return text


def leaks(folder: Path) -> list[str]:
    """Every (file, original) pair where an original name/number appears in an output file."""
    found = []
    files = [p for p in folder.rglob("*") if p.is_file()]
    assert files
    for p in files:
        text = file_text(p)
        for pat in NAME_PATTERNS:
            if re.search(pat, text):
                found.append(f"{p.relative_to(folder)}: {pat}")
        low = text.lower()
        for lit in LITERALS:
            if lit.lower() in low:
                found.append(f"{p.relative_to(folder)}: {lit}")
        if p.name != p.name.encode("ascii", "ignore").decode() or "Rina" in str(p.relative_to(folder)):
            found.append(f"file name {p.relative_to(folder)}")
    return found


# --------------------------------------------------------------------------------------------
# Pseudonyms and keys


def test_pseudonyms_are_stable_keyed_and_readable():
    a, b, other = Pseudonymizer(KEY), Pseudonymizer(KEY), Pseudonymizer(OTHER_KEY)
    assert a.name("Rina Wulandari") == b.name("Rina Wulandari")
    assert a.name("Rina Wulandari") != other.name("Rina Wulandari")
    assert re.fullmatch(r"P-[0-9A-F]{8}", a.name("Rina Wulandari"))
    # one person, however the name or number is written
    assert a.name("rina  wulandari") == a.name("Rina Wulandari") == a.name("\u202aRina Wulandari\u202c")
    assert a.name("+62 812-3456-7890") == a.phone("0812 3456 7890") == a.phone("6281234567890") \
        == a.phone("+62.812.3456.7890")
    assert a.name("Rina Wulandari") != a.name("Rina Wulandar")
    assert a.name("You") == "You"  # the exporter token is a role, not a person
    assert a.group("UMKM") != a.name("UMKM") and a.group("UMKM").startswith("G-")
    assert "key" not in repr(a).lower().replace("fingerprint", "")


def test_phone_digits():
    assert phone_digits("0812-3456-7890") == "6281234567890"
    assert phone_digits("+62 812 3456 7890") == "6281234567890"
    assert phone_digits("0062 812 3456 7890") == "6281234567890"
    assert phone_digits("+44 7700 900123") == "447700900123"


def test_key_file_created_private_and_reused(tmp_path):
    path = tmp_path / "keys" / "study.key"
    k1 = load_or_create_key(path)
    assert len(k1) == 32 and path.exists()
    if os.name == "posix":
        assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert load_or_create_key(path) == k1
    short = tmp_path / "short.key"
    short.write_text("abcd\n")
    with pytest.raises(ValueError):
        load_or_create_key(short)


# --------------------------------------------------------------------------------------------
# Text


@pytest.fixture(scope="module")
def scrubber() -> Scrubber:
    return Scrubber(Pseudonymizer(KEY), ["Rina Wulandari", "Budi Santoso", "+62 812-3456-7890"], ["UMKM Sragen"])


def test_the_example_message(scrubber):
    pz = scrubber.pz
    out = scrubber.text(SENSITIVE_MESSAGE)
    assert out == (f"hubungi {pz.name('Rina Wulandari')} di {pz.name('+62 812-3456-7890')} atau {EMAIL_TOKEN}, "
                   f"cek https://tokopedia.com, @{pz.name('Budi Santoso')}")


@pytest.mark.parametrize("text, expected", [
    ("@\u2068Budi Santoso\u2069 ok", "@\u2068{budi}\u2069 ok"),
    ("@Budi Santoso ok", "@{budi} ok"),
    ("@6281234567890 ok", "@{phone} ok"),
    ("@Sari dari dinas", "@{sari} dari dinas"),  # not a member: still a mentioned person
    ("cek tokopedia.com/rina/keripik dan www.shopee.co.id/abc.", "cek tokopedia.com dan www.shopee.co.id."),
    ("link: https://user:pw@example.org:8080/a/b?c=d#e)", "link: https://example.org)"),
    ("WA +62 857 1111 2222 / 0857-1111-2222 / 085711112222", "WA {p857} / {p857} / {p857}"),
    ("kantor (0274) 123456 atau 021-7654321", "kantor {p0274} atau {p021}"),
    ("intl +44 7700 900123", "intl {p44}"),
    ("NIK 3312 0101 0101 0001, rek 1234567890", f"NIK {NUMBER_TOKEN}, rek {NUMBER_TOKEN}"),
    ("RINA WULANDARI dan rina wulandari", "{rina} dan {rina}"),
    ("bu Rina, pak Santoso", "bu {rina}, pak {budi}"),
])
def test_scrub_cases(scrubber, text, expected):
    pz = scrubber.pz
    subs = {"budi": pz.name("Budi Santoso"), "rina": pz.name("Rina Wulandari"),
            "phone": pz.name("+62 812-3456-7890"), "sari": pz.name("Sari"), "p857": pz.phone("+62 857 1111 2222"),
            "p0274": pz.phone("0274 123456"), "p021": pz.phone("021 7654321"), "p44": pz.phone("+44 7700 900123")}
    assert scrubber.text(text) == expected.format(**subs)


@pytest.mark.parametrize("text", [
    "Rp 1.500.000 per 10 kg, tgl 08.01.2024 jam 10.12, 2024-03-12", "harga 25rb, 3 x 15.000 = 45.000",
    "keripik tempe enak 👍", "Open PO kue kering lebaran", "rapat jam 19.00 di balai desa", "stok 100 pcs",
    "Budiman datang", "Karina beli",  # other words that contain a member's name
])
def test_ordinary_text_is_untouched(scrubber, text):
    assert scrubber.text(text) == text


def test_name_parts_skip_titles_and_business_words():
    assert name_parts("Bu Ning Sambal Bawang") == ["Ning"]
    assert name_parts("Hendra Kurniawan") == ["Hendra", "Kurniawan"]
    # Issue 17: every further part of 4+ letters that is not a common word is a name part too
    # ("Kopi" is a business word; "Lereng Lawu" places the member).
    assert name_parts("Rizky Kopi Lereng Lawu ☕") == ["Rizky", "Lereng", "Lawu"]
    assert name_parts("Fajar Laundry") == ["Fajar"]
    assert name_parts("+62 812-3456-7890") == []


def test_shared_given_name_is_not_attributed_to_either_person():
    sc = Scrubber(Pseudonymizer(KEY), ["Putri Ayu", "Putri Rahma"])
    assert sc.text("kata Putri tadi") == f"kata {AMBIGUOUS_TOKEN} tadi"
    assert sc.text("kata Putri Ayu tadi") == f"kata {sc.pz.name('Putri Ayu')} tadi"


WORDS = st.sampled_from(["Rina", "Wulandari", "Budi Santoso", "0812-3456-7890", "@Budi", "rina@example.com",
                         "https://tokopedia.com/rina?x=1", "Rp 25.000", "ok", "🙏", "\n", ",", "@\u2068Rina\u2069",
                         "1234567890", "P-", "tokopedia.com/x", "siap"])


@settings(max_examples=150, deadline=None)
@given(st.lists(WORDS, max_size=12))
def test_scrubbing_is_idempotent_and_complete(words):
    sc = Scrubber(Pseudonymizer(KEY), ["Rina Wulandari", "Budi Santoso", "+62 812-3456-7890"])
    text = " ".join(words)
    once = sc.text(text)
    assert sc.text(once) == once
    for bad in ("Rina", "Budi", "0812", "example.com", "/rina"):
        assert bad not in once


# --------------------------------------------------------------------------------------------
# Chats


@pytest.fixture(scope="module")
def chat():
    return parse_export(CHAT.encode(), name="WhatsApp Chat with Rina Wulandari.txt")


def test_anonymize_chat_replaces_people_everywhere(chat):
    pz = Pseudonymizer(KEY)
    m = anonymize_chat(chat, pz)
    assert list(m.columns) == list(chat.messages.columns) and m.dtypes.equals(chat.messages.dtypes)
    people = {pz.name("Rina Wulandari"), pz.name("Budi Santoso"), pz.name("+62 812-3456-7890")}
    assert set(m["author"].dropna()) == people
    assert set(m["event_actor"].dropna()) <= people
    targets = set(m["event_target"].dropna())
    assert pz.group("UMKM Keripik Sragen") in targets and pz.name("Budi Santoso") in targets
    blob = m.to_csv()
    assert not any(re.search(p, blob) for p in NAME_PATTERNS)
    assert not any(lit.lower() in blob.lower() for lit in LITERALS)


def test_anonymizing_twice_changes_nothing(chat):
    pz = Pseudonymizer(KEY)
    once = anonymize(chat, pz)
    twice = anonymize(once, pz)
    pd.testing.assert_frame_equal(once.messages, twice.messages)
    assert once.format == twice.format


def test_metadata_only_drops_text(chat):
    m = anonymize_chat(chat, Pseudonymizer(KEY), metadata_only=True)
    assert m["text"].isna().all()
    assert (m["kind"] == chat.messages["kind"]).all()


def test_metrics_are_the_same_on_pseudonyms(chat):
    """Pseudonymisation is one-to-one on people: every count and concentration metric is unchanged."""
    plain = analyze(chat, bootstrap=200, null_draws=100).to_dict()
    anon_chat = anonymize(chat, Pseudonymizer(KEY))
    anon = analyze(anon_chat, bootstrap=200, null_draws=100).to_dict()
    for k in ("n_members", "n_posters", "n_messages", "gini", "gini_ci_low", "top10pct_share", "silent_share"):
        assert anon["participation"][k] == plain["participation"][k], k
    assert anon["latency"]["median_s"] == plain["latency"]["median_s"]
    assert len(anon_chat.members) == len(chat.members)
    assert anon_chat.format.source.startswith("G-") and "Rina" not in anon_chat.format.header_example


def test_scrub_a_report_dict_and_frames(chat):
    pz = Pseudonymizer(KEY)
    sc = Scrubber(pz, ["Rina Wulandari", "Budi Santoso", "+62 812-3456-7890"])
    rep = analyze(chat, bootstrap=50, null_draws=20)
    d = sc.obj(rep.to_dict())
    text = json.dumps(d, ensure_ascii=False)
    assert not any(re.search(p, text) for p in NAME_PATTERNS[:4])
    members = sc.frame(rep.members)
    assert set(members["member"]) <= {pz.name("Rina Wulandari"), pz.name("Budi Santoso"),
                                      pz.name("+62 812-3456-7890"), "You"}


# --------------------------------------------------------------------------------------------
# CLI: nothing leaks into any output file


def run_cli(*args: str) -> int:
    return main([str(a) for a in args])


@pytest.fixture(scope="module")
def full_run(tmp_path_factory):
    """One complete `analyze --anonymize` with charts (SVG) and the HTML/PDF report."""
    tmp = tmp_path_factory.mktemp("anon")
    chat_path = write_chat(tmp)
    out = tmp / "out"
    # Fixed keys: a random key's pseudonyms are random hex, which now and then spell a scanned
    # literal such as "0812" and would make the leak scan flaky.
    (tmp / "secret").mkdir()
    (tmp / "secret" / "k.key").write_text(KEY.hex())
    (tmp / "secret" / "other.key").write_text(OTHER_KEY.hex())
    for key_file in (tmp / "secret").iterdir():
        key_file.chmod(0o600)  # as a researcher keeps it; a readable key is warned about
    code = run_cli("analyze", chat_path, "--out", out, "--anonymize", "--key-file", tmp / "secret" / "k.key",
                   "--charts", "svg")
    assert code == 0
    return tmp, chat_path, out


def test_no_name_number_or_address_in_any_output(full_run):
    _, _, out = full_run
    kinds = {p.suffix for p in out.rglob("*") if p.is_file()}
    assert {".json", ".csv", ".graphml"} <= kinds
    assert leaks(out) == []


def test_full_run_wrote_reports_and_charts(full_run):
    _, _, out = full_run
    produced = {p.suffix for p in out.rglob("*") if p.is_file()}
    for ext in (".html", ".pdf", ".svg"):
        if ext not in produced:
            pytest.skip(f"no {ext} output in this environment")
    report = json.loads((out / "report.json").read_text(encoding="utf-8"))
    names = {r["member"] for r in report["participation"]["top_posters"]}
    assert names and all(re.fullmatch(r"P-[0-9A-F]{8}", n) for n in names)
    # the PDF scan is meaningful only if its text can be read: the pseudonyms must show up in it
    assert any(n in file_text(out / "report.pdf") for n in names)


def test_same_key_same_pseudonyms_other_key_different(full_run):
    tmp, chat_path, out = full_run
    again, other = tmp / "again", tmp / "other"
    assert run_cli("analyze", chat_path, "--out", again, "--anonymize", "--key-file", tmp / "secret" / "k.key",
                   "--no-report") == 0
    assert run_cli("analyze", chat_path, "--out", other, "--key-file", tmp / "secret" / "other.key",
                   "--no-report") == 0
    first = pd.read_csv(out / "members.csv")["member"]
    assert list(pd.read_csv(again / "members.csv")["member"]) == list(first)
    assert not set(pd.read_csv(other / "members.csv")["member"]) & set(first)
    assert leaks(other) == []


def test_metadata_only_cli_has_no_text(tmp_path):
    chat_path = write_chat(tmp_path)
    out = tmp_path / "meta"
    assert run_cli("analyze", chat_path, "--out", out, "--anonymize", "--metadata-only", "--key-file",
                   tmp_path / "k.key", "--no-report") == 0
    msgs = pd.read_csv(out / "messages.csv")
    assert msgs["text"].isna().all()
    assert "pelatihan" not in (out / "report.json").read_text(encoding="utf-8")
    assert leaks(out) == []


def test_parse_anonymize(tmp_path, capsys):
    chat_path = write_chat(tmp_path)
    out = tmp_path / "parsed" / "messages.parquet"
    assert run_cli("parse", chat_path, "--out", out, "--anonymize", "--key-file", tmp_path / "k.key") == 0
    printed = capsys.readouterr().out
    assert "Rina" not in printed
    assert leaks(out.parent) == []


def test_roster_names_are_pseudonymised_and_matched(tmp_path):
    chat_path = write_chat(tmp_path)
    roster = tmp_path / "roster.txt"
    roster.write_text("Rina Wulandari\nBudi Santoso\n+62 812-3456-7890\nSiti Silent\n", encoding="utf-8")
    out = tmp_path / "r"
    assert run_cli("analyze", chat_path, "--out", out, "--roster", roster, "--key-file", tmp_path / "k.key",
                   "--no-report") == 0
    members = pd.read_csv(out / "members.csv")
    pz = Pseudonymizer(load_or_create_key(tmp_path / "k.key"))
    assert pz.name("Siti Silent") in set(members["member"])
    assert members["member"].str.fullmatch(r"P-[0-9A-F]{8}|You").all()
    assert "Siti" not in (out / "report.json").read_text(encoding="utf-8")


def test_key_file_inside_output_is_refused(tmp_path, capsys):
    chat_path = write_chat(tmp_path)
    out = tmp_path / "o"
    assert run_cli("analyze", chat_path, "--out", out, "--key-file", out / "k.key", "--no-report") == 2
    assert "key" in capsys.readouterr().err
