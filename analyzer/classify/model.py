"""The hybrid classifier: a small linear model over words, message shape and the rules' evidence.

    from analyzer.classify.model import classify_hybrid
    out = classify_hybrid(texts, kinds)            # category, category_reason (the default in analyze)

Why a hybrid. The rules (`analyzer.classify.rules`) were written from invented UMKM messages; on
real group chats (class, committee, volunteer groups, Javanese code-switching) they miss most
coordination and short acknowledgements. A logistic regression fitted on hand-labelled real
messages plus the invented development set learns those, while the rules' per-category scores
(one of its feature blocks) keep what the lexicon knows, so `--lexicon` still changes the outcome.

Features of one message (all computed vectorised with pyarrow/numpy; no Python loop per message):

- **words**: counts of word unigrams and bigrams from a fixed vocabulary, scaled by
  1/sqrt(number of terms in the message). Tokens are runs of letters (digits, links, @mentions
  and punctuation split them and are never tokens), lower-cased, with runs of one letter
  collapsed ("mantaaap" = "mantap", "saat" = "sat") and slang spellings mapped to one form
  through `analyzer/data/slang.csv` ("yg" = "yang"). Normalising is done once per distinct
  token, not per message.
- **shape**: question mark, text ends with a question, link, link-only, @mention, mention-only,
  phone number outside a mention, price ("11rb", "100k", "Rp 5.000"), digits, emoji without words,
  line breaks, "*bold*" markup, length and word-count bins. These are features, not verdicts: a
  mention or a price only shifts the odds by a learned weight.
- **rules**: the rule classifier's category (one-hot) and its five category scores (log1p).

The model is `LogisticRegression` (multinomial, class-balanced), stored as plain JSON
(`analyzer/data/category_model.json`: vocabulary, feature names, coefficients, intercepts,
training provenance), so it can be read and audited without running code.

**Privacy of the vocabulary.** The shipped vocabulary comes from the training texts, some of them
real chats. A token or bigram enters it only if it is made of letters only (no digits: no phone
numbers, no account numbers, no dates) and either occurs in the invented set (written for this
project) or occurs in at least three different real groups and contains no word that followed a
form of address ("mas", "bu", "kak" ...) in a real chat. A name or nickname used in one or two
groups therefore cannot be in it; see docs/classifier.md.

**Each chat's class mix.** The model's probabilities carry the class mix it was fitted to
(`HybridModel.train_prior`). Groups differ far more in their mix of categories than in how a
single message reads, so a model with `prior_adaptation` (the shipped one has it) re-estimates
the mix of the chat being classified (`adapt_priors`: EM, Saerens et al. 2002) and reads every
message with it (`reweight`); chats with fewer than `prior_adaptation["min_messages"]` messages
decided by the model keep the training mix. The shipped model keeps each category within a
factor 3 of its training share, never makes business news or promotion less likely than in
training (EM drifts towards a chat's majority categories and drained them), and holds `social`
and `request` (`decide_with_mix`): whether a message is small talk or a request is decided from
the message alone, and the chat's mix decides only between business news, promotion,
coordination and other. So the mix never turns a reply into small talk or a new request, which
the answer rule of `analyzer.metrics.answers` would not take as an answer. Every analysis
categorises the whole chat once (`analyzer.classify.categorise.categorise_chat`), so a message
gets the same category whatever window or member filter is analysed; docs/classifier.md gives
what this changed on 36 real groups.

**Reasons.** `category_reason` names the feature that contributed most to the chosen category and
the model's probability, then the rules' own reason, e.g.
"model p=0.81, strongest cue word 'rapat' (coordination); rules: keyword 'rapat' (coordination, id)".
"""
from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any, Iterable

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc
import scipy.sparse as sp

from analyzer.chat.schema import STRING
from analyzer.classify.context import CONTEXT_FEATURES, context_features
from analyzer.classify.lexicon import CATEGORIES, Lexicon, LexiconSource, default_lexicon, load_lexicon
from analyzer.classify.rules import _URL, TIE_ORDER, classify_with_scores

MODEL_FILE = "category_model.json"
MODEL_FORMAT = "wa-analyzer-hybrid-category-model"
MODEL_VERSION = 2
READABLE_VERSIONS = (1, 2)
"""Model file versions this code reads: 1 has no conversation features, 2 may have them."""
CLASSIFIER_VERSION = "hybrid-3"
"""Version of the hybrid decision procedure (recorded in report.json `parameters.classifier_version`)."""

_NONLETTER = r"[^\p{L}]+"
_PHONE = r"(?:\+\s?\d{2}|\b0)\s?8\d{1,3}[\s.\-]?\d{3,4}[\s.\-]?\d{2,5}"
_PRICE = r"\brp\.?\s?\d|\b\d+(?:[.,]\d+)?\s?(?:rb|rbu|ribu|k|jt|juta)\b|\b\d{1,3}(?:\.\d{3})+\b"
_ENDS_Q = r"[?？][\s\p{So}\p{Sk}\p{Mn}\x{200d}\x{fe0f})\].!~]*$"
_EMOJI = r"[\p{So}\p{Sk}\x{2764}\x{2665}\x{263A}]"
LENGTH_BINS = (5, 15, 40, 100, 280)
WORD_BINS = (1, 3, 8)

SHAPE_FEATURES: tuple[str, ...] = (
    "question mark", "ends with a question", "link", "link only", "@mention", "@mention only",
    "phone number", "price", "digits", "emoji without words", "no letters", "line break", "*bold*",
    "exclamation mark",
    *(f"length <= {b}" for b in LENGTH_BINS), f"length > {LENGTH_BINS[-1]}",
    "1 word", "2-3 words", "4-8 words", "9+ words",
)


# --------------------------------------------------------------------------- tokens
_RUN = re.compile(r"(\w)\1+")


def _collapse(tok: str) -> str:
    return _RUN.sub(r"\1", tok)


