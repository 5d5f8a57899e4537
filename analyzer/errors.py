"""Errors a user can act on. Each carries one sentence: what is wrong and what was expected."""
from __future__ import annotations


class ChatFormatError(ValueError):
    """The input is not a readable WhatsApp chat export (empty, not an export, broken zip, ...)."""
