"""The sector of an actor: from its organisation's name, its roles, its modifiers and its head noun."""

from __future__ import annotations

from .sectors import (
    ARMED_GROUPS,
    GOV_SEATS,
    IGO_NAMES,
    IGO_PATTERNS,
    MODIFIER_SECTORS,
    NGO_NAMES,
    NGO_PATTERNS,
    ORG_NAME_SECTORS,
    SECTOR_WORDS,
)


def name_sector(name: str) -> str | None:
    """Sector of an organisation by its name: IGO, NGO, an armed group, or a telling name word."""
    low = name.lower().strip()
    bare = low[4:] if low.startswith("the ") else low
    if bare in IGO_NAMES or IGO_PATTERNS.search(low):
        return "IGO"
    if bare in NGO_NAMES or NGO_PATTERNS.search(low):
        return "NGO"
    if ARMED_GROUPS.search(low):
        return "REB"
    if bare in GOV_SEATS:
        return "GOV"
    for word in reversed(bare.replace(".", "").split()):
        if word in ORG_NAME_SECTORS:
            return ORG_NAME_SECTORS[word]
    return None


CIVIL_GENERALS = (
    "secretary general",
    "secretary-general",
    "attorney general",
    "surgeon general",
    "governor general",
    "consul general",
    "director general",
    "director-general",
    "auditor general",
    "solicitor general",
)


def role_sector(roles: list[str]) -> str | None:
    """Sector from a person's roles ("Foreign Minister" -> GOV, "general" -> MIL, "broadcaster" -> MED)."""
    for role in roles:
        if any(g in role.lower() for g in CIVIL_GENERALS):
            return "GOV"
        parts = role.lower().split()
        for word in parts[:-1]:
            if word in MODIFIER_SECTORS:
                return MODIFIER_SECTORS[word]
        for word in reversed(parts):
            if word in SECTOR_WORDS:
                return SECTOR_WORDS[word]
    return None


def np_sector(tok, a: int, b: int) -> str | None:
    """Sector from the words of the NP [a, b) headed by ``tok``: a deciding modifier, else the head noun."""
    doc = tok.doc
    text = doc[a:b].text
    org = name_sector(text) if any(doc[k].pos_ == "PROPN" for k in range(a, b)) else None
    if org:
        return org
    for k in range(a, b):  # "U.N. helicopters", "NATO peacekeeping troops": the organisation decides
        low = doc[k].lower_
        if low in IGO_NAMES:
            return "IGO"
        if low in NGO_NAMES:
            return "NGO"
    for k in range(a, b):
        if k != tok.i:
            word = doc[k].lemma_.lower()
            if word in MODIFIER_SECTORS and doc[k].dep_ in ("compound", "amod", "nmod"):
                return MODIFIER_SECTORS[word]
    lemma = tok.lemma_.lower()
    if lemma in SECTOR_WORDS:
        return SECTOR_WORDS[lemma]
    return SECTOR_WORDS.get(tok.lower_)


def actor_sector(tok, a: int, b: int, ent) -> str | None:
    """The actor's sector; a country named as actor (GPE) has none, as in CAMEO's state codes."""
    if ent is not None:
        if ent.type == "ORG":
            found = name_sector(ent.name)
            if found:
                return found
        elif ent.type == "PERSON":
            descriptions = [m.text for m in ent.mentions if m.kind == "description"] + list(ent.roles)
            descriptions.append(tok.doc[a:b].text)
            for d in descriptions:
                if IGO_PATTERNS.search(d) or d.lower().split()[:1] == ["u.n."]:
                    return "IGO"
                if NGO_PATTERNS.search(d):
                    return "NGO"
            return role_sector([*ent.roles, tok.doc[a:b].text]) or np_sector(tok, a, b)
        elif ent.type in ("GPE", "NORP", "LOC"):
            return None
        else:  # GROUP ("Police said") and other kinds: an organisation among its words, else the name's words
            if any(tok.doc[k].lower_ in IGO_NAMES for k in range(a, b)):
                return "IGO"  # "U.N. officials"
            found = name_sector(ent.name) or SECTOR_WORDS.get(ent.name.lower().split()[-1].rstrip("s"))
            if found:
                return found
    return np_sector(tok, a, b)
