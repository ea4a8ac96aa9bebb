"""Dependency patterns: from a cue token to its source and content.

Why dependency rules: reported speech in news has few shapes (subject + verb +
clause, "according to X", passives, noun cues with a possessor, participles
hanging off another verb), and the parse tells them apart cheaply; a learned
lexicon (cues.py) decides which words are cues, these rules decide the roles.

Every function here works on one cue token and returns token ids; extract.py
turns them into character spans and resolves entities.
"""

from __future__ import annotations

from contextvars import ContextVar
from dataclasses import dataclass, field

from ..nlp.arrays import token_rows
from .cues import SEED_NOUNS, cue_score, worth_scoring
from .features import CANDIDATE_POS, is_candidate
from .spans import subtree_ids

SUBJ = {"nsubj", "csubj", "expl"}
PASSIVE_SUBJ = {"nsubjpass", "csubjpass"}
CLAUSE = {"ccomp", "parataxis"}
# prepositions that introduce what a cue is about ("called for", "lashed out at", "talked about")
CONTENT_PREPS = {"about", "for", "on", "of", "at", "against", "over", "that"}
# extra prepositions of prepositional verb cues with no other content: "responded to", "agreed with"
PREP_VERB_PREPS = CONTENT_PREPS | {"to", "with", "into"}
# adjective heads of copular inner states: "is eager to", "were aware that", "is skeptical of"
ADJ_CONTENT_DEPS = {"ccomp", "xcomp", "prep", "advcl"}
# prepositions of circumstance: a sibling phrase "after ...", "amid ..." is not part of an object content
TIME_PREPS = {"after", "before", "since", "amid", "following", "until", "despite", "throughout", "ahead", "upon"}
# prepositions of noun cues: "doubts about X", "his contempt for X", "her response to X", "the snub at X"
NOUN_PREPS = {"about", "of", "on", "that", "over", "against", "regarding", "for", "to", "at", "toward", "towards"}
# verbs whose object is a noun cue carrying the content: "expressed doubts about", "issued a statement"
LIGHT_VERBS = {"express", "voice", "air", "raise", "issue", "make", "level", "offer", "release", "share", "cast"}
RELATIVE = {"who", "that", "which", "whom"}
# channel prepositions: "said in a statement", "wrote on Twitter" (the pobj is a via, not content)
CHANNEL_PREPS = {"in", "on", "during", "via", "through"}


@dataclass(slots=True)
class Candidate:
    """Roles found around one cue, as token ids (sorted)."""

    cue: list[int]
    source: int | None  # head token of the source phrase
    source_ids: list[int] = field(default_factory=list)
    content: list[int] = field(default_factory=list)
    prob: float = 0.5
    cue_prob: float = 0.5  # the first-stage cue score (orders nesting decisions)
    passive: bool = False
    rule: str = ""


def _children(tok, deps: set[str]) -> list:
    return [c for c in tok.children if c.dep_ in deps]


def _is_passive(verb) -> bool:
    return any(c.dep_ in PASSIVE_SUBJ or c.dep_ == "auxpass" for c in verb.children)


def _agent(verb):
    for c in verb.children:
        if c.dep_ == "agent":
            objs = _children(c, {"pobj"})
            if objs:
                return objs[0]
    return None


# token ids inside quotations of the document being processed (set by extract.py for one call)
QUOTED: ContextVar[frozenset[int]] = ContextVar("claimgraph_attribution_quoted", default=frozenset())


