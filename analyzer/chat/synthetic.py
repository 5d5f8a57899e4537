"""Invented but realistic group conversations, for sample exports, tests and benchmarks.

`generate_conversation(seed)` simulates an Indonesian UMKM (small-business) community group over
several months: a coordinator and a treasurer, one member who forwards most business news (KUR,
pelatihan, sertifikasi halal, NIB/OSS, harga bahan baku), sellers posting promotions, members
asking questions that get answered within minutes or hours (or never), coordination (kopdar, iuran
kas, rapat zoom), chit-chat with Javanese words and emoji, Ramadan and Lebaran, joins via link,
adds, leaves, a removed spammer, a subject change, media placeholders, deletions and an edit.
Posting is heavy-tailed by construction, because the analysis this tool exists for is whether a
few members carry the news.

The output is a list of `analyzer.chat.write.Record`, so the same conversation can be rendered in any
export style. Everything is seeded: the same arguments always give the same records. Every
person, number, shop and link slug here is invented.

`iter_conversation` streams the same simulation day by day for large files (the 1M-message
benchmark), with extra generated members so a big group still looks like a group.

`generate_with_truth` returns the same records plus what the simulation *knows* about them: the
category each text was written as, and for every request (a question, a buyer asking a seller)
whether and by which record it was answered. This is the ground truth the answer rule
(`analyzer.metrics.answers`) is tested against. With `hard_cases=True` the simulation adds what
makes answers hard to see in a .txt export: unrelated chatter right after an unanswered question,
late answers (more than 30 min after the question) that @mention or name the asker 70% of the time
(the other 30% carry no cue at all, as a quote-reply does once exported), the asker's own follow-up (which is not an answer by anyone
else) and two questions open at once. It is off by default so the bundled samples stay the same.
"""
from __future__ import annotations

import heapq
import random
from dataclasses import dataclass, field, replace
from datetime import date, datetime, timedelta
from typing import Callable, Iterator, Sequence

from analyzer.chat.write import Record
from analyzer.chat.schema import EXPORTER

__all__ = [
    "Member", "Community", "UMKM", "SMALLBIZ", "generate_conversation", "iter_conversation",
    "UMKM_GROUP_NAME", "UMKM_EXPORTER", "SMALLBIZ_GROUP_NAME", "SMALLBIZ_EXPORTER",
    "generate_with_truth", "CATEGORY_OF_THREAD",
]


# --------------------------------------------------------------------------------------------
# Cast


@dataclass(frozen=True)
class Member:
    """One invented participant: display name, role and how much they post."""

    name: str
    role: str  # admin, treasurer, news, seller, member, spammer
    weight: float  # relative posting activity (heavy-tailed across the group)
    join_day: int = 0  # day offset when they enter the group
    how: str = "added"  # "create", "added" (by the admin), "link" (invite link)
    leave_day: int | None = None
    removed: bool = False  # left by being removed by the admin
    product: str | None = None  # sellers: index key into the community's product table


@dataclass
class Community:
    """Everything that makes one group: cast, names, dates and the content banks."""

    language: str  # "id" or "en"
    first_name: str  # group name at creation
    final_name: str  # after the subject change (what the export file is called)
    exporter: str  # display name of the member whose phone exported the chat
    members: list[Member]
    start: datetime
    days: int
    per_day: float  # mean messages per day (before weekday/season/hour factors)
    hourly: Sequence[float]
    ramadan: tuple[date, date] | None
    eid: date | None
    bank: "Bank"


@dataclass
class Bank:
    """Content templates. Each entry is a callable (rng, ctx) -> str or a plain string."""

    news: list
    promo: dict[str, list]  # product -> templates
    questions: list[tuple[str, list[str]]]  # question, answers
    coordination: list[tuple[str, list[str]]]  # admin post, member replies
    social: list[tuple[str, list[str]]]  # opener, replies
    thanks: list[str]
    chatter: list[str]  # short stand-alone lines
    ramadan: list[tuple[str, list[str]]] = field(default_factory=list)
    eid: list[tuple[str, list[str]]] = field(default_factory=list)
    spam: list[str] = field(default_factory=list)
    documents: list[str] = field(default_factory=list)
    locations: list[str] = field(default_factory=list)


# --------------------------------------------------------------------------------------------
# Indonesian UMKM content

_MONTHS_ID = ["Januari", "Februari", "Maret", "April", "Mei", "Juni", "Juli", "Agustus",
              "September", "Oktober", "November", "Desember"]
_DAYS_ID = ["Senin", "Selasa", "Rabu", "Kamis", "Jumat", "Sabtu", "Minggu"]


def _rp(rng: random.Random, lo: int, hi: int, step: int = 500) -> str:
    """A price as Indonesians type it: `Rp 25.000`, `25rb`, `Rp25rb`, `25k`."""
    v = rng.randrange(lo, hi + 1, step)
    style = rng.random()
    if style < 0.45:
        return "Rp " + f"{v:,}".replace(",", ".")
    if style < 0.75 and v % 1000 == 0:
        return f"{v // 1000}rb"
    if style < 0.88 and v % 1000 == 0:
        return f"Rp{v // 1000}rb"
    if v % 1000 == 0:
        return f"{v // 1000}k"
    return "Rp " + f"{v:,}".replace(",", ".")


def _slug(rng: random.Random) -> str:
    return "".join(rng.choice("abcdefghijkmnpqrstuvwxyz23456789") for _ in range(rng.randint(6, 10)))


def _day_name(d: datetime) -> str:
    return _DAYS_ID[d.weekday()]


def _next_saturday(d: datetime) -> str:
    s = d + timedelta(days=(5 - d.weekday()) % 7 or 7)
    return f"Sabtu {s.day} {_MONTHS_ID[s.month - 1]}"


