"""Dependency patterns: from a cue token to its source and content.

Why dependency rules: reported speech in news has few shapes (subject + verb +
clause, "according to X", passives, noun cues with a possessor, participles
hanging off another verb), and the parse tells them apart cheaply; a learned
lexicon (cues.py) decides which words are cues, these rules decide the roles.

Every function here works on one cue token and returns token ids; extract.py
turns them into character spans and resolves entities. The verb's source is in
roles.py, its content steps in content.py, the other shapes in shapes.py.
``quoted`` (token ids inside quotation marks) is passed down explicitly.
"""

from __future__ import annotations

from ..nlp.arrays import token_rows
from .content import stray_clause, strip_asides, verb_content
from .cues import SEED_NOUNS, cue_probability, cue_score, worth_scoring
from .features import CANDIDATE_POS, is_candidate
from .nonspeech import speech_use
from .roles import (
    CLAUSE,
    NO_QUOTES,
    PREP_VERB_PREPS,
    PSYCH,
    SUBJ,
    Candidate,
    is_psych,
    reduced_passive,
    source_ids,
    verb_subject,
)
from .shapes import (
    HEARSAY_ADVERBS,
    SOURCE_DOCS,
    according_to,
    copula_cue,
    headline_colons,
    hearsay,
    in_source,
    noun_cue,
)
from .spans import subtree_ids

__all__ = ["Candidate", "candidate_for", "cue_tokens", "headline_colons", "source_ids", "verb_cue", "verb_subject"]


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
    "conclude", "recall", "admit", "yell", "read",
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


def _verb_cue_ids(tok, rule: str) -> list[int]:
    """The cue words of a verb: with its particle ("lashed out") and, for a prepositional content, the preposition."""
    cue = [tok.i]
    for c in tok.children:  # "lashed out", "called for", "pointed to"
        if c.dep_ == "prt" and c.i == tok.i + 1:
            cue.append(c.i)
    if rule != "prep":
        return cue
    for c in tok.children:
        if c.dep_ == "prep" and c.i == max(cue) + 1 and c.lower_ in PREP_VERB_PREPS:
            cue.append(c.i)
    for c in tok.children:
        if c.dep_ == "prt":
            for g in c.children:
                if g.dep_ == "prep" and g.i == max(cue) + 1:
                    cue.append(g.i)
    return cue


# raising verbs: their subject is what the impression is about, not who holds it (PolNeAR: no source)
RAISING = {"seem", "appear", "look", "sound"}
IMPERSONAL = {"it", "this", "that", "there"}
# inner states and intentions: said of a generic "you" in running text they address the reader
INNER_STATES = {"want", "need", "like", "love", "know", "hope", "wish", "think", "believe", "feel", "plan", "support"}


def _raised_subject(verb, src):
    """The subject of "X seems to ...", "X appears unable to ...", which is content, not source; else None."""
    if src is None or verb.lemma_.lower() not in RAISING or src.dep_ != "nsubj":
        return None
    predicate = {"acomp", "oprd", "ccomp", "attr"} | ({"xcomp"} if verb.lemma_.lower() != "look" else set())
    preds = [c for c in verb.children if c.dep_ in predicate or c.lower_ in {"like", "as"}]
    if not preds:
        return None  # "appeared on Fox News": showing up, not seeming; "looking to": seeking
    if any(c.dep_ == "xcomp" and c.pos_ == "VERB" and cue_probability(c) >= 0.3 for c in preds):
        return None  # "appeared to suggest that ...": the subject is the source of the reported act
    return src


def _not_a_report(verb, quoted: frozenset[int]) -> bool:
    """Verb uses that never report what someone says or holds, whatever the lexicon says.

    "have to" is obligation ("They have to know"); an inner state of a generic "you" outside a
    quotation addresses the reader ("If you liked this post"); a bare imperative with no subject
    outside a quotation is an instruction ("Share it", "Add your two cents").
    """
    lemma = verb.lemma_.lower()
    if lemma == "have" and any(c.dep_ == "xcomp" and any(g.lower_ == "to" for g in c.children) for c in verb.children):
        return True
    if not speech_use(verb):
        return True
    if verb.i in quoted:
        return False
    subj = [c for c in verb.children if c.dep_ in SUBJ | {"nsubjpass"}]
    if lemma in INNER_STATES and any(c.lower_ == "you" for c in subj):
        return True
    return not subj and _imperative(verb)


def _imperative(verb) -> bool:
    """A base-form verb with no subject and no auxiliary heading its sentence, or joined to one that does."""
    if verb.tag_ not in {"VB", "VBP"} or any(c.dep_ in SUBJ | {"nsubjpass", "aux", "auxpass"} for c in verb.children):
        return False
    if verb.dep_ == "ROOT":
        return True
    return verb.dep_ == "conj" and verb.head.dep_ == "ROOT" and _imperative(verb.head)


def _split_agent(src, sids: list[int]) -> tuple[list[int], set[int]]:
    """ "accused by a regulator of laundering ...": the parser hangs the accusation on the agent; it is content."""
    moved: set[int] = set()
    for c in src.children:
        if c.dep_ == "prep" and c.i > src.i and c.lower_ in AGENT_CONTENT_PREPS:
            moved |= set(subtree_ids(c))
    return [i for i in sids if i not in moved], moved


