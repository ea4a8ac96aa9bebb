"""Stance and target benchmark on the project's own labels: the blind set and the older 221 labels.

Run from the repo root::

    /work/venv/bin/python bench/stance.py            # writes the bench:stance section of BENCHMARKS.md
    /work/venv/bin/python bench/stance.py --no-write
    /work/venv/bin/python bench/stance.py --before before.json   # adds a before/after table

``--json FILE`` writes the raw figures; run at an older commit, that file is what ``--before`` reads.

Two label files, each item a PolNeAR dev relation (validation split) with a
stance label and target mentions: ``bench/data/stance_blind.jsonl`` (400
relations drawn uniformly at random by ``bench/stance_sample.py`` and labelled
by the guideline in ``docs/attribution.md`` before the stance code was run on
them; the main table) and ``bench/data/stance_gold.jsonl`` (221 older labels,
mostly found by cue words; the second table). A third file, ``bench/data/stance_dev.jsonl`` (300
relations of train-part articles, seed 1919), is the development sample the content rules were
written against; its table is printed last and is no measure of generalisation. The article text is read from
the PolNeAR file; each article is parsed once and the system runs ``nlp`` ->
``resolve_entities`` -> ``extract_attributions``.
Each item is matched one-to-one (Hungarian, among the annotated items of an
article) to the predicted attribution whose content has the best Dice over
non-space characters, if that Dice is >= 0.5.

* coverage = matched items / items;
* per stance S: precision = matched items predicted S whose label is S /
  matched items predicted S; recall = items labelled S that are matched and
  predicted S / all items labelled S (an unmatched item is a miss);
* target accuracy: over matched items with at least one gold target, some
  predicted target entity has a mention overlapping a gold target span;
* evidence overlap (blind set): over matched items predicted with their gold
  stance whose gold ``stance_evidence`` is set, the predicted evidence span
  overlaps it (``-`` while attributions carry no ``stance_evidence``);
* cost: the time ``stance_of`` takes per attribution (rerun on the extracted attributions), against
  the time of ``extract_attributions`` on the same articles.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections import Counter, defaultdict
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from bench._polnear import DEFAULT_GOLD, iter_articles  # noqa: E402
from bench._report import command_line, fmt, machine, now, write_section  # noqa: E402
from bench.attribution_metrics import fragments_overlap, match_contents, nonspace_chars, ratio  # noqa: E402
from claimgraph.vocab import STANCES  # noqa: E402

LABELS = Path(__file__).resolve().parent / "data" / "stance_gold.jsonl"
BLIND = Path(__file__).resolve().parent / "data" / "stance_blind.jsonl"
DEV = Path(__file__).resolve().parent / "data" / "stance_dev.jsonl"
TRAIN = Path(__file__).resolve().parent / "data" / "stance_train.jsonl"
BARRED = ("accuse", "deny", "doubt")
BAR = 0.80  # precision bar on the older 221 labels
BLIND_P, BLIND_R = 0.85, 0.60  # issue 19 bars on the blind set, per barred stance


def load_labels(path: Path = LABELS) -> list[dict[str, Any]]:
    """The annotated items, in file order."""
    with open(path, encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


def item_fragments(item: dict[str, Any]) -> list[tuple[int, int]]:
    """Content fragments of an annotated item (falls back to the content span)."""
    frags = item.get("content_fragments") or [item["content_span"]]
    return [(int(s), int(e)) for s, e in frags]


def target_hit(
    gold_targets: list[dict[str, Any]], predicted: list[str], entity_mentions: dict[str, list[tuple[int, int]]]
) -> bool:
    """True when a predicted target entity has a mention overlapping a gold target span."""
    spans = [tuple(t["span"]) for t in gold_targets]
    return any(fragments_overlap(entity_mentions.get(eid, []), spans) for eid in predicted)


def evidence_hit(gold: dict[str, Any], predicted: tuple[int, int] | None) -> bool:
    """True when the predicted evidence span overlaps the gold ``stance_evidence`` span."""
    return predicted is not None and fragments_overlap([predicted], [tuple(gold["span"])])


def predicted_evidence(att: Any) -> tuple[int, int] | None:
    """The (start, end) of an attribution's stance evidence, ``None`` when it has none (older code)."""
    ev = getattr(att, "stance_evidence", None)
    if ev is None:
        return None
    if isinstance(ev, dict):
        return int(ev["start"]), int(ev["end"])
    return int(ev.start), int(ev.end)


