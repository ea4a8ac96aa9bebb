"""Files, directories, stdin and gzip: one RawDocument (or DocumentError) per input file."""

from __future__ import annotations

import sys
import zlib
from collections.abc import Iterable, Iterator
from pathlib import Path

from ..errors import DocumentError
from ..model import RawDocument
from .decode import DEFAULT_MAX_BYTES, decode_bytes

FORMAT_BY_SUFFIX = {
    ".html": "html",
    ".htm": "html",
    ".xhtml": "html",
    ".md": "markdown",
    ".markdown": "markdown",
    ".txt": "auto",
    ".text": "auto",
}
TEXT_SUFFIXES = set(FORMAT_BY_SUFFIX)


def _format_for(path: Path, requested: str) -> str:
    if requested != "auto":
        return requested
    suffixes = [s.lower() for s in path.suffixes if s.lower() != ".gz"]
    return FORMAT_BY_SUFFIX.get(suffixes[-1], "auto") if suffixes else "auto"


def _too_large(limit: int, source: str) -> DocumentError:
    return DocumentError(
        "too_large", f"gzip data unpacks to over {limit:,} bytes (raise the limit with --max-bytes)", source
    )


def _read_gzip(data: bytes, source: str, max_bytes: int | None = None) -> bytes:
    """Every gzip member, unpacked no further than ``max_bytes`` (a small bomb never fills memory)."""
    out, rest = bytearray(), data
    try:
        while rest.strip(b"\x00"):  # zero padding after the last member is allowed, as gzip.decompress does
            if rest[:2] != b"\x1f\x8b":
                raise OSError(f"Not a gzipped file ({rest[:2]!r})")
            member = zlib.decompressobj(16 + zlib.MAX_WBITS)
            room = -1 if max_bytes is None else max_bytes + 1 - len(out)
            out += member.decompress(rest, max(room, 1) if room >= 0 else 0)
            if max_bytes is not None and (len(out) > max_bytes or member.unconsumed_tail):
                raise _too_large(max_bytes, source)
            if not member.eof:
                raise EOFError("compressed data ended before the end-of-stream marker")
            rest = member.unused_data
    except (EOFError, OSError, zlib.error) as exc:
        raise DocumentError("truncated", f"corrupt or truncated gzip: {exc}", source) from exc
    return bytes(out)


def read_bytes(data: bytes, source: str, fmt: str = "auto", max_bytes: int | None = DEFAULT_MAX_BYTES) -> RawDocument:
    """Decode one document's bytes (gunzipping ``*.gz`` sources) into a RawDocument."""
    if source.endswith(".gz") or data[:2] == b"\x1f\x8b":
        data = _read_gzip(data, source, max_bytes)
    text, encoding = decode_bytes(data, source, max_bytes)
    return RawDocument(text=text, source=source, format=fmt, encoding=encoding)


def read_file(path: str | Path, fmt: str = "auto", max_bytes: int | None = DEFAULT_MAX_BYTES) -> RawDocument:
    """Read one file; ``-`` is standard input."""
    if str(path) == "-":
        return read_bytes(sys.stdin.buffer.read(), "<stdin>", fmt, max_bytes)
    p = Path(path)
    try:
        size = p.stat().st_size
        if max_bytes is not None and not p.name.endswith(".gz") and size > max_bytes:
            raise DocumentError(
                "too_large", f"{size:,} bytes exceeds the limit of {max_bytes:,} (raise it with --max-bytes)", str(p)
            )
        data = p.read_bytes()
    except FileNotFoundError as exc:
        raise DocumentError("not_found", "no such file", str(p)) from exc
    except IsADirectoryError as exc:
        raise DocumentError("not_found", "is a directory", str(p)) from exc
    except PermissionError as exc:
        raise DocumentError("not_found", "permission denied", str(p)) from exc
    return read_bytes(data, str(p), _format_for(p, fmt), max_bytes)


def _expand(path: str) -> Iterator[Path | str]:
    if path == "-":
        yield path
        return
    p = Path(path)
    if p.is_dir():
        for child in sorted(p.rglob("*")):
            if child.is_file() and not child.name.startswith("."):
                yield child
        return
    if not p.exists() and any(ch in path for ch in "*?["):
        yield from sorted(Path().glob(path))
        return
    yield p


def iter_documents(
    paths: Iterable[str], fmt: str = "auto", max_bytes: int | None = DEFAULT_MAX_BYTES
) -> Iterator[RawDocument | DocumentError]:
    """Yield a RawDocument or a DocumentError for every input file, never stopping early."""
    for path in paths:
        for item in _expand(path):
            try:
                yield read_file(item, fmt, max_bytes)
            except DocumentError as err:
                yield err
