"""The classifier fitted to a chat's hand-coded sample (analyzer.classify.coding_fit)."""
from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from analyzer import load_chat
from analyzer.analysis import analyze
from analyzer.chat import synthetic as S
from analyzer.chat.write import render
from analyzer.classify.categorise import PROVENANCE_ATTR, categorise_chat
from analyzer.classify.coding_fit import (MIN_CODED, coding_labels, design_weights, fit_chat_to_coding,
                                          fit_to_coding)
from analyzer.classify.corrected import weighted_agreement
from analyzer.classify.evaluate import evaluate, stratified_sample
from analyzer.classify.model import classify_hybrid, shipped_model


@pytest.fixture(scope="module")
def coded_chat():
    """An invented chat with hard cases, its truth, and a 50-message coding sheet drawn as `sample`
    draws it and coded with the truth."""
    records, truth = S.generate_with_truth(77, S.UMKM, hard_cases=True)
    chat = load_chat(render(records, "android_id").encode("utf-8"))
    assert len(chat.messages) == len(truth)
    gold = pd.Series(truth["category"].to_numpy(), index=chat.messages.index, dtype=object)
    base = categorise_chat(chat)
    sheet = stratified_sample(base.messages, n=50, seed=1)
    by_line = dict(zip(chat.messages["line"], gold))
    sheet["label"] = [by_line[line] or "" for line in sheet["line"]]
    return chat, gold, base, sheet


def test_fitting_follows_the_coding_and_strength_holds_it_back():
    model = shipped_model()
    texts = pd.Series(["siap", "oke siap", "siap kak", "ok siap laksanakan"] * 8, dtype="string")
    before = classify_hybrid(texts[:4], model=model, prior=model.train_prior)["category"].tolist()
    assert "coordination" not in before  # as shipped, bare acknowledgements are small talk
    fitted = fit_to_coding(model, texts, ["coordination"] * len(texts))
    assert fitted.prior_adaptation is None and fitted.meta["fitted_to_coding"]["n_coded"] == 32
    assert fitted.meta["fitted_to_coding"]["labels"]["coordination"] == 32
    assert classify_hybrid(texts[:4], model=fitted)["category"].tolist() == ["coordination"] * 4
    # a very strong pull towards the shipped weights leaves them (almost) where they were
    held = fit_to_coding(model, texts, ["coordination"] * len(texts), strength=1e6)
    assert np.abs(held.coef - model.coef).max() < 1e-3
    with pytest.raises(ValueError, match="not categories"):
        fit_to_coding(model, texts[:1], ["news"])
    with pytest.raises(ValueError, match="strength"):
        fit_to_coding(model, texts[:1], ["social"], strength=-1)


def test_design_weights_stand_for_the_stratum():
    # stratum a: 90 chat messages, 3 coded -> 30 each; b: 10 chat messages, 2 coded -> 5 each
    w = design_weights(["a", "a", "a", "b", "b"], ["a"] * 90 + ["b"] * 10)
    raw = np.array([30, 30, 30, 5, 5], dtype=float)
    assert np.allclose(w, raw / raw.mean())


def test_weighted_agreement_scores_other_categories_in_the_same_strata():
    chat_pred = ["social"] * 80 + ["request"] * 20
    strata = ["social", "social", "request", "request"]
    gold = ["social", "other", "request", "social"]
    same = weighted_agreement(chat_pred, strata, gold)
    assert weighted_agreement(chat_pred, strata, gold, scored=strata) == {
        **same, "basis": same["basis"] + " (the category it was sampled in); scored: cross-fitted categories"}
    # scoring a perfect classifier in the same strata: every weight lands on the diagonal
    perfect = weighted_agreement(chat_pred, strata, gold, scored=gold)
    assert perfect["accuracy"] == 1.0 and perfect["kappa"] == 1.0


def test_too_few_coded_messages_leave_the_model_alone(coded_chat):
    chat, _, base, sheet = coded_chat
    few = sheet.assign(label=[lab if i < MIN_CODED - 1 else "" for i, lab in enumerate(sheet["label"])])
    model, summary = fit_chat_to_coding(base.messages, few, shipped_model())
    assert model is None and not summary["fitted"] and str(MIN_CODED) in summary["reason"]
    out = categorise_chat(chat, coding=few)
    assert "category_auto" not in out.messages.columns
    assert out.messages["category"].equals(base.messages["category"])
    assert out.messages.attrs[PROVENANCE_ATTR]["fitted_to_coding"]["fitted"] is False


