"""Quick evaluator of the attribution stage on the PolNeAR validation split.

Why a private evaluator: the official bench lives in bench/attribution.py (another
owner); this one implements the same metric definitions so the rules can be
iterated on a subset without waiting for it.

Split: validation = dev articles with ``sha1(id) % 5 == 0``; the rest is train.

Metrics (per gold kind for recall, per predicted kind for precision, and overall):
* content overlap P/R/F1 - a prediction counts if its content overlaps any gold content;
* one-to-one matching of gold and predicted contents by Dice over non-space characters >= 0.5;
* speaker accuracy - predicted speaker_mention overlaps the gold speaker, over matched pairs with a gold speaker;
* cue accuracy - predicted cue overlaps the gold cue, over matched pairs with a gold cue;
* end-to-end P/R/F1 - a prediction is correct if matched and, where gold has a speaker, its speaker overlaps.

Usage: python scripts/eval_attribution_quick.py [--limit N] [--split val|train] [--cache DIR] [--show N]
"""

from __future__ import annotations

import argparse
import hashlib
import json
import time
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
GOLD = ROOT.parent / "shared" / "gold" / "attribution" / "dev.jsonl"


def is_validation(doc_id: str) -> bool:
    return int(hashlib.sha1(doc_id.encode()).hexdigest(), 16) % 5 == 0


def load_split(split: str, path: Path = GOLD) -> list[dict]:
    docs = [json.loads(line) for line in path.open(encoding="utf-8")]
    return [d for d in docs if is_validation(d["id"]) == (split == "val")]


def safe_entities(doc) -> list:
    """The entity layer's output; a plain NER grouping if it fails (it is being rewritten concurrently)."""
    from claimgraph.entities import resolve_entities
    from claimgraph.model import Entity, Mention

    try:
        return resolve_entities(doc)
    except Exception as exc:  # noqa: BLE001 - keep evaluating attribution whatever the entity stage does
        print(f"entity stage failed ({type(exc).__name__}: {exc}); using plain NER", flush=True)
    by_key: dict = {}
    for ent in doc.ents:
        if ent.label_ in {"PERSON", "ORG", "GPE", "NORP", "LOC", "FAC"}:
            e = by_key.setdefault((ent.label_, ent.text), Entity(f"e{len(by_key) + 1}", ent.text, ent.label_))
            e.mentions.append(Mention(ent.start_char, ent.end_char, ent.text, "name"))
    return list(by_key.values())


def parse_docs(records: list[dict], cache: Path | None):
    """spaCy docs of the texts, cached as a DocBin keyed by the record ids."""
    from spacy.tokens import DocBin

    from claimgraph.nlp import load_nlp

    nlp = load_nlp()
    if cache is not None and (cache / "dev.spacy").exists():  # the whole dev set, parsed once
        order = [json.loads(line)["id"] for line in GOLD.open(encoding="utf-8")]
        if len(order) == len(set(order)):
            all_docs = dict(zip(order, DocBin().from_disk(cache / "dev.spacy").get_docs(nlp.vocab), strict=True))
            return [all_docs[r["id"]] for r in records]
    if cache is not None:
        key = hashlib.sha1("\n".join(r["id"] for r in records).encode()).hexdigest()[:12]
        file = cache / f"docs-{key}.spacy"
        if file.exists():
            return list(DocBin().from_disk(file).get_docs(nlp.vocab))
    docs = list(nlp.pipe([r["text"] for r in records], batch_size=16))
    if cache is not None:
        cache.mkdir(parents=True, exist_ok=True)
        db = DocBin(store_user_data=False)
        for d in docs:
            db.add(d)
        db.to_disk(file)
    return docs


def _chars(text: str, frags) -> set[int]:
    return {i for s, e in frags for i in range(s, e) if not text[i].isspace()}


def _overlaps(a, b) -> bool:
    return any(s1 < e2 and s2 < e1 for s1, e1 in a for s2, e2 in b)


