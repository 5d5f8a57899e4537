"""Exports: CSV formula neutralisation, the HTML report's escaping and content, and (with Chromium)
the chart files and report.pdf written by `wa-analyzer analyze --charts pdf,svg,png`.

The browser tests share one `analyze` run (one Chromium session, several seconds to start) through a
module-scoped fixture; they are skipped only when Debian's /usr/bin/chromium is absent.
"""
from __future__ import annotations

import csv
import io
import re
import shutil
import xml.etree.ElementTree as ET
from html.parser import HTMLParser
from pathlib import Path

import pandas as pd
import pyarrow as pa
import pytest

from analyzer import load_chat
from analyzer.outputs.charts import build_all, export_height
from analyzer.cli.program import main
from analyzer.outputs.report_document import neutralise_csv, neutralise_table, report_html, reproduce_command
from analyzer.i18n import REFERENCES, t
from analyzer.analysis import analyze
from export_samples import CHAT, FORMULA_NAME, SCRIPT_NAME

HAVE_CHROMIUM = Path("/usr/bin/chromium").exists() or shutil.which("chromium") is not None
needs_chromium = pytest.mark.skipif(not HAVE_CHROMIUM, reason="Chromium (Debian package chromium) is not installed: "
                                                              "kaleido cannot render static charts or print PDFs")


@pytest.fixture(scope="module")
def report() -> dict:
    return analyze(load_chat(CHAT.encode()), bootstrap=200, null_draws=100).to_dict()


@pytest.fixture(scope="module")
def chat_file(tmp_path_factory) -> Path:
    p = tmp_path_factory.mktemp("chat") / "WhatsApp Chat dengan UMKM Sleman.txt"
    p.write_text(CHAT, encoding="utf-8")
    return p


# ------------------------------------------------------------------------------------------------
# CSV


def test_neutralise_csv_prefixes_formula_cells_only():
    df = pd.DataFrame({
        "author": [FORMULA_NAME, "+62 812-3456-7890", "@Sari", "Budi", None],
        "text": ["-50% diskon", "=1+1", "biasa", "\tcmd", "a=b"],
        "n": [-1, 2, 3, 4, 5],
    })
    out = neutralise_csv(df)
    assert list(out["author"][:4]) == ["'" + FORMULA_NAME, "'+62 812-3456-7890", "'@Sari", "Budi"]
    assert pd.isna(out["author"][4])
    assert list(out["text"]) == ["'-50% diskon", "'=1+1", "biasa", "'\tcmd", "a=b"]
    assert list(out["n"]) == [-1, 2, 3, 4, 5]  # numbers are not formulas
    assert df["author"][0] == FORMULA_NAME  # the input is not modified


def test_neutralise_table_matches_the_pandas_rule():
    tbl = pa.table({"a": ["=x", "ok", None, "-1"], "b": [1, 2, 3, 4],
                    "c": pa.array(["@m", "x", "y", "+z"]).dictionary_encode()})
    out = neutralise_table(tbl)
    assert out["a"].to_pylist() == ["'=x", "ok", None, "'-1"]
    assert out["b"].to_pylist() == [1, 2, 3, 4]
    assert out["c"].to_pylist() == ["'@m", "x", "y", "'+z"]


def _cells(path: Path) -> list[str]:
    with path.open(encoding="utf-8", newline="") as f:
        return [c for row in csv.reader(f) for c in row]


def test_cli_csvs_are_exact_and_excel_safe_on_request(chat_file, tmp_path):
    # Issue 11: CSVs are for programs (exact values); --excel-safe neutralises formulas.
    exact = tmp_path / "exact"
    assert main(["analyze", str(chat_file), "--out", str(exact), "--no-report"]) == 0
    assert FORMULA_NAME in _cells(exact / "members.csv") and "'" + FORMULA_NAME not in _cells(exact / "members.csv")
    assert "=1+1 promo keripik 15rb" in _cells(exact / "messages.csv")
    assert (exact / "messages.xlsx").exists() and (exact / "members.xlsx").exists()
    out = tmp_path / "out"
    assert main(["analyze", str(chat_file), "--out", str(out), "--no-report", "--excel-safe"]) == 0
    assert not (out / "report.html").exists() and not (out / "report.pdf").exists()
    for name in ("messages.csv", "members.csv"):
        cells = _cells(out / name)
        assert not [c for c in cells if c[:1] in ("=", "+", "-", "@")], name
        assert "'" + FORMULA_NAME in cells, name
    msgs = _cells(out / "messages.csv")
    assert "'=1+1 promo keripik 15rb" in msgs and "'-50% diskon batik hari ini saja" in msgs


