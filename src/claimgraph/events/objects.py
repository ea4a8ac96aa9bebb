"""Event nouns, and verbs that name an event only through their object ("impose sanctions", "hold talks").

Our own lists, informed by the object patterns of the CAMEO verb dictionary (read, not copied) and the
PLOVER 0.8 manual. ``NOUNS`` follows the ``TYPE[/mode][@root]: words`` layout of ``lexicon.py``; a
two-word key ("air strike", "hunger strike") is a modifier lemma + head lemma and wins over the head
alone. ``OBJECT_CLASSES`` groups object nouns; ``OBJECT_RULES`` says what a verb does with a class.
"""

from __future__ import annotations

from .lexicon import Sense, parse_table

NOUN_TABLE = """
AGREE: pledge offer~ promise~
CONSULT: talk negotiation meeting~ summit consultation dialogue mediation
CONSULT/multilateral: conference~
CONSULT/visit: visit trip~
CONSULT/phone: phone_call telephone_call telephone_conversation
SUPPORT: praise endorsement
CONCEDE: concession apology pardon amnesty acquittal
COOPERATE: cooperation co-operation collaboration joint_exercise joint_patrol joint_operation joint_raid
COOPERATE: joint_investigation joint_venture
AID: aid assistance relief humanitarian_aid military_aid
RETREAT/withdraw: withdrawal pullout pull-out retreat~ evacuation~
RETREAT/release: release~
RETREAT/resign: resignation
RETREAT/ceasefire: ceasefire cease-fire truce
REQUEST: demand~ request~ appeal~ plea~
ACCUSE/disapprove: criticism condemnation denunciation rebuke
ACCUSE/allege: accusation allegation lawsuit indictment complaint~ charge~ trial~ impeachment
ACCUSE/investigate: investigation probe inquiry
REJECT: rejection refusal veto denial~
THREATEN: threat ultimatum warning~
PROTEST/demo: protest~ demonstration rally~ march~ sit-in vigil~
PROTEST/riot: riot
PROTEST/strike: general_strike walkout strike~
PROTEST/hunger: hunger_strike
PROTEST/boycott: boycott
PROTEST/obstruct: roadblock blockade~
SANCTION/discontinue: sanction embargo
SANCTION/expel: expulsion~
SANCTION/convict: conviction
MOBILIZE/troops: deployment mobilization mobilisation buildup build-up
MOBILIZE: military_exercise exercise~ drill~ maneuver~ manoeuvre~
COERCE/arrest: arrest detention imprisonment internment
COERCE/restrict: repression persecution harassment
COERCE/restrict: crackdown
COERCE/curfew: curfew
COERCE/martial-law: martial_law
COERCE/ban: ban~
COERCE/deport: deportation
COERCE/seize@19: occupation~ invasion annexation
COERCE/restrict@19: siege
COERCE/seize: seizure confiscation
ASSAULT: attack~ assault~ offensive~ strike~ fighting~ clash~ battle~ killing ambush raid~ incursion skirmish
ASSAULT: sabotage firefight gunbattle gun_battle counteroffensive counter-offensive counterattack hostility
ASSAULT/aerial: airstrike air_strike air_raid air_attack aerial_bombardment bombing_raid sortie
ASSAULT/drone: drone_strike drone_attack
ASSAULT/heavy-weapons: shelling bombardment missile_strike rocket_attack artillery_fire
ASSAULT/firearms: shooting~ gunfire gun_attack
ASSAULT/explosives: bombing car_bomb roadside_bomb
ASSAULT/suicide-attack: suicide_bombing suicide_attack
ASSAULT/targeted: assassination execution~
ASSAULT/abduct: kidnapping abduction hijacking
ASSAULT/torture: torture
ASSAULT/sexual: rape
ASSAULT@20: massacre genocide ethnic_cleansing
ASSAULT/destroy: destruction~ demolition
"""

NOUNS: dict[str, Sense] = parse_table(NOUN_TABLE)

