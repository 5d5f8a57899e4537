"""Fit the shipped hybrid category model, reproducibly and offline (`make train-model`).

Usage: python benchmarks/train_category_model.py [--labels PATH] [--out analyzer/data/category_model.json]

Training data: every row of the real development set (`real_dev/labels.tsv`, read at run time from
the shared data folder, see `benchmarks/real_classifier.py`) plus the `dev` split of the invented
UMKM set (`tests/data/classifier_devset.csv`); the invented `holdout` split stays unseen so its
scores remain a held-out check. Settings (chosen by leave-one-group-out cross-validation among the
candidates in `benchmarks/real_classifier.py`, see docs/classifier.md): C=3, class-balanced, real
rows weight 1, vocabulary terms in >= 3 real groups and free of words seen after a form of
address (or in the invented set), seed 0.

The written JSON holds only the vocabulary (letters-only terms shared by at least three groups),
feature names, coefficients and counts: no message text. The script checks that again before
writing and refuses a vocabulary term with a digit.
"""
from __future__ import annotations

import argparse
import hashlib
import re
import sys
from pathlib import Path

import pandas as pd

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

from analyzer.classify.model import MODEL_FILE, fit_model, save_hybrid  # noqa: E402
from real_classifier import (  # noqa: E402
    SHIPPED_SETTINGS, _model_candidate, default_labels_path, load_invented, load_real, logo_predictions, scores,
)

SETTINGS = SHIPPED_SETTINGS


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--labels", type=Path, default=None)
    ap.add_argument("--out", type=Path, default=ROOT / "analyzer" / "data" / MODEL_FILE)
    args = ap.parse_args(argv)
    path = args.labels or default_labels_path()
    if not path.is_file():
        print(f"real development labels not found at {path}; pass --labels PATH or set WA_REAL_DEV", file=sys.stderr)
        return 2
    real, inv = load_real(path), load_invented()
    inv = inv[inv["split"] == "dev"]
    x = pd.concat([real["text"], inv["text"]], ignore_index=True)
    y = pd.concat([real["label"], inv["label"]], ignore_index=True)
    g = pd.concat([real["group"], pd.Series("invented", index=inv.index)], ignore_index=True)
    model = fit_model(x, y, g, **SETTINGS)
    bad = [w for w in model.vocab if re.search(r"\d", w)]
    if bad:
        print(f"refusing to write: {len(bad)} vocabulary terms contain digits", file=sys.stderr)
        return 1
    # the classifier's measured accuracy on real chats, for the note that goes with a raw share
    pred = logo_predictions(_model_candidate(**{k: v for k, v in SETTINGS.items()}), real, inv.assign(split="dev"))
    cv = {}
    for part, mask in (("random_rows", real["random"].to_numpy()), ("all_rows", slice(None))):
        ev = scores(pred[mask], real.loc[mask, "label"] if part == "random_rows" else real["label"])
        cv[part] = {"n": ev["n"], "macro_f1": ev["macro_f1_gold_classes"], "accuracy": ev["accuracy"],
                    "kappa": ev["kappa"]}
    model.meta["real_chat_cv"] = {
        "method": f"leave-one-group-out over {real['group'].nunique()} real groups (each scored by a model "
                  f"fitted without it), pooled", **cv}
    model.meta.update({
        "training_data": "real_dev labels.tsv (all rows, 8 real groups) + invented classifier_devset.csv split dev",
        "real_rows": int(len(real)), "invented_rows": int(len(inv)),
        "real_labels_sha256": hashlib.sha256(path.read_bytes()).hexdigest(),
        "vocabulary_rule": ("letters only; in the invented set, or in >= 3 real groups and without a word "
                            "that followed a form of address (mas, bu, kak ...) in a real chat"),
    })
    save_hybrid(model, args.out)
    print(f"wrote {args.out} ({args.out.stat().st_size / 1024:.0f} KiB): {len(model.vocab)} vocabulary terms, "
          f"{len(model.feature_names)} features, classes {model.classes}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
