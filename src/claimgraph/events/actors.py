"""Source and target of an event from the dependency parse, resolved through the entity layer.

Verb triggers: the subject is the source and the object the target; passives swap ("were attacked by
X": X is the source); a verb without a subject takes it from the verb it is coordinated with ("attacked
and killed"), the verb it complements ("threatened to strike": the threatener; "urged Syria to
withdraw": Syria), or the noun a relative clause hangs on ("troops who fired"). A target may also be
the object of against / on / at / with / to / into; failing that a place after in / near / at (the CAMEO
habit of coding the location's state as target). Noun triggers: a possessor or nationality modifier
("Israel's attack", "Israeli airstrikes", "U.S. sanctions") or a "by" phrase is the source, the
object of on / against / with / to the target; "between X and Y" gives both.
"""

from __future__ import annotations

import re
from bisect import bisect_right

from ..entities.countries import country_code, demonym_country, seat_country
from ..entities.lexicon import OF_ROLES, ROLE_NOUNS, words
from ..entities.roles import region_country
from ..nlp.arrays import doc_text
from .countries import capital_of, nationality_country
from .lexicon import OBJECT_CONTROL
from .parse import (
    EXPLETIVES,
    PASSIVE_SUBJECT_DEPS,
    RELATIVE_PRONOUNS,
    SUBJECT_DEPS,
    first_child,
    is_actor_like,
    is_passive,
    is_place_like,
    pobj_of,
    through_partitive,
)
from .sector_of import actor_sector
from .sectors import armed_group_country
from .types import Actor

TARGET_PREPS = ("against", "on", "at", "upon", "with", "to", "toward", "towards", "into", "over", "from")
ACCUSE_PREPS = ("against", "at", "over", "about", "on", "of", "to", "with", "from")
OBJECT_TARGET_PREPS = ("to", "against", "on", "for", "with", "of", "from")
CLAUSE_TARGET_TYPES = frozenset({"REQUEST", "ACCUSE", "REJECT", "THREATEN", "AGREE", "SUPPORT"})
NOUN_TARGET_PREPS = ("on", "against", "at", "upon", "with", "to", "toward", "towards", "into", "of")
PLACE_PREPS = ("in", "near", "at", "inside", "outside", "across")
ADJECTIVAL_PASSIVES = frozenset({"oppose", "commit", "determine", "prepare", "resolve"})
DOCUMENT_NOUNS = words("declaration statement letter report communique communiqué resolution message note decree")
LED = re.compile(r"-(led|backed|sponsored|supported|allied|controlled|held|based)$", re.I)
DOMESTIC_SECTORS = frozenset({"GOV", "MIL", "REB", "UAF", "OPP", "CVL", "COP", "JUD", "LEG", "POL", "LAB", "EDU"})


def _entity_country(ent) -> str | None:
    """Country of a country-like entity (GPE / NORP / LOC), by the entity layer or by its name."""
    if ent is None or ent.type not in ("GPE", "NORP", "LOC"):
        return None
    return ent.country or nationality_country(ent.name)


def sentence_bounds(doc) -> list[tuple[int, int]]:
    """Token ranges of the Doc's sentences, read from the sentence-start array (``doc.sents`` is slow)."""
    starts = [k for k, v in enumerate(doc.to_array("SENT_START").tolist()) if v == 1 or k == 0]
    return [(a, b) for a, b in zip(starts, [*starts[1:], len(doc)], strict=True)] if len(doc) else []


