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

from claimgraph.entities.countries import country_code, demonym_country
from claimgraph.nlp.arrays import doc_text
from claimgraph.places.features import GENERIC_SUFFIXES
from claimgraph.places.gazetteer import Gazetteer
from claimgraph.places.orgs import bare, org_names

PLACE_LABELS = frozenset({"GPE", "LOC"})
OTHER_LABELS = frozenset({"PERSON", "ORG", "NORP", "WORK_OF_ART", "EVENT", "PRODUCT", "LAW", "LANGUAGE"})
# Words that end an administrative name inside an organisation's name: "Rapides Parish Sheriff's Office".
ADMIN_SUFFIXES = frozenset({"county", "parish", "province", "oblast", "governorate", "prefecture", "district"})
SCAN_MIN_POPULATION = 100_000  # proper nouns spaCy did not tag become places only if this notable
MISTAG_MIN_POPULATION = 10_000  # an "organisation" whose whole name is a town at least this big is the town
DIRECTION_WORDS = frozenset(
    {
        "north",
        "south",
        "east",
        "west",
        "northeast",
        "northwest",
        "southeast",
        "southwest",
        "northern",
        "southern",
        "eastern",
        "western",
        "central",
        "greater",
        "downtown",
        "upstate",
        "northeastern",
        "northwestern",
        "southeastern",
        "southwestern",
        "united",
    }
)
GENERIC_WORDS = DIRECTION_WORDS | {"gulf", "delta", "earth", "metro", "city", "county", "state", "uptown", "midtown"}
LOCATIVE_PREPS = frozenset(
    {
        "in",
        "at",
        "from",
        "near",
        "outside",
        "inside",
        "across",
        "around",
        "into",
        "toward",
        "towards",
        "through",
        "throughout",
        "within",
        "to",
        "between",
    }
)

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
    body = doc_text(doc)
    ents = list(doc.ents)  # Doc.ents rebuilds its spans on every access
    person_last = {e[-1].text for e in ents if e.label_ == "PERSON" and len(e) > 1}
    organisations = org_names(doc, ents, entities)
    spans: list[tuple[int, int, str]] = []
    for ent in ents:
        if ent.label_ in PLACE_LABELS or (
            ent.label_ == "FAC" and gazetteer.lookup(ent.text) and bare(ent.text) not in organisations
        ):
            spans += [(s, e, "spacy") for s, e in split_commas(body, ent.start_char, ent.end_char)]
        elif ent.label_ == "ORG":
            prefix = _admin_prefix(doc, ent, gazetteer)
            spans += prefix + [sp for sp in _embedded(body, ent, gazetteer) if not _overlaps_any(sp, prefix)]
        elif ent.label_ in (OTHER_LABELS - {"PERSON"}) | {"FAC", "DATE", "TIME", "CARDINAL"}:
            spans += _embedded(body, ent, gazetteer)
    taken = _Taken(spans)
    for s, e in [*_comma_pairs(doc, gazetteer), *_datelines(doc, gazetteer)]:
        if not taken.overlaps(s, e):
            spans.append((s, e, "pair"))
            taken.add(s, e)
    for ent in ents:
        if ent.label_ in PLACE_LABELS or taken.overlaps(ent.start_char, ent.end_char):
            continue
        s, e = trim(body, ent.start_char, ent.end_char)
        if e > s and (
            _demonym(ent, body[s:e]) or _mistagged_place(doc, ent, body[s:e], gazetteer, person_last, organisations)
        ):
            spans.append((s, e, "mistagged"))
            taken.add(s, e)
        elif e > s and "-" in body[s:e]:
            for ps, pe in _hyphen_parts(body, s, e, gazetteer):
                spans.append((ps, pe, "hyphenated"))
                taken.add(ps, pe)
    for entity in entities:
        if entity.type not in PLACE_LABELS:
            continue
        for m in entity.mentions:
            if m.kind in ("name", "alias") and not taken.overlaps(m.start, m.end):
                s, e = trim(body, m.start, m.end)
                if e > s:
                    spans.append((s, e, "entity"))
                    taken.add(s, e)
    for s, e in _untagged_countries(doc):
        if not taken.overlaps(s, e):
            spans.append((s, e, "country"))
            taken.add(s, e)
    blocked = _Taken([(ent.start_char, ent.end_char, "") for ent in ents if ent.label_ in OTHER_LABELS])
    for s, e in _gazetteer_runs(doc, gazetteer):
        if not taken.overlaps(s, e) and not blocked.overlaps(s, e):
            spans.append((s, e, "gazetteer"))
            taken.add(s, e)
    spans = [part for s, e, src in spans for part in _split_connected(body, s, e, src, gazetteer)]
    spans = [_extend(body, s, e, src, gazetteer) for s, e, src in spans]
    spans = [_narrow(body, s, e, src, gazetteer) for s, e, src in spans]
    spans.sort()
    toponyms = [Toponym(s, e, body[s:e], src) for s, e, src in _drop_overlaps(spans)]
    _link_containers(body, toponyms)
    return _drop_non_places(toponyms, _surnames(ents, entities, gazetteer))


