"""The `wa-analyzer` command line. Thin shell: argument parsing, calling the library, writing files.

Every subcommand reports bad input as one line on stderr with exit code 2, never a traceback.
"""
from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from analyzer import __version__
from analyzer.errors import ChatFormatError

EXIT_BAD_INPUT = 2


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


def _add_chat_options(p: argparse.ArgumentParser) -> None:
    p.add_argument("--date-order", choices=["DMY", "MDY", "YMD"], type=str.upper,
                   help="override the detected day/month order")
    p.add_argument("--year", type=int, help="year for legacy exports whose dates carry none")
    p.add_argument("--exporter", help="display name of the person who exported the chat "
                                      "(system lines call them 'You'/'Anda')")


def add_merge_options(p: argparse.ArgumentParser) -> None:
    """--tz and --aliases, for every command that reads chats (several CHAT paths are merged)."""
    p.add_argument("--tz", metavar="ZONE",
                   help="time zone of the exporting phone's clock: an IANA name (Asia/Jakarta) or WIB, WITA, "
                        "WIT; one for all files or a comma-separated list, one per file. Without it, times "
                        "are the local time of the exporting phone")
    p.add_argument("--aliases", metavar="FILE",
                   help="two-column file (alias,canonical; CSV or TSV) naming one person written two ways")


def chat_load_kwargs(args: argparse.Namespace) -> dict:
    """`load_chat` arguments for the CHAT path(s), --tz and --aliases of parsed arguments."""
    chats = args.chat if isinstance(args.chat, (list, tuple)) else [args.chat]
    tz = getattr(args, "tz", None)
    zones = [z.strip() for z in tz.split(",")] if tz else None
    return {
        "source": list(chats) if len(chats) > 1 else chats[0],
        "tz": (zones[0] if len(zones) == 1 else zones) if zones else None,
        "aliases": getattr(args, "aliases", None),
    }


def load_from_args(args: argparse.Namespace):
    from analyzer.chat.parse import load_chat
    kw = chat_load_kwargs(args)
    return load_chat(kw.pop("source"), date_order=args.date_order, year=args.year, exporter=args.exporter, **kw)


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


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="wa-analyzer",
        description="Turn an exported WhatsApp group chat into evidence about information sharing.")
    parser.add_argument("--version", action="version", version=f"wa-analyzer {__version__}")
    sub = parser.add_subparsers(dest="command", required=True)

    p = sub.add_parser("parse", help="parse an export and write the message table")
    p.add_argument("chat", nargs="+", help="the exported chat: .txt or .zip; several exports of one group "
                                           "are merged (overlap de-duplicated)")
    p.add_argument("--out", help="write the message table to FILE.csv, .parquet or .jsonl")
    _add_chat_options(p)
    add_merge_options(p)
    from analyzer.cli.privacy import add_privacy_options
    add_privacy_options(p)
    p.set_defaults(func=cmd_parse)

    from analyzer.cli.analyze import add_parser as add_analyze_parser
    add_analyze_parser(sub)
    from analyzer.corpus import add_parser as add_corpus_parser
    add_corpus_parser(sub)
    from analyzer.cli.classify import add_parser as add_classify_parsers
    add_classify_parsers(sub)  # sample, evaluate (issue 4)
    return parser


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    args._argv = list(sys.argv[1:] if argv is None else argv)  # recorded in corpus manifest.json
    try:
        return int(args.func(args) or 0)
    except ChatFormatError as exc:
        print(f"wa-analyzer: {exc}", file=sys.stderr)
        return EXIT_BAD_INPUT
    except OSError as exc:
        # "cannot write 'x/messages.csv': No space left on device" — the path that failed.
        where = f" {str(exc.filename)!r}" if exc.filename else ""
        print(f"wa-analyzer: cannot read or write{where}: {exc.strerror or exc}", file=sys.stderr)
        return EXIT_BAD_INPUT
    except ValueError as exc:
        print(f"wa-analyzer: {exc}", file=sys.stderr)
        return EXIT_BAD_INPUT
    except KeyboardInterrupt:
        return 130


if __name__ == "__main__":
    sys.exit(main())
