"""PLOVER events: who did what to whom, where, when, and on whose word (the events stage's output)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from ..vocab import EventMode, EventType


@dataclass(slots=True)
class Actor:
    """Who does or undergoes an event: the words used, the entity they resolve to, country and sector.

    ``entity`` is an entity id of the same record ("e3") or None; ``country`` ISO 3166-1 alpha-3 or None;
    ``sector`` a CAMEO/PLOVER sector code (GOV, MIL, REB, OPP, CVL, MED, BUS, IGO, NGO, ...) or None.
    """

    text: str
    start: int
    end: int
    entity: str | None = None
    country: str | None = None
    sector: str | None = None


@dataclass(slots=True)
class Trigger:
    """The word(s) that name the event ("accused", "airstrikes", "threatened")."""

    start: int
    end: int
    text: str


@dataclass(slots=True)
class Event:
    """One PLOVER event with its CAMEO root code (for GDELT users).

    ``attribution`` is the id of the attribution whose content holds the trigger (the event is only
    reported as someone's claim), or of the attribution whose cue *is* the trigger (a speech act such
    as "Russia accused the U.S."). ``place`` is a place id of the record; ``date`` ISO (YYYY, YYYY-MM or
    YYYY-MM-DD) from the article date and the clause's own date expression. ``negated``: the text says it
    did not happen; ``hypothetical``: modal, conditional, future, wanted, threatened or requested.
    """

    id: str  # "v1"
    type: EventType
    mode: EventMode | None
    cameo: str  # CAMEO root code, "01" .. "20"
    trigger: Trigger
    source: Actor | None = None
    target: Actor | None = None
    place: str | None = None
    date: str | None = None
    negated: bool = False
    hypothetical: bool = False
    attribution: str | None = None
    confidence: float = 0.5

    def to_dict(self) -> dict[str, Any]:
        from .serialize import to_data

        return to_data(self)