def _surnames(ents, entities, gazetteer: Gazetteer) -> set[str]:
    """Last words of the article's multi-word person names ("Lincoln" after "Abraham Lincoln").

    A country or first-level division is never taken for a surname ("Rethinking Egypt" mistagged as a person
    must not hide every "Egypt")."""
    names = {e.name for e in entities if e.type == "PERSON"}
    names |= {ent.text for ent in ents if ent.label_ == "PERSON"}
    last = {n.split()[-1] for n in names if len(n.split()) > 1}
    return {w for w in last if not (country_code(w) or _is_region(gazetteer, w))}


def _drop_non_places(toponyms: list[Toponym], surnames: set[str]) -> list[Toponym]:
    """Single words that are a person's surname here, or a bare compass/generic word ("Central", "Gulf"), are
    not places unless a comma ties them to one ("Lincoln, Neb."). Container links are renumbered."""
    tied = {t.container for t in toponyms if t.container is not None}
    keep = []
    for i, t in enumerate(toponyms):
        single = " " not in t.text
        bare = single and (t.text in surnames or t.text.lower() in GENERIC_WORDS)
        keep.append(not bare or t.container is not None or i in tied)
    new_index = {old: new for new, old in enumerate(i for i, k in enumerate(keep) if k)}
    out = []
    for i, t in enumerate(toponyms):
        if keep[i]:
            t.container = new_index.get(t.container) if t.container is not None else None
            out.append(t)
    return out


def _hyphen_parts(body: str, start: int, end: int, gazetteer: Gazetteer) -> list[tuple[int, int]]:
    """ "Fargo-Moorhead", "Russian-American", "Springfield-Greene County ...": the parts of a hyphenated name
    that are a nationality word, a country, a first-level division or a town of >= MISTAG_MIN_POPULATION."""
    parts = []
    for m in re.finditer(r"[A-Z][\w.']*(?: [A-Z][\w.']*)*", body[start:end]):
        text = m.group(0)
        if demonym_country(text) or country_code(text) or _is_region(gazetteer, text, MISTAG_MIN_POPULATION):
            parts.append((start + m.start(), start + m.end()))
    return parts if len(parts) < 4 else []


def _demonym(ent, text: str) -> bool:
    """ "Russian", "Georgians": a nationality word names its country (LGL and GeoWebNews count these)."""
    return ent.label_ == "NORP" and demonym_country(text) is not None


def _mistagged_place(doc, ent, text: str, gazetteer: Gazetteer, person_last: set[str], organisations: set[str]) -> bool:
    """An ORG/PERSON/other span spaCy's small model tagged wrongly that is in fact a place.

    Taken when it names a country ("U.S." as ORG), when an organisation's whole name is a country, first-level
    division, continent or a town of >= MISTAG_MIN_POPULATION, or when any such span follows a locative
    preposition ("in Gainesville") and the gazetteer knows it. An organisation's context ("Toyota said", "the
    White House") vetoes a town, never a country or region (places/orgs.py).
    """
    if ent.label_ not in ("ORG", "PERSON", "WORK_OF_ART", "FAC", "PRODUCT", "EVENT"):
        return False
    if country_code(text) and (ent.label_ == "ORG" or not text.isupper()):
        return True
    rows = gazetteer.lookup(text)
    if not rows:
        return False
    exact = [r for r in rows if gazetteer.name(r).casefold() == text.casefold()]
    codes = {gazetteer.fcode_table[gazetteer.fcode[r]] for r in exact}
    if codes & {"PCLI", "ADM1", "CONT"}:
        return True
    if ent.label_ in ("ORG", "FAC") and text in organisations:
        return False
    big = any(gazetteer.population[r] >= MISTAG_MIN_POPULATION for r in exact)
    if ent.label_ == "ORG" and big:
        return True
    if ent.label_ == "PERSON" and big and len(ent) == 1 and ent.text not in person_last:
        return True
    before = doc[ent.start - 1] if ent.start > 0 else None
    return before is not None and before.lower_ in LOCATIVE_PREPS and bool(exact)


