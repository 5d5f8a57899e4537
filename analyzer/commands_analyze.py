"""`wa-analyzer analyze CHAT --out DIR`: the report files, from the same `analyze()` as the API.

Writes into DIR (`OUTPUT_FILES` lists them, and the console summary names the ones written):
report.json (`Report.to_dict()`), messages.csv (the message table plus `category`,
`category_reason`, `turn`, `reply_to`, `latency_s`, `answered`), members.csv (one row per member),
edges.csv, network.graphml and network.gexf (the interaction network), report.html and report.pdf
(unless --no-report), and charts/NAME.EXT (with --charts). Bad input gives one line on stderr and
exit code 2, never a traceback. Each CSV holds exact values
(`--excel-safe` neutralises formulas) and has an .xlsx copy beside it (`analyzer.spreadsheet`).
"""
from __future__ import annotations

from .argtypes import positive_int

import argparse
import dataclasses
import sys
from pathlib import Path

EXIT_BAD_INPUT = 2

OUTPUT_FILES: tuple[tuple[str, str], ...] = (
    ("report.json", "every number, with every parameter used and the tool version"),
    ("messages.csv", "the message table plus category, category_reason, turn, reply_to, latency_s, answered"),
    ("members.csv", "one row per member: messages, characters, turns, active days, response times"),
    ("edges.csv", "the interaction network, one row per tie"),
    ("messages.xlsx", "messages.csv for spreadsheets, text stored as text (not with --no-xlsx; "
     "tables over 200,000 rows only with --xlsx)"),
    ("members.xlsx", "members.csv for spreadsheets"),
    ("edges.xlsx", "edges.csv for spreadsheets"),
    ("network.graphml", "the interaction network for Gephi and other graph tools"),
    ("network.gexf", "the same network in Gephi's own format"),
    ("report.html", "a self-contained report: summary, charts, tables, parameters (not with --no-report)"),
    ("report.pdf", "the same report as PDF (not with --no-report; needs the chromium browser)"),
    ("charts/NAME.EXT", "every chart in the formats given with --charts"),
)
"""Every file `analyze` can write into DIR, with one line each; `--help` prints this list."""


def _files_epilog() -> str:
    width = max(len(name) for name, _ in OUTPUT_FILES)
    return "files written into DIR:\n" + "\n".join(f"  {name:<{width}}  {what}" for name, what in OUTPUT_FILES)


def written_summary(out: Path, paths: list[Path]) -> str:
    """The files of `paths` (all inside `out`) as one short list in the order written: top-level
    files by name, a folder (charts/) by its name and number of files."""
    entries: dict[str, int] = {}  # name -> files (0 for a plain file); dicts keep insertion order
    for path in paths:
        rel = Path(path).relative_to(out)
        key = f"{rel.parts[0]}/" if len(rel.parts) > 1 else rel.name
        entries[key] = entries.get(key, 0) + (len(rel.parts) > 1)
    return ", ".join(f"{k} ({n} files)" if k.endswith("/") else k for k, n in entries.items())


def _quiet_hours(value: str) -> tuple[int, int] | str:
    if value == "profile":
        return value
    try:
        a, b = value.split("-")
        return int(a), int(b)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected START-END hours such as 22-5, or 'profile', not {value!r}") from None




def write_csv(df, path: Path, *, excel_safe: bool = False) -> None:
    """CSV with every value exact (`analyzer.spreadsheet.write_csv`); excel_safe neutralises formulas."""
    from .spreadsheet import write_csv as _write

    _write(df, path, excel_safe=excel_safe)


