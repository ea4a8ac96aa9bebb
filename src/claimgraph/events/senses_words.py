"""Sense rules for verbal events: agreeing, meeting, asking, refusing, protesting, accusing."""

from __future__ import annotations

from ..entities.lexicon import words
from .lexicon import SPEECH_COMPLEMENTS, Sense
from .parse import first_child, is_actor_like, is_person_like, is_place_like, pobj_of
from .sense_base import (
    ARMED_SECTORS,
    BLOCK_WORDS,
    CIVIL_SECTORS,
    CLAIM_WORDS,
    STATE_SECTORS,
    SenseContext,
)


def _protest(sense: Sense, ctx: SenseContext) -> Sense | None:
    """A government protesting is a diplomatic complaint (ACCUSE); people protesting is PROTEST."""
    if ctx.source_sector in STATE_SECTORS or ctx.source_sector == "STATE":
        return Sense("ACCUSE", "disapprove")
    return Sense("PROTEST", "demo")


def _people_rally(sense: Sense, ctx: SenseContext) -> Sense | None:
    """rally / march / demonstrate: protest by people; troops marching are mobilising."""
    lemma = ctx.tok.lemma_.lower()
    against = pobj_of(ctx.tok, "against", "over") is not None or any(c.lower_ == "protest" for c in ctx.tok.subtree)
    if ctx.tok.pos_ == "NOUN":
        mods = {c.lemma_.lower() for c in ctx.tok.children if c.dep_ in ("compound", "amod")}
        if mods & {"campaign", "election", "political", "victory"}:
            return None
        return Sense("PROTEST", "demo") if lemma != "rally" or against else None
    if lemma == "march" and ctx.source_sector == "MIL":
        return Sense("MOBILIZE", "troops")
    if lemma in ("rally", "march") and not (against or ctx.source_sector in CIVIL_SECTORS):
        return None  # campaign rallies, markets rallying, "marching toward November"
    if lemma == "demonstrate" and (ctx.obj is not None or ctx.has("ccomp")):
        return None
    if ctx.source_sector in STATE_SECTORS:
        return None
    return Sense("PROTEST", "demo")


def _refuse(sense: Sense, ctx: SenseContext) -> Sense | None:
    """refuse / decline: REJECT, except "declined to comment" and falling numbers."""
    x = first_child(ctx.tok, "xcomp")
    if x is not None:
        return None if x.lemma_.lower() in SPEECH_COMPLEMENTS else sense
    if ctx.obj is not None and ctx.obj.lemma_.lower() not in ("comment", "interview"):
        return sense if ctx.tok.lemma_.lower() == "refuse" or ctx.obj_lemma in CLAIM_WORDS | {"invitation"} else None
    return None


def _agree(sense: Sense, ctx: SenseContext) -> Sense | None:
    """ "agreed to / on" is an agreement; "agreed that ..." or "agrees with the assessment" is an opinion."""
    tok = ctx.tok
    if ctx.has("xcomp") or pobj_of(tok, "on", "upon", "to") is not None:
        return sense
    with_obj = pobj_of(tok, "with")
    if with_obj is not None:
        return sense if with_obj.ent_type_ in ("GPE", "ORG", "NORP") else None
    if ctx.has("ccomp"):
        return None
    return sense if ctx.obj is not None or tok.lemma_.lower() != "agree" else sense


def _intent_noun_or_verb(sense: Sense, ctx: SenseContext) -> Sense | None:
    """pledge / promise / offer / vow / commit / accept: an intent needs something promised."""
    lemma = ctx.tok.lemma_.lower()
    if ctx.obj_lemma in ("condolence", "sympathy", "prayer", "comment", "explanation", "view", "opinion", "thought"):
        return None
    if lemma == "commit":
        return sense if ctx.has("xcomp") or pobj_of(ctx.tok, "to") is not None else None
    if lemma == "accept" and (ctx.has("ccomp") or ctx.obj is None):
        return None
    if lemma in ("assure", "guarantee") and not (ctx.has("xcomp") or pobj_of(ctx.tok, "of") is not None):
        return None  # "assured reporters that ..." is a statement
    if ctx.tok.pos_ == "VERB" and ctx.obj is None and not ctx.has("xcomp", "ccomp", "dative"):
        return None
    return sense


