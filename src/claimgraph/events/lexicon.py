"""Trigger verbs per PLOVER type and mode, written for claimgraph.

Informed by reading (not copying) the CAMEO verb dictionary of PETRARCH2 (``CAMEO.2.0.txt``) and
PLOVER's ``CAMEO2PLOVER-2021.txt`` and manual (openeventdata on GitHub); the word lists are our own.

Each line reads ``TYPE[/mode][@root]: words``. A word is a lemma, or ``lemma_particle`` for a phrasal
verb ("lash_out", "call_on": the particle is a ``prt`` child or the first preposition of the verb).
A trailing ``~`` marks a word with several senses; ``senses.py`` decides (violence or words, labour
strike or air strike, people or a statement released ...). ``@NN`` is the CAMEO root when it differs
from the type's default (``cameo.py``). Verbs that only name an event through their object
("impose sanctions", "hold talks") are in ``objects.py``.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..entities.lexicon import words

VERB_TABLE = """
AGREE: agree~ consent pledge~ promise~ commit~ offer~ accept~ undertake invite volunteer vow~ guarantee~
AGREE: assure~ propose~
CONSULT: meet~ confer consult negotiate discuss~ talk~ mediate parley speak_with~ convene~ attend~
CONSULT/visit: visit tour travel_to~ fly_to~
CONSULT/host: host~ receive~
CONSULT/phone: phone telephone call~
SUPPORT: praise commend hail laud applaud welcome endorse back~ support~ congratulate thank salute
SUPPORT: acclaim extol vouch_for sympathize sympathise console
SUPPORT: champion defend~ recognize~ recognise~ ratify approve~ forgive stand_by side_with rally_behind
CONCEDE: concede relent compromise pardon acquit exonerate back_down give_in give_way accede cave
CONCEDE: yield_to legalize legalise abandon~ renounce~ drop~ scrap~ regret~
CONCEDE@05: apologize apologise
CONCEDE: waive reinstate readmit amnesty
COOPERATE: ally_with partner_with join_forces
COOPERATE: cooperate co-operate collaborate team_up extradite work_with~ coordinate~
AID: subsidize subsidise vaccinate resettle
AID: aid assist~ help~ donate bankroll arm~ rescue bail_out airlift fund~ finance~ equip~ supply~
RETREAT: retreat~ capitulate relinquish
RETREAT/withdraw: withdraw~ pull_out~ pull_back evacuate~ cede leave~
RETREAT/release: release~ free~ repatriate
RETREAT/disarm: disarm demobilize demobilise surrender stand_down dismantle~
RETREAT/resign: resign step_down abdicate quit~
REQUEST: demand insist~ press~ push_for order~ instruct pressure~ pressurize pressurise
REQUEST@02: request~ seek~ ask~
REQUEST@02: urge appeal call_on call_upon call_for plead~ implore beseech beg petition exhort lobby~ advise~
REQUEST@02: encourage~ recommend~ solicit entreat importune
ACCUSE/disapprove: criticize criticise condemn denounce decry deplore censure rebuke reprimand chide
ACCUSE/disapprove: scold berate castigate assail lash_out hit_out lambaste slam~ blast~ attack~ protest~
ACCUSE/disapprove: reproach admonish upbraid chastise excoriate disparage slander libel harangue
ACCUSE/disapprove: disapprove deride ridicule denigrate vilify rail_against condemn object~
ACCUSE/disapprove: summon~ complain~ brand~ insult smear demonize demonise question~ mock
ACCUSE/allege: incriminate
ACCUSE/allege: accuse blame allege indict sue prosecute implicate fault charge~ impeach arraign
ACCUSE/investigate: investigate probe inspect look_into
REJECT: refute disavow disown abrogate nullify rescind overrule stonewall
REJECT: reject refuse~ decline~ rebuff spurn dismiss~ veto turn_down rule_out repudiate defy snub
REJECT: deny~ resist~ block~ renege backtrack oppose~ ignore~ disregard~ scorn balk_at brush_aside shrug_off
REJECT: cancel~ postpone~ delay~ call_off~
THREATEN: blackmail
THREATEN: threaten menace warn~ intimidate
PROTEST/demo: sit_in
PROTEST/riot: revolt~ mutiny
PROTEST/demo: demonstrate~ rally~ march~ picket
PROTEST/riot: riot loot~ rampage~ throw~ hurl~
PROTEST/strike: strike~ walk_out
PROTEST/boycott: boycott
PROTEST/obstruct: barricade blockade~
PROTEST/vandalize: vandalize vandalise deface
SANCTION: ostracize ostracise excommunicate
SANCTION: sanction~ embargo blacklist
SANCTION/discontinue: sever~ freeze~ suspend~ cut_off~ withhold~
SANCTION/expel: expel~
SANCTION/convict: convict
MOBILIZE/troops: conscript militarize militarise
MOBILIZE/troops: mobilize~ mobilise~ deploy~ mass~ reinforce~
MOBILIZE: patrol~ overfly fly_over~
MOBILIZE/weapons: test-fire
COERCE/restrict: repress persecute harass oppress muzzle interdict
COERCE/seize: requisition commandeer ransack pillage plunder
COERCE/arrest: arrest detain jail imprison incarcerate apprehend round_up intern sentence
COERCE/seize: seize~ confiscate impound expropriate nationalize nationalise raid~ capture~ retake~ recapture~
COERCE/seize@19: occupy~ invade annex take_over~
COERCE/restrict: crack_down curb~ cordon_off seal_off disperse~ restrict~ close~ shut~ shut_down~ evict~
COERCE/restrict@19: besiege encircle
COERCE/censor: censor
COERCE/ban: ban~ outlaw prohibit~ bar~ disband~
COERCE/deport: deport banish exile
COERCE/cyber: hack~
ASSAULT: attack~ kill~ murder slay assault~ fight~ battle~ clash~ wound injure~ storm~ overrun ambush
ASSAULT: target~ hit~ retaliate~ repel~ strike~ wipe_out maim mutilate poison~ counterattack counter-attack
ASSAULT: liberate~
ASSAULT@20: massacre slaughter exterminate annihilate butcher~
ASSAULT/firearms: shoot~ gun_down snipe fire~ gun~
ASSAULT/aerial: strafe
ASSAULT/heavy-weapons: shell bombard pound~ shoot_down rocket~ mortar~ lob~
ASSAULT/explosives: bomb blow_up detonate
ASSAULT/destroy: destroy~ raze demolish bulldoze torch~ burn~ blow_up
ASSAULT/primitive: stab stone~
ASSAULT/targeted: assassinate behead execute~
ASSAULT/beat: bludgeon flog molest
ASSAULT/destroy: sabotage firebomb
ASSAULT/beat: beat~ lynch punch beat_up abuse~ mistreat~
ASSAULT/torture: torture
ASSAULT/sexual: rape
ASSAULT/abduct: abduct kidnap hijack
"""


@dataclass(frozen=True, slots=True)
class Sense:
    """What a trigger word names: PLOVER type and mode, a CAMEO root override, and whether it needs a check."""

    type: str
    mode: str | None = None
    root: str | None = None
    ambiguous: bool = False


def parse_table(table: str) -> dict[str, Sense]:
    """Read a ``TYPE[/mode][@root]: words`` table into {word: Sense} (a later line never overwrites)."""
    out: dict[str, Sense] = {}
    for line in table.strip().splitlines():
        head, _, words = line.partition(":")
        head, _, root = head.partition("@")
        type_, _, mode = head.partition("/")
        for word in words.split():
            ambiguous = word.endswith("~")
            word = word.rstrip("~").replace("_", " ")
            out.setdefault(word, Sense(type_.strip(), mode or None, root or None, ambiguous))
    return out


VERBS: dict[str, Sense] = parse_table(VERB_TABLE)

# Verbs whose to-infinitive complement is not (yet) done: "threatened to strike", "plans to visit".
# The value says what they do to it: "hyp" hypothetical, "neg" negated ("failed to", "refused to").
GOVERNORS: dict[str, str] = {
    **dict.fromkeys(
        words(
            "threaten warn vow plan intend want wish hope seek aim prepare expect agree offer promise pledge "
            "propose consider decide resolve vote urge ask call press order demand tell push pressure "
            "encourage invite allow permit authorize authorise need mean plot scheme conspire volunteer "
            "undertake commit"
        ),
        "hyp",
    ),
    **dict.fromkeys(words("fail refuse decline neglect reluct hesitate forbid prevent stop deter"), "neg"),
}

# Governors that pass their object, not their subject, to the complement: "urged Syria to withdraw".
OBJECT_CONTROL = words(
    "urge ask call press order tell push pressure encourage invite allow permit authorize authorise "
    "force persuade instruct forbid prevent compel oblige get help"
)

# Complements of "refuse/decline to ..." that are speech, not events: "declined to comment".
SPEECH_COMPLEMENTS = words(
    "comment say elaborate discuss answer respond reveal confirm disclose speculate specify explain "
    "identify name detail talk"
)

# Adjectives that govern an intention: "is willing to send", "ready to talk", "prepared to negotiate".
INTENT_ADJECTIVES = words("willing ready prepared eager keen determined poised set likely due happy")
