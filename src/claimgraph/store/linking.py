"""Cross-article entity linking: one KB entity for "Valery Gerasimov", "Gen. Valery Gerasimov", "Gerasimov".

Rule (docs/store.md explains it with its limits):

* names are normalised (accents, case, punctuation, possessive, leading titles such as "Gen." or
  "President" removed) and compared within a type group (people with people, places with places);
* an exact normalised full name already in the KB links to that entity;
* a bare surname links to a full name only when exactly one KB person has that surname; with none
  or several it is kept as a surname-only entity and never guessed;
* a full name whose surname so far exists only as a surname-only entity takes that entity over
  (and gives it its full name) when no other full name has that surname;
* otherwise a near-match (rapidfuzz, same first letters, high score) catches spelling variants
  ("Valeriy Gerasimov"); ties go to the smallest normalised name, so the result does not depend
  on the order in which the index was loaded.

All state is derived from the ``entities``/``entity_aliases`` rows, so a resumed ingest links
exactly as an uninterrupted one did.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field

from rapidfuzz import fuzz, process

from ..entities.lexicon import NAME_SUFFIXES
from ..entities.names import is_acronym, is_name_prefix
from ..model import Entity

GROUPS = {"PERSON": "PERSON", "GPE": "PLACE", "LOC": "PLACE", "FAC": "PLACE"}
FUZZY_PERSON = 90.0
FUZZY_OTHER = 92.0
MIN_FUZZY_LEN = 6
_NON_WORD = re.compile(r"[^\w\s]+")
_POSSESSIVE = re.compile(r"['’]s?$")
_POSSESSIVE_SURFACE = re.compile(r"['’]s$")


def group_of(entity_type: str) -> str:
    return GROUPS.get(entity_type, entity_type)


def normalise(name: str, entity_type: str = "PERSON") -> str:
    """Lower-cased, accent-free, punctuation-free name without leading titles or a possessive."""
    text = unicodedata.normalize("NFKD", name.strip())
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    text = _POSSESSIVE.sub("", text.casefold())
    tokens = _NON_WORD.sub(" ", text.replace("-", " ")).split()
    if group_of(entity_type) == "PERSON":
        tokens = tokens[_after_titles(tokens) :]
        while len(tokens) > 1 and tokens[-1] in NAME_SUFFIXES:
            tokens = tokens[:-1]
    elif len(tokens) > 1 and tokens[0] == "the":
        tokens = tokens[1:]
    return " ".join(tokens)


def _after_titles(tokens: list[str]) -> int:
    """Index just past the last title word before the final token ("Foreign Minister Sergei Lavrov" -> 2)."""
    cut = 0
    for i, tok in enumerate(tokens[:-1]):
        if is_name_prefix(tok):
            cut = i + 1
    return cut


def display_name(surface: str, entity_type: str) -> str:
    """The surface form as written, minus leading titles ("Gen.") and a possessive: the KB's canonical name."""
    tokens = surface.split()
    if group_of(entity_type) == "PERSON":
        tokens = tokens[_after_titles(tokens) :]
    name = " ".join(tokens) or surface.strip()
    return _POSSESSIVE_SURFACE.sub("", name) or name


def entity_id_for(entity_type: str, norm: str, salt: int = 0) -> str:
    digest = hashlib.sha1(f"{group_of(entity_type)}|{norm}|{salt}".encode()).hexdigest()[:16]
    return f"E{digest}"


@dataclass(slots=True)
class Link:
    """Where one article entity went, plus the KB rows that linking it creates or changes."""

    entity_id: str
    how: str  # exact | surname | fuzzy | promoted | new | ambiguous
    new_entity: dict | None = None
    renamed: str | None = None
    aliases: list[tuple[str, str]] = field(default_factory=list)  # (normalised, surface) added to the KB


