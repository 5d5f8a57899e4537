"""Adversarial inputs (issue 17): privacy promises that hold, and no input that ends in a traceback.

Every case of the issue is here: phone numbers in every space and digit form WhatsApp writes,
merged and very long exports under --anonymize, name parts (nicknames, surnames, accents, handles),
damaged/encrypted/ambiguous zips, UTF-16 and legacy encodings, FIFOs and endless devices, control
characters in XML writers, and error messages that name the option. The property tests at the end
feed arbitrary Unicode through parse -> anonymize -> every writer.
"""
from __future__ import annotations

import hashlib
import io
import json
import re
import sys
import unicodedata
from pathlib import Path

import pandas as pd
import pytest

from analyzer.cli.program import main
from analyzer.chat.parse import load_chat, parse_export
from analyzer.privacy import Pseudonymizer, Scrubber, anonymize, name_parts

ROOT = Path(__file__).resolve().parent.parent
KEY = bytes(range(32))

# --------------------------------------------------------------------------------------------
# Numbers in every form WhatsApp and phones write them

# Separators: ASCII space and hyphen, NBSP, NNBSP (WhatsApp's own system lines), figure and thin
# space, the no-break hyphen U+2011 and other dashes; digits: ASCII, Eastern Arabic, Persian.
SPACES = [" ", "\u00a0", "\u202f", "\u2007", "\u2009"]
HYPHENS = ["-", "\u2011", "\u2010", "\u2013"]
DIGITS = {"ascii": "0123456789", "arabic": "٠١٢٣٤٥٦٧٨٩", "persian": "۰۱۲۳۴۵۶۷۸۹"}
WRAPS = [("", ""), ("\u2066", "\u2069"), ("\u202a", "\u202c"), ("\u200e", "")]


def digits_in(s: str, script: str) -> str:
    return s.translate(str.maketrans("0123456789", DIGITS[script]))


def number_forms() -> list[tuple[str, str]]:
    """(core digits, written form): one distinct number per form, so a survivor names its form."""
    out = []
    i = 0
    for script in DIGITS:
        for sp in SPACES:
            for hy in HYPHENS:
                core = f"81{i:02d}{i:04d}{(7 * i) % 10000:04d}"[:11]
                a, b, c = core[:3], core[3:7], core[7:]
                written = f"+62{sp}{a}{hy}{b}{hy}{c}"
                out.append((core, digits_in(written, script)))
                i += 1
    return out


NUMBERS = number_forms()


def number_chat() -> str:
    lines = ['12/03/24 09.15 - Rina Wulandari membuat grup "UMKM Maju"']
    for k, (core, written) in enumerate(NUMBERS):
        pre, post = WRAPS[k % len(WRAPS)]
        who = pre + written + post
        minute = 16 + k % 40
        if k % 3 == 0:  # the number as an author, and in a system line
            lines.append(f"12/03/24 10.{minute:02d} - {who}: halo semua")
            lines.append(f"12/03/24 11.{minute:02d} - {who} keluar")
        elif k % 3 == 1:  # a member's text
            lines.append(f"12/03/24 10.{minute:02d} - Rina Wulandari: WA saya {who} ya")
        else:
            lines.append(f"12/03/24 10.{minute:02d} - Rina Wulandari menambahkan {who}")
    return "\n".join(lines) + "\n"


SEPARATORS = re.compile("[\\s\\-.()\u2010-\u2015\u2212\u200e\u200f\u202a-\u202e\u2066-\u2069]")


def surviving_numbers(text: str) -> list[str]:
    """The cores of NUMBERS still readable in `text`, whatever their separators or digits."""
    ascii_ = "".join(str(unicodedata.decimal(c)) if c.isdecimal() else c for c in text)
    flat = SEPARATORS.sub("", ascii_)
    return [core for core, _ in NUMBERS if core in flat]


