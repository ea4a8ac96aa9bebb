"""Stance from what is said: a denial, a doubt or a criticism in the content of a neutral cue.

Why: most accusations, denials and doubts in running text come with "said", "wrote" or "called"
and the act is in the words ("said the report was just not true", "it is hard to believe that
...", "described the air strikes as inadequate and ineffective"). Each finder looks for one kind
of evidence in the content's tokens and returns the stance with the tokens that carry it. The
checks are set lookups over the content and a walk up the parse for negation and nesting, so the
stage stays cheap. Denial is tried first (a denial that also attacks the accuser is a denial),
then doubt, then criticism.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from spacy.tokens import Doc, Token

from . import stance_lexicon as lex
from .stance_lexicon import word_set

Found = tuple[str, list[Token]]  # (stance, evidence tokens)
_NEG_WORDS = {"not", "n't", "never", "no", "nothing", "neither", "nor", "hardly"}
_PREDICATE_DEPS = {"acomp", "attr", "oprd", "xcomp", "ROOT", "ccomp", "conj", "appos", "npadvmod", "dobj"}
_CLAIM_NOUNS = word_set(
    "claim claims allegation allegations accusation accusations charge charges report reports story "
    "stories rumor rumors rumour rumours suggestion suggestions assertion assertions notion idea"
)
_WH = {"who", "what", "why", "how", "where", "when", "which", "is", "are", "do", "does", "did", "can", "could"}


def content_stance(doc: Doc, tokens: Sequence[Token], cue_lemma: str = "") -> Found | None:
    """The first of deny, doubt, accuse whose evidence the content holds, or ``None``."""
    if not tokens:
        return None
    inside = {t.i for t in tokens}
    for finder in _FINDERS:
        found = finder(doc, tokens, inside, cue_lemma)
        if found is not None:
            return found
    return None


def negated(tok: Token) -> bool:
    """True when ``tok`` (or the copula or auxiliary it hangs on) carries a negation."""
    for t in (tok, tok.head) if tok.dep_ in {"acomp", "attr", "oprd", "amod"} else (tok,):
        if any(c.dep_ == "neg" or c.lower_ in {"never", "no"} for c in t.children):
            return True
        if t.dep_ == "amod" and t.head.i != t.i and any(c.dep_ == "det" and c.lower_ == "no" for c in t.head.children):
            return True
    return False


def reported_by_other(tok: Token, inside: set[int]) -> bool:
    """True when a speech verb with its own named subject, inside the content, governs ``tok``.

    "said critics called the plan reckless": "reckless" is the critics' word, not the source's.
    """
    node = tok
    while node.head.i != node.i and node.head.i in inside:
        node = node.head
        if node.pos_ in {"VERB", "AUX"} and node.lemma_.lower() in lex.REPORTING_LEMMAS:
            subj = [c for c in node.children if c.dep_ in {"nsubj", "nsubjpass"}]
            if subj and subj[0].pos_ != "PRON":
                return True
    return False


def hypothetical(tok: Token, inside: set[int]) -> bool:
    """True in a condition or its consequence ("if it failed to ...", "would be unfair if ..."): no claim yet."""
    node = tok
    while True:
        if _conditional(node) or any(c.dep_ == "advcl" and _conditional(c) for c in node.children):
            return True
        if node.head.i == node.i or node.head.i not in inside:
            return False
        node = node.head


def _conditional(tok: Token) -> bool:
    return any(c.dep_ == "mark" and c.lower_ in {"if", "unless", "whether"} for c in tok.children)


def _phrase(tokens: Sequence[Token], phrases: list[tuple[str, ...]]) -> list[Token] | None:
    """The tokens of the first phrase of ``phrases`` found as consecutive tokens of ``tokens``."""
    lowers = [_norm(t) for t in tokens]
    firsts = {p[0] for p in phrases}
    for n, low in enumerate(lowers):
        if low not in firsts:
            continue
        for p in phrases:
            if p[0] == low and tuple(lowers[n : n + len(p)]) == p:
                return list(tokens[n : n + len(p)])
    return None


def _norm(tok: Token) -> str:
    """Lower case, curly apostrophe straightened, "n't" as "not" (so "don't buy" is "do not buy")."""
    low = tok.lower_.replace("’", "'")
    return "not" if low == "n't" else low


def _with_negation(tok: Token) -> list[Token]:
    """``tok`` and the negation words attached to it or its copula, for the evidence span."""
    heads = [tok, tok.head] if tok.dep_ in {"acomp", "attr", "oprd"} else [tok]
    return [tok] + [c for h in heads for c in h.children if c.dep_ == "neg" or c.lower_ in {"never", "no"}]


def _denial(doc: Doc, tokens: Sequence[Token], inside: set[int], cue: str) -> Found | None:
    """ "not true", "no evidence", "false", "did not violate", "is not racist"."""
    hit = _phrase(tokens, lex.DENIAL_PHRASES)
    if hit:
        return "deny", hit
    for t in tokens:
        low, lemma = t.lower_, t.lemma_.lower()
        if not _denial_candidate(t, low, lemma) or reported_by_other(t, inside):
            continue  # the set lookups first, the walk up the parse only for a candidate word
        if low in lex.DENIAL_WORDS and not negated(t) and _rejects(t):
            return "deny", [t]
        if low in lex.TRUTH_WORDS and t.dep_ in {"acomp", "attr"} and negated(t):
            return "deny", _with_negation(t)
        if lemma in lex.GROUND_NOUNS and any(c.lower_ == "no" and c.dep_ == "det" for c in t.children):
            return "deny", [c for c in t.children if c.lower_ == "no"] + [t]
        if _active(t) and lemma in lex.MISDEED_VERBS and negated(t):
            return "deny", _with_negation(t)
        if _never_did(t, inside):
            return "deny", _with_negation(t)
        if low in lex.CRITICISM_WORDS and t.dep_ in {"acomp", "attr"} and negated(t) and not _not_just(t):
            return "deny", _with_negation(t)  # "the campaign is not racist": a charge rejected
    return None


def _denial_candidate(tok: Token, low: str, lemma: str) -> bool:
    """Cheap test: could this token start any of the denial patterns?"""
    return (
        low in lex.DENIAL_WORDS
        or low in lex.TRUTH_WORDS
        or lemma in lex.GROUND_NOUNS
        or lemma in lex.MISDEED_VERBS
        or low in lex.CRITICISM_WORDS
        or tok.tag_ == "VBD"
    )


def _rejects(tok: Token) -> bool:
    """A denial word that judges a claim ("the story is false", "false allegations", "a myth").

    Not a lie someone tells ("spread lies", "the lies"): that is an accusation, found later.
    """
    if tok.lower_ in lex.LIE_NOUNS and tok.dep_ not in {"attr", "acomp", "ROOT", "appos"}:
        return False
    if tok.dep_ == "amod":
        return tok.head.lemma_.lower() in _CLAIM_NOUNS
    return True


def _active(tok: Token) -> bool:
    """A verb with its own subject, in the active voice ("did not violate", not "was not violated by")."""
    kids = {c.dep_ for c in tok.children}
    return tok.pos_ == "VERB" and "nsubj" in kids and not kids & {"auxpass", "nsubjpass"}


def _not_just(tok: Token) -> bool:
    """ "not just a failure", "not only wrong": the negation makes it stronger, not a denial."""
    heads = (tok, tok.head)
    return any(c.lower_ in {"just", "only", "merely", "simply"} for h in heads for c in h.children) and any(
        c.dep_ == "neg" for h in heads for c in h.children
    )


def _never_did(tok: Token, inside: set[int]) -> bool:
    """ "she never sent the questions": the content's main verb, simple past, under "never"."""
    if tok.tag_ != "VBD" or tok.lemma_.lower() in lex.NEVER_NEUTRAL:
        return False
    if tok.head.i in inside and tok.head.i != tok.i and tok.dep_ != "ccomp":
        return False
    if not any(c.lower_ == "never" for c in tok.children):
        return False
    return any(c.dep_ == "nsubj" and c.pos_ in {"PRON", "PROPN"} and c.lower_ != "it" for c in tok.children)


