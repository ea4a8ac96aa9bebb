"""What a reader is told on the pages and their JSON twins (issue 20): refusals that say what was wrong, direct
quotes apart from paraphrases, a network that opens on something to see, file names instead of local paths,
the publisher's rating.

Two knowledge bases of real text: the sample KB of the other web tests (``query_helpers``) and the
FakeNewsCorpus-sample KB (``reader_kb``), mostly undated, ingested with the shared domain ratings.
"""

from __future__ import annotations

import html as htmllib
import re
from urllib.parse import quote

import pytest
from fastapi.testclient import TestClient
from reader_kb import SLASHED

from claimgraph.query import open_db
from claimgraph.vocab import STANCES
from claimgraph.web.app import Settings, create_app

LONG_Q = "x" * 10_000


def _client(db: str):
    engine = open_db(db)
    with TestClient(create_app(engine, Settings(db=db))) as c:
        yield c
    engine.dispose()


@pytest.fixture(scope="module")
def client(kb_path):
    yield from _client(kb_path)


@pytest.fixture(scope="module")
def reader(reader_kb):
    yield from _client(reader_kb)


def _text(html: str) -> str:
    return htmllib.unescape(re.sub(r"<[^>]+>", "", html))


BAD = [  # (page, the parameter it names, words of what it takes)
    ("/search?q=x&date_from=2015-13-45", "date_from", "YYYY-MM-DD"),
    ("/network?date_to=yesterday", "date_to", "YYYY-MM-DD"),
    ("/search?q=x&date_from=2016-02-01&date_to=2016-01-01", "date_to", "on or after 2016-02-01"),
    ("/network?stance=blame", "stance", "one of accuse, deny"),
    (f"/search?q={LONG_Q}", "q", "at most 500 characters"),
    ("/search?q=x&limit=0", "limit", "at least 1"),
    ("/network?undated=perhaps", "undated", "yes or no"),
    ("/timeline", "q", "entity="),
]


@pytest.mark.parametrize(("url", "name", "expected"), BAD)
def test_bad_parameters_get_a_page_saying_what_was_wrong(client, url, name, expected):
    page = client.get(url)
    assert page.status_code == 422 and page.headers["content-type"].startswith("text/html"), url
    assert f"<code>{name}</code>" in page.text and expected in _text(page.text), url
    assert '"detail"' not in page.text and LONG_Q not in page.text  # no raw JSON, no 10,000 characters echoed
    retry = re.search(r'class="retry" href="([^"]+)"', page.text).group(1).replace("&amp;", "&")
    assert f"{name}=" not in retry.split("?", 1)[-1]  # the way back drops the bad parameter
    twin = client.get("/api" + url)
    body = twin.json()
    assert twin.status_code == 422 and body["detail"][0]["parameter"] == name, url
    assert expected in body["detail"][0]["expected"] and body["message"].startswith(name)
    assert LONG_Q not in twin.text


def test_not_found_is_a_page_on_pages_and_json_on_the_api(client):
    page = client.get("/entities/Enope")
    assert page.status_code == 404 and "text/html" in page.headers["content-type"]
    assert "No such entity" in page.text and "<h1>Not found</h1>" in page.text
    assert client.get("/no/such/page").status_code == 404
    assert "<h1>Not found</h1>" in client.get("/no/such/page").text
    api = client.get("/api/entities/Enope")
    assert api.status_code == 404 and api.json() == {"detail": "no such entity"}


def test_a_publisher_named_with_a_slash_has_a_working_page(reader):
    listing = reader.get("/publishers").text
    href = re.search(rf'<a href="([^"]+)">{re.escape(SLASHED)}</a>', listing).group(1)
    assert href == "/publishers/" + quote("name:metro/desk wire", safe=":")
    page = reader.get(href)
    assert page.status_code == 200 and f"<h1>{SLASHED}</h1>" in page.text
    twin = re.search(r'class="json" href="([^"]+)"', page.text).group(1)
    data = reader.get(htmllib.unescape(twin)).json()
    assert data["publisher"]["id"] == "name:metro/desk wire" and data["articles"]["total"] == 1