def test_without_a_browser_charts_fail_cleanly_and_report_html_is_still_written(chat_file, tmp_path, monkeypatch,
                                                                              capsys):
    # choreographer looks for the browser at BROWSER_PATH first: a missing path is "no Chromium".
    monkeypatch.setenv("BROWSER_PATH", str(tmp_path / "no-chromium"))
    out = tmp_path / "a"
    assert main(["analyze", str(chat_file), "--out", str(out), "--charts", "pdf"]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and "Chromium" in err[0]
    out = tmp_path / "b"
    assert main(["analyze", str(chat_file), "--out", str(out)]) == 0  # the default report.pdf is optional
    assert "report.pdf not written" in capsys.readouterr().err
    assert (out / "report.html").exists() and not (out / "report.pdf").exists()


def test_bad_chart_format_is_a_usage_error(chat_file, tmp_path, capsys):
    with pytest.raises(SystemExit) as e:
        main(["analyze", str(chat_file), "--out", str(tmp_path), "--charts", "pdf,jpg"])
    assert e.value.code == 2 and "jpg" in capsys.readouterr().err


# ------------------------------------------------------------------------------------------------
# HTML report (no browser needed)


class _Scripts(HTMLParser):
    """Collects <script> bodies and every tag name, as a browser's tokenizer would see them."""

    def __init__(self) -> None:
        super().__init__()
        self.tags: list[str] = []
        self.urls: list[str] = []
        self.scripts: list[str] = []
        self._in_script = False

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)
        self.urls += [v or "" for k, v in attrs if k in ("src", "href")]
        self._in_script = tag == "script"
        if tag == "script":
            self.scripts.append("")

    def handle_endtag(self, tag):
        if tag == "script":
            self._in_script = False

    def handle_data(self, data):
        if self._in_script:
            self.scripts[-1] += data


@pytest.mark.parametrize("lang", ["id", "en"])
def test_html_report_escapes_chat_text_and_is_self_contained(report, lang):
    figs = build_all(report, lang)
    doc = report_html(report, figs, lang)
    assert SCRIPT_NAME not in doc and "alert(1)</script>" not in doc
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in doc  # the member table shows the name literally
    assert "=HYPERLINK(&quot;http://evil.example/?x&quot;,&quot;klik&quot;)" in doc
    p = _Scripts()
    p.feed(doc)
    # plotly.js once, then one small newPlot call per figure; nothing else is a script.
    assert len(p.scripts) == 1 + len(figs)
    assert sum("Plotly" in s and len(s) > 1_000_000 for s in p.scripts) == 1
    assert not any("alert(1)" in s for s in p.scripts[1:] if "\\u003c" not in s)
    assert "<b>penting</b>" not in doc
    # Self-contained: no tag loads an external resource, and a CSP forbids network access anyway.
    assert not [u for u in p.urls if not u.startswith(("data:", "#"))]
    assert "default-src 'none'" in doc
    assert f'<html lang="{lang}">' in doc


def test_html_report_has_summary_tables_parameters_and_definitions(report):
    doc = report_html(report, build_all(report, "en"), "en")
    for key in ("report.summary", "report.key_numbers", "report.charts", "report.tables", "report.parameters",
                "report.definitions", "report.references", "def.gini", "def.latency"):
        assert t(key, "en") in doc or t(key, "en").replace("'", "&#x27;") in doc, key
    for key in report["parameters"]:
        assert f"<td>{key}</td>" in doc, key
    assert REFERENCES[0].split(".")[0] in doc
    cli, py = reproduce_command(report)
    assert cli.startswith("wa-analyzer analyze") and "--seed 0" in cli and "--tau-burst 300" in cli
    assert "bootstrap=200" in py and "null_draws=100" in py
    doc_id = report_html(report, build_all(report, "id"), "id")
    assert t("report.title", "id") in doc_id and t("report.title", "en") not in doc_id


