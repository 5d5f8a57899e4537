"""Misclassification-corrected shares (analyzer.classify.corrected): exactness on simple cases and
the coverage of the interval in a simulation with a known confusion matrix (seeded)."""
from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from analyzer.classify import CATEGORIES
from analyzer.classify.evaluate import _allocate
from analyzer.classify.corrected import corrected_shares, weighted_agreement


def test_perfect_classifier_keeps_the_raw_share():
    pred = ["business_news"] * 10 + ["social"] * 90
    r = corrected_shares(pred, ["business_news"] * 5 + ["social"] * 5, ["business_news"] * 5 + ["social"] * 5)
    s = r["shares"]["business_news"]
    assert s["raw"] == s["corrected"] == pytest.approx(0.10)
    assert s["ci_low"] < 0.10 < s["ci_high"]
    # the strata the classifier never predicted have no chat rows: nothing to correct there
    assert r["uncorrected_strata"] == []


def test_correction_by_hand_from_the_strata():
    # 100 predicted news of which the coders found half news, half promotion; 900 social all right
    pred = ["business_news"] * 100 + ["social"] * 900
    coded_pred = ["business_news"] * 10 + ["social"] * 10
    coded_gold = ["business_news"] * 5 + ["promotion"] * 5 + ["social"] * 9 + ["business_news"]
    r = corrected_shares(pred, coded_pred, coded_gold)
    # news = 0.1 * 0.5 + 0.9 * 0.1 = 0.14; promotion = 0.05; social = 0.81
    assert r["shares"]["business_news"]["corrected"] == pytest.approx(0.14)
    assert r["shares"]["promotion"]["corrected"] == pytest.approx(0.05)
    assert r["shares"]["social"]["corrected"] == pytest.approx(0.81)
    assert r["shares"]["business_news"]["raw"] == pytest.approx(0.10)
    w = weighted_agreement(pred, coded_pred, coded_gold)
    # estimated chat confusion: 50 news->news, 50 promo->news, 90 news->social, 810 social->social
    assert w["accuracy"] == pytest.approx(0.86)
    assert w["per_category"]["business_news"]["precision"] == pytest.approx(0.5)
    assert w["per_category"]["business_news"]["recall"] == pytest.approx(50 / 140, abs=1e-4)
    assert set(w["left_out_of_macro"]) == {"request", "coordination", "other"}
    assert w["macro_over"] == ["business_news", "promotion", "social"]


def test_a_stratum_without_coded_messages_is_reported():
    pred = ["business_news"] * 50 + ["other"] * 50
    r = corrected_shares(pred, ["business_news"] * 4, ["business_news", "business_news", "social", "social"])
    assert r["uncorrected_strata"] == ["other"]
    assert r["shares"]["other"]["corrected"] == pytest.approx(0.5)


def test_interval_covers_the_true_share_in_simulation():
    """A chat of 20,000 messages with a known confusion matrix; 200 hand-coded messages drawn
    like `wa-analyzer sample` (stratified by predicted category). The nominal 95 % interval of
    the corrected share must cover the true share in at least 90 % of 300 runs, for every category."""
    rng = np.random.default_rng(12)
    k = len(CATEGORIES)
    true_dist = np.array([0.04, 0.03, 0.08, 0.45, 0.32, 0.08])
    # P(predicted j | true i): a poor classifier, much like the rules on real chats
    conf = np.full((k, k), 0.04)
    np.fill_diagonal(conf, 0.0)
    diag = np.array([0.55, 0.45, 0.6, 0.35, 0.5, 0.3])
    conf = conf / conf.sum(axis=1, keepdims=True) * (1 - diag)[:, None]
    np.fill_diagonal(conf, diag)
    conf[3, 5] += 0.2
    conf[3] /= conf[3].sum()
    cats = np.array(CATEGORIES, dtype=object)
    runs, covered, errors_raw, errors_cor = 300, np.zeros(k), [], []
    for _ in range(runs):
        gold = rng.choice(k, size=20_000, p=true_dist)
        u = rng.random(gold.size)
        cum = conf.cumsum(axis=1)[gold]
        pred = (u[:, None] > cum).sum(axis=1)
        counts = pd.Series(cats[pred]).value_counts()
        take = _allocate(counts, 200)
        idx = np.concatenate([rng.choice(np.flatnonzero(cats[pred] == c), size=int(take[c]), replace=False)
                              for c in take.index if take[c] > 0])
        r = corrected_shares(cats[pred], cats[pred[idx]], cats[gold[idx]], draws=1000, seed=int(rng.integers(1 << 30)))
        for i, c in enumerate(CATEGORIES):
            truth = float((gold == i).mean())
            s = r["shares"][c]
            covered[i] += s["ci_low"] <= truth <= s["ci_high"]
            if c == "business_news":
                errors_raw.append(abs(s["raw"] - truth))
                errors_cor.append(abs(s["corrected"] - truth))
    print(f"coverage {np.round(covered / runs, 3)}, business_news mean |error| raw {np.mean(errors_raw):.4f} "
          f"corrected {np.mean(errors_cor):.4f}")
    assert (covered / runs >= 0.90).all(), covered / runs
    # and the correction helps: the raw share is biased, the corrected one much less
    assert np.mean(errors_cor) < np.mean(errors_raw)


@pytest.mark.parametrize("lang", ["id", "en"])
def test_report_says_whether_the_share_is_raw_or_corrected(lang):
    from analyzer.i18n import fmt_num, fmt_pct
    from analyzer.outputs.narrative import key_numbers, share_basis_lines

    acc = {"classifier": "hybrid", "random_rows": {"n": 400, "macro_f1": 0.4, "accuracy": 0.54, "kappa": 0.33}}
    raw = {"business_news_share": 0.07, "share_basis": "raw", "classifier_accuracy": acc}
    (line,) = share_basis_lines(raw, lang)
    assert fmt_num(0.33, lang) in line and fmt_pct(0.54, lang) in line
    assert ("mentah" if lang == "id" else "raw") in line
    cor = {**raw, "share_basis": "corrected", "business_news_share_corrected": 0.046,
           "business_news_share_ci": [0.017, 0.122], "corrected_shares": {"n_coded": 30}}
    (line,) = share_basis_lines(cor, lang)
    assert fmt_pct(0.046, lang) in line and fmt_pct(0.122, lang) in line and "30" in line
    rows = dict(key_numbers({"content": cor}, lang))
    assert any(fmt_pct(0.017, lang) in v for v in rows.values())
    # a user's own model: nothing measured, and the line says so
    (line,) = share_basis_lines({"share_basis": "raw", "classifier_accuracy": None}, lang)
    assert line.endswith(".")
