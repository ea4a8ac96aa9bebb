"""Metadata lines of scraped pages: bylines, datelines, tag lines, republication credits.

Each parser takes one already-plain :class:`~.markup.Line` and returns the fields it
found, or None when the line is not of that kind. They only look at the shape of the
line (a "By" prefix followed by names, a short line around a date, ``Label: a, b``
built from links, "originally published by ..."), never at particular site names.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from .dates import find_date
from .domains import registered_domain
from .markup import Line

_PARTICLES = {"de", "da", "del", "della", "di", "du", "van", "von", "der", "den", "la", "le", "al", "el", "bin", "ibn",
              "y", "dos", "das", "ter", "ten", "st.", "mc", "ben", "abu", "bint"}  # fmt: skip
_ROLE_WORDS = re.compile(
    r"\b(?:writer|reporter|correspondent|editor|contributor|columnist|staff|journalist|analyst|chief|senior|bureau|"
    r"desk|team|intern|producer|author|freelance|special|associate|managing|political|news|guest|contributing)s?\b",
    re.I,
)
_BYLINE = re.compile(
    r"^(?:by|written by|words by|posted by|story by|text by|reported by|report by|author|authors|byline|"
    r"contributed by|submitted by)\b\s*:?\s*(?P<rest>\S.*)$",
    re.I,
)
_DATE_LABEL = re.compile(
    r"^(?:(?:first |last |originally )?(?:posted|published|updated|modified|dated?|written|released|issued)"
    r"(?: on| at)?|on|date|last update|pubdate|time)\b\s*:?\s*",
    re.I,
)
_TAG_LABELS = {"tags", "tag", "topics", "topic", "categories", "category", "filed under", "keywords", "subjects",
               "subject", "section", "sections", "labels", "posted in", "filed in", "themes", "theme", "regions",
               "region", "countries", "country", "people", "series"}  # fmt: skip
_SOURCE_PATTERNS = [
    re.compile(
        r"^(?:the )?original (?:source|article|version|post|story)(?: of this (?:article|post|story|piece))?"
        r"(?: is| can be found| appeared| was published)(?: (?:at|on|in|by)\b|:)*\s*(?P<x>.+)$", re.I),
    re.compile(
        r"^(?:this (?:article|post|story|piece|essay|report|interview|column|op-ed|commentary) )?(?:was |is )?"
        r"(?:originally|first|initially) (?:published|appeared|posted|ran|printed)(?: (?:by|at|on|in|with)\b)*\s*:?\s*"
        r"(?P<x>.+)$", re.I),
    re.compile(
        r"^(?:this (?:article|post|story|piece) )?(?:is |was |has been )?(?:republished|reprinted|reposted|"
        r"cross-?posted|syndicated|reproduced)(?: here)?(?: with (?:kind )?permission)? (?:from|of|courtesy of|by|"
        r"with permission (?:from|of))\s*:?\s*(?P<x>.+)$", re.I),
    re.compile(r"^(?:source|original source|originally at|via|courtesy of|read (?:the )?original(?: article| story)?"
               r"(?: at| on)?)\s*:\s*(?P<x>.+)$", re.I),
    re.compile(r"^read the original (?:article|story|piece|post)(?: at| on| in)\s+(?P<x>.+)$", re.I),
]  # fmt: skip


@dataclass(slots=True)
class Dateline:
    iso: str
    publisher: str | None = None
    authors: list[str] = field(default_factory=list)


def _is_name(text: str) -> bool:
    tokens = text.split()
    if not 1 <= len(tokens) <= 5 or len(text) > 48 or re.search(r"\d|@|https?:", text):
        return False
    if _ROLE_WORDS.search(text):
        return False
    capitalised = 0
    for token in tokens:
        bare = token.strip(".,'’\"()")
        if not bare:
            return False
        if bare.lower() in _PARTICLES or re.match(r"^(?:al|el|de|d|o)['’-]", bare, re.I):
            continue
        if not bare[0].isupper():
            return False
        capitalised += 1
    return capitalised >= 1


def split_names(text: str) -> list[str]:
    """``"Jane Doe, John Roe and Ann Poe, Staff Writer"`` -> the three names (roles dropped)."""
    text = re.split(r"\s+(?:[|•·—–]|-{1,2})\s+|\s+(?:on|at|in|for|from|posted|published|updated)\s+", text)[0]
    parts = re.split(r"\s*(?:,|;|&|\band\b|\bund\b|\bet\b|\by\b)\s*", text, flags=re.I)
    names: list[str] = []
    for part in parts:
        part = part.strip(" .:")
        if not part:
            continue
        if _is_name(part):
            names.append(part)
        elif names and (_ROLE_WORDS.search(part) or is_outlet_name(part)):
            break  # trailing role or outlet: "Jane Doe, Staff Writer"
        else:
            return []  # "By Monday, the army had ...": a sentence, not a byline
    return names


def parse_byline(line: Line) -> list[str] | None:
    """Author names from ``By X``, ``By X and Y``, ``Written by X``, ``Author: X``; else None."""
    text = line.text
    if len(text.split()) > 16 or not text[:1].isupper():
        return None
    match = _BYLINE.match(text)
    if not match:
        return None
    rest = match["rest"]
    found = find_date(rest)
    if found:
        rest = rest[: found.start]
    names = split_names(rest)
    return names or None


def parse_dateline(line: Line) -> Dateline | None:
    """A short line built around a date: ``Site Name, January 03, 2015``, ``Posted on 3 Jan 2015 by X``."""
    text = line.text
    found = find_date(text)
    if not found:
        return None
    prefix, suffix = text[: found.start], text[found.end :]
    if len((prefix + " " + suffix).split()) > 10:
        return None
    result = Dateline(found.iso)
    prefix = re.sub(r"\b\d{1,2}[:.]\d\d(?:\s*[ap]\.?m\.?)?(?:\s+[A-Z]{2,4}\b)?", " ", prefix)  # a time of day
    prefix = prefix.strip(" ,|·•—–-:/()[]")
    label = _DATE_LABEL.match(prefix)
    while label and label.end() > 0:
        prefix = prefix[label.end() :].strip(" ,|·•—–-:/()[]")
        label = _DATE_LABEL.match(prefix)
    suffix = suffix.strip(" ,")
    by = re.match(r"^by\s+(?P<names>.+)$", suffix, re.I) or re.match(r"^by\s+(?P<names>.+)$", prefix, re.I)
    if not by and suffix and not re.match(r"^[|·•—–/-]", suffix) and len(suffix.split()) > 3:
        return None  # the date sits inside a sentence
    if by:
        result.authors = split_names(by["names"])
        if by.string is prefix:
            prefix = ""
    if prefix and is_outlet_name(prefix):
        result.publisher = prefix
    elif prefix and not re.fullmatch(r"[A-Z][A-Za-z .'-]*", prefix):
        return None  # words before the date that are neither a label nor a name: a sentence, not a dateline
    return result


def is_outlet_name(text: str) -> bool:
    """A short capitalised name such as an outlet's (``The Daily Beacon``), not a place in capitals."""
    tokens = text.split()
    if not 1 <= len(tokens) <= 6 or len(text) > 60:
        return False
    if not re.search(r"[^\W\d_]{2}", text):
        return False  # "12:04", "No. 5": no name in it
    if text.isupper() and len(text.replace(" ", "")) > 5:
        return False  # "WASHINGTON", a place dateline, not an outlet
    return all(t[0].isupper() or t[0].isdigit() or t.lower() in {"of", "the", "and", "for", "on", "&"} for t in tokens)


