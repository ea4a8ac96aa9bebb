"""Ingestion with the analysis on a Dask cluster against local worker processes, same corpus, same machine.

    python bench/cluster.py                 # 1,000 articles; 2 local processes vs a 2-worker Dask LocalCluster
    python bench/cluster.py --n 200 --no-md
    python bench/cluster.py --scheduler tcp://host:8786   # a real cluster (its workers need claimgraph installed)

What it shows: the cost of going through Dask (task shipping, result serialisation back to the writer) on one
machine, where both configurations have the same 2 cores; on a cluster the analysis spreads over its workers
while this process writes. Corpus and measurement as in bench/ingest.py (NELA-style JSONL of recombined PolNeAR
paragraphs; wall time, CPU of all child processes, peak RSS of the process tree). The section between
``<!-- bench:cluster -->`` markers in BENCHMARKS.md is replaced.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from datetime import UTC, datetime
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from ingest import build_corpus, ingest, machine, write_section  # noqa: E402

START, END = "<!-- bench:cluster -->", "<!-- /bench:cluster -->"


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--n", type=int, default=1000, help="articles in the corpus (default 1,000)")
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--scheduler", default="local", help="Dask scheduler address, or 'local' (default)")
    ap.add_argument(
        "--repeat",
        type=int,
        default=1,
        help="alternate the two configurations this many times and keep each one's fastest run "
        "(a shared machine's load comes and goes)",
    )
    ap.add_argument("--no-md", action="store_true", help="do not rewrite the BENCHMARKS.md section")
    args = ap.parse_args()
    load_before = os.getloadavg()  # the numbers mean little on a busy machine: record how busy it was
    with tempfile.TemporaryDirectory(prefix="cg-cluster-") as tmp:
        corpus = Path(tmp) / "corpus.jsonl"
        n, words = build_corpus(corpus, args.n)
        configs = (("local processes", ()), (f"Dask ({args.scheduler})", ("--dask", args.scheduler)))
        best: dict[str, dict] = {}
        for i in range(max(1, args.repeat)):
            for label, extra in configs:
                db = Path(tmp) / f"{i}-{label.split()[0].lower()}.sqlite"  # a fresh KB each run (no resume)
                r = ingest(corpus, str(db), args.workers, extra=extra)
                print(
                    f"{label}: {r['added'] / r['wall']:.1f} docs/s wall, {r['cpu'] / max(1, r['added']):.3f} CPU "
                    f"s/doc, peak RSS {r['peak_rss'] / 2**20:.0f} MiB, errors {r['errors']}, "
                    f"load {os.getloadavg()[0]:.2f}",
                    flush=True,
                )
                if label not in best or r["wall"] < best[label]["wall"]:
                    best[label] = r
        rows = [(label, best[label]) for label, _ in configs]
    load_after = os.getloadavg()
    lines = [
        f"- date: {datetime.now(UTC):%Y-%m-%d %H:%M} UTC; machine: {machine()}",
        f"- command: `python bench/cluster.py --n {args.n} --workers {args.workers} --scheduler {args.scheduler}"
        + (
            f" --repeat {args.repeat}` (alternating runs; each configuration's fastest shown)"
            if args.repeat > 1
            else "`"
        ),
        f"- corpus: {n:,} articles, {words:,} words (bench/ingest.py's NELA-style JSONL); SQLite KB; "
        f"`claimgraph ingest --workers {args.workers}` with and without `--dask`",
        f"- load average (1/5/15 min) before {'/'.join(f'{x:.2f}' for x in load_before)}, "
        f"after {'/'.join(f'{x:.2f}' for x in load_after)} (this run's own processes included)",
        "",
        "| analysis on | docs/s (wall, with start-up) | CPU s/doc (all processes) | peak RSS (all) | stored |",
        "|---|---|---|---|---|",
    ]
    for label, r in rows:
        lines.append(
            f"| {label} | {r['added'] / r['wall']:.1f} | {r['cpu'] / max(1, r['added']):.3f} | "
            f"{r['peak_rss'] / 2**20:.0f} MiB | {r['added']} |"
        )
    base, dask = rows[0][1], rows[1][1]
    ratio = (dask["added"] / dask["wall"]) / (base["added"] / base["wall"])
    lines += [
        "",
        f"- Dask / local processes throughput: {ratio:.2f}x on the same cores "
        "(what the cluster path costs where it cannot add machines).",
    ]
    body = "\n".join(lines)
    print(body)
    if not args.no_md:
        write_section(body, START, END, "Analysis on a Dask cluster (`bench/cluster.py`)")


if __name__ == "__main__":
    main()
