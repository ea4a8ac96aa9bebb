"""``claimgraph ingest --lake``: shards per task, identical after any crash, readable as a dataset.

The reference is a one-process lake run of a small real corpus (PolNeAR paragraphs plus a broken
line); every other way of making the lake (local processes, a Dask cluster, runs killed with
SIGKILL and resumed) must end with the same files, byte for byte.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path
from unittest.mock import ANY

import pytest
from ingest_helpers import polnear_articles, run

from claimgraph.lake import TABLES
from claimgraph.lake.layout import MANIFEST, MARKERS, Lake
from claimgraph.vocab import STANCES

pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning")
ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> Path:
    arts = polnear_articles(6, paragraphs=2)
    path = tmp_path_factory.mktemp("lake") / "corpus.jsonl"
    lines = [json.dumps({"content": a["text"], "title": a["title"], "source": a["publisher"]}) for a in arts]
    lines.insert(3, "{not json")
    lines.append(lines[0])  # the same article again: a duplicate the load settles, the lake keeps both rows
    path.write_text("\n".join(lines) + "\n")
    return path


def lake_args(corpus: Path, lake: Path, *extra: str, task_docs: int = 2) -> list[str]:
    return ["ingest", str(corpus), "--preset", "nela", "--lake", str(lake), "--task-docs", str(task_docs), "--quiet",
            "--json", *extra]  # fmt: skip


@pytest.fixture(scope="module")
def reference(corpus, tmp_path_factory) -> Path:
    lake = tmp_path_factory.mktemp("ref") / "lake"
    summary = json.loads(run(*lake_args(corpus, lake)).stdout)
    assert summary["tasks"] == 4 and summary["added"] == 7 and summary["errors"] == 1
    return lake


def files(lake: Path) -> dict[str, bytes]:
    """Every file of a lake by relative path (temporaries included, so a leftover one shows)."""
    return {str(p.relative_to(lake)): p.read_bytes() for p in sorted(lake.rglob("*")) if p.is_file()}


def test_a_shard_per_task_and_table(reference):
    manifest = json.loads((reference / MANIFEST).read_text())
    names = [t["name"] for t in manifest["tasks"]]
    assert len(names) == 4 and [t["task"]["first"] for t in manifest["tasks"]] == [0, 2, 4, 6]
    for table in TABLES:
        assert sorted(p.stem for p in (reference / table).glob("*.parquet")) == sorted(names)
    assert sorted(p.stem for p in (reference / MARKERS).glob("*.json")) == sorted(names)
    counts = [Lake(reference).counts(n) for n in names]
    assert [c["documents"] + c["errors"] for c in counts] == [2, 2, 2, 2] and sum(c["errors"] for c in counts) == 1


def test_the_lake_is_a_dataset_for_duckdb_and_pandas(reference):
    duckdb = pytest.importorskip("duckdb")
    pd = pytest.importorskip("pandas")
    con = duckdb.connect()
    docs = con.execute(f"select count(*), count(distinct document_id) from '{reference}/documents/*.parquet'")
    assert docs.fetchone() == (7, 6)
    by_stance = con.execute(f"select stance, count(*) from '{reference}/attributions/*.parquet' group by 1")
    stances = dict(by_stance.fetchall())
    assert sum(stances.values()) > 0 and set(stances) <= set(STANCES)
    err = con.execute(f"select position, type from '{reference}/errors/*.parquet'").fetchall()
    assert err == [("line 4", "malformed")]
    speakers = con.execute(
        f"select e.name, count(*) from '{reference}/attributions/*.parquet' a join '{reference}/entities/*.parquet' e "
        "on a.document_id = e.document_id and a.speaker = e.id group by 1"
    ).fetchall()
    assert speakers and all(isinstance(n, str) for n, _ in speakers)
    mentions = pd.read_parquet(reference / "mentions")
    assert list(mentions.columns) == TABLES["mentions"].schema.names and len(mentions) > 0
    body = pd.read_parquet(reference / "articles", columns=["document_id", "body"])
    assert body["body"].str.len().min() > 100


def test_rerun_skips_every_finished_task(reference, corpus):
    before = files(reference)
    again = json.loads(run(*lake_args(corpus, reference)).stdout)
    assert again["tasks_done_before"] == 4 and again["processed"] == 0 and again["skipped"] == 8
    assert files(reference) == before


def test_other_settings_in_the_same_lake_are_refused(reference, corpus):
    res = run(*lake_args(corpus, reference, "--no-signals"), check=False)
    assert res.exit_code == 2 and "other inputs or settings" in res.stderr


@pytest.mark.slow
def test_local_processes_and_a_dask_cluster_write_the_same_lake(reference, corpus, tmp_path):
    pytest.importorskip("distributed")
    procs, dask = tmp_path / "procs", tmp_path / "dask"
    run(*lake_args(corpus, procs, "--workers", "2"))
    run(*lake_args(corpus, dask, "--dask", "local", "--workers", "2"))
    assert files(procs) == files(reference)
    assert files(dask) == files(reference)


def _wait_for_marker(lake: Path, n: int = 1, timeout: float = 120.0) -> None:
    deadline = time.monotonic() + timeout
    while len(list((lake / MARKERS).glob("*.json"))) < n:
        assert time.monotonic() < deadline, "no task finished in time"
        time.sleep(0.05)


@pytest.mark.slow
def test_a_worker_killed_mid_run_resumes_to_the_same_lake(reference, corpus, tmp_path):
    distributed = pytest.importorskip("distributed")
    import dask

    from claimgraph.ingest.sources import field_map
    from claimgraph.lake.driver import ingest_to_lake
    from claimgraph.store.cluster import LOCAL_WORKER_CONFIG

    lake = tmp_path / "lake"
    trim = os.environ.get("MALLOC_TRIM_THRESHOLD_")  # a nanny sets it in this process's environment: put it back
    with (
        dask.config.set(LOCAL_WORKER_CONFIG),
        distributed.LocalCluster(n_workers=2, threads_per_worker=1, dashboard_address=None, silence_logs=40) as cl,
    ):
        out: dict = {}
        job = threading.Thread(
            target=lambda: out.update(
                ingest_to_lake([str(corpus)], lake, field_map("nela"), dask=cl.scheduler_address, task_docs=2).to_dict()
            )
        )
        job.start()
        _wait_for_marker(lake)
        with distributed.Client(cl) as client:
            pids = client.run(os.getpid)
        os.kill(next(iter(pids.values())), signal.SIGKILL)  # its running task is lost; the nanny restarts it
        job.join(timeout=300)
    if trim is None:
        os.environ.pop("MALLOC_TRIM_THRESHOLD_", None)
    assert out["added"] + out["errors"] + out["skipped"] == 8
    assert files(lake) == files(reference)


@pytest.mark.slow
def test_the_driver_killed_mid_run_resumes_to_the_same_lake(reference, corpus, tmp_path):
    lake = tmp_path / "lake"
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(ROOT / "src"), os.environ.get("PYTHONPATH", "")])}
    args = [sys.executable, "-m", "claimgraph", *lake_args(corpus, lake, "--workers", "2", task_docs=1)]
    driver = subprocess.Popen(args, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        _wait_for_marker(lake, 2)  # one document per task: the kill lands between tasks, some done, some not
    finally:
        driver.send_signal(signal.SIGKILL)
        driver.wait()
    time.sleep(2.5)  # the orphaned worker processes notice within a second and exit
    done_before = len(list((lake / MARKERS).glob("*.json")))
    again = json.loads(run(*lake_args(corpus, lake, task_docs=1)).stdout)
    assert again["tasks"] == 8 and again["tasks_done_before"] >= done_before >= 2
    assert again["processed"] + again["skipped"] == 8
    whole = tmp_path / "whole"
    run(*lake_args(corpus, whole, task_docs=1))
    assert files(lake) == files(whole)


def test_an_analysis_that_raises_costs_one_error_row_not_the_task(corpus, tmp_path, monkeypatch):
    from claimgraph.ingest.sources import field_map
    from claimgraph.lake import task as task_module
    from claimgraph.lake.driver import ingest_to_lake

    real = task_module.analyse_chunk

    def fragile(chunk, options):  # one document makes the analysis raise, as a bug in a stage would
        if any(position == "line 2" for _, position, _ in chunk):
            raise RuntimeError("stage bug")
        return real(chunk, options)

    monkeypatch.setattr(task_module, "analyse_chunk", fragile)
    lake = tmp_path / "lake"
    summary = ingest_to_lake([str(corpus)], lake, field_map("nela"), task_docs=4)
    assert summary.tasks == 2 and summary.added == 6 and summary.errors == 2
    duckdb = pytest.importorskip("duckdb")
    rows = duckdb.connect().execute(f"select position, type, message from '{lake}/errors/*.parquet' order by 1")
    assert rows.fetchall() == [("line 2", "internal", "RuntimeError: stage bug"), ("line 4", "malformed", ANY)]
