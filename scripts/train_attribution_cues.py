"""Learn the attribution cue lexicon from the TRAIN part of the PolNeAR dev set.

Why learned: PolNeAR annotates thousands of distinct cue words (said, blasted,
polls show, is expected ...); a hand list misses the tail and over-fires on
ambiguous verbs ("called", "support").  For every (lemma, coarse POS) we count how
often a token is the syntactic head of a gold cue and how often it occurs at all,
outside quotations (a cue inside a quote is never annotated: no nesting),
separately for tokens that govern a clausal complement (``ccomp``) and those that
do not, because "argue" with a that-clause is nearly always a cue while "argue"
alone is not.  The extractor uses the smoothed ratio as a cue probability.

Only aggregate counts are written (no text, no offsets): the file is a lexicon,
not a copy of the gold answers.  Validation articles (sha1(id) % 5 == 0) are
never read here.

Usage: python scripts/train_attribution_cues.py [--min-count 2] [--out src/claimgraph/data/attribution_cues.json]
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from eval_attribution_quick import load_split, parse_docs  # noqa: E402

from claimgraph.attribution.cues import lexicon_key  # noqa: E402
from claimgraph.attribution.quotes import find_quotes  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]


def cue_heads(doc, frags: list[list[int]]) -> list:
    """The tokens of a gold cue whose syntactic head lies outside the cue (normally one)."""
    toks = [t for t in doc if any(s <= t.idx < e for s, e in frags)]
    ids = {t.i for t in toks}
    heads = [t for t in toks if t.head.i not in ids or t.head.i == t.i]
    # prefer a verb/noun head over punctuation in multiword cues
    heads.sort(key=lambda t: (t.pos_ not in ("VERB", "NOUN", "ADJ", "AUX"), t.i))
    return heads[:1]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--min-count", type=int, default=2, help="keep keys seen as a cue at least this often")
    ap.add_argument("--cache", type=Path, default=Path("/tmp/cgattr"))
    ap.add_argument("--out", type=Path, default=ROOT / "src" / "claimgraph" / "data" / "attribution_cues.json")
    args = ap.parse_args()

    records = load_split("train")
    docs = parse_docs(records, args.cache)
    cue: Counter[str] = Counter()
    total: Counter[str] = Counter()
    for rec, doc in zip(records, docs, strict=True):
        # the extractor never takes a cue inside a quotation (no nesting), so neither does the count
        quoted = [(q.start, q.end) for q in find_quotes(doc.text)]
        inside = {t.i for t in doc if any(s <= t.idx < e for s, e in quoted)}
        for tok in doc:
            if tok.i in inside:
                continue
            for key in lexicon_key(tok):
                total[key] += 1
        seen: set[int] = set()
        for q in rec["quotes"]:
            if not q["cue_fragments"]:
                continue
            for tok in cue_heads(doc, q["cue_fragments"]):
                if tok.i in seen or tok.i in inside:
                    continue
                seen.add(tok.i)
                for key in lexicon_key(tok):
                    cue[key] += 1
    lexicon = {k: [cue[k], total[k]] for k in sorted(cue) if cue[k] >= args.min_count}
    args.out.parent.mkdir(parents=True, exist_ok=True)
    payload = {
        "about": "attribution cue lexicon: key -> [times head of a gold cue, occurrences]; "
        "learned from the PolNeAR dev set minus validation by scripts/train_attribution_cues.py",
        "docs": len(records),
        "cues": lexicon,
    }
    args.out.write_text(json.dumps(payload, ensure_ascii=False, separators=(",", ":")) + "\n", encoding="utf-8")
    print(f"{len(lexicon)} keys from {len(records)} train articles -> {args.out}")


if __name__ == "__main__":
    main()
