"""Tie every mention of a person, organisation or country in one article to one entity.

How it works (all on the already-parsed spaCy Doc; nothing is re-parsed; ~5-10% of spaCy's time):

1. **Names** (``names.py``). Each spaCy entity (PERSON, ORG, GPE, NORP, LOC, FAC) is trimmed to the
   name proper: line breaks, quotes, "the", a possessive "'s", weekday names, a bracketed acronym and
   trailing lower-case words go; leading titles ("President", "Gen.", "Mrs.") go too and become roles.
   A span tagged ORG/GPE/EVENT/... whose words are tagged PERSON elsewhere in the article, or that
   starts with a common given name, is relabelled PERSON (the small model flips "Trump" between PERSON
   and ORG). NORP spans only become entities when they are plural nouns ("Republicans"); an adjective
   ("Russian") only lends its country to what it modifies. A name joins an earlier entity when
   - PERSON: it is the surname (or, if unambiguous, the first name) of a full name, the full name of
     a surname-only entity, or the same first+last name; several candidates -> the most recent;
   - country: it has the same ISO code ("U.S" = "United States" = "USA");
   - a capital ("Washington", "Moscow") is merged into its country only when used as an actor
     (subject, possessor, "by/of Washington"), never after a locative preposition ("in Moscow"),
     and only if the article names that country; otherwise it is a place with that country code;
     seats of government ("the Kremlin", "White House") stay organisations with a country;
   - ORG: same normalised form, acronym = initials ("FBI"), a bracketed acronym right after the
     name ("Islamic State (ISIS)"), a known variant group ("ISIS" / "Islamic State"), or a
     distinctive last word ("the Times").
   Untagged tokens equal to a known surname or country name are added as mentions afterwards.
2. **Titles and appositives** (``roles.py``). Words before a name in its NP give roles and a country
   ("Russian Foreign Minister X" -> "Foreign Minister", RUS); an appositive role NP on either side
   ("Russia's chief of General Staff, X," / "X, the former governor,") is a description mention of X
   and gives a role (head + "of" complement) and a country (demonym, country name or possessor).
3. **Descriptions and pronouns**, in text order, against a discourse history of earlier mentions
   (``descriptions.py``, ``pronouns.py``, ``salience.py``): a definite role NP goes to the latest
   entity holding that role, else (non-relational roles, subject position, not named earlier in the
   same sentence) the most salient person of the previous sentences whose gender and country agree;
   a predicate noun ("X was the founder") goes to its subject; he/she to the most salient
   gender-compatible person (subjects of recent sentences weigh most, an object pronoun is never
   its verb's subject); they/their only to an uncoordinated org/country/group subject just before;
   a relative "who" to the noun its clause modifies. The first pronoun resolved to a person of
   unknown gender fixes that gender. Unlinked definite descriptions and indefinite subjects
   ("a senior official said") become PERSON entities of their own; plural subjects naming people
   ("Police said", "some officials say") become GROUP entities.
4. **Output**: entities ordered by first mention (ids e1, e2, ...), mentions sorted, each with
   ``body[start:end] == text``; name = longest name form (countries: longest non-capital form);
   aliases = other name forms; mention kind name (the name or part of it) | alias | description |
   pronoun | possessive.

Where it fails (details and examples in docs/entities.md): names spaCy's small NER misses entirely;
headline fragments tagged as names ("Terror Group"); "they" for coordinated groups ("the U.S. and
allies ... Their game") and "it/its" are never resolved; a subject description with a role nobody
holds yet goes to the most salient person even when it introduces a newcomer; relational
descriptions ("the spokesman") stay unlinked unless that role was seen; gender from first names
covers common Western names only, so two people of unknown gender are told apart by salience alone;
country/place ambiguity ("Georgia", "Jordan") is not handled; cataphora ("In his speech, Obama ...")
is resolved backwards only; parser errors around hyphenated titles ("vice-president") lose roles.
"""

from __future__ import annotations

from ..model import Entity, Mention
from ..nlp.arrays import doc_text
from .cluster import Cluster, Ref
from .countries import capital_country, country_code, demonym_country, normalise, seat_country
from .discourse import Discourse
from .form_index import FormIndex, org_keys, person_keys
from .headings import heading_person
from .headings import lower_words as heading_lower_words
from .lexicon import FEMALE_FIRST_NAMES, MALE_FIRST_NAMES, ORG_GENERIC_HEADS, words
from .names import compact_upper, name_words, org_key, org_match, person_match, surname_forms, trim_name
from .output import EntityIndex, to_entities
from .roles import Description, appositives, is_title_complement, premodifiers

__all__ = ["EntityIndex", "resolve_entities"]  # EntityIndex lives in .output; attribution imports it from here

