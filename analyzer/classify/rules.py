"""The explainable rule classifier: cue scores per category, a few documented precedence rules.

How a message is decided (each step is vectorised over all messages at once):

1. **Kinds without a category.** A record whose kind is `deleted`, `system` or `call`, or `media`
   without a caption, gets category <NA>; the reason says which kind. Media placeholders
   ("<Media omitted>", "IMG-...jpg (file attached)", "image omitted") are removed before a
   caption is looked for.
2. **Matching text.** The text is lower-cased; links are removed for keyword, price, contact and
   question cues (a "?" inside a link is no question) and kept for link-domain cues.
3. **Scores.** For each category, score = Σ over its cue families of weight × number of matches
   (at most `COUNT_CAP` per family; negative weights are counter-evidence). A family is all
   lexicon cues of one category and one weight compiled into one regex (see
   `analyzer/data/lexicon.csv`); regex cues whose label a rule needs (prices, phone numbers,
   question marks, market prices, own offers) form families of their own. Families that can only
   match rows with a digit, a "?", an "@" or a link are run on those rows only.
4. **Precedence rules**, in the order they are applied (each one that changes the outcome is
   named in the reason):

   - R3 *a price is an offer unless it is market news*: price patterns count for `promotion`;
     when market-price cues ("harga ... naik", "naik jadi", "pasar induk") are also present the
     price evidence is moved to `business_news`.
   - R2 *a question is about its topic*: in a short message (≤ `LONG_CHARS` characters) that
     asks, the topic words count as evidence for `request`: "cara daftar KUR gimana?" asks about
     KUR, it does not announce it. "Asks" means a strong request phrase ("ada yg tau", "mohon
     info", "anyone know", weight ≥ 3), or a question word ("gimana", "brp", "how") together with
     a question mark, or (for news topics only) a text ending in a question mark. Moved are
     business-news keyword cues (not news links) and promotion keyword cues; prices, phone
     numbers, shop links and own-offer phrases stay promotion, so "Minat? Japri" and "Siapa yg mau
     coba? 10rb/bks" remain offers.
   - R2b *a question about the group's own logistics is coordination*: a short question with a
     strong coordination cue (weight ≥ 3: "rapat", "kopdar", "iuran" ...) and no strong request
     phrase counts its question evidence for `coordination` ("Jam brp kopdarnya besok?").
   - R4 *the argmax*: the category with the highest score wins; ties go to the earlier category in
     `TIE_ORDER` (request, coordination, promotion, business_news, social).
   - R5 *weak evidence is other*: if the best score is below `MIN_SCORE`, the message is `other`
     ("no decisive cue"), with the weak cue named.
   - R1 *no words* (overrides R2–R5): a text without letters or digits is `social` ("emoji
     only") when it has an emoji or symbol, `request` when it is only question marks, else
     `other`; an empty text is `other`.

   Step 1 (kinds without a category) overrides everything.

The reason names the strongest matched cue of the winning category (highest weight, then most
specific), e.g. "keyword 'open po' (promotion, id)", "link domain tokopedia.com (promotion)",
"price pattern 'rp 15.000' (promotion)"; a rule that changed the outcome is appended after "; ".
"""
from __future__ import annotations

import re
from concurrent.futures import ThreadPoolExecutor

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from analyzer.chat.schema import STRING
from analyzer.classify.lexicon import (
    MARKET_LABELS,
    OWN_OFFER_LABELS,
    PRICE_LABELS,
    QUESTION_LABELS,
    Cue,
    Family,
    Lexicon,
    LexiconSource,
    load_lexicon,
)

TIE_ORDER: tuple[str, ...] = ("request", "coordination", "promotion", "business_news", "social")
"""Categories in tie-break order: on equal scores the earlier one wins."""

COUNT_CAP = 3
"""Matches of one cue family counted at most this many times, so one repeated word cannot dominate."""

MIN_SCORE = 2.0
"""Below this best score a message is `other`: one supporting cue (weight 1) is not enough."""

LONG_CHARS = 280
"""Messages longer than this are announcements even if they contain a question (rule R2)."""