def _datelines(doc, gazetteer: Gazetteer):
    """ "COLUMBUS, Ohio --" or "TORRINGTON --": an all-capitals name opening a line, that the gazetteer knows."""
    for tok in doc:
        if not (tok.i == 0 or "\n" in doc[tok.i - 1].text_with_ws) or not tok.is_upper or not tok.is_alpha:
            continue
        j = tok.i
        while j < len(doc) and j - tok.i < MAX_RUN and doc[j].is_upper and doc[j].is_alpha:
            j += 1
        follower = doc[j].text if j < len(doc) else ""
        span = doc[tok.i : j]
        if follower in (",", "-", "--", "—", "–", "(") and len(span.text) > 2 and gazetteer.lookup(span.text):
            yield span.start_char, span.end_char


def _comma_pairs(doc, gazetteer: Gazetteer):
    """ "Gainesville, Ga.", "COLUMBUS, Ohio", "Paris, France": a name, a comma, and a division or country
    that the gazetteer says holds a place of that name; both parts are places, whatever spaCy tagged."""
    for comma in doc:
        if comma.text != "," or comma.i == 0 or comma.i + 1 >= len(doc):
            continue
        left = _capital_run(doc, comma.i - 1, -1)
        right = _capital_run(doc, comma.i + 1, 1)
        if left is None or right is None:
            continue
        holders = [r for r in gazetteer.lookup(right.text) if _is_holder(gazetteer, r)]
        if holders and any(_inside(gazetteer, r, holders) for r in gazetteer.lookup(left.text)):
            yield left.start_char, left.end_char
            yield right.start_char, right.end_char


def _capital_run(doc, i: int, step: int):
    """The run of up to MAX_RUN capitalised tokens starting at token i going left (step -1) or right (+1)."""
    j = i
    while 0 <= j < len(doc) and abs(j - i) < MAX_RUN and doc[j].text[:1].isupper() and doc[j].text != ",":
        j += step
    if j == i:
        return None
    lo, hi = (j + 1, i + 1) if step < 0 else (i, j)
    return doc[lo:hi]


def _is_holder(gazetteer: Gazetteer, row: int) -> bool:
    return gazetteer.fcode_table[gazetteer.fcode[row]] in ("PCLI", "ADM1")


def _inside(gazetteer: Gazetteer, row: int, holders: list[int]) -> bool:
    """Whether ``row`` lies in one of the countries / first-level divisions ``holders``."""
    for h in holders:
        if row == h or gazetteer.cc[row] != gazetteer.cc[h]:
            continue
        if gazetteer.fcode_table[gazetteer.fcode[h]] == "PCLI" or gazetteer.admin1[row] == gazetteer.admin1[h]:
            return True
    return False


def _narrow(body: str, start: int, end: int, source: str, gazetteer: Gazetteer) -> tuple[int, int, str]:
    """A span the gazetteer does not know, cut to a part it knows: "Northeast Georgia" -> "Georgia",
    "Henderson County Jail" -> "Henderson County", "Greer City Hall" -> "Greer", "West Virginia Democratic
    Party" -> "West Virginia". "Dublin City" (only a division of that name) -> "Dublin". Unchanged when no part
    is known, or when the last word is a generic division word the resolver strips itself ("Hamilton
    Township")."""
    text = body[start:end]
    if text.endswith(" City") and _city_of_division(gazetteer, text):
        return start, end - len(" City"), source
    if gazetteer.lookup(text) or country_code(text):
        return start, end, source
    words = list(re.finditer(r"\S+", text))
    if len(words) < 2:
        return start, end, source
    if words[0].group(0).lower() in DIRECTION_WORDS:
        rest = start + words[1].start()
        if gazetteer.lookup(body[rest:end]):
            return rest, end, source
    for k in range(len(words) - 1, 0, -1):
        if words[k - 1].group(0).lower() in ADMIN_SUFFIXES and gazetteer.lookup(text[: words[k - 1].end()]):
            return start, start + words[k - 1].end(), source
    if words[-1].group(0).lower() in STRIPPED_SUFFIXES:
        return start, end, source
    for k in range(len(words) - 1, 0, -1):
        head = text[: words[k - 1].end()]
        if words[k].group(0) != "of" and _known_head(gazetteer, head, words[:k]):
            return start, start + len(head), source
    return start, end, source


