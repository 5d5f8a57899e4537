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
    # Newer Android wording (issue 11) and its case variants.
    ("<Media [Ss]kipped>", "", "en"),
    ("<media skipped>", "", "en"),
)

# iOS writes every generated body behind the generated-body mark (U+200E after `NAME: `, U+200F in
# Arabic). The tables below hold phrases seen only there; the parser looks for them on marked
# records only, which keeps the scan of ordinary messages as fast as with English and Indonesian alone.
MEDIA_OMITTED_MARKED: tuple[tuple[str, str, str], ...] = (
    # iOS, other UI languages: one short chat per language in the public starkdmi/whats_json test
    # data (real exports, 2022) [R]. A document is `NAME.ext <mark>PHRASE` (or with a page count).
    *((ph, t, lang) for lang, table in {
        "cs": {"image": "obrázek vynechán", "video": "video vynecháno", "sticker": "nálepka vynechána",
               "audio": "zvukový soubor vynechán", "gif": "GIF vynechán", "contact": "Vizitka vynechána"},
        "de": {"image": "Bild weggelassen", "video": "Video weggelassen", "sticker": "Sticker weggelassen",
               "audio": "Audio weggelassen", "gif": "GIF weggelassen", "contact": "Kontaktkarte ausgelassen"},
        "fr": {"image": "image absente", "video": "vidéo absente", "sticker": "sticker omis",
               "audio": "audio omis", "gif": "GIF retiré", "contact": "Fiche contact manquante"},
        "hi": {"image": "फ़ोटो हटाई गई", "video": "वीडियो छोड़ा गया", "sticker": "स्टिकर छोड़ा गया",
               "audio": "ऑडियो हटाई गयी", "gif": "GIF छोड़ा गया", "contact": "कॉन्टैक्ट कार्ड छोड़ा गया"},
        "it": {"image": "immagine omessa", "video": "video omesso", "sticker": "sticker non incluso",
               "audio": "audio omesso", "gif": "GIF esclusa", "contact": "Scheda contatto omessa"},
        "ja": {"image": "画像は含まれていません", "video": "ビデオは含まれていません", "sticker": "スタンプは含まれていません",
               "audio": "音声は含まれていません", "gif": "GIFは含まれていません", "contact": "連絡先カードを省略"},
        "pt": {"image": "imagem não revelada", "video": "vídeo não revelado", "sticker": "sticker não revelado",
               "audio": "ficheiro de áudio não revelado", "gif": "GIF não revelada", "contact": "Contacto não revelado"},
        "ru": {"image": "изображение отсутствует", "video": "видео отсутствует", "sticker": "стикер не добавлен",
               "audio": "аудиофайл отсутствует", "gif": "GIF отсутствует", "contact": "Карточка контакта отсутствует"},
        "es": {"image": "imagen omitida", "video": "[Vv]ideo omitido", "sticker": "sticker omitido",
               "audio": "audio omitido", "gif": "GIF omitido", "contact": "Tarjeta de contacto omitida"},
        "th": {"image": "ไม่มีรูปภาพ", "video": "วิดีโอถูกลบ", "sticker": "ไม่มีสติกเกอร์",
               "audio": "ไม่มีไฟล์เสียง", "gif": "ละเว้น GIF", "contact": "บัตรรายชื่อที่ละเว้น"},
        "uk": {"image": "зображення відсутнє", "video": "відео відсутнє", "sticker": "Наклейку не додано",
               "audio": "аудіо відсутнє", "gif": "GIF-анімацію пропущено", "contact": "Картка контакту відсутня"},
        "vi": {"image": "đã bỏ qua hình ảnh", "video": "đã bỏ video", "sticker": "đã bỏ sticker",
               "audio": "bỏ qua tệp âm thanh", "gif": "Đã bỏ qua ảnh GIF", "contact": "Bỏ qua thẻ liên lạc"},
        "ar": {"image": "لم يتم إدراج الصورة", "video": "لم يتم إدراج الفيديوهات", "sticker": "تم حذف الملصقات",
               "audio": "لم يتم إدراج المقاطع الصوتية", "gif": "لم يتم إدراج صورة GIF",
               "contact": "لم يتم إدراج بطاقة جهة اتصال"},
    }.items() for t, ph in table.items()),
    *(("[^\\n]*[\u200e\u200f]" + ph, "document", lang) for lang, ph in {
        "cs": "dokument vynechán", "de": "Dokument weggelassen", "fr": "document manquant",
        "hi": "डॉक्यूमेंट छोड़ा गया", "it": "documento omesso", "ja": "ドキュメントは含まれていません",
        "pt": "documento não revelado", "ru": "документ отсутствует", "es": "documento omitido",
        "th": "ละเว้นเอกสาร", "uk": "документ пропущено", "vi": "đã bỏ qua tài liệu", "ar": "لم يتم إدراج المستند",
    }.items()),
)