NO_CATEGORY_KINDS = {"deleted": "deleted message", "system": "system line", "call": "call record"}
"""Kinds that never get a category (they are counted by kind, not by content)."""

# Links: with a scheme or www, or a bare domain with a common TLD ("bit.ly/x", "tokopedia.com/shop").
_URL = (
    r"(?:https?://|www\.)\S+"
    r"|\b[a-z0-9][a-z0-9\-]*(?:\.[a-z0-9\-]+)*\.(?:com|id|net|org|ly|me|co|us|io|gle|link|ee|site|xyz|biz|info|app|shop|store)\b(?:/\S*)?"
)
# Media placeholders of Android/iOS exports in English and Indonesian (see docs/formats.md §7).
_MEDIA_PLACEHOLDER = (
    r"(?i)<?\x{200e}?(?:media omitted|media tidak disertakan|multimedia omitted|multimedia tidak disertakan)>?"
    r"|\S+\s+\((?:file attached|file terlampir)\)"
    r"|\x{200e}?(?:image|video|audio|sticker|gif|document|contact card|gambar|stiker|dokumen|kartu kontak) (?:omitted|tidak disertakan)"
    r"|<\x{200e}?(?:attached|terlampir):[^>]*>|^\s*null\s*$"
)
_HAS_WORD = r"[\p{L}\p{N}]"
# A WhatsApp @mention: "@" and the mentioned member's phone number (with or without "+")
_MENTION = r"@\+?\d{6,}"
# A row can hold a link only if it has "x.yz" somewhere (every _URL and domain cue needs that).
_LINKISH = r"[a-z0-9]\.[a-z]{2}"
_HAS_SYMBOL = r"[\p{So}\p{Sk}\p{Sm}\x{2764}\x{2665}\x{263A}]"
_ONLY_QUESTION = r"^[\s?？]+$"
# A text whose last sentence is a question: "?" followed only by spaces, emoji, closing marks.
_ENDS_WITH_QUESTION = r"[?？][\s\p{So}\p{Sk}\p{Mn}\x{200d}\x{fe0f})\].!~]*$"
R2_REASON = "rule R2: a question about a news or product topic is a request"
R2B_REASON = "rule R2b: a question about the group's own logistics is coordination"
R3_REASON = "rule R3: a price with market-price cues is news"


def _to_arrow(texts: pd.Series) -> pa.ChunkedArray:
    """The values as an Arrow large_string chunked array (nulls for missing), without a Python loop."""
    try:
        arr = pa.array(texts, from_pandas=True)
    except (pa.ArrowInvalid, pa.ArrowTypeError):  # mixed objects: stringify the non-missing ones
        arr = pa.array(texts.astype(str).where(texts.notna(), None), from_pandas=True)
    if isinstance(arr, pa.Array):
        arr = pa.chunked_array([arr])
    if arr.type == pa.null():
        arr = pa.chunked_array([pa.nulls(len(texts), pa.large_string())])
    elif arr.type != pa.large_string():
        arr = arr.cast(pa.large_string())
    return arr


def _bool(a) -> np.ndarray:
    return np.asarray(pc.fill_null(a, False).to_numpy(zero_copy_only=False), dtype=bool)


def _counts(arr: pa.ChunkedArray, regex: str, anchored: bool = False) -> np.ndarray:
    """Matches of `regex` per element, capped at COUNT_CAP, nulls as 0 (0/1 for anchored regexes)."""
    if anchored:
        return _bool(pc.match_substring_regex(arr, regex)).astype(np.float32)
    c = pc.count_substring_regex(arr, regex)
    return np.minimum(pc.fill_null(c, 0).to_numpy(), COUNT_CAP).astype(np.float32)


def _strip_placeholders(arr: pa.ChunkedArray, is_media: np.ndarray) -> pa.ChunkedArray:
    """Media rows with their placeholder text removed (what is left is the caption)."""
    if not is_media.any():
        return arr
    cleaned = pc.replace_substring_regex(arr.take(pa.array(np.flatnonzero(is_media))), _MEDIA_PLACEHOLDER, "")
    return pa.chunked_array([pc.replace_with_mask(arr.combine_chunks(), pa.array(is_media), cleaned.combine_chunks())])