OFFICIAL_GUESTS = words(
    "delegation envoy minister president premier king queen emir leader ambassador diplomat counterpart "
    "chancellor secretary official prime foreign general commander mission"
)
OFFERED = words("aid arms troops support talks ceasefire concession helpers pardon")
DENIED = words(
    "claim allegation report accusation charge involvement responsibility access entry visa request permission "
    "rumor rumour wrongdoing role link"
)


def _offer(sense: Sense, ctx: SenseContext) -> Sense | None:
    """ "offered aid / talks / to mediate" is an intent; "offered a window" or "offer sports betting" is not."""
    if ctx.tok.pos_ == "NOUN" or ctx.has("xcomp"):
        return _intent_noun_or_verb(sense, ctx)
    if ctx.obj is not None and set(ctx.obj_classes) & OFFERED:
        return sense
    return None


def _deny(sense: Sense, ctx: SenseContext) -> Sense | None:
    """ "denied the allegations", "denied that ...", "denied them visas": a rejection; "would deny
    Democrats a landslide" is not."""
    if ctx.tok.pos_ == "NOUN" or ctx.has("ccomp") or ctx.obj_lemma in DENIED:
        return sense
    return None


def _meet(sense: Sense, ctx: SenseContext) -> Sense | None:
    if ctx.obj_lemma in ("demand", "condition"):
        return Sense("CONCEDE")
    if ctx.obj is not None and not is_actor_like(ctx.obj):
        return None
    return sense


def _insist(sense: Sense, ctx: SenseContext) -> Sense | None:
    """ "insisted on talks" / "insisted that Israel must withdraw" demand; "insisted that he won" asserts."""
    if pobj_of(ctx.tok, "on", "upon") is not None:
        return sense
    for c in ctx.tok.children:
        if c.dep_ == "ccomp" and (c.tag_ == "VB" or any(a.lower_ in ("must", "should") for a in c.children)):
            return sense
    return None


def _support(sense: Sense, ctx: SenseContext) -> Sense | None:
    """Support with an object, but not poll figures ("a majority supported Sanders", "8 percent support")."""
    subj = first_child(ctx.tok, "nsubj")
    if subj is not None and (subj.pos_ == "NUM" or subj.lemma_.lower() in ("majority", "percent", "%", "minority")):
        return None
    return sense if ctx.obj is not None or ctx.tok.pos_ == "NOUN" else None


def _talk(sense: Sense, ctx: SenseContext) -> Sense | None:
    other = pobj_of(ctx.tok, "with")
    if other is not None and is_actor_like(other) and other.lemma_.lower() not in ("reporter", "journalist"):
        return sense
    return None


def _call(sense: Sense, ctx: SenseContext) -> Sense | None:
    """ "X called Y by phone" is a phone call; "called Obama a baboon" or "called it a lie" is not."""
    phone = any(
        t.lemma_.lower() in ("phone", "telephone", "call", "conversation") for t in ctx.tok.subtree if t.i != ctx.tok.i
    )
    if (
        phone
        and ctx.obj is not None
        and is_actor_like(ctx.obj)
        and ctx.obj.pos_ != "PRON"
        and not ctx.has("oprd", "xcomp", "ccomp")
    ):
        return sense
    return None


def _asks(noun) -> bool:
    """A that- or to-clause on a demand noun saying what is wanted (not a relative clause about it)."""
    return any(c.dep_ in ("acl", "ccomp") and c.tag_ in ("VB", "VBP") for c in noun.children)


def _requestish(sense: Sense, ctx: SenseContext) -> Sense | None:
    """ask / seek / press / order / request / lobby: a request needs an infinitive, a "for", or a thing asked."""
    wanted = pobj_of(ctx.tok, "for")
    if wanted is not None and wanted.lemma_.lower() in ("comment", "interview", "anonymity"):
        return None  # "a request for comment": journalism, not an event
    if ctx.tok.pos_ == "NOUN":  # "the demand that Israel ease ...", "an appeal for aid", not "his appeal"
        if wanted is not None or _asks(ctx.tok):
            return sense
        made = ctx.tok.head.lemma_.lower() in ("reiterate", "renew", "repeat", "make", "issue", "voice", "press")
        owned = ctx.has("poss") and ctx.tok.lemma_.lower() != "appeal"
        return sense if made or owned else None
    if ctx.has("xcomp") and ctx.tok.lemma_.lower() == "seek":
        return None  # "will seek to get out ahead": an attempt, not a request
    if ctx.has("xcomp") or wanted is not None:
        return sense
    if any(c.dep_ == "ccomp" and c.tag_ == "VB" for c in ctx.tok.children):
        return sense  # "requested that Greece reform its pensions": a subjunctive says what is wanted
    if ctx.obj is None or ctx.obj_lemma in ("anonymity", "question", "comment"):
        return None
    asked_for = ctx.obj.pos_ == "NOUN" and ctx.tok.lemma_.lower() in ("request", "seek", "order")
    return sense if ctx.obj_classes or asked_for else None


