"""Evaluate the message classifier on real, hand-labelled group chats, cross-validated by group.

Usage: python benchmarks/real_classifier.py [--labels PATH] [--candidates rules,hybrid,...] [--json OUT]
       (or `make eval-real`)

The labelled real messages are read at run time from `real_dev/labels.tsv` in the shared data
folder next to the project (default: `../shared/real_dev/labels.tsv` relative to the repository,
else `/work/shared/real_dev/labels.tsv`; `--labels` or the environment variable WA_REAL_DEV
overrides). Its texts never enter the repository and this script prints only aggregates.

Scores
------
- **Leave-one-group-out (LOGO) cross-validation**: for each of the groups, a trainable candidate is
  fitted on the other groups' messages plus the invented development rows
  (`tests/data/classifier_devset.csv`, split `dev`) and predicts the held-out group. The pooled
  out-of-fold predictions give macro-F1, accuracy, Cohen's kappa, per-class precision/recall/F1
  and the confusion matrix. The rules need no training; they are scored on the same rows.
- Rows are reported twice: **random** (rows 1–400 of the file, a stratified random sample; the
  only rows whose class frequencies mean anything) and **all** (adds 79 rows picked on purpose
  to enrich the rare classes, so per-class scores of rare classes have more support).
- **Invented UMKM holdout**: business_news F1 (and macro-F1) on the `holdout` split of the
  invented set, for a candidate fitted on all real rows plus the invented `dev` split.

Extra groups
------------
With `--extra-exports [DIR]` the labelled messages of further real groups listed in
`benchmarks/data/extra_labels.tsv` (texts rebuilt from local copies of public exports, see
`benchmarks/extra_groups.py`) are **added to the training data of every fold** (never a test
fold of the main view), so the main scores stay comparable: the held-out group is always one of
the real_dev groups. A second view, **LOGO over all groups**, then holds out each real_dev and each
extra group in turn (training on all other groups + invented `dev`). Without the option, or when
no local copy is found, the script says so and evaluates on real_dev alone.

Macro-F1 averages the six categories that occur in the gold labels; a category never in the gold
of the rows scored is left out (and listed).
"""
from __future__ import annotations

import argparse
import json
import os
import sys
import time
from pathlib import Path
from typing import Callable

import numpy as np
import pandas as pd

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from analyzer.classify import CATEGORIES, classify  # noqa: E402
from analyzer.classify.context import CONTEXT_FEATURES  # noqa: E402
from analyzer.classify.evaluate import evaluate  # noqa: E402

sys.path.insert(0, str(ROOT / "benchmarks"))
from extra_groups import ExtraLoad, context_matrix, group_chats, load_extra, real_dev_context  # noqa: E402

EXTRA_DEFAULT = Path("<default>")

DEVSET = ROOT / "tests" / "data" / "classifier_devset.csv"
RANDOM_ROWS = 400
"""Rows 1–400 of labels.tsv are the stratified random sample (see its README)."""


def default_labels_path() -> Path:
    env = os.environ.get("WA_REAL_DEV")
    if env:
        return Path(env)
    for p in (ROOT.parent / "shared" / "real_dev" / "labels.tsv", Path("/work/shared/real_dev/labels.tsv")):
        if p.is_file():
            return p
    return ROOT.parent / "shared" / "real_dev" / "labels.tsv"


def load_real(path: Path) -> pd.DataFrame:
    """labels.tsv as a frame: group, line, label, text (newlines restored), row (1-based), random."""
    df = pd.read_csv(path, sep="\t", quoting=3, dtype=str, keep_default_na=False)
    df["text"] = df["text"].str.replace(" ⏎ ", "\n", regex=False)
    df["row"] = np.arange(1, len(df) + 1)
    df["random"] = df["row"] <= RANDOM_ROWS
    return df


def load_invented() -> pd.DataFrame:
    return pd.read_csv(DEVSET, keep_default_na=False)


