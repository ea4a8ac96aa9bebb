"""The query layer on PostgreSQL, and migration 3 (dates copied, attribution targets, entity stats) on both backends.

The query KB (tests/query_helpers.py) is built once on SQLite; here its rows are copied into PostgreSQL
and every entity, network and timeline answer must be the same there. The migration test turns a
current KB back into what an older claimgraph wrote (no derived tables, no copied dates, schema at 2)
and checks that migrating it again rebuilds exactly the rows the writer had written.
"""

from __future__ import annotations

import pytest
from sqlalchemy import inspect, select
from store_helpers import PG_URL, db_url, dump, person, reset_pg, result  # noqa: F401  (db_url is a fixture)

from claimgraph.model import Attribution, Content, Cue, Span
from claimgraph.query import entity, map_places, network, open_db, search, timeline
from claimgraph.store import KnowledgeBase, schema
from claimgraph.store.engine import make_engine
from claimgraph.store.migrate import LATEST, current_version, downgrade, migrate


def _copy(src_path: str, url: str) -> None:
    reset_pg(url)
    KnowledgeBase(url).close()  # the schema, by the migrations
    src, dst = make_engine(src_path), make_engine(url)
    with src.connect() as a, dst.begin() as b:
        for table in schema.metadata.sorted_tables:
            if table.name == "schema_version":
                continue
            rows = [dict(r._mapping) for r in a.execute(select(table))]
            if rows:
                b.execute(table.insert(), rows)
    src.dispose()
    dst.dispose()


def _comparable(data: dict) -> dict:
    """An entity page with lists reduced to what both backends must agree on (ties may sort differently)."""
    out = {k: data[k] for k in ("entity", "said_by_stance", "said_by_month")}
    for key in ("said", "about", "articles"):
        out[key] = (data[key]["total"], sorted(str((i.get("document_id"), i.get("id"))) for i in data[key]["items"]))
    for key in ("accuses", "accused_by"):
        out[key] = sorted((x["id"], x["count"]) for x in data[key])
    for key in ("events_as_source", "events_as_target"):
        out[key] = (data[key]["total"], sorted(str((i["document_id"], i["event_id"])) for i in data[key]["items"]))
    return out


@pytest.mark.slow  # a server or CLI subprocesses: seconds
def test_query_layer_agrees_on_postgresql(kb_path):
    if not PG_URL:
        pytest.skip("CLAIMGRAPH_TEST_PG_URL is not set (start one with .ci/postgres.sh start)")
    _copy(kb_path, PG_URL)
    lite, pg = open_db(kb_path), open_db(PG_URL)
    try:
        with lite.connect() as a, pg.connect() as b:
            ids = [r[0] for r in a.exec_driver_sql("SELECT entity_id FROM entity_stats GROUP BY entity_id")]
            assert ids
            for eid in ids:
                assert _comparable(entity(a, eid, limit=500)) == _comparable(entity(b, eid, limit=500)), eid
                for role in ("said", "about"):
                    assert timeline(a, entity=eid, role=role) == timeline(b, entity=eid, role=role)
                hits = [
                    sorted(
                        (h["document_id"], (h.get("attribution") or {}).get("id"))
                        for h in search(c, "said", entity=eid, kind="quote", limit=500)["items"]
                    )
                    for c in (a, b)
                ]
                assert hits[0] == hits[1]
            for kwargs in (
                {},
                {"recent_days": 0},
                {"stance": "accuse"},
                {"date_from": "2015-01-01", "date_to": "2015-12-31"},
                {"publisher": "globalresearch.ca"},
                {"entity": ids[0]},
            ):
                edges = [sorted(str(e) for e in network(c, **kwargs)["edges"]["items"]) for c in (a, b)]
                assert edges[0] == edges[1], kwargs
            assert network(a, recent_days=0)["edges"]["total"] > 0
            assert map_places(a) == map_places(b) and map_places(a)["places"]
    finally:
        lite.dispose()
        pg.dispose()


def _targeted(body: str, published: str) -> object:
    """An article where Walker accuses Harbor (a KB target), so attribution_targets gets a row."""
    walker = person("e1", body, "Alice Walker")
    harbor = person("e2", body, "Harbor Authority", etype="ORG")
    res = result(body, [walker, harbor], source=f"t-{published}", published=published)
    start = body.find("lied")
    res.attributions.append(
        Attribution(
            id="a1",
            content=Content(start, start + 4, "lied"),
            cue=Cue(0, 4, "said", "say"),
            speaker="e1",
            speaker_mention=Span(walker.mentions[0].start, walker.mentions[0].end, "Alice Walker"),
            kind="indirect",
            stance="accuse",
            targets=["e2", "e2"],
        )
    )
    return res


def test_migration_3_backfills_what_the_writer_writes(db_url):  # noqa: F811
    docs = [
        _targeted(f"Alice Walker said the Harbor Authority lied about item {i}. It denied it.", day)
        for i, day in enumerate(["2024-01-05", "2024-01-20", "2024-02-03", None])
    ]
    with KnowledgeBase(db_url) as kb:
        kb.ingest(docs)
        written = dump(kb.engine)
    assert len(written["attribution_targets"]) == 4  # one per attribution: the repeated target counts once
    said = [r for r in written["entity_stats"] if "'said'" in r]
    assert sorted((r[2], r[4]) for r in said) == [("''", "1"), ("'2024-01'", "2"), ("'2024-02'", "1")]
    engine = make_engine(db_url)
    assert downgrade(engine, "0002") == "0002"  # what a KB written before migration 3 holds
    with engine.connect() as conn:
        assert not inspect(conn).has_table("attribution_targets")
    assert migrate(engine) == LATEST
    assert dump(engine) == written
    with engine.connect() as conn:
        assert current_version(conn) == LATEST
    engine.dispose()
    with KnowledgeBase(db_url) as kb:  # the writer goes on adding to the backfilled counts
        kb.ingest([_targeted("Alice Walker said the Harbor Authority lied again. It denied it.", "2024-02-09")])
        stats = dump(kb.engine)["entity_stats"]
    assert sum(int(r[4]) for r in stats if "'said'" in r and "'2024-02'" in r) == 2
