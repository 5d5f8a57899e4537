"""Warnings as a code and parameters, written out per language and per audience.

The parser and `analyze()` record what they noticed as `Notice(code, params)`; nothing is worded
there. `render(notice, lang, audience)` turns it into one sentence in Indonesian or English from
`analyzer.i18n.TEXT`, with advice for the reader at hand:

- ``"cli"``: the command-line flag (``--date-order DMY``);
- ``"app"``: the dashboard switch (*Urutan tanggal* in the sidebar);
- ``"api"``: the Python argument (``date_order='DMY'``). English API text is what the old string
  warnings said, so `ChatFormat.warnings` and report.json's ``warnings`` keep their wording.

Adding a warning (for example in the parser):
1. pick a code ``<area>.<what>`` (``parse.no_year``) and record ``Notice("parse.no_year", {"year": 2024})``
   next to where the condition is detected (append its English API text to the old `warnings` too:
   ``warnings.append(render(n))``, which `notice_pairs` does for a list of notices);
2. add ``"warn.<code>"`` to `analyzer.i18n.TEXT` in both languages, with ``{param}`` fields;
3. if the reader can do something, add ``"warn.<code>.cli"``, ``"warn.<code>.app"`` and
   ``"warn.<code>.api"`` (any of them; a missing one means "no advice for that audience").
Numbers in params are formatted in the reader's language (1.234 / 1,234; a key ending in "share"
as a percentage); strings are inserted as they are (give a year or a line number as a string when
it must not get a thousands separator). tests/test_notices.py checks every code has both languages.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Iterable, Mapping

AUDIENCES = ("cli", "app", "api")


@dataclass(frozen=True)
class Notice:
    """A warning: a code (`warn.<code>` in analyzer.i18n) and the values its sentence needs."""

    code: str
    params: Mapping[str, Any] = field(default_factory=dict)

    def text(self, lang: str = "en", audience: str = "api") -> str:
        return render(self, lang, audience)

    def to_dict(self) -> dict:
        return {"code": self.code, "params": dict(self.params)}

    def __hash__(self) -> int:  # params is a dict: hash by code and sorted items
        return hash((self.code, tuple(sorted((k, str(v)) for k, v in self.params.items()))))


def _fields(params: Mapping[str, Any], lang: str) -> dict[str, Any]:
    from analyzer.i18n import fmt_int

    from analyzer.i18n import fmt_pct

    out: dict[str, Any] = {}
    for k, v in params.items():
        if isinstance(v, bool) or not isinstance(v, (int, float)):
            out[k] = v
        elif k.endswith("share"):  # shares as percentages with one decimal (12.3% / 12,3%)
            out[k] = fmt_pct(v, lang, 1)
        else:
            out[k] = fmt_int(v, lang)
    return out


def render(notice: Notice | Mapping[str, Any], lang: str = "en", audience: str = "api") -> str:
    """The sentence of `notice` (a Notice or its `to_dict()`) in `lang` for `audience`."""
    from analyzer.i18n import TEXT, t

    if audience not in AUDIENCES:
        raise ValueError(f"audience must be one of {', '.join(AUDIENCES)}, not {audience!r}")
    code = notice.code if isinstance(notice, Notice) else str(notice["code"])
    params = notice.params if isinstance(notice, Notice) else dict(notice.get("params") or {})
    fields = _fields(params, lang)
    text = t(f"warn.{code}", lang, **fields)
    advice = f"warn.{code}.{audience}"
    if advice in TEXT:
        text += " " + t(advice, lang, **fields)
    return text


def notice_pairs(notices: Iterable[Notice]) -> list[str]:
    """The English API sentences of `notices` (the legacy string form of warnings)."""
    return [render(n) for n in notices]


def localised_warnings(warnings: Iterable[str], notices: Iterable[Mapping[str, Any] | Notice], lang: str,
                       audience: str) -> list[str]:
    """Every warning in `lang` for `audience`: those recorded as notices are re-worded, the others
    (from parts that still give plain English strings) are kept as they are, in their order."""
    rendered = {}
    for n in notices:
        try:
            rendered[render(n)] = render(n, lang, audience)
        except KeyError:  # a code this version has no text for: keep the string as given
            continue
    out = []
    for w in warnings:
        text = str(w)
        # Merged chats prefix a file's warnings with "name: ".
        head, sep, tail = text.partition(": ")
        if text in rendered:
            out.append(rendered[text])
        elif sep and tail in rendered:
            out.append(f"{head}: {rendered[tail]}")
        else:
            out.append(text)
    return list(dict.fromkeys(out))