AGENT_CONTENT_PREPS = {"of", "for", "over", "with", "about"}


def verb_cue(tok, quoted: frozenset[int] = NO_QUOTES) -> Candidate | None:
    """Verb cues: subject + verb + clause/object/prepositional content, passives, inherited subjects."""
    inverted = _inverted_source(tok)
    if inverted is not None:
        # "..., reported RFEL news" / "..., said the minister": the source follows the cue
        top = tok if not (tok.dep_ in {"conj", "parataxis", "advcl", "ccomp"} and tok.head.i < tok.i) else tok.head
        content = [i for i in subtree_ids(top, exclude={tok.i} if top is not tok else None) if i < tok.i]
        content = [i for i in content if tok.doc[i].dep_ != "punct" or i < tok.i - 1]
        return Candidate(cue=[tok.i], source=inverted, source_ids=source_ids(inverted), content=content,
                         rule="inverted")  # fmt: skip
    if _not_a_report(tok, quoted):
        return None
    src, passive = verb_subject(tok, quoted)
    raised = _raised_subject(tok, src)
    if raised is None and src is None and reduced_passive(tok):
        raised = next(c for c in tok.children if c.dep_ == "nsubj")  # what the participle is said of
    if raised is not None:
        src, passive = None, True
    skip = set(subtree_ids(src)) if src is not None and src.head.i == tok.i else set()
    content, rule = verb_content(tok, skip, quoted)
    if not content:
        content, rule = stray_clause(tok)
    if not content:
        return None
    if raised is not None and raised.lower_ not in IMPERSONAL:
        content = sorted(set(content) | set(subtree_ids(raised)))  # "the senator seems [to be worried]"
    cue = _verb_cue_ids(tok, rule)
    sids = source_ids(src) if src is not None else []
    if src is not None and src.head.dep_ == "agent":
        sids, moved = _split_agent(src, sids)
        content = sorted(set(content) | moved)
    content = [i for i in content if i not in set(sids) and i not in set(cue)]
    if rule in {"object", "prep", "xcomp", "passive"}:
        content = strip_asides(tok.doc, content)
    # content lies on one side of the cue: keep the side holding most of it (quotations are added later)
    before = [i for i in content if i < tok.i]
    after = [i for i in content if i > tok.i]
    if before and after and rule not in {"passive", "interrupted"} and raised is None:
        content = after if len(after) >= len(before) else before
    return Candidate(cue=sorted(cue), source=src, source_ids=sids, content=content, passive=passive, rule=rule)


def candidate_for(tok, quoted: frozenset[int] = NO_QUOTES) -> Candidate | None:
    """The roles around a cue token, or None when the patterns find no content (``quoted``: ids inside quotes)."""
    lemma = tok.lemma_.lower()
    if tok.pos_ == "ADV":
        return hearsay(tok) if tok.lower_ in HEARSAY_ADVERBS else None
    if tok.pos_ == "ADP" and tok.lower_ in {"in"}:
        return in_source(tok)
    if lemma == "accord" or (tok.lower_ == "according"):
        return according_to(tok)
    if tok.pos_ == "ADJ" or (tok.pos_ == "AUX" and any(c.dep_ == "acomp" for c in tok.children)):
        cand = copula_cue(tok, quoted)
        if cand is not None or tok.pos_ == "ADJ":
            return cand
    if tok.pos_ in {"VERB", "AUX"}:
        cand = verb_cue(tok, quoted)
        if cand is None and any(c.dep_ == "acomp" for c in tok.children):  # "felt sure that", "sounded eager to"
            cand = copula_cue(tok, quoted)
        return cand
    if tok.pos_ == "NOUN" or lemma in SEED_NOUNS:
        return noun_cue(tok, quoted)
    return None


FEELING_PREPS = {"about", "over", "with", "by", "at", "of", "that", "to"}
FEELING_FLOOR = 0.3  # first-stage score of a feeling participle that governs what it is about


def feeling_floor(tok) -> float:
    """A floor for "X was frustrated that ...", "worried about ...", "delighted by ...", "determined to ...".

    The token scorer rates these participles low (most uses in news are plain passives or
    adjectives); with a clause, an infinitive or an about/by/with phrase they state what someone
    feels, so they are offered to the candidate scorer, which decides.
    """
    psych = is_psych(tok) or (tok.pos_ == "ADJ" and tok.tag_ == "JJ" and tok.lemma_.lower() in PSYCH)
    if not psych or tok.dep_ not in {"ROOT", "acomp", "conj", "ccomp", "advcl", "xcomp", "relcl"}:
        return 0.0
    for c in tok.children:
        if c.dep_ in {"ccomp", "xcomp"} and c.i > tok.i:
            return FEELING_FLOOR
        if c.dep_ in {"prep", "agent"} and c.i > tok.i and c.lower_ in FEELING_PREPS:
            return FEELING_FLOOR
    return 0.0


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
        elif p < threshold and tok.tag_ in {"VBN", "JJ"}:
            p = max(p, feeling_floor(tok))
        elif tok.lower_ == "in" and any(c.dep_ == "pobj" and c.lemma_.lower() in SOURCE_DOCS for c in tok.children):
            p = max(p, 0.6)
        if p >= threshold:
            out.append((p, tok))
    return out
