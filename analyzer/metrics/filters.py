"""Leave members out of an analysis (bots, admins, the coordinator): a new `Chat` without them.

    from analyzer.metrics.filters import exclude_members
    report = analyze(exclude_members(chat, ["Bot Info UMKM", "Admin"]))

Why here and not in the dashboard: the dashboard and the CLI must compute the same numbers, so
any change to *what is analysed* is a library function that `analyze()` then sees as an ordinary
chat. Excluding a member means the analysis behaves as if they had never been in the group:

- their messages are dropped (so turns, replies and latencies are re-derived without them: a bot's
  automatic answer no longer counts as a reply);
- they leave the member list (so they are not counted as a silent member either);
- membership lines about only them (they joined, left, were added or removed) are dropped, and in
  "X added A, B and C" they are taken out of the list of names. Lines where they are only the
  actor ("Admin added Budi") stay: Budi still joined.

Names are matched exactly as they appear in `chat.members["member"]` (the dashboard offers that
list); unknown names are ignored.
"""
from __future__ import annotations

from typing import Iterable

import numpy as np

from analyzer.chat.body_kinds import split_names
from analyzer.chat.model import Chat

# Events whose subject is the actor themselves ("X joined", "X left", "X created the group").
_SELF_EVENTS = ("join", "leave", "create")
# Events whose subjects are the named targets ("X added A, B and C", "X removed A").
_TARGET_EVENTS = ("add", "remove")


def exclude_members(chat: Chat, names: Iterable[str]) -> Chat:
    """`chat` without the members `names` (see the module docstring). Returns `chat` itself when
    nothing is excluded, so callers can cache on identity."""
    drop = {str(n) for n in names if n is not None and str(n)}
    if not drop:
        return chat
    m = chat.messages
    author = m["author"]
    keep = ~author.isin(drop).fillna(False).to_numpy(dtype=bool)

    event = m["event"]
    actor = m["event_actor"]
    target = m["event_target"]
    is_self = event.isin(_SELF_EVENTS).fillna(False).to_numpy(dtype=bool)
    keep &= ~(is_self & actor.isin(drop).fillna(False).to_numpy(dtype=bool))

    new_target = None
    is_tgt = event.isin(_TARGET_EVENTS).fillna(False).to_numpy(dtype=bool) & target.notna().to_numpy(dtype=bool)
    rows = np.flatnonzero(is_tgt & keep)
    if len(rows):
        values = target.to_numpy(dtype=object)
        changed: dict[int, str] = {}
        for i in rows:
            parts = split_names(str(values[i]))
            rest = [p for p in parts if p not in drop]
            if len(rest) == len(parts) and str(values[i]) not in drop:
                continue
            if not rest:
                keep[i] = False  # the line was only about excluded members
            else:
                changed[i] = ", ".join(rest)
        if changed:
            new_target = target.copy()
            idx = list(changed)
            new_target.iloc[idx] = [changed[i] for i in idx]

    out = m[keep] if not keep.all() else m.copy()
    if new_target is not None:
        out = out.copy()
        out["event_target"] = new_target[keep]
    out = out.reset_index(drop=True)
    out.attrs = dict(m.attrs)
    out.attrs["excluded_members"] = sorted(drop)
    new = Chat(messages=out, format=chat.format, provenance=chat.provenance, tz=chat.tz)
    # `members` is a cached property built from the messages; rebuilding it would bring back an
    # excluded admin named as the *actor* of "Admin added Budi". The original table minus the
    # excluded rows is exact: nobody else's joins, leaves or first/last dates changed.
    members = chat.members
    new.__dict__["members"] = members[~members["member"].isin(drop).fillna(False).to_numpy(dtype=bool)
                                      ].reset_index(drop=True)
    return new


def member_names(chat: Chat) -> list[str]:
    """Member names in the order of `chat.members` (most messages first): the choices to exclude.
    The exporter token ("You"/"Anda" of system lines) is not a person of its own, so it is left out."""
    mem = chat.members
    return [str(v) for v in mem.loc[~mem["is_exporter"].fillna(False).to_numpy(dtype=bool), "member"].dropna()]


def bot_members(chat: Chat) -> list[str]:
    """The members of `chat` that are known bot accounts (`chat.members["is_bot"]`): pass them to
    `exclude_members` to leave bots out (what `analyze(..., exclude_bots=True)` does)."""
    mem = chat.members
    if "is_bot" not in mem:
        return []
    return [str(v) for v in mem.loc[mem["is_bot"].fillna(False).to_numpy(dtype=bool), "member"].dropna()]


__all__ = ["bot_members", "exclude_members", "member_names"]

