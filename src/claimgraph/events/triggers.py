"""Candidate event triggers on the parse: verbs, verb + object pairs, and event nouns.

Order of preference for a verb: an object rule ("imposed sanctions" -> SANCTION on the verb; "carried
out airstrikes" -> the noun's ASSAULT with the verb's actors), then the verb's own sense. Nouns an
object rule used are not triggers again; other event nouns are ("condemned the attack": ACCUSE and
ASSAULT). Ambiguous words go through ``senses.resolve`` with their object and actors.
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy import symbols as spacy_symbols

from ..entities.countries import demonym_country
from ..entities.lexicon import words
from .actors import ActorIndex, make_actor, noun_actors, place_target, verb_subject, verb_target
from .lexicon import VERBS, Sense
from .objects import MODE_FROM_OBJECT, NOUNS, OBJECT_CLASSES, OBJECT_RULES, PERFORM
from .parse import (
    class_keys,
    first_child,
    is_actor_like,
    left_start,
    noun_keys,
    object_of,
    phrasal_keys,
    pobj_of,
    through_partitive,
)
from .sense_base import VIOLENCE_WORDS, SenseContext
from .senses import resolve
from .types import Actor

# Verbs that perform whatever event noun is their object ("launched an offensive", "held talks").
PERFORM_VERBS = words(
    "carry launch conduct stage mount wage unleash begin start continue resume intensify escalate undertake hold "
    "organize organise order open lead make call file lodge bring issue announce pay step convene"
)
FILLER_VERBS = words("continue keep fight win stay remain run go do be make get work try stand move")
WILLING = frozenset({"willing", "ready", "prepared", "eager", "keen"})
VERB, NOUN, ADJ = (spacy_symbols.IDS[p] for p in ("VERB", "NOUN", "ADJ"))
# Lemmas worth a look (first words of lexicon keys): the rest of a Doc's tokens are never materialised.
VERB_LEMMAS = frozenset(k.split()[0] for k in VERBS) | frozenset(v.split()[0] for v, _ in OBJECT_RULES) | PERFORM_VERBS
NOUN_LEMMAS = frozenset(k.split()[-1] for k in NOUNS)
SKIP_NOUN_ENTS = frozenset({"ORG", "PERSON", "GPE", "WORK_OF_ART", "LAW", "EVENT", "FAC", "PRODUCT"})


@dataclass(slots=True)
class Candidate:
    """A trigger found on the parse, with the tokens its actors and modality are read from."""

    sense: Sense
    word: str
    tok: object  # head token of the trigger
    start: int  # trigger token range [start, end)
    end: int
    anchor: object  # the verb (or noun) whose clause gives modality and date
    kind: str  # object | perform | verb | noun
    ambiguous: bool
    source: Actor | None
    target: Actor | None


class TriggerFinder:
    """One pass over a Doc's tokens collecting candidates."""

    def __init__(self, doc, index: ActorIndex):
        self.doc = doc
        self.index = index
        self.consumed: set[int] = set()
        lemmas = [doc.vocab.strings[h].lower() for h in doc.to_array("LEMMA").tolist()]
        self.pos = doc.to_array("POS").tolist()
        self.lemmas = lemmas
        self.violent = {self.index.sent_of[k] for k, lemma in enumerate(lemmas) if lemma in VIOLENCE_WORDS}

    def run(self) -> list[Candidate]:
        """Verbs first (they may consume their object nouns), then nouns, then "ready / willing to"."""
        doc, pos, lemmas = self.doc, self.pos, self.lemmas
        out: list[Candidate] = []
        verbs = [k for k, p in enumerate(pos) if p == VERB and lemmas[k] in VERB_LEMMAS]
        for k in verbs:
            tok = doc[k]
            if tok.dep_ not in ("amod", "compound") and not any(c.dep_ == "det" for c in tok.children):
                # not "the wounded", "the endorsed candidate"
                cand = self._verb(tok)
                if cand is not None:
                    out.append(cand)
        for k, p in enumerate(pos):
            if p == NOUN and lemmas[k] in NOUN_LEMMAS and k not in self.consumed:
                tok = doc[k]
                cand = self._noun(tok) if tok.ent_type_ not in SKIP_NOUN_ENTS else None
                if cand is not None:
                    out.append(cand)
        taken = {c.tok.i for c in out}
        for k, p in enumerate(pos):
            if p == ADJ and lemmas[k] in WILLING and doc[k].dep_ == "acomp":
                cand = self._willing(doc[k], taken)
                if cand is not None:
                    out.append(cand)
        return out

    def _willing(self, adj, taken: set[int]) -> Candidate | None:
        """ "ready to join a unity government", "willing to talk", "prepared for talks": an expressed intent
        (AGREE) when what is intended is not itself an event trigger."""
        x = first_child(adj, "xcomp")
        target = x if x is not None else pobj_of(adj, "for")
        if target is None or target.i in taken:
            return None
        if x is not None and (
            x.lemma_.lower() in FILLER_VERBS or not any(c.dep_ in ("dobj", "prep") for c in x.children)
        ):
            return None  # "ready to move on"
        cand = self._make(Sense("AGREE"), adj.lemma_.lower(), adj, adj.head, adj.head, "verb", None)
        return cand if cand is not None and cand.source is not None else None

    # -- verbs -----------------------------------------------------------------------------------
    def _objects(self, verb) -> list:
        objs = []
        dobj = first_child(verb, "dobj", "nsubjpass")
        if dobj is not None:
            objs.append(dobj)
            objs.extend(c for c in dobj.children if c.dep_ == "conj")
        objs.extend(c for c in verb.children if c.lemma_.lower() == "hostage" and c.dep_ != "dobj")
        for c in verb.children:  # "allowed inspectors to resume": parsed as the complement's subject
            if c.dep_ in ("ccomp", "xcomp") and dobj is None:
                subj = first_child(c, "nsubj")
                if subj is not None:
                    objs.append(subj)
        for c in verb.children:
            if c.dep_ in ("prep", "oprd") and c.i > verb.i:
                g = c if c.dep_ == "oprd" else first_child(c, "pobj")
                if g is not None:
                    objs.append(g)
                break
        return objs

    def _verb(self, verb) -> Candidate | None:
        """The most specific key wins: "called for an inquiry" is REQUEST before "call" + inquiry is tried."""
        objs = self._objects(verb)
        for key in phrasal_keys(verb):
            for obj in objs:
                cand = self._object_rule(verb, key, obj)
                if cand is not None:
                    return cand
            sense = VERBS.get(key)
            if sense is not None:
                obj = object_of(verb)
                return self._verb_sense(verb, key, sense, through_partitive(obj) if obj is not None else None, objs)
        return None

    def _object_rule(self, verb, key: str, obj) -> Candidate | None:
        okeys = class_keys(obj)
        for okey in okeys:
            for cls in OBJECT_CLASSES.get(okey, ()):
                rule = OBJECT_RULES.get((key, cls))
                if rule is None:
                    continue
                if rule == PERFORM:
                    return self._perform(verb, obj)
                return self._make(rule, key, verb, verb, verb, "object", obj, noun=obj)
        mods = [c.lemma_.lower() for c in obj.lefts if c.dep_ == "compound"]
        if (
            verb.lemma_.lower() in PERFORM_VERBS
            and any(k in NOUNS for k in noun_keys(obj) + mods)
            and obj.dep_ == "dobj"
        ):
            return self._perform(verb, obj)
        return None

    def _perform(self, verb, noun) -> Candidate | None:
        mods = [c.lemma_.lower() for c in noun.lefts if c.dep_ == "compound"]  # "mediation mission"
        for nkey in noun_keys(noun) + mods:
            sense = NOUNS.get(nkey)
            if sense is not None:
                self.consumed.add(noun.i)
                return self._make(sense, nkey, noun, verb, verb, "perform", None, noun=noun)
        return None

    def _verb_sense(self, verb, key: str, sense: Sense, obj, objs: list) -> Candidate | None:
        if sense.mode is None and sense.type in MODE_FROM_OBJECT:
            sense = _mode_from_objects(sense, objs)
        return self._make(sense, key, verb, verb, verb, "verb", obj)

    # -- nouns -----------------------------------------------------------------------------------
    def _noun(self, noun) -> Candidate | None:
        for key in noun_keys(noun):
            sense = NOUNS.get(key)
            if sense is not None:
                return self._make(sense, key, noun, noun, noun, "noun", pobj_of(noun, "of"), noun=noun)
        return None

    # -- shared ----------------------------------------------------------------------------------
    def _actors(self, kind: str, tok, verb, noun, sense: Sense):
        if kind in ("verb",):
            return verb_subject(verb), verb_target(verb, sense.type)
        if kind == "noun":
            src, tgt = noun_actors(noun, sense.type, sense.mode)
            if tgt is None:
                head = noun.head.head if noun.dep_ == "pobj" else noun.head
                tgt = place_target(noun) or (place_target(head) if head.pos_ == "VERB" else None)
            return src, tgt
        src, tgt = noun_actors(noun, sense.type, sense.mode)
        subj = verb_subject(verb)
        if tgt is None:
            t = verb_target(verb, sense.type)
            tgt = t if t is not None and t.i != noun.i else None
        return (subj if subj is not None else src), tgt

    def _make(self, sense: Sense, key: str, tok, anchor, verb, kind: str, obj, noun=None) -> Candidate | None:
        src_tok, tgt_tok = self._actors(kind, tok, verb, noun, sense)
        source = make_actor(src_tok, self.index) if src_tok is not None else None
        target = make_actor(tgt_tok, self.index) if tgt_tok is not None else None
        if source and target and source.start == target.start:
            target = None
        if kind in ("verb", "object") and _inanimate_subject(verb) and not _forceful(sense, self, tok):
            return None  # "email has helped her", "the dump offered a window": a figure of speech
        ambiguous = sense.ambiguous
        if ambiguous:
            ctx = SenseContext(
                tok=tok,
                obj=obj,
                source_sector=_state_or_sector(source, self.index),
                target_sector=_state_or_sector(target, self.index),
                violent=self.index.sent_of[tok.i] in self.violent,
            )
            sense = resolve(key, sense, ctx)
            if sense is None:
                return None
        start = left_start(tok) if kind in ("noun", "perform") and " " in key else tok.i
        end = tok.i + 1
        if kind in ("verb", "object") and " " in key:
            nxt = self.doc[tok.i + 1] if tok.i + 1 < len(self.doc) else None
            if nxt is not None and nxt.dep_ == "prt" and nxt.head.i == tok.i:
                end = tok.i + 2
        if obj is not None and kind == "object":
            self.consumed.add(obj.i)
        return Candidate(sense, key, tok, start, end, anchor, kind, ambiguous, source, target)


