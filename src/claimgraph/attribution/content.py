"""What a verb cue reports: its content, found by a fixed list of named steps.

Why steps in order: a verb's complement decides the shape (a that-clause, a passive subject, a
to-infinitive, an object, a prepositional object), and when it has none the cue is set off
inside the content ("..., he said, ..."). Each step looks for one shape and returns the token
ids it found, or nothing; ``verb_content`` returns the first step that finds something, with its
name (the candidate scorer learns from the name).
"""

from __future__ import annotations

from collections.abc import Callable

from .roles import CLAUSE, CONTENT_PREPS, PASSIVE_SUBJ, PREP_VERB_PREPS, SUBJ, children, is_passive, is_psych
from .spans import subtree_ids

# prepositions of circumstance: a sibling phrase "after ...", "amid ..." is not part of an object content
TIME_PREPS = {"after", "before", "since", "amid", "following", "until", "despite", "throughout", "ahead", "upon"}
# channel prepositions: "said in a statement", "wrote on Twitter" (the pobj is a via, not content)
CHANNEL_PREPS = {"in", "on", "during", "via", "through"}
OBJECTS = {"dobj", "obj", "dative", "attr", "oprd"}
SET_OFF = {",", '"', "”", "''", "—", "-", "--"}

Step = Callable[[object, set[int], frozenset[int]], list[int]]


def circumstance(prep) -> bool:
    """A prepositional phrase giving when/why the cue happened, not what it is about: "after the vote", "on Friday"."""
    if prep.lower_ in TIME_PREPS:
        return True
    objs = [c for c in prep.children if c.dep_ == "pobj"]
    return bool(objs) and objs[0].ent_type_ in {"DATE", "TIME"}


def _ids(parts, exclude_of=None) -> list[int]:
    ids: list[int] = []
    for c in parts:
        ids += subtree_ids(c, exclude=exclude_of(c) if exclude_of else None)
    return sorted(set(ids))


def _has_mark(tok, words: set[str], deps: frozenset[str] = frozenset({"mark"})) -> bool:
    return any(g.dep_ in deps and g.lower_ in words for g in tok.children)


def clause_step(verb, skip: set[int], quoted: frozenset[int]) -> list[int]:
    """ "said that ...", "believes there are ... but that ...": ccomp / parataxis complements."""
    clause = [c for c in children(verb, CLAUSE) if c.i not in skip]
    if any(c.i > verb.i for c in clause) and any(c.i < verb.i for c in clause):
        # "... is: A. He also noted that B": the parser hung the previous sentence on the cue too
        clause = [c for c in clause if c.i > verb.i]
    if not clause:
        return []
    # "believes there are no good options, but that sometimes ...": a second clause joined to the verb
    clause += [c for c in children(verb, {"conj"}) if c.i > clause[0].i and _has_mark(c, {"that"})]
    if any(c.dep_ == "conj" for c in clause):
        clause += [c for c in children(verb, {"cc"}) if clause[0].i < c.i]
    return _ids(clause)


def _xcomp(verb, skip: set[int]) -> list:
    return [c for c in children(verb, {"xcomp"}) if c.i not in skip]


def _objects(verb, skip: set[int]) -> list:
    return [c for c in children(verb, OBJECTS) if c.i not in skip]


def passive_step(verb, skip: set[int], quoted: frozenset[int]) -> list[int]:
    """ "X is expected to ...", "X was accused of ...": the passive subject belongs to the content."""
    if not is_passive(verb):
        return []
    preps = [c for c in children(verb, {"prep"}) if c.lower_ in CONTENT_PREPS]
    return _ids(children(verb, PASSIVE_SUBJ) + _xcomp(verb, skip) + _objects(verb, skip) + preps)


def psych_step(verb, skip: set[int], quoted: frozenset[int]) -> list[int]:
    """ "X was delighted by Y", "X is worried about Y", "X is determined to ...": what the feeling is about.

    Before the passive step, which would take the passive subject (here the source) for content.
    """
    if not is_psych(verb):
        return []
    parts = [g for c in children(verb, {"agent"}) for g in c.children if g.dep_ in {"pobj", "pcomp"}]
    preps = [c for c in children(verb, {"prep"}) if c.i > verb.i and c.lower_ in CONTENT_PREPS | {"with", "by", "to"}]
    parts += [g for c in preps for g in c.children if g.dep_ in {"pobj", "pcomp"}]
    return _ids([p for p in parts + _xcomp(verb, skip) if p.i not in skip])


def _when(c) -> set[int]:
    """ "to resign in a brutal exchange last month": when and where the cue happened is not content."""
    return {g.i for g in c.children if g.i > c.i and (g.dep_ == "prep" and circumstance(g)
            or g.dep_ == "npadvmod" and g.ent_type_ in {"DATE", "TIME"})}  # fmt: skip


