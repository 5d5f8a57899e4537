"""Exports too big for one parsing chunk give exactly the rows their pieces give.

The parser splits headers and builds records in chunks of lines (to bound peak memory); a record
must come out the same whichever chunk its header line, its continuation lines or its system
sentence falls in. The export here is one varied block written many times, so the big parse must
equal the block's parse repeated, with line numbers shifted.
"""
from __future__ import annotations

import pandas as pd
import pytest

from analyzer import load_chat

# 14 lines, 10 records: multi-line posts (one continuation line has a colon and one looks like a
# date), system events (one whose subject contains ": "), media, deleted, edited, an author with
# an empty body, phone-number authors, a line with direction marks.
BLOCK = [
    "05/06/2024, 09:15 - Rina Wulandari: Selamat pagi semua",
    "05/06/2024, 09:16 - Budi Santoso: Promo keripik pedas minggu ini",
    "Harga: 15rb per bungkus",
    "12/06 ambil di toko",
    "Order lewat WA ya",
    "05/06/2024, 09:17 - Rina Wulandari added +62 812-3456-7890",
    '05/06/2024, 09:18 - Budi Santoso changed the subject from "UMKM" to "UMKM: Juni"',
    "05/06/2024, 09:19 - +62 812-3456-7890: <Media omitted>",
    "05/06/2024, 09:20 - Sari: This message was deleted",
    "05/06/2024, 09:21 - Sari: harga naik <This message was edited>",
    "05/06/2024, 09:22 - Dewi:",
    "pesan di baris berikutnya",
    "05/06/2024, 09:23 - \u200e+62 857-1111-2222 left",
    "05/06/2024, 09:24 - Budi Santoso: oke siap",
]
RECORDS_PER_BLOCK = 10


@pytest.mark.parametrize("newline", ["\n", "\r\n"])
def test_many_chunks_parse_like_one_block_repeated(newline: str) -> None:
    repeats = 20_000  # 280,000 lines: more than one chunk of 2**18 lines
    one = load_chat((newline.join(BLOCK) + newline).encode("utf-8")).messages
    assert len(one) == RECORDS_PER_BLOCK
    big_chat = load_chat((newline.join(BLOCK * repeats) + newline).encode("utf-8"))
    big = big_chat.messages
    assert len(big) == RECORDS_PER_BLOCK * repeats

    expected = pd.concat([one] * repeats, ignore_index=True)
    expected["line"] = one["line"].tolist() * repeats + (
        pd.Series(range(repeats)).repeat(RECORDS_PER_BLOCK).to_numpy() * len(BLOCK))
    pd.testing.assert_frame_equal(big, expected)
    assert big_chat.format.n_lines == len(BLOCK) * repeats
    assert big_chat.format.language == "en"
    assert (big.kind.value_counts().to_dict()
            == {k: v * repeats for k, v in one.kind.value_counts().to_dict().items()})


def test_block_itself_is_parsed_as_written() -> None:
    """The block's own parse, which the test above multiplies, is right."""
    m = load_chat("\n".join(BLOCK).encode("utf-8")).messages
    assert m.kind.tolist() == ["text", "text", "system", "system", "media", "deleted", "text", "text",
                               "system", "text"]
    assert m.text[1] == "Promo keripik pedas minggu ini\nHarga: 15rb per bungkus\n12/06 ambil di toko\nOrder lewat WA ya"
    assert m.event.tolist()[2:4] == ["add", "subject"] and m.event_target[3] == "UMKM: Juni"
    assert m.author[4] == "+62 812-3456-7890" and m.author[7] == "Dewi"
    assert m.text[7] == "\npesan di baris berikutnya"
    assert m.edited.tolist() == [False] * 6 + [True] + [False] * 3 and m.text[6] == "harga naik"
    assert m.event[8] == "leave" and m.event_actor[8] == "+62 857-1111-2222"
    assert m.line.tolist() == [1, 2, 6, 7, 8, 9, 10, 11, 13, 14]
