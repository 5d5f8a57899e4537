"""Per-member views for chosen members (whatstk and WhatsR offer the same): activity over time,
who replies to whom, and how long their messages are.

    from analyzer.metrics.member_views import member_views, default_members
    views = member_views(report.messages, default_members(report.messages, 5))

Input is `Report.messages` (the window's records with `turn` and `reply_to` from
analyzer.metrics.turns). Definitions:

- activity: messages (user records with an author) per calendar month and member, every month from
  the window's first to its last message included, so a silent month is a 0 and not a gap;
- replies: R[a][b] = turns of member a that are replies to a turn of member b (`reply_to`, the reply
  edge of docs/metrics.md within Δ), among the chosen members plus "others" for everyone else;
  `by_sender` divides each row by its sum (of a's replies, the share that went to b), `by_receiver`
  each column by its sum (of the replies b received, the share that came from a);
- lengths: characters per text message (Unicode code points of `text`, kind "text"), per member:
  n, mean, and the 5th, 25th, 50th, 75th and 95th percentiles (numpy's linear interpolation).
Pure function: no files, no UI.
"""
from __future__ import annotations

from typing import Any, Sequence

import numpy as np
import pandas as pd

OTHERS = "\u2026others"
"""Label of the row/column that gathers every member not chosen (also given as `others_key`)."""


def _user(messages: pd.DataFrame) -> pd.DataFrame:
    kind = messages["kind"].astype("string")
    keep = (kind != "system").fillna(False).to_numpy(dtype=bool) & messages["author"].notna().to_numpy(dtype=bool)
    return messages[keep]


def default_members(messages: pd.DataFrame, k: int = 5) -> list[str]:
    """The k members with most messages (ties by name), the default choice of the views."""
    counts = _user(messages)["author"].astype(str).value_counts()
    order = sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))
    return [m for m, _ in order[:k]]


def member_views(messages: pd.DataFrame, members: Sequence[str]) -> dict[str, Any]:
    """The three views for `members` (unknown names are kept and simply have no messages)."""
    chosen = list(dict.fromkeys(str(m) for m in members))
    user = _user(messages)
    authors = user["author"].astype(str)
    out: dict[str, Any] = {"members": chosen, "others_key": OTHERS}

    # Activity per calendar month, zero months included.
    if len(user):
        month = user["timestamp"].dt.to_period("M")
        periods = pd.period_range(month.min(), month.max(), freq="M")
        table = (pd.crosstab(month, authors).reindex(index=periods, fill_value=0)
                 .reindex(columns=chosen, fill_value=0))
        out["activity"] = {"periods": [str(p) for p in periods],
                           "counts": {m: [int(v) for v in table[m].tolist()] for m in chosen}}
    else:
        out["activity"] = {"periods": [], "counts": {m: [] for m in chosen}}

    # Reply matrix among the chosen members (+ others).
    labels = chosen + [OTHERS]
    idx = {m: i for i, m in enumerate(chosen)}
    counts = np.zeros((len(labels), len(labels)), dtype=np.int64)
    if "reply_to" in user.columns:
        starts = user[user["reply_to"].notna().to_numpy(dtype=bool)]
        for a, b in zip(starts["author"].astype(str), starts["reply_to"].astype(str)):
            counts[idx.get(a, len(chosen)), idx.get(b, len(chosen))] += 1
    with np.errstate(invalid="ignore", divide="ignore"):
        rows = counts.sum(axis=1, keepdims=True)
        cols = counts.sum(axis=0, keepdims=True)
        by_sender = np.where(rows > 0, counts / rows, np.nan)
        by_receiver = np.where(cols > 0, counts / cols, np.nan)
    out["replies"] = {
        "labels": labels, "counts": counts.tolist(),
        "by_sender": [[None if np.isnan(v) else float(v) for v in r] for r in by_sender],
        "by_receiver": [[None if np.isnan(v) else float(v) for v in r] for r in by_receiver],
    }

    # Message lengths (text messages).
    text = user[(user["kind"].astype("string") == "text").fillna(False).to_numpy(dtype=bool)]
    lengths = text["text"].fillna("").astype(str).str.len()
    stats = {}
    for m in chosen:
        v = lengths[(text["author"].astype(str) == m).to_numpy()].to_numpy(dtype=float)
        if v.size:
            q = np.percentile(v, [5, 25, 50, 75, 95])
            stats[m] = {"n": int(v.size), "mean": float(v.mean()), "p5": float(q[0]), "q1": float(q[1]),
                        "median": float(q[2]), "q3": float(q[3]), "p95": float(q[4])}
        else:
            stats[m] = {"n": 0, "mean": None, "p5": None, "q1": None, "median": None, "q3": None, "p95": None}
    out["lengths"] = stats
    return out
