"""The article stage on scraped pages: the shared example, our own fixtures, plain text."""

from __future__ import annotations

from importlib import resources
from pathlib import Path

import pytest

from claimgraph.article import build_article, sniff_format
from claimgraph.errors import DocumentError
from claimgraph.model import Article, RawDocument

FIXTURES = Path(__file__).parent / "fixtures"


def _article(path: Path, fmt: str = "auto") -> Article:
    return build_article(RawDocument(text=path.read_text(encoding="utf-8"), source=str(path), format=fmt))


def _check_offsets(article: Article) -> None:
    spans = sorted(article.paragraphs + article.headings)
    assert spans, "no paragraphs"
    assert spans[0][0] == 0 and spans[-1][1] == len(article.body)
    for (s1, e1), (s2, _) in zip(spans, spans[1:], strict=False):
        assert 0 <= s1 < e1 <= s2 and article.body[e1:s2] == "\n\n"
    for start, end in spans:
        chunk = article.body[start:end]
        assert chunk == chunk.strip() and "\n" not in chunk
    assert not set(article.paragraphs) & set(article.headings)


def _kinds(article: Article) -> set[str]:
    return {r.kind for r in article.removed}


# -- the shared example ---------------------------------------------------------------------


def test_example_metadata(example_path: Path) -> None:
    article = _article(example_path)
    assert article.format == "markdown"
    assert article.title and article.title.startswith("Russia Accuses U.S. of Supporting")
    assert article.authors == ["Kalyan Kumar"]
    assert article.published == "2015-01-03"
    assert article.publisher == "Global Research"
    assert article.publisher_domain == "globalresearch.ca"
    assert article.original_source == "International Business Times"
    assert article.republished is True
    assert article.tags == {
        "region": ["Middle East & North Africa", "Russia", "FSU"],
        "theme": ["US NATO War Agenda"],
        "in-depth report": ["SYRIA"],
    }


def test_example_body(example_path: Path) -> None:
    article = _article(example_path)
    body = article.body
    _check_offsets(article)
    assert [body[s:e] for s, e in article.headings] == ["Free Syria Is Terror Group", "Baby Of West"]
    assert len(article.paragraphs) == 6
    assert body.startswith("Russia has accused the United States")
    assert body.endswith("in the creation of ISIS.”")
    for leftover in ("](", "(#)", "[", "Copyright", "Disclaimer", "fair use", "Become a Member", "Articles by",
                     "original source", "Region:", "Global Research", "January 03"):  # fmt: skip
        assert leftover not in body
    assert "including Libya and Syria" in body  # link markup became its text
    assert {"byline", "dateline", "tags", "source", "copyright", "share", "membership", "author_index",
            "disclaimer", "fair_use", "contact"} <= _kinds(article)  # fmt: skip


def test_example_as_text_is_untouched(example_path: Path) -> None:
    text = example_path.read_text(encoding="utf-8")
    article = build_article(RawDocument(text=text, format="text"))
    assert article.body == text and article.format == "text"


# -- our own scraped fixtures -----------------------------------------------------------------


def test_wordpress_style_page() -> None:
    article = _article(FIXTURES / "scraped_wordpress_posted_on.md")
    _check_offsets(article)
    assert article.title == "Port Authority Defends Dredging Contract After Critical Audit"
    assert article.authors == ["Mara Lindqvist"]
    assert article.published == "2019-03-04"
    assert article.publisher == "Harbor Ledger"
    assert article.publisher_domain == "harborledgernews.org"
    assert article.tags == {"filed under": ["Infrastructure", "Local Government"]}
    assert article.original_source is None and not article.republished
    assert [article.body[s:e] for s, e in article.headings] == ["What the audit found"]
    assert len(article.paragraphs) == 4
    assert "the contractor, Dunmore Marine, nearly" in article.body
    for leftover in ("http", "Share this", "Related Posts", "Ferry operator", "©", "Image:", "Skip to content"):
        assert leftover not in article.body
    assert {"dateline", "tags", "image", "share", "related", "copyright", "navigation"} <= _kinds(article)


def test_plain_text_page_is_sniffed_as_scraped() -> None:
    path = FIXTURES / "scraped_plain_republished.txt"
    assert sniff_format(path.read_text(encoding="utf-8")) == "markdown"
    article = _article(path)
    _check_offsets(article)
    assert article.title == "Farmers Say New Water Rules Will Cost Them the Harvest"
    assert article.authors == ["Samuel Adeyemi", "Grace Holloway"]
    assert article.published == "2021-06-12"
    assert article.publisher == "Northfield Review"
    assert article.original_source == "The Valley Courier" and article.republished
    assert article.tags == {"tags": ["agriculture", "water policy", "drought"]}
    # the hard-wrapped first paragraph is rejoined; the following quote is its own paragraph
    first = article.body[slice(*article.paragraphs[0])]
    assert first.startswith("Growers in the Lower Tamsin valley") and first.endswith("of the summer.")
    assert len(article.paragraphs) == 4
    assert {"byline", "dateline", "source", "share", "newsletter", "copyright"} <= _kinds(article)


