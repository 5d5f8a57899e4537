"""Response latency: how fast does somebody else answer a turn?

Definitions (docs/metrics.md, "Response latency"):

- Per turn: latency = start of the next turn by a different author − end of this turn, if that is
  ≤ the censor limit (default 24 h) and before the end of the observation (the export, or the
  analysis window). Otherwise the turn is *unanswered* and its latency right-censored at
  min(censor limit, observation end − turn end).
- Summary: Kaplan–Meier estimates of the latency distribution (median, P25, P75, P90), the share of
  turns answered within 5 min / 1 h / 24 h, the unanswered share; the same by hour of day (hour of
  the turn's end), by member and, when messages carry a category, by category.
- Quiet hours (optional, default off): gaps are measured in *counted* time. A fixed rule such as
  22–5 does not count 22:00–05:00; the "profile" rule counts each second with the relative activity
  of its hour of day (messages in that hour / messages in the busiest hour), which follows the
  group's own rhythm (a fixed night window misfires in Ramadan, when people are up for sahur).
- Burstiness B = (σ − μ)/(σ + μ) of the group's inter-message times: −1 periodic, 0 Poisson,
  → 1 bursty.

Naming: this quantity is the *next response* (the time until the group speaks again after a
member), not an answer: whether anyone took up a request is `analyzer.metrics.answers`. The
report.json block `next_response` carries it under that name (`next_response_dict`); the older block
`latency` with `answered`/`unanswered` field names is kept as an alias for one release.

References
----------
- Kaplan, E. L. & Meier, P. (1958). Nonparametric estimation from incomplete observations.
  *JASA* 53(282): 457-481.
- Goh, K.-I. & Barabási, A.-L. (2008). Burstiness and memory in complex systems. *EPL* 81: 48002.
"""
from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Sequence

import numpy as np
import pandas as pd

CENSOR_LIMIT_S = 86_400
THRESHOLDS_S = {"5min": 300, "1h": 3600, "24h": 86_400}
NAN = float("nan")


# --------------------------------------------------------------------------------------------
# Kaplan–Meier


@dataclass(frozen=True)
class KaplanMeier:
    """Product-limit estimate: survival S(t) just after each distinct duration in `times`."""

    times: np.ndarray
    survival: np.ndarray
    n: int
    events: int

    def quantile(self, p: float) -> float:
        """Smallest t with F(t) = 1 − S(t) ≥ p; NaN when censoring keeps F below p."""
        if self.n == 0:
            return NAN
        f = 1.0 - self.survival
        i = np.flatnonzero(f >= p - 1e-12)
        return float(self.times[i[0]]) if i.size else NAN

    def cdf(self, t: float) -> float:
        """F(t): estimated probability of an answer within t seconds."""
        if self.n == 0:
            return NAN
        i = int(np.searchsorted(self.times, t, side="right")) - 1
        return 0.0 if i < 0 else float(1.0 - self.survival[i])


def kaplan_meier(duration: Sequence[float] | np.ndarray, observed: Sequence[bool] | np.ndarray) -> KaplanMeier:
    """Kaplan–Meier estimator for right-censored durations.

    `observed[i]` is True when the event (an answer) happened at `duration[i]`, False when the turn
    was censored then. A turn censored at t is still at risk at t (the usual convention, also
    scipy.stats.ecdf's), so ties do not bias the estimate down.
    """
    d = np.asarray(duration, dtype=float)
    e = np.asarray(observed, dtype=bool)
    if d.size == 0:
        return KaplanMeier(np.zeros(0), np.zeros(0), 0, 0)
    order = np.argsort(d, kind="stable")
    d, e = d[order], e[order]
    times, first = np.unique(d, return_index=True)
    events = np.add.reduceat(e.astype(np.int64), first)
    at_risk = d.size - first
    surv = np.cumprod(1.0 - events / at_risk)
    return KaplanMeier(times, surv, int(d.size), int(e.sum()))


# --------------------------------------------------------------------------------------------
# Counted time (quiet hours)


