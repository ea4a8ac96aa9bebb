"""WARC / WARC.gz crawls: one RawDocument per HTML response record.

Crawls (Common Crawl, Heritrix, wget --warc-file) are where news pages come from at scale. Only
``response`` records with a 2xx HTML payload are articles; everything else (requests, metadata,
images, redirects) is skipped silently. The target URI and WARC-Date come from the record
headers; the payload is decoded with the HTTP charset when it is declared and works, otherwise
the charset is detected. A truncated record yields a DocumentError and the iterator goes on to
whatever follows.
"""

from __future__ import annotations

import zlib
from collections.abc import Iterator
from pathlib import Path

from ..errors import DocumentError
from ..model import RawDocument
from .decode import DEFAULT_MAX_BYTES, decode_bytes

HTML_TYPES = ("text/html", "application/xhtml+xml")


def _decode_payload(payload: bytes, charset: str | None, source: str, position: str, max_bytes: int | None):
    if charset:
        try:
            text = payload.decode(charset)
        except (LookupError, UnicodeDecodeError):
            pass
        else:
            if text.strip():
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
    path: Path, source: str | None = None, max_bytes: int | None = DEFAULT_MAX_BYTES
) -> Iterator[RawDocument | DocumentError]:
    """Yield the HTML responses of a WARC file ("record N @ offset X", N counting response records)."""
    from fastwarc.warc import ArchiveIterator, WarcRecordType

    source = source or str(path)
    try:
        stream = path.open("rb")
    except OSError as exc:
        yield DocumentError("not_found", str(exc), source)
        return
    n = 0
    with stream:
        records = iter(ArchiveIterator(stream, record_types=WarcRecordType.response, parse_http=True))
        while True:
            try:
                record = next(records)
            except StopIteration:
                return
            except Exception as exc:  # fastwarc raises OSError/ValueError on a corrupt stream
                yield DocumentError("truncated", f"corrupt WARC stream: {exc}", source, f"after record {n}")
                return
            n += 1
            position = f"record {n} @ offset {record.stream_pos}"
            item = _record_document(record, source, position, max_bytes)
            if item is not None:
                yield item


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
            "truncated", f"WARC record truncated: {len(payload)} of {record.content_length} payload bytes",
            source, position,
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
        text=text, source=source, format="html", url=uri, position=position, encoding=encoding,
        fetched_at=date.isoformat() if date else None,
        metadata={"warc_record_id": record.headers.get("WARC-Record-ID")},
    )
