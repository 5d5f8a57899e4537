"""The classification stage of `analyze()`: categories for a message table, turn categories, provenance.

`analyzer.analysis.analyze` calls these three functions, so the CLI (`wa-analyzer analyze`), the
dashboard and the API categorise messages with one code path:

- `categorise(messages, lexicon=, model=)`: the `category` and `category_reason` columns, from
  the rule classifier (`analyzer.classify.classify`, optionally with a user lexicon) or from a
  trained model (`analyzer.classify.evaluate.classify_with_model`), plus the provenance recorded in
  report.json `parameters` (classifier version, lexicon source and SHA-256, or model file and SHA-256).
- `turn_categories(categories, turns)`: one category per turn for latency by category.

Turn category (documented in report.json `parameters.turn_category`): a turn is `request` if ANY
of its messages is a `request`; otherwise it takes the category of its LAST message that has one;
a turn without any categorised message (only media, deleted messages) has none. Why: people often
greet first and ask second ("Selamat pagi bapak ibu 🙏" + "ada yg tau supplier kemasan?"), and the
question is what the next speaker answers, so `request_answered_share` must see that turn as a
request; for the other categories the last message is the one the next turn follows.
"""
from __future__ import annotations

import hashlib
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np
import pandas as pd

if TYPE_CHECKING:
    from analyzer.chat.model import Chat

CLASSIFIER_VERSION = "rules-1"
"""Version of the rule classifier's decision procedure (rules R1–R5 of `analyzer.classify.rules`).

Bumped when the rules change meaning; the lexicon's content is identified separately by its
SHA-256 in `parameters.lexicon_sha256`, so editing a lexicon needs no version bump."""

TURN_CATEGORY_RULE = ("request if any message of the turn is a request, else the category of the turn's "
                      "last categorised message")
"""The rule `turn_categories` applies, recorded in report.json so a reader knows what a request turn is."""


class ClassifierInputError(ValueError):
    """A lexicon or model given to `categorise` cannot be used (missing file, bad rows, wrong format)."""


