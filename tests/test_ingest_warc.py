"""WARC/WARC.gz crawls built from real pages: HTML responses in, everything else skipped, damage reported."""

from __future__ import annotations

import gzip

import pytest
from ingest_helpers import GOLD_EXTRACTION, gold_pages, polnear_articles, warc_record, warc_request

from claimgraph.errors import DocumentError
from claimgraph.ingest.sources import iter_inputs, kind_of
from claimgraph.ingest.warc import iter_warc
from claimgraph.model import RawDocument


@pytest.fixture(scope="module")
def pages():
    if not GOLD_EXTRACTION.exists():
        pytest.skip("gold extraction pages not available")
    return gold_pages(3)


def _records(pages):
    out = []
    for p in pages:
        out.append(warc_request(p["url"]))
        out.append(warc_record(p["url"], p["html"]))
    return out


def test_warc_yields_html_responses_with_uri_date_and_position(tmp_path, pages):
    records = _records(pages)
    records.insert(1, warc_record("https://example.com/logo.png", b"\x89PNG....", content_type="image/png"))
    records.insert(2, warc_record("https://example.com/old", b"", status="301 Moved Permanently"))
    path = tmp_path / "crawl.warc"
    path.write_bytes(b"".join(records))
    docs = list(iter_warc(path))
    assert all(isinstance(d, RawDocument) for d in docs)
    assert [d.url for d in docs] == [p["url"] for p in pages]
    assert all(d.format == "html" and d.fetched_at.startswith("2019-11-20T10:00") for d in docs)
    assert docs[0].text == pages[0]["html"].decode("utf-8")
    assert docs[0].position.startswith("record ") and " @ offset " in docs[0].position
    assert len({d.position for d in docs}) == len(docs)


def test_warc_gz_per_record_members(tmp_path, pages):
    path = tmp_path / "crawl.warc.gz"
    path.write_bytes(b"".join(gzip.compress(r) for r in _records(pages)))
    assert kind_of(path) == "warc"
    docs = list(iter_inputs([str(path)]))
    assert [d.url for d in docs] == [p["url"] for p in pages]


def test_payload_charset_from_http_header_or_detected(tmp_path):
    text = "<html><body><p>Le ministre a déclaré que la réforme était « nécessaire ».</p></body></html>"
    path = tmp_path / "latin.warc"
    path.write_bytes(
        warc_record("https://a.fr/1", text.encode("latin-1"), "text/html; charset=ISO-8859-1")
        + warc_record("https://a.fr/2", text.encode("cp1252") * 20, "text/html")
    )
    first, second = list(iter_warc(path))
    assert first.text == text and first.encoding == "iso-8859-1"
    assert "déclaré" in second.text


def test_truncated_record_is_an_error_and_reading_goes_on(tmp_path, pages):
    good = b"".join(gzip.compress(r) for r in _records(pages[:2]))
    cut = gzip.compress(warc_record(pages[2]["url"], pages[2]["html"]))
    path = tmp_path / "cut.warc.gz"
    path.write_bytes(good + cut[: len(cut) // 2])
    items = list(iter_warc(path))
    docs = [i for i in items if isinstance(i, RawDocument)]
    errs = [i for i in items if isinstance(i, DocumentError)]
    assert [d.url for d in docs] == [p["url"] for p in pages[:2]]
    assert len(errs) == 1 and errs[0].kind == "truncated" and errs[0].source == str(path)


def test_truncated_plain_warc(tmp_path, pages):
    data = b"".join(_records(pages))
    path = tmp_path / "cut.warc"
    path.write_bytes(data[:-200])
    items = list(iter_warc(path))
    assert sum(isinstance(i, RawDocument) for i in items) == 2
    assert [i.kind for i in items if isinstance(i, DocumentError)] == ["truncated"]


def test_garbage_named_warc(tmp_path):
    path = tmp_path / "junk.warc"
    path.write_bytes(b"this is not a WARC file at all\n" * 10)
    items = list(iter_warc(path))
    assert all(isinstance(i, DocumentError) for i in items)


@pytest.mark.parametrize("compressed", [True, False])
def test_damaged_record_in_the_middle_costs_one_error(tmp_path, pages, compressed):
    records = [warc_record(p["url"], p["html"]) for p in pages]
    if compressed:
        records = [gzip.compress(r) for r in records]
    data = records[0] + records[1][: len(records[1]) // 2] + records[2]
    path = tmp_path / ("mid.warc.gz" if compressed else "mid.warc")
    path.write_bytes(data)
    items = list(iter_warc(path))
    assert [type(i).__name__ for i in items] == ["RawDocument", "DocumentError", "RawDocument"]
    assert items[1].kind == "truncated" and items[1].position == f"record 2 @ offset {len(records[0])}"
    assert items[2].url == pages[2]["url"]
    assert items[2].position == f"record 3 @ offset {len(records[0]) + len(records[1]) // 2}"


def _article_html(article: dict) -> bytes:
    paras = "".join(f"<p>{p}</p>" for p in article["text"].split("\n\n"))
    return (
        f"<html><head><title>{article['title']}</title></head><body><article>{paras}</article></body></html>".encode()
    )


def _cut_points(record: bytes, compressed: bytes | None) -> list[int]:
    """Cuts inside the WARC header, the HTTP header, the payload and (gzip) the member's trailer."""
    if compressed is not None:
        n = len(compressed)
        return [1, 5, 10, 20, 40, n // 4, n // 2, 3 * n // 4, n - 12, n - 8, n - 4, n - 1]
    http, body = record.index(b"HTTP/1.1"), record.index(b"<html>")
    return [1, 8, 20, http // 2, http - 1, http + 5, body - 10, body + 5, len(record) // 2, len(record) - 5]


@pytest.mark.parametrize("compressed", [True, False])
def test_second_record_cut_anywhere_is_one_error_after_the_first(tmp_path, compressed):
    """A crawl whose second record is cut, wherever: the first stays a document, the second is one error."""
    articles = polnear_articles(2, paragraphs=2)
    first, second = (warc_record(f"https://news.example/{i}", _article_html(a)) for i, a in enumerate(articles))
    head = gzip.compress(first) if compressed else first
    tail = gzip.compress(second) if compressed else second
    for cut in _cut_points(second, tail if compressed else None):
        path = tmp_path / ("cut.warc.gz" if compressed else "cut.warc")
        path.write_bytes(head + tail[:cut])
        items = list(iter_warc(path))
        assert [type(i).__name__ for i in items] == ["RawDocument", "DocumentError"], cut
        assert items[0].url == "https://news.example/0" and items[1].kind == "truncated"
        assert items[1].source == str(path) and items[1].position
