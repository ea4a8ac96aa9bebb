"""Verbs of possession, need and making: attribution cues only in the frames PolNeAR annotates.

Why: on web text "we have", "we need", "they made millions" came out as attributions with the
subject as speaker. Counted on the PolNeAR train part (docs/attribution.md), ``have``, ``need``
and ``get`` head a gold cue in few of the uses the extractor proposed (2 of 12, 5 of 14, 2 of 3),
and ``make`` (48 of 91) mostly when it carries a speech act: its object is a cue noun ("made the
case", "made a promise") or has a topic ("made the case against"), it governs a clause ("made
clear that ...") or its predicate says something is plain ("made it known"); with that gate 44
of 73. Inner states PolNeAR does annotate (know, seem, want, support, like, love, plan) are left
to the lexicon; their generic "you" and impersonal uses are handled in rules.py.
"""

from __future__ import annotations

from .cues import SEED_NOUNS, cue_probability
from .roles import CONTENT_PREPS

# possession, need and receipt: what someone has, not what someone says or holds
NEVER_REPORTS = frozenset({"have", "need", "get"})
# the predicate of "made (it) clear/plain/known that ...": a statement
PLAIN = frozenset({"clear", "plain", "known", "obvious", "explicit"})
_ARGS = {"dobj", "obj", "ccomp", "oprd", "acomp", "xcomp", "advmod"}


def speech_use(verb) -> bool:
    """False for a possession/need verb, and for ``make`` without a speech-act object or predicate."""
    lemma = verb.lemma_.lower()
    if lemma in NEVER_REPORTS:
        return False
    if lemma != "make":
        return True
    about = any(c.dep_ == "prep" and c.lower_ in CONTENT_PREPS for c in verb.children)
    for c in verb.children:
        if c.dep_ in {"dobj", "obj"} and (
            about or any(g.dep_ == "prep" and g.lower_ in CONTENT_PREPS for g in c.children)
        ):
            return True  # "made the case against", "made remarks about": what the act is about
        if c.dep_ not in _ARGS:
            continue
        if c.dep_ == "ccomp" or c.lower_ in PLAIN or any(g.lower_ in PLAIN and g.dep_ in _ARGS for g in c.children):
            return True
        if (
            c.dep_ in {"dobj", "obj"}
            and c.pos_ == "NOUN"
            and (c.lemma_.lower() in SEED_NOUNS or cue_probability(c) >= 0.3)
        ):
            return True
    return False
