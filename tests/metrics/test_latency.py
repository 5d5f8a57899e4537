"""Turns, response latency with right-censoring (Kaplan–Meier) and burstiness."""
from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest
import scipy.stats as st
from hypothesis import given, settings
from hypothesis import strategies as st_h

from analyzer import load_chat
from analyzer.metrics import latency as L
from analyzer.metrics.turns import segment_turns
from analyzer.analysis import analyze


def T(*hhmm: str, day: str = "2024-03-01") -> np.ndarray:
    return np.array([f"{day}T{x}" for x in hhmm], dtype="datetime64[ns]")


# --- turns ------------------------------------------------------------------------------------


def test_turn_boundary_is_within_tau_inclusive():
    ts = np.array(["2024-03-01T08:00:00", "2024-03-01T08:05:00", "2024-03-01T08:10:01",
                   "2024-03-01T08:10:30"], dtype="datetime64[ns]")
    t = segment_turns(ts, ["A", "A", "A", "B"])
    # 300 s exactly stays in the turn; 301 s starts a new one; an author change always does.
    assert list(t.message_turn) == [0, 0, 1, 2]
    assert list(t.table["n_messages"]) == [2, 1, 1]
    assert list(t.table["author"]) == ["A", "A", "B"]


def test_turns_sort_out_of_order_records_stably():
    ts = T("08:02", "08:00", "08:02", "08:30")
    t = segment_turns(ts, ["B", "A", "A", "A"])
    # Chronological: A 08:00, B 08:02, A 08:02 (file order kept within the minute), A 08:30.
    assert list(t.message_turn) == [1, 0, 2, 3]
    assert list(t.table["author"]) == ["A", "B", "A", "A"]


def test_reply_edges():
    ts = T("08:00", "08:10", "08:11", "09:00", "09:30", "10:01")
    t = segment_turns(ts, ["R", "B", "R", "R", "D", "B"], reply_window_s=1800)
    tab = t.table
    assert list(tab["reply_to"].astype(object).where(tab["reply_to"].notna(), None)) == [None, "R", "B", None, "R", None]
    assert list(tab["reply_gap_s"].fillna(-1)) == [-1, 600, 60, -1, 1800, -1]


def test_empty_turns():
    t = segment_turns(np.array([], dtype="datetime64[ns]"), [])
    assert len(t.table) == 0 and t.message_turn.size == 0


# --- Kaplan–Meier ----------------------------------------------------------------------------


@settings(max_examples=40, deadline=None)
@given(st_h.lists(st_h.tuples(st_h.integers(0, 30), st_h.booleans()), min_size=1, max_size=60))
def test_kaplan_meier_agrees_with_scipy(data):
    d = np.array([v * 60.0 for v, _ in data])
    e = np.array([b for _, b in data])
    km = L.kaplan_meier(d, e)
    if e.any():
        ref = st.ecdf(st.CensoredData(uncensored=d[e], right=d[~e]))
        np.testing.assert_allclose(km.survival[np.isin(km.times, ref.sf.quantiles)], ref.sf.probabilities, atol=1e-12)
        for t in (0, 60, 300, 900, 1800):
            assert km.cdf(t) == pytest.approx(ref.cdf.evaluate(t), abs=1e-12)
    else:
        assert np.all(km.survival == 1.0)
        assert math.isnan(km.quantile(0.5))


def test_kaplan_meier_quantiles_and_censoring():
    # Answered 60, 300, 480, 1800, 4740 s; censored 3300 and 86400 s (the export example below).
    d = [60, 300, 480, 1800, 3300, 4740, 86400]
    e = [True, True, True, True, False, True, False]
    km = L.kaplan_meier(d, e)
    assert km.quantile(0.25) == 300
    assert km.quantile(0.5) == 1800
    assert km.quantile(0.75) == 4740
    assert math.isnan(km.quantile(0.9))  # never reached: not a made-up number
    assert km.cdf(4740) == pytest.approx(11 / 14)
    assert km.cdf(59) == 0.0


def test_summary_without_turns_is_all_undefined():
    s = L.summarize(np.zeros(0), np.zeros(0, bool))
    assert s.n_turns == 0
    assert all(math.isnan(getattr(s, k)) for k in ("median_s", "answered_5min_share", "unanswered_share"))


# --- per-turn latency ------------------------------------------------------------------------


def test_latency_goes_to_the_next_turn_by_someone_else():
    start = T("08:00", "08:20", "08:25")
    end = T("08:01", "08:20", "08:26")
    lat = L.turn_latencies(start, end, np.array([0, 0, 1]), observed_until=np.datetime64("2024-03-01T09:00"))
    assert list(lat["latency_s"][:2]) == [24 * 60, 5 * 60]
    assert list(lat["responder_turn"]) == [2, 2, -1]
    assert not lat["answered"][2]
    assert lat["duration_s"][2] == 34 * 60  # censored at the end of the observation


def test_latency_above_the_censor_limit_is_unanswered():
    start = np.array(["2024-03-01T08:00", "2024-03-02T09:00"], dtype="datetime64[ns]")
    lat = L.turn_latencies(start, start, np.array([0, 1]), observed_until=np.datetime64("2024-03-02T09:00"),
                           censor_limit_s=86_400)
    assert not lat["answered"][0]
    assert lat["duration_s"][0] == 86_400
    assert math.isnan(lat["latency_s"][0])


