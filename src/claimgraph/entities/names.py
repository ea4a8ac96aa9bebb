"""Name mentions: cleaning spaCy's entity spans and deciding when two names are one entity.

spaCy's small model makes predictable boundary errors: it folds titles ("President"), a
possessive "'s", a leading "the", quotes, line breaks and weekday names into entity spans, and
tags odd lower-case words. ``trim_name`` cuts a span back to the name proper and returns the
cut-off titles so they can become roles. The ``*_match`` functions compare normalised word
lists: a surname matches the full name that ends with it, a full name matches a surname-only
entity seen earlier, acronyms match initials, and known variant groups match each other.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from .countries import demonym_country, normalise
from .lexicon import (
    CALENDAR_WORDS,
    FIRST_SECOND_PERSON,
    HONORIFICS,
    NAME_SUFFIXES,
    ORG_GENERIC_HEADS,
    ORG_GENERIC_SUFFIXES,
    ORG_VARIANT_GROUPS,
    PRONOUNS,
    ROLE_NOUNS,
    TITLE_ABBREVIATIONS,
    TITLE_QUALIFIERS,
    words,
)

# Lower-case particles that belong inside names ("Bashar al-Assad", "Ursula von der Leyen").
NAME_PARTICLES = words("al el ad as bin ibn bint abu de da del della di du dos das van von der den le la ul ben")
_ARTICLE_PREFIX = re.compile(r"^(?:al|el|ad|as|ash|at|an)-", re.I)
ACRONYM_STOPWORDS = frozenset({"of", "and", "the", "for", "&", "in", "on", "de"})


@dataclass(slots=True)
class NameSpan:
    """A cleaned name: token range [start, end) plus what was cut off the front."""

    start: int
    end: int
    titles: list[str] = field(default_factory=list)
    gender: str | None = None
    country: str | None = None


def _bare(tok_text: str) -> str:
    return tok_text.lower().replace("’", "'").rstrip(".")


def is_title_word(text: str) -> bool:
    """True for honorifics, abbreviated titles and capitalised role nouns used as titles."""
    bare = _bare(text)
    return bare in HONORIFICS or bare in TITLE_ABBREVIATIONS or bare in ROLE_NOUNS


def is_name_prefix(text: str) -> bool:
    """A word to drop before a name when comparing names across articles: a title or a title's qualifier."""
    return is_title_word(text) or _bare(text) in TITLE_QUALIFIERS


def title_role(text: str) -> str | None:
    """The role a title word stands for ("Gen." -> "General"); honorifics carry no role."""
    bare = _bare(text)
    if bare in HONORIFICS and bare not in TITLE_ABBREVIATIONS:
        return None
    if bare in TITLE_ABBREVIATIONS and text.endswith(".") or bare in TITLE_ABBREVIATIONS and bare not in ROLE_NOUNS:
        return TITLE_ABBREVIATIONS[bare]
    return text


def _first_line(doc, start: int, end: int) -> tuple[int, int]:
    """Cut a span at a line break, keeping the first part that has a capitalised word."""
    parts: list[tuple[int, int]] = []
    s = start
    for i in range(start, end):
        if "\n" in doc[i].text or "\n" in doc[i].whitespace_:
            stop = i if "\n" in doc[i].text else i + 1
            if stop > s:
                parts.append((s, stop))
            s = i + 1
    if end > s:
        parts.append((s, end))
    for a, b in parts:
        if any(doc[k].text[:1].isupper() for k in range(a, b)):
            return a, b
    return start, start


def _trim_front(doc, out: NameSpan, person: bool) -> None:
    """Drop leading punctuation, articles and a possessive; for people, titles (kept as roles) and demonyms."""
    while out.start < out.end:
        t = doc[out.start]
        bare = _bare(t.text)
        if t.is_punct or t.is_space or t.lower_ in ("the", "a", "an") or bare in ("'s", "'"):
            out.start += 1
        elif person and out.end - out.start > 1 and is_title_word(t.text):
            role = title_role(t.text)
            if role:
                out.titles.append(role)
            out.gender = out.gender or HONORIFICS.get(bare)
            out.start += 1
        elif person and out.end - out.start > 1 and demonym_country(t.text):
            out.country = demonym_country(t.text)
            out.start += 1
        else:
            break


def _cut_at_last_title(doc, out: NameSpan) -> None:
    """ "Foreign Minister Sergei Lavrov" tagged as one PERSON: the name starts after the last title word."""
    for k in range(out.end - 2, out.start - 1, -1):
        if is_title_word(doc[k].text) and doc[k].text[:1].isupper():
            out.titles.append(" ".join(doc[j].text for j in range(out.start, k + 1)))
            out.start = k + 1
            break


def _trim_back(doc, out: NameSpan) -> None:
    """Drop trailing punctuation, a possessive, weekday/month words and lower-case words that are no particle."""
    while out.end > out.start:
        t = doc[out.end - 1]
        low = t.lower_
        if (
            t.is_punct
            or t.is_space
            or low.replace("’", "'") in ("'s", "'")
            or low in CALENDAR_WORDS
            or (t.text[:1].islower() and low not in NAME_PARTICLES)
        ):
            out.end -= 1
        else:
            break


