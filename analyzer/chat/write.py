"""Write records as WhatsApp export text, the way a phone does (the inverse of the parser).

This exists so the parser can be tested against text whose true content is known: a list of
`Record`s is rendered in a named `Style` (header shape, UI language, line endings) exactly as
docs/formats.md describes, then parsed back and compared. The sample exports and the
benchmark file are produced the same way.

A `Record` holds what the parser should report (the canonical values of one row of
`Chat.messages`), plus two rendering-only fields, `attached` and `file_name`, which choose between
the "without media" placeholder and the "include media" attachment line. Everything
platform-specific (phrases, direction marks, phone-number wrapping, quotes, CRLF) is decided here,
never by the caller.

Evidence notes (see docs/formats.md for the tags):

* Indonesian Android (`android_id`) is [S]/[T] only: header shape from other tools' docs, phrases
  from WhatsApp's ≈2017 string table. The location prefix `lokasi:` on Indonesian Android is an
  assumption (no evidence at all); the English/Dutch forms are [R].
* iOS edit markers are unknown (§7.4), so iOS styles render an edited record without a marker:
  the edit is lost, as it would be (or not) in a real iOS export.
* A caption on an iOS attachment is written on the following line, like Android; the real iOS
  shape is not documented.
* `android_de`, `android_nl` and `android_ca` are phones with a German/Dutch/Canadian *region*
  (which decides the header) and an English *UI language* (which decides the phrases), a
  combination seen in real files; the parser only needs English and Indonesian phrases.
"""
from __future__ import annotations

import io
import re
import zipfile
from dataclasses import dataclass, field, replace
from datetime import datetime
from typing import Iterable, Iterator, Sequence

from analyzer.chat.schema import EVENTS, EXPORTER, KINDS, MEDIA_TYPES

__all__ = [
    "Record", "Style", "Phrases", "STYLES", "PHRASES", "render", "render_lines", "render_zip",
    "zip_member_name", "body_texts", "ios_phone", "is_phone", "parsed_name", "platform_phone", "LRM",
]

LRM = "\u200e"
LRE = "\u202a"
PDF = "\u202c"
NBSP = "\u00a0"
NNBSP = "\u202f"
NBH = "\u2011"

# Events the renderer can write. The parser's other EVENTS (settings, admin, security, ...) have
# wordings too varied to be worth generating for round-trip tests.
RENDERABLE_EVENTS = ("create", "add", "join", "leave", "remove", "subject", "icon", "description", "e2e")

_PHONE_RE = re.compile(r"^\+\d[\d \-]{5,}\d$")


# --------------------------------------------------------------------------------------------
# Records


@dataclass(frozen=True, slots=True)
class Record:
    """One message or system line, holding the values the parser should report for it.

    * `kind="text"`: `text` is the message body (may contain `\\n`); `edited` appends the edit
      marker on platforms that have one.
    * `kind="media"`: `media_type` is one of `schema.MEDIA_TYPES`. With `attached=False` the
      "without media" placeholder is written (Android loses the type: `<Media omitted>`); with
      `attached=True` an attachment line names the file (`file_name`, generated when None) and
      `text` is an optional caption written on the following line(s). For `location`, `text` is the
      maps URL and is always written.
    * `kind="deleted"`: `text` is ignored; the "deleted" phrase is written (the sender's own view
      when `author` equals the `exporter` passed to `render`).
    * `kind="call"`: a missed voice call by `author`; `text` is ignored.
    * Phone numbers (authors, actors, targets) are given as Android writes them,
      `+62 812-3456-7890`; iOS styles wrap them in direction marks and regroup Indonesian
      mobiles (`parsed_name` gives the form a parser should report).
    * `kind="system"`: `author` must be None; `event` is one of `RENDERABLE_EVENTS`, with
      `event_actor`/`event_target` (`schema.EXPORTER` for the exporting user, "You"/"Anda");
      `event_target` is the new group name for `create`/`subject`. `text` is ignored.
    """

    timestamp: datetime
    author: str | None
    text: str
    kind: str = "text"
    media_type: str | None = None
    event: str | None = None
    event_actor: str | None = None
    event_target: str | None = None
    edited: bool = False
    attached: bool = False  # rendering only: "include media" attachment line instead of placeholder
    file_name: str | None = None  # rendering only: attachment / document name; generated if None

    def __post_init__(self) -> None:
        # Fail at construction, not deep inside render(), so a bad generator is easy to find.
        if self.kind not in KINDS:
            raise ValueError(f"kind {self.kind!r} not in {KINDS}")
        if self.kind == "system":
            if self.author is not None:
                raise ValueError("system records have no author (the iOS e2e author is the group name, see render())")
            if self.event not in EVENTS:
                raise ValueError(f"event {self.event!r} not in {EVENTS}")
        elif self.author is None:
            raise ValueError(f"{self.kind} records need an author")
        if self.kind == "media" and self.media_type not in MEDIA_TYPES:
            raise ValueError(f"media_type {self.media_type!r} not in {MEDIA_TYPES}")