def hour_weights(quiet_hours: tuple[int, int] | str | None, hourly_messages: np.ndarray | None = None) -> np.ndarray | None:
    """Weight of each hour of day in counted time, or None for plain clock time.

    (start, end) hours: weight 0 from start:00 up to end:00 (wrapping midnight), 1 elsewhere.
    "profile": messages in the hour / messages in the busiest hour (from `hourly_messages`).
    """
    if quiet_hours is None:
        return None
    if isinstance(quiet_hours, str):
        if quiet_hours != "profile":
            raise ValueError(f"quiet_hours must be (start, end) hours, 'profile' or None, not {quiet_hours!r}")
        h = np.asarray(hourly_messages if hourly_messages is not None else np.zeros(24), dtype=float)
        if h.shape != (24,) or h.max() <= 0:
            return None
        return h / h.max()
    qs, qe = (int(v) for v in quiet_hours)
    if not (0 <= qs <= 23 and 0 <= qe <= 24) or qs == qe:
        raise ValueError(f"quiet hours must be two different hours 0-24, not {quiet_hours!r}")
    hrs = np.arange(24)
    quiet = (hrs >= qs) & (hrs < qe) if qs < qe else (hrs >= qs) | (hrs < qe)
    return np.where(quiet, 0.0, 1.0)


