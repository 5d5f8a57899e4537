"""Locale tables: the fixed phrases WhatsApp writes into exports, by language.

Plain data, no logic: the parser compiles these tables once. Evidence for every entry is in
docs/formats.md (§5 AM/PM words, §7 special bodies, §8 system events). To support another UI
language, add rows here; nothing else changes.

Patterns are regular expressions in the common subset of Python `re` and RE2 (no backreferences,
no look-around). In system patterns `{X}` is the actor, `{Y}` the target (a person, or the new
group name for subject/create events); both become named groups.
"""
from __future__ import annotations

LRM, RLM = "\u200e", "\u200f"
MARKS = "\u200e\u200f"  # direction marks that prefix generated bodies
OQ, CQ = "[\"\u201c\u201e\u00ab]", "[\"\u201d\u201c\u00bb]"  # straight (Android) and curly (iOS) quotes

# --- AM/PM -------------------------------------------------------------------------------------
# Compared after lower-casing and removing spaces, dots, NBSP and NNBSP.
AMPM_WORDS: dict[str, str] = {
    "am": "am", "pm": "pm",
    "inthemorning": "am", "intheafternoon": "pm", "intheevening": "pm", "atnight": "pm",
    "ص": "am", "م": "pm",  # Arabic
    "vorm": "am", "nachm": "pm",  # German (expected, not observed)
    "午前": "am", "午後": "pm", "오전": "am", "오후": "pm",
}
# The marker as it can appear after the time (regex; matched case-insensitively by lettercase classes).
AMPM_PATTERN = (
    "[AaPp]\\.?[ \u00a0\u202f]?[Mm]\\.?"
    "|in the (?:morning|afternoon|evening)|at night"
    "|ص|م|vorm\\.|nachm\\.|午前|午後|오전|오후"
)

