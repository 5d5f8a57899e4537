"""The researcher loop for message categories: sample to hand-code, evaluate, train a model.

- `stratified_sample(messages, n, seed)`: rows to hand-code, spread over the automatic categories.
- `evaluate(pred, gold)`: precision, recall, F1 per category, macro-F1, accuracy, Cohen's κ and
  the confusion matrix of predicted against hand-coded labels.
- `train_model(texts, labels, seed)`: a scikit-learn model (TF-IDF of character n-grams within
  words, 2–5, plus word 1–2-grams, into a class-balanced logistic regression), with stratified
  k-fold cross-validated macro-F1; `save_model` / `load_model` store it with a format version;
  `classify_with_model(model, texts, kinds)` gives the same columns as the rule classifier, with
  the reason "model p=0.83" (the predicted class's probability).

Everything runs offline; the model is trained only on the user's own labelled sample.
"""
from __future__ import annotations

import math
import re
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from analyzer.classify import CATEGORIES, classify, uncategorised
from analyzer.chat.schema import STRING

MODEL_FORMAT = "wa-analyzer-category-model"
MODEL_VERSION = 1
"""Bumped when the saved model's structure changes; `load_model` refuses other versions."""

SAMPLE_COLUMNS = ("line", "timestamp", "author", "text", "category_auto", "label")


# --------------------------------------------------------------------------- sampling
def _allocate(counts: pd.Series, n: int) -> pd.Series:
    """Rows to draw per category: a floor of n/(2k) each (or all it has), the rest proportional.

    The floor keeps rare categories (often `coordination`, `other`) in the sample so their
    precision and recall can be estimated at all; the proportional part keeps the sample close to
    the chat's mix. Remainders go to the largest fractional parts (Hamilton's method).
    """
    counts = counts[counts > 0]
    n = int(min(n, counts.sum()))
    if n <= 0 or counts.empty:
        return pd.Series(0, index=counts.index, dtype="int64")
    floor = n // (2 * len(counts))
    take = np.minimum(counts, floor)
    # hand out what is left, proportionally to what is still available, without exceeding it
    while take.sum() < n:
        room = counts - take
        left = n - take.sum()
        share = room / room.sum() * left
        add = np.minimum(np.floor(share).astype("int64"), room)
        if add.sum() == 0:  # fewer rows left than categories with room: largest remainders first
            order = (share - np.floor(share)).sort_values(ascending=False, kind="stable").index
            for c in order[: left]:
                if room[c] > 0:
                    add[c] = 1
        take = take + add
    return take.astype("int64")


def stratified_sample(messages: pd.DataFrame, n: int = 200, seed: int = 0) -> pd.DataFrame:
    """A random sample of messages to hand-code, stratified by the automatic category.

    `messages`: the message table (`analyzer.chat.schema.MESSAGE_COLUMNS`); if it has no `category`
    column the rule classifier is run. Only rows with a category are eligible (media without
    caption, deleted and system rows have none). Allocation: see `_allocate`. Sampling inside a
    category is uniform without replacement with `numpy.random.default_rng(seed)`, so the same seed
    gives the same sample.

    Returns columns `line, timestamp, author, text, category_auto, label` (label empty, for the
    coder), sorted by `line`.
    """
    if n < 1:
        raise ValueError(f"n must be at least 1, got {n}")
    df = messages
    if "category" not in df.columns:
        from analyzer.classify.model import classify_hybrid

        from analyzer.classify.context import conversation_of

        auto = classify_hybrid(df["text"], df["kind"] if "kind" in df.columns else None,
                               conversation=conversation_of(df))
        df = df.assign(category=auto["category"])
    eligible = df[df["category"].notna()]
    counts = eligible["category"].astype(str).value_counts()
    take = _allocate(counts, n)
    rng = np.random.default_rng(seed)
    picked = []
    for cat in sorted(take.index):  # sorted: the draw order must not depend on value_counts ties
        pool = np.flatnonzero((eligible["category"] == cat).to_numpy(dtype=bool, na_value=False))
        if take[cat] > 0:
            picked.append(rng.choice(pool, size=int(take[cat]), replace=False))
    rows = eligible.iloc[np.sort(np.concatenate(picked))] if picked else eligible.iloc[:0]
    out = pd.DataFrame({
        "line": rows["line"].to_numpy() if "line" in rows else np.arange(len(rows)),
        "timestamp": rows["timestamp"].to_numpy() if "timestamp" in rows else pd.NaT,
        "author": rows["author"].to_numpy() if "author" in rows else pd.NA,
        "text": rows["text"].to_numpy(),
        "category_auto": rows["category"].astype(str).to_numpy(),
        "label": "",
    })
    out = out.astype({"author": STRING, "text": STRING, "category_auto": STRING, "label": STRING})
    return out.sort_values("line", kind="stable").reset_index(drop=True)


