"""The researcher loop on the command line (issue 4): `sample`, `evaluate`, and the classifier options.

    wa-analyzer sample CHAT --n 200 --out coding.csv [--seed S] [--lexicon FILE]
    wa-analyzer evaluate CHAT --labels coding.csv [--lexicon FILE | --model FILE] [--train MODEL_OUT]
    wa-analyzer analyze CHAT --out DIR [--lexicon FILE | --model FILE] [--no-classify]

`sample` writes a stratified random sample of the chat's messages (spread over the automatic
categories) with an empty `label` column to fill in by hand. `evaluate` scores the rule classifier
(or a trained model) against the filled-in sheet: precision, recall and F1 per category, macro-F1,
accuracy, Cohen's κ and the confusion matrix. With `--train FILE` it also fits the TF-IDF +
logistic-regression model on the hand-coded messages, prints its cross-validated scores and saves
it for `analyze --model FILE`.

The sheet is matched to the chat on `line` (the header line number of each message), and the texts
used for evaluating and training are the chat's, not the sheet's: a spreadsheet may have altered
the text column (and CSV cells starting like a formula carry a protective `'`). Bad input gives one
line on stderr and exit code 2, never a traceback.
"""
from __future__ import annotations

from analyzer.cli.argtypes import positive_int
from analyzer.cli.classifier_options import (  # noqa: F401  (their old home)
    add_classifier_options,
    add_labels_option,
    classifier_kwargs,
)

import argparse
import json
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import pandas as pd

EXIT_BAD_INPUT = 2


class _BadInput(Exception):
    """Input the user must fix; reported as one line on stderr with exit code 2."""


# --------------------------------------------------------------------------- shared options


def _add_chat_arguments(p: argparse.ArgumentParser) -> None:
    """The CHAT path(s) and the options every chat-reading command shares (format, merge, privacy)."""
    p.add_argument("chat", nargs="+", help="the exported chat (.txt or .zip); several exports of one group are merged")
    p.add_argument("--date-order", choices=["DMY", "MDY", "YMD"], type=str.upper,
                   help="override the detected day/month order")
    p.add_argument("--year", type=int, help="year for legacy exports without years")
    p.add_argument("--exporter", metavar="NAME", help="display name of the person who exported the chat")
    from analyzer.cli.inputs import add_merge_options
    from analyzer.cli.privacy import add_privacy_options

    add_merge_options(p)
    add_privacy_options(p)  # the sheet then holds pseudonyms; use the same options for evaluate


def _load(args: argparse.Namespace, out_dirs: list[str]):
    """The chat, loaded and (if asked) pseudonymised exactly as `analyze` does it."""
    from analyzer.cli.inputs import load_from_args
    from analyzer.cli.privacy import apply_privacy

    chat, _ = apply_privacy(args, load_from_args(args), out_dirs=out_dirs)
    return chat


def _classifier(args: argparse.Namespace):
    """(lexicon, model, provenance) from --lexicon/--model, validated once."""
    from analyzer.classify.categorise import ClassifierInputError, load_classifier

    try:
        return load_classifier(lexicon=getattr(args, "lexicon", None), model=getattr(args, "model", None))
    except ClassifierInputError as e:
        raise _BadInput(str(e)) from None


def _describe(prov: dict[str, Any]) -> str:
    if prov.get("classifier") == "model":
        return f"model {prov['model']}"
    if prov.get("classifier") == "hybrid":
        lex = "" if prov.get("lexicon") == "built-in" else f", {prov['lexicon']}"
        return f"hybrid model (built-in{lex})"
    return f"rules ({prov['lexicon']} lexicon)" if prov.get("lexicon") == "built-in" else f"rules ({prov['lexicon']})"


def _run(name: str, fn, args: argparse.Namespace) -> int:
    """Run a command body; user errors become one stderr line and exit code 2."""
    from analyzer.errors import ChatFormatError

    try:
        return fn(args)
    except (_BadInput, ChatFormatError) as e:
        print(f"wa-analyzer {name}: error: {e}", file=sys.stderr)
        return EXIT_BAD_INPUT
    except OSError as e:
        where = f" {e.filename!r}" if getattr(e, "filename", None) else ""
        print(f"wa-analyzer {name}: error: cannot read or write{where}: {e.strerror or e}", file=sys.stderr)
        return EXIT_BAD_INPUT


