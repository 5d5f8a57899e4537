"""Several exports of one group as one chat: time zones, merging with de-duplication, aliases.

WhatsApp caps an export near 40,000 messages (docs/formats.md §1 "Size"), so a long history arrives as
several exports whose periods overlap, often made by different people on different phones. This
module turns them into one `Chat`:

* `resolve_tz` / `localize`: a phone writes its own local time without a zone. Saying which zone
  (IANA name, or WIB/WITA/WIT) makes timestamps zone-aware, so exports from phones in different
  zones line up and hour-of-day metrics use a stated clock.
* `merge_chats`: records of all exports, sorted by time, with the overlap removed. Two exports of
  the same message differ in more ways than one would hope: seconds or not, UI language (so
  generated bodies differ), the exporter ("You added Budi" vs "Rina added Budi"), a message deleted
  or edited between the two exports, and contact names. Matching is therefore done in passes from
  strict to tolerant, each one-to-one, and the most informative version of a record is kept.
* `read_aliases` / `apply_aliases` / `likely_duplicates`: one person, one name.

Everything is vectorised (pandas merges on integer/string keys), so three 40,000-message exports
merge in well under a second.
"""
from __future__ import annotations

import csv
import io
import os
import re
import unicodedata
import zoneinfo
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import replace
from functools import lru_cache

import numpy as np
import pandas as pd

from analyzer.chat.body_kinds import normalize_name, split_names
from analyzer.chat.model import Chat
from analyzer.chat.schema import EXPORTER, MESSAGE_COLUMNS, STRING

__all__ = [
    "INDONESIAN_ZONES", "LOCAL_TIME", "GAP_WARNING_S", "resolve_tz", "localize", "merge_chats",
    "read_aliases", "apply_aliases", "likely_duplicates", "phone_key", "name_key", "merge_report",
    "wall_clock",
]

INDONESIAN_ZONES = {"WIB": "Asia/Jakarta", "WITA": "Asia/Makassar", "WIT": "Asia/Jayapura"}
"""Indonesia's three zones by their everyday abbreviations (UTC+7, +8, +9; no daylight saving)."""

LOCAL_TIME = "local time of the exporting phone"
"""What the timestamps mean when no zone was given; reports say this instead of a zone name."""

GAP_WARNING_S = 86_400
"""Exports that leave more than a day uncovered between them get a warning: records are missing."""

PROVENANCE_COLUMNS = ("file", "first", "last", "records", "duplicates", "gap_before_s", "tz", "same_as")


# --------------------------------------------------------------------------------------------
# Time zones


def resolve_tz(name: str) -> str:
    """The IANA key for `name`: an IANA zone ("Asia/Jakarta", case-insensitive) or WIB/WITA/WIT.

    Raises ValueError naming the accepted forms when the zone is unknown.
    """
    if not isinstance(name, str) or not name.strip():
        raise ValueError(f"Unknown time zone {name!r}: use an IANA name such as Asia/Jakarta, or WIB, WITA, WIT.")
    key = name.strip()
    if key.upper() in INDONESIAN_ZONES:
        return INDONESIAN_ZONES[key.upper()]
    try:
        zoneinfo.ZoneInfo(key)
        return key
    except (zoneinfo.ZoneInfoNotFoundError, ValueError, OSError):
        pass
    # Zone keys are file names, so the lookup is case-sensitive on most systems; users type
    # "asia/jakarta" or "utc" and mean the obvious zone.
    match = _zones_casefolded().get(key.casefold())
    if match:
        return match
    raise ValueError(f"Unknown time zone {name!r}: use an IANA name such as Asia/Jakarta, or WIB, WITA, WIT.")


@lru_cache(maxsize=1)
def _zones_casefolded() -> dict[str, str]:
    return {z.casefold(): z for z in zoneinfo.available_timezones()}


