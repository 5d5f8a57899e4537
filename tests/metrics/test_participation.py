"""Participation inequality: the check values of docs/metrics.md, invariants, and the time series."""
from __future__ import annotations

import math

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from analyzer.metrics import participation as P

# docs/metrics.md "Check values": x, gini, gini_corrected, hoover, theil, hhi, top10pct_share
CHECK_VALUES = [
    ([5, 5, 5, 5], 0.0, 0.0, 0.0, 0.0, 0.25, 0.25),
    ([0] * 9 + [10], 0.9000, 1.0000, 0.9000, 2.3026, 1.0, 1.0),
    ([0, 0, 0, 1, 1, 2, 3, 5, 8, 30], 0.7160, 0.7956, 0.5600, 1.0186, 0.4016, 0.600),
    ([1, 2, 3, 4, 10], 0.4000, 0.5000, 0.3000, 0.2764, 0.3250, 0.500),
]


@pytest.mark.parametrize("x, g, gc, hv, th, h, top10", CHECK_VALUES)
def test_check_values(x, g, gc, hv, th, h, top10):
    assert P.gini(x) == pytest.approx(g, abs=5e-5)
    assert P.gini_corrected(x) == pytest.approx(gc, abs=5e-5)
    assert P.hoover(x) == pytest.approx(hv, abs=5e-5)
    assert P.theil(x) == pytest.approx(th, abs=5e-5)
    assert P.hhi(x) == pytest.approx(h, abs=5e-5)
    assert P.top_share(x, 0.10) == pytest.approx(top10, abs=5e-5)
    assert P.effective_posters(x) == pytest.approx(1 / h, rel=1e-4)
    r = P.inequality(x)
    assert (r.gini, r.hhi, r.top10pct_share) == (P.gini(x), P.hhi(x), P.top_share(x, 0.1))


def test_check_values_secondary():
    x = [1, 2, 3, 4, 10]
    assert P.top_share(x, k=1) == 0.5
    assert P.top_share(x, 0.20) == 0.5  # k = ceil(0.2 * 5) = 1
    assert P.min_share_for(x, 0.5) == pytest.approx(0.2)  # 10 of 20
    assert P.min_share_for(x, 0.8) == pytest.approx(0.6)  # 10 + 4 + 3 = 17 >= 16
    assert P.theil_normalized(x) == pytest.approx(0.2764 / math.log(5), abs=5e-5)
    assert P.min_share_for([5, 5, 5, 5], 0.5) == 0.5
    assert P.min_share_for([0] * 9 + [10], 0.8) == pytest.approx(0.1)


@pytest.mark.parametrize("n", [2, 3, 10, 57])
def test_one_poster_among_n(n):
    x = [0] * (n - 1) + [7]
    assert P.gini(x) == pytest.approx((n - 1) / n)
    assert P.gini_corrected(x) == pytest.approx(1.0)
    assert P.theil_normalized(x) == pytest.approx(1.0)


def test_top_k_is_not_fooled_by_binary_rounding():
    assert 0.07 * 100 > 7  # the trap: a bare ceil gives 8
    assert P.top_k(100, 0.07) == 7
    assert P.top_k(30, 0.1) == 3
    assert P.top_k(10, 0.1) == 1
    assert P.top_k(11, 0.1) == 2
    assert P.top_k(5, 0.2) == 1
    assert P.top_k(3, 0.1) == 1  # never zero members


def test_undefined_values_are_nan_not_numbers():
    for x in ([], [0, 0, 0]):
        for f in (P.gini, P.hoover, P.theil, P.hhi, P.effective_posters):
            assert math.isnan(f(x))
        assert math.isnan(P.top_share(x, 0.1))
        assert math.isnan(P.min_share_for(x, 0.5))
        assert P.lorenz(x) == []
    # n = 1: the Gini is 0 but its small-sample correction and Theil's normalisation are undefined.
    assert P.gini([4]) == 0.0
    assert math.isnan(P.gini_corrected([4]))
    assert math.isnan(P.theil_normalized([4]))


def test_negative_counts_are_rejected():
    with pytest.raises(ValueError):
        P.gini([1, -1])


def _gini_brute(x):
    x = np.asarray(x, float)
    n, mu = x.size, x.mean()
    return np.abs(x[:, None] - x[None, :]).sum() / (2 * n * n * mu)


@settings(max_examples=60, deadline=None)
@given(st.lists(st.integers(0, 500), min_size=1, max_size=40).filter(lambda v: sum(v) > 0))
def test_gini_equals_the_double_sum_definition(x):
    assert P.gini(x) == pytest.approx(_gini_brute(x), abs=1e-12)
    assert P.gini(list(reversed(x))) == pytest.approx(P.gini(x), abs=1e-12)
    assert P.gini([3 * v for v in x]) == pytest.approx(P.gini(x), abs=1e-12)
    assert 0 <= P.hoover(x) <= 1
    assert 0 <= P.theil(x) <= math.log(len(x)) + 1e-12
    assert 1 / len(x) - 1e-12 <= P.hhi(x) <= 1 + 1e-12


@settings(max_examples=30, deadline=None)
@given(st.lists(st.lists(st.integers(0, 50), min_size=1, max_size=12), min_size=1, max_size=8))
def test_gini_rows_with_missing_members(rows):
    width = max(len(r) for r in rows)
    m = np.full((len(rows), width), np.nan)
    for i, r in enumerate(rows):
        m[i, : len(r)] = r
    got = P.gini_rows(m)
    for i, r in enumerate(rows):
        want = P.gini(r)
        assert (math.isnan(got[i]) and math.isnan(want)) or got[i] == pytest.approx(want, abs=1e-12)