def test_lone_link_after_dateline_is_the_original_source() -> None:
    article = _article(FIXTURES / "scraped_source_hint.md")
    _check_offsets(article)
    assert article.authors == ["Ines Carvalho"]
    assert article.published == "2015-01-03"
    assert article.publisher == "Meridian Wire"
    assert article.publisher_domain == "meridianwire.net"
    assert article.original_source == "Coastal Times" and article.republished
    assert article.tags == {"topics": ["Press Freedom", "Courts"]}
    assert [article.body[s:e] for s, e in article.headings] == ["Lawyers Welcome Ruling"]
    assert article.body.endswith("about planned violence.")
    assert {"related", "membership", "disclaimer", "contact", "navigation", "source"} <= _kinds(article)


def test_bundled_sample_article() -> None:
    text = resources.files("claimgraph").joinpath("data/sample_article.md").read_text(encoding="utf-8")
    article = build_article(RawDocument(text=text, source="sample_article.md", format="markdown"))
    _check_offsets(article)
    assert article.title == "Energy Minister Accuses Grid Operator of Hiding Blackout Risks"
    assert article.authors == ["Helena Marsh", "Daniel Okafor"]
    assert article.published == "2024-03-14"
    assert article.publisher == "Northern Ledger"
    assert article.publisher_domain == "northernledger.org"
    assert article.original_source == "The Carlisle Courier" and article.republished
    assert len(article.headings) == 1 and len(article.paragraphs) == 7
    assert "http" not in article.body and "Share this" not in article.body


# -- plain text and errors ----------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    ["He said: hello.\r\n\r\n  Second  paragraph\twith tabs.  \n", "One line, no newline", "\n\nx\n\n\n"],
)
def test_text_format_is_identity(text: str) -> None:
    article = build_article(RawDocument(text=text, format="text"))
    assert article.body == text
    for start, end in article.paragraphs:
        assert article.body[start:end].strip() == article.body[start:end]


def test_auto_plain_prose_stays_untouched() -> None:
    text = "The council met on Monday.\n\nIt voted 7-2 to approve the plan, the mayor said.\n"
    assert sniff_format(text) == "text"
    assert build_article(RawDocument(text=text)).body == text


@pytest.mark.parametrize("fmt", ["auto", "text", "markdown", "html"])
def test_empty_documents(fmt: str) -> None:
    with pytest.raises(DocumentError) as err:
        build_article(RawDocument(text=" \n\t ", source="blank.txt", format=fmt, position="3"))
    assert err.value.kind == "empty" and err.value.source == "blank.txt" and err.value.position == "3"


def test_markdown_with_only_chrome_has_no_article() -> None:
    text = "[Home](/) | [About](/about)\n\nShare this:\n\n© 2020 Example Media. All rights reserved.\n"
    with pytest.raises(DocumentError) as err:
        build_article(RawDocument(text=text, format="markdown"))
    assert err.value.kind == "no_article"


def test_sniff_format() -> None:
    assert sniff_format("<!DOCTYPE html><html><body><p>x</p></body></html>") == "html"
    assert sniff_format("  <div><p>Hello</p></div>") == "html"
    assert sniff_format("# Title\n\nSome text.") == "markdown"
    assert sniff_format("Read [this](https://example.org) now.") == "markdown"
    assert sniff_format("By Jane Doe\nPublished: 3 March 2020\n\nThe text.") == "markdown"
    assert sniff_format("Just a sentence about 3 < 4 and x > y.") == "text"


def test_reader_style_markdown_page() -> None:
    article = _article(FIXTURES / "scraped_reader_setext.md")
    _check_offsets(article)
    assert article.title == "Ministers clash over pension reform as unions threaten strike"
    assert article.authors == ["Owen Tallis"]
    assert article.published == "2024-10-08"
    assert article.publisher == "Orbit Media Group Ltd"
    assert article.publisher_domain == "dailyorbit.co.uk"
    assert [article.body[s:e] for s, e in article.headings] == ["Unions warn of action"]
    assert article.body.startswith("Two senior ministers") and article.body.endswith('less," she said.')
    for leftover in ("Image", "Read more", "Comments", "Follow", "Copyright", "Skip to", "Politics\n"):
        assert leftover not in article.body
    assert {"byline", "dateline", "image", "navigation", "copyright"} <= _kinds(article)


def test_chart_source_between_paragraphs_is_not_a_republication() -> None:
    article = _article(FIXTURES / "scraped_blog_chart_source.md")
    _check_offsets(article)
    assert article.authors == ["Priya Natarajan"] and article.published == "2023-08-21"
    assert article.original_source is None and not article.republished
    assert "Source:" not in article.body and "freelance journalist" not in article.body
    assert "Housing starts" not in article.body
    assert {"caption", "author_index", "author_bio", "related"} <= _kinds(article)


def test_inline_related_promo_keeps_the_quotes_after_it() -> None:
    article = _article(FIXTURES / "scraped_inline_related.txt")
    _check_offsets(article)
    assert article.title == "Mayor Vows to Reopen Shuttered Clinics"
    assert article.authors == ["Tom Ellery"] and article.published == "2020-02-02"
    assert '"We made a mistake," the mayor said.' in article.body
    assert "Clinic closures" not in article.body and "Budget talks" not in article.body
    assert len(article.paragraphs) == 4 and not article.headings


def test_dateline_after_a_long_standfirst() -> None:
    article = _article(FIXTURES / "scraped_standfirst.md")
    _check_offsets(article)
    assert article.title == "Drought Forces Rationing in Three Provinces"
    assert article.authors == ["Jane Doe"] and article.published == "2022-05-04"
    assert article.publisher == "The Plains Observer"
    assert "Plains Observer" not in article.body and not article.headings
