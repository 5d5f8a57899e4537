"""Answers to requests: did another member take up a request, and with which message?

A .txt export has no quote-reply links, so whether a question was answered has to be read from
evidence in the messages that follow it. "Somebody posted something within 24 h" is not that
evidence: in an active group nearly every message is followed by another one (that quantity is
the *next response* of `analyzer.metrics.latency`, a measure of responsiveness, not of answers).

Definition (the rule; `rule_text` words it for report.json)
-----------------------------------------------------------
A *request* is a user message whose category is ``request`` (from the classifier; this module
reads only the category values). Its *candidates* are the later messages with text by a member
other than the asker, at most `horizon_s` (default 24 h) after it and among the next
`max_candidates` (default 50) messages. @mentions of the asker are followed beyond those 50.
A candidate *answers* the request when it carries one of these cues:

(a) mention: it @mentions the asker (resolved as in `analyzer.metrics.network`);
(b) name: it contains the asker's first name as a word (names of 3+ letters that are not common
    words of the chat);
(c) words: it shares words with the request: TF-IDF cosine ≥ `min_similarity` (default 0.2)
    over word prefixes (first 6 letters, so *kemasan* and *kemasannya* match), without stop words;
(d) window: it comes within `reply_window_s` (Δ, default 30 min, the reply window of the
    interaction graph) and is not itself a new request, promotion or social message (greeting,
    thanks, emoji, agreement). An announcement (business_news, coordination) counts here only when
    it is short (≤ 60 characters: a reply the classifier labelled by its words) or shares a word
    with the request; a message that @mentions somebody else does not count;
(e) thanks: it is the last candidate before the asker's next message, and that message thanks
    someone (cue list in ``analyzer/data/answer_cues.csv``) within Δ of it; the answer is then the
    first message of that exchange: the run of "other" messages by others, each within Δ of the
    next, that ends at it (the asker thanks after the last answer, not the first);
(f) addressee: the request came within Δ after a message of member X (it replies to X, as a
    buyer's "masih ada kak?" replies to a seller's post), and the candidate is X's first message
    after the request (any time within the horizon if it reads as a reply: "other", or a short
    promotion/announcement; within Δ for a long announcement).

Requests never answer requests. A social message answers only by (c), the words it shares with the
request (a "mantul 👍" takes nothing up, while a short reply the classifier read as small talk still
carries the request's words); promotions answer only by (a)–(c), short ones also by (e) and (f). The asker's own messages never answer their own request (a
follow-up "sudah nemu" is not an answer by someone else). When one message could answer several
open requests, it answers the one with the strongest cue (mention > name > addressee = thanks >
words > window), ties going to the most recent request. A request's answer is its earliest answering
message; `answered_share` = answered requests / requests.

Limits: an answer given without any cue more than Δ later (typically a quote-reply, whose link the
export drops) is missed; an unrelated "other" message within Δ of a question is taken for an
answer. Both are measured against generated chats with known truth in the tests, and the result
over Δ and the horizon is in report.json (`sensitivity`).

References
----------
- Salton, G. & Buckley, C. (1988). Term-weighting approaches in automatic text retrieval.
  *Information Processing & Management* 24(5): 513-523 (TF-IDF, cosine).
- Joty, S., Carenini, G. & Lin, C.-Y. (2011). Unsupervised modeling of dialog acts in asynchronous
  conversations. *IJCAI*; Shrestha, L. & McKeown, K. (2004). Detection of question-answer pairs
  in email conversations. *COLING* (question–answer linking by proximity, lexical overlap and
  addressee cues).
"""
from __future__ import annotations

import csv
import math
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from typing import Iterable

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc
import scipy.sparse as sp

from analyzer.chat.schema import STRING
from analyzer.metrics.members import name_key
from analyzer.metrics.turns import REPLY_WINDOW_S

