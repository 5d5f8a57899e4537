"""Sensitivity of the headline figures to the two time parameters the results hang on.

Definitions: the same figures as the main report, recomputed with one parameter changed and the
others at their values in the report.

- Reply window Δ ∈ {5, 15, 30, 60} min (`DELTAS_S`): the interaction graph's reply edges
  (the figures of `analyzer.metrics.network.delta_sensitivity`: edges, density, weak-tie share,
  local bridges, Spearman ρ(w, O), modularity; null model off) and the answer rule's Δ (cues d–f of
  `analyzer.metrics.answers`): answered share of requests.
- Censor limit ∈ {1 h, 6 h, 24 h} (`CENSOR_LIMITS_S`): next response (Kaplan–Meier median, P75,
  share of turns with a next response within the limit, KM share within 1 h) and the answer
  rule's horizon: answered share of requests.

A figure that moves a lot across a row of this table is a figure to report with its parameter.

References
----------
- Saltelli, A. et al. (2008). *Global Sensitivity Analysis: The Primer*. Wiley (one-at-a-time
  sensitivity around a baseline, the simplest design).
"""
from __future__ import annotations

import math
from typing import Sequence

import numpy as np
import pandas as pd

from analyzer.metrics.answers import AnswerFeatures, decide
from analyzer.metrics.latency import summarize, turn_latencies

DELTAS_S = (300, 900, 1800, 3600)
CENSOR_LIMITS_S = (3600, 21_600, 86_400)

NETWORK_FIGURES = ("edges", "density", "weak_tie_share", "local_bridges", "overlap_weight_spearman", "modularity")


def _num(x: object) -> float | None:
    if x is None:
        return None
    try:
        v = float(x)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return None
    return v if math.isfinite(v) else None


def _share(links) -> float | None:
    return _num(links.answered_share) if links.n_requests else None


def censor_limit_table(
    turns: pd.DataFrame,
    *,
    observed_until: object,
    weights: np.ndarray | None,
    features: AnswerFeatures | None,
    has_categories: bool,
    reply_window_s: float,
    limits_s: Sequence[float] = CENSOR_LIMITS_S,
) -> list[dict]:
    """One row per censor limit: next-response figures and the answered share of requests.

    `turns` is `segment_turns(...).table`; `features` come from `answer_features` built with a
    horizon at least the largest limit (None when there are no requests); `has_categories` says
    whether the messages carry categories at all (without them the answer columns are null).
    """
    rows = []
    start, end, codes = (turns[c].to_numpy() for c in ("start", "end", "author_code"))
    for lim in limits_s:
        lat = turn_latencies(start, end, codes, observed_until=observed_until, censor_limit_s=lim, weights=weights)
        s = summarize(lat["duration_s"].to_numpy(dtype=float), lat["answered"].to_numpy(dtype=bool))
        row = {
            "censor_limit_s": float(lim),
            "next_response_median_s": _num(s.median_s),
            "next_response_p75_s": _num(s.p75_s),
            "next_response_within_limit_share": _num(1.0 - s.unanswered_share) if s.n_turns else None,
            "next_response_km_within_1h": _num(s.km_answered_1h),
            "request_answered_share": None,
            "requests_answered": None,
        }
        if has_categories:
            links = decide(features, reply_window_s=reply_window_s, horizon_s=float(lim), details=False)
            row.update(request_answered_share=_share(links), requests_answered=links.n_answered)
        rows.append(row)
    return rows


def network_headline(messages: pd.DataFrame, *, delta_s: float, tau_burst_s: float, w_weak: float, seed: int,
                     members=None) -> dict:
    """The network's headline figures for one Δ, as `network.network_metrics` computes them, without
    the brokers (betweenness, constraint, effective size) or the null model, which the sensitivity
    table does not show and which cost most of a network run. A test checks the figures equal
    `network.delta_sensitivity`'s."""
    import networkx as nx

    from analyzer.metrics.network import common_neighbours, spearman, tie_matrices

    ev, C, W, i, j, O = tie_matrices(messages, delta_s=delta_s, tau_burst_s=tau_burst_s, mentions=True,
                                     members=members)
    labels = ev.labels
    n = labels.size
    w = W[i, j]
    n_edges = int(i.size)
    is_lb = common_neighbours(W > 0, i, j) == 0 if n_edges else np.zeros(0, dtype=bool)
    rho = float("nan")
    ok = ~np.isnan(O)
    if ok.sum() >= 3 and np.ptp(w[ok]) > 0 and np.ptp(O[ok]) > 0:
        rho = spearman(w[ok], O[ok])
    modularity = float("nan")
    if n_edges:
        G = nx.Graph()
        G.add_nodes_from(labels.tolist())
        G.add_weighted_edges_from(zip(labels[i].tolist(), labels[j].tolist(), w.tolist()))
        comms = nx.community.louvain_communities(G, weight="weight", seed=seed)
        communities = sorted((sorted(map(str, c)) for c in comms), key=lambda c: (-len(c), c[0]))
        modularity = float(nx.community.modularity(G, communities, weight="weight"))
    return {"delta_s": float(delta_s), "edges": n_edges,
            "density": 2 * n_edges / (n * (n - 1)) if n >= 2 else float("nan"),
            "weak_tie_share": float((w <= w_weak).mean()) if n_edges else float("nan"),
            "local_bridges": int(is_lb.sum()), "overlap_weight_spearman": rho, "modularity": modularity}


def reply_window_table(
    messages: pd.DataFrame | None,
    *,
    features: AnswerFeatures | None,
    has_categories: bool,
    censor_limit_s: float,
    deltas_s: Sequence[float] = DELTAS_S,
    network_kwargs: dict | None = None,
    network_default: dict | None = None,
    default_delta_s: float | None = None,
) -> list[dict]:
    """One row per Δ: the network's headline figures and the answered share of requests.

    `messages` (user messages) and `network_kwargs` (tau_burst_s, w_weak, seed, members) give the
    network's headline figures (`network_headline`); None skips the network columns (network off).
    `network_default`: the main report's network figures, reused for `default_delta_s` instead of
    computing that Δ twice.
    """
    net_rows: dict[float, dict] = {}
    if messages is not None:
        kw = {"tau_burst_s": 300.0, "w_weak": 2.0, "seed": 0, "members": None, **(network_kwargs or {})}
        for d in deltas_s:
            if network_default is not None and default_delta_s is not None and float(d) == float(default_delta_s):
                continue
            net_rows[float(d)] = network_headline(messages, delta_s=float(d), **kw)
        if network_default is not None and default_delta_s is not None and float(default_delta_s) in map(float, deltas_s):
            net_rows[float(default_delta_s)] = network_default
    rows = []
    for d in deltas_s:
        row: dict = {"delta_s": float(d)}
        nr = net_rows.get(float(d))
        for k in NETWORK_FIGURES:
            row[f"network_{k}"] = _num(nr.get(k)) if nr is not None else None
        if row["network_edges"] is not None:
            row["network_edges"] = int(row["network_edges"])
        if row["network_local_bridges"] is not None:
            row["network_local_bridges"] = int(row["network_local_bridges"])
        row["request_answered_share"] = None
        row["requests_answered"] = None
        if has_categories:
            links = decide(features, reply_window_s=float(d), horizon_s=censor_limit_s, details=False)
            row.update(request_answered_share=_share(links), requests_answered=links.n_answered)
        rows.append(row)
    return rows
