"""People, organisations, countries and places with every mention of them in one article."""

from __future__ import annotations

from dataclasses import dataclass, field

from ..vocab import MentionKind


@dataclass(slots=True)
class Mention:
    """One occurrence of an entity in the body."""

    start: int
    end: int
    text: str
    kind: MentionKind = "name"


@dataclass(slots=True)
class Entity:
    """A person, organisation, country or place, with all its mentions in one article."""

    id: str  # "e1", unique within the record
    name: str
    type: str  # spaCy's label after relabelling: PERSON | ORG | GPE | NORP | LOC | FAC | GROUP ...
    mentions: list[Mention] = field(default_factory=list)
    roles: list[str] = field(default_factory=list)
    country: str | None = None  # ISO 3166-1 alpha-3
    aliases: list[str] = field(default_factory=list)