@lru_cache(maxsize=1)
def _slang() -> dict[str, str]:
    """Each slang spelling -> the canonical form (the `word` column of slang.csv), collapsed."""
    out: dict[str, str] = {}
    for word, vs in default_lexicon().variants.items():
        canon = _collapse(word)
        for v in vs:
            if " " not in v:
                out.setdefault(_collapse(v), canon)
    return out


def normalise_token(tok: str) -> str:
    """The form a token is counted under: letter runs collapsed, slang spelling mapped."""
    c = _collapse(tok)
    return _slang().get(c, c)


@dataclass
class Tokens:
    """Normalised tokens of many messages: `row` (message index), `code` (index into `strings`)."""

    row: np.ndarray
    code: np.ndarray
    strings: list[str]


def tokenize(low_nolink: pa.ChunkedArray) -> Tokens:
    """Letter-run tokens of lower-cased, link-free texts, normalised once per distinct token."""
    lists = pc.split_pattern_regex(low_nolink, _NONLETTER)
    flat = pc.list_flatten(lists)
    row = pc.list_parent_indices(lists).to_numpy().astype(np.int64)
    if len(flat) == 0:
        return Tokens(row, np.zeros(0, dtype=np.int64), [])
    enc = pc.dictionary_encode(flat)
    if isinstance(enc, pa.ChunkedArray):
        enc = enc.combine_chunks()
    uniq = enc.dictionary.to_pylist()
    norm = [normalise_token(u) for u in uniq]
    strings, inv = np.unique(np.array(norm, dtype=object), return_inverse=True)
    code = inv[enc.indices.to_numpy()].astype(np.int64)
    empty = np.flatnonzero(strings == "")
    if empty.size:  # split leaves "" at the ends; a lone modifier letter normalises to nothing
        keep = code != empty[0]
        row, code = row[keep], code[keep]
    return Tokens(row, code, list(strings))


def _bigram_pairs(tok: Tokens) -> tuple[np.ndarray, np.ndarray]:
    """Positions `first` of tokens followed by another token of the same message, and pair keys."""
    k = max(len(tok.strings), 1)
    same = np.r_[tok.row[1:] == tok.row[:-1], False] if tok.row.size else np.zeros(0, dtype=bool)
    first = np.flatnonzero(same)
    return first, tok.code[first] * k + tok.code[first + 1]


# --------------------------------------------------------------------------- features
@dataclass
class Prepared:
    """What the features of a batch of messages are computed from (shared by fit and predict)."""

    n: int
    rules: pd.DataFrame
    rule_scores: np.ndarray
    excluded: np.ndarray
    aux: dict
    tokens: Tokens


def prepare(texts: pd.Series, kinds: pd.Series | None = None, lexicon: LexiconSource = None) -> Prepared:
    """Run the rules (their scores are features) and tokenise, reusing the rules' text passes."""
    rules_df, scores, excluded, aux = classify_with_scores(texts, kinds, lexicon=lexicon)
    if not aux:
        return Prepared(0, rules_df, scores, excluded, aux, Tokens(np.zeros(0, np.int64), np.zeros(0, np.int64), []))
    return Prepared(len(texts), rules_df, scores, excluded, aux, tokenize(aux["nolink"]))


def _b(a) -> np.ndarray:
    return np.asarray(pc.fill_null(a, False).to_numpy(zero_copy_only=False), dtype=bool)


def _on_rows(arr: pa.ChunkedArray, rows: np.ndarray, n: int, fn) -> np.ndarray:
    """`fn(arr[rows])` as a boolean array over all `n` rows (False elsewhere)."""
    out = np.zeros(n, dtype=bool)
    if rows.size:
        out[rows] = _b(fn(arr.take(pa.array(rows))))
    return out


def shape_features(p: Prepared) -> np.ndarray:
    """The `SHAPE_FEATURES` as a float32 matrix (rows = messages).

    Regexes run only on rows that can match (rows with a digit, a "?", a link, a mention, a "*"),
    as found by the rules' own pre-filter passes.
    """
    n, a = p.n, p.aux
    low, nolink, rows = a["low"], a["nolink"], a["rows"]
    has_word, length = a["has_word"], a["lengths"]
    words = np.bincount(p.tokens.row, minlength=n) if p.tokens.row.size else np.zeros(n, dtype=np.int64)
    letters = words > 0
    question = np.zeros(n, dtype=bool)
    question[rows["question"]] = True
    link = _on_rows(low, rows["link"], n, lambda t: pc.match_substring_regex(t, _URL))
    mention = np.zeros(n, dtype=bool)
    mention[rows["mention"]] = True
    digit = np.zeros(n, dtype=bool)
    digit[rows["digit"]] = True
    star_rows = np.flatnonzero(_b(pc.match_substring(low, "*")))
    nowords = np.flatnonzero(~has_word)
    cols = [
        question,
        _on_rows(nolink, rows["question"], n, lambda t: pc.match_substring_regex(t, _ENDS_Q)),
        link,
        link & ~letters,
        mention,
        mention & ~letters,
        _on_rows(nolink, rows["digit"], n, lambda t: pc.match_substring_regex(t, _PHONE)),
        _on_rows(nolink, rows["digit"], n, lambda t: pc.match_substring_regex(t, _PRICE)),
        digit,
        _on_rows(a["raw"], nowords, n, lambda t: pc.match_substring_regex(t, _EMOJI)),
        ~letters,
        _b(pc.match_substring(low, "\n")),
        _on_rows(low, star_rows, n, lambda t: pc.match_substring_regex(t, r"\*\S[^*]*\*")),
        _b(pc.match_substring(low, "!")),
    ]
    lo = 0
    for b in LENGTH_BINS:
        cols.append((length > lo) & (length <= b))
        lo = b
    cols.append(length > LENGTH_BINS[-1])
    cols += [words == 1, (words >= 2) & (words <= 3), (words >= 4) & (words <= 8), words >= 9]
    return np.column_stack(cols).astype(np.float32)


def rule_features(p: Prepared) -> np.ndarray:
    """One-hot rule category (six) and log1p of the five positive rule scores."""
    cat = p.rules["category"].astype("string")
    onehot = np.column_stack([(cat == c).to_numpy(dtype=bool, na_value=False) for c in CATEGORIES])
    return np.hstack([onehot.astype(np.float32), np.log1p(np.maximum(p.rule_scores.T, 0)).astype(np.float32)])