STRIPPED_SUFFIXES = frozenset(GENERIC_SUFFIXES) | {"township"}
# Words that begin many place names and are no place alone: a span is never narrowed to one of them.
HEAD_WORDS = frozenset(
    {
        "lake", "mount", "mt", "port", "fort", "ft", "bay", "river", "island", "isle", "cape", "gulf", "sea", "creek",
        "park", "lower", "upper", "new", "old", "saint", "st", "san", "santa", "el", "la", "los", "las", "le",
        "historic", "downtown",
    }
)  # fmt: skip
CONNECTORS = re.compile(r"\s+(?:to|for|and|or|from|in)\s+")  # not "of": "Port of Los Angeles" is one place


def _split_connected(body: str, start: int, end: int, source: str, gazetteer: Gazetteer):
    """ "Norman to D.C.", "the Soviet Union for America": an unknown span of known places joined by a lowercase
    connector is those places. Unchanged unless every part is known."""
    text = body[start:end]
    if not CONNECTORS.search(text) or gazetteer.lookup(text):
        return [(start, end, source)]
    parts, cursor = [], start
    for m in CONNECTORS.finditer(text):
        parts.append((cursor, start + m.start()))
        cursor = start + m.end()
    parts.append((cursor, end))
    parts = [trim(body, s, e) for s, e in parts]
    if all(e > s and _known_head(gazetteer, body[s:e], list(re.finditer(r"\S+", body[s:e]))) for s, e in parts):
        return [(s, e, source) for s, e in parts]
    return [(start, end, source)]


def _known_head(gazetteer: Gazetteer, head: str, words: list) -> bool:
    """Whether the leading words of an unknown span name a place on their own: capitalised, not a bare
    generic, direction or landform word ("Lake" of "Lake Lanier"), and known to the gazetteer or the country
    lexicon."""
    if not all(w.group(0)[:1].isupper() for w in words) or head.lower().rstrip(".") in GENERIC_WORDS | HEAD_WORDS:
        return False
    return bool(country_code(head) or demonym_country(head) or gazetteer.lookup(head))


_NEXT_WORDS = re.compile(r"[ \t]+([A-Z][\w'’.-]*)(?:[ \t]+([A-Z][\w'’.-]*))?")


def _extend(body: str, start: int, end: int, source: str, gazetteer: Gazetteer) -> tuple[int, int, str]:
    """A place span followed by capitalised words that complete a longer place name the gazetteer knows
    exactly: "Tennessee" + "Colony", "Indian" + "Orchard", "Avondale" + "Estates" (spaCy tagged only the first
    word; the first word alone would be another place). A region's name is extended only to a sizeable town
    ("Virginia Beach", not the "Missouri Valley" of a sports team)."""
    m = _NEXT_WORDS.match(body, end)
    if not m:
        return start, end, source
    floor = MISTAG_MIN_POPULATION if _region_word(gazetteer, body[start:end]) else 0
    for group in (2, 1):
        if m.group(group) is None:
            continue
        stop = m.end(group)
        text = body[start:stop].rstrip(".")
        rows = [r for r in gazetteer.lookup(text) if gazetteer.name(r).casefold() == text.casefold()]
        if any(gazetteer.population[r] >= floor for r in rows):
            return start, start + len(text), source
    return start, end, source


def _city_of_division(gazetteer: Gazetteer, text: str) -> bool:
    """ "Dublin City" as GeoNames names only a division (Dublin City, Ireland's ADM1) while "Dublin" is a
    town: in running text "X City" is the town ("Dublin City Council"). "Kansas City" is itself a town."""
    rows = gazetteer.lookup(text)
    if not rows or any(gazetteer.fcode_table[gazetteer.fcode[r]].startswith("PPL") for r in rows):
        return False
    return any(gazetteer.fcode_table[gazetteer.fcode[r]].startswith("PPL") for r in gazetteer.lookup(text[:-5]))


