"""`Report`: the result of `analyze()`, and its report.json tree."""
from __future__ import annotations

from dataclasses import dataclass, field

import pandas as pd

from analyzer.metrics.activity import ActivityResult
from analyzer.metrics.content import ContentResult
from analyzer.metrics.jsonready import jsonable as _jsonable
from analyzer.metrics.latency import LatencyResult, next_response_dict
from analyzer.metrics.network import NetworkResult
from analyzer.metrics.participation import ParticipationResult


def _version() -> str:
    from analyzer import __version__

    return __version__


@dataclass
class Report:
    """The analysis of one window of one chat. `to_dict()` gives the report.json tree."""

    parameters: dict
    format: dict
    window: dict
    participation: ParticipationResult
    latency: LatencyResult
    activity: ActivityResult
    messages: pd.DataFrame = field(repr=False)
    members: pd.DataFrame = field(repr=False)
    warnings: list[str] = field(default_factory=list)
    version: str = ""
    timings: dict[str, float] = field(default_factory=dict, repr=False, compare=False)
    network: NetworkResult | None = field(default=None, repr=False)  # issue 5; None when network=False
    merge: dict = field(default_factory=dict)  # time zone, merged exports, likely duplicate names
    content: ContentResult | None = field(default=None, repr=False)  # issue 4; None when classify=False
    quality: dict = field(default_factory=dict)  # how far to trust the parse: Chat.quality.to_dict()
    sensitivity: dict = field(default_factory=dict)  # issue 13: figures over Δ and the censor limit
    notices: list = field(default_factory=list)  # `warnings` as codes + parameters (analyzer.notices)

    def to_dict(self) -> dict:
        """JSON-ready: NaN and inf are null, timestamps ISO 8601 strings (naive local time)."""
        return _jsonable({
            "tool": {"name": "wa-analyzer", "version": self.version},
            "version": self.version,
            "parameters": self.parameters,
            "format": self.format,
            "merge": self.merge,
            "window": self.window,
            "participation": self.participation.to_dict(),
            "next_response": next_response_dict(self.latency),
            "latency": self.latency.to_dict(),  # old name of next_response, kept for one release
            "activity": self.activity.to_dict(),
            "network": None if self.network is None else self.network.to_dict(),
            "content": None if self.content is None else self.content.to_dict(),
            "quality": self.quality,
            "sensitivity": self.sensitivity,
            "warnings": self.warnings,
            "notices": [n.to_dict() if hasattr(n, "to_dict") else dict(n) for n in self.notices],
        })

    def to_json(self, **kwargs) -> str:
        import json

        kwargs.setdefault("ensure_ascii", False)
        kwargs.setdefault("indent", 2)
        return json.dumps(self.to_dict(), allow_nan=False, **kwargs)
