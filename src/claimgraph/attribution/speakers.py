"""Map a source phrase to an entity id through the entity layer.

Why a fallback: the entity stage resolves pronouns and descriptions ("He", "The
Russian general") when it can; when it leaves a personal pronoun or a definite
role description unresolved, the nearest preceding person is nearly always the
one meant in news prose, which is better than no speaker id at all.
"""

from __future__ import annotations

from bisect import bisect_left

from ..entities.resolve import EntityIndex
from ..model import Entity
from .spans import noun_phrase, tok_end

PERSONAL = {"he", "she", "him", "her", "his", "hers"}
GROUP = {"they", "them", "their"}
ROLE_NOUNS = set(
    [
        "general",
        "president",
        "minister",
        "secretary",
        "senator",
        "governor",
        "spokesman",
        "spokeswoman",
        "spokesperson",
        "official",
        "leader",
        "chief",
        "head",
        "candidate",
        "mayor",
        "congressman",
        "congresswoman",
        "representative",
        "ambassador",
        "commander",
        "director",
        "chairman",
        "chairwoman",
        "ceo",
        "founder",
        "adviser",
        "advisor",
        "aide",
        "lawyer",
        "attorney",
        "judge",
        "professor",
        "analyst",
        "expert",
        "nominee",
        "businessman",
        "billionaire",
        "host",
        "broadcaster",
        "author",
        "writer",
        "journalist",
        "reporter",
        "economist",
        "strategist",
    ]
)
PERSON_TYPES = {"PERSON"}
GROUP_TYPES = {"ORG", "GPE", "NORP"}


class SpeakerResolver:
    """Resolve source tokens to entity ids, with a nearest-antecedent fallback for pronouns and roles."""

    def __init__(self, entities: list[Entity]):
        self.index = EntityIndex(entities)
        self._by_id = {e.id: e for e in entities}
        named = sorted((m.start, e.id, e.type) for e in entities for m in e.mentions if m.kind in {"name", "alias"})
        self._starts = [s for s, _, _ in named]
        self._named = named

    def name(self, entity_id: str | None) -> str | None:
        e = self._by_id.get(entity_id or "")
        return e.name if e else None

    def type(self, entity_id: str | None) -> str | None:
        e = self._by_id.get(entity_id or "")
        return e.type if e else None

    def _previous(self, before: int, types: set[str]) -> str | None:
        i = bisect_left(self._starts, before)
        for s, eid, etype in reversed(self._named[max(0, i - 40) : i]):
            if etype in types and s < before:
                return eid
        return None

    def resolve(self, tok, span: tuple[int, int]) -> str | None:
        """Entity id for the source headed by ``tok`` covering ``span`` (character offsets)."""
        if tok is None:
            return None
        if tok.lower_ in {"who", "that", "which"} and tok.head.dep_ == "relcl":
            tok = tok.head.head  # "Obama, who said ...": the noun the relative clause modifies
            span = noun_phrase(tok)
        start, end = noun_phrase(tok)
        eid = self.index.entity_at(tok.idx, tok_end(tok)) or self.index.entity_at(start, end)
        if eid is None:
            for c in tok.children:  # "Russia's chief of General Staff, Valery Gerasimov"
                if c.dep_ == "appos":
                    eid = self.index.entity_at(c.left_edge.idx, tok_end(c.right_edge))
                    if eid:
                        return eid
            for c in tok.children:  # "Moscow's position", "the White House spokesman"
                if c.dep_ in {"poss", "compound"} and c.pos_ == "PROPN":
                    eid = self.index.entity_at(c.idx, tok_end(c))
                    if eid:
                        return eid
        if eid is not None:
            return eid
        lower = tok.lower_
        if lower in PERSONAL:
            return self._previous(tok.idx, PERSON_TYPES)
        if tok.pos_ == "NOUN" and tok.lemma_.lower() in ROLE_NOUNS and any(c.lower_ == "the" for c in tok.children):
            return self._previous(tok.idx, PERSON_TYPES)
        if lower in GROUP:
            return None
        return self.index.entity_at(*span)