def test_fitted_classifier_agrees_better_on_the_messages_nobody_coded(coded_chat):
    chat, gold, base, sheet = coded_chat
    fitted = categorise_chat(chat, coding=sheet)
    m = fitted.messages
    assert m["category_auto"].equals(base.messages["category"])  # the sample's strata are kept
    rest = gold.notna() & ~m["line"].isin(sheet["line"])
    scores = {name: evaluate(cats[rest].astype(str).reset_index(drop=True), gold[rest].reset_index(drop=True))
              for name, cats in (("base", base.messages["category"]), ("fitted", m["category"]))}
    assert scores["fitted"]["kappa"] > scores["base"]["kappa"] + 0.1
    assert scores["fitted"]["macro_f1"] > scores["base"]["macro_f1"] + 0.1
    summary = m.attrs[PROVENANCE_ATTR]["fitted_to_coding"]
    assert summary["fitted"] and summary["n_coded"] == 50 and summary["unmatched_lines"] == 0
    # the cross-fitted estimate is honest: below the fitted model's agreement on the uncoded messages
    assert summary["agreement"]["kappa"] < scores["fitted"]["kappa"]
    assert summary["agreement"]["kappa"] > summary["agreement_before"]["kappa"]


def test_analyze_with_labels_fits_and_keeps_the_corrected_shares_design_based(coded_chat):
    chat, _, _, sheet = coded_chat
    fit = analyze(chat, labels=sheet, network=False, sensitivity=False).to_dict()
    kept = analyze(chat, labels=sheet, fit_to_labels=False, network=False, sensitivity=False).to_dict()
    assert fit["parameters"]["fit_to_labels"] is True and kept["parameters"]["fit_to_labels"] is False
    assert fit["parameters"]["fitted_to_coding"]["fitted"] and "fitted_to_coding" not in kept["parameters"]
    cf, ck = fit["content"], kept["content"]
    # the corrected shares are post-stratified on the sample's own strata either way
    assert cf["corrected_shares"]["shares"] == ck["corrected_shares"]["shares"]
    assert cf["business_news_share"] != ck["business_news_share"]  # the raw share comes from the fitted model
    acc = cf["classifier_accuracy"]
    assert acc["classifier"] == "hybrid fitted to this chat's coding" and acc["this_chat"]["n"] == 50
    assert 0 < acc["this_chat"]["kappa"] <= 1
    assert ck["classifier_accuracy"]["classifier"] == "hybrid"
    from analyzer.outputs.narrative import share_basis_lines

    lines = share_basis_lines(cf, "en")
    assert len(lines) == 2 and "fitted to your 50 hand-coded messages" in lines[1]
    assert len(share_basis_lines(ck, "en")) == 1


def test_coding_labels_reads_and_rejects():
    got = coding_labels(pd.DataFrame({"line": [3, "x", 5], "label": [" Social", "other", ""],
                                      "category_auto": ["social", "other", "request"]}))
    assert got["label"].tolist() == ["social", "other"] and got["line"].iloc[0] == 3 and np.isnan(got["line"].iloc[1])
    assert got["category_auto"].tolist() == ["social", "other"]
    with pytest.raises(ValueError, match="unknown label"):
        coding_labels(pd.DataFrame({"line": [1], "label": ["news"]}))
    with pytest.raises(ValueError, match="columns 'line' and 'label'"):
        coding_labels(pd.DataFrame({"x": [1]}))


def test_reproduce_command_names_the_coding_sheet():
    from analyzer.outputs.report_document import reproduce_command

    cli, py = reproduce_command({"parameters": {"labels": "coding.csv", "fit_to_labels": False}})
    assert "--labels coding.csv --no-fit-to-labels" in cli and "labels='coding.csv', fit_to_labels=False" in py
    cli, py = reproduce_command({"parameters": {"labels": "<DataFrame>", "fit_to_labels": True}})
    assert cli.endswith("--labels CODING.csv") and "labels='CODING.csv'" in py and "fit_to_labels" not in py
    cli, _ = reproduce_command({"parameters": {"labels": None}})
    assert "--labels" not in cli


def test_reason_says_how_the_probability_was_read(coded_chat):
    chat, _, base, sheet = coded_chat
    reasons = base.messages["category_reason"].dropna()
    # a chat of 1,400 messages is read with its own class mix, and the reason says so
    assert reasons.str.contains(r"^model p=\d\.\d\d \(this chat's class mix\)", regex=True).any()
    fitted = categorise_chat(chat, coding=sheet).messages["category_reason"].dropna()
    assert fitted.str.contains(r"^model p=\d\.\d\d \(fitted to your coding\)", regex=True).any()
    assert not fitted.str.contains("class mix").any()
