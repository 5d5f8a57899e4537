"""The researcher loop (analyzer.classify.evaluate): sampling, agreement metrics, the trained model."""
from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from analyzer.classify import CATEGORIES
from analyzer.classify.evaluate import (
    SAMPLE_COLUMNS,
    classify_with_model,
    evaluate,
    evaluate_coding,
    load_model,
    read_coding,
    save_model,
    stratified_sample,
    train_model,
)

DEVSET = Path(__file__).parent / "data" / "classifier_devset.csv"


def devset(split: str | None = None) -> pd.DataFrame:
    df = pd.read_csv(DEVSET, keep_default_na=False)
    return df if split is None else df[df["split"] == split].reset_index(drop=True)


def message_table(texts: list[str], kinds: list[str] | None = None) -> pd.DataFrame:
    n = len(texts)
    return pd.DataFrame({
        "timestamp": pd.date_range("2024-01-01 08:00", periods=n, freq="37min"),
        "author": pd.Series([f"member{i % 7}" for i in range(n)], dtype="string"),
        "text": pd.Series(texts, dtype="string"),
        "kind": pd.Series(kinds or ["text"] * n, dtype="string"),
        "line": np.arange(1, n + 1) * 2,
    })


# ---------------------------------------------------------------------------- evaluate
def test_evaluate_tiny_known_confusion():
    gold = ["business_news", "business_news", "promotion", "promotion"]
    pred = ["business_news", "promotion", "promotion", "promotion"]
    r = evaluate(pred, gold)
    assert r["n"] == 4
    assert r["labels"] == ["business_news", "promotion"]
    assert r["confusion"] == {"labels": ["business_news", "promotion"], "matrix": [[1, 1], [0, 2]]}
    bn, pr = r["per_category"]["business_news"], r["per_category"]["promotion"]
    assert (bn["precision"], bn["recall"], bn["f1"], bn["support"]) == (1.0, 0.5, pytest.approx(0.6667), 2)
    assert (pr["precision"], pr["recall"], pr["f1"]) == (pytest.approx(0.6667), 1.0, 0.8)
    assert r["macro_f1"] == pytest.approx((2 / 3 + 0.8) / 2, abs=1e-4)
    assert r["accuracy"] == 0.75
    # κ = (p_o − p_e)/(1 − p_e), p_o = 0.75, p_e = 0.5·0.25 + 0.5·0.75 = 0.5
    assert r["kappa"] == pytest.approx(0.5)
    json.dumps(r, allow_nan=False)


def test_evaluate_skips_uncoded_rows_and_counts_missing_predictions():
    gold = pd.Series(["social", "", None, "request", "Request "])
    pred = pd.Series(["social", "other", "social", pd.NA, "request"], dtype="string")
    r = evaluate(pred, gold)
    assert r["n"] == 3  # "" and None are not coded
    assert r["labels"] == ["request", "social", "none"]
    assert r["per_category"]["request"]["recall"] == 0.5
    assert r["per_category"]["none"]["precision"] == 0.0
    # a label never predicted has no precision: None, not NaN
    r2 = evaluate(["social", "social"], ["social", "request"])
    assert r2["per_category"]["request"]["precision"] is None
    json.dumps(r2, allow_nan=False)


def test_evaluate_rejects_misaligned_input():
    with pytest.raises(ValueError, match="aligned"):
        evaluate(["social"], ["social", "other"])
    assert evaluate([None], [None])["n"] == 0


# ---------------------------------------------------------------------------- sampling
def test_stratified_sample_is_seeded_spread_and_codeable():
    df = devset()
    kinds = ["media" if i % 25 == 0 else "text" for i in range(len(df))]
    texts = ["<Media omitted>" if k == "media" else t for k, t in zip(kinds, df["text"])]
    messages = message_table(texts, kinds)
    s1 = stratified_sample(messages, n=60, seed=3)
    s2 = stratified_sample(messages, n=60, seed=3)
    s3 = stratified_sample(messages, n=60, seed=4)
    assert tuple(s1.columns) == SAMPLE_COLUMNS
    assert len(s1) == 60
    pd.testing.assert_frame_equal(s1, s2)
    assert not s1["line"].equals(s3["line"])
    assert s1["line"].is_monotonic_increasing and s1["line"].is_unique
    assert (s1["label"] == "").all()
    # every category the classifier gave gets coded (on this invented set, read as one chat, the
    # shipped model's class-mix step leaves few or no `other`)
    from analyzer.classify.model import classify_hybrid

    given = set(classify_hybrid(messages["text"], messages["kind"])["category"].dropna().astype(str))
    assert len(given) >= 5 and set(s1["category_auto"]) == given
    assert s1["category_auto"].value_counts().min() >= 60 // (2 * 6)
    assert not s1["text"].str.contains("Media omitted").any()  # rows without a category are not sampled


