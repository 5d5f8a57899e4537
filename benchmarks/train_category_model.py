"""Fit the shipped hybrid category model, reproducibly and offline (`make train-model`).

Usage: python benchmarks/train_category_model.py [--labels PATH] [--out analyzer/data/category_model.json]
                                                 [--extra-exports [DIR]]

Training data: every row of the real development set (`real_dev/labels.tsv`, read at run time from
the shared data folder, see `benchmarks/real_classifier.py`) plus the `dev` split of the invented
UMKM set (`tests/data/classifier_devset.csv`); the invented `holdout` split stays unseen so its
scores remain a held-out check. With `--extra-exports [DIR]` (the default of `make train-model`) the
labelled messages listed in `benchmarks/data/extra_labels.tsv` are added as further real groups
(texts rebuilt from local copies of public exports, see `benchmarks/extra_groups.py`; each export
one group, named `extra<k>`, counted as a real group by the vocabulary rule). The shipped model is
trained with them; when the option is given but a copy is missing, the script trains without
those rows and warns that the model differs from the shipped one. The model file records which
data it was trained on.

Settings (`SHIPPED_SETTINGS` in `benchmarks/real_classifier.py`, chosen by leave-one-group-out
cross-validation among its candidates, see docs/classifier.md): C=1, class weights the inverse
square root of the class frequency, real rows weight 2, no conversation features, vocabulary terms
in >= 3 real groups and free of words seen after a form of address (or in the invented set), seed
0; each chat's class mix read as `CHAT_MIX_SETTINGS` says (EM, bounded by a factor 3, business
news and promotion never made less likely than in training, social and request held).
`meta.real_chat_cv` records the leave-one-group-out scores over every real group, each read with
its own chat's class mix where the export is at hand: what a new group can expect, which the
report prints next to a raw share.

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

import numpy as np
import pandas as pd

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

from analyzer.classify.model import MODEL_FILE, fit_model, save_hybrid  # noqa: E402
from extra_groups import EXTRA_LABELS, context_matrix, group_chats, load_extra, real_dev_context  # noqa: E402
from real_classifier import (  # noqa: E402
    EXTRA_DEFAULT, SHIPPED_SETTINGS, _model_candidate, default_labels_path, load_invented, load_real, logo_predictions, scores,
)

SETTINGS = SHIPPED_SETTINGS


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--labels", type=Path, default=None)
    ap.add_argument("--out", type=Path, default=ROOT / "analyzer" / "data" / MODEL_FILE)
    ap.add_argument("--extra-exports", type=Path, nargs="?", const=EXTRA_DEFAULT, default=None, metavar="DIR",
                    help="also train on the extra labelled groups of benchmarks/data/extra_labels.tsv, read from "
                         "local copies of their exports in DIR (alone: WA_EXTRA_EXPORTS or ../realdata/indo_groups); "
                         "without it, or when no copy is found, train without them and say so")
    args = ap.parse_args(argv)
    path = args.labels or default_labels_path()
    if not path.is_file():
        print(f"real development labels not found at {path}; pass --labels PATH or set WA_REAL_DEV", file=sys.stderr)
        return 2
    real, inv = load_real(path), load_invented()
    inv = inv[inv["split"] == "dev"]
    extra = None if args.extra_exports is None else \
        load_extra(None if args.extra_exports == EXTRA_DEFAULT else args.extra_exports)
    print(extra.note() if extra is not None else
          "extra groups: not used (pass --extra-exports [DIR] to add them, as the shipped model does)")
    if extra is not None and extra.exports_dir is not None:
        real, note = real_dev_context(real, extra.exports_dir)
        print(note)
    listed = sum(1 for _ in EXTRA_LABELS.open(encoding="utf-8")) - 1
    if extra is None or len(extra.rows) < listed:
        # The shipped model was trained on every listed row: say loudly that this one differs.
        print(f"warning: {listed - (0 if extra is None else len(extra.rows))} of the {listed} extra labelled "
              "messages are not used, so this model will differ from the shipped one "
              "(analyzer/data/category_model.json); see docs/classifier.md for the exports", file=sys.stderr)
    ex = extra.rows if extra is not None and len(extra.rows) else \
        pd.DataFrame(columns=["group", "label", "text", "random"])
    x = pd.concat([real["text"], ex["text"], inv["text"]], ignore_index=True)
    y = pd.concat([real["label"], ex["label"], inv["label"]], ignore_index=True)
    g = pd.concat([real["group"], ex["group"], pd.Series("invented", index=inv.index)], ignore_index=True)
    options = {k: v for k, v in SETTINGS.items() if k != "context"}
    if SETTINGS.get("context"):
        # conversation features: known for the extra groups (their chats are at hand), unknown (NaN)
        # for the shared set and the invented rows, which are single messages
        options["context"] = np.vstack([context_matrix(real), context_matrix(ex), context_matrix(inv)])
    model = fit_model(x, y, g, **options)
    bad = [w for w in model.vocab if re.search(r"\d", w)]
    if bad:
        print(f"refusing to write: {len(bad)} vocabulary terms contain digits", file=sys.stderr)
        return 1
    # the classifier's measured accuracy on real chats, for the note that goes with a raw share: every
    # real group (shared set and extra groups) scored by a model fitted without it, what a new group gets
    pooled = pd.concat([real, ex], ignore_index=True)
    chats = group_chats(extra.exports_dir) if extra is not None and extra.exports_dir is not None else {}
    pred = logo_predictions(_model_candidate(**SETTINGS), pooled, inv.assign(split="dev"), None, chats)
    cv = {}
    rnd = pooled["random"].to_numpy(dtype=bool)
    for part, mask in (("random_rows", rnd), ("all_rows", np.ones(len(pooled), dtype=bool))):
        ev = scores(pred[mask], pooled.loc[mask, "label"])
        cv[part] = {"n": ev["n"], "macro_f1": ev["macro_f1_gold_classes"], "accuracy": ev["accuracy"],
                    "kappa": ev["kappa"]}
    n_extra = int(ex["group"].nunique()) if len(ex) else 0
    model.meta["real_chat_cv"] = {
        "method": f"leave-one-group-out over {pooled['group'].nunique()} real groups (each scored by a model "
                  "fitted without it, reading the group's whole chat for its class mix where the export is "
                  "at hand), pooled", **cv}
    model.meta.update({
        "training_data": "real_dev labels.tsv (all rows, 8 real groups)"
                         + (f" + {len(ex)} rows of {n_extra} extra real groups (benchmarks/data/extra_labels.tsv)"
                            if n_extra else "")
                         + " + invented classifier_devset.csv split dev",
        "real_rows": int(len(real)), "invented_rows": int(len(inv)),
        "real_labels_sha256": hashlib.sha256(path.read_bytes()).hexdigest(),
        "vocabulary_rule": ("letters only; in the invented set, or in >= 3 real groups and without a word "
                            "that followed a form of address (mas, bu, kak ...) in a real chat"),
    })
    if n_extra:  # only then, so that the model trained without them stays byte-identical
        model.meta.update({"extra_rows": int(len(ex)), "extra_groups": n_extra,
                           "extra_labels_sha256": hashlib.sha256(EXTRA_LABELS.read_bytes()).hexdigest()})
    save_hybrid(model, args.out)
    print(f"wrote {args.out} ({args.out.stat().st_size / 1024:.0f} KiB): {len(model.vocab)} vocabulary terms, "
          f"{len(model.feature_names)} features, classes {model.classes}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
