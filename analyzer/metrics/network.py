"""Weak-tie interaction network: who answers whom, tie strength, bridges and brokers.

Definitions (docs/metrics.md, "Interaction graph and weak ties"), all over the user messages passed in
(system lines and records without an author are ignored):

- Turn: a maximal run of consecutive messages by one author, each within τ_burst (default 300 s)
  of the previous one (`analyzer.metrics.turns`).
- Reply edge A→B: a turn of A whose previous turn was by B ≠ A and started within Δ (default
  1800 s; sensitivity 300/900/3600 s) after B's turn ended. Because turns only merge messages of
  one author, this is the same as: two messages adjacent in time, by different authors, at most Δ
  apart (the later author replies to the earlier). τ_burst therefore never changes the edges; it
  only decides which messages form the answered turn (used for "replies to business news").
- Mention edge A→B: each message of A that @mentions member B ≠ A adds A→B once, in addition to
  any reply edge ("as well"). A mention is resolved by the member's normalised display name
  (`@Budi Santoso`, also wrapped in U+2068…U+2069 as Android writes it) or by the digits of a
  phone-number author (`@6281234567890` ↔ `+62 812-3456-7890`; a leading 0 matches the number's
  national part). Unmatched mentions are counted in `notes`.
- Tie strength (Granovetter 1973, frequency of interaction): the undirected weight
  w_AB = count(A→B) + count(B→A). Weak tie: w_AB ≤ w_weak (default 2); `weak_tie_share` = weak
  edges / edges.
- Topological overlap (Onnela et al. 2007): O_AB = n_AB / ((k_A − 1) + (k_B − 1) − n_AB), with
  n_AB common neighbours and k degrees; NaN where the denominator is 0 (an isolated pair). The
  weak-ties hypothesis predicts that strong ties sit inside dense clusters, i.e. Spearman
  ρ(w, O) > 0 (`overlap_weight_spearman`, over edges with a defined O).
- Local bridge: an edge whose endpoints have no common neighbour (O_AB = 0), as networkx
  `local_bridges` finds them (so an isolated pair, O undefined, is a local bridge too).
- Density 2E / (n(n − 1)) over all nodes (every poster, and mentioned members); reciprocity: the
  share of directed edges A→B whose reverse B→A exists (networkx `overall_reciprocity`).
- Communities: Louvain (Blondel et al. 2008) on the weighted graph, seeded, and their weighted
  modularity (Newman 2006); isolated members form their own singleton communities.
- Brokers: betweenness centrality with edge length 1/w (strong ties are short; Brandes 2001,
  normalised by (n − 1)(n − 2) as networkx does), Burt's (1992) constraint and effective size
  with weights (networkx's definitions: p_uv = w_uv / Σ_x w_ux; constraint
  c(u) = Σ_{v∈N(u)} (p_uv + Σ_x p_ux p_xv)²; effective size
  e(u) = Σ_{v∈N(u)} (1 − Σ_x p_ux w_vx / max_y w_vy)); both undefined for isolated members.
  Degree = neighbours, strength = Σ w.
- News over weak ties: of the reply edges whose answered turn contains a `business_news`
  message, the share whose pair is a weak tie in the final graph. Needs a `category` column.
- Null model (the caution in docs/metrics.md: a prolific poster collects "replies" from whoever speaks
  next): authors are shuffled within each calendar day, preserving every author's message count
  per day, while timestamps, texts (and therefore mention targets) stay in place; reply and
  mention edges are recounted, `null_draws` (default 200) seeded draws. Reported: observed value,
  null mean and sd and z = (observed − mean) / sd for the mean overlap and the weak-tie share.

References
----------
- Granovetter, M. S. (1973). The strength of weak ties. *American Journal of Sociology* 78(6):
  1360-1380.
- Onnela, J.-P., Saramäki, J., Hyvönen, J., Szabó, G., Lazer, D., Kaski, K., Kertész, J. &
  Barabási, A.-L. (2007). Structure and tie strengths in mobile communication networks.
  *PNAS* 104(18): 7332-7336.
- Burt, R. S. (1992). *Structural Holes: The Social Structure of Competition*. Harvard UP.
- Blondel, V. D., Guillaume, J.-L., Lambiotte, R. & Lefebvre, E. (2008). Fast unfolding of
  communities in large networks. *J. Stat. Mech.* P10008.
- Brandes, U. (2001). A faster algorithm for betweenness centrality. *J. Math. Sociol.* 25(2):
  163-177.
"""
from __future__ import annotations

import math
import os
import re
import unicodedata
from dataclasses import dataclass, field
from typing import Iterable, Sequence

import networkx as nx
import numpy as np
import pandas as pd
import pyarrow.compute as pc

from analyzer.metrics.jsonready import jsonable
from analyzer.chat.schema import EXPORTER, STRING
from analyzer.metrics.members import name_key
from analyzer.metrics.turns import REPLY_WINDOW_S, TAU_BURST_S, labels_from_codes

W_WEAK = 2
NULL_DRAWS = 200
DELTA_SENSITIVITY_S = (300, 900, 1800, 3600)
"""Δ values docs/metrics.md asks to compare (5/15/30/60 min)."""

NEWS = "business_news"
EDGE_COLUMNS = ("source", "target", "weight", "a_to_b", "b_to_a", "overlap", "weak", "local_bridge")

NAN = float("nan")


# --------------------------------------------------------------------------------------------
# Mentions


_INVISIBLE = re.compile("[\u200e\u200f\u202a-\u202e\u2066-\u2069\ufeff]")
_PHONE_KEY = re.compile(r"^\+\d{6,}$")
_NUMBER = re.compile(r"\+?(\d{6,15})(?!\d)")
_DIGITS_ONLY = re.compile(r"^\+?[\d\s\-]{6,}$")
_WORD = re.compile(r"\w+")
_OPEN, _CLOSE = "\u2068", "\u2069"


