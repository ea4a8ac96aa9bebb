"""How many PolNeAR gold speaker mentions does the entity stage cover? (prints only)

For 20 validation articles of ``../shared/gold/attribution/dev.jsonl`` each gold ``speaker_span`` is
put in a class -- pronoun (he/she/they/who...), it (it/its), first/second person (I/we/you...), name (has a
capitalised word after any leading determiner) or description (the rest: "the judge", "Police") --
and counted as covered when one of our mentions overlaps the syntactic head (spaCy root) of the
gold span ("head") or overlaps the span at all ("any"). It also reports resolution time against
spaCy's own time. Run from the repository root::

    /work/venv/bin/python bench/entities_coverage.py [N]
"""

from __future__ import annotations

import json
import sys
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench._polnear import DEFAULT_GOLD, is_validation  # noqa: E402
from claimgraph.entities import resolve_entities  # noqa: E402
from claimgraph.entities.lexicon import FIRST_SECOND_PERSON, PRONOUNS  # noqa: E402
from claimgraph.nlp import load_nlp  # noqa: E402

DETERMINERS = {"the", "a", "an", "this", "that", "these", "those"}


def speaker_class(text: str) -> str:
    """pronoun | it | first/second | name | description, from the gold speaker string alone."""
    low = text.lower().strip()
    if low in PRONOUNS or low == "who":
        return "pronoun"
    if low in ("it", "its"):
        return "it"
    if low.split("’")[0].split("'")[0] in FIRST_SECOND_PERSON:
        return "first/second"
    words = text.split()
    if words and words[0].lower() in DETERMINERS:
        words = words[1:]
    return "name" if any(w[:1].isupper() for w in words) else "description"


def main(n: int = 20) -> None:
    if not DEFAULT_GOLD.exists():
        print(f"{DEFAULT_GOLD} not found")
        return
    nlp = load_nlp()
    articles = []
    with open(DEFAULT_GOLD, encoding="utf-8") as fh:
        for line in fh:
            rec = json.loads(line)
            if is_validation(rec["id"]):
                articles.append(rec)
            if len(articles) >= n:
                break
    total, head_hit, any_hit = Counter(), Counter(), Counter()
    t_nlp = t_res = 0.0
    n_entities = n_mentions = 0
    for rec in articles:
        text = rec["text"]
        t0 = time.perf_counter()
        doc = nlp(text)
        t1 = time.perf_counter()
        entities = resolve_entities(doc)
        t2 = time.perf_counter()
        t_nlp, t_res = t_nlp + t1 - t0, t_res + t2 - t1
        mentions = [(m.start, m.end) for e in entities for m in e.mentions]
        n_entities += len(entities)
        n_mentions += len(mentions)
        assert all(text[m.start : m.end] == m.text for e in entities for m in e.mentions)
        for q in rec["quotes"]:
            if not q.get("speaker_span"):
                continue
            s, e = q["speaker_span"]
            cls = speaker_class(q["speaker"])
            total[cls] += 1
            span = doc.char_span(s, e, alignment_mode="expand")
            root = span.root if span is not None and len(span) else None
            rs, re_ = (root.idx, root.idx + len(root.text)) if root is not None else (s, e)
            if any(ms < re_ and me > rs for ms, me in mentions):
                head_hit[cls] += 1
            if any(ms < e and me > s for ms, me in mentions):
                any_hit[cls] += 1
    print(f"{len(articles)} articles, {n_entities} entities, {n_mentions} mentions")
    print(f"time: spaCy {t_nlp:.2f}s, entities {t_res:.2f}s ({100 * t_res / max(t_nlp, 1e-9):.1f}% of spaCy)")
    print(f"{'class':<14}{'gold':>6}{'head':>8}{'any':>8}")
    for cls in ("name", "pronoun", "description", "it", "first/second"):
        g = total[cls]
        if g:
            print(f"{cls:<14}{g:>6}{head_hit[cls] / g:>8.1%}{any_hit[cls] / g:>8.1%}")
    core = ("name", "pronoun", "description")
    g = sum(total[c] for c in core)
    h = sum(head_hit[c] for c in core)
    a = sum(any_hit[c] for c in core)
    print(f"{'names+pron+desc':<14}{g:>6}{h / max(g, 1):>8.1%}{a / max(g, 1):>8.1%}")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 20)
