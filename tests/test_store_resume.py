"""An interrupted ingest, run again, ends with exactly the rows of an uninterrupted one (SQLite and PostgreSQL)."""

from __future__ import annotations

import json

import pytest
from ingest_helpers import polnear_articles
from store_helpers import PG_URL, db_url, dump, reset_pg  # noqa: F401  (db_url is a fixture)

from claimgraph.ingest.sources import field_map, iter_inputs
from claimgraph.store import KnowledgeBase


class Stop(Exception):
    pass


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    path = tmp_path_factory.mktemp("corpus") / "nela.jsonl"
    arts = polnear_articles(6, paragraphs=2)
    lines = [
        json.dumps({"content": a["text"], "title": a["title"], "source": a["publisher"], "date": a["date"]})
        for a in arts
    ]
    lines.insert(3, "{broken")
    lines.append(lines[0])  # the same record twice: one document
    path.write_text("\n".join(lines) + "\n")
    return path


def _run(url: str, corpus, stop_after: int | None = None):
    def progress(summary):
        if stop_after is not None and summary.added >= stop_after:
            raise Stop

    with KnowledgeBase(url) as kb:
        try:
            return kb.ingest_inputs(
                iter_inputs([str(corpus)], field_map("nela")), batch_size=2, chunk_size=1, on_progress=progress
            )
        except Stop:
            return None


@pytest.mark.slow  # a server or CLI subprocesses: seconds
def test_interrupted_then_resumed_equals_uninterrupted(db_url, corpus, tmp_path):  # noqa: F811
    assert _run(db_url, corpus, stop_after=2) is None
    with KnowledgeBase(db_url) as kb:
        partial = kb.status()["documents"]
    assert 2 <= partial < 6
    resumed = _run(db_url, corpus)
    assert resumed.skipped >= 2 and resumed.errors <= 1
    with KnowledgeBase(db_url) as kb:
        after_resume = dump(kb.engine)
        assert kb.status()["documents"] == 6 and kb.status()["errors"] == 1
    again = _run(db_url, corpus)
    assert again.processed == 0 and again.skipped == 8
    if db_url == PG_URL:
        reset_pg(db_url)
        clean_url = db_url
    else:
        clean_url = str(tmp_path / "clean.sqlite")
    _run(clean_url, corpus)
    with KnowledgeBase(clean_url) as kb:
        assert dump(kb.engine) == after_resume
