"""Third-person pronouns: he/him/his, she/her, they/them/their.

Singular pronouns go to the most salient earlier PERSON (see ``salience``) whose known gender
agrees; an object pronoun may not co-refer with the subject of its own verb ("Obama praised him").
Plural pronouns are linked only in the safe case: the nearest preceding subject that could be
plural (this or the previous sentence; singular people are skipped) is an organisation, country
or group mention that is not part of a coordination ("Republicans said they ...").
"it/its" and first/second person are left alone: "it" is mostly expletive or a thing, and
"I/we/you" belong to the quoted speaker.
"""

from __future__ import annotations

from collections.abc import Sequence

from .cluster import SUBJECT_DEPS, Cluster, Ref
from .lexicon import PRONOUNS
from .salience import salience

GENDER_BONUS = 20.0  # known matching gender beats unknown gender only between near-equals
GROUP_TYPES = frozenset({"ORG", "GPE", "NORP"})


def pronoun_features(tok) -> tuple[str | None, str, str] | None:
    """(gender, number, mention kind) of a third-person pronoun token, else None."""
    feats = PRONOUNS.get(tok.lower_)
    if feats is None:
        return None
    gender, number, kind = feats
    if tok.lower_ == "her" and tok.dep_ == "poss":
        kind = "possessive"
    return gender, number, kind


def _clause_verb(tok):
    """The verb whose object ``tok`` is, or None ("praised" for "him" in "Obama praised him")."""
    if tok.dep_ in ("dobj", "iobj", "dative"):
        return tok.head
    if tok.dep_ == "pobj" and tok.head.dep_ in ("prep", "agent"):
        return tok.head.head
    return None


def resolve_singular(doc, tok, sent: int, gender: str | None, history: Sequence[Ref]) -> Cluster | None:
    """Most salient earlier person compatible in gender, respecting the object/subject binding rule."""
    verb = _clause_verb(tok) if not tok.lower_.endswith("self") else None

    def accept(ref: Ref) -> bool:
        c = ref.cluster
        if c.type != "PERSON" or c.plural or (gender and c.gender and c.gender != gender):
            return False
        return not (verb is not None and ref.is_subject and doc[ref.tok].head.i == verb.i)

    scores = salience(history, tok.i, sent, accept=accept)
    if not scores:
        return None

    def score(item: tuple[float, Cluster]) -> float:
        s, c = item
        return s + (GENDER_BONUS if gender and c.gender == gender else 0.0)

    return max(scores.values(), key=score)[1]


def resolve_plural(doc, tok, sent_start: int, by_tok: dict[int, Ref]) -> Cluster | None:
    """The group named by the nearest preceding plural-capable subject, if it is an uncoordinated
    organisation, country or group; singular people on the way are skipped ("Police said the suspect
    had fled. They ..."), any other plural subject or a coordination stops the search."""
    for k in range(tok.i - 1, sent_start - 1, -1):
        t = doc[k]
        if t.dep_ not in SUBJECT_DEPS or t.lower_ in ("it", "there"):
            continue
        ref = by_tok.get(k)
        if ref is not None:
            if ref.coordinated:
                return None
            c = ref.cluster
            if c.type in GROUP_TYPES or c.plural:
                return c
            continue  # a singular person cannot be "they"
        if t.tag_ in ("NNS", "NNPS") or t.lower_ in ("they", "we", "them") or _is_coordinated(t):
            return None
    return None


def _is_coordinated(tok) -> bool:
    return tok.dep_ == "conj" or any(c.dep_ == "conj" for c in tok.children)
