"""JSON Lines, JSON arrays and CSV corpora: one RawDocument (or DocumentError) per record.

Corpora such as NELA-GT (JSON) and FakeNewsCorpus (CSV) already hold extracted article text plus
metadata; a :class:`FieldMap` says which field is which, so the same reader serves any layout.
Records are streamed (gzip too) so a multi-gigabyte corpus never sits in memory, and every
failure is a DocumentError with the file and the line/row, never an exception that ends the run.
"""

from __future__ import annotations

import csv
import gzip
import io
import json
import re
import sys
import zlib
from collections.abc import Iterator
from dataclasses import dataclass, replace
from pathlib import Path
from typing import IO, Any

from ..article.dates import normalise_date
from ..errors import DocumentError
from ..model import RawDocument
from .decode import _looks_binary, noisy_text
from .jsonarray import ArrayError, iter_array

# Used when a field is not named explicitly: the first key present wins.
TEXT_KEYS = ("text", "content", "body", "article", "maintext", "article_text")
TITLE_KEYS = ("title", "headline")
URL_KEYS = ("url", "link", "source_url")
DATE_KEYS = ("date", "published", "publish_date", "date_publish", "published_at", "pubdate")
SOURCE_KEYS = ("source", "publisher", "domain", "site", "source_domain")
AUTHOR_KEYS = ("authors", "author", "byline")
_SURROGATE = re.compile("[\udc80-\udcff]")  # bytes that were not UTF-8, kept by errors="surrogateescape"


@dataclass(frozen=True, slots=True)
class FieldMap:
    """Which record field holds the body, title, url, date, source (publisher) and authors.

    ``None`` means "the first of the usual names that the record has". ``fetched`` names a
    crawl-time field (not a publication date); ``format`` is the body's format hint.
    """

    text: str | None = None
    title: str | None = None
    url: str | None = None
    date: str | None = None
    source: str | None = None
    authors: str | None = None
    fetched: str | None = None
    label: str | None = None
    format: str = "auto"

    def with_overrides(self, **fields: str | None) -> FieldMap:
        """A copy where every explicitly given (non-None) field replaces the preset's."""
        return replace(self, **{k: v for k, v in fields.items() if v is not None})


PRESETS: dict[str, FieldMap] = {
    # NELA-GT: {"id", "date", "source", "title", "content", "author", "url", "published", ...}
    "nela": FieldMap(text="content", title="title", url="url", date="date", source="source", authors="author"),
    # FakeNewsCorpus: id, domain, type, url, content, scraped_at, ..., title, authors, ...
    "fakenews": FieldMap(
        text="content",
        title="title",
        url="url",
        date=None,
        source="domain",
        authors="authors",
        fetched="scraped_at",
        label="type",
    ),
}


def _pick(record: dict[str, Any], name: str | None, defaults: tuple[str, ...]) -> Any:
    if name is not None:
        return record.get(name)
    for key in defaults:
        value = record.get(key)
        if value not in (None, ""):
            return value
    return None


def _authors(value: Any) -> list[str]:
    if value in (None, ""):
        return []
    if isinstance(value, list):
        return [str(a).strip() for a in value if isinstance(a, str | int | float) and str(a).strip()]
    if not isinstance(value, str):
        return []
    return [a.strip() for a in value.replace(";", ",").split(",") if a.strip()]


def _scalar(value: Any) -> str | None:
    """A metadata field as text; objects and lists are not a title or a URL, so they are dropped."""
    if isinstance(value, bool) or not isinstance(value, str | int | float):
        return None
    return str(value).strip() or None


def _body(record: dict[str, Any], fields: FieldMap, source: str, position: str) -> str:
    """The record's text, or a DocumentError: missing, not a string, not UTF-8, empty, or binary noise."""
    text = _pick(record, fields.text, TEXT_KEYS)
    if text is None and fields.text is None and any(isinstance(record.get(k), str) for k in TEXT_KEYS):
        raise DocumentError("empty", "record has an empty body", source, position)  # {"content": ""} is empty
    if text is None:
        wanted = fields.text or "/".join(TEXT_KEYS)
        raise DocumentError("malformed", f"no text field ({wanted}) in record", source, position)
    if isinstance(text, dict | list | bool):  # str() of an object would become the "article"
        raise DocumentError("malformed", f"text field holds a JSON {type(text).__name__}, not text", source, position)
    if not isinstance(text, str):
        text = str(text)
    if _SURROGATE.search(text):
        raise DocumentError("encoding", "record text is not valid UTF-8", source, position)
    if not text.strip():
        raise DocumentError("empty", "record has an empty body", source, position)
    if _looks_binary(text.encode("utf-8", "surrogateescape")) or noisy_text(text):
        raise DocumentError("binary", "record text looks like binary data", source, position)
    return text