# --------------------------------------------------------------------------------------------
# Phrases: one table per (platform family, UI language)


@dataclass(frozen=True)
class Phrases:
    """The generated text of one platform family in one UI language.

    Event templates use `{actor}`, `{target}` and `{subject}`; `you_actor`/`you_target` replace
    `schema.EXPORTER`. `*_you` templates are the special sentences used when the exporter is the
    target (Indonesian Android says "X telah menambahkan Anda", not "X menambahkan Anda").
    """

    language: str
    you_actor: str
    you_target: str
    e2e: str
    create: str
    add: str
    add_you: str
    add_passive: str  # no actor stated, exporter was added
    join: str
    leave: str
    remove: str
    remove_you: str
    remove_passive: str
    subject: str
    icon: str
    icon_you: str
    description: str
    deleted: str  # others' view
    deleted_self: str  # the exporter's own view
    missed_call: str
    location: str  # "{url}" template
    file_attached: str | None  # Android: "{name} (file attached)"
    ios_attached: str | None  # iOS: "<attached: {name}>"
    media_omitted: str | None  # Android: one placeholder for every type
    media_omitted_by_type: dict[str, str] = field(default_factory=dict)  # iOS: per type
    pages: str = "pages"
    edit_marker: str | None = None


_EN_BASE = dict(
    language="en", you_actor="You", you_target="you",
    add="{actor} added {target}", add_you="{actor} added you", add_passive="You were added",
    join="{actor} joined using this group's invite link", leave="{actor} left",
    remove="{actor} removed {target}", remove_you="{actor} removed you", remove_passive="You were removed",
    icon="{actor} changed this group's icon", icon_you="You changed this group's icon",
    description="{actor} changed the group description", missed_call="Missed voice call",
)
_ID_BASE = dict(
    language="id", you_actor="Anda", you_target="Anda",
    add="{actor} menambahkan {target}", leave="{actor} keluar", remove="{actor} mengeluarkan {target}",
    icon_you="Anda mengubah ikon grup ini", description="{actor} mengubah deskripsi grup",
    missed_call="Panggilan suara tak terjawab",
)
_IOS_EN_MEDIA = {
    "image": "image omitted", "video": "video omitted", "audio": "audio omitted",
    "sticker": "sticker omitted", "gif": "GIF omitted", "contact": "Contact card omitted",
    "document": "document omitted",
}
_IOS_ID_MEDIA = {
    "image": "gambar tidak disertakan", "video": "video tidak disertakan", "audio": "audio tidak disertakan",
    "sticker": "stiker tidak disertakan", "gif": "GIF tidak disertakan", "contact": "Kartu kontak tidak disertakan",
    "document": "dokumen tidak disertakan",
}

