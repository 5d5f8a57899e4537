"""Participation inequality (poster concentration): who does the talking.

Every index is a pure function of a vector x of per-member counts (messages, characters or turns in
a window), computed over *all* members including silent ones (x_i = 0), exactly as defined in
docs/metrics.md. Undefined values (no messages, a single member for the small-sample correction, ...)
are NaN, which the report turns into JSON null; they are never replaced by a made-up number.

References
----------
- Gini coefficient, mean-absolute-difference form: Gini (1912); Sen (1973), *On Economic Inequality*.
- Small-sample correction n/(n-1): Deltas, G. (2003). The small-sample bias of the Gini coefficient.
  *Review of Economics and Statistics* 85(1): 226-234.
- Hoover (Robin Hood) index: Hoover, E. M. (1936). The measurement of industrial localization.
  *Review of Economics and Statistics* 18(4): 162-171.
- Theil index: Theil, H. (1967). *Economics and Information Theory*. North-Holland.
- Herfindahl-Hirschman index and its inverse, the "numbers equivalent": Hirschman (1964);
  Adelman, M. A. (1969). Comment on the "H" concentration measure as a numbers-equivalent.
  *Review of Economics and Statistics* 51(1): 99-101.
- Lorenz, M. O. (1905). Methods of measuring the concentration of wealth. *JASA* 9(70): 209-219.
- Percentile bootstrap: Efron, B. & Tibshirani, R. (1993). *An Introduction to the Bootstrap*.
"""
from __future__ import annotations

import math
from dataclasses import asdict, dataclass, field
from typing import Sequence

import numpy as np
import pandas as pd

# Shares are ratios of integer counts; comparisons such as "top k wrote >= 50%" must not flip
# because 0.07 * 100 == 7.000000000000001 in binary floating point.
_EPS = 1e-9

NAN = float("nan")


def _as_array(x: Sequence[float] | np.ndarray) -> np.ndarray:
    a = np.asarray(x, dtype=float).ravel()
    if a.size and (np.any(a < 0) or not np.all(np.isfinite(a))):
        raise ValueError("participation counts must be finite and non-negative")
    return a


def gini(x: Sequence[float] | np.ndarray) -> float:
    """Gini coefficient G = Σ_i Σ_j |x_i − x_j| / (2 n² μ).

    Computed in O(n log n) from the sorted values as Σ_i (2i − n − 1) x_(i) / (n Σx), which is the
    same quantity. One poster among n members gives (n − 1)/n. NaN when n = 0 or Σx = 0.
    """
    a = np.sort(_as_array(x))
    n, s = a.size, a.sum()
    if n == 0 or s <= 0:
        return NAN
    i = np.arange(1, n + 1, dtype=float)
    return float(np.dot(2 * i - n - 1, a) / (n * s))


def gini_corrected(x: Sequence[float] | np.ndarray) -> float:
    """Small-sample corrected Gini, G · n/(n − 1) (Deltas 2003); one poster among n gives 1.

    NaN for n < 2, where the correction is undefined.
    """
    a = _as_array(x)
    if a.size < 2:
        return NAN
    return gini(a) * a.size / (a.size - 1)


def hoover(x: Sequence[float] | np.ndarray) -> float:
    """Hoover index ½ Σ |x_i/S − 1/n|: the share of messages that would have to move for equality."""
    a = _as_array(x)
    n, s = a.size, a.sum()
    if n == 0 or s <= 0:
        return NAN
    return float(0.5 * np.abs(a / s - 1.0 / n).sum())


def theil(x: Sequence[float] | np.ndarray) -> float:
    """Theil T index (1/n) Σ (x_i/μ) ln(x_i/μ), with 0·ln 0 = 0. Ranges 0 … ln n."""
    a = _as_array(x)
    n, s = a.size, a.sum()
    if n == 0 or s <= 0:
        return NAN
    r = a / (s / n)
    pos = r > 0
    return float((r[pos] * np.log(r[pos])).sum() / n)