RULE_FEATURES: tuple[str, ...] = (*(f"rules say {c}" for c in CATEGORIES),
                                  *(f"rule score {c}" for c in TIE_ORDER))


def _sorted_csr(rows: np.ndarray, cols: np.ndarray, n: int, width: int) -> sp.csr_matrix:
    """A CSR matrix of ones from entries already sorted by row (no sort, no de-duplication)."""
    indptr = np.r_[0, np.cumsum(np.bincount(rows, minlength=n))].astype(np.int64)
    return sp.csr_matrix((np.ones(len(cols), dtype=np.float32), cols.astype(np.int32), indptr), shape=(n, width))


def _term_matrix(parts: list[tuple[np.ndarray, np.ndarray]], n: int, width: int) -> sp.csr_matrix:
    """Term counts (unigrams + bigrams) scaled by 1/sqrt(terms in the message).

    The scaling keeps a long message from outweighing a short one (like TF-IDF's L2 norm for
    mostly-distinct terms); entries of each part are already in row order, so no sort is needed.
    """
    m = _sorted_csr(*parts[0], n, width)
    for part in parts[1:]:
        m = m + _sorted_csr(*part, n, width)
    counts = np.asarray(m.sum(axis=1)).ravel().astype(np.float32)
    counts[counts == 0] = 1.0
    m.data /= np.sqrt(np.repeat(counts, np.diff(m.indptr)))
    return m


def prefix_term(token: str, prefix_len: int) -> str | None:
    """The prefix term of a token ("kumpulin" -> "kump~" for 4), or None for a short token."""
    return token[:prefix_len] + "~" if prefix_len and len(token) >= prefix_len + 2 else None


def batch_terms(p: Prepared, prefix_len: int = 0) -> tuple[sp.csr_matrix, list[str]]:
    """All unigrams, bigrams (and word prefixes) of the batch: a term matrix and the term strings."""
    tok = p.tokens
    first, pair = _bigram_pairs(tok)
    upair, pinv = np.unique(pair, return_inverse=True)
    k = max(len(tok.strings), 1)
    names = tok.strings + [f"{tok.strings[q // k]} {tok.strings[q % k]}" for q in upair.tolist()]
    parts = [(tok.row, tok.code), (tok.row[first], len(tok.strings) + pinv)]
    if prefix_len:
        pref = [prefix_term(t, prefix_len) for t in tok.strings]
        uniq = sorted({x for x in pref if x})
        pos = {x: len(names) + i for i, x in enumerate(uniq)}
        col = np.array([pos.get(x, -1) if x else -1 for x in pref] or [-1], dtype=np.int64)
        c = col[tok.code] if tok.code.size else tok.code
        keep = c >= 0
        names = names + uniq
        parts.append((tok.row[keep], c[keep]))
    return _term_matrix(parts, p.n, len(names)), names


def word_matrix(p: Prepared, vocab: list[str], prefix_len: int = 0) -> sp.csr_matrix:
    """Unigram+bigram counts over a fixed `vocab` (see `_term_matrix`)."""
    tok = p.tokens
    index = {w: i for i, w in enumerate(vocab)}
    uni = np.array([index.get(s, -1) for s in tok.strings] or [-1], dtype=np.int64)
    u_cols = uni[tok.code] if tok.code.size else tok.code
    u_keep = u_cols >= 0
    # bigrams: the tokens that occur in a vocabulary bigram get compact ids (first and second
    # position separately), and a dense (first x second) table gives the column: one gather
    code_of = {s: i for i, s in enumerate(tok.strings)}
    pairs = [(w.split(" ", 1), i) for w, i in index.items() if " " in w]
    pairs = [((code_of[x], code_of[y]), i) for (x, y), i in pairs if x in code_of and y in code_of]
    b_rows, b_cols = np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.int64)
    if pairs and tok.code.size > 1:
        firsts = sorted({a for (a, _), _ in pairs})
        seconds = sorted({b for (_, b), _ in pairs})
        fid = np.full(len(tok.strings), -1, dtype=np.int64)
        sid = np.full(len(tok.strings), -1, dtype=np.int64)
        fid[firsts] = np.arange(len(firsts))
        sid[seconds] = np.arange(len(seconds))
        table = np.full((len(firsts), len(seconds)), -1, dtype=np.int64)
        for (a, b), i in pairs:
            table[fid[a], sid[b]] = i
        f = fid[tok.code[:-1]]
        g = sid[tok.code[1:]]
        cand = np.flatnonzero((f >= 0) & (g >= 0) & (tok.row[1:] == tok.row[:-1]))
        cols = table[f[cand], g[cand]]
        hit = cols >= 0
        b_rows, b_cols = tok.row[cand[hit]], cols[hit]
    parts = [(tok.row[u_keep], u_cols[u_keep]), (b_rows, b_cols)]
    if prefix_len:
        pcol = np.array([index.get(prefix_term(t, prefix_len) or "", -1) for t in tok.strings] or [-1], dtype=np.int64)
        c = pcol[tok.code] if tok.code.size else tok.code
        parts.append((tok.row[c >= 0], c[c >= 0]))
    return _term_matrix(parts, p.n, len(vocab))


