"""Extra hand-labelled real groups, rebuilt from public exports at run time (no text in the repository).

`benchmarks/data/extra_labels.tsv` lists labelled messages of real, public Indonesian WhatsApp
exports that are not part of the shared development set (`real_dev`). It holds no message text:

=============== ===========================================================================
column          meaning
=============== ===========================================================================
source_repo     the public GitHub repository the export was copied from (``owner/name``)
path            the export's path inside that repository
line            1-based line where the message starts (the parser's ``line`` column)
label           one of the six categories, coded with the real_dev codebook
sample          ``random`` (seeded random sample of the group's eligible messages) or
                ``enriched`` (picked by cue words to add rare-class examples)
text_sha256_12  first 12 hex digits of SHA-256 of the message text as parsed (UTF-8); a
                check that the local copy is the labelled version, not the text itself
=============== ===========================================================================

The texts are read from a local copy of the exports: ``DIR/<owner>+<name>/<path>``. The scripts
use them when asked (``--extra-exports DIR``, or ``--extra-exports`` alone for the default folder:
the environment variable ``WA_EXTRA_EXPORTS``, else ``../realdata/indo_groups`` next to the
repository, else ``/work/realdata/indo_groups``); `make eval-real` and `make train-model` ask by
default, because the shipped model was trained with them (see docs/classifier.md). Each export is
parsed with `analyzer.chat.parse.parse_export`; the message starting at `line` must be a ``text``
record whose hash matches. An export whose copy is missing, or a row that does not
match, is left out and counted in the returned notes: the scripts then train and evaluate with
what is there and say so. A ``.csv`` export is a notebook's dump of the export with one line per
CSV row; its first column is read back line by line (line numbers are unchanged).

Each export is one group; groups are named ``extra<k>`` in the order they first appear in the
reference file, so no group or member name leaves the run.
"""
from __future__ import annotations

import csv
import hashlib
import io
import os
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

ROOT = Path(__file__).resolve().parents[1]
EXTRA_LABELS = ROOT / "benchmarks" / "data" / "extra_labels.tsv"
COLUMNS = ["source_repo", "path", "line", "label", "sample", "text_sha256_12"]


@dataclass
class ExtraLoad:
    """Rows rebuilt from the local exports and what could not be rebuilt."""

    rows: pd.DataFrame  # group, line, label, text, sample, random (bool), source_repo, path
    exports_dir: Path | None
    missing_exports: list[str] = field(default_factory=list)  # "owner/name:path" without a local copy
    unmatched_rows: int = 0  # rows whose line is not a text record with the same hash

    @property
    def n_groups(self) -> int:
        return int(self.rows["group"].nunique()) if len(self.rows) else 0

    def note(self) -> str:
        """One line for the scripts' output: what was used, what was left out."""
        if self.exports_dir is None:
            return ("extra groups: no local copy of the exports found (pass --extra-exports DIR or set "
                    "WA_EXTRA_EXPORTS); training and evaluating WITHOUT the extra groups")
        msg = (f"extra groups: {len(self.rows)} labelled messages from {self.n_groups} exports "
               f"under {self.exports_dir}")
        if self.missing_exports:
            msg += f"; {len(self.missing_exports)} export(s) missing locally and left out"
        if self.unmatched_rows:
            msg += f"; {self.unmatched_rows} row(s) not found or changed in the local copy and left out"
        return msg


def default_exports_dir() -> Path | None:
    """The local folder of exports, or None when there is none."""
    env = os.environ.get("WA_EXTRA_EXPORTS")
    if env:
        return Path(env)
    for p in (ROOT.parent / "realdata" / "indo_groups", Path("/work/realdata/indo_groups")):
        if p.is_dir():
            return p
    return None


def read_reference(path: Path = EXTRA_LABELS) -> pd.DataFrame:
    df = pd.read_csv(path, sep="\t", quoting=3, dtype=str, keep_default_na=False)
    if list(df.columns) != COLUMNS:
        raise ValueError(f"{path}: expected columns {COLUMNS}, found {list(df.columns)}")
    df["line"] = df["line"].astype(int)
    return df


def export_bytes(path: Path) -> bytes:
    """The export's bytes; a one-column CSV dump is turned back into its lines."""
    data = path.read_bytes()
    if path.suffix.lower() == ".csv":
        rows = csv.reader(io.StringIO(data.decode("utf-8")))
        data = "\n".join(r[0] if r else "" for r in rows).encode("utf-8")
    return data


def text_hash(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:12]


def load_extra(exports_dir: Path | None = None, reference: Path = EXTRA_LABELS) -> ExtraLoad:
    """Rebuild the labelled rows of `reference` from the exports under `exports_dir`.

    `exports_dir` None: use `default_exports_dir()`; when that is None too, no rows.
    """
    from analyzer.chat.parse import parse_export

    exports_dir = exports_dir if exports_dir is not None else default_exports_dir()
    empty = pd.DataFrame(columns=["group", "line", "label", "text", "sample", "random", "source_repo", "path"])
    if exports_dir is None or not Path(exports_dir).is_dir():
        return ExtraLoad(empty, None)
    ref = read_reference(reference)
    out, missing, unmatched = [], [], 0
    keys = list(dict.fromkeys(zip(ref["source_repo"], ref["path"])))
    for k, (repo, rel) in enumerate(keys, 1):
        f = Path(exports_dir) / repo.replace("/", "+") / rel
        part = ref[(ref["source_repo"] == repo) & (ref["path"] == rel)]
        if not f.is_file():
            missing.append(f"{repo}:{rel}")
            continue
        msgs = parse_export(export_bytes(f), name=f.name).messages
        texts = msgs[msgs["kind"] == "text"].drop_duplicates("line").set_index("line")["text"]
        for r in part.itertuples():
            t = texts.get(r.line)
            if not isinstance(t, str) or text_hash(t) != r.text_sha256_12:
                unmatched += 1
                continue
            out.append({"group": f"extra{k}", "line": r.line, "label": r.label, "text": t, "sample": r.sample,
                        "random": r.sample == "random", "source_repo": repo, "path": rel})
    rows = pd.DataFrame(out) if out else empty
    return ExtraLoad(rows, Path(exports_dir), missing, unmatched)
