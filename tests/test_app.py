"""The dashboard (app.py) driven by Streamlit's AppTest: first visit, language switch, uploads, bad
files, filters, anonymisation, and graceful degradation of sections that are not in the report.

Every expected number comes from the library (`analyze()` + `narrative.key_numbers`), never from a
literal: the point is that the dashboard shows exactly what the CLI computes.
"""
from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path
from typing import Iterator

import pytest
from streamlit.testing.v1 import AppTest

from analyzer import load_chat
from analyzer.classify.categorise import categorise_chat
from analyzer.metrics.filters import exclude_members, member_names
from analyzer.i18n import LANGS, TEXT
from analyzer.outputs.narrative import key_numbers
from analyzer.analysis import analyze

ROOT = Path(__file__).resolve().parent.parent
APP = ROOT / "app.py"
SAMPLE = ROOT / "analyzer" / "data" / "sample" / "umkm_android_id.txt"
IOS_ZIP = ROOT / "sample_exports" / "umkm_ios_id.zip"
TIMEOUT = 240  # seconds per run: the first one parses and analyses on two shared cores


@pytest.fixture(autouse=True)
def _wait_for_complete_analysis(monkeypatch: pytest.MonkeyPatch) -> None:
    # AppTest does not run the 1-second polling fragment: wait for the complete analysis (network
    # included) in the same run, so every test sees the CLI's full report.
    monkeypatch.setenv("WA_ANALYZER_WAIT_S", "600")


def new_app() -> AppTest:
    at = AppTest.from_file(str(APP), default_timeout=TIMEOUT)
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    return at


TABS = ("overview", "participation", "sharing", "network", "responsiveness", "activity", "data")


def open_tab(at: AppTest, tab: str, lang: str = "id") -> AppTest:
    """Show one tab (only the open tab is drawn); the browser does this with a click."""
    at.session_state["tab"] = TEXT[f"app.tab.{tab}"][lang]
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def metrics(at: AppTest) -> dict[str, str]:
    """Overview cards (the first ones on the page): label -> value."""
    out: dict[str, str] = {}
    for m in at.metric:
        out.setdefault(m.label, m.value)
    return out


def expected_cards(report_dict: dict, lang: str) -> dict[str, str]:
    """What the overview cards must show: the library's key numbers, the interval moved below."""
    return {label: value.partition(" [")[0] for label, value in key_numbers(report_dict, lang)}


def all_text(at: AppTest) -> str:
    """Every piece of text of every tab, tables and chart specs included (for leak checks)."""
    parts: list[str] = []
    for tab in TABS:
        open_tab(at, tab)
        for node in at:  # the element tree, depth first
            proto = getattr(node, "proto", None)
            if proto is not None:
                parts.append(str(proto))
        for df in at.dataframe:
            parts.append(df.value.to_csv())
    open_tab(at, "overview")
    return "\n".join(parts)


@pytest.fixture(scope="module")
def sample_report() -> dict:
    return analyze(load_chat(SAMPLE)).to_dict()


# ------------------------------------------------------------------------------------------------


def test_first_visit_shows_the_sample_analysed(sample_report: dict) -> None:
    at = new_app()
    assert [t.label for t in at.tabs] == [TEXT[f"app.tab.{k}"]["id"] for k in TABS]
    assert at.title[0].value == TEXT["app.title"]["id"]
    cards = metrics(at)
    for label, value in expected_cards(sample_report, "id").items():
        assert cards[label] == value, label
    assert not at.error
    # The sample is announced as such, and the parse-quality box is there.
    assert any(TEXT["app.sample_note"]["id"] in i.value for i in at.info)
    assert any(e.label.startswith(TEXT["app.quality.title"]["id"]) for e in at.expander)


def test_language_switch_translates_labels_and_keeps_numbers(sample_report: dict) -> None:
    at = new_app()
    at.sidebar.radio(key="lang").set_value("en").run()
    assert not at.exception
    assert at.title[0].value == TEXT["app.title"]["en"]
    assert [t.label for t in at.tabs][0] == "Overview"
    cards = metrics(at)
    for label, value in expected_cards(sample_report, "en").items():
        assert cards[label] == value, label
    # Chart titles follow the language too (the figure spec carries the translated title), and
    # the open tab stays open across the switch.
    open_tab(at, "participation", "en")
    specs = [c.proto.spec for c in at.get("plotly_chart")]
    assert any(TEXT["chart.lorenz.title"]["en"] in s for s in specs)
    assert not any(TEXT["chart.lorenz.title"]["id"] in s for s in specs)
    # And back.
    at.sidebar.radio(key="lang").set_value("id").run()
    assert at.title[0].value == TEXT["app.title"]["id"]
    assert at.session_state["tab"] == TEXT["app.tab.participation"]["id"]
    assert any(TEXT["chart.lorenz.title"]["id"] in c.proto.spec for c in at.get("plotly_chart"))