# --------------------------------------------------------------------------- the model
@dataclass
class HybridModel:
    """A fitted hybrid model (see module docstring); `coef` rows follow `classes`."""

    classes: list[str]
    vocab: list[str]
    coef: np.ndarray
    intercept: np.ndarray
    use_rules: bool = True
    meta: dict[str, Any] = field(default_factory=dict)
    prefix_len: int = 0  # > 0: word prefixes of this many letters are terms too ("kump~")
    context: list[str] = field(default_factory=list)  # conversation features used (`CONTEXT_FEATURES`), or none
    context_fill: np.ndarray = field(default_factory=lambda: np.zeros(0, dtype=np.float32))
    """Values of the conversation features for a message whose conversation is unknown."""
    train_prior: np.ndarray = field(default_factory=lambda: np.zeros(0, dtype=np.float64))
    """The class distribution the model was fitted to (after sample and class weights), `classes` order."""
    prior_adaptation: dict[str, Any] | None = None
    """`{"shrink": s, "min_messages": m}`, optionally with `"max_ratio"`, `"never_lower"` and `"hold"`
    (category names): re-estimate the class distribution on each chat (see `adapt_priors` and
    `decide_with_mix`); None: never."""

    @property
    def feature_names(self) -> list[str]:
        return ([f"word '{w}'" for w in self.vocab] + list(SHAPE_FEATURES)
                + (list(RULE_FEATURES) if self.use_rules else []) + list(self.context))

    def context_block(self, p: Prepared, context: np.ndarray | None) -> np.ndarray:
        """The conversation block: `context` rows where known (not NaN), `context_fill` elsewhere.

        `context` has one column per `CONTEXT_FEATURES` entry; the model's own subset is taken.
        """
        k = len(self.context)
        fill = np.broadcast_to(self.context_fill.astype(np.float32), (p.n, k))
        if context is None or k == 0:
            return np.array(fill, dtype=np.float32)
        ctx = np.asarray(context, dtype=np.float32)[:, [CONTEXT_FEATURES.index(c) for c in self.context]]
        return np.where(np.isnan(ctx), fill, ctx).astype(np.float32)

    def blocks(self, p: Prepared, context: np.ndarray | None = None) -> tuple[sp.csr_matrix, np.ndarray]:
        """The word block (sparse) and the shape + rule + conversation block (dense), in
        `feature_names` order. `context`: `CONTEXT_FEATURES` per row, NaN rows = unknown."""
        dense = [shape_features(p)] + ([rule_features(p)] if self.use_rules else [])
        if self.context:
            dense.append(self.context_block(p, context))
        return word_matrix(p, self.vocab, self.prefix_len), np.hstack(dense)

    def features(self, p: Prepared, context: np.ndarray | None = None) -> sp.csr_matrix:
        words, dense = self.blocks(p, context)
        return sp.hstack([words, sp.csr_matrix(dense)], format="csr")

    def to_json(self) -> dict[str, Any]:
        return {"format": MODEL_FORMAT, "version": MODEL_VERSION, "classes": self.classes,
                "use_rules": self.use_rules, "prefix_len": self.prefix_len, "context": list(self.context),
                "context_fill": np.round(self.context_fill, 5).tolist(),
                "train_prior": np.round(self.train_prior, 6).tolist(), "prior_adaptation": self.prior_adaptation,
                "vocab": self.vocab,
                "coef": np.round(self.coef, 5).tolist(), "intercept": np.round(self.intercept, 5).tolist(),
                "meta": self.meta}

    @classmethod
    def from_json(cls, obj: dict[str, Any]) -> "HybridModel":
        if obj.get("format") != MODEL_FORMAT or obj.get("version") not in READABLE_VERSIONS:
            raise ValueError(f"not a {MODEL_FORMAT} file of version {' or '.join(map(str, READABLE_VERSIONS))}")
        context = [str(c) for c in obj.get("context", [])]
        unknown = [c for c in context if c not in CONTEXT_FEATURES]
        if unknown:
            raise ValueError(f"unknown conversation feature(s) in the model file: {', '.join(unknown)}")
        return cls(list(obj["classes"]), list(obj["vocab"]), np.asarray(obj["coef"], dtype=np.float32),
                   np.asarray(obj["intercept"], dtype=np.float32), bool(obj.get("use_rules", True)),
                   dict(obj.get("meta", {})), int(obj.get("prefix_len", 0)), context,
                   np.asarray(obj.get("context_fill", [0.0] * len(context)), dtype=np.float32),
                   np.asarray(obj.get("train_prior", []), dtype=np.float64), obj.get("prior_adaptation"))


HONORIFICS = frozenset({"mas", "mbak", "mba", "pak", "bapak", "bu", "ibu", "kak", "bang", "dek", "om", "kang",
                        "mbok", "bro", "sis", "ustad", "ustadz", "ustadzah", "cak", "ning", "teh", "akh", "ukh"})
"""Forms of address: the word after one of them in a real chat is usually a name."""


def private_vocabulary(texts: pd.Series, groups: pd.Series, min_groups: int = 3,
                       public_groups: Iterable[str] = ("invented",), prefix_len: int = 0) -> list[str]:
    """Unigrams/bigrams allowed in a shipped vocabulary (see module docstring, "Privacy").

    A term is kept when it has letters only (tokens never hold digits) and either occurs in a
    group named in `public_groups` (texts written for the project), or occurs in at least
    `min_groups` different other groups and contains no word that followed a form of address
    (`HONORIFICS`: "mas Joko", "bu Ani") in those groups' texts. Returned sorted.
    """
    p = prepare(pd.Series(list(texts), dtype="string"))
    m, names = batch_terms(p, prefix_len)
    g = pd.Series(list(groups)).astype(str).to_numpy()
    ug, ginv = np.unique(g, return_inverse=True)
    # groups x terms presence
    gm = sp.csr_matrix((np.ones(len(g)), (ginv, np.arange(len(g)))), shape=(len(ug), len(g))) @ (m > 0).astype(np.float64)
    gm = (gm > 0).astype(np.int64)
    n_groups = np.asarray(gm.sum(axis=0)).ravel()
    public = np.zeros(len(names), dtype=bool)
    for name in public_groups:
        hit = np.flatnonzero(ug == name)
        if hit.size:
            public |= np.asarray(gm[hit[0]].todense()).ravel() > 0
    # words that follow a form of address in a non-public text: probably names, never shipped
    tok = p.tokens
    private_row = ~np.isin(g, list(public_groups))
    honor = np.array([t in HONORIFICS for t in tok.strings] or [False], dtype=bool)
    after = np.flatnonzero(honor[tok.code[:-1]] & (tok.row[1:] == tok.row[:-1]) & private_row[tok.row[1:]]) + 1 \
        if tok.code.size > 1 else np.zeros(0, dtype=np.int64)
    named = {tok.strings[c] for c in np.unique(tok.code[after]).tolist()} - HONORIFICS
    keep = (n_groups >= min_groups) | public
    return sorted(names[i] for i in np.flatnonzero(keep)
                  if len(names[i]) >= 2 and not re.search(r"\d", names[i])
                  and (public[i] or not (set(names[i].split(" ")) & named)))