def _doubt(doc: Doc, tokens: Sequence[Token], inside: set[int], cue: str) -> Found | None:
    """ "hard to believe", "questionable", "not convinced", rhetorical questions."""
    hit = _phrase(tokens, lex.DOUBT_PHRASES)
    if hit and not reported_by_other(hit[0], inside) and not _imperative(hit):
        return "doubt", hit
    for t in tokens:
        if t.lower_ in lex.DOUBT_WORDS and not negated(t) and not reported_by_other(t, inside):
            if t.lower_ in {"doubt", "doubts"} and (_certainty(doc, t) or t.dep_ == "compound"):
                continue
            return "doubt", [t]
    if cue in {"ask", "wonder", "question", "inquire", "enquire"}:
        return None
    return _rhetorical(doc, tokens, inside)


def _certainty(doc: Doc, tok: Token) -> bool:
    """ "no doubt that ...", "little doubt": certainty, not doubt."""
    before = doc[tok.i - 1].lower_ if tok.i > 0 else ""
    return before in {"no", "little"} or any(c.lower_ in {"no", "little"} for c in tok.children)


def _imperative(hit: list[Token]) -> bool:
    """ "Don't buy a single vote more": an order, not disbelief (the verb has no subject)."""
    verbs = [t for t in hit if t.lemma_.lower() == "buy"]
    return bool(verbs) and not any(c.dep_ == "nsubj" for v in verbs for c in v.children)


