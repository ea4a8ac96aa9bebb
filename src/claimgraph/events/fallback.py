"""Events the trigger rules miss: the root verb of a sentence with no rule event, typed by the fallback model.

Why: on the PLOVER sentences never read while writing the rules, about one in seven got no event at all
(the verb was not in the lexicon). The fallback model (``typer.py``, trained without the rules' reading)
types the root verb from its lemma, dependents, object and word vectors; an event is kept only when its
subject is an actor with a country or sector, its verb is not one whose sense the lexicon checks (the
rules looked at it and declined: "the ministry released a statement"), and the model's probability clears ``min_prob``.
"""

from __future__ import annotations

from .actors import ActorIndex, make_actor, verb_subject, verb_target
from .lexicon import VERBS, Sense
from .modality import verb_modality
from .triggers import Candidate

# Lexicon verbs whose sense the rules check: when they declined one, the fallback does not overrule them.
CHECKED_VERBS = frozenset(k.split()[0] for k, v in VERBS.items() if v.ambiguous)


def root_candidate(doc, index: ActorIndex, n: int, need_actor: bool = True) -> Candidate | None:
    """The root verb of sentence ``n`` as a candidate trigger, with its subject and object actors."""
    a, b = index.sents[n]
    root = next((t for t in doc[a:b] if t.dep_ == "ROOT"), None)
    if root is None or root.pos_ != "VERB":
        return None
    if need_actor and root.lemma_.lower() in CHECKED_VERBS:
        return None  # a lexicon verb the rules looked at and declined ("released a statement")
    subj = verb_subject(root)
    source = make_actor(subj, index) if subj is not None else None
    if need_actor and (source is None or not (source.country or source.sector)):
        return None
    tgt = verb_target(root, None)
    target = make_actor(tgt, index) if tgt is not None else None
    if source is not None and target is not None and target.start == source.start:
        target = None
    lemma = root.lemma_.lower()
    return Candidate(Sense("ASSAULT"), lemma, root, root.i, root.i + 1, root, "fallback", False, source, target)


def fallback_candidates(doc, index: ActorIndex, covered: set[int]) -> list[Candidate]:
    """Root-verb candidates of the sentences (by number) not in ``covered``."""
    out = []
    for n in range(len(index.sents)):
        if n not in covered:
            c = root_candidate(doc, index, n)
            if c is not None:
                out.append(c)
    return out


def modality_of(c: Candidate):
    return verb_modality(c.anchor)
