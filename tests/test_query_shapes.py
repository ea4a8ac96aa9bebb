"""One shape for every view: the article API, every twin's record parts, the exports and ``quotes --json``
carry the claimgraph/1 record's fields with its meaning, and the knowledge base's additions only under new names.

Each JSON is validated against the published schema (the whole record, or the ``$defs`` entry of the part a
list embeds), and the record inside the article API is compared with the record the store holds and with a
fresh ``analyze`` of the same input.
"""

from __future__ import annotations

import json

import pytest
from fastapi.testclient import TestClient
from query_helpers import SAMPLE, schema_errors

from claimgraph.query import open_db
from claimgraph.query.article import ENTITY_KB_FIELDS, KB_FIELDS
from claimgraph.query.rows import KB_FIELDS as ATTRIBUTION_KB_FIELDS
from claimgraph.store.read import read_result
from claimgraph.web.app import Settings, create_app
from claimgraph.web.public import without_local_paths


@pytest.fixture(scope="module")
def client(kb_path):
    engine = open_db(kb_path)
    with TestClient(create_app(engine, Settings(db=kb_path))) as c:
        yield c
    engine.dispose()


@pytest.fixture(scope="module")
def doc_ids(client) -> list[str]:
    items = client.get("/api/search", params={"q": "the OR said", "kind": "article", "limit": 50}).json()["items"]
    ids = sorted({h["document_id"] for h in items})
    assert len(ids) == client.get("/api/overview").json()["counts"]["articles"] == 8
    return ids


def without_kb_fields(data: dict) -> dict:
    """The article API's JSON with every field the knowledge base adds taken out again."""
    out = {k: v for k, v in data.items() if k not in KB_FIELDS}
    out["entities"] = [{k: v for k, v in e.items() if k not in ENTITY_KB_FIELDS} for e in data["entities"]]
    out["attributions"] = [{k: v for k, v in x.items() if k not in ATTRIBUTION_KB_FIELDS} for x in data["attributions"]]
    return out


def test_article_api_is_the_stored_record_plus_new_fields(client, kb_path, doc_ids):
    engine = open_db(kb_path)
    with engine.connect() as conn:
        for doc_id in doc_ids:
            data = client.get(f"/api/articles/{doc_id}").json()
            assert not schema_errors(data), doc_id
            stored = without_local_paths(read_result(conn, doc_id).to_dict())  # the web shows file names only
            assert without_kb_fields(data) == stored, doc_id
            for entity in data["entities"]:
                assert not schema_errors(entity, "Entity") and entity["kb_id"].startswith("E")
            for att in data["attributions"]:
                assert not schema_errors(att, "Attribution") and att["document_id"] == doc_id
                assert len(att["target_kb_ids"]) == len(att["targets"]) == len(att["target_names"])
    engine.dispose()


def test_article_api_record_equals_a_fresh_analysis(client, doc_ids, nlp):
    from claimgraph import analyze_many
    from claimgraph.model import RawDocument

    [fresh] = analyze_many([RawDocument(SAMPLE.read_text(encoding="utf-8"), source=str(SAMPLE), format="markdown")])
    assert fresh.document.id in doc_ids
    stored = client.get(f"/api/articles/{fresh.document.id}").json()
    assert without_kb_fields(stored) == without_local_paths(fresh.to_dict())
    assert stored["document"]["source"] == SAMPLE.name  # not the path of the machine that ingested it
    speakers = {x["speaker"]: x["speaker_name"] for x in stored["attributions"] if x["speaker"]}
    local = {e["id"]: e for e in stored["entities"]}
    assert speakers and all(local[e]["kb_name"] == name for e, name in speakers.items())


def _attribution_lists(client) -> list[tuple[str, list[dict]]]:
    gerasimov = client.get("/api/entities", params={"name": "Gerasimov"}).json()["items"][0]["id"]
    entity = client.get(f"/api/entities/{gerasimov}").json()
    us = client.get(f"/api/entities/{entity['accuses'][0]['id']}").json()
    quotes = client.get("/api/search", params={"q": "said OR the", "kind": "quote", "limit": 50}).json()["items"]
    return [
        ("said", entity["said"]["items"]),
        ("about", us["about"]["items"]),
        ("search", [h["attribution"] for h in quotes]),
    ]