def verb_subject(verb, depth: int = 0):
    """The source of a verb cue: its subject, its passive agent, or the subject it inherits.

    Returns (token or None, passive flag).  Inheritance covers "X said ... and added that",
    "X went on to say", "..., adding that" and "X, who said ...".
    """
    quoted = QUOTED.get()
    subj = sorted(_children(verb, SUBJ), key=lambda t: abs(t.i - verb.i))  # the nearest: headlines leak in
    if verb.i not in quoted:  # '..., adding, "It's over"': a subject inside the quotation is not the speaker
        subj = [t for t in subj if t.i not in quoted]
    if subj:
        s = subj[0]
        if s.lower_ in RELATIVE and verb.dep_ == "relcl":
            return s, False  # the mention is "who"; speakers.py resolves it to the noun it modifies
        if s.dep_ == "expl":
            return None, True
        return s, False
    agent = _agent(verb)
    if agent is not None:
        return agent, False
    if _is_passive(verb):
        return None, True
    if depth < 3 and verb.head is not verb:
        if verb.dep_ in {"conj", "xcomp", "advcl", "ccomp"} and verb.head.pos_ in {"VERB", "AUX"}:
            if verb.head.i in quoted and verb.i not in quoted:
                return None, False  # the parser hung the cue on a word inside the quotation
            return verb_subject(verb.head, depth + 1)
        if verb.dep_ in {"relcl", "acl"} and verb.head.pos_ in {"NOUN", "PROPN", "PRON"}:
            return verb.head, False
        # "Obama responded ... by saying ...", "after noting that ..."
        if verb.dep_ == "pcomp" and verb.head.dep_ == "prep" and verb.head.head.pos_ in {"VERB", "AUX"}:
            return verb_subject(verb.head.head, depth + 1)
    return None, False


def source_ids(tok) -> list[int]:
    """Token ids of a source phrase: the subtree, cut before a relative clause or a trailing comma phrase."""
    ids = []
    for i in subtree_ids(tok):
        ids.append(i)
    # drop relative clauses hanging off the source ("Trump, who has ...") - keep appositions
    drop: set[int] = set()
    for c in tok.children:
        if c.dep_ in {"relcl", "acl"} and c.i > tok.i:
            drop.update(subtree_ids(c))
    return [i for i in ids if i not in drop]


def _circumstance(prep) -> bool:
    """A prepositional phrase giving when/why the cue happened, not what it is about: "after the vote", "on Friday"."""
    if prep.lower_ in TIME_PREPS:
        return True
    objs = [c for c in prep.children if c.dep_ == "pobj"]
    return bool(objs) and objs[0].ent_type_ in {"DATE", "TIME"}