def _sha256_bytes(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _builtin_lexicon_sha256() -> str:
    """SHA-256 of the shipped lexicon.csv + slang.csv, so a report names the exact built-in cues used."""
    from importlib import resources

    h = hashlib.sha256()
    for name in ("lexicon.csv", "slang.csv"):
        h.update(resources.files("analyzer").joinpath("data", name).read_bytes())
    return h.hexdigest()


def _lexicon_provenance(lexicon: object) -> dict[str, Any]:
    """Where the lexicon came from: built-in, a file (path + SHA-256 of its bytes), or a DataFrame."""
    from analyzer.classify import Lexicon

    base = {"lexicon": "built-in", "lexicon_sha256": _builtin_lexicon_sha256()}
    if lexicon is None:
        return base
    if isinstance(lexicon, pd.DataFrame):
        # hash the frame's CSV form: the same rows give the same hash wherever they came from
        data = lexicon.to_csv(index=False).encode("utf-8")
        return {"lexicon": f"built-in + DataFrame ({len(lexicon)} rows)", "lexicon_sha256": base["lexicon_sha256"],
                "lexicon_user_sha256": _sha256_bytes(data)}
    if isinstance(lexicon, Lexicon):
        data = lexicon.to_frame().to_csv(index=False).encode("utf-8")
        return {"lexicon": f"Lexicon object ({lexicon.source})", "lexicon_sha256": _sha256_bytes(data)}
    path = Path(lexicon)  # type: ignore[arg-type]
    return {"lexicon": f"built-in + {path}", "lexicon_sha256": base["lexicon_sha256"],
            "lexicon_file": str(path), "lexicon_user_sha256": _sha256_bytes(path.read_bytes())}


HYBRID_NOTE = ("hybrid: a logistic regression over words, message shape and the rules' scores "
               "(analyzer.classify.model), trained on hand-labelled real group chats and the invented set")


def _hybrid_sha256() -> str:
    from importlib import resources

    from analyzer.classify.model import MODEL_FILE

    return _sha256_bytes(resources.files("analyzer").joinpath("data", MODEL_FILE).read_bytes())


def load_classifier(*, lexicon: object = None, model: object = None,
                    rules_only: bool = False) -> tuple[object, object, dict[str, Any]]:
    """Validate and load the lexicon or model once: `(lexicon_obj, model_obj, provenance)`.

    `lexicon`: None (built-in), a CSV path or a DataFrame (added to / overriding the built-in
    cues), or a `Lexicon`. `model`: a path to a file written by `analyzer.classify.evaluate.save_model`, or
    a fitted model. Not both. Raises `ClassifierInputError` with a one-line message.

    Without a model, messages are classified by the hybrid model shipped in the package
    (`analyzer.classify.model`, whose features include the rules' scores from `lexicon`);
    `rules_only=True` uses the rules alone (provenance `classifier` = "rules").
    """
    if lexicon is not None and model is not None:
        raise ClassifierInputError("give a lexicon or a trained model, not both (a model does not use the lexicon)")
    if model is not None:
        from analyzer.classify.evaluate import load_model

        if isinstance(model, (str, Path)):
            path = Path(model)
            try:
                obj = load_model(path)
            except (OSError, ValueError) as e:
                raise ClassifierInputError(str(e)) from None
            prov = {"classifier": "model", "model": str(path), "model_sha256": _sha256_bytes(path.read_bytes()),
                    "lexicon": None, "lexicon_sha256": None}
        else:
            if not hasattr(model, "predict_proba"):
                raise ClassifierInputError(f"model must be a file path or a fitted model with predict_proba, "
                                           f"not {type(model).__name__}")
            obj = model
            prov = {"classifier": "model", "model": f"in-memory {type(model).__name__}", "model_sha256": None,
                    "lexicon": None, "lexicon_sha256": None}
        from analyzer.classify.evaluate import MODEL_VERSION

        prov["classifier_version"] = f"model-format-{MODEL_VERSION}"
        return None, obj, prov
    from analyzer.classify import Lexicon, load_lexicon

    try:
        lex = load_lexicon(lexicon)
        prov = _lexicon_provenance(lexicon)
    except (OSError, ValueError, UnicodeDecodeError) as e:
        raise ClassifierInputError(str(e)) from None
    if rules_only:
        return lex, None, {"classifier": "rules", "classifier_version": CLASSIFIER_VERSION,
                           "model": None, "model_sha256": None, **prov}
    from analyzer.classify.model import CLASSIFIER_VERSION as HYBRID_VERSION, MODEL_FILE, shipped_model

    try:
        hybrid = shipped_model()
    except (OSError, ValueError) as e:  # a broken installation, not user input
        raise ClassifierInputError(f"the built-in category model cannot be read ({e}); reinstall wa-analyzer") from None
    # the hybrid gets the user's file itself (validated above): its cues decide where they match
    return (lex if lexicon is None or isinstance(lexicon, Lexicon) else lexicon, hybrid, {"classifier": "hybrid", "classifier_version": HYBRID_VERSION,
                          "rules_version": CLASSIFIER_VERSION, "model": f"built-in {MODEL_FILE}",
                          "model_sha256": _hybrid_sha256(), "classifier_note": HYBRID_NOTE, **prov})


def categorise(messages: pd.DataFrame, *, lexicon: object = None, model: object = None) -> pd.DataFrame:
    """`category` and `category_reason` for every row of `messages` (columns `text`, `kind`).

    `lexicon`/`model` are already loaded (see `load_classifier`). Rows whose kind has no category
    (system lines, media without caption, deleted messages, calls) get <NA> and a reason saying so.
    """
    from analyzer.classify import classify
    from analyzer.classify.context import conversation_of
    from analyzer.classify.model import HybridModel, classify_hybrid

    kinds = messages["kind"] if "kind" in messages.columns else None
    if isinstance(model, HybridModel):
        return classify_hybrid(messages["text"], kinds, lexicon=lexicon, model=model,
                               conversation=conversation_of(messages))
    if model is not None:
        from analyzer.classify.evaluate import classify_with_model

        return classify_with_model(model, messages["text"], kinds)
    return classify(messages["text"], kinds, lexicon=lexicon)



def _fit_to_coding(messages: pd.DataFrame, coding: object, lexicon: object, model: object,
                   provenance: dict[str, Any]) -> tuple[pd.DataFrame, dict[str, Any]]:
    """`categorise_chat`'s refit on a coding sheet: the messages categorised by the hybrid fitted to
    the coding (base categories kept in ``category_auto``), and the provenance with
    ``fitted_to_coding``. Unchanged for other classifiers or too few coded messages."""
    from analyzer.classify.coding_fit import fit_chat_to_coding
    from analyzer.classify.model import HybridModel

    if not isinstance(model, HybridModel):
        return messages, provenance
    try:
        fitted, summary = fit_chat_to_coding(messages, coding, model, lexicon=lexicon)
    except ValueError as e:
        raise ClassifierInputError(str(e)) from None
    provenance = {**provenance, "fitted_to_coding": _lean(summary)}
    if fitted is None:
        return messages, provenance
    cats = categorise(messages, lexicon=lexicon, model=fitted)
    return messages.assign(category_auto=messages["category"].to_numpy(), category=cats["category"].to_numpy(),
                           category_reason=cats["category_reason"].to_numpy()), provenance


def _lean(summary: dict[str, Any]) -> dict[str, Any]:
    """A fit summary as report.json's parameters record it: the agreement before and after as
    macro-F1, accuracy, κ and the categories averaged over (the per-category tables stay with
    `evaluate --json`)."""
    keys = ("macro_f1", "accuracy", "kappa", "macro_over")
    return {k: ({x: v[x] for x in keys} if k in ("agreement", "agreement_before") else v) for k, v in summary.items()}


PROVENANCE_ATTR = "classifier_provenance"
"""Key in `Chat.messages.attrs` under which `categorise_chat` leaves the classifier's provenance."""


def categorise_chat(chat: "Chat", *, lexicon: object = None, model: object = None, coding: object = None) -> "Chat":
    """The chat with every message categorised once, and the classifier's provenance in
    ``messages.attrs["classifier_provenance"]``.

    Every analysis classifies this way, before it changes the text (pseudonyms hide the phone
    numbers, prices and links the classifier reads), cuts a window or leaves members out: a model
    that reads the chat's class mix (`analyzer.classify.model.adapt_priors`) or each message's
    neighbours (`analyzer.classify.context`) then gives a category that belongs to the chat, not to
    an analysis (the shipped model reads the chat's class mix). ``analyze(categorised,
    classify=False)`` gives the same report as ``analyze(chat)`` and records this classifier (not
    "given"), because pseudonymisation and the member filters carry ``attrs`` along.

    `coding`: a hand-coded sheet of this chat (path or DataFrame, `coding_fit.coding_labels`). With
    the hybrid classifier and at least `coding_fit.MIN_CODED` coded messages, the model is fitted to
    the coding (`coding_fit.fit_chat_to_coding`) and the chat is categorised again with it; the
    categories the sample was drawn from stay in the column ``category_auto`` (the strata of the
    corrected shares), and the provenance gains ``fitted_to_coding`` (what was fitted, and the
    cross-fitted agreement). Other classifiers ignore the coding here (it still corrects the shares).

    Raises ClassifierInputError for an unusable lexicon, model or coding sheet.
    """
    import dataclasses

    lex, mod, provenance = load_classifier(lexicon=lexicon, model=model)
    cats = categorise(chat.messages, lexicon=lex, model=mod)
    messages = chat.messages.assign(category=cats["category"].to_numpy(),
                                    category_reason=cats["category_reason"].to_numpy())
    provenance = dict(provenance)
    if coding is not None:
        messages, provenance = _fit_to_coding(messages, coding, lex, mod, provenance)
    messages.attrs = {**chat.messages.attrs, PROVENANCE_ATTR: provenance}
    out = dataclasses.replace(chat, messages=messages)
    if "members" in chat.__dict__:
        # a member filter (`analyzer.metrics.filters.exclude_members`) leaves its own members
        # table; rebuilding it from the messages would bring back an excluded admin named in joins
        out.__dict__["members"] = chat.__dict__["members"]
    return out

def turn_categories(categories: pd.Series | np.ndarray, message_turn: np.ndarray, order: np.ndarray,
                    n_turns: int) -> np.ndarray:
    """One category per turn (object array, None for turns without a categorised message).

    `categories`: per message (input order), <NA>/None for uncategorised ones; `message_turn`: the
    turn id of each message; `order`: the chronological permutation of the messages (turn ids are
    non-decreasing along it). Rule: see the module docstring (`TURN_CATEGORY_RULE`). Vectorised.
    """
    out = np.full(n_turns, None, dtype=object)
    if n_turns == 0 or len(message_turn) == 0:
        return out
    s = pd.Series(categories).astype("string")
    has = s.notna().to_numpy(dtype=bool)
    cats = s.to_numpy(dtype=object, na_value=None)
    # last categorised message of each turn: walk the messages chronologically, keep the last per turn
    idx = order[has[order]]
    if idx.size:
        t = message_turn[idx]
        last = np.flatnonzero(np.r_[t[1:] != t[:-1], True])
        out[t[last]] = cats[idx[last]]
    is_request = (s == "request").to_numpy(dtype=bool, na_value=False)
    if is_request.any():
        out[np.unique(message_turn[is_request])] = "request"
    return out


RULES_REAL_CHAT_CV = {
    "method": "leave-one-group-out over 8 real groups (rules need no training: each group scored as is), pooled",
    "random_rows": {"n": 400, "macro_f1": 0.241, "accuracy": 0.268, "kappa": 0.137},
    "all_rows": {"n": 479, "macro_f1": 0.371, "accuracy": 0.313, "kappa": 0.206},
}
"""The rule classifier's agreement with 479 hand-labelled messages of 8 real group chats
(`make eval-real`; rows 1-400 a stratified random sample, all rows add 79 picked for rare classes)."""


def classifier_accuracy(classifier_info: dict[str, Any]) -> dict[str, Any] | None:
    """The measured agreement on real group chats of the classifier `load_classifier` described."""
    kind = classifier_info.get("classifier")
    fitted = classifier_info.get("fitted_to_coding") or {}
    if kind == "hybrid" and fitted.get("fitted"):
        ag = fitted["agreement"]
        return {"classifier": "hybrid fitted to this chat's coding",
                "method": (f"{fitted['folds']}-fold cross-fitted on the {fitted['n_coded']} coded messages of this chat, "
                           "each weighted by the messages it stands for (N_j / n_j of its sampling stratum)"),
                "this_chat": {"n": fitted["n_coded"], "macro_f1": ag["macro_f1"], "accuracy": ag["accuracy"],
                              "kappa": ag["kappa"], "macro_over": ag["macro_over"]}}
    if kind == "hybrid":
        from analyzer.classify.model import shipped_model

        cv = shipped_model().meta.get("real_chat_cv")
        return {"classifier": "hybrid", **cv} if cv else None
    if kind == "rules":
        return {"classifier": "rules", **RULES_REAL_CHAT_CV}
    return None  # a user's model or given categories: only its own evaluation can tell


def share_basis_info(user: pd.DataFrame, classifier_info: dict[str, Any], labels: object = None) -> dict[str, Any]:
    """The raw/corrected fields of the content block (`analyzer.metrics.content.ContentResult`).

    `user`: the categorised messages of the window (columns `line`, `category`); `labels`: None, a
    path to a coding sheet or a DataFrame with `line` and `label`. Raises ValueError with a
    one-line message for a sheet that cannot be used.
    """
    out: dict[str, Any] = {"share_basis": "raw", "classifier_accuracy": classifier_accuracy(classifier_info)}
    if labels is None:
        return out
    from analyzer.classify.coding_fit import coding_labels, sheet_positions
    from analyzer.classify.corrected import corrected_shares

    sheet = coding_labels(labels)
    # strata: the categories the sample was drawn from (`category_auto` once the classifier was
    # fitted to the coding), so that the estimate stays design-based
    strata_col = "category_auto" if "category_auto" in user.columns else "category"
    cat = user[user[strata_col].notna()]
    pos = sheet_positions(cat["line"], sheet["line"])
    found = pos >= 0
    if not found.any():
        raise ValueError("no labelled line of the coding sheet is a categorised message of this chat window: "
                         "was it sampled from another export, window or --anonymize setting?")
    strata = cat[strata_col].astype(str).to_numpy()
    cs = corrected_shares(strata, strata[pos[found]], sheet["label"].to_numpy()[found])
    news = cs["shares"]["business_news"]
    cs["unmatched_lines"] = int((~found).sum())
    out.update(share_basis="corrected", corrected_shares=cs, business_news_share_corrected=news["corrected"],
               business_news_share_ci=[news["ci_low"], news["ci_high"]])
    return out
