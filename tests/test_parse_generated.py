"""Issue 11: every record gets the right kind and author, in every UI language.

All chats here are invented (made-up people, numbers and group names) in the shapes real exports
have: iOS with the generated-body mark U+200E after `NAME: `, Android with captions, Indonesian
title-case wording, `~ Name` authors. The phrases are WhatsApp's own (see analyzer/chat/phrases.py).
"""
from __future__ import annotations

import pytest

from analyzer import load_chat
from analyzer.chat.body_kinds import split_names
from analyzer.chat.schema import EXPORTER, MESSAGE_COLUMNS

LRM, RLM = "\u200e", "\u200f"
GROUP = "Grup Dagang Kita"

# language: (e2e notice, image placeholder, others' deletion, location word, security notice about "Tomás")
IOS_PHRASES = {
    "fr": ("Les messages et les appels sont chiffrés de bout en bout. Aucun tiers ne peut les lire.",
           "image absente", "Ce message a été supprimé.", "Localisation",
           f"Votre code de sécurité avec Tomás a changé. {LRM}Appuyez pour en savoir plus."),
    "de": ("Nachrichten und Anrufe sind Ende-zu-Ende-verschlüsselt. Niemand außerhalb dieses Chats kann sie lesen.",
           "Bild weggelassen", "Diese Nachricht wurde gelöscht.", "Standort",
           f"Deine Sicherheitsnummer für Tomás hat sich geändert. {LRM}Tippe, um mehr zu erfahren."),
    "es": ("Los mensajes y las llamadas están cifrados de extremo a extremo. Nadie fuera de este chat puede leerlos.",
           "imagen omitida", "Se eliminó este mensaje.", "Ubicación",
           f"Cambió tu código de seguridad con Tomás. {LRM}Pulsa para obtener más información."),
    "pt": ("As mensagens e chamadas são encriptadas ponto a ponto. Ninguém fora desta conversa pode ler.",
           "imagem não revelada", "Esta mensagem foi apagada.", "Localização",
           f"O seu código de segurança partilhado com Tomás mudou. {LRM}Toque para saber mais."),
    "it": ("I messaggi e le chiamate sono crittografati end-to-end. Nessuno al di fuori di questa chat può leggerli.",
           "immagine omessa", "Questo messaggio è stato eliminato.", "Posizione",
           f"Il tuo codice di sicurezza con Tomás è cambiato. {LRM}Tocca per saperne di più."),
    "cs": ("Zprávy a hovory jsou opatřeny koncovým šifrováním. Nikdo jiný je nemůže číst.",
           "obrázek vynechán", "Tato zpráva byla smazána.", "Poloha",
           f"Bezpečnostní kód mezi vámi a\u00a0uživatelem Tomás byl změněn. {LRM}Další informace."),
    "ru": ("Сообщения и звонки защищены сквозным шифрованием. Третьи лица не могут их прочитать.",
           "изображение отсутствует", "Данное сообщение удалено.", "Местоположение",
           f"Ваш код безопасности с контактом Tomás изменился. {LRM}Подробнее."),
    "uk": ("Повідомлення й дзвінки захищено наскрізним шифруванням. Ніхто сторонній їх не прочитає.",
           "зображення відсутнє", "Це повідомлення було видалено.", "Розташування",
           f"Код безпеки з контактом Tomás змінився. {LRM}Торкніться, щоб дізнатися більше."),
    "hi": ("मैसेजेस और कॉल्स एंड-टू-एंड एन्क्रिप्टेड हैं. कोई और इन्हें पढ़ नहीं सकता.",
           "फ़ोटो हटाई गई", "यह मैसेज डिलीट कर दिया गया है.", "लोकेशन",
           f"Tomás के लिए आपका सुरक्षा कोड बदल गया है. {LRM}ज़्यादा जानने के लिए टैप करें."),
    "th": ("ข้อความและการโทรได้รับการเข้ารหัสจากต้นทางถึงปลายทาง ไม่มีใครอ่านได้",
           "ไม่มีรูปภาพ", "ข้อความนี้ถูกลบแล้ว", "ตำแหน่งที่ตั้ง",
           f"รหัสความปลอดภัยของคุณกับ Tomás มีการเปลี่ยนแปลง {LRM}แตะเพื่อเรียนรู้เพิ่มเติม"),
    "ja": ("メッセージと通話はエンドツーエンド暗号化されています。第三者は読めません。",
           "画像は含まれていません", "このメッセージは削除されました。", "位置情報",
           f"Tomásとのセキュリティコードが変更されました。 {LRM}タップして詳細を表示。"),
    "vi": ("Tin nhắn và cuộc gọi được mã hóa đầu cuối. Không ai khác có thể đọc.",
           "đã bỏ qua hình ảnh", "Tin nhắn này đã bị xóa.", "Vị trí",
           f"Mã bảo mật của bạn với Tomás đã thay đổi. {LRM}Nhấn để tìm hiểu thêm."),
    "ar": ("الرسائل والمكالمات مشفرة تمامًا بين الطرفين، لا يستطيع أحد قراءتها.",
           "لم يتم إدراج الصورة", "تم حذف هذه الرسالة.", "موقع",
           f"تغيّر رمز أمانك المُستخدَم مع Tomás. {RLM}انقر هنا لمعرفة المزيد."),
    "en": ("Messages and calls are end-to-end encrypted. No one outside of this chat can read them.",
           "image omitted", "This message was deleted.", "Location",
           f"Your security code with Tomás changed. {LRM}Tap to learn more."),
    "id": ("Pesan dan panggilan terenkripsi secara end-to-end. Tidak seorang pun di luar chat ini dapat membacanya.",
           "gambar tidak disertakan", "Pesan ini dihapus.", "Lokasi",
           f"Kode keamanan Anda dengan Tomás telah berubah. {LRM}Ketuk untuk info."),
}


