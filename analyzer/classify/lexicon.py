"""The cue lexicon: loading the shipped data files, merging a user file, compiling cue families.

A *cue* is one row of `analyzer/data/lexicon.csv` (format documented in that file's header):
``category, cue, language, pattern, weight, label``. Rows are grouped into *families*: all cues of
one category, one weight and one target text (message text or link domains) become ONE regular
expression, so classifying costs one pass over the messages per family, not one per cue.

Matching is tolerant of how people type in WhatsApp without changing the stored text:

- case-insensitive (the text is lower-cased for matching);
- elongation: every letter of a keyword may repeat, and doubled letters in the keyword are
  collapsed first, so "mantap" matches "mantaaap" and "maaf" matches "maf";
- slang and abbreviations: every keyword token is widened to its spellings in
  `analyzer/data/slang.csv` ("ada yg tau" also matches "ada yang tahu");
- Indonesian clitics/suffixes (-nya, -lah, -kah, -ku, -mu, -an, -in, -kan) and reduplication "2"
  may follow a keyword ("infonya", "siap2").
"""
from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Iterable, Union

import pandas as pd

CATEGORIES: tuple[str, ...] = ("business_news", "promotion", "request", "coordination", "social", "other")
"""All categories, in the order used for tie-breaks (earlier wins a tie) except `other`, the fallback."""

CUE_TYPES = ("keyword", "prefix", "regex", "domain", "emoji")

MARKET_LABELS = frozenset({"market price"})
"""Labels of business_news regex cues that report market prices (rule R3)."""
PRICE_LABELS = frozenset({"price pattern", "unit price", "amount pattern"})
"""Labels of promotion regex cues that find prices (rules R2, R3)."""
OWN_OFFER_LABELS = frozenset({"own offer", "own product", "own contact", "phone number", "instagram handle"})
"""Labels of promotion regex cues that show the offer is the member's own (never moved by rule R2)."""
QUESTION_LABELS = frozenset({"question mark", "yes/no question", "question particle"})
"""Labels of request regex cues that need a "?" in the text."""
SEPARATE_LABELS = MARKET_LABELS | PRICE_LABELS | OWN_OFFER_LABELS | QUESTION_LABELS
"""Regex cues with these labels form their own families (see `_compile_families`)."""
LANGUAGES = ("id", "jv", "en", "any")
LEXICON_COLUMNS = ("category", "cue", "language", "pattern", "weight", "label")

# Suffixes that may follow a keyword: Indonesian clitics and -an/-in/-kan derivations
# ("pesan" -> "pesanan", "info" -> "infonya"), then reduplication written as "2" ("siap2").
_SUFFIX = r"(?:nya|ny|nye|ne|lah|kah|ku|mu|an|in|kan)?2?"
_SEP = r"[\s\-_]*"  # between words of a phrase: spaces, hyphens, underscores, or none ("readystock")
_APOS = "['’`]?"

LexiconSource = Union[None, str, Path, pd.DataFrame, "Lexicon"]


@dataclass(frozen=True)
class Cue:
    """One lexicon entry."""

    category: str
    cue: str
    language: str
    pattern: str
    weight: float
    label: str = ""

    @property
    def key(self) -> tuple[str, str, str]:
        """Identity used when a user file overrides a built-in entry."""
        return (self.category, self.cue, self.pattern.strip().lower())


@dataclass(frozen=True)
class Family:
    """Cues of one category, weight and label compiled into one RE2 regex over one target text.

    `target` is "text" (lower-cased text with links removed) or "domain" (lower-cased text with links).
    `regex` is the RE2 pattern used by pyarrow; `members` pairs each cue with a Python `re` pattern
    that recognises the text it matched (used to name the cue in `category_reason`).
    """

    category: str
    weight: float
    target: str
    label: str
    regex: str
    members: tuple[tuple[Cue, "re.Pattern[str] | None"], ...]
    anchored: bool = False  # regex uses ^ or $: evaluated as a yes/no match, never counted
    literal_regex: str = ""  # the cues in their written spelling only: a cheap first try when naming a match


