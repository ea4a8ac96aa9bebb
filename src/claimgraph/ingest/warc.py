"""WARC / WARC.gz crawls: one RawDocument per HTML response record.

Crawls (Common Crawl, Heritrix, wget --warc-file) are where news pages come from at scale. Only
``response`` records with a 2xx HTML payload are articles; everything else (requests, metadata,
images, redirects) is skipped silently. The target URI and WARC-Date come from the record
headers; the payload is decoded with the HTTP charset when it is declared and works, otherwise
the charset is detected. A truncated record yields a DocumentError and the iterator goes on to
whatever follows.
"""

from __future__ import annotations

import io
import re
import zlib
from collections.abc import Iterator
from pathlib import Path
from typing import BinaryIO

from ..errors import DocumentError
from ..model import RawDocument
from .decode import DEFAULT_MAX_BYTES, _looks_binary, decode_bytes, noisy_text

HTML_TYPES = ("text/html", "application/xhtml+xml")


def _decode_payload(payload: bytes, charset: str | None, source: str, position: str, max_bytes: int | None):
    """The payload as text: the declared charset when it decodes to text, else detection.

    A declared Latin-1 decodes any bytes at all, so the binary checks run before trusting it.
    """
    wide = (charset or "").lower().replace("_", "-").startswith(("utf-16", "utf-32"))  # NUL bytes are text there
    what = None if wide else _looks_binary(payload)
    if what:
        raise DocumentError("binary", f"not text: looks like {what}", source, position)
    if charset:
        try:
            text = payload.decode(charset)
        except (LookupError, UnicodeDecodeError):
            pass
        else:
            if text.strip() and not noisy_text(text):
                return text, charset.lower()
    return decode_bytes(payload, source, max_bytes, position)


def _content_decode(payload: bytes, encoding: str | None) -> bytes:
    """Undo an HTTP Content-Encoding that the crawler stored as sent (gzip, deflate)."""
    if not encoding or encoding.lower() in ("identity", ""):
        return payload
    enc = encoding.lower()
    if enc in ("gzip", "x-gzip"):
        return zlib.decompress(payload, 16 + zlib.MAX_WBITS)
    if enc == "deflate":
        try:
            return zlib.decompress(payload)
        except zlib.error:
            return zlib.decompress(payload, -zlib.MAX_WBITS)
    raise ValueError(f"unsupported Content-Encoding {encoding}")


def iter_warc(
    path: Path,
    source: str | None = None,
    max_bytes: int | None = DEFAULT_MAX_BYTES,
    start: int = 0,
    end: int | None = None,
    first: int = 0,
) -> Iterator[RawDocument | DocumentError]:
    """Yield the HTML responses of a WARC file ("record N @ offset X", N counting response records).

    After a damaged record the reader resynchronises on the next gzip member (``.warc.gz``, one member per
    record as crawlers write them) or the next ``WARC/1.`` line, so one bad record costs one error only.
    ``start``/``end``/``first``: only the records from offset ``start`` (a record's start, after ``first``
    response records) up to the record at offset ``end``: one worker task's slice (see :func:`walk_warc`).
    """
    for item, _pos, _n in walk_warc(path, source, max_bytes, start, end, first):
        if item is not None:
            yield item


def walk_warc(
    path: Path,
    source: str | None = None,
    max_bytes: int | None = DEFAULT_MAX_BYTES,
    start: int = 0,
    end: int | None = None,
    first: int = 0,
) -> Iterator[tuple[RawDocument | DocumentError | None, int, int | None]]:
    """``(item or None, offset, N)`` for every response record, N None for a corrupt stretch (not a record start).

    Offsets only grow, so the records of a slice [start, end) are exactly those a whole-file read meets
    between those offsets, numbered alike when ``first`` is the count of response records before ``start``.
    """
    source = source or str(path)
    if not path.exists():
        yield DocumentError("not_found", "no such file", source), start, None
        return
    gz = path.name.lower().endswith(".gz")
    offset: int | None = start
    counter = [first]  # response records seen so far, across resynchronisations
    while offset is not None:
        resume_at = None
        for item, pos, is_record in _records_from(path, offset, counter, source, max_bytes):
            if end is not None and pos >= end:
                return
            yield item, pos, counter[0] if is_record else None
            if isinstance(item, DocumentError) and item.kind == "truncated":
                resume_at = _next_start(path, pos + 1, gz)
                break
        offset = resume_at


class _Window(io.RawIOBase):
    """The file from ``start`` on, with positions counted from there (fastwarc's stream_pos is then relative)."""

    def __init__(self, fh: BinaryIO, start: int) -> None:
        super().__init__()
        self._fh = fh
        self._pos = 0
        fh.seek(start)

    def readable(self) -> bool:
        return True

    def readinto(self, buffer) -> int:
        n = self._fh.readinto(buffer) or 0
        self._pos += n
        return n

    def tell(self) -> int:
        return self._pos


