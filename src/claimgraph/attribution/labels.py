"""Is a "Label: text" line a quotation? Only when the label is a speaker and the text reads as speech.

Why: web pages are full of lines that start with a capitalised label and a colon ("Action step:
...", "Conclusion: ...", "Flashback: ...", "On The Basis Of Service: ..."), and read as headline
quotes they give the label, or a name near it, words nobody said. A headline quote ("Senator X:
the bank must go") has a named source, and an interview transcript ("Q: ... A: ...", "SMITH: ...
JONES: ...") has speaker labels that recur line after line; the text of either says something
(a finite verb, a predicate, a quotation), a list or a title does not.
"""

from __future__ import annotations

import re

from .cues import SEED_NOUNS

# a line-initial label of one to four capitalised words, then a colon: the shape of a transcript's speaker
_LABEL_LINE = re.compile(r"^[ \t]*([A-Z][A-Za-z.'’\-]*(?:[ \t]+[A-Z][A-Za-z.'’\-]*){0,3})[ \t]*:(?=\s)", re.MULTILINE)
SPEAKER_TYPES = {"PERSON", "ORG", "NORP"}
FINITE_TAGS = {"VBZ", "VBD", "VBP", "MD"}
QUOTE_MARKS = {'"', "“", "”", "'", "‘"}
_SENTENCE_ENDS = (".", "?", "!", "…", '"', "”", ")", "’")


def transcript_labels(text: str) -> frozenset[str]:
    """Labels (lower case) of an interview transcript: two or more labels that each start two or more turns.

    One label repeated ("Action step: ...") is a list, not a conversation; a turn is a line of at least
    four words ending like a sentence, so a form ("Date: Sunday, March 9", "Place: ...") is no transcript.
    """
    counts: dict[str, int] = {}
    for m in _LABEL_LINE.finditer(text):
        end = text.find("\n", m.end())
        line = text[m.end() : len(text) if end < 0 else end].strip()
        if len(line.split()) >= 4 and line.endswith(_SENTENCE_ENDS):
            key = _key(m.group(1))
            counts[key] = counts.get(key, 0) + 1
    recurring = {k for k, n in counts.items() if n >= 2}
    return frozenset(recurring) if len(recurring) >= 2 else frozenset()


def title_case(doc, ids: list[int]) -> bool:
    """A heading, not a turn: most longer words capitalised ("Healing Shame Around Old Habits")."""
    long = [doc[i] for i in ids if doc[i].is_alpha and len(doc[i]) > 3]
    return len(long) >= 3 and sum(t.text[:1].isupper() for t in long) > 0.7 * len(long)


def _key(label: str) -> str:
    return " ".join(label.lower().split())


def lower_words(doc) -> frozenset[str]:
    """Words the text also writes in lower case: ordinary words, whatever a capital at a line start suggests."""
    return frozenset(t.lower_ for t in doc if t.is_alpha and t.text.islower() and len(t.text) > 2)


def label_words(left: list) -> list:
    """The label's words before a preposition: "Watchdog to Ministry:" is the watchdog speaking."""
    words = []
    for t in left:
        if t.pos_ == "ADP" and words:
            break
        words.append(t)
    return words


def _named(tok, common: frozenset[str]) -> bool:
    return tok.ent_type_ in SPEAKER_TYPES and tok.is_alpha and tok.lower_ not in common


def named_label(left: list, common: frozenset[str]) -> bool:
    """The label is a speaker: its head word names a person, organisation or group, not an ordinary word.

    A cue noun owned by a named speaker speaks for it ("Democrats' new warning:"); a noun merely
    modified by a name does not ("EDITOR'S NOTE:", "Acme oysters and prices:").
    """
    words = label_words(left)
    if any(t.text in {":", ",", ";"} for t in words):
        return False
    ids = {t.i for t in words}
    roots = [t for t in words if t.head.i not in ids or t.head.i == t.i] or words[-1:]
    root = roots[-1]
    if _named(root, common):
        return True
    owners = [c for c in root.children if c.dep_ == "poss" and c.i in ids]
    return root.lemma_.lower() in SEED_NOUNS and any(_named(c, common) for c in owners)


def reads_as_speech(doc, ids: list[int]) -> bool:
    """The text says something: a finite verb, a clause-heading verb, a predicate after its noun, or a quotation."""
    for i in ids:
        t = doc[i]
        if t.tag_ in FINITE_TAGS or t.text in QUOTE_MARKS:
            return True
        if t.dep_ == "ROOT" and t.pos_ in {"VERB", "AUX", "ADJ"}:
            return True
        if t.tag_ in {"VBN", "JJ"} and t.head.i < t.i and t.head.pos_ in {"NOUN", "PROPN"} and t.dep_ != "amod":
            return True  # "Clinton's server unprotected": a telegraphic predicate
    return False


def in_transcript(doc, left: list, transcript: frozenset[str]) -> bool:
    """The label is one of the recurring speaker labels of a transcript (``transcript_labels``)."""
    return bool(transcript) and _key(doc[left[0].i : left[-1].i + 1].text) in transcript


def label_speaks(doc, left: list, right: list[int], common: frozenset[str]) -> bool:
    """Outside a transcript, a "Label: text" line quotes only a named speaker saying something."""
    return reads_as_speech(doc, right) and named_label(left, common)
