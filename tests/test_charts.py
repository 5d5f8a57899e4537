"""Figure builders: theme, translations, escaping, and that they draw the report's numbers as-is."""
from __future__ import annotations

import html

import plotly.io as pio
import pytest

from analyzer import load_chat
from analyzer.outputs.charts import (
    CHARTS,
    COLORWAY,
    FONT_FAMILY,
    TEMPLATE,
    build_all,
    category_shares,
    latency_survival,
    lorenz,
    top_posters,
)
from analyzer.i18n import LANGS, TEXT, fmt_duration, fmt_num, fmt_pct, missing_translations, t
from analyzer.outputs.narrative import key_numbers, summary_sentences
from analyzer.analysis import analyze
from export_samples import CHAT, FORMULA_NAME, SCRIPT_NAME

REQUIRED = ("lorenz", "top_posters", "monthly_gini", "latency_survival", "activity_heatmap", "timeline",
            "joins_leaves", "emoji", "domains")


@pytest.fixture(scope="module")
def report() -> dict:
    return analyze(load_chat(CHAT.encode()), bootstrap=200, null_draws=100).to_dict()


def test_required_charts_are_built_for_a_real_export(report):
    figs = build_all(report, "id")
    assert set(REQUIRED) <= set(figs)
    # analyze() classifies by default, so the category chart is there ...
    assert "category_shares" in figs
    # ... and without a `content` section it is left out, not drawn empty.
    assert "category_shares" not in build_all({**report, "content": None}, "id")
    if report.get("network") is not None:
        assert "network" in figs


@pytest.mark.parametrize("lang", LANGS)
def test_every_builder_uses_the_theme_and_translated_titles(report, lang):
    for name, fig in build_all(report, lang).items():
        tpl = fig.layout.template
        assert tpl.layout.font.family == FONT_FAMILY, name
        assert tuple(tpl.layout.colorway) == COLORWAY, name
        assert fig.layout.title.text == t(f"chart.{name}.title", lang), name
        if name == "network":
            continue  # drawn by analyzer.outputs.network_chart: no axes
        assert fig.layout.xaxis.title.text == t(f"chart.{name}.x", lang), name
        assert fig.layout.yaxis.title.text == t(f"chart.{name}.y", lang), name
        assert fig.layout.meta["lang"] == lang
        assert fig.layout.separators == {"id": ",.", "en": ".,"}[lang]


def test_titles_differ_between_languages(report):
    ids, ens = build_all(report, "id"), build_all(report, "en")
    for name in ids:
        assert ids[name].layout.title.text != ens[name].layout.title.text, name


def test_theme_survives_a_changed_plotly_default(report, monkeypatch):
    # Importing streamlit sets pio.templates.default to its own theme; our figures must not follow.
    monkeypatch.setattr(pio.templates, "default", "plotly_dark")
    fig = lorenz(report, "en")
    assert fig.layout.template.layout.paper_bgcolor == "white"
    assert fig.layout.template.layout.font.family == TEMPLATE.layout.font.family


def test_translation_table_is_complete():
    assert missing_translations() == []
    for name in CHARTS:
        if name == "network":
            continue  # titled by analyzer.outputs.network_chart
        for part in ("title", "x", "y"):
            assert f"chart.{name}.{part}" in TEXT


def test_numbers_follow_the_language():
    assert fmt_num(1234.5, "id") == "1.234,50"
    assert fmt_num(1234.5, "en") == "1,234.50"
    assert fmt_pct(0.4281, "id", 1) == "42,8%"
    assert fmt_duration(2880, "id") == "48 mnt" and fmt_duration(2880, "en") == "48 min"
    assert fmt_duration(3600, "id") == "1 jam" and fmt_duration(5.4 * 3600, "en") == "5.4 h"
    assert fmt_num(None, "id") == "–" and fmt_pct(float("nan"), "en") == "–"
    with pytest.raises(ValueError):
        t("report.title", "fr")


def test_lorenz_draws_the_reported_curve_and_gini(report):
    fig = lorenz(report, "id")
    diag, curve = fig.data
    assert list(diag.x) == [0, 1] and list(diag.y) == [0, 1]
    p = report["participation"]
    assert [list(q) for q in zip(curve.x, curve.y)] == p["lorenz"]
    sub = fig.layout.title.subtitle.text
    assert fmt_num(p["gini"], "id") in sub and fmt_num(p["gini_ci_low"], "id") in sub and "IK 95%" in sub
    assert "95% CI" in lorenz(report, "en").layout.title.subtitle.text


