"""Issue 13 end to end: a held-out group chat (not from the sample generator's banks) where 18 of
30 requests get an on-topic answer and the group keeps chatting after the other 12. The whole
pipeline runs: render -> parse -> classify -> analyze -> report.json and messages.csv."""
from __future__ import annotations

import random
from datetime import datetime, timedelta

import pandas as pd
import pytest

from analyzer import load_chat
from analyzer.chat.write import Record, render
from analyzer.analysis import analyze

QUESTIONS = [
    ("Mau tanya, ada yg tau tempat servis mesin jahit di Solo?", "servis mesin jahit di Pasar Klewer lantai 2 bagus"),
    ("ada yg punya kontak distributor tepung tapioka?", "distributor tapioka di Jl. Veteran, kontaknya saya kirim ya"),
    ("Gimana cara daftar merek dagang di DJKI ya?", "daftar merek dagang lewat merek.dgip.go.id, prosesnya online"),
    ("Ada yg tau harga sewa ruko di daerah Manahan?", "sewa ruko di Manahan sekitar 40jt setahun"),
    ("mau tanya, aplikasi kasir yg gratis apa ya?", "aplikasi kasir gratis coba Qasir, lumayan lengkap"),
    ("Ada rekomendasi vendor packaging box custom?", "vendor box custom di Sukoharjo bagus, min 100 box"),
    ("ada yg tau cara bikin QRIS buat warung?", "QRIS buat warung daftar lewat bank aja, gratis"),
    ("Dimana beli kain batik cap yg bagus?", "kain batik cap yg bagus di Laweyan"),
    ("ada yg pernah jual di Shopee Mall? syaratnya apa?", "syarat Shopee Mall harus punya merek terdaftar"),
    ("Ada info kursus barista di Solo?", "kursus barista ada di Omah Kopi Academy, dua hari"),
    ("Tukang servis freezer yg jujur siapa ya?", "servis freezer pak Darmo di Kartasura, jujur orangnya"),
    ("Mau tanya, izin BPOM utk sambal botol berapa lama?", "izin BPOM sambal botol kemarin saya 3 bulan"),
    ("Ada yg tau supplier gula aren asli?", "gula aren asli dari Wonogiri, supplier langganan saya"),
    ("gimana cara hitung HPP yg bener ya?", "hitung HPP dari bahan, tenaga, overhead dibagi jumlah produk"),
    ("Ada yg jual mesin press plastik bekas?", "mesin press plastik bekas ada di grup jual beli Solo"),
    ("ongkir cargo ke Makassar pakai apa yg hemat ya?", "cargo ke Makassar lewat kapal laut paling hemat"),
    ("ada yg tau cara ikut e-katalog lokal?", "e-katalog lokal daftar di dinas pengadaan kota"),
    ("Mau tanya, pajak UMKM sekarang berapa persen?", "pajak UMKM final 0,5 persen dari omzet"),
    ("Ada yg tau tempat sablon kaos satuan?", "sablon kaos satuan di Jebres bisa, DTF"),
    ("Gimana cara dapat sertifikat PIRT utk keripik?", "sertifikat PIRT keripik ikut penyuluhan di Dinkes"),
    ("ada kenalan fotografer produk makanan?", "fotografer produk makanan teman saya, nanti saya kenalkan"),
    ("Tempat cetak stiker vinyl yg cepat dimana?", "cetak stiker vinyl cepat di Jl. Honggowongso"),
    ("Ada yg pakai software akuntansi utk toko? rekomendasi?", "software akuntansi toko saya pakai Jurnal, enak"),
    ("mau tanya, daftar BPJS ketenagakerjaan utk karyawan gimana?", "BPJS ketenagakerjaan karyawan daftar online di kantor cabang"),
    ("Ada yg tau jasa desain logo murah?", "desain logo bisa di Fiverr atau teman kuliah saya"),
    ("Dimana beli botol kaca 250ml grosir?", "botol kaca 250ml grosir di Pasar Gede"),
    ("Ada yg tau cara jualan di TikTok Shop?", "jualan TikTok Shop daftar seller center dulu"),
    ("gimana cara urus halal utk catering?", "halal catering lewat ptsp halal, pakai pendamping"),
    ("Ada rekomendasi kurir instan selain Gojek?", "kurir instan selain Gojek ada Lalamove dan Maxim"),
    ("Mau tanya, modal awal buka angkringan kira2 berapa?", "modal awal angkringan kira2 5 juta dengan gerobak"),
]
CHATTER = ["wkwkwk", "Selamat siang bapak ibu 🙏", "mantul 👍", "hehe", "😂😂",
           "Ready stock rendang kemasan 250gr, Rp 45.000. Order japri ya 🙏",
           "Open PO kue kering lebaran, nastar 90rb, kastengel 95rb, japri kak",
           "Info: pendaftaran bazar UMKM Car Free Day dibuka, daftar di https://forms.gle/abc123",
           "Pengingat iuran kas bulan ini Rp 20.000 ya bapak ibu 🙏",
           "alhamdulillah hari ini laris manis 🤲", "Selamat sore, semangat jualannya 💪"]