# --------------------------------------------------------------------------- evaluation
def _clean_labels(s: pd.Series | list | np.ndarray) -> pd.Series:
    s = pd.Series(s, dtype=object).reset_index(drop=True)
    s = s.where(s.notna(), None).map(lambda v: None if v is None else str(v).strip().lower())
    return s.where(s != "", None)


def _json_float(x: float) -> float | None:
    return None if x is None or (isinstance(x, float) and math.isnan(x)) else round(float(x), 4)


def evaluate(pred: pd.Series | list, gold: pd.Series | list) -> dict[str, Any]:
    """Agreement of predicted categories with hand-coded ones.

    `pred`, `gold`: aligned by position. Rows whose gold label is missing or empty are not coded
    and are left out; a missing prediction (a row the classifier gives no category) counts as the
    label "none". Labels are the known categories in `CATEGORIES` order followed by any other
    label seen, restricted to labels that occur in gold or pred.

    Returns a JSON-ready dict: `n`, `labels`, `per_category` ({label: precision, recall, f1,
    support}), `macro_f1` (unweighted mean F1 over `labels`, as scikit-learn's "macro"),
    `accuracy`, `kappa` (Cohen's κ, `sklearn.metrics.cohen_kappa_score`), `confusion`
    ({"labels": [...], "matrix": rows = gold, columns = predicted}). Undefined values
    (a label never predicted has no precision) are None, not NaN.
    """
    from sklearn.metrics import accuracy_score, cohen_kappa_score, confusion_matrix, precision_recall_fscore_support

    p, g = _clean_labels(pred), _clean_labels(gold)
    if len(p) != len(g):
        raise ValueError(f"pred has {len(p)} rows but gold has {len(g)}; they must be aligned")
    keep = g.notna()
    p, g = p[keep].fillna("none"), g[keep]
    if g.empty:
        return {"n": 0, "labels": [], "per_category": {}, "macro_f1": None, "macro_over": [], "left_out_of_macro": [],
                "accuracy": None, "kappa": None,
                "confusion": {"labels": [], "matrix": []}}
    seen = set(p) | set(g)
    labels = [c for c in CATEGORIES if c in seen] + sorted(seen - set(CATEGORIES))
    prec, rec, f1, sup = precision_recall_fscore_support(g, p, labels=labels, zero_division=np.nan)
    per = {lab: {"precision": _json_float(prec[i]), "recall": _json_float(rec[i]), "f1": _json_float(f1[i]),
                 "support": int(sup[i])} for i, lab in enumerate(labels)}
    # a label only predicted (no hand-coded support) has no recall: it is left out of the macro
    # average and listed, so macro-F1 averages the categories the coders actually saw
    f1_defined = np.nan_to_num(f1, nan=0.0)
    supported = sup > 0
    kappa = cohen_kappa_score(g, p, labels=labels) if len(seen) > 1 else float("nan")
    return {
        "n": int(len(g)),
        "labels": labels,
        "per_category": per,
        "macro_f1": _json_float(float(np.mean(f1_defined[supported]))) if supported.any() else None,
        "macro_over": [lab for i, lab in enumerate(labels) if supported[i]],
        "left_out_of_macro": [lab for i, lab in enumerate(labels) if not supported[i]],
        "accuracy": _json_float(accuracy_score(g, p)),
        "kappa": _json_float(kappa),
        "confusion": {"labels": labels, "matrix": confusion_matrix(g, p, labels=labels).tolist()},
    }