def score(pairs: list[tuple[dict[str, Any], dict[str, Any] | None]]) -> dict[str, Any]:
    """Figures from (item, prediction-or-None) pairs; a prediction is ``{"stance", "target_hit"}``."""
    per: dict[str, dict[str, Any]] = {}
    gold_n = Counter(item["stance"] for item, _ in pairs)
    matched = [(item, pred) for item, pred in pairs if pred is not None]
    pred_n = Counter(pred["stance"] for _, pred in matched)
    matched_n = Counter(item["stance"] for item, _ in matched)
    correct = Counter(item["stance"] for item, pred in matched if pred["stance"] == item["stance"])
    for stance in (*STANCES, *sorted(set(pred_n) - set(STANCES))):
        p = ratio(correct[stance], pred_n[stance])
        r = ratio(correct[stance], gold_n[stance])
        per[stance] = {
            "gold": gold_n[stance],
            "matched": matched_n[stance],
            "coverage": ratio(matched_n[stance], gold_n[stance]),
            "predicted": pred_n[stance],
            "correct": correct[stance],
            "p": p,
            "r": r,
            "r_matched": ratio(correct[stance], matched_n[stance]),
            "f1": (2 * p * r / (p + r) if p and r else 0.0) if p is not None and r is not None else None,
        }
    with_targets = [(item, pred) for item, pred in matched if item.get("targets")]
    confusion: dict[str, Counter] = defaultdict(Counter)
    for item, pred in matched:
        confusion[item["stance"]][pred["stance"]] += 1
    for item, pred in pairs:
        if pred is None:
            confusion[item["stance"]]["(unmatched)"] += 1
    with_evidence = [
        (item, pred) for item, pred in matched if item.get("stance_evidence") and pred["stance"] == item["stance"]
    ]
    # older code gives no evidence at all: report "-" rather than 0; once it does, a missing one is a miss
    has_evidence = any(pred.get("evidence") is not None for _, pred in matched)
    return {
        "n": len(pairs),
        "matched": len(matched),
        "coverage": ratio(len(matched), len(pairs)),
        "accuracy_matched": ratio(sum(correct.values()), len(matched)),
        "per_stance": per,
        "target_n": len(with_targets),
        "target_acc": ratio(sum(1 for _, pred in with_targets if pred["target_hit"]), len(with_targets)),
        "target_empty": sum(1 for _, pred in with_targets if not pred["n_targets"]),
        "confusion": {g: dict(c) for g, c in confusion.items()},
        "evidence_n": len(with_evidence),
        "evidence_overlap": ratio(
            sum(1 for item, pred in with_evidence if evidence_hit(item["stance_evidence"], pred.get("evidence"))),
            len(with_evidence),
        )
        if has_evidence
        else None,
    }


def predict_articles(
    doc_ids: list[str], texts: dict[str, str], batch_size: int, model: str | None
) -> tuple[dict[str, tuple[list[Any], dict[str, list[tuple[int, int]]]]], list[str], dict[str, float]]:
    """Attributions and entity mention spans per article, each article parsed once; and the timings."""
    from claimgraph.attribution import extract_attributions
    from claimgraph.entities import resolve_entities
    from claimgraph.nlp import load_nlp

    nlp = load_nlp(model)
    out: dict[str, tuple[list[Any], dict[str, list[tuple[int, int]]]]] = {}
    errors: list[str] = []
    cost = {"extract_s": 0.0, "stance_s": 0.0, "attributions": 0}
    for doc_id, doc in zip(doc_ids, nlp.pipe([texts[d] for d in doc_ids], batch_size=batch_size), strict=True):
        entities = resolve_entities(doc)
        mentions = {e.id: [(m.start, m.end) for m in e.mentions] for e in entities}
        try:
            t0 = time.perf_counter()
            atts = extract_attributions(doc, entities)
            cost["extract_s"] += time.perf_counter() - t0
        except Exception as exc:  # work in progress upstream: count it, score the article as unmatched
            errors.append(f"{doc_id}: {type(exc).__name__}: {exc}")
            atts = []
        cost["stance_s"] += stance_seconds(doc, atts)
        cost["attributions"] += len(atts)
        out[doc_id] = (atts, mentions)
    return out, errors, cost