HORIZON_S = 86_400
MAX_CANDIDATES = 50
MIN_SIMILARITY = 0.2
TOKEN_PREFIX = 6
MIN_TOKEN = 3
SHORT_REPLY_CHARS = 60
"""A promotion or announcement this short, within Δ of a request, reads as a reply to it ("ready
kak, japri ya", "di oss.go.id bu, gratis"), not as a new post: classifiers label such replies by
their words (a price, "japri"), and a new advert or announcement is longer."""
NAME_MAX_DOC_SHARE = 0.02
"""A first name used in more than 2% of messages (and 10+ messages) is a common word of the chat,
not a name cue ("Indah" is also "beautiful")."""

# Category groups of a candidate message.
_NONE, _REQUEST, _SOCIAL, _PROMO, _ANNOUNCE, _OTHER = range(6)
_GROUP = {"request": _REQUEST, "social": _SOCIAL, "promotion": _PROMO, "business_news": _ANNOUNCE,
          "coordination": _ANNOUNCE, "other": _OTHER}

CUES = ("mention", "name", "addressee", "thanks", "words", "window")
_WEIGHT = {"mention": 16, "name": 8, "addressee": 4, "thanks": 4, "words": 2, "window": 1}

RULE = (
    "A request (a message classified 'request') counts as answered by the earliest later message of "
    "another member, within {horizon} and the next {k} messages (@mentions of the asker: any time within "
    "{horizon}), that (a) @mentions the asker, (b) names the asker, (c) shares words with the request "
    "(TF-IDF cosine >= {sim}), (d) comes within {window} and is not itself a request, promotion or "
    "social/greeting message (an announcement only if short or sharing a word), (e) is followed within "
    "{window} by the asker's thanks (the answer is then the first message of that exchange), or (f) is the "
    "first reply of the member whose message the request answered. Requests never answer; social "
    "messages only by (c); promotions only by (a)-(c) (short ones also by (e), (f)); the asker's own follow-ups never count. A message that could answer "
    "several open requests answers the one with the strongest cue (mention > name > addressee, thanks > "
    "words > window), ties to the most recent."
)


def _dur(seconds: float) -> str:
    s = float(seconds)
    if s >= 3600 and s % 3600 == 0:
        return f"{s / 3600:g} h"
    if s >= 60 and s % 60 == 0:
        return f"{s / 60:g} min"
    return f"{s:g} s"


def rule_text(*, reply_window_s: float = REPLY_WINDOW_S, horizon_s: float = HORIZON_S,
              max_candidates: int = MAX_CANDIDATES, min_similarity: float = MIN_SIMILARITY) -> str:
    """The rule in words (English), with its parameters, as report.json states it."""
    return RULE.format(horizon=_dur(horizon_s), k=max_candidates, sim=f"{min_similarity:g}",
                       window=_dur(reply_window_s))


@lru_cache(maxsize=1)
def default_cues() -> dict[str, tuple[str, ...]]:
    """The built-in cue lists from ``analyzer/data/answer_cues.csv``: {"thanks": ..., "stopword": ...}."""
    text = resources.files("analyzer").joinpath("data/answer_cues.csv").read_text(encoding="utf-8")
    rows = csv.DictReader(line for line in text.splitlines() if line.strip() and not line.startswith("#"))
    out: dict[str, list[str]] = {"thanks": [], "stopword": []}
    for r in rows:
        kind, cue = (r.get("kind") or "").strip(), (r.get("cue") or "").strip().casefold()
        if kind in out and cue:
            out[kind].append(cue)
    return {k: tuple(v) for k, v in out.items()}


@dataclass(frozen=True)
class AnswerLinks:
    """Answer links of every request.

    `table`: one row per request, in the input's row order: `row` (position in the input table),
    `answer_row` (position of the answering message, −1 if none), `evidence` (the cues of the link
    joined by "+", e.g. "window+words"; "" if unanswered), `delay_s` (answer time − request time;
    NaN if unanswered).
    """

    table: pd.DataFrame
    n_requests: int
    n_answered: int
    params: dict
    rule: str
    evidence_counts: dict = field(default_factory=dict)

    @property
    def answered_share(self) -> float:
        """Answered requests / requests (NaN when there are no requests)."""
        return self.n_answered / self.n_requests if self.n_requests else math.nan

    def answer_row_of(self, n_rows: int) -> np.ndarray:
        """Per input row: the position of the message answering it (−1 for unanswered requests and
        for every row that is not a request)."""
        out = np.full(n_rows, -1, dtype=np.int64)
        out[self.table["row"].to_numpy(dtype=np.int64)] = self.table["answer_row"].to_numpy(dtype=np.int64)
        return out


