"""Places and events in the KB: /map and its JSON twin, the entity page's events, the GDELT export."""

from __future__ import annotations

import re

import pytest
from fastapi.testclient import TestClient
from typer.testing import CliRunner

from claimgraph.cli import app
from claimgraph.events.gdelt import COLUMNS
from claimgraph.query import open_db
from claimgraph.store.read import read_results
from claimgraph.web.app import Settings, create_app


@pytest.fixture(scope="module")
def client(kb_path):
    engine = open_db(kb_path)
    with TestClient(create_app(engine, Settings(db=kb_path))) as c:
        yield c
    engine.dispose()


def test_api_map_counts_places_and_events(client):
    data = client.get("/api/map").json()
    by_name = {p["name"]: p for p in data["places"]}
    for name in ("Syria", "Libya", "Iraq"):
        assert by_name[name]["country"] in ("SYR", "LBY", "IRQ") and by_name[name]["mentions"] >= 1
    assert data["totals"]["events"] >= 1 and data["totals"]["resolved"] <= data["totals"]["mentions"]
    assert any(p["events"] > 0 for p in data["places"])
    counts = [p["mentions"] for p in data["places"]]
    assert counts == sorted(counts, reverse=True)


def test_map_page_draws_the_outline_and_the_places_offline(client):
    html = client.get("/map").text
    assert '<svg id="worldmap"' in html and html.count("<path d=") >= 150
    assert len(re.findall(r'<circle class="place"', html)) == len(client.get("/api/map").json()["places"])
    assert "<script" not in html.split("<main>", 1)[1] and "http" not in re.sub(
        r'xmlns="[^"]+"', "", html.split("<main>", 1)[1]
    )
    twin = re.search(r'class="json" href="([^"]+)"', html).group(1)
    assert twin == "/api/map"


def test_entity_page_lists_events_as_source_and_target(client):
    found = client.get("/api/entities", params={"name": "Russia"}).json()["items"]
    russia = next(e for e in found if e["name"] == "Russia")
    data = client.get(f"/api/entities/{russia['id']}").json()
    accusations = [v for v in data["events_as_source"]["items"] if v["type"] == "ACCUSE"]
    assert accusations and any(v["counterpart"]["country"] == "USA" for v in accusations)
    usa = next(v["counterpart"]["entity_id"] for v in accusations if v["counterpart"]["entity_id"])
    target_side = client.get(f"/api/entities/{usa}").json()["events_as_target"]["items"]
    assert any(v["type"] == "ACCUSE" for v in target_side)
    html = client.get(f"/entities/{russia['id']}").text
    assert 'id="events_as_source"' in html and "ACCUSE" in html


def test_stored_records_keep_places_and_events(kb_path):
    engine = open_db(kb_path)
    with engine.connect() as conn:
        from sqlalchemy import select

        from claimgraph.store import schema as s

        ids = [r.document_id for r in conn.execute(select(s.events.c.document_id).distinct())]
        records = read_results(conn, ids)
    engine.dispose()
    assert records and all(r.events for r in records)
    for r in records:
        places = {p.id for p in r.places}
        assert all(e.place is None or e.place in places for e in r.events)
        assert all(r.article.body[p.start : p.end] == p.text for p in r.places)


def test_export_events_tsv_in_gdelt_order(kb_path, tmp_path):
    out = tmp_path / "events.tsv"
    result = CliRunner().invoke(app, ["export", "--db", kb_path, "--what", "events", "--to", str(out)])
    assert result.exit_code == 0, result.output
    lines = out.read_text(encoding="utf-8").splitlines()
    assert lines[0].split("\t") == list(COLUMNS) and len(lines) > 1
    rows = [dict(zip(COLUMNS, line.split("\t"), strict=True)) for line in lines[1:]]
    accuse = [r for r in rows if r["PloverType"] == "ACCUSE" and r["Actor1CountryCode"] == "RUS"]
    assert accuse and accuse[0]["EventRootCode"] == "11" and accuse[0]["QuadClass"] == "3"