def stance_seconds(doc: Any, atts: list[Any]) -> float:
    """Time to rerun the stance stage on these attributions (0 for code without ``stance_of``)."""
    try:
        from claimgraph.attribution.stance import stance_of
    except ImportError:
        return 0.0
    inputs = []
    for a in atts:
        cue = doc.char_span(a.cue.start, a.cue.end, alignment_mode="expand") if a.cue else None
        inputs.append(([t.i for t in cue] if cue is not None else [], [tuple(f) for f in a.content.fragments]))
    t0 = time.perf_counter()
    for cue_ids, frags in inputs:
        stance_of(doc, cue_ids, frags)
    return time.perf_counter() - t0


def pair_items(
    items: list[dict[str, Any]],
    predictions: dict[str, tuple[list[Any], dict[str, list[tuple[int, int]]]]],
    texts: dict[str, str],
) -> list[tuple[dict[str, Any], dict[str, Any] | None]]:
    """Each annotated item with its matched prediction (or ``None``), matched per article."""
    by_doc: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for item in items:
        by_doc[item["doc_id"]].append(item)
    pairs: list[tuple[dict[str, Any], dict[str, Any] | None]] = []
    for doc_id, doc_items in by_doc.items():
        text = texts[doc_id]
        atts, mentions = predictions[doc_id]
        gsets = [nonspace_chars(item_fragments(i), text) for i in doc_items]
        psets = [
            nonspace_chars([tuple(f) for f in a.content.fragments] or [(a.content.start, a.content.end)], text)
            for a in atts
        ]
        found = {gi: pi for gi, pi, _ in match_contents(gsets, psets, 0.5)}
        for gi, item in enumerate(doc_items):
            pred = None
            if gi in found:
                att = atts[found[gi]]
                pred = {
                    "stance": att.stance,
                    "n_targets": len(att.targets),
                    "target_hit": target_hit(item.get("targets", []), list(att.targets), mentions),
                    "evidence": predicted_evidence(att),
                }
            pairs.append((item, pred))
    return pairs


def run(label_paths: dict[str, Path], gold_path: Path, batch_size: int, model: str | None) -> dict[str, Any]:
    """Run the system once on every annotated article and score each label file."""
    sets = {name: load_labels(path) for name, path in label_paths.items()}
    wanted = {item["doc_id"] for items in sets.values() for item in items}
    texts = {a["id"]: a["text"] for a in iter_articles(gold_path) if a["id"] in wanted}
    missing = sorted(wanted - set(texts))
    if missing:
        raise SystemExit(f"{len(missing)} annotated article(s) not in {gold_path}: {missing[:3]}")
    doc_ids = sorted(wanted)
    predictions, errors, cost = predict_articles(doc_ids, texts, batch_size, model)
    results: dict[str, Any] = {"cost": cost}
    for name, items in sets.items():
        pairs = pair_items(items, predictions, texts)
        random_pairs = [(item, pred) for item, pred in pairs if str(item.get("note", "")).startswith("[random]")]
        results[name] = {
            "labels": str(label_paths[name]),
            "n_articles": len({i["doc_id"] for i in items}),
            "random_subset": score(random_pairs) if random_pairs else None,
            "errors": [e for e in errors if e.split(":", 1)[0] in {i["doc_id"] for i in items}],
            "label_counts": dict(Counter(i["stance"] for i in items)),
            **score(pairs),
        }
    return results


def _bar(stance: str, s: dict[str, Any], bars: tuple[float, float | None]) -> str:
    """PASS/FAIL against (precision bar, recall bar or None) for the barred stances."""
    if stance not in BARRED:
        return ""
    p_bar, r_bar = bars
    checks = [("P", s["p"], p_bar)] + ([("R", s["r"], r_bar)] if r_bar is not None else [])
    parts = []
    for name, value, bar in checks:
        verdict = "n/a" if value is None else ("PASS" if value >= bar else "FAIL")
        parts.append(f"{name} ≥ {bar:.2f}: {verdict}")
    return ", ".join(parts)


