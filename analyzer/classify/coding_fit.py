"""Fit the hybrid classifier to one chat's hand-coded sample (the `sample` -> code -> `evaluate` loop).

The shipped model is trained on other groups. Each group has its own mix of categories and its own
ways of saying things (a roster "aku" is coordination in one group, small talk in another), and
leave-one-group-out measurements show that reading a new group from the message alone stays far
below the agreement of two coders. A few dozen hand-coded messages of the group itself fix much of
that: the model's weights are moved towards the coding, and held near the shipped weights by a
penalty on the distance,

    W* = argmin_W  Σ_i w_i · CE(y_i, softmax(W x_i))  +  λ · ||W − W_0||²,

where W_0 are the shipped weights (intercepts included), x_i the features of coded message i,
y_i its hand-coded label, w_i its design weight (below) and λ = `STRENGTH`. This is maximum a
posteriori adaptation with a Gaussian prior centred on the source model (Chelba & Acero 2004,
"Adaptation of maximum entropy capitalizer: little data can help a lot", EMNLP). With λ large
nothing moves; with λ = 0 the coding alone decides.

Design weights: `sample` draws within the classifier's categories and over-draws the rare ones, so
each coded message stands for w_i = N_j / n_j messages of the chat (N_j the chat's messages in its
stratum j, n_j the coded ones), normalised to mean 1. Without them the rare categories' share in
the coding would push every intercept towards them.

Honest agreement: the fitted model has seen the coded messages, so its agreement with them is
optimistic. `fit_chat_to_coding` therefore reports the agreement of k-fold cross-fitted
predictions (each coded message categorised by a model fitted to the other folds), weighted to the
whole chat (`analyzer.classify.corrected.weighted_agreement`). The fold models saw 1/k fewer
messages than the final one, so the estimate errs on the low side.

Measured (`benchmarks/coding_fit.py`, leave-one-group-out over 36 real groups, each held-out
group's coding drawn as `sample` draws it and its other messages scored): see docs/classifier.md.
The misclassification-corrected shares do not use the fitted model: they stay post-stratified on
the categories the sample was drawn from (`category_auto`), which is what makes them design-based.
"""
from __future__ import annotations

import dataclasses
from typing import Any, Sequence

import numpy as np
import pandas as pd

from analyzer.classify.model import HybridModel, LexiconSource, prepare

STRENGTH = 2.0
"""λ: the penalty on the distance from the shipped weights, in units of one (average-weight) coded
message's cross-entropy. Chosen on the leave-one-group-out runs (λ 1, 2 and 4 within 0.02 of each
other at 30-100 coded messages; 2 best at 50 and 100)."""

MIN_CODED = 20
"""Fewer coded messages than this (with a category in the chat) and the model is not fitted."""

FOLDS = 5
"""Folds of the cross-fitted agreement."""


def coding_labels(labels: object) -> pd.DataFrame:
    """The coded rows of a coding sheet: columns `line` (a number; NaN if not one), `label` (a category), and
    `category_auto` when the sheet has it.

    `labels`: a path to the CSV written by `sample` (or the dashboard) or a DataFrame with `line` and
    `label`. Rows with an empty label are not coded and are dropped. Raises ValueError with one
    sentence for a sheet that cannot be used.
    """
    from analyzer.classify import CATEGORIES

    if isinstance(labels, pd.DataFrame):
        sheet = labels
    else:
        try:
            sheet = pd.read_csv(labels, dtype={"label": "string", "category_auto": "string"}, keep_default_na=False)
        except (OSError, UnicodeDecodeError, pd.errors.ParserError) as e:
            raise ValueError(f"cannot read the coding sheet {str(labels)!r} ({e}); use the CSV written by 'sample'") from None
    if not {"line", "label"} <= set(sheet.columns):
        raise ValueError("the coding sheet needs the columns 'line' and 'label' (the sheet written by 'sample')")
    lab = sheet["label"].astype("string").fillna("").str.strip().str.lower()
    sheet = sheet.assign(label=lab)[lab != ""]
    bad = sorted(set(sheet["label"]) - set(CATEGORIES))
    if bad:
        raise ValueError(f"unknown label(s) {', '.join(map(repr, bad))} in the coding sheet; use one of {', '.join(CATEGORIES)}")
    # a line that is not a number stays (NaN) and is counted as unmatched by the callers
    out = pd.DataFrame({"line": pd.to_numeric(sheet["line"], errors="coerce").to_numpy(),
                        "label": sheet["label"].astype(str).to_numpy()})
    if "category_auto" in sheet.columns:
        out["category_auto"] = sheet["category_auto"].astype("string").fillna("").str.strip().to_numpy()
    return out


