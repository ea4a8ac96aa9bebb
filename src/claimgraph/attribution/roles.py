"""What every cue shape shares: the candidate record, the word classes, and the source of a verb.

Why a module of its own: the verb rules (rules.py), their content steps (content.py) and the
other cue shapes (shapes.py) all ask "who is the subject of this verb"; keeping that here lets
them import it without importing each other.

Which tokens sit inside quotations (``quoted``) is passed explicitly by the caller: a subject
inside a quotation is the quoted speaker's word, not the source of the cue.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from .spans import subtree_ids

SUBJ = {"nsubj", "csubj", "expl"}
PASSIVE_SUBJ = {"nsubjpass", "csubjpass"}
CLAUSE = {"ccomp", "parataxis"}
# prepositions that introduce what a cue is about ("called for", "lashed out at", "talked about")
CONTENT_PREPS = {"about", "for", "on", "of", "at", "against", "over", "that"}
# extra prepositions of prepositional verb cues with no other content: "responded to", "agreed with"
PREP_VERB_PREPS = CONTENT_PREPS | {"to", "with", "into"}
RELATIVE = {"who", "that", "which", "whom"}
NO_QUOTES: frozenset[int] = frozenset()


@dataclass(slots=True)
class Candidate:
    """Roles found around one cue, as token ids (sorted)."""

    cue: list[int]
    source: int | None  # head token of the source phrase
    source_ids: list[int] = field(default_factory=list)
    content: list[int] = field(default_factory=list)
    prob: float = 0.5
    cue_prob: float = 0.5  # the first-stage cue score (orders nesting decisions)
    passive: bool = False
    rule: str = ""


def children(tok, deps: set[str]) -> list:
    """The children of ``tok`` attached by one of ``deps``."""
    return [c for c in tok.children if c.dep_ in deps]


def is_passive(verb) -> bool:
    return any(c.dep_ in PASSIVE_SUBJ or c.dep_ == "auxpass" for c in verb.children)


def agent(verb):
    """The object of a passive's "by" phrase: "accused by a regulator" -> "regulator"."""
    for c in verb.children:
        if c.dep_ == "agent":
            objs = children(c, {"pobj"})
            if objs:
                return objs[0]
    return None


def verb_subject(verb, quoted: frozenset[int] = NO_QUOTES, depth: int = 0):
    """The source of a verb cue: its subject, its passive agent, or the subject it inherits.

    Returns (token or None, passive flag).  Inheritance covers "X said ... and added that",
    "X went on to say", "..., adding that" and "X, who said ...". ``quoted`` holds the token
    ids inside quotation marks.
    """
    subj = sorted(children(verb, SUBJ), key=lambda t: abs(t.i - verb.i))  # the nearest: headlines leak in
    if verb.i not in quoted:  # '..., adding, "It's over"': a subject inside the quotation is not the speaker
        subj = [t for t in subj if t.i not in quoted]
    if subj and reduced_passive(verb):
        return None, True
    if subj:
        s = subj[0]
        if s.lower_ in RELATIVE and verb.dep_ == "relcl":
            return s, False  # the mention is "who"; speakers.py resolves it to the noun it modifies
        if s.dep_ == "expl":
            return None, True
        return s, False
    by = agent(verb)
    if by is not None:
        return by, False
    if is_passive(verb):
        return None, True
    return _inherited_subject(verb, quoted, depth)


def reduced_passive(verb) -> bool:
    """The absolute construction "with HSBC accused of laundering": a participle with a subject, no auxiliary.

    The participle's subject is the one acted on. Only after "with": elsewhere the tagger often takes an
    active past tense for a participle ("Trump tweeted"/VBN on PolNeAR train), and a participle with an
    object or a clause ("X accused Y of ...") is active.
    """
    return (
        verb.tag_ == "VBN"
        and (
            any(c.dep_ == "mark" and c.lower_ == "with" for c in verb.children)
            or verb.dep_ == "pcomp"
            and verb.head.lower_ == "with"
        )  # fmt: skip
        and any(c.dep_ == "nsubj" for c in verb.children)
        and not any(c.dep_ in {"aux", "auxpass", "dobj", "obj", "ccomp", "dative"} for c in verb.children)
        and not any(c.dep_ == "punct" and c.text in {'"', "“", "”"} for c in verb.children)
    )


def _inherited_subject(verb, quoted: frozenset[int], depth: int):
    """The subject of the verb this one hangs on ("X said ... and added", "X, who said", "by saying")."""
    if depth >= 3 or verb.head is verb:
        return None, False
    head = verb.head
    if verb.dep_ in {"conj", "xcomp", "advcl", "ccomp"} and head.pos_ in {"VERB", "AUX"}:
        if head.i in quoted and verb.i not in quoted:
            return None, False  # the parser hung the cue on a word inside the quotation
        return verb_subject(head, quoted, depth + 1)
    if verb.dep_ in {"relcl", "acl"} and head.pos_ in {"NOUN", "PROPN", "PRON"}:
        if verb.dep_ == "acl" and verb.tag_ == "VBN":
            return None, True  # "HSBC, accused of laundering": the noun is what the participle is said of
        return head, False
    # "Obama responded ... by saying ...", "after noting that ..."
    if verb.dep_ == "pcomp" and head.dep_ == "prep" and head.head.pos_ in {"VERB", "AUX"}:
        return verb_subject(head.head, quoted, depth + 1)
    return None, False


def source_ids(tok) -> list[int]:
    """Token ids of a source phrase: the subtree, cut before a relative clause or a trailing comma phrase."""
    ids = list(subtree_ids(tok))
    # drop relative clauses hanging off the source ("Trump, who has ...") - keep appositions
    drop: set[int] = set()
    for c in tok.children:
        if c.dep_ in {"relcl", "acl"} and c.i > tok.i:
            drop.update(subtree_ids(c))
    return [i for i in ids if i not in drop]