PHRASES: dict[tuple[str, str], Phrases] = {
    ("android", "en"): Phrases(
        **_EN_BASE,
        e2e=("Messages and calls are end-to-end encrypted. No one outside of this chat, not even WhatsApp, "
             "can read or listen to them. Tap to learn more."),
        create='{actor} created group "{subject}"', subject='{actor} changed the subject to "{subject}"',
        deleted="This message was deleted", deleted_self="You deleted this message",
        location="location: {url}", file_attached="{name} (file attached)", ios_attached=None,
        media_omitted="<Media omitted>", edit_marker=" <This message was edited>",
    ),
    ("android", "id"): Phrases(
        **_ID_BASE,
        # The ≈2017 string table is the only evidence for Indonesian Android, so use its generation.
        e2e=("Pesan-pesan yang dikirimkan ke grup ini kini diamankan dengan enkripsi end-to-end. "
             "Ketuk untuk info selengkapnya."),
        create='{actor} membuat grup "{subject}"', add_you="{actor} telah menambahkan Anda",
        add_passive="Anda telah ditambahkan", join="{actor} telah bergabung menggunakan tautan undangan grup ini",
        remove_you="{actor} telah mengeluarkan Anda", remove_passive="Anda telah dikeluarkan",
        subject='{actor} mengubah subjek menjadi "{subject}"', icon="{actor} telah mengubah ikon grup ini",
        deleted="Pesan ini telah dihapus", deleted_self="Anda telah menghapus pesan ini",
        location="lokasi: {url}",  # assumption, see module docstring
        file_attached="{name} (file terlampir)", ios_attached=None,
        media_omitted="<Media tidak disertakan>", edit_marker=" <Pesan ini diedit>",
    ),
    ("ios", "en"): Phrases(
        **_EN_BASE,
        e2e=("Messages and calls are end-to-end encrypted. No one outside of this chat, not even WhatsApp, "
             "can read or listen to them."),
        create="{actor} created group \u201c{subject}\u201d",
        subject="{actor} changed the subject to \u201c{subject}\u201d",
        deleted="This message was deleted.", deleted_self="You deleted this message.",
        location="Location: {url}", file_attached=None, ios_attached="<attached: {name}>",
        media_omitted=None, media_omitted_by_type=_IOS_EN_MEDIA,
    ),
    ("ios", "id"): Phrases(
        **_ID_BASE,
        e2e=("Pesan dan panggilan terenkripsi secara end-to-end. Tidak seorang pun di luar chat ini, "
             "termasuk WhatsApp, yang dapat membaca atau mendengarkannya."),
        create="{actor} membuat grup \u201c{subject}\u201d", add_you="{actor} menambahkan Anda",
        add_passive="Anda ditambahkan", join="{actor} bergabung menggunakan tautan undangan grup ini",
        remove_you="{actor} mengeluarkan Anda", remove_passive="Anda dikeluarkan",
        subject="{actor} mengubah subjek menjadi \u201c{subject}\u201d", icon="{actor} mengubah ikon grup ini",
        deleted="Pesan ini dihapus.", deleted_self="Anda menghapus pesan ini.",
        location="Lokasi: {url}", file_attached=None, ios_attached="<terlampir: {name}>",
        media_omitted=None, media_omitted_by_type=_IOS_ID_MEDIA, pages="halaman",
    ),
}
# Legacy iOS (2015-17): the 2016 e2e wording, and media placeholders inside angle brackets.
PHRASES[("ios_legacy", "en")] = replace(
    PHRASES[("ios", "en")],
    e2e="Messages to this group are now secured with end-to-end encryption. Tap for more info.",
    media_omitted_by_type={k: f"<{LRM}{v}>" for k, v in _IOS_EN_MEDIA.items()},
)


# --------------------------------------------------------------------------------------------
# Styles


