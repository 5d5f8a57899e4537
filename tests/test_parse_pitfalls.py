"""One hand-written case for each pitfall in FORMATS.md, written as export lines and parsed."""
from __future__ import annotations

import io
import zipfile

import pandas as pd
import pytest

from analyzer import ChatFormatError, load_chat
from analyzer.chat.schema import EXPORTER, MESSAGE_COLUMNS

LRM, RLM, NBSP, NNBSP, LRE, PDF, NBH = "\u200e", "\u200f", "\u00a0", "\u202f", "\u202a", "\u202c", "\u2011"


def parse(text: str, **kw):
    return load_chat(text.encode("utf-8"), **kw)


def rows(text: str, **kw) -> list[dict]:
    m = parse(text, **kw).messages
    return [{k: (None if pd.isna(v) else v) for k, v in r.items()} for r in m.to_dict("records")]


def test_columns_and_dtypes_are_the_contract() -> None:
    m = parse("24/07/24 09.43 - Rina: halo\n").messages
    assert list(m.columns) == list(MESSAGE_COLUMNS)
    assert str(m["timestamp"].dtype) == "datetime64[ns]"
    assert m["author"].dtype == "string" and m["edited"].dtype == bool and m["line"].dtype == "int64"


def test_continuation_lines_keep_empty_lines_and_header_lookalikes() -> None:
    text = ("14/02/2021, 09:03 - Rina: first line\nsecond line\n\nfourth line after an empty one\n"
            "2019-05-04 08:00:00 was the deadline\n14/02/2021 09:03 no dash so not a header\n"
            "14/02/2021, 09:04 - Budi: ok")
    r = rows(text)
    assert r[0]["text"] == ("first line\nsecond line\n\nfourth line after an empty one\n"
                            "2019-05-04 08:00:00 was the deadline\n14/02/2021 09:03 no dash so not a header")
    assert r[1]["line"] == 7


def test_ios_crlf_records_with_lf_inside_and_no_final_newline() -> None:
    text = "[3/9/22, 08:15:42] Rina: line one\nline two\r\n[3/9/22, 08:16:00] Budi: ok\r\n\r\n"
    r = rows(text)
    assert [x["text"] for x in r] == ["line one\nline two", "ok"]


def test_bom_at_start_and_inside_lines() -> None:
    text = "\ufeff[29.01.18, 23:45:03] Tomás: Ja\n\ufeff[29.01.18, 23:46:03] Mei: \ufeffnein\n"
    r = rows(text)
    assert [x["author"] for x in r] == ["Tomás", "Mei"] and r[1]["text"] == "nein"


def test_ios_phone_number_author_is_normalised_and_joins_android_spelling() -> None:
    text = (f"[25/03/22, 09:00:00] {LRE}+62{NBSP}812{NBSP}3456{NBH}7890{PDF}: halo\n"
            f"[25/03/22, 09:01:00] {LRE}+62{NBSP}812{NBSP}3456{NBH}7890: closing mark missing\n")
    r = rows(text)
    assert {x["author"] for x in r} == {"+62 812 3456-7890"}


def test_author_can_start_with_colon_and_contain_punctuation() -> None:
    r = rows("25/03/22, 09:00 - :nick: hello\n25/03/22, 09:01 - Bu Sari (Kue) 🌸: pesan: penting\n")
    assert r[0]["author"] == ":nick" and r[0]["text"] == "hello"
    assert r[1]["author"] == "Bu Sari (Kue) 🌸" and r[1]["text"] == "pesan: penting"


def test_empty_body_and_space_body() -> None:
    r = rows("25/03/22, 09:00 - Rina:\n25/03/22, 09:01 - Budi: \n")
    assert r[0]["author"] == "Rina" and r[0]["text"] == "" and r[0]["kind"] == "other"
    assert r[1]["author"] == "Budi" and r[1]["kind"] == "other"


