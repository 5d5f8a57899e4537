"""Activity: volume, week rhythm, membership flow, media, emoji and link domains."""
from __future__ import annotations

import pandas as pd
import pytest

from analyzer import load_chat
from analyzer.metrics.activity import count_domains, count_emoji
from analyzer.analysis import analyze


def test_count_emoji_merges_variation_selectors_and_keeps_clusters():
    texts = pd.Series(["halo 👍🏽 👍 ❤️ ❤", "🇮🇩 merdeka 🇮🇩", "1️⃣ pilih", "👨‍👩‍👧 keluarga", "tanpa emoji", None],
                      dtype="string")
    counts, n_msgs = count_emoji(texts)
    assert counts["❤"] == 2  # ❤️ and ❤ are one emoji
    assert counts["🇮🇩"] == 2
    assert counts["👍🏽"] == 1 and counts["👍"] == 1
    assert counts["1⃣"] == 1
    assert counts["👨‍👩‍👧"] == 1
    assert n_msgs == 4
    assert count_emoji(pd.Series([], dtype="string")) == (count_emoji(pd.Series(["abc"], dtype="string"))[0], 0)


def test_count_domains():
    texts = pd.Series([
        "cek https://www.kemenkopukm.go.id/kur dan http://bit.ly/abc",
        "daftar di www.Tokopedia.com/toko-rina, atau https://bit.ly/xyz.",
        "https://oss.go.id:443/nib",
        "bukan link: kemenkopukm.go.id",
    ], dtype="string")
    counts, n_msgs = count_domains(texts)
    assert counts == {"kemenkopukm.go.id": 1, "bit.ly": 2, "tokopedia.com": 1, "oss.go.id": 1}
    assert n_msgs == 3


ACTIVITY_CHAT = """\
29/01/24 07.00 - Rina membuat grup "UMKM Maju"
29/01/24 07.01 - Rina menambahkan Budi
29/01/24 07.05 - Rina: Selamat datang 🙏
29/01/24 19.30 - Budi: <Media tidak disertakan>
31/01/24 20.00 - Dewi telah bergabung menggunakan tautan undangan grup ini
31/01/24 20.10 - Dewi: Info pelatihan halal https://halal.go.id/daftar 🙏🙏
03/02/24 09.00 - Budi keluar
05/02/24 10.00 - Rina: Pesan ini telah dihapus
05/02/24 10.01 - Rina: IMG-20240205-WA0001.jpg (file terlampir)
katalog baru
"""


def test_activity_from_an_export():
    r = analyze(load_chat(ACTIVITY_CHAT.encode()))
    a = r.to_dict()["activity"]
    # Every day from the first to the last record, zeros included.
    assert a["messages_per_day"][:3] == [["2024-01-29", 2], ["2024-01-30", 0], ["2024-01-31", 1]]
    assert len(a["messages_per_day"]) == 8
    assert a["messages_per_day"][-1] == ["2024-02-05", 2]
    assert a["active_days"] == 3
    assert a["busiest_day"] == "2024-01-29"
    assert a["messages_per_week"] == [["2024-01-29", 3], ["2024-02-05", 2]]
    counts = a["hour_weekday"]["counts"]
    assert a["hour_weekday"]["weekdays"][0] == "Mon"
    assert counts[0][7] == 1 and counts[0][19] == 1 and counts[2][20] == 1 and counts[0][10] == 2
    assert sum(map(sum, counts)) == 5
    assert a["active_days_per_member"] == [
        {"member": "Rina", "active_days": 2, "messages": 3},
        {"member": "Budi", "active_days": 1, "messages": 1},
        {"member": "Dewi", "active_days": 1, "messages": 1},
    ]
    months = {m["month"]: m for m in a["joins_leaves_monthly"]}
    assert months["2024-01"]["joins"] == 2 and months["2024-01"]["created"] == 1
    assert months["2024-02"]["leaves"] == 1 and months["2024-02"]["joins"] == 0
    assert a["media_share"] == pytest.approx(2 / 5)
    assert a["deleted_share"] == pytest.approx(1 / 5)
    assert a["top_emoji"][0]["emoji"] == "🙏" and a["top_emoji"][0]["count"] == 3
    assert a["top_emoji"][0]["name"] == "folded hands"
    assert a["emoji_messages_share"] == pytest.approx(2 / 5)
    assert a["top_domains"] == [{"domain": "halal.go.id", "count": 1, "share": 1.0}]


def test_activity_of_only_system_lines():
    text = "29/01/24 07.00 - Rina membuat grup \"UMKM Maju\"\n29/01/24 07.01 - Rina menambahkan Budi\n"
    a = analyze(load_chat(text.encode())).to_dict()["activity"]
    assert a["n_messages"] == 0
    assert a["media_share"] is None
    assert a["top_emoji"] == [] and a["top_domains"] == []
    assert a["joins_leaves_monthly"][0]["joins"] == 1


def test_the_emoji_prefilter_covers_every_emoji_of_the_package():
    import re

    import emoji

    from analyzer.metrics.activity import _EMOJI_HINT

    # The RE2 class, rewritten for Python's re.
    hint = re.compile(re.sub(r"\\x\{([0-9A-F]+)\}", lambda m: chr(int(m.group(1), 16)), _EMOJI_HINT))
    missed = [e for e in emoji.EMOJI_DATA if ord(e[0]) > 0x7F and not hint.match(e)]
    assert missed == []
