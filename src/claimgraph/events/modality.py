"""Negation and hypotheticals of an event, read from the parse around its trigger.

- negated: "did not attack", "never met", "no talks", "without consulting", "refused to release";
- future: will / shall / would / "is going to" / "is to" / "is willing to" / plans, promises, vows;
- speculative: could / might / may / can / should / must, an "if" or "unless" clause, "possible strikes";
- governed: the event is the infinitive of a verb of wanting, planning, threatening or asking
  ("threatened to impose sanctions", "urged Syria to withdraw"), so it has not happened (yet).
``hypothetical`` is future or speculative or governed.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..entities.lexicon import words
from .lexicon import GOVERNORS, INTENT_ADJECTIVES

ASPECTUAL = words("begin start continue resume keep")
# Verbs and nouns of asking whose that-clause (bare verb) is wanted, not done: "demanded that X withdraw".
SUBJUNCTIVE_GOVERNORS = words("demand insist urge ask request call recommend propose suggest require order")
FUTURE_AUX = words("will shall would 'll wo ’ll")
SPECULATIVE_AUX = words("could might may can should must ought ca")
CONDITIONAL_MARKS = words("if unless whether")
NEGATIONS = words("not n't never no ’t")
FUTURE_ADJ = words("planned proposed upcoming expected scheduled future prospective forthcoming")
SPECULATIVE_ADJ = words("possible potential threatened looming imminent hypothetical likely feared")


@dataclass(slots=True)
class Modality:
    negated: bool = False
    future: bool = False
    speculative: bool = False
    governor: object | None = None  # the governing verb of "threatened to ..." chains, nearest first

    @property
    def hypothetical(self) -> bool:
        return self.future or self.speculative or self.governor is not None


def _aux_modality(tok, mod: Modality) -> None:
    for c in tok.children:
        low = c.lower_
        if c.dep_ == "neg" or (c.dep_ == "advmod" and low == "never"):
            mod.negated = True
        elif c.dep_ == "aux":
            if low in FUTURE_AUX or c.lemma_.lower() in ("will", "shall"):
                mod.future = True
            elif low in SPECULATIVE_AUX or c.lemma_.lower() in SPECULATIVE_AUX:
                mod.speculative = True
        elif c.dep_ == "mark" and low in CONDITIONAL_MARKS:
            mod.speculative = True


def _governors(tok, mod: Modality) -> None:
    """Walk up infinitive complements: "plans to try to attack" -> governed (hypothetical)."""
    cur = tok
    for _ in range(4):
        if cur.dep_ == "acl" and cur.tag_ == "VB" and cur.head.lemma_.lower() in SUBJUNCTIVE_GOVERNORS:
            mod.governor = mod.governor or cur.head  # "its demand that Israel ease ..."
            return
        if cur.dep_ not in ("xcomp", "ccomp") or cur.head.i == cur.i:
            return
        if cur.dep_ == "ccomp" and not any(c.dep_ == "aux" and c.lower_ == "to" for c in cur.children):
            bare = cur.tag_ in ("VB", "VBP") and not any(c.dep_ == "aux" for c in cur.children)
            if bare and cur.head.lemma_.lower() in SUBJUNCTIVE_GOVERNORS and mod.governor is None:
                mod.governor = cur.head  # "demanded that Israel ease restrictions": not done yet
            return
        head = cur.head
        lemma = head.lemma_.lower()
        if lemma in ASPECTUAL and head.pos_ == "VERB":
            pass  # "prepared to resume shelling": look through "resume"
        elif head.pos_ == "ADJ" and lemma in INTENT_ADJECTIVES:
            mod.future = True
            if any(c.dep_ == "neg" for c in (*head.children, *head.head.children)):
                mod.negated = True  # "I am not ready to support ..."
        elif lemma in ("go", "be") and head.tag_ in ("VBG", "VBZ", "VBP", "VBD"):
            mod.future = True  # "is going to strike", "is to visit"
        elif lemma in GOVERNORS:
            if GOVERNORS[lemma] == "neg" or any(c.dep_ == "neg" for c in head.children):
                mod.negated = True  # "failed to", "refused to", "does not want to"
            if mod.governor is None:
                mod.governor = head
        else:
            return
        cur = head


def verb_modality(verb) -> Modality:
    mod = Modality()
    _aux_modality(verb, mod)
    if verb.dep_ == "conj" and not any(c.dep_ == "aux" for c in verb.children):
        own = mod.negated
        _aux_modality(verb.head, mod)  # "will meet and sign": the auxiliary sits on the first verb
        mod.negated = own  # but "did not attack but threatened": the negation does not carry over
    if verb.dep_ == "pcomp" and verb.head.lower_ == "without":
        mod.negated = True
    if verb.dep_ == "advcl" and any(c.dep_ == "mark" and c.lower_ in CONDITIONAL_MARKS for c in verb.children):
        mod.speculative = True
    _governors(verb if verb.dep_ != "conj" else verb.head, mod)
    return mod


def noun_modality(noun) -> Modality:
    """Modality of an event noun: "no talks", "possible strikes", "planned visit", "called for talks"."""
    mod = Modality()
    for c in noun.children:
        low = c.lower_
        if c.dep_ == "det" and low == "no":
            mod.negated = True
        elif c.dep_ in ("amod", "compound") and low in FUTURE_ADJ:
            mod.future = True
        elif c.dep_ in ("amod", "compound") and low in SPECULATIVE_ADJ:
            mod.speculative = True
    head = noun.head
    if noun.dep_ == "pobj" and head.dep_ == "prep":
        head = head.head  # ("without the assistance of X" is mostly counterfactual, not a negation)
    if head.i != noun.i and head.pos_ in ("VERB", "AUX") and noun.dep_ in ("dobj", "pobj"):
        lemma = head.lemma_.lower()
        if lemma in GOVERNORS:
            if GOVERNORS[lemma] == "neg":
                mod.negated = True
            mod.governor = head
    return mod