_NEWS_ID: list[Callable[[random.Random, datetime], str]] = [
    lambda r, t: (f"*INFO KUR {t.year}* 📢\nPlafon KUR mikro sampai Rp 100 juta, bunga 6% per tahun.\n"
                  f"Syarat: KTP, KK, NIB, usaha min. 6 bulan.\nInfo lengkap: https://kur.ekon.go.id/"),
    lambda r, t: (f"Bapak ibu, ada pelatihan gratis digital marketing utk UMKM dari Dinkop, "
                  f"{_next_saturday(t)} jam 08.00-12.00 di {r.choice(['Balai Kota', 'Gedung Graha Wisata', 'Aula Kecamatan'])}. "
                  f"Kuota {r.choice([30, 40, 50])} orang. Daftar: https://bit.ly/{_slug(r)}"),
    lambda r, t: (f"Program sertifikasi halal gratis (SEHATI) {t.year} sudah dibuka lagi 🙏\n"
                  f"Khusus usaha mikro, self declare. Daftar lewat https://ptsp.halal.go.id\n"
                  f"Yg butuh pendamping PPH bisa japri saya"),
    lambda r, t: (f"Info harga bahan baku di Pasar Legi pagi ini:\n"
                  f"- Gula pasir {_rp(r, 16500, 18500)}/kg\n- Minyak goreng {_rp(r, 15000, 19000)}/liter\n"
                  f"- Tepung terigu {_rp(r, 11000, 14000)}/kg\n- Telur {_rp(r, 26000, 31000)}/kg\n"
                  f"- Cabai rawit {_rp(r, 40000, 90000, 1000)}/kg {r.choice(['naik lagi 😩', 'mulai turun', 'masih tinggi'])}"),
    lambda r, t: (f"Yg belum punya NIB segera urus ya, gratis lewat https://oss.go.id. "
                  f"NIB jadi syarat KUR, sertifikasi halal dan ikut bazar pemkot"),
    lambda r, t: (f"https://www.solopos.com/{r.choice(['umkm', 'bisnis', 'ekonomi'])}-solo-{_slug(r)}-{r.randint(1000000, 1999999)}\n"
                  f"{r.choice(['Pemkot buka pendaftaran bazar UMKM', 'Kunjungan wisata ke Solo naik, peluang buat kuliner', 'Harga cabai melonjak jelang Lebaran'])}"),
    lambda r, t: (f"https://finance.detik.com/berita-ekonomi-bisnis/d-{r.randint(7000000, 7999999)}/{_slug(r)}\n"
                  f"{r.choice(['Pemerintah tambah kuota KUR', 'Bunga KUR tetap 6% tahun ini', 'UMKM wajib sertifikat halal mulai Oktober'])}"),
    lambda r, t: (f"Pendaftaran bazar UMKM {r.choice(['Car Free Day Slamet Riyadi', 'Solo Great Sale', 'Pasar Ramadan Ngarsopuro'])} "
                  f"dibuka sampai {r.randint(5, 28)} {_MONTHS_ID[t.month - 1]}. Sewa stand {_rp(r, 100000, 350000, 50000)}, "
                  f"{r.choice(['ada kuota gratis utk pelaku usaha mikro', 'dapat tenda dan meja'])}. Formulir di https://forms.gle/{_slug(r)}"),
    lambda r, t: (f"Bapak ibu, Shopee & Tokopedia ada program {r.choice(['gratis ongkir', 'pelatihan seller baru', 'kampanye produk lokal'])} "
                  f"utk UMKM binaan. Syaratnya toko aktif min. 3 bulan. Info: https://seller.shopee.co.id/edu"),
    lambda r, t: (f"*Forward*\nBPOM buka klinik konsultasi izin edar utk pangan olahan UMKM tiap {r.choice(['Selasa', 'Kamis'])}. "
                  f"Gratis, bawa sampel produk dan label."),
    lambda r, t: (f"Info: Rumah BUMN {r.choice(['BRI', 'Mandiri', 'Telkom'])} Solo buka kelas foto produk pakai HP, "
                  f"{_next_saturday(t)}. Gratis, snack disediakan 😊 https://bit.ly/{_slug(r)}"),
    lambda r, t: (f"Harga kemasan standing pouch naik {r.randint(5, 15)}% bulan ini kata supplier langganan saya, "
                  f"yg mau stok mending sekarang"),
    lambda r, t: (f"https://www.kompas.com/tren/read/{t.year}/{t.month:02d}/{t.day:02d}/{r.randint(100000000, 199999999)}/{_slug(r)}\n"
                  f"Tips pengemasan makanan biar awet dikirim luar kota"),
    lambda r, t: (f"Info dari Dinas Koperasi: pendataan UMKM {t.year} lewat https://sidata.{r.choice(['surakarta', 'sukoharjo', 'karanganyar'])}.go.id, "
                  f"nanti jadi dasar bantuan alat usaha"),
]

_PRODUCTS_ID: dict[str, list[Callable[[random.Random, datetime], str]]] = {
    "catering": [
        lambda r, t: (f"Menerima pesanan nasi box 🍱\nPaket A {_rp(r, 20000, 25000, 1000)} (ayam bakar, sayur, sambal, buah)\n"
                      f"Paket B {_rp(r, 28000, 35000, 1000)} (rendang)\nMin. order 20 box, H-2 ya bapak ibu"),
        lambda r, t: f"Snack box {_rp(r, 8000, 15000)} isi 3 kue + air mineral. Cocok utk rapat & pengajian 🙏",
        lambda r, t: f"Alhamdulillah hari ini kirim {r.choice([50, 80, 120, 150])} box ke {r.choice(['kantor kelurahan', 'acara aqiqah', 'sekolah'])} 🤲",
    ],
    "batik": [
        lambda r, t: f"Batik tulis motif {r.choice(['parang', 'kawung', 'sidomukti', 'truntum'])} ready stock, {_rp(r, 250000, 450000, 25000)}. Bisa COD area Laweyan",
        lambda r, t: f"Kemeja batik cap pria size M-XXL {_rp(r, 95000, 150000, 5000)}, seragam kantor bisa custom 👔\nKatalog: https://shopee.co.id/batik.laweyan.{_slug(r)}",
    ],
    "keripik": [
        lambda r, t: (f"Open PO keripik tempe 🔥\n250gr {_rp(r, 12000, 16000, 1000)}\n500gr {_rp(r, 24000, 30000, 1000)}\n"
                      f"PO sampai {r.choice(_DAYS_ID[:5])}, kirim {r.choice(_DAYS_ID[4:])}"),
        lambda r, t: f"Keripik tempe rasa {r.choice(['original', 'balado', 'jeruk purut'])} ready lagi ya, {_rp(r, 12000, 16000, 1000)}. Bisa beli di https://www.tokopedia.com/keripikmasanto",
        lambda r, t: "Reseller keripik dicari, diskon 20% min 10 bungkus 🙏",
    ],
    "kue": [
        # Lebaran cookies are only sold in the weeks before Idul Fitri (10 April 2024).
        lambda r, t: (f"Open PO kue kering lebaran 🌙\nNastar {_rp(r, 80000, 95000, 5000)}/toples\nKastengel {_rp(r, 85000, 100000, 5000)}\n"
                      f"Putri salju {_rp(r, 75000, 90000, 5000)}\nClose order 31 Maret") if (t.month, t.day) < (3, 31) and t.month >= 2
        else f"Kue kering toples ready stock {_rp(r, 55000, 75000, 5000)}, cocok buat hantaran 🎁",
        lambda r, t: f"Brownies panggang {_rp(r, 35000, 50000, 5000)}, bolu pandan {r.choice(['35rb', '40rb'])}. Pesan H-1 ya",
    ],
    "kopi": [
        lambda r, t: f"Kopi bubuk robusta Lereng Lawu 200gr {_rp(r, 35000, 50000, 5000)} ☕ Arabika {_rp(r, 60000, 85000, 5000)}. Sangrai baru minggu ini",
        lambda r, t: f"Yg mau nyobain cold brew literan {_rp(r, 45000, 65000, 5000)}, bisa kirim Solo raya",
    ],
    "hijab": [
        lambda r, t: f"Pashmina ceruty {_rp(r, 30000, 45000, 5000)}, bergo instan {r.choice(['35rb', '40rb', '45rb'])}. Warna lengkap kak 🧕\nhttps://shopee.co.id/linahijab.{_slug(r)}",
        lambda r, t: "Ready mukena travel utk oleh2 umroh, harga grosir bisa nego 🙏",
    ],
    "mebel": [
        lambda r, t: f"Kursi teras jati {_rp(r, 850000, 1500000, 50000)}/set, meja kecil {_rp(r, 250000, 450000, 25000)}. Bisa custom ukuran",
        lambda r, t: "Terima service & finishing ulang mebel, panggilan area Sukoharjo",
    ],
    "sambal": [
        lambda r, t: f"Sambal bawang Bu Ning {_rp(r, 20000, 28000, 1000)}/botol 🌶️ level 1-5. Tahan 2 bulan tanpa pengawet",
        lambda r, t: f"Sambal cumi ready {r.choice(['15', '20', '24'])} botol lagi, {_rp(r, 30000, 40000, 1000)}. Siapa cepat dia dapat",
    ],
    "frozen": [
        lambda r, t: f"Frozen food: dimsum isi 10 {_rp(r, 20000, 28000, 1000)}, risoles mayo isi 6 {r.choice(['18rb', '20rb'])}, nugget sayur {r.choice(['25rb', '28rb'])}",
        lambda r, t: "Yg mau jadi reseller frozen bisa japri, modal mulai 200rb",
    ],
    "jamu": [
        lambda r, t: f"Jamu kunyit asem & beras kencur botol 250ml {_rp(r, 8000, 12000, 1000)}. Sudah PIRT 👍",
        lambda r, t: "Wedang uwuh kemasan sachet ready, cocok buat oleh2 🌿",
    ],
    "florist": [
        lambda r, t: f"Buket wisuda mulai {_rp(r, 50000, 75000, 5000)}, buket uang bisa custom 💐",
        lambda r, t: "Terima pesanan bunga papan ucapan area Solo, H-1 ya kak",
    ],
    "madu": [
        lambda r, t: f"Madu hutan asli 500gr {_rp(r, 85000, 120000, 5000)}, madu klanceng {_rp(r, 120000, 180000, 10000)}. Bisa cek lab 🍯",
    ],
}

