"""The lake tables are the claimgraph/1 record flattened: every field has a column, and a record survives the trip.

A field added to the model shows up as a column by itself (the schemas are derived); a new list in the
record that no table holds makes the round trip below fail instead of being dropped silently.
"""

from __future__ import annotations

import dataclasses
import io

import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from ingest_helpers import polnear_articles

from claimgraph.config import Options
from claimgraph.lake.records import add_error, add_result, results_of
from claimgraph.lake.tables import TABLES, arrow_type, empty_rows, read_rows, to_arrow
from claimgraph.model import Article, Attribution, Entity, Quantity, Span
from claimgraph.store.dedup import signature


@pytest.fixture(scope="module")
def results():
    from claimgraph.pipeline import Pipeline

    texts = [a["text"] for a in polnear_articles(3, paragraphs=3)]
    return list(Pipeline(Options()).run_many(texts))


def test_every_field_of_the_flattened_classes_is_a_column():
    for table, cls, skip in (("articles", Article, ()), ("attributions", Attribution, ()),
                             ("entities", Entity, ("mentions",)), ("quantities", Quantity, ())):  # fmt: skip
        names = TABLES[table].schema.names
        fields = [f.name for f in dataclasses.fields(cls) if f.name not in skip]
        assert names[0] == "document_id" and names[1 : 1 + len(fields)] == fields
    assert arrow_type(Span | None) == pa.struct([("start", pa.int64()), ("end", pa.int64()), ("text", pa.string())])
    assert pa.types.is_map(TABLES["articles"].schema.field("tags").type)
    assert TABLES["mentions"].schema.names[:2] == ["document_id", "entity_id"]


def test_every_list_of_the_record_has_a_table():
    from claimgraph.lake.records import LISTS
    from claimgraph.model import AnalysisResult

    lists = {f.name for f in dataclasses.fields(AnalysisResult) if str(f.type).startswith("list[")}
    assert lists - {"sentences"} == {"entities", *LISTS}  # sentences ride in articles, mentions under entities


def test_a_record_survives_parquet_unchanged(results):
    from claimgraph.errors import DocumentError

    rows = empty_rows()
    for i, r in enumerate(results):
        add_result(rows, "t", i, (r.document.source, f"line {i + 1}"), r, signature(r.article.body), {"k": [1, 2]})
    add_error(rows, "t", len(results), DocumentError("malformed", "invalid JSON", "c.jsonl", "line 9"))
    shard = {}
    for name, table_rows in rows.items():
        buf = io.BytesIO()
        pq.write_table(to_arrow(name, table_rows), buf)
        buf.seek(0)
        shard[name] = read_rows(pq.ParquetFile(buf).read())
    back = list(results_of(shard))
    assert [b.result.to_dict() for b in back[:-1]] == [r.to_dict() for r in results]
    assert back[0].meta == {"k": [1, 2]} and back[0].minhash == signature(results[0].article.body)
    assert back[-1].result.kind == "malformed" and back[-1].position == "line 9"
    assert sum(len(r.entities) for r in results) == len(rows["entities"]) > 0
