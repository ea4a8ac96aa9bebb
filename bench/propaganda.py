"""Propaganda techniques: 5-fold article cross-validation of SI and TC on the PTC dev articles, plus speed.

Run from the repo root (about 8 minutes on a shared 2-core machine; one core)::

    /work/venv/bin/python bench/propaganda.py            # prints and writes BENCHMARKS.md
    /work/venv/bin/python bench/propaganda.py --no-write

Data: ``../shared/gold/propaganda/dev.jsonl`` (260 PTC articles, read in place).
Folds: articles shuffled with ``numpy.random.RandomState(0)``, fold k = every 5th
article from k. In each fold the whole model (lexicon, token tagger, sentence
classifier, span classifier) is trained on the other four folds exactly as
``scripts/train_propaganda.py`` trains the shipped file. Metrics are those of
SemEval-2020 Task 11 (``claimgraph.credibility.propaganda.metrics``): SI
partial-overlap P/R/F1 over the pooled out-of-fold predictions, TC micro-F1 of
the labels predicted for the gold spans. Speed: the shipped model on all dev
articles, without and with a spaCy parse (``claimgraph.nlp.load_nlp()``) first.
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from collections import Counter
from pathlib import Path
from typing import Any

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from bench._report import command_line, fmt, machine, now, write_section  # noqa: E402

DEFAULT_GOLD = ROOT.parent / "shared" / "gold" / "propaganda" / "dev.jsonl"
ANCHOR_SI, ANCHOR_TC = 0.51, 0.62
BAR_SI, BAR_TC, BAR_SPEED = 0.40, 0.55, 20.0


def folds(n: int, k: int = 5, seed: int = 0) -> list[list[int]]:
    order = np.random.RandomState(seed).permutation(n)
    return [sorted(order[i::k].tolist()) for i in range(k)]


def cross_validate(docs: list[Any], k: int = 5) -> dict[str, Any]:
    from claimgraph.credibility.propaganda.metrics import si_scores, tc_micro_f1
    from claimgraph.credibility.propaganda.train import fit, tc_examples

    si_pred: dict[str, list[tuple[int, int]]] = {}
    tc_pred: list[tuple[str, int, int, str]] = []
    tc_gold: list[tuple[str, int, int, str]] = []
    per_fold: list[tuple[float, float]] = []
    for f, test in enumerate(folds(len(docs), k)):
        held = set(test)
        t0 = time.perf_counter()
        model = fit([d for i, d in enumerate(docs) if i not in held])
        fold_si: dict[str, list[tuple[int, int]]] = {}
        fold_pred, fold_gold = [], []
        for i in test:
            d = docs[i]
            fold_si[d.id] = [(s, e) for s, e, _ in model.find(d.text)]
            _, _, keys = tc_examples([d])
            if keys:
                proba = model.classify(d.text, [(s, e) for _, s, e, _ in keys], d.sents)
                labels = [model.classifier.classes[j] for j in proba.argmax(1)]
                fold_pred += [(a, s, e, lab) for (a, s, e, _), lab in zip(keys, labels, strict=True)]
                fold_gold += keys
        gold = {docs[i].id: [(s, e) for s, e, _ in docs[i].spans] for i in test}
        per_fold.append((si_scores(fold_si, gold)["f1"], tc_micro_f1(fold_pred, fold_gold)))
        si_pred.update(fold_si)
        tc_pred += fold_pred
        tc_gold += fold_gold
        print(f"fold {f}: SI F1 {per_fold[-1][0]:.3f} TC {per_fold[-1][1]:.3f} ({time.perf_counter() - t0:.0f} s)")
    gold = {d.id: [(s, e) for s, e, _ in d.spans] for d in docs}
    whole = {d.id: list(d.sents) for d in docs}
    hits, totals = Counter(), Counter()
    for (_, _, _, g), (_, _, _, p) in zip(tc_gold, tc_pred, strict=True):
        totals[g] += 1
        hits[g] += g == p
    majority = totals.most_common(1)[0][1] / len(tc_gold)
    return {
        "si": si_scores(si_pred, gold), "si_all_sentences": si_scores(whole, gold),
        "tc": tc_micro_f1(tc_pred, tc_gold), "tc_majority": majority, "per_fold": per_fold,
        "per_technique": {t: (hits[t] / n, n) for t, n in totals.most_common()},
    }  # fmt: skip


def speed(texts: list[str], repeat: int = 2) -> dict[str, float]:
    """Articles/s of ``propaganda_spans_many``: best of ``repeat`` passes (the machine is shared)."""
    from claimgraph.credibility.propaganda import load_model, propaganda_spans_many
    from claimgraph.nlp import load_nlp

    load_model()
    bare = cpu = float("inf")
    for _ in range(repeat):
        t0, c0 = time.perf_counter(), time.process_time()
        out = propaganda_spans_many(texts)
        bare = min(bare, time.perf_counter() - t0)
        cpu = min(cpu, time.process_time() - c0)
    nlp = load_nlp()
    t0 = time.perf_counter()
    docs = list(nlp.pipe(texts))
    parse = time.perf_counter() - t0
    t0 = time.perf_counter()
    propaganda_spans_many(docs)
    reuse = time.perf_counter() - t0
    return {
        "bare": len(texts) / bare, "with_parse": len(texts) / (parse + reuse), "parse_only": len(texts) / parse,
        "spans_per_article": sum(map(len, out)) / len(texts), "load": os.getloadavg()[0], "cpu": len(texts) / cpu,
    }  # fmt: skip


def report(r: dict[str, Any], sp: dict[str, float], n_docs: int, n_spans: int, size_mb: float | None) -> str:
    si, tc = r["si"], r["tc"]
    base = r["si_all_sentences"]
    si_r = f"{min(f[0] for f in r['per_fold']):.3f}-{max(f[0] for f in r['per_fold']):.3f}"
    tc_r = f"{min(f[1] for f in r['per_fold']):.3f}-{max(f[1] for f in r['per_fold']):.3f}"
    verdict = ", ".join([
        f"SI bar {BAR_SI:.2f} {'met' if si['f1'] >= BAR_SI else 'NOT met'}",
        f"TC bar {BAR_TC:.2f} {'met' if tc >= BAR_TC else 'NOT met'}",
        f"speed bar {BAR_SPEED:.0f}/s {'met' if sp['bare'] >= BAR_SPEED else 'NOT met'} without parse, "
        f"{'met' if sp['with_parse'] >= BAR_SPEED else 'NOT met'} with parse",
    ])  # fmt: skip
    per_tech = "\n".join(f"| {t} | {n} | {fmt(acc)} |" for t, (acc, n) in r["per_technique"].items())
    size = f"{size_mb:.2f} MB" if size_mb is not None else "not built"
    row_base = f"| SI | trivial: every sentence is one span | {fmt(base['precision'])} | {fmt(base['recall'])} | "
    row_base += f"{fmt(base['f1'])} | - | - | - |"
    row_si = "| SI | claimgraph: token tagger x sentence classifier (linear, hashed) | "
    row_si += f"{fmt(si['precision'])} | {fmt(si['recall'])} | **{fmt(si['f1'])}** | {si_r} | 0.51 | "
    row_si += f"{si['f1'] - ANCHOR_SI:+.3f} |"
    row_maj = f"| TC | majority class (Loaded_Language) | - | - | {fmt(r['tc_majority'])} | - | - | - |"
    row_tc = "| TC | claimgraph: multinomial LR over span/context n-grams + repetition | - | - | "
    row_tc += f"**{fmt(tc)}** | {tc_r} | 0.62 | {tc - ANCHOR_TC:+.3f} |"
    return f"""## Propaganda techniques (PTC / SemEval-2020 Task 11 dev, 5-fold article CV)