_QUESTIONS_ID: list[tuple[str, list[str]]] = [
    ("ada yg tau supplier kemasan di Solo?", ["coba di Pasar Legi mbak, banyak toko plastik", "aku biasa order di shopee kak, standing pouch 100pcs 45rb",
                                              "di Jl. Kapten Mulyadi ada toko kemasan grosir, murah"]),
    ("Mau tanya, syarat KUR BRI apa aja ya?", ["KTP, KK, NIB sama foto usaha pak. Kemarin saya 2 minggu cair", "ke unit BRI terdekat aja bu, dibantu mantrinya",
                                              "Bisa lihat di link yg saya share kemarin bu 🙏"]),
    ("NIB daftarnya di mana ya? bayar ga?", ["di oss.go.id bu, gratis", "gratis kak, 15 menit jadi kalau data lengkap"]),
    ("sertifikasi halal gratis masih buka ga ya?", ["masih bu, kuota sampai akhir tahun", "saya kemarin daftar lewat pendamping, 3 minggu terbit"]),
    ("Ekspedisi yg murah buat kirim ke luar Jawa apa ya?", ["Indah Cargo murah utk yg berat", "coba JNE trucking kak", "sentral cargo juga oke"]),
    ("Ada yg bisa jasa foto produk ga ya? budget minim 😅", ["saya bisa kak, japri ya", "pakai HP aja kak, ikut kelas di Rumah BUMN gratis"]),
    ("ngurus PIRT lama ga sih?", ["sekitar sebulan bu, harus ikut penyuluhan dulu", "tergantung kabupatennya, di Solo kemarin cepet"]),
    ("link zoom nya mana min?", ["sudah saya share di atas ya 🙏", "https://us06web.zoom.us/j/8123456789"]),
    ("Ada yg jual label stiker kemasan custom?", ["percetakan di Jl. Honggowongso bisa, min 1 rim", "aku bisa bantu desain kak 😊"]),
    ("bahan baku kedelai skrg beli di mana yg murah?", ["Pasar Gede masih 11rb/kg", "ambil di koperasi pengrajin tahu tempe aja pak"]),
    ("Gimana cara masuk ke katalog e-katalog pemerintah?", ["lewat LKPP bu, tapi ribet", "nanti kita bahas pas rapat zoom aja ya"]),
    ("ada yg pernah ikut pameran di Jakarta? biayanya berapa?", ["saya ikut Inacraft tahun lalu, stand 7jt", "kalau lewat Dinas bisa dapat subsidi"]),
    ("Harga sewa stand bazar CFD berapa ya?", ["kemarin 150rb bu", "ada yg gratis kalau daftar lewat kelurahan"]),
    ("Mau tanya, marketplace yg paling laku utk makanan apa ya?", ["shopee food lumayan", "tiktok shop sekarang rame kak", "grabfood sih kalau aku"]),
    ("ada yg punya kenalan tukang las buat rombong?", ["Pak Slamet bisa tuh", "saya bisa pak, japri ya 🙏"]),
    ("printer thermal buat resi yg awet merk apa ya?", ["Xprinter aman kak", "epson mahal tapi awet"]),
    ("Kapan jadwal kopdar berikutnya bu?", ["bulan depan insyaallah, nunggu rapat dulu", "tanggalnya menyusul ya"]),
    ("Ada info pinjaman modal selain KUR?", ["LPDB kak, bunga rendah", "ada dana bergulir dari Dinkop juga"]),
]

_COORD_ID: list[tuple[Callable[[random.Random, datetime], str], list[str]]] = [
    (lambda r, t: (f"Assalamualaikum wr wb. Bapak ibu, rapat zoom bulanan {_next_saturday(t)} jam 19.30 ya. "
                   f"Agenda: evaluasi bazar & rencana pelatihan. Link menyusul 🙏"),
     ["siap bu", "insyaallah hadir", "hadir 🙋‍♀️", "izin ga bisa ikut bu, ada pesanan", "nggih bu"]),
    (lambda r, t: f"Link zoom malam ini:\nhttps://us06web.zoom.us/j/{r.randint(81000000000, 89999999999)}\nPasscode: umkm{r.randint(10, 99)}",
     ["sudah join bu", "siap", "matur nuwun bu 🙏"]),
    (lambda r, t: (f"Pengingat iuran kas bulan {_MONTHS_ID[t.month - 1]} Rp 20.000 ya bapak ibu 🙏\n"
                   f"Transfer ke BRI 0123-01-{r.randint(100000, 999999)}-50-{r.randint(1, 9)} a.n. Endang Susilowati\n"
                   f"atau bayar pas kopdar"),
     ["sudah transfer ya bu 🙏", "siap bu, nanti malam", "nitip pas kopdar ya bu", "sampun bu"]),
    (lambda r, t: (f"Kopdar {_next_saturday(t)} jam 09.00 di {r.choice(['Taman Balekambang', 'Pendopo Kelurahan', 'Rumah Makan Bu Sri'])}, "
                   f"sekalian bazar kecil2an. Yg mau buka lapak konfirmasi ke saya ya"),
     ["ikut buka lapak bu 🙋", "insyaallah hadir", "saya bawa keripik ya bu", "wah seru, ikut", "izin absen bu"]),
    (lambda r, t: (f"Rekap kas {_MONTHS_ID[(t.month - 2) % 12]}:\nSaldo awal {_rp(r, 900000, 1500000, 10000)}\n"
                   f"Masuk {_rp(r, 200000, 500000, 20000)}\nKeluar {_rp(r, 50000, 250000, 10000)} (konsumsi kopdar)\n"
                   f"Detail di file ya. Terima kasih 🙏"),
     ["matur nuwun bu bendahara", "👍", "siap bu"]),
    (lambda r, t: "Bapak ibu mohon isi data usaha di form ini ya, utk pendataan anggota & program pelatihan:\nhttps://forms.gle/" + _slug(r),
     ["sudah isi bu", "siap", "nanti malam saya isi"]),
    (lambda r, t: "Yg mau ikut kurasi produk utk etalase Dekranasda, kirim foto produk ke saya paling lambat Jumat ya",
     ["saya ikut bu", "boleh 2 produk bu?", "siap kirim"]),
    (lambda r, t: "Mohon grup ini dipakai utk info usaha & silaturahmi ya bapak ibu. Promo boleh, tapi jangan spam & jangan share hoaks 🙏",
     ["siap bu", "nggih", "👍👍"]),
]

_SOCIAL_ID: list[tuple[str, list[str]]] = [
    ("Selamat pagi bapak ibu, semangat jualannya hari ini 💪", ["pagi bu 🙏", "aamiin", "sugeng enjing", "semangat!"]),
    ("alhamdulillah hari ini laris manis 🤲", ["alhamdulillah ikut seneng", "mantap bu 👍", "barakallah"]),
    ("Jumat berkah, jangan lupa sedekah 🙏", ["aamiin", "🤲"]),
    ("sugeng enjing sedoyo 🙏", ["sugeng enjing", "enjing pak", "pagi"]),
    ("Hujan deres di Solo, yg kirim barang hati2 ya", ["iya nih, kurir telat semua", "amin, makasih bu"]),
    ("Ada yg ke pameran di Solo Paragon kemarin?", ["saya ke sana, ramai bgt", "ga sempet, ada pesanan"]),
    ("Selamat ulang tahun Bu Ratna 🎂🎉 sehat selalu", ["HBD bu 🎉", "sehat selalu bu, barakallah", "matur nuwun sanget 🙏🥰"]),
    ("wah pada sibuk ya, grup sepi 😅", ["lagi musim pesanan kak", "hehe iya", "wkwkwk"]),
    ("Matur nuwun infonya pak 🙏", ["sami-sami", "monggo"]),
    ("Selamat malam, istirahat dulu bapak ibu 😴", ["malam", "selamat istirahat"]),
]

_THANKS_ID = ["makasih infonya 🙏", "matur nuwun", "terima kasih kak", "oke siap, makasih", "wah membantu bgt, makasih 🙏",
              "nggih matur nuwun", "makasih bu", "siap, nanti tak coba"]