@dataclass(frozen=True)
class Style:
    """One export shape: platform family, header template, clock and UI language.

    `header` is a `str.format` template over the timestamp fields `d dd M MM yy yyyy H HH h hh
    mm ss ap` (`ap` is the AM/PM marker from `am_pm`). It includes everything up to REST: the
    brackets and the space for iOS, `" - "` for Android, `": "` for legacy iOS.
    """

    name: str
    platform: str  # "android", "ios" or "ios_legacy"
    language: str  # UI language of the phrases: "en" or "id"
    header: str
    date_order: str  # "DMY", "MDY" or "YMD": what a parser should detect
    clock: str  # "24h" or "12h"
    seconds: bool  # the header carries seconds (else timestamps are truncated to the minute)
    am_pm: tuple[str, str] = ("AM", "PM")
    description: str = ""

    @property
    def family(self) -> str:
        """Android or iOS: decides line endings and direction marks (legacy iOS is iOS)."""
        return "android" if self.platform == "android" else "ios"

    @property
    def newline(self) -> str:
        """Record terminator: iOS ends every record with CRLF (inner lines keep a bare LF)."""
        return "\n" if self.family == "android" else "\r\n"

    @property
    def phrases(self) -> Phrases:
        """The phrase table for this platform and UI language."""
        return PHRASES.get((self.platform, self.language)) or PHRASES[(self.family, self.language)]

    def format_time(self, ts: datetime) -> str:
        """The header for `ts` (seconds dropped when the style has none)."""
        h12 = ts.hour % 12 or 12
        return self.header.format(
            d=ts.day, dd=f"{ts.day:02d}", M=ts.month, MM=f"{ts.month:02d}",
            yy=f"{ts.year % 100:02d}", yyyy=ts.year,
            H=ts.hour, HH=f"{ts.hour:02d}", h=h12, hh=f"{h12:02d}",
            mm=f"{ts.minute:02d}", ss=f"{ts.second:02d}", ap=self.am_pm[ts.hour >= 12],
        )

    def truncate(self, ts: datetime) -> datetime:
        """The timestamp a parser can recover from this style's header."""
        return ts.replace(microsecond=0) if self.seconds else ts.replace(second=0, microsecond=0)


def _styles(*styles: Style) -> dict[str, Style]:
    return {s.name: s for s in styles}


STYLES: dict[str, Style] = _styles(
    Style("android_id", "android", "id", "{dd}/{MM}/{yy} {HH}.{mm} - ", "DMY", "24h", False,
          description="Indonesian Android, A16 `24/07/24 09.43 - ` [T]"),
    Style("ios_id", "ios", "id", "[{dd}/{MM}/{yy} {HH}.{mm}.{ss}] ", "DMY", "24h", True,
          description="Indonesian iOS with Indonesian region, I8 `[26/01/21 21.05.53] ` [R]"),
    Style("ios_id_us", "ios", "id", "[{M}/{d}/{yy} {HH}.{mm}.{ss}] ", "MDY", "24h", True,
          description="Indonesian iOS with US region, I7 `[3/27/22 21.41.35] ` [R]"),
    Style("android_en_12h", "android", "en", "{M}/{d}/{yy}, {h}:{mm} {ap} - ", "MDY", "12h", False,
          description="en-US Android, A3 `7/4/16, 9:30 PM - ` [R]"),
    Style("android_en_12h_nnbsp", "android", "en", "{M}/{d}/{yy}, {h}:{mm}" + NNBSP + "{ap} - ", "MDY", "12h", False,
          description="en-US Android since 2023, A20 `1/4/23, 7:02\u202fPM - ` [T]"),
    Style("android_en_24h", "android", "en", "{dd}/{MM}/{yyyy}, {HH}:{mm} - ", "DMY", "24h", False,
          description="en-GB Android, A2 `09/11/2021, 07:45 - ` [R]"),
    Style("android_de", "android", "en", "{dd}.{MM}.{yy}, {HH}:{mm} - ", "DMY", "24h", False,
          description="German region, English UI, A8 `05.03.19, 12:28 - ` [R]"),
    Style("android_nl", "android", "en", "{dd}-{MM}-{yyyy} {HH}:{mm} - ", "DMY", "24h", False,
          description="Dutch region, English UI, A11 `18-03-2022 14:56 - ` [R]"),
    Style("android_ca", "android", "en", "{yyyy}-{MM}-{dd}, {h}:{mm} {ap} - ", "YMD", "12h", False,
          am_pm=("a.m.", "p.m."), description="en-CA Android, A12 `2019-08-06, 7:03 a.m. - ` [R]"),
    Style("ios_en_12h", "ios", "en", "[{M}/{d}/{yy}, {h}:{mm}:{ss} {ap}] ", "MDY", "12h", True,
          description="en-US iOS, I2 `[7/1/16, 4:05:09 PM] ` [R]"),
    Style("ios_en_24h", "ios", "en", "[{dd}/{MM}/{yyyy}, {HH}:{mm}:{ss}] ", "DMY", "24h", True,
          description="en-GB iOS, I4 `[16/03/2022, 15:20:25] ` [H]"),
    Style("ios_de", "ios", "en", "[{dd}.{MM}.{yy}, {HH}:{mm}:{ss}] ", "DMY", "24h", True,
          description="German region iOS, English UI, I5 `[29.01.18, 23:45:03] ` [R]/[H]"),
    Style("ios_legacy", "ios_legacy", "en", "{M}/{d}/{yy}, {h}:{mm}:{ss} {ap}: ", "MDY", "12h", True,
          description="iOS 2015-17 without brackets, `7/1/16, 4:56:55 PM: Rina: see you` [R]"),
)