def sheet_positions(chat_lines: pd.Series, sheet_lines: pd.Series) -> np.ndarray:
    """The row of `chat_lines` holding each line of a coding sheet, −1 where there is none, or
    everywhere when the chat's line numbers repeat (merged exports: a line no longer names one
    message)."""
    index = pd.Index(chat_lines)
    return index.get_indexer(sheet_lines) if index.is_unique else np.full(len(sheet_lines), -1)


def design_weights(strata: Sequence, population: Sequence) -> np.ndarray:
    """w_i = N_j / n_j for coded message i in stratum j (N_j: messages of `population` in j, n_j:
    coded messages in j), normalised to mean 1. A stratum absent from the population gets weight
    1 / n_j of one message (it cannot have been drawn; the weight keeps the row usable)."""
    s = pd.Series(list(strata), dtype=object).astype(str)
    big = pd.Series(list(population), dtype=object).dropna().astype(str).value_counts()
    n = s.map(s.value_counts())
    w = (s.map(big).fillna(1.0) / n).to_numpy(dtype=np.float64)
    return w / w.mean() if len(w) and w.mean() > 0 else w


def _cross_entropy_fit(W0: np.ndarray, X, y: np.ndarray, w: np.ndarray, strength: float) -> np.ndarray:
    """argmin_W Σ w_i CE(y_i, softmax(W x_i)) + strength ||W - W0||² (L-BFGS), x_i with a trailing 1."""
    from scipy.optimize import minimize

    k, d = W0.shape
    Y = np.zeros((len(y), k))
    Y[np.arange(len(y)), y] = 1.0

    def loss(v: np.ndarray) -> tuple[float, np.ndarray]:
        D = v.reshape(k, d)
        z = np.asarray(X @ (W0 + D).T)
        z -= z.max(axis=1, keepdims=True)
        logp = z - np.log(np.exp(z).sum(axis=1, keepdims=True))
        grad = np.asarray(X.T @ ((np.exp(logp) - Y) * w[:, None])).T + 2.0 * strength * D
        return float(-(w[:, None] * Y * logp).sum() + strength * (D * D).sum()), grad.ravel()

    res = minimize(loss, np.zeros(k * d), jac=True, method="L-BFGS-B", options={"maxiter": 500})
    return W0 + res.x.reshape(k, d)


def _fitted(model: HybridModel, x, lab: np.ndarray, w: np.ndarray, strength: float) -> HybridModel:
    """`model` with its weights fitted to the coded rows' features `x` and labels `lab`."""
    import scipy.sparse as sp

    X = sp.hstack([x, np.ones((x.shape[0], 1))], format="csr")
    W0 = np.hstack([model.coef, model.intercept[:, None]])
    y = np.array([model.classes.index(v) for v in lab], dtype=np.int64)
    W = _cross_entropy_fit(W0, X, y, w, strength) if len(y) else W0
    counts = pd.Series(lab, dtype=object).value_counts()
    meta = {**model.meta, "fitted_to_coding": {"n_coded": len(lab), "strength": strength,
                                               "labels": {c: int(counts.get(c, 0)) for c in model.classes}}}
    return dataclasses.replace(model, coef=W[:, :-1].copy(), intercept=W[:, -1].copy(), meta=meta,
                               prior_adaptation=None)


def _coded_inputs(model: HybridModel, texts, labels, kinds, weights, strength: float
                  ) -> tuple[pd.Series, np.ndarray, pd.Series | None, np.ndarray]:
    """The coded messages as aligned arrays (texts, labels, kinds, weights), checked with λ."""
    if strength < 0:
        raise ValueError(f"strength must be >= 0, got {strength}")
    texts = pd.Series(list(texts), dtype="string")
    lab = np.array([str(x) for x in labels], dtype=object)
    unknown = sorted(set(lab) - set(model.classes))
    if unknown:
        raise ValueError(f"labels {unknown} are not categories of the model ({', '.join(model.classes)})")
    if len(lab) != len(texts):
        raise ValueError(f"{len(texts)} texts but {len(lab)} labels; they must be aligned")
    kinds = None if kinds is None else pd.Series(list(kinds), dtype="string")
    w = np.ones(len(lab)) if weights is None else np.asarray(weights, dtype=np.float64)
    return texts, lab, kinds, w


def fit_to_coding(model: HybridModel, texts: pd.Series, labels: Sequence[str], *,
                  kinds: pd.Series | None = None, weights: Sequence[float] | None = None,
                  lexicon: LexiconSource = None, strength: float = STRENGTH) -> HybridModel:
    """The hybrid `model` with its weights fitted to hand-coded messages (see module docstring).

    `texts`, `labels` (categories of `model.classes`), optional `kinds` and design `weights`
    (default 1 each) are aligned. The returned model reads every message with the fitted weights
    and no longer re-estimates each chat's class mix (`prior_adaptation` None): the coding has
    told it the mix. Its ``meta["fitted_to_coding"]`` records the number of messages per label and λ.
    """
    texts, lab, kinds, w = _coded_inputs(model, texts, labels, kinds, weights, strength)
    return _fitted(model, model.features(prepare(texts, kinds, lexicon)), lab, w, strength)


