"""Web benchmark of the claim pages: p50/p95 of ``/claims/{id}``, its JSON twin and the article page that now
marks claims seen elsewhere, on a resampled 100k-article SQLite KB with claim clusters, 8 clients.

    python bench/claims_serve.py                  # 100,000 articles, writes BENCHMARKS.md ("claims-serve")
    python bench/claims_serve.py --n 5000 --no-md

The KB is built as ``bench/serve.py`` builds it (real PolNeAR seed articles analysed by the pipeline, rows
copied under new ids, dates over two years, 300 publishers). Claim clusters are then added the way
``store/tracing.py`` writes them: 12% of the articles carry a repeated claim, in clusters of 2 to 12 members
(sizes Zipf-like) whose text is a real sentence of a seed article, each repeat with one or two change rows.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import sqlite3
import sys
from pathlib import Path
from urllib.parse import quote

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from bench._report import command_line, machine, now, write_section  # noqa: E402
from bench.serve import OUT, build_kb, free_port, load, seed_kb, start_server  # noqa: E402

LABELS = ("verbatim", "reworded", "number_changed", "attribution_dropped", "hedge_added", "truncated")
SHARE = 0.12
BAR_MS = 100.0


def _sentences(con: sqlite3.Connection) -> list[str]:
    out = []
    for body, spans in con.execute("SELECT body, sentences FROM articles WHERE document_id NOT LIKE 'sha256:bench%'"):
        for s, e in json.loads(spans or "[]"):
            if 60 <= e - s <= 300:
                out.append(body[s:e])
    return out


def add_clusters(db: Path, rng: random.Random) -> int:
    """Claim clusters over the generated articles, as the tracing store writes them; the number made."""
    con = sqlite3.connect(db, isolation_level=None)
    sentences = _sentences(con)
    docs = [r[0] for r in con.execute("SELECT document_id FROM articles ORDER BY published")]
    dated = dict(con.execute("SELECT document_id, published FROM articles"))
    pool = rng.sample(docs, int(len(docs) * SHARE))
    clusters, members, changes = [], [], []
    i = 0
    while i < len(pool):
        size = min(len(pool) - i, max(2, int(rng.paretovariate(1.6)) + 1), 12)
        group = sorted(pool[i : i + size], key=lambda d: dated[d] or "")
        i += size
        text = rng.choice(sentences)
        cid = f"claim:{len(clusters):016x}"
        clusters.append((cid, len(group), group[0], 0, dated[group[0]], None))
        for idx, doc in enumerate(group):
            members.append((doc, 0, len(text), cid, idx, text, None, False, None))
            if idx:
                for j, label in enumerate(rng.sample(LABELS, rng.choice((1, 2)))):
                    changes.append((doc, 0, j, cid, label, None, None, None, None, "[]", None))
    con.execute("BEGIN")
    con.executemany("INSERT INTO claim_clusters VALUES (?, ?, ?, ?, ?, ?)", clusters)
    con.executemany(
        'INSERT INTO claim_members (document_id, start, "end", cluster_id, idx, text, speaker, attributed, '
        "attribution) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
        members,
    )
    con.executemany(
        "INSERT INTO claim_changes (document_id, start, idx, cluster_id, label, before, after, speaker, cue, words, "
        "similarity) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        changes,
    )
    con.execute("COMMIT")
    con.execute("ANALYZE")
    con.close()
    return len(clusters)


def workload(db: Path, rng: random.Random) -> dict[str, list[str]]:
    con = sqlite3.connect(db)
    ids = [r[0] for r in con.execute("SELECT id FROM claim_clusters")]
    arts = [r[0] for r in con.execute("SELECT document_id FROM claim_members")]
    con.close()
    picked, docs = rng.sample(ids, min(200, len(ids))), rng.sample(arts, min(200, len(arts)))
    return {
        "claim page (HTML)": [f"/claims/{quote(i)}" for i in picked],
        "claim API": [f"/api/claims/{quote(i)}" for i in picked],
        "article page with claims (HTML)": [f"/articles/{quote(d)}" for d in docs],
    }


def report(n: int, clusters: int, results: dict, workers: int, load_before: float) -> str:
    lines = [
        "## Claim pages under load (issue 15)",
        "",
        f"Machine: {machine()}. Taken {now()}. Load average before: {load_before:.2f}.",
        f"Command: `{command_line()}`",
        "",
        f"KB: {n:,} articles (resampled as in `bench/serve.py`), {clusters:,} claim clusters over {SHARE:.0%} of "
        f"them; `claimgraph serve --workers {workers}`, 8 clients with keep-alive.",
        "",
        "| endpoint | requests | p50 ms | p95 ms | max ms | req/s | errors | bar |",
        "|---|---|---|---|---|---|---|---|",
    ]
    for name, r in results.items():
        ok = "pass" if r["p95"] < BAR_MS else "FAIL"
        lines.append(f"| {name} | {r['requests']} | {r['p50']:.1f} | {r['p95']:.1f} | {r['max']:.1f} | "
                     f"{r['rps']:.1f} | {r['errors']} | p95 < {BAR_MS:.0f} ms: {ok} |")  # fmt: skip
    return "\n".join(lines) + "\n"


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--n", type=int, default=100_000)
    ap.add_argument("--seed-articles", type=int, default=80)
    ap.add_argument("--requests", type=int, default=300)
    ap.add_argument("--seconds", type=float, default=60)
    ap.add_argument("--no-md", action="store_true")
    args = ap.parse_args()
    rng = random.Random(15)
    db = OUT / f"claims-serve-{args.n}.sqlite"
    build_kb(seed_kb(args.seed_articles), args.n, db, rng)
    clusters = add_clusters(db, rng)
    urls = workload(db, rng)
    from claimgraph.cli.serve import default_workers

    workers, load_before = default_workers(), os.getloadavg()[0]
    port = free_port()
    server = start_server(db, port, workers)
    results = {}
    try:
        for name, endpoint_urls in urls.items():
            load(port, endpoint_urls, 20, 30)  # warm-up, not counted
            results[name] = r = load(port, endpoint_urls, args.requests, args.seconds)
            print(f"{name:32s} p50 {r['p50']:7.1f} ms  p95 {r['p95']:7.1f} ms  {r['errors']} errors", file=sys.stderr)
    finally:
        server.terminate()
        server.wait(10)
    text = report(args.n, clusters, results, workers, load_before)
    print(text)
    if not args.no_md:
        write_section("claims-serve", text)


if __name__ == "__main__":
    main()
