"""The hybrid category model (analyzer.classify.model): shipped file, privacy of its vocabulary,
reasons, kinds without a category, the lexicon's influence, reproducible fitting."""
from __future__ import annotations

import json
import re
from importlib import resources

import numpy as np
import pandas as pd
import pytest

from analyzer.classify import CATEGORIES
from analyzer.classify.model import (
    MODEL_FILE,
    HybridModel,
    classify_hybrid,
    fit_model,
    private_vocabulary,
    shipped_model,
)


def test_shipped_model_is_plain_json_without_digits_in_its_vocabulary():
    obj = json.loads(resources.files("analyzer").joinpath("data", MODEL_FILE).read_text(encoding="utf-8"))
    assert obj["format"] == "wa-analyzer-hybrid-category-model"
    assert sorted(obj["classes"]) == sorted(CATEGORIES)
    vocab = obj["vocab"]
    assert vocab and all(re.fullmatch(r"[^\W\d_]+(?: [^\W\d_]+)?", w) for w in vocab), \
        [w for w in vocab if not re.fullmatch(r"[^\W\d_]+(?: [^\W\d_]+)?", w)][:5]
    m = shipped_model()
    assert m.coef.shape == (len(m.classes), len(m.feature_names))
    # the training record names its data and the vocabulary rule, and holds no message text
    assert "vocabulary_rule" in obj["meta"] and "real_labels_sha256" in obj["meta"]


def test_private_vocabulary_keeps_only_terms_of_three_groups_or_the_invented_set():
    texts = ["rapat besok jam berapa", "rapat besok di sekre", "Darsimin ganteng", "kopdar di rumah Darsimin",
             "rapat 0812345 besok lagi", "yuk kopdar", "makasih mas Joko", "siap mas Joko", "oke mas joko"]
    groups = ["a", "b", "a", "a", "c", "invented", "a", "b", "c"]
    vocab = private_vocabulary(pd.Series(texts), pd.Series(groups))
    assert "rapat" in vocab and "rapat besok" in vocab      # groups a, b and c
    assert "jam" not in vocab and "sekre" not in vocab      # one group each
    assert "darsimin" not in vocab                         # a name used in one group only
    assert "joko" not in vocab and "mas joko" not in vocab  # three groups, but always after "mas"
    assert "mas" in vocab
    assert "kopdar" in vocab and "yuk" in vocab            # in the invented (public) set
    assert not any(re.search(r"\d", w) for w in vocab)
    assert private_vocabulary(pd.Series(texts), pd.Series(groups), min_groups=2).count("jam") == 0


def test_hybrid_gives_categories_and_explainable_reasons():
    texts = pd.Series(["Rapat pengurus besok jam 9 di sekre ya", "Makasih banyak bu 🙏", "🙏🙏",
                       "Ada yg tau supplier kemasan murah?", "<Media omitted>", "Open PO keripik 15rb/pack, minat japri"],
                      dtype="string")
    kinds = pd.Series(["text", "text", "text", "text", "media", "text"], dtype="string")
    out = classify_hybrid(texts, kinds)
    assert list(out.columns) == ["category", "category_reason"]
    cats = out["category"].tolist()
    assert cats[0] == "coordination" and cats[1] == "social" and cats[3] == "request" and cats[5] == "promotion"
    assert cats[2] == "social" and "emoji only" in out["category_reason"][2]   # rule R1 kept
    assert pd.isna(cats[4]) and "media without caption" in out["category_reason"][4]
    reason = out["category_reason"][0]
    assert re.match(r"model p=\d\.\d\d, strongest cue .+ \(coordination\); rules: ", reason), reason


def test_mentions_and_bare_prices_are_features_not_verdicts():
    out = classify_hybrid(pd.Series(["@6285700000000 jangan lupa bawa laptop ya", "biaya 75K"], dtype="string"))
    assert out["category"][0] != "promotion", out["category_reason"][0]
    assert "phone number" not in out["category_reason"][0]


def test_the_lexicon_still_changes_the_outcome(tmp_path):
    text = pd.Series(["zzkode blorp"], dtype="string")
    base = classify_hybrid(text)["category"][0]
    lex = tmp_path / "cues.csv"
    lex.write_text("category,cue,language,pattern,weight,label\nbusiness_news,keyword,id,zzkode,3,\n"
                   "business_news,keyword,id,blorp,3,\n", encoding="utf-8")
    out = classify_hybrid(text, lexicon=str(lex))
    assert "keyword 'zzkode'" in out["category_reason"][0] or "keyword 'blorp'" in out["category_reason"][0]
    assert out["category"][0] == "business_news" != base


def test_empty_input_and_fit_is_reproducible():
    empty = classify_hybrid(pd.Series([], dtype="string"))
    assert len(empty) == 0 and list(empty.columns) == ["category", "category_reason"]
    dev = pd.read_csv("tests/data/classifier_devset.csv", keep_default_na=False).head(120)
    groups = pd.Series(np.where(np.arange(len(dev)) % 2, "g1", "g2"))
    a = fit_model(dev["text"], dev["label"], groups, seed=0)
    b = fit_model(dev["text"], dev["label"], groups, seed=0)
    assert a.vocab == b.vocab and np.allclose(a.coef, b.coef)
    again = HybridModel.from_json(json.loads(json.dumps(a.to_json())))
    assert classify_hybrid(dev["text"].astype("string"), model=again)["category"].tolist() == \
        classify_hybrid(dev["text"].astype("string"), model=a)["category"].tolist()