# --------------------------------------------------------------------------- candidates
# A candidate is a function (train_texts, train_labels, train_groups, test_texts, train_context,
# test_context, test_chat) -> predictions. The contexts are the conversation features of the rows
# (`analyzer.classify.context.CONTEXT_FEATURES` columns), NaN rows where the chat is not at hand;
# `test_chat` is the held-out group's whole chat (columns text, kind), from which a model that
# adapts to each chat's class distribution estimates it, as `analyze` does (None: the test rows).
Candidate = Callable[..., np.ndarray]


def rules(train_x, train_y, train_g, test_x, train_c=None, test_c=None, test_chat=None) -> np.ndarray:
    return classify(pd.Series(test_x, dtype="string"))["category"].astype(str).to_numpy()


def group_prior(model, chat: pd.DataFrame | None, texts: pd.Series) -> np.ndarray | None:
    """The class mix a model that adapts to each chat reads a group's messages with: estimated on the
    group's whole chat (columns text, kind), or on its labelled `texts` when the chat is not at hand;
    the training mix when too few messages; None for a model that does not adapt."""
    from analyzer.classify.model import chat_prior

    if not model.prior_adaptation:
        return None
    prior = (chat_prior(chat["text"].astype("string"), chat["kind"], model=model) if chat is not None
             else chat_prior(texts, model=model))
    return model.train_prior if prior is None else prior


def _model_candidate(context: bool = False, **options) -> Candidate:
    def run(train_x, train_y, train_g, test_x, train_c=None, test_c=None, test_chat=None) -> np.ndarray:
        from analyzer.classify.model import fit_model, predict

        model = fit_model(train_x, train_y, train_g, context=train_c if context else None, **options)
        test = pd.Series(list(test_x), dtype="string")
        return predict(model, test, context=test_c if context else None,
                       prior=group_prior(model, test_chat, test))["category"].astype(str).to_numpy()
    return run


PREVIOUS_SETTINGS = {"C": 3.0, "balanced": True, "real_weight": 1.0, "min_groups": 3, "seed": 0}
"""The settings of `hybrid-1` (trained on 14 real groups, issue 12's second round)."""

MESSAGE_SETTINGS = {"C": 1.0, "balanced": 0.5, "real_weight": 2.0, "min_groups": 3, "seed": 0}
"""How the shipped model is fitted: C=1, class weights the inverse square root of the class frequency,
real rows weight 2, no conversation features (they added about 0.005 to kappa). `hybrid-2` (30
groups) used these with the training class mix for every chat."""

CHAT_MIX_SETTINGS = {"prior_shrink": 0.0, "prior_max_ratio": 3.0,
                     "prior_never_lower": ("business_news", "promotion"), "prior_hold": ("social", "request")}
"""How the shipped model reads each chat's class mix (`analyzer.classify.model.adapt_priors` and
`decide_with_mix`): the EM estimate, each category kept within a factor 3 of its training share,
business news and promotion never made less likely than in training (EM drains the rare
categories), and social and request decided from the message alone (else a chat full of small talk
or questions turns its answers into small talk or new requests, which the answer rule does not
take up; see docs/classifier.md)."""

SHIPPED_SETTINGS = {**MESSAGE_SETTINGS, **CHAT_MIX_SETTINGS}
"""The settings of the shipped model (`benchmarks/train_category_model.py` uses these)."""


