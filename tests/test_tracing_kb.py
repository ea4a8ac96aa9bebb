"""Claim clusters in the knowledge base: built during ingest, kept incrementally, traced and exported."""

from __future__ import annotations

import csv
import json

import pytest
from tracing_helpers import build_tracing_kb
from typer.testing import CliRunner

from claimgraph.cli import app
from claimgraph.query import claims, open_db


@pytest.fixture(scope="module")
def kb_path(tmp_path_factory):
    path = tmp_path_factory.mktemp("tracing_kb") / "kb.sqlite"
    assert build_tracing_kb(path) == (2, 1, 0)
    return path


def test_clusters_are_stored_and_grow_with_a_later_article(kb_path):
    engine = open_db(str(kb_path))
    with engine.connect() as conn:
        (record,) = claims.find_claims(conn, "steel cables")
        assert claims.claim_cluster(conn, record["id"]) == record
        assert claims.claim_cluster(conn, "claim:nothing") is None
    engine.dispose()
    assert record["size"] == 3
    assert record["first"]["publisher"] == "First Post" and record["first"]["published"] == "2025-05-01"
    labels = {m["publisher"]: [c["label"] for c in m["changes"]] for m in record["members"]}
    assert labels["First Post"] == []
    assert labels["Copy Daily"] == ["attribution_dropped"]
    assert labels["Late Wire"] == ["number_changed"]
    late = next(m for m in record["members"] if m["publisher"] == "Late Wire")
    assert (late["changes"][0]["before"], late["changes"][0]["after"]) == ("two", "three")


def test_trace_command_reads_like_a_trace(kb_path):
    out = CliRunner().invoke(app, ["trace", "steel cables", "--db", str(kb_path)])
    assert out.exit_code == 0, out.output
    assert "first: 2025-05-01  First Post" in out.stdout
    assert "Copy Daily: attribution_dropped" in out.stdout
    missing = CliRunner().invoke(app, ["trace", "libraries on the moon", "--db", str(kb_path)])
    assert missing.exit_code == 1


def test_export_claim_clusters(kb_path, tmp_path):
    runner = CliRunner()
    jsonl, table = tmp_path / "clusters.jsonl", tmp_path / "clusters.csv"
    assert (
        runner.invoke(app, ["export", "--db", str(kb_path), "--what", "claim-clusters", "--to", str(jsonl)]).exit_code
        == 0
    )
    records = [json.loads(line) for line in jsonl.read_text().splitlines()]
    assert [r["size"] for r in records] == [3]
    assert set(records[0]) == {"id", "size", "first", "members"}
    assert (
        runner.invoke(app, ["export", "--db", str(kb_path), "--what", "claim-clusters", "--to", str(table)]).exit_code
        == 0
    )
    rows = list(csv.DictReader(table.open()))
    assert len(rows) == 3 and {r["cluster"] for r in rows} == {records[0]["id"]}


@pytest.fixture(scope="module")
def client(kb_path):
    from fastapi.testclient import TestClient

    from claimgraph.web.app import Settings, create_app

    engine = open_db(str(kb_path))
    with TestClient(create_app(engine, Settings(db=str(kb_path), token="tracing-token"))) as c:
        yield c
    engine.dispose()


def _cluster_id(kb_path) -> str:
    engine = open_db(str(kb_path))
    with engine.connect() as conn:
        (record,) = claims.find_claims(conn, "steel cables")
    engine.dispose()
    return record["id"]


def test_api_claim_is_the_record_with_diffs(client, kb_path):
    cid = _cluster_id(kb_path)
    data = client.get(f"/api/claims/{cid}").json()
    assert data["id"] == cid and data["size"] == 3
    first, *rest = data["members"]
    assert first["first"] and not any(m["first"] for m in rest)
    late = next(m for m in rest if m["publisher"] == "Late Wire")
    assert {"op": "removed", "text": "two"} in late["diff"] and {"op": "added", "text": "three"} in late["diff"]
    assert client.get("/api/claims/claim:0000000000000000").status_code == 404


def test_claim_page_marks_first_and_changes(client, kb_path):
    html = client.get(f"/claims/{_cluster_id(kb_path)}").text
    assert "One claim in 3 articles" in html
    assert 'class="badge b-first">first</span>' in html
    assert "<del>two</del>" in html and "<ins>three</ins>" in html
    assert "attribution dropped" in html and "number changed" in html


def test_article_page_marks_claims_seen_elsewhere(client, kb_path):
    engine = open_db(str(kb_path))
    with engine.connect() as conn:
        (record,) = claims.find_claims(conn, "steel cables")
    engine.dispose()
    late = next(m for m in record["members"] if m["publisher"] == "Late Wire")
    data = client.get(f"/api/articles/{late['article']}").json()
    (mark,) = data["claims_elsewhere"]
    assert mark["others"] == 2 and not mark["first"]
    assert (mark["first_publisher"], mark["days_earlier"]) == ("First Post", 5)
    html = client.get(f"/articles/{late['article']}").text
    assert "in 2 other outlets;" in html and "first seen at First Post, 5 days earlier" in html
    first = client.get(f"/api/articles/{record['first']['article']}").json()["claims_elsewhere"]
    assert [c["first"] for c in first] == [True]


def test_entity_page_lists_claims_it_made_first(client, kb_path):
    (hit,) = [e for e in client.get("/api/entities", params={"name": "Maria"}).json()["items"] if "Lopez" in e["name"]]
    data = client.get(f"/api/entities/{hit['id']}").json()
    assert [c["cluster"] for c in data["claims_first"]] == [_cluster_id(kb_path)]
    assert "Claims first made by" in client.get(f"/entities/{hit['id']}").text


def test_search_covers_claims(client, kb_path):
    data = client.get("/api/search", params={"q": "rusted cables"}).json()
    assert [c["cluster"] for c in data["claims"]] == [_cluster_id(kb_path)]
    assert client.get("/api/search", params={"q": "libraries"}).json()["claims"] == []
    html = client.get("/search", params={"q": "rusted cables"}).text
    assert "<title>Search: rusted cables" in html
    assert html.index("Claims seen in several outlets") > html.index("<main")


def test_claim_clusters_on_postgresql():
    from store_helpers import PG_URL, reset_pg

    if not PG_URL:
        pytest.skip("CLAIMGRAPH_TEST_PG_URL is not set (start one with .ci/postgres.sh start)")
    reset_pg(PG_URL)
    assert build_tracing_kb(PG_URL) == (2, 1, 0)
    engine = open_db(PG_URL)
    with engine.connect() as conn:
        (record,) = claims.find_claims(conn, "STEEL cables")
        page = claims.claim_page(conn, record["id"])
    engine.dispose()
    assert record["size"] == 3 and record["first"]["publisher"] == "First Post"
    assert [m["first"] for m in page["members"]] == [True, False, False]
