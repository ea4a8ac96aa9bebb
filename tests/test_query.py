"""The query layer (claimgraph.query) on a knowledge base built from real articles."""

from __future__ import annotations

from pathlib import Path

import pytest
from query_helpers import SCRIPT

from claimgraph.errors import ClaimgraphError
from claimgraph.query import article, entity, lookup, network, open_db, overview, publisher, search, timeline
from claimgraph.query.search import split_snippet


@pytest.fixture()
def conn(kb_path):
    engine = open_db(kb_path)
    with engine.connect() as c:
        yield c
    engine.dispose()


def _id(conn, name: str) -> str:
    return lookup(conn, name, limit=1)[0]["id"]


def _doc(conn, publisher_id: str) -> str:
    return publisher(conn, publisher_id)["articles"]["items"][0]["document_id"]


def test_open_db_refuses_a_missing_file_and_is_read_only(tmp_path, kb_path):
    with pytest.raises(ClaimgraphError, match="no knowledge base"):
        open_db(str(tmp_path / "nope.sqlite"))
    assert not (tmp_path / "nope.sqlite").exists()
    engine = open_db(kb_path)
    with engine.connect() as c, pytest.raises(Exception, match="readonly|read-only|query_only"):
        c.exec_driver_sql("DELETE FROM errors")
    engine.dispose()


def test_overview_counts(conn):
    data = overview(conn)
    assert data["counts"]["articles"] == 8
    assert data["counts"]["attributions"] > 20
    assert data["recent"][0]["published"] >= data["recent"][-1]["published"]


def test_search_ranks_articles_and_quotes_with_highlights(conn):
    data = search(conn, "Gerasimov")
    assert data["total"] >= 1
    hit = data["items"][0]
    assert hit["article"]["publisher_id"] == "globalresearch.ca"
    start, end = hit["highlights"][0]
    assert hit["snippet"][start:end] == "Gerasimov"
    quotes = search(conn, '"substations were failing"', kind="quote")
    assert quotes["total"] >= 1 and all(h["kind"] == "quote" for h in quotes["items"])
    assert "Bennett" in quotes["items"][0]["attribution"]["speaker_name"]


def test_search_filters(conn):
    assert search(conn, "substations", publisher="northernledger.org")["total"] >= 1
    assert all(
        h["article"]["publisher_id"] == "northernledger.org"
        for h in search(conn, "substations", publisher="northernledger.org")["items"]
    )
    assert search(conn, "Gerasimov", date_from="2016-01-01")["total"] == 0
    assert search(conn, "Gerasimov", date_from="2015-01-03", date_to="2015-01-03")["total"] >= 1
    accusations = search(conn, "Syria OR ISIS OR substations OR Harbor", stance="accuse")
    assert accusations["total"] >= 1
    assert all(h["kind"] == "quote" and h["attribution"]["stance"] == "accuse" for h in accusations["items"])
    gerasimov = _id(conn, "Gerasimov")
    by_entity = search(conn, "Syria", entity=gerasimov)
    assert by_entity["total"] >= 1
    example_id = _doc(conn, "globalresearch.ca")  # the only article that mentions Gerasimov
    assert all(h["document_id"] == example_id for h in by_entity["items"])


def test_search_pagination_is_one_ordering(conn):
    full = search(conn, "said OR the", limit=50)
    assert full["total"] > 6
    first, second = search(conn, "said OR the", limit=3), search(conn, "said OR the", limit=3, offset=3)
    assert first["next_offset"] == 3
    keys = [(h["kind"], h["document_id"], h["snippet"]) for h in first["items"] + second["items"]]
    assert keys == [(h["kind"], h["document_id"], h["snippet"]) for h in full["items"][:6]]
    assert search(conn, "the", limit=10_000)["limit"] == 500  # no unbounded page


def test_search_with_many_matches_pages_newest_first(conn, monkeypatch):
    import sys

    monkeypatch.setattr(sys.modules["claimgraph.query.search"], "RANK_LIMIT", 2)
    full = search(conn, "said OR the", limit=12)
    assert full["order"] == "newest" and len(full["items"]) == 12
    first, second = search(conn, "said OR the", limit=6), search(conn, "said OR the", limit=6, offset=6)
    assert [h["snippet"] for h in first["items"] + second["items"]] == [h["snippet"] for h in full["items"]]
    assert all(h["highlights"] for h in full["items"])