MEMBERS = ["Bu Ratna", "Pak Joko", "Mbak Sari", "Mas Andi", "Dewi Kue", "Hadi Mebel", "Yanti Batik", "Teguh Kopi"]


def held_out_chat(seed: int = 13) -> tuple[list[Record], list[int]]:
    """30 requests over 30 days; request i is answered on topic iff i is in the returned list."""
    r = random.Random(seed)
    answered = sorted(r.sample(range(30), 18))
    recs: list[Record] = []
    t = datetime(2024, 5, 1, 8, 0)
    for i, (q, a) in enumerate(QUESTIONS):
        day = datetime(2024, 5, 1) + timedelta(days=i)
        t = day + timedelta(hours=8, minutes=r.randrange(60))
        asker, answerer = r.sample(MEMBERS, 2)
        for _ in range(2):  # the group's ordinary chatter before the question
            recs.append(Record(t, r.choice(MEMBERS), r.choice(CHATTER)))
            t += timedelta(minutes=r.randint(5, 40))
        recs.append(Record(t, asker, q))
        if i in answered:
            if r.random() < 0.75:
                t += timedelta(minutes=r.randint(2, 20))
                recs.append(Record(t, answerer, a))
            else:  # hours later, naming whom it answers
                t += timedelta(minutes=r.randint(3, 40))
                recs.append(Record(t, r.choice([m for m in MEMBERS if m != asker]), r.choice(CHATTER[:5])))
                t += timedelta(hours=r.randint(2, 6))
                recs.append(Record(t, answerer, f"@{asker} {a}"))
            if r.random() < 0.5:
                t += timedelta(minutes=r.randint(1, 10))
                recs.append(Record(t, asker, "makasih infonya 🙏"))
        else:  # nobody takes it up; the group chats on
            for _ in range(r.randint(2, 4)):
                t += timedelta(minutes=r.randint(1, 25))
                recs.append(Record(t, r.choice([m for m in MEMBERS if m != asker]), r.choice(CHATTER)))
    return recs, answered


@pytest.fixture(scope="module")
def report(tmp_path_factory):
    recs, answered = held_out_chat()
    path = tmp_path_factory.mktemp("held_out") / "WhatsApp Chat dengan Komunitas UMKM Uji.txt"
    path.write_text(render(recs, "android_id", group_name="Komunitas UMKM Uji", exporter="Bu Ratna"), encoding="utf-8")
    return analyze(load_chat(path), bootstrap=50, null_draws=50, network_null_draws=10), answered


def test_held_out_answered_share_within_tenth_of_truth(report):
    rep, answered = report
    c = rep.to_dict()["content"]
    # the classifier finds nearly all 30 questions (the hybrid classifier trained on 30 real groups
    # reads four where-to-buy questions as coordination: 26 of 30; the answer rule is judged on those)
    assert c["requests"] >= 26
    assert abs(c["request_answered_share"] - 0.60) <= 0.10
    # next response says "the group spoke again", which it nearly always did
    assert c["request_next_response_share"] >= 0.9
    assert c["request_answer_rule"].startswith("A request")


