"""The KB on SQLite and PostgreSQL: schema versions, idempotent ingest, status/errors, search, linking, copies."""

from __future__ import annotations

import pytest
from ingest_helpers import polnear_articles
from sqlalchemy import inspect
from store_helpers import db_url, dump, person, result  # noqa: F401  (db_url is a fixture)

from claimgraph.errors import DocumentError
from claimgraph.store import KnowledgeBase, schema
from claimgraph.store.migrate import LATEST, head

STORY = (
    "Russia's chief of General Staff, Valery Gerasimov, on Wednesday lashed out at the United States for being "
    "responsible in providing the conditions for Islamic State radicals to grow. Gerasimov said the West had "
    "ignored the warnings of Moscow for years, and that the sanctions imposed on Russia had failed to change its "
    "course in Ukraine. The general told a meeting of defence attaches in Moscow that NATO was expanding its "
    "presence near Russian borders and that the alliance was preparing for a long confrontation with the Kremlin. "
    "Analysts in Washington said the speech was meant for a domestic audience more than for foreign capitals."
)


@pytest.fixture
def kb(db_url):  # noqa: F811
    base = KnowledgeBase(db_url)
    yield base
    base.close()


def test_schema_is_versioned_and_reopening_is_a_noop(db_url):  # noqa: F811
    with KnowledgeBase(db_url) as first:
        assert first.schema_version == LATEST
    with KnowledgeBase(db_url) as again:
        assert again.schema_version == LATEST
        assert again.status()["documents"] == 0


def test_the_revisions_build_what_schema_py_declares(db_url):  # noqa: F811
    """Alembic's head is LATEST, and the tables it built have schema.py's columns and indexes, no more, no less."""
    assert head() == LATEST
    with KnowledgeBase(db_url) as kb, kb.engine.connect() as conn:
        found = inspect(conn)
        extra = {"alembic_version", "articles_fts", "quotes_fts"} | {
            t for t in found.get_table_names() if t.startswith(("articles_fts_", "quotes_fts_"))
        }
        assert set(found.get_table_names()) - extra == set(schema.metadata.tables)
        for name, table in schema.metadata.tables.items():
            columns = {c["name"] for c in found.get_columns(name)} - {"tsv"}  # PostgreSQL's full-text column
            assert columns == {c.name for c in table.columns}, name
            indexes = {ix["name"] for ix in found.get_indexes(name)} - {f"ix_{name}_tsv"}
            assert indexes == {ix.name for ix in table.indexes}, name


def test_ingest_twice_adds_nothing_and_errors_are_kept(kb):
    body = STORY
    r = result(body, [person("e1", body, "Valery Gerasimov", "Gerasimov")], quote=("e1", "the West had ignored"))
    err = DocumentError("malformed", "invalid JSON: Expecting value", "nela.jsonl", "line 7")
    first = kb.ingest([r, err])
    assert (first.added, first.errors) == (1, 1)
    before = dump(kb.engine)
    second = kb.ingest([r, err])
    assert (second.added, second.duplicates) == (0, 1)
    assert dump(kb.engine) == before
    status = kb.status()
    assert status["documents"] == 1 and status["attributions"] == 1 and status["errors"] == 1
    assert status["entities"] == 1 and status["mentions"] == 3  # "Gerasimov" also inside the full name
    [e] = kb.errors()
    assert e == {
        "source": "nela.jsonl",
        "position": "line 7",
        "kind": "malformed",
        "message": "invalid JSON: Expecting value",
    }


def test_search_bodies_and_quotes(kb):
    arts = polnear_articles(3)
    kb.ingest([result(a["text"], source=a["id"]) for a in arts])
    body = STORY
    kb.ingest([result(body, [person("e1", body, "Valery Gerasimov")], quote=("e1", "the West had ignored"))])
    hits = kb.search("Gerasimov")
    assert hits and hits[0]["document_id"].startswith("sha256:") and "Gerasimov" in hits[0]["snippet"]
    quotes = [h for h in kb.search('"West had ignored"') if h["kind"] == "quote"]
    assert len(quotes) == 1 and quotes[0]["attribution"]["id"] == "a1"
    word = arts[0]["text"].split()[3].strip(",.")
    assert any(h["kind"] == "article" for h in kb.search(word))
    assert kb.search("zzzyzzy OR Gerasimov")  # OR of alternatives
    assert kb.search("") == []


