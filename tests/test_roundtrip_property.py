"""Round trip: records rendered as a phone would export them must parse back exactly.

`analyzer.chat.write` writes random conversations (multi-line text, emoji, phone-number and odd
authors, system events, media, deletions, edits, calls) in every export style of FORMATS.md that
it knows; `load_chat` must return the same timestamps, authors, texts, kinds, media types, edit
flags, events, actors/targets and line numbers, and detect the style's platform, date order,
clock and language.

What the test deliberately does not ask for, because no parser can recover it from the text:
* Android headers have no seconds, so timestamps are compared at minute resolution there.
* Android "without media" placeholders carry no media type (`<Media omitted>`).
* iOS has no (known) edit marker, so `edited` is lost on iOS.
* Texts that begin or end with whitespace, whose lines are themselves valid headers, or whose
  whole body is one of WhatsApp's generated phrases are not generated (see `_acceptable_text`).
* When every day and month is <= 12 and both orders give a non-decreasing sequence, the day/month
  order is genuinely undecidable, so the test passes `date_order=`.
"""
from __future__ import annotations

import os
import re
from datetime import datetime, timedelta
from typing import Sequence

import pandas as pd
import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from analyzer import load_chat
from analyzer.chat.write import PHRASES, STYLES, Record, Style, is_phone, parsed_name, render, render_lines
from analyzer.chat.schema import EXPORTER
from analyzer.chat.synthetic import SMALLBIZ, UMKM, UMKM_EXPORTER, UMKM_GROUP_NAME, generate_conversation

# Examples per style: 25 keeps the whole file under ~30 s on 2 cores; raise it to hunt for bugs,
# e.g. ROUNDTRIP_EXAMPLES=500 pytest tests/test_roundtrip_property.py
EXAMPLES = int(os.environ.get("ROUNDTRIP_EXAMPLES", "25"))
MARKS_RE = re.compile("[\u200e\u200f\u202a-\u202e\u2066-\u2069]")

# --------------------------------------------------------------------------------------------
# Names

# Real-looking names: emoji, parentheses, dots, apostrophes, hyphens, accents, a leading colon
# (FORMATS.md §6 [R]) and phone numbers in the shapes WhatsApp writes them.
NAMES = [
    "Rina", "Budi Santoso", "Bu Sri (Catering) 🍱", "dr. Ayu", "Ma'ruf", "Tomás", "Mei-Ling", "Arjun K.",
    "Pak Joko 🌾", "Yuni Kue Kering", "Dewi 🌸🌸", "Ratna_W", "Anto (Keripik) Tempe", ":nick", "Tika.Florist",
    "+62 812-3456-7890", "+62 857-4012-8876", "+1 (555) 010-2020", "+44 7700 900123", "+91 98765 43210",
]

_NAME_ALPHABET = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZéñüÖ0123456789 .'()-_🌸🍱☕"
generated_name = st.text(_NAME_ALPHABET, min_size=1, max_size=18).map(str.strip).filter(
    lambda s: bool(s) and "  " not in s and not s[0].isdigit() and not s.startswith("(")
    and s.lower() not in {"you", "anda"})
author_st = st.one_of(st.sampled_from(NAMES), st.sampled_from(NAMES), generated_name)
subject_st = st.sampled_from([
    "UMKM Solo Raya", "Komunitas UMKM Maju Bersama 🇮🇩", 'Info: "Bazar" 2024', "Makers & Friends",
    "Grup Arisan (RT 05)", "A: B", "Trip 2024", "Pasar Ramadan · Ngarsopuro",
])

# --------------------------------------------------------------------------------------------
# Texts

