"""Who is a member in a window, and who is silent (docs/metrics.md, "Members").

M = everyone who authored a message in the window W, plus everyone named in a create/add/join/
leave/remove line who was in the group during W (from their first join, or from the start when no
join names them, until their last leave), plus an optional roster of names. Alternatively the user
gives the group size N, and then n = N and silent = N − posters.

A silent member is in M with 0 messages in W. Without any membership line and without a roster or
size, the silent count is unknown (None), never 0: exports only show people who posted or who were
named by a system line. Even with join lines it is a lower bound, because people who joined before
the export's first line and never posted leave no trace.

The exporter appears as "You"/"Anda" in system lines (the token `schema.EXPORTER`) but under their
display name in their own messages. The token is therefore dropped from M (assumed to be one of the
posters); map it with `load_chat(..., exporter="Name")` when the exporter's name is known.
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from typing import Iterable

import numpy as np
import pandas as pd

from analyzer.chat.schema import EXPORTER, STRING

_INVISIBLE = re.compile("[\u200e\u200f\u202a-\u202e\u2066-\u2069\ufeff]")
_PHONE = re.compile(r"^\+?[\d\s().\-\u00a0\u2011]{6,}$")


def name_key(name: str) -> str:
    """Comparison key for matching roster names to display names.

    Case, Unicode form, invisible direction marks and repeated spaces are ignored; phone numbers
    compare by their digits only ("+62 812-3456" == "+628123456").
    """
    s = unicodedata.normalize("NFKC", _INVISIBLE.sub("", str(name))).replace("\u00a0", " ")
    s = " ".join(s.split())
    if _PHONE.match(s):
        return "+" + re.sub(r"\D", "", s)
    return s.casefold()


@dataclass(frozen=True)
class Membership:
    """The members of a window.

    `table`: one row per named member (posters first) with columns member, messages, is_poster,
    in_events, in_roster, joined, left. `n_members` is n in every index: the table's rows, or the
    user-given group size N (then `anonymous_silent` = N − posters − named silent ones are members
    without a name).
    """

    table: pd.DataFrame
    n_members: int
    n_posters: int
    silent_members: int | None
    silent_share: float | None
    source: str  # "size" (N given), "roster", "events" (membership lines) or "posters" (nothing else)
    silent_known: bool
    fixed_size: int | None
    exporter_token_dropped: bool
    roster_unmatched: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)


def resolve_members(
    posts: pd.Series,
    named: pd.DataFrame,
    *,
    window_start: pd.Timestamp | None,
    window_end: pd.Timestamp | None,
    roster: Iterable[str] | None = None,
    size: int | None = None,
    any_membership_events: bool,
) -> Membership:
    """Members of the window.

    `posts`: messages per author in the window (index = author). `named`: the chat's member table
    (`Chat.members`: member, joined, left, in_events, is_exporter) built from the whole export, so
    joins before the window still count. `window_end` is exclusive.
    """
    if roster is not None and size is not None:
        raise ValueError("give either a roster or a group size, not both")
    notes: list[str] = []
    posts = posts[posts > 0].sort_values(ascending=False, kind="stable")
    posters = pd.DataFrame({"member": pd.array(posts.index.astype(str), dtype=STRING),
                            "messages": posts.to_numpy(dtype=np.int64)})
    n_posters = len(posters)

    ev = named[named["in_events"]].copy()
    exporter_dropped = False
    is_tok = ev["member"] == EXPORTER
    if is_tok.any():
        exporter_dropped = True
        ev = ev[~is_tok.fillna(False).to_numpy(dtype=bool)]
        notes.append(f'the exporter ("{EXPORTER}"/"Anda" in system lines) is assumed to be one of the '
                     "posters and is not counted again; pass exporter= to load_chat to name them")
    joined = ev["joined"].to_numpy(dtype="datetime64[ns]")
    left = ev["left"].to_numpy(dtype="datetime64[ns]")
    present = np.ones(len(ev), dtype=bool)
    if window_end is not None:
        present &= np.isnat(joined) | (joined < np.datetime64(window_end, "ns"))
    if window_start is not None:
        present &= np.isnat(left) | (left >= np.datetime64(window_start, "ns"))
    ev = ev[present]

    table = posters.assign(is_poster=True)
    table = table.merge(ev[["member", "joined", "left"]].assign(in_events=True), on="member", how="outer")
    table["messages"] = table["messages"].fillna(0).astype(np.int64)
    table["is_poster"] = table["messages"] > 0
    table["in_events"] = table["in_events"].fillna(False).astype(bool)
    table["in_roster"] = False

    unmatched: list[str] = []
    if roster is not None:
        names = [str(r).strip() for r in roster if str(r).strip()]
        keys = {name_key(m): i for i, m in enumerate(table["member"].astype(str))}
        seen_keys: set[str] = set()
        extra = []
        in_roster = np.zeros(len(table), dtype=bool)
        for r in names:
            k = name_key(r)
            if k in seen_keys:
                continue
            seen_keys.add(k)
            if k in keys:
                in_roster[keys[k]] = True
            else:
                extra.append(r)
        table["in_roster"] = in_roster
        unmatched = extra
        if extra:
            table = pd.concat([table, pd.DataFrame({
                "member": pd.array(extra, dtype=STRING), "messages": np.zeros(len(extra), np.int64),
                "is_poster": False, "in_events": False, "in_roster": True,
            })], ignore_index=True)
        not_listed = int((table["is_poster"] & ~table["in_roster"]).sum())
        if not_listed:
            notes.append(f"{not_listed} poster(s) are not on the roster; they are counted as members")

    table = table.sort_values(["messages", "member"], ascending=[False, True], kind="stable").reset_index(drop=True)
    table = table.astype({"member": STRING, "joined": "datetime64[ns]", "left": "datetime64[ns]"})
    table = table[["member", "messages", "is_poster", "in_events", "in_roster", "joined", "left"]]

    if size is not None:
        size = int(size)
        if size < n_posters:
            raise ValueError(f"the group size {size} is smaller than the {n_posters} people who posted in the window")
        if size < len(table):
            notes.append(f"the group size {size} is smaller than the {len(table)} people seen in the "
                         "export (some may have left); using the size given")
        n, silent, source, known = size, size - n_posters, "size", True
    elif roster is not None:
        n, silent, source, known = len(table), len(table) - n_posters, "roster", True
    elif any_membership_events:
        n, silent, source, known = len(table), len(table) - n_posters, "events", True
        notes.append("silent members are a lower bound: people who joined before the export began and "
                     "never posted are invisible; pass --members N or --roster FILE for the true count")
    else:
        n, silent, source, known = len(table), None, "posters", False
        notes.append("silent members unknown: no join/add/leave lines and no roster, so indices are over "
                     "posters only; pass --members N or --roster FILE")
    share = (silent / n) if (silent is not None and n > 0) else None
    return Membership(
        table=table, n_members=int(n), n_posters=int(n_posters), silent_members=silent,
        silent_share=share, source=source, silent_known=known,
        fixed_size=size, exporter_token_dropped=exporter_dropped,
        roster_unmatched=unmatched, notes=notes,
    )