@pytest.mark.parametrize(
    "q",
    [
        "'; DROP TABLE articles; --",
        '" OR 1=1 --',
        "Gerasimov%' OR '1'='1",
        "NEAR(a b)",
        "col:body",
        "*",
        "a AND",
        '"unbalanced',
        "\\x00",
        "()",
        "^start",
    ],
)
def test_search_sql_metacharacters_are_just_text(conn, q):
    data = search(conn, q)
    assert isinstance(data["items"], list)
    assert overview(conn)["counts"]["articles"] == 8


def test_split_snippet():
    assert split_snippet("a \x02bc\x03 d") == ("a bc d", [[2, 4]])


def test_article_spans_and_provenance(conn):
    doc = _doc(conn, "northernledger.org")
    data = article(conn, doc)
    body = data["article"]["body"]
    quote = next(a for a in data["attributions"] if "substations were failing" in a["content"]["text"])
    c = quote["content"]
    assert body[c["start"] : c["end"]] == c["text"]
    types = {s["type"] for s in data["spans"]}
    assert {"quote", "speaker", "cue", "entity"} <= types
    assert types <= {"quote", "speaker", "cue", "entity", "unattributed", "quantity", "hedge", "propaganda"}
    assert data["spans"] == sorted(data["spans"], key=lambda s: (s["start"], -s["end"], s["type"]))
    for span in data["spans"]:
        assert 0 <= span["start"] < span["end"] <= len(body)
    assert data["article"]["original_source"] == "The Carlisle Courier"
    assert [c["publisher_id"] for c in data["kb_copies"]["copies"]] == ["example.net"]
    copy = article(conn, data["kb_copies"]["copies"][0]["document_id"])
    assert copy["kb_copies"]["copy_of"]["origin"]["document_id"] == doc
    assert article(conn, "sha256:nope") is None


def test_entity_sections(conn):
    gerasimov = _id(conn, "Gerasimov")
    data = entity(conn, gerasimov, limit=3)
    assert data["entity"]["name"] == "Valery Gerasimov"
    assert data["said"]["total"] == sum(data["said_by_stance"].values()) >= 5
    assert len(data["said"]["items"]) == 3 and data["said"]["next_offset"] == 3
    assert any(x["name"] == "United States" for x in data["accuses"])
    accused = data["accuses"][0]["id"]
    us = entity(conn, accused)
    assert any(x["id"] == gerasimov for x in us["accused_by"])
    assert us["about"]["total"] >= 2
    assert all(accused in a["target_kb_ids"] for a in us["about"]["items"])
    only = entity(conn, gerasimov, stance="accuse")
    assert {a["stance"] for a in only["said"]["items"]} == {"accuse"}
    assert entity(conn, "Enope") is None


def test_network_edges_and_filters(conn):
    recent = network(conn)  # no filter: the 90 days up to the newest article
    assert recent["query"]["window"] == {"date_from": "2024-02-07", "date_to": "2024-05-06"}
    assert all(e["source"] != _id(conn, "Gerasimov") for e in recent["edges"]["items"])  # his article is of 2015
    data = network(conn, recent_days=0)
    assert data["query"]["window"] is None and data["edges"]["total"] > recent["edges"]["total"]
    edges = data["edges"]["items"]
    assert edges and all(e["weight"] >= 1 for e in edges)
    names = {n["id"]: n["name"] for n in data["nodes"]}
    pairs = {(names[e["source"]], names[e["target"]], e["stance"]) for e in edges}
    assert ("Valery Gerasimov", "United States", "accuse") in pairs
    assert network(conn, date_from="2030-01-01")["edges"]["total"] == 0
    only = network(conn, publisher="globalresearch.ca")["edges"]["items"]
    assert only and len(only) < len(edges)
    ego = network(conn, entity=_id(conn, "Gerasimov"))
    assert ego["edges"]["items"] and all(
        _id(conn, "Gerasimov") in (e["source"], e["target"]) for e in ego["edges"]["items"]
    )
    assert network(conn, stance="accuse", recent_days=0)["edges"]["total"] <= data["edges"]["total"]


def test_timeline(conn):
    gerasimov = _id(conn, "Gerasimov")
    weekly = timeline(conn, entity=gerasimov, interval="week")
    assert weekly["buckets"][0]["period"] == "2014-12-29"  # the Monday of 2015-01-03's week
    assert weekly["total"] == entity(conn, gerasimov)["said"]["total"]
    assert timeline(conn, q="substations", interval="day")["buckets"]
    with pytest.raises(ValueError):
        timeline(conn)


def test_publisher_republications(conn):
    mirror = publisher(conn, "example.net")
    assert mirror["republications"]["items"][0]["origin"]["publisher_id"] == "northernledger.org"
    assert mirror["republished_from"] == [{"source": "northernledger.org", "count": 1}]
    assert publisher(conn, "northernledger.org")["copied_by"] == [{"publisher_id": "example.net", "count": 1}]
    assert publisher(conn, "nope.example") is None