def _records_from(path: Path, offset: int, counter: list[int], source: str, max_bytes: int | None):
    """``(item or None, absolute offset, is a record)`` per response record from ``offset`` until damage or the end.

    fastwarc hands out a record cut inside its headers as a partial one, or stops without a word, so each record
    is checked to be whole (its gzip member ends, its block fits in the file), and when the reading stops the
    bytes after the last whole record must be padding: anything else is a truncated record.
    """
    from fastwarc.warc import ArchiveIterator, WarcRecordType

    gz = path.name.lower().endswith(".gz")
    pos, end = offset, None  # where the last record read (of any type) starts and ends
    with path.open("rb") as raw:
        stream = io.BufferedReader(_Window(raw, offset))
        records = iter(ArchiveIterator(stream, parse_http=True))
        while True:
            try:
                record = next(records)
            except StopIteration:
                break
            except Exception as exc:  # fastwarc raises OSError/ValueError on a corrupt stream
                # resync after the damage: a whole gzip member ends where it does; a plain record's length may lie
                at = end if gz and end is not None and end >= 0 else pos
                yield _corrupt(f"corrupt WARC stream: {exc}", source, counter[0]), at, False
                return
            pos = offset + record.stream_pos
            end = _record_end(path, pos, record, gz)
            is_response = record.record_type == WarcRecordType.response
            if is_response:
                counter[0] += 1
            if end is None:
                yield _cut(source, counter[0], pos, is_response), pos, is_response
                return
            if is_response:
                yield _record_document(record, source, f"record {counter[0]} @ offset {pos}", max_bytes), pos, True
    if end == -1:
        end = _gzip_chain_end(path, offset)
    cut = _first_content(path, offset if end is None else end)
    if cut is not None:
        message = f"{path.stat().st_size - cut:,} bytes at offset {cut} are not a whole WARC record"
        yield _corrupt(message, source, counter[0]), cut, False


def _corrupt(message: str, source: str, records_before: int) -> DocumentError:
    return DocumentError("truncated", message, source, f"after record {records_before}")


def _cut(source: str, number: int, pos: int, is_response: bool) -> DocumentError:
    if not is_response:
        return _corrupt(f"the WARC record at offset {pos} is cut short", source, number)
    return DocumentError("truncated", "WARC record cut short", source, f"record {number} @ offset {pos}")


def _record_end(path: Path, pos: int, record, gz: bool) -> int | None:
    """Where the record at ``pos`` ends in the file, None when the file ends first, -1 when that is unknowable.

    Unknowable: a crawl gzipped as one stream (not one member per record) has no record offsets to check.
    """
    if gz:
        with path.open("rb") as fh:
            fh.seek(pos)
            if fh.read(3) != _GZIP_MAGIC:
                return -1
        return _member_end(path, pos)
    try:
        block = int(record.headers.get("Content-Length") or "")  # the block's; content_length is the payload's
    except ValueError:
        return None
    with path.open("rb") as fh:
        fh.seek(pos)
        head = fh.read(1 << 16)
        blank = head.find(b"\r\n\r\n")
        end = pos + blank + 4 + block
        return end if blank >= 0 and end <= fh.seek(0, io.SEEK_END) else None


def _member_end(path: Path, start: int) -> int | None:
    """Where the gzip member starting at ``start`` ends, or None when the file ends (or breaks) before it does."""
    member = zlib.decompressobj(16 + zlib.MAX_WBITS)
    with path.open("rb") as fh:
        fh.seek(start)
        read = 0
        while not member.eof:
            chunk = fh.read(1 << 20)
            if not chunk:
                return None
            read += len(chunk)
            try:
                member.decompress(chunk)
            except zlib.error:
                return None
        return start + read - len(member.unused_data)


def _gzip_chain_end(path: Path, start: int) -> int:
    """Where the run of whole gzip members from ``start`` stops: the end of the file, or a cut member."""
    end = start
    while (nxt := _member_end(path, end)) is not None:
        end = nxt
    return end


def _first_content(path: Path, start: int) -> int | None:
    """The offset of the first byte from ``start`` on that is not padding (CR, LF, space, NUL), or None."""
    with path.open("rb") as fh:
        fh.seek(start)
        pos = start
        while chunk := fh.read(1 << 20):
            rest = chunk.lstrip(b"\r\n\t \x00")
            if rest:
                return pos + len(chunk) - len(rest)
            pos += len(chunk)
    return None


_GZIP_MAGIC = b"\x1f\x8b\x08"
_GZIP_MEMBER = re.compile(re.escape(_GZIP_MAGIC))
_WARC_HEADER = re.compile(rb"WARC/1\.[01]\r?\n")


def _next_start(path: Path, start: int, gz: bool) -> int | None:
    """Offset of the next gzip member or WARC record header at or after ``start``, or None."""
    marker = _GZIP_MEMBER if gz else _WARC_HEADER
    with path.open("rb") as fh:
        fh.seek(start)
        carry, base = b"", start
        while chunk := fh.read(1 << 20):
            data = carry + chunk
            found = marker.search(data)
            if found:
                return base - len(carry) + found.start()
            carry = data[-16:]
            base += len(chunk)
    return None


def _record_document(record, source: str, position: str, max_bytes: int | None) -> RawDocument | DocumentError | None:
    uri = record.headers.get("WARC-Target-URI")
    try:
        payload = record.reader.read()
    except Exception as exc:  # a broken gzip member inside the record
        return DocumentError("truncated", f"unreadable WARC record: {exc}", source, position)
    http = record.http_headers
    if http is None:
        return DocumentError("truncated", "WARC record ends inside its HTTP headers", source, position)
    if not 200 <= (http.status_code or 0) < 300:
        return None
    ctype = (record.http_content_type or "").lower()
    if ctype and not ctype.startswith(HTML_TYPES):
        return None
    if len(payload) < record.content_length:
        return DocumentError(
            "truncated",
            f"WARC record truncated: {len(payload)} of {record.content_length} payload bytes",
            source,
            position,
        )
    try:
        payload = _content_decode(payload, http.get("Content-Encoding"))
        text, encoding = _decode_payload(payload, record.http_charset, source, position, max_bytes)
    except DocumentError as err:
        return err
    except (ValueError, zlib.error) as exc:
        return DocumentError("encoding", f"cannot decode payload: {exc}", source, position)
    date = record.record_date
    return RawDocument(
        text=text,
        source=source,
        format="html",
        url=uri,
        position=position,
        encoding=encoding,
        fetched_at=date.isoformat() if date else None,
        metadata={"warc_record_id": record.headers.get("WARC-Record-ID")},
    )
