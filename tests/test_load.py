"""``claimgraph load``: a lake becomes the same knowledge base a one-process ingest builds, row for row.

The corpus has what the cross-article steps decide on: people named in several articles (entity
linking), a republished copy of one article under another outlet (MinHash copies), the same line
twice (a duplicate) and a broken line (an error). The comparison is every row of every KB table
(store_helpers.dump; ids are content hashes, so they compare too).
"""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

import pytest
from ingest_helpers import polnear_articles, run
from store_helpers import dump

from claimgraph.lake import load as load_module
from claimgraph.lake.layout import MARKERS
from claimgraph.store import KnowledgeBase

PG_URL = os.environ.get("CLAIMGRAPH_TEST_PG_URL")

pytestmark = pytest.mark.slow  # every test runs ingest/load CLI subprocesses


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> Path:
    arts = polnear_articles(8, paragraphs=3)
    rows = [{"content": a["text"], "title": a["title"], "source": a["publisher"]} for a in arts]
    tail = "\n\nThis story first ran elsewhere."
    copy = {**rows[1], "source": "mirror.example", "content": rows[1]["content"] + tail}
    lines = [json.dumps(r) for r in rows]
    lines.insert(4, json.dumps(copy))
    lines.insert(6, "{not json")
    lines.append(lines[2])  # the same record again: a duplicate of a document an earlier task stored
    path = tmp_path_factory.mktemp("load") / "corpus.jsonl"
    path.write_text("\n".join(lines) + "\n")
    return path


@pytest.fixture(scope="module")
def lake(corpus, tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("lake") / "lake"
    run("ingest", str(corpus), "--preset", "nela", "--lake", str(out), "--task-docs", "3", "--quiet")
    return out


def _kb(url: str) -> dict:
    with KnowledgeBase(url) as kb:
        return dump(kb.engine)


def _ingest_db(corpus: Path, url: str) -> dict:
    run("ingest", str(corpus), "--preset", "nela", "--db", url, "--quiet")
    return _kb(url)


@pytest.fixture(scope="module")
def one_process(corpus, tmp_path_factory) -> dict:
    kb = _ingest_db(corpus, str(tmp_path_factory.mktemp("one") / "kb.sqlite"))
    assert kb["copies"] and len(kb["documents"]) == 9 and len(kb["errors"]) == 1  # the corpus has what it should
    assert any("'duplicate'" in r for r in kb["ingest_progress"])
    assert kb["claim_clusters"]  # the copies share claims: load must build the same clusters
    return kb


def _pg(name: str) -> str:
    """A fresh database of this test module's own on the test server (other suites use the shared one)."""
    if not PG_URL:
        pytest.skip("CLAIMGRAPH_TEST_PG_URL is not set")
    import psycopg

    base = PG_URL.rsplit("/", 1)[0]
    with psycopg.connect(f"{base}/postgres", autocommit=True) as conn:
        conn.execute(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")
        conn.execute(f"CREATE DATABASE {name}")
    return f"{base}/{name}"


def test_load_builds_the_kb_one_process_ingest_builds(lake, one_process, tmp_path):
    db = str(tmp_path / "loaded.sqlite")
    summary = json.loads(run("load", str(lake), "--db", db, "--json", "--batch-docs", "2").stdout)
    assert (summary["added"], summary["duplicates"], summary["errors"]) == (9, 1, 1)
    assert _kb(db) == one_process
    again = json.loads(run("load", str(lake), "--db", db, "--json").stdout)
    assert again["added"] == 0 and again["skipped"] == 11
    assert _kb(db) == one_process


def test_a_load_that_fails_midway_resumes_to_the_same_kb(lake, one_process, tmp_path, monkeypatch):
    db = str(tmp_path / "resumed.sqlite")
    real, calls = load_module.write_rows, []

    def failing(conn, rows, ignore):
        calls.append(1)
        if len(calls) == 3:
            raise OSError("disk full")  # the third batch's transaction rolls back
        return real(conn, rows, ignore)

    monkeypatch.setattr(load_module, "write_rows", failing)
    with pytest.raises(OSError):
        load_module.load_lake(lake, db, batch_docs=2)
    monkeypatch.setattr(load_module, "write_rows", real)
    summary = load_module.load_lake(lake, db, batch_docs=2)
    assert summary.skipped > 0 and summary.added < 9
    assert _kb(db) == one_process


def test_an_unfinished_lake_is_refused(lake, tmp_path):
    part = tmp_path / "part"
    shutil.copytree(lake, part)
    next((part / MARKERS).glob("*.json")).unlink()
    res = run("load", str(part), "--db", str(tmp_path / "kb.sqlite"), check=False)
    assert res.exit_code == 2 and "1 of 4 tasks" in res.stderr and "not finished" in res.stderr


def test_load_on_postgresql_builds_the_same_kb(lake, corpus):
    reference = _ingest_db(corpus, _pg("claimgraph_lake_ingest"))
    db = _pg("claimgraph_lake_load")
    run("load", str(lake), "--db", db, "--quiet", "--batch-docs", "4")
    assert _kb(db) == reference


@pytest.mark.slow
@pytest.mark.parametrize("backend", ["sqlite", "postgresql"])
def test_local_cluster_lake_then_load_equals_one_process_ingest(corpus, one_process, tmp_path, backend):
    pytest.importorskip("distributed")
    lake = tmp_path / "lake"
    run("ingest", str(corpus), "--preset", "nela", "--lake", str(lake), "--task-docs", "2", "--dask", "local",
        "--workers", "2", "--quiet")  # fmt: skip
    if backend == "sqlite":
        db, reference = str(tmp_path / "kb.sqlite"), one_process
    else:
        reference = _ingest_db(corpus, _pg("claimgraph_lake_ingest"))
        db = _pg("claimgraph_lake_cluster")
    run("load", str(lake), "--db", db, "--quiet", "--processes", "2")
    assert _kb(db) == reference
