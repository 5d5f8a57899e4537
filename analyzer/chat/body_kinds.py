"""Classify what follows the header: system events and special message bodies.

Compiled once from the locale tables in `analyzer.chat.phrases`. Two views of every table exist: an
RE2 union (`*_FILTER`) that pyarrow runs over a whole column to find the few candidate rows, and
Python patterns that then decide each distinct candidate string. Both come from the same pattern
text, so they agree.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from analyzer.chat import phrases as P
from analyzer.chat.schema import EXPORTER

_LEAD = "[ \u200e\u200f]*"  # leading space/direction marks before a generated body


@dataclass(frozen=True)
class SystemPattern:
    event: str
    language: str
    regex: re.Pattern
    authored: bool  # also recognised after an author name (iOS e2e, security code, number change)
    weak: bool = False  # too general to trust after a member's name ("{X} left")


@dataclass(frozen=True)
class SystemMatch:
    event: str
    language: str
    actor: str | None
    target: str | None


def _system_regex(text: str) -> str:
    return text.replace("{X}", "(?P<actor>.+?)").replace("{Y}", "(?P<target>.+?)")


SYSTEM_PATTERNS: tuple[SystemPattern, ...] = tuple(
    SystemPattern(ev, lang, re.compile(_system_regex(pat)), authored, pat in P.WEAK_AFTER_AUTHOR)
    for ev, lang, pat, authored in P.SYSTEM_EVENTS
)


def _union(patterns: list[str], flags: str = "") -> str:
    return f"{flags}^{_LEAD}(?:" + "|".join(f"(?:{p})" for p in patterns) + ")$"


def _anon(pattern: str) -> str:
    """Named groups become plain groups: pyarrow's match kernel does not need names."""
    return pattern.replace("{X}", "(?:.+?)").replace("{Y}", "(?:.+?)")


SYSTEM_FILTER = _union([_anon(p) for _, _, p, _ in P.SYSTEM_EVENTS])
AUTHORED_FILTER = _union([_anon(p) for _, _, p, a in P.SYSTEM_EVENTS if a])


def match_system(text: str, *, authored_only: bool = False, strong_only: bool = False) -> SystemMatch | None:
    """The system event a sentence states, if it is one of the known phrases.

    authored_only: only the phrases WhatsApp also writes after an author's name.
    strong_only: leave out the phrases too general to trust after a member's name ("{X} left").
    """
    for sp in SYSTEM_PATTERNS:
        if (authored_only and not sp.authored) or (strong_only and sp.weak):
            continue
        m = sp.regex.fullmatch(text)
        if m:
            g = m.groupdict()
            return SystemMatch(sp.event, sp.language, _person(g.get("actor")), _person(g.get("target"), sp.event))
    return None


def split_system_line(rest: str) -> SystemMatch | None:
    """A header remainder that contains ": " is a system line only if that ": " is not part of a
    person's name, i.e. the text before it is not an author (docs/formats.md §6: try system phrases
    before splitting off an author; a new subject may itself contain ": ")."""
    for sp in SYSTEM_PATTERNS:
        m = sp.regex.fullmatch(rest)
        if not m:
            continue
        pos = rest.find(": ")
        spans = [m.span("actor")] if "actor" in sp.regex.groupindex else []
        if "target" in sp.regex.groupindex and sp.event not in ("subject", "create"):
            spans.append(m.span("target"))
        if any(a <= pos < b for a, b in spans):
            return None
        g = m.groupdict()
        return SystemMatch(sp.event, sp.language, _person(g.get("actor")), _person(g.get("target"), sp.event))
    return None


def _person(name: str | None, event: str | None = None) -> str | None:
    if name is None:
        return None
    if event in ("subject", "create"):
        return name  # a group name, not a person
    clean = normalize_name(name)
    return EXPORTER if clean.lower() in P.EXPORTER_WORDS else clean


_NAME_TABLE = {c: None for c in (0x200E, 0x200F, 0x202A, 0x202B, 0x202C, 0x202D, 0x202E,
                                 0x2066, 0x2067, 0x2068, 0x2069, 0xFEFF)}
_NAME_TABLE.update({0x00A0: " ", 0x202F: " ", 0x2011: "-"})
_SPACES = re.compile(r"\s+")


@lru_cache(maxsize=65536)
def normalize_name(name: str) -> str:
    """One person, one name: remove direction controls (U+202A-E, U+2066-9, U+200E/F), NBSP and
    NNBSP to space, U+2011 to '-', runs of white space to one space, and the '~ ' that newer
    Android exports put before non-contacts."""
    s = _SPACES.sub(" ", name.translate(_NAME_TABLE)).strip()
    if s.startswith("~") and s[1:].strip():
        s = s[1:].lstrip()  # a bare "~" (no name at all) stays "~", never an empty name
    return s