# --------------------------------------------------------------------------------------------
# Text features


_PUNCT = "!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~“”‘’…¿¡«»"


def _tokens(text: pa.Array, stop: Iterable[str]) -> tuple[np.ndarray, np.ndarray, pa.Array]:
    """(document, token id) of every content word, and the token dictionary.

    Words are whitespace-separated, lower-cased, punctuation trimmed from their ends, at least 3
    characters, not all digits, not stop words, cut to their first `TOKEN_PREFIX` characters (a cheap stemmer for Indonesian suffixes
    -nya, -kan, -an). All in Arrow: a Python loop over a million messages would cost seconds.
    """
    # Whitespace split, then punctuation trimmed from both ends ("kemasan?" -> "kemasan"): 6x faster
    # than a Unicode regex split, and inner dots stay ("oss.go.id" is one word).
    parts = pc.utf8_split_whitespace(pc.utf8_lower(text))
    lens = np.asarray(pc.fill_null(pc.list_value_length(parts), 0).to_numpy(zero_copy_only=False), dtype=np.int64)
    flat = pc.utf8_trim(pc.list_flatten(parts), characters=_PUNCT)
    doc = np.repeat(np.arange(len(text), dtype=np.int64), lens)
    if len(flat) == 0:
        return doc, np.zeros(0, np.int64), pa.array([], pa.large_string())
    keep = pc.and_(pc.greater_equal(pc.utf8_length(flat), MIN_TOKEN),
                   pc.invert(pc.utf8_is_decimal(flat)))
    stop_arr = pa.array(sorted(set(stop)), type=flat.type)
    keep = pc.and_(keep, pc.invert(pc.is_in(flat, value_set=stop_arr)))
    mask = np.asarray(keep.to_numpy(zero_copy_only=False), dtype=bool)
    flat = pc.filter(flat, pa.array(mask))
    doc = doc[mask]
    enc = pc.dictionary_encode(pc.utf8_slice_codeunits(flat, 0, TOKEN_PREFIX))
    if isinstance(enc, pa.ChunkedArray):
        enc = enc.combine_chunks()
    return doc, np.asarray(enc.indices.to_numpy(zero_copy_only=False), dtype=np.int64), enc.dictionary


def _tfidf(doc: np.ndarray, tok: np.ndarray, n_docs: int, n_tok: int, has_text: np.ndarray) -> sp.csr_matrix:
    """Binary-TF × smoothed IDF rows, L2-normalised (sklearn's smooth_idf formula)."""
    X = sp.csr_matrix((np.ones(doc.size), (doc, tok)), shape=(n_docs, n_tok))
    X.sum_duplicates()
    X.data[:] = 1.0
    df = np.bincount(X.indices, minlength=n_tok)
    n = max(int(has_text.sum()), 1)
    idf = np.log((1.0 + n) / (1.0 + df)) + 1.0
    X = X.multiply(idf[None, :]).tocsr()
    norm = np.sqrt(np.asarray(X.multiply(X).sum(axis=1)).ravel())
    norm[norm == 0] = 1.0
    return sp.csr_matrix(sp.diags(1.0 / norm) @ X)


def _rowwise_dot(X: sp.csr_matrix, a: np.ndarray, b: np.ndarray, chunk: int = 400_000) -> np.ndarray:
    """X[a[i]] · X[b[i]] for every i, in chunks to bound memory."""
    out = np.zeros(a.size)
    for lo in range(0, a.size, chunk):
        sa, sb = a[lo:lo + chunk], b[lo:lo + chunk]
        out[lo:lo + chunk] = np.asarray(X[sa].multiply(X[sb]).sum(axis=1)).ravel()
    return out


def _sorted_unique(x: np.ndarray) -> np.ndarray:
    x = np.sort(x)
    return x[np.r_[True, x[1:] != x[:-1]]] if x.size else x


