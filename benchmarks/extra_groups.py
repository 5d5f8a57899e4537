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

The texts are read from a local copy of the exports: ``DIR/<owner>+<name>/<path>``. A path with a
``.zip/`` in it names a member of a zip archive in the repository (``kode.zip/ChatWA/Group1.txt``):
its local copy is either that member saved under the same path or the archive itself. The scripts
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
import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import numpy as np
import pandas as pd

ROOT = Path(__file__).resolve().parents[1]
EXTRA_LABELS = ROOT / "benchmarks" / "data" / "extra_labels.tsv"
REAL_DEV_EXPORTS = ROOT / "benchmarks" / "data" / "real_dev_exports.tsv"
"""Which public export each group of the shared development set (`real_dev`) was taken from, as
far as found: columns group, source_repo, path. The shared set keeps messages without their chat;
with a local copy of the export, `real_dev_context` gives its rows their conversation features."""
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
    """The export's bytes; a one-column CSV dump is turned back into its lines.

    A path through a zip archive (``.../kode.zip/ChatWA/Group1.txt``: the export is a member of a
    zip file in the repository) is read from the local copy of that member if there is one, else
    from the archive itself.
    """
    if not path.is_file() and (inside := _zip_member(path)) is not None:
        import zipfile

        archive, member = inside
        with zipfile.ZipFile(archive) as z:
            return z.read(member)
    data = path.read_bytes()
    if path.suffix.lower() == ".csv":
        rows = csv.reader(io.StringIO(data.decode("utf-8")))
        data = "\n".join(r[0] if r else "" for r in rows).encode("utf-8")
    return data


def _zip_member(path: Path) -> tuple[Path, str] | None:
    """(archive, member name) when a zip archive on `path` is at hand (``.../kode.zip/ChatWA/x.txt``),
    else None."""
    parts = path.parts
    for i, part in enumerate(parts[:-1]):
        archive = Path(*parts[:i + 1])
        if part.lower().endswith(".zip") and archive.is_file():
            return archive, "/".join(parts[i + 1:])
    return None


def _exists(path: Path) -> bool:
    """The export is at hand: as a file, or as a member of a zip archive on its path."""
    return path.is_file() or _zip_member(path) is not None


@lru_cache(maxsize=None)
def parsed_messages(path: str) -> pd.DataFrame:
    """The message table of a local export copy, parsed once per run (several loaders read it).
    Callers must not change it."""
    from analyzer.chat.parse import parse_export

    f = Path(path)
    return parse_export(export_bytes(f), name=f.name).messages.reset_index(drop=True)


def text_hash(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:12]


def load_extra(exports_dir: Path | None = None, reference: Path = EXTRA_LABELS) -> ExtraLoad:
    """Rebuild the labelled rows of `reference` from the exports under `exports_dir`.

    `exports_dir` None: use `default_exports_dir()`; when that is None too, no rows.
    """
    from analyzer.classify.context import CONTEXT_FEATURES

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
        if not _exists(f):
            missing.append(f"{repo}:{rel}")
            continue
        msgs, ctx = _conversation_of_export(f)
        at = _text_rows(msgs)
        for r in part.itertuples():
            i = at.get(r.line)
            t = msgs["text"].iloc[i] if i is not None else None
            if not isinstance(t, str) or text_hash(t) != r.text_sha256_12:
                unmatched += 1
                continue
            out.append({"group": f"extra{k}", "line": r.line, "label": r.label, "text": t, "sample": r.sample,
                        "random": r.sample == "random", "source_repo": repo, "path": rel,
                        **{f"ctx{j}": float(v) for j, v in enumerate(ctx[i])}})
    rows = pd.DataFrame(out) if out else empty
    for j in range(len(CONTEXT_FEATURES)):
        if f"ctx{j}" not in rows.columns:
            rows[f"ctx{j}"] = np.nan
    return ExtraLoad(rows, Path(exports_dir), missing, unmatched)


def context_matrix(rows: pd.DataFrame) -> np.ndarray:
    """The conversation features of labelled rows (`CONTEXT_FEATURES` columns); NaN rows where the
    row's chat is not at hand (the shared development set keeps messages without their chat)."""
    from analyzer.classify.context import CONTEXT_FEATURES

    cols = [f"ctx{j}" for j in range(len(CONTEXT_FEATURES))]
    if not set(cols) <= set(rows.columns):
        return np.full((len(rows), len(cols)), np.nan, dtype=np.float32)
    return rows[cols].to_numpy(dtype=np.float32, na_value=np.nan)


