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
