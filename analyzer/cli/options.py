"""The analysis options of `analyze` and `corpus`, defined once (issue 14).

Both commands register their options with `add_analysis_options` and turn the parsed arguments
into an `AnalysisOptions` with `options_from_args`; both then analyse a chat with `run_analysis`.
So the two commands accept the same options with the same meaning and cannot drift apart. The
only difference is the group size and roster: `analyze` reads one group, so `--members N` is a
number and `--roster FILE` a list of names; `corpus` reads many, so both name a CSV file mapping
each export to its size or roster file (see `analyzer.corpus.read_group_table`).

The steps `run_analysis` takes are described in `analyzer.analysis.run`; the flags map onto them:
--date-order, --year, --exporter, --tz, --aliases (reading); --anonymize, --key-file,
--metadata-only (privacy); --exclude, --exclude-file (members left out); the rest (`analyze()`).
"""
from __future__ import annotations

import argparse
from typing import Any

from analyzer.analysis.run import (  # re-exported: their old home (analyzer.analysis_options)
    Analysis,
    AnalysisOptions,
    OptionError,
    file_sha256,
    member_identities,
    resolve_excluded,
    run_analysis,
)
from analyzer.cli.argtypes import non_negative_int, positive_int


# --------------------------------------------------------------------------------------------
# argparse value types


def quiet_hours(value: str) -> tuple[int, int] | str:
    """'22-5' -> (22, 5); 'profile' as it is."""
    if value == "profile":
        return value
    try:
        a, b = value.split("-")
        return int(a), int(b)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected START-END hours such as 22-5, or 'profile', not {value!r}") from None


