"""Small readers of spaCy's dependency parse shared by the events stage (no re-parsing)."""

from __future__ import annotations

from ..entities.countries import country_code, demonym_country
from ..entities.lexicon import ROLE_NOUNS, words
from .sectors import SECTOR_WORDS

SUBJECT_DEPS = frozenset({"nsubj", "csubj"})
PASSIVE_SUBJECT_DEPS = frozenset({"nsubjpass", "csubjpass"})
OBJECT_DEPS = frozenset({"dobj", "dative", "attr", "oprd"})
ACTOR_ENTS = frozenset({"PERSON", "ORG", "GPE", "NORP", "LOC", "FAC"})
NON_ACTOR_ENTS = frozenset(
    {"DATE", "TIME", "MONEY", "PERCENT", "QUANTITY", "CARDINAL", "ORDINAL", "LAW", "WORK_OF_ART"}
)
PERSON_PRONOUNS = words("he she they him her them we us i me it who its their his")
# Nouns for groups that act ("the U.S.-led coalition", "its neighbour", "both sides").
COLLECTIVE_NOUNS = words(
    "coalition alliance side faction bloc camp delegation team movement organization organisation agency council "
    "committee commission body league front network group nation country state member partner ally neighbour "
    "neighbor contingent mission force"
)
RELATIVE_PRONOUNS = words("who whom which that")
EXPLETIVES = words("it there this that what")

# Nouns naming places an event can be done to ("seized the town", "stormed the embassy").
PLACE_NOUNS = words(
    "town city village territory area region province district base airport building port hill border capital "
    "enclave camp compound embassy office headquarters parliament palace mosque church school hospital bridge "
    "road street highway outpost position stronghold neighbourhood neighborhood suburb island zone strip "
    "checkpoint station oilfield field mine facility plant refinery"
)
# Nouns of people undergoing an event ("released 20 prisoners", "executed three men").
PEOPLE_NOUNS = words(
    "prisoner hostage detainee captive inmate people person man woman child boy girl civilian resident "
    "villager member worker student journalist activist protester demonstrator soldier officer policeman "
    "fighter rebel militant refugee migrant foreigner national citizen suspect leader family victim wounded "
    "injured sick survivor"
)


CONTROL_VERBS = words("help assist allow permit let urge ask press order force persuade encourage enable")


PARTICLES = frozenset({"back", "down", "out", "off", "up", "away", "over", "in"})


def phrasal_keys(tok) -> list[str]:
    """Lookup keys for a verb, most specific first: "lash out", "call on", then the bare lemma."""
    lemma = tok.lemma_.lower()
    keys = []
    doc = tok.doc
    if tok.i >= 2 and doc[tok.i - 1].text == "-" and not doc[tok.i - 1].whitespace_:
        keys.append(f"{doc[tok.i - 2].lower_}-{lemma}")  # "test-fired" comes apart as test - fired
    for c in tok.children:
        if c.dep_ == "prt" or (c.dep_ == "advmod" and c.i == tok.i + 1 and c.lower_ in PARTICLES):
            keys.append(f"{lemma} {c.lower_}")  # "pulled back" is often parsed with an adverb, not a particle
    for c in tok.children:
        if c.dep_ in ("prep", "agent") and c.i > tok.i:
            keys.append(f"{lemma} {c.lower_}")
    keys.append(lemma)
    return keys


def noun_keys(tok) -> list[str]:
    """Lookup keys for a noun: "air strike" (modifier + head), the hyphen-joined form, then the lemma."""
    lemma = tok.lemma_.lower()
    keys = []
    for c in tok.lefts:
        if c.dep_ in ("compound", "amod", "nmod") and c.i >= tok.i - 3:
            keys.append(f"{c.lemma_.lower()} {lemma}")
    i = tok.i
    doc = tok.doc
    if i >= 2 and doc[i - 1].text == "-" and not doc[i - 1].whitespace_ and not doc[i - 2].whitespace_:
        keys.append(f"{doc[i - 2].lower_} {lemma}")  # "air-strikes" split at the hyphen
    keys.append(lemma)
    return keys


# Heads that hand their role to an "of" complement: "part of a military aid program", "a group of refugees".
PARTITIVES = words(
    "part portion some most half much all bulk rest share number group third quarter dozen dozens hundred "
    "hundreds thousand thousands million millions majority members member one two three several many few state "
    "kg kilogram ton tonne litre liter barrel shipment consignment batch load package truckload worth"
)


