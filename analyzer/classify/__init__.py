"""Message categories: an explainable, offline, bilingual rule classifier (and its lexicon).

    from analyzer.classify import classify
    out = classify(chat.messages["text"], chat.messages["kind"])   # columns category, category_reason
    out = classify(texts, lexicon="my_cues.csv")                     # add/override lexicon entries

Categories (docs/metrics.md "Message categories"): `CATEGORIES`. The rules are described in
`analyzer.classify.rules`, the lexicon format in `analyzer/data/lexicon.csv`. A trained model
alternative (TF-IDF + logistic regression) lives in `analyzer.classify.evaluate`.
"""
from __future__ import annotations

from analyzer.classify.lexicon import CATEGORIES, Cue, Lexicon, default_lexicon, load_lexicon
from analyzer.classify.rules import LONG_CHARS, MIN_SCORE, TIE_ORDER, classify, uncategorised

__all__ = [
    "CATEGORIES", "Cue", "Lexicon", "LONG_CHARS", "MIN_SCORE", "TIE_ORDER",
    "classify", "default_lexicon", "load_lexicon", "uncategorised",
]
