"""The analysis options of `analyze` and `corpus`, defined once (issue 14).

Both commands register their options with `add_analysis_options` and turn the parsed arguments
into an `AnalysisOptions` with `options_from_args`; both then analyse a chat with `run_analysis`.
So the two commands accept the same options with the same meaning and cannot drift apart. The
only difference is the group size and roster: `analyze` reads one group, so `--members N` is a
number and `--roster FILE` a list of names; `corpus` reads many, so both name a CSV file mapping
each export to its size or roster file (see `analyzer.corpus.read_group_table`).

Order of the steps in `run_analysis` (the same as the dashboard's):
1. read the export (`load_chat`: --date-order, --year, --exporter, --tz, --aliases);
2. with pseudonyms, classify first on the real text (pseudonyms hide the phone numbers, prices and
   links the classifier reads; the category columns survive pseudonymisation);
3. pseudonymise (--anonymize, --key-file) and/or drop text (--metadata-only);
4. leave out the members of --exclude (`analyzer.metrics.filters.exclude_members`: their messages,
   membership lines and member rows go, as if they had never been in the group);
5. `analyze()` with the window, group size or roster and the metric parameters.
"""
from __future__ import annotations

import argparse
import dataclasses
import hashlib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Sequence

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
    from analyzer.cli.program import add_merge_options

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
    from analyzer.cli.classify import add_classifier_options
    from analyzer.cli.privacy import add_privacy_options

    add_classifier_options(p)  # --lexicon, --model, --no-classify
    add_privacy_options(p)  # --anonymize, --key-file, --metadata-only


# --------------------------------------------------------------------------------------------
# Parsed options, picklable (they travel to worker processes and Dask workers)


class OptionError(ValueError):
    """Options that cannot be used together or files that cannot be read (one sentence)."""


