"""JSON Lines, JSON arrays and CSV corpora: field mapping, presets, and per-record errors that never stop a run."""

from __future__ import annotations

import csv
import gzip
import json

import pytest
from ingest_helpers import FAKENEWS, polnear_articles

from claimgraph.article.dates import find_date
from claimgraph.errors import DocumentError
from claimgraph.ingest.records import FieldMap, iter_csv, iter_json, iter_jsonl, normalise_date
from claimgraph.ingest.sources import field_map, iter_inputs
from claimgraph.model import RawDocument


def _split(items):
    docs = [i for i in items if isinstance(i, RawDocument)]
    errs = [i for i in items if isinstance(i, DocumentError)]
    return docs, errs


def _nela_lines(n=3):
    return [
        {
            "id": a["id"],
            "source": a["publisher"],
            "title": a["title"],
            "content": a["text"],
            "date": a["date"],
            "author": "Jane Roe, John Doe",
            "url": f"https://{a['publisher'].lower().replace(' ', '')}.com/{i}",
        }
        for i, a in enumerate(polnear_articles(n))
    ]


def test_jsonl_with_bad_lines_goes_on(tmp_path):
    good = _nela_lines(3)
    lines = [
        json.dumps(good[0]),
        "{not json",
        json.dumps({**good[1], "content": "   "}),
        "",
        json.dumps(good[1]),
        "[1, 2]",
        json.dumps(good[2]),
    ]
    path = tmp_path / "nela.jsonl"
    path.write_bytes(("\n".join(lines) + "\n").encode() + b'{"content": "caf\xe9"}\n')
    docs, errs = _split(list(iter_jsonl(path, field_map("nela"))))
    assert [d.position for d in docs] == ["line 1", "line 5", "line 7"]
    assert {(e.position, e.kind) for e in errs} == {
        ("line 2", "malformed"),
        ("line 3", "empty"),
        ("line 6", "malformed"),
        ("line 8", "encoding"),
    }
    assert all(e.source == str(path) for e in errs)
    first = docs[0]
    assert first.text == good[0]["content"] and first.url == good[0]["url"]
    assert first.metadata["title"] == good[0]["title"]
    assert first.metadata["authors"] == ["Jane Roe", "John Doe"]
    assert first.metadata["published"] == good[0]["date"]
    assert first.metadata["publisher"] == good[0]["source"]


def test_custom_field_mapping(tmp_path):
    path = tmp_path / "corpus.ndjson"
    art = polnear_articles(1)[0]
    path.write_text(json.dumps({"content": art["text"], "link": "https://www.example.com/a", "when": 1447632000}))
    fields = field_map(None, text="content", url="link", date="when")
    [doc] = list(iter_inputs([str(path)], fields))
    assert doc.url == "https://www.example.com/a" and doc.metadata["published"] == "2015-11-16"