def ios_group_chat(lang: str, *, mark: str = LRM) -> bytes:
    e2e, image, deleted, loc, security = IOS_PHRASES[lang]
    lines = [
        f"[3/2/24, 09:00:00] {GROUP}: {mark}{e2e}",
        "[3/2/24, 09:01:10] Rina: halo semua, stok baru datang",
        f"{mark}[3/2/24, 09:02:20] Budi: {mark}{image}",
        f"{mark}[3/2/24, 09:03:30] Mei: {mark}{deleted}",
        f"[3/2/24, 09:04:40] Budi: {mark}{loc}: https://maps.google.com/?q=-6.2,106.8",
        f"[3/2/24, 09:05:50] Tomás: {mark}{mark}{security}",
        "[3/2/24, 09:06:00] Tomás: berapa harganya?",
        f"{mark}[3/2/24, 09:07:10] Mei: {mark}{image}",
    ]
    return ("\r\n".join(lines) + "\r\n").encode()


@pytest.mark.parametrize("lang", sorted(IOS_PHRASES))
def test_ios_generated_bodies_in_every_language(lang: str) -> None:
    m = load_chat(ios_group_chat(lang, mark=RLM if lang == "ar" else LRM)).messages
    assert list(m["kind"]) == ["system", "text", "media", "deleted", "media", "system", "text", "media"]
    assert list(m["media_type"].fillna("-")) == ["-", "-", "image", "-", "location", "-", "-", "image"]
    assert list(m["event"].fillna("-")) == ["e2e", "-", "-", "-", "-", "security", "-", "-"]
    assert m.loc[5, "event_target"] == "Tomás"
    authors = set(m["author"].dropna())
    assert authors == {"Rina", "Budi", "Mei", "Tomás"}  # the group's name is no author
    text = m[m["kind"] == "text"]
    assert list(text["text"]) == ["halo semua, stok baru datang", "berapa harganya?"]


def test_marked_member_messages_stay_text() -> None:
    # Some exports put the mark before ordinary messages too: they are still the member's text.
    chat = (f"[1/29/18, 10:00:00] Ana: {LRM}Alright, let's go\r\n"
            f"[1/29/18, 10:00:30] Ben: No idea, let's try\r\n"
            f"[1/29/18, 10:01:00] Ana: {LRM}By the way, are we meeting?\r\n"
            f"[1/29/18, 10:02:00] Ben: sure\r\n").encode()
    m = load_chat(chat).messages
    # the first record is marked and unknown: it is taken for the notice that opens every export
    assert list(m["kind"]) == ["system", "text", "text", "text"]
    assert m.loc[2, "author"] == "Ana" and m.loc[2, "text"] == "By the way, are we meeting?"


