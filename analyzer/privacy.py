"""Pseudonymisation: stable keyed pseudonyms for people, and scrubbing of names, numbers, e-mail
addresses and links inside message text.

Design (issue 7):

- A person's pseudonym is ``P-`` plus the first 8 hex digits of HMAC-SHA256(key, identity), where
  the identity is the normalised display name (NFKC, direction marks removed, case-folded) or, for
  phone numbers, the digits in international form (``0812…``, ``+62 812…`` and ``62812…`` are one
  number). The same key gives the same pseudonym in every export of a study, so one person can be
  followed across groups; another key gives unrelated pseudonyms. Without the key, a pseudonym
  cannot be reversed or recomputed from a list of candidate names (that is why it is keyed and not
  a plain hash). 8 hex digits = 32 bits: among 10,000 members the chance that any two share a
  pseudonym is about 1 %; pass ``length=12`` for larger studies.
- Inside text, in one pass of one compiled regex: links become their scheme and host
  (``https://tokopedia.com/rina/x?ref=1`` → ``https://tokopedia.com``; a bare ``tokopedia.com/rina``
  → ``tokopedia.com``; the scheme is kept so link and domain metrics still count them), e-mail
  addresses become ``[email]``, @mentions and phone numbers become the pseudonym of the mentioned
  person or number (so a number written in a message gets the same pseudonym as that number as an
  author), long digit runs (account and ID numbers) become ``[nomor]``, and every member name
  (full names, longest first, case-insensitive, on word boundaries; plus distinctive given names,
  see `Scrubber`) becomes that member's pseudonym.
- `anonymize_chat` applies all of this to a parsed chat before any metric is computed, so
  nothing downstream (report.json, CSV, charts, GraphML, HTML/PDF, Parquet) ever sees a real name.

Limits: a name of someone who is not a member of the chat (no message, not named in a membership
event, not in the roster) can only be caught as an @mention; names shorter than 3 characters are
replaced where they are the whole value (author, member column) but not inside text.
"""
from __future__ import annotations

import csv
import hashlib
import hmac
import io
import os
import re
import secrets
import stat
import unicodedata
import warnings
from dataclasses import fields, replace
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any, Iterable, Mapping

import numpy as np
import pandas as pd

from analyzer.chat.body_kinds import normalize_name, split_names
from analyzer.chat.schema import EXPORTER, STRING

__all__ = [
    "KEY_BYTES", "Pseudonymizer", "Scrubber", "load_or_create_key", "key_fingerprint",
    "anonymize", "anonymize_chat", "anonymize_frame", "anonymize_obj", "anonymize_graph",
    "chat_names", "drop_text", "file_id", "fold", "name_parts", "is_phone", "phone_digits", "scrubber_for",
]

KEY_BYTES = 32
MIN_KEY_BYTES = 16
EMAIL_TOKEN = "[email]"
NUMBER_TOKEN = "[nomor]"
AMBIGUOUS_TOKEN = "[nama]"
"""Replaces a given name that two or more members share: pointing to either would link wrongly."""
MIN_TEXT_NAME = 3
"""Names (and name parts) shorter than this are not searched inside text ("A" would hit every "a")."""

# Events whose target is a group name, not a person (mirrors analyzer.chat.body_kinds._person).
GROUP_NAME_EVENTS = ("subject", "create")


# --------------------------------------------------------------------------------------------
# Keys


