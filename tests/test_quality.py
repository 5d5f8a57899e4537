"""Chat.quality: what a user should read before trusting the numbers, from real export text."""
from __future__ import annotations

import json

from analyzer import load_chat


def test_quality_reports_unparsed_header_lines_and_system_types() -> None:
    text = ("25/03/22, 09:00 - Rina added Budi\n25/03/22, 09:01 - Rina: see\n"
            "31/02/22, 09:00 - impossible date kept as text\n"
            "[3/9/22, 08:15:42] Budi: a line of another family\n"
            "25/03/22, 09:02 - Budi heeft Mei toegevoegd\n25/03/22, 09:03 - Budi: ok\n")
    q = load_chat(text.encode()).quality
    assert q.platform == "android" and q.records == 4 and q.lines == 6
    assert q.unparsed_header_lines == 2 and q.unparsed_header_line_numbers == [3, 4]
    assert q.unparsed_header_samples[1].startswith("[3/9/22")
    assert q.system_lines_by_type == {"add": 1, "other": 1}
    assert q.unknown_system_share == 0.25
    assert q.timestamp_resolution_s == 60 and q.time_zone == "local time of the exporting phone"
    assert any("do not" in w or "does not" in w for w in q.warnings)
    json.dumps(q.to_dict())  # JSON-ready


def test_short_ambiguous_chat_gets_a_warning() -> None:
    text = "1/2/22, 09:00 - Rina: a\n1/5/22, 09:00 - Budi: b\n2/1/22, 09:00 - Rina: c\n"
    q = load_chat(text.encode()).quality
    assert q.date_order_ambiguous and any("Short chat" in w for w in q.warnings)
    assert not any("Short chat" in w for w in load_chat(text.encode(), date_order="MDY").quality.warnings)


def test_clean_ios_chat_has_seconds_resolution_and_no_warnings() -> None:
    q = load_chat("[25/03/22, 09:00:01] Rina: halo\r\n[25/03/22, 09:00:05] Budi: hai\r\n".encode()).quality
    assert q.timestamp_resolution_s == 1 and q.warnings == [] and q.unknown_system_share == 0
