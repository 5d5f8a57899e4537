"""The answer rule (analyzer.metrics.answers) against generated chats with known truth, and the
hard cases of issue 13. Categories come from the generator's truth here, so these tests do not
depend on the classifier; `tests/test_report_answers.py` runs the whole pipeline."""
from __future__ import annotations

from datetime import datetime, timedelta

import numpy as np
import pandas as pd
import pytest

from analyzer.chat import synthetic as S
from analyzer.metrics.answers import CUES, link_answers, rule_text


def _frame(records, truth) -> pd.DataFrame:
    m = pd.DataFrame({"timestamp": [r.timestamp for r in records], "author": [r.author for r in records],
                      "text": [r.text for r in records], "kind": [r.kind for r in records],
                      "category": truth["category"]})
    return m[m["kind"] != "system"].reset_index(drop=True).assign(pos=lambda d: np.flatnonzero(
        np.array([r.kind != "system" for r in records])))


def _scores(records, truth, **kw):
    m = _frame(records, truth)
    links = link_answers(m.drop(columns="pos"), **kw)
    pos = m["pos"].to_numpy()
    tb = links.table
    pred = dict(zip(pos[tb["row"]], np.where(tb["answer_row"] >= 0, pos[np.maximum(tb["answer_row"], 0)], -1)))
    req = truth.index[truth["request"]]
    true_a = truth.loc[req, "answer_index"].to_numpy()
    p = np.array([pred[i] for i in req])
    tp = int(((p >= 0) & (p == true_a)).sum())
    return {"precision": tp / max(int((p >= 0).sum()), 1), "recall": tp / max(int((true_a >= 0).sum()), 1),
            "share": links.answered_share, "true_share": float((true_a >= 0).mean()), "links": links}


@pytest.mark.parametrize("seed,community", [(2024, S.UMKM), (11, S.UMKM), (12, S.UMKM), (7, S.SMALLBIZ)])
def test_generated_chats_precision_recall_and_share(seed, community):
    records, truth = S.generate_with_truth(seed, community, hard_cases=True)
    s = _scores(records, truth)
    assert s["links"].n_requests == int(truth["request"].sum()) > 40
    assert s["precision"] >= 0.85
    assert s["recall"] >= 0.80
    assert abs(s["share"] - s["true_share"]) <= 0.05


def test_bundled_sample_truth_is_far_from_next_response():
    # The bundled sample (no hard cases): about 30% of its requests are never answered.
    records, truth = S.generate_with_truth(2024, S.UMKM)
    assert records == S.generate_conversation(2024, S.UMKM)  # the samples did not change
    s = _scores(records, truth)
    assert 0.6 < s["true_share"] < 0.8
    assert s["precision"] >= 0.9 and abs(s["share"] - s["true_share"]) <= 0.08


# --------------------------------------------------------------------------------------------
# Hard cases, written by hand

T0 = datetime(2024, 3, 4, 9, 0)


def chat(rows) -> pd.DataFrame:
    """rows: (minutes after T0, author, text, category)."""
    return pd.DataFrame({"timestamp": [T0 + timedelta(minutes=m) for m, *_ in rows],
                         "author": [r[1] for r in rows], "text": [r[2] for r in rows],
                         "category": [r[3] for r in rows]})


def answer_of(m: pd.DataFrame, **kw) -> dict[int, int]:
    tb = link_answers(m, **kw).table
    return dict(zip(tb["row"].tolist(), tb["answer_row"].tolist()))


def test_answer_hours_later_with_mention():
    m = chat([
        (0, "Siti", "ada yg tau supplier kemasan di Solo?", "request"),
        (3, "Budi", "mantul 👍", "social"),
        (60, "Agus", "Selamat siang bapak ibu", "social"),
        (90, "Rina", "Ready stock keripik tempe 15rb", "promotion"),
        (6 * 60, "Dewi", "@Siti coba Toko Plastik Jaya di Pasar Legi", "other"),
    ])
    links = link_answers(m)
    assert answer_of(m) == {0: 4}
    assert links.table.loc[0, "evidence"].startswith("mention")
    assert links.table.loc[0, "delay_s"] == 6 * 3600


def test_quick_unrelated_chatter_is_not_an_answer():
    m = chat([
        (0, "Siti", "printer thermal buat resi yg awet merk apa ya?", "request"),
        (1, "Budi", "mantul 👍", "social"),
        (2, "Agus", "wkwkwk", "social"),
        (5, "Rina", "Open PO rendang 1kg 150rb, japri ya", "promotion"),
        (9, "Dewi", "Selamat pagi semua 🙏", "social"),
        (600, "Hadi", "Info pelatihan gratis digital marketing Sabtu ini, daftar di link", "business_news"),
    ])
    assert answer_of(m) == {0: -1}


def test_reply_read_as_social_answers_only_by_shared_words():
    # the classifier may call a short reply small talk; its words still take the request up
    m = chat([
        (0, "Siti", "ada yg tau tempat servis mesin jahit di Solo?", "request"),
        (2, "Budi", "mantul 👍", "social"),
        (4, "Dewi", "servis mesin jahit di Pasar Klewer bagus kak", "social"),
    ])
    links = link_answers(m)
    assert answer_of(m) == {0: 2}
    assert links.table.loc[0, "evidence"] == "words"


