"""The parameters of `analyze()`, validated once: `AnalysisParameters`.

Every value is checked and normalised when the object is made (a frozen dataclass), so the stages
of `analyzer.analysis.stages` never check a parameter again, and `record()` is what report.json
gives under ``parameters`` (with the values the analysis derives from them, such as the exclusive
end of the window). A reader can rebuild the same parameters from report.json:
``AnalysisParameters(**{k: v for k, v in report["parameters"].items() if k in FIELDS})`` (names,
a roster or a lexicon given as data are recorded by count or fingerprint only).
"""
from __future__ import annotations

import datetime as dt
import math
import re
from dataclasses import dataclass, field, fields
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from analyzer.metrics.latency import CENSOR_LIMIT_S, hour_weights
from analyzer.metrics.network import NULL_DRAWS as NETWORK_NULL_DRAWS, W_WEAK
from analyzer.metrics.turns import REPLY_WINDOW_S, TAU_BURST_S

MESSAGE_KINDS = ("text", "media", "deleted", "call", "other")
"""User records counted as messages by default: every kind except system lines (docs/metrics.md)."""


class AnalysisParameterError(ValueError):
    """A parameter of `analyze` is unusable (bad date, group size below the posters, ...)."""


_ISO = re.compile(r"^\d{4}-\d{2}-\d{2}(?:[ T]\d{2}:\d{2}(?::\d{2})?)?$")


