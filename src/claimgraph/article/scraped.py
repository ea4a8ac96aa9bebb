"""Scraped text/markdown pages: split the article from the page chrome around it.

A scraped page reads top to bottom as: navigation and title, then metadata lines
(byline, dateline, tag lines, maybe a credit to the original outlet), then the article
paragraphs with perhaps a few inline subheadings, then the footer (republication
credit, copyright, share and membership prompts, disclaimers, related links). The
extractor walks the lines in that order with the line classifier of :mod:`.lines`
and the metadata parsers of :mod:`.meta`; nothing here knows any particular site.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..model import Removed
from .assemble import Block, assemble
from .domains import best_domain
from .lines import classify, ends_article, is_prose, looks_like_heading
from .markup import Line, parse_lines
from .meta import is_outlet_name, is_source_label, parse_byline, parse_dateline, parse_source, parse_tags

_TERMINAL = re.compile(r"[.!?:;][\"'”’)\]]*$")
_BIO = re.compile(
    r"^[A-Z][\w.'’-]+(?: [A-Z][\w.'’-]+){0,3} (?:is|was|has been) (?:a|an|the)\b.{0,80}\b(?:writer|journalist|"
    r"reporter|author|editor|correspondent|columnist|analyst|researcher|professor|contributor|commentator|blogger)",
)


@dataclass(slots=True)
class ScrapedPage:
    """What the extractor found on a scraped page."""

    blocks: list[Block] = field(default_factory=list)
    title: str | None = None
    authors: list[str] = field(default_factory=list)
    published: str | None = None
    publisher: str | None = None
    publisher_domain: str | None = None
    original_source: str | None = None
    source_hint: str | None = None
    tags: dict[str, list[str]] = field(default_factory=dict)
    removed: list[Removed] = field(default_factory=list)
    copyright_holders: list[str] = field(default_factory=list)

    def remove(self, kind: str, line: Line | str) -> None:
        text = line if isinstance(line, str) else line.text
        if text.strip():
            self.removed.append(Removed(kind, text.strip()))

    @property
    def republished(self) -> bool:
        return bool(self.original_source) and (self.original_source or "").lower() != (self.publisher or "").lower()


def _merge_continuations(lines: list[Line]) -> list[Line]:
    """Glue a wrapped tag line back together: ``Region: [a](..), [b](..)`` + ``and [c](..)``."""
    merged: list[Line] = []
    for line in lines:
        prev = merged[-1] if merged else None
        if (
            prev is not None
            and prev.links
            and line.links
            and re.match(r"^(?:and\b|&|,)", line.text)
            and re.match(r"^[A-Z][\w&/ -]{0,30}:", prev.text)
        ):
            prev.text = f"{prev.text} {line.text}"
            prev.raw = f"{prev.raw}\n{line.raw}"
            prev.links.extend(line.links)
            continue
        merged.append(line)
    return merged


def _paragraph_ended(buffer: list[str], line: Line) -> bool:
    """Does the text gathered so far end a paragraph, with no blank line to say so?"""
    last = buffer[-1]
    if not _TERMINAL.search(last):
        return False
    if line.bullet or len(buffer) == 1:
        return line.bullet or is_prose(last)
    return len(last) < 0.8 * max(len(b) for b in buffer)  # the short last line of a wrapped paragraph


def _copyright_holder(text: str, authors: list[str]) -> str | None:
    cleaned = re.sub(r"(?i)\bcopyright\b|©|\(c\)|\ball rights reserved\.?|\b(?:19|20)\d\d(?:\s*[-–]\s*(?:19|20)?\d\d)?",
                     " ", text)  # fmt: skip
    parts = [p.strip(" .") for p in re.split(r"[,;|]|\.\s", cleaned)]
    holders = [p for p in parts if p and is_outlet_name(p) and p not in authors]
    return holders[-1] if holders else None


def _after_article(line: Line, tail: bool, related: bool) -> str | None:
    """Why a line under "Related" or past the article's end is dropped (related, navigation, author_bio), or None."""
    if related and (line.link_only or not is_prose(line.text)):
        return "related"  # the headlines listed under "Related"
    if tail and (line.link_only or (len(line.words) < 8 and not is_prose(line.text))):
        return "navigation"
    if tail and _BIO.match(line.text):
        return "author_bio"
    return None