def is_self_named(name: str | None) -> bool:
    """Whether a name was written "~ Name": WhatsApp shows people who are not in the exporting
    phone's contacts by the name they chose themselves, after a tilde."""
    return name is not None and _SPACES.sub(" ", name.translate(_NAME_TABLE)).strip().startswith("~")


_NAME_LIST = re.compile("|".join(re.escape(s) for s in P.NAME_LIST_SEPARATORS))


def split_names(target: str) -> list[str]:
    """'A, B and C' (or 'A, B dan C') in an add/remove line -> ['A', 'B', 'C']."""
    return [n for n in (normalize_name(p) for p in _NAME_LIST.split(target)) if n]


# --- special bodies ------------------------------------------------------------------------------

@dataclass(frozen=True)
class BodyMatch:
    kind: str  # media, deleted, call, other
    media_type: str | None
    language: str
    caption: str | None = None  # the lines after a media placeholder or attachment: the member's text


def _attached_file_type(filename: str) -> str:
    base = filename.strip().rsplit("/", 1)[-1]
    prefix = base.split("-", 1)[0].upper()
    if prefix in P.FILE_PREFIX_TYPES:
        return P.FILE_PREFIX_TYPES[prefix]
    parts = base.split("-")
    if len(parts) > 2 and parts[1].upper() in P.IOS_KIND_TYPES:  # 00000012-PHOTO-2021-...
        return P.IOS_KIND_TYPES[parts[1].upper()]
    ext = base.rsplit(".", 1)[-1].lower() if "." in base else ""
    return P.EXTENSION_TYPES.get(ext, "document")


_CAPTION = "(?:\\n(?P<caption>.*))?"  # a caption: every line after the placeholder's line
_BODY_TABLE: list[tuple[str, str, str | None, str]] = []  # (pattern, kind, media_type or "file", lang)
_BODY_TABLE += [(f"(?:{p}){_CAPTION}", "media", t or None, lang) for p, t, lang in P.MEDIA_OMITTED]
_BODY_TABLE += [(f"(?P<file>[^\\n]+?) {re.escape(s)}{_CAPTION}", "media", "file", lang)
                for s, lang in P.ATTACHED_SUFFIXES]
_BODY_TABLE += [(f"[^\\n]*<[\u200e\u200f]?{re.escape(t)}: ?(?P<file>[^>\\n]+?) ?>{_CAPTION}", "media", "file", lang)
                for t, lang in P.ATTACHED_TAGS]
_BODY_TABLE += [(p, "media", "poll", lang) for p, lang in P.POLLS]
_BODY_TABLE += [("(?P<file>[^\\n]+?) <\u200e?attached>", "media", "file", "en")]
_BODY_TABLE += [(p, "media", "location", lang) for p, lang in P.LOCATION]
_BODY_TABLE += [(p, "media", None, "") for p in P.VIEW_ONCE]
_BODY_TABLE += [(p, "deleted", None, lang) for p, lang in P.DELETED]
_BODY_TABLE += [(p, "call", None, lang) for p, lang in P.CALLS]
_BODY_TABLE += [(p, "other", None, lang) for p, lang in P.OTHER_BODIES]
_N_UNMARKED = len(_BODY_TABLE)  # the phrases after this are only looked for behind the iOS mark
_BODY_TABLE += [(f"(?:{p}){_CAPTION}", "media", t or None, lang) for p, t, lang in P.MEDIA_OMITTED_MARKED]
_BODY_TABLE += [(p, "media", "location", lang) for p, lang in P.LOCATION_MARKED]
_BODY_TABLE += [(p, "deleted", None, lang) for p, lang in P.DELETED_MARKED]

_BODY_PATTERNS = [(re.compile(f"{_LEAD}(?:{p})", re.S), kind, mt, lang) for p, kind, mt, lang in _BODY_TABLE]


def _filter_text(p: str) -> str:
    # The filters run on a record's first line: named groups and the caption part are not needed.
    return re.sub(r"\(\?P<\w+>", "(", p.replace(_CAPTION, ""))


BODY_FILTER = _union([_filter_text(p) for p, _, _, _ in _BODY_TABLE[:_N_UNMARKED]], flags="(?s)")
MARKED_BODY_FILTER = _union([_filter_text(p) for p, _, _, _ in _BODY_TABLE], flags="(?s)")


def match_body(body: str) -> BodyMatch | None:
    """Media placeholder, attachment, location, deletion, call or other generated body."""
    for regex, kind, media_type, lang in _BODY_PATTERNS:
        m = regex.fullmatch(body)
        if m:
            if media_type == "file":
                media_type = _attached_file_type(m.group("file"))
            caption = m.groupdict().get("caption")
            return BodyMatch(kind, media_type, lang, caption if caption and caption.strip() else None)
    return None


EDIT_SUFFIX = "[ \u00a0]?(?:" + "|".join(re.escape(m) for m, _ in P.EDIT_MARKERS) + ")$"
EDIT_LANGUAGE = {m: lang for m, lang in P.EDIT_MARKERS}