# Lines that look a little like headers but are not (FORMATS.md §2), and lines that contain
# system phrases or colons after a name: a correct parser keeps them as message text.
TRICKY_LINES = [
    "we met at 16:45 again",
    "2019-05-04 08:00:00 was the deadline",
    "-> see the notes - page 2",
    "12/03/2024 jadwal kopdar",
    "10.30 - kumpul di balai desa",
    "[rapat] 19.30 di zoom",
    "Rina: hello",
    "Budi menambahkan Sari",
    "oke aku keluar dulu",
    "I left",
    "Rina added Budi",
    "Pesan ini telah dihapus kata dia",
    "<Media omitted> katanya",
    "harga Rp 25.000 - 35rb",
    "[16:45] meeting",
    "3/4/22 was a Thursday",
    "jam 7:30 PM ya",
]
REAL_LINES = [
    "Assalamualaikum bapak ibu 🙏", "Open PO keripik tempe 🔥", "250gr Rp 15.000", "500gr 28rb",
    "ada yg tau supplier kemasan di Solo?", "matur nuwun 🙏🏽", "https://shopee.co.id/toko.ku",
    "alhamdulillah laris 🤲", "👨‍👩‍👧‍👦 family pack", "ok", "*INFO KUR 2024* 📢", "- Gula pasir Rp 17.500/kg",
    "see you at 9", "¿qué tal?", "Ünïcödé ✓", "a\tb",
]
# Any character a phone could put in a message, including controls, U+2028/U+0085 (which
# `str.splitlines` would split on) and zero-width joiners, but not LF/CR (line structure) nor the
# direction marks and BOM that FORMATS.md tells parsers to strip.
_STRIPPED = "\n\r\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\ufeff\u061c"
_LINE_ALPHABET = st.characters(codec="utf-8", exclude_categories=("Cs", "Co", "Cn"), exclude_characters=_STRIPPED)
random_line = st.text(_LINE_ALPHABET, min_size=1, max_size=40)
line_st = st.one_of(st.sampled_from(REAL_LINES), st.sampled_from(TRICKY_LINES), random_line)

# Complete headers of the *other* family, as when someone pastes a line from another export.
# A file uses one header family (FORMATS.md §10), so these are continuation lines.
FOREIGN_HEADERS = {
    "android": ["[26/01/21 21.05.53] Mei: maen jam berapa", "[7/1/16, 4:05:09 PM] Budi: hey"],
    "ios": ["24/07/24 09.43 - Budi: halo", "7/4/16, 9:30 PM - Rina: hi", "09/11/2021, 07:45 - Mei: morning!"],
}

# A header of any family (Android dash, iOS brackets, legacy iOS colon, legacy Android): used to
# keep generated lines from being real headers, which no parser could tell apart.
_D = r"\d{1,4}[./-]\d{1,2}[./-]\d{2,4}"
_T = r"\d{1,2}[:.]\d{2}(?:[:.]\d{2})?"
_AP = r"(?:[\s\u00a0\u202f]?(?:[AaPp]\.?\s?[Mm]\.?))?"
ANY_HEADER = re.compile(
    rf"^[\ufeff\u200e\u200f\s]*(?:"
    rf"{_D}(?:,\s|\s|\sà\s|\sklo\s){_T}{_AP}\s+-\s"  # Android
    rf"|\[.*{_T}.*\]"  # iOS (generous)
    rf"|{_D},?\s{_T}{_AP}:"  # legacy iOS
    rf"|{_T}, \d{{1,2}} [A-Za-z]{{3}} \d{{4}} - |\d{{1,2}} [A-Za-z]{{3}} {_T} - "  # legacy Android
    rf")"
)


def _generated_phrases() -> set[str]:
    out = {"null", "Waiting for this message", "live location shared", "Live location shared"}
    for p in PHRASES.values():
        out |= {p.deleted, p.deleted_self, p.missed_call, p.e2e, p.add_passive, p.remove_passive, p.icon_you}
        if p.media_omitted:
            out.add(p.media_omitted)
        out |= set(p.media_omitted_by_type.values())
    return {s.lower() for s in out}


GENERATED = _generated_phrases()
SPECIAL_START = re.compile(r"^(?:location|lokasi|locatie|poll|polling|menunggu pesan ini)\b", re.I)


def _acceptable_text(text: str, allowed: Sequence[str] = ()) -> bool:
    """Texts a parser can round-trip: see the module docstring. `allowed`: foreign headers."""
    if not text or text != text.strip() or "\r" in text:
        return False
    lines = text.split("\n")
    if any(ANY_HEADER.match(line) and line not in allowed for line in lines[1:]):
        return False
    low = text.lower()
    if low in GENERATED or SPECIAL_START.match(low):
        return False
    if re.search(r"<(?:this message was edited|pesan ini diedit|[^<>]*(?:edited|diedit|bearbeitet|editado|bewerkt))>$", low):
        return False
    if re.search(r"\((?:file attached|file terlampir|datei angehängt|bestand bijgevoegd)\)", low):
        return False
    if re.search(r"<(?:attached|terlampir|anhang|المُرفق)[: >]|omitted|tidak disertakan|ausgeschlossen|weggelaten", low):
        return False
    return True