def minutes(value: str) -> float:
    """A non-negative, finite number of minutes."""
    try:
        v = float(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected minutes such as 5, 15, 30 or 60, not {value!r}") from None
    if not v >= 0 or v == float("inf"):
        raise argparse.ArgumentTypeError(f"expected a non-negative number of minutes, not {value}")
    return v


# --------------------------------------------------------------------------------------------
# The options


SHARED_OPTIONS = (
    "--date-order", "--year", "--exporter", "--tz", "--aliases", "--start", "--end", "--members", "--roster",
    "--exclude", "--exclude-file", "--exclude-bots", "--tau-burst", "--reply-window", "--delta", "--censor-limit", "--quiet-hours",
    "--seed", "--bootstrap", "--w-weak", "--lexicon", "--model", "--no-classify", "--anonymize", "--key-file",
    "--metadata-only",
)
"""Every option `add_analysis_options` registers (the test checks both commands have exactly these)."""


def add_analysis_options(p: argparse.ArgumentParser, *, many: bool) -> None:
    """Register the shared options on `p`. many=True (corpus): --members and --roster name a CSV
    that maps each export to its size or roster file; many=False (analyze): a number and a roster."""
    g = p.add_argument_group("reading the export")
    g.add_argument("--date-order", choices=["DMY", "MDY", "YMD"], type=str.upper,
                   help="override the detected day/month order" + (" for every export" if many else ""))
    g.add_argument("--year", type=int, help="year for legacy exports whose dates carry none (without it the "
                                            "current year is assumed and a warning says so)")
    g.add_argument("--exporter", metavar="NAME", help="display name of the person who exported the chat "
                                                      "(system lines call them 'You'/'Anda')")
    from analyzer.cli.inputs import add_merge_options

    add_merge_options(g)  # --tz, --aliases

    g = p.add_argument_group("what is analysed")
    g.add_argument("--start", metavar="DATE", help="first day of the window (YYYY-MM-DD)")
    g.add_argument("--end", metavar="DATE", help="last day of the window, included (YYYY-MM-DD)")
    x = g.add_mutually_exclusive_group()
    if many:
        x.add_argument("--members", metavar="CSV",
                       help="CSV with columns file,members: the total size of each group (silent members = "
                            "size - posters); 'file' is the export's path below DIR or its group_id. Groups "
                            "not listed count members from membership lines or posters")
        x.add_argument("--roster", metavar="CSV",
                       help="CSV with columns file,roster: for each group a roster file (one member name per "
                            "line; relative paths are relative to the CSV)")
    else:
        x.add_argument("--members", type=positive_int, metavar="N",
                       help="total group size (silent members = N - posters)")
        x.add_argument("--roster", metavar="FILE", help="text or CSV file with one member name per line")
    g.add_argument("--exclude", action="append", default=None, metavar="NAME",
                   help="leave this member out of every metric (a bot, an admin); repeatable. Matched like "
                        "roster names (case, spaces and phone-number formatting ignored)")
    g.add_argument("--exclude-file", metavar="FILE", help="file with names to leave out, one per line")
    g.add_argument("--exclude-bots", action="store_true",
                   help="leave known bot accounts (such as Meta AI) out of every metric")

    g = p.add_argument_group("metric parameters")
    g.add_argument("--tau-burst", type=float, default=None, metavar="S", help="turn gap in seconds (default 300)")
    g.add_argument("--reply-window", type=float, default=None, metavar="S",
                   help="reply edge window in seconds (default 1800)")
    g.add_argument("--delta", type=minutes, default=None, metavar="MINUTES",
                   help="reply window Δ of the interaction network in minutes (default 30; compare 5, 15, 30, "
                        "60: the report records the one used). Same as --reply-window in seconds")
    g.add_argument("--censor-limit", type=float, default=None, metavar="S",
                   help="latencies above this are unanswered (default 86400)")
    g.add_argument("--quiet-hours", type=quiet_hours, default=None, metavar="H-H|profile",
                   help="do not count these hours in latencies, e.g. 22-5, or 'profile' (default off)")
    g.add_argument("--seed", type=non_negative_int, default=None, help="seed for bootstrap and null draws (default 0)")
    g.add_argument("--bootstrap", type=non_negative_int, default=None, metavar="B",
                   help="bootstrap resamples for the Gini confidence interval (default 2000; 0 = no interval)")
    g.add_argument("--w-weak", type=float, default=None, metavar="W",
                   help="a tie with at most W replies/mentions in both directions is weak (default 2)")
    from analyzer.cli.classifier_options import add_classifier_options
    from analyzer.cli.privacy import add_privacy_options

    add_classifier_options(p)  # --lexicon, --model, --no-classify
    add_privacy_options(p)  # --anonymize, --key-file, --metadata-only




def _read_names(path: str) -> list[str]:
    from analyzer.analysis import read_roster

    return read_roster(path)


def options_from_args(args: argparse.Namespace, *, pseudonymizer: Any = None) -> AnalysisOptions:
    """The `AnalysisOptions` of parsed arguments (see `add_analysis_options`). Raises OptionError."""
    tz = getattr(args, "tz", None)
    zones = [z.strip() for z in tz.split(",")] if tz else None
    load = {k: v for k, v in {
        "date_order": getattr(args, "date_order", None), "year": getattr(args, "year", None),
        "exporter": getattr(args, "exporter", None),
        "tz": (zones[0] if len(zones) == 1 else zones) if zones else None,
        "aliases": getattr(args, "aliases", None),
    }.items() if v is not None}
    an: dict[str, Any] = {k: v for k, v in {
        "start": getattr(args, "start", None), "end": getattr(args, "end", None),
        "tau_burst_s": args.tau_burst, "reply_window_s": args.reply_window,
        "censor_limit_s": args.censor_limit, "quiet_hours": args.quiet_hours, "seed": args.seed,
        "bootstrap": args.bootstrap, "w_weak": args.w_weak,
        "exclude_bots": True if getattr(args, "exclude_bots", False) else None,
    }.items() if v is not None}
    if args.delta is not None:
        if args.reply_window is not None and args.reply_window != args.delta * 60:
            raise OptionError("give the reply window once: --delta (minutes) or --reply-window (seconds)")
        an["reply_window_s"] = args.delta * 60
    from analyzer.cli.classifier_options import classifier_kwargs

    an.update(classifier_kwargs(args))
    names = list(args.exclude or [])
    if getattr(args, "exclude_file", None):
        try:
            names += _read_names(args.exclude_file)
        except Exception as e:  # AnalysisParameterError: one sentence naming the file
            raise OptionError(f"--exclude-file: {e}") from None
    names = [n.strip() for n in names if n and n.strip()]
    return AnalysisOptions(load=load, analyze=an, exclude=tuple(dict.fromkeys(names)),
                           key=None if pseudonymizer is None else pseudonymizer._key,
                           metadata_only=bool(getattr(args, "metadata_only", False)),
                           exclude_file=getattr(args, "exclude_file", None))




__all__ = ["SHARED_OPTIONS", "AnalysisOptions", "Analysis", "OptionError", "add_analysis_options",
           "options_from_args", "run_analysis", "resolve_excluded", "file_sha256", "member_identities"]