def theil_normalized(x: Sequence[float] | np.ndarray) -> float:
    """Theil index divided by its maximum ln n, so it lies in [0, 1]. NaN for n < 2."""
    a = _as_array(x)
    if a.size < 2:
        return NAN
    return theil(a) / math.log(a.size)


def hhi(x: Sequence[float] | np.ndarray) -> float:
    """Herfindahl-Hirschman index Σ (x_i/S)², between 1/n (equal) and 1 (one poster)."""
    a = _as_array(x)
    s = a.sum()
    if a.size == 0 or s <= 0:
        return NAN
    return float(((a / s) ** 2).sum())


def effective_posters(x: Sequence[float] | np.ndarray) -> float:
    """1/HHI: the number of equally active members that would give the same concentration."""
    h = hhi(x)
    return NAN if not h > 0 else 1.0 / h


def top_k(n: int, p: float) -> int:
    """k = ceil(p·n), guarded against binary rounding (0.07·100 must give 7, not 8); at least 1."""
    if n <= 0:
        return 0
    return max(1, min(n, math.ceil(p * n - _EPS)))


def top_share(x: Sequence[float] | np.ndarray, p: float | None = None, *, k: int | None = None) -> float:
    """Share of S written by the top k members, k = ceil(p·n) (or k given directly)."""
    a = np.sort(_as_array(x))[::-1]
    s = a.sum()
    if a.size == 0 or s <= 0:
        return NAN
    if k is None:
        if p is None:
            raise TypeError("give p or k")
        k = top_k(a.size, p)
    return float(a[: max(0, min(k, a.size))].sum() / s)


def min_share_for(x: Sequence[float] | np.ndarray, q: float) -> float:
    """Smallest fraction of members (k/n) who together wrote at least q of S (most active first)."""
    a = np.sort(_as_array(x))[::-1]
    n, s = a.size, a.sum()
    if n == 0 or s <= 0:
        return NAN
    cum = np.cumsum(a)
    k = int(np.searchsorted(cum, q * s - _EPS * s, side="left")) + 1
    return min(k, n) / n


def lorenz(x: Sequence[float] | np.ndarray) -> list[list[float]]:
    """Lorenz curve points (k/n, Σ_{i≤k} x_(i)/S) for k = 0..n (ascending order); the equality
    line is the diagonal from (0, 0) to (1, 1). Empty when S = 0."""
    a = np.sort(_as_array(x))
    n, s = a.size, a.sum()
    if n == 0 or s <= 0:
        return []
    xs = np.arange(n + 1) / n
    ys = np.concatenate([[0.0], np.cumsum(a) / s])
    ys[-1] = 1.0
    return [[float(u), float(v)] for u, v in zip(xs, ys)]


def gini_rows(m: np.ndarray) -> np.ndarray:
    """Gini of every row of a 2-D array; NaN entries mean "not a member in this row".

    Vectorised for bootstrap, null draws and rolling windows: NaN sorts last, so the present values
    of row r occupy ranks 1..n_r and G_r = Σ (2i − n_r − 1) x_(i) / (n_r S_r).
    """
    m = np.sort(np.asarray(m, dtype=float), axis=1)
    present = ~np.isnan(m)
    n = present.sum(axis=1).astype(float)
    v = np.where(present, m, 0.0)
    s = v.sum(axis=1)
    i = np.arange(1, m.shape[1] + 1, dtype=float)[None, :]
    num = ((2 * i - n[:, None] - 1) * v).sum(axis=1)
    with np.errstate(invalid="ignore", divide="ignore"):
        g = num / (n * s)
    g[(n == 0) | (s <= 0)] = np.nan
    return g