def test_upload_zip_export_is_analysed_in_memory() -> None:
    at = new_app()
    at.file_uploader[0].upload(IOS_ZIP.name, IOS_ZIP.read_bytes(), "application/zip")
    at.run()
    assert not at.exception and not at.error
    expected = analyze(load_chat(IOS_ZIP.read_bytes())).to_dict()
    cards = metrics(at)
    for label, value in expected_cards(expected, "id").items():
        assert cards[label] == value, label
    assert any(IOS_ZIP.name in c.value.replace("\\", "") for c in at.caption)
    # No sample banner once the user's own file is shown.
    assert not any(TEXT["app.sample_note"]["id"] in i.value for i in at.info)


@pytest.mark.parametrize("content", [b"", b"hello, this is not a chat\nat all\n", b"PK\x03\x04broken zip"])
def test_bad_file_gives_a_friendly_message_not_a_traceback(content: bytes) -> None:
    from analyzer import ChatFormatError

    with pytest.raises(ChatFormatError) as err:
        load_chat(content)
    at = new_app()
    at.file_uploader[0].upload("chat.txt", content, "text/plain")
    at.run()
    assert not at.exception
    assert len(at.error) == 1
    assert str(err.value) in re.sub(r"\\(.)", r"\1", at.error[0].value)  # shown escaped (issue 17)
    assert "Traceback" not in at.error[0].value
    assert not at.tabs  # nothing else is drawn for a file that is not a chat


def test_exclude_members_updates_every_number() -> None:
    at = new_app()
    chat = load_chat(SAMPLE)
    top = member_names(chat)[0]
    at.sidebar.multiselect[0].set_value([top]).run()
    assert not at.exception
    # categories are made on the whole chat before the filter, as the CLI's run_analysis makes them
    expected = analyze(exclude_members(categorise_chat(chat), [top]), classify=False).to_dict()
    cards = metrics(at)
    for label, value in expected_cards(expected, "id").items():
        assert cards[label] == value, label
    # The excluded member is gone from the top posters chart.
    open_tab(at, "participation")
    lorenz_and_top = " ".join(c.proto.spec for c in at.get("plotly_chart"))
    assert top not in lorenz_and_top


def test_date_range_filter_matches_analyze_window() -> None:
    at = new_app()
    chat = load_chat(SAMPLE)
    start, end = dt.date(2024, 3, 1), dt.date(2024, 4, 30)
    at.sidebar.date_input[0].set_value((start, end)).run()
    assert not at.exception
    expected = analyze(chat, start=start.isoformat(), end=end.isoformat()).to_dict()
    cards = metrics(at)
    for label, value in expected_cards(expected, "id").items():
        assert cards[label] == value, label


def test_anonymise_hides_every_name_on_the_page() -> None:
    at = new_app()
    chat = load_chat(SAMPLE)
    # Names long enough not to occur by chance inside other words or pseudonyms.
    names = [n for n in member_names(chat) if len(n) >= 6]
    before = all_text(at)
    assert any(n in before for n in names)  # the check below would otherwise prove nothing
    at.sidebar.toggle(key="anonymise").set_value(True).run()
    assert not at.exception
    after = all_text(at)
    leaked = [n for n in names if n in after]
    assert not leaked, leaked
    assert re.search(r"P-[0-9A-F]{8}", after)
    # The exclude list shows pseudonyms too (its stored values stay the real names, server side).
    assert all(re.fullmatch(r"P-[0-9A-F]{8}", o) for o in at.sidebar.multiselect[0].options)


def test_sections_missing_from_the_report_degrade_to_a_note(monkeypatch: pytest.MonkeyPatch) -> None:
    import analyzer.outputs.charts as charts

    def broken(report: dict, lang: str = "id"):
        raise RuntimeError("section still being written")

    monkeypatch.setitem(charts.CHARTS, "timeline", broken)
    monkeypatch.setitem(charts.CHARTS, "category_shares", lambda r, lang="id": (_ for _ in ()).throw(
        charts.MissingData("content")))
    # The figure cache is keyed on the analysis, not on the builders: start from a clean one.
    import streamlit as st

    st.cache_resource.clear()
    at = new_app()
    open_tab(at, "activity")
    assert any(TEXT["app.chart.error"]["id"].split("{")[0] in w.value for w in at.warning)
    open_tab(at, "sharing")
    assert any(TEXT["app.chart.missing"]["id"] in i.value or TEXT["app.pending.content"]["id"] in i.value
               for i in at.info)
    st.cache_resource.clear()


