"""Sense rules for force, seizure, movement and their look-alikes ("struck a deal", "fired the minister")."""

from __future__ import annotations

from .lexicon import Sense
from .objects import OBJECT_CLASSES
from .parse import is_actor_like, is_person_like, is_place_like, pobj_of
from .sense_base import (
    ARMED_SECTORS,
    BUILDINGS,
    BULLETS,
    CIVIL_SECTORS,
    CYBER_WORDS,
    DEAL_WORDS,
    GOODS_WORDS,
    LABOUR_MODIFIERS,
    MISSILES_THROWN,
    PROJECTILES,
    RESTRICT_WORDS,
    STATEMENT_WORDS,
    SenseContext,
)


def _violent_or_words(sense: Sense, ctx: SenseContext) -> Sense | None:
    """attack / blast / slam: force in an armed setting, criticism otherwise."""
    lemma = ctx.tok.lemma_.lower()
    if ctx.tok.pos_ == "NOUN":
        return _attack_noun(sense, ctx)
    if ctx.armed and lemma != "slam":
        return Sense("ASSAULT", "explosives" if lemma == "blast" else None)
    if ctx.obj is not None and not is_actor_like(ctx.obj) and lemma == "blast" and ctx.violent:
        return None
    return Sense("ACCUSE", "disapprove")


def _attack_noun(sense: Sense, ctx: SenseContext) -> Sense | None:
    """attack nouns: force when armed or unqualified ("the Dec. 2 attack", "the attacks in Paris");
    criticism when aimed at a person or party without weapons around ("his attacks on Clinton")."""
    if ctx.armed:
        return Sense("ASSAULT", sense.mode if sense.type == "ASSAULT" else None)
    aimed = pobj_of(ctx.tok, "on", "against") is not None
    if aimed and ctx.target_sector not in (None, "STATE"):
        return Sense("ACCUSE", "disapprove")
    return Sense("ASSAULT") if ctx.tok.lemma_.lower() == "attack" else None


def _armed_only(sense: Sense, ctx: SenseContext) -> Sense | None:
    """fight, battle, clash, target, pound, retaliate, repel, storm ...: events only where force is in play."""
    if not ctx.armed:
        return None
    lemma = ctx.tok.lemma_.lower()
    if lemma in ("clash", "storm") and ctx.source_sector in CIVIL_SECTORS:
        return Sense("PROTEST", "riot")
    return sense if sense.type == "ASSAULT" else Sense("ASSAULT", sense.mode)


def _hit(sense: Sense, ctx: SenseContext) -> Sense | None:
    if ctx.armed:
        return Sense("ASSAULT")
    if ctx.obj is not None and is_actor_like(ctx.obj):
        return Sense("ACCUSE", "disapprove")
    return None


def _kill(sense: Sense, ctx: SenseContext) -> Sense | None:
    """ "killed five people" is violence; "killed the bill" is not."""
    if ctx.armed or (ctx.obj is not None and is_person_like(ctx.obj)):
        return sense
    return None


def _strike(sense: Sense, ctx: SenseContext) -> Sense | None:
    """Strike a deal (AGREE), workers' strike (PROTEST), military strike (ASSAULT)."""
    tok = ctx.tok
    if ctx.obj_lemma in DEAL_WORDS:
        return Sense("AGREE")
    mods = {c.lemma_.lower() for c in tok.children if c.dep_ in ("compound", "amod", "nmod", "poss")}
    on_strike = tok.dep_ == "pobj" and tok.head.lower_ == "on"
    if mods & LABOUR_MODIFIERS or on_strike or ctx.source_sector == "LAB":
        return Sense("PROTEST", "hunger" if "hunger" in mods else "strike")
    if ctx.armed:
        return Sense("ASSAULT", sense.mode if sense.type == "ASSAULT" else None)
    return None


def _release(sense: Sense, ctx: SenseContext) -> Sense | None:
    tok = ctx.tok
    obj = ctx.obj
    if tok.pos_ == "NOUN":
        if any(c.lower_ == "press" for c in tok.lefts):
            return None
        obj = pobj_of(tok, "of")
    if obj is not None and is_person_like(obj) and obj.lemma_.lower() not in STATEMENT_WORDS and obj.pos_ != "PRON":
        return Sense("RETREAT", "release")
    return None


def _withdraw(sense: Sense, ctx: SenseContext) -> Sense | None:
    classes = ctx.obj_classes
    if "troops" in classes or "warships" in classes:
        return Sense("RETREAT", "withdraw")
    if {"ambassador", "aid", "support"} & set(classes):
        return Sense("SANCTION", "withdraw")
    src = pobj_of(ctx.tok, "from", "of", "out")
    if src is not None:
        if src.lemma_.lower() in ("talk", "negotiation", "agreement", "treaty", "deal", "accord", "pact"):
            return Sense("SANCTION", "withdraw")
        if is_place_like(src) or ctx.source_sector == "MIL":
            return Sense("RETREAT", "withdraw")
        return None
    if ctx.obj is None and ctx.source_sector == "MIL":
        return Sense("RETREAT", "withdraw")
    return None


