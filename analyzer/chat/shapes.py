"""Header shapes: detect a file's timestamp format once, then match every line with one fixed pattern.

docs/formats.md §3 lists the shapes. A shape is described by a small frozen record (`HeaderShape`);
`detect_shape` tries a permissive probe per family on a sample of lines and keeps the most common
exact shape; `HeaderShape.pattern()` then gives the strict, RE2-compatible pattern for the whole
file (all groups named, so pyarrow can extract them column-wise).
"""
from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from analyzer.chat.phrases import AMPM_PATTERN

DIGIT = "[0-9\u0660-\u0669]"  # ASCII and Eastern Arabic-Indic digits (docs/formats.md §4)
MARKS = "[\u200e\u200f]*"  # LRM/RLM before the header (iOS media/system lines, Arabic exports)
RLM = "\u200f*"
DT_SEPARATORS = (", ", " ", "\u060c ", " à ", " klo ")

FAMILIES = ("ios", "android", "ios_legacy", "android_legacy")


@dataclass(frozen=True)
class HeaderShape:
    """One exact header shape; `pattern()` matches it at the start of a line.

    family: "ios" (`[DATE, TIME] `), "android" (`DATE, TIME - `), "ios_legacy" (`DATE, TIME: `)
    or "android_legacy" (`HH:mm, D Mon YYYY - ` / `D Mon HH:mm - `).
    """

    family: str
    date_sep: str = "/"
    dt_sep: str = ", "
    time_sep: str = ":"
    time_first: bool = False  # Vietnamese iOS `[HH:mm:ss, M/D/YY]`, legacy Android `HH:mm, D Mon YYYY`
    month_names: bool = False  # legacy Android: English month abbreviations
    has_year: bool = True  # legacy Android `D Mon HH:mm - ` has none

    @property
    def terminator(self) -> str:
        """The literal that ends the header: splitting a line at its first occurrence gives the
        header prefix and the rest (author and body, or a system sentence)."""
        return {"ios": "] ", "ios_legacy": ": "}.get(self.family, " - ")

    def prefix_pattern(self) -> str:
        """The strict pattern for the part before `terminator`, anchored at both ends: groups
        d1 d2 d3 era be H M S ap (d2 holds a month name for legacy Android). Every group exists in
        every shape so extracted columns line up."""
        ts = re.escape(self.time_sep)
        time = (f"(?P<H>{DIGIT}{{1,2}}){ts}(?P<M>{DIGIT}{{2}})(?:{ts}(?P<S>{DIGIT}{{2}}))?"
                f"(?:[ \u00a0\u202f](?P<ap>{AMPM_PATTERN}))?")
        if self.month_names:
            if self.has_year:  # HH:mm, D Mon YYYY - REST
                head = (f"{time}, (?P<d1>[0-9]{{1,2}}) (?P<d2>[A-Za-z]{{3}}) (?P<d3>[0-9]{{4}})"
                        f"(?P<era>)(?P<be>)")
            else:  # D Mon HH:mm - REST
                head = f"(?P<d1>[0-9]{{1,2}}) (?P<d2>[A-Za-z]{{3}})(?P<d3>)(?P<era>)(?P<be>) {time}"
            return f"^{MARKS}{head}$"
        ds = re.escape(self.date_sep)
        date = (f"{RLM}(?P<d1>{DIGIT}{{1,4}}){RLM}{ds}{RLM}(?P<d2>{DIGIT}{{1,2}}){RLM}{ds}{RLM}"
                f"(?P<era>[MTSHR]?)(?P<d3>{DIGIT}{{1,4}})(?P<be>(?: BE)?)")
        body = f"{time}, {date}" if self.time_first else f"{date}{re.escape(self.dt_sep)}{time}"
        if self.family == "ios":
            return f"^{MARKS}\\[{RLM}{body}$"
        if self.family == "android":
            return f"^{MARKS}{body}[. ]?$"  # `13:34. - ` and two spaces before '-' occur
        return f"^{MARKS}{body}$"  # ios_legacy

    def date_pattern(self) -> str:
        """The date alone (groups d1 d2 d3 era be), anchored; RLMs may precede each part."""
        ds = re.escape(self.date_sep)
        return (f"^{RLM}(?P<d1>{DIGIT}{{1,4}}){RLM}{ds}{RLM}(?P<d2>{DIGIT}{{1,2}}){RLM}{ds}{RLM}"
                f"(?P<era>[MTSHR]?)(?P<d3>{DIGIT}{{1,4}})(?P<be>(?: BE)?)$")

    def time_pattern(self) -> str:
        """The time of day alone (groups H M S ap), anchored."""
        ts = re.escape(self.time_sep)
        tail = "[. ]?" if self.family == "android" else ""  # `13:34. - `, two spaces before '-'
        return (f"^(?P<H>{DIGIT}{{1,2}}){ts}(?P<M>{DIGIT}{{2}})(?:{ts}(?P<S>{DIGIT}{{2}}))?"
                f"(?:[ \u00a0\u202f](?P<ap>{AMPM_PATTERN}))?{tail}$")

    def describe(self) -> str:
        return (f"{self.family}, date separator {self.date_sep!r}, date-time separator "
                f"{self.dt_sep!r}, time separator {self.time_sep!r}"
                + (", time first" if self.time_first else "")
                + (", month names" if self.month_names else "")
                + ("" if self.has_year else ", no year"))