def test_every_number_form_is_scrubbed_in_text_and_authors() -> None:
    chat = parse_export(number_chat().encode("utf-8"))
    assert surviving_numbers(chat.messages.to_csv())  # the test data does contain them
    anon = anonymize(chat, Pseudonymizer(KEY))
    assert surviving_numbers(anon.messages.to_csv()) == []
    # One number is one person, whatever digits or separators it is written with.
    pz = Pseudonymizer(KEY)
    for core, written in NUMBERS[:6]:
        assert pz.phone(written) == pz.phone("+62 " + core)


def test_parse_anonymize_writes_no_number(tmp_path: Path) -> None:
    src = tmp_path / "chat.txt"
    src.write_text(number_chat(), encoding="utf-8")
    out = tmp_path / "m.csv"
    assert main(["parse", str(src), "--anonymize", "--key-file", str(tmp_path / "k.key"), "--out", str(out)]) == 0
    assert surviving_numbers(out.read_text(encoding="utf-8")) == []


def test_analyze_anonymize_writes_no_number(tmp_path: Path) -> None:
    src = tmp_path / "chat.txt"
    src.write_text(number_chat(), encoding="utf-8")
    out = tmp_path / "out"
    rc = main(["analyze", str(src), "--out", str(out), "--anonymize", "--key-file", str(tmp_path / "k.key"),
               "--no-report"])
    assert rc == 0
    for f in out.iterdir():
        if f.suffix in (".csv", ".json", ".graphml", ".gexf"):
            assert surviving_numbers(f.read_text(encoding="utf-8")) == [], f.name


@pytest.fixture(scope="module")
def app_module():
    # The dashboard's helpers, without drawing a page (app.py only draws when run as a script).
    from types import SimpleNamespace

    from analyzer.dashboard import downloads, state, widgets

    yield SimpleNamespace(**{**vars(widgets), **vars(state), **vars(downloads)})


def test_dashboard_anonymised_download_has_no_number(app_module) -> None:
    data = number_chat().encode("utf-8")
    digest = hashlib.sha256(data).hexdigest()
    chat = app_module.classified_chat(digest, True, data)
    report, tree = app_module.compute(chat, True, [], None, None, False)
    assert surviving_numbers(app_module.csv_bytes(report.messages).decode("utf-8")) == []
    assert surviving_numbers(app_module.csv_bytes(report.members).decode("utf-8")) == []
    assert surviving_numbers(app_module.json_bytes(tree).decode("utf-8")) == []


# --------------------------------------------------------------------------------------------
# Merged exports and exports of more than 2^18 lines (Arrow columns in several chunks)


def test_anonymize_merged_exports(tmp_path: Path) -> None:
    a = tmp_path / "a.txt"
    b = tmp_path / "b.txt"
    a.write_text("12/03/24 09.15 - Budi Santoso: halo Rina, 0812-3456-7890\n"
                 "12/03/24 09.16 - Rina Wulandari: siap Budi\n", encoding="utf-8")
    b.write_text("12/03/24 09.16 - Rina Wulandari: siap Budi\n"
                 "13/03/24 09.16 - Rina Wulandari: besok Budi\n", encoding="utf-8")
    out = tmp_path / "m.csv"
    assert main(["parse", str(a), str(b), "--anonymize", "--key-file", str(tmp_path / "k.key"),
                 "--out", str(out)]) == 0
    text = out.read_text(encoding="utf-8")
    assert "Budi" not in text and "Rina" not in text and "3456" not in text
    assert len(pd.read_csv(out)) == 3


def test_anonymize_export_longer_than_arrow_chunk(tmp_path: Path) -> None:
    n = 270_000  # > 262,144 lines: the parser builds its columns in several chunks
    body = "".join(f"12/03/24 09.{i % 60:02d} - {'Budi Santoso' if i % 2 else 'Rina Wulandari'}: "
                   f"pesan {i} dari Budi\n" for i in range(n))
    chat = parse_export(body.encode("utf-8"))
    anon = anonymize(chat, Pseudonymizer(KEY))
    assert len(anon.messages) == n
    assert not anon.messages["author"].isin(["Budi Santoso", "Rina Wulandari"]).any()
    assert not anon.messages["text"].str.contains("Budi", regex=False).any()


