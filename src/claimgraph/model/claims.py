"""Claim units and the numbers in them."""

from __future__ import annotations

from dataclasses import dataclass, field

from ..vocab import Approximation, QuantityKind
from .document import Span


@dataclass(slots=True)
class Claim:
    """One claim unit (a sentence or clause) with its check-worthiness and what in the record supports it."""

    id: str  # "c1"
    start: int
    end: int
    text: str
    check_worthiness: float  # 0..1
    check_worthy: bool
    question: bool = False
    attributed_to: list[str] = field(default_factory=list)  # attribution ids
    speakers: list[str] = field(default_factory=list)  # entity ids of those attributions' speakers
    quantities: list[str] = field(default_factory=list)  # quantity ids
    hedges: list[str] = field(default_factory=list)  # hedge ids
    unattributed: bool = False  # check-worthy, unhedged, and no attribution covers it


@dataclass(slots=True)
class CountedObject:
    """The noun phrase a number counts ("militants" in "up to 70,000 militants")."""

    start: int
    end: int
    text: str
    head: str
    lemma: str


@dataclass(slots=True)
class Quantity:
    """A number with its value, unit, what it counts and how it is hedged; ``start/end/text`` is the number."""

    id: str  # "q1"
    start: int
    end: int
    text: str
    value: float
    kind: QuantityKind
    mention: Span  # number, hedge and counted object together
    unit: str | None = None
    high: float | None = None  # upper end of a range ("70,000 to 85,000")
    object: CountedObject | None = None
    approx: str | None = None  # the hedge phrase as written, lower-cased ("up to")
    approx_kind: Approximation | None = None
    approx_span: Span | None = None
    claim: str | None = None  # the claim unit it is in
