"""Turns and reply edges: the unit of conversation that latency and the interaction graph count.

Definitions (docs/metrics.md, "Interaction graph and weak ties"):

- Turn: a maximal run of consecutive user messages by one author, each within τ_burst (default
  300 s) of the previous one. Someone who sends five lines in a row has taken one turn, so a
  chatty typing style does not inflate answers or latencies.
- Reply edge A→B: a turn of A whose previous turn was by B ≠ A and started within Δ (default
  1800 s) after B's turn ended. @mentions also make edges in the graph module; they are not a turn
  property and are not handled here.

Messages are ordered by timestamp (stable, so records with the same minute keep their file order):
exports are not guaranteed to be chronological. τ is a parameter, reported with every result;
with minute-resolution Android timestamps a gap is only known to ±60 s.
"""
from __future__ import annotations

from dataclasses import dataclass

from typing import Sequence

import numpy as np
import pandas as pd
import pyarrow as pa

from analyzer.chat.schema import STRING

TAU_BURST_S = 300
REPLY_WINDOW_S = 1800


@dataclass(frozen=True)
class Turns:
    """Turn segmentation of a message sequence.

    `message_turn[i]` is the turn id of input message i (input order) and `message_author[i]` its
    author code, an index into `labels`. `table` has one row per turn, ordered by start, with
    columns: turn, author, author_code, start, end, n_messages, characters, prev_author,
    reply_to (<NA> unless the turn replies to a different author within Δ), reply_code (−1 if
    none), reply_gap_s (start − previous turn's end, seconds; NaN when not a reply).
    `order` is the chronological permutation of the input (stable argsort of the timestamps).
    """

    message_turn: np.ndarray
    message_author: np.ndarray
    labels: np.ndarray
    table: pd.DataFrame
    order: np.ndarray
    tau_burst_s: float
    reply_window_s: float


def labels_from_codes(codes: np.ndarray, labels: np.ndarray | Sequence[str]) -> pd.api.extensions.ExtensionArray:
    """Strings `labels[codes]` (code −1 gives <NA>) as the schema's Arrow-backed string array.

    Done in Arrow: going through a million Python string objects would cost more than the metrics.
    """
    codes = np.asarray(codes, dtype=np.int64)
    lab = pa.array([str(v) for v in labels], type=pa.large_string())
    idx = pa.array(np.maximum(codes, 0), mask=codes < 0) if codes.size else pa.array([], type=pa.int64())
    return pd.array(lab.take(idx) if len(lab) else pa.nulls(codes.size, pa.large_string()), dtype=STRING)


def _seconds(ts: np.ndarray) -> np.ndarray:
    return ts.astype("datetime64[ns]").astype(np.int64) / 1e9


def segment_turns(
    timestamp: np.ndarray | pd.Series,
    author: np.ndarray | pd.Series,
    *,
    tau_burst_s: float = TAU_BURST_S,
    reply_window_s: float = REPLY_WINDOW_S,
    characters: np.ndarray | pd.Series | None = None,
) -> Turns:
    """Split user messages into turns and mark reply edges.

    `timestamp` (datetime64) and `author` (any labels, no missing values) are per message, in any
    order. A new turn starts when the author changes or the gap to the previous message exceeds
    `tau_burst_s` (a gap of exactly τ stays in the turn: "within τ").
    """
    ts = np.asarray(pd.to_datetime(pd.Series(timestamp)).to_numpy(dtype="datetime64[ns]"))
    codes, labels = pd.factorize(pd.Series(author), sort=False)
    if (codes < 0).any():
        raise ValueError("every user message needs an author")
    n = ts.size
    order = np.argsort(ts, kind="stable")
    t = ts[order]
    a = codes[order]
    sec = _seconds(t)
    new = np.ones(n, dtype=bool)
    if n > 1:
        new[1:] = (a[1:] != a[:-1]) | (np.diff(sec) > tau_burst_s)
    turn_sorted = np.cumsum(new) - 1
    message_turn = np.empty(n, dtype=np.int64)
    message_turn[order] = turn_sorted

    first = np.flatnonzero(new)
    last = np.append(first[1:] - 1, n - 1) if n else first
    n_turns = first.size
    t_author = a[first]
    start = t[first]
    end = t[last]
    n_msgs = np.diff(np.append(first, n))
    if characters is not None:
        ch = np.asarray(pd.Series(characters).fillna(0).to_numpy(dtype=np.int64))[order]
        t_chars = np.add.reduceat(ch, first) if n else np.zeros(0, dtype=np.int64)
    else:
        t_chars = np.zeros(n_turns, dtype=np.int64)

    prev_code = np.full(n_turns, -1, dtype=np.int64)
    gap = np.full(n_turns, np.nan)
    if n_turns > 1:
        prev_code[1:] = t_author[:-1]
        gap[1:] = _seconds(start[1:]) - _seconds(end[:-1])
    is_reply = (prev_code >= 0) & (prev_code != t_author) & (gap <= reply_window_s)

    lab = np.asarray(labels, dtype=object)
    reply_code = np.where(is_reply, prev_code, -1)
    table = pd.DataFrame({
        "turn": np.arange(n_turns, dtype=np.int64),
        "author": labels_from_codes(t_author, lab),
        "author_code": t_author.astype(np.int64),
        "start": start,
        "end": end,
        "n_messages": n_msgs.astype(np.int64),
        "characters": np.asarray(t_chars, dtype=np.int64),
        "prev_author": labels_from_codes(prev_code, lab),
        "reply_to": labels_from_codes(reply_code, lab),
        "reply_code": reply_code,
        "reply_gap_s": np.where(is_reply, gap, np.nan),
    })
    return Turns(message_turn=message_turn, message_author=np.asarray(codes, dtype=np.int64), labels=lab,
                 table=table, order=order,
                 tau_burst_s=float(tau_burst_s), reply_window_s=float(reply_window_s))