def stance_table(result: dict[str, Any], bars: tuple[float, float | None]) -> str:
    """Per-stance figures and the confusion table (rows gold, columns predicted, plus unmatched)."""
    rows = [
        "| stance | items | matched (coverage) | predicted | correct | **precision** | recall "
        "| recall on matched | bar |",
        "|---|---|---|---|---|---|---|---|---|",
    ]
    for stance, s in result["per_stance"].items():
        if not s["gold"] and not s["predicted"]:
            continue
        rows.append(
            f"| {stance} | {s['gold']} | {s['matched']} ({fmt(s['coverage'])}) | {s['predicted']} | {s['correct']} "
            f"| **{fmt(s['p'])}** | {fmt(s['r'])} | {fmt(s['r_matched'])} | {_bar(stance, s, bars)} |"
        )
    per = result["per_stance"]
    labels = [s for s in per if per[s]["gold"] or per[s]["predicted"]]
    cols = [*labels, "(unmatched)"]
    conf = ["| gold \\ predicted | " + " | ".join(cols) + " |", "|---" * (len(cols) + 1) + "|"]
    for g in labels:
        row = result["confusion"].get(g, {})
        conf.append(f"| {g} | " + " | ".join(str(row.get(p, 0)) for p in cols) + " |")
    return (
        "\n".join(rows)
        + "\n\nConfusion (rows gold, columns predicted; last column: items not matched):\n\n"
        + ("\n".join(conf))
    )


def _summary(result: dict[str, Any]) -> str:
    return (
        f"coverage (items matched) {fmt(result['coverage'])} ({result['matched']}/{result['n']}); "
        f"stance accuracy on matched items {fmt(result['accuracy_matched'])}; target accuracy "
        f"{fmt(result['target_acc'])} over {result['target_n']} items with a gold target "
        f"({result['target_empty']} with no predicted target)"
    )


def _evidence_line(result: dict[str, Any]) -> str:
    n = result["evidence_n"]
    if result["evidence_overlap"] is None:
        return f"stance evidence: not scored, the attributions carry no `stance_evidence` yet ({n} items will count)"
    return (
        f"stance evidence overlap (matched items predicted with their gold stance, gold evidence set): "
        f"{fmt(result['evidence_overlap'])} over {n} items"
    )


def _cost_line(cost: dict[str, Any]) -> str:
    n = cost["attributions"]
    if not n or not cost["stance_s"]:
        return "stance stage cost: not measured (this code has no `stance_of`)"
    per = 1000 * cost["stance_s"] / n
    share = cost["stance_s"] / cost["extract_s"] if cost["extract_s"] else None
    return (
        f"stance stage cost: {per:.3f} ms per attribution ({n} attributions), "
        f"{fmt(share)} of the `extract_attributions` time on the same articles"
    )


def _verdict(result: dict[str, Any]) -> str:
    """Which of the barred stances meet both blind-set bars."""
    parts = []
    for stance in BARRED:
        st = result["per_stance"][stance]
        ok = st["p"] is not None and st["p"] >= BLIND_P and st["r"] is not None and st["r"] >= BLIND_R
        parts.append(f"{stance} {'met' if ok else 'not met'} ({fmt(st['p'])} / {fmt(st['r'])})")
    return "; ".join(parts)


def before_after(results: dict[str, Any], before: dict[str, Any]) -> str:
    """Precision / recall of the barred stances (and stance accuracy) before and after, per label set."""
    rows = ["| set | stance | before P / R | after P / R |", "|---|---|---|---|"]
    for name, label in (("blind", "blind"), ("gold", "older 221"), ("dev", "dev (train part)")):
        if name not in results or name not in before:
            continue
        for stance in BARRED:
            b, a = before[name]["per_stance"][stance], results[name]["per_stance"][stance]
            rows.append(f"| {label} | {stance} | {fmt(b['p'])} / {fmt(b['r'])} | **{fmt(a['p'])} / {fmt(a['r'])}** |")
        rows.append(
            f"| {label} | accuracy on matched | {fmt(before[name]['accuracy_matched'])} "
            f"| **{fmt(results[name]['accuracy_matched'])}** |"
        )
    return "\n".join(rows)