@pytest.mark.parametrize("body,kind,media_type", [
    ("<Media omitted>", "media", None),
    ("<Media tidak disertakan>", "media", None),
    ("<Multimedia omitted>", "media", None),
    (f"{LRM}image omitted", "media", "image"),
    (f"{LRM}stiker tidak disertakan", "media", "sticker"),
    (f"{LRM}Kartu kontak tidak disertakan", "media", "contact"),
    (f"notes.pdf • {LRM}3 pages {LRM}document omitted", "media", "document"),
    (f"laporan.pdf • {LRM}3 halaman {LRM}dokumen tidak disertakan", "media", "document"),
    (f"<{LRM}image omitted>", "media", "image"),
    ("IMG-20210302-WA0007.jpg (file attached)\nlook at this", "media", "image"),
    ("PTT-20210302-WA0001.opus (file terlampir)", "media", "audio"),
    (f"{LRM}<attached: 00000012-PHOTO-2021-02-03-10-11-40.jpg>", "media", "image"),
    (f"notes.pdf • {LRM}3 pages {LRM}<attached: 00000013-notes.pdf>", "media", "document"),
    ("Alex.vcf (file attached)", "media", "contact"),
    ("location: https://maps.google.com/?q=-6.2,106.8", "media", "location"),
    (f"{LRM}Lokasi: https://maps.google.com/?q=-6.2,106.8", "media", "location"),
    ("null", "media", None),
    ("This message was deleted", "deleted", None),
    (f"{LRM}This message was deleted.", "deleted", None),
    ("Pesan ini telah dihapus", "deleted", None),
    (f"{LRM}Pesan ini dihapus.", "deleted", None),
    ("Anda menghapus pesan ini.", "deleted", None),
    ("Missed voice call", "call", None),
    (f"{LRM}Panggilan video tak terjawab", "call", None),
    ("Waiting for this message", "other", None),
    ("the image omitted from the catalogue is fine", "text", None),
])
def test_special_bodies(body: str, kind: str, media_type: str | None) -> None:
    r = rows(f"25/03/22, 09:00 - Mei: {body}\n")[0]
    assert (r["kind"], r["media_type"], r["author"]) == (kind, media_type, "Mei")
    # A captioned media record's text is its caption (the lines after the placeholder).
    expected = body.split("\n", 1)[1] if kind == "media" and "\n" in body else body.lstrip(LRM)
    assert r["text"] == expected


@pytest.mark.parametrize("marker", [" <This message was edited>", " <Pesan ini diedit>"])
def test_edit_marker_removed_after_last_continuation_line(marker: str) -> None:
    r = rows(f"12/05/24 08.15 - Rina: besok jam 9\ndi rumah Bu Sari{marker}\n12/05/24 08.16 - Budi: ok\n")
    assert r[0]["edited"] and r[0]["text"] == "besok jam 9\ndi rumah Bu Sari"
    assert not r[1]["edited"]


@pytest.mark.parametrize("line,event,actor,target", [
    ("Rina created group \"UMKM Maju\"", "create", "Rina", "UMKM Maju"),
    ("You created group \"UMKM Maju\"", "create", EXPORTER, "UMKM Maju"),
    ("Rina membuat grup \"UMKM Maju\"", "create", "Rina", "UMKM Maju"),
    ("Rina added Budi", "add", "Rina", "Budi"),
    ("Rina added you", "add", "Rina", EXPORTER),
    ("Anda menambahkan Budi", "add", EXPORTER, "Budi"),
    ("Rina telah menambahkan Anda", "add", "Rina", EXPORTER),
    ("Anda telah ditambahkan", "add", None, EXPORTER),
    ("Arjun joined using this group's invite link", "join", "Arjun", None),
    ("Arjun telah bergabung menggunakan tautan undangan grup ini", "join", "Arjun", None),
    ("Budi left", "leave", "Budi", None),
    ("Budi keluar", "leave", "Budi", None),
    ("Rina removed Budi", "remove", "Rina", "Budi"),
    ("Rina mengeluarkan Budi", "remove", "Rina", "Budi"),
    ("Anda dikeluarkan", "remove", None, EXPORTER),
    ("Rina changed the subject from \"Trip\" to \"Promo: Juni\"", "subject", "Rina", "Promo: Juni"),
    ("Rina mengubah subjek menjadi \"Info: KUR\"", "subject", "Rina", "Info: KUR"),
    ("Budi changed this group's icon", "icon", "Budi", None),
    ("Budi mengubah ikon grup ini", "icon", "Budi", None),
    ("Rina changed the group description", "description", "Rina", None),
    ("Rina changed this group's settings to allow only admins to edit this group's info", "settings", "Rina", None),
    ("You're now an admin", "admin", None, EXPORTER),
    ("Budi's security code changed. Tap for more info.", "security", None, "Budi"),
    ("Budi changed their phone number to a new number. Tap to message or add the new number.",
     "number_change", "Budi", None),
    ("Messages and calls are end-to-end encrypted. No one outside of this chat, not even WhatsApp, "
     "can read or listen to them. Tap to learn more.", "e2e", None, None),
    ("You turned off disappearing messages. Tap to change.", "disappearing", EXPORTER, None),
    ("Budi hat Mei hinzugefügt", "add", "Budi", "Mei"),  # German (WhatsR test chats)
    ("Budi heeft Mei toegevoegd", "other", None, None),  # unknown language, no author: still system
])
def test_system_events(line: str, event: str, actor, target) -> None:
    r = rows(f"25/03/22, 09:00 - {line}\n")[0]
    assert r["kind"] == "system" and r["author"] is None
    assert (r["event"], r["event_actor"], r["event_target"]) == (event, actor, target)