def test_quiet_hours_do_not_count():
    w = L.hour_weights((22, 5))
    assert w.sum() == 17
    a = np.array(["2024-03-01T21:30"], dtype="datetime64[ns]")
    b = np.array(["2024-03-02T05:30"], dtype="datetime64[ns]")
    # 21:30 -> 05:30 is 8 h of clock time, of which 22:00-05:00 (7 h) is quiet: 1 h counted.
    assert (L.counted_seconds(b, w) - L.counted_seconds(a, w))[0] == pytest.approx(3600)
    lat = L.turn_latencies(a, a, np.array([0, 1])[:1], observed_until=None)
    assert not lat["answered"][0]
    both = np.concatenate([a, b])
    lat = L.turn_latencies(both, both, np.array([0, 1]), observed_until=b[0], weights=w)
    assert lat["latency_s"][0] == pytest.approx(3600)
    with pytest.raises(ValueError):
        L.hour_weights((5, 5))


def test_profile_weights_follow_the_busiest_hour():
    hourly = np.zeros(24)
    hourly[20] = 100
    hourly[3] = 10
    w = L.hour_weights("profile", hourly)
    assert w[20] == 1.0 and w[3] == pytest.approx(0.1) and w[12] == 0.0


# --- burstiness ------------------------------------------------------------------------------


def test_burstiness():
    periodic = np.arange(0, 100 * 60, 60).astype("datetime64[s]")
    assert L.burstiness(periodic) == pytest.approx(-1.0)
    rng = np.random.default_rng(0)
    poisson = np.cumsum(rng.exponential(100.0, 20000)).astype("int64").astype("datetime64[s]")
    assert abs(L.burstiness(poisson)) < 0.02
    assert math.isnan(L.burstiness(periodic[:2]))
    assert math.isnan(L.burstiness(np.array(["2024-01-01T10:00"] * 5, dtype="datetime64[ns]")))


def test_resolution():
    assert L.timestamp_resolution_s(T("08:00", "08:01")) == 60
    assert L.timestamp_resolution_s(np.array(["2024-01-01T10:00:05"], dtype="datetime64[ns]")) == 1
    assert L.timestamp_resolution_s(T("08:00"), seconds_in_format=True) == 1


# --- an export written line by line ------------------------------------------------------------

LATENCY_CHAT = """\
01/03/24 08.00 - Rina: Selamat pagi, ada info KUR?
01/03/24 08.02 - Rina: yang bunganya 6% itu
01/03/24 08.10 - Budi: ada bu, cek BRI terdekat
01/03/24 08.11 - Rina: makasih pak
01/03/24 09.00 - Rina: ada yang tahu harga gula pasir minggu ini?
01/03/24 09.30 - Dewi: 17rb di pasar
03/03/24 09.00 - Budi: rapat kopdar sabtu ya
03/03/24 09.05 - Dewi: siap
03/03/24 10.00 - Eko keluar
"""


def test_latency_from_an_export_with_censoring():
    r = analyze(load_chat(LATENCY_CHAT.encode()))
    lat = r.latency.to_dict()
    # Turns: Rina 08:00-08:02 -> Budi 08:10 (480 s); Budi -> Rina 08:11 (60 s); Rina 08:11 -> Dewi
    # 09:30 (4740 s, Rina's own 09:00 turn in between); Rina 09:00 -> 09:30 (1800 s); Dewi 09:30 ->
    # Budi two days later (> 24 h: censored at 86400 s); Budi -> Dewi (300 s); Dewi 09:05 is the last
    # turn: censored at the export's end 10:00 (3300 s).
    assert lat["n_turns"] == 7
    assert lat["n_answered"] == 5
    assert lat["median_s"] == 1800
    assert lat["p25_s"] == 300
    assert lat["p75_s"] == 4740
    assert lat["p90_s"] is None or math.isnan(lat["p90_s"])
    assert lat["answered_5min_share"] == pytest.approx(2 / 7)
    assert lat["answered_1h_share"] == pytest.approx(4 / 7)
    assert lat["answered_24h_share"] == pytest.approx(5 / 7)
    assert lat["unanswered_share"] == pytest.approx(2 / 7)
    assert lat["km_answered_24h"] == pytest.approx(11 / 14)
    assert lat["resolution_s"] == 60
    assert lat["censor_limit_s"] == 86400
    d = r.to_dict()["latency"]
    assert d["p90_s"] is None
    assert any("p90_s is null" in n for n in d["notes"])
    m = r.messages
    assert list(m.loc[m["author"] == "Rina", "latency_s"].fillna(-1)) == [-1, 480, 4740, 1800]
    assert list(m["reply_to"].fillna("-")) == ["-", "-", "Rina", "Budi", "-", "Rina", "-", "Budi", "-"]
    by_hour = {h["hour"]: h for h in d["by_hour"]}
    assert by_hour[8]["n_turns"] == 3 and by_hour[8]["median_s"] == 480
    assert by_hour[3]["n_turns"] == 0 and by_hour[3]["median_s"] is None
    members = r.members.set_index("member")
    assert members.loc["Rina", "median_latency_s"] == 1800
    assert members.loc["Dewi", "share_answered"] == 0.0


def test_window_end_censors_latency():
    r = analyze(load_chat(LATENCY_CHAT.encode()), end="2024-03-01")
    lat = r.latency.summary
    # Dewi's 09:30 turn is now censored at the window's end (midnight), not at 24 h.
    assert lat.n_turns == 5
    assert lat.n_answered == 4
    assert r.parameters["observed_until"] == "2024-03-02T00:00:00"


def test_quiet_hours_in_analyze():
    text = "01/03/24 21.30 - Rina: ada yang buka besok?\n02/03/24 05.30 - Budi: buka bu\n"
    chat = load_chat(text.encode())
    assert analyze(chat).latency.summary.median_s == 8 * 3600
    assert analyze(chat, quiet_hours=(22, 5)).latency.summary.median_s == 3600
    assert analyze(chat, quiet_hours=(22, 5)).to_dict()["parameters"]["quiet_hours"] == [22, 5]
