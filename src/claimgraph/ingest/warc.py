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
    """``(item or None, absolute offset, is a record)`` per response record from ``offset`` until damage or the end."""
    from fastwarc.warc import ArchiveIterator, WarcRecordType

    with path.open("rb") as raw:
        stream = io.BufferedReader(_Window(raw, offset))
        records = iter(ArchiveIterator(stream, record_types=WarcRecordType.response, parse_http=True))
        pos = offset
        while True:
            try:
                record = next(records)
            except StopIteration:
                return
            except Exception as exc:  # fastwarc raises OSError/ValueError on a corrupt stream
                where = f"after record {counter[0]}"
                yield DocumentError("truncated", f"corrupt WARC stream: {exc}", source, where), pos, False
                return
            counter[0] += 1
            pos = offset + record.stream_pos
            yield _record_document(record, source, f"record {counter[0]} @ offset {pos}", max_bytes), pos, True


_GZIP_MEMBER = re.compile(rb"\x1f\x8b\x08")
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