_CHATTER_ID = ["👍", "🙏", "siap", "mantap", "wkwkwk", "😂😂", "nggih", "hehe", "oke", "setuju", "mantul 👍", "🙏🙏",
               "aamiin", "alhamdulillah", "monggo", "betul", "ok bu", "iya kak", "lanjut", "ngapunten telat bales 🙏"]

_RAMADAN_ID: list[tuple[str, list[str]]] = [
    ("Marhaban ya Ramadan 🌙 Selamat menunaikan ibadah puasa, mohon maaf lahir & batin 🙏",
     ["mohon maaf lahir batin juga 🙏", "selamat berpuasa", "aamiin"]),
    ("sahur sahur 😴", ["sudah bangun 🙋", "wkwk sahur apa bu?", "selamat sahur"]),
    ("Selamat berbuka puasa bapak ibu 🍵", ["selamat berbuka", "alhamdulillah"]),
    ("yg buka takjil di Ngarsopuro gimana, rame?", ["rame banget bu, kolak habis jam 5", "lumayan, alhamdulillah"]),
]
_EID_ID: list[tuple[str, list[str]]] = [
    ("Selamat Hari Raya Idul Fitri 1445 H\nTaqabbalallahu minna wa minkum\nMinal aidin wal faizin, mohon maaf lahir dan batin 🙏✨",
     ["sami-sami, mohon maaf lahir batin juga 🙏", "Selamat Idul Fitri 🙏", "Mohon maaf lahir batin nggih", "minal aidin wal faizin 🙏"]),
]
_SPAM_ID = [
    "Investasi emas digital profit 30% per bulan!!! Dijamin aman 💰💰 daftar sekarang https://bit.ly/cuan-{slug}",
    "Dapatkan penghasilan 5jt/hari dari HP, klik https://t.ly/{slug} 🔥🔥",
]
_DOCS_ID = ["Juknis KUR 2024.pdf", "Formulir Pendaftaran Bazar Ramadan.pdf", "Materi Pelatihan Digital Marketing.pdf",
            "Daftar Harga Bahan Baku Minggu Ini.pdf", "Rekap Kas UMKM Maju.xlsx", "Panduan Sertifikasi Halal Self Declare.pdf"]
_LOCATIONS = ["https://maps.google.com/?q=-7.5561,110.8316", "https://maps.google.com/?q=-7.5660,110.8020",
              "https://maps.google.com/?q=-7.5755,110.8243"]


UMKM_GROUP_NAME = "Komunitas UMKM Maju Bersama"
UMKM_EXPORTER = "Dewi Batik Laweyan"

_UMKM_MEMBERS = [
    Member("Ratna Wulandari", "admin", 20, 0, "create"),
    Member("Hendra Kurniawan", "news", 9, 0),
    Member("Endang Susilowati", "treasurer", 4, 0),
    Member("Sri Rejeki Catering 🍱", "seller", 6, 0, product="catering"),
    Member(UMKM_EXPORTER, "seller", 3, 0, product="batik"),
    Member("Mas Anto Keripik Tempe", "seller", 5, 0, product="keripik"),
    Member("Yuni Kue Kering", "seller", 4, 0, product="kue"),
    Member("Rizky Kopi Lereng Lawu ☕", "seller", 3, 0, product="kopi"),
    Member("Lina Hijab (Reseller)", "seller", 2.5, 0, product="hijab"),
    Member("Bu Ning Sambal Bawang", "seller", 2.5, 0, product="sambal"),
    Member("Wahyu Sablon Kaos", "member", 1.5, 0),
    Member("Bu Tini 🌸", "member", 2, 0),
    Member("Agus Mebel Jati", "seller", 1.2, 3, "link", product="mebel"),
    Member("Ma'ruf Snack & Frozen", "seller", 2, 5, "link", product="frozen"),
    Member("dr. Ayu (Jamu Sehat)", "seller", 1.2, 9, "link", product="jamu"),
    Member("Tika.Florist", "seller", 1, 14, "link", product="florist"),
    Member("+62 857-4012-8876", "seller", 1.2, 17, "link", product="madu"),
    Member("Fajar Laundry", "member", 0.8, 20, "link", leave_day=150),
    Member("Slamet Bengkel Las", "member", 0.7, 24),
    Member("Nur Aini", "member", 0.6, 31, "link"),
    Member("Eko Prasetyo", "member", 0.5, 38, "link"),
    Member("+62 812-2764-3310", "member", 0.5, 45, "link"),
    Member("+62 896-5533-1207", "member", 0.4, 52, "link", leave_day=96),
    Member("Mbak Wulan Rajut", "member", 0.4, 66, "link"),
    Member("Pak Darto Tani Organik", "member", 0.3, 80),
    Member("+62 831-9000-4521", "spammer", 0.0, 118, "link", leave_day=118, removed=True),
]

_HOURLY_ID = [0.6, 0.3, 0.2, 0.2, 0.8, 2.5, 5, 7, 6.5, 6, 5.5, 5.5, 6.5, 5.5, 4.5, 4.5, 5, 5.5, 5, 8, 10.5, 10, 6.5, 2.5]

UMKM = Community(
    language="id", first_name="UMKM Solo Raya", final_name=UMKM_GROUP_NAME, exporter=UMKM_EXPORTER,
    members=_UMKM_MEMBERS, start=datetime(2024, 1, 8, 10, 12, 31), days=201, per_day=4.6, hourly=_HOURLY_ID,
    ramadan=(date(2024, 3, 11), date(2024, 4, 9)), eid=date(2024, 4, 10),
    bank=Bank(news=_NEWS_ID, promo=_PRODUCTS_ID, questions=_QUESTIONS_ID, coordination=_COORD_ID, social=_SOCIAL_ID,
              thanks=_THANKS_ID, chatter=_CHATTER_ID, ramadan=_RAMADAN_ID, eid=_EID_ID, spam=_SPAM_ID,
              documents=_DOCS_ID, locations=_LOCATIONS),
)


# --------------------------------------------------------------------------------------------
# English small-business content

