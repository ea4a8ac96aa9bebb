"""Stance of an attribution: what the source does with the content, and the words that show it.

Why two steps: the cue lemma carries the stance when it is a stance verb ("accused", "denied",
"warned"); negation flips a few ("did not deny" is no denial) and a light verb's object names the
act ("expressed doubts", "levelled accusations"). When the cue is neutral ("said", "wrote",
"called", ":") or absent, the content decides (``stance_content``): "said the report was just
not true" is a denial. Either way the evidence is the stretch of the cue or the content that
carries the stance, ``None`` for assert and other.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from spacy.tokens import Doc, Token

from ..model.document import Span
from . import stance_lexicon as lex
from .stance_content import content_stance

_NEG = {"neg"}
_CONTENT_CAN_OVERRIDE = {"assert", "other"}
_NEGATED_BELIEF = {"believe", "think", "expect", "agree"}


@dataclass(frozen=True, slots=True)
class StanceResult:
    """A stance and its evidence (``None`` for assert/other, or when nothing in the text shows it)."""

    stance: str
    evidence: Span | None = None


def stance_of(doc: Doc, cue_ids: Sequence[int], fragments: Sequence[tuple[int, int]]) -> StanceResult:
    """The stance of an attribution from its cue tokens and its content's character fragments.

    The rules go first; when the cue names no act (``said``, ``wrote``, ``:``), the learned classifier
    (``stance_model``) may put a stance the word lists missed, or drop a content rule's weak guess.
    """
    found = rule_stance(doc, cue_ids, fragments)
    if found.origin in {"cue", "blocked"}:
        return found.result
    from .stance_model import load_stance_model

    return load_stance_model().decide(doc, cue_ids, found)


@dataclass(frozen=True, slots=True)
class RuleStance:
    """The rules' verdict, where it came from, the cue's own stance and the content tokens read."""

    result: StanceResult
    origin: str  # "cue" (the cue names the act), "blocked" (negated / no-claim cue), "content", "none"
    cue_stance: str
    tokens: list[Token]


def rule_stance(doc: Doc, cue_ids: Sequence[int], fragments: Sequence[tuple[int, int]]) -> RuleStance:
    """The word-list verdict: the cue's stance, else a denial/doubt/criticism finder over the content."""
    cue_ids = sorted(cue_ids)
    stance, cue_evidence, negated = cue_stance(doc, cue_ids) if cue_ids else ("assert", [], False)
    if stance not in _CONTENT_CAN_OVERRIDE:
        return RuleStance(StanceResult(stance, span_of(doc, cue_evidence)), "cue", stance, [])
    lemma = doc[cue_ids[0]].lemma_.lower() if cue_ids else ""
    if negated or lemma in lex.NO_CLAIM_LEMMAS:
        return RuleStance(StanceResult(stance), "blocked", stance, [])
    tokens = content_tokens(doc, fragments, set(cue_ids))
    found = content_stance(doc, tokens, lemma)
    if found is None:
        return RuleStance(StanceResult(stance), "none", stance, tokens)
    return RuleStance(StanceResult(found[0], span_of(doc, found[1])), "content", stance, tokens)


def content_tokens(doc: Doc, fragments: Sequence[tuple[int, int]], skip: set[int]) -> list[Token]:
    """The tokens inside the content fragments, the cue's own tokens left out."""
    out = []
    for start, end in fragments:
        span = doc.char_span(start, end, alignment_mode="contract")
        if span is not None:
            out.extend(t for t in span if t.i not in skip and not t.is_space)
    return out


def cue_stance(doc: Doc, cue_ids: list[int]) -> tuple[str, list[Token], bool]:
    """(stance, the cue tokens that carry it, whether the cue is negated) from the cue alone."""
    toks = [doc[i] for i in cue_ids]
    head = toks[0]
    lemma = head.lemma_.lower()
    negated = any(c.dep_ in _NEG for t in toks for c in t.children)
    stance, carrier = _cue_words(toks, lemma)
    if stance == "demand" and lemma in {"insist", "ask"} and _reports_a_fact(head):
        stance, carrier = ("assert" if lemma == "insist" else "other"), []
    if stance is None and lemma == "call":
        stance, carrier = _call(doc, toks), [head]
    if stance is None:  # "had been so dismissive of": a judgement in the cue itself
        carrier = [t for t in toks if t.lower_ in lex.CRITICISM_WORDS][:1]
        stance = "accuse" if carrier else "assert" if lemma in lex.ASSERT_LEMMAS else "other"
    if negated:
        flipped = _negated(stance, lemma)
        return flipped, (_negation_and(toks) if flipped == "doubt" else []), True
    return stance, carrier, False


