"""The classifier fitted to each group's own hand-coded sample, measured on real groups.

Usage: python benchmarks/coding_fit.py [--n 20,30,50] [--reps 3] [--strength L] [--json OUT]   (or `make eval-coding-fit`)

What a coordinator gets after coding a sample of their own group in the dashboard (or a
researcher with `sample` -> code -> `analyze --labels`), measured leave-one-group-out over every
labelled real group (the shared set `real_dev` and `benchmarks/data/extra_labels.tsv`, read at run
time, texts never printed):

1. for each group, the hybrid is trained on all other groups plus the invented `dev` rows with the
   shipped settings, and categorises the group's labelled messages (its class mix read from the
   group's whole chat when at hand, as shipped);
2. a coding sample of n messages is drawn from the group's random rows exactly as `sample` draws
   it (stratified by the automatic category, `_allocate`), coded with the gold labels, and the model
   is fitted to it (`analyzer.classify.coding_fit.fit_chat_to_coding`: design weights, λ, and the
   cross-fitted agreement estimate);
3. the group's other labelled messages (never coded) are categorised by the fitted model.

Printed: pooled macro-F1 / accuracy / κ on those uncoded messages (random rows, and all rows),
before and after fitting, averaged over `--reps` draws; and the mean cross-fitted κ estimate next to
the κ realised on the uncoded random rows (is the estimate honest?).

When `benchmarks/data/real_dev_second_coding.tsv` is present, also the agreement of an independent
second coding of the shared set with its labels: the reference for what agreement between coders is.
"""
from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

import numpy as np
import pandas as pd

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

from analyzer.classify.coding_fit import STRENGTH, fit_chat_to_coding  # noqa: E402
from analyzer.classify.evaluate import _allocate  # noqa: E402
from analyzer.classify.model import fit_model, predict  # noqa: E402
from extra_groups import group_chats, load_extra  # noqa: E402
from real_classifier import SHIPPED_SETTINGS, default_labels_path, group_prior, load_invented, load_real, scores  # noqa: E402

SECOND_CODING = ROOT / "benchmarks" / "data" / "real_dev_second_coding.tsv"


def _row(s: dict) -> dict:
    return {"macro_f1": s["macro_f1_gold_classes"], "accuracy": s["accuracy"], "kappa": s["kappa"]}


def _fmt(s: dict) -> str:
    return f"macro-F1 {s['macro_f1']:.3f}  accuracy {s['accuracy']:.3f}  kappa {s['kappa']:.3f}"


def second_coder(real: pd.DataFrame, path: Path = SECOND_CODING) -> dict | None:
    """Agreement of the second coding (columns row, label: row = 1-based row of labels.tsv) with the
    shared set's labels, on the random rows and on all rows."""
    if not path.is_file():
        return None
    second = pd.read_csv(path, sep="\t", dtype={"label": str}, keep_default_na=False)
    m = real.assign(row=np.arange(1, len(real) + 1)).merge(second, on="row", suffixes=("", "_2"))
    rnd = m["random"].to_numpy(bool)
    return {"n": len(m), "random": _row(scores(m.loc[rnd, "label_2"].to_numpy(), m.loc[rnd, "label"])),
            "all": _row(scores(m["label_2"].to_numpy(), m["label"]))}