def candidates() -> dict[str, Candidate]:
    out: dict[str, Candidate] = {"rules": rules}
    try:
        from analyzer.classify import model as _  # noqa: F401
    except ImportError:
        return out
    out["shipped"] = _model_candidate(**SHIPPED_SETTINGS)
    out["previous"] = _model_candidate(**PREVIOUS_SETTINGS)
    # other ways of reading each chat's class mix (adapt_priors, reweight): none (the training mix,
    # hybrid-2's way), floored without holding (requests floored too), bounded only, halfway
    # (geometric), the EM estimate alone
    out["shipped_fixed_mix"] = _model_candidate(**MESSAGE_SETTINGS)
    out["shipped_mix_unheld"] = _model_candidate(**MESSAGE_SETTINGS, prior_shrink=0.0, prior_max_ratio=3.0,
                                                 prior_never_lower=("business_news", "promotion", "request"))
    out["shipped_prior_bounded"] = _model_candidate(**MESSAGE_SETTINGS, prior_shrink=0.0, prior_max_ratio=3.0)
    out["shipped_prior_half"] = _model_candidate(**MESSAGE_SETTINGS, prior_shrink=0.5)
    out["shipped_prior_em"] = _model_candidate(**MESSAGE_SETTINGS, prior_shrink=0.0)
    # conversation features (analyzer.classify.context): known where the chat is at hand
    out["shipped_context"] = _model_candidate(**SHIPPED_SETTINGS, context=True)
    out["shipped_context_reply"] = _model_candidate(**SHIPPED_SETTINGS, context=True,
                                                    context_names=CONTEXT_FEATURES[:4])
    out["shipped_context_mean"] = _model_candidate(**SHIPPED_SETTINGS, context=True, context_fill="mean")
    out["shipped_C0.5"] = _model_candidate(**{**SHIPPED_SETTINGS, "C": 0.5})
    out["shipped_C3"] = _model_candidate(**{**SHIPPED_SETTINGS, "C": 3.0})
    out["shipped_C10"] = _model_candidate(**{**SHIPPED_SETTINGS, "C": 10.0})
    out["shipped_balanced"] = _model_candidate(**{**SHIPPED_SETTINGS, "balanced": True})
    out["shipped_real1"] = _model_candidate(**{**SHIPPED_SETTINGS, "real_weight": 1.0})
    out["hybrid"] = _model_candidate()
    out["words_only"] = _model_candidate(rule_features=False)
    out["hybrid_C0.3"] = _model_candidate(C=0.3)
    out["hybrid_C3"] = _model_candidate(C=3.0)
    out["hybrid_real3"] = _model_candidate(real_weight=3.0)
    out["hybrid_unbalanced"] = _model_candidate(balanced=False)
    out["hybrid_real3_unbalanced"] = _model_candidate(real_weight=3.0, balanced=False)
    out["hybrid_C3_prefix4"] = _model_candidate(C=3.0, prefix_len=4)
    return out


# --------------------------------------------------------------------------- evaluation
def _extra_frame(extra: pd.DataFrame | None) -> pd.DataFrame:
    cols = ["group", "label", "text"]
    if extra is None or not len(extra):
        return pd.DataFrame(columns=cols)
    return extra[cols + [c for c in extra.columns if c.startswith("ctx")]]


def logo_predictions(cand: Candidate, real: pd.DataFrame, invented: pd.DataFrame,
                     extra: pd.DataFrame | None = None, chats: dict | None = None) -> np.ndarray:
    """Out-of-fold predictions for every real row (leave one group out).

    `extra` (group, label, text): rows of further real groups, added to the training data of
    every fold and never predicted.
    """
    pred = np.empty(len(real), dtype=object)
    inv = invented[invented["split"] == "dev"]
    ex = _extra_frame(extra)
    ctx_real, ctx_ex, ctx_inv = context_matrix(real), context_matrix(ex), context_matrix(inv)
    for g in sorted(real["group"].unique()):
        test = (real["group"] == g).to_numpy()
        tr = real[~test]
        x = pd.concat([tr["text"], ex["text"], inv["text"]], ignore_index=True)
        y = pd.concat([tr["label"], ex["label"], inv["label"]], ignore_index=True)
        grp = pd.concat([tr["group"], ex["group"], pd.Series("invented", index=inv.index)], ignore_index=True)
        c = np.vstack([ctx_real[~test], ctx_ex, ctx_inv])
        pred[test] = cand(x, y, grp, real.loc[test, "text"], c, ctx_real[test], (chats or {}).get(g))
    return pred


