"""wa-analyzer: turn an exported WhatsApp group chat into evidence about information sharing.

Public API::

    from analyzer import load_chat
    chat = load_chat("WhatsApp Chat with UMKM Maju.zip")
    chat.messages   # pandas DataFrame, columns in analyzer.chat.schema.MESSAGE_COLUMNS
    chat.members    # everyone who posted or was named in a membership event
    chat.format     # detected platform, date order, clock, language, warnings
    report = analyze(chat)   # participation, latency, activity (docs/metrics.md)
    report.to_dict()         # the report.json tree
"""
from __future__ import annotations

from typing import TYPE_CHECKING

from analyzer import _moved

_moved.install()  # old module paths (analyzer.analysis, analyzer.chat.sources, ...) keep working for one release

from analyzer.chat.model import Chat, ChatFormat
from analyzer.errors import ChatFormatError
from analyzer.chat.parse import load_chat

if TYPE_CHECKING:
    from analyzer.analysis import Report, analyze


def __getattr__(name: str):
    # The analysis (and networkx with it) loads on first use, so a script that only parses, or
    # `wa-analyzer parse`, starts faster and smaller.
    if name in ("Report", "analyze"):
        from analyzer import analysis as report

        return getattr(report, name)
    raise AttributeError(f"module 'analyzer' has no attribute {name!r}")

__version__ = "0.1.0"

__all__ = ["Chat", "ChatFormat", "ChatFormatError", "Report", "analyze", "load_chat", "__version__"]