OBJECT_CLASS_TABLE = {
    "sanction": "sanction embargo",
    "curfew": "curfew",
    "emergency": "emergency martial_law",
    "ban": "ban prohibition",
    "restriction": "restriction control curb",
    "blockade": "blockade siege",
    "ceasefire": "ceasefire cease-fire truce armistice",
    "agreement": "agreement deal accord treaty pact memorandum protocol settlement",
    "talks": "talk negotiation meeting summit dialogue consultation conference session mediation",
    "visit": "visit trip tour",
    "aid": "aid assistance help relief supply food medicine loan grant fund funding money cash dollar "
    "euro donation equipment material asylum",
    "arms": "weapon arm ammunition missile rocket tank",
    "alert": "alert readiness",
    "troops": "troop soldier force unit reinforcement reservist battalion brigade army marine paratrooper personnel",
    "warships": "warship ship jet warplane aircraft tank vessel submarine missile rocket",
    "police": "police policeman",
    "prisoner": "prisoner hostage detainee captive inmate",
    "attack": "attack airstrike strike raid bombing offensive assault shelling bombardment ambush operation "
    "campaign war",
    "fire": "fire",
    "investigation": "investigation probe inquiry",
    "lawsuit": "lawsuit suit complaint charge case",
    "ties": "tie relation contact",
    "ambassador": "ambassador envoy diplomat",
    "concession": "concession",
    "demand": "demand",
    "threat": "threat warning ultimatum",
    "protest": "protest demonstration rally march strike walkout boycott sit-in demonstrator protester",
    "change": "reform change election resignation",
    "yield": "release withdrawal lifting pullout",
    "support": "support backing solidarity tribute",
    "debt": "debt",
    "media": "newspaper paper radio station television channel website magazine broadcaster outlet",
    "border": "border crossing airport port checkpoint frontier airspace",
    "revenge": "revenge retaliation reprisal",
    "reservist": "reservist",
    "disapproval": "condemnation criticism anger outrage displeasure indignation dismay disapproval opposition "
    "concern alarm protest",
    "regret": "regret remorse",
    "willingness": "willingness readiness",
    "gratitude": "gratitude thanks appreciation",
    "intelligence": "intelligence information expertise know-how technology",
    "access": "inspector observer monitor peacekeeper mission access worker",
    "embassy": "embassy consulate",
    "hostage": "hostage",
    "street": "street",
    "control": "control",
    "recognition": "recognition",
    "peacekeeping": "peacekeeper peacekeeping",
    "property": "property land territory body remains cattle livestock asset artefact artifact",
    "custody": "custody arrest detention",
    "pardon": "amnesty pardon clemency",
    "helpers": "doctor expert team engineer volunteer rescuer specialist medic nurse",
    "suspect": "suspect fugitive militant",
    "forces": "force",
}

OBJECT_CLASSES: dict[str, tuple[str, ...]] = {}
for _cls, _words in OBJECT_CLASS_TABLE.items():
    for _w in _words.split():
        OBJECT_CLASSES[_w.replace("_", " ")] = (*OBJECT_CLASSES.get(_w.replace("_", " "), ()), _cls)

PERFORM = "noun"  # the verb only performs the noun's own event: "carried out airstrikes", "staged a protest"