@dataclass(frozen=True)
class Lexicon:
    """A validated set of cues plus the slang variants used to widen keywords."""

    cues: tuple[Cue, ...]
    variants: dict[str, tuple[str, ...]] = field(default_factory=dict)
    source: str = "built-in"

    def to_frame(self) -> pd.DataFrame:
        """The cues as a DataFrame with `LEXICON_COLUMNS`."""
        return pd.DataFrame([c.__dict__ for c in self.cues], columns=list(LEXICON_COLUMNS))

    def families(self) -> tuple[Family, ...]:
        """The compiled cue families (cached per lexicon)."""
        return _compile_families(self)

    def __hash__(self) -> int:  # families are cached by identity of content
        return hash((self.cues, tuple(sorted(self.variants.items()))))


# --------------------------------------------------------------------------- reading files
def _read_csv_text(text: str, origin: str) -> list[dict[str, str]]:
    """Rows of a lexicon-style CSV, skipping "#" comment lines and blank lines."""
    lines = [ln for ln in text.splitlines() if ln.strip() and not ln.lstrip().startswith("#")]
    if not lines:
        return []
    reader = csv.DictReader(io.StringIO("\n".join(lines)))
    if reader.fieldnames is None:
        return []
    return [{(k or "").strip(): (v or "") for k, v in row.items()} for row in reader]


def _package_text(name: str) -> str:
    return resources.files("analyzer").joinpath("data", name).read_text(encoding="utf-8")


def _parse_cues(rows: Iterable[dict[str, str]], origin: str) -> list[Cue]:
    cues = []
    for i, row in enumerate(rows, start=1):
        missing = [c for c in ("category", "cue", "pattern") if not row.get(c, "").strip()]
        if missing:
            raise ValueError(f"{origin}: row {i} lacks {', '.join(missing)}; expected columns {', '.join(LEXICON_COLUMNS)}")
        category = row["category"].strip().lower()
        cue = row["cue"].strip().lower()
        if category not in CATEGORIES or category == "other":
            raise ValueError(f"{origin}: row {i} has category {category!r}; expected one of {', '.join(CATEGORIES[:-1])}")
        if cue not in CUE_TYPES:
            raise ValueError(f"{origin}: row {i} has cue {cue!r}; expected one of {', '.join(CUE_TYPES)}")
        language = (row.get("language") or "any").strip().lower() or "any"
        weight_text = (row.get("weight") or "1").strip() or "1"
        try:
            weight = float(weight_text)
        except ValueError:
            raise ValueError(f"{origin}: row {i} has weight {weight_text!r}; expected a number") from None
        pattern = row["pattern"].strip() if cue != "regex" else row["pattern"]
        if cue == "regex":
            _check_regex(pattern, f"{origin}: row {i}")
        cues.append(Cue(category, cue, language, pattern, weight, (row.get("label") or "").strip()))
    return cues


def _check_regex(pattern: str, where: str) -> None:
    """Reject a regex that RE2 (pyarrow) cannot compile, with the reason."""
    import pyarrow as pa
    import pyarrow.compute as pc

    try:
        pc.match_substring_regex(pa.array([""]), pattern)
    except Exception as exc:  # pyarrow raises ArrowInvalid with RE2's message
        raise ValueError(f"{where}: regex {pattern!r} is not valid RE2 syntax ({exc})") from None


def _parse_variants(rows: Iterable[dict[str, str]]) -> dict[str, tuple[str, ...]]:
    out: dict[str, tuple[str, ...]] = {}
    for row in rows:
        word = row.get("word", "").strip().lower()
        if not word:
            continue
        vs = {v.strip().lower() for v in row.get("variants", "").split("|") if v.strip()} | {word}
        out[word] = tuple(sorted(vs, key=lambda v: (-len(v), v)))
    return out


