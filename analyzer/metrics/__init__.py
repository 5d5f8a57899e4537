"""Metrics: pure functions from message tables and count vectors to dataclasses and DataFrames.

Nothing here reads files, prints or configures logging. Definitions follow docs/metrics.md exactly; each
module's docstring states them with their references.

- `turns`: turns (τ_burst) and reply edges (Δ).
- `members`: who is a member in a window, silent members, roster matching.
- `participation`: Gini (and small-sample correction), Hoover, Theil, HHI, top-k shares, Lorenz,
  bootstrap CI, chance null, per month and rolling window.
- `latency`: per-turn response latency with right-censoring, Kaplan–Meier, burstiness.
- `activity`: volume over time, hour × weekday, membership flow, media, emoji, link domains.
"""
from __future__ import annotations

from analyzer.metrics.activity import ActivityResult, activity_metrics, count_domains, count_emoji
from analyzer.metrics.latency import (
    KaplanMeier,
    LatencyResult,
    LatencySummary,
    burstiness,
    counted_seconds,
    hour_weights,
    kaplan_meier,
    latency_metrics,
    summarize,
    timestamp_resolution_s,
    turn_latencies,
)
from analyzer.metrics.members import Membership, name_key, resolve_members
from analyzer.metrics.participation import (
    ChanceNull,
    Inequality,
    ParticipationResult,
    bootstrap_gini_ci,
    chance_null_gini,
    effective_posters,
    gini,
    inequality_rows,
    gini_corrected,
    gini_rows,
    hhi,
    hoover,
    inequality,
    lorenz,
    min_share_for,
    over_time,
    participation_metrics,
    theil,
    theil_normalized,
    top_k,
    top_share,
)
from analyzer.metrics.turns import REPLY_WINDOW_S, TAU_BURST_S, Turns, segment_turns

__all__ = [
    "ActivityResult", "ChanceNull", "Inequality", "KaplanMeier", "LatencyResult", "LatencySummary", "Membership",
    "ParticipationResult", "REPLY_WINDOW_S", "TAU_BURST_S", "Turns", "activity_metrics", "bootstrap_gini_ci",
    "burstiness", "chance_null_gini", "count_domains", "count_emoji", "counted_seconds", "effective_posters",
    "gini", "gini_corrected", "gini_rows", "hhi", "hoover", "hour_weights", "inequality", "inequality_rows",
    "kaplan_meier",
    "latency_metrics", "lorenz", "min_share_for", "name_key", "over_time", "participation_metrics",
    "resolve_members", "segment_turns", "summarize", "theil", "theil_normalized", "timestamp_resolution_s",
    "top_k", "top_share", "turn_latencies",
]