def _evacuate(sense: Sense, ctx: SenseContext) -> Sense | None:
    """Evacuating people is aid (rescue); troops evacuating a place withdraw."""
    if ctx.obj is not None and is_person_like(ctx.obj):
        return Sense("AID")
    return _withdraw(sense, ctx)


def _leave(sense: Sense, ctx: SenseContext) -> Sense | None:
    """ "the last troops left Afghanistan": a withdrawal; anyone else leaving is not an event."""
    if ctx.source_sector == "MIL" and ctx.obj is not None and is_place_like(ctx.obj):
        return Sense("RETREAT", "withdraw")
    return None


def _blockade(sense: Sense, ctx: SenseContext) -> Sense | None:
    if ctx.source_sector in CIVIL_SECTORS:
        return Sense("PROTEST", "obstruct")
    return Sense("COERCE", "restrict", "19")


def _expel(sense: Sense, ctx: SenseContext) -> Sense | None:
    if ctx.obj is not None and (
        "ambassador" in ctx.obj_classes or ctx.obj_lemma in ("observer", "monitor", "inspector")
    ):
        return Sense("SANCTION", "expel")
    if ctx.obj is not None and is_person_like(ctx.obj):
        return Sense("COERCE", "deport")
    return sense


def _seize(sense: Sense, ctx: SenseContext) -> Sense | None:
    """seize / capture / occupy / take over: people (abduct, arrest), places (occupy), goods (confiscate)."""
    obj = ctx.obj
    if obj is None:
        return None
    lemma = obj.lemma_.lower()
    if lemma in ("power", "control"):
        return Sense("COERCE", "seize", "19")
    if is_place_like(obj):
        lemma_v = ctx.tok.lemma_.lower()
        if lemma_v == "occupy" and ctx.source_sector in CIVIL_SECTORS:
            return Sense("PROTEST", "obstruct")
        if lemma_v != "occupy" and (ctx.source_sector in ARMED_SECTORS or ctx.armed):
            return Sense("ASSAULT", None, "19")  # taking a place by force: conventional fighting (CAMEO 19)
        if lemma_v in ("capture", "take over", "retake", "recapture") and not ctx.armed:
            return None  # "Cruz captured Iowa": an election win
        return Sense("COERCE", "seize", "19")
    if is_person_like(obj):
        return Sense("COERCE", "arrest") if ctx.source_sector == "COP" else Sense("ASSAULT", "abduct")
    if ctx.tok.lemma_.lower() in ("seize",) and lemma not in ("opportunity", "chance", "initiative", "moment"):
        return Sense("COERCE", "seize")
    return None


def _raid(sense: Sense, ctx: SenseContext) -> Sense | None:
    if ctx.source_sector == "COP" or not ctx.armed:
        return Sense("COERCE", "seize")
    return Sense("ASSAULT")


def _ban(sense: Sense, ctx: SenseContext) -> Sense | None:
    obj = ctx.obj if ctx.tok.pos_ == "VERB" else pobj_of(ctx.tok, "on")
    if obj is not None and (obj.lemma_.lower() in GOODS_WORDS or "aid" in OBJECT_CLASSES.get(obj.lemma_.lower(), ())):
        return Sense("SANCTION", "discontinue")
    if ctx.tok.pos_ == "VERB" and obj is None:
        return None
    return sense


def _curb(sense: Sense, ctx: SenseContext) -> Sense | None:
    return sense if ctx.obj_lemma in RESTRICT_WORDS else None


def _hack(sense: Sense, ctx: SenseContext) -> Sense | None:
    to = pobj_of(ctx.tok, "to")
    if to is not None and to.lower_ == "death":
        return Sense("ASSAULT", "primitive")
    return sense if ctx.obj_lemma in CYBER_WORDS else None


def _fire(sense: Sense, ctx: SenseContext) -> Sense | None:
    if any(c.lower_ == "back" for c in ctx.tok.children) and not ctx.armed:
        return Sense("ACCUSE", "disapprove")  # "Rubio fired back at Christie"
    if pobj_of(ctx.tok, "on", "at", "into", "upon") is not None:
        return Sense("ASSAULT", "firearms")
    if ctx.obj_lemma in PROJECTILES:
        return Sense("ASSAULT", "heavy-weapons")
    if ctx.obj_lemma in BULLETS:
        return Sense("ASSAULT", "firearms")
    if ctx.obj is None and ctx.source_sector in ARMED_SECTORS:
        return Sense("ASSAULT", "firearms")
    return None


def _shoot(sense: Sense, ctx: SenseContext) -> Sense | None:
    if ctx.obj_lemma in ("film", "video", "footage", "scene", "photo", "picture", "movie", "episode"):
        return None
    return sense