def _describe(cue: Cue, matched: str) -> str:
    """Human-readable name of a cue, e.g. "keyword 'open po' (promotion, id)"."""
    if cue.cue == "keyword":
        return f"keyword '{cue.pattern}' ({cue.category}, {cue.language})"
    if cue.cue == "prefix":
        return f"word starting with '{cue.pattern}' ({cue.category}, {cue.language})"
    if cue.cue == "domain":
        dom = re.sub(r"^[^a-z0-9]+", "", matched.strip().lower())
        return f"link domain {dom or cue.pattern} ({cue.category})"
    if cue.cue == "emoji":
        return f"emoji {cue.pattern} ({cue.category})"
    return f"{cue.label or 'pattern'} '{' '.join(matched.split())}' ({cue.category})"


def _norm(text: str) -> str:
    """Lower case, letters de-duplicated, separators dropped: "Open  PO" == "open po" == "openpo"."""
    return re.sub(r"([^\W\d_])\1+", r"\1", re.sub(r"[\s\-_'’`]+", "", text.lower()))


def _name_matches(fam: Family, matched: list[str]) -> list[str]:
    """For each distinct matched string, the description of the family member that matched it."""
    kinds = {c.cue for c, _ in fam.members}
    labels = {c.label for c, _ in fam.members}
    if kinds <= {"domain"} or (kinds == {"regex"} and len(labels) == 1):
        # the description names the label or domain and the matched text, not the member: no search
        # (distinct prices and phone numbers can be many)
        return [_describe(fam.members[0][0], m) for m in matched]
    literal: dict[str, Cue] = {}
    for c, _ in fam.members:
        if c.cue in ("keyword", "prefix", "emoji"):
            literal.setdefault(_norm(c.pattern), c)
    out = []
    for m in matched:
        # the entry spelled like the match ("sugeng enjing"), else the first whose regex matches it
        # (a variant or elongation: "makasiiih" -> 'makasih')
        chosen = literal.get(_norm(m)) or next((c for c, rx in fam.members if rx is not None and rx.fullmatch(m)), None)
        if chosen is None:
            chosen = next((c for c, rx in fam.members if rx is not None and rx.search(m)), fam.members[0][0])
        out.append(_describe(chosen, m))
    return out


def _extract(fam: Family, sub: pa.ChunkedArray) -> pa.Array:
    """The text each row of `sub` matched in `fam` (first match): literal spelling first, then tolerant."""
    def ext(arr, regex: str) -> pa.Array:
        # flatten(), unlike field(), keeps the struct's nulls (rows without a match)
        return pc.extract_regex(arr, f"(?P<m>{regex})").combine_chunks().flatten()[0]

    first = ext(sub, fam.literal_regex)
    missing = np.flatnonzero(_bool(pc.is_null(first)))
    if missing.size == 0:
        return first
    second = ext(sub.take(pa.array(missing)), fam.regex)
    return pc.replace_with_mask(first, pa.array(_bool(pc.is_null(first))), second)


class _Reasons:
    """Reasons as integer codes into a list of distinct strings (a dictionary encoding).

    A chat has few distinct reasons, so strings are built once per distinct reason, never per
    message; the final column is decoded by Arrow.
    """

    def __init__(self, n: int) -> None:
        self.codes = np.full(n, -1, dtype=np.int32)
        self.strings: list[str] = []
        self._index: dict[str, int] = {}

    def code(self, text: str) -> int:
        if text not in self._index:
            self._index[text] = len(self.strings)
            self.strings.append(text)
        return self._index[text]

    def set(self, mask: np.ndarray, text: str) -> None:
        self.codes[mask] = self.code(text)

    def rewrite(self, mask: np.ndarray, fmt: str) -> None:
        """Replace the reason of `mask` rows by `fmt.format(old)` (per distinct old reason)."""
        old = self.codes[mask]
        if old.size == 0:
            return
        uniq, inv = np.unique(old, return_inverse=True)
        new = np.array([self.code(fmt.format(self.strings[u] if u >= 0 else "")) for u in uniq], dtype=np.int32)
        self.codes[mask] = new[inv]

    def to_arrow(self) -> pa.Array:
        dictionary = pa.array(self.strings, type=pa.large_string())
        indices = pa.array(self.codes, mask=self.codes < 0)
        return pc.take(dictionary, indices)