def _publisher(record: dict[str, Any], fields: FieldMap) -> dict[str, str]:
    """``publisher_domain`` when the field holds a host ("bbc.co.uk"), else ``publisher`` (a name)."""
    publisher = _scalar(_pick(record, fields.source, SOURCE_KEYS))
    if not publisher:
        return {}
    if "." in publisher and " " not in publisher:
        return {"publisher_domain": publisher.lower()}
    return {"publisher": publisher}


def _metadata(record: dict[str, Any], fields: FieldMap) -> dict[str, Any]:
    """Title, authors, publication date, publisher and label as the corpus gives them."""
    metadata: dict[str, Any] = {}
    title = _scalar(_pick(record, fields.title, TITLE_KEYS))
    if title:
        metadata["title"] = title
    authors = _authors(_pick(record, fields.authors, AUTHOR_KEYS))
    if authors:
        metadata["authors"] = authors
    raw_date = _pick(record, fields.date, DATE_KEYS)
    published = normalise_date(raw_date)
    if published:
        metadata["published"] = published
    elif raw_date not in (None, ""):
        metadata["date_raw"] = str(raw_date)
    metadata.update(_publisher(record, fields))
    if fields.label and _scalar(record.get(fields.label)):
        metadata["label"] = str(record[fields.label])
    return metadata


def record_to_document(record: Any, fields: FieldMap, source: str, position: str) -> RawDocument:
    """Map one parsed record to a RawDocument, or raise a DocumentError saying why not."""
    if not isinstance(record, dict):
        raise DocumentError("malformed", f"expected a JSON object, got {type(record).__name__}", source, position)
    text = _body(record, fields, source, position)
    url = _scalar(_pick(record, fields.url, URL_KEYS))
    return RawDocument(
        text=text,
        source=source,
        format=fields.format,
        url=url,
        fetched_at=normalise_date(record.get(fields.fetched)) if fields.fetched else None,
        position=position,
        encoding="utf-8",
        metadata=_metadata(record, fields),
    )


STDIN = "-"
STDIN_SOURCE = "<stdin>"


def open_binary(path: Path) -> IO[bytes]:
    """The file's bytes, gunzipped on the fly for ``*.gz`` (errors surface while reading).

    ``-`` is standard input, gunzipped when it starts with the gzip magic bytes (a pipe has no name).
    """
    if str(path) == STDIN:
        stdin = io.BufferedReader(io.FileIO(sys.stdin.fileno(), "rb", closefd=False))
        return gzip.open(stdin, "rb") if stdin.peek(2)[:2] == b"\x1f\x8b" else stdin
    if path.name.endswith(".gz"):
        return gzip.open(path, "rb")
    return path.open("rb")


def _source_name(path: Path, source: str | None) -> str:
    return source or (STDIN_SOURCE if str(path) == STDIN else str(path))


_READ_ERRORS = (EOFError, OSError, zlib.error)


def _truncated(exc: Exception, source: str, position: str) -> DocumentError:
    return DocumentError("truncated", f"input ends early or is corrupt: {exc}", source, position)


def _open_or_error(path: Path, source: str) -> IO[bytes] | DocumentError:
    try:
        return open_binary(path)
    except FileNotFoundError:
        return DocumentError("not_found", "no such file", source)
    except OSError as exc:
        return DocumentError("not_found", str(exc), source)


