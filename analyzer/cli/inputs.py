"""How a command reads its chats: the CHAT paths and their format, time-zone and merge flags."""
from __future__ import annotations

import argparse

EXIT_BAD_INPUT = 2  # the exit code of every error the user can fix


def add_chat_options(p: argparse.ArgumentParser) -> None:
    """--date-order, --year and --exporter: how to read the dates and the "You" of an export."""
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