def xcomp_step(verb, skip: set[int], quoted: frozenset[int]) -> list[int]:
    """ "vowed to ...", "called on the CEO to resign": the infinitive, and who is asked."""
    xcomp = _xcomp(verb, skip)
    if not xcomp:
        return []
    asked = [g for c in children(verb, {"prep"}) if c.lower_ in {"on", "for", "upon"} and verb.i < c.i < xcomp[0].i
             for g in c.children if g.dep_ == "pobj"]  # fmt: skip
    return _ids(xcomp + _objects(verb, skip) + asked, _when)


def _appositions(c) -> set[int]:
    """ "appointed White, a former federal prosecutor": the apposition describes, it is not the content."""
    doc = c.doc
    return {g.i for g in c.children if g.dep_ == "appos" and c.pos_ == "PROPN" and g.i > c.i
            and doc[g.left_edge.i - 1].text == ","}  # fmt: skip


def object_step(verb, skip: set[int], quoted: frozenset[int]) -> list[int]:
    """ "denied the report", "expressed doubts about X": the object and what follows it."""
    objs = _objects(verb, skip)
    if not objs:
        return []
    first = min(c.i for c in objs)
    parts = list(objs)
    parts += [c for c in verb.children if c.i > first and c.dep_ in {"prep", "oprd", "ccomp"}
              and not (c.dep_ == "prep" and (c.lower_ in CHANNEL_PREPS or circumstance(c)))]  # fmt: skip
    # "asked the senator during a chat if she would ...": the question the parser hung as an adverbial
    parts += [c for c in children(verb, {"advcl"}) if c.i > first and _has_mark(c, {"if", "whether"})]
    return _ids(parts, _appositions)


def _content_preps(verb) -> list:
    preps = [c for c in children(verb, {"prep"}) if c.lower_ in CONTENT_PREPS and c.i > verb.i]
    if not preps:  # phrasal "lash out at", "point to"
        for prt in children(verb, {"prt"}):
            preps = [c for c in children(prt, {"prep"}) if c.lower_ in PREP_VERB_PREPS]
    if not preps and verb.pos_ == "VERB":  # "responded to", "agreed with", "points to" (right after the verb)
        preps = [c for c in children(verb, {"prep"}) if c.lower_ in PREP_VERB_PREPS and verb.i < c.i <= verb.i + 3]
    return preps


def prep_step(verb, skip: set[int], quoted: frozenset[int]) -> list[int]:
    """ "talked about X", "lashed out at X for Y": the prepositional object and the modifiers after it."""
    preps = _content_preps(verb)
    if not preps:
        return []
    ids: list[int] = []
    for c in preps:
        for g in c.children:
            if g.dep_ in {"pobj", "pcomp", "conj"}:  # "about X and about Y"
                ids += subtree_ids(g)
    # keep sibling modifiers after the object ("at the U.S. for being responsible")
    for c in verb.children:
        if c.i > preps[0].i and c.dep_ in {"prep", "advcl"} and c not in preps and c.lower_ not in CHANNEL_PREPS:
            ids += subtree_ids(c)
    return sorted(set(ids))


def two_subjects_step(verb, skip: set[int], quoted: frozenset[int]) -> list[int]:
    """ "People like Scott, he said.": the parser made the content a second subject."""
    subjects = children(verb, {"nsubj"})
    if len(subjects) < 2:
        return []
    first = min(subjects, key=lambda t: t.i)
    doc = verb.doc
    if first.i not in skip and first.right_edge.i + 1 < verb.i and doc[first.right_edge.i + 1].text == ",":
        return subtree_ids(first)
    return []


def advcl_step(verb, skip: set[int], quoted: frozenset[int]) -> list[int]:
    """ "is calling for Trump to be banned": the parser hangs the clause as an adverbial right after the verb."""
    follow = [c for c in children(verb, {"advcl"}) if c.i > verb.i and c.left_edge.i <= verb.i + 3
              and _has_mark(c, {"for", "to"}, frozenset({"mark", "aux"}))]  # fmt: skip
    if not follow:  # "tweeted in the early hours that X was ...": a that-clause the parser took for an adverbial
        follow = [c for c in children(verb, {"advcl"}) if c.i > verb.i and c.left_edge.lower_ == "that"
                  and c.left_edge.dep_ in {"mark", "advmod"} and c.left_edge.head.i == c.i]  # fmt: skip
    return subtree_ids(follow[0]) if follow else []


def as_said_step(verb, skip: set[int], quoted: frozenset[int]) -> list[int]:
    """ "As Crane said, the two ...": the main clause is the content."""
    if verb.dep_ == "advcl" and _has_mark(verb, {"as"}):
        return subtree_ids(verb.head, exclude={verb.i})
    return []


def parenthetical_step(verb, skip: set[int], quoted: frozenset[int]) -> list[int]:
    """Parenthetical "..., he said": the clause it follows is the content."""
    doc = verb.doc
    if (
        verb.dep_ in {"parataxis", "ccomp", "advcl"}
        and verb.i > verb.head.i
        and (verb.head.pos_ in {"VERB", "AUX"} or verb.head.dep_ == "ROOT")  # misparsed root: '"A truck" hit, he said'
        and verb.left_edge.i > 0
        and (doc[verb.left_edge.i - 1].text in SET_OFF or doc[verb.left_edge.i].text in SET_OFF)
    ):
        return subtree_ids(verb.head, exclude={verb.i})
    return []