@st.composite
def text_st(draw, style: Style) -> str:
    """1-4 lines, sometimes with an empty line in between or another family's header line."""
    n = draw(st.integers(1, 4))
    lines = [draw(line_st) for _ in range(n)]
    foreign = FOREIGN_HEADERS[style.family]
    if n > 1 and draw(st.integers(0, 5)) == 0:
        lines[draw(st.integers(1, n - 1))] = draw(st.sampled_from(foreign))
    if n > 1 and draw(st.booleans()):
        lines.insert(draw(st.integers(1, n - 1)), "")
    text = "\n".join(lines)
    assume(_acceptable_text(text, foreign))
    return text


# --------------------------------------------------------------------------------------------
# Records


@st.composite
def timestamps_st(draw, n: int, ambiguous: bool) -> list[datetime]:
    """n non-decreasing timestamps; with `ambiguous` every day and month is <= 12."""
    if ambiguous:
        year = draw(st.integers(2014, 2029))
        pts = sorted(
            datetime(year, draw(st.integers(1, 12)), draw(st.integers(1, 12)),
                     draw(st.integers(0, 23)), draw(st.integers(0, 59)), draw(st.integers(0, 59)))
            for _ in range(n))
        return pts
    t = draw(st.datetimes(datetime(2014, 1, 1), datetime(2029, 6, 1)))
    out = []
    for _ in range(n):
        t += timedelta(seconds=draw(st.one_of(st.integers(0, 900), st.integers(0, 86400 * 20))))
        out.append(t.replace(microsecond=0))
    return out


@st.composite
def record_st(draw, ts: datetime, style: Style) -> Record:
    """One record of any kind the renderer supports, valid for `style`."""
    kind = draw(st.sampled_from(["text"] * 8 + ["media"] * 3 + ["deleted", "call", "system", "system"]))
    if kind == "text":
        return Record(ts, draw(author_st), draw(text_st(style)), edited=draw(st.booleans()) and draw(st.booleans()))
    if kind in ("deleted", "call"):
        return Record(ts, draw(author_st), "", kind=kind)
    if kind == "media":
        mt = draw(st.sampled_from(["image", "video", "audio", "sticker", "gif", "document", "contact", "location"]))
        if mt == "location":
            if style.name == "android_id":  # `lokasi:` on Indonesian Android has no evidence at all
                mt = "image"
            else:
                lat, lon = draw(st.integers(-90, 90)), draw(st.integers(-179, 179))
                return Record(ts, draw(author_st), f"https://maps.google.com/?q={lat}.5,{lon}.25", kind="media",
                              media_type="location")
        attached = draw(st.booleans())
        if style.platform == "ios_legacy":
            # 2015-17 iOS: attachments are [T] only, and stickers/GIF/contact placeholders did not
            # exist yet in the `<⟨LRM⟩image omitted>` generation.
            attached = False
            if mt not in ("image", "audio", "video"):
                mt = "image"
        caption = draw(text_st(style)) if attached and style.family == "android" and draw(st.booleans()) else ""
        fname = None
        if mt == "document":
            fname = draw(st.sampled_from(["Proposal Bazar 2024.pdf", "notes.docx", "Daftar harga.xlsx", "KUR.pdf"]))
        return Record(ts, draw(author_st), caption, kind="media", media_type=mt, attached=attached, file_name=fname)
    event = draw(st.sampled_from(["add", "join", "leave", "remove", "subject", "create", "icon", "description"]))
    person = st.one_of(st.sampled_from(NAMES), st.just(EXPORTER))
    actor = draw(person)
    if event in ("add", "remove"):
        target = draw(person.filter(lambda p: p != actor))
        if target == EXPORTER and draw(st.integers(0, 4)) == 0:
            actor = None  # "You were added" / "Anda telah ditambahkan"
        return Record(ts, None, "", kind="system", event=event, event_actor=actor, event_target=target)
    if event in ("subject", "create"):
        return Record(ts, None, "", kind="system", event=event, event_actor=actor, event_target=draw(subject_st))
    return Record(ts, None, "", kind="system", event=event, event_actor=actor)