def class_weights(y: np.ndarray, power: float) -> dict[str, float]:
    """Class weights (n / (k * n_c)) ** power: 1 is sklearn's "balanced", 0 no weighting.

    A power between the two (0.5: inverse square root of the frequency) lifts rare categories
    without letting a handful of their examples outweigh the common ones.
    """
    cls, cnt = np.unique(y, return_counts=True)
    return {str(c): float((len(y) / (len(cls) * m)) ** power) for c, m in zip(cls, cnt)}


def fit_model(texts: pd.Series, labels: pd.Series, groups: pd.Series, *, C: float = 1.0,
              rule_features: bool = True, min_groups: int = 3, seed: int = 0, real_weight: float = 1.0,
              balanced: bool | float = True, prefix_len: int = 0, lexicon: LexiconSource = None,
              context: np.ndarray | None = None, context_names: Iterable[str] | None = None,
              context_fill: str = "zeros", prior_shrink: float | None = None,
              prior_min_messages: int = 50, prior_max_ratio: float | None = None,
              prior_never_lower: Iterable[str] | None = None,
              prior_hold: Iterable[str] | None = None) -> HybridModel:
    """Fit the hybrid model (multinomial logistic regression, lbfgs, fixed seed).

    `groups` names each text's source group ("invented" = the invented development set); it
    decides the vocabulary (`private_vocabulary`). `real_weight` multiplies the sample weight of
    real rows (not "invented"); `balanced` weights classes inversely to their frequency (True),
    not at all (False), or by that ratio to a power (a number, see `class_weights`).

    `context`: the conversation features (`analyzer.classify.context.CONTEXT_FEATURES`, one column
    each) of every training row, NaN rows where the row's conversation is unknown (labelled
    messages kept without their chat). With it the model uses `context_names` (default: all);
    unknown rows get the fill the model stores for unknown conversations: zeros, or
    (`context_fill="mean"`) the mean of the known rows.

    `prior_shrink`: None, or the shrinkage of `adapt_priors`, which the model then applies to
    every chat of at least `prior_min_messages` messages it categorises, with each category's
    share kept within `prior_max_ratio` of its training share (None: unbounded), the categories
    `prior_never_lower` never made less likely than in training (`adapt_priors`), and the
    categories `prior_hold` decided without the mix (`decide_with_mix`).
    """
    from sklearn.linear_model import LogisticRegression
    from threadpoolctl import threadpool_limits

    texts = pd.Series(list(texts), dtype="string")
    y = pd.Series(list(labels)).astype(str).to_numpy()
    vocab = private_vocabulary(texts, groups, min_groups=min_groups, prefix_len=prefix_len)
    model = HybridModel(sorted(set(y)), vocab, np.zeros(0), np.zeros(0), rule_features, prefix_len=prefix_len)
    if context is not None:
        names = list(context_names) if context_names is not None else list(CONTEXT_FEATURES)
        ctx = np.asarray(context, dtype=np.float32)
        if ctx.shape != (len(texts), len(CONTEXT_FEATURES)):
            raise ValueError(f"context must have shape ({len(texts)}, {len(CONTEXT_FEATURES)}), not {ctx.shape}")
        known = ~np.isnan(ctx).any(axis=1)
        idx = [CONTEXT_FEATURES.index(c) for c in names]
        fill = (ctx[known][:, idx].mean(axis=0) if context_fill == "mean" and known.any()
                else np.zeros(len(idx), dtype=np.float32))
        model.context, model.context_fill = names, fill.astype(np.float32)
    x = model.features(prepare(texts, lexicon=lexicon), context)  # vocabulary fixed above
    power = float(balanced) if not isinstance(balanced, bool) else (1.0 if balanced else 0.0)
    cw = class_weights(y, power) if power else None
    with threadpool_limits(1):
        clf = LogisticRegression(C=C, class_weight=cw, max_iter=3000, random_state=seed)
        w = np.where(pd.Series(list(groups)).astype(str).to_numpy() == "invented", 1.0, real_weight)
        clf.fit(x, y, sample_weight=w)
    # the class distribution the fit saw: sample weights times class weights
    seen = np.array([float((w * (y == c)).sum() * (cw[str(c)] if cw else 1.0)) for c in clf.classes_])
    model.train_prior = seen / seen.sum()
    if prior_shrink is not None:
        model.prior_adaptation = {"shrink": float(prior_shrink), "min_messages": int(prior_min_messages)}
        if prior_max_ratio is not None:
            model.prior_adaptation["max_ratio"] = float(prior_max_ratio)
        if prior_never_lower:
            model.prior_adaptation["never_lower"] = [str(c) for c in prior_never_lower]
        if prior_hold:
            model.prior_adaptation["hold"] = [str(c) for c in prior_hold]
    model.classes = [str(c) for c in clf.classes_]
    model.coef = clf.coef_.astype(np.float32)
    model.intercept = clf.intercept_.astype(np.float32)
    model.meta = {"C": C, "min_groups": min_groups, "seed": seed, "real_weight": real_weight, "prefix_len": prefix_len,
                  "balanced": balanced, "n_train": int(len(y)),
                  "class_counts": {c: int((y == c).sum()) for c in model.classes}}
    if context is not None:
        model.meta.update({"n_train_with_context": int(known.sum()), "context_fill": context_fill})
    return model


@lru_cache(maxsize=1)
def shipped_model() -> HybridModel:
    """The model shipped in `analyzer/data/category_model.json`."""
    text = resources.files("analyzer").joinpath("data", MODEL_FILE).read_text(encoding="utf-8")
    return HybridModel.from_json(json.loads(text))


