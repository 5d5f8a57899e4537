"""Text that PDF export can embed as outline (TrueType) glyphs only, never as Type 3 bitmaps.

Chromium embeds colour-emoji glyphs (Noto Color Emoji) as Type 3 fonts, which some publishers
reject. The charts and the PDF report therefore list an outline emoji font, Symbola (Debian:
fonts-symbola; emoji up to Unicode 9 / Emoji 5.0), right after the text fonts, and pass chat text
through `outline_safe`, which
- drops U+FE0F (VARIATION SELECTOR-16): it asks for the colour presentation, and Chromium then
  skips Symbola for the colour font even where Symbola has the glyph;
- writes emoji newer than Emoji `OUTLINE_EMOJI_VERSION` as their short name (":smiling face with
  tear:"), since no outline font on the machine has them.
Display only: report.json, the CSV files and the dashboard's tables keep the original text.
"""
from __future__ import annotations

from functools import lru_cache

OUTLINE_EMOJI_VERSION = 5.0
"""Newest Emoji version Symbola 2.60 (Debian bookworm) draws."""
VS16 = "\ufe0f"


def outline_safe(text: str) -> str:
    """`text` with colour-only emoji replaced by their names and VS16 removed (see module doc)."""
    if not text or text.isascii():
        return text
    return _short(text) if len(text) < 200 else _outline_safe(text)


@lru_cache(maxsize=4096)
def _short(text: str) -> str:
    return _outline_safe(text)


def _outline_safe(text: str) -> str:
    import emoji

    out: list[str] = []
    for tok in emoji.analyze(text, non_emoji=True, join_emoji=False):
        value = tok.value
        if isinstance(value, str):
            out.append(value.replace(VS16, ""))
            continue
        data = value.data or {}
        if float(data.get("E", 99)) <= OUTLINE_EMOJI_VERSION:
            out.append(value.emoji.replace(VS16, ""))
        else:
            name = str(data.get("en", "")).strip(":").replace("_", " ")
            out.append(f":{name}:" if name else "")
    return "".join(out)
