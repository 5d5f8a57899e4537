"""Generated Android exports with 2 to 1,000 members, for the chart checks (tests/test_chart_check.py).

Invented names (long ones, emoji, a tag-like one), heavy-tailed posting (Zipf), business news with
links, promotions, questions, chit-chat with emoji, joins and leaves, and a calendar month with no
message at all (March), so every chart sees the shapes real groups produce. Everything is seeded.
"""
from __future__ import annotations

import random
from datetime import datetime, timedelta
from functools import lru_cache

FIRST = ("Sri", "Budi", "Dewi", "Agus", "Ratna", "Hendra", "Endang", "Yanti", "Joko", "Wulan", "Rizky", "Siti",
         "Bambang", "Maz", "Putri", "Eko", "Nur", "Indah", "Dimas", "Ayu")
LAST = ("Rejeki", "Santoso", "Kurniawan", "Susilowati", "Lestari", "Wibowo", "Handayani", "Pratama",
        "Rahmawati", "Hidayat", "Saputra", "Maharani")
SUFFIX = ("", "", "", " Catering 🍱", " Batik Solo", " (Keripik Tempe)", " Bakery", " 🌸", " Konveksi Jaya Abadi")

NEWS = ("info KUR BRI sudah dibuka https://kur.ekon.go.id/info-{i}",
        "pelatihan sertifikasi halal gratis https://halal.go.id/daftar-{i}",
        "pendaftaran NIB lewat OSS https://oss.go.id/panduan-{i}",
        "harga bahan baku naik minggu ini https://www.kompas.com/ekonomi-{i}")
PROMO = ("promo keripik tempe 15rb order wa 0812{i:04d}", "diskon batik 20% hari ini saja",
         "open PO kue kering lebaran, minat japri")
REQUEST = ("ada yang tahu cara daftar NIB?", "bu, pelatihan halal daftarnya di mana?", "minta info supplier kemasan")
COORD = ("rapat bulanan besok jam 9 ya", "iuran kas bulan ini sudah bisa ditransfer", "kopdar sabtu di alun-alun")
SOCIAL = ("mantap 👍", "terima kasih bu 🙏🙏", "selamat pagi semua 😊", "wkwk 😂😂", "siap 👌", "semangat 💪🔥")


def member_names(n: int, seed: int = 1) -> list[str]:
    """n distinct invented display names of realistic and awkward lengths."""
    rng = random.Random(seed)
    names: list[str] = []
    seen: set[str] = set()
    while len(names) < n:
        name = f"{rng.choice(FIRST)} {rng.choice(LAST)}{rng.choice(SUFFIX)}"
        if name in seen:
            name = f"{name} {len(names)}"
        seen.add(name)
        names.append(name)
    if n >= 2:
        names[1] = "Maz R"  # the short name that was clipped in a 2-member chat
    if n >= 10:
        names[9] = "<b>Ani</b>"  # markup must be shown literally
    return names


@lru_cache(maxsize=None)
def export_text(n_members: int, seed: int = 7) -> str:
    """An Indonesian Android export of a group with `n_members` members (all of them post)."""
    rng = random.Random(seed)
    names = member_names(n_members, seed)
    weights = [1 / (i + 1) ** 1.1 for i in range(n_members)]
    n_msgs = max(80, min(3 * n_members, 4000))
    start = datetime(2024, 1, 3, 8, 0)
    lines = [f"{start:%d/%m/%y %H.%M} - {names[0]} membuat grup \"UMKM Uji\""]
    for name in names[1:]:
        lines.append(f"{start:%d/%m/%y %H.%M} - {names[0]} menambahkan {name}")
    # Every member posts at least once (so the member count is known), then Zipf-weighted authors.
    authors = list(names) + rng.choices(names, weights=weights, k=max(0, n_msgs - n_members))
    rng.shuffle(authors)
    t = start + timedelta(minutes=5)
    # Conversations: runs of ~6 messages minutes apart (so replies and ties form), runs spread
    # evenly over 150 days.
    gap = timedelta(days=150) / max(1, len(authors) // 6)
    banks = (NEWS, PROMO, REQUEST, COORD, SOCIAL, SOCIAL)
    for i, author in enumerate(authors):
        t += timedelta(minutes=rng.uniform(1, 12)) if rng.random() < 0.83 else gap * rng.uniform(0.5, 1.5)
        if t.month == 3:  # a quiet month: nothing at all in March
            t = datetime(2024, 4, 1, 7, 0) + (t - datetime(2024, 3, 1))
        when = t.replace(hour=max(6, min(22, t.hour)))
        text = rng.choice(rng.choice(banks)).format(i=i)
        lines.append(f"{when:%d/%m/%y %H.%M} - {author}: {text}")
        if i % 97 == 50 and n_members > 3:
            lines.append(f"{when:%d/%m/%y %H.%M} - {rng.choice(names[2:])} keluar")
    return "\n".join(lines) + "\n"


@lru_cache(maxsize=None)
def _report(n_members: int):
    from analyzer import load_chat
    from analyzer.analysis import analyze

    chat = load_chat(export_text(n_members).encode())
    return analyze(chat, bootstrap=20, null_draws=10, network_null_draws=0)


@lru_cache(maxsize=None)
def report_dict(n_members: int) -> dict:
    """analyze() of `export_text(n_members)` (few resamples: the charts only draw the numbers)."""
    return _report(n_members).to_dict()


def messages(n_members: int):
    """`Report.messages` of the same analysis (for the per-member views)."""
    return _report(n_members).messages