def test_lorenz_points():
    pts = P.lorenz([1, 2, 3, 4, 10])
    assert pts[0] == [0.0, 0.0] and pts[-1] == [1.0, 1.0]
    assert len(pts) == 6
    assert pts[1] == pytest.approx([0.2, 0.05])
    assert all(y <= x + 1e-12 for x, y in pts)  # below the equality diagonal
    assert all(b[1] >= a[1] for a, b in zip(pts, pts[1:]))


def test_bootstrap_ci_is_seeded_and_brackets():
    x = [0, 0, 0, 1, 1, 2, 3, 5, 8, 30]
    a = P.bootstrap_gini_ci(x, b=2000, seed=7)
    b = P.bootstrap_gini_ci(x, b=2000, seed=7)
    assert a == b
    assert a[0] < P.gini(x) < a[1]
    assert P.bootstrap_gini_ci([5, 5, 5, 5], b=500) == (0.0, 0.0)
    assert all(math.isnan(v) for v in P.bootstrap_gini_ci([0, 0], b=100))


def test_chance_null_matches_the_rule_of_thumb():
    # 5 messages per member: even pure chance gives a Gini near 1/sqrt(pi * 5) = 0.25.
    x = np.full(200, 5)
    null = P.chance_null_gini(x, draws=300, seed=1)
    assert null.mean == pytest.approx(1 / math.sqrt(math.pi * 5), abs=0.02)
    assert null.p == 1.0  # a perfectly equal group is never more unequal than chance
    concentrated = P.chance_null_gini([0] * 9 + [50], draws=1000, seed=1)
    assert concentrated.p == 0.0
    assert P.chance_null_gini([0] * 9 + [50], draws=1000, seed=1) == concentrated


def test_inequality_bundle_is_seeded():
    x = [0, 0, 0, 1, 1, 2, 3, 5, 8, 30]
    r1 = P.inequality(x, bootstrap=2000, null_draws=1000, seed=3, with_lorenz=True)
    r2 = P.inequality(x, bootstrap=2000, null_draws=1000, seed=3, with_lorenz=True)
    assert r1 == r2
    assert r1.gini_null_p == 0.0
    assert r1.gini_null_mean < r1.gini
    assert len(r1.lorenz) == 11


def _days(*s):
    return np.array(s, dtype="datetime64[D]")


def test_monthly_with_presence():
    # Jan: A 3, B 1. Feb: A 2, B 2, C joined on Feb 10 and is silent. March: nobody posts.
    day = _days("2024-01-05", "2024-01-05", "2024-01-06", "2024-01-07",
                "2024-02-01", "2024-02-02", "2024-02-03", "2024-02-04")
    member = np.array([0, 0, 0, 1, 0, 1, 0, 1])
    nat = np.datetime64("NaT", "ns")
    joined = np.array([nat, nat, np.datetime64("2024-02-10T09:00", "ns")])
    left = np.array([nat, nat, nat])
    m = P.over_time(day, member, 3, joined=joined, left=left, freq="month",
                    first_day=np.datetime64("2024-01-01"), last_day=np.datetime64("2024-03-31"))
    assert list(m["period"]) == ["2024-01", "2024-02", "2024-03"]
    assert list(m["messages"]) == [4, 4, 0]
    assert list(m["posters"]) == [2, 2, 0]
    assert list(m["n_members"]) == [2, 3, 3]
    assert m["gini"][0] == pytest.approx(0.25)
    assert m["gini"][1] == pytest.approx(1 / 3)
    assert math.isnan(m["gini"][2])
    assert m["top10pct_share"][0] == pytest.approx(0.75)


def test_monthly_fixed_size_pads_silent_members():
    day = _days("2024-01-05", "2024-01-05")
    m = P.over_time(day, np.array([0, 1]), 2, fixed_size=4, freq="month")
    assert list(m["n_members"]) == [4]
    assert list(m["silent_members"]) == [2]
    assert m["gini"][0] == pytest.approx(P.gini([1, 1, 0, 0]))


def test_rolling_window():
    day = _days("2024-01-01", "2024-01-02", "2024-01-20", "2024-02-15")
    r = P.over_time(day, np.array([0, 1, 0, 0]), 2, freq="rolling", rolling_days=30)
    assert len(r) == 46
    by = dict(zip(r["period"], r["messages"]))
    assert by["2024-01-01"] == 1
    assert by["2024-01-30"] == 3
    assert by["2024-01-31"] == 2  # Jan 1 dropped out of the 30 days
    assert by["2024-02-15"] == 2
    assert r.loc[r["period"] == "2024-01-02", "gini"].item() == pytest.approx(0.0)


@settings(max_examples=40, deadline=None)
@given(st.lists(st.lists(st.integers(0, 40), min_size=1, max_size=15), min_size=1, max_size=6))
def test_row_indices_equal_the_scalar_ones(rows):
    width = max(len(r) for r in rows)
    m = np.full((len(rows), width), np.nan)
    for i, r in enumerate(rows):
        m[i, : len(r)] = r
    got = P.inequality_rows(m)
    for i, r in enumerate(rows):
        want = P.inequality(r).to_dict()
        assert got["n"][i] == want["n"]
        for k, v in got.items():
            if k == "n":
                continue
            w = want[k]
            assert (math.isnan(v[i]) and math.isnan(w)) or v[i] == pytest.approx(w, abs=1e-9), k