def _cards(html: str) -> list[tuple[str, str]]:
    """(classes, text) of each attribution content on a page, in page order."""
    return [(c, _text(t)) for c, t in re.findall(r'<div class="(content[^"]*)">(.*?)</div>', html, re.S)]


def test_entity_cards_quote_only_direct_speech(client):
    gerasimov = client.get("/api/entities", params={"name": "Gerasimov"}).json()["items"][0]["id"]
    data = client.get(f"/api/entities/{gerasimov}").json()
    cards = _cards(client.get(f"/entities/{gerasimov}").text)
    items = data["said"]["items"] + data["about"]["items"]
    assert len(cards) == len(items) and "indirect" in {x["kind"] for x in items}
    for x, (classes, text) in zip(items, cards, strict=True):
        words = x["content"]["text"]
        if x["kind"] == "direct":
            assert "paraphrase" not in classes and text[0] in '“"' and words.strip('“”"') in text
        else:  # the reporter's words: labelled, and never inside quotation marks of the page's own
            assert f"paraphrase {x['kind']}" in classes and text.startswith("paraphrase")
            assert not text.rstrip().endswith("”") or words.rstrip().endswith(("”", '"')), text


def test_search_and_article_mark_paraphrases(client):
    hits = client.get("/api/search", params={"q": "ISIS", "kind": "quote"}).json()["items"]
    cards = _cards(client.get("/search", params={"q": "ISIS", "kind": "quote"}).text)
    assert len(cards) == len(hits) and any(h["attribution"]["kind"] == "indirect" for h in hits)
    for h, (classes, text) in zip(hits, cards, strict=True):
        assert ("paraphrase" in classes) == (h["attribution"]["kind"] != "direct"), text
    doc = hits[0]["document_id"]
    data = client.get(f"/api/articles/{doc}").json()
    indirect = [x for x in data["attributions"] if x["kind"] == "indirect"]
    page = client.get(f"/articles/{doc}").text
    for x in indirect:  # the body marks the reported stretch as a paraphrase, not as quoted words
        pieces = re.findall(rf'<span class="([^"]*\bquote\b[^"]*)"[^>]*data-attribution="{x["id"]}"', page)
        assert pieces and all("paraphrase" in c.split() for c in pieces), (x["id"], pieces)
    assert any(sp.get("kind") == "indirect" for sp in data["spans"] if sp["type"] == "quote")


def test_mixed_content_keeps_marks_only_on_its_quoted_words():
    from claimgraph.web.cards import claim_words, content_html

    mixed = content_html("mixed", 'the plan was "a disaster" for <the> city')
    assert 'class="content paraphrase mixed"' in mixed and '<span class="verbatim">&#34;a disaster&#34;</span>' in mixed
    assert "“" not in mixed and "&lt;the&gt;" in mixed
    assert content_html("direct", "we will win") == '<div class="content direct">“we will win”</div>'
    assert "“" not in content_html("indirect", "they would win") and "“" not in claim_words("x y", "indirect")
    assert claim_words("x y", None) == "“x y”"


def test_network_opens_on_edges_when_every_statement_is_undated(reader):
    data = reader.get("/api/network").json()
    shown = data["shown"]
    assert data["edges"]["total"] > 0 and data["query"]["window"] is None  # no dated article holds an edge
    assert shown["undated_included"] and shown["undated_statements"] == shown["statements"] > 0
    page = reader.get("/network").text
    assert page.count("<tr><td><a href=") == len(data["edges"]["items"])
    said = _text(re.search(r'<p class="shown".*?</p>', page, re.S).group())
    assert f"{shown['edges']} edges" in said and "undated articles included" in said
    assert '<option value="true" selected>include</option>' in page


def test_a_date_range_can_take_in_undated_articles(reader):
    dated = reader.get("/api/network", params={"date_from": "2000-01-01"}).json()
    assert dated["edges"]["total"] == 0 and not dated["shown"]["undated_included"]
    page = reader.get("/network", params={"date_from": "2000-01-01"}).text
    include = re.search(r'<a href="([^"]+)">include them</a>', page).group(1).replace("&amp;", "&")
    assert "undated=true" in include and "undated articles left out" in _text(page)
    widened = reader.get("/api" + include).json()
    assert widened["edges"]["total"] > 0 and widened["query"]["undated"] is True
    assert reader.get("/api/network", params={"undated": "false"}).json()["edges"]["total"] == 0


