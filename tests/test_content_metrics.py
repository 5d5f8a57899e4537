"""Content metrics (analyzer.metrics.content): news share, news sharers, inequality, overlap, months."""
from __future__ import annotations

import json

import pandas as pd
import pytest

from analyzer.classify import CATEGORIES, classify
from analyzer.metrics import content as C


def table(rows: list[tuple[str, str | None, str, str, str | None]]) -> pd.DataFrame:
    """rows: (timestamp, author, kind, text, category)."""
    ts, author, kind, text, cat = zip(*rows)
    return pd.DataFrame({
        "timestamp": pd.to_datetime(list(ts)),
        "author": pd.Series(author, dtype="string"),
        "text": pd.Series(text, dtype="string"),
        "kind": pd.Series(kind, dtype="string"),
        "category": pd.Series(cat, dtype="string"),
    })


ROWS = [
    ("2024-01-05 09:00", "Ani", "text", "Info KUR https://www.detik.com/a", "business_news"),
    ("2024-01-06 09:00", "Ani", "text", "pelatihan https://www.detik.com/b dan https://oss.go.id/x", "business_news"),
    ("2024-01-07 09:00", "Budi", "text", "ready stock", "promotion"),
    ("2024-01-08 09:00", "Budi", "text", "ready lagi", "promotion"),
    ("2024-01-09 09:00", "Budi", "media", "<Media omitted>", None),
    ("2024-02-01 09:00", "Citra", "text", "hibah dinas", "business_news"),
    ("2024-02-02 09:00", "Citra", "text", "makasih", "social"),
    ("2024-02-03 09:00", None, "system", "Ani added Dedi", None),
    ("2024-02-04 09:00", "Dedi", "deleted", "This message was deleted", None),
    ("2024-02-05 09:00", "Budi", "text", "ada yg tau?", "request"),
]


def test_shares_and_sharers():
    m = table(ROWS)
    assert C.business_news_share(m) == pytest.approx(3 / 7)  # 7 messages with a category
    shares = C.category_shares(m)
    assert list(shares)[:6] == list(CATEGORIES)
    assert shares["promotion"] == pytest.approx(2 / 7) and shares["coordination"] == 0.0
    assert sum(v for v in shares.values()) == pytest.approx(1.0)
    assert C.news_sharers(m) == ["Ani", "Citra"]
    assert C.news_sharers_share(m, n_members=10) == 0.2


def test_news_inequality_uses_all_members_including_silent_ones():
    m = table(ROWS)
    # y over n = 10 members: Ani 2, Citra 1, eight zeros
    r = C.news_inequality(m, n_members=10)
    y = [2, 1] + [0] * 8
    from analyzer.metrics.participation import gini, top_share
    assert r["gini"] == pytest.approx(gini(y), abs=1e-6)
    assert r["top1_share"] == pytest.approx(2 / 3, abs=1e-6)
    assert r["top10pct_share"] == pytest.approx(top_share(y, 0.10), abs=1e-6)
    none = C.news_inequality(table([r for r in ROWS if r[4] != "business_news"]), n_members=5)
    assert none["gini"] is None and none["top1_share"] is None


def test_poster_news_jaccard():
    m = table(ROWS)
    # n = 10 -> k = 1: top poster Budi (4 messages incl. media), top news sharer Ani -> 0
    r = C.poster_news_jaccard(m, n_members=10)
    assert (r["k"], r["top_posters"], r["top_news_sharers"], r["jaccard"]) == (1, ["Budi"], ["Ani"], 0.0)
    # n = 11..20 -> k = 2: posters {Budi, Ani}, sharers {Ani, Citra} -> 1/3
    r = C.poster_news_jaccard(m, n_members=20)
    assert r["k"] == 2 and r["jaccard"] == pytest.approx(1 / 3, abs=1e-6)


def test_monthly_shares_and_domains():
    m = table(ROWS)
    months = C.monthly_category_shares(m)
    assert [x["month"] for x in months] == ["2024-01", "2024-02"]
    assert months[0]["messages"] == 4 and months[0]["business_news"] == 0.5
    assert months[1]["request"] == pytest.approx(1 / 3, abs=1e-6)
    assert C.top_news_domains(m) == [{"domain": "detik.com", "links": 2}, {"domain": "oss.go.id", "links": 1}]


def test_content_metrics_is_json_ready():
    m = table(ROWS)
    r = C.content_metrics(m, n_members=10, latency_by_category=[{"category": "request", "unanswered_share": 0.4}])
    d = r.to_dict()
    json.dumps(d, allow_nan=False)
    assert d["messages"] == 9 and d["messages_with_text"] == 7 and d["business_news"] == 3
    assert d["news_sharers"] == 2 and d["news_sharers_share"] == 0.2
    # issue 13: the old next-response share keeps its value under a new name; the answered share is
    # the answer rule's (Budi's question is the last message: nobody takes it up)
    assert d["request_next_response_share"] == 0.6
    assert d["request_answered_share"] == 0.0 and d["requests"] == 1 and d["requests_answered"] == 0
    assert d["unanswered_request_lines"] is None and "@mentions the asker" in d["request_answer_rule"]
    lined = C.content_metrics(m.assign(line=range(1, len(m) + 1)), n_members=10).to_dict()
    assert lined["unanswered_request_lines"] == [10]
    assert d["news_by_member"][0] == {"member": "Ani", "news": 2, "messages": 2}
    assert d["notes"] == []
    # without n: posters only, and it says so
    d2 = C.content_metrics(m).to_dict()
    assert d2["n_members"] == 4 and d2["notes"]
    with pytest.raises(ValueError, match="smaller"):
        C.content_metrics(m, n_members=2)


def test_content_metrics_on_classifier_output():
    texts = ["Info KUR BRI dibuka", "ready stock 15rb", "makasih infonya", "<Media omitted>"]
    m = pd.DataFrame({"timestamp": pd.date_range("2024-03-01", periods=4, freq="h"),
                      "author": pd.Series(["A", "B", "A", "B"], dtype="string"),
                      "text": pd.Series(texts, dtype="string"),
                      "kind": pd.Series(["text", "text", "text", "media"], dtype="string")})
    m = m.join(classify(m["text"], m["kind"]))
    r = C.content_metrics(m, n_members=3)
    assert r.business_news == 1 and r.messages_with_text == 3 and r.business_news_share == pytest.approx(1 / 3, abs=1e-6)
    with pytest.raises(ValueError, match="category"):
        C.content_metrics(m.drop(columns="category"))