def test_every_twin_lists_attributions_in_the_record_shape(client):
    for name, items in _attribution_lists(client):
        assert items, name
        for att in items:
            assert not schema_errors(att, "Attribution"), (name, att["id"])
            whole = client.get(f"/api/articles/{att['document_id']}").json()
            same = next(x for x in whole["attributions"] if x["id"] == att["id"])
            assert {k: v for k, v in att.items() if k != "article"} == same, (name, att["id"])
            if name != "search":  # a search hit names its article beside the attribution, in ``hit["article"]``
                assert att["article"]["document_id"] == att["document_id"]


def test_jsonl_exports_carry_record_parts(kb_path, tmp_path):
    from typer.testing import CliRunner

    from claimgraph.cli import app

    runner = CliRunner()
    rows = {}
    for what in ("attributions", "articles", "records", "entities"):
        target = tmp_path / f"{what}.jsonl"
        result = runner.invoke(app, ["export", "--db", kb_path, "--what", what, "--to", str(target)])
        assert result.exit_code == 0, result.output
        rows[what] = [json.loads(line) for line in target.read_text(encoding="utf-8").splitlines()]
    assert len(rows["records"]) == len(rows["articles"]) == 8 and rows["attributions"]
    for record in rows["records"]:
        assert not schema_errors(record)
    for row in rows["articles"]:
        assert not schema_errors(row, "Article") and row["document_id"].startswith("sha256:")
    for row in rows["attributions"]:
        assert not schema_errors(row, "Attribution")
    records = {r["document"]["id"]: r for r in rows["records"]}
    for row in rows["attributions"]:
        [same] = [a for a in records[row["document_id"]]["attributions"] if a["id"] == row["id"]]
        assert {k: row[k] for k in same} == same
    assert all(set(e) == {"kb_id", "kb_name", "type", "country", "aliases", "articles"} for e in rows["entities"])
    bad = runner.invoke(app, ["export", "--db", kb_path, "--what", "records", "--to", str(tmp_path / "r.csv")])
    assert bad.exit_code != 0


def _walk(node, path: str = ""):
    """Every (path, dict) inside a JSON value."""
    if isinstance(node, dict):
        yield path, node
        for key, value in node.items():
            yield from _walk(value, f"{path}/{key}")
    elif isinstance(node, list):
        for i, value in enumerate(node):
            yield from _walk(value, f"{path}/{i}")


def test_every_twin_names_record_fields_as_the_record_does(client, doc_ids):
    """On every page's JSON twin: each attribution-shaped object is a valid Attribution, a document id is only
    ever ``document_id`` (or the record's ``document.id``), and a ``publisher`` string is always the record's
    publisher name."""
    gerasimov = client.get("/api/entities", params={"name": "Gerasimov"}).json()["items"][0]["id"]
    twins = [
        "/api/overview",
        "/api/search?q=said+OR+Gerasimov&limit=50",
        *[f"/api/articles/{d}" for d in doc_ids],
        "/api/entities?name=Ger",
        f"/api/entities/{gerasimov}",
        "/api/network?recent_days=0",
        f"/api/timeline?entity={gerasimov}",
        "/api/publishers",
        "/api/publishers/globalresearch.ca",
        "/api/publishers/example.net",
    ]
    seen = 0
    for url in twins:
        data = client.get(url).json()
        for path, obj in _walk(data):
            if path.startswith("/query"):
                continue  # the echo of the request's own parameters
            if "speaker_mention" in obj:
                seen += 1
                assert not schema_errors(obj, "Attribution"), (url, path)
            if str(obj.get("id", "")).startswith("sha256:"):
                assert path.endswith("/document"), (url, path)
            if isinstance(obj.get("publisher"), str):  # (a publisher page's subject is an object of its own)
                assert path.endswith("/article") and "body" in obj, (url, path)
    assert seen > 20
