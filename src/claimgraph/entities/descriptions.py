"""Descriptions: definite noun phrases that re-mention someone by role ("the Russian general").

A description is linked, in order of preference, to
(1) the most recent entity already known to hold that role ("the judge" after "Judge Berman");
(2) for non-relational roles, the most salient person of the previous sentences whose gender and
    country do not clash ("The Russian general" -> the Russian just named) -- only when the
    description is a subject or its country matches, and never someone named earlier in the same
    sentence ("Brafman asked the judge" is not Brafman);
(3) for a predicate noun ("X was the founder of Y", "X is a lawyer"), the subject.
Relational roles ("the spokesman", "his lawyer") only link through a known role, since they usually
name a new, related person. "The Syrian government" links to the country entity; "the newspaper" to
the latest outlet-like organisation. An unlinked definite description, or an indefinite one that is
the subject of its clause, becomes an entity of its own ("the judge" before the judge is named, an
anonymous speaker such as "a senior official"); later mentions of the same role find it by role.
Plural subjects naming people ("Police said", "some officials say") become GROUP entities.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from .cluster import SUBJECT_DEPS, Cluster, Ref
from .lexicon import (
    GROUP_NOUNS,
    OF_ROLES,
    OUTLET_NAME_WORDS,
    OUTLET_NOUNS,
    RELATIONAL_ROLES,
    ROLE_NOUNS,
    STATE_NOUNS,
    VAGUE_ROLES,
)
from .roles import Description, _trim_punct, describe, extend_hyphen, is_role_head, region_country
from .salience import salience

ROLE_GROUPS = ROLE_NOUNS | {"people", "staff", "member"}


@dataclass(slots=True)
class Candidate:
    """A description found in the text and what kind of referent it wants."""

    desc: Description
    kind: str  # person | group | state | outlet
    definite: bool
    subject: bool


def _span(doc, head) -> tuple[int, int]:
    """Premodifiers + head, plus an "of" complement for heads like "chief" or "secretary"."""
    lefts = list(head.lefts)
    start = extend_hyphen(doc, min((c.left_edge.i for c in lefts), default=head.i))
    end = head.i + 1
    if head.lemma_.lower() in OF_ROLES:
        for c in head.rights:
            if c.dep_ == "prep" and c.lower_ == "of" and c.i == head.i + 1:
                end = c.right_edge.i + 1
    return _trim_punct(doc, start, end)


def _determiner(head) -> tuple[str | None, object]:
    """("def" | "indef" | "poss-name" | "poss-pron" | None, possessor token or None)."""
    for c in head.lefts:
        if c.dep_ == "det":
            low = c.lower_
            if low in ("the", "this", "that"):
                return "def", None
            if low in ("a", "an"):
                return "indef", None
        if c.dep_ == "poss":
            if c.pos_ == "PRON":
                return "poss-pron", c
            if c.ent_type_ == "PERSON":
                return "poss-person", c
            return "def", c
    return None, None


def _is_group(tok, det: str | None) -> bool:
    """An anonymous plural subject of people: "Police said", "some officials say", "the protesters"."""
    if tok.dep_ not in SUBJECT_DEPS or tok.tag_ not in ("NNS", "NNPS") and tok.lower_ != "police":
        return False
    if tok.lemma_.lower() not in ROLE_GROUPS and tok.lower_ not in GROUP_NOUNS:
        return False
    return det in ("def", None)  # "the protesters", "Police", "some officials"; not "his aides"


def find_descriptions(doc, covered: set[int]) -> list[Candidate]:
    """Description NPs whose head is not already part of a name or appositive mention."""
    out: list[Candidate] = []
    for tok in doc:
        if tok.i in covered or tok.pos_ not in ("NOUN", "PROPN") or tok.dep_ in ("compound", "amod", "nmod", "appos"):
            continue
        if tok.pos_ == "PROPN" and tok.ent_type_ not in ("", "NORP"):
            continue
        lemma = tok.lemma_.lower()
        det, _ = _determiner(tok)
        if det is None and doc[extend_hyphen(doc, tok.i)].lower_ in ("the", "this", "that"):
            det = "def"  # "The vice-president": the parser hung "The" on "vice"
        kind = None
        if det in ("def", "indef") and is_role_head(tok) and tok.tag_ in ("NN", "NNP"):
            kind = "person"
        elif det == "def" and lemma in STATE_NOUNS:
            kind = "state"
        elif det == "def" and lemma in OUTLET_NOUNS:
            kind = "outlet"
        elif _is_group(tok, det):
            kind = "group"
        if kind is None:
            continue
        start, end = _span(doc, tok)
        if any(doc[k].ent_type_ == "PERSON" for k in range(start, end)):
            continue
        if kind == "person" and lemma in VAGUE_ROLES and lemma not in ("man", "woman") and end - start <= 2:
            continue
        desc = describe(doc, tok, start, end)
        if kind == "state":
            desc.country = region_country(doc, start, tok.i)
        out.append(Candidate(desc, kind, det == "def", tok.dep_ in SUBJECT_DEPS))
    return out


def compatible(cluster: Cluster, desc: Description, exclude: Cluster | None) -> bool:
    """Gender and country must not clash; a possessor is never its own description."""
    if cluster is exclude or cluster.type != "PERSON" or cluster.plural:
        return False
    if cluster.gender and desc.gender and cluster.gender != desc.gender:
        return False
    return not (cluster.country and desc.country and cluster.country != desc.country)


def link_person(cand: Candidate, history: Sequence[Ref], sent: int, exclude: Cluster | None) -> Cluster | None:
    """The entity a definite person description most plausibly re-mentions, or None."""
    desc = cand.desc
    if not cand.definite:
        return None
    for ref in reversed(history):  # (1) latest entity already holding this role
        if ref.tok < desc.head and desc.role_head in ref.cluster.role_heads and compatible(ref.cluster, desc, exclude):
            return ref.cluster
    if desc.role_head in RELATIONAL_ROLES:
        return None
    # Re-mentions by description are mostly subjects ("The Russian general said"); in object position
    # ("asked the judge") a description usually brings in another participant, unless its country
    # confirms the candidate (checked below through ``compatible`` + the country requirement).
    need_country = not cand.subject
    if need_country and not desc.country:
        return None
    # Binding principle C, roughly: a description does not re-mention someone named earlier in its own
    # sentence ("Brafman asked the judge ..."), so only earlier sentences supply candidates.
    scores = salience(
        history,
        desc.head,
        sent,
        accept=lambda r: (
            r.sent < sent
            and compatible(r.cluster, desc, exclude)
            and (not need_country or r.cluster.country == desc.country)
        ),
    )
    if not scores:
        return None
    return max(scores.values(), key=lambda sc: sc[0])[1]


def link_state(cand: Candidate, countries: dict[str, Cluster]) -> Cluster | None:
    """ "The Syrian government" -> the Syria entity, when the text names that country."""
    code = cand.desc.country
    return countries.get(code) if code else None


def link_outlet(cand: Candidate, history: Sequence[Ref]) -> Cluster | None:
    """ "The newspaper" -> the latest organisation whose name looks like an outlet's (Times, Post, News ...)."""
    for ref in reversed(history):
        c = ref.cluster
        if ref.tok < cand.desc.head and c.type == "ORG" and set(c.name.lower().split()) & OUTLET_NAME_WORDS:
            return c
    return None
