"""Message categories wired into `analyze` and the researcher loop on the CLI (issue 4).

The chats are Indonesian Android exports written line by line, so every expected category and
content number below can be checked by hand.
"""
from __future__ import annotations

import csv
import json

import numpy as np
import pandas as pd
import pytest

from analyzer import load_chat
from analyzer.classify.categorise import CLASSIFIER_VERSION, turn_categories
from analyzer.cli.program import main
from analyzer.analysis import AnalysisParameterError, analyze

# Five members; only Ani (1) and Budi (2) share business news. Dewi's question is answered by Ani
# 4 minutes later; Dewi's last record is media without caption (no category).
CHAT = """\
04/03/24 08.00 - Eko: Assalamualaikum, selamat pagi semua 🙏
04/03/24 08.10 - Ani: Info KUR BRI 2024 sudah dibuka, bunga 6% per tahun, syarat cukup NIB. Daftar di https://kur.ekon.go.id
04/03/24 08.30 - Citra: Ready stock keripik tempe pedas Rp 15.000/bks 🔥 order di https://shopee.co.id/keripikcitra
04/03/24 09.00 - Dewi: Ada yg tau supplier kemasan standing pouch murah di Jogja?
04/03/24 09.04 - Ani: Coba di Beringharjo bu
04/03/24 10.00 - Budi: Harga cabai di pasar induk naik jadi 80rb/kg
05/03/24 19.00 - Eko: Kopdar bulan ini hari Sabtu jam 10 di rumah bu Ani ya, jangan lupa bawa iuran kas
05/03/24 19.05 - Budi: Ada pelatihan gratis sertifikasi halal dari Dinas Koperasi tgl 20 Maret, info lengkap https://www.kemenkopukm.go.id/pelatihan
05/03/24 19.06 - Dewi: <Media tidak disertakan>
"""

EXPECTED = {  # text prefix -> category
    "Assalamualaikum": "social",
    "Info KUR": "business_news",
    "Ready stock": "promotion",
    "Ada yg tau": "request",
    "Coba di": "other",
    "Harga cabai": "business_news",
    "Kopdar": "coordination",
    "Ada pelatihan": "business_news",
}

CONTENT_KEYS = ("business_news_share", "category_shares", "news_sharers", "news_sharers_share", "news_gini",
                "news_top1_share", "news_top10pct_share", "poster_news_jaccard", "monthly_category_shares",
                "top_news_domains", "request_answered_share")

# Three messages per category (gold labels = the intended category) for the sample → evaluate →
# train → analyze --model round trip; three per label lets the model be cross-validated.
ROUND_TRIP = [
    ("Ani", "Info KUR BRI 2024 sudah dibuka, bunga 6% per tahun. Daftar di https://kur.ekon.go.id", "business_news"),
    ("Budi", "Ada pelatihan gratis sertifikasi halal dari Dinas Koperasi tgl 20 Maret", "business_news"),
    ("Ani", "Pameran UMKM di JCC bulan depan gratis untuk anggota, daftar lewat link https://bit.ly/pameranumkm", "business_news"),
    ("Citra", "Ready stock keripik tempe pedas Rp 15.000/bks 🔥 order di https://shopee.co.id/keripikcitra", "promotion"),
    ("Citra", "Open PO bolu pandan 35rb, japri ya", "promotion"),
    ("Eko", "Jual madu hutan asli 100rb/botol, cek tokopedia.com/madueko", "promotion"),
    ("Dewi", "Ada yg tau supplier kemasan standing pouch murah di Jogja?", "request"),
    ("Dewi", "Gimana cara daftar NIB online ya?", "request"),
    ("Budi", "Ada yg punya kontak percetakan stiker di Sleman?", "request"),
    ("Eko", "Kopdar bulan ini hari Sabtu jam 10 di rumah bu Ani ya", "coordination"),
    ("Eko", "Rapat pengurus diundur ke hari Kamis", "coordination"),
    ("Ani", "Jangan lupa iuran bulan ini ya, transfer ke bendahara", "coordination"),
    ("Dewi", "Terima kasih infonya bu 🙏", "social"),
    ("Citra", "Selamat ulang tahun pak Eko, sehat selalu", "social"),
    ("Budi", "Assalamualaikum, selamat pagi semua", "social"),
    ("Eko", "lagi hujan deres di sini", "other"),
    ("Ani", "Coba di Beringharjo bu", "other"),
    ("Dewi", "motorku mogok di jalan tadi", "other"),
]


