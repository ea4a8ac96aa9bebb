"""Cost of one long document: seconds and peak RSS of ``analyze`` at 50 KB to 2.5 MB (issue 20).

Run from the repo root::

    /work/venv/bin/python bench/long_docs.py                      # 50k 100k 200k 500k 2.5M, writes BENCHMARKS.md
    /work/venv/bin/python bench/long_docs.py --sizes 50000 100000 --no-write

The text is real news prose: the PolNeAR dev article texts (``../shared/gold/attribution/dev.jsonl``,
read in place, only their ``text``), joined with blank lines in file order and cut at the size, so a
longer document is a longer run of different articles, as a book-length transcript is a long run of
different paragraphs. Each size runs in its own process (``format="text"``, every stage on), so the
peak RSS is that document's alone; the model load and a warm-up are outside the timing.
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from bench._report import command_line, machine, now, write_section  # noqa: E402

GOLD = ROOT.parent / "shared" / "gold" / "attribution" / "dev.jsonl"
SIZES = [50_000, 100_000, 200_000, 500_000, 2_500_000]


def long_text(chars: int, path: Path = GOLD) -> str:
    """The dev texts joined by blank lines, repeated if needed, cut to ``chars`` characters."""
    texts = [json.loads(line)["text"].strip() for line in path.open(encoding="utf-8")]
    out: list[str] = []
    size = 0
    while size < chars:
        for t in texts:
            out.append(t)
            size += len(t) + 2
            if size >= chars:
                break
    return "\n\n".join(out)[:chars]


def measure(chars: int) -> dict:
    """Analyse one document of ``chars`` characters in this process; seconds, peak RSS and what came out."""
    from claimgraph.config import Options
    from claimgraph.pipeline import Pipeline

    pipe = Pipeline(Options.from_env(format="text", time_budget=None))
    pipe.run("Warm-up: the minister said the plan would work.", "warm-up")
    text = long_text(chars)
    t0 = time.perf_counter()
    result = pipe.run(text, "long")
    seconds = time.perf_counter() - t0
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return {
        "chars": len(text),
        "seconds": round(seconds, 1),
        "peak_rss_mb": round(peak),
        "attributions": len(result.attributions),
        "entities": len(result.entities),
        "sentences": len(result.sentences),
    }


def run_child(chars: int) -> dict:
    out = subprocess.run(
        [sys.executable, __file__, "--child", str(chars)], capture_output=True, text=True, check=True, cwd=ROOT
    )
    return json.loads(out.stdout.strip().splitlines()[-1])


def table(rows: list[dict]) -> str:
    lines = [
        "| characters | seconds | s per 100k chars | peak RSS (MB) | attributions | entities | sentences |",
        "|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for r in rows:
        per = 100_000 * r["seconds"] / r["chars"]
        lines.append(
            f"| {r['chars']:,} | {r['seconds']:.1f} | {per:.1f} | {r['peak_rss_mb']:,} | "
            f"{r['attributions']:,} | {r['entities']:,} | {r['sentences']:,} |"
        )
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=SIZES)
    parser.add_argument("--no-write", action="store_true")
    parser.add_argument("--child", type=int, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        print(json.dumps(measure(args.child)))
        return
    rows = []
    for chars in args.sizes:
        rows.append(run_child(chars))
        print(json.dumps(rows[-1]), flush=True)
    body = "\n".join(
        [
            "## Long documents (`bench/long_docs.py`)",
            "",
            f"Machine: {machine()}. Date: {now()}. Command: `{command_line()}`.",
            "",
            "One document per process, `analyze` with every stage on (`format=text`), PolNeAR dev texts joined",
            "with blank lines. Bodies over 100,000 characters are parsed in pieces joined into one Doc.",
            "",
            table(rows),
        ]
    )
    print(body)
    if not args.no_write:
        write_section("long_docs", body)


if __name__ == "__main__":
    main()