def logo_all_groups(cand: Candidate, pooled: pd.DataFrame, invented: pd.DataFrame,
                    chats: dict | None = None) -> np.ndarray:
    """Out-of-fold predictions for every row of `pooled` (real_dev and extra groups together)."""
    return logo_predictions(cand, pooled, invented, None, chats)


def _without_extra(cand: Candidate, real: pd.DataFrame, invented: pd.DataFrame, extra: pd.DataFrame,
                   chats: dict | None = None) -> np.ndarray:
    """Predictions for real rows (out of fold) and extra rows (model fitted on all real rows), no extra training."""
    inv = invented[invented["split"] == "dev"]
    x = pd.concat([real["text"], inv["text"]], ignore_index=True)
    y = pd.concat([real["label"], inv["label"]], ignore_index=True)
    grp = pd.concat([real["group"], pd.Series("invented", index=inv.index)], ignore_index=True)
    c = np.vstack([context_matrix(real), context_matrix(inv)])
    parts = [logo_predictions(cand, real, invented, None, chats)]
    for g in dict.fromkeys(extra["group"]):  # each extra group read with its own chat
        m = (extra["group"] == g).to_numpy()
        parts.append(cand(x, y, grp, extra.loc[m, "text"], c, context_matrix(extra)[m], (chats or {}).get(g)))
    return np.concatenate(parts)


def invented_holdout(cand: Candidate, real: pd.DataFrame, invented: pd.DataFrame,
                     extra: pd.DataFrame | None = None) -> dict:
    inv_dev, inv_hold = invented[invented["split"] == "dev"], invented[invented["split"] == "holdout"]
    ex = _extra_frame(extra)
    x = pd.concat([real["text"], ex["text"], inv_dev["text"]], ignore_index=True)
    y = pd.concat([real["label"], ex["label"], inv_dev["label"]], ignore_index=True)
    grp = pd.concat([real["group"], ex["group"], pd.Series("invented", index=inv_dev.index)], ignore_index=True)
    c = np.vstack([context_matrix(real), context_matrix(ex), context_matrix(inv_dev)])
    pred = cand(x, y, grp, inv_hold["text"], c, context_matrix(inv_hold))
    ev = evaluate(pd.Series(pred), inv_hold["label"].reset_index(drop=True))
    return {"n": ev["n"], "macro_f1": ev["macro_f1"], "accuracy": ev["accuracy"], "kappa": ev["kappa"],
            "business_news_f1": ev["per_category"].get("business_news", {}).get("f1")}


def scores(pred: np.ndarray, gold: pd.Series) -> dict:
    ev = evaluate(pd.Series(pred), gold.reset_index(drop=True))
    gold_labels = set(gold)
    f1s = [ev["per_category"][c]["f1"] or 0.0 for c in CATEGORIES if c in gold_labels]
    ev["macro_f1_gold_classes"] = round(float(np.mean(f1s)), 4) if f1s else None
    ev["classes_left_out"] = [c for c in CATEGORIES if c not in gold_labels]
    return ev


def _fmt(x) -> str:
    return "  -  " if x is None else f"{x:.3f}"