def _bound(value: object, *, name: str, end: bool) -> tuple[pd.Timestamp | None, bool]:
    """A window bound as a Timestamp, and whether it was a whole day (then --end includes it)."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return None, False
    if isinstance(value, (pd.Timestamp, dt.datetime)):
        return pd.Timestamp(value).tz_localize(None) if pd.Timestamp(value).tzinfo else pd.Timestamp(value), False
    if isinstance(value, dt.date):
        return pd.Timestamp(value), True
    s = str(value).strip()
    if not _ISO.match(s):
        raise AnalysisParameterError(f"{name} must be a date like 2024-07-31 (or '2024-07-31 18:00'), not {s!r}")
    try:
        ts = pd.Timestamp(s)
    except ValueError as e:
        raise AnalysisParameterError(f"{name} {s!r} is not a valid date: {e}") from None
    return ts, len(s) == 10


def read_roster(path: str | Path) -> list[str]:
    """Member names from a roster file: one name per line, or a CSV whose column `name`/`member`/
    `nama`/`anggota` (else the first column) holds the names. Empty lines and `#` comments are
    skipped. This is I/O for the CLI; `analyze` itself takes the list."""
    p = Path(path)
    try:
        raw = p.read_bytes()
    except OSError as e:
        raise AnalysisParameterError(f"cannot read the roster {str(p)!r}: {e.strerror or e}") from None
    text = raw.decode("utf-8-sig", errors="replace")
    lines = [ln for ln in text.splitlines() if ln.strip() and not ln.lstrip().startswith("#")]
    if not lines:
        raise AnalysisParameterError(f"the roster {str(p)!r} has no names")
    import csv

    first = lines[0]
    delim = next((d for d in (",", ";", "\t") if d in first), None)
    if delim is None:
        return [ln.strip() for ln in lines]
    rows = list(csv.reader(lines, delimiter=delim))
    header = [h.strip().casefold() for h in rows[0]]
    for key in ("name", "member", "nama", "anggota", "display name"):
        if key in header:
            col = header.index(key)
            return [r[col].strip() for r in rows[1:] if len(r) > col and r[col].strip()]
    return [r[0].strip() for r in rows if r and r[0].strip()]



def _whole(name: str, v: Any, lo: int) -> int:
    if not isinstance(v, (int, np.integer)) or isinstance(v, bool) or v < lo:
        raise AnalysisParameterError(f"{name} must be a whole number of at least {lo}, not {v!r}")
    return int(v)


def _seconds(name: str, v: Any) -> float:
    if not (isinstance(v, (int, float)) and math.isfinite(v) and v >= 0):
        raise AnalysisParameterError(f"{name} must be a non-negative number of seconds, not {v!r}")
    return v


@dataclass(frozen=True)
class AnalysisParameters:
    """Everything `analyze()` needs besides the chat, checked once.

    Parameters
    ----------
    start, end : str, date or datetime, optional
        The window: ISO dates ("2024-07-01") or datetimes; a date-only `end` includes that whole day.
    members : int, optional
        The total group size N (silent = N − posters). Not together with `roster`.
    roster : iterable of str, optional
        Member names (kept as a tuple).
    tau_burst_s, reply_window_s, censor_limit_s : float
        The turn gap τ_burst, the reply window Δ (also the answer rule's and the network's Δ) and
        the censor limit above which a turn counts as unanswered (docs/metrics.md).
    quiet_hours : (int, int), "profile" or None
        Hours left out of response times (see `analyzer.metrics.latency`).
    bootstrap, null_draws, seed : int
        The Gini interval's resamples, the chance-null draws and their seed.
    rolling_days, top_n : int
        Rolling participation window length; length of the emoji, domain and poster lists.
    message_kinds : tuple of str
        Which user-record kinds count as messages (a subset of `MESSAGE_KINDS`).
    w_weak, network_null_draws, network : float, int, bool
        Weak-tie threshold, network null-model draws; `network=False` skips the network.
    classify, lexicon, model : bool, path or DataFrame, path or model
        Categorise the messages (`analyzer.classify.categorise`) with the rules and `lexicon`, or a
        trained `model`. `classify=False` skips it.
    exclude_bots : bool
        Leave known bot accounts (`Chat.members["is_bot"]`) out of every metric.
    sensitivity : bool
        Recompute the headline figures over Δ and the censor limit (`analyzer.metrics.sensitivity`).
    labels : path or DataFrame, optional
        A hand-coded sheet (from ``wa-analyzer sample``): shares become misclassification-corrected.
    fit_to_labels : bool
        With `labels` and the built-in hybrid classifier, fit the classifier to the coded messages
        and categorise the chat again with it (`analyzer.classify.coding_fit`); default True.

    Raises
    ------
    AnalysisParameterError
        With one sentence naming the parameter, for any unusable value.
    """

    start: object = None
    end: object = None
    members: int | None = None
    roster: tuple[str, ...] | None = None
    tau_burst_s: float = TAU_BURST_S
    reply_window_s: float = REPLY_WINDOW_S
    censor_limit_s: float = CENSOR_LIMIT_S
    quiet_hours: tuple[int, int] | str | None = None
    bootstrap: int = 2000
    null_draws: int = 1000
    seed: int = 0
    rolling_days: int = 30
    top_n: int = 20
    message_kinds: tuple[str, ...] = MESSAGE_KINDS
    w_weak: float = W_WEAK
    network_null_draws: int = NETWORK_NULL_DRAWS
    network: bool = True
    classify: bool = True
    lexicon: object = None
    model: object = None
    exclude_bots: bool = False
    sensitivity: bool = True
    labels: object = None
    fit_to_labels: bool = True
    # Derived once from start and end (not arguments).
    window_start: pd.Timestamp | None = field(default=None, init=False, repr=False, compare=False)
    window_end: pd.Timestamp | None = field(default=None, init=False, repr=False, compare=False)
    window_end_exclusive: pd.Timestamp | None = field(default=None, init=False, repr=False, compare=False)
    end_whole_day: bool = field(default=False, init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        def put(name: str, value: Any) -> None:  # frozen: normalised values are set once, here
            object.__setattr__(self, name, value)

        if self.members is not None and self.roster is not None:
            raise AnalysisParameterError("give either members (a group size) or a roster, not both")
        if self.members is not None:
            try:
                members = int(self.members)
            except (TypeError, ValueError):
                raise AnalysisParameterError(f"members must be a whole number, not {self.members!r}") from None
            if members < 1:
                raise AnalysisParameterError(f"members must be at least 1, not {members}")
            put("members", members)
        if self.roster is not None:
            roster = tuple(str(r) for r in self.roster)
            if not any(r.strip() for r in roster):
                raise AnalysisParameterError("the roster has no names")
            put("roster", roster)
        for name in ("tau_burst_s", "reply_window_s", "censor_limit_s"):
            _seconds(name, getattr(self, name))
        for name, lo in (("rolling_days", 1), ("bootstrap", 0), ("null_draws", 0), ("top_n", 1)):
            _whole(name, getattr(self, name), lo)
        kinds = tuple(self.message_kinds)
        bad_kinds = set(kinds) - set(MESSAGE_KINDS)
        if bad_kinds:
            raise AnalysisParameterError(f"message_kinds may only contain {MESSAGE_KINDS}, not {sorted(bad_kinds)}")
        put("message_kinds", kinds)
        t0, _ = _bound(self.start, name="start", end=False)
        t1, whole_day = _bound(self.end, name="end", end=True)
        t1_excl = None if t1 is None else (t1 + pd.Timedelta(days=1) if whole_day else t1 + pd.Timedelta(1, "ns"))
        if t0 is not None and t1_excl is not None and t0 >= t1_excl:
            raise AnalysisParameterError(f"the window is empty: start {self.start} is after end {self.end}")
        put("window_start", t0)
        put("window_end", t1)
        put("window_end_exclusive", t1_excl)
        put("end_whole_day", whole_day)
        if self.quiet_hours is not None and self.quiet_hours != "profile":
            try:
                hour_weights(tuple(self.quiet_hours))  # type: ignore[arg-type]
            except (TypeError, ValueError) as e:
                raise AnalysisParameterError(f"quiet_hours must be (start, end) hours or 'profile': {e}") from None
            put("quiet_hours", tuple(int(h) for h in self.quiet_hours))  # type: ignore[union-attr]
        if not self.classify and (self.lexicon is not None or self.model is not None):
            raise AnalysisParameterError("a lexicon or model was given but classification is switched off")

    @classmethod
    def from_kwargs(cls, **kwargs: Any) -> "AnalysisParameters":
        """The parameters of `analyze()`'s keyword form; an unknown keyword is a TypeError, as before."""
        unknown = sorted(set(kwargs) - set(FIELDS))
        if unknown:
            raise TypeError(f"analyze() got an unexpected keyword argument {unknown[0]!r}")
        return cls(**kwargs)

    def record(self) -> dict[str, Any]:
        """The parameters as report.json records them (JSON-ready): the window as ISO strings, a
        roster by its number of names, data given as objects (a lexicon table, a fitted model, a
        coding sheet) by kind; paths as given. `classify`, `lexicon` and `model` are recorded by
        the classify stage as ``classifier`` (null when switched off, "given" when the chat came with
        categories), ``lexicon`` and ``model``, with the SHA-256 of their files."""
        t0, t1 = self.window_start, self.window_end
        return {
            "start": None if t0 is None else t0.isoformat(),
            "end": None if t1 is None else (t1.date().isoformat() if self.end_whole_day else t1.isoformat()),
            "end_exclusive": None if self.window_end_exclusive is None else self.window_end_exclusive.isoformat(),
            "members": self.members,
            "roster_names": None if self.roster is None else len(self.roster),
            "exclude_bots": bool(self.exclude_bots),
            "tau_burst_s": self.tau_burst_s,
            "reply_window_s": self.reply_window_s,
            "censor_limit_s": self.censor_limit_s,
            "quiet_hours": list(self.quiet_hours) if isinstance(self.quiet_hours, tuple) else self.quiet_hours,
            "bootstrap": self.bootstrap,
            "null_draws": self.null_draws,
            "seed": self.seed,
            "rolling_days": self.rolling_days,
            "top_n": self.top_n,
            "message_kinds": list(self.message_kinds),
            "w_weak": self.w_weak,
            "network_null_draws": self.network_null_draws,
            "network": bool(self.network),
            "sensitivity": bool(self.sensitivity),
            "labels": _given(self.labels),
            "fit_to_labels": bool(self.fit_to_labels) if self.labels is not None else None,
        }


def _given(value: object) -> str | None:
    """A file path as given, or what kind of object was passed (its content is not recorded)."""
    if value is None:
        return None
    if isinstance(value, (str, Path)):
        return str(value)
    return f"<{type(value).__name__}>"


FIELDS: tuple[str, ...] = tuple(f.name for f in fields(AnalysisParameters) if f.init)
"""The argument names of `AnalysisParameters` (and of `analyze()`'s keyword form)."""