def save_hybrid(model: HybridModel, path: str | Path) -> Path:
    path = Path(path)
    path.write_text(json.dumps(model.to_json(), ensure_ascii=False, separators=(",", ":")) + "\n", encoding="utf-8")
    return path


def _reason_strings(model: HybridModel, x: sp.csr_matrix, dense: np.ndarray, best: np.ndarray, prob: np.ndarray,
                    rule_reason: pa.ChunkedArray, note: str = "") -> pa.Array:
    """'model p=0.81<note>, strongest cue <feature> (<category>); rules: <rule reason>' per row.

    The strongest cue is the feature with the largest positive contribution (value x weight) to
    the chosen category: words from the sparse block `x`, shape and rule features from `dense`.
    `note` says how the probability was read, e.g. " (this chat's class mix)".
    """
    n = x.shape[0]
    coo_rows = np.repeat(np.arange(n), np.diff(x.indptr))
    contrib = x.data * model.coef[best[coo_rows], x.indices]
    top = np.full(n, -1, dtype=np.int64)
    seg_max = np.full(n, 0.0, dtype=np.float64)
    if contrib.size:
        starts = x.indptr[:-1]
        nonempty = np.diff(x.indptr) > 0
        seg_max[nonempty] = np.maximum.reduceat(contrib, starts[nonempty])
        is_max = (contrib == seg_max[coo_rows]) & (contrib > 0)
        hit = np.flatnonzero(is_max)
        r, first = np.unique(coo_rows[hit], return_index=True)
        top[r] = x.indices[hit[first]]
    if dense.shape[1]:
        dc = dense * model.coef[:, x.shape[1]:][best]
        dbest = dc.argmax(axis=1)
        dval = dc[np.arange(n), dbest]
        wins = (dval > seg_max) & (dval > 0)
        top[wins] = x.shape[1] + dbest[wins]
    names = model.feature_names
    pct = np.rint(prob * 100).astype(np.int64)
    # distinct (feature, class, percent) combinations are few: format those only
    key = (top + 1) * (len(model.classes) * 101) + best * 101 + pct
    ukey, inv = np.unique(key, return_inverse=True)
    texts = []
    for k in ukey.tolist():
        f, rest = divmod(k, len(model.classes) * 101)
        c, pp = divmod(rest, 101)
        cue = f", strongest cue {names[f - 1]}" if f > 0 else ""
        texts.append(f"model p={pp / 100:.2f}{note}{cue} ({model.classes[c]}); rules: ")
    head = pc.take(pa.array(texts, type=pa.large_string()), pa.array(inv))
    rr = pc.fill_null(rule_reason, "")
    rr = rr.combine_chunks() if isinstance(rr, pa.ChunkedArray) else rr
    return pc.binary_join_element_wise(head, rr, pa.scalar("", type=pa.large_string()))


def _arrow_column(col: pd.Series) -> pa.ChunkedArray:
    """An Arrow-backed string column as a large_string chunked array, without a copy to Python."""
    arr = pa.array(col.array)
    arr = arr if isinstance(arr, pa.ChunkedArray) else pa.chunked_array([arr])
    return arr.cast(pa.large_string()) if arr.type != pa.large_string() else arr


def adapt_priors(prob: np.ndarray, train_prior: np.ndarray, shrink: float = 0.5, max_iter: int = 200,
                 tol: float = 1e-6, max_ratio: float | None = None,
                 never_lower: np.ndarray | None = None) -> np.ndarray:
    """The class distribution of one chat, estimated from the model's probabilities of its messages.

    A model's probabilities carry the class mix it was fitted to; a chat has its own (a committee
    group is mostly coordination, a job board mostly vacancies and requests). The EM procedure of
    Saerens, Latinne & Decaestecker (2002, "Adjusting the outputs of a classifier to new a priori
    probabilities", Neural Computation 14(1)) re-estimates the chat's class distribution q:
    repeat  p_i(y) ∝ prob_i(y) · q(y) / train(y),  q(y) = mean_i p_i(y)  until q settles.
    The result is shrunk towards the training distribution by a geometric mean,
    q_s ∝ q^(1 − shrink) · train^shrink, because one chat's estimate is noisy (shrink 0: the EM
    estimate, 1: no adaptation). With `max_ratio` r, each category's share is then kept within
    [train/r, r · train] (the distribution is scaled and clipped to that box), so that no chat loses a category
    altogether (an EM estimate reaches 0 for a category the chat seems not to have, and a
    geometric shrinkage keeps it at 0) and no category takes over a small chat.

    `never_lower` (a boolean mask over the categories): these categories keep at least their
    training weight, q(y)/train(y) ≥ 1, before the result is renormalised. A chat can make the
    model more inclined to them, never less. EM on an imperfect classifier drifts towards the
    chat's majority categories and drains the rare ones (on 36 real groups it halved the
    predicted business news and requests), while the rare categories are what this tool
    counts. Returns the distribution (sums to 1).

    Parameters
    ----------
    prob : (n, k) array
        Class probabilities of the chat's messages under the model (rows sum to 1).
    train_prior : (k,) array
        The class distribution the model was fitted to (`HybridModel.train_prior`).
    """
    if max_ratio is not None and not max_ratio >= 1:
        raise ValueError(f"max_ratio must be at least 1, not {max_ratio!r}")
    train = np.asarray(train_prior, dtype=np.float64)
    q = train.copy()
    if len(prob) == 0:
        return q
    ratio = np.asarray(prob, dtype=np.float64) / train
    n = len(ratio)
    for _ in range(max_iter):
        # q_new(y) = mean_i ratio_i(y) q(y) / Σ_y' ratio_i(y') q(y'): two matrix-vector products
        # instead of rescaling the whole n × k matrix each round (a million messages: ms, not s)
        q_new = q * ((1.0 / (ratio @ q)) @ ratio) / n
        done = np.abs(q_new - q).max() < tol
        q = q_new
        if done:
            break
    shrunk = np.exp((1.0 - shrink) * np.log(np.maximum(q, 1e-12)) + shrink * np.log(train))
    shrunk /= shrunk.sum()
    if max_ratio is not None:
        shrunk = _clip_to_simplex(shrunk, train / max_ratio, train * max_ratio)
    if never_lower is not None:
        # weights relative to training; the posterior only sees their ratios, so renormalise after
        w = np.where(np.asarray(never_lower, dtype=bool), np.maximum(shrunk / train, 1.0), shrunk / train)
        shrunk = train * w / (train * w).sum()
    return shrunk


