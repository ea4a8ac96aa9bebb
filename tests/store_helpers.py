"""Backend fixture for the store tests: every test runs on SQLite and, when CLAIMGRAPH_TEST_PG_URL is set, PostgreSQL.

Start a throwaway PostgreSQL with ``eval "$(bash .ci/postgres.sh start)"``.
"""

from __future__ import annotations

import os

import pytest
from sqlalchemy import select

from claimgraph.model import AnalysisResult, Article, Attribution, Content, Cue, Document, Entity, Mention, Span
from claimgraph.pipeline import document_id
from claimgraph.store import schema

PG_URL = os.environ.get("CLAIMGRAPH_TEST_PG_URL")


def reset_pg(url: str) -> None:
    from claimgraph.store.engine import make_engine

    engine = make_engine(url)
    with engine.begin() as conn:
        conn.exec_driver_sql("DROP SCHEMA public CASCADE")
        conn.exec_driver_sql("CREATE SCHEMA public")
    engine.dispose()


@pytest.fixture(params=["sqlite", "postgresql"])
def db_url(request, tmp_path):
    """A fresh, empty database URL for each backend."""
    if request.param == "sqlite":
        return str(tmp_path / "kb.sqlite")
    if not PG_URL:
        pytest.skip("CLAIMGRAPH_TEST_PG_URL is not set (start one with .ci/postgres.sh start)")
    reset_pg(PG_URL)
    return PG_URL


# The attribution stage's confidence depends on what else the same process analysed before (seen at 2 workers vs 1);
# it is that stage's score, not something the store decides, so whole-KB comparisons leave it out.
VOLATILE = {"attributions": {"confidence"}}


def dump(engine) -> dict[str, list[tuple]]:
    """Every row of every KB table (schema_version's timestamps aside), sorted: for whole-KB comparisons."""
    out = {}
    with engine.connect() as conn:
        for name, table in schema.metadata.tables.items():
            if name == "schema_version":
                continue
            columns = [c for c in table.columns if c.name not in VOLATILE.get(name, set())]
            rows = conn.execute(select(*columns)).all()
            out[name] = sorted(tuple(repr(v) for v in r) for r in rows)
    return out


def person(eid: str, body: str, *surfaces: str, etype: str = "PERSON") -> Entity:
    """An article entity with a mention at each occurrence of each surface form in ``body``."""
    mentions = []
    for surface in surfaces:
        start = body.find(surface)
        while start >= 0:
            mentions.append(Mention(start, start + len(surface), surface, "name"))
            start = body.find(surface, start + 1)
    return Entity(id=eid, name=surfaces[0], type=etype, mentions=mentions)


def result(
    body: str,
    entities: list[Entity] = (),
    source: str = "test",
    published: str | None = None,
    publisher_domain: str | None = None,
    original_source: str | None = None,
    quote: tuple[str, str] | None = None,
) -> AnalysisResult:
    """A hand-built AnalysisResult (no spaCy), optionally with one attribution ``(speaker local id, quoted text)``."""
    article = Article(
        body=body,
        published=published,
        publisher_domain=publisher_domain,
        original_source=original_source,
        title=body.split(".")[0][:60],
    )
    attributions = []
    if quote:
        speaker, text = quote
        start = body.find(text)
        ent = next(e for e in entities if e.id == speaker)
        m = ent.mentions[0]
        attributions.append(
            Attribution(
                id="a1",
                content=Content(start, start + len(text), text),
                cue=Cue(0, 4, "said", "say"),
                speaker=speaker,
                speaker_mention=Span(m.start, m.end, m.text),
                kind="direct",
                targets=[],
            )
        )
    doc = Document(id=document_id(body, source), source=source, format="text")
    return AnalysisResult(document=doc, article=article, entities=list(entities), attributions=attributions)