# --------------------------------------------------------------------------- sample
def cmd_sample(args: argparse.Namespace) -> int:
    """`wa-analyzer sample`: write a stratified sample of messages to hand-code."""
    from analyzer.classify.categorise import categorise
    from analyzer.outputs.spreadsheet import write_csv
    from analyzer.classify.evaluate import stratified_sample

    lex, model, prov = _classifier(args)
    out = Path(args.out)
    if out.suffix.lower() != ".csv":
        raise _BadInput(f"--out must name a .csv file, not {str(out)!r}")
    chat = _load(args, [str(out.parent)])
    msgs = chat.messages
    cats = categorise(msgs, lexicon=lex, model=model)
    msgs = msgs.assign(category=cats["category"].to_numpy())
    if not msgs["category"].notna().any():
        raise _BadInput("the chat has no messages with text to sample (only media, deleted or system lines)")
    sheet = stratified_sample(msgs, n=args.n, seed=args.seed)
    out.parent.mkdir(parents=True, exist_ok=True)
    write_csv(sheet, out, excel_safe=True)  # a coding sheet is opened in a spreadsheet: no formulas (issue 7)
    mix = sheet["category_auto"].value_counts()
    from analyzer.classify import CATEGORIES

    print(f"wrote {len(sheet)} messages to {out} (stratified by {_describe(prov)}, seed {args.seed}: "
          + ", ".join(f"{c} {int(mix.get(c, 0))}" for c in CATEGORIES) + ").\n"
          f"Fill in the 'label' column with one of: {', '.join(CATEGORIES)} (leave it empty to skip a row), "
          f"then run: wa-analyzer evaluate CHAT --labels {out}", file=sys.stderr)
    return 0


# --------------------------------------------------------------------------- evaluate
def format_evaluation(result: dict[str, Any], title: str) -> str:
    """The evaluation as a plain-text table: per-category P/R/F1, summary line, confusion matrix."""
    def num(v: Any) -> str:
        return "   -" if v is None else f"{v:.3f}"

    labels = result["labels"]
    w = max([len("category"), *(len(lab) for lab in labels)])
    lines = [title, f"{'category':<{w}}  precision  recall     f1  support"]
    for lab in labels:
        r = result["per_category"][lab]
        lines.append(f"{lab:<{w}}  {num(r['precision']):>9}  {num(r['recall']):>6}  {num(r['f1']):>5}  {r['support']:>7}")
    lines.append(f"macro-F1 {num(result['macro_f1'])}   accuracy {num(result['accuracy'])}   "
                 f"Cohen's kappa {num(result['kappa'])}   n {result['n']}")
    if result.get("left_out_of_macro"):
        lines.append(f"left out of macro-F1 (predicted, but no hand-coded message has that label): "
                     f"{', '.join(result['left_out_of_macro'])}")
    cm = result["confusion"]
    if cm["labels"]:
        cw = max(6, *(len(lab) for lab in cm["labels"]))
        lines.append("confusion matrix (rows = hand-coded label, columns = predicted):")
        lines.append(" " * w + "  " + " ".join(f"{lab:>{cw}}" for lab in cm["labels"]))
        for lab, row in zip(cm["labels"], cm["matrix"]):
            lines.append(f"{lab:<{w}}  " + " ".join(f"{v:>{cw}}" for v in row))
    return "\n".join(lines)