def verb_content(verb, skip: set[int]) -> tuple[list[int], str]:
    """Token ids of what a verb cue reports, and the rule name."""
    doc = verb.doc
    clause = [c for c in _children(verb, CLAUSE) if c.i not in skip]
    if any(c.i > verb.i for c in clause) and any(c.i < verb.i for c in clause):
        # "... is: A. He also noted that B": the parser hung the previous sentence on the cue too
        clause = [c for c in clause if c.i > verb.i]
    if clause:
        # "believes there are no good options, but that sometimes ...": a second clause joined to the verb
        clause += [c for c in _children(verb, {"conj"}) if c.i > clause[0].i
                   and any(g.dep_ == "mark" and g.lower_ == "that" for g in c.children)]  # fmt: skip
        if any(c.dep_ == "conj" for c in clause):
            clause += [c for c in _children(verb, {"cc"}) if clause[0].i < c.i]
        ids: list[int] = []
        for c in clause:
            ids += subtree_ids(c)
        return sorted(set(ids)), "clause"
    xcomp = [c for c in _children(verb, {"xcomp"}) if c.i not in skip]
    objs = [c for c in _children(verb, {"dobj", "obj", "dative", "attr", "oprd"}) if c.i not in skip]
    if _is_passive(verb):
        # "X is expected to ...", "X was accused of ...": the passive subject belongs to the content
        subj = _children(verb, PASSIVE_SUBJ)
        parts = subj + xcomp + objs + [c for c in _children(verb, {"prep"}) if c.lower_ in CONTENT_PREPS]
        ids = []
        for c in parts:
            ids += subtree_ids(c)
        if ids:
            return sorted(set(ids)), "passive"
    if xcomp:
        ids = []
        # "called on the CEO to resign", "pushed for Congress to act": who is asked belongs to the content
        asked = [g for c in _children(verb, {"prep"}) if c.lower_ in {"on", "for", "upon"} and verb.i < c.i < xcomp[0].i
                 for g in c.children if g.dep_ == "pobj"]  # fmt: skip
        for c in xcomp + objs + asked:
            # "to resign in a brutal exchange last month": when and where the cue happened is not content
            when = {g.i for g in c.children if g.i > c.i and (g.dep_ == "prep" and _circumstance(g)
                    or g.dep_ == "npadvmod" and g.ent_type_ in {"DATE", "TIME"})}  # fmt: skip
            ids += subtree_ids(c, exclude=when)
        return sorted(set(ids)), "xcomp"
    if objs:
        first = min(c.i for c in objs)
        parts = list(objs)
        parts += [c for c in verb.children if c.i > first and c.dep_ in {"prep", "oprd", "ccomp"}
                  and not (c.dep_ == "prep" and (c.lower_ in CHANNEL_PREPS or _circumstance(c)))]  # fmt: skip
        # "asked the senator during a chat if she would ...": the question the parser hung as an adverbial
        parts += [c for c in _children(verb, {"advcl"}) if c.i > first
                  and any(g.dep_ == "mark" and g.lower_ in {"if", "whether"} for g in c.children)]  # fmt: skip
        # "expressed doubts about X": the content is what the noun is about
        ids = []
        for c in parts:
            # "appointed White, a former federal prosecutor": the apposition describes, it is not the content
            appos = {g.i for g in c.children if g.dep_ == "appos" and c.pos_ == "PROPN" and g.i > c.i
                     and doc[g.left_edge.i - 1].text == ","}  # fmt: skip
            ids += subtree_ids(c, exclude=appos)
        return sorted(set(ids)), "object"
    preps = [c for c in _children(verb, {"prep"}) if c.lower_ in CONTENT_PREPS and c.i > verb.i]
    if not preps:  # phrasal "lash out at", "point to"
        for prt in _children(verb, {"prt"}):
            preps = [c for c in _children(prt, {"prep"}) if c.lower_ in PREP_VERB_PREPS]
    if not preps and verb.pos_ == "VERB":  # "responded to", "agreed with", "points to" (right after the verb)
        preps = [c for c in _children(verb, {"prep"}) if c.lower_ in PREP_VERB_PREPS and verb.i < c.i <= verb.i + 3]
    if preps:
        ids = []
        for c in preps:
            objs2 = [g for g in c.children if g.dep_ in {"pobj", "pcomp", "conj"}]  # "about X and about Y"
            for g in objs2:
                ids += subtree_ids(g)
            # keep sibling modifiers after the object ("at the U.S. for being responsible")
        for c in verb.children:
            if c.i > preps[0].i and c.dep_ in {"prep", "advcl"} and c not in preps and c.lower_ not in CHANNEL_PREPS:
                ids += subtree_ids(c)
        if ids:
            return sorted(set(ids)), "prep"
    # parenthetical "..., he said": the clause it interrupts is the content
    # "People like Scott, he said.": the parser made the content a second subject
    subjects = _children(verb, {"nsubj"})
    if len(subjects) >= 2:
        first = min(subjects, key=lambda t: t.i)
        if first.i not in skip and first.right_edge.i + 1 < verb.i and doc[first.right_edge.i + 1].text == ",":
            return subtree_ids(first), "two-subjects"
    # "is calling for Trump to be banned": the parser hangs the clause as an adverbial right after the verb
    follow = [c for c in _children(verb, {"advcl"}) if c.i > verb.i and c.left_edge.i <= verb.i + 3
              and any(g.dep_ in {"mark", "aux"} and g.lower_ in {"for", "to"} for g in c.children)]  # fmt: skip
    if follow:
        return subtree_ids(follow[0]), "advcl"
    # "As Crane said, the two ...": the main clause is the content
    if verb.dep_ == "advcl" and any(c.dep_ == "mark" and c.lower_ == "as" for c in verb.children):
        ids = subtree_ids(verb.head, exclude={verb.i})
        if ids:
            return ids, "as-said"
    set_off = {",", '"', "”", "''", "—", "-", "--"}
    if (
        verb.dep_ in {"parataxis", "ccomp", "advcl"}
        and verb.i > verb.head.i
        and (verb.head.pos_ in {"VERB", "AUX"} or verb.head.dep_ == "ROOT")  # misparsed root: '"A truck" hit, he said'
        and verb.left_edge.i > 0
        and (doc[verb.left_edge.i - 1].text in set_off or doc[verb.left_edge.i].text in set_off)
    ):
        head = verb.head
        ids = subtree_ids(head, exclude={verb.i})
        if ids:
            return ids, "parenthetical"
    # "Earlier that day, she said, her friends were ...": set off by commas before the clause it interrupts
    if (
        verb.dep_ in {"parataxis", "ccomp", "advcl"}
        and verb.i < verb.head.i
        and verb.head.pos_ in {"VERB", "AUX"}
        and verb.left_edge.i > 0
        and verb.right_edge.i + 1 < len(doc)
        and (doc[verb.left_edge.i - 1].text == "," or doc[verb.left_edge.i].text == ",")
        and (doc[verb.right_edge.i + 1].text == "," or doc[verb.right_edge.i].text == ",")
        and any(c.dep_ in SUBJ for c in verb.children)
        and not any(c.dep_ in {"mark", "advmod"} and c.i < verb.i for c in verb.children)  # "as he said", "when"
        and verb.head.i not in QUOTED.get()  # 'In his blog, he said, "..."': a quotation introduced, not interrupted
    ):
        ids = subtree_ids(verb.head, exclude={verb.i})
        if ids:
            return ids, "interrupted"
    ids = _interrupted_as_root(verb)
    if ids:
        return ids, "interrupted"
    return [], "none"


