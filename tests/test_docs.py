"""The repository's documents: LICENSE and CITATION.cff agree with pyproject.toml, every relative
link in README.md and docs/*.md resolves inside the repository, and the documented check values
and columns agree with the code."""
from __future__ import annotations

import re
import tomllib
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[1]
PYPROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]


# ----------------------------------------------------------------------------- LICENSE, CITATION


def test_license_file_is_the_mit_license_of_pyproject():
    assert PYPROJECT["license"] == "MIT"
    text = (ROOT / "LICENSE").read_text(encoding="utf-8")
    assert text.startswith("MIT License")
    assert "Copyright (c)" in text and "the wa-analyzer contributors" in text
    assert "Permission is hereby granted, free of charge" in text


def test_citation_cff_is_valid_and_matches_pyproject():
    cff = yaml.safe_load((ROOT / "CITATION.cff").read_text(encoding="utf-8"))
    # The keys CFF 1.2.0 requires, with the types its schema gives them.
    assert cff["cff-version"] == "1.2.0"
    assert isinstance(cff["message"], str) and cff["message"].strip()
    assert isinstance(cff["title"], str) and cff["title"].strip()
    assert isinstance(cff["authors"], list) and cff["authors"]
    for author in cff["authors"]:
        # a person needs family-names or given-names (or name for an entity)
        assert author.get("name") or author.get("family-names") or author.get("given-names"), author
    allowed = {"abstract", "authors", "cff-version", "commit", "contact", "date-released", "doi", "identifiers",
               "keywords", "license", "license-url", "message", "preferred-citation", "references", "repository",
               "repository-artifact", "repository-code", "title", "type", "url", "version"}
    assert set(cff) <= allowed, set(cff) - allowed
    assert cff.get("type", "software") in ("software", "dataset")
    # One version and one licence for the whole project.
    assert str(cff["version"]) == PYPROJECT["version"]
    assert cff["license"] == PYPROJECT["license"]
    from analyzer import __version__

    assert __version__ == PYPROJECT["version"]
    if "date-released" in cff:
        assert re.fullmatch(r"\d{4}-\d{2}-\d{2}", str(cff["date-released"]))


# ----------------------------------------------------------------------------- links

DOCS = [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]
_LINK = re.compile(r"!?\[(?:[^\]\n]|\][^(\n])*?\]\(\s*<?([^)\s>]+)>?(?:\s+\"[^\"]*\")?\s*\)")
_REF = re.compile(r"^\s*\[[^\]]+\]:\s*<?(\S+?)>?(?:\s+\"[^\"]*\")?\s*$", re.M)
_FENCE = re.compile(r"^```.*?^```", re.M | re.S)


def _links(path: Path) -> list[str]:
    text = _FENCE.sub("", path.read_text(encoding="utf-8"))  # code blocks hold examples, not links
    return _LINK.findall(text) + _REF.findall(text)


def _slug(heading: str) -> str:
    """GitHub's anchor for a Markdown heading: lower case, punctuation dropped, spaces to hyphens."""
    h = re.sub(r"[`*_]", "", heading.strip().lower())
    h = re.sub(r"[^\w\- ]", "", h)
    return h.replace(" ", "-")


def _anchors(path: Path) -> set[str]:
    text = _FENCE.sub("", path.read_text(encoding="utf-8"))
    seen: dict[str, int] = {}
    out = set()
    for m in re.finditer(r"^#{1,6}\s+(.+?)\s*#*\s*$", text, re.M):
        s = _slug(m.group(1))
        n = seen.get(s, 0)
        out.add(s if n == 0 else f"{s}-{n}")
        seen[s] = n + 1
    return out


def test_the_documents_exist():
    names = {p.name for p in DOCS}
    assert {"README.md", "metrics.md", "formats.md", "classifier.md"} <= names


