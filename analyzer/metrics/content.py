"""Content metrics: what the messages are about, and who shares business news.

Definitions (docs/metrics.md, "Information-sharing inequality" and "Message categories"), over a message
table with a `category` column (from `analyzer.classify.classify` or a trained model) plus
`author`, `timestamp` and, if present, `kind`:

- *Messages* are user records (kind ≠ system). *Messages with text* are those with a category:
  media without caption, deleted messages, system lines and calls have none.
- `business_news_share` = messages classified `business_news` / messages with text.
- `category_shares`: the same ratio for every category (they sum to 1 over messages with text).
- y_i = `business_news` messages of member i, over all n members (silent members and members who
  never shared news count as 0). `news_sharers` = #{i: y_i ≥ 1}; `news_sharers_share` = that / n.
- News inequality: Gini, corrected Gini, Hoover, HHI, top-1 and top-10% shares of Σy, using the
  functions of `analyzer.metrics.participation` on y (identical definitions to poster inequality).
- `poster_news_jaccard` = |P ∩ N| / |P ∪ N| where P = the top-k posters (by messages) and N = the
  top-k news sharers (by y, only members with y ≥ 1), k = ceil(0.1·n); ties are broken by name so
  the sets are reproducible. 1 means the most active posters are exactly the news sharers.
- Monthly category shares: per calendar month of `timestamp`, messages with text per category / all
  messages with text that month.
- Top news domains: link domains in `business_news` messages, counted with
  `analyzer.metrics.activity.count_domains` (links written with "http(s)://" or "www.", the same
  definition as the activity module's "most shared domains").
- `request_answered_share`: answered requests / requests, where "answered" is decided by the
  evidence rule of `analyzer.metrics.answers` (stated in words in `request_answer_rule`); each
  request's answer is linked by line (`answered_by_line` in messages.csv) and the lines of the
  unanswered ones are listed in `unanswered_request_lines`.
- `request_next_response_share`: what `request_answered_share` meant before issue 13 (kept one
  release): 1 − the share of `request` turns without a next response by anyone within the censor
  limit, from the latency module's by-category summary. It says the group spoke again, not that
  anyone answered.
- `share_basis`: "raw" (the shares above, as classified) or "corrected" (a hand-coded sample was
  given: `business_news_share_corrected`, its 95 % interval `business_news_share_ci` and
  `corrected_shares` for every category, `analyzer.classify.corrected`). `business_news_share` and
  `category_shares` always stay the raw shares. `classifier_accuracy`: the classifier's measured
  agreement with hand-coded real group chats (leave-one-group-out), to read a raw share with.

All results are JSON-ready: undefined values are None, never NaN.
"""
from __future__ import annotations

import math
from dataclasses import asdict, dataclass, field
from typing import Any, Iterable, Sequence

import numpy as np
import pandas as pd

from analyzer.classify import CATEGORIES
from analyzer.metrics.activity import count_domains
from analyzer.metrics.participation import gini, gini_corrected, hhi, hoover, top_k, top_share

NEWS = "business_news"
TOP_P = 0.10


def _num(x: float | None, digits: int = 6) -> float | None:
    """A JSON-ready number: None for NaN/inf/None, else rounded."""
    if x is None:
        return None
    x = float(x)
    return None if not math.isfinite(x) else round(x, digits)


def _user(messages: pd.DataFrame) -> pd.DataFrame:
    """User records: everything but system lines."""
    if "kind" in messages.columns:
        keep = messages["kind"].astype("string").fillna("") != "system"
        # analyze() passes user records only: skip the copy (each one costs ~0.05 s at 1M rows)
        return messages if keep.all() else messages[keep]
    return messages


def _with_text(messages: pd.DataFrame) -> pd.DataFrame:
    """User messages that carry a category (the denominator of every share here)."""
    m = _user(messages)
    return m[m["category"].notna()]


def business_news_share(messages: pd.DataFrame) -> float | None:
    """`business_news` messages / messages with text; None when there are none with text."""
    t = _with_text(messages)
    return _num((t["category"] == NEWS).sum() / len(t)) if len(t) else None


