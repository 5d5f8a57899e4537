"""Merging overlapping exports, aliases and time zones (issue 8).

Every test writes real export text with `analyzer.chat.write` (a conversation from
`analyzer.chat.synthetic`, split into overlapping parts, the parts rendered in different export styles)
and parses it with `load_chat`: the merge sees exactly what it would see from two phones.
"""
from __future__ import annotations

import dataclasses
from datetime import datetime, timedelta
from pathlib import Path
from typing import Sequence

import pandas as pd
import pytest

from analyzer import load_chat
from analyzer.cli.program import main as cli_main
from analyzer.chat.merge import (
    apply_aliases,
    likely_duplicates,
    localize,
    merge_chats,
    phone_key,
    read_aliases,
    resolve_tz,
)
from analyzer.chat.write import Record, render
from analyzer.chat.schema import EXPORTER, MESSAGE_COLUMNS
from analyzer.chat.synthetic import UMKM_EXPORTER, generate_conversation

SEED = 7
DAYS = 60


@pytest.fixture(scope="module")
def records() -> list[Record]:
    recs = generate_conversation(SEED, days=DAYS)
    assert len(recs) > 300
    return recs


def write(tmp: Path, name: str, recs: Sequence[Record], style: str, exporter: str = UMKM_EXPORTER) -> Path:
    path = tmp / name
    path.write_bytes(render(recs, style, exporter=exporter).encode("utf-8"))
    return path


def split(recs: Sequence[Record], a_end: float = 0.6, b_start: float = 0.4) -> tuple[list, list, int]:
    """Two overlapping parts and the number of records they share."""
    n = len(recs)
    i, j = int(n * a_end), int(n * b_start)
    return list(recs[:i]), list(recs[j:]), i - j


def user_counts(chat) -> pd.Series:
    """Messages per person; phone numbers by their digits, since iOS and Android space them
    differently and the merge keeps the first file's spelling."""
    m = chat.messages
    m = m[m["kind"] != "system"]
    who = m["author"].map(lambda a: phone_key(a) or a).rename("author")
    return m.groupby(who)["text"].size().sort_index()


# --------------------------------------------------------------------------------------------
# Overlap and de-duplication


def test_overlap_seconds_and_minutes_deduplicated_exactly(tmp_path, records):
    a, b, overlap = split(records)
    pa = write(tmp_path, "a.txt", a, "ios_id")  # with seconds, Indonesian iOS phrases
    pb = write(tmp_path, "b.txt", b, "android_id")  # minutes only, Indonesian Android phrases
    merged = load_chat([pa, pb])
    whole = load_chat(write(tmp_path, "whole.txt", records, "android_id"))

    assert len(merged.messages) == len(records)
    prov = merged.provenance
    assert list(prov["file"]) == ["a.txt", "b.txt"]
    assert list(prov["records"]) == [len(a), len(b)]
    assert list(prov["duplicates"]) == [0, overlap]
    assert pd.isna(prov.at[0, "gap_before_s"]) and prov.at[1, "gap_before_s"] < 0
    assert prov.at[0, "first"] == pd.Timestamp(records[0].timestamp)
    # Same people, same message counts and the same minutes as one export of the whole history.
    pd.testing.assert_series_equal(user_counts(merged), user_counts(whole))
    assert (merged.messages["timestamp"].dt.floor("min").tolist()
            == whole.messages["timestamp"].dt.floor("min").tolist())
    assert merged.messages["timestamp"].is_monotonic_increasing
    assert list(merged.messages.columns) == list(MESSAGE_COLUMNS)
    assert merged.messages.dtypes.astype(str).tolist() == [str(pd.Series(dtype=t).dtype) for t in MESSAGE_COLUMNS.values()]
    # The overlap keeps the iOS version: exact seconds (and iOS media types).
    overlap_ts = merged.messages["timestamp"][(merged.messages["timestamp"] >= pd.Timestamp(b[0].timestamp))
                                              & (merged.messages["timestamp"] <= pd.Timestamp(a[-1].timestamp))]
    assert (overlap_ts.dt.second != 0).any()
    assert merged.format.seconds is False  # part of the history is only known to the minute
    assert merged.format.source == "a.txt + b.txt"
    assert merged.format.n_records == len(records)


