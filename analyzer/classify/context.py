"""Where a message sits in the conversation: features from its neighbours, for the hybrid model.

A short reply means different things after different messages: "jam 1" answering "besok kumpul
jam berapa?" is the group's own logistics (`coordination`), "siap" after a greeting is `social`,
and a second message by the same member within a minute continues the first. Hand coders read a
message in its place in the chat; these features give the model a little of that.

Neighbours are the member messages of the rows classified, in the order given (the parser's
chronological order): rows of kind ``text``, ``media`` or ``deleted`` with an author. System lines
and calls are skipped, so "X joined" between a question and its answer does not hide the
question. The first message of the rows given has no previous message and the last no next one:
when a time window is classified, its edges lose the neighbour outside it.

=====================================================  ==========================================
feature                                                meaning
=====================================================  ==========================================
``previous by the same member within 2 min``           the member continues their own message
``previous by another member, a question, within       the message may answer that question
30 min``
``next by the same member within 2 min``               the member goes on in a next message
``next by another member within 10 min``               somebody responded soon after
``previous by another member: rules say <category>``   the rule classifier's category of the
                                                       previous message (six columns), when another
                                                       member wrote it
=====================================================  ==========================================

These are features with learned weights, never verdicts. When no conversation is known (texts
classified on their own: `analyzer.classify.model.classify_hybrid(texts)` without
``conversation``), the model uses its stored ``context_fill`` values, the same values its training
rows without a conversation had.

The shipped model uses none of them (docs/classifier.md, "What else was tried": they added 0.005
to kappa on 30 real groups; it reads the chat's class mix instead). A model fitted with them
(`analyzer.classify.model.fit_model(..., context=)`) reads the neighbours among the rows it is
given: every analysis gives it the whole chat, before a window is cut or members are left out.
"""
from __future__ import annotations

import numpy as np
import pandas as pd

from analyzer.classify.lexicon import CATEGORIES

MEMBER_KINDS = ("text", "media", "deleted")
"""Kinds of rows that are messages of a member: the neighbours a message is read among."""

CONTINUE_S = 120.0
QUESTION_S = 1800.0
RESPONSE_S = 600.0

CONTEXT_FEATURES: tuple[str, ...] = (
    "previous by the same member within 2 min",
    "previous by another member, a question, within 30 min",
    "next by the same member within 2 min",
    "next by another member within 10 min",
    *(f"previous by another member: rules say {c}" for c in CATEGORIES),
)


def context_features(authors: pd.Series, timestamps: pd.Series, kinds: pd.Series | None,
                     texts: pd.Series, rule_categories: pd.Series) -> np.ndarray:
    """The `CONTEXT_FEATURES` of every row as a float32 matrix (rows = the given rows, in order).

    Parameters
    ----------
    authors, timestamps, kinds, texts
        Columns of the message table (`analyzer.chat.schema`), aligned with each other.
    rule_categories
        The rule classifier's category of every row (<NA> where it gives none), aligned too.

    Rows that are not member messages (see `MEMBER_KINDS`) get zeros; so do features whose
    neighbour is missing or has no time stamp.
    """
    n = len(texts)
    out = np.zeros((n, len(CONTEXT_FEATURES)), dtype=np.float32)
    if n == 0:
        return out
    author = pd.Series(authors).astype("string").reset_index(drop=True)
    member = author.notna().to_numpy(dtype=bool).copy()
    if kinds is not None:
        member &= pd.Series(kinds).astype("string").reset_index(drop=True).isin(MEMBER_KINDS).to_numpy(
            dtype=bool, na_value=False)
    rows = np.flatnonzero(member)
    if rows.size < 2:
        return out
    who = pd.factorize(author.iloc[rows])[0]
    ts = pd.to_datetime(pd.Series(timestamps).reset_index(drop=True).iloc[rows])
    sec = ts.to_numpy(dtype="datetime64[ns]").astype("int64").astype(np.float64) / 1e9
    sec[ts.isna().to_numpy()] = np.nan
    gap = np.diff(sec)  # gap[i]: between message i and i + 1 (NaN when either has no time)
    same = who[1:] == who[:-1]
    text = pd.Series(texts).astype("string").reset_index(drop=True).iloc[rows]
    question = text.str.contains("?", regex=False).to_numpy(dtype=bool, na_value=False)
    cats = pd.Series(rule_categories).astype("string").reset_index(drop=True).iloc[rows]
    with np.errstate(invalid="ignore"):
        prev_cols = [
            same & (gap <= CONTINUE_S),
            ~same & question[:-1] & (gap <= QUESTION_S),
        ]
        next_cols = [
            same & (gap <= CONTINUE_S),
            ~same & (gap <= RESPONSE_S),
        ]
    prev_cat = [~same & (cats.iloc[:-1] == c).to_numpy(dtype=bool, na_value=False) for c in CATEGORIES]
    later, earlier = rows[1:], rows[:-1]
    for j, col in enumerate(prev_cols):
        out[later, j] = col
    for j, col in enumerate(next_cols, start=len(prev_cols)):
        out[earlier, j] = col
    for j, col in enumerate(prev_cat, start=len(prev_cols) + len(next_cols)):
        out[later, j] = col
    return out


def conversation_of(messages: pd.DataFrame) -> pd.DataFrame | None:
    """The `author` and `timestamp` columns of a message table, which the hybrid model reads a
    message's neighbours from, or None when the table lacks either."""
    if {"author", "timestamp"} <= set(messages.columns):
        return messages[["author", "timestamp"]]
    return None