# Any header-like start of a line, of any family: used only to report lines that look like a
# header but did not start a record (parse quality), never to parse.
LOOSE_HEADER = (f"^{MARKS}\\[?{RLM}(?:{DIGIT}{{1,4}}{RLM}[./-]{RLM}{DIGIT}{{1,2}}{RLM}[./-]{RLM}[MTSHR]?{DIGIT}{{2,4}}"
                f"(?: BE)?[,\u060c]? (?:à |klo )?{DIGIT}{{1,2}}[:.]{DIGIT}{{2}}"
                f"|{DIGIT}{{1,2}}:{DIGIT}{{2}}(?::{DIGIT}{{2}})?, {DIGIT}{{1,2}}[ /.-])")


# Permissive probes, one per family, in Python `re` (backreferences keep separators consistent).
_P_DATE = (f"{RLM}(?P<d1>{DIGIT}{{1,4}}){RLM}(?P<ds>[./-]){RLM}(?P<d2>{DIGIT}{{1,2}}){RLM}(?P=ds){RLM}"
           f"[MTSHR]?{DIGIT}{{1,4}}(?: BE)?")
_P_TIME = (f"{DIGIT}{{1,2}}(?P<ts>[:.]){DIGIT}{{2}}(?:(?P=ts){DIGIT}{{2}})?"
           f"(?:[ \u00a0\u202f](?:{AMPM_PATTERN}))?")
_P_DTS = "(?P<dts>" + "|".join(re.escape(s) for s in DT_SEPARATORS) + ")"
_PROBES: tuple[tuple[str, dict, re.Pattern], ...] = (
    ("ios", {}, re.compile(f"^{MARKS}\\[{RLM}{_P_DATE}{_P_DTS}{_P_TIME}\\] ")),
    ("ios", {"time_first": True}, re.compile(f"^{MARKS}\\[{RLM}{_P_TIME}, {_P_DATE}\\] ")),
    ("android", {}, re.compile(f"^{MARKS}{_P_DATE}{_P_DTS}{_P_TIME}\\.? {{1,2}}- ")),
    ("ios_legacy", {}, re.compile(f"^{MARKS}{_P_DATE}{_P_DTS}{_P_TIME}: ")),
    ("android_legacy", {"time_first": True, "month_names": True},
     re.compile(f"^{MARKS}[0-9]{{1,2}}(?P<ts>:)[0-9]{{2}}, [0-9]{{1,2}} [A-Za-z]{{3}} [0-9]{{4}} - ")),
    ("android_legacy", {"month_names": True, "has_year": False},
     re.compile(f"^{MARKS}[0-9]{{1,2}} [A-Za-z]{{3}} [0-9]{{1,2}}(?P<ts>:)[0-9]{{2}} - ")),
)


def probe_line(line: str) -> HeaderShape | None:
    """The exact shape of one header line, or None if it is not shaped like any header."""
    for family, extra, probe in _PROBES:
        m = probe.match(line)
        if m:
            g = m.groupdict()
            return HeaderShape(family=family, date_sep=g.get("ds") or "/",
                               dt_sep=g.get("dts") or ", ", time_sep=g.get("ts") or ":", **extra)
    return None


def detect_shape(lines: list[str]) -> tuple[HeaderShape | None, int, str | None]:
    """The most common header shape among sample lines.

    Returns (shape, number of sample lines of that shape, first such line). Mixed shapes in one
    file occur only in hand-edited files (docs/formats.md §10), so one shape is fixed per file.
    """
    counts: Counter[HeaderShape] = Counter()
    first: dict[HeaderShape, str] = {}
    for line in lines:
        if not line or not (line[0] in "[\u200e\u200f\ufeff" or line[0].isdigit()):
            continue
        shape = probe_line(line)
        if shape is not None:
            counts[shape] += 1
            first.setdefault(shape, line)
    if not counts:
        return None, 0, None
    shape, n = counts.most_common(1)[0]
    return shape, n, first[shape]