def _interrupted_as_root(verb) -> list[int]:
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


def according_to(tok) -> Candidate | None:
    """ "according to X, Y" / "Y, according to X": X is the source, the rest of the sentence the content."""
    to = [c for c in tok.children if c.lower_ == "to"]
    if not to:
        return None
    pobj = _children(to[0], {"pobj"})
    sent = tok.sent
    own = set(subtree_ids(tok))
    if tok.head.i == tok.i or len(own) >= len(sent) - 1:
        # the parser made "According" the root of the sentence: only "according to X" is not content
        own = {tok.i, *subtree_ids(to[0])}
    content = [t.i for t in sent if t.i not in own]
    cue = [tok.i, to[0].i]
    src = pobj[0] if pobj else None
    sids = source_ids(src) if src is not None else []
    if src is not None and not [i for i in content if not tok.doc[i].is_punct]:
        # "According to X, the move reeks of ...": the parser hung the whole clause on X after its comma
        commas = [i for i in sids if i > src.i and tok.doc[i].text == ","]
        if commas and sent.end - commas[0] >= 5 and max(sids) >= sent.end - 2:
            content = [i for i in range(commas[0] + 1, sent.end)]
            sids = [i for i in sids if i < commas[0]]
    return Candidate(cue=cue, source=src, source_ids=sids, content=content, rule="according")