class ActorIndex:
    """Per-document lookups: which entity a token belongs to, countries of places and sentences."""

    def __init__(self, doc, entities, places):
        self.doc = doc
        self.text: str = doc_text(doc)  # Doc.text is rebuilt on every access: read it once
        self.sents: list[tuple[int, int]] = sentence_bounds(doc)
        self.sent_of: list[int] = [0] * len(doc)
        for n, (a, b) in enumerate(self.sents):
            for k in range(a, b):
                self.sent_of[k] = n
        self.times: list[list] = [[] for _ in self.sents]  # DATE / TIME entities per sentence
        for ent in doc.ents:
            if ent.label_ in ("DATE", "TIME"):
                self.times[self.sent_of[ent.start]].append(ent)
        self.entities = {e.id: e for e in entities}
        self.tok_entity: dict[int, str] = {}
        starts = doc.to_array("IDX").tolist()  # no Token objects: they are slow to make
        for e in entities:
            for m in e.mentions:
                a = bisect_right(starts, m.start) - 1
                b = bisect_right(starts, m.end - 1)
                for k in range(max(a, 0), b):
                    self.tok_entity.setdefault(k, e.id)
        self.place_country: dict[int, str] = {}
        for p in places or ():
            code = getattr(p, "country", None)
            if code:
                a = bisect_right(starts, p.start) - 1
                b = bisect_right(starts, p.end - 1)
                for k in range(max(a, 0), b):
                    self.place_country[k] = code
        self._sent_country: dict[int, str | None] = {}

    def entity_of(self, tok):
        eid = self.tok_entity.get(tok.i)
        return (eid, self.entities[eid]) if eid else (None, None)

    def sentence_country(self, tok) -> str | None:
        """The one country a sentence is about (None when it names none or several)."""
        n = self.sent_of[tok.i]
        if n not in self._sent_country:
            codes = set()
            a, b = self.sents[n]
            for k in range(a, b):
                code = self.token_country(self.doc[k], use_entity=True)
                if code:
                    codes.add(code)
            self._sent_country[n] = codes.pop() if len(codes) == 1 else None
        return self._sent_country[n]

    def token_country(self, tok, use_entity: bool = True) -> str | None:
        if use_entity:
            code = _entity_country(self.entity_of(tok)[1])
            if code:
                return code
        if tok.i in self.place_country:
            return self.place_country[tok.i]
        text = LED.sub("", tok.text)  # "U.S.-led", "Saudi-backed"
        if tok.ent_type_ == "PERSON":  # "Ugandan" tagged as a name: a nationality, but never "Jordan"
            return nationality_country(text, demonym_only=True)
        if tok.ent_type_ in ("NORP", "GPE", "LOC") or tok.pos_ in ("ADJ", "PROPN"):
            return nationality_country(text) or (capital_of(text) if tok.ent_type_ in ("GPE", "LOC") else None)
        return None


def _coordinated_first(tok):
    """The first conjunct of a coordination ("the United States and Jordan" -> United States)."""
    while tok.dep_ == "conj" and tok.head.i != tok.i:
        tok = tok.head
    return tok


def _inside_actor(tok, depth: int = 2):
    """An actor inside a non-actor NP: "Israel's policy" -> Israel, "the policy of Russia" -> Russia."""
    if is_actor_like(tok):
        return tok
    if depth == 0:
        return None
    for c in tok.children:
        if c.dep_ in ("poss", "compound") and is_actor_like(c):
            return c
        if c.dep_ == "amod" and demonym_country(c.text):
            return c
    of = pobj_of(tok, "of", "by")
    if of is not None:
        return _inside_actor(of, depth - 1)
    for c in tok.children:  # "crimes committed by Croat forces"
        if c.dep_ == "acl" and c.tag_ == "VBN":
            agent = pobj_of(c, "by")
            if agent is not None and is_actor_like(agent):
                return agent
    return None


def verb_subject(verb, seen: int = 0):
    """The agent token of a verb, following coordination, control, relative clauses and passives.

    A document noun ("issued a declaration demanding ...") hands over to whoever issued it; a subject
    that cannot act ("name recognition can offer an edge", "the only way to rally") is no source.
    """
    found = _verb_subject(verb, seen)
    if found is not None and found.lemma_.lower() in DOCUMENT_NOUNS:
        gov = found.head
        if gov.i != found.i and gov.pos_ == "VERB":
            found = _verb_subject(gov, seen + 1)
    if found is not None and not (is_actor_like(found) or _inside_actor(found, 1) is not None):
        return None
    return found


def _grammatical_subject(verb):
    return first_child(verb, "nsubj", "nsubjpass")