@st.composite
def conversation_st(draw, style: Style) -> tuple[list[Record], bool, str | None]:
    """Records for `style`, whether dates were forced ambiguous, and an exporter display name."""
    n = draw(st.integers(1, 14))
    ambiguous = style.date_order != "YMD" and draw(st.integers(0, 3)) == 0
    times = draw(timestamps_st(n, ambiguous))
    records = [draw(record_st(t, style)) for t in times]
    if draw(st.integers(0, 5)) == 0:
        # The e2e notice comes first, often dated later than the lines after it (FORMATS.md §1).
        when = times[0] if draw(st.booleans()) else times[-1] + timedelta(minutes=draw(st.integers(0, 90)))
        records.insert(0, Record(when.replace(microsecond=0), None, "", kind="system", event="e2e"))
    exporter = draw(st.one_of(st.none(), st.sampled_from(NAMES)))
    return records, ambiguous, exporter


# --------------------------------------------------------------------------------------------
# Expected table


def _date_fields_ambiguous(times: list[datetime]) -> bool:
    """No header has a day above 12 (months always are), so the fields alone cannot decide."""
    return all(t.day <= 12 for t in times)


def _backsteps(times: list[datetime]) -> int:
    return sum(b < a for a, b in zip(times, times[1:]))


def _needs_hint(times: list[datetime], style: Style) -> bool:
    """True when no parser could decide the day/month order from these headers alone.

    With every day <= 12 the only evidence is the sequence: the true order must give fewer
    backward steps than the swapped one, or the file is genuinely undecidable.
    """
    if style.date_order == "YMD" or not _date_fields_ambiguous(times):
        return False
    if all(t.day == t.month for t in times):
        return False  # both orders give the same dates
    swapped = [t.replace(month=t.day, day=t.month) for t in times]
    return _backsteps(swapped) <= _backsteps(times)


def expected_table(records: list[Record], style: Style, *, group_name: str, exporter: str | None) -> dict[str, list]:
    """What `load_chat` should return for `render(records, style)`, column by column.

    Plain lists, not a DataFrame, so a missing value stays `None` (pandas would make it NaN).
    """
    rows = []
    line_no = 1
    for rec, out in zip(records, render_lines(records, style, group_name=group_name, exporter=exporter)):
        system = rec.kind == "system"
        if rec.kind == "text":
            text = rec.text
        else:
            # Generated bodies: compare without direction marks (the parser strips the leading
            # ones; inner ones, e.g. in iOS document lines, are not part of the contract).
            text = MARKS_RE.sub("", out.body)
            if rec.kind == "media" and "\n" in text and rec.media_type not in ("poll",):
                text = text.split("\n", 1)[1]  # a captioned media record's text is its caption (issue 11)
        if rec.kind == "media" and rec.media_type != "location" and style.family == "android" and not rec.attached:
            media_type = None  # "<Media omitted>" does not say what it was
        elif rec.kind == "media" and rec.media_type == "gif" and style.family == "android":
            media_type = "video"  # Android stores GIFs as VID-….mp4: the file name says video
        else:
            media_type = rec.media_type
        rows.append({
            "timestamp": style.truncate(rec.timestamp),
            "author": None if system else parsed_name(rec.author, style),
            "text": text,
            "kind": rec.kind,
            "edited": bool(rec.edited and rec.kind == "text" and style.phrases.edit_marker),
            "media_type": media_type if rec.kind == "media" else None,
            "line": line_no,
            "event": rec.event if system else None,
            "event_actor": parsed_name(rec.event_actor, style) if system else None,
            "event_target": (rec.event_target if rec.event in ("create", "subject") else parsed_name(rec.event_target, style))
            if system else None,
        })
        line_no += out.line.count("\n") + 1
    return {col: [row[col] for row in rows] for col in COLUMNS}


COLUMNS = ["timestamp", "author", "text", "kind", "edited", "media_type", "line", "event", "event_actor", "event_target"]


