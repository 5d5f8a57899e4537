"""Pasted-together exports: one file that holds two or more exports, one after the other.

People paste a newer export below an older one (or two phones' exports into one file). Read as one
chat, the second part's history counts twice and its opening lines look like members' activity.
Every export opens with WhatsApp's end-to-end notice (and a group's first export often with "created
group"), and its timestamps start again from its own beginning, so a new part starts at a record
that is:

* an end-to-end notice or a "created group" line after at least one member's record, or
* more than `RESTART_DAYS` days earlier than the record before it (the timestamps restart).

`find_parts(chat)` gives where each further part starts; `split_chat(chat)` gives one `Chat` per part
(each with its own member list), which `wa-analyzer analyze --split` analyses separately.
"""
from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:  # for the annotation only; notices are made lazily
    from analyzer.notices import Notice

import dataclasses
from dataclasses import dataclass

import numpy as np
import pandas as pd

from analyzer.chat.model import Chat

RESTART_DAYS = 30  # a backward jump this long is a new export, not WhatsApp's usual disorder (docs/formats.md §1)
OPENING_EVENTS = ("e2e", "create")


@dataclass(frozen=True)
class PartStart:
    row: int  # first record of the part (0-based position in chat.messages)
    line: int  # its line in the file
    reason: str  # "e2e notice", "created group" or "timestamps restart"


def find_parts(chat: Chat | pd.DataFrame) -> list[PartStart]:
    """Where the second, third, ... export starts in a file of pasted-together exports (empty for
    an ordinary export). Takes a `Chat` or its message table."""
    m = chat if isinstance(chat, pd.DataFrame) else chat.messages
    n = len(m)
    if n < 2:
        return []
    starts: dict[int, str] = {}
    ev = m["event"]
    ev_rows = np.flatnonzero(ev.notna().to_numpy(dtype=bool))
    if len(ev_rows):
        vals = ev.iloc[ev_rows].to_numpy(dtype=object)
        user = (m["kind"] != "system").to_numpy(dtype=bool)
        first_user = int(np.argmax(user)) if user.any() else n
        for r, v in zip(ev_rows, vals):
            if v in OPENING_EVENTS and r > first_user:
                # the opening lines of one export: the notice and "created group" come together
                r0 = int(r)
                while r0 - 1 >= 0 and (r0 - 1) not in starts and str(ev.iat[r0 - 1]) in OPENING_EVENTS and r0 - 1 > first_user:
                    r0 -= 1
                starts.setdefault(r0, "e2e notice" if v == "e2e" else "created group")
    ts = m["timestamp"].to_numpy(dtype="datetime64[s]").astype(np.int64)
    back = np.flatnonzero(np.diff(ts) < -RESTART_DAYS * 86400) + 1
    for r in back:
        starts.setdefault(int(r), "timestamps restart")
    # one boundary per part: opening lines right after a restart are the same start
    out: list[PartStart] = []
    lines = m["line"].to_numpy()
    for r in sorted(starts):
        if out and r - out[-1].row <= 3:
            continue
        out.append(PartStart(r, int(lines[r]), starts[r]))
    return out


def split_chat(chat: Chat) -> list[Chat]:
    """One `Chat` per pasted export (just `[chat]` for an ordinary export)."""
    parts = find_parts(chat)
    if not parts:
        return [chat]
    bounds = [0] + [p.row for p in parts] + [len(chat.messages)]
    out = []
    for i, (a, b) in enumerate(zip(bounds, bounds[1:]), start=1):
        msgs = chat.messages.iloc[a:b].reset_index(drop=True)
        fmt = dataclasses.replace(chat.format, n_records=len(msgs),
                                  notices=tuple(n for n in chat.format.notices if n.code != "parse.pasted_exports"),
                                  warnings=tuple(w for w in chat.format.warnings if "pasted together" not in w)
                                  + (f"Part {i} of {len(bounds) - 1} of a file of pasted-together exports "
                                     f"(lines {int(msgs['line'].iloc[0])}-{int(msgs['line'].iloc[-1])}).",))
        out.append(Chat(messages=msgs, format=fmt, tz=chat.tz))
    return out


def pasted_notice(parts: list[PartStart]) -> "Notice | None":
    """The parse warning (`analyzer.notices.Notice`) for a file with several exports in it, or None."""
    from analyzer.notices import Notice

    if not parts:
        return None
    return Notice("parse.pasted_exports", {"parts": str(len(parts) + 1),
                                           "lines": ", ".join(str(p.line) for p in parts[:5])})


def pasted_warning(parts: list[PartStart]) -> str | None:
    """The parse warning for a file with several exports in it as English text, or None."""
    notice = pasted_notice(parts)
    return None if notice is None else notice.text("en", "api")
