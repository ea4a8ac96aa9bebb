"""What the sense rules share: their context (trigger, object, actors, setting), word lists and helpers."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from ..entities.lexicon import words
from .lexicon import Sense
from .objects import OBJECT_CLASSES
from .parse import is_actor_like, is_person_like

ARMED_SECTORS = frozenset({"MIL", "REB", "UAF", "COP", "CRM"})
CIVIL_SECTORS = frozenset({"CVL", "OPP", "LAB", "EDU", "REL", "REF", "AGR"})
STATE_SECTORS = frozenset({"GOV", "IGO", "MIL", "LEG", "JUD"})

# Words that put a sentence in a setting of physical violence.
VIOLENCE_WORDS = words(
    "kill dead death wound wounded injure injured casualty troop soldier army military rebel militant gunman "
    "bomb bombing missile rocket shell shelling artillery tank airstrike weapon gun rifle explosive jet warplane "
    "civilian war fighter helicopter grenade mortar ambush massacre insurgent guerrilla terrorist bullet "
    "firefight gunfire battlefield sniper militia bloodshed killing offensive tear gas knife machete shot "
    "warship frigate gunboat bomber drone airstrike"
)

DEAL_WORDS = words("deal agreement bargain accord compromise pact truce")
LABOUR_WORDS = words("worker union teacher doctor nurse miner employee driver pilot docker staff labour labor")
LABOUR_MODIFIERS = words("general national nationwide hunger labor labour worker workers union teachers rail transport")
STATEMENT_WORDS = words(
    "statement report video figure data list document result information detail record name photo image "
    "transcript letter memo plan proposal budget book album film footage version update poll survey"
)
PROJECTILES = words("missile rocket shell mortar round salvo grenade torpedo volley projectile")
BULLETS = words("shot bullet")
BUILDINGS = words(
    "house home village building mosque church school bridge infrastructure crop property vehicle tank base "
    "town city office shop market hospital plant"
)
CLAIM_WORDS = words(
    "claim allegation report accusation charge suggestion idea criticism call demand proposal offer appeal "
    "request notion speculation concern rumor rumour"
)
GOODS_WORDS = words("import export trade flight good product shipment sale")
CYBER_WORDS = words("email account computer system network website server phone database")
RESTRICT_WORDS = words("freedom press protest right movement speech media dissent opposition activity gathering")
MISSILES_THROWN = words("stone rock grenade bomb petrol molotov brick bottle projectile firebomb")
GIVEN_UP = words(
    "plan demand claim charge policy proposal bid violence opposition idea program programme project law "
    "requirement condition precondition objection insistence"
)
IGNORED = CLAIM_WORDS | words("warning ultimatum ruling resolution order call plea")
CANCELLED = words("election vote referendum trip meeting summit plan deal visit talk")
DISMANTLED = words("checkpoint roadblock weapon arsenal camp settlement outpost barricade program programme base")
QUESTIONED = words("legitimacy motive credibility sincerity commitment integrity competence")
RESTRICTED = RESTRICT_WORDS | words("access travel entry")
BLOCK_WORDS = words("road street highway route access entrance border bridge crossing passage traffic railway")


@dataclass(slots=True)
class SenseContext:
    """What the sense rules may look at: the trigger, its object and actors, and the sentence's setting."""

    tok: object
    obj: object | None
    source_sector: str | None
    target_sector: str | None
    violent: bool

    @property
    def obj_lemma(self) -> str:
        return self.obj.lemma_.lower() if self.obj is not None else ""

    @property
    def obj_classes(self) -> tuple[str, ...]:
        return OBJECT_CLASSES.get(self.obj_lemma, ())

    @property
    def armed(self) -> bool:
        return self.violent or self.source_sector in ARMED_SECTORS or self.target_sector in ARMED_SECTORS

    def has(self, *deps: str) -> bool:
        return any(c.dep_ in deps for c in self.tok.children)


Rule = Callable[[Sense, SenseContext], Sense | None]


def _needs_object(classes: tuple[str, ...] | None = None, person: bool = False, actor: bool = False) -> Rule:
    """A rule keeping the sense only when the object is of a class, a person or an actor."""

    def rule(sense: Sense, ctx: SenseContext) -> Sense | None:
        obj = ctx.obj
        if obj is None:
            return None
        if classes and set(classes) & set(ctx.obj_classes):
            return sense
        if person and is_person_like(obj):
            return sense
        if actor and is_actor_like(obj):
            return sense
        return None

    return rule


def _object_in(lemmas: frozenset[str]) -> Rule:
    """A rule keeping the sense when the object is one of ``lemmas`` ("abandoned the plan", "ignored the calls")."""

    def rule(sense: Sense, ctx: SenseContext) -> Sense | None:
        return sense if ctx.obj_lemma in lemmas else None

    return rule


def _noun_unless(mods: frozenset[str]) -> Rule:
    """A noun sense unless a modifier says otherwise ("news conference", "press conference")."""

    def rule(sense: Sense, ctx: SenseContext) -> Sense | None:
        found = {c.lemma_.lower() for c in ctx.tok.children if c.dep_ in ("compound", "amod")}
        return None if found & mods else sense

    return rule


def _keep(sense: Sense, ctx: SenseContext) -> Sense | None:
    return sense


def _keep_armed(sense: Sense, ctx: SenseContext) -> Sense | None:
    return sense if ctx.armed else None


def _with_object(sense: Sense, ctx: SenseContext) -> Sense | None:
    return sense if ctx.obj is not None or ctx.tok.pos_ == "NOUN" else None


def _not_in_state_hands(sense: Sense, ctx: SenseContext) -> Sense | None:
    """Nouns like "occupation" / "evacuation" / "retreat": only with an armed actor or setting."""
    return sense if ctx.armed or ctx.source_sector is not None else None