KEEP_LABELS = frozenset({"PERSON", "ORG", "GPE", "NORP", "LOC", "FAC"})
# Labels the small model puts on people often enough to be re-checked against PERSON evidence.
RELABEL = frozenset({"ORG", "GPE", "NORP", "LOC", "FAC", "EVENT", "PRODUCT", "WORK_OF_ART"})
LOCATIVE_PREPS = words(
    "in at to from near into inside outside around across through throughout toward towards via within "
    "beyond over under onto between"
)


def resolve_entities(doc) -> list[Entity]:
    """Entities of a parsed article body, each with all its name, description and pronoun mentions."""
    return _Resolver(doc).run()


def _is_metonymic(tok) -> bool:
    """A capital used as an actor ("Washington said", "Moscow's position", "by Washington"), not a place."""
    while tok.dep_ == "conj":
        tok = tok.head
    if tok.dep_ == "pobj":
        return tok.head.lower_ not in LOCATIVE_PREPS
    return tok.dep_ not in ("compound", "amod", "npadvmod", "appos")


def _is_coordinated(tok) -> bool:
    return tok.dep_ == "conj" or any(c.dep_ == "conj" for c in tok.children)


class _Resolver(Discourse):
    """One pass over one Doc; holds the clusters and the discourse history while resolving."""

    def __init__(self, doc):
        self.doc = doc
        self.text: str = doc_text(doc)  # Doc.text is rebuilt on every access: read it once
        self.sent_of: list[int] = [0] * len(doc)
        self.sent_starts: list[int] = []
        for n, sent in enumerate(doc.sents):
            self.sent_starts.append(sent.start)
            for k in range(sent.start, sent.end):
                self.sent_of[k] = n
        self.clusters: list[Cluster] = []
        self.by_form = FormIndex()
        self.countries: dict[str, Cluster] = {}
        self.tok_cluster: dict[int, Cluster] = {}
        self.spans: set[tuple[int, int]] = set()
        self.name_refs: list[Ref] = []
        self.paren_alias: dict[int, Cluster] = {}
        self._common: frozenset[str] | None = None  # words written in lower case (headings.py), on demand
        self.codes_in_text = {c for e in doc.ents if e.label_ in ("GPE", "ORG") and (c := country_code(e.text))}

    # -- building blocks -------------------------------------------------------------------------
    def _new(self, type_: str, name: str) -> Cluster:
        cluster = Cluster(type=type_, name=name)
        self.clusters.append(cluster)
        self.by_form.register(cluster)
        return cluster

    def _add(self, cluster: Cluster, a: int, b: int, kind: str, head) -> Ref | None:
        """Add tokens [a, b) as a mention of ``cluster``; None if that exact span is taken."""
        doc = self.doc
        start, end = doc[a].idx, doc[b - 1].idx + len(doc[b - 1].text)
        if (start, end) in self.spans or start >= end:
            return None
        self.spans.add((start, end))
        cluster.mentions.append(Mention(start, end, self.text[start:end], kind))
        for k in range(a, b):
            self.tok_cluster.setdefault(k, cluster)
        cluster.last = max(cluster.last, head.i)
        return Ref(head.i, self.sent_of[head.i], cluster, head.dep_, _is_coordinated(head))

    def _country_cluster(self, code: str, name: str) -> Cluster:
        cluster = self.countries.get(code)
        if cluster is None:
            cluster = self._new("GPE", name)
            cluster.country = code
            self.countries[code] = cluster
        return cluster

    # -- pass 1: names ---------------------------------------------------------------------------
    def _find_person(self, words: list[str]) -> Cluster | None:
        best: tuple[int, int] = (0, -1)
        found: Cluster | None = None
        weak: list[Cluster] = []
        for c in self.by_form.candidates(person_keys(words)):
            if c.type != "PERSON" or c.plural:
                continue
            strength = max((person_match(words, f.split()) for f in c.forms), default=0)
            if strength == 2 and (2, c.last) > best:
                best, found = (2, c.last), c
            elif strength == 1:
                weak.append(c)
        if found is None and len(weak) == 1:
            found = weak[0]
        return found

    def _surname_owner(self, text: str) -> Cluster | None:
        """The most recent person whose surname is ``text`` (a one-word mention)."""
        words = name_words(text)
        if len(words) != 1:
            return None
        owners = [
            c
            for c in self.by_form.candidates({("surname", words[0])})
            if c.type == "PERSON" and any(f.split() and words[0] in surname_forms(f.split()[-1]) for f in c.forms)
        ]
        return max(owners, key=lambda c: c.last) if owners else None

    def _find_org(self, text: str) -> Cluster | None:
        for c in reversed(self.by_form.candidates(org_keys(text))):
            if c.type in ("ORG", "FAC") and org_match(text, c.forms):
                return c
        return None

    def _cluster_for(self, label: str, text: str, root) -> tuple[Cluster | None, str]:
        """Existing or new cluster for a name mention, and the type it was decided to have."""
        words = name_words(text)
        code = country_code(text)
        if code and (label != "PERSON" or len(words) == 1):
            return self._country_cluster(code, text), "GPE"
        if root.i in self.paren_alias:
            return self.paren_alias[root.i], self.paren_alias[root.i].type
        if label != "PERSON" and len(words) == 1:
            owner = self._surname_owner(text)
            if owner is not None:
                return owner, "PERSON"
        if label == "PERSON":
            found = self._find_person(words)
            if found is None and len(words) == 1:
                found = self._find_org(text)
            return found, "PERSON" if found is None else found.type
        if label in ("GPE", "LOC"):
            cap = capital_country(text)
            if cap and cap in self.codes_in_text and _is_metonymic(root):
                return self._country_cluster(cap, text), "GPE"
            key = normalise(text)
            # the place itself, never the country a metonymic use joined
            for c in self.by_form.candidates({("form", key)}):
                if c.type in ("GPE", "LOC") and key in c.forms and c is not self.countries.get(c.country or ""):
                    return c, c.type
            return None, label
        if label in ("ORG", "FAC"):
            return self._find_org(text), label
        key = normalise(text)
        for c in self.by_form.candidates({("form", key)}):
            if c.type == label and key in c.forms:
                return c, label
        return None, label

    def _org_country(self, text: str) -> str | None:
        """Country an organisation's own name points to ("Free Syrian Army", "U.S. Army", "the Kremlin")."""
        code = seat_country(text)
        if code:
            return code
        for w in text.replace("’", "'").split():
            code = demonym_country(w) or (country_code(w) if w[:1].isupper() and len(w) > 1 else None)
            if code:
                return code
        return None

    def _person_words(self) -> tuple[set[str], set[str]]:
        """Surnames of multi-word PERSON spans and one-word PERSON spans anywhere in the text."""
        surnames: set[str] = set()
        singles: set[str] = set()
        for ent in self.doc.ents:
            if ent.label_ == "PERSON" and (ns := trim_name(self.doc, ent.start, ent.end, "PERSON")):
                words = name_words(self.doc[ns.start : ns.end].text)
                if len(words) > 1:
                    surnames |= surname_forms(words[-1])
                elif words:
                    singles.add(words[0])
        return surnames, singles

    def _label(self, label: str, text: str, votes: tuple[set[str], set[str]]) -> str:
        """spaCy's label, or PERSON when the text is elsewhere tagged as a person or starts with a given name.

        The small model often tags the same surname PERSON in one sentence and ORG in the next.
        """
        if label == "PERSON" or label not in RELABEL or country_code(text) or capital_country(text):
            return label
        words = name_words(text)
        surnames, singles = votes
        if len(words) == 1 and words[0] in surnames | singles:
            return "PERSON"
        if (
            1 < len(words) <= 3
            and all(w[:1].isupper() for w in text.split())
            and words[-1] not in ORG_GENERIC_HEADS  # "Bill Gates Foundation", "George Washington University"
            and (words[-1] in surnames | singles or words[0] in MALE_FIRST_NAMES | FEMALE_FIRST_NAMES)
        ):
            return "PERSON"
        return label

    def _heading(self, start: int, end: int) -> bool:
        if self._common is None:
            self._common = heading_lower_words(self.doc)
        return heading_person(self.doc, self.text, start, end, self._common)

    def _names(self) -> None:
        doc = self.doc
        votes = self._person_words()
        for ent in doc.ents:
            if ent.label_ not in RELABEL and ent.label_ != "PERSON":
                continue
            ns = trim_name(doc, ent.start, ent.end, ent.label_)
            if ns is None:
                continue
            span = doc[ns.start : ns.end]
            root, text = span.root, span.text
            label = self._label(ent.label_, text, votes)
            if label == "PERSON" and self._heading(ns.start, ns.end):
                continue  # "Space Heater", "What About Proof?": a heading, not a person
            if label not in KEEP_LABELS or label != "PERSON" and is_title_complement(doc, ns.start, ns.end):
                continue
            if (
                label == "NORP"
                and not country_code(text)
                and (root.dep_ in ("amod", "compound") or root.tag_ not in ("NNS", "NNPS"))
            ):
                continue
            if label != ent.label_:
                ns = trim_name(doc, ns.start, ns.end, label) or ns
                span = doc[ns.start : ns.end]
                root, text = span.root, span.text
            cluster, type_ = self._cluster_for(label, text, root)
            if cluster is None:
                cluster = self._new(type_, text)
                if type_ == "NORP":
                    cluster.plural = True
                    cluster.country = demonym_country(text)
                elif type_ in ("GPE", "LOC"):
                    cluster.country = capital_country(text)
                elif type_ in ("ORG", "FAC"):
                    cluster.country = self._org_country(text)
            ref = self._add(cluster, ns.start, ns.end, "name", root)
            if ref is None:
                continue
            self.name_refs.append(ref)
            form = org_key(text) if cluster.type in ("ORG", "FAC") else " ".join(name_words(text))
            self.by_form.add_form(cluster, form)
            for title in ns.titles:
                cluster.add_role(title)
            cluster.set_gender(ns.gender)
            cluster.set_country(ns.country)
            self._modifiers(cluster, ns.start, ns.end)
            self._parenthesised_alias(cluster, ns.end)

    def _modifiers(self, cluster: Cluster, start: int, end: int) -> None:
        """Roles, country and gender from titles before the name and from appositives."""
        if cluster.type not in ("PERSON", "ORG", "FAC"):
            return
        roles, country, gender = premodifiers(self.doc, start, end)
        cluster.set_country(country)
        if cluster.type != "PERSON":
            return
        for role, head in roles:
            cluster.add_role(role, head)
        cluster.set_gender(gender)
        for desc in appositives(self.doc, start, end):
            ref = self._attach_description(cluster, desc)
            if ref is not None:
                self.name_refs.append(ref)

    def _attach_description(self, cluster: Cluster, desc: Description) -> Ref | None:
        """Record a description mention and what it says about its entity."""
        ref = self._add(cluster, desc.start, desc.end, "description", self.doc[desc.head])
        if ref is None:
            return None
        if cluster.type in ("PERSON", "GROUP"):  # "the Syrian government" says nothing about Syria's roles
            if desc.role:
                cluster.add_role(desc.role, desc.role_head)
            cluster.set_country(desc.country)
            cluster.set_gender(desc.gender)
        return ref

    def _parenthesised_alias(self, cluster: Cluster, end: int) -> None:
        """ "Islamic State (ISIS)": the acronym in brackets right after a name is the same entity."""
        doc = self.doc
        if end + 2 >= len(doc) or doc[end].text != "(" or doc[end + 2].text != ")":
            return
        tok = doc[end + 1]
        acr = compact_upper(tok.text)
        if not acr or cluster.type not in ("ORG", "FAC") or acr[0] != cluster.name[:1].upper():
            return  # "DALLAS (AP)" is a dateline and an agency, not one entity
        self.paren_alias[tok.i] = cluster
        self.by_form.add_form(cluster, org_key(tok.text))
        ref = self._add(cluster, tok.i, tok.i + 1, "name", tok)
        if ref is not None:
            self.name_refs.append(ref)

    def _surname_index(self) -> dict[str, list[Cluster]]:
        """Surname (with and without an "al-" prefix) -> the people who bear it."""
        index: dict[str, list[Cluster]] = {}
        for c in self.clusters:
            if c.type != "PERSON" or c.plural:
                continue
            for form in c.forms:
                for key in surname_forms(form.split()[-1]) if form else ():
                    if c not in index.setdefault(key, []):
                        index[key].append(c)
        return index

    def _nearest_before(self, clusters: list[Cluster], start: int) -> Cluster:
        """The cluster with the latest mention before ``start`` (else the first one mentioned)."""

        def key(c: Cluster) -> tuple[int, int]:
            before = [m.start for m in c.mentions if m.start < start]
            return (1, max(before)) if before else (0, -min(m.start for m in c.mentions))

        return max(clusters, key=key)

    def _untagged(self) -> None:
        """Add surnames and country names that spaCy left untagged."""
        doc = self.doc
        surnames = self._surname_index()
        for tok in doc:
            if tok.i in self.tok_cluster or tok.pos_ not in ("PROPN", "NOUN") or not tok.text[:1].isupper():
                continue
            words = name_words(tok.text)
            candidates = surnames.get(words[0]) if len(words) == 1 else None
            owner = self._nearest_before(candidates, tok.idx) if candidates else None
            if owner is None and tok.ent_type_ == "" and tok.pos_ == "PROPN":
                code = country_code(tok.text)
                owner = self.countries.get(code) if code else None
            if owner is not None:
                ref = self._add(owner, tok.i, tok.i + 1, "name", tok)
                if ref is not None:
                    self.name_refs.append(ref)

    # -- output ----------------------------------------------------------------------------------
    def _first_name_gender(self) -> None:
        for c in self.clusters:
            if c.type == "PERSON" and c.gender is None:
                first = c.name.split()[0].lower() if c.name else ""
                if first in MALE_FIRST_NAMES:
                    c.gender = "m"
                elif first in FEMALE_FIRST_NAMES:
                    c.gender = "f"

    def run(self) -> list[Entity]:
        if not self.doc.has_annotation("DEP"):
            return []
        self._names()
        self._untagged()
        self._first_name_gender()
        self._discourse()
        return to_entities(self.clusters)