def parse_tags(line: Line) -> tuple[str, list[str]] | None:
    """``Label: [a](..), [b](..)`` (or ``Tags: a, b``) -> ``("label", ["a", "b"])``."""
    match = re.match(r"^(?P<label>[A-Z][\w&/ -]{0,30}?)\s*:\s*(?P<rest>\S.*)$", line.text)
    if not match or len(match["label"].split()) > 3:
        return None
    label = match["label"].strip().lower()
    rest = match["rest"]
    values: list[str]
    links = [t for t, _ in line.links if t and t in rest]
    if links:
        residue = rest
        for text in links:
            residue = residue.replace(text, " ", 1)
        if re.sub(r"[\s,;|/·•]+|\band\b|&", "", residue):
            return None
        values = links
    elif label in _TAG_LABELS:
        values = [v.strip(" .") for v in re.split(r"\s*[,;|•·]\s*", rest) if v.strip(" .")]
        if any(len(v.split()) > 6 for v in values):
            return None
    else:
        return None
    return label, values


def parse_source(line: Line) -> str | None:
    """The outlet named by a republication credit ("originally published by X"), or None."""
    text = line.text
    if len(text.split()) > 45:
        return None
    for pattern in _SOURCE_PATTERNS:
        match = pattern.match(text)
        if match:
            return _outlet(match["x"], line) or None
    return None


def is_source_label(line: Line) -> bool:
    """``Source: X`` / ``Via: X``: a credit for the whole article only at the top or the end of it;
    between paragraphs it usually credits a chart or a quote."""
    return bool(_SOURCE_PATTERNS[3].match(line.text))


def _outlet(fragment: str, line: Line) -> str | None:
    for link_text, _url in line.links:
        if link_text and link_text in fragment:
            if re.match(r"^(?:https?://|www\.)", link_text, re.I):
                return registered_domain(link_text)
            return link_text.strip(" .")
    fragment = fragment.strip()
    url = re.match(r"^(?:https?://|www\.)\S+", fragment, re.I)
    if url:
        return registered_domain(url.group(0))
    found = find_date(fragment)
    if found:
        fragment = fragment[: found.start]
    fragment = re.split(
        r"\.\s|\s+(?:and is|and was|and has been|under|with(?: kind)? permission|on|in|at|as|where|by permission)\b"
        r"|[,;(]|\s[-–—]\s",
        fragment,
    )[0]
    fragment = re.sub(r"^(?:the website|the site|website|site)\s+", "", fragment.strip(), flags=re.I)
    fragment = re.sub(r"^the\s+", "", fragment.strip(" .:\"'“”"))
    if not fragment or len(fragment.split()) > 8:
        return None
    return fragment