_NEWS_EN: list[Callable[[random.Random, datetime], str]] = [
    lambda r, t: f"Council small business grant is open again, up to £{r.choice([1500, 2000, 2500])} for equipment. Deadline end of month: https://www.gov.uk/business-finance-support",
    lambda r, t: f"Heads up: card reader fees going up to {r.choice(['1.69', '1.75', '1.99'])}% from next month. Worth comparing providers",
    lambda r, t: f"https://www.bbc.co.uk/news/business-{r.randint(60000000, 69999999)}\nInteresting read on high street footfall",
    lambda r, t: (f"Free workshop: selling on Etsy & Instagram\n{_DAYS_EN[r.randrange(5)]} 6-8pm at the library\n"
                  f"Book here: https://www.eventbrite.co.uk/e/{_slug(r)}"),
    lambda r, t: f"Packaging wholesaler has {r.choice([10, 15, 20])}% off kraft boxes this week if anyone's stocking up",
    lambda r, t: "Reminder: VAT threshold stays at £90k this year. Accountant friend says keep receipts for everything 😅",
]
_DAYS_EN = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
_PRODUCTS_EN: dict[str, list[Callable[[random.Random, datetime], str]]] = {
    "candles": [lambda r, t: f"New soy candle scents in! £{r.choice([12, 14, 16])} each or 3 for £{r.choice([30, 36])} 🕯️ https://www.etsy.com/shop/{_slug(r)}"],
    "bakery": [lambda r, t: f"Sourdough pre-orders open for Saturday, £{r.choice(['4.50', '5', '5.50'])} a loaf 🍞 DM me",
               lambda r, t: "Cinnamon buns are back by popular demand 😋"],
    "ceramics": [lambda r, t: f"Mug seconds sale this weekend, £{r.choice([8, 10, 12])} each. Slight glaze flaws, all usable ☕"],
    "print": [lambda r, t: f"Offering 10% off business cards for group members, 250 for £{r.choice([25, 30, 35])}"],
    "soap": [lambda r, t: "Restocked the oat & honey soap bars, plastic-free packaging 🧼"],
}
_QUESTIONS_EN: list[tuple[str, list[str]]] = [
    ("Anyone know a good supplier for kraft mailer boxes?", ["I use Packhelp, pricey but nice", "Try the wholesaler on Mill Road, cheaper in bulk"]),
    ("What's everyone using for stock management? Spreadsheets killing me 😩", ["Shopify inventory works ok for me", "honestly still a spreadsheet here"]),
    ("Is the market on the 14th still going ahead?", ["yes, setup from 7am", "Yep, confirmed this morning"]),
    ("Does anyone have public liability insurance recs?", ["I went with a craft guild policy, about £60/yr", "Check the market organiser's group rate"]),
    ("How do you price wholesale vs retail?", ["I do 2x cost for wholesale, 2x that for retail", "roughly 50% of RRP"]),
    ("Any accountants here who do sole traders?", ["My sister-in-law does, I'll send her number"]),
]
_COORD_EN: list[tuple[Callable[[random.Random, datetime], str], list[str]]] = [
    (lambda r, t: f"Monthly meet-up {_DAYS_EN[r.choice([1, 2, 3])]} 7pm at the Crown, back room. Agenda: Christmas market stalls",
     ["I'll be there 👍", "can't make it sorry", "count me in"]),
    (lambda r, t: "Stall fees for the market are £25, please pay me by Friday so I can book the pitch",
     ["sent 👍", "paid!", "will do tonight"]),
]
_SOCIAL_EN: list[tuple[str, list[str]]] = [
    ("Morning all, freezing out there ❄️", ["morning!", "stay warm"]),
    ("Great day at the market today, thanks everyone who came by 🙌", ["well done!", "it was buzzing"]),
    ("Happy Friday 🎉", ["🎉", "finally"]),
]
_SMALLBIZ_MEMBERS = [
    Member("Hannah (Riverside Makers)", "admin", 12, 0, "create"),
    Member("Tom O'Connor", "news", 6, 0),
    Member("Priya's Bakery", "seller", 4, 0, product="bakery"),
    Member("Jess Candles 🕯️", "seller", 3, 0, product="candles"),
    Member("Mark Ceramics", "seller", 2, 0, product="ceramics"),
    Member("Sam", "member", 1.5, 0),
    Member("Dr. Aisha Khan", "member", 1, 4, "link"),
    Member("+44 7700 900123", "member", 0.8, 10, "link"),
    Member("Leo Print Co.", "seller", 1.2, 12, "link", product="print"),
    Member("Grace (Soap & Co)", "seller", 1, 20, "link", product="soap"),
    Member("Owen", "member", 0.5, 30, "link", leave_day=70),
    Member("Maya", "member", 0.4, 35),
]
SMALLBIZ_GROUP_NAME = "Riverside Makers Collective"
SMALLBIZ_EXPORTER = "Sam"
_HOURLY_EN = [0.2, 0.1, 0.1, 0.1, 0.1, 0.3, 1.5, 4, 6, 6, 5.5, 5, 6, 5, 4.5, 4.5, 5, 6, 6.5, 7.5, 8, 6, 3, 1]

SMALLBIZ = Community(
    language="en", first_name="Riverside Makers", final_name=SMALLBIZ_GROUP_NAME, exporter=SMALLBIZ_EXPORTER,
    members=_SMALLBIZ_MEMBERS, start=datetime(2023, 9, 4, 18, 2, 11), days=92, per_day=3.2, hourly=_HOURLY_EN,
    ramadan=None, eid=None,
    bank=Bank(news=_NEWS_EN, promo=_PRODUCTS_EN, questions=_QUESTIONS_EN, coordination=_COORD_EN, social=_SOCIAL_EN,
              thanks=["thanks!", "cheers 🙏", "brilliant, thank you", "ta"],
              chatter=["👍", "haha", "lol", "same", "😂", "nice", "agreed", "👏"],
              documents=["Market layout.pdf", "Stall booking form.docx"], locations=["https://maps.google.com/?q=52.2053,0.1218"]),
)


# --------------------------------------------------------------------------------------------
# Simulation


_SELF_FOLLOWUP = {
    "id": ["udah nemu kok, makasih 🙏", "gak jadi, sudah dapat jawabannya di google", "sudah ketemu ya, skip aja",
           "eh ternyata ada di grup sebelah, aman"],
    "en": ["never mind, found it", "sorted it myself, thanks anyway", "ignore that, just found the answer"],
}
"""The asker's own follow-up to a question nobody took up (hard case: not an answer by someone else)."""

CATEGORY_OF_THREAD = {
    "news": "business_news", "promo": "promotion", "question": "request", "coordination": "coordination",
    "social": "social", "chatter": "social",
}
"""What each simulated thread opener is written as (replies: see `generate_with_truth`)."""

_THREAD_MIX = (("social", 0.26), ("promo", 0.24), ("question", 0.2), ("news", 0.14), ("coordination", 0.08),
               ("chatter", 0.05), ("media", 0.03))
_FIRST = ["Budi", "Siti", "Agus", "Dewi", "Rina", "Joko", "Wati", "Andi", "Yanti", "Bambang", "Sari", "Hadi",
          "Lestari", "Dian", "Rudi", "Putri", "Heru", "Indah", "Teguh", "Ani"]
_BIZ = ["Bakso", "Batik", "Kopi", "Jahit", "Kue", "Laundry", "Sablon", "Keripik", "Madu", "Tani", "Kerajinan",
        "Catering", "Jamu", "Rajut", "Frozen", "Mebel"]


def _extra_members(n: int, rng: random.Random, days: int, products: Sequence[str]) -> list[Member]:
    """More members for large simulated groups: heavy-tailed weights, joins spread over time."""
    out = []
    for i in range(n):
        if rng.random() < 0.15:
            name = f"+62 8{rng.randint(11, 99)}-{rng.randint(1000, 9999)}-{rng.randint(1000, 9999)}"
        else:
            name = f"{rng.choice(_FIRST)} {rng.choice(_BIZ)} {i}"
        seller = rng.random() < 0.4
        out.append(Member(name, "seller" if seller else "member", 3.0 / (i + 3) ** 0.9 * 10,
                          rng.randrange(max(1, days)), "link" if rng.random() < 0.7 else "added",
                          product=rng.choice(list(products)) if seller else None))
    return out


