"""The package's architecture as a test: no import cycle, and data flows one way between layers.

Every `import` counts, including those inside functions (deferred imports are still dependencies);
imports under `if TYPE_CHECKING:` do not. The one exception is a module-level ``__getattr__``
that forwards a moved name to its new home for one release (see analyzer/_moved.py).
"""
from __future__ import annotations

import ast
import warnings
from pathlib import Path

import networkx as nx
import pytest

PKG = Path(__file__).resolve().parents[1] / "analyzer"

# Lower layers never import higher ones. Same-layer imports are allowed (without cycles).
LAYERS: list[tuple[str, ...]] = [
    ("analyzer.errors", "analyzer.i18n", "analyzer.notices"),  # words and errors every layer uses
    ("analyzer.chat",),  # bytes -> Chat
    ("analyzer.classify",),  # categories of messages
    ("analyzer.metrics",),  # pure functions over the message table
    ("analyzer.analysis", "analyzer.privacy"),  # analyze(chat, params) -> Report; pseudonyms
    ("analyzer.outputs",),  # charts, sentences, files
    ("analyzer.corpus", "analyzer.corpus_schema"),  # many groups
    ("analyzer.cli",),
    ("analyzer.dashboard",),
]
SHELLS = {"analyzer", "analyzer._moved", "analyzer.__main__"}  # the facade and entry points


def _module_name(path: Path, pkg: Path = PKG) -> tuple[str, bool]:
    parts = list(path.relative_to(pkg.parent).with_suffix("").parts)
    is_pkg = parts[-1] == "__init__"
    return ".".join(parts[:-1] if is_pkg else parts), is_pkg


def _modules(pkg: Path = PKG) -> dict[str, Path]:
    return {_module_name(p, pkg)[0]: p for p in pkg.rglob("*.py")}


def _imports(path: Path, known: set[str], pkg: Path = PKG) -> set[str]:
    name, is_pkg = _module_name(path, pkg)
    tree = ast.parse(path.read_text(encoding="utf-8"))
    skip: set[int] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test):
            skip.update(id(n) for n in ast.walk(node))
    for node in tree.body:
        if isinstance(node, ast.FunctionDef) and node.name == "__getattr__":
            skip.update(id(n) for n in ast.walk(node))
    out: set[str] = set()
    for node in ast.walk(tree):
        if id(node) in skip:
            continue
        if isinstance(node, ast.ImportFrom):
            if node.level:
                base = name.split(".") if is_pkg else name.split(".")[:-1]
                base = base[: len(base) - (node.level - 1)]
                mod = ".".join(base + ([node.module] if node.module else []))
            else:
                mod = node.module or ""
            for alias in node.names:
                sub = f"{mod}.{alias.name}"
                out.add(sub if sub in known else mod)
        elif isinstance(node, ast.Import):
            out.update(a.name for a in node.names)
    out.discard(name)
    return {m for m in out if m in known}


def _graph(pkg: Path = PKG) -> nx.DiGraph:
    mods = _modules(pkg)
    g = nx.DiGraph()
    g.add_nodes_from(m for m in mods if m not in SHELLS)
    for m, path in mods.items():
        if m in SHELLS:
            continue
        g.add_edges_from((m, d) for d in _imports(path, set(mods), pkg) if d not in SHELLS)
    return g


def _layer(module: str) -> int:
    for i, prefixes in enumerate(LAYERS):
        if any(module == p or module.startswith(p + ".") for p in prefixes):
            return i
    raise AssertionError(f"{module} belongs to no layer: add it to LAYERS in tests/test_layers.py")


def test_every_module_has_a_layer():
    for m in _graph().nodes:
        _layer(m)


def test_no_import_cycle():
    cycles = list(nx.simple_cycles(_graph()))
    assert not cycles, "import cycles: " + "; ".join(" -> ".join(c + [c[0]]) for c in cycles[:5])


def test_data_flows_one_way():
    upward = [(a, b) for a, b in _graph().edges if _layer(b) > _layer(a)]
    assert not upward, "a lower layer imports a higher one: " + ", ".join(f"{a} -> {b}" for a, b in upward)


def test_the_checker_sees_deferred_relative_and_typing_imports(tmp_path):
    # The checker itself, on a package of three modules: a deferred import inside a function still
    # closes a cycle; an import under TYPE_CHECKING does not count.
    pkg = tmp_path / "pkg"
    pkg.mkdir()
    (pkg / "__init__.py").write_text("")
    (pkg / "a.py").write_text("def f():\n    from pkg.b import g\n")
    (pkg / "b.py").write_text("from . import a\n")
    (pkg / "c.py").write_text("from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n    from pkg.a import f\n")
    (pkg / "d.py").write_text("def __getattr__(name):\n    from pkg import c\n")
    g = _graph(pkg)
    assert sorted(map(sorted, nx.simple_cycles(g))) == [["pkg.a", "pkg.b"]]
    assert not list(g.successors("pkg.c")) and not list(g.successors("pkg.d"))


def test_ls_shows_the_layers():
    entries = {p.name for p in PKG.iterdir() if not p.name.startswith((".", "__pycache__"))}
    for pkg in ("chat", "metrics", "classify", "analysis", "outputs", "cli", "dashboard", "data"):
        assert (PKG / pkg).is_dir(), pkg
    flat = sorted(e for e in entries if e.endswith(".py"))
    assert len(flat) <= 10, f"analyzer/ is getting flat again: {flat}"


OLD_PATHS = sorted(__import__("analyzer._moved", fromlist=["MOVED"]).MOVED.items())


@pytest.mark.parametrize(("old", "new"), OLD_PATHS)
def test_old_import_paths_still_work(old, new):
    import importlib
    import sys

    sys.modules.pop(old, None)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        mod = importlib.import_module(old)
    assert mod is importlib.import_module(new)
    assert mod.__name__ == new and mod.__spec__.name == new  # the moved module is untouched
    assert any(issubclass(w.category, DeprecationWarning) and new in str(w.message) for w in caught)


def test_old_public_names_still_importable():
    # A sample of names callers used from the old flat modules.
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DeprecationWarning)
        from analyzer.analysis_options import AnalysisOptions, add_analysis_options, run_analysis  # noqa: F401
        from analyzer.chat import Chat, ChatFormat, build_members, is_bot  # noqa: F401
        from analyzer.cli import build_parser, main, summary_lines  # noqa: F401
        from analyzer.commands_classify import add_classifier_options, classifier_kwargs  # noqa: F401
        from analyzer.corpus import add_parser, run  # noqa: F401
        from analyzer.report import MESSAGE_KINDS, AnalysisParameterError, Report, analyze, read_roster  # noqa: F401