def test_unknown_language_generated_records_are_not_text() -> None:
    # A language without tables (invented wording): the opening notice under the group's name and
    # a placeholder that keeps coming back marked.
    chat = (f"[5/6/24, 08:00:00] {GROUP}: {LRM}Xyzzy plugh encrypted notice\r\n"
            f"[5/6/24, 08:01:00] Rina: selamat pagi\r\n"
            f"{LRM}[5/6/24, 08:02:00] Budi: {LRM}kuva puuttuu\r\n"
            f"{LRM}[5/6/24, 08:03:00] Mei: {LRM}kuva puuttuu\r\n"
            f"[5/6/24, 08:04:00] Mei: {LRM}Once a member's own line with the mark\r\n").encode()
    m = load_chat(chat).messages
    assert list(m["kind"]) == ["system", "text", "other", "other", "text"]
    assert m.loc[0, "event"] == "other" and m["author"].iloc[0] is pd_na()
    assert GROUP not in set(m["author"].dropna())


def pd_na():
    import pandas as pd
    return pd.NA


def test_ios_group_name_author_on_system_events_id_and_en() -> None:
    chat = (f"[26/01/24 21.00.00] {GROUP}: {LRM}Pesan dan panggilan terenkripsi secara end-to-end. Tidak ada.\r\n"
            f"[26/01/24 21.01.00] {GROUP}: {LRM}alfi added ~ Lim, Budi and Mei\r\n"
            f"[26/01/24 21.02.00] {GROUP}: {LRM}Tomás bergabung menggunakan undangan Anda\r\n"
            f"[26/01/24 21.03.00] {GROUP}: {LRM}Anda mengeluarkan Tomás\r\n"
            f"[26/01/24 21.04.00] {GROUP}: {LRM}Rina mengubah ikon grup ini\r\n"
            f"[26/01/24 21.05.00] {GROUP}: {LRM}Anda menyematkan pesan\r\n"
            f"[26/01/24 21.06.00] Rina: halo\r\n"
            f"[26/01/24 21.07.00] ~ Lim: salam kenal\r\n").encode()
    chat_ = load_chat(chat)
    m = chat_.messages
    assert list(m["kind"]) == ["system"] * 6 + ["text", "text"]
    assert list(m["event"].iloc[:6]) == ["e2e", "add", "join", "remove", "icon", "pin"]
    assert m.loc[1, "event_target"] == "Lim, Budi and Mei"  # as written (names normalised)
    assert split_names(m.loc[1, "event_target"]) == ["Lim", "Budi", "Mei"]
    assert m.loc[3, "event_actor"] == EXPORTER and m.loc[3, "event_target"] == "Tomás"
    assert set(m["author"].dropna()) == {"Rina", "Lim"}
    members = set(chat_.members["member"])
    assert {"Lim", "Budi", "Mei", "Tomás", "Rina", "alfi"} <= members and GROUP not in members
    assert "Anda" not in members


@pytest.mark.parametrize("line, event, actor, target", [
    ("Anda Bergabung Menggunakan Tautan Undangan Grup Ini", "join", EXPORTER, None),
    ("Anda Ditambahkan", "add", None, EXPORTER),
    ("Anda Membuat Grup Ini", "create", EXPORTER, None),
    ("Budi Mengubah Ikon Grup Ini", "icon", "Budi", None),
    ("+62 812-1111-2222 diganti ke +62 813-3333-4444", "number_change", "+62 812-1111-2222", "+62 813-3333-4444"),
    ("Rina menyematkan pesan", "pin", "Rina", None),
    ("Rina pinned a message", "pin", "Rina", None),
    ("Budi joined using your invite", "join", "Budi", None),
])
def test_indonesian_title_case_and_newer_wording(line: str, event: str, actor, target) -> None:
    for chat in (f"12/01/24 09.00 - {line}\n12/01/24 09.01 - Rina: ok\n",
                 f"[12/01/24 09.00.00] {LRM}{line}\r\n[12/01/24 09.01.00] Rina: ok\r\n"):
        r = load_chat(chat.encode()).messages.iloc[0]
        assert r["kind"] == "system" and r["event"] == event
        assert (None if r["event_actor"] is pd_na() else r["event_actor"]) == actor
        assert (None if r["event_target"] is pd_na() else r["event_target"]) == target


def test_started_a_call_is_the_callers_call() -> None:
    m = load_chat(b"12/01/24 09.00 - Rina started a call\n12/01/24 09.05 - Budi memulai panggilan video\n"
                  b"12/01/24 09.06 - Mei: ok\n").messages
    assert list(m["kind"]) == ["call", "call", "text"]
    assert list(m["author"].iloc[:2]) == ["Rina", "Budi"] and m["event"].iloc[:2].isna().all()