def through_partitive(tok):
    """The noun an "X of Y" partitive stands for ("one third of the guerrillas" -> guerrillas), else ``tok``."""
    if tok.lemma_.lower() in PARTITIVES or tok.pos_ == "NUM":
        of = pobj_of(tok, "of")
        if of is not None:
            return of
    return tok


def class_keys(obj) -> list[str]:
    """Keys to classify an object noun: its own keys, then its partitive complement's, then its modifiers'."""
    keys = noun_keys(obj)
    inner = through_partitive(obj)
    if inner.i != obj.i:
        keys += noun_keys(inner)
        obj = inner
    keys += [c.lemma_.lower() for c in obj.lefts if c.dep_ in ("compound", "amod")]
    return keys


def left_start(tok) -> int:
    """Token index where a compound noun trigger starts ("air" of "air strikes", "suicide" of "suicide bombing")."""
    start = tok.i
    for c in tok.lefts:
        if c.dep_ in ("compound",) and c.i >= tok.i - 3:
            start = min(start, c.i)
    doc = tok.doc
    while start >= 2 and doc[start - 1].text == "-" and not doc[start - 1].whitespace_:
        start -= 2
    return start


def children(tok, *deps: str) -> list:
    return [c for c in tok.children if c.dep_ in deps]


def first_child(tok, *deps: str):
    for c in tok.children:
        if c.dep_ in deps:
            return c
    return None


def pobj_of(tok, *preps: str):
    """The object of the first preposition child among ``preps`` ("against ISIS" -> ISIS)."""
    for c in tok.children:
        if c.dep_ in ("prep", "agent") and c.lower_ in preps:
            for g in c.children:
                if g.dep_ in ("pobj", "pcomp"):
                    return g
    return None


def is_passive(tok) -> bool:
    return any(c.dep_ in ("auxpass", "nsubjpass") for c in tok.children) or (tok.tag_ == "VBN" and tok.dep_ == "acl")


def is_actor_like(tok) -> bool:
    """Could this token head an actor: a named entity, a person pronoun, a role, group or demonym noun."""
    if tok.ent_type_ in ACTOR_ENTS and tok.ent_type_ != "NORP":
        return True
    low, lemma = tok.lower_, tok.lemma_.lower()
    if tok.pos_ == "PRON":
        return low in PERSON_PRONOUNS
    if tok.pos_ == "PROPN":
        return tok.ent_type_ not in NON_ACTOR_ENTS
    if tok.pos_ not in ("NOUN", "ADJ") and tok.ent_type_ != "NORP":
        return False
    if tok.text[:1].isupper() and country_code(tok.text):
        return True  # a country name the tagger took for a common noun ("Bahrain severed ties")
    return (
        lemma in SECTOR_WORDS
        or lemma in ROLE_NOUNS
        or lemma in COLLECTIVE_NOUNS
        or low in SECTOR_WORDS
        or demonym_country(low) is not None
    )


def is_person_like(tok) -> bool:
    """People an event is done to: a person name, pronoun, people noun, role noun or a bare number of them."""
    lemma = tok.lemma_.lower()
    if tok.ent_type_ == "PERSON" or (tok.pos_ == "PRON" and tok.lower_ in PERSON_PRONOUNS):
        return True
    if tok.pos_ == "NUM":
        return True
    return lemma in PEOPLE_NOUNS or lemma in ROLE_NOUNS or demonym_country(tok.lower_) is not None


def is_place_like(tok) -> bool:
    return tok.ent_type_ in ("GPE", "LOC", "FAC") or tok.lemma_.lower() in PLACE_NOUNS


def clause_head(tok):
    """The verb (or predicate) whose clause holds ``tok``: walk up until a verb or the root."""
    cur = tok
    while cur.head.i != cur.i and cur.pos_ not in ("VERB", "AUX"):
        cur = cur.head
    return cur


def object_of(verb):
    """The direct object of a verb (the passive subject when passive); for "help Indonesia rebuild" /
    "allowed inspectors to return", parsed with the object as the complement's subject, that subject."""
    obj = first_child(verb, "dobj")
    if obj is None:
        obj = first_child(verb, "nsubjpass")
    if obj is None and verb.lemma_.lower() in CONTROL_VERBS:
        for c in verb.children:
            if c.dep_ in ("ccomp", "xcomp"):
                obj = first_child(c, "nsubj")
                if obj is not None:
                    break
    return obj


def ancestors_until(tok, stop):
    """Ancestors of ``tok`` up to (excluding) ``stop`` or the root."""
    out = []
    cur = tok
    while cur.head.i != cur.i and cur.head.i != stop.i:
        cur = cur.head
        out.append(cur)
    return out
