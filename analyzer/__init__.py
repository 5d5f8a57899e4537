"""wa-analyzer: turn an exported WhatsApp group chat into evidence about information sharing.

Public API::

    from analyzer import load_chat
    chat = load_chat("WhatsApp Chat with UMKM Maju.zip")
    chat.messages   # pandas DataFrame, columns in analyzer.schema.MESSAGE_COLUMNS
    chat.members    # everyone who posted or was named in a membership event
    chat.format     # detected platform, date order, clock, language, warnings
    report = analyze(chat)   # participation, latency, activity (shared/METRICS.md)
    report.to_dict()         # the report.json tree
"""
from __future__ import annotations

from .chat import Chat, ChatFormat
from .errors import ChatFormatError
from .parse import load_chat
from .report import Report, analyze

__version__ = "0.1.0"

__all__ = ["Chat", "ChatFormat", "ChatFormatError", "Report", "analyze", "load_chat", "__version__"]