def category_counts(messages: pd.DataFrame) -> dict[str, int]:
    """Messages with text per category, every category present (0 when absent), CATEGORIES order."""
    vc = _with_text(messages)["category"].astype(str).value_counts()
    out = {c: int(vc.get(c, 0)) for c in CATEGORIES}
    out.update({str(c): int(v) for c, v in vc.items() if c not in out})
    return out


def category_shares(messages: pd.DataFrame) -> dict[str, float | None]:
    """Share of messages with text in each category; None for all when there are none."""
    counts = category_counts(messages)
    total = sum(counts.values())
    return {c: (_num(v / total) if total else None) for c, v in counts.items()}


def _members(messages: pd.DataFrame, members: Iterable[str] | None, n_members: int | None) -> tuple[list[str], int]:
    """Names of the known members (posters plus `members`) and n (≥ the number of names)."""
    # unique() first: iterating a million Arrow strings in Python took ~2 s per call at 1M messages
    names = {str(v) for v in _user(messages)["author"].dropna().unique()}
    if members is not None:
        names |= {str(m) for m in members}
    ordered = sorted(names)
    n = len(ordered) if n_members is None else int(n_members)
    if n < len(ordered):
        raise ValueError(f"n_members={n} is smaller than the {len(ordered)} members who posted or were listed")
    return ordered, n


def news_counts(messages: pd.DataFrame, members: Iterable[str] | None = None) -> pd.Series:
    """y_i: `business_news` messages per member (posters and `members`, 0 when none), most first."""
    names, _ = _members(messages, members, None)
    t = _with_text(messages)
    y = t.loc[t["category"] == NEWS, "author"].dropna().astype(str).value_counts()
    y = y.reindex(names, fill_value=0).astype("int64")
    return y.sort_index().sort_values(ascending=False, kind="stable")


def post_counts(messages: pd.DataFrame, members: Iterable[str] | None = None) -> pd.Series:
    """x_i: user messages per member (all kinds but system), 0 for listed silent members, most first."""
    names, _ = _members(messages, members, None)
    x = _user(messages)["author"].dropna().astype(str).value_counts()
    x = x.reindex(names, fill_value=0).astype("int64")
    return x.sort_index().sort_values(ascending=False, kind="stable")


def news_sharers(messages: pd.DataFrame) -> list[str]:
    """Members with at least one `business_news` message, most news first (ties by name)."""
    y = news_counts(messages)
    return [str(m) for m in y[y > 0].index]


def news_sharers_share(messages: pd.DataFrame, n_members: int) -> float | None:
    """News sharers / n members (n includes silent members); None when n = 0."""
    if n_members <= 0:
        return None
    return _num(len(news_sharers(messages)) / n_members)


def _padded(counts: pd.Series, n: int) -> np.ndarray:
    """The count vector over all n members: silent members not named anywhere are zeros."""
    a = counts.to_numpy(dtype=float)
    return np.concatenate([a, np.zeros(max(0, n - a.size))])


def news_inequality(messages: pd.DataFrame, n_members: int | None = None,
                    members: Iterable[str] | None = None) -> dict[str, float | None]:
    """Inequality of y over all n members: gini, gini_corrected, hoover, hhi, top1_share, top10pct_share.

    Uses `analyzer.metrics.participation`; None where undefined (no news at all, n < 2 for the
    corrected Gini).
    """
    _, n = _members(messages, members, n_members)
    y = _padded(news_counts(messages, members), n)
    return {
        "gini": _num(gini(y)),
        "gini_corrected": _num(gini_corrected(y)),
        "hoover": _num(hoover(y)),
        "hhi": _num(hhi(y)),
        "top1_share": _num(top_share(y, k=1)) if y.size else None,
        "top10pct_share": _num(top_share(y, TOP_P)) if y.size else None,
    }


def _top_set(counts: pd.Series, k: int) -> list[str]:
    """The k members with the highest count > 0; ties broken by name (ascending)."""
    c = counts[counts > 0]
    order = sorted(c.items(), key=lambda kv: (-kv[1], kv[0]))
    return [str(name) for name, _ in order[:k]]