def localize(chat: Chat, tz: str) -> Chat:
    """`chat` with zone-aware timestamps: the phone's clock read as local time in `tz`.

    Indonesia has no daylight saving, but other zones do. A wall-clock time that occurs twice
    (clocks going back) is placed by the order of the records when that is possible, else in the
    first (summer-time) occurrence; a time that cannot exist (clocks going forward) is read with
    the offset before the change (02:30 becomes 03:30). Either case adds a warning with the count. Localising a chat that is
    already in another zone raises ValueError (convert instead: the clock is no longer local).
    """
    zone = resolve_tz(tz)
    ts = chat.messages["timestamp"]
    if isinstance(ts.dtype, pd.DatetimeTZDtype) or chat.tz is not None:
        current = chat.tz or str(ts.dtype.tz)
        if current == zone:
            return chat
        raise ValueError(f"The chat's times are already in {current}; cannot read them again as {zone}.")
    n = len(ts)
    dst = ts.dt.tz_localize(zone, ambiguous=np.ones(n, dtype=bool), nonexistent="NaT")
    std = ts.dt.tz_localize(zone, ambiguous=np.zeros(n, dtype=bool), nonexistent="NaT")
    nonexistent = int((dst.isna() & ts.notna()).sum())
    ambiguous = int((dst != std).fillna(False).sum())
    warnings = list(chat.format.warnings)
    if ambiguous:
        try:
            # Records are in the order the phone wrote them, so pandas can tell the first pass
            # through the repeated hour from the second.
            aware = ts.dt.tz_localize(zone, ambiguous="infer", nonexistent="NaT")
            how = "placed by the order of the records"
        except (ValueError, TypeError):
            aware = ts.dt.tz_localize(zone, ambiguous=np.ones(n, dtype=bool), nonexistent="NaT")
            how = "read as the first (daylight-saving) occurrence"
        warnings.append(f"{ambiguous:,} record(s) fall in an hour that occurs twice in {zone} (clocks going "
                        f"back); they were {how}.")
    else:
        aware = ts.dt.tz_localize(zone, ambiguous="raise", nonexistent="NaT")
    if nonexistent:
        # A phone cannot show a skipped time unless its clock had not changed yet, so read it with
        # the offset of a day earlier: 02:30 on the night clocks go to 03:00 becomes 03:30.
        gone = (aware.isna() & ts.notna()).to_numpy(dtype=bool)
        day = pd.Timedelta(days=1)
        earlier = (ts[gone] - day).dt.tz_localize(zone, ambiguous=np.ones(int(gone.sum()), dtype=bool),
                                                   nonexistent="shift_forward") + day
        aware = aware.copy()
        aware[gone] = earlier
        warnings.append(f"{nonexistent:,} record(s) have a time that does not exist in {zone} (clocks going "
                        "forward); they were read with the offset before the change.")
    messages = chat.messages.assign(timestamp=aware)
    return replace(chat, messages=messages, tz=zone, format=replace(chat.format, warnings=tuple(warnings)))


def _tz_of(chat: Chat) -> str | None:
    dtype = chat.messages["timestamp"].dtype
    if isinstance(dtype, pd.DatetimeTZDtype):
        return chat.tz or str(dtype.tz)
    return None


# --------------------------------------------------------------------------------------------
# Merging

_NS_MIN = 60 * 10**9
_NS_S = 10**9
_SEP = "\x1f"  # separates parts of a match key; never in message text (unit separator)


def _prepare(chat: Chat, file: int) -> pd.DataFrame:
    """The message table plus the private columns matching needs (dropped before returning)."""
    m = chat.messages.reset_index(drop=True)
    ts = m["timestamp"]
    if isinstance(ts.dtype, pd.DatetimeTZDtype):
        # Compare instants, not wall clocks: 23:30 WIB and 00:30 WITA are the same message.
        utc = ts.dt.tz_convert("UTC").dt.tz_localize(None)
    else:
        utc = ts
    t = utc.to_numpy(dtype="datetime64[ns]").astype("int64")
    def col(name: str) -> pd.Series:
        return m[name].fillna("").astype(object)

    kind, text, author, event, actor, target = (col(c) for c in
                                                ("kind", "text", "author", "event", "event_actor", "event_target"))
    # Phones spell one number differently ("+62 857-4012-8876", "+62 857 4012 8876"): match on digits.
    author, actor, target = (_map_column(x, _match_name) for x in (author, actor, target))
    system = (kind == "system").to_numpy(dtype=bool)
    # The person a system line is about: its target, else its actor ("Rina left").
    person = target.where(target != "", actor)
    # Generated bodies (media placeholders, "deleted", calls) are worded in the exporting phone's
    # language, so they are compared by kind, not by text. Keys built from them start with _SEP,
    # which no message text does.
    generated = kind.isin(["media", "deleted", "call"]).to_numpy(dtype=bool)
    what = text.where(~generated, _SEP + kind)
    what = what.where(~system, _SEP + event + _SEP + person).to_numpy(dtype=object)
    who = author.where(~system, _SEP + "system").to_numpy(dtype=object)
    kind, actor, person = (x.to_numpy(dtype=object) for x in (kind, actor, person))
    text = text.to_numpy(dtype=object)
    edited = m["edited"].fillna(False).to_numpy(dtype=bool)
    names_exporter = system & ((person == EXPORTER) | (actor == EXPORTER))
    # Which version of a record to keep when two match: the original over "this message was
    # deleted", the edited text over the unedited, a system line naming a person over one saying
    # "You", exact seconds over minutes, a known media type over "<Media omitted>".
    score = (8 * (kind != "deleted") + 4 * edited + 4 * (system & (actor != EXPORTER) & (person != EXPORTER))
             + 2 * bool(chat.format.seconds) + 1 * m["media_type"].notna().to_numpy(dtype=bool))
    return m.assign(_t=t, _who=who, _what=what, _name=m["author"].astype(object), _file=file, _line=m["line"].to_numpy(),
                    _sec=bool(chat.format.seconds), _score=score, _edited=edited,
                    _deleted=kind == "deleted", _media=kind == "media", _system=system,
                    _exp=names_exporter, _text=text)


