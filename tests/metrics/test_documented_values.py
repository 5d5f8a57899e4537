"""The check values of docs/metrics.md, read from the page itself, against the code.

The tables under "## Check values" are parsed here, so a number changed on the page or in the
code fails this test; the prose examples next to them are asserted by hand below.
"""
from __future__ import annotations

import math
import re
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from analyzer.metrics import participation as P
from analyzer.metrics.latency import burstiness, turn_latencies
from analyzer.metrics.network import overlap_matrix
from analyzer.metrics.turns import segment_turns

DOC = Path(__file__).resolve().parents[2] / "docs" / "metrics.md"


def _table(heading: str) -> list[dict[str, str]]:
    """The first Markdown table after `heading` in docs/metrics.md, as dicts of cell text."""
    text = DOC.read_text(encoding="utf-8")
    start = text.index(heading)
    rows = []
    for line in text[start:].splitlines()[1:]:
        if line.startswith("|"):
            rows.append([c.strip() for c in line.strip().strip("|").split("|")])
        elif rows:
            break
    header, _, *body = rows
    return [dict(zip(header, r)) for r in body]


PARTICIPATION = _table("### Participation indices")
INDEX = {"gini": P.gini, "gini_corrected": P.gini_corrected, "hoover": P.hoover, "theil": P.theil,
         "hhi": P.hhi, "top10pct_share": lambda x: P.top_share(x, 0.10)}


def test_the_page_has_the_check_values():
    assert len(PARTICIPATION) == 4
    assert set(PARTICIPATION[0]) == {"x", *INDEX}


@pytest.mark.parametrize("row", PARTICIPATION, ids=[r["x"] for r in PARTICIPATION])
def test_participation_check_values(row):
    x = [int(v) for v in row["x"].split(",")]
    for key, fn in INDEX.items():
        assert fn(x) == pytest.approx(float(row[key]), abs=5e-5), key
    # the bundle reports the same numbers as the single functions
    r = P.inequality(x)
    assert (r.gini, r.hoover, r.hhi) == (P.gini(x), P.hoover(x), P.hhi(x))


def test_participation_prose_values():
    x = [1, 2, 3, 4, 10]
    assert P.top_share(x, k=1) == 0.5
    assert P.min_share_for(x, 0.5) == pytest.approx(0.2)
    assert P.min_share_for(x, 0.8) == pytest.approx(0.6)
    assert P.effective_posters(x) == pytest.approx(1 / 0.325)
    for n in (2, 10, 57):
        one = [0] * (n - 1) + [3]
        assert P.gini(one) == pytest.approx((n - 1) / n)
        assert P.gini_corrected(one) == pytest.approx(1.0)
        assert P.theil_normalized(one) == pytest.approx(1.0)
    null = P.chance_null_gini(np.full(200, 5), draws=300, seed=1)
    assert null.mean == pytest.approx(1 / math.sqrt(5 * math.pi), abs=0.02)


def test_turns_and_latency_worked_example():
    rows = _table("### Turns, latency and overlap")
    ts = pd.to_datetime(["2024-03-01 09:00", "2024-03-01 09:03", "2024-03-01 09:10",
                         "2024-03-01 10:00", "2024-03-01 10:20"])
    turns = segment_turns(ts, np.array(["A", "A", "B", "A", "C"]), tau_burst_s=300, reply_window_s=1800)
    tt = turns.table
    lat = turn_latencies(tt["start"].to_numpy(), tt["end"].to_numpy(), tt["author_code"].to_numpy(),
                         observed_until=ts.max())
    assert len(tt) == len(rows) == 4
    for i, row in enumerate(rows):
        assert tt["author"].iloc[i] == row["author"]
        edge = row["reply edge"]
        reply_to = tt["reply_to"].iloc[i]
        assert (pd.isna(reply_to) if not edge else edge == f"{row['author']}→{reply_to}"), i
        assert bool(lat["answered"].iloc[i]) == row["answered"].startswith("yes")
        if row["latency_s"]:
            assert lat["latency_s"].iloc[i] == float(row["latency_s"])
        else:
            assert math.isnan(lat["latency_s"].iloc[i])
            assert lat["duration_s"].iloc[i] == float(re.search(r"censored at (\d+) s", row["answered"]).group(1))


def test_overlap_and_burstiness_worked_example():
    # A, B, C in a triangle; D tied only to C
    W = np.array([[0, 1, 1, 0], [1, 0, 1, 0], [1, 1, 0, 1], [0, 0, 1, 0]], dtype=float)
    i, j, o = overlap_matrix(W)
    got = {("ABCD"[a], "ABCD"[b]): v for a, b, v in zip(i, j, o)}
    assert got == {("A", "B"): 1.0, ("A", "C"): 0.5, ("B", "C"): 0.5, ("C", "D"): 0.0}
    regular = pd.date_range("2024-01-01", periods=6, freq="h")
    assert burstiness(regular) == -1.0