def _member(x: np.ndarray, sorted_set: np.ndarray) -> np.ndarray:
    """x[i] in sorted_set, by binary search (np.isin hashes, which is slow on millions of keys)."""
    if sorted_set.size == 0:
        return np.zeros(x.size, dtype=bool)
    i = np.minimum(np.searchsorted(sorted_set, x), sorted_set.size - 1)
    return sorted_set[i] == x


def _thanks_flags(text: pa.Array, thanks: Iterable[str]) -> np.ndarray:
    """Messages containing a thanks cue (long cues at the start of a word, short ones whole)."""
    long_ = [c for c in thanks if len(c) >= 5]
    short = [c for c in thanks if len(c) < 5]
    alts = []
    if long_:
        alts.append(r"(?:^|[^\p{L}\p{N}])(?:" + "|".join(_re_escape(c) for c in long_) + ")")
    if short:
        alts.append(r"(?:^|[^\p{L}\p{N}])(?:" + "|".join(_re_escape(c) for c in short) + r")(?:$|[^\p{L}\p{N}])")
    if not alts:
        return np.zeros(len(text), dtype=bool)
    hit = pc.match_substring_regex(pc.utf8_lower(text), "|".join(alts))
    return np.asarray(pc.fill_null(hit, False).to_numpy(zero_copy_only=False), dtype=bool)


def _re_escape(s: str) -> str:
    # RE2 syntax: escape everything that is not a letter/digit; a space matches any run of blanks.
    return "".join(r"\s+" if ch == " " else (ch if ch.isalnum() else "\\" + ch) for ch in s)


def _first_name(label: str) -> str | None:
    """Lookup key of a member's first name: first word of the display name, ≥3 letters, no phones."""
    key = name_key(label)
    if key.startswith("+"):
        return None
    for w in key.split():
        w = "".join(ch for ch in w if ch.isalnum())
        if len(w) >= MIN_TOKEN and not w.isdigit():
            return w[:TOKEN_PREFIX]
        break
    return None


def _extend_chains(answer: np.ndarray, evidence: np.ndarray, t: np.ndarray, a: np.ndarray, g: np.ndarray,
                   window_s: float) -> int:
    """(g) chain: move a thanks-cued answer back to the start of the exchange it belongs to.

    The asker thanks after the last answer. When request r is answered by c on that cue, the messages right before c that are themselves answer-like
    ("other", by members other than the asker), each within Δ of the next and after r, belong to
    the same exchange: the first of them is the earliest answer. The walk stops at any other
    message (a request, social, promotion, announcement, media, the asker's own message). In
    place on `answer`/`evidence` (sorted positions); returns how many answers moved.
    """
    taken = set(answer[answer >= 0].tolist())
    moved = 0
    for r in np.flatnonzero(answer >= 0).tolist():
        if not evidence[r].startswith("thanks"):  # the other cues point at the answering message itself
            continue
        c = int(answer[r])
        p = c - 1
        while p > r and g[p] == _OTHER and a[p] != a[r] and a[p] >= 0 and t[p + 1] - t[p] <= window_s \
                and p not in taken:
            p -= 1
        start = p + 1
        if start < c:
            taken.add(start)
            answer[r] = start
            evidence[r] = "chain+" + evidence[r]
            moved += 1
    return moved


# --------------------------------------------------------------------------------------------
# The rule


@dataclass(frozen=True)
class AnswerFeatures:
    """Everything about the candidate pairs that does not depend on Δ or the horizon, so the
    sensitivity table decides the rule for several parameter values from one pass over the text.
    Positions are chronological ("sorted"); `order[sorted position]` is the input row."""

    n: int
    order: np.ndarray
    t: np.ndarray  # seconds
    a: np.ndarray  # author codes (−1: none)
    g: np.ndarray  # category group of each message
    req: np.ndarray  # sorted positions of the requests
    pr: np.ndarray  # pair: request position
    pc: np.ndarray  # pair: candidate position
    mention: np.ndarray
    named: np.ndarray
    sim: np.ndarray
    mentions_other: np.ndarray  # the candidate @mentions somebody, not the asker
    thanks_at: np.ndarray  # position of the asker's next message after the candidate if it thanks, else −1
    addressee: np.ndarray  # the candidate is the first message after the request by whom it replied to
    addressee_gap: np.ndarray  # request time − time of the message it replied to (seconds)
    short: np.ndarray  # per message: at most SHORT_REPLY_CHARS characters
    max_candidates: int
    horizon_s: float