@lru_cache(maxsize=1)
def default_lexicon() -> Lexicon:
    """The lexicon shipped in `analyzer/data/lexicon.csv` with `analyzer/data/slang.csv`."""
    cues = _parse_cues(_read_csv_text(_package_text("lexicon.csv"), "lexicon.csv"), "lexicon.csv")
    variants = _parse_variants(_read_csv_text(_package_text("slang.csv"), "slang.csv"))
    return Lexicon(tuple(c for c in cues if c.weight != 0), variants, "built-in")


def merge_cues(base: Iterable[Cue], extra: Iterable[Cue]) -> tuple[Cue, ...]:
    """`base` with `extra` applied: same key replaces (weight 0 removes), new keys are appended."""
    merged: dict[tuple[str, str, str], Cue] = {c.key: c for c in base}
    for c in extra:
        merged[c.key] = c
    return tuple(c for c in merged.values() if c.weight != 0)


def load_lexicon(source: LexiconSource = None, *, replace: bool = False) -> Lexicon:
    """The lexicon to classify with.

    `source`:
    - None: the built-in lexicon;
    - a path to a CSV in the lexicon format (see `analyzer/data/lexicon.csv`): its rows are added
      to the built-in ones, and a row with the same category, cue and pattern as a built-in row
      replaces it (weight 0 switches it off). With `replace=True` the file is used alone;
    - a DataFrame with the lexicon columns (same merge rules);
    - a `Lexicon`: returned as it is.
    """
    if isinstance(source, Lexicon):
        return source
    base = default_lexicon()
    if source is None:
        return base
    if isinstance(source, pd.DataFrame):
        rows = source.astype(str).where(source.notna(), "").to_dict("records")
        extra = _parse_cues(rows, "lexicon DataFrame")
        origin = "DataFrame"
    else:
        path = Path(source)
        if not path.is_file():
            raise FileNotFoundError(f"lexicon file {str(path)!r} does not exist; expected a CSV with columns {', '.join(LEXICON_COLUMNS)}")
        from analyzer.chat.sources import read_text_file

        extra = _parse_cues(_read_csv_text(read_text_file(path, "--lexicon"), path.name), path.name)
        origin = str(path)
    cues = tuple(c for c in extra if c.weight != 0) if replace else merge_cues(base.cues, extra)
    return Lexicon(cues, base.variants, f"built-in + {origin}" if not replace else origin)


# --------------------------------------------------------------------------- compiling cues
def _collapse(word: str) -> str:
    """Collapse runs of one letter ("maaf" -> "maf"), so the elongation-tolerant regex is minimal."""
    return re.sub(r"([^\W\d_])\1+", r"\1", word)


def _elongated(word: str) -> str:
    """Regex for `word` in which each letter may repeat and separators are loose."""
    out = []
    for ch in _collapse(word):
        if ch.isalpha():
            out.append(re.escape(ch) + "+")
        elif ch.isspace():
            out.append(_SEP)
        elif ch in "'’`":
            out.append(_APOS)
        elif ch == "-":
            out.append(r"[\s\-]?")
        else:
            out.append(re.escape(ch))
    return "".join(out)


def keyword_regex(phrase: str, variants: dict[str, tuple[str, ...]], *, prefix: bool = False) -> str:
    """The regex (RE2 and Python `re` compatible) that a keyword or prefix cue matches."""
    tokens = phrase.strip().lower().split()
    parts = []
    for tok in tokens:
        alts = variants.get(tok, (tok,))
        pats = sorted({_elongated(a) for a in alts}, key=lambda p: (-len(p), p))
        parts.append(pats[0] if len(pats) == 1 else "(?:" + "|".join(pats) + ")")
    body = _SEP.join(parts)
    first, last = tokens[0][0], tokens[-1][-1]
    head = r"\b" if (first.isalnum() or first == "_") else ""
    if prefix:
        # consume the rest of the word: pyarrow restarts counting at the match end as if it were
        # the start of the text, where "\b" would otherwise hold in mid-word
        return head + body + r"\w*"
    tail = _SUFFIX + r"\b" if (last.isalnum() or last == "_") else ""
    return head + body + tail