def _cue_words(toks: list[Token], lemma: str) -> tuple[str | None, list[Token]]:
    """A stance named by the cue: a phrase, a light verb's object noun, or a stance lemma."""
    lemmas = [t.lemma_.lower() for t in toks]
    for phrase, stance in lex.CUE_PHRASES.items():
        for n in range(len(lemmas) - len(phrase) + 1):
            if tuple(lemmas[n : n + len(phrase)]) == phrase:
                return stance, toks[n : n + len(phrase)]
    own = lex.CUE_LEMMAS.get(lemma)
    # light verb + noun: "expressed doubts". A verb with a stance of its own keeps it: "denied the
    # accusations" is a denial, "questioned the allegations" a doubt.
    if own not in {"deny", "doubt", "echo"}:
        for t in _with_objects(toks):
            noun = lex.OBJECT_NOUNS.get(t.lower_) or lex.OBJECT_NOUNS.get(t.lemma_.lower())
            if noun:
                return noun, [t]
    if lemma == "call":
        return None, []
    if own:
        return own, [toks[0]]
    for t in toks:
        stance = lex.CUE_LEMMAS.get(t.lemma_.lower())
        if stance:
            return stance, [t]
    return None, []


def _negation_and(toks: list[Token]) -> list[Token]:
    """The cue tokens with their negation: "did not believe"."""
    return toks + [c for t in toks for c in t.children if c.dep_ in _NEG]


def _with_objects(toks: list[Token]) -> list[Token]:
    """The cue tokens and their direct objects."""
    return toks + [c for t in toks for c in t.children if c.dep_ in {"dobj", "obj"}]


def _reports_a_fact(head: Token) -> bool:
    """ "insisted that he never sent it", "asked whether it was true": a clause, not a call to act.

    "insisted that he resign" (a bare verb, the subjunctive) and "asked them to leave" stay demands.
    """
    for c in head.children:
        if c.dep_ != "ccomp":
            continue
        marks = {m.lower_ for m in c.children if m.dep_ == "mark"}
        if marks & {"whether", "if"} or c.tag_ in {"VBD", "VBZ", "VBP"}:
            return True
        if any(a.dep_ == "aux" and a.tag_ in {"VBD", "VBZ", "VBP", "MD"} for a in c.children):
            return True
    return False


def _call(doc: Doc, toks: list[Token]) -> str:
    """ "call for", "call on ... to": a demand; "call X Y": a characterisation (assert)."""
    head = toks[0]
    follow = {t.lower_ for t in toks} | {c.lower_ for c in head.children if c.dep_ in {"prep", "prt"}}
    if follow & {"for", "on", "upon"} or any(c.dep_ == "xcomp" for c in head.children):
        return "demand"
    return "assert"


def _negated(stance: str, lemma: str) -> str:
    """ "did not deny" is an assertion, "did not believe" a doubt, "did not accuse" nothing."""
    if stance == "deny":
        return "assert"
    if stance in {"assert", "echo"} and lemma in _NEGATED_BELIEF:
        return "doubt"
    if lemma == "call":
        return "other"
    return "other" if stance != "doubt" else "assert"


def span_of(doc: Doc, tokens: Sequence[Token]) -> Span | None:
    """The character span from the first to the last evidence token."""
    if not tokens:
        return None
    first, last = min(tokens, key=lambda t: t.i), max(tokens, key=lambda t: t.i)
    start, end = first.idx, last.idx + len(last.text)
    return Span(start, end, doc[first.i : last.i + 1].text)  # not doc.text: that rebuilds the whole body
