"""Command-line glue for pseudonymisation: `--anonymize`, `--key-file`, `--metadata-only`.

Every command that reads chats calls `apply_privacy` right after loading, so metrics, tables,
charts, reports and graphs are all computed from the pseudonymised chat and cannot leak a name
that the analysis never saw.
"""
from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path
from typing import Any, Iterable

DEFAULT_KEY_ENV = "WA_ANALYZER_KEY_FILE"


def default_key_file() -> Path:
    """$WA_ANALYZER_KEY_FILE, else ~/.config/wa-analyzer/pseudonym.key (outside any output folder)."""
    env = os.environ.get(DEFAULT_KEY_ENV)
    if env:
        return Path(env).expanduser()
    base = Path(os.environ.get("XDG_CONFIG_HOME") or Path.home() / ".config")
    return base / "wa-analyzer" / "pseudonym.key"


def add_privacy_options(p: argparse.ArgumentParser) -> None:
    """Add --anonymize, --key-file and --metadata-only to a subcommand."""
    g = p.add_argument_group("privacy")
    g.add_argument("--anonymize", action="store_true",
                   help="replace every person by a stable pseudonym (P-XXXXXXXX) and scrub names, phone "
                        "numbers, e-mail addresses and @mentions from message text; links keep only their "
                        "domain. Nothing that is written contains an original name or number")
    g.add_argument("--key-file", metavar="FILE",
                   help="secret key of the study (implies --anonymize): the same key gives the same "
                        "pseudonyms in every run and export; created if missing. Keep it apart from the "
                        f"outputs. Default: ${DEFAULT_KEY_ENV} or ~/.config/wa-analyzer/pseudonym.key")
    g.add_argument("--metadata-only", action="store_true",
                   help="drop message text entirely (who wrote when, message kinds and events remain); "
                        "combine with --anonymize to remove names as well")


def _inside(path: Path, folder: Path) -> bool:
    try:
        path.resolve().relative_to(folder.resolve())
        return True
    except ValueError:
        return False


def pseudonymizer_from_args(args: argparse.Namespace, out_dirs: Iterable[str | os.PathLike[str]] = ()):
    """The `Pseudonymizer` the arguments ask for, or None without --anonymize/--key-file.

    Raises ValueError if the key file would be written into an output folder (the key must not be
    published with the data: with it, anyone can test a guessed name against a pseudonym).
    """
    from analyzer.privacy import Pseudonymizer, load_or_create_key

    if not (getattr(args, "anonymize", False) or getattr(args, "key_file", None)):
        return None
    key_path = Path(args.key_file).expanduser() if getattr(args, "key_file", None) else default_key_file()
    for d in out_dirs:
        if d is not None and _inside(key_path, Path(d)):
            raise ValueError(f"the key file {str(key_path)!r} is inside the output folder {str(d)!r}; keep the key "
                             "apart from the data it pseudonymises")
    created = not key_path.exists()
    key = load_or_create_key(key_path)
    pz = Pseudonymizer(key)
    if created:
        print(f"wa-analyzer: created a new pseudonymisation key at {key_path} (fingerprint {pz.fingerprint}). "
              "Keep it private and back it up: later runs need the same key for the same pseudonyms.",
              file=sys.stderr)
    return pz


def apply_privacy(args: argparse.Namespace, chat: Any, roster: list[str] | None = None, *,
                  pseudonymizer: Any = None, out_dirs: Iterable[Any] = ()) -> tuple[Any, list[str] | None]:
    """(chat, roster) as the privacy options ask: pseudonymised and/or without text.

    The roster's names become pseudonyms with the same key, so they still match the authors, and
    are looked for inside message text too.
    """
    from analyzer.privacy import anonymize, drop_text

    metadata_only = bool(getattr(args, "metadata_only", False))
    pz = pseudonymizer if pseudonymizer is not None else pseudonymizer_from_args(args, out_dirs)
    if pz is None:
        return (drop_text(chat) if metadata_only else chat), roster
    chat = anonymize(chat, pz, metadata_only=metadata_only, extra_names=roster or ())
    if roster is not None:
        roster = [pz.name(r) for r in roster]
    return chat, roster
