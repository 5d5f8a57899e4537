"""`analyze(chat, params) -> Report`: the one place where the metrics are put together.

- `parameters`: `AnalysisParameters`, every parameter checked once (and `read_roster`);
- `stages`: the stages of `analyze`, each a small function, and `analyze` itself;
- `report`: the `Report` and its report.json tree;
- `run`: one export from file to `Report` (read, classify, pseudonymise, exclude, analyse), the
  steps ``analyze``, ``corpus`` and the dashboard share.

Everything the old `analyzer.report` module held is importable from here (for one release).
"""
from __future__ import annotations

from analyzer.analysis.parameters import (
    FIELDS,
    MESSAGE_KINDS,
    AnalysisParameterError,
    AnalysisParameters,
    read_roster,
)
from analyzer.analysis.report import Report
from analyzer.analysis.stages import (
    MemberCounts,
    Timing,
    Window,
    analyze,
    build_network,
    classify_chat,
    classify_window,
    count_members,
    link_answers,
    measure_content,
    measure_participation,
    prepare_window,
    record_parameters,
    segment_and_time,
    sensitivity_tables,
    window_summary,
)

# Names the old analyzer.report module had at its top level (imports included), for one release.
# ruff: noqa: F401, E402
from analyzer.chat.model import Chat
from analyzer.chat.schema import MEMBERSHIP_EVENTS
from analyzer.classify.categorise import TURN_CATEGORY_RULE
from analyzer.metrics.activity import ActivityResult, activity_metrics
from analyzer.metrics.content import ContentResult
from analyzer.metrics.latency import (
    CENSOR_LIMIT_S,
    LatencyResult,
    hour_weights,
    latency_metrics,
    next_response_dict,
    timestamp_resolution_s,
    turn_latencies,
)
from analyzer.metrics.members import Membership, resolve_members
from analyzer.metrics.network import NULL_DRAWS as NETWORK_NULL_DRAWS, W_WEAK, NetworkResult, network_metrics
from analyzer.metrics.participation import (
    ParticipationResult,
    over_time,
    participation_metrics,
    top_members,
)
from analyzer.metrics.turns import REPLY_WINDOW_S, TAU_BURST_S, Turns, labels_from_codes, segment_turns

__all__ = [
    "FIELDS", "MESSAGE_KINDS", "AnalysisParameterError", "AnalysisParameters", "MemberCounts", "Report", "Timing",
    "Window", "analyze", "build_network", "classify_chat", "classify_window", "count_members", "link_answers", "measure_content",
    "measure_participation", "prepare_window", "read_roster", "record_parameters", "segment_and_time",
    "sensitivity_tables", "window_summary",
]