def _embedded(body: str, ent, gazetteer: Gazetteer) -> list[tuple[int, int, str]]:
    """Countries, first-level divisions, nationality words and "X County" inside another entity's name:
    "the S.C. Trial Lawyers Association", "University of Georgia", "the Georgian Interior Ministry",
    "the 2008 Walker County Fair" (news gazetteers such as LGL count these as place mentions)."""
    out = []
    tokens = list(ent)
    caps = [t.text[:1].isupper() for t in tokens]
    i = 0
    while i < len(tokens):
        if not caps[i]:
            i += 1
            continue
        top = i
        while top < len(tokens) and top - i < MAX_RUN and caps[top]:
            top += 1
        found = None
        for k in range(top, i, -1):
            run = tokens[i:k]
            text = body[run[0].idx : run[-1].idx + len(run[-1].text)]
            if _region_word(gazetteer, text) or (
                k - i > 1 and run[-1].lower_ in ADMIN_SUFFIXES and gazetteer.lookup(text)
            ):
                found = (run[0].idx, run[-1].idx + len(run[-1].text), k)
                break
        if found is None:
            i += 1
            continue
        s, e = trim(body, found[0], found[1])
        if e > s:
            out.append((s, e, "embedded"))
        i = found[2]
    return out


def _region_word(gazetteer: Gazetteer, text: str) -> bool:
    """A country name, a nationality word, a first-level division's exact name or its abbreviation
    ("Georgian", "Georgia", "S.C.", "Calif.")."""
    if len(text) < 3 and "." not in text:
        return False
    if country_code(text) or demonym_country(text) or _is_region(gazetteer, text.rstrip("-")):
        return True
    return "." in text and any(gazetteer.fcode_table[gazetteer.fcode[r]] == "ADM1" for r in gazetteer.lookup(text))


def _overlaps_any(span: tuple[int, int, str], others: list[tuple[int, int, str]]) -> bool:
    return any(s < span[1] and span[0] < e for s, e, _ in others)


def _untagged_countries(doc):
    """Capitalised country names and nationality words outside every entity ("Israeli-Egyptian peace")."""
    for tok in doc:
        if tok.ent_type_ or not tok.text[:1].isupper() or not tok.is_alpha or tok.is_sent_start and tok.is_stop:
            continue
        if demonym_country(tok.text) or (len(tok.text) > 3 and country_code(tok.text)):
            yield tok.idx, tok.idx + len(tok.text)


def _admin_prefix(doc, ent, gazetteer: Gazetteer) -> list[tuple[int, int, str]]:
    """The place that starts an organisation's name: "Georgia Department of Transportation", "U.S. Army",
    "Rapides Parish Sheriff's Office". Taken for a country, a first-level division or an "X County"."""
    tokens = list(ent)
    if tokens and tokens[0].lower_ == "the":
        tokens = tokens[1:]
    for k in range(min(MAX_RUN, len(tokens) - 1), 0, -1):
        head = tokens[:k]
        if not all(t.text[:1].isupper() for t in head):
            continue
        span = doc[head[0].i : head[-1].i + 1]
        if (
            country_code(span.text)
            or _is_region(gazetteer, span.text, None if tokens[k].lower_ == "of" else MISTAG_MIN_POPULATION)
            or (head[-1].lower_ in ADMIN_SUFFIXES and k > 1 and gazetteer.lookup(span.text))
        ):
            return [(span.start_char, span.end_char, "embedded")]
    return []


def _is_region(gazetteer: Gazetteer, text: str, min_population: int | None = None) -> bool:
    """Whether ``text`` is exactly the name of a country or first-level division (or, given
    ``min_population``, of a town at least that big)."""
    for r in gazetteer.lookup(text):
        if gazetteer.name(r).casefold() != text.casefold():
            continue
        if gazetteer.fcode_table[gazetteer.fcode[r]] in ("PCLI", "ADM1"):
            return True
        if min_population is not None and gazetteer.population[r] >= min_population:
            return True
    return False


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
    """The character ranges already claimed by a toponym, filed by stretch of the body (a scan is quadratic)."""

    BUCKET = 1024

    def __init__(self, spans: list[tuple[int, int, str]]) -> None:
        self.buckets: dict[int, list[tuple[int, int]]] = {}
        for s, e, _ in spans:
            self.add(s, e)

    def _keys(self, start: int, end: int) -> range:
        return range(start // self.BUCKET, max(start, end - 1) // self.BUCKET + 1)

    def overlaps(self, start: int, end: int) -> bool:
        return any(s < end and start < e for b in self._keys(start, end) for s, e in self.buckets.get(b, ()))

    def add(self, start: int, end: int) -> None:
        for b in self._keys(start, end):
            self.buckets.setdefault(b, []).append((start, end))


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