def _rhetorical(doc: Doc, tokens: Sequence[Token], inside: set[int]) -> Found | None:
    """A question said, not asked, that casts doubt: "Who really believes they ...?"."""
    if not any(t.text == "?" for t in tokens) and not any(
        doc[t.i + 1].text == "?" for t in tokens[-1:] if t.i + 1 < len(doc)
    ):
        return None  # the cheap test first: most contents hold no question
    for sent in {t.sent for t in tokens}:
        words = [t for t in sent if t.i in inside and not t.is_punct]
        if not words or not _is_question(sent):
            continue
        if words[0].lower_ not in _WH:
            continue
        lowers = {t.lower_ for t in words}
        if lowers & lex.RHETORICAL_MARKERS:
            return "doubt", words
    return None


def _is_question(sent) -> bool:
    """True when the sentence's last token, closing quotes and brackets aside, is "?"."""
    for t in reversed(sent):
        if t.is_quote or t.is_bracket or t.is_space:
            continue
        return t.text == "?"
    return False


def _criticism(doc: Doc, tokens: Sequence[Token], inside: set[int], cue: str) -> Found | None:
    """A negative judgement of an actor or an act: "inadequate", "irresponsible", "a disaster"."""
    for t in tokens:
        low = t.lower_
        if low not in lex.CRITICISM_WORDS and t.lemma_.lower() not in lex.CRITICISM_WORDS:
            continue
        if negated(t) or reported_by_other(t, inside) or hypothetical(t, inside):
            continue
        if t.dep_ == "compound" or (t.dep_ == "amod" and t.head.lemma_.lower() in lex.NEUTRAL_HEADS):
            continue
        if low in lex.PREDICATE_ONLY and t.dep_ not in _PREDICATE_DEPS:
            continue
        return "accuse", [t]
    for t in tokens:  # "the governor lied", "spread lies", "tried to deceive", "should have known"
        lemma = t.lemma_.lower()
        wrong = (t.pos_ == "VERB" and lemma in lex.WRONGDOING_VERBS) or t.lower_ in lex.LIE_NOUNS or _reproach(t)
        if wrong and not (negated(t) or reported_by_other(t, inside) or hypothetical(t, inside) or _first_person(t)):
            return "accuse", [c for c in t.children if c.dep_ == "aux" and c.i < t.i] + [t]
    return None


def _reproach(tok: Token) -> bool:
    """ "should have known", "ought to have acted": what someone failed to do, said of the past."""
    if tok.tag_ != "VBN":
        return False
    aux = [c.lower_ for c in tok.children if c.dep_ == "aux" and c.i < tok.i]
    return "have" in aux and bool(set(aux) & {"should", "ought"})


def _first_person(tok: Token) -> bool:
    """True when the verb's subject is "I" or "we" (a confession or a plan, not an accusation)."""
    return any(c.dep_ == "nsubj" and c.lower_ in {"i", "we"} for c in tok.children)


_FINDERS: tuple[Callable[[Doc, Sequence[Token], set[int], str], Found | None], ...] = (
    _denial,
    _doubt,
    _criticism,
)
