"""Headings are not people: a PERSON span in a title-case or heading line made of ordinary words.

Why: the tagger reads capitals as names, and headings capitalise every word ("Space Heater",
"Rug Yank Phase", "What About Proof?"). A span there is kept as a person only when none of its
words is an ordinary word of the same text (written in lower case elsewhere, or a plural noun),
or when the name also appears in running text.
"""

from __future__ import annotations

HEADING_WORDS = 8  # a line of at most this many words, without a final full stop, is heading-like


def _line(text: str, pos: int) -> tuple[int, int]:
    start = text.rfind("\n", 0, pos) + 1
    end = text.find("\n", pos)
    return start, len(text) if end < 0 else end


def heading_line(text: str, pos: int) -> bool:
    """The line holding ``pos`` is short and does not end like a sentence."""
    s, e = _line(text, pos)
    line = text[s:e].strip()
    return len(line.split()) <= HEADING_WORDS and not line.endswith((".", '"', "”"))


def lower_words(doc) -> frozenset[str]:
    """Words the text also writes in lower case (ordinary words, not names)."""
    return frozenset(t.text for t in doc if t.is_alpha and t.text.islower() and len(t.text) > 2)


def in_running_text(doc, text: str, words: list[str], skip: tuple[int, int]) -> bool:
    """Some word of the name appears capitalised in a line that is not a heading (outside ``skip``)."""
    wanted = {w for w in words if w[:1].isupper()}
    outside = (t for t in doc if t.text in wanted and not skip[0] <= t.idx < skip[1])
    return any(not heading_line(text, t.idx) for t in outside)


def heading_person(doc, text: str, start: int, end: int, common: frozenset[str]) -> bool:
    """Is the PERSON span ``doc[start:end]`` an ordinary heading phrase rather than a name?"""
    span = doc[start:end]
    if not heading_line(text, span[0].idx):
        return False
    toks = [t for t in span if t.is_alpha]
    if not any(t.lower_ in common or t.tag_ == "NNS" for t in toks):
        return False
    return not in_running_text(doc, text, [t.text for t in toks], _line(text, span[0].idx))
