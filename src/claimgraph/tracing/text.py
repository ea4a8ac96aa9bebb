"""Words of a claim as tracing compares them: normalised tokens, content words, numbers and negation.

Two outlets print the same claim with different quote marks, capitals, thousands separators and "that"s;
these helpers make such differences vanish before anything is compared, while keeping what changes the
meaning (a number, a "not") visible.
"""

from __future__ import annotations

import re
from functools import lru_cache

from spacy.lang.en.stop_words import STOP_WORDS

_TOKEN = re.compile(r"\w+(?:[’'.,]\w+)*")
_NUMBER = re.compile(r"^\d[\d,.]*$")
_APOSTROPHES = str.maketrans({"’": "'", "‘": "'", "`": "'"})
NEGATIONS = frozenset({"not", "no", "never", "none", "nobody", "nothing", "neither", "nor", "cannot", "nowhere"})
# Function words spaCy lists that carry meaning a claim turns on: kept as content.
_KEEP = NEGATIONS | {"all", "most", "more", "less", "few", "many", "only", "first", "last", "against", "without"}
_STOP = frozenset(w for w in STOP_WORDS if w not in _KEEP) | {"'s", "s", "said", "says", "say", "told", "according"}


def tokens(text: str) -> tuple[str, ...]:
    """Lower-cased word tokens in order ("70,000" and "O'Malley" stay whole; curly apostrophes straightened)."""
    return tuple(t.lower() for t in _TOKEN.findall(text.translate(_APOSTROPHES)))


def is_number(token: str) -> bool:
    return bool(_NUMBER.match(token))


def is_negation(token: str) -> bool:
    return token in NEGATIONS or token.endswith("n't")


def stem(token: str) -> str:
    """A very light stem so that plural and possessive forms of one noun meet ("militants'" = "militant")."""
    if token.endswith("'s"):
        token = token[:-2]
    if len(token) > 4 and token.endswith("s") and not token.endswith("ss"):
        token = token[:-1]
    return token


@lru_cache(maxsize=200_000)
def content_form(token: str) -> str | None:
    """The form a token takes among a claim's content words, or None when it is not one (cached: news
    vocabulary is small next to the number of sentences)."""
    if is_number(token):
        return None
    if is_negation(token):
        return "not"
    if token in _STOP or token.isdigit():
        return None
    return stem(token)


def content_words(toks: tuple[str, ...]) -> frozenset[str]:
    """The words that make a claim what it is: stop words and numbers out (numbers are compared as quantities,
    so that a changed number leaves the words alike), negations kept."""
    return frozenset(f for f in map(content_form, toks) if f is not None)


def meaning_words(toks: tuple[str, ...]) -> list[str]:
    """The words whose vectors make a claim's meaning vector (content words, numbers left out)."""
    return [t for t in toks if len(t) > 1 and content_form(t) is not None]


def strip_leading(toks: tuple[str, ...]) -> tuple[str, ...]:
    """Drop the complementiser an indirect quote starts with ("said that X" and "X, he said" share X)."""
    i = 0
    while i < len(toks) and toks[i] in ("that", "and", "but"):
        i += 1
    return toks[i:]


def negation_words(toks: tuple[str, ...]) -> list[str]:
    return [t for t in toks if is_negation(t)]


def contiguous_in(short: tuple[str, ...], long: tuple[str, ...]) -> bool:
    """True when ``short`` is one unbroken run of ``long`` (a head or tail cut off, nothing rewritten)."""
    n = len(short)
    return any(long[i : i + n] == short for i in range(len(long) - n + 1)) if n else False


def ordered_subsequence(short: tuple[str, ...], long: tuple[str, ...]) -> bool:
    """True when every token of ``short`` occurs in ``long`` in the same order (a cut, not a rewrite)."""
    it = iter(long)
    return all(any(t == u for u in it) for t in short)
