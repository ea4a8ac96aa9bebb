"""Actor sectors as CAMEO/PLOVER code them (GOV, MIL, REB, OPP, CVL, MED, BUS, IGO, NGO, ...).

Our own word lists (general English and well-known organisations), in the spirit of the CAMEO agent
dictionaries: a head noun, a modifier, a role or a word of an organisation's name gives the sector.
"""

from __future__ import annotations

import re

from ..entities.lexicon import words

# Head nouns / role words -> sector. Checked on the lemma, lower case.
SECTOR_WORDS: dict[str, str] = {}
for _sector, _words in {
    "GOV": "government administration regime authority cabinet ministry minister president premier "
    "chancellor king queen emir sultan monarch official spokesman spokeswoman spokesperson ambassador "
    "diplomat envoy embassy consul governor mayor secretary state department leadership junta "
    "prime_minister foreign_minister interior_minister authorities statesman delegation delegate",
    "MIL": "army military troop soldier force commander general admiral colonel officer navy airforce "
    "marine paratrooper warplane jet aircraft helicopter gunship tank artillery battalion brigade unit "
    "regiment division platoon sailor pilot defence defense conscript serviceman armed_forces air_force "
    "warship frigate destroyer submarine gunboat bomber fighter-bomber drone navy",
    "REB": "rebel insurgent guerrilla guerilla militant separatist jihadist terrorist fighter insurgency "
    "extremist secessionist",
    "UAF": "gunman gunmen assailant attacker militia militiaman bomber sniper",
    "OPP": "opposition dissident protester demonstrator activist rioter marcher striker",
    "CVL": "civilian people resident villager citizen crowd family passenger mob public population supporter "
    "follower loyalist prisoner inmate youth teenager inhabitant settler pilgrim commuter motorist consumer",
    "MED": "journalist reporter newspaper media press television radio broadcaster correspondent editor "
    "news agency outlet magazine",
    "BUS": "company firm business businessman corporation investor executive bank banker industry multinational",
    "JUD": "court judge tribunal prosecutor judiciary magistrate justice",
    "LEG": "parliament congress senate lawmaker legislator legislature assembly senator congressman "
    "congresswoman deputy mp parliamentarian",
    "POL": "party politician candidate",
    "COP": "police policeman policewoman gendarme gendarmerie security cop constable",
    "REL": "cleric church imam priest bishop archbishop pope rabbi mosque monk clergy mullah ayatollah",
    "EDU": "student university teacher professor school academic",
    "LAB": "worker union unionist labor labour employee miner driver trucker docker dockworker nurse doctor "
    "shopkeeper trader merchant vendor fisherman herder",
    "REF": "refugee displaced migrant asylum-seeker",
    "CRM": "criminal gang smuggler trafficker pirate mafia cartel",
    "SPY": "intelligence spy agent",
    "AGR": "farmer peasant",
}.items():
    for _w in _words.split():
        SECTOR_WORDS.setdefault(_w.replace("_", " "), _sector)

# Modifiers that decide the sector over the head noun ("opposition leader", "police officer", "rebel forces").
MODIFIER_SECTORS: dict[str, str] = {
    "opposition": "OPP",
    "police": "COP",
    "rebel": "REB",
    "military": "MIL",
    "army": "MIL",
    "government": "GOV",
    "security": "COP",
    "militia": "UAF",
    "guerrilla": "REB",
    "insurgent": "REB",
    "student": "EDU",
    "union": "LAB",
    "party": "POL",
    "defence": "MIL",
    "defense": "MIL",
    "naval": "MIL",
    "navy": "MIL",
    "intelligence": "SPY",
    "state": "GOV",
    "court": "JUD",
    "foreign": "GOV",
    "interior": "GOV",
    "parliamentary": "LEG",
    "islamist": "REB",
    "separatist": "REB",
    "armed": "MIL",
}

# Intergovernmental organisations, by name words or acronym (lower case, without "the").
IGO_NAMES = words(
    "un u.n. nato u.n un-backed unhcr unicef unesco who imf wto opec osce oas asean apec eu e.u. au ecowas "
    "sadc igad gcc oic iaea interpol icc icj nam brics sco cis comecon unsc unrwa wfp fao undp ilo "
    "europol frontex mercosur caricom"
)
IGO_PATTERNS = re.compile(
    r"\b(united nations|security council|european (union|commission|community|parliament|council)|"
    r"african union|arab league|league of arab states|organi[sz]ation (of|for) |world (bank|health|trade|food)|"
    r"international (monetary|atomic|court|criminal court|energy agency|labou?r)|north atlantic|"
    r"economic cooperation|economic community|commonwealth|council of europe|gulf cooperation|"
    r"non-aligned|peacekeep|warsaw pact|asian development bank|inter-american)",
    re.I,
)