def _match_name(name: str) -> str:
    """How a name is compared between exports: phone numbers by their digits, names as written."""
    pk = phone_key(name) if name else None
    return f"{_SEP}tel{pk}" if pk else name


def _unify_phone_spellings(chat: Chat) -> tuple[Chat, int]:
    """One spelling per phone number (the first seen), however each export wrote it."""
    m = chat.messages
    spellings: dict[str, str] = {}
    variants: dict[str, set[str]] = {}
    for c in ("author", "event_actor", "event_target"):
        values = m[c].dropna().unique()
        if c == "event_target":
            values = [n for v in values for n in split_names(str(v))]
        for v in values:
            pk = phone_key(str(v))
            if pk:
                spellings.setdefault(pk, str(v))
                variants.setdefault(pk, set()).add(str(v))
    table = {v: spellings[pk] for pk, vs in variants.items() if len(vs) > 1 for v in vs if v != spellings[pk]}
    if not table:
        return chat, 0
    return apply_aliases(chat, table), sum(1 for vs in variants.values() if len(vs) > 1)


def _one_to_one(pairs: pd.DataFrame) -> pd.DataFrame:
    """Greedy one-to-one pairing: each old and each new record used at most once."""
    pairs = pairs.drop_duplicates("_o", keep="first")
    return pairs.drop_duplicates("_n", keep="first")


_NO_PAIRS = {"_o": np.zeros(0, dtype="int64"), "_n": np.zeros(0, dtype="int64")}


