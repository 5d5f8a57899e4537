"""`analyzer.metrics.filters.exclude_members`: the analysis behaves as if the excluded members never were there."""
from __future__ import annotations

from analyzer import load_chat
from analyzer.metrics.filters import exclude_members, member_names
from analyzer.analysis import analyze

CHAT = """\
01/02/24 08.00 - Admin membuat grup "UMKM Sleman"
01/02/24 08.01 - Admin menambahkan Budi, Bot Info dan Dewi
01/02/24 08.02 - Eko telah bergabung menggunakan tautan undangan grup ini
01/02/24 08.03 - Bot Info: Selamat datang! Ketik MENU untuk info.
01/02/24 08.05 - Admin: Selamat datang semua
01/02/24 08.06 - Budi: terima kasih bu
01/02/24 08.07 - Bot Info: Terima kasih atas pesan Anda.
01/02/24 08.20 - Dewi: info pelatihan NIB hari sabtu
02/02/24 09.00 - Fajar telah bergabung menggunakan tautan undangan grup ini
02/02/24 09.30 - Fajar keluar
"""


def chat():
    return load_chat(CHAT.encode())


def test_nothing_excluded_is_the_same_chat() -> None:
    c = chat()
    assert exclude_members(c, []) is c


def test_member_choices_leave_out_the_exporter_token() -> None:
    names = member_names(chat())
    assert "You" not in names
    assert {"Admin", "Budi", "Bot Info", "Dewi", "Eko", "Fajar"} <= set(names)


def test_excluded_bot_is_neither_poster_nor_member_and_its_replies_vanish() -> None:
    c = chat()
    before, after = analyze(c), analyze(exclude_members(c, ["Bot Info"]))
    assert after.window["n_messages"] == before.window["n_messages"] - 2
    assert after.participation.n_members == before.participation.n_members - 1
    assert "Bot Info" not in set(after.members["member"].astype(str))
    assert "Bot Info" not in set(after.messages["author"].dropna().astype(str))
    # "Admin added Budi, Bot Info and Dewi" still adds Budi and Dewi.
    targets = exclude_members(c, ["Bot Info"]).messages["event_target"].dropna().astype(str).tolist()
    assert "Budi, Dewi" in targets


def test_excluded_admin_still_added_the_others() -> None:
    c = chat()
    x = exclude_members(c, ["Admin"])
    members = set(x.members["member"].astype(str))
    assert "Admin" not in members
    assert {"Budi", "Dewi", "Bot Info"} <= members  # their joins (by Admin) still count
    r = analyze(x)
    assert "Admin" not in set(r.members["member"].astype(str))


def test_excluding_someone_only_named_in_a_join_drops_that_line() -> None:
    c = chat()
    x = exclude_members(c, ["Fajar"])
    assert not (x.messages["event_actor"].astype(str) == "Fajar").any()
    assert analyze(x).participation.n_members == analyze(c).participation.n_members - 1
