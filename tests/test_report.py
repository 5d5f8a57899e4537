"""`analyze()` on chats written line by line whose answers are known."""
from __future__ import annotations

import json
import math

import numpy as np
import pytest

from analyzer import load_chat
from analyzer.analysis import AnalysisParameterError, analyze, read_roster


def chat(text: str, **kw):
    return load_chat(text.encode(), **kw)


def no_nan(obj) -> None:
    """The JSON tree has no NaN/inf anywhere (json.dumps refuses them with allow_nan=False)."""
    json.dumps(obj, allow_nan=False)


# The exporter is "Sari": her own messages carry her name, system lines say "Anda".
JOINS_CHAT = """\
01/02/24 08.00 - Sari membuat grup "UMKM Sleman"
01/02/24 08.01 - Anda menambahkan Budi
01/02/24 08.02 - Anda menambahkan Dewi
01/02/24 08.03 - Eko telah bergabung menggunakan tautan undangan grup ini
01/02/24 08.05 - Sari: Selamat datang semua
01/02/24 08.06 - Budi: terima kasih bu
01/02/24 08.20 - Sari: info pelatihan NIB hari sabtu
02/02/24 09.00 - Fajar telah bergabung menggunakan tautan undangan grup ini
02/02/24 09.30 - Fajar keluar
"""


def test_silent_members_from_join_lines():
    r = analyze(chat(JOINS_CHAT))
    p = r.to_dict()["participation"]
    # Members: Sari, Budi (posters), Dewi, Eko, Fajar (named, silent). "Anda" is Sari, not a sixth.
    assert p["n_posters"] == 2
    assert p["n_members"] == 5
    assert p["silent_members"] == 3
    assert p["silent_share"] == pytest.approx(3 / 5)
    assert p["members_source"] == "events"
    assert p["gini"] == pytest.approx(np.abs(np.subtract.outer(x := np.array([2, 1, 0, 0, 0]), x)).sum() / (2 * 25 * 0.6))
    assert "You" not in set(r.members["member"])
    assert set(r.members.loc[r.members["silent"], "member"]) == {"Dewi", "Eko", "Fajar"}
    no_nan(r.to_dict())


def test_exporter_named_is_counted_once():
    r = analyze(chat(JOINS_CHAT, exporter="Sari"))
    assert r.participation.n_members == 5
    assert list(r.members["member"]).count("Sari") == 1


def test_window_excludes_members_who_left_before_it_or_joined_after_it():
    r = analyze(chat(JOINS_CHAT), end="2024-02-01")
    assert r.participation.n_members == 4  # Fajar joined on 2 Feb
    assert r.window["n_messages"] == 3
    r = analyze(chat(JOINS_CHAT), start="2024-02-03")
    # Fajar left before the window; nobody posted: indices undefined, silent count known.
    d = r.to_dict()["participation"]
    assert d["n_posters"] == 0 and d["gini"] is None
    assert d["n_members"] == 4
    no_nan(r.to_dict())


def test_without_membership_lines_the_silent_count_is_unknown():
    text = "05/03/24 10.00 - Rina: halo\n05/03/24 10.01 - Budi: halo juga\n05/03/24 10.02 - Rina: sehat?\n"
    d = analyze(chat(text)).to_dict()["participation"]
    assert d["silent_members"] is None and d["silent_share"] is None
    assert d["members_source"] == "posters" and d["silent_known"] is False
    assert d["n_members"] == 2
    assert any("silent members unknown" in n for n in d["notes"])


def test_group_size_and_roster():
    text = "05/03/24 10.00 - Rina: halo\n05/03/24 10.01 - Budi: halo juga\n05/03/24 10.02 - Rina: sehat?\n"
    d = analyze(chat(text), members=10).to_dict()["participation"]
    assert d["n_members"] == 10 and d["silent_members"] == 8 and d["silent_share"] == pytest.approx(0.8)
    from analyzer.metrics.participation import gini
    assert d["gini"] == pytest.approx(gini([2, 1] + [0] * 8))
    assert d["monthly"][0]["n_members"] == 10
    r = analyze(chat(text), roster=["rina", " Budi ", "Citra", "Dodi", "Citra"])
    d = r.to_dict()["participation"]
    assert d["n_members"] == 4 and d["silent_members"] == 2 and d["members_source"] == "roster"
    assert r.parameters["roster_unmatched"] == ["Citra", "Dodi"]
    with pytest.raises(AnalysisParameterError, match="smaller than the 2 people"):
        analyze(chat(text), members=1)
    with pytest.raises(AnalysisParameterError):
        analyze(chat(text), members=3, roster=["Rina"])