def test_truncated_gzip_jsonl_keeps_what_was_read(tmp_path):
    lines = "".join(json.dumps(r) + "\n" for r in _nela_lines(4)).encode()
    data = gzip.compress(lines)
    path = tmp_path / "nela.jsonl.gz"
    path.write_bytes(data[: len(data) * 3 // 4])
    docs, errs = _split(list(iter_inputs([str(path)], field_map("nela"))))
    assert 1 <= len(docs) < 4
    assert len(errs) == 1 and errs[0].kind == "truncated" and errs[0].position.startswith("after line")


def test_json_array_file_nela_style(tmp_path):
    path = tmp_path / "source.json"
    path.write_text(json.dumps(_nela_lines(2) + ["oops"]))
    docs, errs = _split(list(iter_json(path, field_map("nela"))))
    assert [d.position for d in docs] == ["item 0", "item 1"]
    assert errs[0].position == "item 2" and errs[0].kind == "malformed"


def test_json_array_is_read_item_by_item_across_chunk_boundaries(tmp_path, monkeypatch):
    from claimgraph.ingest import jsonarray

    monkeypatch.setattr(jsonarray, "CHUNK", 7)  # every item, string and escape straddles a boundary
    records = _nela_lines(3)
    records[1]["content"] = "Café “quoted” \\ naïve — 中文 " + records[1]["content"]
    path = tmp_path / "source.json"
    path.write_text("\ufeff [\n " + ",\n".join(json.dumps(r, ensure_ascii=False) for r in records) + " ]\n", "utf-8")
    docs, errs = _split(list(iter_json(path, field_map("nela"))))
    assert not errs and [d.position for d in docs] == ["item 0", "item 1", "item 2"]
    assert docs[1].text.startswith("Café “quoted” \\ naïve — 中文 ")


def test_json_array_broken_midway_keeps_the_items_before(tmp_path):
    good = ",".join(json.dumps(r) for r in _nela_lines(2))
    path = tmp_path / "broken.json"
    path.write_text("[" + good + ', {"content": "never closed", } , ' + json.dumps(_nela_lines(1)[0]) + "]")
    docs, errs = _split(list(iter_json(path, field_map("nela"))))
    assert [d.position for d in docs] == ["item 0", "item 1"]
    assert len(errs) == 1 and errs[0].kind == "malformed" and errs[0].position == "item 2"


def test_truncated_gzip_json_array_keeps_what_was_read(tmp_path):
    data = gzip.compress(json.dumps(_nela_lines(6)).encode())
    path = tmp_path / "source.json.gz"
    path.write_bytes(data[: len(data) * 3 // 4])
    docs, errs = _split(list(iter_inputs([str(path)], field_map("nela"))))
    assert 1 <= len(docs) < 6 and len(errs) == 1
    assert errs[0].kind in {"truncated", "malformed"}


def test_json_single_object_and_empty_array(tmp_path):
    one = tmp_path / "one.json"
    one.write_text(json.dumps(_nela_lines(1)[0]))
    docs, errs = _split(list(iter_json(one, field_map("nela"))))
    assert len(docs) == 1 and not errs
    empty = tmp_path / "empty.json"
    empty.write_text(" [ ] ")
    assert list(iter_json(empty, field_map("nela"))) == []


def test_binary_file_named_json(tmp_path):
    path = tmp_path / "image.json"
    path.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4)
    [err] = list(iter_inputs([str(path)]))
    assert isinstance(err, DocumentError) and err.kind in {"binary", "encoding"}


def test_fakenews_preset_reads_the_shared_sample_in_place():
    if not FAKENEWS.exists():
        pytest.skip("FakeNewsCorpus sample not available")
    items = list(iter_inputs([str(FAKENEWS)], field_map("fakenews")))
    docs, errs = _split(items)
    assert len(items) == 250
    assert all(e.kind == "empty" for e in errs)  # the sample has rows with no content
    doc = docs[0]
    assert doc.position.startswith("row ") and doc.url and doc.metadata["publisher_domain"]
    assert doc.metadata.get("label")
    assert any(d.metadata.get("authors") for d in docs)
    assert any(len(d.text) > 5000 and "\n" in d.text for d in docs)  # long multi-line quoted fields


def test_csv_with_huge_field_and_bad_rows(tmp_path):
    art = polnear_articles(1)[0]
    huge = (art["text"] + "\n\n") * 600  # well past csv's 128 KiB default field limit
    assert len(huge) > 200_000
    path = tmp_path / "corpus.csv"
    with path.open("w", newline="", encoding="utf-8") as fh:
        w = csv.writer(fh)
        w.writerow(["domain", "type", "url", "content", "title", "authors", "scraped_at"])
        w.writerow(["example.com", "reliable", "https://example.com/1", huge, "Huge", "A B", "2018-01-25 16:17:44"])
        w.writerow(["example.com", "fake", "https://example.com/2", "", "Empty", "", ""])
    docs, errs = _split(list(iter_csv(path, field_map("fakenews"))))
    assert len(docs) == 1 and docs[0].text == huge and docs[0].fetched_at.startswith("2018-01-25")
    assert errs[0].position == "row 2" and errs[0].kind == "empty"


def test_dates():
    assert normalise_date("2015-11-16") == "2015-11-16"
    assert normalise_date("Mon, 16 Nov 2015 10:00:00 GMT").startswith("2015-11-16T10:00")
    assert normalise_date("yesterday") is None
    assert normalise_date(1420243200) == "2015-01-03"
    assert normalise_date(True) is None
    assert FieldMap().with_overrides(text="body", url=None).text == "body"


@pytest.mark.parametrize(
    ("written", "iso"),
    [
        ("January 3, 2015", "2015-01-03"),
        ("Jan. 3, 2015", "2015-01-03"),
        ("3 January 2015", "2015-01-03"),
        ("Saturday, January 3, 2015", "2015-01-03"),
        ("13/01/2015", "2015-01-13"),
        ("03/04/2015", None),  # April 3 or March 4: not guessed, as on a page
    ],
)
def test_corpus_dates_written_for_people_are_read_at_ingest(tmp_path, written, iso):
    """A NELA-style ``date`` field in words becomes ``published``, the same reading a page's dateline gets."""
    path = tmp_path / "dated.jsonl"
    path.write_text(json.dumps({"content": "The mayor spoke on Monday.", "date": written}) + "\n", encoding="utf-8")
    (doc,) = list(iter_jsonl(path, field_map("nela")))
    assert doc.metadata.get("published") == iso
    assert doc.metadata.get("date_raw") == (None if iso else written)
    assert find_date(written) is None or find_date(written).iso == iso  # one rule for pages and records


@pytest.mark.parametrize("compressed", [False, True])
def test_jsonl_and_csv_from_stdin(tmp_path, monkeypatch, compressed):
    """``claimgraph ingest - --input-format jsonl`` reads a corpus piped in, plain or gzipped."""
    good = _nela_lines(2)
    data = ("\n".join([json.dumps(good[0]), "{broken", json.dumps(good[1])]) + "\n").encode()
    piped = tmp_path / "piped"
    piped.write_bytes(gzip.compress(data) if compressed else data)
    with piped.open("rb") as fh:
        monkeypatch.setattr("sys.stdin", fh)
        docs, errs = _split(list(iter_inputs(["-"], field_map("nela"), kind="jsonl")))
    assert [d.position for d in docs] == ["line 1", "line 3"]
    assert all(d.source == "<stdin>" for d in docs) and docs[0].metadata["title"] == good[0]["title"]
    assert [(e.source, e.position, e.kind) for e in errs] == [("<stdin>", "line 2", "malformed")]

    rows = tmp_path / "rows.csv"
    with rows.open("w", newline="", encoding="utf-8") as fh:
        writer = csv.DictWriter(fh, fieldnames=["title", "content", "domain"])
        writer.writeheader()
        writer.writerow({"title": good[0]["title"], "content": good[0]["content"], "domain": "example.com"})
    with rows.open("rb") as fh:
        monkeypatch.setattr("sys.stdin", fh)
        docs, errs = _split(list(iter_inputs(["-"], field_map("fakenews"), kind="csv")))
    assert not errs and [d.position for d in docs] == ["row 1"] and docs[0].text.startswith(good[0]["content"][:40])


def test_warc_from_stdin_is_a_clear_error(monkeypatch, tmp_path):
    piped = tmp_path / "piped.warc"
    piped.write_bytes(b"WARC/1.1\r\n")
    with piped.open("rb") as fh:
        monkeypatch.setattr("sys.stdin", fh)
        items = list(iter_inputs(["-"], kind="warc"))
    assert len(items) == 1 and isinstance(items[0], DocumentError) and "stdin" in items[0].message


def test_empty_text_field_is_an_empty_body_not_a_missing_field(tmp_path):
    path = tmp_path / "x.jsonl"
    lines = [{"content": "", "title": "A headline only"}, {"title": "No body at all"}, {"text": "   \n"}]
    path.write_text("\n".join(json.dumps(r) for r in lines) + "\n")
    kinds = [(e.kind, e.message) for e in iter_jsonl(path, FieldMap())]
    assert kinds[0] == ("empty", "record has an empty body")
    assert kinds[1][0] == "malformed" and "no text field" in kinds[1][1]
    assert kinds[2][0] == "empty"