def _head(s: str) -> str:
    """Lookup key of a name or of the text after '@': its first word, else its first character."""
    m = _WORD.match(s)
    return m.group(0) if m else s[:1]


class MentionResolver:
    """Maps the text after an `@` to a member.

    Android wraps a mention in U+2068…U+2069, which gives its exact extent: the wrapped text is
    matched whole, by normalised name (`members.name_key`) or by phone digits. Unwrapped mentions
    match the longest member name the text starts with (case-insensitive, not followed by a letter
    or digit), so `@Budi Santoso` is not read as `@Budi` when both are members. Numbers match the
    digits of phone-number authors exactly; a national number with a leading 0 matches the one
    member whose digits end with the rest.
    """

    def __init__(self, members: Iterable[str]) -> None:
        names: dict[str, str] = {}
        phones: dict[str, str] = {}
        for m in members:
            if m is None or (isinstance(m, float) and math.isnan(m)):
                continue
            m = str(m)
            if not m.strip() or m == EXPORTER:
                continue
            key = name_key(m)
            if _PHONE_KEY.match(key):
                phones.setdefault(key[1:], m)
            else:
                names.setdefault(key, m)
        self.names = names
        self.phones = phones
        # Candidates by first word, longest first, so the first hit is the longest name.
        by_head: dict[str, list[tuple[str, str]]] = {}
        for key, m in names.items():
            by_head.setdefault(_head(key), []).append((key, m))
        self.by_head = {h: sorted(v, key=lambda kv: -len(kv[0])) for h, v in by_head.items()}

    def _phone(self, digits: str) -> str | None:
        hit = self.phones.get(digits)
        if hit is None and digits.startswith("0") and len(digits) >= 8:
            rest = digits[1:]
            found = [m for d, m in self.phones.items() if d.endswith(rest)]
            hit = found[0] if len(found) == 1 else None
        return hit

    def resolve(self, after: str) -> str | None:
        """The member that the text right after an '@' names, or None."""
        if after.startswith(_OPEN):
            close = after.find(_CLOSE)
            if close > 0:
                inner = after[1:close]
                if _DIGITS_ONLY.match(inner):
                    return self._phone(re.sub(r"\D", "", inner))
                return self.names.get(name_key(inner))
        text = _display(after[:200])
        num = _NUMBER.match(text)
        if num:
            return self._phone(num.group(1))
        folded = " ".join(text.split()).casefold()
        for key, m in self.by_head.get(_head(folded), ()):
            if folded.startswith(key) and (len(folded) == len(key) or not (folded[len(key)].isalnum()
                                                                            or folded[len(key)] == "_")):
                return m
        return None

    def find(self, text: str) -> tuple[list[str], int]:
        """(distinct members mentioned in `text`, in order; number of @-words not matched).

        An '@' after a letter or digit (an e-mail address) or before a space is not a mention.
        """
        out: list[str] = []
        missed = 0
        p = text.find("@")
        while p >= 0:
            before = text[p - 1] if p else " "
            nxt = text[p + 1:p + 2]
            if not (before.isalnum() or before == "_") and nxt and not nxt.isspace():
                who = self.resolve(text[p + 1:])
                if who is None:
                    missed += 1
                elif who not in out:
                    out.append(who)
            p = text.find("@", p + 1)
        return out, missed


def _display(s: str) -> str:
    """Text as it reads: direction marks and U+2068/2069 wrappers removed, NBSP as space, NFKC."""
    return unicodedata.normalize("NFKC", _INVISIBLE.sub("", s)).replace("\u00a0", " ")


def find_mentions(text: pd.Series, author_codes: np.ndarray, author_labels: Sequence[str],
                  members: Iterable[str]) -> tuple[pd.DataFrame, int]:
    """Mentions in a message table: DataFrame (row = position in `text`, target member) and the
    number of @-words that matched no member. `author_codes[i]` indexes `author_labels`.

    Only messages containing "@" are looked at (a vectorised Arrow filter), so a million-message
    chat costs a pass over the few that mention someone. Self-mentions are dropped; a member
    mentioned twice in one message counts once.
    """
    empty = pd.DataFrame({"row": pd.Series(dtype="int64"), "target": pd.Series(dtype=object)})
    if len(text) == 0:
        return empty, 0
    arr = pd.array(text, dtype=STRING).__arrow_array__()
    has_at = np.asarray(pc.fill_null(pc.match_substring(arr, "@"), False).to_numpy(zero_copy_only=False), dtype=bool)
    rows = np.flatnonzero(has_at)
    if rows.size == 0:
        return empty, 0
    resolver = MentionResolver(members)
    texts = text.iloc[rows].astype(object).tolist()
    authors = [author_labels[c] for c in np.asarray(author_codes)[rows].tolist()]
    out_row: list[int] = []
    out_tgt: list[str] = []
    unmatched = 0
    for r, t, a in zip(rows.tolist(), texts, authors):
        who, miss = resolver.find(t)
        unmatched += miss
        for b in who:
            if b != a:
                out_row.append(r)
                out_tgt.append(b)
    return pd.DataFrame({"row": np.asarray(out_row, dtype=np.int64), "target": out_tgt}), unmatched


# --------------------------------------------------------------------------------------------
# Edge extraction (codes)


