"""Toponym recognition: which spans of the body name places.

Three sources, in order of trust: spaCy's GPE/LOC entities (FAC only when the gazetteer knows the name), the
entity layer's GPE/LOC mentions (it adds country names spaCy left untagged), and proper-noun runs spaCy missed
that the gazetteer knows as a country, a first-level division, a continent or a large city. Spans like
"Springfield, Illinois" are split at the comma, and the part after a comma is kept as the container of the part
before it, which the resolver uses ("Paris, Texas").
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from claimgraph.places.gazetteer import Gazetteer

PLACE_LABELS = frozenset({"GPE", "LOC"})
OTHER_LABELS = frozenset({"PERSON", "ORG", "NORP", "WORK_OF_ART", "EVENT", "PRODUCT", "LAW", "LANGUAGE"})
# Words that end an administrative name inside an organisation's name: "Rapides Parish Sheriff's Office".
ADMIN_SUFFIXES = frozenset({"county", "parish", "province", "oblast", "governorate", "prefecture", "district"})
SCAN_MIN_POPULATION = 100_000  # proper nouns spaCy did not tag become places only if this notable
MAX_RUN = 4

_LEADING = re.compile(r"^(?:the|The|THE)\s+")
_TRAILING = re.compile(r"(?:['’]s|['’]|[.,;:!?\-–—\"”)]+)$")
_COMMA_GAP = re.compile(r",[ \t]*")


@dataclass(slots=True)
class Toponym:
    """A place mention before resolution; ``container`` is the index of the toponym after "X, "."""

    start: int
    end: int
    text: str
    source: str  # spacy | entity | gazetteer
    container: int | None = None


def trim(body: str, start: int, end: int) -> tuple[int, int]:
    """Cut a leading "the", a possessive and trailing punctuation off a span, keeping abbreviations ("U.S.")."""
    text = body[start:end]
    lead = _LEADING.match(text)
    if lead:
        start += lead.end()
    while end > start:
        text = body[start:end]
        m = _TRAILING.search(text)
        if not m or (text.endswith(".") and _is_abbreviation(text)):
            break
        end -= len(m.group(0))
    while end > start and body[end - 1].isspace():
        end -= 1
    return start, end


def _is_abbreviation(text: str) -> bool:
    """ "U.S." or "Calif.": a final full stop that belongs to the word."""
    last = text.rsplit(" ", 1)[-1]
    return last.count(".") >= 2 or (len(last) <= 6 and last[:1].isupper() and last[:-1].isalpha())


def split_commas(body: str, start: int, end: int) -> list[tuple[int, int]]:
    """ "Springfield, Illinois" -> the two parts; spans without a comma come back whole."""
    parts = []
    cursor = start
    for m in _COMMA_GAP.finditer(body, start, end):
        parts.append((cursor, m.start()))
        cursor = m.end()
    parts.append((cursor, end))
    return [(s, e) for s, e in (trim(body, s, e) for s, e in parts) if e > s]


def recognise(doc, entities, gazetteer: Gazetteer) -> list[Toponym]:
    """All place mentions of the Doc, in body order, non-overlapping, containers linked."""
    body = doc.text
    spans: list[tuple[int, int, str]] = []
    for ent in doc.ents:
        if ent.label_ in PLACE_LABELS or (ent.label_ == "FAC" and gazetteer.lookup(ent.text)):
            spans += [(s, e, "spacy") for s, e in split_commas(body, ent.start_char, ent.end_char)]
        elif ent.label_ == "ORG":
            spans += _admin_prefix(doc, ent, gazetteer)
    taken = _Taken(spans)
    for entity in entities:
        if entity.type not in PLACE_LABELS:
            continue
        for m in entity.mentions:
            if m.kind in ("name", "alias") and not taken.overlaps(m.start, m.end):
                s, e = trim(body, m.start, m.end)
                if e > s:
                    spans.append((s, e, "entity"))
                    taken.add(s, e)
    blocked = [(ent.start_char, ent.end_char) for ent in doc.ents if ent.label_ in OTHER_LABELS]
    for s, e in _gazetteer_runs(doc, gazetteer):
        if not taken.overlaps(s, e) and not any(bs < e and s < be for bs, be in blocked):
            spans.append((s, e, "gazetteer"))
            taken.add(s, e)
    spans.sort()
    toponyms = [Toponym(s, e, body[s:e], src) for s, e, src in _drop_overlaps(spans)]
    _link_containers(body, toponyms)
    return toponyms


def _admin_prefix(doc, ent, gazetteer: Gazetteer) -> list[tuple[int, int, str]]:
    """The "X County" / "X Parish" that starts an organisation name, when the gazetteer knows it."""
    for i, tok in enumerate(ent):
        if i and tok.lower_ in ADMIN_SUFFIXES:
            span = ent[: i + 1]
            if gazetteer.lookup(span.text):
                return [(span.start_char, span.end_char, "spacy")]
            return []
    return []


def _gazetteer_runs(doc, gazetteer: Gazetteer):
    """Proper-noun runs (longest first) that name a country, division, continent or a large city."""
    i = 0
    n = len(doc)
    while i < n:
        tok = doc[i]
        if tok.pos_ != "PROPN" or not tok.text[:1].isupper():
            i += 1
            continue
        j = i
        while j < n and j - i < MAX_RUN and doc[j].pos_ == "PROPN" and doc[j].text[:1].isupper():
            j += 1
        for k in range(j, i, -1):
            span = doc[i:k]
            if _notable(gazetteer, span.text):
                yield span.start_char, span.end_char
                i = k
                break
        else:
            i = j


def _notable(gazetteer: Gazetteer, text: str) -> bool:
    """A name worth tagging although spaCy did not: an admin region, country, continent or big city."""
    if len(text) < 3 or text.isupper():
        return False
    for r in gazetteer.lookup(text):
        code = gazetteer.fcode_table[gazetteer.fcode[r]]
        big = code in ("PCLI", "ADM1", "CONT") or gazetteer.population[r] >= SCAN_MIN_POPULATION
        if big and gazetteer.name(r).casefold() == text.casefold():
            return True
    return False


class _Taken:
    """The character ranges already claimed by a toponym."""

    def __init__(self, spans: list[tuple[int, int, str]]) -> None:
        self.ranges = [(s, e) for s, e, _ in spans]

    def overlaps(self, start: int, end: int) -> bool:
        return any(s < end and start < e for s, e in self.ranges)

    def add(self, start: int, end: int) -> None:
        self.ranges.append((start, end))


def _drop_overlaps(spans: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    """Sorted spans with any span overlapping an earlier kept one removed."""
    kept: list[tuple[int, int, str]] = []
    for s, e, src in spans:
        if kept and s < kept[-1][1]:
            continue
        kept.append((s, e, src))
    return kept


def _link_containers(body: str, toponyms: list[Toponym]) -> None:
    """Point each "X" of "X, Y" at Y (same line, only a comma and spaces between)."""
    for i in range(len(toponyms) - 1):
        gap = body[toponyms[i].end : toponyms[i + 1].start]
        if _COMMA_GAP.fullmatch(gap):
            toponyms[i].container = i + 1