def report(results: dict[str, dict[str, Any]], before: dict[str, Any] | None = None) -> str:
    """The BENCHMARKS.md section (also printed): the blind set first, then the older labels, then dev."""
    blind, old = results["blind"], results["gold"]
    dev = results.get("dev")
    errs = sorted(set(blind["errors"]) | set(old["errors"]))
    rnd = old.get("random_subset")
    random_line = "Caveat: most of these items were found by searching cue words (see `bench/data/README.md`), " + (
        "so precision on them is optimistic. On their uniform random subset (notes `[random]`): "
        + (
            f"{rnd['n']} items, coverage {fmt(rnd['coverage'])}, "
            f"stance accuracy on matched {fmt(rnd['accuracy_matched'])}."
            if rnd
            else "none in this label file."
        )
    )
    compare = (
        f"\n### Before / after (`--before`: the same script's figures at {before.get('commit', 'an older commit')})"
        f"\n\nThe before file is this script run on the older code: `git worktree add --detach ../base COMMIT`, "
        f"then `PYTHONPATH=../base/src:. python bench/stance.py --no-write --json before.json --commit COMMIT`."
        f"\n\n{before_after(results, before)}\n"
        if before
        else ""
    )
    dev_part = (
        f"""
### Development sample (`bench/data/stance_dev.jsonl`, 300 train-part relations, seed 1919)

The content rules were written while reading these items and the written sentences of
`tests/test_stance.py`, and the stance classifier was fitted on them (with `stance_train.jsonl`),
so this table shows fit, not generalisation.

- {dev["n"]} items from {dev["n_articles"]} train-part articles; {_summary(dev)}
- {_evidence_line(dev)}

{stance_table(dev, (BLIND_P, BLIND_R))}
"""
        if dev
        else ""
    )
    return f"""## Stance and targets (own labels on PolNeAR dev, validation split)

- date: {results.get("date") or now()}
- machine: {machine()}
- command: `{results.get("command") or command_line()}`
- matching: each item to the predicted attribution with the best content Dice (non-space characters) ≥ 0.5,
  one-to-one within an article. Precision is over matched items (unannotated predictions have no label);
  recall counts unmatched items as misses. Extractor errors: {len(errs)}
- {_cost_line(results["cost"])}
- blind-set bars (P ≥ {BLIND_P:.2f}, R ≥ {BLIND_R:.2f}): {_verdict(blind)}
{compare}
### Blind set (`bench/data/stance_blind.jsonl`, the measuring stick)

{blind["n"]} relations drawn uniformly at random (seed 19, `bench/stance_sample.py`) from
{blind["n_articles"]} validation articles and labelled by the guideline in `docs/attribution.md` before the
stance code was run on them. Bars (issue 19): precision ≥ {BLIND_P:.2f} and recall ≥ {BLIND_R:.2f} for accuse,
deny and doubt. Deny and doubt have few items (see the table), so one item moves their figures by 0.1 or
more.

- {_summary(blind)}
- {_evidence_line(blind)}

{stance_table(blind, (BLIND_P, BLIND_R))}

### Older labels (`bench/data/stance_gold.jsonl`, 221 items, cue-selected)

- {old["n"]} items from {old["n_articles"]} validation articles; {_summary(old)}

{stance_table(old, (BAR, None))}

{random_line}
{dev_part}"""


def main(argv: list[str] | None = None) -> int:
    """Command-line entry point."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--labels", type=Path, default=LABELS, help="the older 221 labels")
    parser.add_argument("--blind", type=Path, default=BLIND, help="the blind stance set")
    parser.add_argument("--dev", type=Path, default=DEV, help="the development sample (train part)")
    parser.add_argument("--gold", type=Path, default=DEFAULT_GOLD, help="PolNeAR dev JSONL holding the texts")
    parser.add_argument("--batch-size", type=int, default=16)
    parser.add_argument("--model", default=None)
    parser.add_argument("--no-write", action="store_true", help="do not update BENCHMARKS.md")
    parser.add_argument("--json", type=Path, default=None, help="also write the raw figures as JSON here")
    parser.add_argument("--before", type=Path, default=None, help="raw figures (--json) of an older run")
    parser.add_argument("--commit", default=None, help="the commit to record in the --json file")
    parser.add_argument("--results", type=Path, default=None, help="report the raw figures (--json) of a run")
    args = parser.parse_args(argv)
    sets = {"blind": args.blind, "gold": args.labels, "dev": args.dev}
    if args.results:  # re-render a finished run (same figures, new wording) without parsing again
        results = json.loads(args.results.read_text(encoding="utf-8"))
    else:
        results = run(sets, args.gold, args.batch_size, args.model)
        results.update(date=now(), command=command_line())
    if args.commit:
        results["commit"] = args.commit
    before = json.loads(args.before.read_text(encoding="utf-8")) if args.before else None
    text = report(results, before)
    print(text)
    if args.json:
        args.json.write_text(json.dumps(results, indent=2), encoding="utf-8")
    if not args.no_write:
        write_section("stance", text)
        print("BENCHMARKS.md updated (section bench:stance)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