def cross_fitted_categories(model: HybridModel, texts: pd.Series, labels: Sequence[str], *,
                            kinds: pd.Series | None = None, weights: Sequence[float] | None = None,
                            lexicon: LexiconSource = None, strength: float = STRENGTH,
                            folds: int = FOLDS, seed: int = 0) -> np.ndarray:
    """Each coded message's category from a model fitted (`fit_to_coding`) to the other folds.

    Folds: a seeded random split into `folds` parts (at most one per message). The messages are
    prepared once; each fold's model categorises them as `predict` would."""
    texts, lab, kinds, w = _coded_inputs(model, texts, labels, kinds, weights, strength)
    p = prepare(texts, kinds, lexicon)
    return _cross_fitted(model, texts, kinds, lexicon, p, model.features(p), lab, w, strength, folds, seed)


def _cross_fitted(model: HybridModel, texts: pd.Series, kinds: pd.Series | None, lexicon: LexiconSource,
                  p, x, lab: np.ndarray, w: np.ndarray, strength: float, folds: int, seed: int) -> np.ndarray:
    """`cross_fitted_categories` once the coded messages are prepared (`p`) and their features known (`x`)."""
    from analyzer.classify.model import _classify_prepared

    k = max(2, min(folds, len(lab)))
    fold = np.random.default_rng(seed).permutation(len(lab)) % k
    out = np.empty(len(lab), dtype=object)
    for f in range(k):
        test, train = fold == f, fold != f
        if not test.any():
            continue
        fitted = _fitted(model, x[np.flatnonzero(train)], lab[train], w[train], strength)
        cats = _classify_prepared(fitted, texts, kinds, lexicon, p, None)["category"]
        out[test] = cats.astype(object).to_numpy()[test]
    return out


def fit_chat_to_coding(messages: pd.DataFrame, labels: object, model: HybridModel, *,
                       lexicon: LexiconSource = None, strength: float = STRENGTH,
                       min_coded: int = MIN_CODED) -> tuple[HybridModel | None, dict[str, Any]]:
    """Fit `model` to a chat's coding sheet; returns (the fitted model or None, a JSON-ready summary).

    `messages`: the chat's categorised message table (columns `line`, `text`, `kind`, `category`:
    the categories the sample was drawn from). `labels`: see `coding_labels`. The coded messages'
    strata are the sheet's `category_auto` (else the chat's category at that line). None when fewer
    than `min_coded` coded lines are categorised messages of the chat (the summary says why).

    Summary keys: `n_coded`, `strength`, `folds`, `min_coded`, `fitted` (bool), `reason` (when not
    fitted), `unmatched_lines`, and `agreement`: the cross-fitted agreement estimated for the whole
    chat (`weighted_agreement` with the sample's strata).
    """
    from analyzer.classify.corrected import weighted_agreement

    sheet = coding_labels(labels)
    cat = messages[messages["category"].notna()]
    pos = sheet_positions(cat["line"], sheet["line"])
    found = pos >= 0
    rows = cat.iloc[pos[found]]
    coded = sheet[found].reset_index(drop=True)
    strata = rows["category"].astype(str).to_numpy()
    if "category_auto" in coded.columns:
        given = coded["category_auto"].to_numpy(dtype=object)
        strata = np.where((given != "") & pd.notna(given), given, strata)
    summary: dict[str, Any] = {"n_coded": int(found.sum()), "strength": strength, "folds": FOLDS,
                               "min_coded": min_coded, "unmatched_lines": int((~found).sum()), "fitted": False}
    if found.sum() < min_coded:
        summary["reason"] = (f"{int(found.sum())} coded message(s) of this chat; fitting the classifier needs "
                             f"at least {min_coded}")
        return None, summary
    population = cat["category"].astype(str).to_numpy()
    w = design_weights(strata, population)
    texts, gold, kinds, w = _coded_inputs(model, rows["text"], coded["label"],
                                          rows["kind"] if "kind" in rows.columns else None, w, strength)
    # the coded messages are prepared once, for the final fit and the cross-fitting alike
    p = prepare(texts, kinds, lexicon)
    x = model.features(p)
    fitted = _fitted(model, x, gold, w, strength)
    oof = _cross_fitted(model, texts, kinds, lexicon, p, x, gold, w, strength, FOLDS, 0)
    summary["fitted"] = True
    summary["agreement"] = weighted_agreement(population, strata, gold, scored=oof)
    summary["agreement_before"] = weighted_agreement(population, strata, gold)
    return fitted, summary