def _exact_pass(o: pd.DataFrame, n: pd.DataFrame, res: int) -> pd.DataFrame:
    """Same time (at resolution `res`), author and text. Repeats such as "ok" twice in one minute
    are told apart by their occurrence number within the key, so both copies survive."""
    keys = ["_k", "_who", "_what"]
    o = o.assign(_k=o["_t"] // res)
    n = n.assign(_k=n["_t"] // res)
    o = o.assign(_occ=o.groupby(keys, sort=False).cumcount())
    n = n.assign(_occ=n.groupby(keys, sort=False).cumcount())
    return o[keys + ["_occ", "_o"]].merge(n[keys + ["_occ", "_n"]], on=keys + ["_occ"])[["_o", "_n"]]


def _tolerant_pass(o: pd.DataFrame, n: pd.DataFrame) -> pd.DataFrame:
    """Same minute and author (or same minute and system event) where one side was deleted or
    edited between the exports, both are media (placeholder vs attachment), or a system line says
    "You" in one export and names the person in the other."""
    cols = ["_m", "_who", "_deleted", "_edited", "_media", "_system", "_exp", "_what"]
    p = o[cols + ["_o"]].merge(n[cols + ["_n"]], on=["_m", "_who"], suffixes=("_a", "_b"))
    if len(p) == 0:
        return pd.DataFrame(_NO_PAIRS)
    user = ~p["_system_a"]
    same_event = p["_what_a"].str.split(_SEP).str[1] == p["_what_b"].str.split(_SEP).str[1]
    ok = user & (p["_deleted_a"] | p["_deleted_b"] | p["_edited_a"] | p["_edited_b"] | (p["_media_a"] & p["_media_b"]))
    ok |= (~user) & same_event & (p["_exp_a"] | p["_exp_b"])
    return _one_to_one(p[ok].sort_values(["_o", "_n"]))[["_o", "_n"]]


def _alias_pass(o: pd.DataFrame, n: pd.DataFrame) -> tuple[pd.DataFrame, dict[str, str], dict[str, str]]:
    """The same text at the same minute under two different names is one person saved differently
    in two phones' contacts (a name in one, a number in the other). An author pair is accepted only
    on repeated evidence, or one long message, so a shared "ok" proves nothing."""
    def plain(df: pd.DataFrame) -> pd.DataFrame:
        return df[~df["_system"] & (df["_what"].str.len() > 0) & ~df["_what"].str.startswith(_SEP)]

    p = plain(o)[["_m", "_what", "_who", "_name", "_o"]].merge(plain(n)[["_m", "_what", "_who", "_name", "_n"]],
                                                               on=["_m", "_what"], suffixes=("_a", "_b"))
    p = p[p["_who_a"] != p["_who_b"]]
    if len(p) == 0:
        return pd.DataFrame(_NO_PAIRS), {}, {}
    p = p.assign(_len=p["_what"].str.len())
    ev = p.groupby(["_who_a", "_who_b"]).agg(count=("_o", "size"), longest=("_len", "max"))
    good = ev[(ev["count"] >= 2) | (ev["longest"] >= 12)]
    # One name per name: if a new name matched several old ones, trust the best-supported.
    good = good.sort_values("count", ascending=False).reset_index().drop_duplicates("_who_b")
    good = good.drop_duplicates("_who_a")
    if len(good) == 0:
        return pd.DataFrame(_NO_PAIRS), {}, {}
    renames = dict(zip(good["_who_b"], good["_who_a"]))  # name in the new file -> name in earlier files
    p = p[p["_who_b"].map(renames).eq(p["_who_a"]).fillna(False).to_numpy(dtype=bool)]
    # Match keys spell numbers as digits; report the names as the files wrote them.
    shown = dict(p.drop_duplicates("_who_b")[["_name_b", "_name_a"]].itertuples(index=False, name=None))
    return _one_to_one(p.sort_values(["_o", "_n"]))[["_o", "_n"]], renames, shown


def _rename(n: pd.DataFrame, renames: dict[str, str]) -> pd.DataFrame:
    """`n` with its authors and system-line persons spelled as in the earlier exports."""
    def rename_person(what: str) -> str:
        _, event, person = what.split(_SEP, 2)
        return f"{_SEP}{event}{_SEP}{renames.get(person, person)}"

    who = n["_who"].map(lambda w: renames.get(w, w))
    what = n["_what"].copy()
    system = n["_system"].to_numpy(dtype=bool)
    what[system] = what[system].map(rename_person)
    return n.assign(_who=who, _what=what)


def _match(old: pd.DataFrame, new: pd.DataFrame, minute: bool) -> tuple[pd.DataFrame, dict[str, str]]:
    """Pairs (_o, _n) of row positions in `old`/`new` that are the same record, and the names of
    `new` found to be a person already known under another name ({new name: earlier name})."""
    res = _NS_MIN if minute else _NS_S
    if len(old) == 0 or len(new) == 0:
        return pd.DataFrame(_NO_PAIRS), {}
    # Only the common period can hold duplicates; restricting to it keeps the merges small.
    lo = max(old["_t"].min(), new["_t"].min()) - _NS_MIN
    hi = min(old["_t"].max(), new["_t"].max()) + _NS_MIN
    o = old[(old["_t"] >= lo) & (old["_t"] <= hi)]
    n = new[(new["_t"] >= lo) & (new["_t"] <= hi)]
    if len(o) == 0 or len(n) == 0:
        return pd.DataFrame(_NO_PAIRS), {}
    o = o.assign(_o=o.index.to_numpy(), _m=o["_t"] // _NS_MIN)
    n = n.assign(_n=n.index.to_numpy(), _m=n["_t"] // _NS_MIN)

    found: list[pd.DataFrame] = []

    def take(pairs: pd.DataFrame) -> None:
        nonlocal o, n
        found.append(pairs)
        o = o[~o["_o"].isin(pairs["_o"])]
        n = n[~n["_n"].isin(pairs["_n"])]

    take(_exact_pass(o, n, res))
    take(_tolerant_pass(o, n))
    pairs, renames, shown = _alias_pass(o, n)
    if renames:
        take(pairs)
        # The renamed person's other records (media, deletions, joins) match like anyone's.
        n = _rename(n, renames)
        take(_exact_pass(o, n, res))
        take(_tolerant_pass(o, n))
    return pd.concat(found, ignore_index=True).astype("int64"), shown


def merge_chats(chats: Sequence[Chat], names: Sequence[str] | None = None) -> Chat:
    """One chat from several exports of the same group (see the module docstring).

    chats: parsed exports, all naive (phone-local) or all zone-aware (`localize`); mixing raises
        ValueError, because a naive time cannot be compared with an instant.
    names: a label per export (file names) for provenance and warnings.

    Records are sorted by time (UTC for zone-aware chats; ties: earlier file, then line). A record
    of a later export that matches one already present is a duplicate; of the two versions the more
    informative one is kept (original over deleted, edited over unedited, seconds over minutes).
    `Chat.provenance` has one row per export: `file`, `first`, `last`, `records`, `duplicates`
    (its records already present in earlier exports), `gap_before_s` (seconds between the latest
    end of the exports starting before it and its first record: positive a gap, negative an
    overlap, NaN for the earliest), `tz`, and `same_as` (name pairs [name here, name earlier] that
    posted the same messages at the same times: one person under two names).
    The format is the first export's, with warnings of all (prefixed by file) plus merge warnings;
    counts (records, lines, ...) are summed and `seconds` is true only if every export has seconds.
    """
    chats = list(chats)
    if not chats:
        raise ValueError("merge_chats needs at least one chat")
    names = [str(x) for x in names] if names is not None else [c.format.source or f"input {i + 1}"
                                                               for i, c in enumerate(chats)]
    if len(names) != len(chats):
        raise ValueError(f"merge_chats: {len(names)} names for {len(chats)} chats")
    zones = [_tz_of(c) for c in chats]
    aware = [z is not None for z in zones]
    if any(aware) and not all(aware):
        naive = [nm for nm, a in zip(names, aware) if not a]
        raise ValueError(
            f"Cannot merge exports with and without a time zone ({', '.join(naive)} without): give tz= for "
            "every file (one zone for all, or one per file).")
    out_tz = zones[0]

    preps = [_prepare(c, i) for i, c in enumerate(chats)]
    acc = preps[0].sort_values(["_t", "_file", "_line"], kind="stable").reset_index(drop=True)
    acc_all_seconds = bool(chats[0].format.seconds)
    duplicates = [0] * len(chats)
    same_as: list[list[list[str]]] = [[] for _ in chats]
    for i in range(1, len(chats)):
        new = preps[i].sort_values(["_t", "_line"], kind="stable").reset_index(drop=True)
        minute = not (acc_all_seconds and chats[i].format.seconds)
        pairs, aliases = _match(acc, new, minute)
        duplicates[i] = len(pairs)
        same_as[i] = [[a, b] for a, b in aliases.items()]
        # Keep the better version of each duplicate; ties keep the earlier export's record.
        better = new["_score"].to_numpy()[pairs["_n"].to_numpy()] > acc["_score"].to_numpy()[pairs["_o"].to_numpy()]
        drop_old = pairs["_o"].to_numpy()[better]
        drop_new = pairs["_n"].to_numpy()[~better]
        acc = pd.concat([acc.drop(index=drop_old), new.drop(index=drop_new)], ignore_index=True)
        acc = acc.sort_values(["_t", "_file", "_line"], kind="stable").reset_index(drop=True)
        acc_all_seconds = acc_all_seconds and bool(chats[i].format.seconds)

    messages = acc[list(MESSAGE_COLUMNS)]
    if out_tz is not None:
        utc = pd.to_datetime(acc["_t"].to_numpy(), unit="ns", utc=True)
        messages = messages.assign(timestamp=pd.Series(utc, index=messages.index).dt.tz_convert(out_tz)
                                   .astype(f"datetime64[ns, {out_tz}]"))
    else:
        messages = messages.astype({"timestamp": "datetime64[ns]"})
    messages = messages.astype({c: t for c, t in MESSAGE_COLUMNS.items() if c != "timestamp"})

    provenance, merge_warnings = _provenance(chats, names, zones, out_tz, duplicates, same_as)
    # Spellings follow the first file in which a number appears; the order of rows decides that.
    acc_chat, n_unified = _unify_phone_spellings(replace(chats[0], messages=messages.iloc[
        np.lexsort((acc["_line"].to_numpy(), acc["_file"].to_numpy()))]))
    if n_unified:
        messages = acc_chat.messages.loc[messages.index]
        merge_warnings.append(f"{n_unified:,} phone number(s) were written differently in different exports; "
                              "each is shown in one spelling.")
    warnings = [f"{nm}: {w}" for nm, c in zip(names, chats) for w in c.format.warnings] + merge_warnings
    f0 = chats[0].format
    fmt = replace(
        f0,
        seconds=all(bool(c.format.seconds) for c in chats),
        n_lines=sum(c.format.n_lines for c in chats),
        n_records=len(messages),
        replaced_bytes=sum(c.format.replaced_bytes for c in chats),
        skipped_lines=sum(c.format.skipped_lines for c in chats),
        invalid_headers=sum(c.format.invalid_headers for c in chats),
        out_of_order=sum(c.format.out_of_order for c in chats),
        source=" + ".join(names),
        warnings=tuple(warnings),
    )
    return replace(chats[0], messages=messages, format=fmt, provenance=provenance, tz=out_tz)


def _provenance(chats: list[Chat], names: list[str], zones: list[str | None], out_tz: str | None,
                duplicates: list[int], same_as: list[list[list[str]]]) -> tuple[pd.DataFrame, list[str]]:
    firsts, lasts = [], []
    for c in chats:
        ts = c.messages["timestamp"]
        if out_tz is not None:
            ts = ts.dt.tz_convert(out_tz)
        firsts.append(ts.min() if len(ts) else pd.NaT)
        lasts.append(ts.max() if len(ts) else pd.NaT)
    dtype = f"datetime64[ns, {out_tz}]" if out_tz else "datetime64[ns]"
    prov = pd.DataFrame({
        "file": pd.Series(names, dtype=STRING),
        "first": pd.Series(firsts, dtype=dtype),
        "last": pd.Series(lasts, dtype=dtype),
        "records": pd.Series([len(c.messages) for c in chats], dtype="int64"),
        "duplicates": pd.Series(duplicates, dtype="int64"),
        "gap_before_s": pd.Series(np.nan, index=range(len(chats)), dtype="float64"),
        "tz": pd.Series(zones, dtype=STRING),
        "same_as": pd.Series(same_as, dtype=object),
    })
    warnings: list[str] = []
    # Gaps are measured in time order of the exports, against the latest end so far, so an export
    # lying inside another is an overlap and not a gap.
    order = prov.sort_values("first", kind="stable").index
    covered_until = None
    for i in order:
        first, last = prov.at[i, "first"], prov.at[i, "last"]
        if pd.isna(first):
            continue
        if covered_until is not None:
            gap = (first - covered_until).total_seconds()
            prov.at[i, "gap_before_s"] = gap
            if gap > GAP_WARNING_S:
                warnings.append(
                    f"No export covers {covered_until:%Y-%m-%d %H:%M} to {first:%Y-%m-%d %H:%M} "
                    f"({gap / 86400:.1f} days, before {names[i]}): records from that period are missing.")
        if covered_until is None or last > covered_until:
            covered_until = last
    for i, nm in enumerate(names):
        if i and duplicates[i] == 0 and pd.notna(prov.at[i, "gap_before_s"]) and prov.at[i, "gap_before_s"] < -3600:
            warnings.append(f"{nm} overlaps the earlier exports but no record matched: is it the same group, "
                            "and were the phones in the same time zone (tz=)?")
        elif i and duplicates[i] == prov.at[i, "records"] and duplicates[i]:
            warnings.append(f"{nm} adds nothing: all its {duplicates[i]:,} records were already in earlier exports.")
        for here, earlier in same_as[i]:
            warnings.append(f"'{here}' in {nm} posted the same messages at the same times as '{earlier}' in earlier "
                            f"exports: probably one person. Add the line \"{here},{earlier}\" to an aliases file.")
    if len({z for z in zones}) > 1:
        warnings.append(f"The exports were made in different time zones ({', '.join(sorted(set(map(str, zones))))}); "
                        f"times are shown in {out_tz}.")
    return prov, warnings


# --------------------------------------------------------------------------------------------
# Aliases

_PHONE_CHARS = re.compile(r"^\+?[\d\s\-().\u00a0\u2011]+$")


def phone_key(name: str, country_code: str = "62") -> str | None:
    """The digits of a phone number in international form, or None if `name` is not a number.

    `+62 812-3456-7890`, `0812 3456 7890` and `62812...` all give `6281234567890`: a leading
    single 0 is the national trunk prefix, replaced by `country_code` (Indonesia by default).
    """
    s = normalize_name(name)
    if not _PHONE_CHARS.match(s):
        return None
    digits = re.sub(r"\D", "", s)
    if len(digits) < 7:
        return None
    if s.startswith("+"):
        return digits
    if digits.startswith("00"):
        return digits[2:]
    if digits.startswith("0"):
        return country_code + digits[1:]
    return digits


def name_key(name: str) -> str:
    """A name reduced to its letters and digits, case-folded: spacing, punctuation and emoji
    ("Budi  Santoso 🙏", "budi.santoso") do not tell people apart."""
    s = unicodedata.normalize("NFKC", normalize_name(name)).casefold()
    return "".join(ch for ch in s if unicodedata.category(ch)[0] in "LN")


_HEADER_LEFT = {"alias", "aliases", "from", "name", "nama", "old", "variant"}
_HEADER_RIGHT = {"canonical", "to", "name", "nama", "new", "person", "member", "canonical_name"}


def read_aliases(path: str | os.PathLike) -> dict[str, str]:
    """An alias table: two columns `alias,canonical` (CSV, or TSV when the file has tabs).

    A header row (`alias,canonical`) is optional; empty lines and lines starting with `#` are
    ignored. Names are normalised like the parser's (`bodies.normalize_name`). Chains
    (a -> b, b -> c) are followed to the end; a cycle or a row without two names raises ValueError
    with the line number.
    """
    from analyzer.chat.sources import read_text_file

    text = read_text_file(path, "--aliases")  # names the option and the file when it is not UTF-8
    lines = [(no, ln) for no, ln in enumerate(text.splitlines(), 1) if ln.strip() and not ln.lstrip().startswith("#")]
    delim = "\t" if any("\t" in ln for _, ln in lines) else ","
    table: dict[str, str] = {}
    for k, (no, ln) in enumerate(lines):
        row = next(csv.reader(io.StringIO(ln), delimiter=delim, skipinitialspace=True))
        cells = [normalize_name(c) for c in row if c.strip()]
        if k == 0 and len(cells) == 2 and cells[0].casefold() in _HEADER_LEFT and cells[1].casefold() in _HEADER_RIGHT:
            continue
        if len(cells) != 2:
            raise ValueError(f"{path}, line {no}: expected two names (alias{delim}canonical), got {len(cells)}: {ln!r}")
        if cells[0] != cells[1]:
            table[cells[0]] = cells[1]
    return _resolve_chains(table)


def _resolve_chains(table: dict[str, str]) -> dict[str, str]:
    out: dict[str, str] = {}
    for alias in table:
        seen = [alias]
        target = table[alias]
        while target in table:
            if target in seen:
                raise ValueError(f"aliases form a cycle: {' -> '.join(seen + [target])}")
            seen.append(target)
            target = table[target]
        out[alias] = target
    return out


def _alias_lookup(aliases: Mapping[str, str] | str | os.PathLike):
    table = read_aliases(aliases) if isinstance(aliases, (str, os.PathLike)) else \
        _resolve_chains({normalize_name(str(k)): normalize_name(str(v)) for k, v in aliases.items()
                         if normalize_name(str(k)) != normalize_name(str(v))})
    # A number matches in any spelling: "+62 812-3456-7890" in the table, "0812 3456 7890" in a file.
    by_phone = {pk: v for k, v in table.items() if (pk := phone_key(k))}

    def lookup(name: str) -> str:
        clean = normalize_name(name)
        if clean in table:
            return table[clean]
        pk = phone_key(clean)
        return by_phone.get(pk, name) if pk else name
    return lookup


def _map_column(s: pd.Series, fn) -> pd.Series:
    """Apply `fn` to each distinct non-null value (names are few, records many)."""
    codes, uniques = pd.factorize(s)
    if len(uniques) == 0:
        return s
    mapped = np.array([fn(u) for u in uniques] + [None], dtype=object)
    return pd.Series(mapped[codes], index=s.index, dtype=s.dtype)


def apply_aliases(chat: Chat, aliases: Mapping[str, str] | str | os.PathLike) -> Chat:
    """`chat` with every alias replaced by its canonical name in `author`, `event_actor` and
    `event_target` (each name of "added A, B and C"; never a group name of create/subject).

    aliases: {alias: canonical} or the path of an alias file (`read_aliases`).
    """
    lookup = _alias_lookup(aliases)
    m = chat.messages
    person_target = ~m["event"].isin(["subject", "create"]).to_numpy(dtype=bool, na_value=False)

    def target_fn(value: str) -> str:
        names = split_names(value)
        if len(names) <= 1:
            return lookup(value)
        new = [lookup(n) for n in names]
        return value if new == names else ", ".join(new)

    target = m["event_target"]
    new_target = target.where(~person_target, _map_column(target, target_fn)) if person_target.any() else target
    messages = m.assign(author=_map_column(m["author"], lookup),
                        event_actor=_map_column(m["event_actor"], lookup),
                        event_target=new_target)
    return replace(chat, messages=messages)


def _member_table(members_or_chat) -> pd.DataFrame:
    if isinstance(members_or_chat, Chat):
        # Names straight from the records (authors, actors, targets), not `Chat.members`, which
        # also computes join/leave times this does not need.
        m = members_or_chat.messages
        person_target = ~m["event"].isin(["subject", "create"]).to_numpy(dtype=bool, na_value=False)
        named = [str(v) for v in m["event_actor"].dropna().unique()]
        named += [n for v in m["event_target"][person_target].dropna().unique() for n in split_names(str(v))]
        counts = m.loc[m["kind"] != "system", "author"].value_counts()
        extra = sorted(set(named) - set(counts.index))
        return pd.DataFrame({"member": list(counts.index) + extra,
                             "messages": list(counts.to_numpy()) + [0] * len(extra)})
    if isinstance(members_or_chat, pd.DataFrame):
        return members_or_chat
    return pd.DataFrame({"member": list(members_or_chat)})


def likely_duplicates(members_or_chat: Chat | pd.DataFrame | Iterable[str]) -> list[dict]:
    """Pairs of member names that are probably one person, each with a reason.

    Accepts a Chat, a member table (`Chat.members`) or names. Reasons: the same phone number in
    different spellings; the same name apart from spacing, case, punctuation and emoji; and, for a
    merged chat, names that posted the same messages at the same times in two exports
    (`Chat.provenance.same_as`). Each item: {"a", "b", "reason", "messages_a", "messages_b"}
    (message counts when known), the name with more messages first, so "b,a" is the alias line.
    """
    members = _member_table(members_or_chat)
    names = [str(x) for x in members["member"].dropna().unique() if str(x) != EXPORTER]
    counts = (dict(zip(members["member"].astype(str), members["messages"])) if "messages" in members.columns
              else {})
    out: list[dict] = []
    seen: set[frozenset] = set()

    def add(a: str, b: str, reason: str) -> None:
        pair = frozenset((a, b))
        if a == b or pair in seen:
            return
        seen.add(pair)
        ca, cb = counts.get(a), counts.get(b)
        if (cb or 0) > (ca or 0):
            a, b, ca, cb = b, a, cb, ca
        out.append({"a": a, "b": b, "reason": reason,
                    "messages_a": None if ca is None else int(ca), "messages_b": None if cb is None else int(cb)})

    groups: dict[tuple[str, str], list[str]] = {}
    for nm in names:
        pk = phone_key(nm)
        key = ("phone", pk) if pk else ("name", name_key(nm))
        if key[1]:
            groups.setdefault(key, []).append(nm)
    for (kind, key), group in groups.items():
        for i, a in enumerate(group):
            for b in group[i + 1:]:
                add(a, b, f"same phone number ({key}) written differently" if kind == "phone"
                    else "same name apart from spacing, case, punctuation or emoji")
    if isinstance(members_or_chat, Chat) and members_or_chat.provenance is not None \
            and "same_as" in members_or_chat.provenance.columns:
        prov = members_or_chat.provenance
        for file, pairs in zip(prov["file"], prov["same_as"]):
            for here, earlier in pairs or []:
                add(earlier, here, f"posted the same messages at the same times in overlapping exports ({file})")
    return out


# --------------------------------------------------------------------------------------------
# Report


def wall_clock(chat: Chat) -> Chat:
    """`chat` with naive timestamps: the wall clock of `chat.tz` (unchanged if already naive).

    Metrics written for naive times (hours of day, days, windows) then count in the stated zone.
    Durations are wall-clock differences, which equal real ones in zones without daylight saving
    (all of Indonesia).
    """
    ts = chat.messages["timestamp"]
    if not isinstance(ts.dtype, pd.DatetimeTZDtype):
        return chat
    zone = chat.tz or str(ts.dtype.tz)
    naive = ts.dt.tz_convert(zone).dt.tz_localize(None).astype("datetime64[ns]")
    return replace(chat, messages=chat.messages.assign(timestamp=naive))


def merge_report(chat: Chat) -> dict:
    """The `merge` section of report.json: time zone, the exports and their periods, duplicates
    removed, and names that are probably one person."""
    files = []
    prov = chat.provenance
    if prov is not None:
        for row in prov.to_dict("records"):
            files.append({
                "file": row["file"],
                "first": None if pd.isna(row["first"]) else row["first"].isoformat(),
                "last": None if pd.isna(row["last"]) else row["last"].isoformat(),
                "records": int(row["records"]),
                "duplicates": int(row["duplicates"]),
                "gap_before_s": None if pd.isna(row["gap_before_s"]) else float(row["gap_before_s"]),
                "tz": None if pd.isna(row.get("tz")) else row.get("tz"),
                "same_as": [list(p) for p in (row.get("same_as") or [])],
            })
    return {
        "time_zone": chat.tz or LOCAL_TIME,
        "n_files": len(files) or 1,
        "files": files,
        "duplicates_removed": int(sum(f["duplicates"] for f in files)),
        "likely_duplicates": likely_duplicates(chat),
    }