class _Sim:
    """Stateful day-by-day simulation. Records go to a heap so output stays chronological."""

    def __init__(self, c: Community, rng: random.Random, members: list[Member], per_day: float,
                 attach_media: bool, hard_cases: bool = False) -> None:
        self.c, self.r, self.members, self.per_day = c, rng, members, per_day
        self.attach = attach_media
        self.hard = hard_cases
        # Ground truth, by push sequence number: category of each text, and every request as
        # [request seq, first answer seq or None, case]. Filled as a side effect; the records
        # themselves are unchanged, so the samples stay byte-identical.
        self.category: dict[int, str] = {}
        self.requests: list[list] = []
        self.heap: list[tuple[datetime, int, Record]] = []
        self.seq = 0
        self.admin = next(m for m in members if m.role == "admin")
        self.by_role: dict[str, list[Member]] = {}
        for m in members:
            self.by_role.setdefault(m.role, []).append(m)
        self.hour_cum = _cumulative(c.hourly)
        self.edits_left = 3  # a few edits in a whole chat, like real groups
        self.last_used: dict[tuple[str, int], int] = {}  # (bank, index) -> day, to avoid instant repeats
        self.once_used: set[str] = set()
        self.today = 0
        self._active_day = -1
        self._active: list[Member] = []
        self._active_cum_day = -1
        self._active_cands: list[Member] = []
        self._active_cum: list[float] = []

    def choose(self, bank: str, items: Sequence, cooldown: int):
        """A random item not used in the last `cooldown` days (falls back to any item)."""
        r = self.r
        n = len(items)
        for _ in range(6):
            i = r.randrange(n)
            if self.today - self.last_used.get((bank, i), -10**6) >= cooldown:
                break
        self.last_used[(bank, i)] = self.today
        return items[i]

    # -- helpers -------------------------------------------------------------------------
    def push(self, rec: Record) -> int:
        if rec.timestamp.microsecond:  # exports have whole seconds at most
            rec = replace(rec, timestamp=rec.timestamp.replace(microsecond=0))
        self.seq += 1
        heapq.heappush(self.heap, (rec.timestamp, self.seq, rec))
        return self.seq

    def active(self, day: int) -> list[Member]:
        """Members in the group that day (cached: a big simulated group asks thousands of times)."""
        if self._active_day != day:
            self._active = [m for m in self.members if m.join_day <= day
                            and (m.leave_day is None or m.leave_day > day) and m.role != "spammer"]
            self._active_day = day
        return self._active

    def pick(self, pool: list[Member], exclude: Member | None = None) -> Member:
        """A weighted random member of `pool`, not `exclude` (heavy-tailed by the weights)."""
        if pool is self._active:  # the common case: weights of the day's members, built once a day
            if self._active_cum_day != self._active_day:
                self._active_cands, self._active_cum = _weights(pool)
                self._active_cum_day = self._active_day
            cands, cum = self._active_cands, self._active_cum
        else:
            cands, cum = _weights(pool)
        m = cands[0]
        for _ in range(8):  # rejection is cheaper than rebuilding the weights without `exclude`
            m = self.r.choices(cands, cum_weights=cum)[0]
            if m is not exclude or len(cands) == 1:
                return m
        return m

    def text(self, t: datetime, who: Member, s: str, category: str = "other") -> int | None:
        """Post a text; returns its sequence number (None when it was deleted at once)."""
        r = self.r
        if r.random() < 0.006:  # posted by mistake, then deleted for everyone
            self.push(Record(t, who.name, "", kind="deleted"))
            return None
        edited = False
        if self.edits_left and len(s) > 25 and r.random() < 0.01:
            edited, self.edits_left = True, self.edits_left - 1
        seq = self.push(Record(t, who.name, s, edited=edited))
        self.category[seq] = category
        return seq

    def request(self, q_seq: int | None, answer_seq: int | None, case: str) -> None:
        """Record the truth about one request (nothing when the request itself was deleted)."""
        if q_seq is not None:
            self.requests.append([q_seq, answer_seq, case])

    def media(self, t: datetime, who: Member, mt: str, caption: str = "", file_name: str | None = None) -> None:
        attached = self.attach and mt not in ("location",) and self.r.random() < 0.9
        text = caption if attached else ""
        if mt == "location":
            text = self.r.choice(self.c.bank.locations)
        self.push(Record(t, who.name, text, kind="media", media_type=mt, attached=attached, file_name=file_name))

    def when(self, day_start: datetime, ramadan: bool) -> datetime:
        hour = _draw(self.hour_cum, self.r)
        if ramadan and self.r.random() < 0.25:
            hour = self.r.choice([3, 3, 4, 17, 18, 18, 21])  # sahur, ngabuburit, after tarawih
        return day_start + timedelta(hours=hour, minutes=self.r.randrange(60), seconds=self.r.randrange(60))

    def gap(self, quick: float = 0.6) -> timedelta:
        """Reply delay: mostly minutes, sometimes an hour or more, rarely half a day."""
        r = self.r
        u = r.random()
        # Whole seconds: exports have no sub-second times.
        if u < quick:
            return timedelta(seconds=15 + int(r.expovariate(1 / 240)))
        if u < 0.92:
            return timedelta(seconds=300 + int(r.expovariate(1 / 3600)))
        return timedelta(seconds=3 * 3600 + int(r.expovariate(1 / 18000)))

    # -- threads -------------------------------------------------------------------------
    def thread(self, kind: str, t: datetime, day: int, d: datetime) -> int:
        r, b = self.r, self.c.bank
        pool = self.active(day)
        if len(pool) < 2:
            return 0
        n = 0
        if kind == "news":
            who = self.pick(self.by_role.get("news", []) + [self.admin] if r.random() < 0.85 else pool)
            if who not in pool:
                who = self.pick(pool)
            if r.random() < 0.08 and b.documents:
                self.media(t, who, "document", file_name=r.choice(b.documents)); n += 1
                t += timedelta(seconds=r.randint(5, 40))
            self.text(t, who, self.choose("news", b.news, 6)(r, d), "business_news"); n += 1
            for _ in range(_geom(r, 0.55)):
                t += self.gap(0.5)
                reply = r.choice(b.thanks + ["👍", "mantap infonya", "🙏"]) if self.c.language == "id" else r.choice(b.thanks)
                self.text(t, self.pick(pool, who), reply, "social"); n += 1
        elif kind == "promo":
            sellers = [m for m in pool if m.product]
            if not sellers:
                return 0
            who = self.pick(sellers)
            for _ in range(_geom(r, 0.45) if r.random() < 0.6 else 0):
                self.media(t, who, "image"); n += 1
                t += timedelta(seconds=r.randint(2, 20))
            self.text(t, who, self.choose("promo:" + who.product, b.promo[who.product], 2)(r, d), "promotion"); n += 1
            if r.random() < 0.35:
                t += self.gap()
                buyer = self.pick(pool, who)
                ask = ("masih ada kak?" if r.random() < 0.5 else "japri ya kak 🙏") if self.c.language == "id" else "still available?"
                is_q = ask.endswith("?")  # "japri ya kak" asks for a private chat, not a question
                q_seq = self.text(t, buyer, ask, "request" if is_q else "other"); n += 1
                t += self.gap(0.8)
                ans = r.choice(["masih kak, silakan japri", "ready kak 🙏", "sudah saya japri ya"]) if self.c.language == "id" else "yes! DM me"
                a_seq = self.text(t, who, ans); n += 1
                if is_q:
                    self.request(q_seq, a_seq, "buyer")
        elif kind == "question":
            q, answers = self.choose("question", b.questions, 12)
            asker = self.pick(pool)
            if self.hard and r.random() < 0.2:
                return self.two_questions(t, day, asker, q, answers)
            t_q = t
            q_seq = self.text(t, asker, q, "request"); n += 1
            if r.random() < 0.72:  # some questions are never answered
                t += self.gap(0.55)
                first = None
                for a in r.sample(answers, k=min(len(answers), 1 + _geom(r, 0.35))):
                    if self.hard and (t - t_q).total_seconds() > 1800 and r.random() < 0.7:
                        a = _addressed(asker, a, r)  # long after a question people say whom they answer
                    seq = self.text(t, self.pick(pool, asker), a); n += 1
                    first = first or seq
                    t += self.gap(0.75)
                if r.random() < 0.6:
                    self.text(t, asker, r.choice(b.thanks), "social"); n += 1
                self.request(q_seq, first, "answered" if first else "answer_deleted")
            elif not self.hard:
                self.request(q_seq, None, "unanswered")
            else:
                n += self.unanswered(t, day, asker, q_seq)
        elif kind == "coordination":
            post, replies = self.choose("coordination", b.coordination, 9)
            who = self.admin if r.random() < 0.75 else self.pick(self.by_role.get("treasurer", [self.admin]))
            self.text(t, who, post(r, d), "coordination"); n += 1
            if r.random() < 0.05 and b.locations:
                t += timedelta(seconds=r.randint(10, 90))
                self.media(t, who, "location"); n += 1
            for _ in range(_geom(r, 0.7)):
                t += self.gap(0.7)
                replier = self.pick(pool, who)  # before the reply text: the same random draws as always
                reply = r.choice(replies)
                # "boleh 2 produk bu?" asks the coordinator, who never answers in this simulation
                q_seq = self.text(t, replier, reply, "request" if reply.endswith("?") else "coordination"); n += 1
                if reply.endswith("?"):
                    self.request(q_seq, None, "unanswered")
        elif kind == "social":
            opener, replies = self.choose("social", b.social, 4)
            slot = _slot(opener)
            if slot == "friday" and d.weekday() != 4 or slot == "once" and opener in self.once_used:
                opener, replies, slot = r.choice(b.chatter), b.chatter, None
            self.once_used.add(opener)
            pool_ = [m for m in pool if m.name.split()[0] not in opener] or pool  # nobody greets themself
            if slot == "morning":
                t = d + timedelta(hours=r.randint(5, 8), minutes=r.randrange(60), seconds=r.randrange(60))
            elif slot == "night":
                t = d + timedelta(hours=r.randint(20, 22), minutes=r.randrange(60), seconds=r.randrange(60))
            who = self.pick(pool_)
            asks = opener.rstrip(" 😅🙏").endswith("?")  # "Ada yg ke pameran kemarin?" asks the group
            q_seq = self.text(t, who, opener, "request" if asks else "social"); n += 1
            first = None
            for _ in range(_geom(r, 0.5)):
                t += self.gap(0.8)
                replier = self.pick(pool, who)
                if r.random() < 0.12:
                    self.media(t, replier, "sticker")
                else:
                    seq = self.text(t, replier, r.choice(replies), "other" if asks else "social")
                    first = first or seq
                n += 1
            if asks:
                self.request(q_seq, first, "answered" if first else "unanswered")
        elif kind == "chatter":
            self.text(t, self.pick(pool), r.choice(b.chatter), "social"); n += 1
        else:  # media-only posts: voice notes, videos, a document
            mt = r.choices(["audio", "video", "image", "document", "sticker", "gif"], [3, 2, 3, 1, 3, 1])[0]
            fname = r.choice(b.documents) if mt == "document" and b.documents else None
            self.media(t, self.pick(pool), mt, file_name=fname); n += 1
        return n

    def unanswered(self, t: datetime, day: int, asker: Member, q_seq: int | None) -> int:
        """Hard cases after a question nobody takes up: the group chats on, or the asker follows up."""
        r, b, pool = self.r, self.c.bank, self.active(day)
        n = 0
        u = r.random()
        if u < 0.5:  # quick unrelated chatter right after the question
            for _ in range(1 + _geom(r, 0.5)):
                t += timedelta(seconds=20 + int(r.expovariate(1 / 200)))
                self.text(t, self.pick(pool, asker), r.choice(b.chatter), "social"); n += 1
            self.request(q_seq, None, "chatter_after")
        elif u < 0.75:  # the asker answers their own question: not an answer by someone else
            t += timedelta(seconds=120 + int(r.expovariate(1 / 900)))
            self.text(t, asker, r.choice(_SELF_FOLLOWUP[self.c.language])); n += 1
            if r.random() < 0.5:
                t += timedelta(seconds=30 + int(r.expovariate(1 / 300)))
                self.text(t, self.pick(pool, asker), r.choice(b.chatter), "social"); n += 1
            self.request(q_seq, None, "self_followup")
        else:
            self.request(q_seq, None, "unanswered")
        return n

    def two_questions(self, t: datetime, day: int, asker: Member, q: str, answers: list[str]) -> int:
        """Two questions open at once: the second is asked before the first is answered, and the
        answers interleave. An answer names its asker half of the time (people do, when it is
        unclear whom they answer)."""
        r, b, pool = self.r, self.c.bank, self.active(day)
        q2, answers2 = self.choose("question", b.questions, 0)
        asker2 = self.pick(pool, asker)
        if q2 == q or asker2 is asker:
            return 0
        seq1 = self.text(t, asker, q, "request")
        t += timedelta(seconds=30 + int(r.expovariate(1 / 180)))
        seq2 = self.text(t, asker2, q2, "request")
        n = 2
        firsts: dict[int, int | None] = {0: None, 1: None}
        todo = [(1, a) for a in answers2[:1 + _geom(r, 0.3)]] + [(0, a) for a in answers[:1 + _geom(r, 0.3)]]
        r.shuffle(todo)
        answered = {0: r.random() < 0.75, 1: r.random() < 0.75}
        for which, a in todo:
            if not answered[which]:
                continue
            who_asked = asker if which == 0 else asker2
            t += self.gap(0.8)
            if r.random() < 0.5:
                a = f"@{who_asked.name} {a}"
            seq = self.text(t, self.pick(pool, who_asked), a); n += 1
            firsts[which] = firsts[which] or seq
        self.request(seq1, firsts[0], "two_open" if firsts[0] else "two_open_unanswered")
        self.request(seq2, firsts[1], "two_open" if firsts[1] else "two_open_unanswered")
        return n

    def season(self, d: datetime, day: int) -> tuple[list[tuple[str, list[str]]], float, bool]:
        """Extra seasonal openers for this day, a volume factor, and whether it is Ramadan."""
        c = self.c
        if c.eid and d.date() in (c.eid, c.eid + timedelta(days=1)):
            return c.bank.eid, 1.8, False
        if c.ramadan and c.ramadan[0] <= d.date() <= c.ramadan[1]:
            return c.bank.ramadan, 1.15, True
        if c.eid and c.eid < d.date() <= c.eid + timedelta(days=6):
            return [], 0.4, False  # mudik: the group goes quiet after Lebaran
        return [], 1.0, False

    def system(self, day: int, d: datetime, first_day: bool) -> None:
        """Membership events of the day: creation, adds, joins, leaves, the spammer's removal."""
        r, c = self.r, self.c
        t0 = d + timedelta(hours=r.randint(8, 20), minutes=r.randrange(60), seconds=r.randrange(60))
        if first_day:
            t = c.start
            self.push(Record(t, None, "", kind="system", event="e2e"))
            self.push(Record(t, None, "", kind="system", event="create", event_actor=self.admin.name,
                             event_target=c.first_name))
            for m in self.members:
                if m.join_day == 0 and m.how == "added":
                    t += timedelta(seconds=r.randint(3, 40))
                    target = EXPORTER if m.name == c.exporter else m.name
                    self.push(Record(t, None, "", kind="system", event="add", event_actor=self.admin.name,
                                     event_target=target))
            return
        for m in self.members:
            if m.join_day == day:
                t0 += timedelta(minutes=r.randint(1, 90))
                target = EXPORTER if m.name == c.exporter else m.name
                if m.how == "link":
                    self.push(Record(t0, None, "", kind="system", event="join", event_actor=target))
                else:
                    adder = self.by_role.get("treasurer", [self.admin])[0] if r.random() < 0.3 else self.admin
                    self.push(Record(t0, None, "", kind="system", event="add", event_actor=adder.name, event_target=target))
                if m.role == "spammer":
                    t0 += timedelta(minutes=r.randint(2, 10))
                    spam = r.choice(c.bank.spam).format(slug=_slug(r))
                    self.category[self.push(Record(t0, m.name, spam))] = "promotion"
                    t0 += timedelta(minutes=r.randint(1, 8))
                    self.category[self.push(Record(t0, m.name, spam.split("!")[0] + " 💰 japri sekarang"))] = "promotion"
            if m.leave_day == day:
                t0 += timedelta(minutes=r.randint(5, 45))
                if m.removed:
                    self.push(Record(t0, None, "", kind="system", event="remove", event_actor=self.admin.name,
                                     event_target=m.name))
                    t0 += timedelta(minutes=r.randint(1, 5))
                    warn = ("Mohon maaf bapak ibu, nomor tadi sudah saya keluarkan. Hati2 link investasi bodong 🙏"
                            if c.language == "id" else "Removed that one, please don't click the link 🙏")
                    self.category[self.push(Record(t0, self.admin.name, warn))] = "coordination"
                else:
                    self.push(Record(t0, None, "", kind="system", event="leave", event_actor=m.name))
        # group housekeeping on fixed days: a new name, an icon, a description
        if day == 16:
            self.push(Record(t0, None, "", kind="system", event="subject", event_actor=self.admin.name,
                             event_target=c.final_name))
            self.push(Record(t0 + timedelta(seconds=21), None, "", kind="system", event="icon", event_actor=self.admin.name))
        if day == 17:
            self.push(Record(t0, None, "", kind="system", event="description", event_actor=self.admin.name))

    def day(self, day: int, d: datetime) -> None:
        r = self.r
        self.today = day
        self.system(day, d, day == 0)
        extra, factor, ramadan = self.season(d, day)
        weekday = (1.0, 1.0, 1.05, 1.0, 0.95, 0.85, 0.8)[d.weekday()]
        growth = 0.7 + 0.6 * min(1.0, day / 60)  # a young group warms up
        mean_msgs = self.per_day * factor * weekday * growth * (0.6 + 0.8 * r.random())
        produced = 0
        t_first = self.c.start if day == 0 else None
        if extra:
            opener, replies = r.choice(extra)
            t = self.when(d, ramadan) if t_first is None else t_first + timedelta(minutes=30)
            pool = self.active(day)
            who = self.admin if r.random() < 0.5 else self.pick(pool)
            asks = opener.endswith("?")
            q_seq = self.text(t, who, opener, "request" if asks else "social"); produced += 1
            first = None
            for _ in range(2 + _geom(r, 0.75)):
                t += self.gap(0.7)
                seq = self.text(t, self.pick(pool, who), r.choice(replies), "other" if asks else "social"); produced += 1
                first = first or seq
            if asks:
                self.request(q_seq, first, "answered" if first else "unanswered")
        kinds, weights = zip(*_THREAD_MIX)
        while produced < mean_msgs:
            t = self.when(d, ramadan)
            if t_first is not None and t <= t_first:
                t = t_first + timedelta(minutes=r.randint(5, 120))
            produced += max(1, self.thread(r.choices(kinds, weights)[0], t, day, d))

    def drain(self, before: datetime | None) -> Iterator[tuple[int, Record]]:
        while self.heap and (before is None or self.heap[0][0] < before):
            _, seq, rec = heapq.heappop(self.heap)
            yield seq, rec