def test_information_sharing_tab_shows_categories_with_their_reasons(sample_report: dict) -> None:
    if not sample_report.get("content"):
        pytest.skip("analyze() has no content section in this build")
    at = open_tab(new_app(), "sharing")
    assert not any(TEXT["app.pending.content"]["id"] in i.value for i in at.info)
    counts = sample_report["content"]["category_counts"]
    labels = [e.label for e in at.expander]
    for cat, n in counts.items():
        if n:
            assert f"{TEXT[f'cat.{cat}']['id']} ({n:,})".replace(",", ".") in labels, (cat, labels)
    assert any(TEXT["app.col.reason"]["id"] in df.value.columns for df in at.dataframe)
    # Reply time per category (are questions answered, and how fast?) comes from the report.
    open_tab(at, "responsiveness")
    assert any(s.value == TEXT["app.resp.by_category"]["id"] for s in at.subheader)


def test_every_dashboard_string_is_translated() -> None:
    source = APP.read_text(encoding="utf-8")
    used = set(re.findall(r"[\"'](app\.[a-z_.0-9]+)[\"']", source))
    used |= {f"app.tab.{k}" for k in ("overview", "participation", "sharing", "network", "responsiveness",
                                      "activity", "data")}
    missing = sorted(k for k in used if k not in TEXT)
    assert not missing
    for key in used:
        for lang in LANGS:
            assert TEXT[key][lang].strip(), (key, lang)
    # The export guidance names both phones in both languages.
    for lang in LANGS:
        assert "Export" in TEXT["app.howto.android"][lang] or "Ekspor" in TEXT["app.howto.android"][lang]
        assert ".zip" in TEXT["app.howto.iphone"][lang]


# ------------------------------------------------------------------------------------------------
# Downloads: the helpers behind the buttons (AppTest cannot press a deferred download).


@pytest.fixture(scope="module")
def app_module() -> Iterator[object]:
    # The dashboard's helpers, without drawing a page (app.py only draws when run as a script).
    from types import SimpleNamespace

    from analyzer.dashboard import downloads, state, widgets

    yield SimpleNamespace(**{**vars(widgets), **vars(state), **vars(downloads)})


def test_downloads_match_the_cli_files(app_module, tmp_path: Path) -> None:
    from analyzer.cli.analyze import write_csv

    report = analyze(load_chat(SAMPLE))
    write_csv(report.messages, tmp_path / "messages.csv")
    assert app_module.csv_bytes(report.messages) == (tmp_path / "messages.csv").read_bytes()
    tree = report.to_dict()
    assert json.loads(app_module.json_bytes(tree)) == tree
    import io

    import pandas as pd

    back = pd.read_parquet(io.BytesIO(app_module.parquet_bytes(report.messages)))
    assert len(back) == len(report.messages)


def test_csv_download_is_exact_and_xlsx_never_runs_formulas(app_module) -> None:
    # Issue 11: CSV carries exact values; the spreadsheet download stores text as text.
    import io as _io
    import zipfile

    import pandas as pd

    df = pd.DataFrame({"text": ["=HYPERLINK(\"http://x\")", "ok"], "member": ["+62 812-1", "Rina"]})
    data = app_module.csv_bytes(df).decode()
    assert "=HYPERLINK" in data and "'=HYPERLINK" not in data and "'+62" not in data
    with zipfile.ZipFile(_io.BytesIO(app_module.xlsx_bytes(df, "messages"))) as z:
        sheet = z.read("xl/worksheets/sheet1.xml").decode()
    assert "<f>" not in sheet


def test_markdown_escape_keeps_chat_text_literal(app_module) -> None:
    assert app_module.md_escape("*Ani* [x](http://a)") == "\\*Ani\\* \\[x\\]\\(http://a\\)"


def test_dashboard_report_is_the_cli_report(app_module) -> None:
    """Categories computed once per file + analyze(classify=False) on a window with a member left
    out give exactly analyze()'s report.json (parameters included) plus the dashboard's two keys."""
    data = SAMPLE.read_bytes()
    chat = load_chat(data)
    top = member_names(chat)[0]
    categorised = app_module.classified_chat(app_module.file_digest(data), False, data)
    _, tree = app_module.compute(categorised, False, [top], "2024-03-01", "2024-05-31", True)
    # the CLI's run_analysis: categorise the whole chat, then leave the member out, then analyse
    expected = analyze(exclude_members(categorise_chat(chat), [top]), classify=False,
                       start="2024-03-01", end="2024-05-31").to_dict()
    params = tree["parameters"]
    assert params.pop("excluded_members") == [top]
    assert params.pop("anonymized") is False
    assert tree == expected



