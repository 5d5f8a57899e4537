"""Which export shapes the parser meets in a folder of real exports (not a speed benchmark).

    python benchmarks/formats_survey.py /work/realdata/exports [--top 40]

Reads every .txt/.zip under the folder (nothing is copied or written), parses it with
`analyzer.load_chat` and counts files by platform, header shape, clock, seconds and system-text
language, plus files that did not parse, parsed with unparsed header-like lines, or had an
ambiguous day/month order. docs/formats.md quotes the figures of one run.
"""
from __future__ import annotations

import argparse
import collections
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from analyzer import ChatFormatError, load_chat  # noqa: E402


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("folder", type=Path)
    ap.add_argument("--top", type=int, default=40, help="rows of the shape table to print")
    args = ap.parse_args()
    files = sorted(p for p in args.folder.rglob("*") if p.is_file() and p.suffix.lower() in (".txt", ".zip"))
    shapes: collections.Counter = collections.Counter()
    langs: collections.Counter = collections.Counter()
    failed: list[str] = []
    unparsed = ambiguous = records = 0
    for p in files:
        try:
            chat = load_chat(p)
        except ChatFormatError as e:
            failed.append(f"{p.relative_to(args.folder)}: {e}")
            continue
        f = chat.format
        shapes[(f.platform, f.header_shape, f.clock, "s" if f.seconds else "min", f.date_order)] += 1
        langs[f.language or "?"] += 1
        unparsed += bool(f.unparsed_headers)
        ambiguous += bool(f.date_order_ambiguous)
        records += f.n_records
    ok = len(files) - len(failed)
    print(f"{len(files)} files, {ok} parsed ({records:,} records), {len(failed)} not an export")
    print(f"{unparsed} with header-like lines that did not parse, {ambiguous} with an ambiguous day/month order")
    print("system-text language:", ", ".join(f"{k} {v}" for k, v in langs.most_common()))
    print("files | platform | header shape | clock | resolution | date order")
    for (plat, shape, clock, res, order), n in shapes.most_common(args.top):
        print(f"{n} | {plat} | {shape} | {clock} | {res} | {order}")
    for line in failed:
        print("not parsed:", line)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