def read_coding(path: str | Path) -> pd.DataFrame:
    """A hand-coded sheet written by `stratified_sample` (CSV; columns line, text, label at least)."""
    df = pd.read_csv(path, dtype={"label": "string", "text": "string"}, keep_default_na=False)
    missing = [c for c in ("line", "label") if c not in df.columns]
    if missing:
        raise ValueError(f"{Path(path).name} lacks column(s) {', '.join(missing)}; expected the sheet written by "
                         f"'sample' with the label column filled in")
    return df


def evaluate_coding(messages: pd.DataFrame, coding: pd.DataFrame, *, lexicon=None, model=None,
                    rules_only: bool = False) -> dict[str, Any]:
    """Score the classifier against a hand-coded sheet (see `read_coding`), matched on `line`.

    The chat is classified with the rules (`lexicon` as in `classify`) or, if given, with `model`
    (`classify_with_model`). Rows of the sheet whose label is empty are not coded; rows whose line
    is not in the chat are counted in `unmatched_lines` and left out. Returns `evaluate`'s dict
    (unweighted scores on the coded sample) plus `weighted` (precision, recall, F1, accuracy and κ
    estimated for the whole chat, each coded message weighted by its predicted category's size;
    categories without hand-coded support left out of the macro average and listed),
    `corrected_shares` (raw and misclassification-corrected share of every category with a 95 %
    interval, `analyzer.classify.corrected`), `unmatched_lines` and `classifier` ("hybrid", "rules"
    or "model"). For the hybrid also `fitted_to_coding`: the summary of fitting it to this sheet as
    `analyze --labels` does (`analyzer.classify.coding_fit.fit_chat_to_coding`), with the
    cross-fitted agreement estimated for the whole chat.
    """
    coded = coding[coding["label"].astype("string").fillna("").str.strip() != ""]
    idx = pd.Index(messages["line"])
    pos = idx.get_indexer(coded["line"])
    found = pos >= 0
    sub = messages.iloc[pos[found]]
    from analyzer.classify.context import conversation_of
    from analyzer.classify.corrected import corrected_shares, weighted_agreement
    from analyzer.classify.model import HybridModel, classify_hybrid

    # the whole chat is classified: its category counts weight the coded sample (see below)
    kinds = messages["kind"] if "kind" in messages else None
    if isinstance(model, HybridModel):
        chat_pred = classify_hybrid(messages["text"], kinds, lexicon=lexicon, model=model,
                                    conversation=conversation_of(messages))["category"]
    elif model is not None:
        chat_pred = classify_with_model(model, messages["text"], kinds)["category"]
    elif rules_only:
        chat_pred = classify(messages["text"], kinds, lexicon=lexicon)["category"]
    else:
        chat_pred = classify_hybrid(messages["text"], kinds, lexicon=lexicon,
                                    conversation=conversation_of(messages))["category"]
    pred = chat_pred.iloc[pos[found]]
    gold = coded["label"][found].reset_index(drop=True)
    result = evaluate(pred.reset_index(drop=True), gold)
    result["unweighted_note"] = ("scores on the coded sample as drawn; the sample over-draws rare categories, "
                                 "see 'weighted' for estimates for the whole chat")
    population = chat_pred.dropna().astype(str).to_numpy()
    coded_pred = pred.astype(object).where(pred.notna(), None).to_numpy()
    gold_clean = _clean_labels(gold).to_numpy()
    result["weighted"] = weighted_agreement(population, coded_pred, gold_clean)
    result["corrected_shares"] = corrected_shares(population, coded_pred, gold_clean, seed=0)
    result["unmatched_lines"] = int((~found).sum())
    result["classifier"] = ("model" if model is not None and not isinstance(model, HybridModel)
                            else "rules" if rules_only else "hybrid")
    if result["classifier"] == "hybrid":
        # what `analyze --labels` does with this sheet: fit the hybrid to it, agreement cross-fitted
        from analyzer.classify.coding_fit import fit_chat_to_coding
        from analyzer.classify.model import shipped_model

        _, result["fitted_to_coding"] = fit_chat_to_coding(messages.assign(category=chat_pred.to_numpy()), coding,
                                                           model if isinstance(model, HybridModel) else shipped_model(),
                                                           lexicon=lexicon)
    return result