def test_chat_names_are_escaped_in_figures(report):
    fig = top_posters(report, "en")
    labels = list(fig.data[0].y)
    # Long names are shortened for display (full names are in the report tables), then escaped.
    assert any(html.escape(SCRIPT_NAME[:15]) in lab for lab in labels)
    assert not any("<script>" in lab for lab in labels)
    # Bars in the report's order, shares exactly as reported.
    assert list(fig.data[0].x) == [r["share"] for r in report["participation"]["top_posters"]]
    assert any(html.escape(FORMULA_NAME[:10]) in lab for lab in labels)


def test_survival_curve_is_the_reported_kaplan_meier(report):
    fig = latency_survival(report, "en")
    lat = report["latency"]
    assert fig.layout.xaxis.type == "log"
    assert list(fig.data[0].y) == [q[1] for q in lat["survival"]]
    assert fig.data[0].line.shape == "hv"
    assert lat["survival"][-1][0] > 0 and all(0 <= q[1] <= 1 for q in lat["survival"])


def test_content_charts_draw_the_content_section(report):
    # The `content` section as analyzer.metrics.content computes it from classified messages.
    from analyzer.classify import classify
    from analyzer.metrics.content import content_metrics

    msgs = load_chat(CHAT.encode()).messages
    msgs = msgs.join(classify(msgs["text"], msgs["kind"]))
    r = dict(report)
    r["content"] = content_metrics(msgs, n_members=report["participation"]["n_members"]).to_dict()
    months = r["content"]["monthly_category_shares"]
    fig = category_shares(r, "id")
    assert fig.layout.barmode == "stack"
    assert list(fig.data[0].x) == [m["month"] for m in months]
    for tr in fig.data:  # every stacked segment is the reported share of its category
        cat = next(c for c in months[0] if c not in ("month", "messages") and t(f"cat.{c}", "id") == tr.name)
        assert list(tr.y) == [m[cat] or 0.0 for m in months]
    figs = build_all(r, "en")
    assert "category_shares" in figs and "news_sharers" in figs
    sharers = figs["news_sharers"]
    assert list(sharers.data[0].x) == [row["news"] for row in r["content"]["news_by_member"]]


def test_empty_window_gives_no_data_figures_not_errors():
    r = analyze(load_chat(CHAT.encode()), start="2024-03-02", bootstrap=50, null_draws=50).to_dict()
    figs = build_all(r, "en")
    assert set(REQUIRED) <= set(figs)
    assert any(a.text == t("no_data", "en") for a in figs["lorenz"].layout.annotations)


@pytest.mark.parametrize("lang", LANGS)
def test_summary_sentences_are_plain_language(report, lang):
    sents = summary_sentences(report, lang)
    assert sents and all(s.endswith(".") for s in sents)
    n = report["participation"]["n_members"]
    assert any(f" {n} " in s for s in sents)
    assert [k for k, _ in key_numbers(report, lang)][0] == t("kpi.members", lang)


def test_report_carries_the_chart_inputs():
    # latency.survival and participation.top_posters were added to report.json for the charts.
    from analyzer.metrics.latency import kaplan_meier, survival_curve

    r = analyze(load_chat(CHAT.encode()), bootstrap=50, null_draws=50)
    d = r.to_dict()
    surv = d["latency"]["survival"]
    ys = [q[1] for q in surv]
    assert ys == sorted(ys, reverse=True) and surv[0][0] == 0
    median = d["latency"]["median_s"]
    assert min(q[0] for q in surv if q[1] <= 0.5) == median  # the curve crosses 1/2 at the reported median
    top = d["participation"]["top_posters"]
    members = r.members.sort_values(["messages", "member"], ascending=[False, True])
    members = members[members["messages"] > 0]
    assert [(x["member"], x["messages"]) for x in top] == list(zip(members["member"], members["messages"]))
    assert sum(x["share"] for x in top) == pytest.approx(1.0)
    # Thinning keeps exact KM values: at most max_points points, each one a point of the full curve.
    import numpy as np

    rng = np.random.default_rng(1)
    km = kaplan_meier(rng.integers(0, 86_400, 5000), rng.random(5000) < 0.9)
    full = dict(zip(km.times.tolist(), km.survival.tolist()))
    thin = survival_curve(km, max_points=100)
    assert len(thin) <= 101 and all(full[t_] == s_ for t_, s_ in thin if (t_, s_) != (0.0, 1.0))