# --------------------------------------------------------------------------------------------
# Names


def is_phone(name: str) -> bool:
    """A phone-number author such as `+62 812-3456-7890` (as the parser normalises it)."""
    return bool(_PHONE_RE.match(name))


_ID_MOBILE = re.compile(r"^\+62 (\d{3})-(\d{4})-(\d{3,4})$")


def platform_phone(number: str, family: str) -> str:
    """How a platform groups a number's digits, before any invisible characters.

    Indonesian mobiles are `+62 812-3456-7890` on Android but `+62 812 3456-7890` on iOS
    (docs/formats.md §6 [R]). Other numbers are kept as given (no evidence of a difference).
    """
    if family == "ios":
        m = _ID_MOBILE.match(number)
        if m:
            return f"+62 {m[1]} {m[2]}-{m[3]}"
    return number


def ios_phone(number: str) -> str:
    """A phone number as iOS writes it: `⟨LRE⟩+62⟨NBSP⟩812⟨NBSP⟩3456⟨NBH⟩7890⟨PDF⟩` [R]."""
    return LRE + platform_phone(number, "ios").replace(" ", NBSP).replace("-", NBH) + PDF


def parsed_name(name: str | None, style: str | Style) -> str | None:
    """A name as a parser should report it from `style`: iOS regroups Indonesian numbers."""
    st = STYLES[style] if isinstance(style, str) else style
    if name is None or not is_phone(name):
        return name
    return platform_phone(name, st.family)


def _name(name: str, style: Style) -> str:
    # Only iOS wraps numbers; Android writes them as plain text (modern files) [R].
    if style.family == "ios" and is_phone(name):
        return ios_phone(name)
    return name


# --------------------------------------------------------------------------------------------
# Bodies

_ANDROID_PREFIX = {"image": "IMG", "video": "VID", "audio": "PTT", "sticker": "STK", "gif": "VID"}
_ANDROID_EXT = {"image": "jpg", "video": "mp4", "audio": "opus", "sticker": "webp", "gif": "mp4"}
_IOS_KIND = {"image": ("PHOTO", "jpg"), "video": ("VIDEO", "mp4"), "audio": ("AUDIO", "opus"),
             "sticker": ("STICKER", "webp"), "gif": ("GIF", "mp4")}


def _pdf_pages(name: str) -> int:
    # Deterministic page count so the same records always render the same bytes.
    return 1 + sum(map(ord, name)) % 24