def print_report(name: str, res: dict) -> None:
    print(f"\n=== {name} ===")
    for part in ("random", "all"):
        ev = res[part]
        print(f"[{part} rows, n={ev['n']}] macro-F1 {_fmt(ev['macro_f1_gold_classes'])}  accuracy {_fmt(ev['accuracy'])}"
              f"  kappa {_fmt(ev['kappa'])}" + (f"  (left out: {', '.join(ev['classes_left_out'])})"
                                               if ev["classes_left_out"] else ""))
    ev = res["all"]
    print(f"{'category':<14} {'P':>6} {'R':>6} {'F1':>6} {'n':>4}   (all rows)")
    for c in CATEGORIES:
        pc_ = ev["per_category"].get(c)
        if pc_:
            print(f"{c:<14} {_fmt(pc_['precision']):>6} {_fmt(pc_['recall']):>6} {_fmt(pc_['f1']):>6} {pc_['support']:>4}")
    labs = ev["confusion"]["labels"]
    print("confusion (rows = gold, columns = predicted; all rows):")
    print(" " * 14 + "".join(f"{lab[:6]:>7}" for lab in labs))
    for lab, row in zip(labs, ev["confusion"]["matrix"]):
        print(f"{lab:<14}" + "".join(f"{v:>7}" for v in row))
    print("per held-out group (all rows): " + ", ".join(
        f"{g} F1 {_fmt(v['macro_f1'])} acc {_fmt(v['accuracy'])}" for g, v in res["per_group"].items()))
    if res.get("invented_holdout"):
        h = res["invented_holdout"]
        print(f"invented UMKM holdout (n={h['n']}): business_news F1 {_fmt(h['business_news_f1'])}, "
              f"macro-F1 {_fmt(h['macro_f1'])}, accuracy {_fmt(h['accuracy'])}, kappa {_fmt(h['kappa'])}")


def print_all_groups(name: str, res: dict) -> None:
    print(f"--- {name}: LOGO over all groups (real_dev + extra; each group held out in turn) ---")
    for part in ("random", "all"):
        ev = res[part]
        print(f"[{part} rows, n={ev['n']}] macro-F1 {_fmt(ev['macro_f1_gold_classes'])}  accuracy {_fmt(ev['accuracy'])}"
              f"  kappa {_fmt(ev['kappa'])}")
    if "without_extra_training" in res:
        for part in ("random", "all"):
            ev = res["without_extra_training"][part]
            print(f"  same rows, no extra group in training [{part}]: macro-F1 {_fmt(ev['macro_f1_gold_classes'])}"
                  f"  accuracy {_fmt(ev['accuracy'])}  kappa {_fmt(ev['kappa'])}")
    for part in ("random", "all"):
        ev = res["extra_rows"][part]
        print(f"  rows whose chat is at hand [{part}, n={ev['n']}]: macro-F1 "
              f"{_fmt(ev['macro_f1_gold_classes'])}  accuracy {_fmt(ev['accuracy'])}  kappa {_fmt(ev['kappa'])}")
    ev = res["all"]
    print("per class (all rows): " + ", ".join(
        f"{c} {_fmt(ev['per_category'][c]['f1'])}" for c in CATEGORIES if c in ev["per_category"]))
    print("per held-out extra group (all rows): " + ", ".join(
        f"{g} F1 {_fmt(v['macro_f1'])} kappa {_fmt(v['kappa'])} (n={v['n']})" for g, v in res["per_group"].items()
        if g.startswith("extra")))