def bootstrap_gini_ci(
    x: Sequence[float] | np.ndarray, *, b: int = 2000, seed: int = 0, level: float = 0.95
) -> tuple[float, float]:
    """Percentile bootstrap CI of the Gini: resample the n members with replacement b times.

    Resamples in which nobody posted have no Gini and are dropped (they only occur with tiny S).
    """
    a = _as_array(x)
    n = a.size
    if n == 0 or a.sum() <= 0 or b <= 0:
        return NAN, NAN
    rng = np.random.default_rng(seed)
    g = np.empty(b)
    # Chunks bound memory at about 4M values whatever n is.
    step = max(1, 4_000_000 // n)
    for lo in range(0, b, step):
        hi = min(b, lo + step)
        g[lo:hi] = gini_rows(a[rng.integers(0, n, size=(hi - lo, n))])
    g = g[~np.isnan(g)]
    if g.size == 0:
        return NAN, NAN
    alpha = (1 - level) / 2
    lo_, hi_ = np.quantile(g, [alpha, 1 - alpha])
    return float(lo_), float(hi_)


@dataclass(frozen=True)
class ChanceNull:
    """Gini expected if every message's author were drawn uniformly from the n members."""

    mean: float
    p95: float
    p: float  # share of null draws with Gini >= the observed Gini
    draws: int


def chance_null_gini(
    x: Sequence[float] | np.ndarray, *, draws: int = 1000, seed: int = 0
) -> ChanceNull:
    """Chance null: S = Σx messages, each author drawn uniformly from n members, `draws` times.

    Even pure chance gives a sizeable Gini with few messages per member (≈ 1/√(π·m/n)), so the
    observed Gini is judged against this distribution; p = share of null Gini ≥ observed.
    Only meaningful for integer counts (messages, turns), not for characters.
    """
    a = _as_array(x)
    n, s = a.size, int(round(a.sum()))
    if n == 0 or s <= 0 or draws <= 0:
        return ChanceNull(NAN, NAN, NAN, draws)
    rng = np.random.default_rng(seed)
    counts = rng.multinomial(s, np.full(n, 1.0 / n), size=draws)
    g = gini_rows(counts)
    obs = gini(a)
    return ChanceNull(
        mean=float(g.mean()),
        p95=float(np.quantile(g, 0.95)),
        p=float(np.mean(g >= obs - _EPS)),
        draws=draws,
    )


@dataclass(frozen=True)
class Inequality:
    """All concentration indices of one count vector (see the module docstring for definitions)."""

    n: int
    total: float
    gini: float
    gini_corrected: float
    hoover: float
    theil: float
    theil_normalized: float
    hhi: float
    effective_posters: float
    top1_share: float
    top10pct_share: float
    top20pct_share: float
    min_share_for_50pct: float
    min_share_for_80pct: float
    gini_ci_low: float = NAN
    gini_ci_high: float = NAN
    gini_null_mean: float = NAN
    gini_null_p95: float = NAN
    gini_null_p: float = NAN
    lorenz: list[list[float]] = field(default_factory=list)

    def to_dict(self) -> dict:
        return asdict(self)


def inequality(
    x: Sequence[float] | np.ndarray,
    *,
    bootstrap: int = 0,
    null_draws: int = 0,
    seed: int = 0,
    with_lorenz: bool = False,
) -> Inequality:
    """Every index of docs/metrics.md "Participation inequality" for one count vector.

    `bootstrap` > 0 adds the percentile CI, `null_draws` > 0 the chance-null comparison; both are
    seeded with `seed` so reruns give identical numbers.
    """
    a = _as_array(x)
    lo, hi = bootstrap_gini_ci(a, b=bootstrap, seed=seed) if bootstrap else (NAN, NAN)
    null = chance_null_gini(a, draws=null_draws, seed=seed) if null_draws else ChanceNull(NAN, NAN, NAN, 0)
    return Inequality(
        n=int(a.size),
        total=float(a.sum()),
        gini=gini(a),
        gini_corrected=gini_corrected(a),
        hoover=hoover(a),
        theil=theil(a),
        theil_normalized=theil_normalized(a),
        hhi=hhi(a),
        effective_posters=effective_posters(a),
        top1_share=top_share(a, k=1),
        top10pct_share=top_share(a, 0.10),
        top20pct_share=top_share(a, 0.20),
        min_share_for_50pct=min_share_for(a, 0.5),
        min_share_for_80pct=min_share_for(a, 0.8),
        gini_ci_low=lo,
        gini_ci_high=hi,
        gini_null_mean=null.mean,
        gini_null_p95=null.p95,
        gini_null_p=null.p,
        lorenz=lorenz(a) if with_lorenz else [],
    )


# --------------------------------------------------------------------------------------------
# Over time: the same indices per calendar month and per rolling window.


def _presence(
    dates: pd.DatetimeIndex, joined: np.ndarray, left: np.ndarray, period_end: pd.DatetimeIndex
) -> np.ndarray:
    """Boolean (periods × members): member known to be in the group during [date, period_end).

    A member is present from their first join (or from the start, if no join line names them) until
    their last leave (or for good). NaT encodes "not stated".
    """
    start = dates.values[:, None]
    stop = period_end.values[:, None]
    j = joined[None, :]
    lv = left[None, :]
    joined_ok = np.isnat(j) | (j < stop)
    not_left = np.isnat(lv) | (lv >= start)
    return joined_ok & not_left


def over_time(
    day: np.ndarray,
    member: np.ndarray,
    n_members: int,
    *,
    joined: np.ndarray | None = None,
    left: np.ndarray | None = None,
    fixed_size: int | None = None,
    freq: str = "month",
    rolling_days: int = 30,
    first_day: np.datetime64 | None = None,
    last_day: np.datetime64 | None = None,
) -> pd.DataFrame:
    """Participation indices per calendar month (`freq="month"`) or per rolling window of
    `rolling_days` days ending on each day (`freq="rolling"`).

    `day` are message dates (datetime64[D]) and `member` their member codes 0..n_members-1. The
    members of a period are those present in it (join/leave lines; everyone else for the whole
    window) plus anyone who posted in it. With `fixed_size` N (a user-supplied group size) every
    period has N members and N − posters silent ones.
    """
    day = np.asarray(day, dtype="datetime64[D]")
    member = np.asarray(member, dtype=np.int64)
    cols = ["period", "start", "end", "messages", "posters", "n_members", "silent_members", "gini",
            "gini_corrected", "hhi", "effective_posters", "top10pct_share", "gini_posters"]
    if first_day is None:
        if day.size == 0:
            return pd.DataFrame(columns=cols)
        first_day, last_day = day.min(), day.max()
    first_day = np.datetime64(first_day, "D")
    last_day = np.datetime64(last_day, "D")
    if freq == "month":
        m0 = first_day.astype("datetime64[M]")
        m1 = last_day.astype("datetime64[M]")
        months = np.arange(m0, m1 + 1)
        starts = months.astype("datetime64[D]")
        ends = (months + 1).astype("datetime64[D]")
        period = np.searchsorted(ends, day, side="right")
        labels = [str(m) for m in months]
        n_p = months.size
        width = max(n_members, 1)
        counts = np.bincount(period * width + member, minlength=n_p * width).reshape(n_p, width).astype(float)
    elif freq == "rolling":
        days = np.arange(first_day, last_day + 1)
        n_d = days.size
        width = max(n_members, 1)
        row = (day - first_day).astype(np.int64) + 1
        daily = np.bincount(row * width + member, minlength=(n_d + 1) * width).reshape(n_d + 1, width).astype(float)
        cum = np.cumsum(daily, axis=0)
        hi = np.arange(1, n_d + 1)
        lo = np.maximum(0, hi - rolling_days)
        counts = cum[hi] - cum[lo]
        ends = days + 1
        starts = np.maximum(ends - rolling_days, first_day)
        labels = [str(d) for d in days]
        n_p = n_d
    else:
        raise ValueError(f"freq must be 'month' or 'rolling', not {freq!r}")
    counts = counts[:, :n_members]
    posted = counts > 0
    if fixed_size is not None:
        present = np.ones_like(posted)
    elif joined is not None and left is not None:
        present = _presence(pd.DatetimeIndex(starts), np.asarray(joined, "datetime64[ns]"),
                            np.asarray(left, "datetime64[ns]"), pd.DatetimeIndex(ends)) | posted
    else:
        present = np.ones_like(posted)
    masked = np.where(present, counts, np.nan)
    if fixed_size is not None:
        # Silent members beyond the named ones are anonymous zeros: append them per row.
        extra = fixed_size - n_members
        if extra > 0:
            masked = np.concatenate([masked, np.zeros((n_p, extra))], axis=1)
    posters = posted.sum(axis=1)
    out = pd.DataFrame({
        "period": labels,
        "start": pd.to_datetime(starts),
        "end": pd.to_datetime(ends),
        "messages": counts.sum(axis=1).astype(np.int64),
        "posters": posters.astype(np.int64),
    })
    idx = inequality_rows(masked)
    out["n_members"] = idx.pop("n")
    out["silent_members"] = out["n_members"] - out["posters"]
    for k, v in idx.items():
        out[k] = v
    # Posters-only Gini: among the members who posted in the period. A quiet month has many silent
    # members, which alone pushes the Gini above towards 1; this one does not move with volume.
    out["gini_posters"] = gini_rows(np.where(posted, counts, np.nan)) if n_p else np.zeros(0)
    return out


def inequality_rows(m: np.ndarray) -> dict[str, np.ndarray]:
    """The indices of `inequality` for every row of a 2-D array at once (NaN = not a member).

    Same definitions as the scalar functions; used for the monthly and rolling series.
    """
    m = np.asarray(m, dtype=float)
    rows = m.shape[0]
    present = ~np.isnan(m)
    n = present.sum(axis=1)
    v = np.where(present, m, 0.0)
    s = v.sum(axis=1)
    ok = (n > 0) & (s > 0)
    nf = n.astype(float)
    with np.errstate(invalid="ignore", divide="ignore"):
        g = gini_rows(m)
        share = v / s[:, None]
        hoover_ = 0.5 * np.where(present, np.abs(share - 1.0 / nf[:, None]), 0.0).sum(axis=1)
        r = v * nf[:, None] / s[:, None]
        theil_ = np.where(r > 0, r * np.log(np.where(r > 0, r, 1.0)), 0.0).sum(axis=1) / nf
        hhi_ = (share**2).sum(axis=1)
        desc = -np.sort(-v, axis=1)
        cum = np.cumsum(desc, axis=1) / s[:, None]
        at = np.arange(rows)

        def top(p: float) -> np.ndarray:
            k = np.clip(np.ceil(p * nf - _EPS), 1, None).astype(np.int64)
            return cum[at, np.clip(k - 1, 0, m.shape[1] - 1)] if m.shape[1] else np.full(rows, np.nan)

        def min_share(q: float) -> np.ndarray:
            k = (cum >= q - _EPS).argmax(axis=1) + 1 if m.shape[1] else np.zeros(rows)
            return np.minimum(k, n) / nf

        res = {
            "n": n.astype(np.int64),
            "gini": g,
            "gini_corrected": np.where(n >= 2, g * nf / np.maximum(nf - 1, 1), np.nan),
            "hoover": hoover_,
            "theil": theil_,
            "theil_normalized": np.where(n >= 2, theil_ / np.log(np.maximum(nf, 2)), np.nan),
            "hhi": hhi_,
            "effective_posters": 1.0 / hhi_,
            "top1_share": cum[:, 0] if m.shape[1] else np.full(rows, np.nan),
            "top10pct_share": top(0.10),
            "top20pct_share": top(0.20),
            "min_share_for_50pct": min_share(0.5),
            "min_share_for_80pct": min_share(0.8),
        }
    for k, val in res.items():
        if k != "n":
            res[k] = np.where(ok, val, np.nan).astype(float)
    return res


# --------------------------------------------------------------------------------------------
# The participation section of the report.


def _frame_records(df: pd.DataFrame) -> list[dict]:
    out = df.copy()
    for c in ("start", "end"):
        if c in out:
            out[c] = pd.to_datetime(out[c]).dt.strftime("%Y-%m-%d")
    return out.to_dict(orient="records")


@dataclass(frozen=True)
class ParticipationResult:
    """Poster concentration in a window: indices by messages (the headline numbers), the same by
    characters and by turns, posters-only variants, and the indices per month and rolling window.

    `silent_members`/`silent_share` are None when the silent count is unknown (see
    `analyzer.metrics.members`).
    """

    n_members: int
    n_posters: int
    silent_members: int | None
    silent_share: float | None
    members_source: str
    silent_known: bool
    by_messages: Inequality
    posters_only: Inequality
    by_characters: Inequality
    by_turns: Inequality
    monthly: pd.DataFrame
    rolling: pd.DataFrame
    rolling_days: int
    notes: list[str] = field(default_factory=list)
    top_posters: list[dict] = field(default_factory=list)  # `top_members`: for charts and tables

    def to_dict(self) -> dict:
        d: dict = {
            "n_members": self.n_members,
            "n_posters": self.n_posters,
            "silent_members": self.silent_members,
            "silent_share": self.silent_share,
            "members_source": self.members_source,
            "silent_known": self.silent_known,
            "n_messages": int(round(self.by_messages.total)),
        }
        main = self.by_messages.to_dict()
        main.pop("n")
        main.pop("total")
        d.update(main)
        d["posters_only"] = self.posters_only.to_dict()
        d["by_characters"] = self.by_characters.to_dict()
        d["by_turns"] = self.by_turns.to_dict()
        d["monthly"] = _frame_records(self.monthly)
        d[f"rolling_{self.rolling_days}d"] = _frame_records(self.rolling)
        d["top_posters"] = list(self.top_posters)
        d["notes"] = list(self.notes)
        return d


def top_members(names: Sequence[str], counts: Sequence[float] | np.ndarray, k: int = 20) -> list[dict]:
    """The k members with the most messages as [{member, messages, share}], most first; ties by
    name so the list is stable. `share` = messages / all messages of the window (not of the top k)."""
    x = _as_array(counts)
    total = float(x.sum())
    rows = [(str(m), float(c)) for m, c in zip(names, x) if c > 0]
    rows.sort(key=lambda r: (-r[1], r[0]))
    return [{"member": m, "messages": int(c), "share": c / total if total else NAN} for m, c in rows[:k]]


def participation_metrics(
    x_messages: np.ndarray,
    x_characters: np.ndarray,
    x_turns: np.ndarray,
    *,
    n_posters: int,
    silent_members: int | None,
    silent_share: float | None,
    members_source: str,
    silent_known: bool,
    monthly: pd.DataFrame,
    rolling: pd.DataFrame,
    rolling_days: int = 30,
    bootstrap: int = 2000,
    null_draws: int = 1000,
    seed: int = 0,
    notes: Sequence[str] = (),
    top_posters: Sequence[dict] = (),
) -> ParticipationResult:
    """Assemble the participation section from per-member count vectors over all n members
    (silent ones as zeros; the vectors share one member order)."""
    xm = _as_array(x_messages)
    notes = list(notes)
    if xm.sum() <= 0:
        notes.append("no messages in the window: inequality indices are undefined")
    elif xm.size == 1:
        notes.append("a single member: the Gini is 0 by definition and the corrected indices are undefined")
    posters = xm[xm > 0]
    return ParticipationResult(
        n_members=int(xm.size),
        n_posters=int(n_posters),
        silent_members=silent_members,
        silent_share=silent_share,
        members_source=members_source,
        silent_known=silent_known,
        by_messages=inequality(xm, bootstrap=bootstrap, null_draws=null_draws, seed=seed, with_lorenz=True),
        posters_only=inequality(posters, bootstrap=bootstrap, null_draws=null_draws, seed=seed),
        by_characters=inequality(x_characters, bootstrap=bootstrap, seed=seed, with_lorenz=True),
        by_turns=inequality(x_turns, bootstrap=bootstrap, null_draws=null_draws, seed=seed, with_lorenz=True),
        monthly=monthly,
        rolling=rolling,
        rolling_days=rolling_days,
        notes=notes,
        top_posters=list(top_posters),
    )
