"""Read a JSON array of records one item at a time.

Why: corpus dumps (NELA-GT ships one JSON array per outlet) run to hundreds of
megabytes; ``json.loads`` of the whole file holds every article as Python objects
at once. Here the text is decoded in chunks and each item is parsed with
``json.JSONDecoder.raw_decode`` as soon as it is complete, so memory holds one
chunk and one item. A top-level object (a single record) is parsed whole.
"""

from __future__ import annotations

import codecs
import json
from collections.abc import Iterator
from typing import IO, Any

CHUNK = 1 << 20  # bytes read at a time (at most)


class ArrayError(ValueError):
    """The text stops being a JSON array at ``index`` (items before it were yielded)."""

    def __init__(self, message: str, index: int) -> None:
        super().__init__(message)
        self.index = index


class _Reader:
    """Decoded text of a byte stream, read on demand, with a cursor."""

    def __init__(self, stream: IO[bytes]) -> None:
        self.stream = stream
        self.decoder = codecs.getincrementaldecoder("utf-8-sig")()
        self.buf = ""
        self.pos = 0
        self.eof = False

    def more(self) -> bool:
        """Append the next chunk; False at the end of the input."""
        if self.eof:
            return False
        # read1: a truncated gzip stream hands over what it has before it raises
        raw = self.stream.read1(CHUNK) if hasattr(self.stream, "read1") else self.stream.read(CHUNK)
        self.eof = not raw
        text = self.decoder.decode(raw, final=self.eof)
        self.buf = self.buf[self.pos :] + text
        self.pos = 0
        return bool(text) or not self.eof

    def skip_space(self) -> str:
        """The next non-space character ('' at the end), leaving the cursor on it."""
        while True:
            while self.pos < len(self.buf) and self.buf[self.pos] in " \t\r\n":
                self.pos += 1
            if self.pos < len(self.buf):
                return self.buf[self.pos]
            if not self.more():
                return ""


def iter_array(stream: IO[bytes]) -> Iterator[tuple[int, Any]]:
    """(index, item) of a JSON array, or (0, value) once for any other JSON value.

    Raises ``UnicodeDecodeError`` for bad bytes, ``json.JSONDecodeError`` for a
    malformed non-array document and :class:`ArrayError` when an array breaks off
    (items before the break have been yielded).
    """
    decoder = json.JSONDecoder()
    reader = _Reader(stream)
    first = reader.skip_space()
    if first != "[":
        while reader.more():
            pass
        yield 0, json.loads(reader.buf[reader.pos :])
        return
    reader.pos += 1
    index = 0
    while True:
        ch = reader.skip_space()
        if ch == "]" and index == 0:
            reader.pos += 1
            break
        while True:
            try:
                item, end = decoder.raw_decode(reader.buf, reader.pos)
                break
            except json.JSONDecodeError as exc:
                # only an item cut by the chunk boundary is worth another read; a real error is final
                cut = exc.msg.startswith("Unterminated string") or exc.pos >= len(reader.buf) - 6
                if not cut or not reader.more():
                    raise ArrayError(f"item {index}: {exc.msg}", index) from exc
        reader.pos = end
        yield index, item
        index += 1
        ch = reader.skip_space()
        if ch == ",":
            reader.pos += 1
            continue
        if ch == "]":
            reader.pos += 1
            break
        raise ArrayError(f"item {index}: expected ',' or ']' after the previous item, found {ch or 'the end'!r}", index)
    if reader.skip_space():
        raise ArrayError("text after the end of the array", index)