@pytest.mark.parametrize("doc", DOCS, ids=[str(p.relative_to(ROOT)) for p in DOCS])
def test_every_relative_link_resolves_inside_the_repository(doc):
    links = _links(doc)
    assert links or doc.name != "README.md"
    for link in links:
        if re.match(r"^[a-z][a-z0-9+.-]*:", link, re.I):  # http:, https:, mailto: ...
            continue
        assert "shared/" not in link, f"{doc.name}: {link} points outside the repository (../shared)"
        target, _, anchor = link.partition("#")
        dest = (doc.parent / target).resolve() if target else doc
        assert dest.is_relative_to(ROOT), f"{doc.name}: {link} leaves the repository"
        assert dest.exists(), f"{doc.name}: {link} does not exist"
        if anchor and dest.suffix == ".md":
            assert anchor in _anchors(dest), f"{doc.name}: {link}: no heading with anchor #{anchor} in {dest.name}"


def test_nothing_cites_the_reference_notes_outside_the_repository():
    """README, docs, the package and the dashboard cite docs/metrics.md and docs/formats.md, not the
    reference notes the docs were written from (they do not exist in a clone)."""
    files = [*DOCS, ROOT / "app.py", ROOT / "CHANGELOG.md", *sorted((ROOT / "analyzer").rglob("*.py"))]
    bad = []
    for f in files:
        for i, line in enumerate(f.read_text(encoding="utf-8").splitlines(), 1):
            if "../shared" in line or "shared/METRICS" in line or "shared/FORMATS" in line \
                    or re.search(r"(?<![/\w])(METRICS|FORMATS)\.md", line):
                bad.append(f"{f.relative_to(ROOT)}:{i}: {line.strip()}")
    assert not bad, "cite docs/metrics.md or docs/formats.md instead:\n" + "\n".join(bad)


# ----------------------------------------------------------------------------- docs/formats.md


def _section(doc: Path, heading: str) -> str:
    text = doc.read_text(encoding="utf-8")
    start = text.index(heading)
    end = text.find("\n## ", start + 1)
    return text[start:end if end > 0 else None]


def _rows(section: str, first_cell: str = "") -> list[list[str]]:
    rows = [[c.strip() for c in line.strip().strip("|").split("|")] for line in section.splitlines()
            if line.startswith("|") and not line.startswith("|---")]
    return [r for r in rows if r[0].startswith(first_cell)]


def test_every_phrase_language_has_a_row_in_the_language_table():
    from analyzer.chat import phrases as P

    langs = {t[-1] for t in P.MEDIA_OMITTED} | {t[1] for t in P.SYSTEM_EVENTS}
    for table in (P.ATTACHED_SUFFIXES, P.ATTACHED_TAGS, P.LOCATION, P.DELETED, P.CALLS, P.OTHER_BODIES,
                  P.EDIT_MARKERS):
        langs |= {t[1] for t in table}
    langs.discard("")
    section = _section(ROOT / "docs" / "formats.md", "## 8. System events")
    documented = {r[1].strip("`") for r in _rows(section) if len(r) > 2 and r[1].startswith("`")}
    missing = sorted(langs - documented)
    assert not missing, f"docs/formats.md §8 'Languages' needs a row for: {', '.join(missing)}"


def test_the_system_event_examples_of_formats_md_parse_to_their_event():
    from analyzer import load_chat

    section = _section(ROOT / "docs" / "formats.md", "## 8. System events")
    rows = [r for r in _rows(section, "`") if len(r) == 3]
    assert len(rows) >= 14
    for event, *examples in rows:
        for example in examples:
            line = example.strip("`")
            text = f"01/02/24 10.00 - Rina: halo\n01/02/24 10.01 - {line}\n14/02/24 10.02 - Budi: ok\n"
            got = load_chat(text.encode("utf-8")).messages.iloc[1]
            assert (got["kind"], got["event"]) == ("system", event.strip("`")), line