def load_or_create_key(path: str | os.PathLike[str]) -> bytes:
    """The study key in `path`, creating a random 32-byte key there (mode 0600) if it is missing.

    The file holds the key as 64 hex digits and a newline (easy to back up and to compare); a file
    of raw bytes is accepted too. Keep it apart from the data: whoever has the key and a list of
    candidate names can recompute their pseudonyms.
    """
    p = Path(path).expanduser()
    if not p.exists():
        p.parent.mkdir(parents=True, exist_ok=True)
        key = secrets.token_bytes(KEY_BYTES)
        try:
            # O_EXCL: two processes creating the key at once must not end up with two keys.
            fd = os.open(p, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        except FileExistsError:
            return load_or_create_key(p)
        with os.fdopen(fd, "w", encoding="ascii") as f:
            f.write(key.hex() + "\n")
        return key
    raw = p.read_bytes()
    text = raw.strip()
    try:
        key = bytes.fromhex(text.decode("ascii")) if text else b""
    except (UnicodeDecodeError, ValueError):
        key = raw
    if len(key) < MIN_KEY_BYTES:
        raise ValueError(f"the key file {str(p)!r} holds {len(key)} bytes; a key needs at least {MIN_KEY_BYTES}")
    try:
        if os.name == "posix" and p.stat().st_mode & (stat.S_IRWXG | stat.S_IRWXO):
            warnings.warn(f"the key file {str(p)!r} is readable by other users; run: chmod 600 {p}", stacklevel=2)
    except OSError:
        pass
    return key


def key_fingerprint(key: bytes) -> str:
    """A short public id of a key (to check two runs used the same key without revealing it)."""
    return hashlib.sha256(b"wa-analyzer key fingerprint\0" + key).hexdigest()[:12]


# --------------------------------------------------------------------------------------------
# Identities


_PHONE_NAME = re.compile(r"^\+?[\d\s().\-\u00a0\u2011]{7,}$")


def is_phone(name: str) -> bool:
    """A display name that is a phone number (WhatsApp shows numbers of people not in contacts)."""
    s = normalize_name(name)
    return bool(_PHONE_NAME.match(s)) and sum(c.isdigit() for c in s) >= 7


def phone_digits(number: str, default_country: str = "62") -> str:
    """The number's digits in international form: '0812-3456-7890', '+62 812 3456 7890' and
    '6281234567890' all give '6281234567890'. A leading 00 is the international prefix; a single
    leading 0 is a national number of `default_country` (Indonesia)."""
    s = normalize_name(number).strip("\u2066\u2067\u2068\u2069 ")
    digits = "".join(str(unicodedata.decimal(c)) for c in s if c.isdecimal())  # '٠٨١٢' is '0812'
    if s.startswith("+"):
        return digits
    if digits.startswith("00"):
        return digits[2:]
    if digits.startswith("0"):
        return default_country + digits[1:]
    return digits


def _name_key(name: str) -> str:
    return unicodedata.normalize("NFKC", normalize_name(name)).casefold()


class Pseudonymizer:
    """Stable pseudonyms from a keyed hash: `pz.name("Budi")` → 'P-1A2B3C4D'.

    key: the study key (`load_or_create_key`); prefix/group_prefix: the readable part;
    length: hex digits kept (8 = 32 bits); default_country: country code for national numbers.
    Deterministic and stateless apart from a cache, so worker processes that build their own
    Pseudonymizer from the same key agree.
    """

    def __init__(self, key: bytes, *, prefix: str = "P-", group_prefix: str = "G-", length: int = 8,
                 default_country: str = "62") -> None:
        if not isinstance(key, (bytes, bytearray)) or len(key) < MIN_KEY_BYTES:
            raise ValueError(f"the key must be at least {MIN_KEY_BYTES} bytes")
        if not 6 <= length <= 64:
            raise ValueError("length must be between 6 and 64 hex digits")
        self._key = bytes(key)
        self.prefix = prefix
        self.group_prefix = group_prefix
        self.length = length
        self.default_country = default_country
        self.fingerprint = key_fingerprint(self._key)
        self._cache: dict[str, str] = {}
        self._shape = re.compile(f"(?:{re.escape(prefix)}|{re.escape(group_prefix)})[0-9A-F]{{{length}}}")

    def __repr__(self) -> str:  # never show the key
        return f"Pseudonymizer(fingerprint={self.fingerprint!r}, prefix={self.prefix!r}, length={self.length})"

    def __reduce__(self):  # picklable for process pools; the key travels only to our own workers
        return (_rebuild_pseudonymizer, (self._key, self.prefix, self.group_prefix, self.length,
                                         self.default_country))

    def _digest(self, message: str) -> str:
        return hmac.new(self._key, message.encode("utf-8"), hashlib.sha256).hexdigest()[: self.length].upper()

    def identity(self, name: str) -> str:
        """The normalised identity hashed for `name`: 'tel:<digits>' or 'name:<case-folded name>'."""
        if is_phone(name):
            return "tel:" + phone_digits(normalize_name(name), self.default_country)
        return "name:" + _name_key(name)

    def name(self, name: str) -> str:
        """The pseudonym of a person (display name or phone number). `EXPORTER` stays as it is:
        it stands for whoever exported the chat, a different person in each export."""
        hit = self._cache.get(name)
        if hit is not None:
            return hit
        if name == EXPORTER or self.is_pseudonym(name):
            out = name  # already a pseudonym: pseudonymising twice must not change it
        else:
            out = self.prefix + self._digest(self.identity(name))
        if len(self._cache) < 1_000_000:
            self._cache[name] = out
        return out

    __call__ = name

    def phone(self, number: str) -> str:
        """The pseudonym of a phone number written in any format."""
        return self.prefix + self._digest("tel:" + phone_digits(number, self.default_country))

    def group(self, label: str) -> str:
        """A group id from a group name or a file path (domain-separated from person pseudonyms)."""
        if self.is_pseudonym(label):
            return label
        return self.group_prefix + self._digest("group:" + unicodedata.normalize("NFKC", label).casefold())

    def is_pseudonym(self, value: str) -> bool:
        """True if `value` has the shape of one of this pseudonymizer's outputs."""
        return bool(self._shape.fullmatch(value))


def _rebuild_pseudonymizer(key: bytes, prefix: str, group_prefix: str, length: int, country: str) -> Pseudonymizer:
    return Pseudonymizer(key, prefix=prefix, group_prefix=group_prefix, length=length, default_country=country)


# --------------------------------------------------------------------------------------------
# Names of a chat


def chat_names(messages: pd.DataFrame) -> tuple[set[str], set[str]]:
    """(people, group names) named anywhere in the structured columns of a message table.

    People: authors, event actors, event targets (whole and split into 'A, B and C'). Group names:
    targets of create/subject events.
    """
    people: set[str] = set()
    groups: set[str] = set()
    if "author" in messages:
        people.update(str(a) for a in messages["author"].dropna().unique())
    if "event_actor" in messages:
        people.update(str(a) for a in messages["event_actor"].dropna().unique())
    if "event_target" in messages and "event" in messages:
        t = messages[["event", "event_target"]].dropna(subset=["event_target"]).drop_duplicates()
        for ev, target in t.itertuples(index=False):
            target = str(target)
            if ev in GROUP_NAME_EVENTS:
                groups.add(target)
            else:
                people.add(target)
                people.update(split_names(target))
    people.discard(EXPORTER)
    return people, groups


# Honorifics and words that occur in display names but say nothing about who someone is.
_HONORIFICS = frozenset("""
bu ibu ibuk bunda pak bapak bpk mas mbak mba mbk kak kakak bang abang dik adik om tante teh teteh aa
akang kang cak mbok mbah eyang koh ko cici ci cik dr drg ir hj haji hajjah ust ustad ustadz
ustadzah prof sdr sdri mr mrs ms miss sir madam mama papa ayah umi abi uda uni uncle aunty auntie
admin official
""".split())

_COMMON_WORDS = frozenset("""
toko shop store olshop online reseller agen grosir distributor catering kue kering basah keripik
kripik kopi laundry snack frozen food batik hijab florist mebel jati sablon kaos bengkel las tani
organik jamu sehat rajut sambal bawang tempe tahu bakso mie ayam sate nasi warung kedai cafe resto
rumah makan jahit konveksi salon spa cell ponsel pulsa print fotocopy digital studio foto jasa
service servis motor mobil bunga kerajinan souvenir oleh oleh madu susu roti donat cake bakery
dimsum seblak cireng cilok es jus minuman herbal kosmetik skincare fashion butik tas sepatu sandal
the and dan group grup info umkm ukm koperasi desa kampung ternak ikan lele sayur buah beras
minyak gula garam telur daging kurir ekspedisi travel tour wisata percetakan advertising media
""".split())


@lru_cache(maxsize=1)
def _stop_vocabulary() -> frozenset[str]:
    """Words that are never treated as a given name inside text: honorifics, common business words
    and every keyword token of the classifier lexicon and its slang table (so "kopi" in a member
    name 'Rizky Kopi Lereng Lawu' never turns the word "kopi" in messages into a pseudonym)."""
    words = set(_HONORIFICS) | set(_COMMON_WORDS)
    for fname in ("lexicon.csv", "slang.csv"):
        try:
            text = resources.files("analyzer").joinpath("data", fname).read_text(encoding="utf-8")
        except (OSError, FileNotFoundError, ModuleNotFoundError):
            continue
        rows = csv.reader(io.StringIO("\n".join(ln for ln in text.splitlines() if not ln.startswith("#"))))
        for row in rows:
            if fname == "lexicon.csv" and len(row) >= 4 and row[1] in ("keyword", "prefix"):
                words.update(re.findall(r"[^\W\d_]+", row[3].casefold()))
            elif fname == "slang.csv" and len(row) >= 2:
                words.update(re.findall(r"[^\W\d_]+", (row[0] + " " + row[1]).casefold()))
    return frozenset(words)


_WORD = re.compile(r"[^\W\d_]+(?:'[^\W\d_]+)*")

MIN_PART_LETTERS = 4
"""Further parts of a name (family names, nicknames, middle names) are scrubbed from this length."""
COMMON_ZIPF = 5.0
"""A word at least this frequent (Zipf scale: 5.0 = once in 100,000 words) in the chat's language or
in English is a common word, not treated as a name part beyond the given name ('Indah', 'Maju',
'Hope'). Names are frequent in the news texts such frequency lists come from ('Santoso' 4.0,
'Budi' 4.7), so the bar is high: scrubbing a word too many is better than leaking a name."""


@lru_cache(maxsize=16)
def _common_words(language: str | None) -> frozenset[str]:
    """Accent-folded lower-case words at least `COMMON_ZIPF` frequent in `language` and in English
    (chats mix both), from the word lists that the `wordfreq` package ships (read from the
    installed package, never downloaded). Unknown languages: Indonesian and English."""
    import wordfreq

    langs = {"en"} | ({language} if language and language != "unknown" else {"id"})
    out: set[str] = set()
    floor = 10 ** (COMMON_ZIPF - 9)
    for lang in sorted(langs):
        try:
            freqs = wordfreq.get_frequency_dict(lang, wordlist="small")  # every word of Zipf >= 3
        except (LookupError, ValueError, OSError):
            continue
        out.update(fold(w) for w, f in freqs.items() if f >= floor)
    return frozenset(out)


def fold(s: str) -> str:
    """`s` lower-cased and without accents: 'María' → 'maria' (NFD, combining marks dropped)."""
    d = unicodedata.normalize("NFD", s)
    return unicodedata.normalize("NFC", "".join(c for c in d if not unicodedata.combining(c))).lower()


def name_parts(name: str, language: str | None = None) -> list[str]:
    """The parts of a display name people use on their own in messages or handles.

    The given name (first word after honorifics, 3+ letters), and every further word of 4+ letters
    (family names, nicknames, middle names: 'Yohanes "Jojo" Pranoto' → all three; 'Hendra
    Kurniawan' → both; the second word of a two-word name from 3 letters) that is neither an
    honorific, a common business word, a classifier keyword nor a common word of `language` or
    English (`COMMON_ZIPF`). 'Bu Ning Sambal Bawang' → ['Ning']; 'Tika.Florist' → ['Tika'].
    """
    if is_phone(name):
        return []
    stop = _stop_vocabulary()
    words = _WORD.findall(normalize_name(name))
    i = 0
    while i < len(words) and fold(words[i]) in _HONORIFICS:  # leading titles only: 'Bu', 'dr.'
        i += 1
    personal = words[i:]
    if not personal:
        return []
    common = _common_words(language)
    out = []
    for j, w in enumerate(personal):
        f = fold(w)
        if f in stop or fold(w) in _HONORIFICS:
            continue
        if j == 0:
            if len(w) >= MIN_TEXT_NAME:
                out.append(w)
        elif len(personal) == 2 and len(words) <= 3 and len(w) >= MIN_TEXT_NAME and f not in common:
            out.append(w)
        elif len(w) >= MIN_PART_LETTERS and f not in common:
            out.append(w)
    return list(dict.fromkeys(out))


def _name_variants(name: str) -> set[str]:
    """Ways a full display name is written in text: as is, without emoji/symbols at the ends,
    without a parenthesised note ('Lina Hijab (Reseller)' → 'Lina Hijab')."""
    base = normalize_name(name)
    out = {base}
    no_sym = " ".join(w for w in base.split(" ") if any(ch.isalnum() for ch in w))
    out.add(no_sym)
    out.add(normalize_name(re.sub(r"\([^)]*\)", " ", no_sym)))
    return {v for v in out if v}


# --------------------------------------------------------------------------------------------
# Text


_MARKS = "\u0300-\u036f"
"""Combining diacritical marks (a name written 'Mari\u0301a', decomposed)."""


def _fold_map(s: str) -> tuple[str, list[int]]:
    """`s` with accents removed character by character ('María' → 'Maria', 'Mari\u0301a' →
    'Maria'), and for each character of the result (plus the end) its position in `s`, so that a
    match in the folded text replaces the right span of the original. Case is kept (the name
    regex ignores case); a character that does not decompose into one letter and marks is kept."""
    out: list[str] = []
    where: list[int] = []
    for i, c in enumerate(s):
        if c < "\x80":
            out.append(c)
            where.append(i)
            continue
        if unicodedata.combining(c):
            continue
        d = unicodedata.normalize("NFD", c)
        out.append(d[0] if len(d) > 1 and all(unicodedata.combining(x) for x in d[1:]) else c)
        where.append(i)
    where.append(len(s))
    return "".join(out), where


def _trie_regex(words: Iterable[str], *, space: str = r"\s+") -> str:
    """One regex matching any of `words` (folded: lower-case, no accents), built as a trie so the
    engine follows one branch per character instead of trying hundreds of alternatives; longer
    words win because every optional tail is greedy. A space matches any run of white space
    (`space`: RE2's \\s is ASCII-only, so its pre-filter passes a Unicode class). Accents are
    handled by matching on folded text (`_fold_map`), which keeps this pattern literal and fast
    to compile."""
    trie: dict = {}
    for w in words:
        node = trie
        for ch in w:
            node = node.setdefault(ch, {})
        node[""] = {}

    def emit(node: dict) -> str:
        end = "" in node
        branches = []
        for ch in sorted(k for k in node if k):
            piece = space if ch == " " else re.escape(ch)
            branches.append(piece + emit(node[ch]))
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        return "(?:" + body + ")?" if end else body

    return emit(trie)


KNOWN_NUMBER_DIGITS = 9
"""A member's number is recognised in text by its last 9 digits, whatever surrounds them."""

TRIE_MAX_CHARS = 100
"""Names up to this length go into the trie regex; longer ones are matched as plain alternatives."""

def _decomposable_class() -> str:
    """An RE2 class of every character that folds to another (a letter with marks, in any script:
    'é', 'ё', 'أ', 'ά') and of the combining marks themselves."""
    cps = []
    for cp in range(0x80, 0x10000):
        c = chr(cp)
        if 0xD800 <= cp <= 0xDFFF:
            continue
        d = unicodedata.normalize("NFD", c)
        if unicodedata.combining(c) or (len(d) > 1 and all(unicodedata.combining(x) for x in d[1:])):
            cps.append(cp)
    ranges = []
    for cp in cps:
        if ranges and ranges[-1][1] == cp - 1:
            ranges[-1][1] = cp
        else:
            ranges.append([cp, cp])
    return "[" + "".join(f"\\x{{{a:x}}}" if a == b else f"\\x{{{a:x}}}-\\x{{{b:x}}}" for a, b in ranges) + "]"


_ACCENTED_GUARD = _decomposable_class()
"""Texts with a character that folds (a letter with an accent in any script, or a combining mark):
the name pre-filter passes them all, as a name written with or without accents is found only
after folding (`_fold_map`)."""


_HOST = r"(?:[A-Za-z0-9\-]+\.)+[A-Za-z]{2,24}"  # simple on purpose: no backtracking blow-up
_TLD_END = re.compile(r"[.,;:!?)\]}>'\"]+$")

# Stage 1, links and addresses (only run on texts with '@', '://', 'www.' or 'host.tld/').
_URL = (r"(?P<url>(?:\b(?:https?|s?ftps?|file|intent|market|whatsapp|tg)://|\bwww\.)[^\s<>\"']+"
        r"|(?<![@\w.\-/])" + _HOST + r"(?::\d{1,5})?/[^\s<>\"']*)")
_EMAIL = r"(?P<email>(?<![\w.+\-])[\w.+\-]+@" + _HOST + r")"
_MENTION = r"(?P<mention>@\u2068[^\u2069\n]{1,100}\u2069)"
_LINK_GUARD = r"(?i)@|://|www\.|[a-z0-9]\.[a-z]{2,24}/"

# Stage 2, numbers (only on texts with 8+ digits in a row, allowing separators). {NP} is a negative
# lookbehind for the pseudonym prefixes: the hex of 'P-08123456' must not be read as a number.
# Numbers are written with every separator and digit form phones produce: WhatsApp's own lines use
# no-break spaces (U+00A0, U+202F) and the no-break hyphen U+2011, iOS wraps numbers in direction
# marks, Arabic-script phones write Eastern Arabic digits. Python's `\d` and `\s` are Unicode-aware
# (every decimal digit, every space); {SEP} adds the hyphens, dashes and direction marks.
_SEP = "[\\s.\\-\u2010-\u2015\u2212\u200e\u200f\u202a-\u202e\u2066-\u2069]"
_PHONE = (
    r"(?P<phone>"
    # Indonesian mobile: 0812…, 62812…, +62 812…, 0062…, with spaces, dashes or dots between groups
    r"{NP}(?<![\w+])(?:\+|00)?(?:62|0){SEP}{0,2}\(?8\d{1,3}\)?(?:{SEP}{0,2}\d{2,5}){2,3}(?!\w)"
    # international: +CC then groups
    r"|{NP}(?<![\w+])\+\d{1,3}(?:{SEP}{0,2}\(?\d{1,5}\)?){2,6}(?!\w)"
    # Indonesian landline: 021-1234567, (0274) 123456
    r"|{NP}(?<![\w+])(?:\(0\d{2,3}\)|0\d{2,3}){SEP}{0,2}\d{3,4}{SEP}{0,2}\d{2,5}(?!\w)"
    r")"
).replace("{SEP}", _SEP)
# Account numbers, ID numbers (NIK has 16 digits), card numbers: 10+ digits, single spaces or dashes
# (any space or hyphen form) between groups. Dots are left alone: 1.500.000 is a price.
_LONGNUM = "(?P<number>{NP}(?<![\\w.,])\\d(?:[ \u00a0\u2007\u2009\u202f\\-\u2010\u2011]?\\d){9,}(?!\\w))"
# The RE2 pre-filters: RE2's \d and \s are ASCII-only, so together they must accept every text the
# two patterns above can change. A number of ASCII digits is caught by the first, whatever its
# separators (up to 6 characters that are not ASCII letters or digits: spaces of every kind,
# dashes, brackets, direction marks); a number with any other digit by the second (any decimal
# digit outside 0-9). Two simple patterns instead of one over Unicode classes: 5x faster in RE2.
_NUM_GUARD = r"[0-9](?:[^A-Za-z0-9]{0,6}[0-9]){7}"
_NUM_GUARD_DIGITS = r"[^\P{Nd}0-9]"
_DIGIT_RUN = re.compile(r"\d(?:" + _SEP[:-1] + r"()]{0,3}\d){8,}")  # '1 (804) 352 3515' too
"""Runs of 9+ digits (any script, with separators) with no boundary required: checked against
members' numbers only, so an order number that merely looks long is left alone."""

# Stage 4, @word mentions of people who are not members (after names, which know where a
# mention of a member ends: "@Budi Santoso").
_ATWORD = r"(?=@)(?<![\w.])@(?P<atname>[^\W\d_][\w'\-]*)"


def _re2_mask(values: "pa.Array", pattern: str) -> np.ndarray | None:
    """Which values match `pattern` in pyarrow's RE2 (linear time, C++): a cheap pre-filter so the
    slower Python regex only runs where it can find something. None if RE2 refuses the pattern."""
    import pyarrow.compute as pc

    try:
        return pc.match_substring_regex(values, pattern).to_numpy(zero_copy_only=False).astype(bool)
    except Exception:  # noqa: BLE001 - e.g. a name list too large for RE2's memory budget
        return None


class Scrubber:
    """Replaces people, numbers, e-mail addresses and links in text and values for one chat.

    Build it from a `Pseudonymizer` and the people of a chat (`chat_names`); `text(s)` scrubs a
    message, `value(v)` maps a value that is a name to its pseudonym (and scrubs anything else),
    `series`/`frame`/`obj` apply that to columns, tables and report dicts. Idempotent: scrubbing
    scrubbed text changes nothing.

    Text is scrubbed in four passes, each only over the texts a cheap test says it can change:
    links/e-mail/isolated mentions, then numbers, then member names, then other @mentions. Links
    go first so that names and numbers inside a link disappear with its path.

    people: display names and numbers; groups: group names (become group ids);
    parts: also replace distinctive given/family names of members inside text (`name_parts`).
    """

    def __init__(self, pseudonymizer: Pseudonymizer, people: Iterable[str] = (), groups: Iterable[str] = (),
                 *, parts: bool = True, language: str | None = None) -> None:
        self.pz = pseudonymizer
        self.exact: dict[str, str] = {}  # normalised lower-case full name -> pseudonym
        self._known_numbers: dict[str, str] = {}  # last 9 digits of a member's number -> pseudonym
        text_aliases: dict[str, str] = {}
        people = sorted({str(p) for p in people if p is not None and str(p).strip()} - {EXPORTER})
        for person in people:
            ps = pseudonymizer.name(person)
            self.exact[self._key(person)] = ps
            if is_phone(person):
                # Found in text by the phone pattern in every format, and by its digits even when
                # glued to words ('wa:18043523515for', '@2347016205554hi': `_known_numbers`).
                digits = phone_digits(normalize_name(person), pseudonymizer.default_country)
                if len(digits) >= KNOWN_NUMBER_DIGITS:
                    self._known_numbers[digits[-KNOWN_NUMBER_DIGITS:]] = ps
                continue
            for v in _name_variants(person):
                text_aliases.setdefault(self._fkey(v), ps)
        for g in groups:
            g = str(g)
            if g.strip():
                gid = pseudonymizer.group(g)
                self.exact.setdefault(self._key(g), gid)
                text_aliases.setdefault(self._fkey(g), gid)
        if parts:
            owners: dict[str, set[str]] = {}
            for person in people:
                for part in name_parts(person, language):
                    owners.setdefault(self._fkey(part), set()).add(pseudonymizer.name(person))
            for k, who in owners.items():
                if k not in text_aliases:  # a member called just "Ratna" keeps their own pseudonym
                    text_aliases[k] = next(iter(who)) if len(who) == 1 else AMBIGUOUS_TOKEN
        self.aliases = {k: v for k, v in text_aliases.items() if len(k) >= MIN_TEXT_NAME}

        np_ = "".join(f"(?<!{re.escape(p)})" for p in {pseudonymizer.prefix, pseudonymizer.group_prefix} if p)
        self._pseudo = re.compile(
            f"(?:{re.escape(pseudonymizer.prefix)}|{re.escape(pseudonymizer.group_prefix)})[0-9A-F]{{{pseudonymizer.length}}}")
        self._link_re = re.compile(_URL + "|" + _EMAIL + "|" + _MENTION, re.IGNORECASE)
        # A leading look-ahead on the possible first characters lets the regex engine skip ahead
        # to candidate positions instead of trying every alternative everywhere (10x faster).
        self._num_re = re.compile(r"(?=[\d+(])(?:" + (_PHONE + "|" + _LONGNUM).replace("{NP}", np_) + ")")
        self._name_re: re.Pattern | None = None
        self._name_guard: str | None = None
        if self.aliases:
            # Names longer than TRIE_MAX_CHARS (a group name that is a whole sentence) are plain
            # alternatives: a trie that deep would exceed Python's recursion limit.
            short = sorted(a for a in self.aliases if len(a) <= TRIE_MAX_CHARS)
            long_ = sorted((a for a in self.aliases if len(a) > TRIE_MAX_CHARS), key=len, reverse=True)
            trie = "|".join(([_trie_regex(short)] if short else [])
                            + [re.escape(a).replace("\\ ", r"\s+") for a in long_])
            trie = "(?:" + trie + ")"
            # "@Budi Santoso" without isolates: the known name decides where the mention ends.
            first = {c for a in self.aliases for c in (a[0], a[0].upper(), a[0].lower())} | {"@"}
            ahead = "(?=[" + "".join(re.escape(c) for c in sorted(first)) + "])"
            # Boundaries are letters, not \\w: a name inside a handle ('@ratna.wulandari_',
            # 'budi123') is still that name. Pseudonyms and tokens are kept apart (`_outside`).
            self._name_re = re.compile(ahead + r"(?<![^\W\d_@])@?(?<![^\W\d_])" + trie
                                       + r"(?![^\W\d_]|[" + _MARKS + "])", re.IGNORECASE)
            # The pre-filter looks for the first word of each name only: a superset, and without a
            # Unicode space class, which makes RE2 20x slower on a large trie. (?i) only around
            # the words: case-folding the accent class would add 's' (from 'ſ').
            first_words = sorted({a.split(" ")[0][:TRIE_MAX_CHARS] for a in self.aliases})
            self._name_guard = "(?i:" + _trie_regex(first_words) + ")|" + _ACCENTED_GUARD
        self._at_re = re.compile(_ATWORD)
        self._protect = re.compile("(" + self._pseudo.pattern + "|" + "|".join(
            re.escape(t) for t in (EMAIL_TOKEN, NUMBER_TOKEN, AMBIGUOUS_TOKEN)) + ")")

    @staticmethod
    def _key(s: str) -> str:
        return re.sub(r"\s+", " ", normalize_name(s)).lower()

    @staticmethod
    def _fkey(s: str) -> str:
        """The key of a name inside text: also without accents ('Maria' is 'María')."""
        return fold(re.sub(r"\s+", " ", normalize_name(s)))

    # -- replacements -----------------------------------------------------------------------

    def _link(self, m: re.Match) -> str:
        kind = m.lastgroup
        s = m.group(0)
        if kind == "url":
            return _reduce_url(s)
        if kind == "email":
            return EMAIL_TOKEN
        inner = s[2:-1].strip()  # "@\u2068Name\u2069"
        if self._pseudo.fullmatch(inner) or inner in (EMAIL_TOKEN, AMBIGUOUS_TOKEN):
            return s
        return "@\u2068" + self.person(inner) + "\u2069"

    def _number(self, m: re.Match) -> str:
        s = m.group(0)
        if m.lastgroup == "number":
            return NUMBER_TOKEN
        if sum(c.isdigit() for c in s) < 8:  # "+5 2 3" is not a phone number
            return s
        return self.pz.phone(s)

    def _known(self, m: re.Match) -> str:
        """A run of digits that contains a member's number becomes that member's pseudonym."""
        digits = "".join(str(unicodedata.decimal(c)) for c in m.group(0) if c.isdecimal())
        for tail, ps in self._known_numbers.items():
            if tail in digits:
                return ps
        return m.group(0)

    def _name(self, m: re.Match) -> str:
        s = m.group(0)
        at = "@" if s.startswith("@") else ""
        return at + self.aliases.get(self._fkey(s[len(at):]), s[len(at):])

    def _at(self, m: re.Match) -> str:
        word = m.group("atname")
        if self._pseudo.match(word) or word.lower() in ("email", "nomor", "nama"):
            return m.group(0)
        return "@" + self.person(word)

    def quoted(self, m: re.Match) -> str:
        """A quoted group name or description in a system line → its group id."""
        inner = m.group(2)
        if self._pseudo.fullmatch(inner.strip()):
            return m.group(0)
        return m.group(1) + self.pz.group(inner) + m.group(3)

    def person(self, name: str) -> str:
        """Pseudonym of one person's name or number (known member or not)."""
        hit = self.exact.get(self._key(name))
        if hit is not None:
            return hit
        clean = normalize_name(name)
        if not clean or clean == EXPORTER or self._pseudo.fullmatch(clean):
            return clean
        return self.pz.name(clean)

    # -- single values ----------------------------------------------------------------------

    def _stages(self, s: str, link: bool, num: bool, name: bool) -> str:
        if link:
            s = self._link_re.sub(self._link, s)
        if num:
            s = self._num_re.sub(self._number, s)
            if self._known_numbers:
                s = self._outside(_DIGIT_RUN, self._known, s)
        if name and self._name_re is not None:
            s = self._outside(self._name_re, self._names, s)
        if "@" in s:
            s = self._outside(self._at_re, self._at, s)
        return s

    def _outside(self, pattern: re.Pattern, repl: Any, s: str) -> str:
        """`repl` over `s` only between pseudonyms and tokens: with letter boundaries, a name such
        as 'Ade' would otherwise be found in the hex of 'P-1ADE2345'. `repl` is a replacement
        function of a match, or `_names` (which takes the text)."""
        run = (lambda piece: self._names_in(piece)) if repl == self._names else (lambda piece: pattern.sub(repl, piece))
        if not self._protect.search(s):
            return run(s)
        pieces = self._protect.split(s)
        return "".join(p if i % 2 else run(p) for i, p in enumerate(pieces))

    def _names(self, m: re.Match) -> str:  # marker for `_outside`: the name pass
        return self._name(m)

    def _names_in(self, s: str) -> str:
        """Member names in `s` replaced, with or without accents: matched on the folded text,
        replaced in the original."""
        assert self._name_re is not None
        if s.isascii():
            return self._name_re.sub(self._name, s)
        folded, where = _fold_map(s)
        if folded == s:
            return self._name_re.sub(self._name, s)
        out: list[str] = []
        last = 0
        for m in self._name_re.finditer(folded):
            a, b = where[m.start()], where[m.end()]
            out.append(s[last:a])
            out.append(self._name(m))
            last = b
        out.append(s[last:])
        return "".join(out)

    def text(self, s: Any) -> Any:
        """`s` with links, e-mail addresses, mentions, numbers and member names replaced."""
        if not isinstance(s, str) or not s:
            return s
        return self._stages(s, True, True, True)

    def texts(self, values: list[str]) -> list[str]:
        """`text` over many distinct strings: RE2 pre-filters decide which passes each one needs
        (most chat messages contain no link, number or name and are returned untouched)."""
        import pyarrow as pa

        if not values:
            return []
        arr = pa.array(values, pa.large_string())
        n = len(values)
        every = np.ones(n, dtype=bool)
        link = _re2_mask(arr, _LINK_GUARD)
        num = _re2_mask(arr, _NUM_GUARD)
        other_digits = _re2_mask(arr, _NUM_GUARD_DIGITS)
        num = None if num is None or other_digits is None else num | other_digits
        name = _re2_mask(arr, self._name_guard) if self._name_guard else np.zeros(n, dtype=bool)
        link = every if link is None else link
        num = every if num is None else num
        name = every if name is None else name
        out = list(values)
        for i in np.flatnonzero(link | num | name):
            out[i] = self._stages(values[i], bool(link[i]), bool(num[i]), bool(name[i]))
        return out

    def value(self, v: Any) -> Any:
        """A name or number as a whole becomes its pseudonym; any other string is scrubbed text."""
        if not isinstance(v, str) or not v:
            return v
        hit = self.exact.get(self._key(v))
        if hit is not None:
            return hit
        if is_phone(v):
            return self.pz.phone(v)
        return self.text(v)

    # -- columns, tables, objects -----------------------------------------------------------

    def series(self, s: pd.Series, *, names: bool = False) -> pd.Series:
        """Scrub a string column, once per distinct value (chats repeat "ok", "siap", names).
        names=True treats each value as a name (`value`), else as text (`text`)."""
        import pyarrow as pa
        import pyarrow.compute as pc

        if len(s) == 0 or not s.notna().any():
            return s.copy()
        if isinstance(s.dtype, pd.StringDtype):
            arr = pa.array(s)
        else:
            arr = pa.array(s.astype(object).where(s.notna(), None).map(
                lambda v: v if v is None or isinstance(v, str) else str(v)), pa.large_string())
        if isinstance(arr, pa.ChunkedArray):
            # A column of several Arrow chunks (merged exports, or one parsed in blocks of 2^18
            # lines) encodes to one dictionary per chunk: make it one array first. large_string,
            # so joining chunks cannot overflow 32-bit offsets.
            arr = arr.cast(pa.large_string()).combine_chunks()
        enc = pc.dictionary_encode(arr)
        uniques = enc.dictionary.to_pylist()
        mapped = [self.value(u) for u in uniques] if names else self.texts(uniques)
        out = pa.array(mapped, enc.dictionary.type).take(enc.indices)
        if isinstance(s.dtype, pd.StringDtype):
            return pd.Series(pd.array(out, dtype=s.dtype), index=s.index, name=s.name)
        return pd.Series(out.to_pylist(), index=s.index, name=s.name, dtype=object)

    def frame(self, df: pd.DataFrame, columns: Iterable[str] | None = None) -> pd.DataFrame:
        """A copy of `df` with every string column (or `columns`) scrubbed as values, column names
        and a string index too."""
        out = df.copy()
        cols = list(columns) if columns is not None else [
            c for c in out.columns if out[c].dtype == object or isinstance(out[c].dtype, pd.StringDtype)]
        for c in cols:
            out[c] = self.series(out[c], names=True)
        out.columns = [self.value(c) if isinstance(c, str) else c for c in out.columns]
        if out.index.dtype == object or isinstance(out.index.dtype, pd.StringDtype):
            out.index = pd.Index([self.value(v) for v in out.index], name=out.index.name)
        return out

    def obj(self, o: Any) -> Any:
        """A copy of a JSON-like object (dict/list/str/DataFrame) with every string scrubbed,
        dict keys included: use it on a report dict computed from real names."""
        if isinstance(o, str):
            return self.value(o)
        if isinstance(o, Mapping):
            return {(self.value(k) if isinstance(k, str) else k): self.obj(v) for k, v in o.items()}
        if isinstance(o, list):
            return [self.obj(v) for v in o]
        if isinstance(o, tuple):
            return tuple(self.obj(v) for v in o)
        if isinstance(o, pd.DataFrame):
            return self.frame(o)
        if isinstance(o, pd.Series):
            return self.series(o, names=True)
        return o


def _reduce_url(s: str) -> str:
    """A link reduced to scheme and host; trailing sentence punctuation is kept outside it."""
    tail = _TLD_END.search(s)
    trail = tail.group(0) if tail else ""
    core = s[: len(s) - len(trail)] if trail else s
    scheme = ""
    rest = core
    m = re.match(r"([A-Za-z][A-Za-z0-9+.-]{1,15})://", core)
    if m:
        scheme = m.group(1).lower() + "://"
        rest = core[m.end():]
    authority = re.split(r"[/?#]", rest, maxsplit=1)[0]
    host = authority.rsplit("@", 1)[-1]  # drop user:password@
    host = re.sub(r":\d*$", "", host).rstrip(".").lower()
    if not host:
        return scheme.rstrip(":/") + trail if scheme else trail
    return scheme + host + trail


# --------------------------------------------------------------------------------------------
# Chats and other objects


_QUOTED = re.compile('([\u0022\u201c\u201d\u00ab\u00bb\u201e])([^\u0022\u201c\u201d\u00ab\u00bb\u201e\n]{1,300})'
                     '([\u0022\u201c\u201d\u00ab\u00bb])')


def _split_target(target: str, scrubber: Scrubber) -> str:
    parts = split_names(target)
    if len(parts) <= 1:
        return scrubber.person(target)
    return ", ".join(scrubber.person(p) for p in parts)


def anonymize_chat(chat_or_messages: Any, pseudonymizer: Pseudonymizer, *, metadata_only: bool = False,
                   extra_names: Iterable[str] = (), parts: bool = True) -> pd.DataFrame:
    """The message table with every person replaced by their pseudonym.

    Authors, event actors and event targets become pseudonyms ('A, B and C' targets name by name,
    so the member list keeps its shape; group names in create/subject events become group ids).
    Text is scrubbed (`Scrubber.text`): links to their host, e-mail addresses, mentions, phone
    numbers, long numbers and member names. metadata_only=True drops the text (all <NA>).
    extra_names: more people to look for in text (a roster). Columns other than these are kept.
    """
    messages = chat_or_messages.messages if hasattr(chat_or_messages, "messages") else chat_or_messages
    language = getattr(getattr(chat_or_messages, "format", None), "language", None)
    scrubber = scrubber_for(messages, pseudonymizer, extra_names=extra_names, parts=parts, language=language)
    return _anonymize_messages(messages, scrubber, metadata_only=metadata_only)


def scrubber_for(messages: pd.DataFrame, pseudonymizer: Pseudonymizer, *, extra_names: Iterable[str] = (),
                 parts: bool = True, language: str | None = None) -> Scrubber:
    """The `Scrubber` for the people and group names of one message table (`language`: the
    chat's, which decides which words are too common to be treated as name parts)."""
    people, groups = chat_names(messages)
    people.update(str(n) for n in extra_names if n is not None)
    return Scrubber(pseudonymizer, people, groups, parts=parts, language=language)


def _anonymize_messages(messages: pd.DataFrame, scrubber: Scrubber, *, metadata_only: bool) -> pd.DataFrame:
    out = messages.copy()
    for col in ("author", "event_actor", "reply_to"):
        if col in out:
            out[col] = scrubber.series(out[col], names=True)
    if "event_target" in out:
        tgt = out["event_target"]
        ev = out["event"].astype(object) if "event" in out else pd.Series(None, index=out.index, dtype=object)
        mask = tgt.notna().to_numpy()
        new = tgt.astype(object).copy()
        if mask.any():
            # One lookup per distinct (event kind, target): system lines repeat the same names.
            pairs = pd.DataFrame({"g": ev[mask].isin(GROUP_NAME_EVENTS).to_numpy(),
                                  "t": tgt[mask].astype(str).to_numpy()})
            cache = {(g, t): (scrubber.pz.group(t) if g else _split_target(t, scrubber))
                     for g, t in pairs.drop_duplicates().itertuples(index=False)}
            new[mask] = [cache[(g, t)] for g, t in pairs.itertuples(index=False)]
        out["event_target"] = new.astype(tgt.dtype) if isinstance(tgt.dtype, pd.StringDtype) else new
    if "category_reason" in out:
        # Reasons quote the cue that decided ("phone number '0812-…'"): scrub them like text,
        # and keep only the kind of cue when the text itself is dropped.
        out["category_reason"] = (out["category_reason"].str.replace(r"\s*'[^']*'", "", regex=True)
                                  if metadata_only else scrubber.series(out["category_reason"]))
    if "text" in out:
        if metadata_only:
            out["text"] = pd.Series(pd.NA, index=out.index, dtype=out["text"].dtype
                                    if isinstance(out["text"].dtype, pd.StringDtype) else STRING)
        else:
            out["text"] = scrubber.series(out["text"])
            if "kind" in out:
                # System lines quote group names and descriptions ('changed the subject to "…"');
                # one the phrase tables did not recognise still must not leak its quoted text.
                sysrows = (out["kind"] == "system").to_numpy(dtype=bool, na_value=False)
                if sysrows.any():
                    out.loc[sysrows, "text"] = out.loc[sysrows, "text"].map(
                        lambda t: _QUOTED.sub(lambda m: scrubber.quoted(m), t) if isinstance(t, str) else t)
    out.attrs = dict(messages.attrs)
    out.attrs["anonymized"] = True
    out.attrs["metadata_only"] = metadata_only
    out.attrs["key_fingerprint"] = scrubber.pz.fingerprint
    return out


def anonymize(chat: Any, pseudonymizer: Pseudonymizer, *, metadata_only: bool = False,
              extra_names: Iterable[str] = (), parts: bool = True):
    """A new `Chat` whose messages, member list, format and provenance carry no real name or number.

    File names become group ids (a 1:1 export's file name is the other person's name): in the
    format's source, in warnings and in the provenance of merged exports. Every other string of the
    format (header example, unparsed header samples, warnings) is scrubbed like message text.
    Run it right after loading and before any metric, so every output is computed from pseudonyms.
    """
    scrubber = scrubber_for(chat.messages, pseudonymizer, extra_names=extra_names, parts=parts,
                            language=getattr(chat.format, "language", None))
    messages = _anonymize_messages(chat.messages, scrubber, metadata_only=metadata_only)
    prov = getattr(chat, "provenance", None)
    labels = [x for x in (chat.format.source or "").split(" + ") if x]
    if prov is not None and "file" in prov:
        labels += [str(f) for f in prov["file"].dropna()]
    file_map = {lab: file_id(lab, pseudonymizer) for lab in labels}

    def clean(v: str) -> str:
        for lab in sorted(file_map, key=len, reverse=True):  # longest first: 'a.txt' inside 'data/a.txt'
            v = v.replace(lab, file_map[lab])
        return scrubber.text(v)

    fmt = chat.format
    changes: dict[str, Any] = {}
    for f in fields(fmt):
        v = getattr(fmt, f.name)
        if f.name == "source":
            changes[f.name] = None if not v else " + ".join(file_map.get(x, file_id(x, pseudonymizer))
                                                          for x in v.split(" + "))
        elif f.name in _FORMAT_WORDS:
            continue  # words the parser wrote, no chat content
        elif isinstance(v, str):
            changes[f.name] = "" if metadata_only and f.name != "warnings" and "example" in f.name else clean(v)
        elif isinstance(v, tuple) and all(isinstance(x, str) for x in v):
            drop = metadata_only and "sample" in f.name
            changes[f.name] = () if drop else tuple(clean(x) for x in v)
        elif f.name == "notices":  # warnings as codes: their text values (a file name) like the warnings
            changes[f.name] = tuple(type(n)(n.code, {k: clean(x) if isinstance(x, str) else x
                                                     for k, x in n.params.items()}) for n in v)
    fmt = replace(fmt, **changes)
    kw: dict[str, Any] = {"messages": messages, "format": fmt}
    if prov is not None:
        p2 = prov.copy()
        if "file" in p2:
            p2["file"] = p2["file"].map(lambda x: file_map.get(str(x), x) if isinstance(x, str) else x)
        other = [c for c in p2.columns if c != "file" and (p2[c].dtype == object or isinstance(p2[c].dtype, pd.StringDtype))]
        for c in other:
            p2[c] = p2[c].map(scrubber.obj)
        kw["provenance"] = p2
    return replace(chat, **kw)


_FORMAT_WORDS = {"platform", "date_order", "clock", "language", "date_order_reason", "header_shape"}


def file_id(label: str, pseudonymizer: Pseudonymizer) -> str:
    """The public id of an export file: a group id from its file name, keeping .txt/.zip.
    Recompute it with the key to find which file a row came from."""
    name = Path(label).name
    suffix = Path(name).suffix
    if pseudonymizer.is_pseudonym(Path(name).stem) and suffix.lower() in ("", ".txt", ".zip"):
        return name  # already an id
    return pseudonymizer.group(name) + (suffix.lower() if suffix.lower() in (".txt", ".zip") else "")


def anonymize_frame(df: pd.DataFrame, scrubber: Scrubber, columns: Iterable[str] | None = None) -> pd.DataFrame:
    """`df` with its string columns (or `columns`) pseudonymised: names as wholes, text scrubbed."""
    return scrubber.frame(df, columns)


def anonymize_obj(obj: Any, scrubber: Scrubber) -> Any:
    """A report dict (or any JSON-like object) with every string pseudonymised or scrubbed."""
    return scrubber.obj(obj)


def anonymize_graph(graph: Any, scrubber: Scrubber) -> Any:
    """A networkx graph with node ids and every string attribute pseudonymised."""
    import networkx as nx

    g = nx.relabel_nodes(graph, {n: scrubber.value(n) for n in graph.nodes if isinstance(n, str)}, copy=True)
    for _, data in g.nodes(data=True):
        for k, v in list(data.items()):
            data[k] = scrubber.obj(v)
    for *_, data in g.edges(data=True):
        for k, v in list(data.items()):
            data[k] = scrubber.obj(v)
    for k, v in list(g.graph.items()):
        g.graph[k] = scrubber.obj(v)
    return g


def drop_text(chat: Any):
    """The chat with every message text removed (`--metadata-only` without pseudonyms)."""
    m = chat.messages.copy()
    m["text"] = pd.Series(pd.NA, index=m.index, dtype=STRING)
    m.attrs = dict(chat.messages.attrs)
    m.attrs["metadata_only"] = True
    fmt = chat.format
    changes = {f.name: () for f in fields(fmt) if "sample" in f.name and isinstance(getattr(fmt, f.name), tuple)}
    if hasattr(fmt, "header_example"):
        changes["header_example"] = ""
    return replace(chat, messages=m, format=replace(fmt, **changes))
