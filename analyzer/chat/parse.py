"""Parse an export into the message table, column-wise.

The procedure follows docs/formats.md §10: detect the header shape once from a sample, match every
line with that one strict pattern (pyarrow's RE2 kernel, no per-line Python), decide the date
order from all headers, join continuation lines to their record, then split author from body and
recognise system events and special bodies. Only the few distinct candidate strings for system
lines and special bodies go through Python.
"""
from __future__ import annotations

import os
import re
from collections import Counter
from collections.abc import Mapping, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from analyzer.chat import body_kinds as bodies, refine
from analyzer.chat import phrases as P
from analyzer.chat.model import Chat, ChatFormat
from analyzer.errors import ChatFormatError
from analyzer.chat.shapes import LOOSE_HEADER, HeaderShape, detect_shape
from analyzer.chat.sources import EXPECTED, MAX_CHAT_BYTES, RawExport, Source, decode_utf8, read_source
from analyzer.chat.schema import EXPORTER, KINDS, MEDIA_TYPES, MESSAGE_COLUMNS

SAMPLE_LINES = 5000
DATE_ORDERS = ("DMY", "MDY", "YMD")
_STR = pa.large_string()
_MARKS = "\u200e\u200f"


def load_chat(source: Source | Sequence[Source], *, date_order: str | None = None, year: int | None = None,
              exporter: str | Sequence[str] | None = None, tz: str | Sequence[str] | None = None,
              aliases: Mapping[str, str] | str | os.PathLike | None = None,
              max_bytes: int = MAX_CHAT_BYTES) -> Chat:
    """Read and parse a WhatsApp chat export, or several exports of one group.

    source: a path to a `.txt` or `.zip` export, its bytes, or a binary file object; or a list of
        them, which are merged (sorted by time, the overlap de-duplicated; `Chat.provenance` says
        which file contributed which period).
    date_order: "DMY", "MDY" or "YMD" to override the detected day/month order.
    year: the year for legacy Android exports whose headers carry none (default: this year).
    exporter: the exporting user's display name; system lines' "You"/"Anda" become this name
        (one per file when several exports come from different phones).
    tz: the time zone of the exporting phone's clock ("Asia/Jakarta", or WIB/WITA/WIT), one for
        all files or one per file; timestamps become zone-aware. Without it they are naive local
        times of the exporting phone.
    aliases: {alias: canonical name} or a two-column file, applied to every name before anything
        else sees it (one person saved as a name in one export and a number in another).
    max_bytes: refuse chat text larger than this (also uncompressed, inside a zip).
    Raises ChatFormatError (one sentence: what is wrong, what was expected) for anything that is
    not a readable export.
    """
    kw = dict(date_order=date_order, year=year,
              exporter=exporter if not isinstance(exporter, (list, tuple)) else None)
    if isinstance(source, (list, tuple)):
        if not source:
            raise ChatFormatError(f"No chat files given. Expected {EXPECTED}.")
        from analyzer.chat import merge
        zones = list(tz) if isinstance(tz, (list, tuple)) else [tz] * len(source)
        if len(zones) != len(source):
            raise ValueError(f"tz: {len(zones)} zones for {len(source)} files")
        exporters = list(exporter) if isinstance(exporter, (list, tuple)) else [exporter] * len(source)
        if len(exporters) != len(source):
            raise ValueError(f"exporter: {len(exporters)} names for {len(source)} files")
        chats, names = [], []
        for item, zone, who in zip(source, zones, exporters):
            raw = read_source(item, max_bytes=max_bytes)
            names.append(raw.name or f"input {len(names) + 1}")
            chat = _parse(raw, **{**kw, "exporter": who})
            chats.append(merge.localize(chat, zone) if zone else chat)
        chat = merge.merge_chats(chats, names) if len(chats) > 1 else chats[0]
    else:
        # The RawExport is handed over without keeping a reference here, so the parser can free
        # the file's bytes as soon as they are split into lines (peak memory).
        chat = _parse(read_source(source, max_bytes=max_bytes), **kw)
        if tz:
            from analyzer.chat import merge
            chat = merge.localize(chat, tz if isinstance(tz, str) else tz[0])
    if aliases:
        from analyzer.chat import merge
        chat = merge.apply_aliases(chat, aliases)
    return chat


def parse_export(data: bytes, *, name: str | None = None, date_order: str | None = None,
                 year: int | None = None, exporter: str | None = None) -> Chat:
    """Parse the bytes of a chat `.txt` file (see `load_chat`)."""
    return _parse(RawExport(data, name), date_order=date_order, year=year, exporter=exporter)