def _write_lines(path, lines: list[str]) -> None:
    """Write an export line by line, as the phone does (LF endings, UTF-8)."""
    with path.open("w", encoding="utf-8", newline="\n") as f:
        for line in lines:
            f.write(line + "\n")


@pytest.fixture()
def chat_file(tmp_path):
    p = tmp_path / "WhatsApp Chat dengan UMKM Sleman.txt"
    _write_lines(p, CHAT.splitlines())
    return p


@pytest.fixture()
def round_trip_file(tmp_path):
    p = tmp_path / "WhatsApp Chat dengan UMKM Bantul.txt"
    # one message every 7 minutes over three days, so turns and months are ordinary
    t0 = pd.Timestamp("2024-03-04 08:00")
    lines = [f"{(t0 + pd.Timedelta(minutes=7 * i)):%d/%m/%y %H.%M} - {who}: {text}"
             for i, (who, text, _) in enumerate(ROUND_TRIP)]
    _write_lines(p, lines)
    return p


def _analyze_cli(chat_file, out, *extra: str) -> tuple[dict, pd.DataFrame]:
    assert main(["analyze", str(chat_file), "--out", str(out), "--no-report", *extra]) == 0
    report = json.loads((out / "report.json").read_text(encoding="utf-8"))
    return report, pd.read_csv(out / "messages.csv", keep_default_na=False, na_values=[""])


# --------------------------------------------------------------------------- analyze
def test_messages_csv_carries_categories_with_reasons(chat_file, tmp_path):
    report, msgs = _analyze_cli(chat_file, tmp_path / "out")
    assert {"category", "category_reason"} <= set(msgs.columns)
    for prefix, cat in EXPECTED.items():
        row = msgs[msgs["text"].str.startswith(prefix)].iloc[0]
        assert row["category"] == cat, (prefix, row["category_reason"])
        assert isinstance(row["category_reason"], str) and row["category_reason"]
    media = msgs[msgs["kind"] == "media"].iloc[0]
    assert pd.isna(media["category"]) and "media without caption" in media["category_reason"]
    assert "keyword 'kur'" in msgs.loc[msgs["text"].str.startswith("Info KUR"), "category_reason"].iloc[0]
    p = report["parameters"]
    # the default is the hybrid model shipped in the package; the rules it builds on are recorded too
    assert p["classifier"] == "hybrid" and p["classifier_version"] == "hybrid-3"
    assert p["rules_version"] == CLASSIFIER_VERSION and len(p["model_sha256"]) == 64
    assert p["lexicon"] == "built-in" and len(p["lexicon_sha256"]) == 64 and p["model"].startswith("built-in")
    assert "request if any message" in p["turn_category"]


def test_content_block_for_a_known_chat(chat_file, tmp_path):
    report, _ = _analyze_cli(chat_file, tmp_path / "out")
    c = report["content"]
    for k in CONTENT_KEYS:
        assert k in c, k
    assert c["n_members"] == 5
    assert c["messages"] == 9 and c["messages_with_text"] == 8
    assert c["business_news_share"] == pytest.approx(3 / 8)
    assert c["news_sharers"] == 2 and c["news_sharers_share"] == pytest.approx(0.4)
    assert c["category_counts"] == {"business_news": 3, "promotion": 1, "request": 1, "coordination": 1,
                                    "social": 1, "other": 1}
    # y = (2, 1, 0, 0, 0): Gini 20 / (2·25·0.6) = 2/3; the top sharer (and top 10% = 1 member) has 2/3
    assert c["news_gini"] == pytest.approx(2 / 3, abs=1e-6)
    assert c["news_top1_share"] == pytest.approx(2 / 3, abs=1e-6)
    assert c["news_top10pct_share"] == pytest.approx(2 / 3, abs=1e-6)
    # top poster (2 messages each, ties by name) is Ani, top news sharer is Budi: no overlap
    assert c["top_posters"] == ["Ani"] and c["top_news_sharers"] == ["Budi"]
    assert c["poster_news_jaccard"] == 0
    assert [m["month"] for m in c["monthly_category_shares"]] == ["2024-03"]
    assert c["monthly_category_shares"][0]["business_news"] == pytest.approx(3 / 8)
    assert "kur.ekon.go.id" in {d["domain"] for d in c["top_news_domains"]}
    assert "shopee.co.id" not in {d["domain"] for d in c["top_news_domains"]}  # a promotion, not news
    assert c["request_answered_share"] == 1.0  # Dewi's question, answered by Ani after 4 minutes
    by_cat = {r["category"]: r for r in report["latency"]["by_category"]}
    assert by_cat["request"]["n_turns"] == 1 and by_cat["request"]["median_s"] == 240


