"""`AnalysisParameters`: checked once, frozen, recorded in report.json; `analyze`'s stages alone."""
from __future__ import annotations

import dataclasses

import numpy as np
import pandas as pd
import pytest

from analyzer import load_chat
from analyzer.analysis import (
    FIELDS,
    AnalysisParameterError,
    AnalysisParameters,
    analyze,
    classify_chat,
    classify_window,
    count_members,
    prepare_window,
    segment_and_time,
)
from analyzer.analysis.stages import measure_participation

CHAT = """01/03/24 09.00 - Ani: Info pelatihan ekspor gratis dari dinas, daftar sebelum 10 Maret
01/03/24 09.05 - Budi: Makasih infonya bu
01/03/24 09.30 - Ani: Ada yang tahu supplier kardus murah di Solo?
01/03/24 10.10 - Citra: Coba di Pasar Legi bu
02/03/24 08.00 - Budi: Rapat bulanan hari Sabtu jam 10 ya
05/03/24 19.00 - Ani: Siap
"""


@pytest.fixture(scope="module")
def chat():
    return load_chat(CHAT.encode())


def test_parameters_are_frozen_and_normalised():
    p = AnalysisParameters(members="5", roster=None, quiet_hours=[22, 5], message_kinds=["text"],
                           start="2024-03-01", end="2024-03-02")
    assert p.members == 5 and p.quiet_hours == (22, 5) and p.message_kinds == ("text",)
    assert p.window_start == pd.Timestamp("2024-03-01")
    assert p.window_end_exclusive == pd.Timestamp("2024-03-03")  # a date-only end includes its day
    with pytest.raises(dataclasses.FrozenInstanceError):
        p.seed = 3  # type: ignore[misc]
    assert AnalysisParameters(roster=["A", "B"]).roster == ("A", "B")


@pytest.mark.parametrize("kwargs, words", [
    ({"members": 0}, "at least 1"),
    ({"members": 3, "roster": ["a"]}, "not both"),
    ({"roster": [" "]}, "no names"),
    ({"tau_burst_s": -1}, "tau_burst_s"),
    ({"bootstrap": 1.5}, "bootstrap"),
    ({"message_kinds": ("text", "sticker")}, "message_kinds"),
    ({"start": "2024-05-01", "end": "2024-04-01"}, "empty"),
    ({"start": "1 Mei"}, "start"),
    ({"quiet_hours": (25, 3)}, "quiet_hours"),
    ({"classify": False, "lexicon": "x.csv"}, "switched off"),
])
def test_unusable_values_are_one_sentence_naming_the_parameter(kwargs, words):
    with pytest.raises(AnalysisParameterError, match=words):
        AnalysisParameters(**kwargs)


def test_keyword_form_is_the_same_call(chat):
    a = analyze(chat, start="2024-03-01", bootstrap=50, null_draws=20, network_null_draws=5).to_dict()
    b = analyze(chat, AnalysisParameters(start="2024-03-01", bootstrap=50, null_draws=20,
                                         network_null_draws=5)).to_dict()
    assert a == b
    with pytest.raises(TypeError, match="unexpected keyword"):
        analyze(chat, bootstrapp=5)
    with pytest.raises(TypeError, match="not both"):
        analyze(chat, AnalysisParameters(), seed=1)


def test_report_records_the_parameters_as_given(chat):
    p = AnalysisParameters(start="2024-03-01", end="2024-03-05", seed=7, bootstrap=40, null_draws=10,
                           quiet_hours=(22, 5), w_weak=2.0, network_null_draws=5, sensitivity=False)
    recorded = analyze(chat, p).to_dict()["parameters"]
    for key, value in p.record().items():
        assert recorded[key] == value, key
    assert recorded["sensitivity"] is False and recorded["quiet_hours"] == [22, 5]
    # every argument is recorded, as itself or through the classifier's provenance
    covered = set(p.record()) | {"classifier", "lexicon", "model"}
    named = {"roster": "roster_names", "start": "start", "end": "end", "classify": "classifier"}
    assert {named.get(f, f) for f in FIELDS} <= covered | {"classifier"}
    # ... and the scalars can be given back to rebuild the same parameters
    again = AnalysisParameters(**{k: (tuple(v) if isinstance(v, list) else v)
                                  for k, v in recorded.items() if k in FIELDS and k not in ("lexicon", "model")})
    assert again.record() == p.record()


def test_a_roster_is_recorded_by_count(chat):
    rec = analyze(chat, roster=["Ani", "Budi", "Citra", "Dewi"], bootstrap=10, null_draws=5,
                  network_null_draws=5).to_dict()["parameters"]
    assert rec["roster_names"] == 4 and "roster" not in rec
    assert rec["roster_unmatched"] == ["Dewi"]  # the one name to check, as before


def test_stages_run_alone(chat):
    p = AnalysisParameters(start="2024-03-01", end="2024-03-02", bootstrap=20, null_draws=10)
    w = prepare_window(classify_chat(chat, p), p)
    assert len(w.win) == 5 and w.is_user.sum() == 5  # the 5 March line is outside the window
    w, info = classify_window(w, p)
    assert "category" in w.user.columns and info["classifier"]
    timing = segment_and_time(w, p, seconds_in_format=False)
    assert len(timing.turns.table) == 5
    mc = count_members(w, timing, p)
    assert sorted(mc.names) == ["Ani", "Budi", "Citra"]
    assert mc.messages.sum() == 5 and np.array_equal(np.sort(mc.messages), [1, 2, 2])
    part = measure_participation(w, mc, p)
    assert part.n_posters == 3


def test_categories_computed_once_record_their_classifier(chat):
    """categorise_chat + analyze(classify=False) is analyze() (the dashboard's path), and the report
    names the classifier and its real-chat accuracy, not "given"."""
    from analyzer.classify.categorise import categorise_chat

    kw = dict(bootstrap=20, null_draws=10, network_null_draws=5)
    direct = analyze(chat, **kw).to_dict()
    once = analyze(categorise_chat(chat), classify=False, **kw).to_dict()
    assert once == direct
    assert once["parameters"]["classifier"] == "hybrid"
    assert once["content"]["classifier_accuracy"] == direct["content"]["classifier_accuracy"] is not None


def test_pseudonymised_runs_record_the_classifier_too(chat):
    """`analyze --anonymize` classifies before pseudonymising; the report used to call that "given"."""
    from analyzer.analysis.run import AnalysisOptions, run_analysis

    opts = AnalysisOptions(analyze={"bootstrap": 20, "network_null_draws": 5}, key=bytes(range(32)))
    report = run_analysis(chat, opts).report.to_dict()
    assert report["parameters"]["classifier"] == "hybrid"
    assert report["content"]["classifier_accuracy"] is not None