# --------------------------------------------------------------------------------------------
# Name parts


def test_three_word_names_nicknames_and_surnames() -> None:
    assert name_parts('Yohanes "Jojo" Pranoto') == ["Yohanes", "Jojo", "Pranoto"]
    sc = Scrubber(Pseudonymizer(KEY), ['Yohanes "Jojo" Pranoto'])
    ps = sc.pz.name('Yohanes "Jojo" Pranoto')
    assert sc.text("Jojo sudah kirim, makasih pak Pranoto") == f"{ps} sudah kirim, makasih pak {ps}"


def test_common_words_in_names_are_not_name_parts() -> None:
    # "Maju" and "Indah" are everyday Indonesian words; "Sambal" a business word.
    assert "Maju" not in name_parts("Agus Maju Jaya Sentosa")
    assert name_parts("Bu Ning Sambal Bawang") == ["Ning"]


def test_accent_insensitive_matching() -> None:
    sc = Scrubber(Pseudonymizer(KEY), ["María Fernández"])
    ps = sc.pz.name("María Fernández")
    for written in ("Maria", "MARIA", "María", "Mari\u0301a", "Fernandez", "maria fernandez"):
        assert sc.text(f"kata {written} tadi") == f"kata {ps} tadi", written
    # Other scripts too (a real export wrote 'Пётр' for a member 'Петр'), also via the pre-filter.
    sc3 = Scrubber(Pseudonymizer(KEY), ["Петр П (И В)"])
    assert "тр" not in sc3.texts(["Пётр,  ждём!"])[0]
    sc2 = Scrubber(Pseudonymizer(KEY), ["Jose Muñoz"])  # written plainly in the name, with accents in text
    assert "José" not in sc2.text("kata José tadi")


def test_name_parts_inside_handles() -> None:
    sc = Scrubber(Pseudonymizer(KEY), ["Ratna Wulandari", "Ade Putra"])
    out = sc.text("follow @ratna.wulandari_ dan ratna_wulandari99, ig: wulandari.ratna")
    assert "ratna" not in out.lower() and "wulandari" not in out.lower(), out
    # After 'p-' (as in 'vp-deven', found in a real export) a name is still a name.
    assert "deven" not in Scrubber(Pseudonymizer(KEY), ["Deven"]).text("Me-vp-deven").lower()
    # A short name made of hex letters is not found inside a pseudonym; scrubbing is idempotent.
    again = sc.text(out + " Ade")
    assert again == sc.text(again)
    assert "Ade" not in again.replace(sc.pz.name("Ade Putra"), "")


# --------------------------------------------------------------------------------------------
# Inputs: zips, encodings, pipes and devices. Each is read, or refused in one sentence (exit 2).

CHAT = ("12/03/24 09.15 - José Pérez: halo ñ semua\n12/03/24 09.16 - Josè Pérez: hai\n"
        "13/03/24 09.17 - Budi: ok\n")


def zip_bytes(files: dict[str, str], method: int = 8) -> bytes:
    import zipfile

    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", method) as z:
        for name, text in files.items():
            z.writestr(name, text)
    return buf.getvalue()


def damaged_deflate() -> bytes:
    data = bytearray(zip_bytes({"WhatsApp Chat with A.txt": CHAT * 40}))
    data[60] ^= 0xFF  # inside the compressed stream
    return bytes(data)


def damaged_crc() -> bytes:
    data = bytearray(zip_bytes({"parsed_chat.txt": CHAT}, method=0))
    data[50] ^= 0x01  # a stored byte: the CRC no longer matches
    return bytes(data)


