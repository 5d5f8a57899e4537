"""The wheel a user installs: what is inside, and that the installed CLI runs from it.

Built offline from a copy of the source (`pip wheel --no-build-isolation --no-index`, with the
setuptools of the test environment), so nothing is downloaded and the checkout gets no build/ or
egg-info folders. The installed test gets a fresh virtual environment that holds only the wheel;
the dependencies (pandas, pyarrow, ...) are borrowed from the project's environment through a .pth
line, which adds that site-packages folder without running its .pth files, so the project's
editable install of `analyzer` stays invisible. The dashboard test starts `wa-analyzer dashboard`
from that environment and opens it in Debian's chromium. Slow (a minute or two): `make test-fast` skips it.
"""
from __future__ import annotations

import csv
import json
import os
import shutil
import subprocess
import sys
import sysconfig
import venv
import zipfile
from email.parser import Parser
from pathlib import Path

import pytest

pytestmark = pytest.mark.slow

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = ROOT / "analyzer" / "data" / "sample" / "umkm_android_id.txt"


@pytest.fixture(scope="module")
def wheel(tmp_path_factory) -> Path:
    src = tmp_path_factory.mktemp("src")
    for name in ("pyproject.toml", "README.md", "LICENSE"):
        shutil.copy2(ROOT / name, src / name)
    shutil.copytree(ROOT / "analyzer", src / "analyzer", ignore=shutil.ignore_patterns("__pycache__", "*.pyc"))
    dist = tmp_path_factory.mktemp("dist")
    r = subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "--no-index",
                        "--quiet", "--wheel-dir", str(dist), str(src)],
                       capture_output=True, text=True, timeout=600)
    assert r.returncode == 0, r.stderr[-3000:]
    (whl,) = dist.glob("wa_analyzer-*.whl")
    return whl


def _source_files(pattern: str) -> set[str]:
    return {p.relative_to(ROOT).as_posix() for p in (ROOT / "analyzer").rglob(pattern)
            if p.is_file() and "__pycache__" not in p.parts}


def test_wheel_contents(wheel):
    names = set(zipfile.ZipFile(wheel).namelist())
    # every module, every data file (lexicons, slang and locale tables), nothing else of the checkout
    modules = _source_files("*.py")
    data = _source_files("*") - modules
    assert data >= {"analyzer/data/lexicon.csv", "analyzer/data/slang.csv"}
    assert modules <= names, sorted(modules - names)
    assert data <= names, f"data files missing from the wheel (see [tool.setuptools.package-data]): {sorted(data - names)}"
    assert not [n for n in names if n.startswith(("tests/", "benchmarks/", "sample_exports/", "docs/"))]
    # licence, version and entry point in the metadata
    info = next(n.split("/")[0] for n in names if n.endswith(".dist-info/METADATA"))
    meta = Parser().parsestr(zipfile.ZipFile(wheel).read(f"{info}/METADATA").decode())
    import tomllib

    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    assert meta["Version"] == project["version"]
    assert meta["License-Expression"] == "MIT"
    assert f"{info}/licenses/LICENSE" in names
    entry = zipfile.ZipFile(wheel).read(f"{info}/entry_points.txt").decode()
    assert "wa-analyzer = analyzer.cli:main" in entry


@pytest.fixture(scope="module")
def installed(wheel, tmp_path_factory) -> Path:
    """A fresh venv with only the wheel installed; returns its bin/ folder."""
    env_dir = tmp_path_factory.mktemp("venv")
    venv.EnvBuilder(with_pip=False, symlinks=os.name != "nt").create(env_dir)
    py = env_dir / ("Scripts" if os.name == "nt" else "bin") / "python"
    r = subprocess.run([sys.executable, "-m", "pip", "--python", str(py), "install", "--no-deps", "--no-index",
                        "--quiet", str(wheel)], capture_output=True, text=True, timeout=600)
    assert r.returncode == 0, r.stderr[-3000:]
    site = subprocess.run([str(py), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
                          capture_output=True, text=True, check=True).stdout.strip()
    # the dependencies, without running the project's .pth files (which hold the editable install)
    Path(site, "_deps_from_project.pth").write_text(sysconfig.get_paths()["purelib"] + "\n", encoding="utf-8")
    return py.parent


def _run(bin_dir: Path, *args: str, cwd: Path) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "VIRTUAL_ENV")}
    return subprocess.run([str(bin_dir / "wa-analyzer"), *args], capture_output=True, text=True, cwd=cwd, env=env,
                          timeout=600)