{n_docs} articles, {n_spans} gold spans. Out-of-fold predictions pooled over 5 folds of articles; every model part
(lexicon included) trained on the other folds only. SI: the task's partial-overlap span P/R/F1 (overlapping spans
merged, labels ignored; `claimgraph/credibility/propaganda/metrics.py`); TC: micro-F1 of one label per gold span.
Machine: {machine()}. Taken {now()}.
Command: `{command_line()}`

| task | system | P | R | F1 | per-fold F1 | anchor (best SemEval-2020 system) | gap to anchor |
| --- | --- | --- | --- | --- | --- | --- | --- |
{row_base}
{row_si}
{row_maj}
{row_tc}

Verdict: {verdict}.
The anchors are test-set figures of fine-tuned large transformers (Da San Martino et al. 2020); ours are
cross-validated on the training partition with linear models, so the comparison is indicative only.

Speed of `propaganda_spans` (shipped model, {n_docs} dev articles, one process, best of 2 passes, 1-min load average
{sp["load"]:.1f} on the 2 cores): **{sp["bare"]:.1f} articles/s** wall-clock on raw text ({sp["cpu"]:.1f} articles
per CPU-second, the figure that does not depend on what else the shared machine runs);
{sp["with_parse"]:.1f} articles/s including a fresh `load_nlp()` parse of each article (the parse alone:
{sp["parse_only"]:.1f} articles/s; the model uses its own regex tokens, so a pipeline that already parsed pays only the
first figure). {sp["spans_per_article"]:.1f} spans per article. Model file `src/claimgraph/data/propaganda.npz`: {size}.

TC accuracy per gold technique (out-of-fold):

| technique | gold spans | accuracy |
| --- | --- | --- |
{per_tech}
"""


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--gold", type=Path, default=DEFAULT_GOLD)
    ap.add_argument("--no-write", action="store_true")
    args = ap.parse_args()
    from claimgraph.credibility.propaganda import MODEL_PATH
    from claimgraph.credibility.propaganda.train import load_gold

    docs = load_gold(args.gold)
    r = cross_validate(docs)
    sp = speed([d.text for d in docs])
    size = MODEL_PATH.stat().st_size / 1e6 if MODEL_PATH.exists() else None
    body = report(r, sp, len(docs), sum(len(d.spans) for d in docs), size)
    print(body)
    if not args.no_write:
        write_section("propaganda", body)


if __name__ == "__main__":
    main()