def run(names: list[str], labels_path: Path, extra: ExtraLoad | None = None) -> dict:
    real, invented = load_real(labels_path), load_invented()
    all_c = candidates()
    unknown = [n for n in names if n not in all_c]
    if unknown:
        raise SystemExit(f"unknown candidate(s) {', '.join(unknown)}; known: {', '.join(all_c)}")
    ex = extra.rows if extra is not None and len(extra.rows) else None
    print(extra.note() if extra is not None else
          "extra groups: not used (pass --extra-exports [DIR] to add benchmarks/data/extra_labels.tsv)")
    chats: dict = {}
    if extra is not None and extra.exports_dir is not None:
        real, note = real_dev_context(real, extra.exports_dir)
        print(note)
        chats = group_chats(extra.exports_dir)
        print(f"whole chats at hand for {len(chats)} groups (a model that adapts to each chat's class mix reads them)")
    out = {"labels_file_rows": len(real), "groups": sorted(real["group"].unique()),
           "extra_rows": 0 if ex is None else int(len(ex)),
           "extra_groups": [] if ex is None else sorted(ex["group"].unique()), "candidates": {}}
    for name in names:
        t0 = time.perf_counter()
        pred = logo_predictions(all_c[name], real, invented, ex, chats)
        res = {"random": scores(pred[real["random"].to_numpy()], real.loc[real["random"], "label"]),
               "all": scores(pred, real["label"])}
        res["per_group"] = {}
        for g in out["groups"]:
            m = (real["group"] == g).to_numpy()
            ev = evaluate(pd.Series(pred[m]), real.loc[m, "label"].reset_index(drop=True))
            res["per_group"][g] = {"n": ev["n"], "macro_f1": ev["macro_f1"], "accuracy": ev["accuracy"],
                                   "kappa": ev["kappa"]}
        res["invented_holdout"] = invented_holdout(all_c[name], real, invented, ex)
        if ex is not None and name != "rules":
            ctx_cols = [c for c in ex.columns if c.startswith("ctx")]
            pooled = pd.concat([real[["group", "label", "text", "random", *[c for c in ctx_cols if c in real]]],
                                ex[["group", "label", "text", "random", *ctx_cols]]], ignore_index=True)
            pa_ = logo_all_groups(all_c[name], pooled, invented, chats)
            rnd = pooled["random"].to_numpy(dtype=bool)
            res["all_groups"] = {"random": scores(pa_[rnd], pooled.loc[rnd, "label"]), "all": scores(pa_, pooled["label"]),
                                 "per_group": {}}
            # the rows whose chat is at hand, so that their conversation features are known
            exm = ~np.isnan(context_matrix(pooled)).any(axis=1)
            res["all_groups"]["extra_rows"] = {"random": scores(pa_[exm & rnd], pooled.loc[exm & rnd, "label"]),
                                               "all": scores(pa_[exm], pooled.loc[exm, "label"])}
            # the same rows without any extra group in training: real_dev rows out of fold as above,
            # extra rows scored by a model fitted on all of real_dev (+ invented dev)
            base_ = _without_extra(all_c[name], real, invented, ex, chats)
            res["all_groups"]["without_extra_training"] = {"random": scores(base_[rnd], pooled.loc[rnd, "label"]),
                                                           "all": scores(base_, pooled["label"])}
            for g in sorted(pooled["group"].unique()):
                m = (pooled["group"] == g).to_numpy()
                ev = evaluate(pd.Series(pa_[m]), pooled.loc[m, "label"].reset_index(drop=True))
                res["all_groups"]["per_group"][g] = {"n": ev["n"], "macro_f1": ev["macro_f1"],
                                                     "accuracy": ev["accuracy"], "kappa": ev["kappa"]}
        res["seconds"] = round(time.perf_counter() - t0, 1)
        out["candidates"][name] = res
        print_report(name, res)
        if "all_groups" in res:
            print_all_groups(name, res["all_groups"])
    return out