class _Extractor:
    def __init__(self, text: str):
        self.lines = _merge_continuations(parse_lines(text))
        self.page = ScrapedPage()
        self._prose_after: dict[int, bool] = {}
        seen = False
        for line in reversed(self.lines):
            self._prose_after[id(line)] = seen
            seen = seen or (len(line.words) >= 16 and classify(line) is None and parse_source(line) is None)

    def prose_after(self, line: Line) -> bool:
        """Is there still article prose below this line?"""
        return self._prose_after.get(id(line), False)

    # -- metadata lines, anywhere on the page ------------------------------------------
    def metadata(self, line: Line, header: bool, near_top: bool = False) -> str | None:
        """Record the line if it is metadata or boilerplate; return its kind.

        ``near_top``: within the first paragraphs, where a dateline may still follow a long standfirst.
        """
        page = self.page
        source = parse_source(line)
        if source:
            if not header and is_source_label(line) and self.prose_after(line):
                page.remove("caption", line)
                return "caption"
            page.original_source = page.original_source or source
            page.remove("source", line)
            return "source"
        kind = classify(line)
        if kind:
            if kind == "copyright":
                holder = _copyright_holder(line.text, page.authors)
                if holder:
                    page.copyright_holders.append(holder)
            page.remove(kind, line)
            return kind
        tags = parse_tags(line)
        if tags:
            label, values = tags
            page.tags.setdefault(label, []).extend(v for v in values if v not in page.tags.get(label, []))
            page.remove("tags", line)
            return "tags"
        if header or len(line.words) <= 8:
            names = parse_byline(line)
            if names:
                page.authors.extend(n for n in names if n not in page.authors)
                found = parse_dateline(line)
                if found and not page.published:
                    page.published = found.iso
                page.remove("byline", line)
                return "byline"
        if header or (near_top and not page.published and len(line.words) <= 12):
            dateline = parse_dateline(line)
            if dateline:
                page.published = page.published or dateline.iso
                page.authors.extend(n for n in dateline.authors if n not in page.authors)
                if dateline.publisher and not page.publisher and dateline.publisher not in page.authors:
                    page.publisher = dateline.publisher
                page.remove("dateline", line)
                return "dateline"
        return None

    # -- header: title and metadata up to the first paragraph ----------------------------
    def header(self) -> int:
        page = self.page
        candidates: list[tuple[int, Line]] = []
        seen_meta = False
        for i, line in enumerate(self.lines):
            if line.blank or line.rule:
                if line.images:
                    page.remove("image", "; ".join(alt for alt, _ in line.images if alt) or "")
                continue
            kind = self.metadata(line, header=True)
            if kind:
                seen_meta = seen_meta or kind in {"byline", "dateline", "tags"}
                continue
            text = line.text
            if (
                seen_meta
                and page.source_hint is None
                and line.link_only
                and len(line.links) == 1
                and is_outlet_name(text)
                and text not in page.authors
            ):
                page.source_hint = text
                page.remove("source", line)
                continue
            if self._title_like(line, candidates, seen_meta):
                candidates.append((i, line))
                continue
            if is_prose(text) or (candidates and (line.heading_level or len(line.words) >= 8)):
                self._choose_title(candidates)
                return i
            page.remove("navigation", line)
        self._choose_title(candidates)
        return len(self.lines)

    @staticmethod
    def _title_like(line: Line, candidates: list[tuple[int, Line]], seen_meta: bool) -> bool:
        """A title candidate: a heading, or a short unpunctuated line, before the byline/dateline."""
        if seen_meta and candidates:
            return False  # the title comes before the metadata lines
        if line.heading_level or line.strong:
            return True
        words = line.words
        if line.link_only or line.bullet or not 2 <= len(words) <= 30 or line.text.count("|") >= 2:
            return False
        if candidates and is_prose(line.text):
            return False
        return not (len(words) > 10 and re.search(r"[.!?]$", line.text))

    def _choose_title(self, candidates: list[tuple[int, Line]]) -> None:
        if not candidates:
            return
        headings = [c for c in candidates if c[1].heading_level]
        if headings:
            best = min(headings, key=lambda c: (c[1].heading_level, c[0]))
        else:  # a site name or section label is shorter than the headline
            best = max(candidates, key=lambda c: (len(c[1].words), -c[0]))
        self.page.title = best[1].text
        for _, line in candidates:
            if line is not best[1]:
                self.page.remove("navigation", line)

    # -- body: paragraphs and subheadings until the footer -------------------------------
    def _remove_images(self, line: Line) -> None:
        """An image's alt text is not article text; it is kept among the removed lines."""
        if line.images:
            alts = "; ".join(alt for alt, _ in line.images if alt.strip())
            if alts:
                self.page.remove("image", alts)

    def body(self, start: int) -> None:
        page = self.page
        blocks: list[Block] = []
        buffer: list[str] = []
        tail = related = False

        def flush() -> None:
            if buffer:
                blocks.append(Block(" ".join(buffer)))
                buffer.clear()

        for line in self.lines[start:]:
            self._remove_images(line)
            if line.blank or line.rule:
                flush()
                continue
            kind = self.metadata(line, header=False, near_top=len(blocks) <= 2)
            if kind:
                flush()
                tail = tail or ends_article(kind, line)
                related = related or kind == "related"
                continue
            text = line.text
            n_words = len(line.words)
            dropped = _after_article(line, tail, related)
            if dropped:
                page.remove(dropped, line)
                continue
            if line.link_only and not is_prose(text):
                flush()
                page.remove("navigation", line)
                continue
            if buffer and not line.heading_level and not _TERMINAL.search(buffer[-1]) and len(buffer[-1]) >= 40:
                buffer.append(text)  # a hard-wrapped paragraph continues
                continue
            if looks_like_heading(line) and not line.quote:
                flush()
                blocks.append(Block(text, heading=True))
                continue
            if buffer and _paragraph_ended(buffer, line):
                flush()  # paragraphs one per line, or a wrapped paragraph's short last line
            related = False  # a sentence again: that "Related" line was an inline promo
            if n_words >= 16 and is_prose(text):
                tail = False  # real prose again: the footer-like line was not the footer
            buffer.append(text)
        flush()
        # a heading must introduce some text; one with nothing after it is a leftover label
        while blocks and blocks[-1].heading:
            page.remove("navigation", blocks.pop().text)
        page.blocks = blocks

    def run(self) -> ScrapedPage:
        start = self.header()
        self.body(start)
        page = self.page
        page.original_source = page.original_source or page.source_hint
        if not page.publisher:
            for holder in reversed(page.copyright_holders):
                if holder != page.original_source:
                    page.publisher = holder
                    break
        footer = "\n".join(r.text for r in page.removed if r.kind != "source")
        page.publisher_domain = best_domain(footer) or best_domain(
            "\n".join(line.raw for line in self.lines if parse_source(line) is None)
        )
        return page


def extract_scraped(text: str) -> ScrapedPage:
    """Split a scraped page into body blocks, metadata and removed boilerplate."""
    return _Extractor(text).run()


def scraped_body(page: ScrapedPage) -> tuple[str, list[tuple[int, int]], list[tuple[int, int]]]:
    """Body text with paragraph and heading offsets."""
    return assemble(page.blocks)