def reweight(prob: np.ndarray, weight: np.ndarray, held: np.ndarray | None = None) -> np.ndarray:
    """Posteriors under another class mix: prob(y) · weight(y), renormalised per message
    (weight = new mix / training mix, Saerens et al. 2002).

    `held` (a boolean mask): categories whose probability stays as it was; the other categories
    share the rest of each message's probability in proportion to prob · weight.
    """
    out = prob * weight
    if held is None or not np.any(held):
        return out / out.sum(axis=1, keepdims=True)
    held = np.asarray(held, dtype=bool)
    rest = out[:, ~held]
    total = rest.sum(axis=1, keepdims=True)
    out[:, ~held] = rest / np.where(total > 0, total, 1.0) * (1.0 - prob[:, held].sum(axis=1, keepdims=True))
    out[:, held] = prob[:, held]
    return out


def decide_with_mix(prob: np.ndarray, weight: np.ndarray, held: np.ndarray | None = None
                    ) -> tuple[np.ndarray, np.ndarray]:
    """Each message's category (column index) and probabilities under a chat's class mix.

    Without `held`: the most probable category after `reweight`. With `held` (a boolean mask): a
    message whose most probable category without the mix is a held one keeps it, and any other
    message gets the most probable category that is not held, after `reweight`. So the mix decides
    only between the categories that are not held, and never moves a message into or out of a held
    one. The shipped model holds `social` and `request`: in a chat full of small talk or of
    questions the mix would otherwise turn substantive replies into small talk or new requests,
    which the answer rule (`analyzer.metrics.answers`) does not take as answers, and the number of
    requests would depend on the chat's mix.
    """
    adjusted = reweight(prob, weight, held)
    if held is None or not np.any(held):
        return adjusted.argmax(axis=1), adjusted
    held = np.asarray(held, dtype=bool)
    alone = prob.argmax(axis=1)
    other = np.where(held[None, :], -np.inf, adjusted).argmax(axis=1)
    return np.where(held[alone], alone, other), adjusted


def _class_mask(model: HybridModel, key: str) -> np.ndarray | None:
    """The categories `prior_adaptation[key]` names, as a mask over `model.classes`; None if none."""
    names = (model.prior_adaptation or {}).get(key)
    return np.isin(np.asarray(model.classes), list(names)) if names else None


def _clip_to_simplex(q: np.ndarray, lo: np.ndarray, hi: np.ndarray) -> np.ndarray:
    """clip(s · q, lo, hi) with the scale s > 0 that makes it sum to 1 (bisection; the sum grows
    with s). Clipping and then renormalising would push shares back out of [lo, hi]."""
    if lo.sum() >= 1.0:
        return lo / lo.sum()
    a, b = 0.0, 1.0
    while np.clip(b * q, lo, hi).sum() < 1.0 and b < 1e12:
        b *= 2.0
    for _ in range(100):
        mid = 0.5 * (a + b)
        if np.clip(mid * q, lo, hi).sum() < 1.0:
            a = mid
        else:
            b = mid
    out = np.clip(b * q, lo, hi)
    return out / out.sum()


def message_context(p: Prepared, texts: pd.Series, kinds: pd.Series | None,
                    conversation: pd.DataFrame | None) -> np.ndarray | None:
    """`CONTEXT_FEATURES` of the prepared rows from `conversation` (columns `author`, `timestamp`,
    aligned with the texts), or None when no conversation is given."""
    if conversation is None or p.n == 0:
        return None
    missing = [c for c in ("author", "timestamp") if c not in conversation.columns]
    if missing:
        raise ValueError(f"conversation needs the columns author and timestamp (missing: {', '.join(missing)})")
    if len(conversation) != p.n:
        raise ValueError(f"conversation has {len(conversation)} rows for {p.n} texts")
    return context_features(conversation["author"], conversation["timestamp"], kinds, texts, p.rules["category"])


def classify_hybrid(texts: pd.Series, kinds: pd.Series | None = None, lexicon: LexiconSource = None,
                    model: HybridModel | None = None, conversation: pd.DataFrame | None = None,
                    prior: np.ndarray | None = None) -> pd.DataFrame:
    """Categorise messages with the hybrid model (default: the shipped one).

    Same output as `analyzer.classify.classify`: columns `category` and `category_reason`. Rows the
    rules give no category (deleted, system, call, media without caption) keep <NA> and the rules'
    reason; rows without any letter or digit keep the rules' decision (rule R1: emoji-only is
    social). `lexicon` changes the rules' evidence, which is one block of the model's features; where
    a cue of a user lexicon file (a path or DataFrame, not the built-in one) matches, the rules with
    that lexicon decide and the reason starts with "your lexicon: ".

    `conversation`: the `author` and `timestamp` of every text (a frame aligned with `texts`, in
    chat order, e.g. the chat's message table), for the model's conversation features
    (`analyzer.classify.context`). Without it every message is read as if alone.

    Class distribution: a model with `prior_adaptation` (the shipped one has it) re-estimates the class
    mix of the messages it is given (`adapt_priors`) when it decides at least `min_messages` of
    them, and reads every message with it: so give it a whole chat, not a few messages of one.
    `prior`: use this class distribution instead (`classes` order), e.g. one estimated on the
    whole chat (`chat_prior`).
    """
    model = model or shipped_model()
    texts = texts if isinstance(texts, pd.Series) else pd.Series(texts)
    p = prepare(texts, kinds, lexicon)
    context = message_context(p, texts, kinds, conversation) if model.context else None
    return _classify_prepared(model, texts, kinds, lexicon, p, context, prior)