def run(ns: list[int], reps: int, seed: int = 5, strength: float = STRENGTH) -> dict:
    real, inv = load_real(default_labels_path()), load_invented()
    extra = load_extra(None)
    print(extra.note())
    chats = group_chats(extra.exports_dir) if extra.exports_dir is not None else {}
    pooled = pd.concat([real[["group", "label", "text", "random"]], extra.rows[["group", "label", "text", "random"]]],
                       ignore_index=True)
    invd = inv[inv["split"] == "dev"]
    groups = sorted(pooled["group"].unique())
    rng = np.random.default_rng(seed)
    base = np.empty(len(pooled), dtype=object)
    models = {}
    t0 = time.perf_counter()
    for g in groups:
        test = (pooled["group"] == g).to_numpy()
        tr = pooled[~test]
        x = pd.concat([tr["text"], invd["text"]], ignore_index=True)
        y = pd.concat([tr["label"], invd["label"]], ignore_index=True)
        grp = pd.concat([tr["group"], pd.Series("invented", index=invd.index)], ignore_index=True)
        m = fit_model(x, y, grp, **SHIPPED_SETTINGS)
        texts = pd.Series(list(pooled.loc[test, "text"]), dtype="string")
        base[test] = predict(m, texts, prior=group_prior(m, chats.get(g), texts))["category"].astype(str).to_numpy()
        models[g] = m
    print(f"{len(groups)} groups, {len(pooled)} labelled messages; base models fitted in "
          f"{time.perf_counter() - t0:.0f} s", flush=True)
    out: dict = {"groups": len(groups), "rows": len(pooled), "strength": strength, "n": {}}
    for n in ns:
        runs = []
        for rep in range(reps):
            fitted = np.empty(len(pooled), dtype=object)
            uncoded = np.zeros(len(pooled), dtype=bool)
            est, real_k = [], []
            for g in groups:
                idx = np.flatnonzero((pooled["group"] == g).to_numpy())
                rnd = pooled["random"].to_numpy(bool)[idx]
                pop = np.flatnonzero(rnd)
                # the group's random rows stand for its chat: the sample is drawn from them as `sample` draws
                take = _allocate(pd.Series(base[idx][pop]).value_counts(), min(n, len(pop) // 2))
                coded = np.sort(np.concatenate([rng.choice(pop[base[idx][pop] == c], size=int(k), replace=False)
                                                for c, k in sorted(take.items()) if k > 0]))
                msgs = pd.DataFrame({"line": np.arange(len(idx)), "text": pd.Series(list(pooled["text"].iloc[idx]),
                                                                                  dtype="string"),
                                     "kind": "text", "category": base[idx]}).iloc[pop]
                sheet = pd.DataFrame({"line": coded, "label": pooled["label"].to_numpy()[idx][coded],
                                      "category_auto": base[idx][coded]})
                model, summary = fit_chat_to_coding(msgs, sheet, models[g], strength=strength)
                rest = np.setdiff1d(np.arange(len(idx)), coded)
                uncoded[idx[rest]] = True
                texts = pd.Series(list(pooled["text"].iloc[idx]), dtype="string")
                fitted[idx] = (base[idx] if model is None else
                               predict(model, texts)["category"].astype(str).to_numpy())
                if model is not None:
                    r = rest[rnd[rest]]
                    est.append(summary["agreement"]["kappa"])
                    real_k.append(scores(fitted[idx][r], pooled["label"].iloc[idx[r]])["kappa"])
            rn = uncoded & pooled["random"].to_numpy(bool)
            runs.append({
                "before": {"random": _row(scores(base[rn], pooled.loc[rn, "label"])),
                           "all": _row(scores(base[uncoded], pooled.loc[uncoded, "label"]))},
                "after": {"random": _row(scores(fitted[rn], pooled.loc[rn, "label"])),
                          "all": _row(scores(fitted[uncoded], pooled.loc[uncoded, "label"]))},
                "kappa_estimate_mean": float(np.nanmean(est)), "kappa_realised_mean": float(np.nanmean(real_k)),
            })
        mean = {w: {r: {k: float(np.mean([x[w][r][k] for x in runs])) for k in ("macro_f1", "accuracy", "kappa")}
                    for r in ("random", "all")} for w in ("before", "after")}
        mean["kappa_estimate_mean"] = float(np.mean([x["kappa_estimate_mean"] for x in runs]))
        mean["kappa_realised_mean"] = float(np.mean([x["kappa_realised_mean"] for x in runs]))
        out["n"][n] = {"mean": mean, "runs": runs}
        print(f"\n--- {n} coded messages per group ({reps} draws; scored on the messages nobody coded) ---")
        for w in ("before", "after"):
            print(f"{'as shipped' if w == 'before' else 'fitted':<11} random rows: {_fmt(mean[w]['random'])}   "
                  f"all rows: {_fmt(mean[w]['all'])}")
        print(f"per group, mean kappa: cross-fitted estimate {mean['kappa_estimate_mean']:.3f}, "
              f"realised on the uncoded random rows {mean['kappa_realised_mean']:.3f}", flush=True)
    sc = second_coder(real)
    if sc:
        out["second_coder"] = sc
        print(f"\nsecond coder against the shared set's labels (n={sc['n']}): random rows {_fmt(sc['random'])}   "
              f"all rows {_fmt(sc['all'])}")
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--n", default="20,30,50", help="coded messages per group, comma-separated (default 20,30,50)")
    ap.add_argument("--reps", type=int, default=3, help="draws of the coding sample per n (default 3)")
    ap.add_argument("--strength", type=float, default=STRENGTH, help=f"lambda of the fit (default {STRENGTH})")
    ap.add_argument("--json", type=Path, default=None, help="also write the scores as JSON here")
    args = ap.parse_args(argv)
    if not default_labels_path().is_file():
        print(f"real development labels not found at {default_labels_path()}; set WA_REAL_DEV", file=sys.stderr)
        return 2
    out = run([int(x) for x in args.n.split(",")], args.reps, strength=args.strength)
    if args.json:
        args.json.write_text(json.dumps(out, indent=1), encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