# Hindi letters with a nukta are written precomposed in some exports (U+095C) and decomposed in
# others (U+0921 U+093C); both spellings of the Hindi phrases above are accepted.
_NUKTA = {"\u0921\u093c": "(?:\u0921\u093c|\u095c)", "\u092b\u093c": "(?:\u092b\u093c|\u095e)",
          "\u095c": "(?:\u0921\u093c|\u095c)", "\u095e": "(?:\u092b\u093c|\u095e)"}


def _both_nukta_forms(pattern: str) -> str:
    for k, v in _NUKTA.items():
        if k in pattern and v not in pattern:
            pattern = pattern.replace(k, v)
    return pattern


MEDIA_OMITTED_MARKED = tuple((_both_nukta_forms(p) if lang == "hi" else p, t, lang)
                             for p, t, lang in MEDIA_OMITTED_MARKED)

# Android "include media": the first body line is `FILE (file attached)`; a caption may follow.
ATTACHED_SUFFIXES: tuple[tuple[str, str], ...] = (
    ("(file attached)", "en"),
    ("(file terlampir)", "id"),
    ("(Datei angehängt)", "de"),
    ("(bestand bijgevoegd)", "nl"),
    ("(archivo adjunto)", "es"),
    ("(arquivo anexado)", "pt"),
    ("(soubor byl přiložen)", "cs"),  # starkdmi/whats_json Android exports (2022) [R]
    ("(файл добавлен)", "ru"),  # idem [R]
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

LOCATION_MARKED: tuple[tuple[str, str], ...] = (
    # iOS location prefixes in other UI languages (starkdmi/whats_json, real 2022 exports) [R]
    *((w + ": https?://\\S+", lang) for lang, w in {
        "cs": "Poloha", "fr": "Localisation", "hi": "लोकेशन", "it": "Posizione", "ja": "位置情報",
        "pt": "Localização", "ru": "Местоположение", "es": "Ubicación", "th": "ตำแหน่งที่ตั้ง",
        "uk": "Розташування", "vi": "Vị trí", "ar": "موقع"}.items()),
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

DELETED_MARKED: tuple[tuple[str, str], ...] = (
    # iOS, others' view / sender's view (starkdmi/whats_json, real 2022 exports) [R]
    ("Tato zpráva byla smazána\\.?", "cs"), ("Tuto zprávu jste smazal/a\\.?", "cs"),
    ("Du hast diese Nachricht gelöscht\\.?", "de"),
    ("Ce message a été supprimé\\.?", "fr"), ("Vous avez supprimé ce message\\.?", "fr"),
    ("यह मैसेज डिलीट कर दिया गया है\\.?", "hi"), ("आपने यह मैसेज डिलीट किया\\.?", "hi"),
    ("Questo messaggio è stato eliminato\\.?", "it"), ("Hai eliminato questo messaggio\\.?", "it"),
    ("このメッセージは削除されました。?", "ja"), ("このメッセージを削除しました。?", "ja"),
    ("Esta mensagem foi apagada\\.?", "pt"), ("Apagou esta mensagem\\.?", "pt"),
    ("Данное сообщение удалено\\.?", "ru"), ("Вы удалили данное сообщение\\.?", "ru"),
    ("Eliminaste este mensaje\\.?", "es"),
    ("ข้อความนี้ถูกลบแล้ว", "th"), ("คุณได้ลบข้อความนี้", "th"),
    ("Це повідомлення було видалено\\.?", "uk"), ("Ви видалили це повідомлення\\.?", "uk"),
    ("Tin nhắn này đã bị xóa\\.?", "vi"), ("Bạn đã xoá tin nhắn này\\.?", "vi"),
    ("تم حذف هذه الرسالة\\.?", "ar"), ("لقد حذَفت هذه الرسالة\\.?", "ar"), ("أنت حذفت هذه الرسالة\\.?", "ar"),
)

CALLS: tuple[tuple[str, str], ...] = (
    ("Missed (?:group )?(?:voice|video) call", "en"),
    ("Panggilan (?:suara|video)(?: grup)? tak terjawab", "id"),
)

OTHER_BODIES: tuple[tuple[str, str], ...] = (
    ("Waiting for this message(?:\\. This may take a while\\.)?", "en"),
    ("Menunggu pesan ini(?:…|\\.\\.\\.)?(?:[^\\n]*)?", "id"),
    ("", ""),  # an author with an empty body
)

# Polls: `POLL:` / `POLLING:`, then the question and one `OPTION: text (N votes)` line per option
# [T: other analyzers' pattern tables]. Recorded as kind "media", media_type "poll": a structured
# post by a member, like a shared location; its text (question and options) is kept as written.
POLLS: tuple[tuple[str, str], ...] = (
    ("POLL:(?:\\n[^\\n]*)*", "en"),
    ("POLLING:(?:\\n[^\\n]*)*", "id"),
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
    # the notice in other UI languages (iOS: authored by the chat's name; Android: no author), from
    # the starkdmi/whats_json real exports (2022) and WhatsR's test chats (de, nl) [R]. Not flagged
    # `authored`: after a name they are looked for behind the generated-body mark only (iOS).
    *(("e2e", lang, pat + "[^\\n]*", False) for lang, pat in {
        "cs": "Zprávy a hovory jsou (?:opatřeny|zabezpečeny) koncovým šifrováním",
        "de": "Nachrichten und Anrufe sind Ende-zu-Ende-verschlüsselt",
        "fr": "Les messages et les appels sont chiffrés de bout en bout",
        "hi": "मैसेजेस और कॉल्स एंड-टू-एंड एन्क्रिप्टेड हैं",
        "it": "I messaggi e le chiamate sono crittografati end-to-end",
        "ja": "メッセージと通話はエンドツーエンド暗号化されています",
        "pt": "As mensagens e chamadas são encriptadas ponto a ponto",
        "ru": "Сообщения и звонки защищены сквозным шифрованием",
        "es": "Los mensajes y las llamadas están cifrados de extremo a extremo",
        "th": "ข้อความและการโทรได้รับการเข้ารหัสจากต้นทางถึงปลายทาง",
        "uk": "Повідомлення й дзвінки захищено наскрізним шифруванням",
        "vi": "Tin nhắn và cuộc gọi được mã hóa đầu cuối",
        "ar": "الرسائل والمكالمات مشفرة تمامًا بين الطرفين",
        "nl": "Berichten en oproepen worden end-to-end versleuteld",
    }.items()),
    # security code
    ("security", "en", "Your security code with {Y} changed\\.[^\\n]*", True),
    ("security", "en", "{Y}'s security code changed\\.[^\\n]*", True),
    ("security", "id", "Kode keamanan Anda dengan {Y} (?:telah )?berubah[^\\n]*", True),
    ("security", "id", "Kode keamanan {Y} (?:telah )?berubah[^\\n]*", True),
    # the security-code notice in other UI languages (starkdmi/whats_json, real 2022 iOS exports) [R]
    *(("security", lang, pat + "[^\\n]*", False) for lang, pat in {
        "cs": "Bezpečnostní kód mezi vámi a[ \u00a0]uživatelem {Y} byl změněn\\.",
        "de": "Deine Sicherheitsnummer für {Y} hat sich geändert\\.",
        "es": "Cambió tu código de seguridad con {Y}\\.",
        "fr": "Votre code de sécurité avec {Y} a changé\\.",
        "hi": "{Y} के लिए आपका सुरक्षा कोड बदल गया है\\.",
        "it": "Il tuo codice di sicurezza con {Y} è cambiato\\.",
        "ja": "{Y}とのセキュリティコードが変更されました。",
        "pt": "O seu código de segurança partilhado com {Y} mudou\\.",
        "ru": "Ваш код безопасности с контактом {Y} изменился\\.",
        "th": "รหัสความปลอดภัยของคุณกับ {Y} มีการเปลี่ยนแปลง",
        "uk": "Код безпеки з контактом {Y} змінився\\.",
        "vi": "Mã bảo mật của bạn với {Y} đã thay đổi\\.",
        "ar": "تغيّر رمز أمانك المُستخدَم مع {Y}\\.",
    }.items()),
    # number change
    ("number_change", "en", "{X} changed their phone number to a new number\\.[^\\n]*", True),
    ("number_change", "en", "{X} changed to {Y}", False),
    ("number_change", "id", "{X} (?:telah )?mengganti nomor teleponnya[^\\n]*", True),
    ("number_change", "id", "{X} (?i:(?:telah )?diganti ke) {Y}", False),
    # disappearing messages
    ("disappearing", "en", "{X} turned (?:on|off) disappearing messages\\.[^\\n]*", False),
    ("disappearing", "en", "{X} updated the message timer\\.[^\\n]*", False),
    ("disappearing", "id", "{X} (?:telah )?(?:menyalakan|mematikan|mengaktifkan|menonaktifkan) pesan sementara[^\\n]*", False),
    # group created
    ("create", "en", "{X} created (?:the )?group " + OQ + "{Y}" + CQ, False),
    ("create", "en", "{X} created this group", False),
    ("create", "id", "{X} (?:telah )?membuat grup " + OQ + "{Y}" + CQ, False),
    ("create", "id", "{X} (?i:(?:telah )?membuat grup ini)", False),
    ("create", "de", "(?P<actor>Du) hast die Gruppe " + OQ + "{Y}" + CQ + " erstellt\\.?", False),
    ("create", "de", "{X} hat die Gruppe " + OQ + "{Y}" + CQ + " erstellt\\.?", False),
    # subject / group name
    ("subject", "en", "{X} changed the (?:subject|group name) from " + OQ + "[^\\n]*" + CQ + " to " + OQ + "{Y}" + CQ, False),
    ("subject", "en", "{X} changed the (?:subject|group name) to " + OQ + "{Y}" + CQ, False),
    ("subject", "en", "{X} (?:removed|deleted) the group name", False),
    ("subject", "id", "{X} (?:telah )?mengubah (?:subjek|nama grup) dari " + OQ + "[^\\n]*" + CQ + " menjadi " + OQ + "{Y}" + CQ, False),
    ("subject", "id", "{X} (?:telah )?mengubah (?:subjek|nama grup) (?:menjadi|ke) " + OQ + "{Y}" + CQ, False),
    ("subject", "de", "{X} (?:hast|hat) den Gruppennamen (?:von " + OQ + "[^\\n]*" + CQ + " )?zu " + OQ + "{Y}" + CQ + " geändert\\.?", False),
    # icon
    ("icon", "en", "{X} (?:changed|deleted|removed) (?:this group's icon|the icon for this group|the group icon)", False),
    ("icon", "id", "{X} (?i:(?:telah )?(?:mengubah|menghapus|mengganti) ikon grup(?: ini)?)", False),
    ("icon", "de", "{X} (?:hast|hat) das Gruppenbild (?:geändert|gelöscht)\\.?", False),
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
    ("join", "en", "{X} joined using your invite", False),
    ("join", "en", "{X} joined via (?:an|this group's) invite link", False),
    # Indonesian membership lines also occur in title case in newer exports ("Anda Bergabung
    # Menggunakan Tautan Undangan Grup Ini", "Anda Ditambahkan"): the wording is matched ignoring case.
    ("join", "id", "{X} (?i:(?:telah )?bergabung menggunakan tautan undangan grup ini)", False),
    ("join", "id", "{X} (?i:(?:telah )?bergabung (?:menggunakan|melalui|lewat) tautan undangan)[^\\n]*", False),
    ("join", "id", "{X} (?i:(?:telah )?bergabung (?:menggunakan|melalui|lewat) undangan Anda)", False),
    ("add", "en", "(?P<target>You) were added", False),
    ("add", "en", "{X} added {Y}", False),
    ("add", "en", "{Y} was added", False),
    ("add", "id", "(?P<target>Anda) (?i:(?:telah )?ditambahkan)", False),
    ("add", "id", "{X} (?i:(?:telah )?menambahkan) {Y}", False),
    ("add", "de", "{X} (?:hast|hat) {Y} hinzugefügt\\.?", False),
    ("remove", "en", "(?P<target>You) were removed", False),
    ("remove", "en", "{X} removed {Y}", False),
    ("remove", "id", "(?P<target>Anda) (?i:(?:telah )?dikeluarkan)", False),
    ("remove", "id", "{X} (?i:(?:telah )?mengeluarkan) {Y}", False),
    ("remove", "de", "{X} (?:hast|hat) {Y} entfernt\\.?", False),
    ("leave", "en", "{X} left", False),
    ("leave", "id", "{X} (?:telah )?keluar", False),
    # pinned messages (new event "pin"); wording from WhatsApp's UI [T]
    ("pin", "en", "{X} pinned a message", False),
    ("pin", "en", "{X} unpinned a message", False),
    ("pin", "id", "{X} (?i:(?:telah )?(?:menyematkan|melepas sematan) pesan)", False),
    # "X started a call" (group calls): becomes a record of kind "call" by X (see CALL_EVENTS)
    ("call", "en", "{X} started a (?:voice |video )?call", False),
    ("call", "id", "{X} (?i:memulai panggilan(?: suara| video)?)", False),
    # 2013-era joins: only recognised without an author or in legacy Android files
    ("join", "en", "{X} joined", False),
)

# Words that mean the exporting user inside system sentences.
EXPORTER_WORDS = {"you", "anda", "kamu", "du", "sie", "jij", "u", "tú", "usted", "você", "vous"}

# An *author* written as one of these words is the exporting user too (WhatsApp itself writes the
# exporter's display name; files converted by other tools write "You"/"Anda"). Only words that are
# not also plausible names.
EXPORTER_AUTHOR_WORDS = {"you", "anda"}

# System "events" that are really a member's record: "X started a call" is X's call (kind "call").
CALL_EVENTS = ("call",)

# Phrase patterns too weak to trust after a member's name on their own ("{X} left" matches a
# member's sentence "we left"): behind the generated-body mark they count only when the author is
# the chat's own name.
WEAK_AFTER_AUTHOR = ("{X} left", "{X} (?:telah )?keluar", "{X} joined")

# Known bots that post in groups as members (flagged `is_bot` in `Chat.members`; `exclude_bots`
# leaves them out). Compared after name normalisation, ignoring case.
BOT_NAMES = ("Meta AI",)

# Separators between several names in one add/remove line ("X added A, B and C").
NAME_LIST_SEPARATORS = (", ", " and ", " dan ", " & ", " und ", " en ", " y ", " e ")