# --------------------------------------------------------------------------- model
_REPEAT = re.compile(r"([^\W\d_])\1{2,}")


def normalise_for_model(text: str) -> str:
    """Lower case, letters repeated 3+ times cut to two ("mantaaap" -> "mantaap"), links to their domain.

    Used only as the vectorizers' preprocessor, so "makasiiih" and "makasiih" share features;
    the stored text is never changed.
    """
    t = _REPEAT.sub(r"\1\1", str(text).lower())
    return re.sub(r"https?://(?:www\.)?([^/\s]+)\S*", r" \1 ", t)


def _pipeline(seed: int):
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.linear_model import LogisticRegression
    from sklearn.pipeline import FeatureUnion, Pipeline

    features = FeatureUnion([
        ("char", TfidfVectorizer(analyzer="char_wb", ngram_range=(2, 5), preprocessor=normalise_for_model,
                                 min_df=1, sublinear_tf=True)),
        ("word", TfidfVectorizer(analyzer="word", ngram_range=(1, 2), preprocessor=normalise_for_model,
                                 token_pattern=r"(?u)\b\w+\b", min_df=1, sublinear_tf=True)),
    ])
    # C=3: cross-validated macro-F1 on the dev split was 0.767 against 0.760 at C=10
    clf = LogisticRegression(class_weight="balanced", max_iter=2000, C=3.0, random_state=seed)
    return Pipeline([("features", features), ("clf", clf)])


def train_model(texts: pd.Series | list, labels: pd.Series | list, seed: int = 0, folds: int = 5):
    """Fit the TF-IDF + logistic-regression category model on hand-coded messages.

    Rows with a missing or empty label or text are dropped. Cross-validation: stratified k-fold
    (k = `folds`, lowered to the smallest class size; shuffled with `seed`) on the same pipeline,
    scored by macro-F1; then the model is fitted on all rows.

    Returns `(model, cv_scores)` where `cv_scores` is a JSON-ready dict: `folds`, `macro_f1_mean`,
    `macro_f1_std`, `macro_f1_per_fold`, `n`, `labels` (and `note` when CV was not possible).
    """
    from sklearn.model_selection import StratifiedKFold, cross_val_score
    from threadpoolctl import threadpool_limits

    y = _clean_labels(labels)
    x = pd.Series(texts, dtype=object).reset_index(drop=True)
    if len(x) != len(y):
        raise ValueError(f"texts has {len(x)} rows but labels has {len(y)}; they must be aligned")
    keep = y.notna() & x.notna() & (x.astype(str).str.strip() != "")
    x, y = x[keep].astype(str).to_numpy(), y[keep].to_numpy()
    classes, sizes = np.unique(y, return_counts=True) if len(y) else (np.array([]), np.array([]))
    if len(classes) < 2:
        raise ValueError(f"training needs at least two different labels, got {list(classes)}")
    k = int(min(folds, sizes.min()))
    scores: dict[str, Any] = {"n": int(len(y)), "labels": [str(c) for c in classes], "folds": k}
    # one BLAS thread: the problem is small, and BLAS threads fighting over 2 shared cores made a
    # fit ten times slower in measurements here
    with threadpool_limits(1):
        if k >= 2:
            cv = StratifiedKFold(n_splits=k, shuffle=True, random_state=seed)
            f = cross_val_score(_pipeline(seed), x, y, cv=cv, scoring="f1_macro")
            scores.update(macro_f1_mean=_json_float(f.mean()), macro_f1_std=_json_float(f.std()),
                          macro_f1_per_fold=[_json_float(v) for v in f])
        else:
            scores.update(macro_f1_mean=None, macro_f1_std=None, macro_f1_per_fold=[],
                          note="a label has a single example: cross-validation needs at least 2 per label")
        model = _pipeline(seed).fit(x, y)
    return model, scores