def _conversation_of_export(path: Path) -> tuple[pd.DataFrame, np.ndarray]:
    """The parsed messages of an export and the conversation features of every record, computed on
    the whole chat as `analyze` computes them."""
    from analyzer.classify import classify
    from analyzer.classify.context import context_features

    msgs = parsed_messages(str(path))
    ctx = context_features(msgs["author"], msgs["timestamp"], msgs["kind"], msgs["text"],
                           classify(msgs["text"], msgs["kind"])["category"])
    return msgs, ctx


def _text_rows(msgs: pd.DataFrame) -> dict[int, int]:
    """Line -> row of the `text` record that starts on that line (the first, if several)."""
    is_text = (msgs["kind"] == "text").to_numpy(dtype=bool, na_value=False) & ~msgs["line"].duplicated().to_numpy()
    return {int(line): i for i, line in zip(np.flatnonzero(is_text), msgs["line"][is_text])}


def _loose(text: str) -> str:
    """A message with digits and white space removed, lower case: the shared set replaced phone
    numbers by fake ones of the same shape and wrote newlines as " ⏎ "."""
    return re.sub(r"[\d\s]+", "", text.replace(" ⏎ ", "\n")).lower()


def real_dev_context(real: pd.DataFrame, exports_dir: Path | None = None,
                     reference: Path = REAL_DEV_EXPORTS) -> tuple[pd.DataFrame, str]:
    """`real` (the shared set: group, line, text ...) with `ctx<j>` columns: the conversation
    features of each row whose group's export is at hand under `exports_dir` and whose text is the
    message at that line (digits and spaces aside); NaN elsewhere. Also one line saying how many
    rows got them."""
    from analyzer.classify.context import CONTEXT_FEATURES

    out = real.copy()
    for j in range(len(CONTEXT_FEATURES)):
        out[f"ctx{j}"] = np.nan
    exports_dir = exports_dir if exports_dir is not None else default_exports_dir()
    if exports_dir is None or not reference.is_file():
        return out, "shared set: no conversation features (no local copy of its exports)"
    ref = pd.read_csv(reference, sep="\t", quoting=3, dtype=str, keep_default_na=False)
    got, groups = 0, 0
    cols = [f"ctx{j}" for j in range(len(CONTEXT_FEATURES))]
    for r in ref.itertuples():
        f = Path(exports_dir) / r.source_repo.replace("/", "+") / r.path
        rows = out.index[out["group"] == r.group]
        if not _exists(f) or not len(rows):
            continue
        msgs, ctx = _conversation_of_export(f)
        at = _text_rows(msgs)
        groups += 1
        for k in rows:
            i = at.get(int(out.at[k, "line"]))
            if i is not None and _loose(str(msgs["text"].iloc[i])) == _loose(str(out.at[k, "text"])):
                out.loc[k, cols] = ctx[i]
                got += 1
    return out, (f"shared set: conversation features for {got} of {len(out)} rows "
                 f"({groups} of {out['group'].nunique()} groups' exports at hand)")


def group_chats(exports_dir: Path | None = None, reference: Path = EXTRA_LABELS,
                real_dev_reference: Path = REAL_DEV_EXPORTS) -> dict[str, pd.DataFrame]:
    """The whole chat (columns text, kind) of every labelled group whose export is at hand, keyed
    by the group names the loaders use (`extra<k>`, and the shared set's group names): what the
    classifier reads a group's class distribution from (`analyzer.classify.model.chat_prior`)."""
    exports_dir = exports_dir if exports_dir is not None else default_exports_dir()
    out: dict[str, pd.DataFrame] = {}
    if exports_dir is None:
        return out
    wanted: list[tuple[str, str, str]] = []
    if reference.is_file():
        ref = read_reference(reference)
        keys = list(dict.fromkeys(zip(ref["source_repo"], ref["path"])))
        wanted += [(f"extra{k}", repo, rel) for k, (repo, rel) in enumerate(keys, 1)]
    if real_dev_reference.is_file():
        rd = pd.read_csv(real_dev_reference, sep="\t", quoting=3, dtype=str, keep_default_na=False)
        wanted += list(zip(rd["group"], rd["source_repo"], rd["path"]))
    for group, repo, rel in wanted:
        f = Path(exports_dir) / repo.replace("/", "+") / rel
        if _exists(f):
            out[group] = parsed_messages(str(f))[["text", "kind"]]
    return out
