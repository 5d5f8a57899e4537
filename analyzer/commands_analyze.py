"""`wa-analyzer analyze CHAT --out DIR`: the report files, from the same `analyze()` as the API.

Writes DIR/report.json (`Report.to_dict()`), DIR/messages.csv (the message table plus `turn`,
`reply_to`, `latency_s`, `answered`) and DIR/members.csv (one row per member). Bad input gives one
line on stderr and exit code 2, never a traceback.
"""
from __future__ import annotations

from .argtypes import non_negative_int, positive_int, window_date

import argparse
import dataclasses
import sys
from pathlib import Path

EXIT_BAD_INPUT = 2


def _quiet_hours(value: str) -> tuple[int, int] | str:
    if value == "profile":
        return value
    try:
        a, b = value.split("-")
        return int(a), int(b)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected START-END hours such as 22-5, or 'profile', not {value!r}") from None




def write_csv(df, path: Path) -> None:
    """CSV via Arrow (about 3x faster than pandas for a million rows); times as ISO 8601 seconds."""
    import pyarrow as pa
    import pyarrow.compute as pc
    import pyarrow.csv as pcsv

    from .csvsafe import neutralise_array

    table = pa.Table.from_pandas(df, preserve_index=False)
    cols = []
    for col in table.columns:
        if pa.types.is_timestamp(col.type):
            col = pc.strftime(col.cast(pa.timestamp("s"), safe=False), format="%Y-%m-%dT%H:%M:%S")
        cols.append(neutralise_array(col))  # no spreadsheet formulas from chat text (issue 7)
    pcsv.write_csv(pa.table(cols, names=table.column_names), path)


