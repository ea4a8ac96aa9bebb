"""The article stage on HTML: gold pages read in place, broken and article-less markup, no network."""

from __future__ import annotations

import gzip
import json
import re
import socket
from collections import Counter
from pathlib import Path

import pytest

from claimgraph.article import build_article
from claimgraph.errors import DocumentError
from claimgraph.model import Article, RawDocument

ARTICLE_HTML = """<!DOCTYPE html>
<html><head><title>Mayor Rejects Budget Cuts - The Riverside Gazette</title>
<meta property="og:site_name" content="The Riverside Gazette">
<meta name="author" content="Nadia Forde">
<meta property="article:published_time" content="2022-05-17T09:30:00Z">
<link rel="canonical" href="https://www.riversidegazette.com/news/mayor-rejects-cuts"></head>
<body><nav><a href="/">Home</a> <a href="/news">News</a></nav>
<article><h1>Mayor Rejects Budget Cuts</h1>
<p>Mayor Colin Ashby on Monday rejected a proposal to cut the library budget by 12 percent, saying the
savings were too small to justify closing two branches in the east of the city.</p>
<p>"We are not going to balance the books on the backs of children who need a quiet place to read," Ashby
told the council during a heated session that ran past midnight.</p>
<h2>Council divided</h2>
<p>Councillor Joan Petrie said that the administration had offered no alternative and accused the mayor of
avoiding hard choices. The finance committee will meet again on Thursday to consider a revised plan.</p>
<p>Share this article</p>
</article>
<footer><p>© 2022 Riverside Gazette Media. All rights reserved.</p></footer>
</body></html>"""


def _shingles(text: str) -> Counter[tuple[str, ...]]:
    tokens = re.findall(r"\w+", text)
    return Counter(tuple(tokens[i : i + 4]) for i in range(max(len(tokens) - 3, 1)))


def _check_offsets(article: Article) -> None:
    spans = sorted(article.paragraphs + article.headings)
    assert spans and spans[0][0] == 0 and spans[-1][1] == len(article.body)
    for (_, e1), (s2, _) in zip(spans, spans[1:], strict=False):
        assert article.body[e1:s2] == "\n\n"
    for start, end in spans:
        assert article.body[start:end].strip() and "\n" not in article.body[start:end]


@pytest.fixture()
def no_network(monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(*args: object, **kwargs: object) -> None:
        raise AssertionError("the article stage tried to open a network connection")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)


def test_small_html_article(no_network: None) -> None:
    article = build_article(RawDocument(text=ARTICLE_HTML, source="gazette.html"))
    _check_offsets(article)
    assert article.format == "html"
    assert article.title == "Mayor Rejects Budget Cuts"
    assert article.authors == ["Nadia Forde"]
    assert article.published == "2022-05-17"
    assert article.publisher == "The Riverside Gazette"
    assert article.publisher_domain == "riversidegazette.com"
    assert article.body.startswith("Mayor Colin Ashby on Monday rejected")
    assert "Home" not in article.body and "Share this article" not in article.body and "©" not in article.body
    assert [article.body[s:e] for s, e in article.headings] == ["Council divided"]
    assert len(article.paragraphs) == 3


def test_url_gives_the_publisher_domain(no_network: None) -> None:
    raw = RawDocument(text=ARTICLE_HTML, format="html", url="https://news.riverside-gazette.co.uk/a/1")
    assert build_article(raw).publisher_domain == "riverside-gazette.co.uk"


def test_malformed_html_still_yields_text() -> None:
    broken = (
        "<html><body><div><p>The port strike entered its third week on Tuesday as union leaders said talks with "
        "the shipping companies had collapsed again.<p>Dock workers want a 9 percent raise<div><b>and shorter "
        "shifts, union spokesman Ali Demir said, adding that the strike would go on</i> until an offer was made."
        "<p>The companies said they had offered 5 percent and called the demands unrealistic for the sector.</span>"
    )
    try:
        article = build_article(RawDocument(text=broken, format="html"))
    except DocumentError as err:  # acceptable, as long as it is a DocumentError
        assert err.kind in {"no_article", "malformed"}
        return
    assert "port strike" in article.body
    _check_offsets(article)


@pytest.mark.parametrize(
    "html",
    [
        "<html><head><title>Menu</title></head><body><nav><a href='/'>Home</a></nav></body></html>",
        "<html><body></body></html>",
        "<!DOCTYPE html><html><body><div>&nbsp;</div><script>var x = 1;</script></body></html>",
    ],
)
def test_html_without_article(html: str) -> None:
    with pytest.raises(DocumentError) as err:
        build_article(RawDocument(text=html, source="empty.html", format="html"))
    assert err.value.kind == "no_article" and err.value.source == "empty.html"


def _gold_sample(shared_dir: Path, n: int = 10) -> list[dict]:
    gold = shared_dir / "gold" / "extraction"
    if not (gold / "ground_truth.jsonl").exists():
        pytest.skip("no extraction gold set")
    with open(gold / "ground_truth.jsonl", encoding="utf-8") as fh:
        docs = sorted((json.loads(line) for line in fh if line.strip()), key=lambda d: d["id"])
    sample = docs[:: max(len(docs) // n, 1)][:n]
    for doc in sample:
        with gzip.open(gold / doc["html_path"], "rt", encoding="utf-8") as fh:
            doc["html"] = fh.read()
    return sample


def test_gold_pages(shared_dir: Path, no_network: None) -> None:
    recalls = []
    for doc in _gold_sample(shared_dir):
        article = build_article(RawDocument(text=doc["html"], source=doc["id"], url=doc["url"]))
        assert article.format == "html"
        assert article.body.strip(), doc["url"]
        _check_offsets(article)
        assert article.publisher_domain and article.publisher_domain in doc["url"]
        gold, pred = _shingles(doc["body"]), _shingles(article.body)
        recall = sum((gold & pred).values()) / sum(gold.values())
        assert recall > 0.5, (doc["url"], recall)
        recalls.append(recall)
    assert sum(recalls) / len(recalls) > 0.9


def test_html_republication_line(no_network: None) -> None:
    html = ARTICLE_HTML.replace(
        "<p>Share this article</p>",
        "<p>This article was originally published by The Valley Courier. Read the original article.</p>",
    )
    article = build_article(RawDocument(text=html, format="html"))
    assert article.original_source == "The Valley Courier" and article.republished
    assert "originally published" not in article.body
    assert any(r.kind == "source" for r in article.removed)
