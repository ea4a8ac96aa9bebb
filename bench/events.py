"""Event coding measured on the PLOVER gold standard sentences, and its cost on real articles.

Run from the repo root::

    /work/venv/bin/python bench/events.py                 # prints and writes BENCHMARKS.md ("events")
    /work/venv/bin/python bench/events.py --no-write --show A   # error listing of part A only
    /work/venv/bin/python bench/events.py --dev --no-cost       # parts A and B1 only, for development

Gold: ``../shared/gold/events/dev.jsonl`` (199 sentences, read in place, never copied). The file is cut
by ``sha1(id) % 4``: part A (0, 2) is the half whose errors were looked at while writing the rules
(classes of error only), B1 (1) was looked at once after the first round stopped improving it, B2 (3) was
never looked at (do not ``--show B2``: it is the estimate for unseen sentences). No article date is given
(the sentences have none); ``find_events`` gets the parse, entities, attributions and places of each sentence,
as ``analyze`` gives them.

Per gold sentence: **type@1** the most confident predicted event has the gold type; **type@any** some
predicted event has it; **+source** a predicted event of the gold type has a source whose country is one
of the gold source codes (gold ``IGO`` / ``NGO`` match a predicted sector IGO / NGO; old codes JAP, ITL,
VTN read as JPN, ITA, VNM); **+target** likewise for targets, over sentences with a gold target;
events per sentence. Bars: type@1 >= 0.70, +source >= 0.60.

Cost: ms per article of ``find_events`` (parse, entities and attributions done beforehand, best of
``--repeat`` runs) against the whole ``claimgraph.analyze`` (format text) on the first ``--articles``
PolNeAR dev articles (``../shared/gold/attribution/dev.jsonl``).
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import sys
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from bench._polnear import iter_articles  # noqa: E402
from bench._report import command_line, fmt, machine, now, write_section  # noqa: E402


def shared_dir() -> Path:
    """``../shared`` from the repository root (a worktree's is two levels up)."""
    for base in (ROOT.parent, ROOT.parent.parent):
        if (base / "shared").is_dir():
            return base / "shared"
    return ROOT.parent / "shared"


SHARED = shared_dir()
GOLD = SHARED / "gold" / "events" / "dev.jsonl"
POLNEAR = SHARED / "gold" / "attribution" / "dev.jsonl"
OLD_CODES = {"JAP": "JPN", "ITL": "ITA", "VTN": "VNM"}
BARS = {"type@1": 0.70, "+source": 0.60}


def half(row_id: str) -> str:
    """A (sha1 % 4 in 0, 2): errors read from the start; B1 (% 4 == 1): errors read after the first round of
    rules had stopped improving it; B2 (% 4 == 3): never read."""
    k = int(hashlib.sha1(row_id.encode()).hexdigest(), 16) % 4
    return "A" if k in (0, 2) else "B1" if k == 1 else "B2"


def load_gold(path: Path = GOLD) -> list[dict]:
    with open(path, encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


def _codes(actors: list[dict]) -> set[str]:
    return {OLD_CODES.get(a["code"], a["code"]) for a in actors if a.get("code")}


def actor_matches(pred: dict | None, codes: set[str]) -> bool:
    """A predicted actor matches gold codes by country, or by sector for gold IGO / NGO."""
    if pred is None:
        return False
    if pred.get("country") and pred["country"] in codes:
        return True
    return pred.get("sector") in ("IGO", "NGO") and pred["sector"] in codes


def score_sentence(gold: dict, events: list[dict]) -> dict:
    """The per-sentence figures for one gold record and its predicted events (as dicts)."""
    top = max(events, key=lambda e: e["confidence"], default=None)
    typed = [e for e in events if e["type"] == gold["event"]]
    src, tgt = _codes(gold["source"]), _codes(gold["target"])
    return {
        "type@1": top is not None and top["type"] == gold["event"],
        "type@any": bool(typed),
        "+source": any(actor_matches(e["source"], src) for e in typed),
        "+target": any(actor_matches(e["target"], tgt) for e in typed) if tgt else None,
        "n": len(events),
        "top": top["type"] if top else None,
    }


def predict(rows: list[dict], with_places: bool = True) -> list[list[dict]]:
    """Predicted events per sentence, with the places stage run first as ``analyze`` runs it."""
    from claimgraph.attribution import extract_attributions
    from claimgraph.entities import resolve_entities
    from claimgraph.events import find_events
    from claimgraph.nlp import load_nlp
    from claimgraph.places import find_places

    nlp = load_nlp()
    out = []
    for doc in nlp.pipe([r["text"] for r in rows], batch_size=32):
        ents = resolve_entities(doc)
        atts = extract_attributions(doc, ents)
        places = find_places(doc, ents) if with_places else None
        out.append([e.to_dict() for e in find_events(doc, ents, atts, None, places)])
    return out


def summarise(scores: list[dict]) -> dict:
    n = len(scores)
    with_target = [s for s in scores if s["+target"] is not None]
    return {
        "n": n,
        "type@1": sum(s["type@1"] for s in scores) / n,
        "type@any": sum(s["type@any"] for s in scores) / n,
        "+source": sum(s["+source"] for s in scores) / n,
        "+target": sum(s["+target"] for s in with_target) / len(with_target) if with_target else None,
        "n_target": len(with_target),
        "events/sent": sum(s["n"] for s in scores) / n,
        "no event": sum(1 for s in scores if s["n"] == 0) / n,
    }


def cost(n_articles: int, repeat: int) -> dict:
    """ms per article: find_events alone vs the whole analyze, on PolNeAR dev articles."""
    from claimgraph import analyze
    from claimgraph.attribution import extract_attributions
    from claimgraph.entities import resolve_entities
    from claimgraph.events import find_events
    from claimgraph.nlp import load_nlp

    texts = [a["text"] for _, a in zip(range(n_articles), iter_articles(POLNEAR), strict=False)]
    nlp = load_nlp()
    analyze(texts[0], format="text")  # warm up
    t_an = t_ev = 0.0
    n_events = 0
    for text in texts:
        best_an = min(_timed(lambda t=text: analyze(t, format="text")) for _ in range(repeat))
        doc = nlp(text)
        ents = resolve_entities(doc)
        atts = extract_attributions(doc, ents)
        best_ev = min(_timed(lambda d=doc, e=ents, a=atts: find_events(d, e, a, None)) for _ in range(repeat))
        n_events += len(find_events(doc, ents, atts, None))
        t_an += best_an
        t_ev += best_ev
    n = len(texts)
    return {
        "articles": n,
        "analyze_ms": 1000 * t_an / n,
        "events_ms": 1000 * t_ev / n,
        "share": t_ev / t_an,
        "events_per_article": n_events / n,
        "load": os.getloadavg()[0],
    }


def _timed(fn) -> float:
    t0 = time.perf_counter()
    fn()
    return time.perf_counter() - t0


def show_errors(rows, preds, scores, which: str) -> None:
    for r, p, s in zip(rows, preds, scores, strict=True):
        if half(r["id"]) != which or (s["type@1"] and s["+source"]):
            continue
        print(f"\n{r['id']} gold={r['event']} src={_codes(r['source'])} tgt={_codes(r['target'])}")
        print(f"  {r['text']}")
        for e in sorted(p, key=lambda e: -e["confidence"]):
            src, tgt = e["source"] or {}, e["target"] or {}
            print(
                f"  -> {e['type']}/{e['mode']} '{e['trigger']['text']}' {e['confidence']:.2f} "
                f"src={src.get('text')}|{src.get('country')}|{src.get('sector')} "
                f"tgt={tgt.get('text')}|{tgt.get('country')}|{tgt.get('sector')}"
            )


def report(halves: dict[str, dict], confusion: Counter, timing: dict | None) -> str:
    lines = [
        "Event coding (`claimgraph.events.find_events`) on the PLOVER gold standard sentences "
        "(`../shared/gold/events/dev.jsonl`, read in place), cut by `sha1(id) % 4`: part A (0, 2) is the half "
        "whose errors were read, by class, while writing the rules; B1 (1) was read once, after the first "
        "round had stopped improving it; **B2 (3) was never read** and is the estimate for unseen sentences. "
        "No article date is given; entities, attributions and places run on each sentence first, as in `analyze`.",
        "",
        f"Machine: {machine()}. Taken {now()}.",
        f"Command: `{command_line()}`",
        "",
        "| part | sentences | type@1 | type@any | +source | +target (n) | events/sentence | no event |",
        "|---|---|---|---|---|---|---|---|",
    ]
    for name, m in halves.items():
        lines.append(
            f"| {name} | {m['n']} | {fmt(m['type@1'])} | {fmt(m['type@any'])} | {fmt(m['+source'])} | "
            f"{fmt(m['+target'])} ({m['n_target']}) | {m['events/sent']:.2f} | {fmt(m['no event'])} |"
        )
    lines += ["", f"Bars: type@1 >= {BARS['type@1']}, +source >= {BARS['+source']}.", ""]
    lines.append(
        "Most frequent top-event confusions (gold -> predicted, parts A and B1): "
        + ", ".join(f"{g}->{p or 'none'} {n}" for (g, p), n in confusion.most_common(8))
    )
    if timing:
        lines += [
            "",
            f"Cost on {timing['articles']} PolNeAR dev articles (best of repeats; load average "
            f"{timing['load']:.2f}): `find_events` {timing['events_ms']:.2f} ms per article against "
            f"{timing['analyze_ms']:.0f} ms for the whole `analyze` = **{100 * timing['share']:.1f} %** "
            f"({timing['events_per_article']:.1f} events per article).",
        ]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--no-write", action="store_true")
    ap.add_argument("--show", choices=["A", "B1"], help="print the errors of a part already read (never B2)")
    ap.add_argument("--articles", type=int, default=50)
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--no-cost", action="store_true")
    ap.add_argument("--dev", action="store_true", help="parts A and B1 only (B2 neither scored nor printed); no write")
    args = ap.parse_args(argv)
    rows = load_gold()
    if args.dev:
        rows = [r for r in rows if half(r["id"]) != "B2"]
    preds = predict(rows)
    scores = [score_sentence(r, p) for r, p in zip(rows, preds, strict=True)]
    halves = {
        name: summarise([s for r, s in zip(rows, scores, strict=True) if half(r["id"]) == name])
        for name in (("A", "B1") if args.dev else ("A", "B1", "B2"))
    }
    halves["all"] = summarise(scores)
    confusion = Counter(
        (r["event"], s["top"])
        for r, s in zip(rows, scores, strict=True)
        if not s["type@1"] and half(r["id"]) != "B2"  # B2 stays unread, even in aggregate
    )
    if args.show:
        show_errors(rows, preds, scores, args.show)
    timing = None if args.no_cost else cost(args.articles, args.repeat)
    text = report(halves, confusion, timing)
    print(text)
    if not args.no_write and not args.dev:
        write_section("events", text)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
