"""`wa-analyzer analyze CHAT --out DIR`: the report files, from the same `analyze()` as the API.

Writes into DIR (`OUTPUT_FILES` lists them, and the console summary names the ones written):
report.json (`Report.to_dict()`), messages.csv (the message table plus `category`,
`category_reason`, `turn`, `reply_to`, `latency_s`, `answered`), members.csv (one row per member),
edges.csv, network.graphml and network.gexf (the interaction network), report.html and report.pdf
(unless --no-report), and charts/NAME.EXT (with --charts). Bad input gives one line on stderr and
exit code 2, never a traceback. Each CSV holds exact values
(`--excel-safe` neutralises formulas) and has an .xlsx copy beside it (`analyzer.outputs.spreadsheet`).
"""
from __future__ import annotations

from analyzer.cli.argtypes import window_date

import argparse
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
    ("member_views.json", "the per-member views' numbers (with --members-of-interest)"),
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


def write_csv(df, path: Path, *, excel_safe: bool = False) -> None:
    """CSV with every value exact (`analyzer.outputs.spreadsheet.write_csv`); excel_safe neutralises formulas."""
    from analyzer.outputs.spreadsheet import write_csv as _write

    _write(df, path, excel_safe=excel_safe)


def write_table(df, out: Path, name: str, args: argparse.Namespace | None = None) -> list[Path]:
    """DIR/NAME.csv (exact values; `--excel-safe`: formulas neutralised) and, unless `--no-xlsx`,
    DIR/NAME.xlsx for spreadsheet users (text cells, never formulas). Returns the files written."""
    write_csv(df, out / f"{name}.csv", excel_safe=bool(getattr(args, "excel_safe", False)))
    written = [out / f"{name}.csv"]
    if getattr(args, "no_xlsx", False):
        return written
    from analyzer.i18n import t
    from analyzer.outputs.spreadsheet import XLSX_AUTO_MAX_ROWS, write_xlsx

    lang = getattr(args, "lang", None) or "id"
    if len(df) > XLSX_AUTO_MAX_ROWS and not getattr(args, "xlsx", False):
        # about 10-20 s per 100,000 rows: large tables only on request
        print(f"wa-analyzer analyze: {t('xlsx_skipped_large', lang, name=name, rows=len(df))}", file=sys.stderr)
    elif not write_xlsx(df, out / f"{name}.xlsx", sheet=name):
        print(f"wa-analyzer analyze: {t('xlsx_too_long', lang, name=name, rows=len(df))}", file=sys.stderr)
    else:
        written.append(out / f"{name}.xlsx")
    return written


def write_network(network, out: Path, args: argparse.Namespace | None = None) -> list[Path]:
    """DIR/edges.csv (and .xlsx), DIR/network.graphml and DIR/network.gexf (Gephi) from the report's
    network. Returns the files written."""
    import networkx as nx

    from analyzer.metrics.network import edge_table, export_graph

    written = write_table(edge_table(network), out, "edges", args)
    from analyzer.outputs.xmltext import xml_safe_graph

    g = xml_safe_graph(export_graph(network))  # control characters cannot be written in XML
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
    p.add_argument("--json", action="store_true", help="also print the report to stdout")
    from analyzer.cli.options import add_analysis_options
    add_analysis_options(p, many=False)  # the options `corpus` shares (issue 14)
    from analyzer.cli.classifier_options import add_labels_option
    add_labels_option(p)  # --labels: a hand-coded sample of this chat (issue 12)
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
    from analyzer.cli.export import add_export_arguments
    add_export_arguments(p)  # --charts, --lang, --chart-size, --no-report (issue 7)
    p.set_defaults(func=run)
    return p


def run(args: argparse.Namespace) -> int:
    """Run `analyze` for parsed arguments; returns the exit code."""
    from analyzer import ChatFormatError, load_chat
    from analyzer.cli.options import OptionError, options_from_args
    from analyzer.cli.privacy import pseudonymizer_from_args
    from analyzer.analysis import AnalysisParameterError, read_roster

    try:
        for flag, value in (("--start", args.start), ("--end", args.end)):
            if value is not None:
                try:
                    window_date(value)  # a one-line error naming the flag, before any reading
                except argparse.ArgumentTypeError as e:
                    raise AnalysisParameterError(f"{flag}: {e}") from None
        roster = read_roster(args.roster) if args.roster else None
        pz = pseudonymizer_from_args(args, out_dirs=[args.out])
        opts = options_from_args(args, pseudonymizer=pz)
        from analyzer.cli.inputs import chat_load_kwargs

        source = chat_load_kwargs(args)["source"]  # one export, or several of one group (merged)
        chat = load_chat(source, **opts.load)
    except (ChatFormatError, AnalysisParameterError, OptionError) as e:
        print(f"wa-analyzer analyze: error: {e}", file=sys.stderr)
        return EXIT_BAD_INPUT
    from analyzer.chat.parts import split_chat

    # A file of pasted-together exports: the parse notice (printed with the other warnings) names
    # the lines and suggests --split; with it, each part is analysed on its own.
    if getattr(args, "split", False):
        parts = split_chat(chat)
        if len(parts) > 1:
            # One analysis per pasted export, each in its own subfolder DIR/part-1, DIR/part-2, ...
            codes = []
            for i, part in enumerate(parts, start=1):
                sub = argparse.Namespace(**{**vars(args), "out": str(Path(args.out) / f"part-{i}"), "split": False})
                codes.append(_analyse(sub, part, opts, roster))
            return max(codes)
    return _analyse(args, chat, opts, roster)