def test_installed_package_comes_from_the_wheel(installed, tmp_path):
    r = subprocess.run([str(installed / "python"), "-c",
                        "import analyzer, importlib.resources as r; print(analyzer.__file__); "
                        "print(r.files('analyzer').joinpath('data', 'lexicon.csv').is_file())"],
                       capture_output=True, text=True, cwd=tmp_path, check=True)
    where, has_lexicon = r.stdout.split()
    assert Path(where).is_relative_to(installed.parent), where
    assert not Path(where).is_relative_to(ROOT)
    assert has_lexicon == "True"


def test_installed_cli_parses_and_analyses_a_sample(installed, tmp_path):
    sample = tmp_path / "WhatsApp Chat with UMKM.txt"
    shutil.copy2(SAMPLE, sample)
    r = _run(installed, "parse", str(sample), "--out", "messages.csv", cwd=tmp_path)
    assert r.returncode == 0, r.stderr
    with open(tmp_path / "messages.csv", encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f))
    assert len(rows) == 1472

    r = _run(installed, "analyze", str(sample), "--out", "out", "--no-report", cwd=tmp_path)
    assert r.returncode == 0, r.stderr
    report = json.loads((tmp_path / "out" / "report.json").read_text(encoding="utf-8"))
    assert report["window"]["n_messages"] == 1439
    # the rule classifier ran on the lexicon inside the wheel
    assert report["content"]["business_news_share"] > 0
    assert {"report.json", "messages.csv", "members.csv", "edges.csv"} <= {p.name for p in (tmp_path / "out").iterdir()}

    r = _run(installed, "analyze", str(tmp_path / "missing.txt"), "--out", "out2", cwd=tmp_path)
    assert r.returncode == 2 and "Traceback" not in r.stderr


def test_sdist_holds_the_sources_tests_and_documents_and_builds_the_same_wheel(tmp_path):
    """The source distribution of the checkout (every file git knows of) carries LICENSE,
    CITATION.cff, docs, tests and samples, and a wheel built from it has the data files."""
    listed = subprocess.run(["git", "ls-files", "--cached", "--others", "--exclude-standard"], cwd=ROOT,
                            capture_output=True, text=True)
    if listed.returncode != 0:
        pytest.skip("not a git checkout")
    tree = tmp_path / "tree"
    for rel in listed.stdout.splitlines():
        if (ROOT / rel).is_file():
            (tree / rel).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(ROOT / rel, tree / rel)
    dist = tmp_path / "dist"
    r = subprocess.run([sys.executable, "-c", f"from setuptools import build_meta as b; print(b.build_sdist({str(dist)!r}))"],
                       cwd=tree, capture_output=True, text=True, timeout=600)
    assert r.returncode == 0, r.stderr[-3000:]
    sdist = dist / r.stdout.split()[-1]
    import tarfile

    with tarfile.open(sdist) as tar:
        names = {n.split("/", 1)[1] for n in tar.getnames() if "/" in n}
        tar.extractall(tmp_path / "unpacked", filter="data")
    for need in ("LICENSE", "CITATION.cff", "README.md", "pyproject.toml", "docs/metrics.md", "docs/formats.md",
                 "analyzer/data/lexicon.csv", "tests/test_docs.py", "analyzer/data/sample/umkm_android_id.txt",
                 "sample_exports/umkm_ios_id.zip"):
        assert need in names, need
    assert not [n for n in names if "__pycache__" in n or n.endswith(".pyc")]
    (src,) = (tmp_path / "unpacked").iterdir()
    r = subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "--no-index",
                        "--quiet", "--wheel-dir", str(dist), str(src)], capture_output=True, text=True, timeout=600)
    assert r.returncode == 0, r.stderr[-3000:]
    (whl,) = dist.glob("*.whl")
    assert {"analyzer/data/lexicon.csv", "analyzer/data/slang.csv"} <= set(zipfile.ZipFile(whl).namelist())


def test_installed_dashboard_starts_and_shows_the_bundled_sample(installed, tmp_path):
    """`wa-analyzer dashboard` from the wheel alone (no clone): the server answers its health check,
    and the page draws the sample chat that ships inside the package."""
    from dashboard_server import running_dashboard
    from playwright.sync_api import sync_playwright

    with running_dashboard(installed / "wa-analyzer", tmp_path) as port:
        with sync_playwright() as pw:
            browser = pw.chromium.launch(executable_path="/usr/bin/chromium")
            try:
                page = browser.new_page(viewport={"width": 1400, "height": 3000})
                page.goto(f"http://127.0.0.1:{port}", timeout=120_000)
                page.get_by_text("umkm_android_id.txt", exact=False).first.wait_for(timeout=240_000)
                body = page.inner_text("body")
            finally:
                browser.close()
        assert "Traceback" not in body and "Error" not in body.split("umkm_android_id.txt")[0]
        assert "1.439" in body  # the sample's messages, analysed by the installed package
