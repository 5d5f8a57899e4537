"""Per-member views (analyzer.metrics.member_views) and their charts, on a hand-written export."""
from __future__ import annotations

import pytest

from analyzer import load_chat
from analyzer.outputs.member_charts import build_member_charts
from analyzer.metrics.member_views import OTHERS, default_members, member_views
from analyzer.analysis import analyze

CHAT = """\
03/01/24 08.00 - Ani: halo semua
03/01/24 08.02 - Budi: halo bu Ani
03/01/24 08.03 - Ani: apa kabar
03/01/24 08.05 - Citra: baik
05/03/24 10.00 - Budi: ada info pelatihan?
05/03/24 10.01 - Ani: ada, besok
05/03/24 10.02 - Dedi: ikut
"""


@pytest.fixture(scope="module")
def msgs():
    return analyze(load_chat(CHAT.encode(), date_order="DMY"), bootstrap=10, null_draws=10, network=False).messages


def test_activity_has_every_month_and_zero_months(msgs):
    v = member_views(msgs, ["Ani", "Budi"])
    assert v["activity"]["periods"] == ["2024-01", "2024-02", "2024-03"]
    assert v["activity"]["counts"] == {"Ani": [2, 0, 1], "Budi": [1, 0, 1]}


def test_reply_matrix_counts_and_both_normalisations(msgs):
    v = member_views(msgs, ["Ani", "Budi"])
    r = v["replies"]
    assert r["labels"] == ["Ani", "Budi", OTHERS]
    c = r["counts"]
    # Budi→Ani, Ani→Budi, Citra→Ani (others→Ani), Ani→Budi (March), Dedi→Ani (others→Ani).
    assert c[1][0] == 1 and c[0][1] == 2 and c[2][0] == 2
    assert r["by_sender"][0][1] == pytest.approx(1.0)  # all of Ani's replies went to Budi
    assert r["by_receiver"][2][0] == pytest.approx(2 / 3)  # 2 of the 3 replies Ani got came from others
    assert sum(x or 0 for x in [row[0] for row in r["by_receiver"]]) == pytest.approx(1.0)


def test_lengths_are_characters_of_text_messages(msgs):
    v = member_views(msgs, ["Ani", "Zed"])
    ani = v["lengths"]["Ani"]
    assert ani["n"] == 3 and ani["median"] == len("halo semua")  # 10, 9, 10 characters
    assert v["lengths"]["Zed"]["n"] == 0
    assert default_members(msgs, 2) == ["Ani", "Budi"]


@pytest.mark.parametrize("lang", ["id", "en"])
def test_member_charts_draw_the_views(msgs, lang):
    v = member_views(msgs, ["Ani", "Budi", "Citra"])
    figs = build_member_charts(v, lang)
    assert set(figs) == {"member_activity", "response_matrix_sender", "response_matrix_receiver", "message_lengths"}
    assert [list(tr.y) for tr in figs["member_activity"].data] == [v["activity"]["counts"][m] for m in v["members"]]
    assert list(figs["response_matrix_sender"].data[0].z[0]) == v["replies"]["by_sender"][0]
    assert figs["message_lengths"].layout.meta["count_axes"] == ["x"]
