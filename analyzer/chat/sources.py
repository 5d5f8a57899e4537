"""Reading an export: a path, bytes or a binary file object; plain text or a zip, all in memory.

Nothing is extracted to disk. A zip is opened from memory and the chat file found by name
(`_chat.txt` on iOS, `WhatsApp Chat with NAME.txt` and localised names on Android); with two chat
files in one zip the user names one (`chats.zip:WhatsApp Chat with A.txt`). `-` reads standard
input. The size limit is enforced while reading, so a pipe, `/dev/zero` or a growing file cannot
exhaust memory, and a named pipe nobody writes to is given up after `PIPE_WAIT_S`.

Text comes out as UTF-8: UTF-16/UTF-32 exports (with a byte-order mark, or plainly UTF-16) are
transcoded, and a file in a legacy 8-bit encoding (re-saved as "ANSI" on Windows) is read as
Windows-1252 with a warning, instead of turning every accented letter into U+FFFD (which would make
'José' and 'Josí' one person).
"""
from __future__ import annotations

import codecs
import io
import os
import re
import select
import stat
import sys
import zipfile
import zlib
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO, Union

from analyzer.errors import ChatFormatError
from analyzer.notices import Notice

Source = Union[str, os.PathLike, bytes, bytearray, memoryview, BinaryIO]

STDIN = "-"
"""The path that means standard input (`cat chat.txt | wa-analyzer parse -`)."""
PIPE_WAIT_S = 30.0
"""How long a named pipe or terminal may stay silent before reading it is given up."""
_CHUNK = 1 << 20

MAX_CHAT_BYTES = 1 << 30  # 1 GiB of chat text: far above WhatsApp's ~40,000-message export cap
MAX_ZIP_RATIO = 200  # text compresses ~5-10x; hundreds-fold means a crafted archive

EXPECTED = ("a WhatsApp chat export: the .txt file from 'Export chat' (Android: 'WhatsApp Chat with "
            "NAME.txt', iPhone: '_chat.txt'), or the .zip that contains it")


@dataclass
class RawExport:
    """The chat file's bytes (UTF-8, see `to_utf8`), the name it had (inside the zip, if any), and
    notes for the user about how it was read (an encoding other than UTF-8)."""

    data: bytes
    name: str | None
    container: str | None = None  # the zip's own name, when the chat came from one
    notes: tuple = ()  # analyzer.notices.Notice, worded per language and reader

    def __post_init__(self) -> None:
        self.data, note = to_utf8(self.data, self.name)
        if note:
            self.notes = (*self.notes, note)


def read_source(source: Source, *, max_bytes: int = MAX_CHAT_BYTES, member: str | None = None) -> RawExport:
    """Read `source` into memory and unwrap a zip. Raises ChatFormatError with one clear sentence.

    A path may name the chat file inside a zip as `archive.zip:inner.txt` (or pass `member`);
    `-` is standard input.
    """
    name: str | None = None
    if isinstance(source, (str, os.PathLike)):
        if str(source) == STDIN:
            data = _read_stream(sys.stdin.buffer, "Standard input", max_bytes)
            name = "stdin"
        else:
            path = Path(source)
            if not path.exists() and member is None:
                path, member = _split_member(path)
            data = _read_path(path, max_bytes)
            name = path.name
    elif isinstance(source, (bytes, bytearray, memoryview)):
        data = bytes(source)
        if len(data) > max_bytes and data[:2] != b"PK":
            raise ChatFormatError(f"The input is larger than {max_bytes:,} bytes; refusing to read it.")
    elif hasattr(source, "read"):
        name = getattr(source, "name", None)
        name = os.path.basename(name) if isinstance(name, str) else None
        data = _read_stream(source, name or "The input", max_bytes)
    else:
        raise TypeError(f"load_chat() takes a path, bytes or a binary file object, not {type(source).__name__}")

    if data[:4] in (b"PK\x03\x04", b"PK\x05\x06"):
        return _read_zip(data, container=name, max_bytes=max_bytes, member=member)
    if member is not None:
        raise ChatFormatError(f"{name or 'The input'} is not a zip archive, so it has no file {member!r} inside.")
    if name and name.lower().endswith(".zip"):
        raise ChatFormatError(f"{name} is not a readable zip archive. Expected {EXPECTED}.")
    return RawExport(data, name)