def _system_text(rec: Record, p: Phrases, style: Style) -> str:
    """The sentence of a system record, in the style's language, names wrapped for the platform."""
    ev = rec.event
    if ev == "e2e":
        return p.e2e
    if ev not in RENDERABLE_EVENTS:
        raise ValueError(f"cannot render event {ev!r}; renderable: {RENDERABLE_EVENTS}")
    actor = rec.event_actor
    target = rec.event_target
    a = p.you_actor if actor == EXPORTER else (_name(actor, style) if actor else None)
    if ev in ("add", "remove"):
        if target is None:
            raise ValueError(f"{ev} needs event_target")
        if actor is None:
            if target != EXPORTER:
                raise ValueError(f"{ev} without an actor is only written for the exporter ('You were added')")
            return p.add_passive if ev == "add" else p.remove_passive
        if target == EXPORTER:
            return (p.add_you if ev == "add" else p.remove_you).format(actor=a)
        return (p.add if ev == "add" else p.remove).format(actor=a, target=_name(target, style))
    if a is None:
        raise ValueError(f"{ev} needs event_actor")
    if ev in ("create", "subject"):
        if target is None:
            raise ValueError(f"{ev} needs event_target (the group name)")
        return (p.create if ev == "create" else p.subject).format(actor=a, subject=target)
    if ev == "icon":
        return p.icon_you if actor == EXPORTER else p.icon.format(actor=a)
    return {"join": p.join, "leave": p.leave, "description": p.description}[ev].format(actor=a)


def _media_body(rec: Record, p: Phrases, style: Style, counter: int) -> str:
    """Placeholder or attachment line (plus caption lines) of a media record."""
    mt = rec.media_type
    ts = rec.timestamp
    if mt == "location":
        return (LRM if style.family == "ios" else "") + p.location.format(url=rec.text)
    caption = ("\n" + rec.text) if (rec.attached and rec.text) else ""
    if style.family == "android":
        if not rec.attached:
            return p.media_omitted  # the type is lost, as on a real phone
        if rec.file_name:
            name = rec.file_name
        elif mt == "document":
            name = f"DOC-{ts:%Y%m%d}-WA{counter % 10000:04d}.pdf"
        elif mt == "contact":
            name = "Kontak.vcf" if p.language == "id" else "Contact.vcf"
        else:
            name = f"{_ANDROID_PREFIX[mt]}-{ts:%Y%m%d}-WA{counter % 10000:04d}.{_ANDROID_EXT[mt]}"
        return LRM + p.file_attached.format(name=name) + caption
    # iOS
    if mt == "document":
        doc = rec.file_name or f"Dokumen {counter}.pdf"
        if rec.attached:
            tail = LRM + p.ios_attached.format(name=f"{counter:08d}-{doc}")
            if style.platform == "ios_legacy":
                tail = f"<{LRM}attached>"
        else:
            tail = ("" if style.platform == "ios_legacy" else LRM) + p.media_omitted_by_type["document"]
        mid = f" \u2022 {LRM}{_pdf_pages(doc)} {p.pages} " if doc.lower().endswith(".pdf") else " "
        return doc + mid + tail + caption
    if not rec.attached:
        # Legacy iOS puts the mark inside the angle brackets instead (`<⟨LRM⟩image omitted>`).
        lead = "" if style.platform == "ios_legacy" else LRM
        return lead + p.media_omitted_by_type[mt]
    if mt == "contact":
        name = f"{counter:08d}-{rec.file_name or 'Contact.vcf'}"
    else:
        kind, ext = _IOS_KIND[mt]
        name = rec.file_name or f"{counter:08d}-{kind}-{ts:%Y-%m-%d-%H-%M-%S}.{ext}"
    if style.platform == "ios_legacy":
        return f"{name} <{LRM}attached>" + caption
    return LRM + p.ios_attached.format(name=name) + caption


@dataclass(frozen=True, slots=True)
class Rendered:
    """One record as text: `line` is the complete record without its terminator."""

    line: str
    body: str  # what follows "AUTHOR: " (or the header, for system lines)
    marked: bool  # a generated body (iOS puts LRM before `[` and at the body start)


