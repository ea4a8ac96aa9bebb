"""Organisation context: when a name that the gazetteer knows as a town is used as an organisation.

spaCy's small model tags many towns ORG, so the recogniser takes an ORG whose whole name is a sizeable town
as the town ("Avondale's sights", "a Rochester man"). This module says when the context shows an
organisation instead, and the mention must not become a place: "Toyota said" (a town does not speak; a
country or region may, "Russia said", and is never vetoed here), a name ending in an institution's word
("the White House"), or "Toyota Motor Corp." named elsewhere in the article (the entity layer merged them).
"""

from __future__ import annotations

import re

# Words that end a company or institution name ("Toyota Motor Corp.", "Ford Motor Co.").
ORG_SUFFIXES = frozenset(
    {
        "inc", "corp", "corporation", "co", "company", "ltd", "llc", "plc", "ag", "sa", "gmbh", "group", "holdings",
        "motor", "motors", "airlines", "airways", "bank", "bancorp", "industries", "international", "technologies",
        "systems", "electric", "energy", "foundation", "institute", "association", "agency", "party", "house",
        "ministry", "department", "council", "committee", "commission", "university", "college",
    }
)  # fmt: skip
# Verbs an organisation (not a town) is the subject of: speech and corporate acts.
ORG_VERBS = frozenset(
    {
        "say", "announce", "tell", "report", "recall", "sell", "buy", "acquire", "hire", "employ", "manufacture",
        "produce", "deny", "confirm", "decline", "add", "comment", "state", "reply", "respond", "warn", "post",
        "earn", "invest", "launch", "unveil", "issue", "spokesman", "spokeswoman",
    }
)  # fmt: skip
_WORD = re.compile(r"[A-Za-z]+")


def org_names(doc, ents, entities) -> set[str]:
    """The ORG/FAC names (without "the") used as an organisation somewhere in the article: one sense per
    discourse, so "Toyota said" also keeps "shares of Toyota" off the map."""
    out = set()
    for ent in ents:
        if ent.label_ in ("ORG", "FAC") and org_context(doc, ent, entities):
            out.add(bare(ent.text))
    return out


def bare(text: str) -> str:
    """A name without a leading "the" or a possessive, as the recogniser trims it."""
    return text.removeprefix("the ").removeprefix("The ").removesuffix("'s").removesuffix("’s")


def org_context(doc, ent, entities) -> bool:
    """Whether the ORG/FAC-tagged span ``ent`` reads as an organisation here, not as a town of that name."""
    return _org_subject(ent) or _org_named_elsewhere(ent, entities)


def _org_subject(ent) -> bool:
    """ "Toyota said", "Toyota recalled": the span's head is the subject of a speech or corporate verb."""
    head = ent.root
    if head.dep_ not in ("nsubj", "nsubjpass") or ent.text.isupper():  # "CROMWELL — The ... announced": a dateline
        return False
    return head.head.lemma_.lower() in ORG_VERBS


def _org_named_elsewhere(ent, entities) -> bool:
    """The entity layer merged this mention with a name ending in a company/institution word."""
    text = bare(ent.text)
    for entity in entities:
        if entity.type not in ("ORG", "FAC"):
            continue
        names = [entity.name, *entity.aliases, *(m.text for m in entity.mentions if m.kind in ("name", "alias"))]
        if text not in names:
            continue
        for name in names:
            words = [w.lower() for w in _WORD.findall(name)]
            if len(words) > 1 and words[-1] in ORG_SUFFIXES:
                return True
    return False
