"""The parsed chat: records, detected format and the member list derived from them."""
from __future__ import annotations

from dataclasses import asdict, dataclass, field
from functools import cached_property

import pandas as pd

from analyzer.chat.schema import MEMBER_COLUMNS, MEMBERSHIP_EVENTS, STRING


@dataclass(frozen=True)
class ChatFormat:
    """What the parser detected about a file, and how it decided."""

    platform: str  # "android", "ios", "ios_legacy" (no brackets, 2015-17), "android_legacy" (2013-14)
    date_order: str  # "DMY", "MDY" or "YMD"
    clock: str  # "24h" or "12h"
    seconds: bool  # header times carry seconds
    language: str  # guessed UI language of system/media phrases: "id", "en", ... or "unknown"
    date_order_ambiguous: bool  # no day or month field above 12 decided the order
    date_order_reason: str  # how the order was decided, in one sentence
    header_example: str  # the first header line, as a reminder of the shape
    n_lines: int = 0
    n_records: int = 0
    replaced_bytes: int = 0  # undecodable bytes replaced by U+FFFD
    skipped_lines: int = 0  # lines before the first header (not part of any record)
    invalid_headers: int = 0  # lines shaped like a header whose date/time is impossible (kept as text)
    out_of_order: int = 0  # records whose timestamp is earlier than the record before
    source: str | None = None  # file name (inside the zip, if any)
    header_shape: str = ""  # the exact header shape fixed for the file, in words
    header_sample_matches: int = 0  # sample lines (of the first 5,000) that showed that shape
    unparsed_headers: int = 0  # lines that look like a header (any shape) but did not start a record
    unparsed_header_lines: tuple[int, ...] = ()  # their line numbers (first 20)
    unparsed_header_samples: tuple[str, ...] = ()  # and a few of them (first 5, cut at 120 characters)
    warnings: tuple[str, ...] = field(default_factory=tuple)
    # records the second look changed (analyzer.chat.refine): chat_name_records, unknown_first_notice,
    # unknown_placeholders, call_started
    reclassified: dict = field(default_factory=dict)
    # The same warnings as codes and parameters (analyzer.notices), worded per language and reader.
    notices: tuple = field(default_factory=tuple)

    def to_dict(self) -> dict:
        d = asdict(self)
        for k, v in d.items():
            if isinstance(v, tuple):
                d[k] = list(v)
        return d


@dataclass(frozen=True)
class Chat:
    """A parsed export. `messages` follows `analyzer.chat.schema.MESSAGE_COLUMNS` exactly."""

    messages: pd.DataFrame
    format: ChatFormat
    provenance: pd.DataFrame | None = None  # merged exports: per file its period, records, duplicates
    tz: str | None = None  # time zone of the timestamps; None: local time of the exporting phone

    @cached_property
    def quality(self):
        """How far to trust this parse: see `analyzer.chat.quality.ParseQuality`."""
        from analyzer.chat.quality import parse_quality
        return parse_quality(self)

    @cached_property
    def events(self) -> pd.DataFrame:
        """The system rows only (kind == "system")."""
        return self.messages[self.messages["kind"] == "system"]

    @cached_property
    def members(self) -> pd.DataFrame:
        """Everyone who posted or was named in a membership event, one row each."""
        return build_members(self.messages)


def is_bot(name: object) -> bool:
    """Whether a member name is a known bot account (`analyzer.chat.phrases.BOT_NAMES`, any case)."""
    from analyzer.chat.body_kinds import normalize_name
    from analyzer.chat.phrases import BOT_NAMES
    return isinstance(name, str) and normalize_name(name).casefold() in {b.casefold() for b in BOT_NAMES}


def build_members(messages: pd.DataFrame) -> pd.DataFrame:
    """Members from authored records plus actors/targets of membership events.

    The exporter token (`schema.EXPORTER`) appears when system lines say "You"/"Anda"; it is
    flagged `is_exporter` so metrics can avoid counting the exporter twice.
    """
    from analyzer.chat.body_kinds import split_names
    from analyzer.chat.schema import EXPORTER

    user = messages[messages["kind"] != "system"]
    posted = (
        user.groupby("author", observed=True)["timestamp"]
        .agg(messages="size", first_post="min", last_post="max")
    )
    ev = messages[messages["event"].isin(MEMBERSHIP_EVENTS)]
    named = pd.DataFrame({
        "timestamp": pd.Series(dtype=messages["timestamp"].dtype), "event": pd.Series(dtype=STRING),
        "member": pd.Series(dtype=STRING), "role": pd.Series(dtype=STRING)})
    parts = [named]
    for role, col in (("actor", "event_actor"), ("target", "event_target")):
        part = ev[["timestamp", "event", col]].dropna(subset=[col])
        if role == "target":
            part = part[part["event"] != "create"]  # the target of "created group" is its name
            # "X added A, B and C": one member per name
            part = part.assign(**{col: part[col].map(split_names)}).explode(col)
        parts.append(part.rename(columns={col: "member"}).assign(role=role))
    named = pd.concat(parts, ignore_index=True).astype({"member": STRING, "event": STRING})
    named = named.sort_values("timestamp", kind="stable")
    # "X added Y": Y joins; "X removed Y": Y leaves; "X joined"/"X left"/"X created": X itself.
    joins = named[((named["event"] == "add") & (named["role"] == "target"))
                  | (named["event"].isin(["join", "create"]) & (named["role"] == "actor"))]
    leaves = named[((named["event"] == "remove") & (named["role"] == "target"))
                   | ((named["event"] == "leave") & (named["role"] == "actor"))]
    seen = named.groupby("member")["timestamp"].agg(first_event="min", last_event="max")
    joined = joins.groupby("member")["timestamp"].min().rename("joined")
    last_join = joins.groupby("member")["timestamp"].max()
    last_leave = leaves.groupby("member")["timestamp"].max()
    left = last_leave[~(last_join.reindex(last_leave.index) > last_leave)].rename("left")

    out = posted.join(seen, how="outer").join(joined, how="left").join(left, how="left")
    out.index.name = "member"
    out = out.reset_index()
    out["messages"] = out["messages"].fillna(0).astype("int64")
    out["first_seen"] = out[["first_post", "first_event"]].min(axis=1)
    out["last_seen"] = out[["last_post", "last_event"]].max(axis=1)
    out["in_events"] = out["first_event"].notna()
    out["is_exporter"] = out["member"] == EXPORTER
    out["is_bot"] = out["member"].map(is_bot).astype(bool)
    out = out[list(MEMBER_COLUMNS)]
    ts = messages["timestamp"].dtype  # naive, or zone-aware after load_chat(tz=...)
    out = out.astype({"member": STRING, "first_seen": ts, "last_seen": ts, "joined": ts, "left": ts})
    return out.sort_values(["messages", "member"], ascending=[False, True], kind="stable").reset_index(drop=True)