def _verb_subject(verb, seen: int = 0):
    if seen > 6:
        return None
    if verb.lemma_.lower() in ADJECTIVAL_PASSIVES and pobj_of(verb, "by") is None:
        subj = first_child(verb, "nsubjpass")
        if subj is not None:  # "Israel is opposed to French mediation": Israel opposes
            return subj
    if is_passive(verb):
        agent = pobj_of(verb, "by")
        if agent is not None:
            return agent if is_actor_like(agent) else None
        if verb.dep_ == "acl":
            return None
    subj = first_child(verb, *SUBJECT_DEPS)
    if subj is not None:
        if subj.lower_ in RELATIVE_PRONOUNS and verb.dep_ == "relcl":
            return verb.head
        if subj.lower_ in EXPLETIVES and subj.pos_ == "PRON" and subj.lower_ != "it":
            return None
        return subj
    if is_passive(verb):
        return None
    head = verb.head
    if head.i == verb.i:
        return None
    if verb.dep_ == "conj":
        # "has been indicted ... and will resign": the shared subject, not the first verb's agent
        subj = _grammatical_subject(head)
        return subj if subj is not None else _verb_subject(head, seen + 1)
    if verb.dep_ == "xcomp" or (verb.dep_ == "advcl" and verb.tag_ in ("VB", "VBG")):
        obj = first_child(head, "dobj")
        if head.lemma_.lower() in OBJECT_CONTROL and obj is not None:
            return obj
        return _verb_subject(head, seen + 1) if head.pos_ in ("VERB", "AUX") else _adjective_subject(head, seen)
    if verb.dep_ == "pcomp" and head.dep_ == "prep":
        gov = head.head
        obj = first_child(gov, "dobj")
        return obj if obj is not None else _verb_subject(gov, seen + 1) if gov.pos_ == "VERB" else None
    if verb.dep_ == "acl" and verb.tag_ == "VBG":
        return head
    if verb.dep_ == "relcl":
        return head
    return None


def _adjective_subject(adj, seen: int):
    """ "is willing to send": the subject of the copula the adjective complements."""
    if adj.dep_ == "acomp":
        return _verb_subject(adj.head, seen + 1)
    return None


def verb_target(verb, type_: str | None = None, depth: int = 0):
    """The undergoer of a verb, trying in turn: the passive subject; the object (or an actor inside it:
    "criticised Israel's policy"); a dative; a prepositional object (against, on, at, with, to ...; for
    ACCUSE / REJECT first against, at, over, about); an actor hanging on the object ("offered troops to
    Lebanon"); the target of an infinitive complement or the subject of a that-clause ("demanded that the
    government end curbs"); a place after in / at / near (CAMEO codes the location's state as target)."""
    passive_subject = not (verb.lemma_.lower() in ADJECTIVAL_PASSIVES and pobj_of(verb, "by") is None)
    if is_passive(verb):
        subj = first_child(verb, *PASSIVE_SUBJECT_DEPS)
        if subj is not None and passive_subject:
            return subj
        if verb.dep_ == "acl":
            return verb.head
    obj = first_child(verb, "dobj")
    if obj is not None:
        inner = _inside_actor(obj)
        if inner is not None:
            return inner
        if is_place_like(obj):
            return obj
    dative = first_child(verb, "dative")
    if dative is not None and is_actor_like(dative):
        return dative
    for prep in ACCUSE_PREPS if type_ in ("ACCUSE", "REJECT") else TARGET_PREPS:
        p = pobj_of(verb, prep)
        if p is not None:
            inner = _inside_actor(p, 1)
            if inner is not None:
                return inner
    if obj is not None:
        for prep in OBJECT_TARGET_PREPS:
            p = pobj_of(obj, prep)
            inner = _inside_actor(p, 1) if p is not None else None
            if inner is not None:
                return inner
    if depth < 2:
        for c in verb.children:
            if c.dep_ == "xcomp" and c.pos_ == "VERB":
                found = verb_target(c, type_, depth + 1)
                if found is not None:
                    return found
            if c.dep_ == "ccomp" and type_ in CLAUSE_TARGET_TYPES:
                subj = first_child(c, "nsubj", "nsubjpass")
                if subj is not None and is_actor_like(subj) and subj.pos_ != "PRON":
                    return subj
    return place_target(verb) or (place_target(obj) if obj is not None else None)


def place_target(head):
    """A place after in / near / at standing in for its state as target (CAMEO practice)."""
    if head is None:
        return None
    for prep in PLACE_PREPS:
        p = pobj_of(head, prep)
        if p is not None and p.ent_type_ in ("GPE", "LOC"):
            return p
    return None