def render_lines(
    records: Iterable[Record], style: str | Style, *, group_name: str = "Grup", exporter: str | None = None,
) -> Iterator[Rendered]:
    """Render each record, without line terminators (see `render` for the arguments)."""
    st = STYLES[style] if isinstance(style, str) else style
    p = st.phrases
    ios = st.family == "ios"
    counter = 0
    for rec in records:
        header = st.format_time(rec.timestamp)
        marked = rec.kind in ("media", "deleted", "call", "system")
        author = rec.author
        if rec.kind == "text":
            body = rec.text
            if rec.edited and p.edit_marker:
                body += p.edit_marker
        elif rec.kind == "media":
            counter += 1
            body = _media_body(rec, p, st, counter)
            # Android attachments keep their own leading LRM; Android never marks the header.
        elif rec.kind == "deleted":
            body = (p.deleted_self if exporter is not None and author == exporter else p.deleted)
            body = (LRM if ios else "") + body
        elif rec.kind == "call":
            body = (LRM if ios else "") + p.missed_call
        elif rec.kind == "system":
            body = (LRM if ios else "") + _system_text(rec, p, st)
            if ios and rec.event == "e2e" and st.platform == "ios":
                author = group_name  # the iOS e2e notice is authored by the group name [R]
        else:  # "other": written as plain text
            body = rec.text
        # LRM before `[` on generated lines; legacy iOS has no brackets and no such mark.
        mark = LRM if (marked and st.platform == "ios") else ""
        if author is None:
            line = f"{mark}{header}{body}"
        else:
            line = f"{mark}{header}{_name(author, st)}: {body}"
        yield Rendered(line, body, marked)


def render(
    records: Iterable[Record], style: str | Style, *, group_name: str = "Grup", exporter: str | None = None,
) -> str:
    """The export text of `records` in `style` (a key of `STYLES` or a `Style`).

    `group_name` authors the iOS end-to-end notice. `exporter` is the exporting user's display
    name: their deleted messages read "You deleted this message". Records are written in the order
    given (no sorting: real exports are not always chronological). Every record, the last one
    included, ends with the style's newline (LF, or CRLF on iOS); lines inside a multi-line text
    stay bare LF.
    """
    st = STYLES[style] if isinstance(style, str) else style
    nl = st.newline
    out = [r.line for r in render_lines(records, st, group_name=group_name, exporter=exporter)]
    if not out:
        return ""
    return nl.join(out) + nl


def body_texts(
    records: Sequence[Record], style: str | Style, *, group_name: str = "Grup", exporter: str | None = None,
) -> list[str]:
    """Each record's body as written (after `AUTHOR: `), edit marker included: for tests."""
    return [r.body for r in render_lines(records, style, group_name=group_name, exporter=exporter)]


# --------------------------------------------------------------------------------------------
# Zip


def zip_member_name(style: str | Style, name: str | None = None) -> str:
    """The chat file's name inside the export: `_chat.txt` on iOS, a localised name on Android."""
    st = STYLES[style] if isinstance(style, str) else style
    if st.family == "ios":
        return "_chat.txt"
    if st.language == "id":
        return f"Chat WhatsApp dengan {name or 'Grup'}.txt"
    return f"WhatsApp Chat with {name or 'Group'}.txt"


def render_zip(
    text: str, style: str | Style, name: str | None = None, *,
    files: dict[str, bytes] | None = None, date_time: tuple[int, int, int, int, int, int] = (2024, 1, 1, 0, 0, 0),
) -> bytes:
    """A zip as the phone shares it: the chat file (see `zip_member_name`) plus optional media.

    `date_time` is fixed by default so the same chat always gives the same bytes (the samples
    are committed).
    """
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", compression=zipfile.ZIP_DEFLATED) as zf:
        info = zipfile.ZipInfo(zip_member_name(style, name), date_time=date_time)
        info.compress_type = zipfile.ZIP_DEFLATED
        zf.writestr(info, text.encode("utf-8"))
        for fname, data in (files or {}).items():
            finfo = zipfile.ZipInfo(fname, date_time=date_time)
            finfo.compress_type = zipfile.ZIP_DEFLATED
            zf.writestr(finfo, data)
    return buf.getvalue()