def test_print_version_draws_charts_at_the_chart_file_size(report):
    figs = build_all(report, "id")
    doc = report_html(report, figs, "id", print_size=(336, 260))
    assert doc.count('style="width:336px;height:') == len(figs)
    for fig in figs.values():  # ranked bar charts grow with their number of rows, never shrink
        assert f'style="width:336px;height:{export_height(fig, 260)}px"' in doc
    assert export_height(figs["top_posters"], 260) >= 260
    assert doc.count('"staticPlot": true') == len(figs)


# ------------------------------------------------------------------------------------------------
# Static files through Chromium: one `analyze --charts pdf,svg,png` run, checked by several tests.


def _pdf_pages(data: bytes) -> int:
    try:
        from pypdf import PdfReader
    except ImportError:  # pypdf is in the test extra; the regex is a fallback for bare installs
        return len(re.findall(rb"/Type\s*/Page(?![a-z])", data))
    return len(PdfReader(io.BytesIO(data)).pages)


@pytest.fixture(scope="module")
def exported(chat_file, tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("export")
    assert main(["analyze", str(chat_file), "--out", str(out), "--charts", "pdf,svg,png", "--lang", "en",
                 "--members", "8"]) == 0
    return out


@needs_chromium
def test_every_chart_is_written_in_every_format(exported, report):
    names = set(build_all(report, "en"))
    charts = exported / "charts"
    for ext in ("pdf", "svg", "png"):
        assert {p.stem for p in charts.glob(f"*.{ext}")} == names, ext


@needs_chromium
def test_chart_pdfs_are_valid_single_pages(exported):
    pdfs = sorted((exported / "charts").glob("*.pdf"))
    assert pdfs
    for p in pdfs:
        data = p.read_bytes()
        assert data.startswith(b"%PDF-"), p.name
        assert data.rstrip().endswith(b"%%EOF"), p.name
        assert _pdf_pages(data) == 1, p.name


@needs_chromium
def test_chart_svgs_are_xml_and_pngs_are_png(exported):
    for p in (exported / "charts").glob("*.svg"):
        root = ET.fromstring(p.read_bytes())
        assert root.tag.endswith("svg"), p.name
        assert b"<script" not in p.read_bytes()
    # The hostile name is text inside a <text> element (entity-encoded in the file), never markup.
    top = ET.fromstring((exported / "charts" / "top_posters.svg").read_bytes())
    assert not [e for e in top.iter() if e.tag.split("}")[-1] in ("script", "a", "foreignObject")]
    assert any((e.text or "").startswith(f"3. {SCRIPT_NAME[:15]}") for e in top.iter() if e.tag.endswith("text"))
    for p in (exported / "charts").glob("*.png"):
        assert p.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n", p.name


@needs_chromium
def test_report_pdf_has_summary_charts_and_parameters(exported):
    data = (exported / "report.pdf").read_bytes()
    assert data.startswith(b"%PDF-")
    assert _pdf_pages(data) >= 3
    try:
        from pypdf import PdfReader
    except ImportError:
        pytest.skip("pypdf not installed: text of report.pdf not checked")
    text = "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages)
    for key in ("report.summary", "report.parameters", "report.definitions", "chart.lorenz.title",
                "chart.latency_survival.title"):
        assert t(key, "en") in text, key
    assert "tau_burst_s" in text and "censor_limit_s" in text
    assert SCRIPT_NAME in text  # shown literally, as text


@needs_chromium
def test_report_html_written_next_to_report_json(exported):
    doc = (exported / "report.html").read_text(encoding="utf-8")
    assert doc.startswith("<!DOCTYPE html>") and SCRIPT_NAME not in doc
    assert (exported / "report.json").exists()