def write_table(df, out: Path, name: str, args: argparse.Namespace | None = None) -> list[Path]:
    """DIR/NAME.csv (exact values; `--excel-safe`: formulas neutralised) and, unless `--no-xlsx`,
    DIR/NAME.xlsx for spreadsheet users (text cells, never formulas). Returns the files written."""
    write_csv(df, out / f"{name}.csv", excel_safe=bool(getattr(args, "excel_safe", False)))
    written = [out / f"{name}.csv"]
    if getattr(args, "no_xlsx", False):
        return written
    from .i18n import t
    from .spreadsheet import XLSX_AUTO_MAX_ROWS, write_xlsx

    lang = getattr(args, "lang", None) or "id"
    if len(df) > XLSX_AUTO_MAX_ROWS and not getattr(args, "xlsx", False):
        # about 10-20 s per 100,000 rows: large tables only on request
        print(f"wa-analyzer analyze: {t('xlsx_skipped_large', lang, name=name, rows=len(df))}", file=sys.stderr)
    elif not write_xlsx(df, out / f"{name}.xlsx", sheet=name):
        print(f"wa-analyzer analyze: {t('xlsx_too_long', lang, name=name, rows=len(df))}", file=sys.stderr)
    else:
        written.append(out / f"{name}.xlsx")
    return written