def test_read_roster(tmp_path):
    (tmp_path / "a.txt").write_text("# anggota\nRina\n\nBudi\n", encoding="utf-8")
    assert read_roster(tmp_path / "a.txt") == ["Rina", "Budi"]
    (tmp_path / "b.csv").write_text("no,nama,usaha\n1,Rina,keripik\n2,Budi,batik\n", encoding="utf-8")
    assert read_roster(tmp_path / "b.csv") == ["Rina", "Budi"]
    (tmp_path / "c.txt").write_text("\n# nobody\n", encoding="utf-8")
    with pytest.raises(AnalysisParameterError):
        read_roster(tmp_path / "c.txt")
    with pytest.raises(AnalysisParameterError):
        read_roster(tmp_path / "missing.txt")


MONTHS_CHAT = """\
10/01/24 09.00 - Rina: pagi
10/01/24 09.10 - Rina: ada info?
11/01/24 09.00 - Budi: belum
12/01/24 09.00 - Rina: oke
05/02/24 08.00 - Rina menambahkan Dewi
06/02/24 09.00 - Rina: selamat datang Dewi
06/02/24 09.10 - Budi: welcome
07/02/24 09.00 - Rina: rapat sabtu
07/02/24 10.00 - Budi: siap
"""


def test_monthly_gini():
    d = analyze(chat(MONTHS_CHAT)).to_dict()["participation"]
    jan, feb = d["monthly"]
    assert (jan["period"], jan["messages"], jan["posters"], jan["n_members"]) == ("2024-01", 4, 2, 2)
    assert jan["gini"] == pytest.approx(0.25)  # [1, 3]
    # February: Rina 2, Budi 2 and Dewi (added on 5 Feb) silent: [0, 2, 2].
    assert (feb["messages"], feb["posters"], feb["n_members"], feb["silent_members"]) == (4, 2, 3, 1)
    assert feb["gini"] == pytest.approx(1 / 3)
    assert d["rolling_30d"][-1]["period"] == "2024-02-07"


def test_one_member_chat():
    text = "".join(f"05/03/24 10.{m:02d} - Rina: catatan {m}\n" for m in range(0, 50, 7))
    r = analyze(chat(text))
    d = r.to_dict()
    p, lat = d["participation"], d["latency"]
    assert p["n_members"] == 1 and p["gini"] == 0.0
    assert p["gini_corrected"] is None and p["theil_normalized"] is None
    assert lat["n_turns"] == 8 and lat["unanswered_share"] == 1.0
    assert lat["median_s"] is None and lat["answered_5min_share"] == 0.0
    no_nan(d)


def test_chat_with_only_system_lines():
    text = ('01/02/24 08.00 - Sari membuat grup "UMKM Sleman"\n01/02/24 08.01 - Sari menambahkan Budi\n'
            "01/02/24 08.02 - Budi keluar\n")
    r = analyze(chat(text))
    d = r.to_dict()
    assert d["window"]["n_messages"] == 0
    assert d["participation"]["gini"] is None and d["participation"]["lorenz"] == []
    assert d["latency"]["n_turns"] == 0 and d["latency"]["median_s"] is None
    assert d["latency"]["burstiness"] is None
    assert any("only system lines" in w for w in d["warnings"])
    assert len(r.messages) == 3 and r.messages["turn"].isna().all()
    no_nan(d)


def test_a_day_with_hundreds_of_messages():
    names = ["Rina", "Budi", "Dewi", "Eko"]
    lines = [f"17/08/24 {9 + i // 60:02d}.{i % 60:02d} - {names[i % 4]}: pesan {i} 🇮🇩\n" for i in range(300)]
    # Plus several messages per minute.
    lines += [f"17/08/24 15.00 - {names[i % 2]}: merdeka {i}\n" for i in range(400)]
    r = analyze(chat("".join(lines)))
    d = r.to_dict()
    assert d["window"]["n_messages"] == 700
    assert d["activity"]["messages_per_day"] == [["2024-08-17", 700]]
    assert d["activity"]["top_emoji"][0] == {"emoji": "🇮🇩", "count": 300, "share": 1.0, "name": "Indonesia"}
    assert 0 <= d["participation"]["gini"] < 0.5
    assert d["latency"]["median_s"] == 0  # the next author speaks within the same minute
    assert math.isfinite(d["latency"]["burstiness"])
    no_nan(d)