# (object class, verbs) -> Sense of the event, or PERFORM. Verbs are lemmas or "lemma particle".
_RULES: list[tuple[str, str, Sense | str]] = [
    (
        "attack protest investigation talks",
        "carry_out launch conduct stage mount wage unleash begin start "
        "continue resume intensify step_up escalate undertake hold organize organise order open lead make "
        "call",
        PERFORM,
    ),
    ("lawsuit", "file lodge bring", PERFORM),
    ("threat demand", "issue make", PERFORM),
    ("visit", "pay make", Sense("CONSULT", "visit")),
    ("sanction", "impose slap introduce reimpose enforce tighten extend institute", Sense("SANCTION", "discontinue")),
    ("curfew", "impose declare introduce reimpose enforce extend institute", Sense("COERCE", "curfew")),
    ("emergency", "impose declare introduce reimpose enforce extend institute", Sense("COERCE", "martial-law")),
    ("ban", "impose introduce enforce", Sense("COERCE", "ban")),
    ("restriction", "impose introduce enforce tighten", Sense("COERCE", "restrict")),
    ("blockade", "impose enforce tighten lay", Sense("COERCE", "restrict", "19")),
    ("ceasefire", "declare announce", Sense("CONCEDE")),
    ("ceasefire", "violate break breach", Sense("ASSAULT")),
    ("ceasefire", "observe respect implement", Sense("RETREAT", "ceasefire")),
    ("sanction blockade", "lift ease end relax remove scrap rescind revoke", Sense("RETREAT")),
    (
        "curfew emergency ban restriction demand charge",
        "lift ease end relax remove scrap drop rescind revoke shorten reduce",
        Sense("CONCEDE"),
    ),
    ("demand", "accept meet grant satisfy heed accede_to", Sense("CONCEDE")),
    ("ban restriction curfew", "violate defy flout breach ignore", Sense("REJECT", "yield")),
    ("access", "allow permit admit accept receive", Sense("RETREAT", "access")),
    ("protest", "prevent disperse break_up suppress ban halt", Sense("COERCE", "restrict")),
    ("ties embassy", "upgrade restore establish resume normalize normalise improve open reopen", Sense("SUPPORT")),
    ("arms", "hand_over surrender give_up lay_down", Sense("RETREAT", "disarm")),
    (
        "aid arms",
        "provide give send deliver donate grant extend pump channel funnel ship supply "
        "transfer allocate disburse lend approve release unfreeze hand_over",
        Sense("AID"),
    ),
    ("aid arms troops support talks ceasefire concession", "offer pledge promise propose", Sense("AGREE")),
    ("agreement", "sign ink conclude ratify initial seal", Sense("SUPPORT", None, "05")),
    ("agreement ceasefire", "reach strike clinch forge hammer_out broker", Sense("AGREE")),
    ("agreement", "violate break breach", Sense("REJECT", "yield")),
    ("ties", "sever cut break break_off suspend freeze downgrade end cut_off", Sense("SANCTION", "withdraw")),
    ("aid", "cut suspend freeze halt stop end withhold cut_off reduce slash curtail", Sense("SANCTION", "discontinue")),
    ("troops", "contribute", Sense("AID")),
    ("talks", "suspend halt break_off end", Sense("SANCTION", "withdraw")),
    ("ambassador", "recall withdraw", Sense("SANCTION", "withdraw")),
    ("troops", "deploy dispatch send station mass move position amass build_up", Sense("MOBILIZE", "troops")),
    ("warships", "deploy dispatch send station mass move position amass", Sense("MOBILIZE", "weapons")),
    ("police", "deploy dispatch send station", Sense("MOBILIZE", "police")),
    ("troops", "withdraw pull pull_out pull_back evacuate", Sense("RETREAT", "withdraw")),
    ("prisoner", "release free exchange swap hand_over return", Sense("RETREAT", "release")),
    ("fire", "open exchange return", Sense("ASSAULT", "firearms")),
    ("fire", "set", Sense("ASSAULT", "destroy")),
    ("forces", "join", Sense("COOPERATE")),
    ("arms warships", "test test-fire", Sense("MOBILIZE", "weapons")),
    ("alert", "put place raise heighten go", Sense("MOBILIZE", "troops")),
    ("intelligence", "share exchange", Sense("COOPERATE")),
    ("support", "express voice reiterate reaffirm lend pledge pay extend", Sense("SUPPORT")),
    ("debt", "forgive cancel write_off reschedule", Sense("AID")),
    ("media", "close shut shut_down suspend ban censor block", Sense("COERCE", "censor")),
    ("border", "close shut seal", Sense("COERCE", "restrict")),
    ("border", "open reopen", Sense("RETREAT", "access")),
    ("embassy", "close shut", Sense("SANCTION", "withdraw")),
    ("talks visit", "cancel postpone delay call_off", Sense("REJECT", "meet")),
    ("aid", "cancel", Sense("SANCTION", "discontinue")),
    ("revenge", "vow promise threaten", Sense("THREATEN", "violence")),
    ("threat", "give deliver set", PERFORM),
    ("reservist", "call_up mobilize", Sense("MOBILIZE", "troops")),
    ("troops", "train", Sense("COOPERATE")),
    ("disapproval", "express voice lodge register file", Sense("ACCUSE", "disapprove")),
    ("regret", "express voice", Sense("CONCEDE")),
    ("willingness", "express signal", Sense("AGREE")),
    ("gratitude", "express voice", Sense("SUPPORT")),
    ("street", "take_to", Sense("PROTEST", "demo")),
    ("control", "take seize assume", Sense("COERCE", "seize", "19")),
    ("custody", "take place put keep hold", Sense("COERCE", "arrest")),
    ("pardon", "grant declare announce give", Sense("CONCEDE")),
    ("helpers", "send dispatch deploy", Sense("AID")),
    ("recognition", "grant extend accord give", Sense("SUPPORT")),
    ("peacekeeping", "send dispatch deploy contribute", Sense("AID")),
    ("property", "return hand_back give_back restore", Sense("RETREAT", "release")),
    ("suspect", "hand_over extradite surrender", Sense("COOPERATE")),
    ("hostage", "take hold seize", Sense("ASSAULT", "abduct")),
]

OBJECT_RULES: dict[tuple[str, str], Sense | str] = {}
for _classes, _verbs, _sense in _RULES:
    for _c in _classes.split():
        for _v in _verbs.split():
            OBJECT_RULES.setdefault((_v.replace("_", " "), _c), _sense)

# The mode a REQUEST / REJECT / THREATEN takes from what is requested, rejected or threatened.
MODE_FROM_OBJECT: dict[str, dict[str, str]] = {
    "REQUEST": {
        "aid": "assist",
        "arms": "assist",
        "support": "assist",
        "talks": "meet",
        "ceasefire": "yield",
        "yield": "yield",
        "prisoner": "yield",
        "change": "change",
        "troops": "assist",
    },
    "REJECT": {
        "aid": "assist",
        "arms": "assist",
        "support": "assist",
        "talks": "meet",
        "ceasefire": "yield",
        "yield": "yield",
        "prisoner": "yield",
        "change": "change",
        "agreement": "meet",
        "demand": "change",
    },
    "THREATEN": {
        "sanction": "restrict",
        "blockade": "restrict",
        "curfew": "restrict",
        "ban": "restrict",
        "restriction": "restrict",
        "attack": "violence",
        "fire": "violence",
        "ties": "relations",
        "talks": "relations",
        "aid": "relations",
        "ambassador": "expel",
    },
}

# The mode a THREATEN takes from the type of the event threatened ("threatened to strike": violence).
THREAT_MODE_FROM_TYPE: dict[str, str] = {
    "ASSAULT": "violence",
    "SANCTION": "relations",
    "COERCE": "restrict",
    "MOBILIZE": "violence",
    "PROTEST": "restrict",
}