# --- Dates ---------------------------------------------------------------------------------------
MONTH_ABBR = {m: i + 1 for i, m in enumerate(
    ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"])}
ERA_BASE = {"R": 2018, "H": 1988, "S": 1925, "T": 1911, "M": 1867}  # Japanese era letter -> year 0
BUDDHIST_OFFSET = 543

# --- Special bodies (matched on the body with leading direction marks removed) ------------------
# (pattern, media_type or "" for unknown type). Full-body matches unless stated.
MEDIA_OMITTED: tuple[tuple[str, str, str], ...] = (
    # pattern, media_type, language
    ("<Media omitted>", "", "en"),
    ("<media omitted>", "", "en"),
    ("<Multimedia omitted>", "", "en"),
    ("<Media tidak disertakan>", "", "id"),
    ("<Média vynechány>", "", "cs"),
    ("<Без медиафайлов>", "", "ru"),
    ("<Media weggelaten>", "", "nl"),
    ("<Medien ausgeschlossen>", "", "de"),
    ("<Multimedia omitido>", "", "es"),
    ("<Mídia oculta>", "", "pt"),
    ("image omitted", "image", "en"),
    ("video omitted", "video", "en"),
    ("audio omitted", "audio", "en"),
    ("sticker omitted", "sticker", "en"),
    ("GIF omitted", "gif", "en"),
    ("Contact card omitted", "contact", "en"),
    (".*\u200edocument omitted", "document", "en"),
    ("<\u200e?image omitted>", "image", "en"),
    ("<\u200e?video omitted>", "video", "en"),
    ("<\u200e?audio omitted>", "audio", "en"),
    ("gambar tidak disertakan", "image", "id"),
    ("video tidak disertakan", "video", "id"),
    ("audio tidak disertakan", "audio", "id"),
    ("stiker tidak disertakan", "sticker", "id"),
    ("GIF tidak disertakan", "gif", "id"),
    ("Kartu kontak tidak disertakan", "contact", "id"),
    (".*\u200edokumen tidak disertakan", "document", "id"),
)

# Android "include media": the first body line is `FILE (file attached)`; a caption may follow.
ATTACHED_SUFFIXES: tuple[tuple[str, str], ...] = (
    ("(file attached)", "en"),
    ("(file terlampir)", "id"),
    ("(Datei angehängt)", "de"),
    ("(bestand bijgevoegd)", "nl"),
    ("(archivo adjunto)", "es"),
    ("(arquivo anexado)", "pt"),
)
# iOS "include media": `<attached: 00000012-PHOTO-2021-02-03-10-11-40.jpg>`, possibly after a name.
ATTACHED_TAGS: tuple[tuple[str, str], ...] = (
    ("attached", "en"), ("terlampir", "id"), ("Anhang", "de"), ("المُرفق", "ar"),
)
# Media type from an attachment file name: WhatsApp's own prefixes first, then the extension.
FILE_PREFIX_TYPES = {"IMG": "image", "VID": "video", "PTT": "audio", "AUD": "audio",
                     "STK": "sticker", "DOC": "document"}
IOS_KIND_TYPES = {"PHOTO": "image", "VIDEO": "video", "AUDIO": "audio", "STICKER": "sticker",
                  "GIF": "gif"}
EXTENSION_TYPES = {
    "jpg": "image", "jpeg": "image", "png": "image", "heic": "image",
    "mp4": "video", "mov": "video", "3gp": "video",
    "opus": "audio", "mp3": "audio", "m4a": "audio", "aac": "audio", "ogg": "audio", "wav": "audio",
    "webp": "sticker", "gif": "gif", "vcf": "contact",
}

LOCATION: tuple[tuple[str, str], ...] = (
    ("location: https?://\\S+", "en"),
    ("Location: https?://\\S+", "en"),
    ("Lokasi: https?://\\S+", "id"),
    ("lokasi: https?://\\S+", "id"),
    ("locatie: https?://\\S+", "nl"),
    ("Standort: https?://\\S+", "de"),
    ("live location shared", "en"),
    ("Live location shared", "en"),
    ("Lokasi terkini dibagikan", "id"),
    ("Live-Standort wird geteilt\\.", "de"),
)
VIEW_ONCE = ("null",)  # Android writes the body "null" for view-once media

DELETED: tuple[tuple[str, str], ...] = (
    ("This message was deleted\\.?", "en"),
    ("You deleted this message\\.?", "en"),
    ("You deleted this message as admin\\.?", "en"),
    ("This message was deleted by an admin\\.?", "en"),
    ("This message was deleted by admin [^\\n]*", "en"),
    ("Pesan ini telah dihapus\\.?", "id"),
    ("Pesan ini dihapus\\.?", "id"),
    ("Anda telah menghapus pesan ini\\.?", "id"),
    ("Anda menghapus pesan ini\\.?", "id"),
    ("Anda menghapus pesan ini sebagai admin\\.?", "id"),
    ("Pesan ini dihapus oleh admin\\.?", "id"),
    ("Diese Nachricht wurde gelöscht\\.?", "de"),
    ("Se eliminó este mensaje\\.?", "es"),
    ("Dit bericht is verwijderd\\.?", "nl"),
)

CALLS: tuple[tuple[str, str], ...] = (
    ("Missed (?:group )?(?:voice|video) call", "en"),
    ("Panggilan (?:suara|video)(?: grup)? tak terjawab", "id"),
)

OTHER_BODIES: tuple[tuple[str, str], ...] = (
    ("Waiting for this message(?:\\. This may take a while\\.)?", "en"),
    ("Menunggu pesan ini(?:…|\\.\\.\\.)?(?:[^\\n]*)?", "id"),
    ("POLL:(?:\\n[^\\n]*)*", "en"),
    ("POLLING:(?:\\n[^\\n]*)*", "id"),
    ("", ""),  # an author with an empty body
)

EDIT_MARKERS: tuple[tuple[str, str], ...] = (
    ("<This message was edited>", "en"),
    ("<Pesan ini diedit>", "id"),
    ("<Este mensaje fue editado>", "es"),
    ("<Diese Nachricht wurde bearbeitet>", "de"),
    ("<Dit bericht is bewerkt>", "nl"),
)

# --- System events -------------------------------------------------------------------------------
# (event, language, pattern). Order matters inside one language: the first match wins.
# `authored`: the phrase is also recognised when a name precedes it as an author (docs/formats.md §6:
# iOS e2e notice authored by the group, security-code notice authored by the contact).
SYSTEM_EVENTS: tuple[tuple[str, str, str, bool], ...] = (
    # end-to-end encryption notices
    ("e2e", "en", "Messages (?:and calls )?(?:to this (?:group|chat)|you send to this (?:group|chat)|and calls are)[^\\n]*end-to-end encrypt[^\\n]*", True),
    ("e2e", "id", "Pesan(?:-pesan)? (?:dan (?:panggilan|telepon) )?[^\\n]*(?:enkripsi|terenkripsi)[^\\n]*end-to-end[^\\n]*", True),
    # security code
    ("security", "en", "Your security code with {Y} changed\\.[^\\n]*", True),
    ("security", "en", "{Y}'s security code changed\\.[^\\n]*", True),
    ("security", "id", "Kode keamanan Anda dengan {Y} (?:telah )?berubah[^\\n]*", True),
    ("security", "id", "Kode keamanan {Y} (?:telah )?berubah[^\\n]*", True),
    # number change
    ("number_change", "en", "{X} changed their phone number to a new number\\.[^\\n]*", True),
    ("number_change", "en", "{X} changed to {Y}", False),
    ("number_change", "id", "{X} (?:telah )?mengganti nomor teleponnya[^\\n]*", True),
    # disappearing messages
    ("disappearing", "en", "{X} turned (?:on|off) disappearing messages\\.[^\\n]*", False),
    ("disappearing", "en", "{X} updated the message timer\\.[^\\n]*", False),
    ("disappearing", "id", "{X} (?:telah )?(?:menyalakan|mematikan|mengaktifkan|menonaktifkan) pesan sementara[^\\n]*", False),
    # group created
    ("create", "en", "{X} created (?:the )?group " + OQ + "{Y}" + CQ, False),
    ("create", "en", "{X} created this group", False),
    ("create", "id", "{X} (?:telah )?membuat grup " + OQ + "{Y}" + CQ, False),
    ("create", "id", "{X} (?:telah )?membuat grup ini", False),
    # subject / group name
    ("subject", "en", "{X} changed the (?:subject|group name) from " + OQ + "[^\\n]*" + CQ + " to " + OQ + "{Y}" + CQ, False),
    ("subject", "en", "{X} changed the (?:subject|group name) to " + OQ + "{Y}" + CQ, False),
    ("subject", "en", "{X} (?:removed|deleted) the group name", False),
    ("subject", "id", "{X} (?:telah )?mengubah (?:subjek|nama grup) dari " + OQ + "[^\\n]*" + CQ + " menjadi " + OQ + "{Y}" + CQ, False),
    ("subject", "id", "{X} (?:telah )?mengubah (?:subjek|nama grup) (?:menjadi|ke) " + OQ + "{Y}" + CQ, False),
    # icon
    ("icon", "en", "{X} (?:changed|deleted|removed) (?:this group's icon|the icon for this group|the group icon)", False),
    ("icon", "id", "{X} (?:telah )?(?:mengubah|menghapus|mengganti) ikon grup(?: ini)?", False),
    # description
    ("description", "en", "{X} (?:changed|deleted) the group description[^\\n]*", False),
    ("description", "id", "{X} (?:telah )?(?:mengubah|menghapus) deskripsi grup[^\\n]*", False),
    # settings
    ("settings", "en", "{X} changed (?:this group's|the group's|the group) settings[^\\n]*", False),
    ("settings", "en", "{X} changed the settings[^\\n]*", False),
    ("settings", "id", "{X} (?:telah )?mengubah (?:pengaturan|setelan) grup[^\\n]*", False),
    # admin
    ("admin", "en", "(?P<target>You)'re now an admin", False),
    ("admin", "en", "(?P<target>You) are now an admin", False),
    ("admin", "en", "{X} made you an admin", False),
    ("admin", "id", "(?P<target>Anda) sekarang (?:adalah )?admin", False),
    ("admin", "id", "{X} menjadikan Anda admin", False),
    # membership
    ("join", "en", "{X} joined using this group's invite link", False),
    ("join", "en", "{X} joined using (?:an|this) invite link", False),
    ("join", "en", "{X} joined from the community", False),
    ("join", "id", "{X} (?:telah )?bergabung menggunakan tautan undangan grup ini", False),
    ("join", "id", "{X} (?:telah )?bergabung (?:menggunakan|melalui|lewat) tautan undangan[^\\n]*", False),
    ("add", "en", "(?P<target>You) were added", False),
    ("add", "en", "{X} added {Y}", False),
    ("add", "en", "{Y} was added", False),
    ("add", "id", "(?P<target>Anda) (?:telah )?ditambahkan", False),
    ("add", "id", "{X} (?:telah )?menambahkan {Y}", False),
    ("remove", "en", "(?P<target>You) were removed", False),
    ("remove", "en", "{X} removed {Y}", False),
    ("remove", "id", "(?P<target>Anda) (?:telah )?dikeluarkan", False),
    ("remove", "id", "{X} (?:telah )?mengeluarkan {Y}", False),
    ("leave", "en", "{X} left", False),
    ("leave", "id", "{X} (?:telah )?keluar", False),
    # 2013-era joins: only recognised without an author or in legacy Android files
    ("join", "en", "{X} joined", False),
)

# Words that mean the exporting user inside system sentences.
EXPORTER_WORDS = {"you", "anda", "kamu", "du", "sie", "jij", "u", "tú", "usted", "você", "vous"}

# Separators between several names in one add/remove line ("X added A, B and C").
NAME_LIST_SEPARATORS = (", ", " and ", " dan ", " & ", " und ", " en ", " y ", " e ")
