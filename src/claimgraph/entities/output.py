"""The resolver's clusters as ``Entity`` records, and the span index attribution looks speakers up in."""

from __future__ import annotations

from bisect import bisect_right

from ..model import Entity
from .cluster import Cluster
from .countries import capital_country, country_code, normalise
from .names import name_words, surname_forms


def _canonical_name(cluster: Cluster) -> str:
    """Longest name form (countries: longest form that is not a capital or seat)."""
    names = [m.text for m in cluster.mentions if m.kind == "name"]
    if cluster.type == "GPE" and cluster.country:
        names = [n for n in names if not capital_country(n)] or names
    if not names:
        return cluster.name
    return max(names, key=lambda n: (len(n.split()), len(n.replace(".", ""))))


def _name_kind(text: str, name: str, type_: str) -> str:
    """ "name" when the mention is the canonical name or (for people) part of it, else "alias"."""
    if type_ == "PERSON":
        words, full = set(name_words(text)), set(name_words(name))
        full |= {f for w in full for f in surname_forms(w)}
        return "name" if words <= full else "alias"
    return "name" if normalise(text) == normalise(name) else "alias"


def to_entities(clusters: list[Cluster]) -> list[Entity]:
    """Final entities, ordered by first mention, with ids e1, e2, ..."""
    live = [c for c in clusters if c.mentions]
    for c in live:
        c.mentions.sort(key=lambda m: (m.start, m.end))
    live.sort(key=lambda c: c.mentions[0].start)
    out: list[Entity] = []
    for n, c in enumerate(live, 1):
        name = _canonical_name(c)
        aliases: list[str] = []
        for m in c.mentions:
            if m.kind == "name":
                m.kind = _name_kind(m.text, name, c.type)
                if normalise(m.text) != normalise(name) and m.text not in aliases:
                    aliases.append(m.text)
        country = c.country or (country_code(name) if c.type == "GPE" else None)
        out.append(
            Entity(
                id=f"e{n}",
                name=name,
                type=c.type,
                mentions=list(c.mentions),
                roles=list(c.roles),
                country=country,
                aliases=aliases,
            )
        )
    return out


class EntityIndex:
    """Find the entity a character span refers to (used by attribution for speakers and targets)."""

    def __init__(self, entities: list[Entity]):
        items = sorted(((m.start, m.end, e.id) for e in entities for m in e.mentions), key=lambda t: t[0])
        self._starts = [s for s, _, _ in items]
        self._items = items
        self._longest = max((e - s for s, e, _ in items), default=0)

    def entity_at(self, start: int, end: int) -> str | None:
        """Id of the entity whose mention overlaps [start, end) the most (ties: the shorter mention), or None."""
        best, best_key = None, (0, 0)
        i = bisect_right(self._starts, end)
        lo = bisect_right(self._starts, start - self._longest - 1)
        for s, e, eid in self._items[lo:i]:
            overlap = min(e, end) - max(s, start)
            key = (overlap, -(e - s))
            if overlap > 0 and key > best_key:
                best, best_key = eid, key
        return best

    def entities_in(self, start: int, end: int) -> list[str]:
        """Ids of entities with a mention inside [start, end), in order of first mention."""
        seen: list[str] = []
        lo = bisect_right(self._starts, start - 1)
        for s, e, eid in self._items[lo:]:
            if s >= end:
                break
            if e <= end and eid not in seen:
                seen.append(eid)
        return seen