def test_network_legend_lists_every_stance_the_drawing_colours(client):
    page = client.get("/network", params={"recent_days": 0}).text
    legend = re.findall(r'data-stance="([^"]+)"', page)
    assert legend == [*STANCES, "unknown"]
    assert re.search(r'data-stances="([^"]+)"', page).group(1).split() == legend  # what network.js colours by
    drawn = {e["stance"] for e in client.get("/api/network", params={"recent_days": 0}).json()["edges"]["items"]}
    assert drawn <= set(legend)
    css = client.get("/static/style.css").text
    for s in legend:
        assert re.search(rf"\.k-{s} \{{ background: var\(--{s}\); \}}", css), s
        assert re.search(rf"--{s}: #", css), s
    js = client.get("/static/network.js").text
    for s in legend:  # no stance colour of its own: the stylesheet's, as the legend's
        colour = re.search(rf"--{s}: (#[0-9a-f]+)", css).group(1)
        assert colour not in js and f"{s}:" not in js, s


def test_cytoscape_finds_its_stylesheet_and_needs_no_inline_style(client):
    page = client.get("/network").text
    assert '<link id="__________cytoscape_stylesheet" rel="stylesheet" href="/static/cytoscape.css">' in page
    assert ".__________cytoscape_container { position: relative; }" in client.get("/static/cytoscape.css").text
    assert "style-src 'self';" in client.get("/network").headers["content-security-policy"]  # not weakened


def test_article_shows_a_file_name_never_a_local_path(client, reader):
    for c in (client, reader):
        for hit in c.get("/api/search", params={"q": "the OR said", "kind": "article", "limit": 50}).json()["items"]:
            data = c.get(f"/api/articles/{hit['document_id']}").json()
            source = data["document"]["source"]
            assert "/" not in source and "\\" not in source, source
            ratings = ((data["signals"] or {}).get("source") or {}).get("ratings") or {}
            assert "/" not in (ratings.get("source") or ""), ratings
            page = c.get(f"/articles/{hit['document_id']}").text
            assert f'<dd class="source">{htmllib.escape(source, quote=False)}' in page.replace("&#39;", "'")
            assert "/work/" not in page and "/tmp/" not in page


def test_who_says_what_is_the_first_tab_of_the_side_panel(client):
    doc = client.get("/api/search", params={"q": "Gerasimov", "kind": "article"}).json()["items"][0]["document_id"]
    panel = client.get(f"/articles/{doc}").text.split('<aside class="panel tabs">', 1)[1]
    first = re.search(r'<input type="radio" name="panel" id="([^"]+)"( checked)?>', panel)
    assert first.group(1) == "tab-who" and first.group(2) == " checked"
    assert panel.index('id="who"') < panel.index('id="credibility"')


def test_publisher_page_shows_its_rating_with_source_and_date(reader):
    data = reader.get("/api/publishers/christianpost.com").json()
    r = data["publisher"]["rating"]
    assert r["status"] == "rated" and 0 <= r["score"] <= 1 and r["column"] == "pc1"
    assert r["source"] == "domain_ratings.csv" and r["domain"] == "christianpost.com"
    assert r["articles_rated"] == data["publisher"]["articles"] >= 1
    section = _text(
        re.search(
            r'<section class="card rating".*?</section>', reader.get("/publishers/christianpost.com").text, re.S
        ).group()
    )
    assert f"{r['score']:.2f}" in section and "domain_ratings.csv" in section and "Date" in section
    slashed = reader.get("/api/publishers/" + quote("name:metro/desk wire", safe=":")).json()["publisher"]["rating"]
    assert slashed["status"] == "not rated"  # a name no domain rating can match, and the page says so
    assert "Not rated" in reader.get("/publishers/" + quote("name:metro/desk wire", safe=":")).text


def test_publisher_without_stored_ratings_says_none_were_given(client):
    r = client.get("/api/publishers/globalresearch.ca").json()["publisher"]["rating"]
    assert r["status"] == "no ratings configured"
    assert "No ratings file was given" in client.get("/publishers/globalresearch.ca").text
