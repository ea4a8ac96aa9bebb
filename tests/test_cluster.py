"""Ingestion with the analysis on a Dask cluster (a LocalCluster of worker processes here).

The contract: the knowledge base is the same as a one-process ingest of the same corpus,
and resuming, errors and bad addresses behave as in the local case.
"""

from __future__ import annotations

import json

import pytest
from ingest_helpers import polnear_articles, run
from store_helpers import dump

from claimgraph.config import Options
from claimgraph.store import KnowledgeBase

pytest.importorskip("distributed", reason="the dask extra is part of the test install (pyproject [test])")
pytestmark = pytest.mark.slow  # Dask clusters


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    arts = polnear_articles(6, paragraphs=2)
    path = tmp_path_factory.mktemp("dask") / "corpus.jsonl"
    lines = [json.dumps({"content": a["text"], "title": a["title"], "source": a["publisher"]}) for a in arts]
    lines.insert(3, "{not json")  # a bad record travels through the cluster as a per-document error
    path.write_text("\n".join(lines) + "\n")
    return path


def test_local_dask_cluster_stores_the_same_as_one_process(corpus, tmp_path):
    one, cluster = str(tmp_path / "one.sqlite"), str(tmp_path / "dask.sqlite")
    run("ingest", str(corpus), "--preset", "nela", "--db", one, "--quiet", "--chunk-size", "2")
    out = run("ingest", str(corpus), "--preset", "nela", "--db", cluster, "--quiet", "--json", "--chunk-size", "2",
              "--dask", "local", "--workers", "2")  # fmt: skip
    summary = json.loads(out.stdout)
    assert summary["added"] == 6 and summary["errors"] == 1 and summary["processed"] == 7
    with KnowledgeBase(one) as a, KnowledgeBase(cluster) as b:
        assert dump(a.engine) == dump(b.engine)
        assert b.status()["documents"] == 6 and b.status()["attributions"] > 0
    again = json.loads(run("ingest", str(corpus), "--preset", "nela", "--db", cluster, "--json", "--quiet",
                           "--dask", "local").stdout)  # fmt: skip
    assert again["processed"] == 0 and again["skipped"] == 7


def test_unreachable_scheduler_is_a_clear_error(corpus, tmp_path, monkeypatch):
    from claimgraph.store import cluster

    monkeypatch.setattr(cluster, "CONNECT_TIMEOUT", 2.0)
    res = run("ingest", str(corpus), "--db", str(tmp_path / "kb.sqlite"), "--dask", "tcp://127.0.0.1:1",
              "--quiet", check=False)  # fmt: skip
    assert res.exit_code == 2 and "cannot reach the Dask scheduler at tcp://127.0.0.1:1" in res.stderr


def test_local_cluster_workers_run_like_local_processes():
    """No MALLOC_TRIM_THRESHOLD_ (a page fault per large buffer) and no statistical profiler on local workers."""
    from claimgraph.store.cluster import dask_pool

    def probe():
        import os

        import dask

        return os.environ.get("MALLOC_TRIM_THRESHOLD_"), dask.config.get("distributed.worker.profile.enabled")

    with dask_pool("local", 1, Options()) as pool:
        assert pool.size == 1
        assert list(pool.client.run(probe).values()) == [(None, False)]
