"""All-or-nothing output folders: files are written into a hidden staging folder inside the output
folder and moved into place only once every one of them was written (issue 17).

A failed write (disk full, no permission, a folder where a file should go) then leaves the output
folder as it was, and the error names the path that failed, not a staging path.
"""
from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path
from types import TracebackType

STAGE_PREFIX = ".wa-analyzer-partial-"


class StagedFolder:
    """`with StagedFolder(out) as stage: write into stage.path` — on a clean exit the files move to
    `out` (replacing files of the same name; sub-folders merged), on an error or `discard()` the
    staging folder is removed and `out` is untouched (it is created if missing, and removed again
    if it was created here and stays empty)."""

    def __init__(self, out: str | os.PathLike[str]) -> None:
        self.out = Path(out)
        self.path = self.out  # replaced on __enter__
        self._created = False
        self._discarded = False

    def __enter__(self) -> "StagedFolder":
        if not self.out.exists():
            self.out.mkdir(parents=True)
            self._created = True
        elif not self.out.is_dir():
            raise NotADirectoryError(20, "not a folder", str(self.out))
        self.path = Path(tempfile.mkdtemp(prefix=STAGE_PREFIX, dir=self.out))
        return self

    def discard(self) -> None:
        """Throw away what was written so far (the caller reported why)."""
        self._discarded = True

    def __exit__(self, kind: type[BaseException] | None, exc: BaseException | None,
                 tb: TracebackType | None) -> None:
        try:
            if kind is None and not self._discarded:
                self._publish(self.path, self.out)
        finally:
            shutil.rmtree(self.path, ignore_errors=True)
            if self._created and not any(self.out.iterdir()):
                self.out.rmdir()

    def _publish(self, src: Path, dst: Path) -> None:
        # Check first that nothing is in the way (a folder named like a file, or the reverse), so
        # that a refusal happens before any file has moved.
        for item in src.rglob("*"):
            target = dst / item.relative_to(src)
            if target.exists() and item.is_dir() != target.is_dir():
                kind = "a folder" if target.is_dir() else "a file"
                raise IsADirectoryError(21, f"{kind} of that name is in the way", str(target))
        for item in sorted(src.rglob("*"), key=lambda p: len(p.parts)):
            target = dst / item.relative_to(src)
            if item.is_dir():
                target.mkdir(exist_ok=True)
            else:
                os.replace(item, target)

    @staticmethod
    def shown_path(exc: OSError, out: Path) -> str:
        """The path to name for a failed write: the final path, never a staging path."""
        name = exc.filename if isinstance(exc.filename, str) else None
        if not name:
            return str(out)
        p = Path(name)
        parts = p.parts
        for i, part in enumerate(parts):
            if part.startswith(STAGE_PREFIX):
                return str(Path(*parts[:i], *parts[i + 1:])) if i + 1 < len(parts) else str(Path(*parts[:i]))
        return str(p)