def encrypted() -> bytes:
    data = bytearray(zip_bytes({"parsed_chat.txt": CHAT}, method=0))
    data[6] |= 1  # the "encrypted" flag, in the local header and the central directory
    data[data.index(b"PK\x01\x02") + 8] |= 1
    return bytes(data)


def cli(args: list[str], capsys) -> tuple[int, str]:
    rc = main(args)
    err = capsys.readouterr().err
    assert "Traceback" not in err
    return rc, err


@pytest.mark.parametrize("make, words", [(damaged_deflate, "damaged"), (damaged_crc, "damaged"),
                                         (encrypted, "encrypted")])
def test_broken_zips_are_one_sentence(tmp_path: Path, capsys, make, words: str) -> None:
    src = tmp_path / "export.zip"
    src.write_bytes(make())
    for cmd in (["parse", str(src)], ["analyze", str(src), "--out", str(tmp_path / "o")]):
        rc, err = cli(cmd, capsys)
        assert rc == 2 and words in err and "ZipInfo" not in err, err
        assert len(err.strip().splitlines()) == 1


def test_zip_with_two_chats_asks_which(tmp_path: Path, capsys) -> None:
    src = tmp_path / "two.zip"
    src.write_bytes(zip_bytes({"WhatsApp Chat with A.txt": CHAT, "WhatsApp Chat with B.txt": CHAT.replace("Budi", "Sari"),
                               "catatan.txt": "bukan chat"}))
    rc, err = cli(["parse", str(src)], capsys)
    assert rc == 2 and "WhatsApp Chat with A.txt" in err and "WhatsApp Chat with B.txt" in err
    chat = load_chat(f"{src}:WhatsApp Chat with B.txt")
    assert "Sari" in set(chat.messages["author"].dropna())
    rc, err = cli(["parse", f"{src}:nope.txt"], capsys)
    assert rc == 2 and "nope.txt" in err
    # A shared document next to one chat is not a second chat.
    one = tmp_path / "one.zip"
    one.write_bytes(zip_bytes({"WhatsApp Chat with A.txt": CHAT, "catatan.txt": "bukan chat, tapi lebih panjang " * 9}))
    assert len(load_chat(one).messages) == 3


@pytest.mark.parametrize("codec", ["utf-16", "utf-16-le", "utf-16-be", "utf-32"])
def test_utf16_and_utf32_exports_are_read(codec: str) -> None:
    data = CHAT.encode(codec)
    if codec == "utf-16-be":
        data = b"\xfe\xff" + data
    chat = load_chat(data)
    assert set(chat.messages["author"].dropna()) == {"José Pérez", "Josè Pérez", "Budi"}


@pytest.mark.parametrize("codec", ["latin-1", "cp1252"])
def test_legacy_encoding_is_decoded_and_said(codec: str) -> None:
    chat = load_chat(CHAT.encode(codec))
    # Two people whose names differ in one accent stay two people (not both 'Jos\ufffd P\ufffdrez').
    assert set(chat.messages["author"].dropna()) == {"José Pérez", "Josè Pérez", "Budi"}
    assert any("Windows-1252" in w for w in chat.format.warnings)


def test_stray_bytes_are_still_replaced_and_counted() -> None:
    chat = load_chat("25/03/22, 09:00 - Rina: caf".encode() + b"\xff\xfe" + " ok\n".encode())
    assert chat.format.replaced_bytes == 2


def test_endless_device_is_refused_while_reading() -> None:
    if not Path("/dev/zero").exists():
        pytest.skip("no /dev/zero")
    from analyzer import ChatFormatError

    with pytest.raises(ChatFormatError, match="larger than"):
        load_chat("/dev/zero", max_bytes=5_000_000)


def test_pipe_without_writer_gives_up(tmp_path: Path, monkeypatch, capsys) -> None:
    import os

    import analyzer.chat.sources as aio

    monkeypatch.setattr(aio, "PIPE_WAIT_S", 0.5)
    fifo = tmp_path / "chat.fifo"
    os.mkfifo(fifo)
    rc, err = cli(["parse", str(fifo)], capsys)
    assert rc == 2 and "pipe" in err


