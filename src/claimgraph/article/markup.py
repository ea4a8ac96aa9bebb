"""Markdown-ish markup of scraped pages, reduced to plain text one line at a time.

Scrapers that turn pages into markdown leave link markup (``[text](url)``), images,
emphasis, heading hashes and list bullets. The body must hold only what a reader
sees, so links become their text and URLs go nowhere; what was a link, an image or
a heading is remembered on the :class:`Line` because it is evidence for the line
classifier (a line that is nothing but links is navigation, a tag list or a source).
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass, field

_IMAGE = re.compile(r"!\[(?P<alt>[^\]]*)\]\((?P<url>[^()\s]*(?:\([^)]*\))?[^()\s]*)(?:\s+\"[^\"]*\")?\)")
_LINK = re.compile(r"\[(?P<text>[^\[\]]*)\]\((?P<url>[^()\s]*(?:\([^)]*\))?[^()\s]*)(?:\s+\"[^\"]*\")?\)")
_REF_LINK = re.compile(r"\[(?P<text>[^\[\]]+)\]\[(?P<url>[^\]]*)\]")
_REF_DEF = re.compile(r"^\s{0,3}\[[^\]]+\]:\s+\S+")
_AUTOLINK = re.compile(r"<(?P<url>(?:https?|mailto):[^>\s]+)>", re.I)
_HEADING = re.compile(r"^\s{0,3}(?P<hashes>#{1,6})\s+(?P<text>.*?)\s*#*\s*$")
_BULLET = re.compile(r"^\s*(?:[-*+•·]|\d{1,3}[.)])\s+")
_QUOTE = re.compile(r"^\s*(?:>\s?)+")
_STRONG = re.compile(r"(\*\*|__)(?=\S)(.{1,400}?)(?<=\S)\1")  # bounded: no quadratic scans
_EM = re.compile(r"(?<![\w*])([*_])(?=\S)([^*_\n]+?)(?<=\S)\1(?![\w*])")
_ESCAPE = re.compile(r"\\([\\`*_{}\[\]()#+\-.!>|])")
_RULE = re.compile(r"^\s*(?:[-*_=]\s*){3,}$")
_BARE_URL = re.compile(r"^\s*(?:https?://|www\.)\S+\s*$", re.I)


@dataclass(slots=True)
class Line:
    """One source line: its plain text plus what its markup said about it."""

    raw: str
    text: str
    links: list[tuple[str, str]] = field(default_factory=list)
    images: list[tuple[str, str]] = field(default_factory=list)
    heading_level: int = 0
    bullet: bool = False
    quote: bool = False
    strong: bool = False  # the whole line was bold
    rule: bool = False  # a horizontal rule or setext underline
    bare_url: bool = False

    @property
    def blank(self) -> bool:
        return not self.text.strip()

    @property
    def words(self) -> list[str]:
        return self.text.split()

    @property
    def link_only(self) -> bool:
        """True when nothing but link texts and separators is on the line."""
        if not self.links:
            return False
        rest = self.text
        for text, _ in self.links:
            rest = rest.replace(text, " ", 1)
        return not re.sub(r"[\s,;|/·•&>»«\-–—]+|\band\b", "", rest)


def parse_line(raw: str) -> Line:
    """Strip one line's markup, keeping links, images and heading level aside."""
    text = raw.rstrip("\n\r")
    line = Line(raw=text, text="")
    if _RULE.match(text):
        line.rule = True
        return line
    if _REF_DEF.match(text):
        return line
    heading = _HEADING.match(text)
    if heading:
        line.heading_level = len(heading["hashes"])
        text = heading["text"]
    if _QUOTE.match(text):
        line.quote = True
        text = _QUOTE.sub("", text)
    if _BULLET.match(text) and not re.match(r"^\s*\d{1,3}[.)]\s+\d", text):
        line.bullet = True
        text = _BULLET.sub("", text)
    line.images = [(m["alt"], m["url"]) for m in _IMAGE.finditer(text)]
    text = _IMAGE.sub(" ", text)
    # innermost links first; repeat for links whose text held another link
    for _ in range(3):
        new_links = [(m["text"], m["url"]) for m in _LINK.finditer(text)]
        new_links += [(m["text"], m["url"]) for m in _REF_LINK.finditer(text)]
        if not new_links:
            break
        line.links.extend(new_links)
        text = _REF_LINK.sub(lambda m: m["text"], _LINK.sub(lambda m: m["text"], text))
    autolinks = [m["url"] for m in _AUTOLINK.finditer(text)]
    line.links.extend((url, url) for url in autolinks)
    text = _AUTOLINK.sub(lambda m: m["url"], text)
    stripped = text.strip()
    if re.fullmatch(r"(\*\*|__)(?=\S).+(?<=\S)\1", stripped) and not _STRONG.sub("", stripped).strip():
        line.strong = True
    text = _EM.sub(r"\2", _STRONG.sub(r"\2", text))
    text = _ESCAPE.sub(r"\1", text)
    text = html.unescape(text)
    text = re.sub(r"[ \t\u00a0]+", " ", text).strip()
    line.links = [(" ".join(html.unescape(t).split()), u) for t, u in line.links if t.strip()]
    line.text = text
    line.bare_url = bool(_BARE_URL.match(text))
    return line


def parse_lines(text: str) -> list[Line]:
    """Parse every line; a setext underline (``===``/``---``) turns the line above into a heading."""
    lines = [parse_line(raw) for raw in text.splitlines()]
    for i, line in enumerate(lines):
        if line.rule and i and not lines[i - 1].blank and re.match(r"^\s*[=-]+\s*$", line.raw):
            lines[i - 1].heading_level = 1 if "=" in line.raw else 2
    return lines
