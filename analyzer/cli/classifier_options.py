"""The classifier flags ``analyze``, ``corpus``, ``sample`` and ``evaluate`` share: --lexicon,
--model, --no-classify, and ``analyze``'s --labels."""
from __future__ import annotations

import argparse
from typing import Any


def add_classifier_options(p: argparse.ArgumentParser, *, no_classify: bool = True) -> None:
    """--lexicon FILE | --model FILE (one or the other), and --no-classify for `analyze`."""
    g = p.add_argument_group("message categories")
    x = g.add_mutually_exclusive_group()
    x.add_argument("--lexicon", metavar="FILE",
                   help="CSV of classifier cues that adds to or overrides the built-in lexicon "
                        "(format: analyzer/data/lexicon.csv; weight 0 switches a built-in cue off)")
    x.add_argument("--model", metavar="FILE",
                   help="classify with a model trained by 'evaluate --train FILE' instead of the rules "
                        "(only load model files you made or trust)")
    if no_classify:
        g.add_argument("--no-classify", action="store_true",
                       help="skip message categories: no category columns, report.json 'content' is null")


def add_labels_option(p: argparse.ArgumentParser) -> None:
    """--labels FILE for `analyze`: a hand-coded sample of this chat (not shared with `corpus`,
    whose groups each need their own sheet)."""
    p.add_argument("--labels", metavar="FILE", dest="coding_labels",
                   help="a hand-coded sheet from 'wa-analyzer sample': report.json then gives the "
                        "misclassification-corrected category shares with 95%% intervals, and the built-in "
                        "classifier is fitted to the coded messages (at least 20) before it categorises the chat")
    p.add_argument("--no-fit-to-labels", dest="fit_to_labels", action="store_false",
                   help="with --labels: keep the built-in classifier as shipped (the coding then only "
                        "corrects the shares)")


def classifier_kwargs(args: argparse.Namespace) -> dict[str, Any]:
    """`analyze()` keyword arguments for the classifier options (only those that were given)."""
    kw: dict[str, Any] = {}
    if getattr(args, "no_classify", False):
        kw["classify"] = False
    if getattr(args, "lexicon", None):
        kw["lexicon"] = args.lexicon
    if getattr(args, "model", None):
        kw["model"] = args.model
    if getattr(args, "coding_labels", None):
        kw["labels"] = args.coding_labels
        if not getattr(args, "fit_to_labels", True):
            kw["fit_to_labels"] = False
    return kw