def answer_features(
    messages: pd.DataFrame,
    *,
    horizon_s: float = HORIZON_S,
    max_candidates: int = MAX_CANDIDATES,
    members: Iterable[str] | None = None,
    cues: dict[str, Iterable[str]] | None = None,
) -> AnswerFeatures | None:
    """The cues of every (request, candidate) pair within `horizon_s` (the largest horizon that
    will be decided); None when there is no request. Arguments as `link_answers`."""
    if not isinstance(max_candidates, (int, np.integer)) or max_candidates < 1:
        raise ValueError(f"max_candidates must be a whole number of at least 1, not {max_candidates!r}")
    cue_lists = dict(default_cues())
    if cues is not None:
        cue_lists.update({k: tuple(str(c).casefold() for c in v) for k, v in cues.items()})
    n = len(messages)
    if n == 0 or "category" not in messages.columns:
        return None
    is_req_in = (messages["category"].astype("string") == "request").fillna(False).to_numpy(dtype=bool)
    if not (is_req_in & messages["author"].notna().to_numpy()).any():
        return None

    ts = np.asarray(pd.to_datetime(messages["timestamp"]).to_numpy(dtype="datetime64[ns]"))
    order = np.argsort(ts, kind="stable")
    t = ts[order].astype(np.int64) / 1e9
    # Codes, not Python strings: converting a million Arrow strings to objects costs about a second.
    codes, labels = pd.factorize(messages["author"].iloc[order], sort=False)
    a = np.asarray(codes, dtype=np.int64)
    cat_codes, cat_uniques = pd.factorize(messages["category"].iloc[order] if "category" in messages.columns
                                          else pd.Series([None] * n), use_na_sentinel=True)
    group_of = np.array([_GROUP.get(str(c), _OTHER) for c in cat_uniques] + [_NONE], dtype=np.int64)
    g = group_of[np.where(cat_codes >= 0, cat_codes, len(cat_uniques))]
    g[a < 0] = _NONE
    req_code = [i for i, c in enumerate(cat_uniques) if str(c) == "request"]
    is_request = (cat_codes == req_code[0]) if req_code else np.zeros(n, dtype=bool)
    text_all = pa.array(pd.array(messages["text"], dtype=STRING)).take(pa.array(order))
    if isinstance(text_all, pa.ChunkedArray):
        text_all = text_all.combine_chunks()
    text_arr = pc.if_else(pa.array(g != _NONE), text_all, pa.scalar(None, text_all.type))

    # Text features.
    doc, tok, vocab = _tokens(text_arr, cue_lists.get("stopword", ()))
    X = _tfidf(doc, tok, n, len(vocab), g != _NONE)
    thanks = _thanks_flags(text_arr, cue_lists.get("thanks", ()))
    vocab_id = {str(v): i for i, v in enumerate(vocab.to_pylist())}
    df = np.bincount(X.indices, minlength=len(vocab)) if len(vocab) else np.zeros(0, np.int64)
    n_text = max(int((g != _NONE).sum()), 1)
    name_tok = np.full(len(labels), -1, dtype=np.int64)
    for i, lab in enumerate(labels):
        key = _first_name(str(lab))
        if key and key in vocab_id and df[vocab_id[key]] <= max(NAME_MAX_DOC_SHARE * n_text, 10):
            name_tok[i] = vocab_id[key]

    # Mentions (sorted positions, target author codes; −1 for members who never posted).
    from analyzer.metrics.network import find_mentions

    code_of = {str(lab): i for i, lab in enumerate(labels)}
    pool = sorted({str(x) for x in labels} | {str(m) for m in (() if members is None else members)})
    mtab, _ = find_mentions(pd.Series(pd.array(text_arr, dtype=STRING)), a, [str(x) for x in labels], pool)
    m_row = mtab["row"].to_numpy(dtype=np.int64)
    m_tgt = np.array([code_of.get(str(x), -1) for x in mtab["target"].tolist()], dtype=np.int64)
    mentions_someone = np.zeros(n, dtype=bool)
    mentions_someone[m_row] = True

    # Candidate pairs: the next `max_candidates` messages, plus every mention of an asker.
    req = np.flatnonzero(is_request & (a >= 0))
    off = np.arange(1, int(max_candidates) + 1, dtype=np.int64)
    J = req[:, None] + off[None, :]
    R = np.broadcast_to(req[:, None], J.shape)
    ok = J < n
    pr, pcand = R[ok], J[ok]
    rs = np.sort(a[req] * n + req)  # requests by (author, position)
    idx = np.searchsorted(rs, m_tgt * n + m_row, side="left") - 1  # the asker's latest request before
    valid = (m_tgt >= 0) & (idx >= 0)
    valid[valid] &= (rs[idx[valid]] // n) == m_tgt[valid]
    m_req = np.where(valid, rs[np.maximum(idx, 0)] % n, -1)
    mention_pairs = _sorted_unique(m_req[valid] * n + m_row[valid])
    # offset pairs are already unique and ascending (requests ascending, offsets ascending); add the
    # mention pairs they miss. np.unique on millions of keys cost seconds (hashing), searchsorted not.
    keys = pr * n + pcand
    extra = mention_pairs[~_member(mention_pairs, keys)]
    if extra.size:
        keys = np.sort(np.concatenate([keys, extra]), kind="stable")
    pr, pcand = keys // n, keys % n
    gc = g[pcand]
    # social candidates stay: they answer by shared words alone (`decide`)
    keep = (a[pcand] != a[pr]) & (gc != _NONE) & (gc != _REQUEST) & (t[pcand] - t[pr] <= horizon_s)
    pr, pcand = pr[keep], pcand[keep]
    gc = g[pcand]

    mention = _member(pr * n + pcand, mention_pairs)
    sim = _rowwise_dot(X, pr, pcand) if pr.size else np.zeros(0)
    nt = name_tok[a[pr]]
    named = np.zeros(pr.size, dtype=bool)
    has_nt = nt >= 0
    if has_nt.any():
        named[has_nt] = np.asarray(X[pcand[has_nt], nt[has_nt]]).ravel() > 0
    # (e) the asker's next message after the candidate, if it thanks someone
    users = np.flatnonzero(a >= 0)
    akey = np.sort(a[users] * n + users)
    ia = np.searchsorted(akey, a[pr] * n + pcand, side="right")
    nxt = akey[np.minimum(ia, max(akey.size - 1, 0))] if akey.size else np.zeros(pr.size, np.int64)
    has_next = (ia < akey.size) & ((nxt // n) == a[pr])
    k = np.where(has_next, nxt % n, 0)
    thanks_at = np.where(has_next & thanks[k], k, -1)
    # (f) the addressee: the author of the last message by someone else before the request
    new_run = np.r_[True, a[1:] != a[:-1]]
    prev_other = np.maximum.accumulate(np.where(new_run, np.arange(n), 0)) - 1
    po = prev_other[pr]
    pos_ok = po >= 0
    po0 = np.maximum(po, 0)
    addressee = pos_ok & (a[po0] == a[pcand]) & (g[po0] != _NONE)
    if addressee.any():
        ix = np.searchsorted(akey, a[pcand] * n + pr, side="right")
        addressee &= akey[np.minimum(ix, akey.size - 1)] == a[pcand] * n + pcand
    return AnswerFeatures(
        n=n, order=order, t=t, a=a, g=g, req=req, pr=pr, pc=pcand, mention=mention, named=named, sim=sim,
        mentions_other=mentions_someone[pcand] & ~mention, thanks_at=thanks_at, addressee=addressee,
        addressee_gap=np.where(pos_ok, t[pr] - t[po0], np.inf),
        short=np.asarray(pc.fill_null(pc.less_equal(pc.utf8_length(text_arr), SHORT_REPLY_CHARS), False)
                         .to_numpy(zero_copy_only=False), dtype=bool),
        max_candidates=int(max_candidates),
        horizon_s=float(horizon_s),
    )


def decide(
    f: AnswerFeatures | None,
    *,
    reply_window_s: float = REPLY_WINDOW_S,
    horizon_s: float = HORIZON_S,
    min_similarity: float = MIN_SIMILARITY,
    details: bool = True,
) -> AnswerLinks:
    """Apply the rule with Δ = `reply_window_s` and `horizon_s` (≤ the features' horizon).

    details=False skips the chain step (cue e), which moves answers earlier but never changes
    which requests are answered: the answered share is the same, the linked lines may not be
    (the sensitivity table needs only the share)."""
    for name, v in (("reply_window_s", reply_window_s), ("horizon_s", horizon_s), ("min_similarity", min_similarity)):
        if not (isinstance(v, (int, float)) and math.isfinite(v) and v >= 0):
            raise ValueError(f"{name} must be a non-negative number, not {v!r}")
    k_max = MAX_CANDIDATES if f is None else f.max_candidates
    params = {"reply_window_s": float(reply_window_s), "horizon_s": float(horizon_s),
              "max_candidates": int(k_max), "min_similarity": float(min_similarity),
              "token_prefix": TOKEN_PREFIX, "cue_weights": dict(_WEIGHT)}
    rule = rule_text(reply_window_s=reply_window_s, horizon_s=horizon_s, max_candidates=k_max,
                     min_similarity=min_similarity)
    if f is None:
        empty = pd.DataFrame({"row": pd.Series(dtype="int64"), "answer_row": pd.Series(dtype="int64"),
                              "evidence": pd.Series(dtype=object), "delay_s": pd.Series(dtype=float)})
        return AnswerLinks(empty, 0, 0, params, rule, {c: 0 for c in CUES + ("chain",)})
    if horizon_s > f.horizon_s:
        raise ValueError(f"horizon_s {horizon_s:g} is beyond the {f.horizon_s:g} s the features were built for")
    n, t, a, g = f.n, f.t, f.a, f.g
    pr, pc = f.pr, f.pc
    dt = t[pc] - t[pr]
    gc = g[pc]
    inside = dt <= horizon_s
    close = (pc - pr) <= f.max_candidates  # cues (b)-(f); mentions count at any distance
    social = gc == _SOCIAL
    words = (f.sim >= min_similarity) & close
    # a message the classifier calls social answers only by the words it shares with the request
    # (a short reply read as small talk); never by a mention, a name, thanks, the addressee or Δ
    mention = f.mention & ~social
    named = f.named & close & ~social
    short = f.short[pc]
    replyish = (gc == _OTHER) | (((gc == _ANNOUNCE) | (gc == _PROMO)) & short) | ((gc == _ANNOUNCE) & (f.sim > 0))
    # a bare reply window never takes a promotion: "Open PO rendang" right after a question is a new post
    window = close & (dt <= reply_window_s) & replyish & (gc != _PROMO) & ~f.mentions_other
    k = f.thanks_at
    k0 = np.maximum(k, 0)
    thank = close & (k >= 0) & (t[k0] - t[pc] <= reply_window_s) & (t[k0] - t[pr] <= horizon_s) \
        & ((gc != _PROMO) | short) & ~social
    if thank.any():
        # only the last candidate before that thanks
        tk = np.flatnonzero(thank)
        frame = pd.DataFrame({"i": tk, "grp": pr[tk] * n + k[tk], "c": pc[tk]})
        last = frame.loc[frame.groupby("grp")["c"].idxmax(), "i"].to_numpy()
        thank[:] = False
        thank[last] = True
    # the addressee's reply: any time within the horizon if it reads as a reply, else within Δ
    addressed = close & f.addressee & (f.addressee_gap <= reply_window_s) \
        & (replyish | ((dt <= reply_window_s) & (gc != _PROMO))) & ~social
    score = (16 * mention + 8 * named + 4 * addressed + 4 * thank + 2 * words + 1 * window) * inside
    linked = score > 0
    flags = np.stack([mention, named, addressed, thank, words, window], axis=1)[linked]
    pr, pc, score = pr[linked], pc[linked], score[linked]

    # One request per answering message (strongest cue, then most recent request), then the
    # earliest answer per request.
    best = pd.DataFrame({"r": pr, "c": pc, "s": score, "i": np.arange(pr.size)})
    best = best.sort_values(["c", "s", "r"], ascending=[True, False, False], kind="stable").drop_duplicates("c")
    best = best.sort_values(["r", "c"], kind="stable").drop_duplicates("r")
    answer_sorted = np.full(n, -1, dtype=np.int64)
    answer_sorted[best["r"].to_numpy()] = best["c"].to_numpy()
    ev = np.full(n, "", dtype=object)
    fl = flags[best["i"].to_numpy()]
    # cue combinations as bit masks: at most 2^6 distinct strings, not one join per answer
    mask = fl.astype(np.int64) @ (1 << np.arange(len(CUES), dtype=np.int64))
    names = np.array(["+".join(c for j, c in enumerate(CUES) if m >> j & 1) for m in range(1 << len(CUES))],
                     dtype=object)
    ev[best["r"].to_numpy()] = names[mask]
    counts = {c: int(fl[:, j].sum()) for j, c in enumerate(CUES)}
    # the chain moves an answer earlier, never adds or removes one: counts alone do not need it
    counts["chain"] = _extend_chains(answer_sorted, ev, t, a, g, reply_window_s) if details else 0

    req, order = f.req, f.order
    ans = answer_sorted[req]
    table = pd.DataFrame({
        "row": order[req].astype(np.int64),
        "answer_row": np.where(ans >= 0, order[np.maximum(ans, 0)], -1).astype(np.int64),
        "evidence": ev[req],
        "delay_s": np.where(ans >= 0, t[np.maximum(ans, 0)] - t[req], np.nan),
    }).sort_values("row", kind="stable").reset_index(drop=True)
    return AnswerLinks(table, int(len(table)), int((table["answer_row"] >= 0).sum()), params, rule, counts)


def link_answers(
    messages: pd.DataFrame,
    *,
    reply_window_s: float = REPLY_WINDOW_S,
    horizon_s: float = HORIZON_S,
    max_candidates: int = MAX_CANDIDATES,
    min_similarity: float = MIN_SIMILARITY,
    members: Iterable[str] | None = None,
    cues: dict[str, Iterable[str]] | None = None,
) -> AnswerLinks:
    """Link each request to the message that answers it (module docstring: the rule).

    Parameters
    ----------
    messages : DataFrame
        User messages with `timestamp`, `author`, `text` and `category` (None for messages without
        text: media, deleted). Any order; records with the same timestamp keep their table order.
    reply_window_s : float
        Δ of cues (d), (e) and (f), seconds (default 1800, the reply window of the interaction graph).
    horizon_s : float
        How long after a request an answer may come (default 86 400 s, the censor limit of next
        response).
    max_candidates : int
        Only the next this-many messages are candidates for cues (b)–(f) (default 50).
    min_similarity : float
        TF-IDF cosine from which a candidate "shares words" with the request (cue c).
    members : names a mention may refer to besides the authors (members who never posted).
    cues : {"thanks": [...], "stopword": [...]}, default the built-in ``answer_cues.csv``.

    Returns
    -------
    AnswerLinks
    """
    for name, v in (("reply_window_s", reply_window_s), ("horizon_s", horizon_s), ("min_similarity", min_similarity)):
        if not (isinstance(v, (int, float)) and math.isfinite(v) and v >= 0):
            raise ValueError(f"{name} must be a non-negative number, not {v!r}")
    f = answer_features(messages, horizon_s=horizon_s, max_candidates=max_candidates, members=members, cues=cues)
    return decide(f, reply_window_s=reply_window_s, horizon_s=horizon_s, min_similarity=min_similarity)
