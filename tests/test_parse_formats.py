"""Every header shape of FORMATS.md §3 × the same small conversation: the parse must give it back.

The matrix is generated: one header-rendering function per shape, one list of cases. Each shape is
written as the phone would write it (seconds only where the shape has them).
"""
from __future__ import annotations

from datetime import datetime

import pandas as pd
import pytest

from analyzer import load_chat

AR = str.maketrans("0123456789", "٠١٢٣٤٥٦٧٨٩")
LRM, RLM, NBSP, NNBSP = "\u200e", "\u200f", "\u00a0", "\u202f"


def h12(d: datetime) -> int:
    return d.hour % 12 or 12


def ap(d: datetime, am: str = "AM", pm: str = "PM") -> str:
    return am if d.hour < 12 else pm


# shape id -> (render header, has seconds, platform, extra load_chat kwargs)
SHAPES = {
    "A1": (lambda d: f"{d.day}/{d.month}/{d:%y}, {d.hour}:{d:%M} - ", False, "android", {}),
    "A2": (lambda d: f"{d:%d/%m/%Y}, {d:%H:%M} - ", False, "android", {}),
    "A3": (lambda d: f"{d.month}/{d.day}/{d:%y}, {h12(d)}:{d:%M} {ap(d)} - ", False, "android", {}),
    "A4": (lambda d: f"{d.month}/{d.day}/{d:%y}, {d:%H:%M} - ", False, "android", {}),
    "A5": (lambda d: f"{d.month}/{d.day}/{d:%Y}, {h12(d)}:{d:%M} {ap(d)} - ", False, "android", {}),
    "A6": (lambda d: f"{d:%d/%m/%y}, {h12(d)}:{d:%M} {ap(d, 'am', 'pm')} - ", False, "android", {}),
    "A7": (lambda d: f"{d:%d/%m/%Y}, {h12(d)}:{d:%M} {ap(d, 'am', 'pm')} - ", False, "android", {}),
    "A8": (lambda d: f"{d:%d.%m.%y}, {d:%H:%M} - ", False, "android", {}),
    "A9": (lambda d: f"{d:%d.%m.%Y}, {d:%H:%M} - ", False, "android", {}),
    "A10": (lambda d: f"{d:%d.%m.%y} {d:%H:%M} - ", False, "android", {}),
    "A11": (lambda d: f"{d:%d-%m-%Y} {d:%H:%M} - ", False, "android", {}),
    "A12": (lambda d: f"{d:%Y-%m-%d}, {h12(d)}:{d:%M} {ap(d, 'a.m.', 'p.m.')} - ", False, "android", {}),
    "A13": (lambda d: f"{d:%Y/%m/%d}, {d:%H:%M} - ", False, "android", {}),
    "A14": (lambda d: f"{d.month}/{d.day}/{d:%y} {h12(d)}:{d:%M} {ap(d)} - ", False, "android", {}),
    "A15": (lambda d: f"{d:%d/%m/%Y}, {h12(d)}:{d:%M} {ap(d, 'in the morning', 'in the afternoon')} - ",
            False, "android", {}),
    "A16": (lambda d: f"{d:%d/%m/%y} {d:%H.%M} - ", False, "android", {}),
    "A17": (lambda d: f"{d:%d/%m/%Y} à {d:%H:%M} - ", False, "android", {}),
    "A18": (lambda d: f"{d.day}.{d.month}.{d:%Y} klo {d.hour}.{d:%M}.{d:%S} - ", True, "android", {}),
    "A19": (lambda d: f"{d:%d/%m/%y}, {d:%H:%M:%S} - ", True, "android", {}),
    "A20": (lambda d: f"{d.month}/{d.day}/{d:%y}, {h12(d)}:{d:%M}{NNBSP}{ap(d)} - ", False, "android", {}),
    "I1": (lambda d: f"[{d.month}/{d.day}/{d:%y}, {d:%H:%M:%S}] ", True, "ios", {}),
    "I2": (lambda d: f"[{d.month}/{d.day}/{d:%y}, {h12(d)}:{d:%M:%S} {ap(d)}] ", True, "ios", {}),
    "I3": (lambda d: f"[{d:%d/%m/%y}, {h12(d)}:{d:%M:%S} {ap(d)}] ", True, "ios", {}),
    "I4": (lambda d: f"[{d:%d/%m/%Y}, {d:%H:%M:%S}] ", True, "ios", {}),
    "I5": (lambda d: f"[{d:%d.%m.%y}, {d:%H:%M:%S}] ", True, "ios", {}),
    "I6": (lambda d: f"[{d.month}/{d.day}/{d:%y} {d:%H:%M:%S}] ", True, "ios", {}),
    "I7": (lambda d: f"[{d.month}/{d.day}/{d:%y} {d:%H.%M.%S}] ", True, "ios", {}),
    "I8": (lambda d: f"[{d:%d/%m/%y} {d:%H.%M.%S}] ", True, "ios", {}),
    "I9": (lambda d: f"[{d:%H:%M:%S}, {d.month}/{d.day}/{d:%y}] ", True, "ios", {}),
    "I10": (lambda d: f"[{RLM}{d.day}{RLM}/{d.month}{RLM}/{d.year}\u060c {d:%H:%M:%S}] ", True, "ios", {}),
    "I11": (lambda d: (f"[{str(d.day).translate(AR)}{RLM}/{str(d.month).translate(AR)}{RLM}/"
                       f"{str(d.year).translate(AR)}\u060c {str(h12(d)).translate(AR)}:"
                       f"{d:%M:%S}".translate(AR) + f"{NBSP}{ap(d, 'ص', 'م')}] "), True, "ios", {}),
    "I12": (lambda d: f"[{d.month}/{d.day}/{d.year + 543} BE, {d:%H:%M:%S}] ", True, "ios", {}),
    "I13": (lambda d: f"[{d.month}/{d.day}/R{d.year - 2018}, {d:%H:%M:%S}] ", True, "ios", {}),
    "I14": (lambda d: f"[{d.year}/{d.month}/{d.day} {d:%H:%M:%S}] ", True, "ios", {}),
    "I15": (lambda d: f"[{d:%Y-%m-%d}, {h12(d)}:{d:%M:%S} {ap(d)}] ", True, "ios", {}),
    "I16": (lambda d: f"[{d:%d.%m.%Y} klo {d:%H.%M.%S}] ", True, "ios", {}),
    "I17": (lambda d: f"[{d.month}/{d.day}/{d:%y}, {h12(d)}:{d:%M:%S}{NNBSP}{ap(d)}] ", True, "ios", {}),
    "I18": (lambda d: f"[{d:%m.%d.%y}, {d:%H:%M:%S}] ", True, "ios", {}),
    "I19": (lambda d: f"[{d.day}/{d.month}/{d:%y} {h12(d)}:{d:%M:%S} {ap(d, 'a. m.', 'p.' + NBSP + 'm.')}] ",
            True, "ios", {}),
    "L1": (lambda d: f"{d.month}/{d.day}/{d:%y}, {h12(d)}:{d:%M:%S} {ap(d)}: ", True, "ios_legacy", {}),
    "L2": (lambda d: f"{d.month}/{d.day}/{d:%y}, {d:%H:%M:%S}: ", True, "ios_legacy", {}),
    "L3": (lambda d: f"{d:%d/%m/%y} {d:%H:%M:%S}: ", True, "ios_legacy", {}),
    "L4": (lambda d: f"{d:%d.%m.%Y}, {d:%H:%M}: ", False, "ios_legacy", {}),
    "LA1": (lambda d: f"{d:%H:%M}, {d.day} {d:%b} {d.year} - ", False, "android_legacy", {}),
    "LA2": (lambda d: f"{d.day} {d:%b} {d:%H:%M} - ", False, "android_legacy", {"year": 2022}),
}