def test_pipe_with_a_writer_is_read(tmp_path: Path) -> None:
    import os
    import threading

    fifo = tmp_path / "chat.fifo"
    os.mkfifo(fifo)

    def write() -> None:
        with open(fifo, "wb") as f:
            f.write(CHAT.encode("utf-8"))

    t = threading.Thread(target=write)
    t.start()
    chat = load_chat(fifo)
    t.join()
    assert len(chat.messages) == 3


def test_stdin_dash(tmp_path: Path, monkeypatch, capsys) -> None:
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(CHAT.encode("utf-8"))))
    rc, err = cli(["parse", "-"], capsys)
    assert rc == 0, err
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(b"")))
    rc, err = cli(["parse", "-"], capsys)
    assert rc == 2 and ("stdin" in err or "Standard input" in err), err


# --------------------------------------------------------------------------------------------
# Command-line errors: one sentence naming the option or the path, exit 2, nothing half-written

SAMPLE = ROOT / "analyzer" / "data" / "sample" / "umkm_android_id.txt"


@pytest.mark.parametrize("extra, words", [
    (["--end", "2262-05-01"], "--end"),
    (["--start", "0000-01-01"], "--start"),
    (["--start", "2024-02-30"], "--start"),
    (["--start", "2031-01-01"], "no messages between"),   # an empty window is an error
    (["--start", "2024-03-01", "--end", "2024-02-01"], "empty"),
])
def test_window_errors(tmp_path: Path, capsys, extra: list[str], words: str) -> None:
    out = tmp_path / "out"
    rc, err = cli(["analyze", str(SAMPLE), "--out", str(out), "--no-report", *extra], capsys)
    assert rc == 2 and words in err, err
    assert len(err.strip().splitlines()) == 1, err
    assert not out.exists() or not any(out.iterdir())


def test_negative_seed_names_the_option(tmp_path: Path, capsys) -> None:
    with pytest.raises(SystemExit) as e:
        main(["analyze", str(SAMPLE), "--out", str(tmp_path / "o"), "--seed", "-1"])
    assert e.value.code == 2
    assert "--seed" in capsys.readouterr().err


@pytest.mark.parametrize("option", ["--aliases", "--lexicon"])
def test_undecodable_option_files_name_option_and_file(tmp_path: Path, capsys, option: str) -> None:
    bad = tmp_path / "tabel.csv"
    bad.write_bytes(b"alias,canonical\n\xff\xfeBudi,Budi S\n")
    rc, err = cli(["analyze", str(SAMPLE), "--out", str(tmp_path / "o"), "--no-report", option, str(bad)], capsys)
    assert rc == 2 and option in err and "tabel.csv" in err, err


def test_utf16_alias_file_is_read(tmp_path: Path) -> None:
    from analyzer.chat.merge import read_aliases

    f = tmp_path / "aliases.csv"
    f.write_bytes("alias,canonical\nBudi S,Budi Santoso\n".encode("utf-16"))
    assert read_aliases(f) == {"Budi S": "Budi Santoso"}


def test_failed_write_leaves_nothing_and_names_the_path(tmp_path: Path, capsys) -> None:
    out = tmp_path / "out"
    (out / "members.csv").mkdir(parents=True)  # a folder where a file must go
    rc, err = cli(["analyze", str(SAMPLE), "--out", str(out), "--no-report"], capsys)
    assert rc == 2 and str(out / "members.csv") in err and ".wa-analyzer-partial" not in err, err
    assert sorted(p.name for p in out.iterdir()) == ["members.csv"]  # nothing half-written
    not_a_folder = tmp_path / "file"
    not_a_folder.write_text("x")
    rc, err = cli(["analyze", str(SAMPLE), "--out", str(not_a_folder), "--no-report"], capsys)
    assert rc == 2 and str(not_a_folder) in err