def counted_seconds(t: np.ndarray, weights: np.ndarray | None) -> np.ndarray:
    """A clock in counted seconds: W(t) with W(b) − W(a) = counted time between a and b."""
    s = t.astype("datetime64[ns]").astype(np.int64) / 1e9
    if weights is None:
        return s
    day, rem = np.divmod(s, 86_400.0)
    hour = np.minimum((rem // 3600).astype(np.int64), 23)
    cum = np.concatenate([[0.0], np.cumsum(weights) * 3600.0])
    return day * cum[-1] + cum[hour] + weights[hour] * (rem - hour * 3600.0)


# --------------------------------------------------------------------------------------------
# Per-turn latency


def turn_latencies(
    start: np.ndarray,
    end: np.ndarray,
    author_code: np.ndarray,
    *,
    observed_until: np.datetime64 | pd.Timestamp | None,
    censor_limit_s: float = CENSOR_LIMIT_S,
    weights: np.ndarray | None = None,
) -> pd.DataFrame:
    """Latency of each turn (turns in chronological order, as `segment_turns` returns them).

    Returns columns latency_s (NaN when unanswered), answered (bool), duration_s (the latency when
    answered, else the censoring time), responder_turn (index of the answering turn, −1 if none).
    The answering turn is the first later turn whose author differs, so a turn followed by more of
    the same author's turns is answered by whoever speaks next after them.
    """
    start = np.asarray(start, dtype="datetime64[ns]")
    end = np.asarray(end, dtype="datetime64[ns]")
    a = np.asarray(author_code)
    n = a.size
    if n == 0:
        return pd.DataFrame({"latency_s": np.zeros(0), "answered": np.zeros(0, bool),
                             "duration_s": np.zeros(0), "responder_turn": np.zeros(0, np.int64)})
    # Consecutive turns by the same author form a run; the answer to any turn in a run is the first
    # turn of the next run.
    change = np.ones(n, dtype=bool)
    change[1:] = a[1:] != a[:-1]
    run = np.cumsum(change) - 1
    run_first = np.flatnonzero(change)
    nxt = np.append(run_first[1:], -1)[run]
    has_next = nxt >= 0
    w_end = counted_seconds(end, weights)
    w_start = counted_seconds(start, weights)
    gap = np.where(has_next, w_start[np.maximum(nxt, 0)] - w_end, np.inf)
    if observed_until is None:
        horizon = np.full(n, np.inf)
    else:
        obs = counted_seconds(np.array([np.datetime64(pd.Timestamp(observed_until).to_datetime64(), "ns")]), weights)[0]
        horizon = np.maximum(obs - w_end, 0.0)
    answered = has_next & (gap <= censor_limit_s) & (gap <= horizon)
    censor_at = np.minimum(float(censor_limit_s), horizon)
    return pd.DataFrame({
        "latency_s": np.where(answered, gap, np.nan),
        "answered": answered,
        "duration_s": np.where(answered, gap, censor_at),
        "responder_turn": np.where(answered, nxt, -1).astype(np.int64),
    })


# --------------------------------------------------------------------------------------------
# Summaries


@dataclass(frozen=True)
class LatencySummary:
    """Kaplan–Meier and simple shares for one set of turns."""

    n_turns: int
    n_answered: int
    median_s: float
    p25_s: float
    p75_s: float
    p90_s: float
    answered_5min_share: float  # answered within 5 min / all turns
    answered_1h_share: float
    answered_24h_share: float
    unanswered_share: float
    km_answered_5min: float  # Kaplan–Meier F(5 min): accounts for turns near the end of the export
    km_answered_1h: float
    km_answered_24h: float

    def to_dict(self) -> dict:
        return asdict(self)


def survival_curve(km: KaplanMeier, *, max_points: int = 400) -> list[list[float]]:
    """The Kaplan–Meier step function as [[t_s, S(t)], ...] for charts: S just after each t.

    Only the times where S drops are kept (plus the first point, [0, 1] when no latency is 0, and
    the last time, so the curve reaches the censor limit). With more than `max_points` drops
    (second-resolution exports) the last drop in each of `max_points` log-spaced time bins is kept,
    so report.json stays small: every value is still an exact KM estimate, and a drawn step moves by
    at most one bin width (a few per cent of t).
    """
    if km.n == 0:
        return []
    t, sv = km.times, km.survival
    prev = np.r_[1.0, sv[:-1]]
    keep = sv != prev
    keep[-1] = True
    t, sv = t[keep], sv[keep]
    if t.size > max_points:
        pos = t > 0
        lo, hi = float(t[pos][0]) if pos.any() else 1.0, float(t[-1])
        edges = np.geomspace(lo, max(hi, lo * 1.0001), max_points)
        bin_of = np.where(pos, np.searchsorted(edges, t, side="left"), -1)
        last_in_bin = np.r_[bin_of[1:] != bin_of[:-1], True]
        t, sv = t[last_in_bin], sv[last_in_bin]
    pts = [] if t[0] <= 0 else [[0.0, 1.0]]
    return pts + [[float(a), float(b)] for a, b in zip(t, sv)]


def summarize(duration_s: np.ndarray, answered: np.ndarray) -> LatencySummary:
    """Kaplan–Meier quantiles and answered/unanswered shares of a set of turns.

    Simple shares use all turns as the denominator, so answered_24h_share + unanswered_share = 1
    with the default 24 h censor limit; the km_* fields are the censoring-aware estimates.
    """
    d = np.asarray(duration_s, dtype=float)
    e = np.asarray(answered, dtype=bool)
    n = int(d.size)
    km = kaplan_meier(d, e)
    lat = d[e]

    def share(mask_count: int) -> float:
        return mask_count / n if n else NAN

    return LatencySummary(
        n_turns=n,
        n_answered=int(e.sum()),
        median_s=km.quantile(0.5),
        p25_s=km.quantile(0.25),
        p75_s=km.quantile(0.75),
        p90_s=km.quantile(0.90),
        answered_5min_share=share(int((lat <= 300).sum())),
        answered_1h_share=share(int((lat <= 3600).sum())),
        answered_24h_share=share(int((lat <= 86_400).sum())),
        unanswered_share=share(int(n - e.sum())),
        km_answered_5min=km.cdf(300),
        km_answered_1h=km.cdf(3600),
        km_answered_24h=km.cdf(86_400),
    )


def burstiness(timestamp: np.ndarray | pd.Series) -> float:
    """Goh–Barabási burstiness B = (σ − μ)/(σ + μ) of inter-event times (population σ).

    NaN with fewer than two intervals or when all events coincide (σ + μ = 0).
    """
    t = np.sort(np.asarray(pd.Series(timestamp).to_numpy(dtype="datetime64[ns]")).astype(np.int64)) / 1e9
    if t.size < 3:
        return NAN
    dt = np.diff(t)
    mu, sigma = dt.mean(), dt.std()
    if sigma + mu <= 0:
        return NAN
    return float((sigma - mu) / (sigma + mu))


def timestamp_resolution_s(timestamp: np.ndarray | pd.Series, *, seconds_in_format: bool | None = None) -> int:
    """Timestamp resolution: 1 s when headers carry seconds, 60 s for minute-only exports (Android).

    When the format says nothing, a file whose timestamps all fall on a whole minute is taken as
    minute-resolution.
    """
    if seconds_in_format is not None:
        return 1 if seconds_in_format else 60
    t = np.asarray(pd.Series(timestamp).to_numpy(dtype="datetime64[ns]")).astype(np.int64)
    if t.size == 0:
        return 60
    return 60 if np.all(t % 60_000_000_000 == 0) else 1


@dataclass(frozen=True)
class LatencyResult:
    """Everything the report shows about response latency (see module docstring)."""

    summary: LatencySummary
    burstiness: float
    n_intervals: int
    resolution_s: int
    censor_limit_s: float
    quiet_hours: object
    by_hour: list[dict]
    by_member: list[dict]
    by_category: list[dict] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    survival: list[list[float]] = field(default_factory=list)  # [[t_s, S(t)]]: KM curve for charts

    def to_dict(self) -> dict:
        d = self.summary.to_dict()
        d.update(
            burstiness=self.burstiness,
            burstiness_intervals=self.n_intervals,
            resolution_s=self.resolution_s,
            censor_limit_s=self.censor_limit_s,
            quiet_hours=self.quiet_hours,
            by_hour=self.by_hour,
            by_member=self.by_member,
            by_category=self.by_category,
            notes=list(self.notes),
            survival=self.survival,
        )
        return d


def _grouped(keys: np.ndarray, duration: np.ndarray, answered: np.ndarray) -> dict:
    out = {}
    if keys.size == 0:
        return out
    order = np.argsort(keys, kind="stable")
    k = keys[order]
    bounds = np.flatnonzero(np.r_[True, k[1:] != k[:-1], True])
    for lo, hi in zip(bounds[:-1], bounds[1:]):
        idx = order[lo:hi]
        out[k[lo]] = summarize(duration[idx], answered[idx])
    return out


def latency_metrics(
    turns: pd.DataFrame,
    latencies: pd.DataFrame,
    message_times: np.ndarray | pd.Series,
    *,
    resolution_s: int,
    censor_limit_s: float = CENSOR_LIMIT_S,
    quiet_hours: object = None,
    turn_category: np.ndarray | None = None,
) -> LatencyResult:
    """Summaries overall, by hour of day (of the turn's end), by member and by category."""
    dur = latencies["duration_s"].to_numpy(dtype=float)
    ans = latencies["answered"].to_numpy(dtype=bool)
    summary = summarize(dur, ans)
    notes: list[str] = []
    if summary.n_turns == 0:
        notes.append("no turns in the window: latency is undefined")
    else:
        for q, key in ((0.5, "median_s"), (0.75, "p75_s"), (0.9, "p90_s")):
            if np.isnan(getattr(summary, key)):
                notes.append(f"{key} is null: fewer than {q:.0%} of turns were answered within the "
                             f"censor limit ({censor_limit_s:g} s), so Kaplan–Meier cannot reach it")
                break
    if resolution_s >= 60:
        notes.append("timestamps have minute resolution: latencies are known to ±60 s and many are 0")

    hours = pd.DatetimeIndex(turns["end"]).hour.to_numpy() if len(turns) else np.zeros(0, np.int64)
    per_hour = _grouped(hours, dur, ans)
    by_hour = []
    for h in range(24):
        s = per_hour.get(h)
        by_hour.append({
            "hour": h,
            "n_turns": s.n_turns if s else 0,
            "median_s": s.median_s if s else NAN,
            "answered_1h_share": s.answered_1h_share if s else NAN,
            "unanswered_share": s.unanswered_share if s else NAN,
        })

    codes = turns["author_code"].to_numpy() if len(turns) else np.zeros(0, np.int64)
    per_member = _grouped(codes, dur, ans)
    names = turns.drop_duplicates("author_code").set_index("author_code")["author"] if len(turns) else {}
    by_member = [
        {"member": names[c], "n_turns": s.n_turns, "median_s": s.median_s, "p90_s": s.p90_s,
         "answered_share": 1.0 - s.unanswered_share, "answered_1h_share": s.answered_1h_share}
        for c, s in per_member.items()
    ]
    by_member.sort(key=lambda r: (-r["n_turns"], str(r["member"])))

    by_category = []
    if turn_category is not None and len(turns):
        # integer codes, not strings: sorting ~1M Python strings took over a second at 1M messages
        codes, uniques = pd.factorize(pd.Series(turn_category, dtype=object))  # missing -> -1
        for c, s in _grouped(codes, dur, ans).items():
            if c >= 0 and str(uniques[c]):
                by_category.append({"category": str(uniques[c]), **s.to_dict()})
        by_category.sort(key=lambda r: r["category"])  # the order the string sort used to give
    return LatencyResult(
        summary=summary,
        burstiness=burstiness(message_times),
        n_intervals=max(0, len(message_times) - 1),
        resolution_s=int(resolution_s),
        censor_limit_s=float(censor_limit_s),
        quiet_hours=list(quiet_hours) if isinstance(quiet_hours, tuple) else quiet_hours,
        by_hour=by_hour,
        by_member=by_member,
        by_category=by_category,
        notes=notes,
        survival=survival_curve(kaplan_meier(dur, ans)),
    )


# --------------------------------------------------------------------------------------------
# "Next response": the same numbers under names that say what they are

NEXT_RESPONSE_DEFINITION = (
    "Per turn: start of the next turn by a different member minus the end of this turn, if within the "
    "censor limit and before the end of the observation; otherwise right-censored. Kaplan-Meier "
    "estimates. It measures how soon the group speaks again after a member, not whether anyone took up "
    "what the member said (see content.request_answered_share)."
)
_RENAME = {
    "n_answered": "n_with_next_response",
    "answered_5min_share": "within_5min_share",
    "answered_1h_share": "within_1h_share",
    "answered_24h_share": "within_24h_share",
    "unanswered_share": "no_next_response_share",
    "km_answered_5min": "km_within_5min",
    "km_answered_1h": "km_within_1h",
    "km_answered_24h": "km_within_24h",
    "answered_share": "next_response_share",
}
"""Old `latency` field -> `next_response` field (docs/metrics.md lists them)."""


def _renamed(row: dict) -> dict:
    return {_RENAME.get(k, k): v for k, v in row.items()}


def resolution_label(resolution_s: int) -> str:
    """"minute" or "second": how precisely the export's timestamps measure a gap."""
    return "minute" if resolution_s >= 60 else "second"


def next_response_dict(result: LatencyResult) -> dict:
    """The report.json `next_response` block: `LatencyResult.to_dict()` with next-response names,
    the timestamp resolution in words, and the definition."""
    d = _renamed(result.to_dict())
    d["by_hour"] = [_renamed(r) for r in d["by_hour"]]
    d["by_member"] = [_renamed(r) for r in d["by_member"]]
    d["by_category"] = [_renamed(r) for r in d["by_category"]]
    d["notes"] = [n.replace("latencies are known to ±60 s and many are 0",
                            "a next response of 0 s means under a minute, and every value is known to ±60 s")
                  .replace("turns were answered within", "turns had a next response within")
                  .replace("latency is undefined", "next response is undefined")
                  for n in d["notes"]]
    d["resolution"] = resolution_label(result.resolution_s)
    d["definition"] = NEXT_RESPONSE_DEFINITION
    d["old_key"] = "latency"
    return d