@dataclass(frozen=True)
class _Events:
    """Chronological messages as integer codes plus every reply and mention event.

    `labels`: node names, sorted (so results do not depend on file order); `author`: code per
    message in time order; `eligible`: positions i ≥ 1 whose gap to message i − 1 is ≤ Δ (the only
    places a reply edge can be, whoever the authors are: the null model reuses them);
    `day_bounds`: start offsets of calendar days in time order (plus the end).
    """

    labels: np.ndarray
    author: np.ndarray
    time: np.ndarray
    eligible: np.ndarray
    day_bounds: np.ndarray
    reply_src: np.ndarray
    reply_dst: np.ndarray
    reply_time: np.ndarray
    reply_news: np.ndarray  # the answered turn holds a business_news message
    reply_target_category: np.ndarray | None
    mention_pos: np.ndarray  # positions (time order) of mentioning messages
    mention_dst: np.ndarray
    mention_time: np.ndarray
    messages_per_node: np.ndarray
    has_category: bool
    unmatched_mentions: int


def _user_messages(messages: pd.DataFrame) -> pd.DataFrame:
    # Only the columns used here: filtering all ten Arrow columns of a million rows costs ~1 s.
    m = messages[[c for c in ("timestamp", "author", "text", "kind", "category") if c in messages.columns]]
    keep = m["author"].notna()
    if "kind" in m.columns:
        keep &= m["kind"] != "system"
    if "timestamp" in m.columns:
        keep &= m["timestamp"].notna()
    keep = keep.to_numpy(dtype=bool)
    return m if keep.all() else m[keep]


def _events(
    messages: pd.DataFrame, *, delta_s: float, tau_burst_s: float, mentions: bool,
    members: Iterable[str] | None,
) -> _Events:
    """Turns and edges in numpy.

    Same definitions as `turns.segment_turns` (a test checks that the reply edges agree), without
    building its per-turn table of strings, which would cost more than the whole graph here.
    """
    user = _user_messages(messages)
    n_msg = len(user)
    codes, uniques = pd.factorize(user["author"], sort=False)
    uniq = [str(u) for u in uniques]
    if mentions and n_msg and "text" in user.columns:
        pool = set(uniq)
        if members is not None:
            pool |= {str(m) for m in members if m is not None and str(m) != EXPORTER}
        mtab, unmatched = find_mentions(user["text"], codes, uniq, sorted(pool))
    else:
        mtab, unmatched = pd.DataFrame({"row": pd.Series(dtype="int64"), "target": pd.Series(dtype=object)}), 0
    labels = np.array(sorted(set(uniq) | set(mtab["target"].tolist())), dtype=object)
    code_of = {v: i for i, v in enumerate(labels.tolist())}
    remap = np.array([code_of[u] for u in uniq], dtype=np.int64)

    ts = user["timestamp"].to_numpy(dtype="datetime64[ns]")
    order = np.argsort(ts, kind="stable")  # exports are not always chronological; keep file order per minute
    t = ts[order]
    a = remap[np.asarray(codes, dtype=np.int64)[order]] if n_msg else np.zeros(0, np.int64)
    tn = t.view(np.int64)
    gap = np.diff(tn)
    same = a[1:] == a[:-1] if n_msg else np.zeros(0, dtype=bool)
    # Eligible: i ≥ 1 with gap ≤ Δ. A reply is an eligible position whose author differs from the
    # previous message's (an author change always starts a turn, and the previous turn ends at
    # message i − 1).
    gap_ok = gap <= delta_s * 1e9
    eligible = np.flatnonzero(gap_ok) + 1
    rpos = np.flatnonzero(gap_ok & ~same) + 1
    day = t.astype("datetime64[D]")
    day_bounds = np.flatnonzero(np.r_[True, day[1:] != day[:-1], True]) if n_msg else np.array([0], np.int64)

    has_category = "category" in user.columns
    reply_news = np.zeros(rpos.size, dtype=bool)
    reply_cat = None
    if has_category and n_msg:
        new_turn = np.r_[True, ~same | (gap > tau_burst_s * 1e9)]
        turn = np.cumsum(new_turn) - 1
        cat = user["category"].to_numpy(dtype=object)[order]
        news = (pd.Series(cat, dtype=object) == NEWS).to_numpy(dtype=bool)
        turn_news = np.bincount(turn, weights=news, minlength=int(turn[-1]) + 1) > 0
        reply_news = turn_news[turn[rpos - 1]]
        reply_cat = cat[rpos - 1]  # the last message of the answered turn: the one right before

    if len(mtab):
        inv = np.empty(n_msg, dtype=np.int64)
        inv[order] = np.arange(n_msg)
        mention_pos = inv[mtab["row"].to_numpy()]
        mention_dst = np.array([code_of[x] for x in mtab["target"].tolist()], dtype=np.int64)
        srt = np.argsort(mention_pos, kind="stable")
        mention_pos, mention_dst = mention_pos[srt], mention_dst[srt]
    else:
        mention_pos = np.zeros(0, np.int64)
        mention_dst = np.zeros(0, np.int64)
    return _Events(
        labels=labels, author=a.astype(np.int64), time=t, eligible=eligible, day_bounds=day_bounds,
        reply_src=a[rpos], reply_dst=a[rpos - 1], reply_time=t[rpos], reply_news=reply_news,
        reply_target_category=reply_cat, mention_pos=mention_pos, mention_dst=mention_dst,
        mention_time=t[mention_pos], messages_per_node=np.bincount(a, minlength=labels.size).astype(np.int64),
        has_category=has_category, unmatched_mentions=int(unmatched),
    )