def noun_cue(tok) -> Candidate | None:
    """Noun cues: "Moscow's position is that ...", "the allegations of fraud", "a statement saying ..."."""
    src = None
    for c in tok.children:
        if c.dep_ == "poss" or (c.dep_ == "compound" and c.pos_ == "PROPN"):
            src = c
            break
    if src is None:
        for c in _children(tok, {"prep"}):
            if c.lower_ in {"by", "from"}:
                objs = _children(c, {"pobj"})
                if objs:
                    src = objs[0]
                    break
    if src is None and tok.dep_ in {"dobj", "obj"} and tok.head.lemma_.lower() in LIGHT_VERBS:
        src, _ = verb_subject(tok.head)
    ids: list[int] = []
    for c in tok.children:
        if c.dep_ in {"acl", "ccomp", "relcl"} and (
            c.dep_ != "relcl" or any(g.lower_ == "that" and g.dep_ == "mark" for g in c.children)
        ):
            if c.dep_ == "relcl" and any(g.dep_ in {"nsubj", "dobj"} and g.lower_ in RELATIVE for g in c.children):
                continue
            ids += subtree_ids(c)
        elif c.dep_ == "prep" and c.lower_ in NOUN_PREPS:
            for g in c.children:
                if g.dep_ in {"pobj", "pcomp"} and (src is None or g.i != src.i):
                    ids += subtree_ids(g)
    # "Abedin's succinct reply: ...": what follows the colon (within the paragraph)
    doc = tok.doc
    if not ids and src is not None and tok.i + 2 < len(doc) and doc[tok.i + 1].text == ":":
        j = tok.i + 2
        while j < len(doc) and "\n" not in doc[j].text and (j == tok.i + 2 or not doc[j].is_sent_start):
            ids.append(j)
            j += 1
    # "X's position is that ...": the copula's clause
    if not ids and tok.dep_ in {"nsubj", "nsubjpass"} and tok.head.lemma_ == "be":
        for c in tok.head.children:
            if c.dep_ in {"ccomp", "attr"} and c.i > tok.i:
                ids += subtree_ids(c)
    if not ids:
        return None
    cue = [tok.i]
    if tok.dep_ in {"dobj", "obj"} and tok.head.lemma_.lower() in LIGHT_VERBS:
        cue = list(range(tok.head.i, tok.i + 1)) if tok.i - tok.head.i <= 3 else [tok.head.i, tok.i]
    return Candidate(cue=cue, source=src, source_ids=source_ids(src) if src is not None else [],
                     content=sorted(set(ids)), rule="noun")  # fmt: skip


def doc_tok(tok, i: int):
    return tok.doc[i]


def _inverted_source(verb):
    """The source of "<content>, reported X" when the parser took X for an object and the content for a subject.

    Only for a reporting verb right after a comma, with no subject of its own before it, and a name
    (not a time or date) right after it: "..., reported RFEL news", "..., said the minister".
    """
    doc = verb.doc
    if verb.i == 0 or doc[verb.i - 1].text not in {",", "”", '"', "''"}:
        return None
    after_quote = _speaker_after_quote(verb)
    if after_quote is not None:
        return after_quote
    if verb.lemma_.lower() not in INVERSION_VERBS:
        return None
    if any(c.dep_ in SUBJ and c.i < verb.i for c in verb.children):
        return None
    after = [c for c in verb.children if verb.i < c.i <= verb.i + 4 and c.dep_ in {"dobj", "obj", "npadvmod", "attr",
                                                                                    "nsubj", "dative"}]  # fmt: skip
    if not after:
        return None
    obj = after[0]
    if any(doc[j].text in {":", "“", '"'} for j in range(verb.i + 1, obj.i)):
        return None
    named = (
        obj.pos_ == "PROPN"
        or obj.ent_type_ in {"ORG", "PERSON", "GPE", "NORP"}
        or any(c.dep_ == "compound" and c.pos_ == "PROPN" for c in obj.children)
    )
    if not named or obj.ent_type_ in {"TIME", "DATE", "CARDINAL"}:
        return None
    if any(c.dep_ in SUBJ and c.i > verb.i for c in verb.children) and obj.dep_ not in SUBJ:
        return None
    if verb.dep_ in {"conj", "parataxis", "advcl", "ccomp"} and verb.head.i < verb.i:
        return obj
    if any(c.dep_ in CLAUSE and c.i < verb.i for c in verb.children):
        return obj
    return None


INVERSION_VERBS = {"report", "say", "write", "tell", "add", "note", "claim", "announce", "state", "explain", "argue",
                   "insist", "warn", "tweet", "post", "quote", "cite"}  # fmt: skip