def test_ios_generated_notices_written_with_an_author() -> None:
    text = (f"[09/08/21 10.03.12] Grup Kita: {LRM}Pesan dan panggilan terenkripsi secara end-to-end. Tidak "
            "seorang pun di luar chat ini, termasuk WhatsApp, yang dapat membaca atau mendengarkannya.\n"
            f"[13/08/21 10.09.30] Tomás: {LRM}{LRM}Your security code with Tomás changed. {LRM}Tap to learn more.\n"
            f"{LRM}[13/08/21 10.10.00] {LRM}Anda mengubah ikon grup ini\n")
    r = rows(text)
    assert [(x["kind"], x["author"], x["event"]) for x in r] == [
        ("system", None, "e2e"), ("system", None, "security"), ("system", None, "icon")]
    assert r[1]["event_target"] == "Tomás" and r[2]["event_actor"] == EXPORTER


def test_user_message_that_reads_like_an_event_stays_a_message() -> None:
    r = rows("25/03/22, 09:00 - Rina: Budi left\n25/03/22, 09:01 - Sari: saya keluar dulu ya\n")
    assert [(x["kind"], x["author"], x["text"]) for x in r] == [
        ("text", "Rina", "Budi left"), ("text", "Sari", "saya keluar dulu ya")]


def test_added_several_members_at_once_gives_each_a_member_row() -> None:
    chat = parse("25/03/22, 09:00 - Rina added Budi, Mei and Arjun\n25/03/22, 09:01 - Rina: welcome\n")
    assert set(chat.members["member"]) == {"Rina", "Budi", "Mei", "Arjun"}
    assert chat.members.set_index("member").loc["Mei", "messages"] == 0


def test_exporter_maps_to_display_name_when_given() -> None:
    text = "25/03/22, 09:00 - You added Budi\n25/03/22, 09:01 - Sari: halo\n"
    assert rows(text)[0]["event_actor"] == EXPORTER
    chat = parse(text, exporter="Sari")
    assert chat.messages.loc[0, "event_actor"] == "Sari"
    assert EXPORTER not in set(chat.members["member"])


def test_ambiguous_date_order_decided_by_sequence_and_reported() -> None:
    # All fields <= 12. As MDY the dates run 2 Jan, 5 Jan, 1 Feb, 3 Feb; as DMY they go back in time.
    text = "1/2/22, 09:00 - Rina: a\n1/5/22, 09:00 - Budi: b\n2/1/22, 09:00 - Rina: c\n2/3/22, 09:00 - Budi: d\n"
    chat = parse(text)
    assert chat.format.date_order == "MDY" and chat.format.date_order_ambiguous
    assert chat.messages["timestamp"].dt.month.tolist() == [1, 1, 2, 2]
    assert any("ambiguous" in w for w in chat.format.warnings)
    forced = parse(text, date_order="dmy")
    assert forced.format.date_order == "DMY" and forced.messages["timestamp"].dt.month.tolist() == [2, 5, 1, 3]


def test_out_of_order_records_kept_in_file_order_and_counted() -> None:
    text = ("25/03/22, 10:00 - Messages and calls are end-to-end encrypted. Tap to learn more.\n"
            "24/03/22, 09:00 - Rina: earlier\n24/03/22, 09:05 - Budi: later\n")
    chat = parse(text)
    assert chat.messages["line"].tolist() == [1, 2, 3] and chat.format.out_of_order == 1


def test_impossible_date_is_not_a_header() -> None:
    r = rows("25/03/22, 09:00 - Rina: see\n31/02/22, 09:00 - this is text\n25/03/22, 09:01 - Budi: ok\n")
    assert len(r) == 2 and r[0]["text"] == "see\n31/02/22, 09:00 - this is text"


