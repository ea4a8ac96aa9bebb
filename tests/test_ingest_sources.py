"""The dispatcher: one stream of RawDocument | DocumentError from any mix of inputs, each with source and position."""

from __future__ import annotations

import gzip
import json

from ingest_helpers import polnear_articles, warc_record

from claimgraph.errors import DocumentError
from claimgraph.ingest.counting import estimate_total
from claimgraph.ingest.sources import fill_article, iter_inputs, kind_of
from claimgraph.model import Article, RawDocument


def test_kind_by_extension():
    assert [
        kind_of(p)
        for p in ("a.warc", "a.warc.gz", "a.jsonl", "a.ndjson.gz", "a.json", "a.csv", "a.html.gz", "a.md", "noext")
    ] == ["warc", "warc", "jsonl", "jsonl", "json", "csv", "file", "file", "file"]


def test_mixed_inputs_in_order(tmp_path):
    art = polnear_articles(2)
    pages = tmp_path / "pages"
    pages.mkdir()
    (pages / "a.txt").write_text(art[0]["text"])
    html = b"<html><body><p>" + art[1]["text"].encode() + b"</p></body></html>"
    (pages / "b.html.gz").write_bytes(gzip.compress(html))
    (pages / "c.txt").write_bytes(b"")
    (pages / "d.bin").write_bytes(b"\x00\x01\x02" * 100)
    (tmp_path / "x.jsonl").write_text(json.dumps({"text": art[1]["text"], "url": "https://www.nyt.com/x"}) + "\n")
    (tmp_path / "x.warc").write_bytes(warc_record("https://w.org/1", b"<html><body>Hi there reader</body></html>"))
    items = list(iter_inputs([str(pages), str(tmp_path / "x.jsonl"), str(tmp_path / "x.warc")]))
    assert [type(i).__name__ for i in items] == [
        "RawDocument",
        "RawDocument",
        "DocumentError",
        "DocumentError",
        "RawDocument",
        "RawDocument",
    ]
    assert [i.kind for i in items if isinstance(i, DocumentError)] == ["empty", "binary"]
    assert items[4].position == "line 1" and items[5].url == "https://w.org/1"
    assert estimate_total([str(pages), str(tmp_path / "x.jsonl")]) == 5
    assert estimate_total([str(tmp_path / "x.warc")]) is None


def test_fill_article_only_fills_gaps():
    raw = RawDocument(
        text="x",
        url="https://www.ibtimes.com/a",
        metadata={"title": "Corpus title", "authors": ["Kalyan Kumar"], "published": "2015-01-03", "publisher": "IBT"},
    )
    art = fill_article(Article(body="x", title="Page title"), raw)
    assert (art.title, art.authors, art.published, art.publisher) == (
        "Page title",
        ["Kalyan Kumar"],
        "2015-01-03",
        "IBT",
    )
    assert art.url == raw.url and art.publisher_domain == "ibtimes.com"