def _looks_like_name(doc, out: NameSpan, person: bool) -> bool:
    """Something capitalised is left, not a pronoun or calendar word; a person's name has no digits."""
    if out.start >= out.end:
        return False
    text = doc[out.start : out.end].text
    words = [doc[k].text for k in range(out.start, out.end)]
    if not any(w[:1].isupper() for w in words) or len(text) < 2:
        return False
    low = text.lower()
    if low in PRONOUNS or low in FIRST_SECOND_PERSON or low in CALENDAR_WORDS:
        return False
    return not (person and (any(ch.isdigit() for ch in text) or all(is_title_word(w) for w in words)))


def trim_name(doc, start: int, end: int, label: str) -> NameSpan | None:
    """Cut an entity span back to the name; None when nothing name-like is left."""
    start, end = _first_line(doc, start, end)
    for k in range(start + 1, end):  # "Federal Bureau of Investigation (FBI)": the bracket is an alias;
        if doc[k].text in {"(", "/"}:  # "Jane Roe / Daily Post": a byline's outlet after the slash
            end = k
            break
    out = NameSpan(start, end)
    person = label == "PERSON"
    _trim_front(doc, out, person)
    if person:
        _cut_at_last_title(doc, out)
    _trim_back(doc, out)
    return out if _looks_like_name(doc, out, person) else None


def name_words(text: str) -> list[str]:
    """Normalised words of a name, without suffixes like "Jr." ("Bashar al-Assad" -> [bashar, al-assad])."""
    words = [w.strip(".,") for w in normalise(text).split()]
    return [w for w in words if w and w not in NAME_SUFFIXES]


def surname_forms(word: str) -> set[str]:
    """A surname with and without an Arabic article prefix ("al-assad" -> {al-assad, assad})."""
    return {word, _ARTICLE_PREFIX.sub("", word)}


def person_match(new: list[str], known: list[str]) -> int:
    """How well a person name matches a known one: 2 sure, 1 first-name only, 0 no.

    A single word matches the known surname; a full name matches a known surname-only entity;
    two full names match when surname and first name agree (middle names may differ).
    """
    if not new or not known:
        return 0
    if new == known:
        return 2
    new_last, known_last = surname_forms(new[-1]), surname_forms(known[-1])
    if len(new) == 1 and len(known) > 1:
        if new_last & known_last:
            return 2
        return 1 if new[0] == known[0] else 0
    if len(known) == 1 and len(new) > 1:
        if new_last & known_last:
            return 2
        return 1 if new[0] == known[0] else 0
    if new_last & known_last:
        return 2 if new[0] == known[0] or new[0][:1] == known[0][:1] and len(new[0]) <= 2 else 0
    return 0


def acronym(text: str) -> str:
    """Initials of the capitalised words, skipping function words ("Islamic State of Iraq and Syria" -> ISIS)."""
    words = [w for w in re.split(r"[\s\-]+", text.replace("’", "'")) if w]
    return "".join(w[0].upper() for w in words if w.lower() not in ACRONYM_STOPWORDS and w[:1].isalpha())


def compact_upper(text: str) -> str:
    """An acronym-looking string without dots and spaces ("U.N." -> "UN"), or "" if it is not one."""
    c = re.sub(r"[.\s]", "", text)
    return c if len(c) >= 2 and c.isupper() and c.isalpha() else ""


def is_acronym(short: str, name: str) -> bool:
    """True when ``short`` spells the initials of ``name`` ("U.S." / "United States", "NATO" / "North Atlantic ...")."""
    letters = compact_upper(short)
    return bool(letters) and letters == acronym(name)


def org_key(text: str) -> str:
    """Normalised organisation name without a generic trailing word ("Islamic State group" -> "islamic state")."""
    words = normalise(text).split()
    while len(words) > 1 and words[-1] in ORG_GENERIC_SUFFIXES:
        words.pop()
    return " ".join(words)


def variant_group(key: str) -> int | None:
    """Index of the known variant group containing ``key`` (e.g. ISIS / Islamic State), if any."""
    for i, group in enumerate(ORG_VARIANT_GROUPS):
        if key in group:
            return i
    return None


def org_match(new: str, known_forms: set[str]) -> bool:
    """True when an organisation name is a form, acronym, variant or distinctive short form of a known one."""
    key = org_key(new)
    if key in known_forms:
        return True
    group = variant_group(key)
    if group is not None and any(variant_group(f) == group for f in known_forms):
        return True
    new_acr = compact_upper(new)
    new_words = key.split()
    for form in known_forms:
        words = form.split()
        if new_acr and len(words) > 1 and acronym(form) == new_acr:
            return True
        if len(words) == 1 and len(new_words) > 1 and acronym(key) == form.replace(".", "").upper():
            return True
        if _short_form(new_words, words) or _short_form(words, new_words):
            return True
    return False


def _short_form(short: list[str], full: list[str]) -> bool:
    """A distinctive last word standing for a longer organisation name ("Times" for "New York Times")."""
    return len(short) == 1 and len(full) > 1 and full[-1] == short[0] and short[0] not in ORG_GENERIC_HEADS