def test_three_exports_in_different_languages(tmp_path, records):
    n = len(records)
    parts = [records[: n // 2], records[n // 3: 3 * n // 4], records[2 * n // 3:]]
    styles = ["android_en_12h", "ios_en_24h", "android_id"]
    paths = [write(tmp_path, f"p{i}.txt", p, s) for i, (p, s) in enumerate(zip(parts, styles))]
    merged = load_chat(paths)
    assert len(merged.messages) == n
    assert list(merged.provenance["duplicates"]) == [0, n // 2 - n // 3, 3 * n // 4 - 2 * n // 3]


def test_given_out_of_time_order(tmp_path, records):
    a, b, overlap = split(records)
    merged = load_chat([write(tmp_path, "later.txt", b, "android_id"), write(tmp_path, "earlier.txt", a, "ios_id")])
    assert len(merged.messages) == len(records)
    assert merged.messages["timestamp"].is_monotonic_increasing
    assert list(merged.provenance["duplicates"]) == [0, overlap]
    assert merged.provenance.at[0, "gap_before_s"] < 0 and pd.isna(merged.provenance.at[1, "gap_before_s"])


def test_legitimate_repeats_survive(tmp_path):
    t = datetime(2024, 5, 1, 9, 0, 5)
    recs = [Record(t, "Budi", "ok"), Record(t + timedelta(seconds=20), "Budi", "ok"),
            Record(t + timedelta(seconds=30), "Siti", "ok"), Record(t + timedelta(minutes=3), "Budi", "ok"),
            Record(t + timedelta(minutes=4), "Siti", "sip")]
    a = write(tmp_path, "a.txt", recs[:4], "ios_id")
    b = write(tmp_path, "b.txt", recs, "android_id")
    merged = load_chat([a, b])
    assert merged.messages["text"].tolist() == ["ok", "ok", "ok", "ok", "sip"]
    assert merged.provenance["duplicates"].tolist() == [0, 4]
    # Twice "ok" in one export, three times in the other: the third is a new message.
    recs3 = recs[:2] + [Record(t + timedelta(seconds=40), "Budi", "ok")]
    merged = load_chat([write(tmp_path, "c.txt", recs[:2], "android_id"), write(tmp_path, "d.txt", recs3, "ios_id")])
    assert merged.messages["text"].tolist() == ["ok", "ok", "ok"]
    assert merged.provenance["duplicates"].tolist() == [0, 2]


def test_deleted_in_one_export_keeps_original(tmp_path, records):
    a, b, overlap = split(records)
    k = len(records) - len(b) + 5  # a text message inside the overlap, index in `records`
    k = next(i for i in range(k, k + 40) if records[i].kind == "text" and records[i].author != UMKM_EXPORTER)
    original = records[k]
    j = k - (len(records) - len(b))
    b[j] = dataclasses.replace(original, kind="deleted", text="")
    merged = load_chat([write(tmp_path, "a.txt", a, "android_en_24h"), write(tmp_path, "b.txt", b, "ios_id")])
    assert len(merged.messages) == len(records)
    assert merged.provenance["duplicates"].tolist() == [0, overlap]
    row = merged.messages[merged.messages["text"] == original.text]
    assert len(row) == 1 and row["kind"].iloc[0] == "text" and row["author"].iloc[0] == original.author
    # The same the other way round: the deleted version is in the first file.
    merged2 = load_chat([write(tmp_path, "b2.txt", b, "ios_id"), write(tmp_path, "a2.txt", a, "android_en_24h")])
    assert len(merged2.messages) == len(records)
    assert (merged2.messages["text"] == original.text).sum() == 1


def test_edited_in_one_export_keeps_edit(tmp_path, records):
    a, b, overlap = split(records)
    off = len(records) - len(b)
    k = next(i for i in range(off + 3, len(a)) if records[i].kind == "text")
    b[k - off] = dataclasses.replace(records[k], text="versi baru, sudah diperbaiki", edited=True)
    merged = load_chat([write(tmp_path, "a.txt", a, "ios_id"), write(tmp_path, "b.txt", b, "android_id")])
    assert len(merged.messages) == len(records)
    row = merged.messages[merged.messages["text"] == "versi baru, sudah diperbaiki"]
    assert len(row) == 1 and bool(row["edited"].iloc[0])
    assert (merged.messages["text"] == records[k].text).sum() == (
        sum(r.kind == "text" and r.text == records[k].text for r in records) - 1)


def _as_seen_by(recs: Sequence[Record], exporter: str) -> list[Record]:
    """The records as another member's phone exports them: system lines say "You" for them."""
    def swap(v: str | None) -> str | None:
        if v == EXPORTER:
            return UMKM_EXPORTER
        return EXPORTER if v == exporter else v
    return [dataclasses.replace(r, event_actor=swap(r.event_actor), event_target=swap(r.event_target))
            if r.kind == "system" else r for r in recs]


def test_different_exporters(tmp_path, records):
    other = "Ratna Wulandari"
    a, b, overlap = split(records)
    t = b[10].timestamp
    # Membership changes inside the overlap, stated from Dewi's phone (the exporter of `a`).
    extra = [Record(t + timedelta(seconds=1), None, "", "system", event="add", event_actor=EXPORTER,
                    event_target="Budi Baru"),
             Record(t + timedelta(seconds=2), None, "", "system", event="add", event_actor=other,
                    event_target=EXPORTER),
             Record(t + timedelta(seconds=3), None, "", "system", event="leave", event_actor="Budi Baru")]
    pos = len(records) - len(b) + 11
    whole = records[:pos] + extra + records[pos:]
    a2 = whole[: len(a) + 3] if len(a) > pos else None
    assert a2 is not None
    b2 = _as_seen_by(whole[len(records) - len(b):], other)
    merged = load_chat([write(tmp_path, "dewi.txt", a2, "ios_id"),
                        write(tmp_path, "ratna.txt", b2, "android_id", exporter=other)])
    assert len(merged.messages) == len(whole)
    assert merged.provenance["duplicates"].tolist() == [0, overlap + 3]
    ev = merged.events
    assert ev[ev["event_target"] == "Budi Baru"].shape[0] == 1
    assert ev[(ev["event"] == "leave") & (ev["event_actor"] == "Budi Baru")].shape[0] == 1
    # "You added Budi Baru" (Dewi's phone) vs "Dewi Batik Laweyan added ..." (Ratna's): the
    # version naming the person is kept.
    assert ev[ev["event_target"] == "Budi Baru"]["event_actor"].iloc[0] == UMKM_EXPORTER


def test_gap_between_exports_warns(tmp_path, records):
    n = len(records)
    a, b = records[: n // 3], records[2 * n // 3:]
    merged = load_chat([write(tmp_path, "a.txt", a, "android_id"), write(tmp_path, "b.txt", b, "android_id")])
    assert len(merged.messages) == len(a) + len(b)
    gap = (pd.Timestamp(b[0].timestamp).floor("min") - pd.Timestamp(a[-1].timestamp).floor("min")).total_seconds()
    assert merged.provenance.at[1, "gap_before_s"] == gap > 86400
    assert any("No export covers" in w and "b.txt" in w for w in merged.format.warnings)


def test_contained_export_adds_nothing(tmp_path, records):
    inner = records[100:150]
    merged = load_chat([write(tmp_path, "all.txt", records, "ios_id"), write(tmp_path, "part.txt", inner, "android_id")])
    assert len(merged.messages) == len(records)
    assert merged.provenance["duplicates"].tolist() == [0, 50]
    assert any("adds nothing" in w for w in merged.format.warnings)


# --------------------------------------------------------------------------------------------
# Aliases


def _renamed(recs: Sequence[Record], old: str, new: str) -> list[Record]:
    def r(v: str | None) -> str | None:
        return new if v == old else v
    return [dataclasses.replace(x, author=r(x.author), event_actor=r(x.event_actor), event_target=r(x.event_target))
            for x in recs]


def _busy_author(recs: Sequence[Record], lo: int, hi: int) -> str:
    counts = pd.Series([r.author for r in recs[lo:hi] if r.kind == "text" and r.author != UMKM_EXPORTER]).value_counts()
    return str(counts.index[0])


def test_alias_name_in_one_export_number_in_other(tmp_path, records):
    a, b, overlap = split(records)
    person = _busy_author(records, len(records) - len(b), len(a))
    number = "+62 813-1111-2222"
    b = _renamed(b, person, number)
    pa, pb = write(tmp_path, "a.txt", a, "ios_id"), write(tmp_path, "b.txt", b, "android_id")
    truth = user_counts(load_chat(write(tmp_path, "whole.txt", records, "android_id")))

    # Without aliases the overlap is still recognised (same texts at the same times), and the two
    # spellings are reported as one person.
    merged = load_chat([pa, pb])
    assert len(merged.messages) == len(records)
    assert merged.provenance.at[1, "same_as"] == [[number, person]]
    assert any(number in w and person in w for w in merged.format.warnings)
    dup = [d for d in likely_duplicates(merged) if {d["a"], d["b"]} == {person, number}]
    assert len(dup) == 1 and "same messages" in dup[0]["reason"]

    # With an alias file (the number in another spelling) the member list is the true one.
    alias_file = tmp_path / "aliases.csv"
    alias_file.write_text(f"# contacts saved differently\nalias,canonical\n0813 1111 2222,{person}\n", encoding="utf-8")
    merged = load_chat([pa, pb], aliases=alias_file)
    assert number not in set(merged.messages["author"].dropna())
    pd.testing.assert_series_equal(user_counts(merged), truth)
    assert number not in set(merged.members["member"])


def test_apply_aliases_targets_and_lists():
    t = pd.Timestamp("2024-01-01 10:00")
    m = pd.DataFrame({
        "timestamp": [t, t, t], "author": [None, "Bu Tini 🌸", None], "text": ["", "halo", ""],
        "kind": ["system", "text", "system"], "edited": [False] * 3, "media_type": [None] * 3,
        "line": [1, 2, 3], "event": ["add", None, "subject"], "event_actor": ["Rina", None, "Rina"],
        "event_target": ["Bu  Tini 🌸, +62 812-3456-7890 dan Joko", None, "Bu Tini 🌸"],
        "author_self_named": [False] * 3,
    }).astype(MESSAGE_COLUMNS)
    from analyzer.chat.model import Chat, ChatFormat
    chat = Chat(m, ChatFormat("android", "DMY", "24h", False, "id", False, "", ""))
    out = apply_aliases(chat, {"Bu Tini 🌸": "Tini", "62 812 3456 7890": "Pak Budi", "Rina ": "Rina Kopi"})
    assert out.messages["author"].tolist()[1] == "Tini"
    assert out.messages["event_actor"].fillna("-").tolist() == ["Rina Kopi", "-", "Rina Kopi"]
    assert out.messages["event_target"].fillna("-").tolist() == ["Tini, Pak Budi, Joko", "-", "Bu Tini 🌸"]  # subject kept
    assert out.messages.dtypes.equals(m.dtypes)
    assert chat.messages["author"].tolist()[1] == "Bu Tini 🌸"  # the input is not modified


def test_read_aliases(tmp_path):
    f = tmp_path / "a.tsv"
    f.write_text("# comment\n\nBudi S.\tBudi Santoso\n+62 812-1\t\u200eBudi S.\n", encoding="utf-8")
    assert read_aliases(f) == {"Budi S.": "Budi Santoso", "+62 812-1": "Budi Santoso"}  # chain followed
    g = tmp_path / "a.csv"
    g.write_text('alias,canonical\n"Rina, Kopi",Rina\n', encoding="utf-8")
    assert read_aliases(g) == {"Rina, Kopi": "Rina"}
    bad = tmp_path / "bad.csv"
    bad.write_text("a,b\nc\n", encoding="utf-8")
    with pytest.raises(ValueError, match="line 2"):
        read_aliases(bad)
    cyc = tmp_path / "cyc.csv"
    cyc.write_text("a,b\nb,a\n", encoding="utf-8")
    with pytest.raises(ValueError, match="cycle"):
        read_aliases(cyc)


def test_likely_duplicates_from_names():
    names = ["+62 812-3456-7890", "0812 3456 7890", "6281234567890", "Budi Santoso", "budi  santoso 🙏",
             "Budi.Santoso", "Siti", "Sita", "+1 555-0100-999"]
    pairs = {frozenset((d["a"], d["b"])): d["reason"] for d in likely_duplicates(names)}
    assert frozenset(("+62 812-3456-7890", "0812 3456 7890")) in pairs
    assert frozenset(("0812 3456 7890", "6281234567890")) in pairs
    assert "phone" in pairs[frozenset(("+62 812-3456-7890", "6281234567890"))]
    assert "spacing" in pairs[frozenset(("Budi Santoso", "Budi.Santoso"))]
    assert frozenset(("Budi Santoso", "budi  santoso 🙏")) in pairs
    assert not any("Siti" in p for p in pairs)
    assert len(pairs) == 6
    assert phone_key("+62 812-3456-7890") == phone_key("0812 3456 7890") == "6281234567890"
    assert phone_key("Budi 2") is None


# --------------------------------------------------------------------------------------------
# Time zones


def test_resolve_tz():
    assert resolve_tz("WIB") == "Asia/Jakarta"
    assert resolve_tz("wita") == "Asia/Makassar"
    assert resolve_tz(" WIT ") == "Asia/Jayapura"
    assert resolve_tz("asia/jakarta") == "Asia/Jakarta"
    assert resolve_tz("Europe/Amsterdam") == "Europe/Amsterdam"
    for bad in ("Mars/Olympus", "", "WIBB", "../etc/passwd"):
        with pytest.raises(ValueError, match="Unknown time zone"):
            resolve_tz(bad)


def test_unknown_zone_in_load_chat(tmp_path, records):
    p = write(tmp_path, "a.txt", records[:20], "android_id")
    with pytest.raises(ValueError, match="Unknown time zone 'Jakarta'"):
        load_chat(p, tz="Jakarta")
    assert cli_main(["parse", str(p), "--tz", "Mars/Olympus"]) == 2


def _shift(recs: Sequence[Record], hours: int) -> list[Record]:
    return [dataclasses.replace(r, timestamp=r.timestamp + timedelta(hours=hours)) for r in recs]


def test_wib_and_wita_phones_around_midnight(tmp_path, records):
    a, b, overlap = split(records)
    # A conversation across midnight inside the overlap: 23:30 WIB is 00:30 WITA the next day.
    day = b[0].timestamp.date() + timedelta(days=1)
    night = [Record(datetime.combine(day, datetime.min.time()) + timedelta(hours=23, minutes=30, seconds=s), "Bu Tini 🌸",
                    f"masih buka jam segini? {s}") for s in (5, 40)]
    assert a[-1].timestamp > night[-1].timestamp + timedelta(hours=2) > b[0].timestamp
    whole = sorted(records + night, key=lambda r: r.timestamp)
    n0 = len(records) - len(b)
    a2 = [r for r in whole if r.timestamp <= a[-1].timestamp]
    b2 = [r for r in whole if r.timestamp >= records[n0].timestamp]
    overlap2 = len(a2) + len(b2) - len(whole)
    pa = write(tmp_path, "wib.txt", a2, "ios_id")
    pb = write(tmp_path, "wita.txt", _shift(b2, 1), "android_id")  # the same messages on a WITA phone

    wita = load_chat(pb)
    assert ((wita.messages["text"] == "masih buka jam segini? 5")
            & (wita.messages["timestamp"] == pd.Timestamp(datetime.combine(day + timedelta(days=1),
                                                                           datetime.min.time()) + timedelta(minutes=30)))).any()

    merged = load_chat([pa, pb], tz=["WIB", "WITA"])
    assert merged.tz == "Asia/Jakarta"
    assert str(merged.messages["timestamp"].dt.tz) == "Asia/Jakarta"
    assert len(merged.messages) == len(whole)
    assert merged.provenance["duplicates"].tolist() == [0, overlap2]
    assert merged.provenance["tz"].tolist() == ["Asia/Jakarta", "Asia/Makassar"]
    row = merged.messages[merged.messages["text"] == "masih buka jam segini? 5"]
    assert len(row) == 1
    assert row["timestamp"].iloc[0] == pd.Timestamp(night[0].timestamp, tz="Asia/Jakarta")
    assert row["timestamp"].iloc[0].hour == 23
    assert merged.messages["timestamp"].is_monotonic_increasing
    assert any("different time zones" in w for w in merged.format.warnings)

    # Without zones the phones' clocks disagree by an hour: nothing in the overlap matches, and
    # the merge says so instead of silently doubling the overlap.
    naive = load_chat([pa, pb])
    assert naive.provenance["duplicates"].tolist()[1] < overlap2 // 4
    assert any("time zone" in w for w in naive.format.warnings)


def test_mixing_naive_and_aware_is_an_error(tmp_path, records):
    a, b, _ = split(records)
    ca = load_chat(write(tmp_path, "a.txt", a, "ios_id"))
    cb = load_chat(write(tmp_path, "b.txt", b, "android_id"))
    with pytest.raises(ValueError, match="with and without a time zone"):
        merge_chats([localize(ca, "WIB"), cb], ["a.txt", "b.txt"])


def test_localize_daylight_saving():
    from analyzer.chat.model import Chat, ChatFormat
    ts = pd.to_datetime(["2024-03-31 01:59", "2024-03-31 02:30", "2024-10-27 02:30", "2024-10-27 02:45",
                         "2024-10-27 02:15", "2024-10-27 03:10"])
    m = pd.DataFrame({"timestamp": ts, "author": ["A"] * 6, "text": ["x"] * 6, "kind": ["text"] * 6,
                      "edited": [False] * 6, "media_type": [None] * 6, "line": range(1, 7),
                      "event": [None] * 6, "event_actor": [None] * 6, "event_target": [None] * 6,
                      "author_self_named": [False] * 6}).astype(MESSAGE_COLUMNS)
    chat = Chat(m, ChatFormat("android", "DMY", "24h", False, "en", False, "", ""))
    out = localize(chat, "Europe/Berlin")
    t = out.messages["timestamp"]
    assert out.tz == "Europe/Berlin" and t.notna().all()
    assert t.iloc[1] == pd.Timestamp("2024-03-31 03:30", tz="Europe/Berlin")  # nonexistent: moved forward
    # 02:30, 02:45 in summer time, then the clock went back: 02:15 is the second pass (winter time).
    assert t.iloc[2].utcoffset() == timedelta(hours=2) and t.iloc[4].utcoffset() == timedelta(hours=1)
    assert any("occurs twice" in w for w in out.format.warnings)
    assert any("does not exist" in w for w in out.format.warnings)
    assert localize(out, "Europe/Berlin") is out
    with pytest.raises(ValueError, match="already"):
        localize(out, "WIB")
    # Indonesia: no daylight saving, no warnings.
    jkt = localize(chat, "WIB")
    assert jkt.format.warnings == () and (jkt.messages["timestamp"].dt.tz_localize(None) == ts).all()


# --------------------------------------------------------------------------------------------
# Command line


def test_cli_parse_several_files(tmp_path, records, capsys):
    a, b, overlap = split(records)
    pa, pb = write(tmp_path, "a.txt", a, "ios_id"), write(tmp_path, "b.txt", _shift(b, 1), "android_id")
    aliases = tmp_path / "al.csv"
    aliases.write_text("Bu Tini 🌸,Tini\n", encoding="utf-8")
    out = tmp_path / "m.csv"
    assert cli_main(["parse", str(pa), str(pb), "--tz", "WIB,WITA", "--aliases", str(aliases), "--out", str(out)]) == 0
    text = capsys.readouterr().out
    assert "Asia/Jakarta" in text and "a.txt" in text and "b.txt" in text
    table = pd.read_csv(out)
    assert len(table) == len(records)
    assert "Bu Tini 🌸" not in set(table["author"].dropna())
    assert cli_main(["parse", str(pa)]) == 0
    assert "local time of the exporting phone" in capsys.readouterr().out
    assert cli_main(["parse", str(pa), str(pb), "--tz", "WIB,WITA,WIT"]) == 2


def test_cli_analyze_merge_section(tmp_path, records):
    import json

    records = records[:150]  # analyze is the slow part; a short history shows the same
    a, b, overlap = split(records)
    pa, pb = write(tmp_path, "a.txt", a, "ios_id"), write(tmp_path, "b.txt", _shift(b, 1), "android_id")
    out = tmp_path / "rep"
    assert cli_main(["analyze", str(pa), str(pb), "--tz", "WIB,WITA", "--out", str(out)]) == 0
    rep = json.loads((out / "report.json").read_text(encoding="utf-8"))
    assert rep["format"]["time_zone"] == "Asia/Jakarta" == rep["merge"]["time_zone"]
    assert [f["file"] for f in rep["merge"]["files"]] == ["a.txt", "b.txt"]
    assert rep["merge"]["duplicates_removed"] == overlap
    assert rep["window"]["n_records"] == len(records)
    assert isinstance(rep["merge"]["likely_duplicates"], list)
    # The hours of the activity profile are WIB hours: the first message's hour is the WIB one.
    msgs = pd.read_csv(out / "messages.csv")
    assert msgs["timestamp"].iloc[0].startswith(records[0].timestamp.strftime("%Y-%m-%dT%H:%M"))

    assert cli_main(["analyze", str(pa), "--out", str(tmp_path / "one")]) == 0
    one = json.loads((tmp_path / "one" / "report.json").read_text(encoding="utf-8"))
    assert one["format"]["time_zone"] == "local time of the exporting phone"
    assert one["merge"]["files"] == [] and one["merge"]["n_files"] == 1