def format_weighted(result: dict[str, Any]) -> str:
    """Whole-chat estimates: weighted agreement and the corrected share of every category."""
    def num(v: Any) -> str:
        return "   -" if v is None else f"{v:.3f}"

    def pct(v: Any) -> str:
        return "    -" if v is None else f"{100 * v:5.1f}%"

    w, cs = result.get("weighted"), result.get("corrected_shares")
    lines = []
    if w:
        lines.append(f"weighted for the whole chat: macro-F1 {num(w['macro_f1'])}   accuracy {num(w['accuracy'])}   "
                     f"Cohen's kappa {num(w['kappa'])}")
        if w["left_out_of_macro"]:
            lines.append(f"left out of the macro averages (no hand-coded message has that label): "
                         f"{', '.join(w['left_out_of_macro'])}")
    fit = result.get("fitted_to_coding")
    if fit and fit.get("fitted"):
        a = fit["agreement"]
        lines.append(f"fitted to these {fit['n_coded']} coded messages (as 'analyze --labels' does), "
                     f"{fit['folds']}-fold cross-fitted, weighted for the whole chat: macro-F1 {num(a['macro_f1'])}   "
                     f"accuracy {num(a['accuracy'])}   Cohen's kappa {num(a['kappa'])}")
    elif fit:
        lines.append(f"not fitted to the coding: {fit['reason']}")
    if cs and cs.get("shares"):
        conf = int(round(100 * cs["confidence"]))
        lines.append(f"share of each category in the chat ({cs['n_chat']} categorised messages, "
                     f"{cs['n_coded']} hand-coded): raw = as classified, corrected = misclassification-corrected "
                     f"with a {conf}% interval")
        lines.append(f"{'category':<14} {'raw':>6} {'corrected':>9}  {conf}% interval")
        for c, v in cs["shares"].items():
            lines.append(f"{c:<14} {pct(v['raw']):>6} {pct(v['corrected']):>9}  {pct(v['ci_low'])} - {pct(v['ci_high'])}")
        if cs["uncorrected_strata"]:
            lines.append(f"not corrected (no hand-coded message the classifier put there): "
                         f"{', '.join(cs['uncorrected_strata'])}: code some of them to correct these")
    return "\n".join(lines)


def _coded_rows(msgs: "pd.DataFrame", coding: "pd.DataFrame") -> tuple["pd.DataFrame", Any, int]:
    """The hand-coded rows matched to the chat on `line`: (chat rows, their labels, unmatched count)."""
    import pandas as pd

    from analyzer.classify import CATEGORIES

    labels = coding["label"].astype("string").fillna("").str.strip().str.lower()
    coded = coding[labels != ""]
    labels = labels[labels != ""]
    if coded.empty:
        raise _BadInput("the coding sheet has no labelled rows: fill in the 'label' column first")
    bad = sorted(set(labels) - set(CATEGORIES))
    if bad:
        raise _BadInput(f"unknown label(s) {', '.join(repr(b) for b in bad)} in the coding sheet; "
                        f"use one of {', '.join(CATEGORIES)}")
    try:
        lines = coded["line"].astype("int64").to_numpy()
    except (TypeError, ValueError):
        raise _BadInput("the coding sheet's 'line' column must hold the line numbers written by 'sample'") from None
    index = pd.Index(msgs["line"])
    if not index.is_unique:
        # merged exports keep each file's line numbers, so a line no longer names one message
        raise _BadInput("line numbers repeat in these merged exports: sample and evaluate one export file at a time")
    pos = index.get_indexer(lines)
    found = pos >= 0
    return msgs.iloc[pos[found]], labels.to_numpy()[found], int((~found).sum())