def test_out_of_order_records_are_analysed_in_time_order():
    text = ("05/03/24 10.05 - Budi: jawab\n05/03/24 10.00 - Rina: tanya\n05/03/24 10.30 - Rina: makasih\n")
    r = analyze(chat(text))
    assert r.latency.summary.median_s == 300
    m = r.messages.set_index("text")
    assert m.loc["tanya", "latency_s"] == 300 and m.loc["jawab", "reply_to"] == "Rina"


def test_report_keys_parameters_and_determinism():
    a = analyze(chat(JOINS_CHAT)).to_dict()
    b = analyze(chat(JOINS_CHAT)).to_dict()
    assert a == b
    import analyzer
    assert a["version"] == analyzer.__version__ == a["parameters"]["tool_version"]
    for k in ("start", "end", "tau_burst_s", "reply_window_s", "censor_limit_s", "quiet_hours", "bootstrap",
              "null_draws", "seed", "rolling_days", "classifier_version"):
        assert k in a["parameters"]
    assert a["format"]["platform"] == "android"
    for k in ("n_members", "n_posters", "silent_members", "silent_share", "gini", "gini_corrected", "gini_ci_low",
              "gini_ci_high", "gini_null_mean", "gini_null_p", "hoover", "theil", "theil_normalized", "hhi",
              "effective_posters", "top1_share", "top10pct_share", "top20pct_share", "min_share_for_50pct",
              "min_share_for_80pct", "lorenz", "monthly"):
        assert k in a["participation"], k
    for k in ("messages", "posters", "gini"):
        assert k in a["participation"]["monthly"][0]
    for k in ("median_s", "p25_s", "p75_s", "p90_s", "answered_5min_share", "answered_1h_share",
              "answered_24h_share", "unanswered_share", "burstiness", "resolution_s", "by_hour", "censor_limit_s"):
        assert k in a["latency"], k
    for k in ("messages_per_day", "hour_weekday", "joins_leaves_monthly", "media_share", "top_emoji", "top_domains"):
        assert k in a["activity"], k
    assert len(a["latency"]["by_hour"]) == 24
    no_nan(a)
    # A different seed moves the bootstrap, not the index.
    c = analyze(chat(JOINS_CHAT), seed=5).to_dict()["participation"]
    assert c["gini"] == a["participation"]["gini"]


def test_message_and_member_tables():
    r = analyze(chat(JOINS_CHAT))
    m = r.messages
    for col in ("timestamp", "author", "text", "kind", "turn", "reply_to", "latency_s", "answered"):
        assert col in m.columns
    assert len(m) == 9
    user = m[m["kind"] != "system"]
    assert list(user["turn"]) == [0, 1, 2]
    assert list(user["latency_s"].fillna(-1)) == [60, 14 * 60, -1]
    mem = r.members.set_index("member")
    for col in ("messages", "characters", "turns", "active_days", "first_seen", "last_seen", "median_latency_s",
                "share_answered"):
        assert col in mem.columns
    assert mem.loc["Sari", "messages"] == 2 and mem.loc["Sari", "turns"] == 2
    assert mem.loc["Sari", "characters"] == len("Selamat datang semua") + len("info pelatihan NIB hari sabtu")
    assert mem.loc["Budi", "share_answered"] == 1.0
    assert str(mem.loc["Eko", "first_seen"]) == "2024-02-01 08:03:00"


def test_bad_parameters():
    c = chat(JOINS_CHAT)
    for kw in ({"start": "01/02/2024"}, {"end": "2024-13-01"}, {"start": "2024-03-01", "end": "2024-02-01"},
               {"members": 0}, {"censor_limit_s": -1}, {"quiet_hours": (5, 5)}, {"quiet_hours": "night"}):
        with pytest.raises(AnalysisParameterError):
            analyze(c, **kw)


def test_categories_when_the_table_has_them():
    from analyzer.chat.model import Chat
    from analyzer.classify import classify

    c = chat(JOINS_CHAT)
    m = c.messages.copy()
    m["category"] = classify(m["text"], m["kind"])["category"]
    r = analyze(Chat(messages=m, format=c.format))
    assert "category" in r.messages.columns
    cats = {row["category"]: row for row in r.to_dict()["latency"]["by_category"]}
    assert sum(row["n_turns"] for row in cats.values()) <= r.latency.summary.n_turns
    assert cats and all(k in ("business_news", "promotion", "request", "coordination", "social", "other")
                        for k in cats)