def _split_member(path: Path) -> tuple[Path, str | None]:
    """'chats.zip:WhatsApp Chat with A.txt' → (chats.zip, 'WhatsApp Chat with A.txt'), when the
    whole string is not a file; an unknown path is reported as not found."""
    text = str(path)
    m = re.search(r"(?i)\.zip:", text)
    if m:
        archive = Path(text[: m.end() - 1])
        if archive.is_file():
            return archive, text[m.end():]
    if not path.exists():
        raise ChatFormatError(f"File not found: {path}. Expected {EXPECTED}.")
    return path, None


def _read_path(path: Path, max_bytes: int) -> bytes:
    try:
        st_ = path.stat()
    except OSError as exc:
        raise ChatFormatError(f"Cannot read {path}: {exc.strerror or exc}.") from None
    if stat.S_ISDIR(st_.st_mode):
        raise ChatFormatError(f"{path} is a folder. Expected {EXPECTED}.")
    if stat.S_ISREG(st_.st_mode) and st_.st_size > max_bytes:
        raise ChatFormatError(f"{path.name} is larger than {max_bytes:,} bytes; refusing to read it.")
    if stat.S_ISFIFO(st_.st_mode):
        return _read_pipe(path, max_bytes)
    try:
        with open(path, "rb") as fh:  # regular files, devices: the limit holds while reading
            return _read_stream(fh, path.name, max_bytes)
    except OSError as exc:
        raise ChatFormatError(f"Cannot read {path}: {exc.strerror or exc}.") from None


def _read_stream(fh: BinaryIO, label: str, max_bytes: int) -> bytes:
    """At most `max_bytes` from a file object, in chunks (a device such as /dev/zero never ends)."""
    if hasattr(fh, "isatty") and fh.isatty():
        raise ChatFormatError(f"{label} is a terminal: pipe a chat export into '-' (… | wa-analyzer parse -) "
                              f"or give its path. Expected {EXPECTED}.")
    fileno = _fileno(fh)
    if fileno is not None and stat.S_ISFIFO(os.fstat(fileno).st_mode):
        return _read_fd_waiting(fileno, label, max_bytes)
    parts: list[bytes] = []
    total = 0
    while True:
        chunk = fh.read(min(_CHUNK, max_bytes + 1 - total))
        if isinstance(chunk, str):  # a text-mode file object: accept it, the text is already decoded
            chunk = chunk.encode("utf-8")
        if not chunk:
            break
        parts.append(chunk)
        total += len(chunk)
        if total > max_bytes:
            raise ChatFormatError(f"{label} is larger than {max_bytes:,} bytes; refusing to read it.")
    return b"".join(parts)


def _fileno(fh: object) -> int | None:
    try:
        return fh.fileno()  # type: ignore[attr-defined]
    except (AttributeError, OSError, ValueError, io.UnsupportedOperation):
        return None


def _read_pipe(path: Path, max_bytes: int) -> bytes:
    """A named pipe: opened without blocking (opening one blocks until a writer comes)."""
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK)
    except OSError as exc:
        raise ChatFormatError(f"Cannot read {path}: {exc.strerror or exc}.") from None
    try:
        return _read_fd_waiting(fd, path.name, max_bytes)
    finally:
        os.close(fd)