def noun_actors(noun, type_: str | None = None, mode: str | None = None):
    """(source, target) tokens of an event noun from its own modifiers and prepositions.

    "of" names the undergoer ("the arrest of X") except for movements and visits, where it names the
    mover ("the deployment of NATO troops", "the visit of the king"). A noun after for / on / in / into
    of a verb ("returned for talks", "went on strike") takes the verb's subject as source.
    """
    of_source = type_ in ("MOBILIZE", "CONSULT") or (type_ == "RETREAT" and mode == "withdraw")
    source = target = None
    for c in noun.children:
        if c.dep_ == "poss" and is_actor_like(c):
            source = c
    if source is None:
        for c in noun.children:  # "the assistance provided by the U.S."
            if c.dep_ == "acl" and c.tag_ == "VBN" and pobj_of(c, "by") is not None and is_actor_like(pobj_of(c, "by")):
                source = pobj_of(c, "by")
    if source is None:
        by = pobj_of(noun, "by", "from", *(("of",) if of_source else ()))
        if by is not None and _inside_actor(by, 1) is not None:
            source = _inside_actor(by, 1)
    if source is None:
        for c in noun.lefts:
            named = c.ent_type_ in ("GPE", "ORG", "NORP") or demonym_country(c.text) or c.pos_ == "PROPN"
            if c.dep_ in ("compound", "amod", "nmod") and named and (is_actor_like(c) or demonym_country(c.text)):
                source = c
                break
            if "-" in c.text and c.lower_.endswith("-led"):
                source = c
    if source is None and noun.dep_ == "pobj" and noun.head.lower_ in ("for", "on", "in", "into"):
        verb = noun.head.head
        if verb.pos_ == "VERB" and type_ not in ("ASSAULT", "COERCE", "SANCTION"):
            source = verb_subject(verb)
    between = pobj_of(noun, "between", "among")
    if between is not None:
        conj = first_child(between, "conj")
        return (between, conj) if conj is not None else (between, None)
    for prep in NOUN_TARGET_PREPS:
        if prep == "of" and of_source:
            continue
        p = pobj_of(noun, prep)
        if p is not None:
            inner = _inside_actor(p, 1)
            if inner is not None and (source is None or inner.i != source.i):
                target = inner
                break
    return source, target


def _span_of(tok) -> tuple[int, int]:
    """Token range of the NP headed by ``tok``: its left edge to itself plus right-hand name parts."""
    doc = tok.doc
    if tok.dep_ == "amod" and demonym_country(tok.text) or tok.lower_.endswith("-led"):
        return tok.i, tok.i + 1
    start = tok.i
    for c in tok.lefts:
        if c.dep_ not in ("punct", "cc", "prep", "appos", "relcl", "acl", "advmod"):
            start = min(start, c.left_edge.i)
    end = tok.i + 1
    while end < len(doc) and doc[end].dep_ in ("compound", "flat") and doc[end].head.i == tok.i:
        end += 1
    if tok.lemma_.lower() in OF_ROLES and end < len(doc) and doc[end].lower_ == "of" and doc[end].head.i == tok.i:
        stop = doc[end].right_edge.i + 1  # "chief of General Staff", not the appositive after it
        k = end
        while k < stop and not doc[k].is_punct:
            k += 1
        end = k
    while start < tok.i and (doc[start].is_punct or doc[start].is_space):
        start += 1
    return start, end


def make_actor(tok, index: ActorIndex) -> Actor:
    """The Actor for a head token: words, entity, country (entity, modifiers, capital, the sentence) and sector.

    The words are the NP as written; who it is comes from the NP itself, the complement of a partitive
    ("one third of the guerrillas"), or the antecedent of an unresolved pronoun ("Syria says it ...").
    """
    tok = _coordinated_first(tok) if tok.dep_ == "conj" else tok
    doc = tok.doc
    a, b = _span_of(tok)
    start, end = doc[a].idx, doc[b - 1].idx + len(doc[b - 1].text)
    ref = through_partitive(tok)
    ra, rb = (a, b) if ref.i == tok.i else _span_of(ref)
    eid, ent = index.entity_of(ref)
    if ent is None and ref.pos_ == "PRON":
        antecedent = resolve_pronoun(ref, index)
        if antecedent is not None:
            ref = antecedent
            ra, rb = _span_of(ref)
            eid, ent = index.entity_of(ref)
    sector = actor_sector(ref, ra, rb, ent)
    if sector is None and _capital_as_government(ref, ent):
        sector = "GOV"  # "Moscow said": the capital stands for the government (CAMEO's RUSGOV)
    country = None
    if sector not in ("IGO", "NGO"):
        country = _actor_country(ref, ra, rb, ent, index)
        if country is None:
            country = armed_group_country(ent.name if ent is not None else doc[ra:rb].text)
        if country is None and sector is not None and (ent is None or ent.type in ("PERSON", "GROUP")):
            country = index.sentence_country(tok)  # "police" in a sentence about Kenya only
    return Actor(text=index.text[start:end], start=start, end=end, entity=eid, country=country, sector=sector)