def test_stratified_sample_uses_an_existing_category_column_and_small_tables():
    messages = message_table(["a", "b", "c"])
    messages["category"] = pd.Series(["social", "social", None], dtype="string")
    s = stratified_sample(messages, n=10, seed=0)
    assert len(s) == 2 and set(s["category_auto"]) == {"social"}
    with pytest.raises(ValueError):
        stratified_sample(messages, n=0)


def test_sample_code_evaluate_loop(tmp_path, trained):
    dev = devset("dev")
    messages = message_table(dev["text"].tolist())
    sheet = stratified_sample(messages, n=40, seed=1)
    # the coder fills in the gold labels (here: from the devset), leaving one row uncoded
    gold = dict(zip(messages["line"], dev["label"]))
    sheet["label"] = [gold[line] for line in sheet["line"]]
    sheet.loc[0, "label"] = ""
    sheet = pd.concat([sheet, pd.DataFrame({"line": [99999], "text": ["?"], "label": ["social"]})], ignore_index=True)
    path = tmp_path / "coding.csv"
    sheet.to_csv(path, index=False)
    coding = read_coding(path)
    r = evaluate_coding(messages, coding)
    assert r["n"] == 39 and r["unmatched_lines"] == 1 and r["classifier"] == "hybrid"
    assert r["macro_f1"] >= 0.8
    rm = evaluate_coding(messages, coding, model=trained[0])
    assert rm["classifier"] == "model" and rm["n"] == 39
    bad = tmp_path / "bad.csv"
    bad.write_text("text\nhello\n", encoding="utf-8")
    with pytest.raises(ValueError, match="lacks column"):
        read_coding(bad)


# ---------------------------------------------------------------------------- model
@pytest.fixture(scope="module")
def trained():
    dev = devset("dev")
    return train_model(dev["text"], dev["label"], seed=0)


def test_train_reports_cross_validated_macro_f1(trained):
    model, cv = trained
    assert cv["folds"] == 5 and cv["n"] == len(devset("dev"))
    assert len(cv["macro_f1_per_fold"]) == 5
    assert 0.5 <= cv["macro_f1_mean"] <= 1.0
    assert sorted(cv["labels"]) == sorted(CATEGORIES)
    json.dumps(cv, allow_nan=False)
    hold = devset("holdout")
    r = evaluate(classify_with_model(model, hold["text"])["category"], hold["label"])
    print(f"\nmodel trained on dev: CV macro-F1 {cv['macro_f1_mean']:.3f} ± {cv['macro_f1_std']:.3f}; "
          f"holdout macro-F1 {r['macro_f1']:.3f}, kappa {r['kappa']:.3f}")
    assert r["macro_f1"] >= 0.6


def test_model_round_trip_and_reasons(trained, tmp_path):
    model, _ = trained
    path = save_model(model, tmp_path / "model.joblib")
    loaded = load_model(path)
    texts = pd.Series(["Ready stock keripik 15rb", "ada yg tau cara daftar KUR?", "", "<Media omitted>", "rapat besok"],
                      dtype="string")
    kinds = pd.Series(["text", "text", "text", "media", "text"], dtype="string")
    a = classify_with_model(model, texts, kinds)
    b = classify_with_model(loaded, texts, kinds)
    pd.testing.assert_frame_equal(a, b)
    assert a["category"].iloc[0] == "promotion"
    assert a["category_reason"].iloc[0].startswith("model p=0.")
    assert a.loc[2, ["category", "category_reason"]].tolist() == ["other", "empty text"]
    assert pd.isna(a["category"].iloc[3]) and a["category_reason"].iloc[3].startswith("media without caption")


def test_load_model_refuses_foreign_or_old_files(tmp_path):
    import joblib

    other = tmp_path / "other.joblib"
    joblib.dump({"something": 1}, other)
    with pytest.raises(ValueError, match="not a wa-analyzer category model"):
        load_model(other)
    old = tmp_path / "old.joblib"
    joblib.dump({"format": "wa-analyzer-category-model", "version": 0, "model": None}, old)
    with pytest.raises(ValueError, match="retrain"):
        load_model(old)
    with pytest.raises(FileNotFoundError):
        load_model(tmp_path / "none.joblib")


def test_train_needs_two_labels_and_handles_tiny_classes():
    with pytest.raises(ValueError, match="two different labels"):
        train_model(["a", "b"], ["social", "social"])
    model, cv = train_model(["makasih", "terima kasih", "ready stock 15rb"], ["social", "social", "promotion"])
    assert cv["folds"] == 1 and cv["macro_f1_mean"] is None and "note" in cv
    assert classify_with_model(model, pd.Series(["makasih kak"]))["category"].iloc[0] in ("social", "promotion")
