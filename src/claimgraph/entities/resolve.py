"""Tie every mention of a person or organisation to one entity (placeholder: NER only)."""

from __future__ import annotations

from bisect import bisect_right

from ..model import Entity, Mention


def resolve_entities(doc) -> list[Entity]:
    """Group spaCy entity mentions by exact text (to be replaced by the full resolver)."""
    by_key: dict[tuple[str, str], Entity] = {}
    for ent in doc.ents:
        if ent.label_ not in {"PERSON", "ORG", "GPE", "NORP", "LOC", "FAC"}:
            continue
        key = (ent.label_, ent.text)
        entity = by_key.get(key)
        if entity is None:
            entity = Entity(id=f"e{len(by_key) + 1}", name=ent.text, type=ent.label_)
            by_key[key] = entity
        entity.mentions.append(Mention(ent.start_char, ent.end_char, ent.text, "name"))
    return list(by_key.values())


class EntityIndex:
    """Find the entity a character span refers to (used by attribution for speakers and targets)."""

    def __init__(self, entities: list[Entity]):
        items = sorted(
            ((m.start, m.end, e.id) for e in entities for m in e.mentions), key=lambda t: t[0]
        )
        self._starts = [s for s, _, _ in items]
        self._items = items

    def entity_at(self, start: int, end: int) -> str | None:
        """Id of the entity whose mention overlaps [start, end) the most, or None."""
        best, best_overlap = None, 0
        i = bisect_right(self._starts, end)
        for s, e, eid in reversed(self._items[max(0, i - 50) : i]):
            overlap = min(e, end) - max(s, start)
            if overlap > best_overlap:
                best, best_overlap = eid, overlap
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