def reply_edges(
    messages: pd.DataFrame, *, delta_s: float = REPLY_WINDOW_S, tau_burst_s: float = TAU_BURST_S,
    mentions: bool = True, members: Iterable[str] | None = None,
) -> pd.DataFrame:
    """Every interaction event, one row each: source, target, kind ("reply" | "mention"), time.

    `time` is the start of the replying turn, or the mentioning message's time. With a `category`
    column in `messages` two more columns: `target_category` (category of the last message of the
    answered turn, i.e. the message directly replied to; <NA> for mentions) and `target_news`
    (the answered turn contains a business_news message; False for mentions). `members`: extra
    names a mention may refer to (members who never posted). Ordered by time, replies first.
    """
    ev = _events(messages, delta_s=delta_s, tau_burst_s=tau_burst_s, mentions=mentions, members=members)
    src = np.concatenate([ev.reply_src, ev.author[ev.mention_pos]])
    dst = np.concatenate([ev.reply_dst, ev.mention_dst])
    kind = np.array(["reply"] * ev.reply_src.size + ["mention"] * ev.mention_pos.size, dtype=object)
    time = np.concatenate([ev.reply_time, ev.mention_time]).astype("datetime64[ns]")
    df = pd.DataFrame({
        "source": labels_from_codes(src, ev.labels),
        "target": labels_from_codes(dst, ev.labels),
        "kind": pd.array(kind, dtype="string[pyarrow]") if kind.size else pd.array([], dtype="string[pyarrow]"),
        "time": time,
    })
    if ev.has_category:
        cat = np.concatenate([ev.reply_target_category if ev.reply_target_category is not None
                              else np.array([None] * ev.reply_src.size, dtype=object),
                              np.array([None] * ev.mention_pos.size, dtype=object)])
        df["target_category"] = pd.array(cat.tolist(), dtype="string[pyarrow]")
        df["target_news"] = np.concatenate([ev.reply_news, np.zeros(ev.mention_pos.size, dtype=bool)])
    order = np.lexsort((np.r_[np.zeros(ev.reply_src.size), np.ones(ev.mention_pos.size)], time.astype(np.int64)))
    return df.iloc[order].reset_index(drop=True)


def build_graph(edges: pd.DataFrame, nodes: Iterable[str] | None = None) -> tuple[nx.DiGraph, nx.Graph]:
    """(directed counts, undirected weights) from an edge event table (`reply_edges`).

    DiGraph edge attributes: `count` (events A→B), `replies`, `mentions`. Graph edge attributes:
    `weight` = count(A→B) + count(B→A), `distance` = 1/weight (for betweenness), `a_to_b`,
    `b_to_a` with a < b by name. `nodes` adds members without any edge.
    """
    D = nx.DiGraph()
    G = nx.Graph()
    allnodes = sorted(set(edges["source"].astype(str)) | set(edges["target"].astype(str)) | set(nodes or ()))
    D.add_nodes_from(allnodes)
    G.add_nodes_from(allnodes)
    if len(edges):
        e = pd.DataFrame({"s": edges["source"].astype(str), "t": edges["target"].astype(str),
                          "k": edges["kind"].astype(str) if "kind" in edges else "reply"})
        e = e[e["s"] != e["t"]]
        agg = e.groupby(["s", "t", "k"]).size().unstack("k", fill_value=0)
        for (s, t), row in agg.iterrows():
            r, m = int(row.get("reply", 0)), int(row.get("mention", 0))
            D.add_edge(s, t, count=r + m, replies=r, mentions=m)
    for s, t, d in D.edges(data=True):
        a, b = (s, t) if s < t else (t, s)
        if not G.has_edge(a, b):
            ab = D[a][b]["count"] if D.has_edge(a, b) else 0
            ba = D[b][a]["count"] if D.has_edge(b, a) else 0
            G.add_edge(a, b, weight=ab + ba, distance=1.0 / (ab + ba), a_to_b=ab, b_to_a=ba)
    return D, G


# --------------------------------------------------------------------------------------------
# Matrix kernels (shared by the observed graph and the null model)


def count_matrix(author: np.ndarray, eligible: np.ndarray, mention_pos: np.ndarray, mention_dst: np.ndarray,
                 n: int) -> np.ndarray:
    """C[a, b] = number of events a→b: replies at `eligible` positions (author[i] → author[i−1])
    plus mentions (author[pos] → dst); self-pairs are not edges and are dropped."""
    nn = n * n
    if eligible.size:
        code = author[eligible] * n + author[eligible - 1]
        cnt = np.bincount(code, minlength=nn)
    else:
        cnt = np.zeros(nn, dtype=np.int64)
    if mention_pos.size:
        cnt = cnt + np.bincount(author[mention_pos] * n + mention_dst, minlength=nn)
    C = cnt.reshape(n, n)
    np.fill_diagonal(C, 0)
    return C


def common_neighbours(A: np.ndarray, i: np.ndarray, j: np.ndarray) -> np.ndarray:
    """n_ij for the pairs (i, j) of the boolean adjacency A.

    Row-wise AND at the edges for ordinary groups; a float32 matrix product (exact below 2^24)
    only when that would touch more than 2·10^7 cells, because BLAS threads fight for the two
    cores and lose to plain numpy at this size.
    """
    n = A.shape[0]
    if i.size * n <= 20_000_000:
        return (A[i] & A[j]).sum(axis=1).astype(np.float64)
    Af = A.astype(np.float32)
    return (Af @ Af)[i, j].astype(np.float64)