def _normalise_actual(df: pd.DataFrame) -> pd.DataFrame:
    out = df.copy()
    for col in ("author", "text", "kind", "media_type", "event", "event_actor", "event_target"):
        out[col] = out[col].astype(object).where(out[col].notna(), None)
    # Generated bodies are compared without marks (see expected_table).
    gen = out["kind"] != "text"
    out.loc[gen, "text"] = out.loc[gen, "text"].map(lambda s: MARKS_RE.sub("", s) if isinstance(s, str) else s)
    out["timestamp"] = out["timestamp"].map(lambda t: t.to_pydatetime())
    return out


def _excerpt(text: str, line: str, width: int = 1500) -> str:
    """The part of a long export around `line`, so a failure message stays readable."""
    if len(text) <= 2 * width:
        return text
    i = max(text.find(line), 0)
    return text[max(0, i - width // 2): i + width]


def assert_roundtrip(records: list[Record], style: Style, *, group_name: str = "Grup Kita",
                     exporter: str | None = None, ambiguous_forced: bool = False) -> None:
    """Render, parse, and compare every column and the detected format; explain any difference."""
    text = render(records, style, group_name=group_name, exporter=exporter)
    times = [style.truncate(r.timestamp) for r in records]
    hint = style.date_order if _needs_hint(times, style) else None
    chat = load_chat(text.encode("utf-8"), date_order=hint)
    expected = expected_table(records, style, group_name=group_name, exporter=exporter)
    actual = _normalise_actual(chat.messages)
    assert list(chat.messages.columns) == COLUMNS + ["author_self_named"]
    assert len(actual) == len(records), f"{len(actual)} rows parsed, {len(records)} written\n{text!r}"
    # kind first: a wrong kind explains most other differences in a row.
    for col in ["kind"] + [c for c in COLUMNS if c != "kind"]:
        exp, act = expected[col], actual[col].tolist()
        bad = [i for i, (e, a) in enumerate(zip(exp, act)) if e != a]
        if bad:
            i = bad[0]
            line = list(render_lines([records[i]], style, group_name=group_name, exporter=exporter))[0].line
            raise AssertionError(
                f"style {style.name}: column {col!r} differs in {len(bad)} row(s); first at row {i}:\n"
                f"  record:   {records[i]!r}\n  line:     {line!r}\n  expected: {exp[i]!r}\n  actual:   {act[i]!r}\n"
                f"  date_order hint: {hint}\n  export: {_excerpt(text, line)!r}")
    f = chat.format
    assert f.platform == style.platform, (f.platform, style.platform)
    assert f.seconds == style.seconds
    if not all(t.day == t.month for t in times) or style.date_order == "YMD":  # else undecidable and harmless
        assert f.date_order == style.date_order, (f.date_order, f.date_order_reason, text[:500])
    if style.date_order != "YMD" and hint is None and _date_fields_ambiguous(times):
        assert f.date_order_ambiguous, f.date_order_reason
    if ambiguous_forced is False and not _date_fields_ambiguous(times) and style.date_order != "YMD":
        assert not f.date_order_ambiguous, f.date_order_reason
    if any(r.kind == "system" or r.kind in ("deleted", "call") for r in records):
        assert f.language == style.language, (f.language, style.language)


# --------------------------------------------------------------------------------------------
# Tests


@pytest.mark.parametrize("style_name", sorted(STYLES))
@settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much])
@given(data=st.data())
def test_random_conversation_roundtrips(style_name: str, data: st.DataObject) -> None:
    style = STYLES[style_name]
    records, ambiguous, exporter = data.draw(conversation_st(style))
    assert_roundtrip(records, style, exporter=exporter, ambiguous_forced=ambiguous)


@pytest.mark.parametrize("style_name", sorted(STYLES))
def test_sample_conversation_roundtrips(style_name: str) -> None:
    """The seeded UMKM group (~1,400 records, 7 months) in every style."""
    records = generate_conversation(2024, UMKM, attach_media=style_name.endswith("en_24h"))
    if style_name == "ios_legacy":  # 2015-17: no stickers, GIFs, documents or contact placeholders yet
        records = [r for r in records if r.kind != "media" or r.media_type in ("image", "audio", "video", "location")]
    assert_roundtrip(records, STYLES[style_name], group_name=UMKM_GROUP_NAME, exporter=UMKM_EXPORTER)