def test_analyze_prints_parse_warnings(tmp_path: Path, capsys) -> None:
    src = tmp_path / "chat.txt"
    src.write_bytes(b"preamble line\n" + CHAT.encode("latin-1"))
    rc, err = cli(["analyze", str(src), "--out", str(tmp_path / "o"), "--no-report"], capsys)
    assert rc == 0
    assert "warning" in err and "Windows-1252" in err and "skipped" in err, err


def test_anonymized_warnings_carry_no_name(tmp_path: Path, capsys) -> None:
    src = tmp_path / "WhatsApp Chat with Budi Santoso.txt"
    src.write_bytes(b"Budi Santoso preamble\n" + CHAT.encode("latin-1"))
    rc, err = cli(["analyze", str(src), "--out", str(tmp_path / "o"), "--no-report", "--anonymize",
                   "--key-file", str(tmp_path / "k.key")], capsys)
    assert rc == 0 and "warning" in err and "Budi" not in err, err


# --------------------------------------------------------------------------------------------
# XML outputs and chart labels

HOSTILE = ['Bu\x1bdi \x07Santoso', 'Toko "Maju Jaya"', 'Ni\x00ng & <Sari>', "Rina\u200f\u202eWulan"]


def hostile_chat() -> str:
    lines = []
    for day in range(1, 8):
        for k, who in enumerate(HOSTILE):
            other = HOSTILE[(k + 1) % len(HOSTILE)]
            lines.append(f"{day:02d}/03/24 09.{10 + 2 * k:02d} - {who}: halo {other} \x1b[31mmerah\x1b[0m \x07")
            lines.append(f"{day:02d}/03/24 09.{11 + 2 * k:02d} - {other}: @{who} siap")
    return "\n".join(lines) + "\n"


def test_control_characters_keep_xml_valid_and_csv_exact(tmp_path: Path, capsys) -> None:
    import xml.dom.minidom

    src = tmp_path / "chat.txt"
    src.write_text(hostile_chat(), encoding="utf-8")
    out = tmp_path / "o"
    rc, err = cli(["analyze", str(src), "--out", str(out), "--no-report", "--no-classify"], capsys)
    assert rc == 0, err
    for name in ("network.graphml", "network.gexf"):
        xml.dom.minidom.parse(str(out / name))  # well-formed XML
    graphml = (out / "network.graphml").read_text(encoding="utf-8")
    assert "Bu\\x1bdi" in graphml  # visibly escaped, still one distinct name
    members = pd.read_csv(out / "members.csv", keep_default_na=False)
    assert "Bu\x1bdi \x07Santoso" in set(members["member"])  # CSV carries the value exactly
    json.loads((out / "report.json").read_text(encoding="utf-8"))


def test_chart_labels_show_quotes_and_svgs_are_valid_xml() -> None:
    import xml.dom.minidom

    from analyzer.outputs.charts import chat_text, network, top_posters
    from analyzer.analysis import analyze

    assert chat_text('Toko "Maju Jaya"') == 'Toko "Maju Jaya"'
    assert chat_text("<b>x</b>") == "&lt;b&gt;x&lt;/b&gt;"
    report = analyze(parse_export(hostile_chat().encode("utf-8")), classify=False, bootstrap=50,
                     null_draws=20, network_null_draws=10).to_dict()
    fig = top_posters(report, "en")
    assert any('Toko "Maju Jaya"' in lab for lab in fig.data[0].y)
    assert not any("&quot;" in lab for lab in fig.data[0].y)
    from analyzer.outputs.report_document import render_images

    images = render_images({"top_posters": fig, "network": network(report, "en")}, ["svg"])  # one browser
    for name, files in images.items():
        xml.dom.minidom.parseString(files["svg"].decode("utf-8"))


# --------------------------------------------------------------------------------------------
# Property tests: arbitrary Unicode through parse -> anonymize -> every writer

