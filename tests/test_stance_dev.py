"""The stance development sample (bench/data/stance_dev.jsonl): train-part relations, the seeded draw.

Why: the content rules were developed on these items, so they must come from train-part articles
(never the validation split the blind set and the older labels are drawn from) and be the draw the
script makes, not a hand-picked set.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from bench._polnear import is_validation
from bench.stance import BLIND, DEV, LABELS

from claimgraph.vocab import STANCES


def _items(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def test_dev_file_is_train_part_and_labelled() -> None:
    items = _items(DEV)
    assert len(items) == 300
    for i in items:
        assert i["stance"] in STANCES
        assert not is_validation(i["doc_id"]), i["doc_id"]
        assert "text" not in i and "content" not in i  # offsets and labels only
        ev = i["stance_evidence"]
        if i["stance"] in ("assert", "other"):
            assert ev is None
        elif ev is not None:
            assert ev["span"][1] - ev["span"][0] == len(ev["text"]) > 0
    measuring = {(i["doc_id"]) for path in (BLIND, LABELS) for i in _items(path)}
    assert not {i["doc_id"] for i in items} & measuring  # no article shared with a measuring set


def test_dev_is_the_seeded_train_sample(shared_dir: Path) -> None:
    from bench._polnear import iter_articles
    from bench.stance_sample import sample

    gold = shared_dir / "gold" / "attribution" / "dev.jsonl"
    if not gold.exists():
        pytest.skip("PolNeAR dev file not available")
    items = _items(DEV)
    drawn = sample(gold, size=300, seed=1919, part="train")
    assert [{k: i[k] for k in d} for i, d in zip(items, drawn, strict=True)] == drawn
    wanted = {i["doc_id"] for i in items}
    texts = {a["id"]: a["text"] for a in iter_articles(gold) if a["id"] in wanted}
    for i in items:
        if i["stance_evidence"]:
            s, e = i["stance_evidence"]["span"]
            assert texts[i["doc_id"]][s:e] == i["stance_evidence"]["text"]


def test_train_file_is_the_seeded_draw_without_the_dev_items(shared_dir: Path) -> None:
    from bench._polnear import iter_articles
    from bench.stance import TRAIN
    from bench.stance_sample import sample

    items = _items(TRAIN)
    assert len(items) == 450
    dev_keys = {(i["doc_id"], *i["content_span"]) for i in _items(DEV)}
    assert not {(i["doc_id"], *i["content_span"]) for i in items} & dev_keys
    for i in items:
        assert i["stance"] in STANCES and not is_validation(i["doc_id"])
        assert (i["stance_evidence"] is None) == (i["stance"] not in ("accuse", "deny", "doubt"))
    gold = shared_dir / "gold" / "attribution" / "dev.jsonl"
    if not gold.exists():
        pytest.skip("PolNeAR dev file not available")
    drawn = sample(gold, size=450, seed=2026, part="train", exclude=[DEV])
    assert [{k: i[k] for k in d} for i, d in zip(items, drawn, strict=True)] == drawn
    wanted = {i["doc_id"] for i in items}
    texts = {a["id"]: a["text"] for a in iter_articles(gold) if a["id"] in wanted}
    for i in items:
        if i["stance_evidence"]:
            s, e = i["stance_evidence"]["span"]
            assert texts[i["doc_id"]][s:e] == i["stance_evidence"]["text"]
