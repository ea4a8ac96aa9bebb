"""Ingestion benchmark: documents/s, words/s and peak RSS of ``claimgraph ingest`` on SQLite and PostgreSQL.

    python bench/ingest.py                    # 10,000 articles, workers 1 and 2, SQLite (+ PostgreSQL if a URL is set)
    eval "$(bash .ci/postgres.sh start)"; python bench/ingest.py; bash .ci/postgres.sh stop   # with PostgreSQL
    python bench/ingest.py --n 300 --no-md    # a quick run that leaves BENCHMARKS.md alone
    python bench/ingest.py --pg-url postgresql://postgres@127.0.0.1:5432/claimgraph_bench

The corpus is real text: paragraphs of the PolNeAR dev articles (../shared/gold/attribution/dev.jsonl) and the
bundled example, sampled and recombined into N distinct articles (two source articles per new one), written
as NELA-style JSON Lines in a temporary directory. Each configuration ingests it with the CLI in a fresh
database while the process tree's resident memory (parent + workers) is sampled from /proc, and on SQLite
the peak reached by the time 1/5 of the corpus is stored is kept too (RSS at 2k vs 10k). Bars checked:
2 workers >= 1.7x 1 worker, RSS growth 2k -> 10k < 20 %, SQLite write share of pipeline time < 15 %.
The section between ``<!-- bench:ingest -->`` markers in BENCHMARKS.md is replaced with the results.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import random
import re
import resource
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
POLNEAR = SHARED / "gold" / "attribution" / "dev.jsonl"
EXAMPLE = SHARED / "examples" / "globalresearch-2015-01-03-russia-accuses-us.md"
BENCHMARKS = ROOT / "BENCHMARKS.md"
START, END = "<!-- bench:ingest -->", "<!-- /bench:ingest -->"


# --- corpus ----------------------------------------------------------------------------------------
def _sources() -> list[dict]:
    out = []
    with POLNEAR.open(encoding="utf-8") as fh:
        for line in fh:
            rec = json.loads(line)
            paras = [p.strip() for p in rec["text"].split("\n") if p.strip()]
            out.append(
                {
                    "paras": paras,
                    "title": rec["meta"].get("title") or paras[0][:80],
                    "publisher": rec["meta"].get("publisher"),
                    "date": rec["meta"].get("publication_date"),
                }
            )
    if EXAMPLE.exists():
        text = EXAMPLE.read_text(encoding="utf-8")
        paras = [p.strip() for p in re.split(r"\n\s*\n", text) if len(p.split()) > 8]
        out.append({"paras": paras, "title": "Russia accuses US", "publisher": "Global Research", "date": "2015-01-03"})
    return out


def build_corpus(path: Path, n: int, seed: int = 13) -> tuple[int, int]:
    """Write ``n`` distinct recombined articles as JSON Lines; returns (articles, words)."""
    rng = random.Random(seed)
    sources = [s for s in _sources() if len(s["paras"]) >= 3]
    words = 0
    seen: set[int] = set()
    written = 0
    with path.open("w", encoding="utf-8") as fh:
        while written < n:
            a, b = rng.sample(sources, 2)
            i = rng.randrange(0, max(1, len(a["paras"]) - 3))
            j = rng.randrange(0, max(1, len(b["paras"]) - 3))
            paras = a["paras"][i : i + rng.randint(3, 7)] + b["paras"][j : j + rng.randint(2, 6)]
            body = "\n\n".join(paras)
            key = hash(body)
            if key in seen:
                continue
            seen.add(key)
            words += len(body.split())
            rec = {
                "content": body,
                "title": a["title"],
                "source": a["publisher"],
                "date": a["date"],
                "url": f"https://bench.example/{written}",
            }
            fh.write(json.dumps(rec, ensure_ascii=False) + "\n")
            written += 1
    return written, words


# --- memory ----------------------------------------------------------------------------------------
def _children() -> dict[int, list[int]]:
    tree: dict[int, list[int]] = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            stat = Path(f"/proc/{entry}/stat").read_text()
        except OSError:
            continue
        ppid = int(stat.rsplit(")", 1)[1].split()[1])
        tree.setdefault(ppid, []).append(int(entry))
    return tree


def tree_rss(pid: int) -> int:
    """Resident bytes of ``pid`` and all its descendants (Linux /proc)."""
    tree, total, todo = _children(), 0, [pid]
    while todo:
        p = todo.pop()
        todo += tree.get(p, [])
        try:
            for line in Path(f"/proc/{p}/status").read_text().splitlines():
                if line.startswith("VmRSS:"):
                    total += int(line.split()[1]) * 1024
        except OSError:
            pass
    return total


class PeakSampler(threading.Thread):
    """Peak resident memory of a process tree; with a SQLite ``db``, also the peak reached by each checkpoint.

    ``checkpoints`` are document counts: every couple of seconds the sampler counts the stored documents
    (a read-only connection; WAL lets it read beside the writer) and records the peak so far the first
    time a count is reached, so one run gives the memory at 2k and at 10k articles.
    """

    def __init__(self, pid: int, every: float = 0.25, db: str | None = None, checkpoints: tuple[int, ...] = ()) -> None:
        super().__init__(daemon=True)
        self.pid, self.every, self.peak, self.stop = pid, every, 0, threading.Event()
        self.db, self.checkpoints, self.at = db, sorted(checkpoints), {}

    def _stored(self) -> int:
        import sqlite3

        try:
            with sqlite3.connect(f"file:{self.db}?mode=ro", uri=True, timeout=1) as conn:
                return int(conn.execute("SELECT count(*) FROM documents").fetchone()[0])
        except sqlite3.Error:
            return 0

    def run(self) -> None:
        ticks = 0
        while not self.stop.is_set():
            self.peak = max(self.peak, tree_rss(self.pid))
            ticks += 1
            pending = [c for c in self.checkpoints if c not in self.at]
            if self.db and pending and ticks % 8 == 0:
                stored = self._stored()
                for c in pending:
                    if stored >= c:
                        self.at[c] = self.peak
            self.stop.wait(self.every)


# --- runs ------------------------------------------------------------------------------------------
def reset_pg(url: str) -> None:
    sys.path.insert(0, str(ROOT / "src"))
    from claimgraph.store.engine import make_engine

    engine = make_engine(url)
    with engine.begin() as conn:
        conn.exec_driver_sql("DROP SCHEMA public CASCADE")
        conn.exec_driver_sql("CREATE SCHEMA public")
    engine.dispose()


def kb_size(db: str) -> int:
    if db.startswith("postgresql"):
        sys.path.insert(0, str(ROOT / "src"))
        from claimgraph.store.engine import make_engine

        engine = make_engine(db)
        with engine.connect() as conn:
            size = conn.exec_driver_sql("SELECT pg_database_size(current_database())").scalar_one()
        engine.dispose()
        return int(size)
    import sqlite3

    with sqlite3.connect(db) as conn:
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    return Path(db).stat().st_size


def ingest(corpus: Path, db: str, workers: int, checkpoints: tuple[int, ...] = (), extra: tuple[str, ...] = ()) -> dict:
    cmd = [
        sys.executable,
        "-m",
        "claimgraph",
        "ingest",
        str(corpus),
        "--preset",
        "nela",
        "--db",
        db,
        "--workers",
        str(workers),
        "--quiet",
        "--json",
        *extra,
    ]
    started = time.perf_counter()
    cpu_before = resource.getrusage(resource.RUSAGE_CHILDREN)
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    sampler = PeakSampler(proc.pid, db=None if db.startswith("postgresql") else db, checkpoints=checkpoints)
    sampler.start()
    out, err = proc.communicate()
    sampler.stop.set()
    sampler.join()
    wall = time.perf_counter() - started
    if proc.returncode != 0:
        raise SystemExit(f"{' '.join(cmd)} failed ({proc.returncode}):\n{err[-3000:]}")
    cpu_after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (cpu_after.ru_utime - cpu_before.ru_utime) + (cpu_after.ru_stime - cpu_before.ru_stime)
    summary = json.loads(out.strip().splitlines()[-1])
    summary.update(wall=wall, cpu=cpu, peak_rss=sampler.peak, size=kb_size(db), rss_at=dict(sampler.at))
    return summary


def machine() -> str:
    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    mem = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30
    return f"{cpu}, {os.cpu_count()} cores, {mem:.0f} GiB RAM, Python {platform.python_version()}, {platform.system()}"


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--n", type=int, default=10_000, help="articles in the corpus (default 10,000)")
    ap.add_argument("--workers", default="1,2", help="comma-separated worker counts")
    ap.add_argument("--backends", default="sqlite,postgresql", help="sqlite and/or postgresql (needs a URL)")
    ap.add_argument(
        "--pg-url",
        default=os.environ.get("CLAIMGRAPH_BENCH_PG_URL") or os.environ.get("CLAIMGRAPH_TEST_PG_URL"),
        help="PostgreSQL URL (its public schema is dropped!); default: env, else skip",
    )
    ap.add_argument("--no-md", action="store_true", help="do not rewrite the BENCHMARKS.md section")
    ap.add_argument("--keep", action="store_true", help="keep the temporary corpus and databases")
    args = ap.parse_args()
    workers = [int(w) for w in args.workers.split(",")]
    tmp = Path(tempfile.mkdtemp(prefix="claimgraph-bench-"))
    corpus = tmp / "corpus.jsonl"
    n, words = build_corpus(corpus, args.n)
    print(f"corpus: {n:,} articles, {words:,} words -> {corpus}", file=sys.stderr)
    wanted = args.backends.split(",")
    backends = [("sqlite", None)] if "sqlite" in wanted else []
    if "postgresql" in wanted:
        if args.pg_url:
            backends.append(("postgresql", args.pg_url))
        else:
            print("no PostgreSQL URL (--pg-url or CLAIMGRAPH_TEST_PG_URL): PostgreSQL skipped", file=sys.stderr)
    small_n = max(1, n // 5)
    results: list[tuple[str, int, dict]] = []
    for backend, url in backends:
        for w in workers:
            if backend == "sqlite":
                db = str(tmp / f"kb-w{w}.sqlite")
            else:
                reset_pg(url)
                db = url
            r = ingest(corpus, db, w, checkpoints=(small_n,))
            results.append((backend, w, r))
            print(
                f"{backend} workers={w}: {r['added'] / r['seconds']:.1f} docs/s, peak RSS "
                f"{r['peak_rss'] / 2**20:.0f} MiB, write {r['write_seconds'] / r['seconds']:.1%}",
                file=sys.stderr,
            )
    lines = report(n, words, small_n, results, args)
    if not args.keep:
        shutil.rmtree(tmp, ignore_errors=True)
    print("\n".join(lines))
    if not args.no_md:
        write_section("\n".join(lines))


def report(n: int, words: int, small_n: int, results: list, args) -> list[str]:
    base = {(b, w): r for b, w, r in results}
    lines = [
        f"Machine: {machine()}. Date: {datetime.now(UTC):%Y-%m-%d %H:%M} UTC.",
        f"Command: `python bench/ingest.py --n {args.n}` (corpus: {n:,} recombined PolNeAR/example articles, "
        f"{words:,} words, NELA-style JSONL; `claimgraph ingest --preset nela --workers W --quiet --json`).",
        "",
        "| backend | workers | docs/s | words/s | CPU s/doc (all processes) | peak RSS (all processes) | write share "
        "| KB size / 1k articles |",
        "|---|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for backend, w, r in results:
        lines.append(
            f"| {backend} | {w} | {r['added'] / r['seconds']:.1f} | {r['words'] / r['seconds']:,.0f} | "
            f"{r['cpu'] / max(1, r['added']):.3f} | "
            f"{r['peak_rss'] / 2**20:,.0f} MiB | {r['write_seconds'] / r['seconds']:.1%} | "
            f"{r['size'] / max(1, r['added']) * 1000 / 2**20:.1f} MiB |"
        )
    lines.append("")
    for backend in ("sqlite", "postgresql"):
        if (backend, 1) in base and (backend, 2) in base:
            one, two = base[(backend, 1)], base[(backend, 2)]
            speedup = (two["added"] / two["seconds"]) / (one["added"] / one["seconds"])
            lines.append(
                f"- {backend}: 2 workers = {speedup:.2f}x 1 worker (bar >= 1.7x: "
                f"{'met' if speedup >= 1.7 else 'NOT met'})."
            )
    for (backend, w), r in base.items():
        early = r.get("rss_at", {}).get(small_n)
        if backend == "sqlite" and early:
            growth = r["peak_rss"] / early - 1
            lines.append(
                f"- Peak RSS within one run, after {small_n:,} vs after {n:,} articles (sqlite, workers {w}): "
                f"{early / 2**20:,.0f} -> {r['peak_rss'] / 2**20:,.0f} MiB, growth {growth:.1%} "
                f"(bar < 20 %: {'met' if growth < 0.20 else 'NOT met'})."
            )
    big = base.get(("sqlite", int(args.workers.split(",")[0])))
    if big:
        share = big["write_seconds"] / big["seconds"]
        lines.append(
            f"- SQLite write cost: {share:.1%} of pipeline time (bar < 15 %: {'met' if share < 0.15 else 'NOT met'})."
        )
    return lines


def write_section(body: str, start: str = START, end: str = END, heading: str = "Ingestion (`bench/ingest.py`)"):
    """Replace the section between the ``start``/``end`` markers of BENCHMARKS.md (appended if absent)."""
    text = BENCHMARKS.read_text(encoding="utf-8") if BENCHMARKS.exists() else "# Benchmarks\n"
    section = f"{start}\n## {heading}\n\n{body}\n{end}"
    if start in text and end in text:
        text = text[: text.index(start)] + section + text[text.index(end) + len(end) :]
    else:
        text = text.rstrip("\n") + "\n\n" + section + "\n"
    BENCHMARKS.write_text(text, encoding="utf-8")
    print(f"updated {BENCHMARKS}", file=sys.stderr)


if __name__ == "__main__":
    main()