def test_members_option_changes_content_denominator(chat_file, tmp_path):
    report, _ = _analyze_cli(chat_file, tmp_path / "out", "--members", "8")
    assert report["content"]["n_members"] == 8
    assert report["content"]["news_sharers_share"] == pytest.approx(2 / 8)


def test_cli_and_api_give_the_same_content(chat_file, tmp_path):
    report, _ = _analyze_cli(chat_file, tmp_path / "out")
    api = json.loads(json.dumps(analyze(load_chat(chat_file)).to_dict()))
    assert report["content"] == api["content"]
    assert report["parameters"] == api["parameters"]


def test_no_classify_leaves_content_null(chat_file, tmp_path):
    report, msgs = _analyze_cli(chat_file, tmp_path / "out", "--no-classify")
    assert report["content"] is None
    assert "category" not in msgs.columns
    assert report["latency"]["by_category"] == []
    assert report["parameters"]["classifier"] is None and report["parameters"]["classifier_version"] is None


def test_lexicon_override_changes_a_category(chat_file, tmp_path):
    lex = tmp_path / "my_cues.csv"
    lex.write_text("# our market is news\ncategory,cue,language,pattern,weight,label\n"
                   "business_news,keyword,id,beringharjo,3,\n", encoding="utf-8")
    report, msgs = _analyze_cli(chat_file, tmp_path / "out", "--lexicon", str(lex))
    row = msgs[msgs["text"].str.startswith("Coba di")].iloc[0]
    assert row["category"] == "business_news" and "beringharjo" in row["category_reason"]
    assert report["content"]["news_sharers"] == 2 and report["content"]["business_news_share"] == pytest.approx(4 / 8)
    p = report["parameters"]
    assert p["lexicon_file"] == str(lex) and len(p["lexicon_user_sha256"]) == 64
    # the same through the API, with the lexicon as a DataFrame
    df = pd.DataFrame([{"category": "business_news", "cue": "keyword", "language": "id", "pattern": "beringharjo",
                        "weight": 3, "label": ""}])
    api = analyze(load_chat(chat_file), lexicon=df, bootstrap=10, null_draws=10, network=False)
    assert api.messages.loc[api.messages["text"].str.startswith("Coba di"), "category"].iloc[0] == "business_news"


def test_classification_is_timed_separately(chat_file):
    r = analyze(load_chat(chat_file), bootstrap=10, null_draws=10, network=False)
    assert "classify" in r.timings and "content" in r.timings
    r = analyze(load_chat(chat_file), classify=False, bootstrap=10, null_draws=10, network=False)
    assert "classify" not in r.timings and r.content is None


def test_bad_classifier_input_is_one_line_exit_2(chat_file, tmp_path, capsys):
    bad_lex = tmp_path / "bad.csv"
    bad_lex.write_text("category,cue,language,pattern,weight,label\nnews,keyword,id,kur,3,\n", encoding="utf-8")
    for extra in (["--lexicon", str(tmp_path / "missing.csv")], ["--lexicon", str(bad_lex)],
                  ["--model", str(tmp_path / "missing.joblib")], ["--model", str(bad_lex)],
                  ["--no-classify", "--lexicon", str(bad_lex)]):
        assert main(["analyze", str(chat_file), "--out", str(tmp_path / "o"), "--no-report", *extra]) == 2, extra
        err = capsys.readouterr().err.strip()
        assert err.startswith("wa-analyzer analyze: error:") and "\n" not in err, err
    with pytest.raises(AnalysisParameterError):
        analyze(load_chat(chat_file), lexicon=str(bad_lex), model=str(bad_lex))


def test_turn_category_request_if_any_message_is():
    # turns: 0 = [social, request], 1 = [promotion, <NA>], 2 = [<NA>], 3 = [other, social]
    cats = pd.Series(["social", "request", "promotion", None, None, "other", "social"], dtype="string")
    message_turn = np.array([0, 0, 1, 1, 2, 3, 3])
    order = np.arange(7)
    got = turn_categories(cats, message_turn, order, 4)
    assert list(got) == ["request", "promotion", None, "social"]


# --------------------------------------------------------------------------- researcher loop
def _fill_labels(sheet, gold: dict[str, str]) -> int:
    """Hand-code the sheet as a researcher would: the gold label of each sampled text."""
    with sheet.open(encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f))
    for r in rows:
        r["label"] = gold[r["text"]]
    with sheet.open("w", encoding="utf-8", newline="") as f:
        w = csv.DictWriter(f, fieldnames=list(rows[0]))
        w.writeheader()
        w.writerows(rows)
    return len(rows)


