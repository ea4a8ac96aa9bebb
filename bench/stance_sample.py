"""Draw the blind stance sample: 400 PolNeAR gold relations of the validation split, uniformly at random.

Run from the repo root (the gold file is read in place, nothing is copied)::

    /work/main/.venv/bin/python bench/stance_sample.py --gold ../shared/gold/attribution/dev.jsonl > sample.jsonl

Why a script: ``bench/data/stance_blind.jsonl`` holds hand labels for exactly these relations, and anyone
can check that the labelled items are the random draw and not a hand-picked set. The pool is every gold
relation with a cue and a content in a validation article (``sha1(id) % 5 == 0``), minus those already
labelled in ``bench/data/stance_gold.jsonl`` (same doc_id and content span); the draw is uniform over
relations (not articles), ``random.Random(SEED).sample`` over the pool in file order. The output, one
skeleton record per line (offsets and ids only, no article text, no label), is sorted by article (file
order) and content start, the order the items were labelled in.

``--part train --seed 1919 --size 300`` draws the development sample ``bench/data/stance_dev.jsonl``
from the train-part articles instead: the stance rules were developed on it (and on written sentences),
never on the blind set. ``--part train --seed 2026 --size 450 --exclude bench/data/stance_dev.jsonl``
draws the training sample ``bench/data/stance_train.jsonl`` (the stance classifier's labels, with
the development sample).
"""

from __future__ import annotations

import argparse
import json
import random
import sys
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from bench._polnear import DEFAULT_GOLD, is_validation, iter_articles  # noqa: E402

SEED = 19
SIZE = 400
EARLIER = Path(__file__).resolve().parent / "data" / "stance_gold.jsonl"
BLIND = Path(__file__).resolve().parent / "data" / "stance_blind.jsonl"

Key = tuple[str, int, int]


def earlier_keys(path: Path = EARLIER) -> set[Key]:
    """(doc_id, content start, content end) of the relations labelled before, to leave out."""
    keys = set()
    with open(path, encoding="utf-8") as fh:
        for line in fh:
            if line.strip():
                item = json.loads(line)
                keys.add((item["doc_id"], *map(int, item["content_span"])))
    return keys


def skeleton(doc_id: str, quote: dict[str, Any]) -> dict[str, Any]:
    """The stored fields of one gold relation: offsets, ids and the short cue string."""
    return {
        "doc_id": doc_id,
        "content_span": quote["content_span"],
        "content_fragments": quote.get("content_fragments") or [quote["content_span"]],
        "speaker_span": quote.get("speaker_span"),
        "cue": quote["cue"],
        "cue_span": quote.get("cue_span"),
        "gold_type": quote["type"],
        "event_id": quote.get("event_id"),
    }


def pool(articles: list[dict[str, Any]], exclude: set[Key], part: str = "validation") -> list[dict[str, Any]]:
    """Relations of ``part`` (validation or train articles) with a cue and a content, not labelled before."""
    out = []
    for art in articles:
        if is_validation(art["id"]) != (part == "validation"):
            continue
        for q in art["quotes"]:
            if not q.get("cue_span") or not q.get("content_span"):
                continue
            if (art["id"], *map(int, q["content_span"])) in exclude:
                continue
            out.append(skeleton(art["id"], q))
    return out


def draw(candidates: list[dict[str, Any]], size: int = SIZE, seed: int = SEED) -> list[dict[str, Any]]:
    """A uniform sample of relations, sorted by article (file order of the pool) and content start."""
    order = {}
    for c in candidates:
        order.setdefault(c["doc_id"], len(order))
    chosen = random.Random(seed).sample(candidates, size)
    return sorted(chosen, key=lambda c: (order[c["doc_id"]], c["content_span"][0], c["content_span"][1]))


def sample(
    gold: Path = DEFAULT_GOLD,
    earlier: Path = EARLIER,
    size: int = SIZE,
    seed: int = SEED,
    part: str = "validation",
    exclude: list[Path] | None = None,
) -> list[dict]:
    """The blind sample (or, with ``part="train"``, a train-part sample) as skeleton records."""
    keys = earlier_keys(earlier)
    for path in exclude or []:
        keys |= earlier_keys(path)
    return draw(pool(list(iter_articles(gold)), keys, part), size, seed)


def main(argv: list[str] | None = None) -> int:
    """Print the sample as JSONL."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--gold", type=Path, default=DEFAULT_GOLD, help="PolNeAR dev JSONL (read in place)")
    parser.add_argument("--size", type=int, default=SIZE)
    parser.add_argument("--seed", type=int, default=SEED)
    parser.add_argument(
        "--part", choices=("validation", "train"), default="validation", help="train: the development sample"
    )
    parser.add_argument(
        "--exclude", type=Path, action="append", default=[], help="a label file whose relations to leave out too"
    )
    args = parser.parse_args(argv)
    for rec in sample(args.gold, EARLIER, args.size, args.seed, args.part, args.exclude):
        print(json.dumps(rec, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