def test_the_header_shape_ids_of_formats_md_are_the_round_trip_tests():
    from test_parse_formats import SHAPES

    section = _section(ROOT / "docs" / "formats.md", "## 3. Header shapes")
    ids = {r[0] for r in _rows(section) if re.fullmatch(r"[A-Z]{1,2}\d+", r[0])}
    assert ids == set(SHAPES), (sorted(ids - set(SHAPES)), sorted(set(SHAPES) - ids))


# ----------------------------------------------------------------------------- help and tables

SAMPLE = ROOT / "analyzer" / "data" / "sample" / "umkm_android_id.txt"


def _readme_columns(section_heading: str) -> set[str]:
    section = _section(ROOT / "README.md", section_heading)
    cols = set()
    for row in _rows(section):
        for cell in row:
            cols |= set(re.findall(r"`([a-z_]+)`", cell))
    return cols


@pytest.fixture(scope="module")
def analyzed(tmp_path_factory):
    """`wa-analyzer analyze SAMPLE --out DIR --no-report`: (DIR, console summary)."""
    import contextlib
    import io

    from analyzer.cli.program import main

    out = tmp_path_factory.mktemp("analyze") / "out"
    err = io.StringIO()
    with contextlib.redirect_stderr(err):
        assert main(["analyze", str(SAMPLE), "--out", str(out), "--no-report"]) == 0
    return out, err.getvalue()


def test_readme_message_table_lists_every_column_of_messages_csv(analyzed):
    import csv

    out, _ = analyzed
    documented = _readme_columns("### The message table")
    for name in ("messages.csv", "members.csv", "edges.csv"):
        with open(out / name, encoding="utf-8", newline="") as f:
            header = next(csv.reader(f))
        missing = [c for c in header if c not in documented]
        assert not missing, f"README '### The message table' does not describe {name} columns {missing}"


def test_analyze_help_lists_every_file_written(capsys):
    from analyzer.cli.program import main
    from analyzer.cli.analyze import OUTPUT_FILES

    with pytest.raises(SystemExit):
        main(["analyze", "--help"])
    text = capsys.readouterr().out
    for name, _ in OUTPUT_FILES:
        assert name in text, name
    assert {n for n, _ in OUTPUT_FILES} >= {"report.json", "messages.csv", "members.csv", "edges.csv",
                                            "network.graphml", "network.gexf", "report.html", "report.pdf",
                                            "charts/NAME.EXT"}
    # and the README names every one of them too
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    for name, _ in OUTPUT_FILES:
        stem = name.split("/")[0]
        assert stem in readme, stem


def _summary_names(summary: str) -> list[str]:
    line = [ln for ln in summary.splitlines() if " turns -> " in ln][-1]
    listing = line.split(": ", 1)[1]
    return [re.sub(r" \(\d+ files\)$", "", n) for n in listing.split(", ")]


def _on_disk(out: Path) -> set[str]:
    return {p.name + ("/" if p.is_dir() else "") for p in out.iterdir()}


def test_the_console_summary_names_every_file_in_the_output_folder(analyzed):
    out, summary = analyzed
    names = _summary_names(summary)
    assert set(names) == _on_disk(out)
    assert len(names) == 9  # --no-report: report.json, three CSVs and their .xlsx copies, GraphML, GEXF


@pytest.mark.slow
def test_the_console_summary_with_report_and_charts(tmp_path):
    """The full set: report.html, report.pdf and charts/ (kaleido and chromium: about 20 s)."""
    import contextlib
    import io

    from analyzer.cli.program import main

    out = tmp_path / "out"
    err = io.StringIO()
    with contextlib.redirect_stderr(err):
        assert main(["analyze", str(SAMPLE), "--out", str(out), "--charts", "svg"]) == 0
    names = _summary_names(err.getvalue())
    assert set(names) == _on_disk(out)
    assert {"report.html", "report.pdf", "charts/"} <= set(names)
    n_charts = int(re.search(r"charts/ \((\d+) files\)", err.getvalue()).group(1))
    assert n_charts == len(list((out / "charts").iterdir())) > 0