def _minutes(value: str) -> float:
    try:
        v = float(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected minutes such as 5, 15, 30 or 60, not {value!r}") from None
    if not v >= 0 or v == float("inf"):
        raise argparse.ArgumentTypeError(f"expected a non-negative number of minutes, not {value}")
    return v


def write_network(network, out: Path) -> None:
    """DIR/edges.csv, DIR/network.graphml and DIR/network.gexf (Gephi) from the report's network."""
    import networkx as nx

    from .metrics.network import edge_table, export_graph

    write_csv(edge_table(network), out / "edges.csv")
    from .xmltext import xml_safe_graph

    g = xml_safe_graph(export_graph(network))  # control characters cannot be written in XML
    nx.write_graphml(g, out / "network.graphml")
    nx.write_gexf(g, out / "network.gexf")


def add_parser(subparsers: argparse._SubParsersAction) -> argparse.ArgumentParser:
    """Register the `analyze` subcommand on an argparse subparsers object."""
    p = subparsers.add_parser(
        "analyze",
        help="compute participation, latency and activity metrics and write report files",
        description="Analyse a WhatsApp group export: poster concentration, response latency, activity. "
                    "Writes DIR/report.json, DIR/messages.csv and DIR/members.csv.",
    )
    p.add_argument("chat", nargs="+", help="the exported chat (.txt or .zip); several exports of one group are "
                                           "merged (overlap de-duplicated)")
    p.add_argument("--out", required=True, metavar="DIR", help="folder for report.json, messages.csv, members.csv")
    p.add_argument("--start", metavar="DATE", help="first day of the window (YYYY-MM-DD)")
    p.add_argument("--end", metavar="DATE", help="last day of the window, included (YYYY-MM-DD)")
    g = p.add_mutually_exclusive_group()
    g.add_argument("--members", type=positive_int, metavar="N",
                   help="total group size (silent members = N - posters)")
    g.add_argument("--roster", metavar="FILE", help="text or CSV file with one member name per line")
    p.add_argument("--json", action="store_true", help="also print the report to stdout")
    p.add_argument("--date-order", choices=["DMY", "MDY", "YMD"], type=str.upper,
                   help="override the detected day/month order")
    p.add_argument("--year", type=int, help="year for legacy exports without years")
    p.add_argument("--exporter", metavar="NAME", help="display name of the person who exported the chat")
    p.add_argument("--tau-burst", type=float, default=None, metavar="S", help="turn gap in seconds (default 300)")
    p.add_argument("--reply-window", type=float, default=None, metavar="S",
                   help="reply edge window in seconds (default 1800)")
    p.add_argument("--censor-limit", type=float, default=None, metavar="S",
                   help="latencies above this are unanswered (default 86400)")
    p.add_argument("--quiet-hours", type=_quiet_hours, default=None, metavar="H-H|profile",
                   help="do not count these hours in latencies, e.g. 22-5, or 'profile' (default off)")
    p.add_argument("--seed", type=non_negative_int, default=None, help="seed for bootstrap and null draws (default 0)")
    p.add_argument("--delta", type=_minutes, default=None, metavar="MINUTES",
                   help="reply window Δ of the interaction network in minutes (default 30; compare 5, 15, 30, 60: "
                        "the report records the one used). Same as --reply-window in seconds")
    p.add_argument("--w-weak", type=float, default=None, metavar="W",
                   help="a tie with at most W replies/mentions in both directions is weak (default 2)")
    from .commands_classify import add_classifier_options
    add_classifier_options(p)  # --lexicon, --model, --no-classify (issue 4)
    from .export_cli import add_export_arguments
    add_export_arguments(p)  # --charts, --lang, --chart-size, --no-report (issue 7)
    from .cli import add_merge_options

    add_merge_options(p)
    from .privacy_cli import add_privacy_options
    add_privacy_options(p)  # --anonymize, --key-file, --metadata-only (issue 7)
    p.set_defaults(func=run)
    return p


def run(args: argparse.Namespace) -> int:
    """Run `analyze` for parsed arguments; returns the exit code."""
    from . import ChatFormatError, load_chat
    from .report import AnalysisParameterError, analyze, read_roster

    try:
        for flag, value in (("--start", args.start), ("--end", args.end)):
            if value is not None:
                try:
                    window_date(value)  # a one-line error naming the flag, before any reading
                except argparse.ArgumentTypeError as e:
                    raise AnalysisParameterError(f"{flag}: {e}") from None
        roster = read_roster(args.roster) if args.roster else None
        from .cli import chat_load_kwargs

        kw = chat_load_kwargs(args)
        chat = load_chat(kw.pop("source"), date_order=args.date_order, year=args.year, exporter=args.exporter, **kw)
        from .commands_classify import classifier_kwargs
        from .privacy_cli import apply_privacy
        ckw = classifier_kwargs(args)
        if ckw.get("classify", True) and (getattr(args, "anonymize", False) or getattr(args, "key_file", None)
                                          or getattr(args, "metadata_only", False)):
            # Classify on the real text first: pseudonyms and dropped text would hide the phone
            # numbers, prices and links the classifier reads. The category columns survive
            # pseudonymisation; analyze() then uses them as given.
            from .categorise import categorise, load_classifier
            lex, model, _ = load_classifier(lexicon=ckw.get("lexicon"), model=ckw.get("model"))
            cats = categorise(chat.messages, lexicon=lex, model=model)
            chat = dataclasses.replace(chat, messages=chat.messages.assign(
                category=cats["category"].to_numpy(), category_reason=cats["category_reason"].to_numpy()))
            ckw = {"classify": False}
        # Pseudonymise before any metric: every output below only ever sees pseudonyms.
        chat, roster = apply_privacy(args, chat, roster, out_dirs=[args.out])
        params = {k: v for k, v in {
            "tau_burst_s": args.tau_burst, "reply_window_s": args.reply_window,
            "censor_limit_s": args.censor_limit, "quiet_hours": args.quiet_hours, "seed": args.seed,
        }.items() if v is not None}
        if args.delta is not None:
            if args.reply_window is not None and args.reply_window != args.delta * 60:
                raise AnalysisParameterError("give the reply window once: --delta (minutes) or --reply-window (seconds)")
            params["reply_window_s"] = args.delta * 60
        if args.w_weak is not None:
            params["w_weak"] = args.w_weak
        params.update(ckw)
        report = analyze(chat, start=args.start, end=args.end, members=args.members, roster=roster, **params)
        if (args.start or args.end) and not report.window.get("n_messages"):
            w = report.window
            span = (f"; the chat runs from {str(w.get('export_first') or w.get('first_record'))[:10]} to "
                    f"{str(w.get('export_last') or w.get('last_record'))[:10]}"
                    if (w.get("export_first") or w.get("first_record")) else "")
            raise AnalysisParameterError(
                f"no messages between --start {args.start or '(first day)'} and --end {args.end or '(last day)'}"
                f"{span}; nothing was written")
    except (ChatFormatError, AnalysisParameterError) as e:
        print(f"wa-analyzer analyze: error: {e}", file=sys.stderr)
        return EXIT_BAD_INPUT
    # What the parser had to assume or replace (bytes, skipped lines, the year, an encoding): on
    # the terminal, not only inside report.json. From the pseudonymised chat: no name in them.
    for w in chat.format.warnings:
        print(f"wa-analyzer analyze: warning: {w}", file=sys.stderr)
    out = Path(args.out)
    from .export_cli import run_exports
    from .safewrite import StagedFolder

    text = report.to_json()
    # Everything is written into a hidden folder inside DIR and moved into place only when all of
    # it was written: a failed write (disk full, a file in the way) leaves no half-written output.
    try:
        with StagedFolder(out) as stage:
            (stage.path / "report.json").write_text(text + "\n", encoding="utf-8")
            write_csv(report.messages, stage.path / "messages.csv")
            write_csv(report.members, stage.path / "members.csv")
            if report.network is not None:
                write_network(report.network, stage.path)
            if not run_exports(args, report.to_dict(), stage.path, shown=out):
                stage.discard()
                return EXIT_BAD_INPUT
    except OSError as e:
        print(f"wa-analyzer analyze: error: cannot write {StagedFolder.shown_path(e, out)!r}: {e.strerror or e}; "
              f"nothing was written to {str(out)!r}", file=sys.stderr)
        return EXIT_BAD_INPUT
    if args.json:
        sys.stdout.write(text + "\n")
    else:
        w = report.window
        print(f"{w['n_messages']:,} messages, {report.participation.n_posters} posters, "
              f"{w['n_turns']:,} turns -> {out}/report.json, messages.csv, members.csv", file=sys.stderr)
    return 0


def main(argv: list[str] | None = None) -> int:
    """Stand-alone entry point (`python -m analyzer.commands_analyze CHAT --out DIR`)."""
    parser = argparse.ArgumentParser(prog="wa-analyzer")
    sub = parser.add_subparsers(dest="command", required=True)
    add_parser(sub)
    args = parser.parse_args(["analyze", *(sys.argv[1:] if argv is None else argv)])
    return args.func(args)


if __name__ == "__main__":
    raise SystemExit(main())