def _minutes(value: str) -> float:
    try:
        v = float(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected minutes such as 5, 15, 30 or 60, not {value!r}") from None
    if not v >= 0 or v == float("inf"):
        raise argparse.ArgumentTypeError(f"expected a non-negative number of minutes, not {value}")
    return v


def write_network(network, out: Path, args: argparse.Namespace | None = None) -> list[Path]:
    """DIR/edges.csv (and .xlsx), DIR/network.graphml and DIR/network.gexf (Gephi) from the report's
    network. Returns the files written."""
    import networkx as nx

    from .metrics.network import edge_table, export_graph

    written = write_table(edge_table(network), out, "edges", args)
    g = export_graph(network)
    nx.write_graphml(g, out / "network.graphml")
    nx.write_gexf(g, out / "network.gexf")
    return [*written, out / "network.graphml", out / "network.gexf"]


def add_parser(subparsers: argparse._SubParsersAction) -> argparse.ArgumentParser:
    """Register the `analyze` subcommand on an argparse subparsers object."""
    p = subparsers.add_parser(
        "analyze",
        help="compute participation, latency and activity metrics and write report files",
        description="Analyse a WhatsApp group export: poster concentration, response latency, activity, "
                    "information sharing and the interaction network. Writes the files listed below into DIR.",
        epilog=_files_epilog(),
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    p.add_argument("chat", nargs="+", help="the exported chat (.txt or .zip); several exports of one group are "
                                           "merged (overlap de-duplicated)")
    p.add_argument("--out", required=True, metavar="DIR", help="folder for the files listed below (created if missing)")
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
    p.add_argument("--seed", type=int, default=None, help="seed for bootstrap and null draws (default 0)")
    p.add_argument("--delta", type=_minutes, default=None, metavar="MINUTES",
                   help="reply window Δ of the interaction network in minutes (default 30; compare 5, 15, 30, 60: "
                        "the report records the one used). Same as --reply-window in seconds")
    p.add_argument("--w-weak", type=float, default=None, metavar="W",
                   help="a tie with at most W replies/mentions in both directions is weak (default 2)")
    p.add_argument("--excel-safe", action="store_true",
                   help="CSVs meant for a spreadsheet: put ' before cells starting with = + - @ so they never run "
                        "as formulas (changes those values; the .xlsx files are safe without it)")
    xg = p.add_mutually_exclusive_group()
    xg.add_argument("--no-xlsx", action="store_true", help="do not write the .xlsx copies of the CSV tables")
    xg.add_argument("--xlsx", action="store_true",
                    help="write the .xlsx copies also for tables above 200,000 rows (slow: about 10-20 s per 100,000)")
    p.add_argument("--split", action="store_true",
                   help="a file of several exports pasted together: analyse each part on its own, "
                        "into DIR/part-1, DIR/part-2, ...")
    p.add_argument("--exclude-bots", action="store_true",
                   help="leave known bot accounts (such as Meta AI) out of every metric")
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
    from .report import AnalysisParameterError, read_roster

    try:
        roster = read_roster(args.roster) if args.roster else None
        from .cli import chat_load_kwargs

        kw = chat_load_kwargs(args)
        chat = load_chat(kw.pop("source"), date_order=args.date_order, year=args.year, exporter=args.exporter, **kw)
    except (ChatFormatError, AnalysisParameterError) as e:
        print(f"wa-analyzer analyze: error: {e}", file=sys.stderr)
        return EXIT_BAD_INPUT
    from .parts import find_parts, split_chat

    starts = find_parts(chat)
    if starts and not getattr(args, "split", False):
        from .i18n import t

        print(f"wa-analyzer analyze: {t('pasted_exports', getattr(args, 'lang', None) or 'id', parts=len(starts) + 1, lines=', '.join(str(p.line) for p in starts))}",
              file=sys.stderr)
    if getattr(args, "split", False) and starts:
        parts = split_chat(chat)
        if len(parts) > 1:
            # One analysis per pasted export, each in its own subfolder DIR/part-1, DIR/part-2, ...
            codes = []
            for i, part in enumerate(parts, start=1):
                sub = argparse.Namespace(**{**vars(args), "out": str(Path(args.out) / f"part-{i}"), "split": False})
                codes.append(_analyse(sub, part, roster))
            return max(codes)
    return _analyse(args, chat, roster)


def _analyse(args: argparse.Namespace, chat, roster) -> int:
    """Analyse one parsed chat and write the report files to args.out (exit code)."""
    from . import ChatFormatError
    from .report import AnalysisParameterError, analyze

    try:
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
            ckw = {"classify": False, **({"labels": ckw["labels"]} if "labels" in ckw else {})}
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
        if getattr(args, "exclude_bots", False):
            params["exclude_bots"] = True
        params.update(ckw)
        report = analyze(chat, start=args.start, end=args.end, members=args.members, roster=roster, **params)
    except (ChatFormatError, AnalysisParameterError) as e:
        print(f"wa-analyzer analyze: error: {e}", file=sys.stderr)
        return EXIT_BAD_INPUT
    out = Path(args.out)
    written: list[Path] = []
    try:
        out.mkdir(parents=True, exist_ok=True)
        text = report.to_json()
        (out / "report.json").write_text(text + "\n", encoding="utf-8")
        written.append(out / "report.json")
        written += write_table(report.messages, out, "messages", args)
        written += write_table(report.members, out, "members", args)
        if report.network is not None:
            written += write_network(report.network, out, args)
    except OSError as e:
        print(f"wa-analyzer analyze: error: cannot write to {str(out)!r}: {e.strerror or e}", file=sys.stderr)
        return EXIT_BAD_INPUT
    views = None
    if getattr(args, "members_of_interest", None):
        from .metrics.member_views import member_views

        known = set(report.members["member"].astype(str))
        unknown = [m for m in args.members_of_interest if m not in known]
        if unknown:
            print(f"wa-analyzer analyze: error: --members-of-interest: not a member of this chat: "
                  f"{', '.join(repr(m) for m in unknown)} (names as in members.csv; pseudonyms with --anonymize)",
                  file=sys.stderr)
            return EXIT_BAD_INPUT
        import json

        views = member_views(report.messages, args.members_of_interest)
        (out / "member_views.json").write_text(json.dumps(views, ensure_ascii=False, indent=1) + "\n",
                                               encoding="utf-8")
    from .export_cli import run_exports
    if not run_exports(args, report.to_dict(), out, written=written, member_views=views):
        return EXIT_BAD_INPUT
    if args.json:
        sys.stdout.write(text + "\n")
    else:
        w = report.window
        print(f"{w['n_messages']:,} messages, {report.participation.n_posters} posters, "
              f"{w['n_turns']:,} turns -> {out}: {written_summary(out, written)}", file=sys.stderr)
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