def test_entities_link_across_articles(kb):
    bodies = [
        STORY,
        "Gen. Valery Gerasimov met defence attaches on Monday. Gerasimov repeated the warning about NATO forces.",
        "Gerasimov spoke again on Friday about the exercises near the border with Poland and Lithuania.",
        "Valeriy Gerasimov, the chief of staff, was not available for comment, a ministry spokesman said.",
    ]
    kb.ingest(
        [
            result(bodies[0], [person("e1", bodies[0], "Valery Gerasimov", "Gerasimov")], source="a"),
            result(bodies[1], [person("e1", bodies[1], "Gen. Valery Gerasimov", "Gerasimov")], source="b"),
            result(bodies[2], [person("e1", bodies[2], "Gerasimov")], source="c"),
            result(bodies[3], [person("e1", bodies[3], "Valeriy Gerasimov")], source="d"),
        ]
    )
    [entity] = kb.find_entities("Gerasimov")
    assert entity["name"] == "Valery Gerasimov"
    assert len(kb.entity_articles(entity["id"])) == 4
    assert kb.status()["entities"] == 1


def test_ambiguous_surname_is_not_guessed(kb):
    a = "Alexei Gerasimov, a hockey coach, said the team would win. Valery Gerasimov was not at the game."
    b = "Gerasimov said nothing about the game on Sunday, according to people close to the team."
    kb.ingest(
        [
            result(a, [person("e1", a, "Alexei Gerasimov"), person("e2", a, "Valery Gerasimov")], source="a"),
            result(b, [person("e1", b, "Gerasimov")], source="b"),
        ]
    )
    names = sorted(e["name"] for e in kb.find_entities("Gerasimov"))
    assert names == ["Gerasimov"]  # its own surname-only entity, not either full name
    assert kb.status()["entities"] == 3


def test_republished_copies_point_to_the_earliest(kb):
    origin = STORY
    copy1 = "By Kalyan Kumar. " + STORY + " Copyright International Business Times."
    copy2 = STORY.replace("Wednesday", "Thursday") + " Share this article."
    other = polnear_articles(1)[0]["text"]
    kb.ingest(
        [
            result(
                copy1,
                source="globalresearch",
                published="2015-01-05",
                publisher_domain="globalresearch.ca",
                original_source="International Business Times",
            ),
            result(other, source="other", published="2015-01-01"),
            result(origin, source="ibt", published="2015-01-03", publisher_domain="ibtimes.com"),
            result(copy2, source="mirror", published=None, publisher_domain="mirror.example"),
        ]
    )
    from sqlalchemy import select

    from claimgraph.store import schema

    with kb.engine.connect() as conn:
        rows = conn.execute(
            select(schema.copies, schema.documents.c.source).join(
                schema.documents, schema.documents.c.id == schema.copies.c.document_id
            )
        ).all()
        ids = dict(conn.execute(select(schema.documents.c.source, schema.documents.c.id)).all())
    by_source = {r.source: r for r in rows}
    assert set(by_source) == {"globalresearch", "mirror"}
    assert by_source["globalresearch"].origin_id == ids["ibt"]
    assert by_source["globalresearch"].origin_name == "International Business Times"
    assert by_source["mirror"].origin_id == ids["ibt"] and by_source["mirror"].similarity > 0.6


def test_declared_origin_without_a_copy_in_the_kb(kb):
    body = polnear_articles(1)[0]["text"]
    kb.ingest([result(body, original_source="Associated Press")])
    assert kb.status()["copies"] == 1


def test_a_second_writer_is_refused_while_one_runs(db_url):  # noqa: F811
    from claimgraph.errors import ClaimgraphError

    with KnowledgeBase(db_url) as a, KnowledgeBase(db_url) as b:
        with a._writer.exclusive(), pytest.raises(ClaimgraphError, match="another ingest"):
            b.ingest([result(STORY)])
        assert b.ingest([result(STORY)]).added == 1


def test_a_second_writer_waits_for_the_first_when_asked(db_url):  # noqa: F811
    """Given a wait, the second writer says so once, then writes as soon as the first lets go (or gives up)."""
    import threading

    from claimgraph.store.lock import WriterBusy

    said: list[str] = []
    with KnowledgeBase(db_url) as a, KnowledgeBase(db_url, wait=60, on_wait=said.append) as b:
        with KnowledgeBase(db_url, wait=0.5) as c, a._writer.exclusive(), pytest.raises(WriterBusy, match="0.5 s"):
            c.ingest([result(STORY)])
        held, release = threading.Event(), threading.Event()

        def first() -> None:
            with a._writer.exclusive():
                held.set()
                release.wait(30)

        thread = threading.Thread(target=first)
        thread.start()
        held.wait(30)
        threading.Timer(1.0, release.set).start()
        assert b.ingest([result(STORY)]).added == 1
        thread.join()
    assert len(said) == 1 and "another ingest is writing to" in said[0] and "waiting" in said[0]
