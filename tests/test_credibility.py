"""Source ratings, outlet names and the provenance chain (ratings CSV read in place; skipped if absent)."""

from __future__ import annotations

import pytest

from claimgraph.config import Options
from claimgraph.credibility import assess, load_ratings, read_ratings
from claimgraph.credibility.ratings import name_variants
from claimgraph.errors import ClaimgraphError
from claimgraph.model import Article, Attribution, Content, Entity, Mention


@pytest.fixture(scope="module")
def ratings(shared_dir):
    path = shared_dir / "data" / "domain-ratings" / "domain_ratings.csv"
    if not path.exists():
        pytest.skip(f"{path} is not available on this machine")
    return load_ratings(path)


def test_domains_urls_and_subdomains(ratings):
    assert ratings.main == "pc1"
    low, high = ratings.rate("globalresearch.ca"), ratings.rate("https://www.ibtimes.com/some/story.html")
    assert low.score < 0.3 < high.score
    assert high.domain == "ibtimes.com" and high.match == "exact"
    parent = ratings.rate("news.bbc.co.uk")
    assert parent.domain == "bbc.co.uk" and parent.match == "parent"
    assert ratings.rate("www.globalresearch.ca").domain == "globalresearch.ca"
    assert ratings.rate("co.uk") is None, "never walks up to a bare public suffix"
    assert ratings.rate("no-such-outlet-here.example") is None
    assert 0 <= low.percentile < high.percentile <= 100


def test_outlet_names(ratings):
    assert ratings.domain_for_name("International Business Times") == "ibtimes.com"
    assert ratings.domain_for_name("Reuters") == "reuters.com"
    assert ratings.domain_for_name("The Frobnicating Evening Gazette of Nowhere") is None
    assert ratings.domain_for_name("") is None
    assert ratings.rate_name("Global Research").match == "name"


def test_name_variants_are_conservative():
    variants = name_variants("International Business Times")
    assert "ibtimes" in variants and "internationalbusinesstimes" in variants
    assert "ibt" not in variants, "bare initials of a multi-word name are too ambiguous"


def test_no_ratings_configured(monkeypatch):
    assert load_ratings(None) is None
    result = assess(Article(body="Text.", publisher_domain="example.com"), [])
    assert result.ratings.status == "no ratings configured"
    assert result.source_rating.status == "no ratings configured"
    assert result.provenance.chain[0].rating.status == "no ratings configured"


def test_bad_ratings_files(tmp_path):
    with pytest.raises(ClaimgraphError):
        load_ratings(tmp_path / "missing.csv")
    bad = tmp_path / "bad.csv"
    bad.write_text("site,score\na.com,0.5\n", encoding="utf-8")
    with pytest.raises(ClaimgraphError):
        read_ratings(bad)


def test_custom_file_and_env(tmp_path, monkeypatch):
    path = tmp_path / "mine.csv"
    path.write_text("domain,trust,notes\nexample.com,0.9,fine\nbad.example.org,0.1,poor\n", encoding="utf-8")
    monkeypatch.setenv("CLAIMGRAPH_RATINGS", str(path))
    table = load_ratings(Options.from_env().ratings)
    assert table.main == "trust" and table.columns == ["trust"]
    assert table.rate("https://news.example.com/x").score == 0.9
    assert table.rate("bad.example.org").score == 0.1


def test_provenance_chain(ratings):
    body = "Russia accused the U.S., reported Radio Free Europe. The story first ran on www.ibtimes.com."
    article = Article(
        body=body, publisher="Global Research", publisher_domain="globalresearch.ca",
        original_source="International Business Times", republished=True,
    )  # fmt: skip
    start = body.index("Radio Free Europe")
    outlet = Entity(id="e7", name="Radio Free Europe", type="ORG",
                    mentions=[Mention(start, start + len("Radio Free Europe"), "Radio Free Europe")])  # fmt: skip
    att = Attribution(id="a1", content=Content(0, 23, body[:23]), cue=None, speaker="e1", speaker_mention=None,
                      kind="indirect", via=["e7", "reuters.com"])  # fmt: skip
    result = assess(article, [att], ratings=ratings, entities=[outlet])
    chain = result.provenance.chain
    assert [link.role for link in chain] == ["publisher", "original_source", "cited", "cited"]
    assert chain[0].rating.domain == "globalresearch.ca"
    assert chain[1].domain == "ibtimes.com" and chain[1].rating.match == "name"
    assert chain[2].evidence.span.text == body[start : start + len("Radio Free Europe")]
    assert chain[2].evidence.attributions == ["a1"]
    assert chain[3].rating.domain == "reuters.com"
    assert result.weakest_link.domain == "globalresearch.ca"
    assert "ibtimes.com" in result.provenance.known_domains


def test_outlets_named_in_text(ratings, nlp):
    from claimgraph.credibility import outlets_in_doc

    text = (
        "The White House said on Monday that talks failed, Reuters reported. "
        "According to the Washington Post, 300 people died."
    )
    found = {o.domain: o for o in outlets_in_doc(nlp(text), ratings)}
    assert "reuters.com" in found and found["reuters.com"].why == "reporting_context"
    assert "washingtonpost.com" in found
    assert "whitehouse.gov" not in found, "a speaker is not an outlet"
    for o in found.values():
        assert text[o.start : o.end] == o.text
    assert outlets_in_doc(nlp(text), None) == []
