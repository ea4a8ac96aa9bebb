"""Offset helpers shared by the stages."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from typing import Generic, TypeVar

T = TypeVar("T")


def trim(text: str, start: int, end: int) -> tuple[int, int]:
    """Shrink ``[start, end)`` past surrounding whitespace; an all-space span comes back empty."""
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def trimmed_spans(text: str, spans) -> list[tuple[int, int]]:
    """Each span trimmed of surrounding whitespace, dropping those left empty."""
    out = []
    for start, end in spans:
        start, end = trim(text, start, end)
        if end > start:
            out.append((start, end))
    return out


class SpanIndex(Generic[T]):
    """Items found by the body stretch they cover, so a per-sentence lookup does not scan the whole document.

    A stage that asks, for each of a document's sentences, which attributions (quantities, hedges ...)
    touch it costs sentences x items when it scans the list: fine on an article, quadratic on a book.
    Spans are filed in fixed-size buckets of the body; a query reads only the buckets it overlaps and
    returns the matches in the order the items were given, as the scan did.
    """

    BUCKET = 1024

    def __init__(self, items: Iterable[tuple[int, int, T]]) -> None:
        self._items: list[tuple[int, int, T]] = list(items)
        self._buckets: dict[int, list[int]] = defaultdict(list)
        for n, (start, end, _) in enumerate(self._items):
            for b in range(start // self.BUCKET, max(start, end - 1) // self.BUCKET + 1):
                self._buckets[b].append(n)

    def _candidates(self, start: int, end: int) -> list[int]:
        found: set[int] = set()
        for b in range(start // self.BUCKET, max(start, end - 1) // self.BUCKET + 1):
            found.update(self._buckets.get(b, ()))
        return sorted(found)

    def overlapping(self, start: int, end: int) -> list[tuple[int, int, T]]:
        """Every ``(start, end, item)`` whose span overlaps ``[start, end)``, in the order given."""
        items = self._items
        return [items[n] for n in self._candidates(start, end) if items[n][0] < end and start < items[n][1]]

    def starting_in(self, start: int, end: int) -> list[T]:
        """Every item whose span starts inside ``[start, end)``, in the order given."""
        items = self._items
        return [items[n][2] for n in self._candidates(start, end) if start <= items[n][0] < end]
