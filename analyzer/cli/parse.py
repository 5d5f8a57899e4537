"""``wa-analyzer parse``: read an export, print what was found and write the message table."""
from __future__ import annotations

import argparse
import os
from pathlib import Path

from analyzer.cli.inputs import add_chat_options, add_merge_options, load_from_args
from analyzer.errors import ChatFormatError


def write_table(df, path: Path) -> None:
    """Write a DataFrame as CSV, Parquet or JSON Lines, chosen by the file extension."""
    suffix = path.suffix.lower()
    if suffix not in (".csv", ".parquet", ".jsonl", ".ndjson"):
        raise ChatFormatError(f"Unknown output type {suffix or '(none)'} for {path}: use .csv, .parquet or .jsonl.")
    path.parent.mkdir(parents=True, exist_ok=True)
    if path.is_dir():
        raise IsADirectoryError(21, "a folder of that name is in the way", str(path))
    # Written next to the target and renamed at the end: a failed write leaves no half a table.
    partial = path.with_name(f".{path.name}.partial")
    try:
        if suffix == ".csv":
            df.to_csv(partial, index=False)
        elif suffix == ".parquet":
            df.to_parquet(partial, index=False)
        else:
            df.to_json(partial, orient="records", lines=True, date_format="iso", force_ascii=False)
        os.replace(partial, path)
    except BaseException:
        partial.unlink(missing_ok=True)
        raise


def summary_lines(chat) -> list[str]:
    """A short human-readable summary of a parsed chat."""
    from analyzer.chat.merge import wall_clock

    chat = wall_clock(chat)  # times as read in the chat's zone (the line "times:" names it)
    m = chat.messages
    user = m[m["kind"] != "system"]
    fmt = chat.format
    period = (f"{m['timestamp'].min():%Y-%m-%d %H:%M} to {m['timestamp'].max():%Y-%m-%d %H:%M}"
              if len(m) else "-")
    kinds = ", ".join(f"{k} {v:,}" for k, v in m["kind"].value_counts().items())
    order = fmt.date_order + (" (ambiguous: " + fmt.date_order_reason + ")" if fmt.date_order_ambiguous else "")
    lines = [
        f"source:   {fmt.source or '-'}",
        f"messages: {len(user):,} from {user['author'].nunique():,} authors ({len(m):,} records: {kinds})",
        f"members:  {len(chat.members):,} (posted or named in a membership event)",
        f"period:   {period}",
        f"format:   {fmt.platform}, {order}, {fmt.clock}{', seconds' if fmt.seconds else ''}, "
        f"language {fmt.language}",
    ]
    from analyzer.chat.merge import LOCAL_TIME, likely_duplicates
    lines.append(f"times:    {chat.tz or LOCAL_TIME}")
    prov = getattr(chat, "provenance", None)
    if prov is not None:
        for row in prov.itertuples(index=False):
            gap = "" if row.gap_before_s != row.gap_before_s else (  # NaN: the earliest export
                f", {'gap' if row.gap_before_s > 0 else 'overlap'} {abs(row.gap_before_s) / 86400:.1f} days before it")
            lines.append(f"file:     {row.file}: {row.first:%Y-%m-%d %H:%M} to {row.last:%Y-%m-%d %H:%M}, "
                         f"{row.records:,} records, {row.duplicates:,} duplicates{gap}")
    for d in likely_duplicates(chat):
        lines.append(f"same person? '{d['a']}' and '{d['b']}': {d['reason']}")
    lines += [f"warning:  {w}" for w in fmt.warnings]
    return lines


def cmd_parse(args: argparse.Namespace) -> int:
    from analyzer.cli.privacy import apply_privacy
    chat, _ = apply_privacy(args, load_from_args(args))  # before anything is printed or written
    for line in summary_lines(chat):
        print(line)
    if args.out:
        write_table(chat.messages, Path(args.out))
        print(f"wrote {len(chat.messages):,} rows to {args.out}")
    return 0


def add_parser(subparsers: argparse._SubParsersAction) -> argparse.ArgumentParser:
    """Register the `parse` subcommand."""
    p = subparsers.add_parser("parse", help="parse an export and write the message table")
    p.add_argument("chat", nargs="+", help="the exported chat: .txt or .zip; several exports of one group "
                                           "are merged (overlap de-duplicated)")
    p.add_argument("--out", help="write the message table to FILE.csv, .parquet or .jsonl")
    add_chat_options(p)
    add_merge_options(p)
    from analyzer.cli.privacy import add_privacy_options
    add_privacy_options(p)
    p.set_defaults(func=cmd_parse)
    return p
