"""Parse quality: how far a reader can trust the numbers computed from one parsed chat.

Everything here is derived from what the parser recorded (`ChatFormat`) and from the message table;
nothing is re-parsed. `parse_quality(chat).to_dict()` is the `quality` section of report.json.
"""
from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # the Chat model builds its quality from here: a runtime import would be a cycle
    from analyzer.chat.model import Chat


# Below this many records an ambiguous day/month order decided by sequence is a real risk.
SHORT_CHAT_RECORDS = 200
UNKNOWN_SYSTEM_WARN_SHARE = 0.02
UNPARSED_HEADER_WARN_SHARE = 0.001


@dataclass(frozen=True)
class ParseQuality:
    """What the parser decided and what a user should read before trusting the numbers."""

    platform: str
    header_shape: str
    detection: str  # how the shape was decided, in one sentence
    date_order: str
    date_order_ambiguous: bool
    date_order_reason: str
    clock: str
    timestamp_resolution_s: int  # 1 with seconds in the headers, 60 without (Android)
    time_zone: str  # the zone, or "local time of the exporting phone"
    language: str
    lines: int
    records: int
    skipped_lines: int
    unparsed_header_lines: int  # looked like a header, did not start a record
    unparsed_header_line_numbers: list[int]
    unparsed_header_samples: list[str]
    replaced_bytes: int
    out_of_order_records: int
    system_lines_by_type: dict[str, int]
    unknown_system_share: float | None  # system lines of an unknown phrase / all records
    sources: list[dict] = field(default_factory=list)  # merged exports: file, first, last, records, duplicates
    # records a second look at the whole chat changed (analyzer.chat.refine): the chat's name as an
    # author, generated bodies in an unknown language, "X started a call", several targets
    reclassified: dict[str, int] = field(default_factory=dict)
    self_named_authors: int = 0  # distinct authors written "~ Name" (not in the exporter's contacts)
    warnings: list[str] = field(default_factory=list)
    notices: list = field(default_factory=list)  # the same as codes (analyzer.notices), where known

    def to_dict(self) -> dict:
        return asdict(self)


def parse_quality(chat: Chat) -> ParseQuality:
    fmt = chat.format
    m = chat.messages
    n = len(m)
    events = m.loc[m["kind"] == "system", "event"].value_counts()
    by_type = {str(k): int(v) for k, v in events.items()}
    unknown = by_type.get("other", 0)
    unknown_share = unknown / n if n else None

    from analyzer.notices import Notice, render

    warnings = list(fmt.warnings)
    notices = list(getattr(fmt, "notices", ()) or ())
    new: list[Notice] = []
    if fmt.date_order_ambiguous and n < SHORT_CHAT_RECORDS and fmt.date_order_reason != "set by the caller":
        new.append(Notice("quality.short_ambiguous", {"n": str(n), "reason": fmt.date_order_reason,
                                                      "order": fmt.date_order}))
    if unknown_share and unknown_share > UNKNOWN_SYSTEM_WARN_SHARE:
        new.append(Notice("quality.unknown_system", {"n": str(unknown), "share": float(unknown_share)}))
    if fmt.unparsed_headers and fmt.unparsed_headers > max(1, UNPARSED_HEADER_WARN_SHARE * max(fmt.n_lines, 1)):
        new.append(Notice("quality.unparsed_headers", {"n": str(fmt.unparsed_headers),
                                                       "line": str(fmt.unparsed_header_lines[0])}))
    if fmt.out_of_order:
        new.append(Notice("quality.out_of_order", {"n": str(fmt.out_of_order)}))
    warnings += [render(x) for x in new]
    notices += new
    if chat.provenance is not None:
        sources = chat.provenance.astype({c: "string" for c in ("first", "last") if c in chat.provenance}).to_dict("records")
    else:
        sources = []

    detection = (f"{fmt.header_sample_matches} of the first lines matched this header shape; "
                 "one shape is fixed per file" if fmt.header_sample_matches else "")
    return ParseQuality(
        platform=fmt.platform,
        header_shape=fmt.header_shape,
        detection=detection,
        date_order=fmt.date_order,
        date_order_ambiguous=fmt.date_order_ambiguous,
        date_order_reason=fmt.date_order_reason,
        clock=fmt.clock,
        timestamp_resolution_s=1 if fmt.seconds else 60,
        time_zone=chat.tz or "local time of the exporting phone",
        language=fmt.language,
        lines=fmt.n_lines,
        records=n,
        skipped_lines=fmt.skipped_lines,
        unparsed_header_lines=fmt.unparsed_headers,
        unparsed_header_line_numbers=list(fmt.unparsed_header_lines),
        unparsed_header_samples=list(fmt.unparsed_header_samples),
        replaced_bytes=fmt.replaced_bytes,
        out_of_order_records=fmt.out_of_order,
        system_lines_by_type=by_type,
        unknown_system_share=unknown_share,
        sources=sources,
        reclassified=dict(getattr(fmt, "reclassified", {}) or {}),
        self_named_authors=int(m.loc[m["author_self_named"], "author"].nunique()) if "author_self_named" in m else 0,
        warnings=warnings,
        notices=[x.to_dict() for x in notices],
    )