def _parse(raw: RawExport, *, date_order: str | None, year: int | None, exporter: str | None) -> Chat:
    data, name = raw.data, raw.name
    raw.data = b""
    label = name or "The input"
    if date_order is not None:
        date_order = date_order.upper()
        if date_order not in DATE_ORDERS:
            raise ValueError(f"date_order must be one of {DATE_ORDERS}, not {date_order!r}")
    if not data or data.isspace():
        raise ChatFormatError(f"{label} is empty. Expected {EXPECTED}.")

    lines, replaced = _split_lines(data)
    n_bytes = len(data)
    del data
    _release_unused()
    shape, sample_matches, example = detect_shape(lines.slice(0, SAMPLE_LINES).to_pylist())
    if shape is None:
        hint = " It looks like binary data, not text." if replaced > n_bytes // 20 else ""
        raise ChatFormatError(
            f"{label} is not a WhatsApp chat export: no line starts with a WhatsApp date and time "
            f"(such as '24/07/24 09.43 - Rina: halo' or '[3/9/22, 08:15:42] Rina: halo').{hint} "
            f"Expected {EXPECTED}.")

    headers = _match_headers(lines, shape)
    times = _timestamps(headers, shape, date_order, year)
    if not times.valid.any():
        raise ChatFormatError(f"{label}: lines look like WhatsApp headers but none has a valid date and time. "
                              f"Expected {EXPECTED}.")
    all_valid = bool(times.valid.all())
    header_idx = headers.index if all_valid else headers.index[times.valid]
    rest = headers.rest if all_valid else headers.rest.filter(pa.array(times.valid))
    ts = times.seconds[times.valid]

    n_lines = len(lines)
    bad_headers = headers.index[~times.valid]
    unparsed = _header_like(lines, header_idx)
    continuations = _continuations(lines, header_idx)
    del lines, headers
    # The chunks are handed over in a list that _records empties as it goes, so each chunk of
    # header-line text is freed as soon as its records are built.
    rest_chunks = [c for c in rest.chunks if len(c)]
    del rest
    _release_unused()
    records = _records(continuations, rest_chunks, shape)
    _release_unused()
    messages = _message_table(records, ts, header_idx, exporter)
    language = records.language
    messages, refined = refine.refine_records(messages, records.marked, records.notice_authors)
    del records
    _release_unused()

    ts_sorted_violations = int((np.diff(ts) < 0).sum()) if len(ts) > 1 else 0
    # Warnings as codes + parameters (analyzer.notices), worded per language and reader by
    # analyzer.i18n; `warnings` keeps their English API wording.
    from analyzer.notices import Notice, notice_pairs

    notices: list[Notice] = []
    notices += list(raw.notes)  # how the file was read (an encoding other than UTF-8)
    if replaced:
        notices.append(Notice("parse.replaced_bytes", {"n": int(replaced)}))
    first = int(header_idx[0])
    if first:
        notices.append(Notice("parse.skipped_lines", {"n": first}))
    n_invalid = int((~times.valid).sum())
    if n_invalid:
        bad = int(bad_headers[0]) + 1
        notices.append(Notice("parse.invalid_headers", {"n": n_invalid, "line": str(bad)}))
    if times.ambiguous and date_order is None:
        notices.append(Notice("parse.ambiguous_date_order", {"reason": times.reason, "order": times.order}))
    if times.no_year:
        notices.append(Notice("parse.no_year", {"year": str(times.year_used)}))
    if len(unparsed[0]):
        # Lines of another header shape (a file mixing Android and iOS lines, or hand-edited) are
        # kept as text of the record above them: say how many, and where.
        notices.append(Notice("parse.other_shape", {"n": len(unparsed[0]), "line": str(int(unparsed[0][0]) + 1)}))
    from analyzer.chat.parts import find_parts, pasted_notice
    pasted = pasted_notice(find_parts(messages))
    if pasted is not None:
        notices.append(pasted)
    warnings: list[str] = notice_pairs(notices)
    fmt = ChatFormat(
        platform=shape.family,
        date_order=times.order,
        clock="12h" if times.twelve_hour else "24h",
        seconds=times.has_seconds,
        language=language,
        date_order_ambiguous=times.ambiguous,
        date_order_reason=times.reason,
        header_example=example or "",
        n_lines=n_lines,
        n_records=len(messages),
        replaced_bytes=replaced,
        skipped_lines=first,
        invalid_headers=n_invalid,
        out_of_order=ts_sorted_violations,
        source=name,
        header_shape=shape.describe(),
        header_sample_matches=sample_matches,
        unparsed_headers=len(unparsed[0]),
        unparsed_header_lines=tuple(int(i) + 1 for i in unparsed[0][:20]),
        unparsed_header_samples=unparsed[1],
        warnings=tuple(warnings),
        reclassified=refined,
        notices=tuple(notices),
    )
    return Chat(messages=messages, format=fmt)


# --- lines ----------------------------------------------------------------------------------------

def _as_arrow(data: bytes) -> pa.Array:
    """The whole file as a one-element Arrow string, without copying or decoding in Python."""
    offsets = pa.py_buffer(np.array([0, len(data)], dtype=np.int64).tobytes())
    return pa.Array.from_buffers(_STR, 1, [None, offsets, pa.py_buffer(data)])


def _split_lines(data: bytes) -> tuple[pa.Array, int]:
    """Lines without their LF/CR, U+FEFF removed anywhere, trailing empty lines dropped."""
    replaced = 0
    whole = _as_arrow(data)
    try:
        whole.validate(full=True)
    except pa.ArrowInvalid:
        data, replaced = decode_utf8(data)
        whole = _as_arrow(data)
    lines = pc.split_pattern(whole, "\n").flatten()
    del whole
    if b"\xef\xbb\xbf" in data:
        lines = pc.replace_substring(lines, "\ufeff", "")
    if b"\r" in data:
        lines = pc.utf8_rtrim(lines, characters="\r")
    nonempty = np.flatnonzero(pc.greater(pc.binary_length(lines), 0).to_numpy(zero_copy_only=False))
    end = int(nonempty[-1]) + 1 if len(nonempty) else 0
    return lines.slice(0, end), replaced