def test_english_smallbiz_roundtrips() -> None:
    records = generate_conversation(7, SMALLBIZ, attach_media=True)
    assert_roundtrip(records, STYLES["android_en_24h"], group_name=SMALLBIZ.final_name, exporter=SMALLBIZ.exporter)


def test_phone_number_authors_are_normalised_on_ios() -> None:
    """iOS wraps numbers in LRE/PDF with NBSP and U+2011; the parser must give the plain form."""
    t = datetime(2022, 3, 27, 21, 41, 35)
    recs = [Record(t, "+62 812-3456-7890", "halo"), Record(t, None, "", kind="system", event="add",
                                                            event_actor="Rina", event_target="+62 857-4012-8876")]
    for name in ("ios_id", "ios_id_us", "ios_en_12h"):
        assert is_phone(recs[0].author)
        assert_roundtrip(recs, STYLES[name])


@pytest.mark.parametrize("style_name", ["android_id", "ios_id", "android_en_12h", "ios_en_12h"])
def test_names_with_list_separators_in_events(style_name: str) -> None:
    """A single added/removed member whose name contains `&`, `and`, `dan` or a comma.

    FORMATS.md allows "X added A, B and C"; a parser that splits lists must still keep a single
    name whole when it is a known member (here the name also posts a message first).
    """
    t = datetime(2024, 5, 20, 19, 30, 5)
    names = ["Toko Roti & Kue", "Sri dan Joko Catering"]
    recs = [Record(t, n, "halo semua") for n in names]
    recs += [Record(t + timedelta(minutes=i + 1), None, "", kind="system", event="add", event_actor="Rina", event_target=n)
             for i, n in enumerate(names)]
    assert_roundtrip(recs, STYLES[style_name])


# --------------------------------------------------------------------------------------------
# The renderer's own promises (line endings, zips, committed samples)


def test_ios_ends_records_with_crlf_and_keeps_inner_lf() -> None:
    """FORMATS.md §1: on iOS the CRLF count equals the record count; inner lines are bare LF."""
    t = datetime(2021, 1, 26, 21, 5, 53)
    recs = [Record(t, "Mei", "maen jam berapa\nnanti\n\nok"), Record(t, "Budi", "", kind="media", media_type="image")]
    text = render(recs, "ios_id")
    assert text.count("\r\n") == len(recs)
    assert text.count("\n") == len(recs) + 3
    assert "\r" not in render(recs, "android_id")


@pytest.mark.parametrize("style_name, member", [
    ("ios_id", "_chat.txt"),
    ("android_id", "Chat WhatsApp dengan Komunitas UMKM Maju Bersama.txt"),
    ("android_en_12h", "WhatsApp Chat with Komunitas UMKM Maju Bersama.txt"),
])
def test_zip_as_the_phone_shares_it(style_name: str, member: str) -> None:
    import io
    import zipfile

    from analyzer.chat.write import render_zip

    t = datetime(2024, 5, 20, 19, 30, 5)
    recs = [Record(t, "Rina", "halo"), Record(t + timedelta(minutes=1), "+62 812-3456-7890", "siap 🙏")]
    data = render_zip(render(recs, style_name), style_name, UMKM_GROUP_NAME)
    assert zipfile.ZipFile(io.BytesIO(data)).namelist() == [member]
    assert render_zip(render(recs, style_name), style_name, UMKM_GROUP_NAME) == data  # reproducible bytes
    assert load_chat(data).messages["author"].tolist() == ["Rina", parsed_name("+62 812-3456-7890", style_name)]


def test_committed_samples_match_the_generator() -> None:
    """sample_exports/ (and the dashboard's sample in analyzer/data/sample/) are generated; if this
    fails, run `python sample_exports/generate.py`."""
    import importlib.util
    from pathlib import Path

    path = Path(__file__).resolve().parent.parent / "sample_exports" / "generate.py"
    spec = importlib.util.spec_from_file_location("sample_generate", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    stale = [name for name, data in module.build().items()
             if not module.destination(name).exists() or module.destination(name).read_bytes() != data]
    assert not stale, f"out of date: {stale}; run python sample_exports/generate.py"