def save_model(model, path: str | Path) -> Path:
    """Store a fitted model with its format name and version (joblib)."""
    import joblib
    import sklearn

    path = Path(path)
    joblib.dump({"format": MODEL_FORMAT, "version": MODEL_VERSION, "sklearn": sklearn.__version__,
                 "labels": [str(c) for c in model.classes_], "model": model}, path)
    return path


def load_model(path: str | Path):
    """A model saved by `save_model`. Only load files you trust: joblib files can run code."""
    import joblib

    path = Path(path)
    if not path.is_file():
        raise FileNotFoundError(f"model file {str(path)!r} does not exist; train one with --train first")
    try:
        obj = joblib.load(path)
    except Exception as exc:
        raise ValueError(f"{path.name} is not a readable model file ({exc}); expected one written by save_model") from None
    if not isinstance(obj, dict) or obj.get("format") != MODEL_FORMAT:
        raise ValueError(f"{path.name} is not a wa-analyzer category model")
    if obj.get("version") != MODEL_VERSION:
        raise ValueError(f"{path.name} has model format version {obj.get('version')}, this analyzer reads "
                         f"version {MODEL_VERSION}: retrain it with --train")
    return obj["model"]


def classify_with_model(model, texts: pd.Series, kinds: pd.Series | None = None) -> pd.DataFrame:
    """Categorise messages with a trained model; same output columns as `analyzer.classify.classify`.

    `category_reason` is "model p=0.83", the probability of the predicted category. Rows whose kind
    has no category (media without caption, deleted, system, call) get <NA> with the same reasons
    as the rule classifier; empty texts are `other` ("empty text").
    """
    texts = pd.Series(texts) if not isinstance(texts, pd.Series) else texts
    n = len(texts)
    import pyarrow.compute as pc

    no_cat, why, raw = uncategorised(texts, kinds)
    blank = pc.fill_null(pc.equal(pc.utf8_trim_whitespace(raw), ""), True).to_numpy(zero_copy_only=False)
    todo = np.flatnonzero(~no_cat & ~blank)
    category = np.full(n, None, dtype=object)
    reason = why.copy()
    category[blank & ~no_cat] = "other"
    reason[blank & ~no_cat] = "empty text"
    if todo.size:
        from threadpoolctl import threadpool_limits

        with threadpool_limits(1):
            proba = model.predict_proba(raw.take(todo).to_numpy(zero_copy_only=False))
        best = proba.argmax(axis=1)
        category[todo] = np.asarray(model.classes_, dtype=object)[best]
        # probabilities rounded to 0.01 have 101 possible texts: format those, not each row
        percent = np.rint(proba[np.arange(len(todo)), best] * 100).astype(np.int64)
        reason[todo] = np.array([f"model p={i / 100:.2f}" for i in range(101)], dtype=object)[percent]
    return pd.DataFrame({"category": pd.array(category, dtype=STRING), "category_reason": pd.array(reason, dtype=STRING)},
                        index=texts.index)
