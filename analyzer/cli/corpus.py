"""``wa-analyzer corpus``: analyse every export in a folder (`analyzer.corpus` does the work)."""
from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from analyzer.analysis.run import OptionError, file_sha256
from analyzer.corpus import ENGINES, analyze_corpus, find_exports, read_group_table


def _group_sizes(args: argparse.Namespace) -> tuple[dict[str, int], dict[str, list[str]], dict | None]:
    """(--members sizes, --roster names, manifest record) of the corpus options."""
    from analyzer.analysis import read_roster

    sizes: dict[str, int] = {}
    rosters: dict[str, list[str]] = {}
    if args.members:
        for k, v in read_group_table(args.members, "members").items():
            try:
                n = int(v)
            except ValueError:
                n = 0
            if n < 1:
                raise OptionError(f"--members: the size of {k!r} must be a whole number of at least 1, not {v!r}")
            sizes[k] = n
        return sizes, rosters, {"option": "--members", "path": str(args.members),
                                "sha256": file_sha256(args.members)}
    if args.roster:
        base = Path(args.roster).parent
        files = {}
        for k, v in read_group_table(args.roster, "roster").items():
            p = Path(v) if Path(v).is_absolute() else base / v
            try:
                rosters[k] = read_roster(p)
            except Exception as e:  # AnalysisParameterError: one sentence naming the file
                raise OptionError(f"--roster: {e}") from None
            files[k] = file_sha256(p)
        return sizes, rosters, {"option": "--roster", "path": str(args.roster), "sha256": file_sha256(args.roster),
                                "roster_sha256": files}
    return sizes, rosters, None


def _jobs(value: str) -> int:
    try:
        v = int(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a number of worker processes, not {value!r}") from None
    if v < 1:
        raise argparse.ArgumentTypeError(f"expected at least 1 worker, not {v}")
    return v


def add_parser(subparsers: argparse._SubParsersAction) -> argparse.ArgumentParser:
    """Register the `corpus` subcommand."""
    from analyzer.cli.options import add_analysis_options

    p = subparsers.add_parser(
        "corpus", help="analyse every export in a folder (many groups) in parallel",
        description="Analyse every WhatsApp export (.txt, .zip) below DIR with the options of 'analyze', in a "
                    "process pool or on a Dask cluster. Writes OUT/groups.csv (+ groups.parquet), OUT/messages/ "
                    "(Parquet, partitioned by group_id), OUT/failures.csv, OUT/member_groups.csv, "
                    "OUT/bridging_members.csv, OUT/member_group_graph.graphml, OUT/manifest.json and "
                    "OUT/schema.json.")
    p.add_argument("dir", metavar="DIR", help="folder with exports (searched recursively)")
    p.add_argument("--out", required=True, metavar="OUT", help="output folder")
    p.add_argument("-j", "--jobs", type=_jobs, default=None, metavar="N",
                   help="worker processes (default: number of CPUs); with --engine dask and no --scheduler, "
                        "the workers of the local Dask cluster")
    p.add_argument("--engine", choices=ENGINES, default="local",
                   help="local: a process pool on this machine (default); dask: a Dask cluster (pip install "
                        "'wa-analyzer[cluster]'). Same results either way")
    p.add_argument("--scheduler", metavar="ADDRESS",
                   help="with --engine dask: address of a running Dask scheduler (tcp://host:8786); without it a "
                        "local dask.distributed cluster is started. Workers must see DIR and OUT (shared filesystem)")
    p.add_argument("--no-progress", action="store_true", help="no progress bar")
    add_analysis_options(p, many=True)  # the options `analyze` has (issue 14)
    p.set_defaults(func=run)
    return p


def _argv_for_manifest(args: argparse.Namespace, pz: Any) -> list[str] | None:
    """The command line as given, with --exclude and --exporter names as pseudonyms when
    pseudonymising (the manifest must name nobody)."""
    argv = list(getattr(args, "_argv", None) or sys.argv[1:])
    if not argv or argv[0] != "corpus":
        return None
    if pz is None:
        return argv
    out, skip = [], False
    for a in argv:
        if skip:
            out.append(pz.name(a))
            skip = False
        elif a in ("--exclude", "--exporter"):
            out.append(a)
            skip = True
        elif a.startswith(("--exclude=", "--exporter=")):
            opt, name = a.split("=", 1)
            out.append(f"{opt}={pz.name(name)}")
        else:
            out.append(a)
    return out


def run(args: argparse.Namespace) -> int:
    """Run `corpus` for parsed arguments; returns the exit code (0 even if some exports failed)."""
    from analyzer.cli.options import options_from_args
    from analyzer.cli.privacy import pseudonymizer_from_args

    out = Path(args.out)
    try:
        paths = find_exports(args.dir, exclude=[out])
    except FileNotFoundError as e:
        print(f"wa-analyzer corpus: error: {e}", file=sys.stderr)
        return 2
    if not paths:
        print(f"wa-analyzer corpus: error: no .txt or .zip exports in {args.dir}", file=sys.stderr)
        return 2
    try:
        if args.scheduler and args.engine != "dask":
            raise OptionError("--scheduler needs --engine dask")
        if args.tz and "," in args.tz:
            raise OptionError("--tz: give one zone for all exports of a corpus (a list is for merging the exports "
                              "of one group with 'analyze')")
        pz = pseudonymizer_from_args(args, out_dirs=[out])
        opts = options_from_args(args, pseudonymizer=pz)
        sizes, rosters, size_record = _group_sizes(args)
        root = Path(args.dir) if Path(args.dir).is_dir() else Path(args.dir).parent
        extra = {"command": _argv_for_manifest(args, pz), "input": {"dir": str(args.dir), "n_exports": len(paths)},
                 "group_sizes": size_record}
        res = analyze_corpus(paths, out, args.jobs, root=root, pseudonymizer=pz, options=opts, members=sizes,
                             rosters=rosters, engine=args.engine, scheduler=args.scheduler,
                             progress=not args.no_progress, manifest_extra=extra)
    except (ValueError, OSError) as e:  # OptionError, a key file inside OUT, unreadable tables
        print(f"wa-analyzer corpus: error: {e}", file=sys.stderr)
        return 2
    n_ok = int(res.groups["error"].isna().sum())
    by = res.bridging["match_by"].value_counts()
    n_warn = int((res.groups["n_warnings"].fillna(0) > 0).sum())
    never = res.manifest.get("exclude_never_matched") or []
    if never:
        print(f"wa-analyzer corpus: warning: --exclude: {len(never)} name(s) matched no member of any group: "
              f"{', '.join(never)}", file=sys.stderr)
    print(f"{n_ok} of {len(res.groups)} exports analysed in {res.seconds:.1f} s"
          f"{f', {len(res.failures)} failed (failures.csv)' if len(res.failures) else ''}"
          f"{f', {n_warn} with warnings (groups.csv, manifest.json)' if n_warn else ''}; "
          f"{len(res.bridging)} members in two or more groups ({int(by.get('phone', 0))} by phone number, "
          f"{int(by.get('display_name', 0))} by display name only) -> {out}", file=sys.stderr)
    return 0
