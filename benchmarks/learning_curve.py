"""How the hybrid's leave-one-group-out score grows with more labelled groups, or more messages per group.

Usage: python benchmarks/learning_curve.py [--groups 4,9,18,27,35] [--fractions 0.25,0.5,0.75,1] [--reps 3]

Each labelled real group (the shared set and `benchmarks/data/extra_labels.tsv`, read at run time)
is held out in turn and scored by a model fitted with the shipped message settings (training class
mix, so that the curve measures the model, not the chat-mix step) on

- `--groups`: k other groups drawn at random (`--reps` draws per k; all 35 once), or
- `--fractions`: a random fraction of the messages of every other group,

plus the invented `dev` rows. Printed: pooled macro-F1 / accuracy / κ of the held-out groups'
random rows and all rows, per setting (mean over the draws). It answers whether labelling more
groups, or more messages of the same groups, would lift the scores.
"""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

import numpy as np
import pandas as pd

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

from analyzer.classify.model import fit_model, predict  # noqa: E402
from extra_groups import load_extra  # noqa: E402
from real_classifier import MESSAGE_SETTINGS, default_labels_path, load_invented, load_real, scores  # noqa: E402


def _pooled() -> tuple[pd.DataFrame, pd.DataFrame]:
    real, inv = load_real(default_labels_path()), load_invented()
    extra = load_extra(None)
    print(extra.note())
    cols = ["group", "label", "text", "random"]
    pooled = pd.concat([real[cols], extra.rows[cols]], ignore_index=True)
    invd = inv[inv["split"] == "dev"].assign(group="invented", random=False)[cols]
    return pooled, invd


def logo(pooled: pd.DataFrame, invd: pd.DataFrame, pick) -> tuple[dict, dict]:
    """Pooled LOGO scores; `pick(g, others)` returns the training rows (a frame) for held-out group g."""
    groups = sorted(pooled["group"].unique())
    pred = np.empty(len(pooled), dtype=object)
    for g in groups:
        tr = pd.concat([pick(g, [h for h in groups if h != g]), invd], ignore_index=True)
        m = fit_model(tr["text"], tr["label"], tr["group"], **MESSAGE_SETTINGS)
        te = (pooled["group"] == g).to_numpy()
        pred[te] = predict(m, pd.Series(list(pooled.loc[te, "text"]), dtype="string"))["category"].astype(str).to_numpy()
    rn = pooled["random"].to_numpy(bool)
    return scores(pred[rn], pooled.loc[rn, "label"]), scores(pred, pooled["label"])


def _line(name: str, runs: list[tuple[dict, dict]]) -> str:
    def m(i: int, k: str) -> float:
        return float(np.mean([r[i][k] for r in runs]))
    return (f"{name:<28} random rows {m(0, 'macro_f1_gold_classes'):.3f} / {m(0, 'accuracy'):.3f} / {m(0, 'kappa'):.3f}"
            f"   all rows {m(1, 'macro_f1_gold_classes'):.3f} / {m(1, 'accuracy'):.3f} / {m(1, 'kappa'):.3f}"
            f"   ({len(runs)} draw{'s' if len(runs) > 1 else ''})")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--groups", default="4,9,18,27,35", help="numbers of training groups (default 4,9,18,27,35)")
    ap.add_argument("--fractions", default="0.25,0.5,0.75", help="fractions of each group's messages (default 0.25,0.5,0.75)")
    ap.add_argument("--reps", type=int, default=3, help="random draws per setting (default 3)")
    ap.add_argument("--seed", type=int, default=11)
    args = ap.parse_args(argv)
    if not default_labels_path().is_file():
        print(f"real development labels not found at {default_labels_path()}; set WA_REAL_DEV", file=sys.stderr)
        return 2
    pooled, invd = _pooled()
    rng = np.random.default_rng(args.seed)
    print("macro-F1 / accuracy / kappa of the held-out groups, leave-one-group-out, training class mix")
    for k in (int(x) for x in args.groups.split(",") if x):
        def by_groups(g, others, k=k):
            chosen = others if k >= len(others) else list(rng.choice(others, size=k, replace=False))
            return pooled[pooled["group"].isin(chosen)]
        reps = 1 if k >= pooled["group"].nunique() - 1 else args.reps
        print(_line(f"{k} training groups", [logo(pooled, invd, by_groups) for _ in range(reps)]), flush=True)
    for f in (float(x) for x in args.fractions.split(",") if x):
        def by_rows(g, others, f=f):
            rows = pooled[pooled["group"].isin(others)]
            return rows[rng.random(len(rows)) < f]
        print(_line(f"{f:.0%} of each group's rows", [logo(pooled, invd, by_rows) for _ in range(args.reps)]), flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