# Non-governmental organisations.
NGO_NAMES = words("msf icrc oxfam greenpeace hrw ngo ngos amnesty unicef-backed")
NGO_PATTERNS = re.compile(
    r"\b(red cross|red crescent|amnesty international|human rights watch|doctors without borders|"
    r"m[ée]decins sans fronti[eè]res|save the children|oxfam|greenpeace|care international|"
    r"reporters without borders|committee to protect journalists|international crisis group|"
    r"transparency international|caritas|world vision|aid agency|charity|non-governmental|"
    r"human rights (group|organi[sz]ation|league|commission)|rights group|watchdog)",
    re.I,
)

# Well-known non-state armed groups (general knowledge) -> REB.
ARMED_GROUPS = re.compile(
    r"\b(taliban|al[- ]qa[e']?ida|al[- ]qaeda|islamic state|isis|isil|daesh|hezbollah|hizbollah|hamas|"
    r"islamic jihad|boko haram|al[- ]shabaa?b|farc|eln|pkk|ltte|tamil tigers|kla|ira|eta|"
    r"lord's resistance army|janjaweed|houthis?|ansar|jabhat|nusra|free syrian army|"
    r"liberation (army|front|tigers)|mujahideen|militia|rebels?|insurgents?|brigades?|"
    r"shining path|sendero|zapatista|unita|renamo|polisario|sudan people's liberation)\b",
    re.I,
)

# Home countries of well-known non-state armed groups (general knowledge), for actors named by the group.
ARMED_GROUP_COUNTRIES: list[tuple[re.Pattern[str], str]] = [
    (re.compile(p, re.I), code)
    for p, code in [
        (r"\b(hamas|islamic jihad|fatah|plo|palestine liberation|al-aqsa)\b", "PSE"),
        (r"\b(hezbollah|hizbollah|hizbullah|amal)\b", "LBN"),
        (r"\btaliban\b", "AFG"),
        (r"\bboko haram\b", "NGA"),
        (r"\bal[- ]shabaa?b\b", "SOM"),
        (r"\b(farc|eln)\b", "COL"),
        (r"\b(pkk|kurdistan workers)", "TUR"),
        (r"\b(ltte|tamil tigers|liberation tigers)", "LKA"),
        (r"\b(ira|irish republican army)\b", "GBR"),
        (r"\beta\b", "ESP"),
        (r"\blord's resistance army\b", "UGA"),
        (r"\b(janjaweed|spla|sudan people's liberation)", "SDN"),
        (r"\bhouthis?\b", "YEM"),
        (r"\bfree syrian army\b", "SYR"),
        (r"\b(shining path|sendero luminoso)\b", "PER"),
        (r"\bzapatistas?\b", "MEX"),
        (r"\bunita\b", "AGO"),
        (r"\brenamo\b", "MOZ"),
    ]
]


def armed_group_country(name: str) -> str | None:
    """The home country of a well-known armed group named in ``name``, else None."""
    for pattern, code in ARMED_GROUP_COUNTRIES:
        if pattern.search(name):
            return code
    return None


# Organisation name words -> sector, checked word by word on an ORG entity's name.
ORG_NAME_SECTORS: dict[str, str] = {
    "army": "MIL",
    "forces": "MIL",
    "military": "MIL",
    "navy": "MIL",
    "guard": "MIL",
    "command": "MIL",
    "police": "COP",
    "ministry": "GOV",
    "government": "GOV",
    "department": "GOV",
    "cabinet": "GOV",
    "embassy": "GOV",
    "kremlin": "GOV",
    "pentagon": "MIL",
    "parliament": "LEG",
    "congress": "LEG",
    "senate": "LEG",
    "assembly": "LEG",
    "duma": "LEG",
    "knesset": "LEG",
    "court": "JUD",
    "tribunal": "JUD",
    "party": "POL",
    "union": "LAB",
    "university": "EDU",
    "college": "EDU",
    "church": "REL",
    "times": "MED",
    "news": "MED",
    "post": "MED",
    "tv": "MED",
    "radio": "MED",
    "press": "MED",
    "agency": "GOV",
    "inc": "BUS",
    "corp": "BUS",
    "ltd": "BUS",
    "company": "BUS",
    "bank": "BUS",
    "group": None,
    "front": "REB",
    "movement": "OPP",
    "opposition": "OPP",
}

# Seats of government and executive bodies named as actors.
GOV_SEATS = words("kremlin white house downing elysee élysée pentagon")