def test_hand_coding_a_sample_gives_agreement_and_corrected_shares() -> None:
    """Issue 12: code messages in the page (radio + button), upload a coding sheet, see the
    agreement and the raw and corrected shares; the sheet has the CLI's columns."""
    from analyzer.classify.evaluate import SAMPLE_COLUMNS

    at = open_tab(new_app(), "sharing")
    assert any(s.value == TEXT["app.coding.title"]["id"] for s in at.subheader)
    assert any(TEXT["app.coding.none_yet"]["id"] in i.value for i in at.info)
    radio = next(r for r in at.radio if r.label == TEXT["app.coding.label"]["id"])
    radio.set_value("social")
    at.button(key="coding_next").click()
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    assert any("**1 pesan dikodekan.**" in m.value for m in at.markdown)
    assert any("Kodekan minimal 20 pesan" in c.value for c in at.caption)  # too few to fit the classifier
    state = at.session_state["coding"]
    assert list(state["sheet"].columns) == list(SAMPLE_COLUMNS) and len(state["sheet"]) == 50
    assert list(state["labels"].values()) == ["social"]
    # a sheet coded elsewhere (here: everyone agrees with the classifier) is uploaded as the CLI's CSV
    sheet = state["sheet"].assign(label=state["sheet"]["category_auto"])
    at.file_uploader(key="coding_upload").upload("coding.csv", sheet.to_csv(index=False).encode("utf-8"), "text/csv")
    at.run()
    assert not at.exception and not at.error
    assert any("**50 pesan dikodekan.**" in m.value and "100%" in m.value for m in at.markdown)
    table = next(df.value for df in at.dataframe if TEXT["app.coding.col.corrected"]["id"] in df.value.columns)
    # full agreement on every sampled message: the corrected share is the raw one
    assert table[TEXT["app.coding.col.corrected"]["id"]].tolist() == table[TEXT["app.coding.col.raw"]["id"]].tolist()
    # 50 coded messages: switched on, the classifier fitted to them (as analyze --labels does),
    # with its cross-fitted agreement and its raw shares beside the others
    assert TEXT["app.coding.col.fitted"]["id"] not in table.columns and "fitted" not in at.session_state["coding"]
    at.toggle(key="coding_fit").set_value(True)
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    table = next(df.value for df in at.dataframe if TEXT["app.coding.col.corrected"]["id"] in df.value.columns)
    assert TEXT["app.coding.col.fitted"]["id"] in table.columns
    assert any("**Disesuaikan dengan pengodean Anda**" in m.value for m in at.markdown)
    fitted = at.session_state["coding"]["fitted"]
    assert fitted["summary"]["fitted"] and fitted["summary"]["n_coded"] == 50
    assert abs(sum(fitted["shares"].values()) - 1) < 1e-9
    # a sheet without the needed columns gets one clear sentence, not a traceback
    at.file_uploader(key="coding_upload").upload("bad.csv", b"a,b\n1,2\n", "text/csv")
    at.run()
    assert not at.exception and any(TEXT["app.coding.upload_bad"]["id"] in e.value for e in at.error)


def test_date_order_switch_rereads_the_file_like_the_cli_flag() -> None:
    at = new_app()
    chat = load_chat(SAMPLE, date_order="MDY")  # the CLI's --date-order MDY
    expected = analyze(chat).to_dict()
    at.sidebar.selectbox(key="date_order").set_value("MDY").run()
    assert not at.exception, [e.value for e in at.exception]
    cards = metrics(at)
    for label, value in expected_cards(expected, "id").items():
        assert cards[label] == value, label
    # Switching the language keeps the choice (the options are not translated labels).
    at.sidebar.radio(key="lang").set_value("en").run()
    assert not at.exception and at.sidebar.selectbox(key="date_order").value == "MDY"


def test_member_picker_draws_the_per_member_views() -> None:
    at = new_app()
    open_tab(at, "participation")
    picker = next(m for m in at.multiselect if m.label == TEXT["app.members.pick"]["id"])
    assert len(picker.value) == 5  # the top five posters by default
    specs = " ".join(c.proto.spec for c in at.get("plotly_chart"))
    assert TEXT["chart.member_activity.title"]["id"] in specs and TEXT["chart.response_matrix.title"]["id"] in specs
    picker.set_value(picker.value[:2]).run()
    assert not at.exception
    at.radio(key="moi-by").set_value("receiver").run()
    specs = " ".join(c.proto.spec for c in at.get("plotly_chart"))
    assert TEXT["chart.response_matrix.subtitle_receiver"]["id"].split(" (")[0] in specs