def iter_jsonl(
    path: Path, fields: FieldMap, source: str | None = None, start: int = 0, end: int | None = None, first_line: int = 1
) -> Iterator[RawDocument | DocumentError]:
    """One document per non-blank line ("line N", 1-based); a bad line is an error, the rest goes on.

    ``start``/``end``/``first_line``: only the lines that begin in bytes [start, end) of an uncompressed file,
    the first being line number ``first_line`` (a slice of a big file for one worker task, see lake/plan.py).
    """
    source = _source_name(path, source)
    stream = _open_or_error(path, source)
    if isinstance(stream, DocumentError):
        yield stream
        return
    lineno, offset = first_line - 1, start
    with stream:
        try:
            if start:
                stream.seek(start)
            for lineno, line in enumerate(stream, first_line):  # noqa: B007  (lineno used after the loop)
                if end is not None and offset >= end:
                    break
                offset += len(line)
                if not line.strip():
                    continue
                position = f"line {lineno}"
                try:
                    record = json.loads(line.decode("utf-8"))
                except UnicodeDecodeError as exc:
                    yield DocumentError("encoding", f"line is not valid UTF-8: {exc}", source, position)
                    continue
                except json.JSONDecodeError as exc:
                    kind = "binary" if _looks_binary(line[:8192]) else "malformed"
                    yield DocumentError(kind, f"invalid JSON: {exc}", source, position)
                    continue
                try:
                    yield record_to_document(record, fields, source, position)
                except DocumentError as err:
                    yield err
        except _READ_ERRORS as exc:
            yield _truncated(exc, source, f"after line {lineno}")


def iter_json(path: Path, fields: FieldMap, source: str | None = None) -> Iterator[RawDocument | DocumentError]:
    """A JSON file holding an array of records ("item N", 0-based) or one record object.

    The array is read item by item (:mod:`.jsonarray`), so a large dump is never held whole;
    when it breaks off (malformed, truncated), the items before the break are kept.
    """
    source = _source_name(path, source)
    stream = _open_or_error(path, source)
    if isinstance(stream, DocumentError):
        yield stream
        return
    with stream:
        head, index = b"", 0
        try:
            head = stream.peek(8192)[:8192] if hasattr(stream, "peek") else b""
            for index, record in iter_array(stream):
                try:
                    yield record_to_document(record, fields, source, f"item {index}")
                except DocumentError as err:
                    yield err
        except UnicodeDecodeError as exc:
            yield DocumentError("encoding", f"file is not valid UTF-8: {exc}", source, "file")
        except (json.JSONDecodeError, ArrayError) as exc:
            kind = "binary" if _looks_binary(head) else "malformed"
            position = f"item {exc.index}" if isinstance(exc, ArrayError) else "file"
            yield DocumentError(kind, f"invalid JSON: {exc}", source, position)
        except _READ_ERRORS as exc:
            yield _truncated(exc, source, f"after item {index}")


def _raise_field_limit() -> None:
    """Let a CSV field be as large as the platform allows (article bodies exceed the 128 KiB default)."""
    limit = sys.maxsize
    while True:
        try:
            csv.field_size_limit(limit)
            return
        except OverflowError:
            limit //= 10


def csv_text(stream: IO[bytes]) -> IO[str]:
    """A CSV byte stream as text the way every CSV reader here reads it (BOM dropped, bad bytes kept, no
    newline translation, fields as large as the platform allows), so a count and a read agree."""
    _raise_field_limit()
    return io.TextIOWrapper(stream, encoding="utf-8-sig", errors="surrogateescape", newline="")


def iter_csv(path: Path, fields: FieldMap, source: str | None = None) -> Iterator[RawDocument | DocumentError]:
    """One document per data row ("row N", 1-based, after the header); quoted multi-line fields work."""
    source = _source_name(path, source)
    stream = _open_or_error(path, source)
    if isinstance(stream, DocumentError):
        yield stream
        return
    with stream:
        head = stream.peek(8192)[:8192] if hasattr(stream, "peek") else b""
        if _looks_binary(head) and not head.startswith(b"\xef\xbb\xbf"):
            yield DocumentError("binary", "not a CSV file: looks like binary data", source, "file")
            return
        reader = csv.DictReader(csv_text(stream))
        row = 0
        while True:
            try:
                record = next(reader)
            except StopIteration:
                return
            except csv.Error as exc:
                row += 1
                yield DocumentError("malformed", f"bad CSV row: {exc}", source, f"row {row}")
                continue
            except _READ_ERRORS as exc:
                yield _truncated(exc, source, f"after row {row}")
                return
            row += 1
            try:
                yield record_to_document(record, fields, source, f"row {row}")
            except DocumentError as err:
                yield err