# verbs that follow a quotation with their speaker after them: '"Not a chance!" shouted a protester'
QUOTE_INVERSION_VERBS = INVERSION_VERBS | {
    "reply", "respond", "shout", "ask", "answer", "exclaim", "retort", "quip", "joke", "counter", "continue",
    "conclude", "recall", "admit", "yell",
}  # fmt: skip


def _speaker_after_quote(verb):
    """X in '"...," replied X' / '"...!" shouted X', which the parser often makes the object.

    A closing quotation mark right before the verb means the words before it are the
    quotation, not a subject, so the noun after the verb is the speaker, named or not
    ("the finance director").
    """
    doc = verb.doc
    if doc[verb.i - 1].text not in {"”", '"', "''"} or verb.lemma_.lower() not in QUOTE_INVERSION_VERBS:
        return None
    for c in verb.children:
        if verb.i < c.i <= verb.i + 5 and c.dep_ in {"dobj", "obj", "nsubj", "attr", "npadvmod", "dative"}:
            if c.pos_ in {"NOUN", "PROPN"} and c.ent_type_ not in {"TIME", "DATE", "CARDINAL"}:
                return c
            return None
    return None


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


def verb_cue(tok) -> Candidate | None:
    """Verb cues: subject + verb + clause/object/prepositional content, passives, inherited subjects."""
    inverted = _inverted_source(tok)
    if inverted is not None:
        # "..., reported RFEL news" / "..., said the minister": the source follows the cue
        top = tok if not (tok.dep_ in {"conj", "parataxis", "advcl", "ccomp"} and tok.head.i < tok.i) else tok.head
        content = [i for i in subtree_ids(top, exclude={tok.i} if top is not tok else None) if i < tok.i]
        content = [i for i in content if doc_tok(tok, i).dep_ != "punct" or i < tok.i - 1]
        return Candidate(cue=[tok.i], source=inverted, source_ids=source_ids(inverted), content=content,
                         rule="inverted")  # fmt: skip
    src, passive = verb_subject(tok)
    skip = set(subtree_ids(src)) if src is not None and src.head.i == tok.i else set()
    content, rule = verb_content(tok, {i for i in skip})
    if not content:
        content, rule = stray_clause(tok)
    if not content:
        return None
    cue = [tok.i]
    for c in tok.children:  # "lashed out", "called for", "pointed to"
        if c.dep_ == "prt" and c.i == tok.i + 1:
            cue.append(c.i)
    if rule == "prep":
        for c in tok.children:
            if c.dep_ == "prep" and c.i == max(cue) + 1 and c.lower_ in PREP_VERB_PREPS:
                cue.append(c.i)
    for c in tok.children:
        if c.dep_ == "prt" and rule == "prep":
            for g in c.children:
                if g.dep_ == "prep" and g.i == max(cue) + 1:
                    cue.append(g.i)
    sids = source_ids(src) if src is not None else []
    content = [i for i in content if i not in set(sids) and i not in set(cue)]
    if rule in {"object", "prep", "xcomp", "passive"}:
        content = strip_asides(tok.doc, content)
    # content lies on one side of the cue: keep the side holding most of it (quotations are added later)
    before = [i for i in content if i < tok.i]
    after = [i for i in content if i > tok.i]
    if before and after and rule not in {"passive", "interrupted"}:
        content = after if len(after) >= len(before) else before
    return Candidate(cue=sorted(cue), source=src, source_ids=sids, content=content, passive=passive, rule=rule)


SOURCE_DOCS = {
    "poll", "survey", "study", "report", "statement", "interview", "video", "speech", "letter", "memo", "tweet",
    "post", "op-ed", "editorial", "column", "book", "documents", "filing", "complaint", "lawsuit", "analysis",
    "estimate", "estimates", "data", "records", "testimony", "remarks", "ad", "advertisement", "blog", "message",
}  # fmt: skip
HEARSAY_ADVERBS = {"reportedly", "allegedly", "purportedly", "supposedly", "apparently"}


