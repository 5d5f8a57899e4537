"""Width of a text line in CSS px, so figures can place labels and wrap subtitles before plotly draws them.

Measured with the theme's font (Liberation Sans, metric-compatible with Arial) through Pillow when
the font file is on the machine (Debian: fonts-liberation); otherwise estimated from an average
glyph width, slightly generous so that estimated layouts still do not collide.
"""
from __future__ import annotations

import unicodedata
from functools import lru_cache
from typing import Any

FONT_FILES = ("LiberationSans-Regular.ttf", "Arial.ttf", "DejaVuSans.ttf")
AVERAGE_EM = 0.56
"""Average glyph advance of Arial-like fonts, in em (lower-case Latin text), for the fallback."""


@lru_cache(maxsize=16)
def _font(size_px: float) -> Any:
    try:
        from PIL import ImageFont
    except ImportError:  # pragma: no cover - Pillow comes with streamlit
        return None
    for name in FONT_FILES:
        try:
            # Pillow looks the bare file name up in the system font folders.
            return ImageFont.truetype(name, size=max(1, round(size_px * 4)))
        except OSError:
            continue
    return None


def _wide(ch: str) -> bool:
    return unicodedata.east_asian_width(ch) in ("W", "F") or ord(ch) >= 0x1F000


def text_width(text: str, size_px: float) -> float:
    """Width of `text` (one line, no markup) in px at font size `size_px`."""
    font = _font(size_px)
    narrow = "".join(c for c in text if not _wide(c))
    wide = len(text) - len(narrow)
    if font is not None:
        w = font.getlength(narrow) / 4  # measured at 4x for sub-pixel precision
    else:
        w = len(narrow) * AVERAGE_EM * size_px * 1.05
    return w + wide * 1.25 * size_px  # emoji and CJK are about one em and a quarter


def wrap(text: str, size_px: float, max_width: float, separators: tuple[str, ...] = (" · ", " ")) -> list[str]:
    """`text` broken into lines no wider than `max_width` px, at " · " first, then at spaces."""
    if text_width(text, size_px) <= max_width:
        return [text]
    for sep in separators:
        parts = text.split(sep)
        if len(parts) < 2:
            continue
        lines: list[str] = []
        cur = parts[0]
        for part in parts[1:]:
            cand = cur + sep + part
            if text_width(cand, size_px) <= max_width:
                cur = cand
            else:
                lines.append(cur)
                cur = part
        lines.append(cur)
        if all(text_width(line, size_px) <= max_width for line in lines):
            return [line.strip() for line in lines]
        # Some piece is still too wide: split those pieces at the next separator.
        out: list[str] = []
        for line in lines:
            out += wrap(line, size_px, max_width, separators[separators.index(sep) + 1:]) \
                if text_width(line, size_px) > max_width and sep != separators[-1] else [line]
        return [line.strip() for line in out]
    return [text]