from hypothesis import HealthCheck, given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

# Name parts mix scripts so that no part can occur by chance in the tool's own words, in JSON keys
# or in a pseudonym's hex (no ASCII letters at all besides those after a non-ASCII one).
_LETTERS = "ñéüçøåžšłğıждлщюяπλςشقغหกნ"
PART = st.text(alphabet=_LETTERS + "mkrtvwxyz", min_size=5, max_size=9).filter(
    lambda w: sum(c in _LETTERS for c in w) >= 2)
NOISE = st.text(alphabet=st.characters(
    codec="utf-8", exclude_categories=("Cs",),
    include_characters="\u00a0\u202f\u2007\u2009\u2011\u200e\u200f\u202a\u202e\u2066\u2069\x1b\x07\x00 ٣۴"),
    max_size=25).map(lambda s: s.replace("\n", " ").replace("\r", " "))
DIGIT_SCRIPT = st.sampled_from(list(DIGITS))
SEP = st.sampled_from(SPACES + HYPHENS)
WRAP = st.sampled_from(WRAPS)


@st.composite
def hostile_members(draw):
    n = draw(st.integers(2, 4))
    names = []
    for _ in range(n):
        parts = draw(st.lists(PART, min_size=2, max_size=3, unique=True))
        quote = draw(st.booleans()) and len(parts) == 3
        mark = draw(st.sampled_from(["", "\u200f", "\x1b", " \U0001F600", "\u202e"]))
        if quote:
            parts[1] = f'"{parts[1]}"'
        names.append(" ".join(parts) + mark)
    numbers = []
    for k in range(draw(st.integers(1, 3))):
        core = f"8{draw(st.integers(10, 99))}{draw(st.integers(1000, 9999))}{draw(st.integers(1000, 9999))}"
        sep, script = draw(SEP), draw(DIGIT_SCRIPT)
        pre, post = draw(WRAP)
        written = pre + digits_in(f"+62{sep}{core[:3]}{sep}{core[3:7]}{sep}{core[7:]}", script) + post
        numbers.append((core, written))
    return names, numbers


def _words(name: str) -> list[str]:
    return [w.strip('"') for w in re.findall(r"[^\W\d_]+", name)]


@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(people=hostile_members(), noise=st.lists(NOISE, min_size=4, max_size=4))
def test_property_nothing_survives_and_every_output_stays_valid(people, noise, tmp_path_factory) -> None:
    import xml.dom.minidom

    import networkx as nx

    from analyzer.cli.analyze import write_csv, write_network
    from analyzer.analysis import analyze

    names, numbers = people
    lines = []
    speakers = names + [w for _, w in numbers[:1]]  # a number as an author too
    for i in range(24):
        who = speakers[i % len(speakers)]
        other = names[(i + 1) % len(names)]
        part = _words(other)[i % len(_words(other))]
        core, written = numbers[i % len(numbers)]
        body = [f"{noise[i % 4]} {part}", f"@{part.lower()}_{i}", f"WA {written} ya", other,
                f"{part.upper()}!", f"{noise[(i + 1) % 4]}"][i % 6]
        lines.append(f"{1 + i // 6:02d}/03/24 09.{10 + i:02d} - {who}: {body}")
    chat = parse_export(("\n".join(lines) + "\n").encode("utf-8"))
    for name in names:
        # Every part is a distinctive word: the scrubber must know them all.
        parts = {p.casefold() for p in name_parts(name)}
        assert parts >= {w.casefold() for w in _words(name)}, (name, parts)
    anon = anonymize(chat, Pseudonymizer(KEY))
    report = analyze(anon, classify=False, bootstrap=20, null_draws=10, network_null_draws=5)
    out = tmp_path_factory.mktemp("prop")
    write_csv(report.messages, out / "messages.csv")
    write_csv(report.members, out / "members.csv")
    (out / "report.json").write_text(report.to_json(), encoding="utf-8")
    if report.network is not None:
        write_network(report.network, out)
    texts = {}
    for f in out.iterdir():
        if f.suffix == ".xlsx":  # a zip of XML; it holds the same values as the CSV beside it
            continue
        texts[f.name] = f.read_text(encoding="utf-8")
        if f.suffix in (".graphml", ".gexf"):
            xml.dom.minidom.parseString(texts[f.name])
    texts["report.json"] = json.dumps(json.loads(texts["report.json"]), ensure_ascii=False)
    if (out / "network.graphml").exists():
        nx.read_graphml(out / "network.graphml")
    from analyzer.privacy import fold

    for fname, text in texts.items():
        folded = fold(text)
        for name in names:
            for w in _words(name):
                assert fold(w) not in folded, (fname, w)
        assert surviving_numbers_of(text, [c for c, _ in numbers]) == [], fname


