"""Building blocks of the article stage: dates, bylines, tag and source lines, line kinds, domains, markup."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

from claimgraph.article import build_article
from claimgraph.article.dates import find_date
from claimgraph.article.domains import best_domain, domain_from_url, registered_domain
from claimgraph.article.lines import classify, looks_like_heading
from claimgraph.article.markup import parse_line, parse_lines
from claimgraph.article.meta import parse_byline, parse_dateline, parse_source, parse_tags
from claimgraph.errors import DocumentError
from claimgraph.model import RawDocument


@pytest.mark.parametrize(
    ("text", "iso"),
    [
        ("Posted on March 3rd, 2019", "2019-03-03"),
        ("3 Jan 2015", "2015-01-03"),
        ("Saturday, 3 January 2015 10:32 GMT", "2015-01-03"),
        ("2015-01-03T10:00:00Z", "2015-01-03"),
        ("Updated: Sept. 9, 2020 at 4:05 p.m. EST", "2020-09-09"),
        ("Published 14/02/2019", "2019-02-14"),
        ("03/04/2015", None),  # day-month order unknown: no guess
        ("January 2015", None),  # no day
        ("2015-02-30", None),
    ],
)
def test_find_date(text: str, iso: str | None) -> None:
    found = find_date(text)
    assert (found.iso if found else None) == iso


@pytest.mark.parametrize(
    ("text", "names"),
    [
        ("By [Jane Doe](https://example.org/jd)", ["Jane Doe"]),
        ("BY JOHN ROE AND ANN POE", ["JOHN ROE", "ANN POE"]),
        ("By Jane Doe, Staff Writer", ["Jane Doe"]),
        ("Written by Mara Lindqvist | March 4, 2019", ["Mara Lindqvist"]),
        ("Author: Tomás de la Vega", ["Tomás de la Vega"]),
        ("By the time he arrived it was over.", None),
        ("By Monday, the army had moved into the town and closed the roads.", None),
    ],
)
def test_parse_byline(text: str, names: list[str] | None) -> None:
    assert parse_byline(parse_line(text)) == names


def test_parse_dateline() -> None:
    line = parse_dateline(parse_line("Meridian Wire, 3 Jan 2015"))
    assert line and line.iso == "2015-01-03" and line.publisher == "Meridian Wire"
    line = parse_dateline(parse_line("Posted on March 3, 2019 by Jane Doe"))
    assert line and line.publisher is None and line.authors == ["Jane Doe"]
    assert parse_dateline(parse_line("WASHINGTON, Jan 3, 2015")).publisher is None
    assert parse_dateline(parse_line("On January 3, 2015 the army moved in to take the town.")) is None


def test_parse_tags() -> None:
    assert parse_tags(parse_line("Region: [Asia](#), [Europe](#) and [Africa](#)")) == (
        "region",
        ["Asia", "Europe", "Africa"],
    )
    assert parse_tags(parse_line("Keywords: trade, tariffs, shipping")) == (
        "keywords",
        ["trade", "tariffs", "shipping"],
    )
    assert parse_tags(parse_line("Update: The ministry said later it would appeal.")) is None
    assert parse_tags(parse_line("Note: see [the report](#) for details")) is None


@pytest.mark.parametrize(
    ("text", "outlet"),
    [
        ("The original source of this article is [Coastal Times](#)", "Coastal Times"),
        ("This article was originally published on The Conversation. Read the original article.", "The Conversation"),
        ("Originally published by Harbor Ledger on March 3, 2019.", "Harbor Ledger"),
        ("This article first appeared on https://www.example.org/x and is republished here.", "example.org"),
        ("Republished with permission from the Daily Beacon", "Daily Beacon"),
        ("Source: Reuters", "Reuters"),
        ("The minister said the original plan was better.", None),
    ],
)
def test_parse_source(text: str, outlet: str | None) -> None:
    assert parse_source(parse_line(text)) == outlet


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("Share this:", "share"),
        ("Share this: [Facebook](#) [Twitter](#)", "share"),
        ("Follow us on Twitter", "share"),
        ("[Comment on our articles on our Facebook page](#)", "share"),
        ("© 2019 Example Media. All rights reserved.", "copyright"),
        ("Copyright 2021 Some Outlet", "copyright"),
        ("Sign up for our weekly newsletter", "newsletter"),
        ("Become a Member of The Outlet", "membership"),
        ("Articles by: [Jane Doe](#)", "author_index"),
        ("Related Posts", "related"),
        ("You may also like", "related"),
        ("Click here to read more", "navigation"),
        ("Image: A crowd outside the court. Photo by A. Person", "image"),
        ("Disclaimer: The views expressed are the author's own.", "disclaimer"),
        ("For media inquiries: desk@example.org", "contact"),
        ("Reporting by Jane Doe; Editing by Sam Roe", "credits"),
        ("He said on Facebook that the plan was dead and would not return.", None),
        ("Facebook Denies Claims", None),
        ("The council will vote on the plan next week, officials said.", None),
    ],
)
def test_classify(text: str, kind: str | None) -> None:
    assert classify(parse_line(text)) == kind


def test_headings() -> None:
    assert looks_like_heading(parse_line("Free Trade Is Dead"))
    assert looks_like_heading(parse_line("## A longer heading made with hashes"))
    assert not looks_like_heading(parse_line("He left."))
    assert not looks_like_heading(parse_line("- a list item"))


def test_markup() -> None:
    line = parse_line("See [the report](https://example.org/r?a=1) and **this** _now_ \\*")
    assert line.text == "See the report and this now *"
    assert line.links == [("the report", "https://example.org/r?a=1")]
    assert parse_line("![chart](c.png)").images == [("chart", "c.png")]
    assert parse_line("[A](#), [B](#)").link_only
    lines = parse_lines("Title\n=====\nText")
    assert lines[0].heading_level == 1


def test_domains_offline() -> None:
    assert registered_domain("forums.bbc.co.uk") == "bbc.co.uk"
    assert domain_from_url("https://www.nytimes.com/2019/a.html") == "nytimes.com"
    assert domain_from_url("#") is None and domain_from_url("/relative/path") is None
    text = (
        "Share on [Facebook](https://facebook.com/x). www.example-news.org holds the rights; mail us@example-news.org"
    )
    assert best_domain(text) == "example-news.org"


@pytest.mark.parametrize(
    "text",
    [
        "[x](",
        "#",
        "# Only a heading",
        "By Jane Doe",
        "\u0000\u0001 weird [link](http://a) " * 50,
        "a" * 100_000,
        "Title\n\n" + "word " * 5000,
        "<p>unclosed <b>markup " * 20,
        "Region: [A](#)\nand [B](#)\n\nText.",
        "**a " * 5000,  # unclosed emphasis must not make the markup regexes quadratic
    ],
)
def test_odd_inputs_raise_only_document_errors(text: str) -> None:
    for fmt in ("auto", "markdown", "html"):
        try:
            article = build_article(RawDocument(text=text, format=fmt))
        except DocumentError as err:
            assert err.kind in {"empty", "no_article", "malformed"}
            continue
        for start, end in article.paragraphs + article.headings:
            assert 0 <= start < end <= len(article.body)


def test_bench_metric() -> None:
    path = Path(__file__).resolve().parents[1] / "bench" / "extraction.py"
    spec = importlib.util.spec_from_file_location("bench_extraction", path)
    assert spec and spec.loader
    bench = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(bench)
    golds = {"a": "one two three four five", "b": "alpha beta gamma delta"}
    perfect = bench.evaluate(golds, dict(golds))
    assert perfect == {"precision": 1.0, "recall": 1.0, "f1": 1.0, "accuracy": 1.0}
    half = bench.evaluate(golds, {"a": "one two three four five six seven", "b": ""})
    # a: tp=2, fp=2 -> P=0.5, R=1; b: empty prediction -> skipped for P, R=0
    assert half["precision"] == pytest.approx(0.5) and half["recall"] == pytest.approx(0.5)
    assert half["accuracy"] == 0.0


@pytest.mark.parametrize(
    ("publisher", "domain"),
    [
        ("beforeitsnews.com", "beforeitsnews.com"),
        ("www.BBC.co.uk", "bbc.co.uk"),
        ("Reuters", None),
        ("U.S. News", None),
    ],
)
def test_publisher_named_by_its_host_gives_the_domain(publisher, domain):
    # corpora such as NELA-GT name the source by its host; with no URL that is the only domain we get
    raw = RawDocument(text="Officials said the plan would fail on Monday.", source="x.txt", format="text",
                      metadata={"publisher": publisher})  # fmt: skip
    article = build_article(raw)
    assert article.publisher == publisher and article.publisher_domain == domain


def test_one_home_for_registered_domains_and_record_metadata():
    """Ratings, provenance and article metadata share one registered-domain rule and one metadata fill."""
    from claimgraph.article import build, domains
    from claimgraph.credibility import provenance, ratings
    from claimgraph.ingest import sources
    from claimgraph.model import Article, RawDocument

    assert ratings.registered_domain is domains.registered_domain is provenance.registered_domain
    assert sources.fill_article is build.fill_article
    assert domains.registered_domain("News.BBC.co.uk ") == "bbc.co.uk"
    raw = RawDocument(text="x", metadata={"publisher": "beforeitsnews.com", "authors": "Jane Roe"})
    art = build.fill_article(build.fill_article(Article(body="x"), raw), raw)  # twice changes nothing
    assert (art.publisher_domain, art.authors) == ("beforeitsnews.com", ["Jane Roe"])


def test_kb_linking_takes_its_title_and_acronym_rules_from_entities():
    """One home for title words and acronyms: the KB linker drops the titles the article stage knows."""
    from claimgraph.entities.names import is_acronym
    from claimgraph.store import linking

    assert linking.is_acronym is is_acronym
    assert linking.normalise("Gen. Valery Gerasimov") == linking.normalise("Valery Gerasimov")
    assert linking.normalise("Chief of Staff Mark Meadows") == "mark meadows"
    assert linking.display_name("Foreign Minister Sergei Lavrov", "PERSON") == "Sergei Lavrov"
    assert is_acronym("U.S.", "United States") and is_acronym("NATO", "North Atlantic Treaty Organization")
    assert not is_acronym("Moscow", "Russia")