def overlap_matrix(W: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(i, j, O) for every edge i < j of the symmetric weight matrix W.

    O_ij = n_ij / ((k_i − 1) + (k_j − 1) − n_ij) (Onnela et al. 2007); NaN where that is 0/0.
    """
    A = (W > 0)
    i, j = np.nonzero(np.triu(A, 1))
    if i.size == 0:
        return i, j, np.zeros(0)
    k = A.sum(axis=1).astype(np.float64)
    cn = common_neighbours(A, i, j)
    denom = (k[i] - 1) + (k[j] - 1) - cn
    with np.errstate(invalid="ignore", divide="ignore"):
        O = np.where(denom > 0, cn / np.where(denom > 0, denom, 1), NAN)
    return i, j, O


def tie_matrices(messages: pd.DataFrame, *, delta_s: float, tau_burst_s: float, mentions: bool,
                 members: Iterable[str] | None = None):
    """The interaction counts and ties of `network_metrics`, before any graph measure.

    Returns (events, C, W, i, j, O): the reply/mention events (`_events`), the directed count
    matrix C (C[a, b] = replies and mentions from a to b), the undirected tie weights W = C + Cᵀ,
    and the ties i < j with their Onnela overlap O (`overlap_matrix`). One definition for the full
    network and for the sensitivity table (`analyzer.metrics.sensitivity`).
    """
    ev = _events(messages, delta_s=delta_s, tau_burst_s=tau_burst_s, mentions=mentions, members=members)
    C = count_matrix(ev.author, ev.eligible, ev.mention_pos, ev.mention_dst, ev.labels.size)
    W = C + C.T
    i, j, O = overlap_matrix(W)
    return ev, C, W, i, j, O


def spearman(x: np.ndarray, y: np.ndarray) -> float:
    """Spearman's ρ: Pearson correlation of average ranks (ties share their mean rank), as
    `scipy.stats.spearmanr` computes it, without importing scipy.stats (seconds of import time)."""
    rx = pd.Series(x).rank(method="average").to_numpy()
    ry = pd.Series(y).rank(method="average").to_numpy()
    rx, ry = rx - rx.mean(), ry - ry.mean()
    den = math.sqrt(float((rx * rx).sum()) * float((ry * ry).sum()))
    return float((rx * ry).sum() / den) if den > 0 else NAN


def _summary(W: np.ndarray, w_weak: float) -> tuple[float, float]:
    """(mean overlap over edges with a defined O, weak-tie share) of a weight matrix."""
    i, j, O = overlap_matrix(W)
    if i.size == 0:
        return NAN, NAN
    ok = ~np.isnan(O)
    return (float(O[ok].mean()) if ok.any() else NAN), float(np.mean(W[i, j] <= w_weak))


def weighted_betweenness(W: np.ndarray, *, rtol: float = 1e-9) -> np.ndarray:
    """Betweenness centrality with edge length 1/w (Brandes 2001), normalised like networkx's
    `betweenness_centrality(G, weight=..., normalized=True)`: Σ_{s≠v≠t} σ_st(v)/σ_st divided by
    (n − 1)(n − 2).

    networkx runs a Python Dijkstra from every node (seconds for a dense 150-member graph); here the
    distances come from scipy's C Dijkstra and, per source, the shortest-path DAG is a triangular
    matrix in distance order, so path counts σ and dependencies δ are two triangular solves. Path
    lengths equal up to `rtol` count as ties (networkx compares floats exactly, so it can miss a
    tie such as 1/3 + 1/6 = 1/2 by one rounding step).
    """
    from scipy.linalg import solve_triangular
    from scipy.sparse import csr_matrix
    from scipy.sparse.csgraph import dijkstra

    n = W.shape[0]
    bc = np.zeros(n)
    if n < 3 or not (W > 0).any():
        return bc
    L = np.zeros(W.shape, dtype=float)
    nz = W > 0
    L[nz] = 1.0 / W[nz]
    D = dijkstra(csr_matrix(L), directed=False)
    for s in range(n):
        d = D[s]
        reach = np.flatnonzero(np.isfinite(d))
        if reach.size < 3:
            continue
        order = reach[np.argsort(d[reach], kind="stable")]
        ds = d[order]
        sub = L[np.ix_(order, order)]
        # v precedes w on a shortest path from s: an edge v–w with d(v) + len(v, w) = d(w).
        P = np.triu((sub > 0) & np.isclose(ds[:, None] + sub, ds[None, :], rtol=rtol, atol=0.0), 1)
        Pf = P.astype(float)
        m = order.size
        e0 = np.zeros(m)
        e0[0] = 1.0
        # σ_w = Σ_{v→w} σ_v, σ_s = 1: (I − Pᵀ) σ = e_s, lower triangular in distance order.
        sigma = solve_triangular(np.eye(m) - Pf.T, e0, lower=True, unit_diagonal=True, check_finite=False)
        # δ_v = Σ_{v→w} σ_v/σ_w (1 + δ_w): (I − S) δ = S·1, upper triangular.
        S = Pf * (sigma[:, None] / sigma[None, :])
        delta = solve_triangular(np.eye(m) - S, S.sum(axis=1), lower=False, unit_diagonal=True, check_finite=False)
        bc[order[1:]] += delta[1:]
    return bc / ((n - 1) * (n - 2))


def burt_constraint(W: np.ndarray) -> np.ndarray:
    """Burt's constraint per node (networkx `constraint(G, weight=...)`), NaN for isolated nodes.

    p_uv = w_uv / Σ_x w_ux (mutual weight normalised by the node's total);
    c(u) = Σ_{v∈N(u)} (p_uv + Σ_x p_ux p_xv)². Low constraint = contacts not tied to each other.
    """
    Wf = W.astype(float)
    s = Wf.sum(axis=1)
    with np.errstate(invalid="ignore", divide="ignore"):
        P = np.where(s[:, None] > 0, Wf / np.where(s > 0, s, 1)[:, None], 0.0)
    c = (((P + P @ P) ** 2) * (Wf > 0)).sum(axis=1)
    c[s == 0] = NAN
    return c


def effective_size(W: np.ndarray) -> np.ndarray:
    """Burt's effective size per node with weights (networkx `effective_size(G, weight=...)`).

    e(u) = Σ_{v∈N(u)} (1 − Σ_x p_ux m_vx), p_ux = w_ux / Σ_y w_uy, m_vx = w_vx / max_y w_vy:
    the number of contacts minus their redundancy. NaN for isolated nodes.
    """
    Wf = W.astype(float)
    s = Wf.sum(axis=1)
    mx = Wf.max(axis=1) if Wf.size else np.zeros(0)
    P = np.where(s[:, None] > 0, Wf / np.where(s > 0, s, 1)[:, None], 0.0)
    M = np.where(mx[:, None] > 0, Wf / np.where(mx > 0, mx, 1)[:, None], 0.0)
    e = ((1.0 - P @ M.T) * (Wf > 0)).sum(axis=1)
    e[s == 0] = NAN
    return e


# --------------------------------------------------------------------------------------------
# Null model


def shuffled_summaries(
    author: np.ndarray, day_bounds: np.ndarray, eligible: np.ndarray, mention_pos: np.ndarray,
    mention_dst: np.ndarray, n: int, *, w_weak: float, draws: int, seed: int, workers: int | None = None,
) -> np.ndarray:
    """(draws × 2) array of (mean overlap, weak-tie share) under the within-day author shuffle.

    Each draw permutes the authors inside every calendar day (so each author's count per day is
    kept) and recounts reply edges at the same eligible positions and mentions with the same
    targets: no graph is rebuilt, the weight matrix comes from one `bincount` per draw. Draw k
    uses the k-th child of `SeedSequence(seed)`, so the result does not depend on `workers`
    (threads: numpy's shuffle and array arithmetic run without the GIL).
    """
    out = np.full((max(draws, 0), 2), NAN)
    if draws <= 0 or n == 0 or author.size < 2:
        return out
    author = np.ascontiguousarray(author, dtype=np.int64)  # 8-byte items take numpy's fast shuffle path
    starts, ends = day_bounds[:-1], day_bounds[1:]
    multi = (ends - starts) > 1  # one-message days cannot change
    spans = list(zip(starts[multi].tolist(), ends[multi].tolist()))
    children = np.random.SeedSequence(seed).spawn(draws)
    nn = n * n
    m = author.size
    # Dense eligibility (busy chats): compute the pair code at every position and send the few
    # ineligible ones to a dump bin, which beats gathering 90% of a million positions.
    dense = eligible.size * 2 > m
    if dense:
        skip = np.setdiff1d(np.arange(1, m), eligible, assume_unique=True) - 1

    def run(ks: list[int]) -> None:
        work = np.empty_like(author)
        code = np.empty(m - 1, dtype=np.int64) if dense else None
        for k in ks:
            rng = np.random.default_rng(children[k])
            work[:] = author
            for a, b in spans:
                rng.shuffle(work[a:b])  # Fisher–Yates in C on a day-sized, cache-resident view
            if dense:
                np.multiply(work[1:], n, out=code)
                np.add(code, work[:-1], out=code)
                code[skip] = nn
                cnt = np.bincount(code, minlength=nn + 1)[:nn]
            else:
                cnt = np.bincount(work[eligible] * n + work[eligible - 1], minlength=nn)
            if mention_pos.size:
                cnt = cnt + np.bincount(work[mention_pos] * n + mention_dst, minlength=nn)
            C = cnt.reshape(n, n).copy()
            np.fill_diagonal(C, 0)
            out[k] = _summary(C + C.T, w_weak)

    if workers is None:
        workers = min(2, os.cpu_count() or 1)
    workers = max(1, min(int(workers), draws))
    if workers == 1:
        run(list(range(draws)))
    else:
        from concurrent.futures import ThreadPoolExecutor

        with ThreadPoolExecutor(workers) as ex:
            list(ex.map(run, [list(range(w, draws, workers)) for w in range(workers)]))
    return out


# --------------------------------------------------------------------------------------------
# Result


@dataclass(frozen=True)
class NetworkResult:
    """The interaction network of one message table (see the module docstring for definitions).

    Scalars that are undefined (no edges, < 3 overlaps for ρ, ...) are NaN here and null in
    `to_dict()`. `edge_frame` (one row per undirected edge, `EDGE_COLUMNS`) and `node_frame` (one
    row per node: member, messages, community, degree, strength, betweenness, constraint,
    effective_size) carry the per-edge and per-member values for tables, files and charts.
    """

    nodes: int
    edges: int
    density: float
    reciprocity: float
    weak_tie_share: float
    local_bridges: int
    overlap_weight_spearman: float
    communities: list[list[str]]
    modularity: float
    brokers: list[dict]
    news_via_weak_ties_share: float
    null_model: dict
    parameters: dict
    notes: tuple[str, ...] = ()
    edge_frame: pd.DataFrame = field(default=None, repr=False, compare=False)  # type: ignore[assignment]
    node_frame: pd.DataFrame = field(default=None, repr=False, compare=False)  # type: ignore[assignment]

    def graph_dict(self) -> dict:
        """The drawable graph, compact: `nodes` rows [member, messages, community, betweenness] and
        `edges` rows [source, target, weight, weak, overlap, local_bridge] with their column names,
        so a chart or report can draw the network from report.json alone."""
        nf, ef = self.node_frame, self.edge_frame
        nodes = [[m, int(x), int(c), float(b)] for m, x, c, b in zip(
            nf["member"].astype(str), nf["messages"], nf["community"], nf["betweenness"])] if nf is not None else []
        edges = [[a, b, int(w), bool(k), float(o), bool(lb)] for a, b, w, k, o, lb in zip(
            ef["source"].astype(str), ef["target"].astype(str), ef["weight"], ef["weak"], ef["overlap"],
            ef["local_bridge"])] if ef is not None else []
        return {"node_columns": ["member", "messages", "community", "betweenness"], "nodes": nodes,
                "edge_columns": ["source", "target", "weight", "weak", "overlap", "local_bridge"], "edges": edges}

    def to_dict(self) -> dict:
        """JSON-ready dict (NaN → None): the report keys, `notes`, and `graph` (`graph_dict()`)."""
        return jsonable({
            "nodes": self.nodes, "edges": self.edges, "density": self.density, "reciprocity": self.reciprocity,
            "weak_tie_share": self.weak_tie_share, "local_bridges": self.local_bridges,
            "overlap_weight_spearman": self.overlap_weight_spearman, "communities": self.communities,
            "modularity": self.modularity, "brokers": self.brokers,
            "news_via_weak_ties_share": self.news_via_weak_ties_share, "null_model": self.null_model,
            "parameters": self.parameters, "notes": list(self.notes), "graph": self.graph_dict(),
        })  # type: ignore[return-value]


def _z(obs: float, sample: np.ndarray) -> dict:
    s = sample[~np.isnan(sample)]
    mean = float(s.mean()) if s.size else NAN
    sd = float(s.std(ddof=1)) if s.size > 1 else NAN
    z = (obs - mean) / sd if (math.isfinite(obs) and math.isfinite(sd) and sd > 0) else NAN
    return {"observed": obs, "null_mean": mean, "null_sd": sd, "z": z}


def network_metrics(
    messages: pd.DataFrame,
    *,
    delta_s: float = REPLY_WINDOW_S,
    tau_burst_s: float = TAU_BURST_S,
    w_weak: float = W_WEAK,
    seed: int = 0,
    null_draws: int = NULL_DRAWS,
    mentions: bool = True,
    members: Iterable[str] | None = None,
) -> NetworkResult:
    """The weak-tie interaction network of `messages` (a `Chat.messages`-shaped table).

    Nodes are every author plus members @mentioned by someone (`members` lists extra names a
    mention may resolve to, e.g. `chat.members["member"]`). Parameters are recorded in
    `parameters`; see the module docstring for each definition.
    """
    for name, v in (("delta_s", delta_s), ("tau_burst_s", tau_burst_s), ("w_weak", w_weak)):
        if not (isinstance(v, (int, float)) and math.isfinite(v) and v >= 0):
            raise ValueError(f"{name} must be a non-negative number, not {v!r}")
    if int(null_draws) < 0:
        raise ValueError(f"null_draws must be >= 0, not {null_draws!r}")
    null_draws = int(null_draws)
    notes: list[str] = []
    ev, C, W, i, j, O = tie_matrices(messages, delta_s=delta_s, tau_burst_s=tau_burst_s, mentions=mentions,
                                     members=members)
    labels = ev.labels
    n = labels.size
    w = W[i, j]
    n_edges = int(i.size)

    G = nx.Graph()
    G.add_nodes_from(labels.tolist())
    G.add_weighted_edges_from(zip(labels[i].tolist(), labels[j].tolist(), w.tolist()))
    # networkx `local_bridges(G, with_span=False)` yields exactly the edges whose endpoints share no
    # neighbour; that is n_ij = 0, already computed for the overlap (a test checks they agree), and
    # it saves networkx's Python set intersections over thousands of edges.
    is_lb = common_neighbours(W > 0, i, j) == 0 if n_edges else np.zeros(0, dtype=bool)

    density = 2 * n_edges / (n * (n - 1)) if n >= 2 else NAN
    directed = C > 0
    n_dir = int(directed.sum())
    reciprocity = float((directed & directed.T).sum() / n_dir) if n_dir else NAN
    weak = w <= w_weak
    weak_share = float(weak.mean()) if n_edges else NAN
    rho = NAN
    ok = ~np.isnan(O)
    if ok.sum() >= 3 and np.ptp(w[ok]) > 0 and np.ptp(O[ok]) > 0:
        rho = spearman(w[ok], O[ok])
    elif n_edges:
        notes.append("Spearman ρ(w, O) needs at least 3 edges with a defined overlap and varying w and O")

    # Communities: Louvain on the weighted graph; isolates stay singletons.
    if n:
        comms = nx.community.louvain_communities(G, weight="weight", seed=seed)
        communities = sorted((sorted(map(str, c)) for c in comms), key=lambda c: (-len(c), c[0]))
    else:
        communities = []
    modularity = float(nx.community.modularity(G, communities, weight="weight")) if n_edges else NAN
    community_of = {m: k for k, c in enumerate(communities) for m in c}

    degree = (W > 0).sum(axis=1)
    strength = W.sum(axis=1)
    btw = weighted_betweenness(W)
    cons = burt_constraint(W)
    effs = effective_size(W)
    node_frame = pd.DataFrame({
        "member": labels.astype(str), "messages": ev.messages_per_node,
        "community": [community_of.get(m, -1) for m in labels.tolist()],
        "degree": degree.astype(np.int64), "strength": strength.astype(np.int64),
        "betweenness": btw, "constraint": cons, "effective_size": effs,
    })
    rank = node_frame.sort_values(["betweenness", "strength", "member"], ascending=[False, False, True], kind="stable")
    brokers = [
        {"member": r.member, "betweenness": float(r.betweenness), "constraint": float(r.constraint),
         "effective_size": float(r.effective_size), "degree": int(r.degree), "strength": int(r.strength)}
        for r in rank.itertuples(index=False)
    ]

    edge_frame = pd.DataFrame({
        "source": pd.array(labels[i].tolist(), dtype="string[pyarrow]"),
        "target": pd.array(labels[j].tolist(), dtype="string[pyarrow]"),
        "weight": w.astype(np.int64), "a_to_b": C[i, j].astype(np.int64), "b_to_a": C[j, i].astype(np.int64),
        "overlap": O, "weak": weak, "local_bridge": is_lb,
    })

    # News over weak ties: reply edges into a turn holding business news.
    news_share = NAN
    if not ev.has_category:
        notes.append("news_via_weak_ties_share needs message categories (no `category` column): null")
    else:
        rs, rd = ev.reply_src[ev.reply_news], ev.reply_dst[ev.reply_news]
        if rs.size:
            news_share = float(np.mean(W[rs, rd] <= w_weak))
        else:
            notes.append("no reply answers a business_news message: news_via_weak_ties_share is null")
    if ev.unmatched_mentions:
        notes.append(f"{ev.unmatched_mentions} @mention(s) could not be matched to a member and add no edge")
    if n and n_edges == 0:
        notes.append("no reply or mention edges: the network metrics are undefined")

    obs_overlap, obs_weak = _summary(W, w_weak)
    if n_edges and null_draws:
        sims = shuffled_summaries(ev.author, ev.day_bounds, ev.eligible, ev.mention_pos, ev.mention_dst, n,
                                  w_weak=w_weak, draws=null_draws, seed=seed)
    else:
        sims = np.full((0, 2), NAN)
    zo, zw = _z(obs_overlap, sims[:, 0]), _z(obs_weak, sims[:, 1])
    null_model = {
        "draws": null_draws, "seed": seed,
        "shuffle": "authors permuted within each calendar day (messages per author and day kept); "
                   "timestamps, texts and mention targets fixed",
        "mean_overlap_z": zo["z"], "weak_tie_share_z": zw["z"],
        "mean_overlap_observed": zo["observed"], "mean_overlap_null_mean": zo["null_mean"],
        "mean_overlap_null_sd": zo["null_sd"],
        "weak_tie_share_observed": zw["observed"], "weak_tie_share_null_mean": zw["null_mean"],
        "weak_tie_share_null_sd": zw["null_sd"],
    }
    parameters = {
        "delta_s": float(delta_s), "tau_burst_s": float(tau_burst_s), "w_weak": w_weak, "seed": seed,
        "null_draws": null_draws, "mentions": bool(mentions),
        "reply_events": int(ev.reply_src.size), "mention_events": int(ev.mention_pos.size),
        "betweenness_distance": "1/w", "delta_sensitivity_s": list(DELTA_SENSITIVITY_S),
    }
    return NetworkResult(
        nodes=int(n), edges=n_edges, density=density, reciprocity=reciprocity, weak_tie_share=weak_share,
        local_bridges=int(is_lb.sum()), overlap_weight_spearman=rho, communities=communities,
        modularity=modularity, brokers=brokers, news_via_weak_ties_share=news_share, null_model=null_model,
        parameters=parameters, notes=tuple(notes), edge_frame=edge_frame, node_frame=node_frame,
    )


def edge_table(result: NetworkResult) -> pd.DataFrame:
    """One row per undirected edge: source, target (source < target by name), weight, a_to_b
    (events source→target), b_to_a, overlap (NaN where undefined), weak, local_bridge."""
    return result.edge_frame.loc[:, list(EDGE_COLUMNS)].copy()


def node_table(result: NetworkResult) -> pd.DataFrame:
    """One row per member node: member, messages, community, degree, strength, betweenness,
    constraint, effective_size."""
    return result.node_frame.copy()


def export_graph(result: NetworkResult, messages_per_member: dict[str, int] | pd.Series | None = None) -> nx.Graph:
    """The undirected graph for Gephi (GraphML/GEXF writers): node attributes `messages`,
    `community`; edge attributes `weight`, `weak`, `overlap` (left out where undefined, because
    Gephi cannot read NaN), `a_to_b`, `b_to_a`, `local_bridge`."""
    nf = result.node_frame
    msgs = dict(zip(nf["member"].astype(str), nf["messages"].astype(int)))
    if messages_per_member is not None:
        msgs.update({str(k): int(v) for k, v in dict(messages_per_member).items() if str(k) in msgs})
    G = nx.Graph()
    for m, c in zip(nf["member"].astype(str), nf["community"].astype(int)):
        G.add_node(m, messages=int(msgs.get(m, 0)), community=int(c))
    for r in result.edge_frame.itertuples(index=False):
        attrs = {"weight": int(r.weight), "weak": bool(r.weak), "a_to_b": int(r.a_to_b), "b_to_a": int(r.b_to_a),
                 "local_bridge": bool(r.local_bridge)}
        if not (isinstance(r.overlap, float) and math.isnan(r.overlap)):
            attrs["overlap"] = float(r.overlap)
        G.add_edge(str(r.source), str(r.target), **attrs)
    return G


def delta_sensitivity(messages: pd.DataFrame, deltas_s: Sequence[float] = DELTA_SENSITIVITY_S, **kwargs) -> pd.DataFrame:
    """The headline numbers for each Δ (default 5/15/30/60 min), one row per Δ, null model off
    unless `null_draws` is given: delta_s, edges, density, weak_tie_share, local_bridges,
    overlap_weight_spearman, modularity."""
    kwargs.setdefault("null_draws", 0)
    rows = []
    for d in deltas_s:
        r = network_metrics(messages, delta_s=d, **kwargs)
        rows.append({"delta_s": float(d), "edges": r.edges, "density": r.density, "weak_tie_share": r.weak_tie_share,
                     "local_bridges": r.local_bridges, "overlap_weight_spearman": r.overlap_weight_spearman,
                     "modularity": r.modularity})
    return pd.DataFrame(rows)