def _addressed(asker: Member, text: str, r: random.Random) -> str:
    """An answer that says whom it answers: an @mention, or the asker's first name."""
    first = asker.name.split()[0]
    if r.random() < 0.5 and len(first) >= 3 and first[0].isalpha() and first.rstrip(".") == first:
        return f"{first} {text}" if r.random() < 0.5 else f"{text}, {first}"
    return f"@{asker.name} {text}"


def _slot(opener: str) -> str | None:
    """When an opener makes sense: greetings by time of day, Friday posts, one-off wishes."""
    low = opener.lower()
    if "pagi" in low or "enjing" in low or "morning" in low:
        return "morning"
    if "malam" in low or "istirahat" in low:
        return "night"
    if "jumat" in low or "friday" in low:
        return "friday"
    if "ulang tahun" in low:
        return "once"
    return None


def _weights(pool: list[Member]) -> tuple[list[Member], list[float]]:
    """Members that post (weight > 0) and their cumulative weights, for `random.choices`."""
    cands = [m for m in pool if m.weight > 0] or pool
    cum, acc = [], 0.0
    for m in cands:
        acc += m.weight or 1.0
        cum.append(acc)
    return cands, cum


def _cumulative(weights: Sequence[float]) -> list[float]:
    total, acc, out = sum(weights), 0.0, []
    for w in weights:
        acc += w / total
        out.append(acc)
    return out