def poster_news_jaccard(messages: pd.DataFrame, n_members: int | None = None,
                        members: Iterable[str] | None = None, p: float = TOP_P) -> dict[str, Any]:
    """Jaccard overlap of the top-k posters and the top-k news sharers, k = ceil(p·n).

    Returns {"jaccard", "k", "top_posters", "top_news_sharers"}; jaccard is None when both sets are
    empty (nobody posted).
    """
    _, n = _members(messages, members, n_members)
    k = top_k(n, p)
    posters = _top_set(post_counts(messages, members), k)
    sharers = _top_set(news_counts(messages, members), k)
    union = set(posters) | set(sharers)
    jac = len(set(posters) & set(sharers)) / len(union) if union else None
    return {"jaccard": _num(jac), "k": k, "top_posters": posters, "top_news_sharers": sharers}


def monthly_category_shares(messages: pd.DataFrame) -> list[dict[str, Any]]:
    """Per calendar month: {"month": "YYYY-MM", "messages": n with text, category: share, ...}."""
    t = _with_text(messages)
    t = t[t["timestamp"].notna()]
    if t.empty:
        return []
    month = t["timestamp"].dt.to_period("M").astype(str)
    table = pd.crosstab(month, t["category"].astype(str))
    table = table.reindex(columns=list(CATEGORIES) + [c for c in table.columns if c not in CATEGORIES], fill_value=0)
    out = []
    for m, row in table.iterrows():
        total = int(row.sum())
        out.append({"month": str(m), "messages": total, **{c: _num(v / total) for c, v in row.items()}})
    return out


def top_news_domains(messages: pd.DataFrame, k: int = 10) -> list[dict[str, Any]]:
    """The k most frequent link domains in `business_news` messages: [{"domain", "links"}].

    Counts links (several links in one message count each), ties by domain name.
    """
    t = _with_text(messages)
    domains, _ = count_domains(t.loc[t["category"] == NEWS, "text"])
    order = sorted(domains.items(), key=lambda kv: (-kv[1], kv[0]))[:k]
    return [{"domain": d, "links": int(c)} for d, c in order]


def request_next_response_share(latency_by_category: Sequence[dict] | None) -> float | None:
    """1 − the share of `request` turns without a next response, from the latency module's
    `by_category` rows (the meaning `request_answered_share` had before issue 13)."""
    for row in latency_by_category or []:
        if row.get("category") == "request":
            u = row.get("unanswered_share")
            return None if u is None or (isinstance(u, float) and math.isnan(u)) else _num(1.0 - u)
    return None


@dataclass(frozen=True)
class ContentResult:
    """The `content` block of report.json; see the module docstring for definitions."""

    n_members: int
    messages: int  # user messages (kind != system)
    messages_with_text: int  # messages with a category: the denominator of the shares
    business_news: int
    business_news_share: float | None
    category_counts: dict
    category_shares: dict
    news_sharers: int
    news_sharers_share: float | None
    news_gini: float | None
    news_gini_corrected: float | None
    news_hoover: float | None
    news_hhi: float | None
    news_top1_share: float | None
    news_top10pct_share: float | None
    poster_news_jaccard: float | None
    top_k: int
    top_posters: list
    top_news_sharers: list
    news_by_member: list  # [{"member", "news", "messages"}], most news first, at most `top` rows
    monthly_category_shares: list
    top_news_domains: list
    request_answered_share: float | None
    params: dict = field(default_factory=dict)
    notes: list = field(default_factory=list)
    request_answer_rule: str | None = None
    requests: int = 0
    requests_answered: int = 0
    request_answer_evidence: dict = field(default_factory=dict)  # cue -> answers it linked
    request_answer_params: dict = field(default_factory=dict)
    unanswered_request_lines: list | None = field(default_factory=list)
    request_next_response_share: float | None = None  # the old meaning of request_answered_share
    # issue 12: whether the shares are raw (as classified) or misclassification-corrected from a
    # hand-coded sample, and what is known of the classifier's accuracy (see `share_basis_info`)
    share_basis: str = "raw"
    business_news_share_corrected: float | None = None
    business_news_share_ci: list | None = None
    corrected_shares: dict | None = None
    classifier_accuracy: dict | None = None

    def to_dict(self) -> dict:
        return asdict(self)