# --- headers and timestamps ------------------------------------------------------------------------

@dataclass
class _Headers:
    index: np.ndarray  # line indices (0-based) of lines shaped like a header
    rest: pa.ChunkedArray  # what follows the header on those lines, in chunks of _LINE_CHUNK lines
    date_fields: pa.StructArray  # d1 d2 d3 era be of each distinct date string
    date_codes: np.ndarray  # per header line: its row in date_fields
    time_fields: pa.StructArray  # H M S ap of each distinct time string
    time_codes: np.ndarray


_POOL = ThreadPoolExecutor(max_workers=2, thread_name_prefix="wa-parse")
_CHUNK_MIN = 100_000
# Lines per chunk where a stage would otherwise hold a transient copy of the whole file (the header
# split, the author split): peak memory grows with one chunk, not with the file.
_LINE_CHUNK = 1 << 18


def _release_unused() -> None:
    """Hand memory that Arrow's allocator keeps cached back to the system after a large stage
    (mimalloc holds freed pages otherwise, and the process's peak size would count them)."""
    pa.default_memory_pool().release_unused()


def _pmap(fn, arr: pa.Array, workers: int = 2) -> list:
    """Run `fn` on contiguous slices of `arr` in threads (pyarrow kernels release the GIL)."""
    n = len(arr)
    if n < _CHUNK_MIN:
        return [fn(arr)]
    step = -(-n // workers)
    return list(_POOL.map(fn, [arr.slice(i, step) for i in range(0, n, step)]))


def _split_first(arr: pa.Array, sep: str, rows: np.ndarray | None = None) -> tuple[np.ndarray, pa.Array, pa.Array]:
    """Split each string at the first `sep`: (has_sep, before, after).

    Without `rows`, `before`/`after` cover every string (`after` is the whole string where there is
    no `sep`); with `rows` (a callable taking `has`), only the rows it selects are materialised.
    """
    sp = pc.split_pattern(arr, sep, max_splits=1)
    offsets = sp.offsets.to_numpy(zero_copy_only=False)
    starts = offsets[:-1]
    has = (offsets[1:] - starts) == 2
    flat = sp.values
    if rows is not None:
        starts = starts[rows(has)]
        return has, flat.take(pa.array(starts)), flat.take(pa.array(starts + 1))
    before = flat.take(pa.array(starts))
    after = flat.take(pa.array(np.where(has, starts + 1, starts)))
    return has, before, after


def _distinct_fields(parts: list[pa.DictionaryArray], pattern: str) -> tuple[pa.StructArray, np.ndarray]:
    """Regex groups of each distinct value, and per value its row in them (-1: no match).

    `parts` are the dictionary-encoded chunks of one column. Headers repeat the same few thousand
    dates and at most 86,400 times of day, so the regex runs on the distinct strings only.
    """
    merged = pc.dictionary_encode(pa.concat_arrays([p.dictionary for p in parts]))
    to_merged = merged.indices.to_numpy(zero_copy_only=False)
    starts = np.cumsum([0] + [len(p.dictionary) for p in parts[:-1]])
    codes = np.concatenate([to_merged[start + p.indices.to_numpy(zero_copy_only=False)]
                            for p, start in zip(parts, starts)])
    distinct = merged.dictionary
    ok = pc.match_substring_regex(distinct, re.sub(r"\(\?P<\w+>", "(", pattern))
    ok = ok.to_numpy(zero_copy_only=False)
    fields = pc.extract_regex(distinct.filter(pa.array(ok)), pattern)
    recode = np.full(len(ok) + 1, -1, dtype=np.int64)
    recode[:-1][ok] = np.arange(int(ok.sum()))
    return fields, recode[codes]


def _encode(arr: pa.Array | pa.ChunkedArray) -> pa.DictionaryArray:
    """Dictionary-encode into one array (one dictionary across a chunked input's chunks)."""
    enc = pc.dictionary_encode(arr)
    return enc.combine_chunks() if isinstance(enc, pa.ChunkedArray) else enc


def _match_headers(lines: pa.Array, shape: HeaderShape) -> _Headers:
    """Lines that start with a header of `shape`: split each line at the shape's terminator, then
    check the part before it, date and time separately."""
    # Chunk by chunk, so that only one chunk's split copy exists at a time; of the part before the
    # terminator only the dictionary-encoded date and time strings are kept.
    has_parts, two_parts, date_parts, time_parts, rest_parts = [], [], [], [], []
    marks = "\u200e\u200f" + ("[" if shape.family == "ios" else "")
    for start in range(0, len(lines), _LINE_CHUNK):
        h, prefix, r = _split_first(lines.slice(start, _LINE_CHUNK), shape.terminator, rows=lambda h: h)
        has_parts.append(h)
        rest_parts.append(r)
        if shape.month_names:  # legacy Android: one pattern for the whole prefix
            date_parts.append(_encode(prefix))
            continue
        two, first, second = _split_first(pc.utf8_ltrim(prefix, characters=marks), shape.dt_sep)
        date_s, time_s = (second, first) if shape.time_first else (first, second)
        two_parts.append(two)
        date_parts.append(_encode(date_s))
        time_parts.append(_encode(time_s))
        del prefix, first, second, date_s, time_s
        _release_unused()
    has = np.concatenate(has_parts)
    rest = pa.chunked_array(rest_parts, _STR)
    del rest_parts
    if shape.month_names:
        fields, codes = _distinct_fields(date_parts, shape.prefix_pattern())
        dfields, dcodes, tfields, tcodes = fields, codes, fields, codes
    else:
        dfields, dcodes = _distinct_fields(date_parts, shape.date_pattern())
        tfields, tcodes = _distinct_fields(time_parts, shape.time_pattern())
        dcodes[~np.concatenate(two_parts)] = -1
    ok = (dcodes >= 0) & (tcodes >= 0)
    if not ok.all():
        rest = rest.filter(pa.array(ok))
    return _Headers(np.flatnonzero(has)[ok], rest, dfields, dcodes[ok], tfields, tcodes[ok])


@dataclass
class _Times:
    seconds: np.ndarray  # int64 seconds since 1970 (naive local time)
    valid: np.ndarray  # bool per header candidate
    order: str
    ambiguous: bool
    reason: str
    twelve_hour: bool
    has_seconds: bool
    no_year: bool = False
    year_used: int | None = None


_ARABIC_DIGITS = "\u0660\u0661\u0662\u0663\u0664\u0665\u0666\u0667\u0668\u0669"


def _ints(arr: pa.Array, default: int = 0) -> np.ndarray:
    """Digit strings to integers; empty strings (absent optional groups) become `default`."""
    lengths = pc.binary_length(arr)
    if pc.min(lengths).as_py() == 0:
        arr = pc.if_else(pc.equal(lengths, 0), pa.scalar(None, arr.type), arr)
    # Eastern Arabic-Indic digits take 2 bytes each in UTF-8; ASCII digits one.
    if pc.any(pc.not_equal(pc.utf8_length(arr), pc.binary_length(arr))).as_py():
        for i, d in enumerate(_ARABIC_DIGITS):
            arr = pc.replace_substring(arr, d, str(i))
    return pc.cast(arr, pa.int64()).fill_null(default).to_numpy(zero_copy_only=False)


def _days_from_civil(y: np.ndarray, m: np.ndarray, d: np.ndarray) -> np.ndarray:
    """Days since 1970-01-01 of proleptic Gregorian dates (H. Hinnant's algorithm), vectorised."""
    y = y - (m <= 2)
    era = np.floor_divide(y, 400)
    yoe = y - era * 400
    doy = (153 * (m + np.where(m > 2, -3, 9)) + 2) // 5 + d - 1
    doe = yoe * 365 + yoe // 4 - yoe // 100 + doy
    return era * 146097 + doe - 719468


def _days_in_month(y: np.ndarray, m: np.ndarray) -> np.ndarray:
    leap = ((y % 4 == 0) & (y % 100 != 0)) | (y % 400 == 0)
    dim = np.array([0, 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31])[np.clip(m, 0, 12)]
    return dim + ((m == 2) & leap)


def _timestamps(h: _Headers, shape: HeaderShape, date_order: str | None, year: int | None) -> _Times:
    """Seconds since 1970 (naive local time) and validity per header line.

    Dates and times of day are converted once per distinct string and combined per line.
    """
    tf, tcodes, df, dcodes = h.time_fields, h.time_codes, h.date_fields, h.date_codes
    H = _ints(tf.field("H"))
    M = _ints(tf.field("M"))
    S = _ints(tf.field("S"))
    has_seconds = bool(pc.any(pc.greater(pc.binary_length(tf.field("S")), 0)).as_py()) if len(tf) else False
    is_pm = is_am = np.zeros(len(H), dtype=bool)
    if len(tf) and pc.max(pc.binary_length(tf.field("ap"))).as_py():
        ap = pc.replace_substring_regex(pc.utf8_lower(tf.field("ap")), "[ .\u00a0\u202f]", "")
        is_pm = pc.is_in(ap, value_set=pa.array([k for k, v in P.AMPM_WORDS.items() if v == "pm"], _STR))
        is_am = pc.is_in(ap, value_set=pa.array([k for k, v in P.AMPM_WORDS.items() if v == "am"], _STR))
        is_pm = is_pm.to_numpy(zero_copy_only=False)
        is_am = is_am.to_numpy(zero_copy_only=False)
    twelve_hour = bool(is_pm.any() or is_am.any())
    # 12 AM is 00, 12 PM is 12, other PM hours add 12; a marker on an hour above 12 is ignored.
    H = np.where(is_pm & (H < 12), H + 12, np.where(is_am & (H == 12), 0, H))
    tvalid = (H >= 0) & (H <= 23) & (M >= 0) & (M <= 59) & (S >= 0) & (S <= 59)
    tod = (H * 3600 + M * 60 + S)[tcodes]
    tvalid = tvalid[tcodes]

    def per_line(y, month, day) -> tuple[np.ndarray, np.ndarray]:
        days, dvalid = _civil(y, month, day)
        return days[dcodes] * 86400 + tod, dvalid[dcodes] & tvalid

    if shape.month_names:
        day = _ints(df.field("d1"))
        month = pc.index_in(pc.utf8_lower(df.field("d2")), value_set=pa.array(list(P.MONTH_ABBR), _STR))
        month = (month.fill_null(-1).to_numpy(zero_copy_only=False) + 1).astype(np.int64)
        if shape.has_year:
            y = _ints(df.field("d3"))
            secs, valid = per_line(y, month, day)
            return _Times(secs, valid, "DMY", False, "month names fix the order", twelve_hour, has_seconds)
        year_used = year if year is not None else pd.Timestamp.now().year
        secs, valid = per_line(np.full(len(day), year_used, dtype=np.int64), month, day)
        return _Times(secs, valid, "DMY", False, "month names fix the order", twelve_hour, has_seconds,
                      True, year_used)

    a = _ints(df.field("d1"))
    b = _ints(df.field("d2"))
    c = _ints(df.field("d3"))
    year_first = bool(pc.any(pc.greater_equal(pc.utf8_length(df.field("d1")), 3)).as_py()) if len(df) else False
    if year_first:
        order, reason = "YMD", "a 4-digit first field means year first"
        month, day = b, c
        if date_order and date_order != "YMD":
            order, reason = date_order, "set by the caller"
            month, day = (c, b) if date_order == "DMY" else (b, c)
        secs, valid = per_line(a, month, day)
        return _Times(secs, valid, order, False, reason, twelve_hour, has_seconds)

    y = c.copy()
    short = pc.less_equal(pc.utf8_length(df.field("d3")), 2).to_numpy(zero_copy_only=False)
    era = df.field("era")
    for e in {e for e in pc.unique(era).to_pylist() if e}:
        y = np.where(pc.equal(era, e).to_numpy(zero_copy_only=False), P.ERA_BASE[e] + c, y)
    no_era = pc.equal(era, "").to_numpy(zero_copy_only=False)
    y = np.where(no_era & short, 2000 + c, y)  # a 2-digit year is 20YY in every sample
    be = pc.greater(pc.binary_length(df.field("be")), 0).to_numpy(zero_copy_only=False)
    y = np.where(be, c - P.BUDDHIST_OFFSET, y)

    first_big, second_big = bool((a > 12).any()), bool((b > 12).any())
    ambiguous = not first_big and not second_big
    cache: dict[str, tuple[np.ndarray, np.ndarray]] = {}

    def under(o: str) -> tuple[np.ndarray, np.ndarray]:
        if o not in cache:
            cache[o] = (per_line(y, b, a) if o == "DMY" else per_line(y, a, b) if o == "MDY"
                        else per_line(np.where(a < 100, a + 2000, a), b, c))
        return cache[o]

    if date_order is not None:
        order, reason = date_order, "set by the caller"
    elif first_big and not second_big:
        order, reason = "DMY", "a first field above 12 means day first"
    elif second_big and not first_big:
        order, reason = "MDY", "a second field above 12 means month first"
    elif first_big and second_big:
        # Both fields exceed 12 somewhere: keep the order under which more headers are valid dates.
        order = "DMY" if under("DMY")[1].sum() >= under("MDY")[1].sum() else "MDY"
        reason = "fields above 12 in both positions; chose the order with more valid dates"
    else:
        back_dmy = _backsteps(*under("DMY"))
        back_mdy = _backsteps(*under("MDY"))
        order = "MDY" if back_mdy < back_dmy else "DMY"
        reason = (f"chose {order}: it keeps timestamps in sequence better "
                  f"({min(back_dmy, back_mdy)} vs {max(back_dmy, back_mdy)} backward steps)"
                  if back_dmy != back_mdy else
                  "both orders keep timestamps equally in sequence; assumed day first (DMY)")
    secs, valid = under(order)
    return _Times(secs, valid, order, ambiguous, reason, twelve_hour, has_seconds)


def _civil(y: np.ndarray, month: np.ndarray, day: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Days since 1970-01-01 and whether the date exists (years 1970-2200)."""
    valid = ((month >= 1) & (month <= 12) & (day >= 1) & (day <= _days_in_month(y, month))
             & (y >= 1970) & (y <= 2200))
    return _days_from_civil(y, np.clip(month, 1, 12), day), valid


def _backsteps(secs: np.ndarray, valid: np.ndarray) -> int:
    s = secs[valid]
    return int((np.diff(s) < 0).sum()) if len(s) > 1 else 0


# --- records ---------------------------------------------------------------------------------------

@dataclass
class _Records:
    text: pa.Array | pa.ChunkedArray
    author: pa.Array | pa.ChunkedArray
    kind: np.ndarray  # int8 codes into KINDS
    media: np.ndarray  # int8 codes into MEDIA_TYPES, -1 for none
    edited: np.ndarray
    event_pos: np.ndarray  # record positions of system rows
    events: list[tuple[str, str | None, str | None]]  # (event, actor, target) per system row
    languages: Counter[str]  # records recognised per phrase language
    marked: np.ndarray  # authored records whose body began with the generated-body mark (iOS)
    notice_authors: Counter[str]  # raw author names written before an end-to-end notice (iOS)

    @property
    def language(self) -> str:
        top = self.languages.most_common(1)
        return top[0][0] if top and top[0][1] else "unknown"


def _records(continuations: tuple[np.ndarray, pa.Array], rest_chunks: list[pa.Array],
             shape: HeaderShape) -> _Records:
    """The records, built chunk by chunk from each header line's text after the header (the list
    is emptied as it goes; never empty, as _parse refuses a chat without a valid header) and the
    joined continuation lines of the multi-line records."""
    multi, cont = continuations
    parts: list[_Records] = []
    start = 0
    while rest_chunks:
        rest = rest_chunks.pop(0)
        n = len(rest)
        lo, hi = np.searchsorted(multi, [start, start + n])
        parts.append(_records_chunk((multi[lo:hi] - start, cont.slice(lo, hi - lo)), [rest], shape))
        del rest
        _release_unused()
        start += n
    offsets = np.cumsum([0] + [len(p.kind) for p in parts[:-1]])
    languages: Counter[str] = Counter()
    notice_authors: Counter[str] = Counter()
    for p in parts:
        languages.update(p.languages)
        notice_authors.update(p.notice_authors)
    return _Records(
        text=pa.chunked_array([p.text for p in parts], _STR),
        author=pa.chunked_array([p.author for p in parts], _STR),
        kind=np.concatenate([p.kind for p in parts]),
        media=np.concatenate([p.media for p in parts]),
        edited=np.concatenate([p.edited for p in parts]),
        event_pos=np.concatenate([p.event_pos + off for p, off in zip(parts, offsets)]),
        events=[e for p in parts for e in p.events],
        languages=languages,
        marked=np.concatenate([p.marked for p in parts]),
        notice_authors=notice_authors,
    )


def _records_chunk(continuations: tuple[np.ndarray, pa.Array], rest_holder: list[pa.Array],
                   shape: HeaderShape) -> _Records:
    """The records of one chunk: author and body split, system events, special bodies, continuation
    lines joined, edit markers removed (positions are local to the chunk)."""
    rest_l = _strip_marks(rest_holder.pop())
    n = len(rest_l)
    languages: Counter[str] = Counter()
    has_author, author, body = _split_first(rest_l, ": ")  # body is the whole text where no ": "

    is_system = np.zeros(n, dtype=bool)
    sys_events: dict[int, tuple[str, str | None, str | None]] = {}
    override_author: dict[int, str] = {}  # "AUTHOR:" with an empty body

    # (a) no "NAME: " after the header: a system line, unless it is "AUTHOR:" with nothing after it.
    for pos, text in _distinct(body, ~has_author):
        m = bodies.match_system(text)
        if m is None and text.endswith(":") and len(text) > 1:
            for p in pos:
                override_author[p] = text[:-1]
            continue
        ev = (m.event, m.actor, m.target) if m else ("other", None, None)
        if m:
            languages[m.language] += len(pos)
        for p in pos:
            is_system[p] = True
            sys_events[p] = ev
    # (b) a system sentence that contains ": " (a new subject "Promo: Juni"): the would-be author
    # then holds the opening quote. Authors are few, so each distinct one is checked once.
    enc = _encode(author)
    quoted = np.array([any(q in a for q in '"\u201c\u201e\u00ab') for a in enc.dictionary.to_pylist()] or [False])
    cand = has_author & quoted[enc.indices.to_numpy(zero_copy_only=False)]
    sentence_rows: dict[int, str] = {}  # system sentences that the ": " split cut in two
    for pos, text in _distinct(rest_l, cand):
        m = bodies.split_system_line(text)
        if m:
            languages[m.language] += len(pos)
            for p in pos:
                is_system[p] = True
                has_author[p] = False
                sys_events[p] = (m.event, m.actor, m.target)
                sentence_rows[p] = text
    del rest_l
    # (c) generated notices written with an author: the iOS e2e notice (authored by the group),
    # the security-code notice (by the contact). Legacy Android wrote every group event this way.
    # iOS marks every generated body with U+200E (U+200F in Arabic) right after "NAME: ", in every
    # UI language: behind that mark any known system phrase counts, not only the authored ones.
    ios = shape.family in ("ios", "ios_legacy")
    marked = (has_author & (pc.starts_with(body, _MARKS[0]).to_numpy(zero_copy_only=False)
                            | pc.starts_with(body, _MARKS[1]).to_numpy(zero_copy_only=False))
              if ios else np.zeros(n, dtype=bool))
    body_l = _strip_marks(body)
    del body
    legacy = shape.family == "android_legacy"
    filt = bodies.SYSTEM_FILTER if legacy else bodies.AUTHORED_FILTER
    cand = has_author & ~is_system & _pmatch(body_l, filt)
    if marked.any():
        cand |= marked & ~is_system & _pmatch(body_l, bodies.SYSTEM_FILTER)
    notice_authors: Counter[str] = Counter()
    for pos, text in _distinct(body_l, cand):
        m = bodies.match_system(text, authored_only=not legacy)
        if m is None and marked[pos].any():
            m = bodies.match_system(text, strong_only=True)
            pos = pos[marked[pos]]
        if m:
            languages[m.language] += len(pos)
            if m.event == "e2e":
                notice_authors.update(author.take(pa.array(pos)).to_pylist())
            for p in pos:
                is_system[p] = True
                has_author[p] = False
                sys_events[p] = (m.event, m.actor, m.target)

    # Header-line part of each record: the body after "NAME: ", or the whole system sentence.
    for p in override_author:
        has_author[p] = True
    head = body_l
    fixes = {**{p: "" for p in override_author}, **sentence_rows}
    if fixes:
        mask = np.zeros(n, dtype=bool)
        mask[list(fixes)] = True
        head = pc.replace_with_mask(head, pa.array(mask), pa.array([fixes[p] for p in sorted(fixes)], _STR))
    del body_l
    author_arr = pc.if_else(pa.array(has_author), author, pa.scalar(None, _STR))
    if override_author:
        mask = np.zeros(n, dtype=bool)
        mask[list(override_author)] = True
        vals = [override_author[p] for p in sorted(override_author)]
        author_arr = pc.replace_with_mask(author_arr, pa.array(mask), pa.array(vals, _STR))
    text = _join_continuations(continuations, head)

    user = ~is_system
    # Edit markers end the whole message (after the last continuation line).
    edited = np.zeros(n, dtype=bool)
    for marker, _ in P.EDIT_MARKERS:
        edited |= pc.ends_with(text, marker).to_numpy(zero_copy_only=False)
    edited &= user
    if edited.any():
        stripped = pc.replace_substring_regex(text.filter(pa.array(edited)), bodies.EDIT_SUFFIX, "")
        text = pc.replace_with_mask(text, pa.array(edited), stripped)

    kind = np.zeros(n, dtype=np.int8)  # "text"
    media = np.full(n, -1, dtype=np.int8)
    kind[is_system] = KINDS.index("system")
    # Candidates from the first body line (captions follow attachments on later lines); the
    # Python patterns then decide on the whole text.
    special = user & _pmatch(head, bodies.BODY_FILTER)
    marked_user = np.flatnonzero(marked & user & ~special)
    if len(marked_user):  # phrases of other UI languages: only behind the iOS generated-body mark
        hits = pc.match_substring_regex(head.take(pa.array(marked_user)), bodies.MARKED_BODY_FILTER)
        special[marked_user[hits.to_numpy(zero_copy_only=False)]] = True
    captions: dict[int, str] = {}  # a media record's caption becomes its text
    for pos, value in _distinct(text, special):
        m = bodies.match_body(value)
        if m is None:
            continue
        kind[pos] = KINDS.index(m.kind)
        if m.media_type:
            media[pos] = MEDIA_TYPES.index(m.media_type)
        if m.language:
            languages[m.language] += len(pos)
        if m.caption is not None:
            captions.update(dict.fromkeys(pos.tolist(), m.caption))
    if captions:
        mask = np.zeros(n, dtype=bool)
        mask[list(captions)] = True
        text = pc.replace_with_mask(text, pa.array(mask), pa.array([captions[p] for p in sorted(captions)], _STR))

    event_pos = np.array(sorted(sys_events), dtype=np.int64)
    return _Records(text, author_arr, kind, media, edited, event_pos, [sys_events[p] for p in event_pos], languages,
                    marked & ~is_system, notice_authors)


def _strip_marks(arr: pa.Array) -> pa.Array:
    """Remove leading LRM/RLM; copies the column only when some value starts with one."""
    if pc.any(pc.or_(pc.starts_with(arr, _MARKS[0]), pc.starts_with(arr, _MARKS[1]))).as_py():
        return pc.utf8_ltrim(arr, characters=_MARKS)
    return arr


def _header_like(lines: pa.Array, header_idx: np.ndarray) -> tuple[np.ndarray, tuple[str, ...]]:
    """Lines that look like a header of any shape but did not start a record: their indices, and
    the first few of them (cut at 120 characters)."""
    mask = np.ones(len(lines), dtype=bool)
    mask[header_idx] = False
    other = np.flatnonzero(mask)
    if not len(other):
        return other, ()
    hits = pc.match_substring_regex(lines.take(pa.array(other)), LOOSE_HEADER).to_numpy(zero_copy_only=False)
    idx = other[hits]
    samples = tuple(s[:120] for s in lines.take(pa.array(idx[:5])).to_pylist())
    return idx, samples


def _continuations(lines: pa.Array, header_idx: np.ndarray) -> tuple[np.ndarray, pa.Array]:
    """The records that span several lines, and for each its continuation lines joined by "\n".

    Every line up to the next header belongs to the record above (docs/formats.md §2). Computed before
    the rest of the record so the line array can be freed early."""
    ends = np.append(header_idx[1:], len(lines))
    extra = ends - header_idx - 1
    multi = np.flatnonzero(extra > 0)
    if not len(multi):
        return multi, pa.array([], _STR)
    counts = extra[multi]
    starts = header_idx[multi] + 1
    before = np.cumsum(counts) - counts
    line_idx = np.repeat(starts - before, counts) + np.arange(int(counts.sum()))
    cont = lines.take(pa.array(line_idx))
    offsets = pa.array(np.append(before, counts.sum()))
    return multi, pc.binary_join(pa.LargeListArray.from_arrays(offsets, cont), pa.scalar("\n", _STR))


def _join_continuations(continuations: tuple[np.ndarray, pa.Array], head: pa.Array) -> pa.Array:
    """Each record's text: its header-line part, then its continuation lines."""
    multi, cont = continuations
    if not len(multi):
        return head
    joined = pc.binary_join_element_wise(head.take(pa.array(multi)), cont, pa.scalar("\n", _STR))
    mask = np.zeros(len(head), dtype=bool)
    mask[multi] = True
    return pc.replace_with_mask(head, pa.array(mask), joined)


def _pmatch(arr: pa.Array, pattern: str) -> np.ndarray:
    """Boolean mask of rows matching an RE2 pattern, computed on two threads."""
    parts = _pmap(lambda a: pc.match_substring_regex(a, pattern).to_numpy(zero_copy_only=False), arr)
    return np.concatenate(parts)


def _distinct(arr: pa.Array, mask: np.ndarray):
    """(positions, value) for each distinct value among the masked rows: Python sees each once."""
    idx = np.flatnonzero(mask)
    if not len(idx):
        return []
    sub = arr.take(pa.array(idx))
    enc = _encode(sub)
    codes = enc.indices.to_numpy(zero_copy_only=False)
    order = np.argsort(codes, kind="stable")
    bounds = np.flatnonzero(np.diff(codes[order])) + 1
    groups = np.split(idx[order], bounds)
    values = enc.dictionary.to_pylist()
    return [(g, values[codes[order][start]]) for g, start in zip(groups, np.append(0, bounds))]


# --- table ------------------------------------------------------------------------------------------

def _normalise_authors(arr: pa.Array | pa.ChunkedArray, exporter_name: str | None = None) -> tuple[pa.Array, np.ndarray]:
    """Normalised author names, and per record whether the name was written "~ Name" (a name the
    member chose, shown for people who are not in the exporting phone's contacts). An author
    written "You"/"Anda" (files converted by other tools) is the exporter, as in system lines."""
    enc = _encode(arr)
    raw = enc.dictionary.to_pylist()

    def name(v: str) -> str:
        n = bodies.normalize_name(v)
        if n.casefold() in P.EXPORTER_AUTHOR_WORDS:
            return exporter_name or EXPORTER
        return n

    new_dict = pa.array([name(v) for v in raw], _STR)
    tilde = np.array([bodies.is_self_named(v) for v in raw] + [False], dtype=bool)
    idx = enc.indices
    codes = idx.fill_null(len(raw)).to_numpy(zero_copy_only=False) if idx.null_count else idx.to_numpy(zero_copy_only=False)
    return pa.DictionaryArray.from_arrays(idx, new_dict).cast(_STR), tilde[codes]


def _normalise(arr: pa.Array, mapping) -> pa.Array:
    """Apply a Python function to each distinct non-null value (author names are few)."""
    enc = _encode(arr)
    new_dict = pa.array([mapping(v) for v in enc.dictionary.to_pylist()], _STR)
    return pa.DictionaryArray.from_arrays(enc.indices, new_dict).cast(_STR)


def _scatter(n: int, positions: np.ndarray, values: list[str | None]) -> pa.Array:
    """A string column of `n` nulls with `values` at `positions`, built from integer codes so that
    no full-length intermediate string array is made."""
    labels = sorted({v for v in values if v is not None})
    code_of = {v: i for i, v in enumerate(labels)}
    codes = np.full(n, -1, dtype=np.int32)
    codes[positions] = [code_of[v] if v is not None else -1 for v in values]
    idx = pa.array(codes, pa.int32(), mask=codes < 0)
    return pa.DictionaryArray.from_arrays(idx, pa.array(labels, _STR)).cast(_STR)


def _codes_to_strings(codes: np.ndarray, labels: tuple[str, ...]) -> pa.Array:
    idx = pa.array(codes, pa.int8(), mask=codes < 0)
    return pa.DictionaryArray.from_arrays(idx, pa.array(labels, _STR)).cast(_STR)


def _message_table(r: _Records, ts: np.ndarray, header_idx: np.ndarray, exporter: str | None) -> pd.DataFrame:
    n = len(ts)
    exporter_name = bodies.normalize_name(exporter) if exporter else None

    def person(v: str | None) -> str | None:
        if v == EXPORTER and exporter_name:
            return exporter_name
        return v

    events = [(e, person(a), person(t)) for e, a, t in r.events]
    event, actor, target = (_scatter(n, r.event_pos, [ev[i] for ev in events]) for i in range(3))
    author, self_named = _normalise_authors(r.author, exporter_name)
    r.author = None  # the raw names are not needed once normalised
    # Numbers go straight to numpy-backed columns, strings are wrapped without copying: the table
    # is built once, so the parse's peak memory is the table plus one stage's working set.
    columns = {
        "timestamp": pd.Series((ts * 1_000_000_000).view("datetime64[ns]"), copy=False),
        "author": _strings(author),
        "text": _strings(r.text),
        "kind": _strings(_codes_to_strings(r.kind, KINDS)),
        "edited": pd.Series(r.edited, dtype=bool, copy=False),
        "media_type": _strings(_codes_to_strings(r.media, MEDIA_TYPES)),
        "line": pd.Series(header_idx + 1, dtype="int64", copy=False),
        "event": _strings(event),
        "event_actor": _strings(actor),
        "event_target": _strings(target),
        "author_self_named": pd.Series(self_named, dtype=bool, copy=False),
    }
    df = pd.DataFrame(columns, copy=False)
    assert list(df.columns) == list(MESSAGE_COLUMNS)
    return df


def _strings(arr: pa.Array | pa.ChunkedArray) -> pd.Series:
    """A pandas string column over the Arrow data itself (no copy)."""
    return pd.Series(pd.arrays.ArrowStringArray(arr if arr.type == _STR else arr.cast(_STR)), copy=False)