# A day above 12 fixes the day/month order; 12:xx PM and 00:xx AM test the 12-hour edges.
TIMES = [datetime(2022, 3, 25, 9, 5, 7), datetime(2022, 3, 25, 21, 41, 35),
         datetime(2022, 4, 2, 12, 30, 0), datetime(2022, 4, 3, 0, 15, 59), datetime(2022, 4, 3, 0, 16, 1)]
MULTILINE = "first line\nwe met at 16:45 again\n\n2019-05-04 08:00:00 was the deadline\n-> see the notes - page 2"


def chat_text(shape: str) -> tuple[str, list[dict]]:
    render, seconds, platform, _ = SHAPES[shape]
    media_body = f"{LRM}image omitted" if platform == "ios" else "<Media omitted>"
    rows = [
        ("Rina", "halo semua 👋", "text"),
        ("+62 812-3456-7890", MULTILINE, "text"),
        (None, "Budi added Mei", "system"),
        ("Mei", media_body, "media"),
        ("Budi (Toko Kue)", "This message was deleted", "deleted"),
    ]
    lines, expected = [], []
    for when, (author, body, kind) in zip(TIMES, rows):
        head = render(when)
        prefix = LRM if platform == "ios" and kind != "text" else ""
        lines.append(prefix + head + (f"{author}: {body}" if author else body))
        expected.append({
            "timestamp": pd.Timestamp(when if seconds else when.replace(second=0)),
            "author": author, "text": body.lstrip(LRM), "kind": kind,
        })
    return "\n".join(lines) + "\n", expected


@pytest.mark.parametrize("shape", sorted(SHAPES))
def test_every_shape_parses_back(shape: str) -> None:
    text, expected = chat_text(shape)
    chat = load_chat(text.encode("utf-8"), **SHAPES[shape][3])
    m = chat.messages
    assert len(m) == len(expected), m
    for i, exp in enumerate(expected):
        row = m.iloc[i]
        assert row["timestamp"] == exp["timestamp"], (shape, i, row["timestamp"])
        assert (row["author"] if pd.notna(row["author"]) else None) == exp["author"]
        assert row["text"] == exp["text"]
        assert row["kind"] == exp["kind"]
    assert chat.format.platform == SHAPES[shape][2]
    assert list(m["line"]) == [1, 2, 7, 8, 9]
    assert m.loc[2, "event"] == "add" and m.loc[2, "event_actor"] == "Budi" and m.loc[2, "event_target"] == "Mei"


@pytest.mark.parametrize("shape", ["A2", "A16", "I4", "I8"])
@pytest.mark.parametrize("newline", ["\n", "\r\n"])
def test_line_endings_and_bom(shape: str, newline: str) -> None:
    text, expected = chat_text(shape)
    data = ("\ufeff" + text.replace("\n", newline)).encode("utf-8")
    m = load_chat(data).messages
    assert list(m["text"]) == [e["text"] for e in expected]