def content_metrics(
    messages: pd.DataFrame,
    *,
    n_members: int | None = None,
    members: Iterable[str] | None = None,
    latency_by_category: Sequence[dict] | None = None,
    top: int = 10,
    answers: Any = None,
) -> ContentResult:
    """All content metrics for a categorised message table.

    `n_members`: n of docs/metrics.md (members in the window, silent ones included), e.g. from
    `analyzer.metrics.members`; None uses the posters plus `members`, with a note that silent
    members are then unknown. `members`: names known to be members (silent ones get y = 0).
    `latency_by_category`: `LatencyResult.by_category` rows for `request_next_response_share`.
    `top`: rows in `news_by_member` and `top_news_domains`.
    `answers`: the `analyzer.metrics.answers.AnswerLinks` of `messages` (row positions of this
    table); None links them here with the rule's defaults.
    """
    if "category" not in messages.columns:
        raise ValueError("messages has no 'category' column; run analyzer.classify.classify on it first")
    notes = []
    names, n = _members(messages, members, n_members)
    if n_members is None:
        notes.append("n counts posters and listed members only: silent members are unknown, so shares over "
                     "members are upper bounds and inequality lower bounds")
    user = _user(messages)
    with_text = _with_text(messages)
    y = news_counts(messages, members)
    x = post_counts(messages, members)
    ineq = news_inequality(messages, n, members)
    jac = poster_news_jaccard(messages, n, members)
    sharers = int((y > 0).sum())
    by_member = [{"member": str(m), "news": int(v), "messages": int(x.get(m, 0))}
                 for m, v in y[y > 0].head(top).items()]
    n_news = int((with_text["category"] == NEWS).sum())
    if n_news == 0:
        notes.append("no message was classified business_news: news inequality is undefined")
    if answers is None:
        from analyzer.metrics.answers import link_answers

        answers = link_answers(user.reset_index(drop=True), members=members)
        lines_of = user["line"].to_numpy() if "line" in user.columns else None
    else:
        lines_of = messages["line"].to_numpy() if "line" in messages.columns else None
    unanswered_rows = answers.table.loc[answers.table["answer_row"] < 0, "row"].to_numpy(dtype=np.int64)
    # without a `line` column there is nothing to point at: None, not row positions posing as lines
    unanswered_lines = [int(v) for v in lines_of[unanswered_rows]] if lines_of is not None else None
    if answers.n_requests == 0:
        notes.append("no message was classified request: request_answered_share is undefined")
    return ContentResult(
        n_members=n,
        messages=int(len(user)),
        messages_with_text=int(len(with_text)),
        business_news=n_news,
        business_news_share=business_news_share(messages),
        category_counts=category_counts(messages),
        category_shares=category_shares(messages),
        news_sharers=sharers,
        news_sharers_share=_num(sharers / n) if n else None,
        news_gini=ineq["gini"],
        news_gini_corrected=ineq["gini_corrected"],
        news_hoover=ineq["hoover"],
        news_hhi=ineq["hhi"],
        news_top1_share=ineq["top1_share"],
        news_top10pct_share=ineq["top10pct_share"],
        poster_news_jaccard=jac["jaccard"],
        top_k=jac["k"],
        top_posters=jac["top_posters"],
        top_news_sharers=jac["top_news_sharers"],
        news_by_member=by_member,
        monthly_category_shares=monthly_category_shares(messages),
        top_news_domains=top_news_domains(messages, top),
        request_answered_share=_num(answers.answered_share) if answers.n_requests else None,
        request_answer_rule=answers.rule,
        requests=int(answers.n_requests),
        requests_answered=int(answers.n_answered),
        request_answer_evidence=dict(answers.evidence_counts),
        request_answer_params=dict(answers.params),
        unanswered_request_lines=unanswered_lines,
        request_next_response_share=request_next_response_share(latency_by_category),
        params={"top_p": TOP_P, "k_rule": "ceil(0.1*n)", "denominator": "messages with a category",
                "n_members_given": n_members is not None},
        notes=notes,
    )
