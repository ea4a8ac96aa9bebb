"""Check-worthiness: 5-fold CV of the plain TF-IDF + logistic regression baseline and of claimgraph's model.

Run from the repo root (about 5 minutes on a shared 2-core machine; one core)::

    /work/venv/bin/python bench/checkworthy.py            # prints and writes BENCHMARKS.md
    /work/venv/bin/python bench/checkworthy.py --no-write

Data: ``../shared/gold/checkworthy/dev.jsonl`` (ClaimBuster 2.5xNCS debate sentences, read
in place). Both systems see the same stratified folds (seed 20202). The baseline is
scikit-learn's ``TfidfVectorizer()`` + ``LogisticRegression()`` with default settings and
the 0.5 threshold; a class-weighted variant is shown for reference. claimgraph's model is
trained inside each fold exactly as ``scripts/train_checkworthy.py`` trains the shipped
file: vocabularies, idf, C, decision threshold and score slope learnt on the training
folds only (the threshold and C by an inner 3-fold CV). Metric: precision, recall and F1
of the check-worthy class (label 1) over the pooled out-of-fold predictions; the spread
is the min-max of per-fold F1.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from bench._report import command_line, fmt, machine, now, write_section  # noqa: E402

DEFAULT_GOLD = ROOT.parent / "shared" / "gold" / "checkworthy" / "dev.jsonl"
MARGIN = 0.03


def run(gold: Path) -> dict[str, Any]:
    from claimgraph.claims.checkworthy import MODEL_PATH
    from claimgraph.claims.cw_train import baseline_cv, cross_validate, featurize, load_gold
    from claimgraph.nlp import load_nlp

    texts, y = load_gold(gold)
    t0 = time.perf_counter()
    base = baseline_cv(texts, y)
    base_bal = baseline_cv(texts, y, balanced=True)
    t_base = time.perf_counter() - t0
    t0 = time.perf_counter()
    examples = featurize(texts, load_nlp())
    t_feat = time.perf_counter() - t0
    t0 = time.perf_counter()
    ours = cross_validate(examples, y)
    t_ours = time.perf_counter() - t0
    return {
        "n": len(y), "pos": int(y.sum()), "baseline": base, "baseline_balanced": base_bal, "ours": ours,
        "t_base": t_base, "t_feat": t_feat, "t_ours": t_ours,
        "model_mb": MODEL_PATH.stat().st_size / 1e6 if MODEL_PATH.exists() else None,
    }  # fmt: skip


def _row(name: str, r: dict[str, Any]) -> str:
    spread = f"{min(r['per_fold']):.3f}-{max(r['per_fold']):.3f}"
    return f"| {name} | {fmt(r['precision'])} | {fmt(r['recall'])} | **{fmt(r['f1'])}** | {spread} |"


def report(r: dict[str, Any]) -> str:
    gain = r["ours"]["f1"] - r["baseline"]["f1"]
    met = "met" if gain >= MARGIN else "NOT met"
    size = f"{r['model_mb']:.2f} MB" if r["model_mb"] is not None else "not built"
    return f"""## Check-worthiness (ClaimBuster dev, 5-fold CV)

{r["n"]} sentences ({r["pos"]} check-worthy). Class-1 precision / recall / F1 of pooled out-of-fold predictions;
per-fold F1 range. Machine: {machine()}. Taken {now()}.
Command: `{command_line()}`

| system | P | R | F1 | per-fold F1 |
| --- | --- | --- | --- | --- |
{_row("baseline: TF-IDF + LogisticRegression (defaults, threshold 0.5)", r["baseline"])}
{_row("reference: same, class_weight=balanced", r["baseline_balanced"])}
{_row("claimgraph: word+char+POS/entity n-grams + hand features, LR, in-fold C/threshold", r["ours"])}

Gain over the baseline: {gain:+.3f} F1 (bar: +{MARGIN}) - {met}.
Time: baselines {r["t_base"]:.0f} s; spaCy tagging of all sentences {r["t_feat"]:.0f} s;
claimgraph CV {r["t_ours"]:.0f} s.
Shipped model `src/claimgraph/data/checkworthy.json.gz` ({size}) is the same procedure fitted on the whole file.
Caveat: debate speech, not news; the random split lets speakers and topics recur across folds.
"""


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description="Check-worthiness benchmark")
    ap.add_argument("--gold", default=str(DEFAULT_GOLD))
    ap.add_argument("--no-write", action="store_true", help="print only; leave BENCHMARKS.md alone")
    args = ap.parse_args(argv)
    if not Path(args.gold).exists():
        print(f"{args.gold} not found", file=sys.stderr)
        return 2
    text = report(run(Path(args.gold)))
    print(text)
    if not args.no_write:
        write_section("checkworthy", text)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