def cmd_evaluate(args: argparse.Namespace) -> int:
    """`wa-analyzer evaluate`: agreement with a hand-coded sheet; optionally train a model on it."""
    from analyzer.classify.evaluate import evaluate_coding, read_coding

    lex, model, prov = _classifier(args)
    if args.train and Path(args.train).suffix == "":
        raise _BadInput(f"--train needs a file name for the model, e.g. model.joblib, not {args.train!r}")
    try:
        coding = read_coding(args.labels)
    except FileNotFoundError:
        raise _BadInput(f"the coding sheet {args.labels!r} does not exist; write one with 'wa-analyzer sample'") from None
    except (ValueError, UnicodeDecodeError) as e:
        raise _BadInput(f"cannot read the coding sheet {args.labels!r}: {e}") from None
    chat = _load(args, [str(Path(args.train).parent)] if args.train else [])
    msgs = chat.messages
    sub, labels, unmatched = _coded_rows(msgs, coding)
    if len(sub) == 0:
        raise _BadInput(f"none of the {len(labels) + unmatched} labelled lines is a message of this chat: "
                        f"was the sheet sampled from another export (or with other --anonymize/--tz options)?")
    result = evaluate_coding(msgs, coding.assign(label=coding["label"].astype("string").str.strip().str.lower()),
                             lexicon=lex, model=model)
    result["classifier_info"] = prov
    out: dict[str, Any] = {"evaluation": result}
    text = [format_evaluation(result, f"{_describe(prov)} against {result['n']} hand-coded messages"
                              + (f" ({unmatched} labelled line(s) not in this chat, left out)" if unmatched else "")
                              + " (unweighted, as sampled)")]
    weighted = format_weighted(result)
    if weighted:
        text.append(weighted)
    if args.train:
        from analyzer.classify.evaluate import save_model, train_model

        try:
            fitted, cv = train_model(sub["text"].reset_index(drop=True), labels, seed=args.seed, folds=args.folds)
        except ValueError as e:
            raise _BadInput(f"cannot train: {e}") from None
        path = Path(args.train)
        path.parent.mkdir(parents=True, exist_ok=True)
        save_model(fitted, path)
        out["training"] = {**cv, "model": str(path)}
        if cv.get("macro_f1_mean") is not None:
            folds = ", ".join("-" if v is None else f"{v:.3f}" for v in cv["macro_f1_per_fold"])
            cv_text = (f"{cv['folds']}-fold cross-validated macro-F1 {cv['macro_f1_mean']:.3f} "
                       f"± {cv['macro_f1_std']:.3f} (folds: {folds})")
        else:
            cv_text = f"no cross-validation: {cv.get('note', 'too few examples')}"
        text.append(f"trained TF-IDF + logistic regression on {cv['n']} hand-coded messages "
                    f"({', '.join(cv['labels'])}); {cv_text}\n"
                    f"saved to {path}; use it with: wa-analyzer analyze CHAT --out DIR --model {path}")
    if args.json:
        sys.stdout.write(json.dumps(out, ensure_ascii=False, indent=2, allow_nan=False) + "\n")
    else:
        print("\n\n".join(text))
    return 0


# --------------------------------------------------------------------------- registration
def add_parser(subparsers: argparse._SubParsersAction) -> None:
    """Register the `sample` and `evaluate` subcommands on an argparse subparsers object."""
    p = subparsers.add_parser(
        "sample", help="write a stratified random sample of messages to hand-code (coding sheet CSV)",
        description="Draw a random sample of messages, stratified by their automatic category, and write it "
                    "with an empty 'label' column to fill in by hand (for 'wa-analyzer evaluate').")
    _add_chat_arguments(p)
    p.add_argument("--n", type=positive_int, default=200, help="messages to sample (default 200)")
    p.add_argument("--out", required=True, metavar="FILE", help="the coding sheet to write (.csv)")
    p.add_argument("--seed", type=int, default=0, help="random seed (default 0): the same seed, the same sample")
    add_classifier_options(p, no_classify=False)
    p.set_defaults(func=lambda a: _run("sample", cmd_sample, a))

    p = subparsers.add_parser(
        "evaluate", help="score the classifier against a hand-coded sample; --train fits a model on it",
        description="Compare the automatic categories with a hand-coded sheet from 'wa-analyzer sample': "
                    "precision, recall and F1 per category, macro-F1, Cohen's kappa, confusion matrix. "
                    "--train FILE fits a TF-IDF + logistic regression model on the sheet, prints its "
                    "cross-validated scores and saves it for 'analyze --model FILE'.")
    _add_chat_arguments(p)
    p.add_argument("--labels", required=True, metavar="FILE", help="the coding sheet with the 'label' column filled in")
    p.add_argument("--train", metavar="MODEL_OUT", help="fit a model on the labelled rows and save it to this file")
    p.add_argument("--seed", type=int, default=0, help="seed of the cross-validation folds and the model (default 0)")
    p.add_argument("--folds", type=positive_int, default=5, help="cross-validation folds for --train (default 5)")
    p.add_argument("--json", action="store_true", help="print the results as JSON instead of tables")
    add_classifier_options(p, no_classify=False)
    p.set_defaults(func=lambda a: _run("evaluate", cmd_evaluate, a))