def file_sha256(path: str | Path) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for chunk in iter(lambda: f.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


@dataclass(frozen=True)
class AnalysisOptions:
    """Everything that decides what `run_analysis` computes from one export."""

    load: dict = field(default_factory=dict)  # load_chat keywords (date_order, year, exporter, tz, aliases)
    analyze: dict = field(default_factory=dict)  # analyze() keywords (window, metric parameters, classifier)
    exclude: tuple[str, ...] = ()
    key: bytes | None = None  # pseudonymisation key (None: real names)
    metadata_only: bool = False
    exclude_file: str | None = None  # where some of `exclude` came from (hashed in the manifest)

    def parameters(self) -> dict:
        """JSON-ready record of the options (for the manifest): no key, only its fingerprint; file
        options with their SHA-256, so a reader can check that a re-run uses the same files."""
        from analyzer.privacy import Pseudonymizer

        files = {}
        for name, value in (("aliases", self.load.get("aliases")), ("lexicon", self.analyze.get("lexicon")),
                            ("model", self.analyze.get("model")), ("exclude_file", self.exclude_file)):
            if isinstance(value, (str, Path)) and Path(value).is_file():
                files[name] = {"path": str(value), "sha256": file_sha256(value)}
        pz = Pseudonymizer(self.key) if self.key is not None else None
        load = {k: (str(v) if isinstance(v, Path) else v) for k, v in self.load.items()}
        if pz is not None and isinstance(load.get("exporter"), str):
            load["exporter"] = pz.name(load["exporter"])  # a person's name: pseudonymised like the data
        return {
            "load": load,
            "analyze": {k: (list(v) if isinstance(v, tuple) else str(v) if isinstance(v, Path) else v)
                        for k, v in self.analyze.items()},
            # with pseudonyms the excluded names are recorded as pseudonyms: the manifest names nobody
            "exclude": sorted(pz.name(n) for n in self.exclude) if pz is not None else sorted(self.exclude),
            "pseudonymised": pz is not None,
            "key_fingerprint": pz.fingerprint if pz is not None else None,
            "metadata_only": self.metadata_only,
            "files": files,
        }


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
    from analyzer.cli.classify import classifier_kwargs

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


# --------------------------------------------------------------------------------------------
# One analysis


@dataclass
class Analysis:
    """What `run_analysis` returns: the report plus what was excluded and not found."""

    report: Any
    excluded: list[str]
    exclude_unmatched: list[str]
    identities: dict[str, tuple[str, str]] = field(default_factory=dict)
    """member as in the report -> (match_key, match_by): see `member_identities`."""


def member_identities(names: Sequence[str], pseudonymizer: Any = None) -> dict[str, tuple[str, str]]:
    """For each (real) member name: (name as the report shows it, match_key, match_by).

    match_by is 'phone' when the name is a phone number (the same person in every export, whatever
    the formatting) and 'display_name' otherwise (a name saved in the exporting phone: unrelated
    people share names such as "Mama"). match_key is the pseudonym with a pseudonymizer (it is made
    from the same normalised identity), else 'tel:<digits>' or 'name:<case-folded name>'.
    """
    from analyzer.privacy import Pseudonymizer, is_phone

    ident = Pseudonymizer(bytes(32)).identity  # the normalisation only; no pseudonym is made with this key
    out: dict[str, tuple[str, str]] = {}
    for n in names:
        n = str(n)
        by = "phone" if is_phone(n) else "display_name"
        shown = pseudonymizer.name(n) if pseudonymizer is not None else n
        out[shown] = (shown if pseudonymizer is not None else ident(n), by)
    return out


def resolve_excluded(chat: Any, names: Sequence[str], pseudonymizer: Any = None) -> tuple[list[str], list[str]]:
    """(member names of `chat` to leave out, given names that matched nobody).

    A name matches a member when their `name_key`s agree (case, spacing, invisible marks and
    phone-number formatting ignored). With a pseudonymizer the names are pseudonymised first, so a
    researcher writes the real name and the pseudonymised chat still finds it.
    """
    from analyzer.metrics.filters import member_names
    from analyzer.metrics.members import name_key

    by_key: dict[str, list[str]] = {}
    for m in member_names(chat):
        by_key.setdefault(name_key(m), []).append(m)
    found: list[str] = []
    missing: list[str] = []
    for n in names:
        hit = by_key.get(name_key(pseudonymizer.name(n) if pseudonymizer is not None else n))
        if hit:
            found += hit
        else:
            missing.append(n)
    return sorted(set(found)), missing


def run_analysis(source: Any, opts: AnalysisOptions, *, members: int | None = None,
                 roster: list[str] | None = None, warn_unmatched: bool = True) -> Analysis:
    """Read, classify, pseudonymise, exclude and analyse one export (the module docstring's steps).

    `source`: what `load_chat` takes (a path, or a list of exports of one group), or a `Chat`
    already read (then `opts.load` is not applied again).
    warn_unmatched: add a report warning when an --exclude name matches nobody (`corpus` turns this
    off: a bot is in some groups, not all, and reports names that match no group at all). Raises
    ChatFormatError or AnalysisParameterError with one sentence for unusable input.
    """
    from analyzer.chat.model import Chat
    from analyzer.chat.parse import load_chat
    from analyzer.privacy import Pseudonymizer, anonymize, drop_text
    from analyzer.analysis import analyze

    chat = source if isinstance(source, Chat) else load_chat(source, **opts.load)
    ckw = {k: opts.analyze[k] for k in ("classify", "lexicon", "model") if k in opts.analyze}
    rest = {k: v for k, v in opts.analyze.items() if k not in ckw}
    pz = Pseudonymizer(opts.key) if opts.key is not None else None
    if ckw.get("classify", True) and (pz is not None or opts.metadata_only):
        from analyzer.classify.categorise import categorise, load_classifier
        from analyzer.analysis import AnalysisParameterError

        try:
            lex, model, _ = load_classifier(lexicon=ckw.get("lexicon"), model=ckw.get("model"))
        except ValueError as e:  # ClassifierInputError
            raise AnalysisParameterError(str(e)) from None
        cats = categorise(chat.messages, lexicon=lex, model=model)
        chat = dataclasses.replace(chat, messages=chat.messages.assign(
            category=cats["category"].to_numpy(), category_reason=cats["category_reason"].to_numpy()))
        ckw = {"classify": False}
    identities = member_identities([m for m in chat.members["member"].dropna()], pz)
    if pz is not None:
        chat = anonymize(chat, pz, metadata_only=opts.metadata_only, extra_names=roster or ())
        if roster is not None:
            roster = [pz.name(r) for r in roster]
    elif opts.metadata_only:
        chat = drop_text(chat)
    excluded: list[str] = []
    unmatched: list[str] = []
    if opts.exclude:
        from analyzer.metrics.filters import exclude_members

        excluded, unmatched = resolve_excluded(chat, opts.exclude, pz)
        chat = exclude_members(chat, excluded)
        if roster is not None:  # an excluded member is not a silent member either
            from analyzer.metrics.members import name_key

            gone = {name_key(n) for n in excluded}
            roster = [r for r in roster if name_key(r) not in gone]
    report = analyze(chat, members=members, roster=roster, **rest, **ckw)
    if opts.exclude:
        report.parameters["excluded_members"] = excluded
        report.parameters["excluded_not_found"] = [pz.name(n) for n in unmatched] if pz is not None else unmatched
        if unmatched and warn_unmatched:
            report.warnings.append(f"--exclude: {len(unmatched)} name(s) matched no member")
    return Analysis(report, excluded, unmatched, identities)


__all__ = ["SHARED_OPTIONS", "AnalysisOptions", "Analysis", "OptionError", "add_analysis_options",
           "options_from_args", "run_analysis", "resolve_excluded", "file_sha256", "member_identities"]
