"""Reading an export: a path, bytes or a binary file object; plain text or a zip, all in memory.

Nothing is extracted to disk. A zip is opened from memory and the chat file found by name
(`_chat.txt` on iOS, `WhatsApp Chat with NAME.txt` and localised names on Android).
"""
from __future__ import annotations

import io
import os
import re
import zipfile
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO, Union

from .errors import ChatFormatError

Source = Union[str, os.PathLike, bytes, bytearray, memoryview, BinaryIO]

MAX_CHAT_BYTES = 1 << 30  # 1 GiB of chat text: far above WhatsApp's ~40,000-message export cap
MAX_ZIP_RATIO = 200  # text compresses ~5-10x; hundreds-fold means a crafted archive

EXPECTED = ("a WhatsApp chat export: the .txt file from 'Export chat' (Android: 'WhatsApp Chat with "
            "NAME.txt', iPhone: '_chat.txt'), or the .zip that contains it")


@dataclass
class RawExport:
    """The chat file's bytes and the name it had (inside the zip, if any)."""

    data: bytes
    name: str | None
    container: str | None = None  # the zip's own name, when the chat came from one


def read_source(source: Source, *, max_bytes: int = MAX_CHAT_BYTES) -> RawExport:
    """Read `source` into memory and unwrap a zip. Raises ChatFormatError with one clear sentence."""
    name: str | None = None
    if isinstance(source, (str, os.PathLike)):
        path = Path(source)
        if not path.exists():
            raise ChatFormatError(f"File not found: {path}. Expected {EXPECTED}.")
        if path.is_dir():
            raise ChatFormatError(f"{path} is a folder. Expected {EXPECTED}.")
        if path.stat().st_size > max_bytes:
            raise ChatFormatError(f"{path.name} is larger than {max_bytes:,} bytes; refusing to read it.")
        data = path.read_bytes()
        name = path.name
    elif isinstance(source, (bytes, bytearray, memoryview)):
        data = bytes(source)
        if len(data) > max_bytes and data[:2] != b"PK":
            raise ChatFormatError(f"The input is larger than {max_bytes:,} bytes; refusing to read it.")
    elif hasattr(source, "read"):
        data = source.read()
        name = getattr(source, "name", None)
        if isinstance(name, str):
            name = os.path.basename(name)
        else:
            name = None
        if isinstance(data, str):  # a text-mode file object: accept it, the text is already decoded
            data = data.encode("utf-8")
    else:
        raise TypeError(f"load_chat() takes a path, bytes or a binary file object, not {type(source).__name__}")

    if data[:4] in (b"PK\x03\x04", b"PK\x05\x06"):
        return _read_zip(data, container=name, max_bytes=max_bytes)
    if name and name.lower().endswith(".zip"):
        raise ChatFormatError(f"{name} is not a readable zip archive. Expected {EXPECTED}.")
    return RawExport(data, name)


def _chat_member_rank(info: zipfile.ZipInfo) -> tuple:
    """Sort key: the most chat-like .txt file first."""
    base = os.path.basename(info.filename)
    lower = base.lower()
    return (
        lower != "_chat.txt",
        "whatsapp" not in lower and "chat" not in lower,
        -info.file_size,
    )


def _read_zip(data: bytes, *, container: str | None, max_bytes: int) -> RawExport:
    label = container or "The zip archive"
    try:
        zf = zipfile.ZipFile(io.BytesIO(data))
        members = [i for i in zf.infolist()
                   if not i.is_dir() and i.filename.lower().endswith(".txt")
                   and not os.path.basename(i.filename).startswith("._")]  # macOS resource forks
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, EOFError) as exc:
        raise ChatFormatError(f"{label} is damaged or not a zip archive ({exc}). Expected {EXPECTED}.") from None
    if not members:
        raise ChatFormatError(f"{label} contains no .txt chat file. Expected {EXPECTED}.")
    info = sorted(members, key=_chat_member_rank)[0]
    if info.file_size > max_bytes:
        raise ChatFormatError(
            f"{label}: the chat file {info.filename} would be {info.file_size:,} bytes uncompressed, "
            f"above the limit of {max_bytes:,}; refusing to unpack it.")
    if info.compress_size and info.file_size / info.compress_size > MAX_ZIP_RATIO and info.file_size > 10_000_000:
        raise ChatFormatError(
            f"{label}: the chat file {info.filename} is compressed {info.file_size // info.compress_size}-fold, "
            "which no real chat export is; refusing to unpack it (possible zip bomb).")
    try:
        with zf.open(info) as fh:
            text = fh.read(max_bytes + 1)
    except (zipfile.BadZipFile, OSError, EOFError, RuntimeError, NotImplementedError) as exc:
        raise ChatFormatError(f"{label}: cannot read {info.filename} ({exc}).") from None
    if len(text) > max_bytes:
        raise ChatFormatError(f"{label}: {info.filename} is larger than {max_bytes:,} bytes; refusing to unpack it.")
    return RawExport(text, os.path.basename(info.filename), container)


def decode_utf8(data: bytes) -> tuple[bytes, int]:
    """UTF-8 bytes with each undecodable byte replaced by U+FFFD, and how many were replaced.

    The count is exact: undecodable bytes become lone surrogates first (`surrogateescape`), which
    no valid text contains, and those are counted. (The parser validates UTF-8 without decoding and
    calls this only for invalid input.)
    """
    text = data.decode("utf-8", errors="surrogateescape")
    text, count = _ESCAPED_BYTE.subn("\ufffd", text)
    return text.encode("utf-8"), count


_ESCAPED_BYTE = re.compile("[\udc80-\udcff]")