def test_social_message_never_answers_by_mention_name_thanks_or_window():
    m = chat([
        (0, "Siti", "ada yg tau supplier kemasan di Solo?", "request"),
        (1, "Budi", "@Siti wkwk semangat 💪", "social"),           # mentions the asker
        (2, "Agus", "Selamat pagi bu Siti 🙏", "social"),          # names the asker
        (3, "Rina", "hehe iya", "social"),                         # within the window, then thanks
        (4, "Siti", "makasih 🙏", "social"),
    ])
    assert answer_of(m) == {0: -1}


def test_asker_follow_up_is_not_an_answer_by_someone_else():
    m = chat([
        (0, "Siti", "NIB daftarnya di mana ya? bayar ga?", "request"),
        (4, "Siti", "udah nemu kok, di oss.go.id ternyata gratis", "other"),
        (6, "Budi", "mantap 👍", "social"),
    ])
    assert answer_of(m) == {0: -1}


def test_several_questions_open_at_once():
    m = chat([
        (0, "Siti", "ada yg tau supplier kemasan di Solo?", "request"),
        (2, "Budi", "printer thermal buat resi yg awet merk apa ya?", "request"),
        (5, "Agus", "Xprinter aman kak, printer thermal murah", "other"),       # shares words with Budi's
        (7, "Rina", "@Siti di Jl. Kapten Mulyadi ada toko kemasan grosir", "other"),
        (8, "Siti", "makasih mbak Rina 🙏", "social"),
    ])
    got = answer_of(m)
    assert got == {0: 3, 1: 2}


def test_window_answer_goes_to_the_most_recent_question():
    m = chat([
        (0, "Siti", "Harga sewa stand bazar CFD berapa ya?", "request"),
        (1, "Budi", "masih ada kak?", "request"),
        (3, "Rina", "ready kak 🙏", "other"),
    ])
    assert answer_of(m) == {0: -1, 1: 2}


def test_thanks_points_to_the_start_of_the_exchange():
    m = chat([
        (0, "Siti", "Ada info pinjaman modal selain KUR?", "request"),
        (50, "Budi", "LPDB kak, bunga rendah", "other"),
        (55, "Agus", "ada dana bergulir dari Dinkop juga", "other"),
        (58, "Siti", "wah membantu bgt, makasih 🙏", "social"),
    ])
    links = link_answers(m)
    assert answer_of(m) == {0: 1}
    assert links.table.loc[0, "evidence"] == "chain+thanks"


def test_name_of_the_asker_and_unsorted_input():
    m = chat([
        (0, "Ratna Wulandari", "Kapan jadwal kopdar berikutnya bu?", "request"),
        (200, "Endang", "Ratna, bulan depan insyaallah", "other"),
        (1, "Budi", "hehe", "social"),
    ])
    assert answer_of(m) == {0: 1}


def test_no_requests_and_parameters():
    m = chat([(0, "Siti", "Selamat pagi", "social")])
    links = link_answers(m)
    assert links.n_requests == 0 and np.isnan(links.answered_share)
    assert set(CUES) <= set(link_answers(chat([(0, "A", "apa?", "request")])).evidence_counts)
    assert "30 min" in rule_text() and "24 h" in rule_text()
    with pytest.raises(ValueError):
        link_answers(m, reply_window_s=-1)


def test_one_feature_pass_decides_every_parameter_like_a_fresh_run():
    # The sensitivity table decides several Δ/horizons from one pass over the text.
    from analyzer.metrics.answers import answer_features, decide

    records, truth = S.generate_with_truth(11, S.UMKM, hard_cases=True)
    m = _frame(records, truth).drop(columns="pos")
    f = answer_features(m, horizon_s=86_400)
    for window, horizon in ((300, 86_400), (3600, 3600), (1800, 21_600)):
        fresh = link_answers(m, reply_window_s=window, horizon_s=horizon)
        shared = decide(f, reply_window_s=window, horizon_s=horizon)
        assert shared.table.equals(fresh.table)
        quick = decide(f, reply_window_s=window, horizon_s=horizon, details=False)
        assert quick.n_answered == fresh.n_answered  # the chain step moves answers, never adds any
    with pytest.raises(ValueError, match="beyond"):
        decide(f, horizon_s=2 * 86_400)


def test_longer_window_or_horizon_never_answers_fewer():
    from analyzer.metrics.answers import answer_features, decide

    records, truth = S.generate_with_truth(12, S.UMKM, hard_cases=True)
    f = answer_features(_frame(records, truth).drop(columns="pos"), horizon_s=86_400)
    by_window = [decide(f, reply_window_s=w, details=False).n_answered for w in (300, 900, 1800, 3600)]
    by_horizon = [decide(f, horizon_s=h, details=False).n_answered for h in (3600, 21_600, 86_400)]
    assert by_window == sorted(by_window) and by_horizon == sorted(by_horizon)


def test_sensitivity_network_headline_equals_network_metrics():
    from analyzer.metrics.network import delta_sensitivity
    from analyzer.metrics.sensitivity import network_headline

    records, truth = S.generate_with_truth(7, S.SMALLBIZ)
    m = _frame(records, truth).drop(columns="pos")
    full = delta_sensitivity(m, deltas_s=(300, 3600)).to_dict("records")
    for row in full:
        fast = network_headline(m, delta_s=row["delta_s"], tau_burst_s=300, w_weak=2, seed=0)
        for k, v in row.items():
            assert fast[k] == pytest.approx(v, nan_ok=True), k