def surviving_numbers_of(text: str, cores: list[str]) -> list[str]:
    ascii_ = "".join(str(unicodedata.decimal(c)) if c.isdecimal() else c for c in text)
    flat = SEPARATORS.sub("", ascii_)
    return [c for c in cores if c in flat]


def test_very_long_names_do_not_crash_the_scrubber() -> None:
    # A real export had a member "name" of hundreds of characters: the trie regex recursed too deep.
    long_group = "Grup " + "sangat panjang " * 80
    sc = Scrubber(Pseudonymizer(KEY), ["Budi Santoso", "X" * 3000], [long_group])
    out = sc.text(f"kata Budi di {long_group} dan {'X' * 3000}")
    assert "Budi" not in out and "sangat" not in out and "XXX" not in out


def test_parse_out_failure_names_the_path_and_leaves_nothing(tmp_path: Path, capsys) -> None:
    src = tmp_path / "chat.txt"
    src.write_text(CHAT, encoding="utf-8")
    target = tmp_path / "o" / "m.csv"
    target.mkdir(parents=True)
    rc, err = cli(["parse", str(src), "--out", str(target)], capsys)
    assert rc == 2 and str(target) in err
    assert [p.name for p in (tmp_path / "o").iterdir()] == ["m.csv"]


def test_dashboard_asks_which_chat_of_a_two_chat_zip() -> None:
    from streamlit.testing.v1 import AppTest

    from analyzer.i18n import TEXT

    data = zip_bytes({"WhatsApp Chat with A.txt": CHAT, "WhatsApp Chat with B.txt": CHAT.replace("Budi", "Sari")})
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=240)
    at.run()
    at.file_uploader[0].upload("dua.zip", data, "application/zip")
    at.run()
    assert not at.exception and not at.error
    pick = [s for s in at.sidebar.selectbox if s.label == TEXT["app.zip.pick"]["id"]]
    assert pick and set(pick[0].options) == {"WhatsApp Chat with A.txt", "WhatsApp Chat with B.txt"}
    pick[0].select("WhatsApp Chat with B.txt")
    at.run()
    assert not at.exception and not at.error
    assert any("WhatsApp Chat with B.txt" in c.value.replace("\\", "") for c in at.caption)


def test_member_numbers_glued_to_words_are_found() -> None:
    # Both from real exports: a mention run into the next word, a number without '+' inside a word.
    sc = Scrubber(Pseudonymizer(KEY), ["+234 701 620 5554", "+1 (804) 352-3515"])
    for text, number in (("Happybirthday@2347016205554Iloveyou", "+234 701 620 5554"),
                         ("what'sapp:18043523515formoredetails", "+1 (804) 352-3515"),
                         ("what'sapp: 1 (804) 352 3515 for more", "+1 (804) 352-3515")):
        out = sc.texts([text])[0]
        assert sc.pz.phone(number) in out and surviving_numbers_of(out, [phone_core(number)]) == [], out
        assert sc.text(out) == out


def phone_core(number: str) -> str:
    return re.sub(r"\D", "", number)[-9:]