def _capital_as_government(tok, ent) -> bool:
    """A capital city's bare name as the actor ("Moscow", "Tehran"), not a country's name ("Russia")."""
    if ent is not None and ent.type not in ("GPE", "LOC"):
        return False
    if tok.pos_ != "PROPN" or any(c.dep_ == "compound" for c in tok.children):
        return False
    if tok.dep_ == "pobj" and tok.head.lower_ in ("in", "at", "near", "around", "outside", "inside", "into"):
        return False  # "a curfew in Algiers": the city itself
    return capital_of(tok.text) is not None and country_code(tok.text) is None


def _compatible(pron: str, cand) -> bool:
    """Can ``cand`` be what the pronoun refers to? "it" is never a person, "he"/"she" always one."""
    if not is_actor_like(cand) or cand.pos_ == "PRON":
        return False
    person = cand.ent_type_ == "PERSON"
    if pron in ("it", "its"):
        return not person and cand.tag_ not in ("NNS", "NNPS")
    if pron in ("he", "she", "him", "her", "his"):
        return person or cand.lemma_.lower() in ROLE_NOUNS
    return not person  # they / their / them: a group, an organisation or a state


def resolve_pronoun(pron, index: ActorIndex):
    """Antecedent of a pronoun the entity layer left alone: the subject of the verb that reports it
    ("Syria says it is willing": Syria), else the nearest compatible subject before it (same or previous sentence)."""
    low = pron.lower_
    cur = pron.head
    for _ in range(6):
        if cur.dep_ == "ccomp" or (cur.dep_ == "conj" and cur.head.dep_ != "ROOT"):
            gov = cur.head
            subj = first_child(gov, *SUBJECT_DEPS)
            if subj is not None and _compatible(low, subj):
                return subj
            cur = gov
        elif cur.head.i == cur.i:
            break
        else:
            cur = cur.head
    doc = pron.doc
    n = index.sent_of[pron.i]
    lo = index.sents[max(n - 1, 0)][0]
    for k in range(pron.i - 1, lo - 1, -1):
        t = doc[k]
        if t.dep_ in ("nsubj", "nsubjpass") and _compatible(low, t):
            return t
    return None


def _modifier_country(doc, a: int, b: int, head, index: ActorIndex) -> str | None:
    """Country named inside the NP: a country entity, a demonym, a capital ("Ivory Coast rebels")."""
    for k in range(a, b):
        if k == head.i:
            continue
        t = doc[k]
        eid, ent = index.entity_of(t)
        code = _entity_country(ent) or (ent.country if ent is not None and ent.type == "ORG" else None)
        if code:
            return code  # "Kremlin spokesman": the organisation's country
        code = index.token_country(t, use_entity=False) or seat_country(t.text)
        if code:
            return code
    return region_country(doc, a, b)


def _actor_country(tok, a: int, b: int, ent, index: ActorIndex) -> str | None:
    if ent is not None and ent.country:
        return ent.country
    if ent is not None and ent.type in ("GPE", "NORP", "ORG", "LOC"):
        code = nationality_country(ent.name)
        if code:
            return code
    if ent is not None and ent.type == "PERSON" and " " in ent.name and country_code(ent.name):
        return country_code(ent.name)  # "Sri Lanka" tagged as a person; one-word "Jordan" stays a name
    code = index.token_country(tok, use_entity=False)
    if code:
        return code
    if tok.lower_.endswith("-led"):
        return country_code(tok.text[:-4]) or demonym_country(tok.text[:-4])
    code = _modifier_country(tok.doc, a, b, tok, index)
    if code:
        return code
    of = pobj_of(tok, "of")
    if of is not None:
        return index.token_country(of) or country_code(of.text)
    return capital_of(tok.text) or seat_country(tok.doc[a:b].text)