def score_held_out(reference: Path, exports_dir: Path | None, model_file: Path | None = None) -> dict:
    """Score a model file as shipped (no training) and the rules on newly labelled groups.

    `reference`: a file in the format of `benchmarks/data/extra_labels.tsv` listing groups the model
    was not trained on. Run it before adding them to the training data: it is the one clean test
    of what a new group gets (docs/classifier.md, "A clean test of the model shipped before").
    """
    import json as _json

    from analyzer.classify.model import HybridModel, classify_hybrid, shipped_model

    load = load_extra(exports_dir, reference)
    print(load.note())
    rows = load.rows
    model = (HybridModel.from_json(_json.loads(model_file.read_text(encoding="utf-8"))) if model_file else None)
    out: dict = {"reference": str(reference), "rows": int(len(rows)), "groups": int(load.n_groups), "scores": {}}
    if not len(rows):
        return out
    texts = pd.Series(list(rows["text"]), dtype="string")
    # each group is read as analyze reads a chat: with the class mix of its whole chat
    chats = group_chats(load.exports_dir, reference)
    model = model or shipped_model()
    model_pred = np.empty(len(rows), dtype=object)
    for g in dict.fromkeys(rows["group"]):
        sel = (rows["group"] == g).to_numpy()
        prior = group_prior(model, chats.get(g), texts[sel])
        model_pred[sel] = classify_hybrid(texts[sel], model=model, prior=prior)["category"].astype(str).to_numpy()
    preds = {"model": model_pred, "rules": classify(texts)["category"].astype(str).to_numpy()}
    rnd = rows["random"].to_numpy(dtype=bool)
    for name, pred in preds.items():
        res = {"random": scores(pred[rnd], rows.loc[rnd, "label"]), "all": scores(pred, rows["label"]), "per_group": {}}
        for g in sorted(rows["group"].unique()):
            sel = (rows["group"] == g).to_numpy()
            ev = evaluate(pd.Series(pred[sel]), rows.loc[sel, "label"].reset_index(drop=True))
            res["per_group"][g] = {"n": ev["n"], "macro_f1": ev["macro_f1"], "kappa": ev["kappa"]}
        out["scores"][name] = res
        label = f"{'the model file' if model_file else 'the shipped model'}" if name == "model" else "the rules"
        print(f"--- {label} on {load.n_groups} held-out group(s), no training ---")
        for part in ("random", "all"):
            ev = res[part]
            print(f"[{part} rows, n={ev['n']}] macro-F1 {_fmt(ev['macro_f1_gold_classes'])}  "
                  f"accuracy {_fmt(ev['accuracy'])}  kappa {_fmt(ev['kappa'])}")
        print("per class (all rows): " + ", ".join(
            f"{c} {_fmt(res['all']['per_category'][c]['f1'])}" for c in CATEGORIES if c in res["all"]["per_category"]))
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--labels", type=Path, default=None, help="labels.tsv of the real development set")
    ap.add_argument("--candidates", default=None, help="comma-separated names (default: all)")
    ap.add_argument("--json", type=Path, default=None, help="also write the scores as JSON here")
    ap.add_argument("--extra-exports", type=Path, nargs="?", const=EXTRA_DEFAULT, default=None, metavar="DIR",
                    help="add the extra labelled groups of benchmarks/data/extra_labels.tsv, read from local copies "
                         "of their exports in DIR (alone: WA_EXTRA_EXPORTS or ../realdata/indo_groups); "
                         "without it, or when no copy is found, evaluate on real_dev alone and say so")
    ap.add_argument("--held-out", type=Path, default=None, metavar="REFERENCE",
                    help="only score the shipped model (or --model-file) and the rules, without training, on the "
                         "groups a reference file in the extra_labels.tsv format lists (texts from --extra-exports "
                         "DIR or the default folder): the clean test of newly labelled groups")
    ap.add_argument("--model-file", type=Path, default=None, help="with --held-out: a hybrid model file to score")
    args = ap.parse_args(argv)
    if args.held_out is not None:
        exports = None if args.extra_exports in (None, EXTRA_DEFAULT) else args.extra_exports
        out = score_held_out(args.held_out, exports, args.model_file)
        if args.json:
            args.json.write_text(json.dumps(out, indent=1), encoding="utf-8")
        return 0 if out["rows"] else 2
    path = args.labels or default_labels_path()
    if not path.is_file():
        print(f"real development labels not found at {path}; pass --labels PATH or set WA_REAL_DEV", file=sys.stderr)
        return 2
    names = args.candidates.split(",") if args.candidates else list(candidates())
    extra = None if args.extra_exports is None else \
        load_extra(None if args.extra_exports == EXTRA_DEFAULT else args.extra_exports)
    out = run(names, path, extra)
    if args.json:
        args.json.write_text(json.dumps(out, indent=1), encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
