"""Second look at the parsed records: WhatsApp's own lines that the phrase tables alone do not catch.

The parser recognises generated bodies by their phrase (`analyzer.chat.phrases`). Some of them it can
only recognise with what is known about the whole chat, after every record is read:

* **The chat's own name as an author.** iOS writes the end-to-end notice, and in newer exports
  other group events, after the group's name (`GROUP: <mark>X added Y`). A name that wrote an
  end-to-end notice, or that a "created group"/subject line gave the group, is the chat's name when
  every other record under it is generated too (it carries the mark, or states a known event).
  In a one-to-one chat the notice is written after the contact, who also writes ordinary
  messages, so the contact stays a person. All records under the chat's name become system rows
  (the known event, else `other`) without an author.
* **Generated bodies in an unknown language.** iOS marks every generated body with U+200E right
  after `NAME: ` (U+200F in Arabic), in every UI language. Some exports carry the same mark before
  ordinary members' messages too, so the mark alone decides nothing. A marked body the tables do
  not know is not a member's text when it is also the chat's first record (the notice opening
  every export: a system row, `other`) or when the same short single-line body comes back marked
  (a placeholder such as "image omitted" in a language without a table: the member's record, kind
  `other`).
* **"X started a call"** is X's call: kind `call`, author X, no event.

Everything here works on the few candidate rows only, so a chat without marks costs a few
vectorised checks.
"""
from __future__ import annotations

from collections import Counter

import numpy as np
import pandas as pd

from analyzer.chat import body_kinds as bodies
from analyzer.chat import phrases as P

PLACEHOLDER_MAX_CHARS = 80  # a repeated marked body longer than this is a member's text, not a placeholder


def _mask(s: pd.Series) -> np.ndarray:
    return s.fillna(False).to_numpy(dtype=bool)


def refine_records(m: pd.DataFrame, marked: np.ndarray,
                   notice_authors: Counter[str]) -> tuple[pd.DataFrame, dict[str, int]]:
    """The message table with the records above corrected, and how many of each were changed.

    m: the message table (`analyzer.chat.schema.MESSAGE_COLUMNS`), in file order.
    marked: per record, whether its body began with the generated-body mark (authored records only).
    notice_authors: the raw names written before an end-to-end notice.
    """
    counts: dict[str, int] = {}
    n = len(m)
    if not n:
        return m, counts
    cols: dict[str, pd.Series] = {}

    def col(name: str) -> pd.Series:
        if name not in cols:
            cols[name] = m[name].copy()
        return cols[name]

    # System rows are few: the event checks run on them only.
    ev_rows = np.flatnonzero(m["event"].notna().to_numpy(dtype=bool))
    ev_vals = m["event"].iloc[ev_rows].to_numpy(dtype=object)

    def event_in(events) -> np.ndarray:
        out = np.zeros(n, dtype=bool)
        out[ev_rows[np.isin(ev_vals, list(events))]] = True
        return out

    # 1. "X started a call": the caller's call record.
    call = event_in(P.CALL_EVENTS)
    if call.any():
        col("author")[call] = m["event_actor"][call]
        col("kind")[call] = "call"
        for c in ("event", "event_actor", "event_target"):
            col(c)[call] = pd.NA
        counts["call_started"] = int(call.sum())

    # 2. The chat's own name as an author.
    names = {bodies.normalize_name(a) for a in notice_authors if a}
    named_ev = event_in(("create", "subject"))
    if named_ev.any():
        names |= {str(t) for t in m.loc[named_ev, "event_target"].dropna().unique()}
    is_text = (m["kind"] == "text").to_numpy(dtype=bool)
    if names:
        # Only text rows: a deletion or placeholder under the contact's name in a one-to-one chat is
        # the contact's own record.
        by_name = _mask(m["author"].isin(sorted(names))) & is_text
        if by_name.any():
            chat_rows = np.zeros(n, dtype=bool)
            found: dict[int, bodies.SystemMatch | None] = {}
            authors = m["author"].fillna("").to_numpy(dtype=object)
            texts = m["text"]
            for name in {authors[i] for i in np.flatnonzero(by_name)}:
                rows = np.flatnonzero(by_name & (authors == name))
                matches = {int(i): bodies.match_system(str(texts.iat[i])) for i in rows}
                if all(marked[i] or matches[i] is not None for i in rows):
                    chat_rows[rows] = True
                    found.update(matches)
            if chat_rows.any():
                _to_system(col, chat_rows, found)
                counts["chat_name_records"] = int(chat_rows.sum())

    # 3. Marked bodies no table knows.
    cand = marked & (col("kind") == "text").to_numpy(dtype=bool) if marked.any() else marked
    if cand.any():
        if cand[0]:
            first = np.zeros(n, dtype=bool)
            first[0] = True
            _to_system(col, first, {})
            counts["unknown_first_notice"] = 1
            cand[0] = False
        idx = np.flatnonzero(cand)
        if len(idx):
            texts = m["text"].iloc[idx].astype(object)
            short = texts.map(lambda t: isinstance(t, str) and "\n" not in t and 0 < len(t) <= PLACEHOLDER_MAX_CHARS)
            rep = texts[short]
            repeated = rep[rep.map(rep.value_counts()) >= 2]
            if len(repeated):
                rows = idx[short.to_numpy(dtype=bool)][(rep.map(rep.value_counts()) >= 2).to_numpy(dtype=bool)]
                col("kind").iloc[rows] = "other"
                counts["unknown_placeholders"] = len(rows)

    if not cols:
        return m, counts
    out = m.assign(**{c: s.astype(m[c].dtype) for c, s in cols.items()})
    return out, counts


def _to_system(col, rows: np.ndarray, found: dict[int, bodies.SystemMatch | None]) -> None:
    """Make `rows` system rows without an author: the known event where one was found, else other."""
    idx = np.flatnonzero(rows)
    col("kind")[rows] = "system"
    col("author")[rows] = pd.NA
    col("media_type")[rows] = pd.NA
    col("author_self_named")[rows] = False
    ev = [found.get(int(i)) for i in idx]
    col("event").iloc[idx] = [e.event if e else "other" for e in ev]
    col("event_actor").iloc[idx] = [e.actor if e and e.actor is not None else pd.NA for e in ev]
    col("event_target").iloc[idx] = [e.target if e and e.target is not None else pd.NA for e in ev]