def _block(sense: Sense, ctx: SenseContext) -> Sense | None:
    if ctx.obj_lemma in BLOCK_WORDS:
        return (
            Sense("COERCE", "restrict")
            if ctx.source_sector in STATE_SECTORS | ARMED_SECTORS
            else Sense("PROTEST", "obstruct")
        )
    if ctx.obj is not None and ctx.obj.pos_ == "NOUN" and not is_person_like(ctx.obj):
        return sense
    return None


def _dismiss(sense: Sense, ctx: SenseContext) -> Sense | None:
    return sense if ctx.obj_lemma in CLAIM_WORDS else None


def _recognize(sense: Sense, ctx: SenseContext) -> Sense | None:
    obj = ctx.obj
    if obj is None:
        return None
    if obj.lemma_.lower() in ("independence", "state", "government", "sovereignty", "regime", "republic"):
        return sense
    return sense if obj.ent_type_ in ("GPE", "ORG") else None


def _charge(sense: Sense, ctx: SenseContext) -> Sense | None:
    if ctx.tok.pos_ == "NOUN":
        if ctx.tok.dep_ == "pobj" and ctx.tok.head.lower_ == "in":
            return None
        return sense if ctx.tok.tag_ == "NNS" or pobj_of(ctx.tok, "against") is not None else None
    return sense if pobj_of(ctx.tok, "with") is not None else None


DEFENDED = words("decision policy record position action plan move law right deal agreement stance remark comment")


def _defend(sense: Sense, ctx: SenseContext) -> Sense | None:
    """Defending a country in arms is aid; defending a person or a decision in words is support."""
    if ctx.armed and ctx.obj is not None and is_place_like(ctx.obj):
        return Sense("AID")
    if ctx.obj is not None and (is_actor_like(ctx.obj) or ctx.obj_lemma in DEFENDED):
        return sense
    return None


def _receive(sense: Sense, ctx: SenseContext) -> Sense | None:
    """ "received the Iraqi envoy": hosting a visit; receiving money or a letter is not."""
    obj = ctx.obj
    if obj is None:
        return None
    if obj.lemma_.lower() in OFFICIAL_GUESTS or obj.ent_type_ in ("GPE", "NORP"):
        return sense
    titled = any(c.lemma_.lower() in OFFICIAL_GUESTS for c in obj.lefts if c.dep_ in ("compound", "amod"))
    official_host = ctx.source_sector in STATE_SECTORS or ctx.source_sector == "STATE"
    return sense if obj.ent_type_ == "PERSON" and (titled or official_host) else None


def _travel(sense: Sense, ctx: SenseContext) -> Sense | None:
    to = pobj_of(ctx.tok, "to")
    if to is not None and to.ent_type_ in ("GPE", "LOC") and ctx.source_sector in STATE_SECTORS | {"STATE", "NGO"}:
        return sense
    return None


def _quit(sense: Sense, ctx: SenseContext) -> Sense | None:
    if ctx.obj_lemma in ("post", "job", "office", "government", "cabinet", "coalition", "position", "presidency"):
        return sense
    return sense if ctx.obj is None and ctx.source_sector in STATE_SECTORS else None


def _brand(sense: Sense, ctx: SenseContext) -> Sense | None:
    return sense if ctx.has("oprd") or pobj_of(ctx.tok, "as") is not None else None


def _trial(sense: Sense, ctx: SenseContext) -> Sense | None:
    of = pobj_of(ctx.tok, "of")
    if of is not None and is_person_like(of):
        return sense
    return sense if ctx.tok.dep_ == "pobj" and ctx.tok.head.lower_ == "on" else None