def _destroy(sense: Sense, ctx: SenseContext) -> Sense | None:
    """destroy / burn / torch: rioters burning cars riot; force or buildings destroyed is ASSAULT."""
    lemma = ctx.tok.lemma_.lower()
    if lemma in ("burn", "torch") and ctx.source_sector in CIVIL_SECTORS:
        return Sense("PROTEST", "riot")
    if lemma == "burn" and ctx.obj_lemma not in BUILDINGS | {"car", "vehicle", "tyre", "tire"}:
        return None
    return sense if ctx.armed or ctx.obj_lemma in BUILDINGS else None


def _execute(sense: Sense, ctx: SenseContext) -> Sense | None:
    obj = ctx.obj if ctx.tok.pos_ == "VERB" else pobj_of(ctx.tok, "of")
    return sense if obj is not None and is_person_like(obj) else None


def _beat(sense: Sense, ctx: SenseContext) -> Sense | None:
    death = pobj_of(ctx.tok, "to")
    if ctx.armed or ctx.source_sector == "COP" or (death is not None and death.lower_ == "death"):
        return sense
    return None


def _assault(sense: Sense, ctx: SenseContext) -> Sense | None:
    if any(c.lower_ == "sexually" for c in ctx.tok.children):
        return Sense("ASSAULT", "sexual")
    if ctx.tok.lemma_.lower() in ("abuse", "mistreat"):
        return Sense("ASSAULT", "beat") if ctx.obj is not None and is_person_like(ctx.obj) else None
    if ctx.tok.pos_ == "NOUN":
        return Sense("ASSAULT") if ctx.armed else None
    return Sense("ASSAULT", "beat")


def _deploy(sense: Sense, ctx: SenseContext) -> Sense | None:
    classes = ctx.obj_classes
    if "warships" in classes:
        return Sense("MOBILIZE", "weapons")
    if "police" in classes or ctx.obj_lemma == "police":
        return Sense("MOBILIZE", "police")
    if "troops" in classes or (ctx.obj is None and ctx.source_sector in ARMED_SECTORS):
        return Sense("MOBILIZE", "troops")
    return None


def _suspend(sense: Sense, ctx: SenseContext) -> Sense | None:
    if ctx.obj is None:
        return None
    if ctx.tok.lemma_.lower() == "suspend" and ctx.obj.ent_type_ in ("GPE", "ORG", "NORP"):
        return Sense("SANCTION", "expel")  # "the Commonwealth suspended Nigeria"
    if is_person_like(ctx.obj):
        return None
    if ctx.tok.lemma_.lower() == "withhold" and ctx.obj_lemma in ("water", "power", "electricity", "food", "service"):
        return Sense("COERCE", "withhold")
    classes = set(ctx.obj_classes)
    if classes & {"talks"}:
        return Sense("SANCTION", "withdraw")
    if classes & {"aid", "ties"} or ctx.obj_lemma in GOODS_WORDS | {"asset", "account", "membership", "visa"}:
        return Sense("SANCTION", "discontinue")
    return None


def _patrol(sense: Sense, ctx: SenseContext) -> Sense | None:
    if ctx.source_sector == "COP":
        return Sense("MOBILIZE", "police")
    return Sense("MOBILIZE", "troops") if ctx.source_sector == "MIL" else None


def _riot(sense: Sense, ctx: SenseContext) -> Sense | None:
    """loot / rampage / throw / hurl / stone: rioting by people; by armed men, force or seizure."""
    lemma = ctx.tok.lemma_.lower()
    if lemma in ("throw", "hurl") and ctx.obj_lemma not in MISSILES_THROWN:
        return None
    if ctx.source_sector in CIVIL_SECTORS or (not ctx.armed and lemma in ("loot", "rampage", "stone")):
        return Sense("PROTEST", "riot")
    if lemma == "loot":
        return Sense("COERCE", "seize")
    if ctx.obj_lemma in ("grenade", "bomb", "firebomb"):
        return Sense("ASSAULT", "explosives")
    return Sense("ASSAULT", "primitive") if ctx.armed else Sense("PROTEST", "riot")


def _heavy(sense: Sense, ctx: SenseContext) -> Sense | None:
    """rocket / mortar / lob as verbs: force only with an object in an armed setting ("prices rocketed")."""
    return sense if ctx.armed and (ctx.obj is not None or ctx.tok.lemma_.lower() != "rocket") else None


def _military_exercise(sense: Sense, ctx: SenseContext) -> Sense | None:
    mods = {c.lemma_.lower() for c in ctx.tok.children if c.dep_ in ("compound", "amod")}
    if "joint" in mods:
        return Sense("COOPERATE")
    if mods & {"military", "naval", "army", "war", "air", "live-fire", "missile"} or ctx.source_sector == "MIL":
        return sense
    return None