def _prefilter(fam: Family) -> str | None:
    """Which rows a family can match at all: its cues need a link, a digit, a "?" or an "@"."""
    if fam.target == "domain":
        return "link"
    if fam.label in PRICE_LABELS or fam.label == "phone number":
        return "digit"
    if fam.label in QUESTION_LABELS:
        return "question"
    if fam.label == "instagram handle":
        return "at"
    return None


def uncategorised(texts: pd.Series, kinds: pd.Series | None) -> tuple[np.ndarray, np.ndarray, pa.ChunkedArray]:
    """Which rows get no category because of their kind, why, and the texts to classify.

    Returns `(mask, reasons, texts)`: a boolean array (True = no category), an object array with
    the reason for those rows (None elsewhere), and the texts as Arrow strings with media
    placeholders removed (captions kept). Kinds `deleted`, `system`, `call`, and `media` without a
    caption (words or emoji) have no category; `kinds=None` means every row is text.
    """
    n = len(texts)
    raw = _to_arrow(texts)
    mask = np.zeros(n, dtype=bool)
    reasons = np.full(n, None, dtype=object)
    if kinds is None:
        return mask, reasons, raw
    if len(kinds) != n:
        raise ValueError(f"kinds has {len(kinds)} rows but texts has {n}; pass the kind column of the same table")
    kind_arr = pc.fill_null(pc.utf8_lower(_to_arrow(kinds)), "text")
    is_media = _bool(pc.equal(kind_arr, "media"))
    raw = _strip_placeholders(raw, is_media)
    for kind, what in NO_CATEGORY_KINDS.items():
        m = _bool(pc.equal(kind_arr, kind))
        mask |= m
        reasons[m] = f"{what}: kind '{kind}' has no category"
    if is_media.any():
        media_rows = np.flatnonzero(is_media)
        sub = raw.take(pa.array(media_rows))
        caption = _bool(pc.match_substring_regex(sub, _HAS_WORD)) | _bool(pc.match_substring_regex(sub, _HAS_SYMBOL))
        bare = media_rows[~caption]
        mask[bare] = True
        reasons[bare] = "media without caption: kind 'media' has no category"
    return mask, reasons, raw


def classify(texts: pd.Series, kinds: pd.Series | None = None, lexicon: LexiconSource = None) -> pd.DataFrame:
    """Categorise messages with the explainable rule classifier.

    `texts`: message bodies (any string dtype; missing = <NA>). `kinds`: the `kind` column of the
    message table (see `analyzer.chat.schema.KINDS`), aligned with `texts`; None treats every row as a
    text message. `lexicon`: None for the built-in lexicon, a path to a user CSV that adds or
    overrides entries, a DataFrame, or a `Lexicon` (see `load_lexicon`).

    Returns a DataFrame with the index of `texts` and columns `category` (one of `CATEGORIES`, or
    <NA> for kinds without a category) and `category_reason` (the cue or rule that decided), both
    Arrow-backed strings. The module docstring lists the rules. Vectorised: one regex pass over
    the messages per cue family, no Python loop per message.
    """
    return classify_with_scores(texts, kinds, lexicon)[0]


