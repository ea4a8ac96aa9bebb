"""Stance and target benchmark on the project's own labels (``bench/data/stance_gold.jsonl``).

Run from the repo root::

    /work/venv/bin/python bench/stance.py            # writes the bench:stance section of BENCHMARKS.md
    /work/venv/bin/python bench/stance.py --no-write

Each annotated item is a PolNeAR dev relation (validation split) with a
stance label and target mentions. The article text is read from the PolNeAR
file; the system runs ``nlp`` -> ``resolve_entities`` -> ``extract_attributions``.
Each item is matched one-to-one (Hungarian, among the annotated items of an
article) to the predicted attribution whose content has the best Dice over
non-space characters, if that Dice is >= 0.5.

* coverage = matched items / items;
* per stance S: precision = matched items predicted S whose label is S /
  matched items predicted S; recall = items labelled S that are matched and
  predicted S / all items labelled S (an unmatched item is a miss);
* target accuracy: over matched items with at least one gold target, some
  predicted target entity has a mention overlapping a gold target span.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter, defaultdict
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from bench._polnear import DEFAULT_GOLD, iter_articles  # noqa: E402
from bench._report import command_line, fmt, machine, now, write_section  # noqa: E402
from bench.attribution_metrics import fragments_overlap, match_contents, nonspace_chars, ratio  # noqa: E402

LABELS = Path(__file__).resolve().parent / "data" / "stance_gold.jsonl"
STANCES = ("accuse", "deny", "doubt", "assert", "warn", "praise", "demand", "predict", "echo", "other")
BARRED = ("accuse", "deny", "doubt")
BAR = 0.80


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
    }


def run(labels_path: Path, gold_path: Path, batch_size: int, model: str | None) -> dict[str, Any]:
    """Run the system on the annotated articles and pair every item with its matched prediction."""
    from claimgraph.attribution import extract_attributions
    from claimgraph.entities import resolve_entities
    from claimgraph.nlp import load_nlp

    items = load_labels(labels_path)
    by_doc: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for item in items:
        by_doc[item["doc_id"]].append(item)
    texts = {a["id"]: a["text"] for a in iter_articles(gold_path) if a["id"] in by_doc}
    missing = sorted(set(by_doc) - set(texts))
    if missing:
        raise SystemExit(f"{len(missing)} annotated article(s) not in {gold_path}: {missing[:3]}")
    nlp = load_nlp(model)
    doc_ids = list(by_doc)
    pairs: list[tuple[dict[str, Any], dict[str, Any] | None]] = []
    errors: list[str] = []
    for doc_id, doc in zip(doc_ids, nlp.pipe([texts[d] for d in doc_ids], batch_size=batch_size), strict=True):
        text = texts[doc_id]
        entities = resolve_entities(doc)
        mentions = {e.id: [(m.start, m.end) for m in e.mentions] for e in entities}
        try:
            atts = extract_attributions(doc, entities)
        except Exception as exc:  # work in progress upstream: count it, score the article as unmatched
            errors.append(f"{doc_id}: {type(exc).__name__}: {exc}")
            atts = []
        doc_items = by_doc[doc_id]
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
                }
            pairs.append((item, pred))
    random_pairs = [(item, pred) for item, pred in pairs if str(item.get("note", "")).startswith("[random]")]
    return {
        "labels": str(labels_path),
        "n_articles": len(doc_ids),
        "random_subset": score(random_pairs) if random_pairs else None,
        "errors": errors,
        "label_counts": dict(Counter(i["stance"] for i in items)),
        **score(pairs),
    }


def report(result: dict[str, Any]) -> str:
    """The BENCHMARKS.md section (also printed)."""
    rows = [
        "| stance | items | matched (coverage) | predicted | correct | **precision** | recall "
        "| recall on matched | bar |",
        "|---|---|---|---|---|---|---|---|---|",
    ]
    for stance, s in result["per_stance"].items():
        if not s["gold"] and not s["predicted"]:
            continue
        bar = ""
        if stance in BARRED:
            bar = "n/a" if s["p"] is None else ("PASS" if s["p"] >= BAR else "FAIL")
            bar = f"P ≥ {BAR:.2f}: {bar}"
        rows.append(
            f"| {stance} | {s['gold']} | {s['matched']} ({fmt(s['coverage'])}) | {s['predicted']} | {s['correct']} "
            f"| **{fmt(s['p'])}** | {fmt(s['r'])} | {fmt(s['r_matched'])} | {bar} |"
        )
    conf_labels = [
        s for s in result["per_stance"] if result["per_stance"][s]["gold"] or result["per_stance"][s]["predicted"]
    ]
    conf = ["| gold \\ predicted | " + " | ".join(conf_labels) + " |", "|---" * (len(conf_labels) + 1) + "|"]
    for g in conf_labels:
        row = result["confusion"].get(g, {})
        conf.append(f"| {g} | " + " | ".join(str(row.get(p, 0)) for p in conf_labels) + " |")
    errs = result["errors"]
    rnd = result.get("random_subset")
    random_line = (
        "Caveat: most items were found by searching cue words (see `bench/data/README.md`), so precision on them is "
        "optimistic. On the uniform random subset (notes `[random]`): "
        + (
            f"{rnd['n']} items, coverage {fmt(rnd['coverage'])}, "
            f"stance accuracy on matched {fmt(rnd['accuracy_matched'])}."
            if rnd
            else "none in this label file."
        )
    )
    return f"""## Stance and targets (own labels on PolNeAR dev, validation split)

- date: {now()}
- machine: {machine()}
- command: `{command_line()}`
- labels: `bench/data/stance_gold.jsonl`, {result["n"]} items from {result["n_articles"]} validation articles
  (see `bench/data/README.md`); extractor errors: {len(errs)}
- matching: each item to the predicted attribution with the best content Dice (non-space characters) ≥ 0.5,
  one-to-one within an article. Precision is over matched items (unannotated predictions have no label);
  recall counts unmatched items as misses.
- coverage (items matched): {fmt(result["coverage"])} ({result["matched"]}/{result["n"]});
  stance accuracy on matched items: {fmt(result["accuracy_matched"])}
- target accuracy (matched items with a gold target; a predicted target entity has a mention overlapping a gold
  target span): {fmt(result["target_acc"])} over {result["target_n"]} items
  ({result["target_empty"]} of them with no predicted target)

{chr(10).join(rows)}

{random_line}

Confusion on matched items (rows gold, columns predicted):

{chr(10).join(conf)}
"""


def main(argv: list[str] | None = None) -> int:
    """Command-line entry point."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--labels", type=Path, default=LABELS)
    parser.add_argument("--gold", type=Path, default=DEFAULT_GOLD, help="PolNeAR dev JSONL holding the texts")
    parser.add_argument("--batch-size", type=int, default=16)
    parser.add_argument("--model", default=None)
    parser.add_argument("--no-write", action="store_true", help="do not update BENCHMARKS.md")
    parser.add_argument("--json", type=Path, default=None, help="also write the raw figures as JSON here")
    args = parser.parse_args(argv)
    result = run(args.labels, args.gold, args.batch_size, args.model)
    text = report(result)
    print(text)
    if args.json:
        args.json.write_text(json.dumps(result, indent=2), encoding="utf-8")
    if not args.no_write:
        write_section("stance", text)
        print("BENCHMARKS.md updated (section bench:stance)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