def _between_commas(verb) -> bool:
    doc = verb.doc
    return (
        verb.left_edge.i > 0
        and verb.right_edge.i + 1 < len(doc)
        and (doc[verb.left_edge.i - 1].text == "," or doc[verb.left_edge.i].text == ",")
        and (doc[verb.right_edge.i + 1].text == "," or doc[verb.right_edge.i].text == ",")
    )


def interrupted_step(verb, skip: set[int], quoted: frozenset[int]) -> list[int]:
    """ "Earlier that day, she said, her friends were ...": set off by commas before the clause it interrupts."""
    if (
        verb.dep_ in {"parataxis", "ccomp", "advcl"}
        and verb.i < verb.head.i
        and verb.head.pos_ in {"VERB", "AUX"}
        and _between_commas(verb)
        and any(c.dep_ in SUBJ for c in verb.children)
        and not any(c.dep_ in {"mark", "advmod"} and c.i < verb.i for c in verb.children)  # "as he said", "when"
        and verb.head.i not in quoted  # 'In his blog, he said, "..."': a quotation introduced, not interrupted
    ):
        return subtree_ids(verb.head, exclude={verb.i})
    return interrupted_as_root(verb)


def interrupted_as_root(verb) -> list[int]:
    """ "A, X said, B" parsed with "said" as the head: A hangs on it, B is its subjectless conjunct.

    ("This sort of opining, CNN claimed, violates its code"): A and B are the content, in two fragments.
    A must be a phrase of two or more words that is not only a date or time ("Last week, X said, ...").
    """
    doc = verb.doc
    subj = [c for c in verb.children if c.dep_ in SUBJ and c.i < verb.i]
    if not subj or verb.i + 1 >= len(doc) or doc[verb.i + 1].text != ",":
        return []
    comma = subj[0].left_edge.i - 1
    sent_start = verb.sent.start
    if comma - sent_start < 2 or doc[comma].text != ",":
        return []
    left = list(range(sent_start, comma))
    if all(doc[i].ent_type_ in {"DATE", "TIME"} or doc[i].is_punct for i in left):
        return []
    conj = [c for c in verb.children if c.dep_ == "conj" and c.i > verb.i + 1 and c.pos_ in {"VERB", "AUX"}]
    if not conj or any(g.dep_ in SUBJ for g in conj[0].children):
        return []
    return left + subtree_ids(conj[0])


# in order: complements first, then the shapes where the cue is set off inside its content
STEPS: tuple[tuple[str, Step], ...] = (
    ("clause", clause_step),
    ("psych", psych_step),
    ("passive", passive_step),
    ("xcomp", xcomp_step),
    ("object", object_step),
    ("prep", prep_step),
    ("two-subjects", two_subjects_step),
    ("advcl", advcl_step),
    ("as-said", as_said_step),
    ("parenthetical", parenthetical_step),
    ("interrupted", interrupted_step),
)


def verb_content(verb, skip: set[int], quoted: frozenset[int] = frozenset()) -> tuple[list[int], str]:
    """Token ids of what a verb cue reports, and the name of the step that found them."""
    for name, step in STEPS:
        ids = step(verb, skip, quoted)
        if ids:
            return ids, name
    return [], "none"


def strip_asides(doc, ids: list[int], keep_from: int | None = None) -> list[int]:
    """Drop ", which ..." relative clauses and ", adding ..." participles hanging at the end of a content."""
    idset = set(ids)
    drop: set[int] = set()
    for i in ids:
        t = doc[i]
        comma = t.left_edge.i - 1
        if (
            t.dep_ in {"relcl", "advcl", "acl"}
            and comma >= 0
            and doc[comma].text == ","
            and comma in idset
            and (keep_from is None or t.i > keep_from)
        ):
            sub = set(subtree_ids(t))
            if max(sub) >= max(ids) - 1:  # only at the end of the content
                drop |= sub | {comma}
    return [i for i in ids if i not in drop]


def stray_clause(tok) -> tuple[list[int], str]:
    """A that/whether clause the parser hung inside the verb's prepositional phrase.

    "X said in one of a series of messages that the truck was ...": the clause is the
    verb's complement, but the parse makes it a relative clause of "series". A real
    relative clause has "that" as its subject or object; here "that" is a marker.
    """
    for prep in tok.children:
        if prep.dep_ != "prep" or prep.i < tok.i:
            continue
        for t in prep.subtree:
            if t.dep_ in {"relcl", "acl", "ccomp", "advcl"} and any(
                c.dep_ == "mark" and c.lower_ in {"that", "whether"} and c.i < t.i for c in t.children
            ):
                return subtree_ids(t), "stray-clause"
    return [], "none"