def test_hostile_text_is_stored_verbatim(conn):
    hit = search(conn, "Harbor Authority", kind="quote")["items"][0]
    assert SCRIPT in article(conn, hit["document_id"])["article"]["body"]


def test_cli_query_and_export(kb_path, tmp_path: Path):
    import csv
    import json

    import networkx as nx
    import pyarrow.parquet as pq
    from typer.testing import CliRunner

    from claimgraph.cli import app

    runner = CliRunner()
    out = runner.invoke(app, ["query", "search", "Gerasimov", "--db", kb_path, "--json"])
    assert out.exit_code == 0, out.output
    assert json.loads(out.stdout)["total"] >= 1
    out = runner.invoke(app, ["query", "entity", "Gerasimov", "--db", kb_path])
    assert out.exit_code == 0 and "Valery Gerasimov" in out.stdout
    for args in (["network"], ["timeline", "--entity", "Gerasimov"], ["publisher", "globalresearch.ca"]):
        result = runner.invoke(app, ["query", *args, "--db", kb_path])
        assert result.exit_code == 0, (args, result.output)
    assert runner.invoke(app, ["query", "search", "x", "--db", str(tmp_path / "missing.sqlite")]).exit_code == 2

    for what, suffix in (
        ("attributions", "csv"),
        ("entities", "jsonl"),
        ("articles", "parquet"),
        ("network", "graphml"),
        ("network", "csv"),
    ):
        target = tmp_path / f"{what}.{suffix}"
        result = runner.invoke(app, ["export", "--db", kb_path, "--what", what, "--to", str(target)])
        assert result.exit_code == 0, result.output
        assert target.stat().st_size > 0
    rows = list(csv.DictReader((tmp_path / "attributions.csv").open(encoding="utf-8")))
    assert len(rows) == overview_count(kb_path, "attributions")
    assert pq.read_table(tmp_path / "articles.parquet").num_rows == 8
    graph = nx.read_graphml(tmp_path / "network.graphml")
    assert any(data.get("label") == "Valery Gerasimov" for _, data in graph.nodes(data=True))
    bad = runner.invoke(app, ["export", "--db", kb_path, "--what", "entities", "--to", str(tmp_path / "x.graphml")])
    assert bad.exit_code != 0


def overview_count(kb_path: str, table: str) -> int:
    engine = open_db(kb_path)
    with engine.connect() as c:
        n = overview(c)["counts"][table]
    engine.dispose()
    return n


def test_search_counts_stop_past_max_count(conn, monkeypatch):
    import sys

    mod = sys.modules["claimgraph.query.search"]
    exact = search(conn, "said OR the", limit=5)
    assert exact["total_is_lower_bound"] is False
    monkeypatch.setattr(mod, "MAX_COUNT", 3)
    monkeypatch.setattr(mod, "RANK_LIMIT", 2)
    capped = search(conn, "said OR the", limit=5)
    assert capped["total"] == 3 and capped["total_is_lower_bound"] is True
    assert capped["order"] == "newest" and len(capped["items"]) == 5
    assert all(h["score"] == 0 for h in capped["items"])  # newest first: no bm25 computed


def test_python_snippets_mark_only_real_forms_of_the_words():
    from claimgraph.query.search import _python_snippet, _word_pattern

    pattern, lits = _word_pattern([["MGM", "Grand"], ["health care", "policies"]])
    body = "The awarded war. Health  care policy at the MGM Grand; grandstanding."
    text, marks = split_snippet(_python_snippet(body, pattern, lits, 20))
    assert [text[a:b] for a, b in marks] == ["Health  care", "policy", "MGM", "Grand"]
    pattern, lits = _word_pattern([["war"]])
    assert split_snippet(_python_snippet(body, pattern, lits, 5))[0] == "The awarded war. Health  care…"
    assert _python_snippet("nothing here", pattern, lits, 20) is None  # FTS5's snippet() takes over
    long = " ".join(["filler"] * 100) + " the war began " + " ".join(["more"] * 100)
    text, marks = split_snippet(_python_snippet(long, pattern, lits, 20))
    assert text.startswith("…") and text.endswith("…") and [text[a:b] for a, b in marks] == ["war"]
    assert len(text.split()) <= 21


def test_search_snippets_highlight_the_query(conn):
    for q in ("Gerasimov", "said", "substations"):
        for hit in search(conn, q, limit=50)["items"]:
            assert hit["highlights"], (q, hit["snippet"])