def _analyse(args: argparse.Namespace, chat, opts, roster) -> int:
    """Analyse one parsed chat and write the report files to args.out (exit code)."""
    from analyzer import ChatFormatError
    from analyzer.cli.options import OptionError, run_analysis
    from analyzer.analysis import AnalysisParameterError

    try:
        # The same steps as every group of `corpus`: classify, pseudonymise, exclude, analyse.
        report = run_analysis(chat, opts, members=args.members, roster=roster).report
        if (args.start or args.end) and not report.window.get("n_messages"):
            w = report.window
            span = (f"; the chat runs from {str(w.get('export_first') or w.get('first_record'))[:10]} to "
                    f"{str(w.get('export_last') or w.get('last_record'))[:10]}"
                    if (w.get("export_first") or w.get("first_record")) else "")
            raise AnalysisParameterError(
                f"no messages between --start {args.start or '(first day)'} and --end {args.end or '(last day)'}"
                f"{span}; nothing was written")
    except (ChatFormatError, AnalysisParameterError, OptionError) as e:
        print(f"wa-analyzer analyze: error: {e}", file=sys.stderr)
        return EXIT_BAD_INPUT
    out = Path(args.out)
    views = None
    if getattr(args, "members_of_interest", None):
        from analyzer.metrics.member_views import member_views

        known = set(report.members["member"].astype(str))
        unknown = [m for m in args.members_of_interest if m not in known]
        if unknown:
            print(f"wa-analyzer analyze: error: --members-of-interest: not a member of this chat: "
                  f"{', '.join(repr(m) for m in unknown)} (names as in members.csv; pseudonyms with --anonymize)",
                  file=sys.stderr)
            return EXIT_BAD_INPUT
        views = member_views(report.messages, args.members_of_interest)
    # What the parser had to assume or replace (bytes, skipped lines, the year, an encoding): on
    # the terminal, not only inside report.json. From the report: pseudonymised with --anonymize.
    from analyzer.notices import render

    for n in report.notices:  # worded for a command-line reader: the flag, not the Python argument
        if str(getattr(n, "code", "")).startswith(("parse.", "read.")):
            print(f"wa-analyzer analyze: warning: {render(n, 'en', 'cli')}", file=sys.stderr)
    from analyzer.cli.export import run_exports
    from analyzer.outputs.safewrite import StagedFolder

    text = report.to_json()
    staged: list[Path] = []
    # Everything is written into a hidden folder inside DIR and moved into place only when all of
    # it was written: a failed write (disk full, a file in the way) leaves no half-written output.
    try:
        with StagedFolder(out) as stage:
            (stage.path / "report.json").write_text(text + "\n", encoding="utf-8")
            staged.append(stage.path / "report.json")
            staged += write_table(report.messages, stage.path, "messages", args)
            staged += write_table(report.members, stage.path, "members", args)
            if report.network is not None:
                staged += write_network(report.network, stage.path, args)
            if views is not None:
                import json

                (stage.path / "member_views.json").write_text(
                    json.dumps(views, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
                staged.append(stage.path / "member_views.json")
            if not run_exports(args, report.to_dict(), stage.path, written=staged, member_views=views, shown=out):
                stage.discard()
                return EXIT_BAD_INPUT
            written = [out / Path(f).relative_to(stage.path) for f in staged]
    except OSError as e:
        print(f"wa-analyzer analyze: error: cannot write {StagedFolder.shown_path(e, out)!r}: {e.strerror or e}; "
              f"nothing was written to {str(out)!r}", file=sys.stderr)
        return EXIT_BAD_INPUT
    if args.json:
        sys.stdout.write(text + "\n")
    else:
        w = report.window
        print(f"{w['n_messages']:,} messages, {report.participation.n_posters} posters, "
              f"{w['n_turns']:,} turns -> {out}: {written_summary(out, written)}", file=sys.stderr)
    return 0


def main(argv: list[str] | None = None) -> int:
    """Stand-alone entry point (`python -m analyzer.cli.analyze CHAT --out DIR`)."""
    parser = argparse.ArgumentParser(prog="wa-analyzer")
    sub = parser.add_subparsers(dest="command", required=True)
    add_parser(sub)
    args = parser.parse_args(["analyze", *(sys.argv[1:] if argv is None else argv)])
    return args.func(args)


if __name__ == "__main__":
    raise SystemExit(main())