def _inanimate_subject(verb) -> bool:
    """The verb has a subject, and it is a thing, not an actor (nor holds one: "Israel's army")."""
    subj = first_child(verb, "nsubj")
    if subj is None or subj.pos_ == "PRON" or subj.lower_ in ("who", "that", "which"):
        return False
    subj = through_partitive(subj)  # "tens of thousands of people"
    if is_actor_like(subj) or any(c.dep_ in ("poss", "compound") and is_actor_like(c) for c in subj.children):
        return False
    return not any(c.dep_ == "amod" and demonym_country(c.text) for c in subj.children)


def _forceful(sense: Sense, finder: TriggerFinder, tok) -> bool:
    """Weapons and blasts act on their own in news of violence ("rockets hit a school")."""
    return sense.type in ("ASSAULT", "COERCE") or finder.index.sent_of[tok.i] in finder.violent


def _mode_from_objects(sense: Sense, objs: list) -> Sense:
    """REQUEST / REJECT / THREATEN take their mode from what is asked for, refused or threatened."""
    for obj in objs:
        for okey in class_keys(obj):
            for cls in OBJECT_CLASSES.get(okey, ()):
                mode = MODE_FROM_OBJECT[sense.type].get(cls)
                if mode:
                    return Sense(sense.type, mode, sense.root, sense.ambiguous)
    return sense


def _state_or_sector(actor: Actor | None, index: ActorIndex) -> str | None:
    """The sector sense rules see: a country named as actor counts as the state ("Russia protested")."""
    if actor is None:
        return None
    ent = index.entities.get(actor.entity) if actor.entity else None
    if actor.sector is None and ent is not None and ent.type == "GPE":
        return "STATE"
    return actor.sector