def test_lines_before_first_header_are_skipped_with_a_warning() -> None:
    chat = parse("some preamble\n25/03/22, 09:00 - Rina: halo\n")
    assert len(chat.messages) == 1 and chat.format.skipped_lines == 1 and chat.format.warnings


def test_invalid_utf8_is_replaced_and_counted() -> None:
    data = "25/03/22, 09:00 - Rina: caf".encode() + b"\xff\xfe" + " ok\n".encode()
    chat = load_chat(data)
    assert chat.messages.loc[0, "text"] == "caf\ufffd\ufffd ok" and chat.format.replaced_bytes == 2


def test_nnbsp_and_lowercase_and_dotted_am_pm() -> None:
    r = rows(f"1/4/23, 7:02{NNBSP}PM - Tomás: here\n1/4/23, 12:05{NNBSP}AM - Tomás: midnight\n"
             "1/13/23, 12:00 PM - Mei: noon\n")
    assert [x["timestamp"].hour for x in r] == [19, 0, 12]


def test_indonesian_android_detects_language() -> None:
    chat = parse("24/07/24 09.43 - Rina menambahkan Budi\n24/07/24 09.44 - Budi: <Media tidak disertakan>\n")
    assert chat.format.language == "id" and chat.format.platform == "android"


# --- sources: zip, file objects, paths ---------------------------------------------------------------

def _zip(files: dict[str, bytes]) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, data in files.items():
            zf.writestr(name, data)
    return buf.getvalue()


def test_zip_with_localised_name_and_media(tmp_path) -> None:
    chat_bytes = "24/07/24 09.43 - Rina: halo\n".encode()
    data = _zip({"IMG-20240724-WA0001.jpg": b"\xff\xd8" * 100, "Chat WhatsApp dengan UMKM Maju.txt": chat_bytes})
    assert load_chat(data).messages.loc[0, "text"] == "halo"
    path = tmp_path / "export.zip"
    path.write_bytes(data)
    chat = load_chat(path)
    assert chat.format.source == "Chat WhatsApp dengan UMKM Maju.txt"
    with open(path, "rb") as fh:
        assert len(load_chat(fh).messages) == 1
    assert list(tmp_path.iterdir()) == [path]  # nothing extracted to disk


def test_ios_zip_prefers_chat_txt() -> None:
    data = _zip({"notes.txt": b"hello", "_chat.txt": "[3/9/22, 08:15:42] Rina: halo\r\n".encode()})
    assert load_chat(data).messages.loc[0, "author"] == "Rina"


@pytest.mark.parametrize("data,fragment", [
    (b"", "empty"),
    (b"   \n\n", "empty"),
    (b"hello world\nthis is a shopping list\n", "not a WhatsApp chat export"),
    (bytes(range(256)) * 40, "not a WhatsApp chat export"),
    (b"PK\x03\x04this is not really a zip", "damaged or not a zip"),
    (_zip({"readme.md": b"# hi"}), "no .txt chat file"),
    (_zip({"chat.txt": b"just some text"}), "not a WhatsApp chat export"),
])
def test_bad_input_gives_one_clear_error(data: bytes, fragment: str) -> None:
    with pytest.raises(ChatFormatError) as exc:
        load_chat(data)
    assert fragment in str(exc.value) and "\n" not in str(exc.value)


def test_missing_path_is_a_clear_error(tmp_path) -> None:
    with pytest.raises(ChatFormatError, match="not found"):
        load_chat(tmp_path / "nope.txt")


def test_zip_bomb_is_refused_without_unpacking() -> None:
    bomb = _zip({"_chat.txt": b"0" * 50_000_000})  # 50 MB of one byte: compresses ~1000-fold
    assert len(bomb) < 200_000
    with pytest.raises(ChatFormatError, match="zip bomb"):
        load_chat(bomb)


def test_size_limit_is_configurable() -> None:
    data = _zip({"_chat.txt": ("[3/9/22, 08:15:42] Rina: halo\r\n" * 100).encode()})
    with pytest.raises(ChatFormatError, match="above the limit"):
        load_chat(data, max_bytes=1000)
    with pytest.raises(ChatFormatError, match="larger than"):
        load_chat(("[3/9/22, 08:15:42] Rina: halo\r\n" * 100).encode(), max_bytes=1000)