def classify_with_scores(texts: pd.Series, kinds: pd.Series | None = None, lexicon: LexiconSource = None
                         ) -> tuple[pd.DataFrame, np.ndarray, np.ndarray, dict]:
    """`classify` plus what the hybrid model (`analyzer.classify.model`) builds on.

    Returns `(frame, scores, no_category, aux)`: the `classify` frame; the final per-category
    scores (float32, shape (5, n), rows in `TIE_ORDER`, after rules R2/R2b/R3); a boolean array of
    rows whose kind has no category; and what the rules computed on the way, so a caller need not
    pass over the texts again: `raw` (Arrow texts, media placeholders removed), `low` (lower case),
    `nolink` (lower case, links removed, @mentions reduced to "@"), `rows` (row indices that have a
    `digit`, a `question` mark, an `at` sign, a `link`, a `mention`), `has_word`, `lengths`.
    """
    lex: Lexicon = load_lexicon(lexicon)
    n = len(texts)
    if n == 0:
        empty = pd.Series([], dtype=STRING, index=texts.index)
        return (pd.DataFrame({"category": empty, "category_reason": empty.copy()}),
                np.zeros((len(TIE_ORDER), 0), dtype=np.float32), np.zeros(0, dtype=bool), {})
    # -- 1. kinds without a category (applied last, so they override everything)
    no_cat, no_cat_reason, raw = uncategorised(texts, kinds)

    # -- 2. matching texts and row pre-filters
    low = pc.utf8_lower(raw)
    link_mask = _bool(pc.match_substring_regex(low, _LINKISH))
    link_rows = np.flatnonzero(link_mask)
    if link_rows.size:  # links are in a few rows: remove them there only, and splice back
        stripped = pc.replace_substring_regex(low.take(pa.array(link_rows)), _URL, " ").combine_chunks()
        nolink = pa.chunked_array([pc.replace_with_mask(low.combine_chunks(), pa.array(link_mask), stripped)])
    else:
        nolink = low
    # WhatsApp @mentions are phone numbers ("@6285...") that say who is addressed, not that a number
    # is offered for contact: they are replaced by a plain "@" before keyword, price and phone cues
    at_mask = _bool(pc.match_substring(nolink, "@"))
    if at_mask.any():
        at_rows = np.flatnonzero(at_mask)
        at_mask[at_rows] = _bool(pc.match_substring_regex(nolink.take(pa.array(at_rows)), _MENTION))
    if at_mask.any():
        rows = pa.array(np.flatnonzero(at_mask))
        unmentioned = pc.replace_substring_regex(nolink.take(rows), _MENTION, "@ ").combine_chunks()
        nolink = pa.chunked_array([pc.replace_with_mask(nolink.combine_chunks(), pa.array(at_mask), unmentioned)])
    targets = {"text": nolink, "domain": low}
    fams = lex.families()
    # every pass below is one pyarrow kernel call that releases the GIL: two threads keep both
    # cores busy. Phase 1: row properties and pre-filters; phase 2: one pass per cue family.
    pool = ThreadPoolExecutor(max_workers=2)
    try:
        phase1 = {
            "has_word": lambda: _bool(pc.match_substring_regex(raw, _HAS_WORD)),
            "digit": lambda: _bool(pc.match_substring_regex(nolink, r"\d")),
            "question": lambda: _bool(pc.match_substring_regex(nolink, r"[?？]")),
            "at": lambda: _bool(pc.match_substring(nolink, "@")),
        }
        got = dict(zip(phase1, pool.map(lambda k: phase1[k](), phase1)))
        has_word = got.pop("has_word")
        rows_of = {k: np.flatnonzero(m) for k, m in got.items()}
        rows_of["link"] = link_rows
        needed = {(_prefilter(f), f.target) for f in fams if _prefilter(f)} | {("question", "text")}
        subsets = {(k, t): targets[t].take(pa.array(rows_of[k])) for k, t in needed}

        def count(f: Family) -> np.ndarray:
            pf = _prefilter(f)
            if pf is None:
                return _counts(targets[f.target], f.regex, f.anchored)
            out = np.zeros(n, dtype=np.float32)
            if rows_of[pf].size:
                out[rows_of[pf]] = _counts(subsets[(pf, f.target)], f.regex, f.anchored)
            return out

        counts = list(pool.map(count, fams))
    finally:
        pool.shutdown()
    # rows without letters or digits are few: check them for emoji, blankness, "???" on their own
    wordless = np.flatnonzero(~has_word)
    has_symbol, nonblank, only_q = np.zeros(n, dtype=bool), has_word.copy(), np.zeros(n, dtype=bool)
    if wordless.size:
        sub = raw.take(pa.array(wordless))
        has_symbol[wordless] = _bool(pc.match_substring_regex(sub, _HAS_SYMBOL))
        nonblank[wordless] = _bool(pc.match_substring_regex(sub, r"\S"))
        only_q[wordless] = _bool(pc.match_substring_regex(sub, _ONLY_QUESTION))
    lengths = pc.fill_null(pc.utf8_length(raw), 0).to_numpy().astype(np.int64)
    qmark = np.zeros(n, dtype=bool)
    qmark[rows_of["question"]] = True

    row_of = {c: i for i, c in enumerate(TIE_ORDER)}
    scores = np.zeros((len(TIE_ORDER), n), dtype=np.float32)
    contrib = [cnt * np.float32(f.weight) for f, cnt in zip(fams, counts)]
    zeros = np.zeros(n, dtype=np.float32)
    market, price, news_kw, promo_kw = zeros.copy(), zeros.copy(), zeros.copy(), zeros.copy()
    news_link = np.zeros(n, dtype=bool)
    ask_strong = np.zeros(n, dtype=bool)
    qword = np.zeros(n, dtype=bool)
    coord_strong = np.zeros(n, dtype=bool)
    for f, c in zip(fams, contrib):
        scores[row_of[f.category]] += c
        topic = f.target == "text" and f.label not in PRICE_LABELS | OWN_OFFER_LABELS
        if f.category == "business_news":
            if f.target == "domain":
                news_link |= c > 0
            else:
                news_kw += c
            if f.label in MARKET_LABELS:
                market += c
        elif f.category == "promotion":
            if f.label in PRICE_LABELS:
                price += c
            if topic:
                promo_kw += c
        elif f.category == "request" and f.weight > 0:
            if f.label != "question mark":
                qword |= c > 0
                ask_strong |= (c > 0) & (f.weight >= 3)
        elif f.category == "coordination" and f.weight >= 3:
            coord_strong |= c > 0

    # R3: a price reported with market-price cues is news, not an offer
    r3 = (market > 0) & (price > 0)
    moved3 = np.where(r3, price, 0).astype(np.float32)
    scores[row_of["promotion"]] -= moved3
    scores[row_of["business_news"]] += moved3
    news_kw += moved3

    # R2: in a short question, news and product words are the question's topic
    short = lengths <= LONG_CHARS
    interrogative = ask_strong | (qmark & qword)
    ends_q = np.zeros(n, dtype=bool)
    if rows_of["question"].size:
        ends_q[rows_of["question"]] = _bool(pc.match_substring_regex(subsets[("question", "text")], _ENDS_WITH_QUESTION))
    r2_news = short & (interrogative | ends_q) & ~news_link & (news_kw > 0)
    r2_promo = short & interrogative & (promo_kw > 0)
    moved_news = np.where(r2_news, news_kw, 0).astype(np.float32)
    moved_promo = np.where(r2_promo, promo_kw, 0).astype(np.float32)
    scores[row_of["business_news"]] -= moved_news
    scores[row_of["promotion"]] -= moved_promo
    scores[row_of["request"]] += moved_news + moved_promo

    # R2b: a question about the group's own meeting, dues, rules is coordination
    r2b = short & (qmark | qword) & coord_strong & ~ask_strong
    moved_b = np.where(r2b, np.maximum(scores[row_of["request"]], 0), 0).astype(np.float32)
    scores[row_of["request"]] -= moved_b
    scores[row_of["coordination"]] += moved_b

    # R4: argmax; np.argmax returns the first maximum, i.e. the earliest in TIE_ORDER
    OTHER = len(TIE_ORDER)
    code = scores.argmax(axis=0).astype(np.int8)
    # R5: weak evidence
    weak = scores.max(axis=0) < MIN_SCORE
    code[weak] = OTHER

    # -- reasons: the strongest matched family of the winning category (its own cues first; cues
    # moved to it by R2/R3 only when it has none of its own); for weak rows the strongest cue seen
    fam_code = np.array([row_of[f.category] for f in fams], dtype=np.int8)
    chosen = np.full(n, -1, dtype=np.int32)
    order = [i for i in sorted(range(len(fams)), key=lambda i: (-fams[i].weight, fams[i].target != "text"))
             if fams[i].weight > 0]
    for i in order:
        hit = (chosen < 0) & (counts[i] > 0) & ((code == fam_code[i]) | weak)
        chosen[hit] = i
    req, news = row_of["request"], row_of["business_news"]
    for i in order:
        f = fams[i]
        if f.category == "business_news" and f.target == "text":
            moved_here = (code == req) & r2_news
        elif f.category == "promotion" and f.target == "text" and f.label not in PRICE_LABELS | OWN_OFFER_LABELS:
            moved_here = (code == req) & r2_promo
        elif f.category == "promotion" and f.label in PRICE_LABELS:
            moved_here = (code == news) & r3
        else:
            continue
        hit = (chosen < 0) & (counts[i] > 0) & moved_here
        chosen[hit] = i

    reasons = _Reasons(n)
    picked = [int(i) for i in np.unique(chosen[chosen >= 0])]
    row_sets = {i: np.flatnonzero(chosen == i) for i in picked}
    with ThreadPoolExecutor(max_workers=2) as pool:
        found = dict(zip(picked, pool.map(lambda i: _extract(fams[i], targets[fams[i].target].take(pa.array(row_sets[i]))), picked)))
    for i in picked:
        enc = pc.dictionary_encode(found[i])
        names = _name_matches(fams[i], enc.dictionary.to_pylist())
        codes = np.array([reasons.code(nm) for nm in names] + [reasons.code(_describe(fams[i].members[0][0], ""))], dtype=np.int32)
        idx = pc.fill_null(enc.indices, len(names)).to_numpy()  # a row with no extract keeps the family's first cue
        reasons.codes[row_sets[i]] = codes[idx]
    has_reason = reasons.codes >= 0
    reasons.rewrite(weak & has_reason, "no decisive cue, only {}")
    reasons.set(weak & ~has_reason, "no cue matched")
    reasons.rewrite((r2_news | r2_promo) & (code == req) & ~weak, "{}; " + R2_REASON)
    reasons.rewrite(r3 & (code == news) & ~weak, "{}; " + R3_REASON)
    reasons.rewrite(r2b & (moved_b > 0) & (code == row_of["coordination"]) & ~weak, "{}; " + R2B_REASON)

    # R1: no words at all
    no_words = ~has_word
    for mask, cat, why in (
        (no_words & only_q, req, "only question marks (rule R1)"),
        (no_words & ~only_q & has_symbol, row_of["social"], "emoji only (rule R1)"),
        (no_words & ~only_q & ~has_symbol & nonblank, OTHER, "no words or emoji (rule R1)"),
        (~nonblank, OTHER, "empty text"),
    ):
        code[mask] = cat
        reasons.set(mask, why)

    # 1. kinds without a category
    code[no_cat] = -1
    for why in pd.unique(no_cat_reason[no_cat]):
        reasons.set(no_cat & (no_cat_reason == why), why)

    names = pa.array(list(TIE_ORDER) + ["other"], type=pa.large_string())
    category = pc.take(names, pa.array(code.astype(np.int32), mask=code < 0))
    frame = pd.DataFrame(
        {"category": pd.Series(pd.arrays.ArrowStringArray(category), dtype=STRING, index=texts.index),
         "category_reason": pd.Series(pd.arrays.ArrowStringArray(reasons.to_arrow()), dtype=STRING, index=texts.index)},
    )
    rows_of["mention"] = np.flatnonzero(at_mask)
    aux = {"raw": raw, "low": low, "nolink": nolink, "rows": rows_of, "has_word": has_word, "lengths": lengths}
    return frame, scores, no_cat, aux