def _draw(cum: list[float], r: random.Random) -> int:
    u = r.random()
    for i, c in enumerate(cum):
        if u <= c:
            return i
    return len(cum) - 1


def _geom(r: random.Random, p: float, cap: int = 12) -> int:
    """Number of extra replies: each further reply happens with probability p."""
    n = 0
    while n < cap and r.random() < p:
        n += 1
    return n


def _simulate(
    seed: int, community: Community, *, days: int | None, per_day: float | None, extra_members: int,
    attach_media: bool, hard_cases: bool = False,
) -> tuple[_Sim, Iterator[tuple[int, Record]]]:
    rng = random.Random(seed)
    days = community.days if days is None else days
    per_day = community.per_day if per_day is None else per_day
    members = list(community.members)
    if extra_members:
        members += _extra_members(extra_members, rng, days, list(community.bank.promo))
    sim = _Sim(community, rng, members, per_day, attach_media, hard_cases)
    day0 = community.start.replace(hour=0, minute=0, second=0)

    def run() -> Iterator[tuple[int, Record]]:
        for day in range(days):
            d = day0 + timedelta(days=day)
            sim.day(day, d)
            yield from sim.drain(d + timedelta(days=1))
        # Replies that would spill past the export date are not in the export.

    return sim, run()


def iter_conversation(
    seed: int = 2024, community: Community = UMKM, *, days: int | None = None, per_day: float | None = None,
    extra_members: int = 0, attach_media: bool = False,
) -> Iterator[Record]:
    """Stream a simulated conversation, chronologically (see `generate_conversation`)."""
    _, run = _simulate(seed, community, days=days, per_day=per_day, extra_members=extra_members,
                       attach_media=attach_media)
    for _, rec in run:
        yield rec


def generate_conversation(
    seed: int = 2024, community: Community = UMKM, *, days: int | None = None, per_day: float | None = None,
    extra_members: int = 0, attach_media: bool = False,
) -> list[Record]:
    """A whole simulated group chat as records, in chronological order.

    seed: the random seed (same seed, same records).
    community: `UMKM` (Indonesian, ~25 members, ~7 months from January 2024 with Ramadan/Lebaran)
        or `SMALLBIZ` (an English makers' group, ~12 members, 3 months).
    days / per_day: override the length and mean daily volume (the 1M-message benchmark uses
        `per_day` in the thousands with `extra_members`).
    extra_members: add generated members (heavy-tailed) for large groups.
    attach_media: render media as attachments ("include media" export) instead of placeholders.

    The exporting user is `community.exporter`; system lines name them `schema.EXPORTER`.
    """
    return list(iter_conversation(seed, community, days=days, per_day=per_day, extra_members=extra_members,
                                  attach_media=attach_media))


def generate_with_truth(
    seed: int = 2024, community: Community = UMKM, *, days: int | None = None, per_day: float | None = None,
    extra_members: int = 0, attach_media: bool = False, hard_cases: bool = False,
) -> tuple[list[Record], "pd.DataFrame"]:
    """The records of `generate_conversation` and the simulation's ground truth about them.

    Returns (records, truth). `truth` has one row per record, in the same order:
    - `category`: what the simulation wrote the text as (`business_news`, `promotion`, `request`,
      `coordination`, `social`, `other`); None for media, deleted messages and system lines.
      Answers to questions are `other`; thanks and chatter `social`.
    - `request`: True for every request: questions, a buyer's "masih ada kak?", a social opener
      that asks the group ("Ada yg ke pameran kemarin?"), a member's question to the coordinator.
    - `answer_index`: for a request, the position (in `records`) of the first message by another
      member that answers it, or −1 when nobody did; −1 elsewhere.
    - `case`: how the request went: answered, unanswered, buyer, chatter_after (the group chatted
      on right after it), self_followup (only the asker followed up), two_open (another question
      was open at the same time), two_open_unanswered, answer_deleted; None elsewhere.

    With the same arguments and `hard_cases=False` the records are exactly those of
    `generate_conversation`. `hard_cases=True` adds the hard cases described in the module
    docstring (a different conversation).
    """
    import pandas as pd

    sim, run = _simulate(seed, community, days=days, per_day=per_day, extra_members=extra_members,
                         attach_media=attach_media, hard_cases=hard_cases)
    records: list[Record] = []
    index_of: dict[int, int] = {}
    for seq, rec in run:
        index_of[seq] = len(records)
        records.append(rec)
    n = len(records)
    category: list[str | None] = [None] * n
    for seq, cat in sim.category.items():
        if seq in index_of and records[index_of[seq]].kind == "text":
            category[index_of[seq]] = cat
    request = [False] * n
    answer = [-1] * n
    case: list[str | None] = [None] * n
    for q_seq, a_seq, how in sim.requests:
        if q_seq not in index_of:  # after the end of the export
            continue
        i = index_of[q_seq]
        request[i] = True
        answer[i] = index_of.get(a_seq, -1) if a_seq is not None else -1
        case[i] = how if answer[i] >= 0 or how not in ("answered", "two_open", "buyer") else "answer_after_export"
        if category[i] != "request":
            category[i] = "request"
    truth = pd.DataFrame({"category": category, "request": request, "answer_index": answer, "case": case})
    return records, truth
