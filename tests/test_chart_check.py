"""Every chart, rendered at both export sizes for groups of 2 to 1,000 members, passes the checks a
journal reviewer makes (see tests/chart_check.py): no overlapping text, nothing clipped, whole and
unrepeated ticks on count axes, category colours distinct under colour-vision deficiencies.

The figures are laid out by plotly.js in one headless Chromium; no image is rendered (the PDF
font checks that need real files are in test_export.py's Type 3 test)."""
from __future__ import annotations

from pathlib import Path

import pytest

from analyzer.outputs.charts import CATEGORY_COLORS, SIZES, build_all, export_height
from analyzer.outputs.network_chart import PALETTE, OTHER
from chart_check import LayoutProbe, bad_count_ticks, clipped, cvd_min_delta_e, legend_colors, overlaps
from chart_data import report_dict

MEMBERS = (2, 12, 150, 1000)
MIN_DELTA_E = 20.0
"""Minimum CIE76 ΔE*ab between two category colours under every simulated CVD; 20 is well above the
~2–5 of "just noticeable" and the ~15 at which the old palette's greys merged."""

pytestmark = pytest.mark.skipif(not Path("/usr/bin/chromium").exists(), reason="needs Debian's chromium (make install)")


@pytest.fixture(scope="module")
def probe():
    with LayoutProbe() as p:
        yield p


@pytest.mark.parametrize("n", MEMBERS)
@pytest.mark.parametrize("size", list(SIZES))
def test_every_chart_passes_the_layout_checks(probe, n, size):
    report = report_dict(n)
    w, h = SIZES[size]
    problems = {}
    for titles in (True, False):
        for name, fig in build_all(report, "id" if titles else "en", size=size, titles=titles).items():
            lay = probe.layout(fig, w, export_height(fig, h))
            found = overlaps(lay) + clipped(lay) + bad_count_ticks(lay)
            if found:
                problems[(name, titles)] = found[:4]
            if not titles:
                assert not lay.texts("gtitle") and not lay.texts("gtitle-subtitle"), name
    # The per-member views (--members-of-interest) for the top five, or all when fewer.
    from analyzer.outputs.member_charts import build_member_charts
    from analyzer.metrics.member_views import default_members, member_views
    from chart_data import messages

    msgs = messages(n)
    views = member_views(msgs, default_members(msgs, 5))
    for titles in (True, False):
        for name, fig in build_member_charts(views, "id", size=size, titles=titles).items():
            lay = probe.layout(fig, w, export_height(fig, h))
            found = overlaps(lay) + clipped(lay) + bad_count_ticks(lay)
            if found:
                problems[(name, titles)] = found[:4]
    assert not problems, problems


def test_network_names_never_collide_and_say_how_many(probe):
    report = report_dict(150)
    fig = build_all(report, "en", ["network"], size="single")["network"]
    lay = probe.layout(fig, SIZES["single"][0], export_height(fig, SIZES["single"][1]))
    labels = [a.text for a in fig.layout.annotations if a.name == "label"]
    assert labels and len(labels) == len(fig.layout.meta["labelled"])
    assert "named:" in fig.layout.title.subtitle.text
    # The drawing uses the panel's width: nodes span most of it.
    xs = [x for tr in fig.data[2:] for x in tr.x]
    assert max(xs) - min(xs) > 0.8 * fig.layout.xaxis.range[1]
    # Members without ties sit in a grid: no two nodes share a position.
    pos = [(x, y) for tr in fig.data[2:] for x, y in zip(tr.x, tr.y)]
    assert len(set(pos)) == len(pos)
    assert not overlaps(lay) and not clipped(lay)


def test_two_member_chat_names_both_inside_the_panel(probe):
    fig = build_all(report_dict(2), "en", ["network"], size="single")["network"]
    assert len(fig.layout.meta["labelled"]) == 2
    lay = probe.layout(fig, SIZES["single"][0], export_height(fig, SIZES["single"][1]))
    assert "Maz R" in lay.texts("annotation")
    assert not clipped(lay)


def test_category_colours_stay_distinct_under_colour_vision_deficiencies():
    d, where = cvd_min_delta_e(CATEGORY_COLORS.values())
    assert d >= MIN_DELTA_E, where
    d, where = cvd_min_delta_e(list(PALETTE) + [OTHER])
    assert d >= MIN_DELTA_E, where


def test_every_legend_of_categories_is_cvd_safe():
    report = report_dict(150)
    for name, fig in build_all(report, "en").items():
        colors = legend_colors(fig)
        if len(set(colors)) > 1:
            d, where = cvd_min_delta_e(colors)
            assert d >= MIN_DELTA_E, (name, where)


def test_the_old_okabe_ito_category_colours_fail_the_check():
    # The check is able to fail: the former palette merged Coordination, Social and Other.
    old = ["#0072B2", "#E69F00", "#D55E00", "#009E73", "#CC79A7", "#BBBBBB"]
    assert cvd_min_delta_e(old)[0] < MIN_DELTA_E


def test_no_type3_fonts_in_chart_pdfs_and_report_pdf(tmp_path):
    # Emoji old and new, with and without the colour-presentation selector, in names and texts:
    # Chromium would embed colour-emoji glyphs as Type 3 fonts, which publishers reject.
    from analyzer import load_chat
    from analyzer.outputs.report_document import export_all
    from analyzer.analysis import analyze
    from chart_check import pdf_fonts
    from chart_data import export_text

    extra = ("01/06/24 09.00 - Sri Rejeki 🥲: mantap ❤️❤️ 🥲 👍🏽 🙏\n"
             "01/06/24 09.05 - Budi Santoso: siap ❤️ 🫶 🥲\n")
    report = analyze(load_chat((export_text(12) + extra).encode()), bootstrap=20, null_draws=10,
                     network_null_draws=0).to_dict()
    assert any(e["emoji"] == "🥲" for e in report["activity"]["top_emoji"])
    res = export_all(report, tmp_path, lang="id", formats=["pdf"], size="single", titles=False)
    pdfs = [p for p in res.paths if p.suffix == ".pdf"]
    assert tmp_path / "report.pdf" in pdfs and tmp_path / "charts" / "emoji.pdf" in pdfs
    for p in pdfs:
        fonts = pdf_fonts(p.read_bytes())
        assert fonts, p
        assert not [f for f in fonts if f[0] == "/Type3"], (p.name, fonts)
    captions = (tmp_path / "charts" / "captions.txt").read_text(encoding="utf-8")
    assert "emoji:" in captions and "network:" in captions