def evaluate(records: list[dict], predictions: list[list]) -> dict:
    """Scores of ``predictions`` (lists of model.Attribution) against the gold ``records``."""
    c: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    for rec, preds in zip(records, predictions, strict=True):
        text = rec["text"]
        gold = rec["quotes"]
        gchars = [_chars(text, q["content_fragments"]) for q in gold]
        pchars = [_chars(text, p.content.fragments or [(p.content.start, p.content.end)]) for p in preds]
        for p, pc in zip(preds, pchars, strict=True):
            for k in (p.kind, "overall"):
                c[k]["pred"] += 1
                c[k]["pred_overlap"] += any(pc & g for g in gchars)
        for q, g in zip(gold, gchars, strict=True):
            for k in (q["type"], "overall"):
                c[k]["gold"] += 1
                c[k]["gold_overlap"] += any(pc & g for pc in pchars)
        pairs = []
        for gi, g in enumerate(gchars):
            for pi, pc in enumerate(pchars):
                inter = len(g & pc)
                if inter:
                    dice = 2 * inter / (len(g) + len(pc))
                    if dice >= 0.5:
                        pairs.append((dice, gi, pi))
        pairs.sort(reverse=True)
        used_g, used_p = set(), set()
        for _, gi, pi in pairs:
            if gi in used_g or pi in used_p:
                continue
            used_g.add(gi)
            used_p.add(pi)
            q, p = gold[gi], preds[pi]
            ok = True
            for k in {q["type"], "overall"}:
                c[k]["matched_gold"] += 1
            for k in {p.kind, "overall"}:
                c[k]["matched_pred"] += 1
            if q["speaker_fragments"]:
                good = p.speaker_mention is not None and _overlaps(
                    [(p.speaker_mention.start, p.speaker_mention.end)], q["speaker_fragments"]
                )
                ok = good
                for k in {q["type"], "overall"}:
                    c[k]["spk_n"] += 1
                    c[k]["spk_ok"] += good
            else:
                for k in {q["type"], "overall"}:
                    c[k]["nosrc_n"] += 1
                    c[k]["nosrc_ok"] += p.speaker_mention is None
            if q["cue_fragments"]:
                good = p.cue is not None and _overlaps([(p.cue.start, p.cue.end)], q["cue_fragments"])
                for k in {q["type"], "overall"}:
                    c[k]["cue_n"] += 1
                    c[k]["cue_ok"] += good
            if ok:
                for k in {q["type"], "overall"}:
                    c[k]["e2e_gold"] += 1
                for k in {p.kind, "overall"}:
                    c[k]["e2e_pred"] += 1
    out = {}
    for k, v in c.items():

        def ratio(a, b, v=v):
            return v[a] / v[b] if v[b] else 0.0

        def f1(p, r):
            return 2 * p * r / (p + r) if p + r else 0.0

        op, orr = ratio("pred_overlap", "pred"), ratio("gold_overlap", "gold")
        ep, er = ratio("e2e_pred", "pred"), ratio("e2e_gold", "gold")
        mp, mr = ratio("matched_pred", "pred"), ratio("matched_gold", "gold")
        out[k] = {
            "gold": v["gold"], "pred": v["pred"],
            "overlap_p": op, "overlap_r": orr, "overlap_f1": f1(op, orr),
            "match_p": mp, "match_r": mr, "match_f1": f1(mp, mr),
            "speaker_acc": ratio("spk_ok", "spk_n"), "cue_acc": ratio("cue_ok", "cue_n"),
            "nosource_acc": ratio("nosrc_ok", "nosrc_n"),
            "e2e_p": ep, "e2e_r": er, "e2e_f1": f1(ep, er),
        }  # fmt: skip
    return out


def print_table(scores: dict) -> None:
    cols = ["gold", "pred", "overlap_p", "overlap_r", "overlap_f1", "match_f1", "speaker_acc", "cue_acc",
            "nosource_acc", "e2e_p", "e2e_r", "e2e_f1"]  # fmt: skip
    print(f"{'kind':9}" + "".join(f"{c[:11]:>12}" for c in cols))
    for k in ("direct", "mixed", "indirect", "overall"):
        if k in scores:
            row = scores[k]
            print(f"{k:9}" + "".join(f"{row[c]:>12}" if isinstance(row[c], int) else f"{row[c]:>12.3f}" for c in cols))


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--split", default="val", choices=["val", "train"])
    ap.add_argument("--limit", type=int, default=0)
    ap.add_argument("--offset", type=int, default=0)
    ap.add_argument("--cache", type=Path, default=Path("/tmp/cgattr"))
    ap.add_argument("--json", type=Path, help="write the scores here")
    args = ap.parse_args()

    from claimgraph.attribution import extract_attributions

    records = load_split(args.split)
    if args.limit:
        records = records[args.offset : args.offset + args.limit]
    t0 = time.perf_counter()
    docs = parse_docs(records, args.cache)
    t1 = time.perf_counter()
    preds, ent_time, attr_time = [], 0.0, 0.0
    for doc in docs:
        a = time.perf_counter()
        entities = safe_entities(doc)
        b = time.perf_counter()
        preds.append(extract_attributions(doc, entities))
        ent_time += b - a
        attr_time += time.perf_counter() - b
    scores = evaluate(records, preds)
    print_table(scores)
    print(f"docs {len(records)}  parse/load {t1 - t0:.1f}s  entities {ent_time:.2f}s  attribution {attr_time:.2f}s")
    if args.json:
        args.json.write_text(json.dumps(scores, indent=2))


if __name__ == "__main__":
    main()
