"""Peak memory of one ingest worker over many articles: is it under the bar, and does it stay flat?

Run from the repo root:  python bench/worker_rss.py [--articles 10000] [--every 500]

A fresh subprocess (the worker) runs ``analyze_many(format="text")`` over held-out bodies resampled
(cycled) from ``../shared/gold/attribution/dev.jsonl`` and prints its resident set size every
``--every`` articles; the parent reports the curve and the peak. Bar (issue 18): peak <= 550 MiB and
flat (the last checkpoint's RSS within 5% of the first after warm-up, i.e. the first checkpoint at or past a
tenth of the run: the first batches still load models and fill bounded caches).
"""

from __future__ import annotations

import argparse
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench._report import command_line, machine, now, write_section  # noqa: E402

WORKER = """
import itertools, json, resource, sys
from claimgraph import analyze_many
texts = [json.loads(x)["text"] for x in open(sys.argv[1], encoding="utf-8").read().splitlines()]
n, every = int(sys.argv[2]), int(sys.argv[3])
def rss():
    for line in open("/proc/self/status"):
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
for i, _ in enumerate(analyze_many(itertools.islice(itertools.cycle(texts), n), format="text"), 1):
    if i % every == 0 or i == n:
        print(i, round(rss(), 1), round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1), flush=True)
"""


def _checkpoints(cmd: list[str]) -> list[tuple[float, ...]]:
    """The worker's (articles, RSS, peak) lines, echoed as they come (a long run shows its curve while it runs)."""
    points = []
    with subprocess.Popen(cmd, stdout=subprocess.PIPE, text=True, cwd=ROOT) as proc:
        for line in proc.stdout:
            if line.strip():
                print("checkpoint", line.strip(), flush=True)
                points.append(tuple(float(v) for v in line.split()))
    if proc.returncode:
        raise SystemExit(f"worker failed with exit code {proc.returncode}")
    return points


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--texts", type=Path, default=ROOT.parent / "shared" / "gold" / "attribution" / "dev.jsonl")
    parser.add_argument("--articles", type=int, default=10_000)
    parser.add_argument("--every", type=int, default=500)
    parser.add_argument("--no-write", action="store_true")
    args = parser.parse_args()
    cmd = [sys.executable, "-c", WORKER, str(args.texts), str(args.articles), str(args.every)]
    points = _checkpoints(cmd)
    peak = max(p[2] for p in points)
    warm = next(p for p in points if p[0] >= args.articles / 10)
    first, last = warm[1], points[-1][1]
    flat = last <= first * 1.05
    rows = ["| articles | RSS MiB | peak MiB |", "|---:|---:|---:|"]
    rows += [f"| {int(i)} | {r:,.0f} | {m:,.0f} |" for i, r, m in points]
    body = "\n".join(
        [
            "## Worker memory (`bench/worker_rss.py`)",
            "",
            f"- machine: {machine()}",
            f"- date: {now()}",
            f"- command: `{command_line()}`",
            f"- input: {args.articles} held-out bodies resampled from {args.texts.name}, one subprocess worker",
            "",
            *rows,
            "",
            f"- peak RSS **{peak:,.0f} MiB** ({'meets' if peak <= 550 else 'misses'} issue 18's bar of <= 550 MiB); "
            f"RSS {first:,.0f} -> {last:,.0f} MiB from article {int(warm[0])} (after warm-up) to the last "
            f"({'flat' if flat else 'grows'}: bar within 5%)",
        ]
    )
    print(body)
    if not args.no_write:
        write_section("worker_rss", body)


if __name__ == "__main__":
    main()