def test_messages_link_requests_to_answer_lines(report):
    rep, answered = report
    m = rep.messages
    req = m[m["category"] == "request"]
    assert req["answered_by_line"].notna().sum() == rep.content.requests_answered
    linked = req.dropna(subset=["answered_by_line"])
    by_line = m.set_index("line")
    for _, row in linked.iterrows():
        ans = by_line.loc[int(row["answered_by_line"])]
        assert ans["author"] != row["author"] and ans["timestamp"] >= row["timestamp"]
    # non-requests never carry a link, and every unanswered request's line is listed
    assert m.loc[m["category"] != "request", "answered_by_line"].isna().all()
    assert sorted(rep.content.unanswered_request_lines) == sorted(req.loc[req["answered_by_line"].isna(), "line"].tolist())


def test_next_response_and_sensitivity_blocks(report):
    rep, _ = report
    d = rep.to_dict()
    nr, old = d["next_response"], d["latency"]
    assert nr["median_s"] == old["median_s"] and nr["no_next_response_share"] == old["unanswered_share"]
    assert nr["within_1h_share"] == old["answered_1h_share"] and nr["resolution"] == "minute"
    assert nr["old_key"] == "latency"
    s = d["sensitivity"]
    assert [r["delta_s"] for r in s["reply_window"]] == [300, 900, 1800, 3600]
    assert [r["censor_limit_s"] for r in s["censor_limit"]] == [3600, 21600, 86400]
    default = next(r for r in s["reply_window"] if r["delta_s"] == 1800)
    assert default["request_answered_share"] == pytest.approx(d["content"]["request_answered_share"], abs=1e-6)
    assert default["network_edges"] == d["network"]["edges"]
    shares = [r["request_answered_share"] for r in s["reply_window"]]
    assert shares == sorted(shares)  # a longer window never answers fewer requests
    within = [r["next_response_within_limit_share"] for r in s["censor_limit"]]
    assert within == sorted(within)
    assert d["network"]["parameters"]["delta_sensitivity_s"] == s["deltas_s"]


def test_sensitivity_can_be_switched_off(report):
    rep, _ = report
    chat_msgs = rep.messages
    assert "next_response_s" in chat_msgs.columns and "has_next_response" in chat_msgs.columns
    assert (chat_msgs["next_response_s"].fillna(-1) == chat_msgs["latency_s"].fillna(-1)).all()


def test_minute_exports_say_under_a_minute():
    from analyzer.i18n import fmt_duration
    from analyzer.outputs.narrative import key_numbers, summary_sentences

    tree = {"latency": {"n_turns": 10, "median_s": 0.0, "km_answered_1h": 0.9, "unanswered_share": 0.0,
                        "censor_limit_s": 86400.0, "resolution_s": 60, "p75_s": 60.0}}
    for lang, words in (("en", "under a minute"), ("id", "kurang dari semenit")):
        text = " ".join(summary_sentences(tree, lang)) + " ".join(v for _, v in key_numbers(tree, lang))
        assert words in text
        assert "0 s" not in text and "0 dtk" not in text and "60 s" not in text
        assert fmt_duration(60.0, lang, 60) != fmt_duration(0.0, lang, 60)
    # seconds-resolution exports keep seconds
    assert fmt_duration(30, "en", 1) == "30 s"


def test_report_html_states_the_rule_and_sensitivity(report):
    from analyzer.outputs.charts import build_all
    from analyzer.outputs.report_document import report_html

    rep, _ = report
    tree = rep.to_dict()
    for lang, rule, table in (("en", "Answers to requests", "Sensitivity to the reply window"),
                              ("id", "Jawaban atas permintaan", "Kepekaan terhadap jendela balasan")):
        figs = build_all(tree, lang, names=["sensitivity"])
        assert figs["sensitivity"].layout.template.layout.font.family  # explicit template
        html = report_html(tree, figs, lang)
        assert rule in html and table in html
