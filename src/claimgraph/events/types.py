"""Event data classes and the PLOVER vocabularies (event types and modes).

These are meant to move into the shared model package; until then the events stage owns them.
Every span is a pair of offsets into the article body (``body[start:end] == text``).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Literal, get_args

# The 16 PLOVER event types (PLOVER manual, draft 0.8, 2021).
EventType = Literal[
    "AGREE",
    "CONSULT",
    "SUPPORT",
    "CONCEDE",
    "COOPERATE",
    "AID",
    "RETREAT",
    "REQUEST",
    "ACCUSE",
    "REJECT",
    "THREATEN",
    "PROTEST",
    "SANCTION",
    "MOBILIZE",
    "COERCE",
    "ASSAULT",
]

# PLOVER 0.8 modes (the "how" of an event); which type uses which is in MODES_BY_TYPE.
EventMode = Literal[
    # CONSULT
    "visit",
    "host",
    "third-party",
    "multilateral",
    "phone",
    # RETREAT
    "withdraw",
    "release",
    "disarm",
    "ceasefire",
    "access",
    "resign",
    # REQUEST / REJECT
    "assist",
    "change",
    "yield",
    "meet",
    # ACCUSE
    "disapprove",
    "investigate",
    "allege",
    # THREATEN (the content of the threat)
    "restrict",
    "arrest",
    "relations",
    "expel",
    "territory",
    "violence",
    # PROTEST
    "demo",
    "riot",
    "strike",
    "hunger",
    "boycott",
    "obstruct",
    "vandalize",
    # SANCTION
    "convict",
    "discontinue",
    # MOBILIZE
    "troops",
    "weapons",
    "police",
    "militia",
    # COERCE
    "seize",
    "censor",
    "curfew",
    "martial-law",
    "deport",
    "withhold",
    "misinformation",
    "cyber",
    "ban",
    # ASSAULT
    "abduct",
    "beat",
    "torture",
    "sexual",
    "targeted",
    "destroy",
    "primitive",
    "firearms",
    "explosives",
    "suicide-attack",
    "aerial",
    "drone",
    "heavy-weapons",
    "crowd-control",
    "unconventional",
]

EVENT_TYPES: tuple[str, ...] = get_args(EventType)
EVENT_MODES: frozenset[str] = frozenset(get_args(EventMode))

MODES_BY_TYPE: dict[str, frozenset[str]] = {
    "CONSULT": frozenset({"visit", "host", "third-party", "multilateral", "phone"}),
    "RETREAT": frozenset({"withdraw", "release", "disarm", "ceasefire", "access", "resign"}),
    "REQUEST": frozenset({"assist", "change", "yield", "meet"}),
    "REJECT": frozenset({"assist", "change", "yield", "meet"}),
    "ACCUSE": frozenset({"disapprove", "investigate", "allege"}),
    "THREATEN": frozenset({"restrict", "arrest", "relations", "expel", "territory", "violence"}),
    "PROTEST": frozenset({"demo", "riot", "strike", "hunger", "boycott", "obstruct", "vandalize"}),
    "SANCTION": frozenset({"convict", "expel", "withdraw", "discontinue"}),
    "MOBILIZE": frozenset({"troops", "weapons", "police", "militia"}),
    "COERCE": frozenset(
        {"seize", "restrict", "censor", "curfew", "martial-law", "arrest", "deport", "withhold", "misinformation"}
        | {"cyber", "ban"}
    ),
    "ASSAULT": frozenset(
        {"abduct", "beat", "torture", "sexual", "targeted", "destroy", "primitive", "firearms", "explosives"}
        | {"suicide-attack", "aerial", "drone", "heavy-weapons", "crowd-control", "unconventional"}
    ),
}


@dataclass(slots=True)
class Actor:
    """Who does or undergoes an event: the words used, the entity they resolve to, country and sector.

    ``entity`` is a claimgraph entity id ("e3") or None; ``country`` ISO 3166 alpha-3 or None;
    ``sector`` a CAMEO/PLOVER sector code (GOV, MIL, REB, OPP, CVL, MED, BUS, IGO, NGO, ...) or None.
    """

    text: str
    start: int
    end: int
    entity: str | None = None
    country: str | None = None
    sector: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "entity": self.entity,
            "text": self.text,
            "start": self.start,
            "end": self.end,
            "country": self.country,
            "sector": self.sector,
        }


@dataclass(slots=True)
class Trigger:
    """The word(s) that name the event ("accused", "airstrikes", "threatened")."""

    start: int
    end: int
    text: str

    def to_dict(self) -> dict[str, Any]:
        return {"start": self.start, "end": self.end, "text": self.text}


@dataclass(slots=True)
class Event:
    """One PLOVER event: who did what to whom, where, when, and on whose word.

    ``attribution`` is the id of the attribution whose content holds the trigger (the event is only
    reported as someone's claim), or of the attribution whose cue *is* the trigger (a speech act such
    as "Russia accused the U.S."; the article asserts that the accusation happened). ``negated``: the
    text says it did not happen; ``hypothetical``: modal, conditional, future, wanted, threatened or
    requested, not (yet) done.
    """

    id: str
    type: EventType
    mode: str | None
    cameo: str
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
        return {
            "id": self.id,
            "type": self.type,
            "mode": self.mode,
            "cameo": self.cameo,
            "trigger": self.trigger.to_dict(),
            "source": self.source.to_dict() if self.source else None,
            "target": self.target.to_dict() if self.target else None,
            "place": self.place,
            "date": self.date,
            "negated": self.negated,
            "hypothetical": self.hypothetical,
            "attribution": self.attribution,
            "confidence": round(self.confidence, 3),
        }
