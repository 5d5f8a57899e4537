"""One export from file to `Report`: the steps around `analyze()` that ``analyze``, ``corpus`` and
the dashboard share.

Order of the steps in `run_analysis`:
1. read the export (`load_chat`: date order, year, exporter, time zone, aliases);
2. with pseudonyms, classify first on the real text (pseudonyms hide the phone numbers, prices and
   links the classifier reads; the category columns survive pseudonymisation);
3. pseudonymise and/or drop the text (`analyzer.privacy`);
4. leave out the excluded members (`analyzer.metrics.filters.exclude_members`: their messages,
   membership lines and member rows go, as if they had never been in the group);
5. `analyze()` with the window, group size or roster and the metric parameters.

`AnalysisOptions` holds everything that decides the result, picklable (it travels to worker
processes and Dask workers); the command line builds it in `analyzer.cli.options`.
"""
from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Sequence


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
    # Categorise the whole chat as read, before pseudonyms hide the numbers, prices and links the
    # classifier reads and before members are left out: a category must not depend on them.
    if ckw.get("classify", True):
        from analyzer.analysis.parameters import AnalysisParameterError
        from analyzer.classify.categorise import ClassifierInputError, categorise_chat

        try:
            fit = opts.analyze.get("fit_to_labels", True)
            chat = categorise_chat(chat, lexicon=ckw.get("lexicon"), model=ckw.get("model"),
                                   coding=opts.analyze.get("labels") if fit else None)
        except ClassifierInputError as e:
            raise AnalysisParameterError(str(e)) from None
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