def test_polls_are_media_of_type_poll() -> None:
    chat = ("12/01/24 09.00 - Rina: POLLING:\nKumpul kapan?\nOPSI: Sabtu (2 suara)\nOPSI: Minggu (1 suara)\n"
            "1/12/24, 9:01 AM - Budi: ok\n")
    m = load_chat("12/01/24 09.00 - Rina: POLLING:\nKumpul kapan?\nOPSI: Sabtu (2 suara)\n12/01/24 09.01 - Budi: ok\n"
                  .encode()).messages
    assert (m.loc[0, "kind"], m.loc[0, "media_type"], m.loc[0, "author"]) == ("media", "poll", "Rina")
    assert "Kumpul kapan?" in m.loc[0, "text"]
    m = load_chat(chat.replace("POLLING:", "POLL:").split("1/12/24")[0].encode() + b"12/01/24 09.01 - Budi: ok\n").messages
    assert m.loc[0, "media_type"] == "poll"


@pytest.mark.parametrize("placeholder", ["<Media tidak disertakan>", "<Media omitted>", "<Media Skipped>",
                                         "IMG-20240112-WA0003.jpg (file terlampir)"])
def test_android_media_with_caption(placeholder: str) -> None:
    m = load_chat(f"12/01/24 09.00 - Rina: {placeholder}\nKeripik pedas 15rb\nready 20 pcs\n"
                  f"12/01/24 09.01 - Budi: {placeholder}\n12/01/24 09.02 - Mei: mau 2\n".encode()).messages
    assert list(m["kind"]) == ["media", "media", "text"]
    assert m.loc[0, "text"] == "Keripik pedas 15rb\nready 20 pcs"  # the caption is the text
    assert m.loc[1, "text"] == placeholder  # no caption: the placeholder as written


def test_android_with_seconds_and_tilde_authors() -> None:
    m = load_chat("21/10/21, 15:21:45 - ~ Budi Santoso: halo\n21/10/21, 15:22:01 - ~: tanpa nama\n"
                  "21/10/21, 15:22:30 - Rina: ok\n21/10/21, 15:23:00 - ~\u202fBudi Santoso: lagi\n".encode()).messages
    assert list(m["author"]) == ["Budi Santoso", "~", "Rina", "Budi Santoso"]
    assert list(m["author_self_named"]) == [True, True, False, True]
    assert m["timestamp"].iloc[0].second == 45
    assert list(m.columns) == list(MESSAGE_COLUMNS)


def test_meta_ai_is_flagged_and_can_be_left_out() -> None:
    from analyzer import analyze

    chat = load_chat(b"12/01/24 09.00 - Rina: @Meta AI resep keripik?\n12/01/24 09.01 - Meta AI: Tentu! ...\n"
                     b"12/01/24 09.02 - Budi: makasih\n12/01/24 09.03 - Rina: ok\n")
    mem = chat.members.set_index("member")
    assert bool(mem.loc["Meta AI", "is_bot"]) and not bool(mem.loc["Rina", "is_bot"])
    r = analyze(chat, exclude_bots=True, bootstrap=0, null_draws=0, classify=False, network=False)
    assert "Meta AI" not in set(r.members["member"]) and r.parameters["excluded_bots"] == ["Meta AI"]
    r = analyze(chat, bootstrap=0, null_draws=0, classify=False, network=False)
    assert bool(r.members.set_index("member").loc["Meta AI", "is_bot"])
    assert "quality" in r.to_dict() and r.to_dict()["quality"]["records"] == 4


def test_you_and_anda_as_author_are_the_exporter() -> None:
    chat = load_chat(b"12/01/24 09.00 - Anda: halo\n12/01/24 09.01 - Budi: ok\n12/01/24 09.02 - You: sip\n")
    assert list(chat.messages["author"]) == [EXPORTER, "Budi", EXPORTER]
    assert set(chat.members.loc[chat.members["is_exporter"], "member"]) == {EXPORTER}
    named = load_chat(b"12/01/24 09.00 - Anda: halo\n12/01/24 09.01 - Budi: ok\n", exporter="Rina")
    assert list(named.messages["author"]) == ["Rina", "Budi"]