def _read_fd_waiting(fd: int, label: str, max_bytes: int) -> bytes:
    """Read a pipe to its end, waiting at most `PIPE_WAIT_S` for each piece of data."""
    poller = select.poll()
    poller.register(fd, select.POLLIN | select.POLLHUP)
    parts: list[bytes] = []
    total = 0
    while True:
        if not poller.poll(PIPE_WAIT_S * 1000):
            what = "nothing was written to it" if not total else "its writer stopped writing"
            raise ChatFormatError(f"{label} is a pipe and {what} for {PIPE_WAIT_S:.0f} s; giving up. "
                                  f"Expected {EXPECTED}.")
        try:
            chunk = os.read(fd, min(_CHUNK, max_bytes + 1 - total))
        except BlockingIOError:
            continue
        if not chunk:
            return b"".join(parts)
        parts.append(chunk)
        total += len(chunk)
        if total > max_bytes:
            raise ChatFormatError(f"{label} is larger than {max_bytes:,} bytes; refusing to read it.")


def _chat_member_rank(info: zipfile.ZipInfo) -> tuple:
    """Sort key: the most chat-like .txt file first."""
    base = os.path.basename(info.filename)
    lower = base.lower()
    return (
        lower != "_chat.txt",
        "whatsapp" not in lower and "chat" not in lower,
        -info.file_size,
    )


_ZIP_ERRORS = (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, EOFError, ValueError, zlib.error,
               NotImplementedError, RuntimeError, IndexError, KeyError, OverflowError, UnicodeDecodeError)


def _looks_like_chat(zf: zipfile.ZipFile, info: zipfile.ZipInfo) -> bool:
    """Whether a .txt member begins like a WhatsApp export (a header among its first lines):
    exports carry shared documents too (notes.txt), which are not chats."""
    from analyzer.chat.shapes import probe_line

    try:
        with zf.open(info) as fh:
            head = fh.read(8192)
    except _ZIP_ERRORS:
        return False
    text, _ = to_utf8(head, None)
    lines = text.decode("utf-8", errors="replace").splitlines()[:40]
    return any(probe_line(ln.lstrip("\ufeff")) is not None for ln in lines)


def _read_zip(data: bytes, *, container: str | None, max_bytes: int, member: str | None = None) -> RawExport:
    label = container or "The zip archive"
    try:
        zf = zipfile.ZipFile(io.BytesIO(data))
        members = [i for i in zf.infolist()
                   if not i.is_dir() and i.filename.lower().endswith(".txt")
                   and not os.path.basename(i.filename).startswith("._")]  # macOS resource forks
    except _ZIP_ERRORS as exc:
        raise ChatFormatError(f"{label} is damaged or not a zip archive ({_reason(exc)}). Expected {EXPECTED}.") from None
    if member is not None:
        named = [i for i in zf.infolist() if not i.is_dir() and member in (i.filename, os.path.basename(i.filename))]
        if not named:
            listing = ", ".join(repr(i.filename) for i in members) or "none"
            raise ChatFormatError(f"{label} has no file {member!r}; its .txt files: {listing}.")
        info = named[0]
    else:
        if not members:
            raise ChatFormatError(f"{label} contains no .txt chat file. Expected {EXPECTED}.")
        ranked = sorted(members, key=_chat_member_rank)
        if len(ranked) > 1:
            chats = [i for i in ranked if _looks_like_chat(zf, i)]
            if len(chats) > 1:
                where = container or "archive.zip"
                names = ", ".join(repr(i.filename) for i in chats)
                raise ChatFormatError(
                    f"{label} holds {len(chats)} chat files ({names}); name the one to read as "
                    f"'{where}:{chats[0].filename}'.")
            ranked = chats or ranked
        info = ranked[0]
    if info.flag_bits & 0x1:
        raise ChatFormatError(f"{label}: the chat file {info.filename} is encrypted (password-protected); "
                              "WhatsApp's own exports are not. Unpack it with its password, or export the chat again.")
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
    except _ZIP_ERRORS as exc:
        raise ChatFormatError(f"{label} is damaged: {info.filename} cannot be unpacked ({_reason(exc)}). "
                              "Copy or export the chat again.") from None
    if len(text) > max_bytes:
        raise ChatFormatError(f"{label}: {info.filename} is larger than {max_bytes:,} bytes; refusing to unpack it.")
    return RawExport(text, os.path.basename(info.filename), container)