def _adj_content(adj) -> tuple[list[int], list[int]]:
    """Content and extra cue ids of a copular adjective: "aware [that X]", "skeptical of [X]", "eager [to X]"."""
    ids: list[int] = []
    cue: list[int] = []
    for c in adj.children:
        if c.i < adj.i or c.dep_ not in ADJ_CONTENT_DEPS:
            continue
        if c.dep_ == "prep":
            if c.lower_ not in PREP_VERB_PREPS | {"in"}:
                continue
            objs = [g for g in c.children if g.dep_ in {"pobj", "pcomp"}]
            if not objs:
                continue
            if c.i == adj.i + 1:
                cue.append(c.i)
            # "concerned about X and about Y": the coordinated phrase belongs to the content
            ids += [i for i in subtree_ids(c) if i != c.i]
        elif c.dep_ == "advcl" and not any(g.dep_ in {"mark", "aux"} and g.lower_ in {"that", "whether", "if", "to"}
                                           for g in c.children):  # fmt: skip
            continue
        else:
            ids += subtree_ids(c)
    return sorted(set(ids)), cue


def copula_cue(tok) -> Candidate | None:
    """Inner states said with a copula and an adjective: "X is eager to ...", "X was aware that ...",
    "X is skeptical of ...", "it is unclear whether ..." (no source)."""
    if tok.pos_ == "ADJ":
        if tok.dep_ not in {"acomp", "oprd"} or tok.head.pos_ not in {"AUX", "VERB"}:
            return None
        verb, adj = tok.head, tok
    else:
        adjs = [c for c in tok.children if c.dep_ == "acomp" and c.pos_ == "ADJ"]
        if not adjs:
            return None
        verb, adj = tok, adjs[0]
    content, extra = _adj_content(adj)
    if not content:  # "it is unclear whether ...": the clause hangs on the copula
        for c in verb.children:
            if c.i > adj.i and c.dep_ in {"ccomp", "xcomp"}:
                content += subtree_ids(c)
    if not content:
        return None
    src, passive = verb_subject(verb)
    if src is not None and src.dep_ == "expl" or (src is not None and src.lower_ == "it" and verb.i - src.i <= 3):
        src, passive = None, True
    sids = source_ids(src) if src is not None else []
    cue = sorted({verb.i, adj.i, *extra})
    content = [i for i in content if i not in set(sids) and i not in set(cue) and i > adj.i]
    if not content:
        return None
    content = strip_asides(tok.doc, sorted(content))
    return Candidate(cue=cue, source=src, source_ids=sids, content=content, passive=passive, rule="copula")


def in_source(tok) -> Candidate | None:
    """ "In the latest CNN poll, X leads" / "X fell to 10 percent in a new survey": the document is the source."""
    objs = _children(tok, {"pobj"})
    head = tok.head
    if not objs or objs[0].lemma_.lower() not in SOURCE_DOCS or head.pos_ not in {"VERB", "AUX"}:
        return None
    if cue_score(head, False) >= 0.3:  # "said in a statement": a channel of another cue (via.py)
        return None
    own = set(subtree_ids(tok))
    # "In his blog, he said, “...”": the phrase is a channel of the speech verb (via.py), not a source
    if any(t.pos_ == "VERB" and t.i not in own and t.i != head.i and cue_score(t, False) >= 0.5 for t in tok.sent):
        return None
    content = [i for i in subtree_ids(head) if i not in own]
    return Candidate(cue=[tok.i], source=objs[0], source_ids=source_ids(objs[0]), content=content, rule="in-doc")


def hearsay(tok) -> Candidate | None:
    """ "X reportedly met Y": an attribution whose source the text does not name."""
    head = tok.head
    if head.pos_ not in {"VERB", "AUX"} or cue_score(head, False) >= 0.3:
        return None
    content = [i for i in subtree_ids(head) if i != tok.i]
    return Candidate(cue=[tok.i], source=None, content=content, passive=True, rule="hearsay")


