"""Old import paths of the modules that moved into layers (issue 16), kept working for one release.

``import analyzer.report`` still gives the module now at ``analyzer.analysis`` (the same module
object, so patches and ``isinstance`` checks agree), with a DeprecationWarning naming the new path.
``analyzer.chat`` and ``analyzer.cli`` became packages that re-export what the old modules held.
Remove this file, and its installation in ``analyzer/__init__.py``, in the release after next.
"""
from __future__ import annotations

import importlib
import importlib.abc
import importlib.machinery
import sys
import warnings
from types import ModuleType

MOVED: dict[str, str] = {
    "analyzer.io": "analyzer.chat.sources",
    "analyzer.formats": "analyzer.chat.shapes",
    "analyzer.phrases": "analyzer.chat.phrases",
    "analyzer.bodies": "analyzer.chat.body_kinds",
    "analyzer.parse": "analyzer.chat.parse",
    "analyzer.merge": "analyzer.chat.merge",
    "analyzer.quality": "analyzer.chat.quality",
    "analyzer.refine": "analyzer.chat.refine",
    "analyzer.parts": "analyzer.chat.parts",
    "analyzer.render": "analyzer.chat.write",
    "analyzer.synthetic": "analyzer.chat.synthetic",
    "analyzer.schema": "analyzer.chat.schema",
    "analyzer.filters": "analyzer.metrics.filters",
    "analyzer.jsonready": "analyzer.metrics.jsonready",
    "analyzer.metrics.corrected": "analyzer.classify.corrected",
    "analyzer.categorise": "analyzer.classify.categorise",
    "analyzer.evaluate": "analyzer.classify.evaluate",
    "analyzer.report": "analyzer.analysis",
    "analyzer.charts": "analyzer.outputs.charts",
    "analyzer.member_charts": "analyzer.outputs.member_charts",
    "analyzer.network_chart": "analyzer.outputs.network_chart",
    "analyzer.narrative": "analyzer.outputs.narrative",
    "analyzer.export": "analyzer.outputs.report_document",
    "analyzer.csvsafe": "analyzer.outputs.csvsafe",
    "analyzer.spreadsheet": "analyzer.outputs.spreadsheet",
    "analyzer.safewrite": "analyzer.outputs.safewrite",
    "analyzer.xmltext": "analyzer.outputs.xmltext",
    "analyzer.glyphs": "analyzer.outputs.glyphs",
    "analyzer.textmetrics": "analyzer.outputs.textmetrics",
    "analyzer.commands_analyze": "analyzer.cli.analyze",
    "analyzer.commands_classify": "analyzer.cli.classify",
    "analyzer.export_cli": "analyzer.cli.export",
    "analyzer.privacy_cli": "analyzer.cli.privacy",
    "analyzer.argtypes": "analyzer.cli.argtypes",
    "analyzer.analysis_options": "analyzer.cli.options",
}


class _AliasLoader(importlib.abc.Loader):
    def create_module(self, spec: importlib.machinery.ModuleSpec) -> ModuleType | None:
        return None  # a throw-away module; exec_module puts the real one in its place

    def exec_module(self, module: ModuleType) -> None:
        old = module.__name__
        new = MOVED[old]
        warnings.warn(f"{old} moved to {new}; the old path goes in the next release",
                      DeprecationWarning, stacklevel=2)
        # The import system returns whatever sys.modules holds under the name after exec_module,
        # so the old name resolves to the moved module itself (its __spec__ stays its own).
        sys.modules[old] = importlib.import_module(new)


class _AliasFinder(importlib.abc.MetaPathFinder):
    def find_spec(self, fullname: str, path: object = None, target: object = None):
        if fullname in MOVED:
            return importlib.machinery.ModuleSpec(fullname, _AliasLoader())
        return None


def install() -> None:
    """Put the finder in front of the others (once)."""
    if not any(isinstance(f, _AliasFinder) for f in sys.meta_path):
        sys.meta_path.insert(0, _AliasFinder())