def _reason(exc: BaseException) -> str:
    """A short reason from a zip/zlib error, without the ZipInfo dumps some of them carry."""
    msg = str(exc)
    msg = re.sub(r"<ZipInfo[^>]*>", "the file", msg)
    if isinstance(exc, zlib.error):
        return "its compressed data is corrupt"
    if "CRC" in msg:
        return "a checksum does not match: the file is damaged"
    return msg[:200] or type(exc).__name__


# --------------------------------------------------------------------------------------------
# Encodings

_BOMS = (  # longest first: the UTF-32-LE mark begins with the UTF-16-LE one
    (codecs.BOM_UTF32_LE, "utf-32-le", "UTF-32"), (codecs.BOM_UTF32_BE, "utf-32-be", "UTF-32"),
    (codecs.BOM_UTF16_LE, "utf-16-le", "UTF-16"), (codecs.BOM_UTF16_BE, "utf-16-be", "UTF-16"),
)
LEGACY_ENCODING = "cp1252"
"""Read a file that is not UTF-8 (and has no UTF-8 in it at all) as Windows-1252, the "ANSI" of
Windows in Indonesia and Western Europe; bytes Windows-1252 leaves undefined are read as Latin-1."""


def to_utf8(data: bytes, name: str | None) -> tuple[bytes, "Notice | None"]:
    """`data` as UTF-8, and a note for the user (`analyzer.notices.Notice`) when it was another
    encoding (else None).

    - A UTF-16/UTF-32 byte-order mark, or a UTF-16 file without one (every other byte NUL in
      plain text): decoded and re-encoded.
    - Valid UTF-8 (the usual case, checked without decoding in Python): returned as it is.
    - Not UTF-8, with no valid UTF-8 multi-byte sequence at all, and text-like (few control
      bytes): a legacy 8-bit encoding, read as Windows-1252. A file with some valid UTF-8 and some
      broken bytes is left to the parser, which replaces the broken bytes and says how many.
    """
    label = name or "The input"
    if not data:
        return data, None
    for bom, codec, shown in _BOMS:
        if data.startswith(bom):
            return _transcode(data[len(bom):], codec, label, shown)
    head = data[:4096]
    if len(head) >= 8 and head.count(0) * 3 >= len(head):
        odd_nul = head[1::2].count(0)
        even_nul = head[0::2].count(0)
        if odd_nul > 0.8 * (len(head) // 2) and even_nul < 0.2 * (len(head) // 2):
            return _transcode(data, "utf-16-le", label, "UTF-16")
        if even_nul > 0.8 * (len(head) // 2) and odd_nul < 0.2 * (len(head) // 2):
            return _transcode(data, "utf-16-be", label, "UTF-16")
    if data.isascii() or _valid_utf8(data):
        return data, None
    # Decide on a sample (this runs only for files that are not valid UTF-8): the encoding of a
    # re-saved file is the same throughout. One valid sequence per 20 broken bytes is allowed, as
    # Windows-1252 text can spell one by chance ('Ã©').
    sample = data[: 1 << 22].decode("utf-8", errors="surrogateescape")
    invalid = len(_ESCAPED_BYTE.findall(sample))
    valid_multibyte = len(_VALID_NON_ASCII.findall(sample))
    controls = sum(data.count(b) for b in _CONTROL_BYTES)
    if invalid and valid_multibyte * 20 <= invalid and controls * 100 <= len(data):
        try:
            out = data.decode(LEGACY_ENCODING)
            shown = "Windows-1252"
        except UnicodeDecodeError:
            out = data.decode("latin-1")
            shown = "Latin-1 (ISO 8859-1)"
        if not _plausible_legacy(out[: 1 << 22]):
            return data, None  # stray bytes, not an encoding: the parser replaces and counts them
        return out.encode("utf-8"), Notice("read.legacy_encoding", {"file": label, "encoding": shown})
    return data, None


_CONTROL_BYTES = [bytes([b]) for b in range(32) if b not in (9, 10, 12, 13)]
_RARE_LEGACY = frozenset("ÿþÞðÐ¤¦¨¯¸¬¢¥§©®±²³µ¶¹º¼½¾×÷ˆ˜\x81\x8d\x8f\x90\x9d\xa0\xad")
"""Characters that Windows-1252 text seldom contains but stray bytes decode to ('\\xff\\xfe' is 'ÿþ')."""


def _plausible_legacy(text: str) -> bool:
    """Whether text decoded as Windows-1252 reads like text: its non-ASCII characters are mostly
    accented letters and typographic punctuation, not the rare symbols stray bytes give."""
    odd = [c for c in text if c > "\x7f"]
    rare = sum(1 for c in odd if c in _RARE_LEGACY)
    return bool(odd) and rare * 10 <= len(odd)
_VALID_NON_ASCII = re.compile("[^\x00-\x7f\udc80-\udcff]")


def _valid_utf8(data: bytes) -> bool:
    """UTF-8 validation in Arrow's C++ (no Python string is built)."""
    import numpy as np
    import pyarrow as pa

    offsets = pa.py_buffer(np.array([0, len(data)], dtype=np.int64).tobytes())
    arr = pa.Array.from_buffers(pa.large_string(), 1, [None, offsets, pa.py_buffer(data)])
    try:
        arr.validate(full=True)
        return True
    except pa.ArrowInvalid:
        return False


def _transcode(data: bytes, codec: str, label: str, shown: str) -> tuple[bytes, "Notice | None"]:
    text = data.decode(codec, errors="replace")
    bad = text.count("\ufffd")
    note = Notice("read.undecodable", {"file": label, "encoding": shown, "n": bad}) if bad else None
    return text.encode("utf-8"), note


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


def read_text_file(path: str | os.PathLike, what: str) -> str:
    """The text of a small input file given by an option (`what`, e.g. '--aliases'): UTF-8 (a
    BOM allowed) or UTF-16/32 with a BOM, as spreadsheets save "Unicode text". Anything else is
    refused in one sentence that names the option and the file, rather than guessed."""
    p = Path(path)
    try:
        raw = p.read_bytes()
    except OSError as exc:
        raise ChatFormatError(f"{what}: cannot read {str(p)!r}: {exc.strerror or exc}.") from None
    for bom, codec, _ in _BOMS:
        if raw.startswith(bom):
            try:
                return raw[len(bom):].decode(codec)
            except UnicodeDecodeError:
                break
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise ChatFormatError(f"{what}: {str(p)!r} is not UTF-8 text (byte {exc.start + 1:,} cannot be read); "
                              "save it as UTF-8 (CSV UTF-8 in a spreadsheet).") from None


def zip_chat_files(data: bytes) -> list[str]:
    """The files inside a zip's bytes that look like chat exports (empty if it is not a readable
    zip): the dashboard asks which one to read when there are two or more."""
    if data[:4] not in (b"PK\x03\x04", b"PK\x05\x06"):
        return []
    try:
        zf = zipfile.ZipFile(io.BytesIO(data))
        members = [i for i in zf.infolist() if not i.is_dir() and i.filename.lower().endswith(".txt")
                   and not os.path.basename(i.filename).startswith("._")]
    except _ZIP_ERRORS:
        return []
    if len(members) < 2:
        return [i.filename for i in members]
    return [i.filename for i in sorted(members, key=_chat_member_rank) if _looks_like_chat(zf, i)]


def read_zip_member(data: bytes, member: str, *, container: str | None = None,
                    max_bytes: int = MAX_CHAT_BYTES) -> RawExport:
    """One named chat file from a zip's bytes (same checks as `read_source`)."""
    return _read_zip(data, container=container, max_bytes=max_bytes, member=member)