def candidate_for(tok) -> Candidate | None:
    """The roles around a cue token, or None when the patterns find no content."""
    lemma = tok.lemma_.lower()
    if tok.pos_ == "ADV":
        return hearsay(tok) if tok.lower_ in HEARSAY_ADVERBS else None
    if tok.pos_ == "ADP" and tok.lower_ in {"in"}:
        return in_source(tok)
    if lemma == "accord" or (tok.lower_ == "according"):
        return according_to(tok)
    if tok.pos_ == "ADJ" or (tok.pos_ == "AUX" and any(c.dep_ == "acomp" for c in tok.children)):
        cand = copula_cue(tok)
        if cand is not None or tok.pos_ == "ADJ":
            return cand
    if tok.pos_ in {"VERB", "AUX"}:
        cand = verb_cue(tok)
        if cand is None and any(c.dep_ == "acomp" for c in tok.children):  # "felt sure that", "sounded eager to"
            cand = copula_cue(tok)
        return cand
    if tok.pos_ == "NOUN" or lemma in SEED_NOUNS:
        return noun_cue(tok)
    return None


def cue_tokens(doc, threshold: float, blocked: set[int], near: set[int]) -> list[tuple[float, object]]:
    """Tokens whose cue score passes ``threshold``, outside ``blocked`` (quoted) token ids."""
    out = []
    rows = token_rows(doc)  # is_candidate's cheap tests first, on arrays: no Token for most tokens
    for i in [r.i for r in rows if r.pos_ in CANDIDATE_POS and not r.is_space and r.i not in blocked]:
        tok = doc[i]
        if not is_candidate(tok, blocked) or tok.is_punct or not worth_scoring(tok):
            continue
        p = cue_score(tok, tok.i in near)
        if tok.lower_ == "according" and tok.i + 1 < len(doc) and doc[tok.i + 1].lower_ == "to":
            p = max(p, 0.9)
        elif tok.lower_ in HEARSAY_ADVERBS:
            p = max(p, 0.8)
        elif tok.lower_ == "in" and any(c.dep_ == "pobj" and c.lemma_.lower() in SOURCE_DOCS for c in tok.children):
            p = max(p, 0.6)
        if p >= threshold:
            out.append((p, tok))
    return out


def headline_colons(doc, blocked: set[int], text: str) -> list[Candidate]:
    """Headline and lead-in colons: "Hacker Guccifer: Clinton's server unprotected", "Among her lessons: ...".

    The text before the colon must be a short phrase with a noun and no verb, at
    the start of its paragraph, and the text after it a clause of some length.
    """
    out = []
    for i in [r.i for r in token_rows(doc) if r.lower_ == ":"]:
        tok = doc[i]
        if tok.i in blocked:
            continue
        ps = text.rfind("\n", 0, tok.idx) + 1
        pe = text.find("\n", tok.idx)
        pe = len(text) if pe < 0 else pe
        left = [t for t in doc[max(0, tok.i - 8) : tok.i] if t.idx >= ps]
        if not left or len(left) > 6 or left[0].idx != ps:
            continue
        if any(t.pos_ in {"VERB", "AUX"} for t in left) or not any(t.pos_ in {"PROPN", "NOUN"} for t in left):
            continue
        if any(t.like_num for t in left):  # times and datelines "9:45", "UPDATE 2:"
            continue
        right = []
        j = tok.i + 1
        while j < len(doc) and doc[j].idx < pe and not doc[j].is_space:
            right.append(j)
            j += 1
        if len([i for i in right if doc[i].is_alpha]) < 3:
            continue
        head = max(left, key=lambda t: (t.pos_ in {"PROPN", "NOUN"}, t.i))
        out.append(Candidate(cue=[tok.i], source=head, source_ids=[t.i for t in left], content=right,
                             prob=0.5, rule="colon"))  # fmt: skip
    return out