def domain_regex(domain: str) -> str:
    """Regex for a link domain: the domain or a subdomain ("detik.com"), or a suffix (".go.id")."""
    d = domain.strip().lower()
    if d.startswith("."):
        # any domain ending in the suffix, e.g. "oss.go.id", "ptsp.halal.go.id"
        return r"[a-z0-9][a-z0-9\-]*(?:\.[a-z0-9\-]+)*" + re.escape(d) + r"\b"
    return r"\b(?:[a-z0-9\-]+\.)*" + re.escape(d) + r"\b"


def cue_regex(cue: Cue, variants: dict[str, tuple[str, ...]]) -> str:
    """The regex one cue contributes to its family."""
    if cue.cue == "keyword":
        return keyword_regex(cue.pattern, variants)
    if cue.cue == "prefix":
        return keyword_regex(cue.pattern, variants, prefix=True)
    if cue.cue == "domain":
        return domain_regex(cue.pattern)
    if cue.cue == "emoji":
        return re.escape(cue.pattern)
    return cue.pattern  # regex: as written


def literal_regex(cue: Cue) -> str:
    """A cheap regex for a cue as written (no elongation, no variants); regex/domain cues as compiled.

    Extraction with the tolerant regex costs several times more than with plain literals (RE2
    must simulate the whole alternation to report where a match is), so the reason is first
    looked for with this regex and only the rows it misses go through the tolerant one.
    """
    if cue.cue in ("keyword", "prefix"):
        body = r"\s+".join(re.escape(t) for t in cue.pattern.lower().split())
        head = r"\b" if cue.pattern[0].isalnum() else ""
        if cue.cue == "prefix":
            return head + body + r"\w*"
        return head + body + (_SUFFIX + r"\b" if cue.pattern[-1].isalnum() else "")
    return ""


def is_anchored(pattern: str) -> bool:
    """True if a regex uses ^ or $ as anchors (not escaped, not a negated class)."""
    return re.search(r"(?<![\\\[])\^|(?<!\\)\$", pattern) is not None


def _py_regex(pattern: str) -> "re.Pattern[str] | None":
    """Python `re` version of an RE2 pattern, or None when the syntax differs (RE2-only features)."""
    try:
        return re.compile(pattern)
    except re.error:
        return None


@lru_cache(maxsize=16)
def _compile_families(lexicon: Lexicon) -> tuple[Family, ...]:
    groups: dict[tuple[str, float, str, str], list[Cue]] = {}
    for c in lexicon.cues:
        target = "domain" if c.cue == "domain" else "text"
        # regex cues whose label a precedence rule or a row pre-filter needs (price, phone, question
        # mark, market price ...) get their own family; other regex cues join the keyword family
        # of their weight, which saves a pass over all messages
        label = c.label if (c.cue == "regex" and c.label in SEPARATE_LABELS) else ""
        # pyarrow's count_substring_regex re-applies "^" after each match, so an anchored regex
        # would be counted again mid-text: such cues form a family that is only matched (0 or 1)
        anchored = c.cue == "regex" and is_anchored(c.pattern)
        groups.setdefault((c.category, c.weight, target, label, anchored), []).append(c)
    fams = []
    for (category, weight, target, label, anchored), cues in groups.items():
        # longest patterns first so the alternation reports the most specific cue ("open po" before "po")
        pats = [(c, cue_regex(c, lexicon.variants)) for c in cues]
        pats.sort(key=lambda cp: -len(cp[1]))
        regex = "|".join(f"(?:{p})" for _, p in pats)
        members = tuple((c, _py_regex(p)) for c, p in pats)
        lits = [literal_regex(c) or p for c, p in pats]
        lit = "|".join(f"(?:{p})" for p in lits)
        fams.append(Family(category, weight, target, label, regex, members, anchored, lit))
    # strongest families first: the reason names the strongest cue of the winning category
    fams.sort(key=lambda f: (CATEGORIES.index(f.category), -f.weight, f.target))
    return tuple(fams)