def test_sample_label_evaluate_train_analyze_round_trip(round_trip_file, tmp_path, capsys):
    sheet = tmp_path / "coding.csv"
    assert main(["sample", str(round_trip_file), "--n", "18", "--out", str(sheet), "--seed", "3"]) == 0
    assert "wrote 18 messages" in capsys.readouterr().err
    df = pd.read_csv(sheet, keep_default_na=False)
    assert list(df.columns) == ["line", "timestamp", "author", "text", "category_auto", "label"]
    assert (df["label"] == "").all() and set(df["category_auto"]) == {c for _, _, c in ROUND_TRIP}
    assert _fill_labels(sheet, {text: cat for _, text, cat in ROUND_TRIP}) == 18

    assert main(["evaluate", str(round_trip_file), "--labels", str(sheet)]) == 0
    out = capsys.readouterr().out
    for word in ("precision", "recall", "f1", "macro-F1", "Cohen's kappa", "confusion matrix", "business_news"):
        assert word in out, word

    assert main(["evaluate", str(round_trip_file), "--labels", str(sheet), "--json"]) == 0
    ev = json.loads(capsys.readouterr().out)["evaluation"]
    assert ev["n"] == 18 and ev["macro_f1"] == 1.0 and ev["kappa"] == 1.0  # the rules get all 18 right
    assert ev["confusion"]["matrix"][0][0] == 3

    model = tmp_path / "model.joblib"
    assert main(["evaluate", str(round_trip_file), "--labels", str(sheet), "--train", str(model)]) == 0
    out = capsys.readouterr().out
    assert model.is_file() and "3-fold cross-validated macro-F1" in out and f"--model {model}" in out

    report, msgs = _analyze_cli(round_trip_file, tmp_path / "out", "--model", str(model))
    assert report["parameters"]["classifier"] == "model" and report["parameters"]["model"] == str(model)
    assert len(report["parameters"]["model_sha256"]) == 64
    assert msgs["category_reason"].str.match(r"^model p=\d\.\d\d$").all()
    assert report["content"]["messages_with_text"] == 18
    # a model trained on the chat itself reproduces most of its labels
    gold = {text: cat for _, text, cat in ROUND_TRIP}
    agree = (msgs["category"] == msgs["text"].map(gold)).mean()
    assert agree >= 0.8

    # evaluating the trained model goes through the same path
    assert main(["evaluate", str(round_trip_file), "--labels", str(sheet), "--model", str(model), "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["evaluation"]["classifier"] == "model"


def test_sample_writes_neutralised_csv(tmp_path, capsys):
    chat = tmp_path / "chat.txt"
    _write_lines(chat, ["04/03/24 08.00 - Ani: =HYPERLINK(\"http://x\",\"klik\") info KUR",
                        "04/03/24 08.05 - Budi: Terima kasih bu"])
    sheet = tmp_path / "s.csv"
    assert main(["sample", str(chat), "--n", "5", "--out", str(sheet)]) == 0
    texts = pd.read_csv(sheet)["text"].tolist()
    assert any(t.startswith("'=HYPERLINK") for t in texts)


def test_evaluate_bad_input_is_one_line_exit_2(round_trip_file, tmp_path, capsys):
    sheet = tmp_path / "coding.csv"
    assert main(["sample", str(round_trip_file), "--n", "6", "--out", str(sheet)]) == 0
    capsys.readouterr()
    cases = [(["--labels", str(tmp_path / "none.csv")], "does not exist"),
             (["--labels", str(sheet)], "no labelled rows")]
    wrong = tmp_path / "wrong.csv"
    wrong.write_text(sheet.read_text(encoding="utf-8").replace(',""\n', ',"promo"\n'), encoding="utf-8")
    cases.append((["--labels", str(wrong)], "unknown label(s) 'promo'"))
    nolines = tmp_path / "nolines.csv"
    nolines.write_text("text,label\nhalo,social\n", encoding="utf-8")
    cases.append((["--labels", str(nolines)], "lacks column(s) line"))  # not a sheet from 'sample'
    cases.append((["--labels", str(sheet), "--model", str(wrong)], "not a readable model file"))
    for extra, why in cases:
        assert main(["evaluate", str(round_trip_file), *extra]) == 2, extra
        err = capsys.readouterr().err.strip()
        assert err.startswith("wa-analyzer evaluate: error:") and "\n" not in err, err
        assert why in err, err
    assert main(["sample", str(round_trip_file), "--n", "5", "--out", str(tmp_path / "s.txt")]) == 2
    assert "must name a .csv" in capsys.readouterr().err


def test_corrected_shares_in_evaluate_and_analyze(round_trip_file, tmp_path, capsys):
    """Issue 12: evaluate reports whole-chat estimates; analyze --labels gives corrected shares,
    and without a sheet the shares are marked raw with the classifier's real-chat accuracy."""
    sheet = tmp_path / "coding.csv"
    assert main(["sample", str(round_trip_file), "--n", "18", "--out", str(sheet)]) == 0
    _fill_labels(sheet, {text: cat for _, text, cat in ROUND_TRIP})
    capsys.readouterr()
    assert main(["evaluate", str(round_trip_file), "--labels", str(sheet)]) == 0
    out = capsys.readouterr().out
    assert "weighted for the whole chat" in out and "misclassification-corrected" in out
    assert main(["evaluate", str(round_trip_file), "--labels", str(sheet), "--json"]) == 0
    ev = json.loads(capsys.readouterr().out)["evaluation"]
    shares = ev["corrected_shares"]["shares"]
    assert set(shares) == {"business_news", "promotion", "request", "coordination", "social", "other"}
    for v in shares.values():
        assert v["ci_low"] <= v["corrected"] <= v["ci_high"]
    assert ev["weighted"]["macro_over"] and "left_out_of_macro" in ev["weighted"]

    raw, _ = _analyze_cli(round_trip_file, tmp_path / "raw")
    c = raw["content"]
    assert c["share_basis"] == "raw" and c["business_news_share_corrected"] is None
    assert c["classifier_accuracy"]["classifier"] == "hybrid"
    assert 0 < c["classifier_accuracy"]["random_rows"]["kappa"] < 1
    corrected, _ = _analyze_cli(round_trip_file, tmp_path / "cor", "--labels", str(sheet))
    c = corrected["content"]
    assert c["share_basis"] == "corrected" and c["business_news_share"] == raw["content"]["business_news_share"]
    lo, hi = c["business_news_share_ci"]
    assert lo <= c["business_news_share_corrected"] <= hi
    assert c["corrected_shares"]["n_coded"] == 18
    # a sheet that does not fit: one line, exit code 2
    bad = tmp_path / "bad.csv"
    bad.write_text("line,label\n999999,social\n", encoding="utf-8")
    capsys.readouterr()
    assert main(["analyze", str(round_trip_file), "--out", str(tmp_path / "bad"), "--no-report",
                 "--labels", str(bad)]) == 2
    err = capsys.readouterr().err.strip()
    assert err.startswith("wa-analyzer analyze: error:") and "\n" not in err and "coding sheet" in err


def test_analyze_labels_fits_the_classifier_unless_told_not_to(tmp_path, capsys):
    """With 20 or more coded messages, analyze --labels fits the built-in classifier to them;
    --no-fit-to-labels keeps it as shipped; evaluate says what fitting would give."""
    from analyzer.chat import synthetic as S
    from analyzer.chat.write import render

    records, truth = S.generate_with_truth(77, S.UMKM, hard_cases=True)
    chat_file = tmp_path / "chat.txt"
    chat_file.write_text(render(records, "android_id"), encoding="utf-8")
    sheet = tmp_path / "coding.csv"
    assert main(["sample", str(chat_file), "--n", "40", "--out", str(sheet)]) == 0
    lines = load_chat(chat_file.read_bytes()).messages["line"].tolist()
    by_line = dict(zip(lines, truth["category"]))
    coded = pd.read_csv(sheet, keep_default_na=False)
    coded["label"] = [by_line[line] or "" for line in coded["line"]]
    coded.to_csv(sheet, index=False)
    fit, msgs = _analyze_cli(chat_file, tmp_path / "fit", "--labels", str(sheet))
    kept, msgs0 = _analyze_cli(chat_file, tmp_path / "kept", "--labels", str(sheet), "--no-fit-to-labels")
    assert fit["parameters"]["fitted_to_coding"]["fitted"] and fit["parameters"]["fit_to_labels"] is True
    assert kept["parameters"]["fit_to_labels"] is False and "fitted_to_coding" not in kept["parameters"]
    assert "category_auto" in msgs.columns and "category_auto" not in msgs0.columns
    assert (msgs["category_auto"].fillna("") == msgs0["category"].fillna("")).all()
    assert fit["content"]["corrected_shares"]["shares"] == kept["content"]["corrected_shares"]["shares"]
    capsys.readouterr()
    assert main(["evaluate", str(chat_file), "--labels", str(sheet)]) == 0
    out = capsys.readouterr().out
    assert "fitted to these 40 coded messages (as 'analyze --labels' does), 5-fold cross-fitted" in out
