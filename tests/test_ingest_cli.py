"""``claimgraph ingest/status/errors`` end to end: mixed real inputs, bad inputs, kill -9 (a real process), resume."""

from __future__ import annotations

import csv
import gzip
import json
import os
import signal
import sqlite3
import subprocess
import sys
import time

import pytest
from ingest_helpers import gold_pages, polnear_articles, run, warc_record
from store_helpers import dump

from claimgraph.store import KnowledgeBase

CLI = [sys.executable, "-m", "claimgraph"]


@pytest.fixture(scope="module")
def inputs(tmp_path_factory, example_path):
    """A directory page, a WARC of gold pages, NELA JSONL, FakeNewsCorpus-style CSV, and one of each bad input."""
    root = tmp_path_factory.mktemp("inputs")
    arts = polnear_articles(4, paragraphs=2)
    pages = root / "pages"
    pages.mkdir()
    (pages / "example.md").write_bytes(example_path.read_bytes())
    (pages / "empty.txt").write_bytes(b"\n \n")
    (pages / "image.txt").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4)
    (pages / "cut.txt.gz").write_bytes(gzip.compress(arts[0]["text"].encode())[:40])
    warc = b"".join(gzip.compress(warc_record(p["url"], p["html"])) for p in gold_pages(2))
    cut = gzip.compress(warc_record("https://example.com/cut", b"<html><body>" + b"words " * 500 + b"</body></html>"))
    (root / "crawl.warc.gz").write_bytes(warc + cut[: len(cut) // 2])
    nela = [
        json.dumps(
            {
                "content": a["text"],
                "title": a["title"],
                "source": a["publisher"],
                "date": a["date"],
                "url": f"https://news.example/{i}",
            }
        )
        for i, a in enumerate(arts[:2])
    ]
    (root / "nela.jsonl").write_text(nela[0] + "\n{malformed\n" + nela[1] + "\n")
    with (root / "fakenews.csv").open("w", newline="", encoding="utf-8") as fh:
        w = csv.writer(fh)
        w.writerow(["", "id", "domain", "type", "url", "content", "scraped_at", "title", "authors"])
        for i, a in enumerate(arts[2:]):
            w.writerow(
                [
                    i,
                    i,
                    "beforeitsnews.com",
                    "fake",
                    f"https://beforeitsnews.com/{i}",
                    a["text"],
                    "2018-01-25 16:17:44.789555",
                    a["title"],
                    "Jane Roe",
                ]
            )
    return root


@pytest.mark.slow  # a server or CLI subprocesses: seconds
def test_ingest_mixed_inputs_status_errors_and_rerun(inputs, tmp_path):
    db = str(tmp_path / "kb.sqlite")
    paths = [str(inputs / "pages"), str(inputs / "crawl.warc.gz"), str(inputs / "nela.jsonl")]
    first = run("ingest", *paths, "--db", db, "--json", "--quiet")
    summary = json.loads(first.stdout)
    run("ingest", str(inputs / "fakenews.csv"), "--preset", "fakenews", "--db", db, "--quiet")
    status = json.loads(run("status", "--db", db, "--json").stdout)
    errors = [json.loads(line) for line in run("errors", "--db", db, "--json").stdout.splitlines()]
    where = {(e["source"].rsplit("/", 1)[-1], e["kind"]) for e in errors}
    assert {
        ("empty.txt", "empty"),
        ("image.txt", "binary"),
        ("cut.txt.gz", "truncated"),
        ("nela.jsonl", "malformed"),
        ("crawl.warc.gz", "truncated"),
    } <= where
    assert all(e["position"] for e in errors if e["source"].endswith((".jsonl", ".warc.gz")))
    assert summary["errors"] >= 5 and summary["added"] + summary["errors"] == summary["processed"]
    assert status["documents"] >= 5 and status["errors"] == summary["errors"]  # the CSV run adds no error
    with KnowledgeBase(db) as kb, kb.engine.connect() as conn:
        warc_docs = conn.exec_driver_sql("SELECT position, url FROM documents WHERE source LIKE '%crawl.warc.gz'").all()
    warc_errors = [e for e in errors if e["source"].endswith("crawl.warc.gz")]
    assert len(warc_docs) + len(warc_errors) == 3  # every record is stored or has its error, with its position
    assert all(p.startswith("record ") and url.startswith("https://") for p, url in warc_docs)
    assert status["entities"] > 0 and status["mentions"] > 0
    with KnowledgeBase(db) as kb:
        before = dump(kb.engine)
    assert any("beforeitsnews.com" in row[0] for row in before["publishers"])
    again = json.loads(run("ingest", *paths, "--db", db, "--json", "--quiet").stdout)
    assert again["added"] == 0 and again["processed"] == 0 and again["skipped"] == summary["processed"]
    with KnowledgeBase(db) as kb:
        assert dump(kb.engine) == before
    text = run("errors", "--db", db).stdout
    assert "nela.jsonl:line 2: malformed" in text


def _progress_rows(db: str) -> int:
    try:
        with sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=1) as conn:
            return conn.execute("SELECT count(*) FROM ingest_progress").fetchone()[0]
    except sqlite3.Error:
        return 0


@pytest.mark.slow
def test_kill_9_then_rerun_equals_uninterrupted(tmp_path):
    arts = polnear_articles(16, paragraphs=2)
    corpus = tmp_path / "corpus.jsonl"
    corpus.write_text(
        "".join(
            json.dumps({"content": a["text"], "title": a["title"], "source": a["publisher"], "date": a["date"]}) + "\n"
            for a in arts
        )
    )
    args = ["ingest", str(corpus), "--preset", "nela", "--batch-size", "2", "--chunk-size", "1", "--quiet"]
    killed_db = str(tmp_path / "killed.sqlite")
    proc = subprocess.Popen([*CLI, *args, "--db", killed_db], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    deadline = time.monotonic() + 120
    while _progress_rows(killed_db) < 2 and proc.poll() is None and time.monotonic() < deadline:
        time.sleep(0.05)
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    assert proc.returncode == -signal.SIGKILL
    done = _progress_rows(killed_db)
    assert 2 <= done < len(arts), "the kill should land after the first batch and before the end"
    resumed = json.loads(run(*args, "--db", killed_db, "--json").stdout)
    assert resumed["skipped"] == done
    clean_db = str(tmp_path / "clean.sqlite")
    run(*args, "--db", clean_db)
    with KnowledgeBase(killed_db) as a, KnowledgeBase(clean_db) as b:
        assert dump(a.engine) == dump(b.engine)
        assert a.status()["documents"] == len(arts)


@pytest.mark.slow
def test_two_workers_store_the_same_as_one(tmp_path):
    arts = polnear_articles(6, paragraphs=2)
    corpus = tmp_path / "corpus.jsonl"
    corpus.write_text("".join(json.dumps({"content": a["text"], "source": a["publisher"]}) + "\n" for a in arts))
    one, two = str(tmp_path / "one.sqlite"), str(tmp_path / "two.sqlite")
    run("ingest", str(corpus), "--db", one, "--quiet", "--chunk-size", "2")
    run("ingest", str(corpus), "--db", two, "--quiet", "--chunk-size", "2", "--workers", "2")
    with KnowledgeBase(one) as a, KnowledgeBase(two) as b:
        assert dump(a.engine) == dump(b.engine) and a.status()["documents"] == 6


def test_bad_database_url_is_a_clear_error(tmp_path):
    proc = run("status", "--db", "postgresql://nobody@127.0.0.1:1/none", check=False)
    assert proc.exit_code == 2 and "cannot open" in proc.stderr


@pytest.mark.parametrize(
    "command",
    [
        ["status"],
        ["errors"],
        ["query", "search", "minister"],
        ["export", "--what", "entities", "--to", "out.jsonl"],
        ["trace", "minister"],
        ["serve"],
    ],  # fmt: skip
)
def test_reading_commands_refuse_a_kb_that_does_not_exist(tmp_path, command):
    typo = tmp_path / "typo.sqlite"
    proc = run(*command, "--db", str(typo), check=False)
    assert proc.exit_code == 2 and f"no knowledge base at {typo}" in proc.stderr
    assert not typo.exists() and proc.stdout == ""


def test_errors_says_when_there_is_nothing_to_report(tmp_path):
    db = str(tmp_path / "kb.sqlite")
    KnowledgeBase(db).close()  # an existing, empty knowledge base
    proc = run("errors", "--db", db)
    assert proc.stdout == "" and f"no errors recorded in {db}" in proc.stderr
    assert json.loads(run("status", "--db", db, "--json").stdout)["documents"] == 0


def _jsonl_corpus(path, arts) -> None:
    path.write_text("".join(json.dumps({"content": a["text"], "title": a["title"]}) + "\n" for a in arts))


def test_ingest_names_each_failed_document_and_ends_with_the_hint(tmp_path):
    arts = polnear_articles(2, paragraphs=1)
    corpus = tmp_path / "corpus.jsonl"
    _jsonl_corpus(corpus, arts)
    corpus.write_text(corpus.read_text().replace("\n", "\n{broken\n", 1) + "\x00\x01 not json\n")
    db = str(tmp_path / "kb.sqlite")
    loud = run("ingest", str(corpus), "--db", db)
    lines = loud.stderr.splitlines()
    assert sum(line.startswith("error: ") for line in lines) == 2
    assert f"error: {corpus}:line 2: malformed: invalid JSON" in loud.stderr
    assert any(line.startswith(f"error: {corpus}:line 4: ") for line in lines)
    assert lines[-1] == f"2 documents failed: `claimgraph errors --db {db}` lists them"
    quiet = run("ingest", str(corpus), "--db", str(tmp_path / "quiet.sqlite"), "--quiet")
    assert quiet.stderr == "" and quiet.stdout == ""


def _wait_for(predicate, seconds: float = 180) -> None:
    deadline = time.monotonic() + seconds
    while not predicate():
        assert time.monotonic() < deadline, "timed out"
        time.sleep(0.1)


@pytest.mark.slow
def test_second_ingest_waits_for_the_first_or_refuses_with_no_wait(tmp_path):
    """Two real ingest processes on one SQLite file: the first holds the writer lock while it reads stdin."""
    arts = polnear_articles(3, paragraphs=1)
    db = str(tmp_path / "kb.sqlite")
    other = tmp_path / "other.jsonl"
    _jsonl_corpus(other, arts[2:])
    first = subprocess.Popen(
        [*CLI, "ingest", "-", "--input-format", "jsonl", "--db", db, "--batch-size", "1", "--chunk-size", "1", "-q"],
        stdin=subprocess.PIPE, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
    )  # fmt: skip
    second = None
    try:
        first.stdin.write((json.dumps({"content": arts[0]["text"]}) + "\n").encode())
        first.stdin.flush()
        _wait_for(lambda: _progress_rows(db) >= 1 or first.poll() is not None)  # one batch in: the lock is held
        assert first.poll() is None, first.stderr.read().decode()
        refused = subprocess.run([*CLI, "ingest", str(other), "--db", db, "--wait-timeout", "0"],
                                 capture_output=True, text=True, timeout=300)  # fmt: skip
        assert refused.returncode == 2 and f"another ingest is writing to {db}" in refused.stderr
        second = subprocess.Popen([*CLI, "ingest", str(other), "--db", db, "--json"], stdout=subprocess.PIPE,
                                  stderr=subprocess.PIPE, text=True)  # fmt: skip
        waiting = second.stderr.readline()
        assert "another ingest is writing to" in waiting and "waiting for it" in waiting
        assert second.poll() is None  # still waiting while the first one holds the lock
        first.stdin.write((json.dumps({"content": arts[1]["text"]}) + "\n").encode())
        first.stdin.close()
        assert first.wait(timeout=300) == 0, first.stderr.read().decode()
        out, err = second.communicate(timeout=300)
        assert second.returncode == 0, err
        assert json.loads(out)["added"] == 1
    finally:
        for proc in (first, second):
            if proc is not None and proc.poll() is None:
                proc.kill()
    with KnowledgeBase(db) as kb:
        assert kb.status()["documents"] == 3