class EntityLinker:
    """The in-memory index of KB names; ``link`` decides and records, the caller writes the rows."""

    def __init__(self) -> None:
        self.by_alias: dict[tuple[str, str], str] = {}  # (group, normalised full name) -> entity id
        self.surnames: dict[str, set[str]] = {}  # surname -> person ids known by a full name
        self.bare: dict[str, str] = {}  # surname -> the surname-only person entity
        self.blocks: dict[tuple[str, str], dict[str, str]] = {}  # fuzzy candidates: norm -> id
        self.ids: set[str] = set()
        self.aliases_of: dict[str, set[str]] = {}

    # --- loading -----------------------------------------------------------------------------
    def load(self, entity_rows: Iterable[tuple[str, str, str]], alias_rows: Iterable[tuple[str, str]]) -> None:
        """Rebuild from ``(id, name, type)`` and ``(entity_id, alias)`` rows."""
        types: dict[str, str] = {}
        for eid, name, etype in entity_rows:
            types[eid] = etype
            self.ids.add(eid)
            norm = normalise(name, etype)
            if group_of(etype) == "PERSON" and len(norm.split()) == 1:
                self.bare[norm] = eid
        for eid, alias in sorted(alias_rows):
            etype = types.get(eid)
            if etype is not None:
                self._index(eid, etype, alias)

    def _index(self, eid: str, etype: str, norm: str) -> bool:
        """Record ``norm`` as a name of ``eid``; False when another entity already owns it (then it is not stored)."""
        grp = group_of(etype)
        tokens = norm.split()
        if not tokens:
            return False
        if grp == "PERSON" and len(tokens) == 1:  # a bare surname is matched by the surname rule, never as an alias
            self.aliases_of.setdefault(eid, set()).add(norm)
            return True
        if self.by_alias.setdefault((grp, norm), eid) != eid:
            return False
        self.aliases_of.setdefault(eid, set()).add(norm)
        if grp == "PERSON":
            self.surnames.setdefault(tokens[-1], set()).add(eid)
        self.blocks.setdefault(self._block(grp, norm), {})[norm] = eid
        return True

    @staticmethod
    def _block(grp: str, norm: str) -> tuple[str, str]:
        key = norm.split()[-1] if grp == "PERSON" else norm
        return grp, key[:2]

    # --- linking -----------------------------------------------------------------------------
    def link(self, entity: Entity) -> Link:
        """Link one article entity to a KB entity (creating it when nothing matches)."""
        grp = group_of(entity.type)
        names = [entity.name, *(m.text for m in entity.mentions if m.kind == "name")]
        alternates = [*entity.aliases, *(m.text for m in entity.mentions if m.kind == "alias")]
        names += [a for a in alternates if is_acronym(a, entity.name)]  # "U.S." yes; "Moscow" for Russia no
        norms: dict[str, str] = {}
        for surface in names:
            norm = normalise(surface, entity.type)
            if norm and norm not in norms:
                norms[norm] = surface
        if not norms:
            norms[entity.name.casefold()] = entity.name
        primary = max(norms, key=lambda n: len(n.split())) if grp == "PERSON" else next(iter(norms))
        link = self._decide(grp, entity, primary, display_name(norms[primary], entity.type))
        for norm, surface in norms.items():
            if norm not in self.aliases_of.get(link.entity_id, ()) and self._index(link.entity_id, entity.type, norm):
                link.aliases.append((norm, surface))
        return link

    def _decide(self, grp: str, entity: Entity, norm: str, surface: str) -> Link:
        tokens = norm.split()
        found = self.by_alias.get((grp, norm))
        if found:
            return Link(found, "exact")
        if grp == "PERSON":
            surname = tokens[-1]
            full = self.surnames.get(surname, set())
            if len(tokens) == 1:
                if len(full) == 1:
                    return Link(next(iter(full)), "surname")
                if surname in self.bare:
                    return Link(self.bare[surname], "ambiguous" if full else "exact")
                return self._new(entity, norm, surface, bare=True, how="ambiguous" if full else "new")
            fuzzy = self._fuzzy(grp, norm)
            if fuzzy:
                return Link(fuzzy, "fuzzy")
            if surname in self.bare and not full:
                eid = self.bare.pop(surname)
                return Link(eid, "promoted", renamed=surface)
            return self._new(entity, norm, surface)
        fuzzy = self._fuzzy(grp, norm)
        if fuzzy:
            return Link(fuzzy, "fuzzy")
        return self._new(entity, norm, surface)

    def _fuzzy(self, grp: str, norm: str) -> str | None:
        if len(norm) < MIN_FUZZY_LEN:
            return None
        block = self.blocks.get(self._block(grp, norm))
        if not block:
            return None
        cutoff = FUZZY_PERSON if grp == "PERSON" else FUZZY_OTHER
        hits = process.extract(norm, list(block), scorer=fuzz.ratio, score_cutoff=cutoff, limit=None)
        if grp == "PERSON":  # same surname (near enough) and same first initial
            first, last = norm.split()[0], norm.split()[-1]
            hits = [h for h in hits if h[0][0] == first[0] and fuzz.ratio(h[0].split()[-1], last) >= 85]
        if not hits:
            return None
        best = min(hits, key=lambda h: (-h[1], h[0]))
        return block[best[0]]

    def _new(self, entity: Entity, norm: str, surface: str, bare: bool = False, how: str = "new") -> Link:
        salt = 0
        eid = entity_id_for(entity.type, norm)
        while eid in self.ids:
            salt += 1
            eid = entity_id_for(entity.type, norm, salt)
        self.ids.add(eid)
        if bare:
            self.bare[norm] = eid
        row = {"id": eid, "name": surface, "type": entity.type, "country": entity.country}
        return Link(eid, how, new_entity=row)