def _probabilities(model: HybridModel, p: Prepared, context: np.ndarray | None
                   ) -> tuple[sp.csr_matrix, np.ndarray, np.ndarray]:
    """The word block, the dense block and the model's class probabilities of the prepared rows."""
    x, dense = model.blocks(p, context)
    width = x.shape[1]
    z = np.asarray(x @ model.coef[:, :width].T) + dense @ model.coef[:, width:].T + model.intercept
    z -= z.max(axis=1, keepdims=True)
    e = np.exp(z)
    return x, dense, e / e.sum(axis=1, keepdims=True)


def _decided(p: Prepared) -> np.ndarray:
    """Rows the model decides: not a kind without category, and with a letter or digit."""
    return ~(p.excluded | ~p.aux["has_word"])


def _chat_prior(model: HybridModel, prob: np.ndarray, decided: np.ndarray) -> np.ndarray | None:
    """The adapted class distribution for these rows, or None when the model does not adapt or too
    few rows are decided by it."""
    ad = model.prior_adaptation
    if not ad or model.train_prior.size != len(model.classes) or decided.sum() < int(ad.get("min_messages", 50)):
        return None
    ratio = ad.get("max_ratio")
    return adapt_priors(prob[decided], model.train_prior, float(ad.get("shrink", 0.5)),
                        max_ratio=None if ratio is None else float(ratio),
                        never_lower=_class_mask(model, "never_lower"))


def chat_prior(texts: pd.Series, kinds: pd.Series | None = None, model: HybridModel | None = None,
               lexicon: LexiconSource = None, conversation: pd.DataFrame | None = None) -> np.ndarray | None:
    """The class distribution `classify_hybrid` would use for these messages (a whole chat), in
    `model.classes` order, or None when it would use the training distribution unchanged."""
    model = model or shipped_model()
    texts = texts if isinstance(texts, pd.Series) else pd.Series(texts)
    p = prepare(texts, kinds, lexicon)
    if p.n == 0:
        return None
    context = message_context(p, texts, kinds, conversation) if model.context else None
    return _chat_prior(model, _probabilities(model, p, context)[2], _decided(p))


def _classify_prepared(model: HybridModel, texts: pd.Series, kinds: pd.Series | None, lexicon: LexiconSource,
                       p: Prepared, context: np.ndarray | None, prior: np.ndarray | None = None) -> pd.DataFrame:
    """`classify_hybrid` once the texts are prepared and the conversation features are known."""
    if p.n == 0:
        return p.rules
    x, dense, prob_all = _probabilities(model, p, context)
    q = prior if prior is not None else _chat_prior(model, prob_all, _decided(p))
    mixed = (q is not None and model.train_prior.size == len(model.classes)
             and not np.allclose(np.asarray(q, dtype=np.float64), model.train_prior))
    if q is not None and model.train_prior.size == len(model.classes):
        best, prob_all = decide_with_mix(prob_all, np.asarray(q, dtype=np.float64) / model.train_prior,
                                         _class_mask(model, "hold"))
    else:
        best = prob_all.argmax(axis=1)
    prob = prob_all[np.arange(p.n), best]
    keep_rules = ~_decided(p)
    cat = pa.array(np.asarray(model.classes, dtype=object)[best], type=pa.large_string())
    rule_cat = _arrow_column(p.rules["category"]).combine_chunks()
    rule_reason = _arrow_column(p.rules["category_reason"])
    # the reason says when the probability is not the model's reading of the message alone
    note = (" (fitted to your coding)" if "fitted_to_coding" in model.meta
            else " (this chat's class mix)" if mixed else "")
    reason = _reason_strings(model, x, dense, best, prob, rule_reason, note)
    user_hit = _user_cue_rows(texts, kinds, lexicon) & ~keep_rules
    if user_hit.any():
        # the user's own cues decide where they match: an edited lexicon must change the outcome
        reason = pc.if_else(pa.array(user_hit),
                            pc.binary_join_element_wise(pa.scalar("your lexicon: ", pa.large_string()),
                                                        rule_reason.combine_chunks(),
                                                        pa.scalar("", pa.large_string())), reason)
        keep_rules = keep_rules | user_hit
        mask = pa.array(user_hit)
        cat = pc.if_else(mask, rule_cat, cat)
    mask = pa.array(keep_rules & ~user_hit)
    cat = pc.if_else(mask, rule_cat, cat)
    reason = pc.if_else(mask, rule_reason.combine_chunks(), reason)
    return pd.DataFrame({"category": pd.Series(pd.arrays.ArrowStringArray(cat), dtype=STRING, index=texts.index),
                         "category_reason": pd.Series(pd.arrays.ArrowStringArray(reason), dtype=STRING,
                                                      index=texts.index)})


def _user_cue_rows(texts: pd.Series, kinds: pd.Series | None, lexicon: LexiconSource) -> np.ndarray:
    """Rows where a cue of the user's lexicon file (path or DataFrame) with positive weight matches."""
    n = len(texts)
    if lexicon is None or isinstance(lexicon, Lexicon):
        return np.zeros(n, dtype=bool)
    user = load_lexicon(lexicon, replace=True)
    user = Lexicon(tuple(c for c in user.cues if c.weight > 0), user.variants, user.source)
    if not user.cues:
        return np.zeros(n, dtype=bool)
    scores = classify_with_scores(texts, kinds, lexicon=user)[1]
    return (scores > 0).any(axis=0)


def predict(model: HybridModel, texts: pd.Series, kinds: pd.Series | None = None,
            context: np.ndarray | None = None, prior: np.ndarray | None = None) -> pd.DataFrame:
    """`classify_hybrid` with an explicit model, precomputed conversation features `context`
    (`CONTEXT_FEATURES` columns, NaN rows unknown) and class distribution `prior`, as the
    evaluation script has them (it scores labelled messages of a chat, not the whole chat)."""
    texts = texts if isinstance(texts, pd.Series) else pd.Series(texts)
    if context is None or not model.context:
        return classify_hybrid(texts, kinds, model=model, prior=prior)
    return _classify_prepared(model, texts, kinds, None, prepare(texts, kinds), context, prior)
