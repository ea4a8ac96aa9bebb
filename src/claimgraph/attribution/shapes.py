"""Cue shapes other than a verb with its complement: "according to", nouns, copular adjectives, documents.

Why apart from the verb rules: each shape has its own source (the object of "to", a possessor,
the subject of a copula, the document a poll appears in) and its own content, and none of them
needs the verb content steps; rules.candidate_for dispatches by part of speech.
"""

from __future__ import annotations

from ..nlp.arrays import token_rows
from .content import strip_asides
from .cues import cue_score
from .labels import in_transcript, label_speaks, label_words, lower_words, title_case, transcript_labels
from .roles import (
    NO_QUOTES,
    PREP_VERB_PREPS,
    RELATIVE,
    Candidate,
    children,
    source_ids,
    verb_subject,
)
from .spans import subtree_ids

# adjective heads of copular inner states: "is eager to", "were aware that", "is skeptical of"
ADJ_CONTENT_DEPS = {"ccomp", "xcomp", "prep", "advcl", "agent"}
# prepositions of noun cues: "doubts about X", "his contempt for X", "her response to X", "the snub at X"
NOUN_PREPS = {"about", "of", "on", "that", "over", "against", "regarding", "for", "to", "at", "toward", "towards"}
# verbs whose object is a noun cue carrying the content: "expressed doubts about", "issued a statement"
LIGHT_VERBS = {"express", "voice", "air", "raise", "issue", "make", "level", "offer", "release", "share", "cast"}
NAMED = {"PERSON", "ORG", "NORP", "GPE"}
# verbs whose subject holds or gives the noun cue they take, though the verb is not part of the cue:
# "has doubts about", "took a stance on", "posed questions on", "gave an endorsement of"
HOLDING_VERBS = {
    "have",
    "hold",
    "take",
    "pose",
    "give",
    "deliver",
    "lodge",
    "file",
    "launch",
    "mount",
    "renew",
    "repeat",
}
# "in hopes that", "with fears of", "between fears of": the noun cue is a circumstance of its holder's act
HOLDER_PREPS = {"in", "with", "between"}


def according_to(tok) -> Candidate | None:
    """ "according to X, Y" / "Y, according to X": X is the source, the rest of the sentence the content."""
    to = [c for c in tok.children if c.lower_ == "to"]
    if not to:
        return None
    pobj = children(to[0], {"pobj"})
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


def _verb_as_noun(tok, compound) -> bool:
    """ "Trump predicts that ...": a capitalised word and a plural-looking noun with a clause, both mistagged."""
    return (
        tok.tag_ == "NNS"
        and compound.i == tok.i - 1
        and compound.is_title
        and any(c.dep_ == "ccomp" and c.i > tok.i for c in tok.children)
    )


def _holder(tok, quoted: frozenset[int]):
    """The subject of the verb a possessor-less noun cue hangs on, when that subject holds it.

    "expressed doubts", "has doubts about", "entered the debate with an argument that", "in hopes that".
    """
    head = tok.head
    if tok.dep_ in {"dobj", "obj"} and head.lemma_.lower() in LIGHT_VERBS | HOLDING_VERBS:
        return verb_subject(head, quoted)[0]
    definite = any(c.dep_ == "det" and c.lower_ in {"the", "this", "that"} for c in tok.children)
    if tok.dep_ == "pobj" and head.lower_ in HOLDER_PREPS and head.head.pos_ in {"VERB", "AUX"} and not definite:
        return verb_subject(head.head, quoted)[0]
    return None


def noun_cue(tok, quoted: frozenset[int] = NO_QUOTES) -> Candidate | None:
    """Noun cues: "Moscow's position is that ...", "the allegations of fraud", "a statement saying ..."."""
    src = None
    for c in tok.children:
        if c.dep_ == "poss" or (c.dep_ == "compound" and (c.pos_ == "PROPN" or c.ent_type_ in NAMED)):
            src = c  # "Moscow's position", "the Kremlin statement"
            break
        if c.dep_ == "compound" and _verb_as_noun(tok, c):
            src = c  # "Trump predicts that ...", tagged as a compound noun
            break
    if src is None:
        for c in children(tok, {"prep"}):
            if c.lower_ in {"by", "from"}:
                objs = children(c, {"pobj"})
                if objs:
                    src = objs[0]
                    break
    if src is None:
        src = _holder(tok, quoted)
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
        if c.dep_ in {"prep", "agent"}:  # "delighted by X": the parser's agent of an adjective is what it is about
            if c.lower_ not in PREP_VERB_PREPS | {"in", "by"}:
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


def copula_cue(tok, quoted: frozenset[int] = NO_QUOTES) -> Candidate | None:
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
    src, passive = verb_subject(verb, quoted)
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
    objs = children(tok, {"pobj"})
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


# words that name a part of a page, not someone who speaks: "Headline: ...", "Editor's note: ...", "(Photo: ...)"
def _page_label(left: list) -> bool:
    """The phrase before a colon sits in brackets ("(Photo: ...)") or is a dateline ("PARIS:")."""
    if left[0].text in {"(", "["}:
        return True
    names = [t for t in left if not t.is_punct]
    return bool(names) and all(t.ent_type_ in {"GPE", "LOC"} for t in names)


def headline_colons(doc, blocked: set[int], text: str) -> list[Candidate]:
    """Headline and lead-in colons: "Hacker Guccifer: Clinton's server unprotected", "Among her lessons: ...".

    The text before the colon must be a short phrase with a noun and no verb, at
    the start of its paragraph, and the text after it a clause of some length; the
    label must be a speaker and the text speech (labels.py).
    """
    out = []
    transcript = transcript_labels(text)
    common: frozenset[str] | None = None
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
        turn = in_transcript(doc, left, transcript)  # a speaker label, however the tagger reads it
        if not turn and (
            any(t.pos_ in {"VERB", "AUX"} for t in left) or not any(t.pos_ in {"PROPN", "NOUN"} for t in left)
        ):
            continue
        if any(t.like_num for t in left) or _page_label(left):  # times and datelines "9:45", "UPDATE 2:"
            continue
        right = []
        j = tok.i + 1
        while j < len(doc) and doc[j].idx < pe and not doc[j].is_space:
            right.append(j)
            j += 1
        if len([i for i in right if doc[i].is_alpha]) < 3:
            continue
        common = lower_words(doc) if common is None else common
        if title_case(doc, right) if turn else not label_speaks(doc, left, right, common):
            continue
        head = max(label_words(left), key=lambda t: (t.pos_ in {"PROPN", "NOUN"}, t.i))
        out.append(Candidate(cue=[tok.i], source=head, source_ids=[t.i for t in left], content=right,
                             prob=0.5, rule="colon"))  # fmt: skip
    return out
