"""Metric functions of the attribution benchmark, on small hand-made examples."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from bench._polnear import gold_items, is_validation, select, split_of  # noqa: E402
from bench._report import write_section  # noqa: E402
from bench.attribution_metrics import (  # noqa: E402
    Item,
    aggregate,
    dice,
    explain_document,
    fragments_overlap,
    match_contents,
    nonspace_chars,
    prf,
    score_document,
    summarise,
)

TEXT = '"We will win," Smith said, "and soon." Jones denied it was true.'


def test_fragments_overlap_basic() -> None:
    assert fragments_overlap([(0, 5)], [(4, 10)])
    assert not fragments_overlap([(0, 5)], [(5, 10)])  # touching is not overlapping
    assert not fragments_overlap([(0, 5)], None)
    assert not fragments_overlap([], [(0, 5)])
    # discontinuous content: the gap does not count
    assert not fragments_overlap([(0, 14), (27, 38)], [(14, 27)])
    assert fragments_overlap([(0, 14), (27, 38)], [(30, 31)])


def test_nonspace_chars_skips_whitespace_and_gaps() -> None:
    assert TEXT[0:4] == '"We ' and TEXT[26:30] == ' "an'
    chars = nonspace_chars([(0, 4), (26, 30)], TEXT)
    # '"We ' -> 0,1,2 (3 is a space); ' "an' -> 27,28,29 (26 is a space)
    assert chars == frozenset({0, 1, 2, 27, 28, 29})
    assert nonspace_chars([(60, 100)], TEXT) == frozenset(range(60, len(TEXT)))


def test_dice() -> None:
    assert dice(frozenset({1, 2, 3, 4}), frozenset({3, 4, 5, 6})) == pytest.approx(0.5)
    assert dice(frozenset(), frozenset()) == 0.0
    assert dice(frozenset({1}), frozenset({1})) == 1.0
    assert dice(frozenset({1, 2}), frozenset()) == 0.0


def test_match_is_one_to_one_and_respects_threshold() -> None:
    g = [frozenset(range(0, 10)), frozenset(range(20, 30))]
    p = [frozenset(range(0, 9)), frozenset(range(0, 10)), frozenset(range(25, 40))]
    pairs = match_contents(g, p, 0.5)
    # gold 0 takes the exact prediction 1; prediction 0 stays unmatched; gold 1 vs pred 2: dice 10/25 = 0.4 < 0.5
    assert [(gi, pi) for gi, pi, _ in pairs] == [(0, 1)]
    assert pairs[0][2] == pytest.approx(1.0)


def test_match_maximises_total_not_greedy() -> None:
    # greedy by best Dice would give gold0-pred0 (0.9) and leave gold1 with nothing;
    # the optimal assignment matches both
    g = [frozenset(range(0, 10)), frozenset(range(0, 6))]
    p = [frozenset(range(0, 8)), frozenset(range(0, 10))]
    pairs = {(gi, pi) for gi, pi, _ in match_contents(g, p, 0.5)}
    assert pairs == {(0, 1), (1, 0)}


def test_match_empty() -> None:
    assert match_contents([], [frozenset({1})]) == []
    assert match_contents([frozenset({1})], []) == []


def test_prf() -> None:
    r = prf(1, 2, 1, 4)
    assert r["p"] == 0.5 and r["r"] == 0.25 and r["f1"] == pytest.approx(1 / 3)
    nothing = prf(0, 0, 0, 4)
    assert nothing["p"] is None and nothing["r"] == 0.0 and nothing["f1"] == 0.0
    assert prf(0, 0, 0, 0)["f1"] is None


def test_offsets_of_the_example() -> None:
    assert TEXT[15:20] == "Smith" and TEXT[21:25] == "said" and TEXT[27:38] == '"and soon."'
    assert TEXT[39:44] == "Jones" and TEXT[45:51] == "denied" and TEXT[52:63] == "it was true"


def _gold() -> list[Item]:
    # discontinuous direct quote with speaker Smith, and an indirect one by Jones
    return [
        Item(content=[(0, 14), (27, 38)], speaker=[(15, 20)], cue=[(21, 25)], kind="direct"),
        Item(content=[(52, 63)], speaker=[(39, 44)], cue=[(45, 51)], kind="indirect"),
    ]


def test_score_document_end_to_end() -> None:
    pred = [
        # the quote as one hull (includes "Smith said,"): Dice still >= 0.5, right speaker
        Item(content=[(0, 38)], speaker=[(15, 20)], cue=[(21, 25)], kind="direct"),
        # Jones' content, wrong speaker (Smith), wrong kind, no cue
        Item(content=[(52, 63)], speaker=[(15, 20)], cue=None, kind="direct"),
        # a spurious prediction on the cue only
        Item(content=[(45, 51)], speaker=None, kind="indirect"),
    ]
    s = score_document(_gold(), pred, TEXT)
    assert s.n_gold == {"direct": 1, "indirect": 1, "all": 2}
    assert s.n_pred == {"direct": 2, "indirect": 1, "all": 3}
    assert s.overlap_gold["all"] == 2 and s.overlap_pred["all"] == 2  # the cue-only one overlaps no content
    assert s.matched_gold["all"] == 2 and s.matched_pred == {"direct": 2, "all": 2}
    assert s.speaker_n["all"] == 2 and s.speaker_ok == {"direct": 1, "all": 1}
    assert s.cue_n["all"] == 2 and s.cue_ok == {"direct": 1, "all": 1}
    assert s.e2e_gold == {"direct": 1, "all": 1} and s.e2e_pred == {"direct": 1, "all": 1}
    assert (s.kind_n, s.kind_ok) == (2, 1)

    figures = summarise(aggregate([s, s]))
    assert figures["all"]["e2e"]["p"] == pytest.approx(1 / 3)
    assert figures["all"]["e2e"]["r"] == pytest.approx(1 / 2)
    assert figures["all"]["speaker_acc"] == pytest.approx(0.5)
    assert figures["all"]["kind_acc"] == pytest.approx(0.5)
    # recall by gold kind, precision by predicted kind
    assert figures["indirect"]["e2e"]["r"] == 0.0
    assert figures["indirect"]["e2e"]["p"] == 0.0
    assert figures["direct"]["e2e"]["p"] == pytest.approx(0.5)
    assert figures["mixed"]["e2e"]["f1"] is None


def test_explain_document_lists_the_errors() -> None:
    pred = [
        Item(content=[(0, 38)], speaker=[(15, 20)], cue=[(21, 25)], kind="direct"),
        Item(content=[(52, 63)], speaker=[(15, 20)], cue=None, kind="direct"),
        Item(content=[(45, 51)], speaker=None, kind="indirect"),
    ]
    out = explain_document(_gold(), pred, TEXT)
    assert out["missed"] == []
    assert [s["content_text"] for s in out["spurious"]] == ["denied"]
    assert len(out["wrong_speaker"]) == 1
    wrong = out["wrong_speaker"][0]
    assert wrong["gold"]["speaker"] == "Jones" and wrong["pred"]["speaker"] == "Smith"
    assert wrong["gold"]["content_text"] == "it was true"
    out = explain_document(_gold(), [], TEXT)
    assert [m["content_text"] for m in out["missed"]] == ['"We will win," … "and soon."', "it was true"]


def test_gold_without_speaker_needs_only_content() -> None:
    gold = [Item(content=[(52, 63)], speaker=None, cue=None, kind="indirect")]
    pred = [Item(content=[(52, 62)], speaker=[(15, 20)], kind="indirect")]
    s = score_document(gold, pred, TEXT)
    assert s.e2e_pred["all"] == 1 and s.speaker_n == {} and s.cue_n == {}


def test_low_dice_is_overlap_but_not_match() -> None:
    gold = [Item(content=[(0, 38)], speaker=[(15, 20)], kind="direct")]
    pred = [Item(content=[(0, 4)], speaker=[(15, 20)], kind="direct")]
    s = score_document(gold, pred, TEXT)
    assert s.overlap_pred["all"] == 1 and s.matched_pred == {} and s.e2e_pred == {}


def test_split_is_the_sha1_rule() -> None:
    import hashlib

    ids = [f"polnear:doc{i}" for i in range(200)]
    val = [i for i in ids if is_validation(i)]
    assert val == [i for i in ids if int(hashlib.sha1(i.encode()).hexdigest(), 16) % 5 == 0]
    assert 20 <= len(val) <= 60
    assert all(split_of(i) == "validation" for i in val)
    arts = [{"id": i, "text": "", "quotes": []} for i in ids]
    assert len(select(arts, "validation")) + len(select(arts, "train")) == len(select(arts, "all"))
    assert len(select(arts, "train", limit=3)) == 3
    with pytest.raises(ValueError):
        select(arts, "test")


def test_gold_items_use_fragments() -> None:
    article = {
        "quotes": [
            {
                "speaker_span": [15, 20],
                "speaker_fragments": [[15, 20]],
                "cue_span": [21, 25],
                "cue_fragments": [[21, 25]],
                "content_span": [0, 38],
                "content_fragments": [[0, 14], [27, 38]],
                "type": "direct",
            },
            {
                "speaker_span": None,
                "cue_span": None,
                "content_span": [52, 63],
                "content_fragments": [],
                "type": "indirect",
            },
        ]
    }
    items = gold_items(article)
    assert items[0].content == [(0, 14), (27, 38)] and items[0].speaker == [(15, 20)]
    assert items[1].content == [(52, 63)] and items[1].speaker is None and items[1].cue is None


def test_write_section_replaces_only_its_block(tmp_path: Path) -> None:
    path = tmp_path / "BENCHMARKS.md"
    write_section("attribution", "first", path)
    assert path.read_text().startswith("# Benchmarks\n")
    path.write_text(path.read_text() + "\n<!-- bench:other -->\nkeep me\n<!-- /bench:other -->\n")
    write_section("attribution", "second", path)
    text = path.read_text()
    assert "second" in text and "first" not in text and "keep me" in text
    assert text.count("<!-- bench:attribution -->") == 1


# --- textacy mapping helpers (blank tokenizer, no model needed) ---


def test_token_fragments_merges_adjacent_tokens() -> None:
    import spacy
    from bench.attribution import _paragraph_spans, _token_fragments

    nlp = spacy.blank("en")
    doc = nlp("Senator Jane Smith said it.\n\nNew paragraph here.")
    assert _token_fragments([doc[1], doc[2]]) == [(8, 18)]  # "Jane Smith": one fragment across the space
    assert _token_fragments([doc[0], doc[2]]) == [(0, 7), (13, 18)]
    assert _token_fragments([]) == []
    paras = _paragraph_spans(doc)
    assert [p.text for p in paras] == ["Senator Jane Smith said it.", "New paragraph here."]
    assert paras[1].start_char == doc.text.index("New")


# --- stance bench scoring ---


def test_target_hit() -> None:
    from bench.stance import target_hit

    mentions = {"e1": [(0, 5), (40, 45)], "e2": [(10, 15)]}
    gold = [{"text": "Smith", "span": [40, 45]}]
    assert target_hit(gold, ["e2", "e1"], mentions)
    assert not target_hit(gold, ["e2"], mentions)
    assert not target_hit(gold, [], mentions)
    assert not target_hit([], ["e1"], mentions)
    assert not target_hit(gold, ["e9"], mentions)  # unknown entity id


def test_stance_score() -> None:
    from bench.stance import score

    def it(stance: str, targets: bool = False) -> dict:
        return {"stance": stance, "targets": [{"text": "X", "span": [0, 1]}] if targets else []}

    def pr(stance: str, hit: bool = False, n: int = 1) -> dict:
        return {"stance": stance, "target_hit": hit, "n_targets": n}

    pairs = [
        (it("accuse", True), pr("accuse", True)),
        (it("accuse", True), pr("assert", False, 0)),
        (it("accuse"), None),  # not matched: a recall miss, not a precision error
        (it("deny"), pr("accuse")),
        (it("doubt", True), pr("doubt", False)),
    ]
    r = score(pairs)
    assert r["n"] == 5 and r["matched"] == 4 and r["coverage"] == pytest.approx(0.8)
    acc = r["per_stance"]["accuse"]
    assert (acc["gold"], acc["matched"], acc["predicted"], acc["correct"]) == (3, 2, 2, 1)
    assert acc["p"] == pytest.approx(0.5) and acc["r"] == pytest.approx(1 / 3) and acc["r_matched"] == 0.5
    assert r["per_stance"]["deny"]["p"] is None and r["per_stance"]["deny"]["r"] == 0.0
    assert r["per_stance"]["doubt"]["p"] == 1.0
    assert r["accuracy_matched"] == pytest.approx(0.5)
    assert r["target_n"] == 3 and r["target_acc"] == pytest.approx(1 / 3) and r["target_empty"] == 1
    assert r["confusion"]["deny"] == {"accuse": 1}
    assert r["confusion"]["accuse"]["(unmatched)"] == 1  # recall misses are visible in the confusion table
    assert r["evidence_overlap"] is None  # predictions without evidence (older code): not scored


def test_stance_evidence_scoring() -> None:
    from types import SimpleNamespace

    from bench.stance import _bar, evidence_hit, predicted_evidence, score

    gold = {"span": [10, 18], "text": "not true"}
    assert evidence_hit(gold, (12, 20)) and not evidence_hit(gold, (18, 25)) and not evidence_hit(gold, None)
    assert predicted_evidence(SimpleNamespace(stance_evidence=SimpleNamespace(start=3, end=9))) == (3, 9)
    assert predicted_evidence(SimpleNamespace(stance_evidence={"start": 1, "end": 4, "text": "abc"})) == (1, 4)
    assert predicted_evidence(SimpleNamespace(stance="deny")) is None

    def it(stance: str) -> dict:
        return {"stance": stance, "targets": [], "stance_evidence": gold if stance != "assert" else None}

    def pr(stance: str, ev: tuple[int, int] | None) -> dict:
        return {"stance": stance, "target_hit": False, "n_targets": 0, "evidence": ev}

    r = score([(it("deny"), pr("deny", (11, 14))), (it("deny"), pr("deny", None)), (it("deny"), pr("assert", None))])
    assert r["evidence_n"] == 2 and r["evidence_overlap"] == pytest.approx(0.5)  # a missing span is a miss
    deny = r["per_stance"]["deny"]
    assert _bar("deny", deny, (0.85, 0.60)) == "P ≥ 0.85: PASS, R ≥ 0.60: PASS"
    assert _bar("deny", {"p": None, "r": 0.5}, (0.85, 0.60)) == "P ≥ 0.85: n/a, R ≥ 0.60: FAIL"
    assert _bar("assert", deny, (0.85, 0.60)) == ""


# --- the annotation file itself ---


def test_stance_labels_file() -> None:
    import json
    from collections import Counter

    from bench.stance import LABELS, STANCES

    items = [json.loads(line) for line in LABELS.read_text(encoding="utf-8").splitlines() if line.strip()]
    assert len(items) >= 150
    counts = Counter(i["stance"] for i in items)
    assert set(counts) <= set(STANCES)
    for stance in ("accuse", "deny", "doubt"):
        assert counts[stance] >= 20, stance
    keys = set()
    for i in items:
        assert is_validation(i["doc_id"]), i["doc_id"]
        assert "text" not in i and "content" not in i  # offsets and labels only, no article text
        s, e = i["content_span"]
        assert 0 <= s < e
        assert all(s <= fs < fe <= e for fs, fe in i["content_fragments"])
        for t in i["targets"]:
            assert t["span"][1] - t["span"][0] == len(t["text"])
        keys.add((i["doc_id"], s, e))
    assert len(keys) == len(items)


def test_stance_labels_match_polnear(shared_dir: Path) -> None:
    import json

    from bench._polnear import iter_articles
    from bench.stance import LABELS

    gold = shared_dir / "gold" / "attribution" / "dev.jsonl"
    if not gold.exists():
        pytest.skip("PolNeAR dev file not available")
    items = [json.loads(line) for line in LABELS.read_text(encoding="utf-8").splitlines() if line.strip()]
    wanted = {i["doc_id"] for i in items}
    arts = {a["id"]: a for a in iter_articles(gold) if a["id"] in wanted}
    for i in items:
        art = arts[i["doc_id"]]
        spans = {tuple(q["content_span"]): q for q in art["quotes"]}
        q = spans[tuple(i["content_span"])]  # every item is a gold relation
        assert q["speaker_span"] == i["speaker_span"]
        for t in i["targets"]:
            assert art["text"][t["span"][0] : t["span"][1]] == t["text"]


# --- the blind stance set (bench/data/stance_blind.jsonl) ---


def _blind_items() -> list[dict]:
    import json

    from bench.stance_sample import BLIND

    return [json.loads(line) for line in BLIND.read_text(encoding="utf-8").splitlines() if line.strip()]


def _inside(span: list[int], outer: list[int] | None) -> bool:
    return outer is not None and outer[0] <= span[0] and span[1] <= outer[1]


def test_stance_blind_file() -> None:
    import json

    from bench.stance import LABELS, STANCES

    items = _blind_items()
    assert len(items) == 400
    earlier = set()
    for line in LABELS.read_text(encoding="utf-8").splitlines():
        if line.strip():
            i = json.loads(line)
            earlier.add((i["doc_id"], *i["content_span"]))
    keys = set()
    for i in items:
        assert i["stance"] in STANCES, i["stance"]
        assert is_validation(i["doc_id"]), i["doc_id"]
        assert "text" not in i and "content" not in i  # offsets and labels only, no article text
        s, e = i["content_span"]
        assert 0 <= s < e and all(s <= fs < fe <= e for fs, fe in i["content_fragments"])
        ev = i["stance_evidence"]
        if i["stance"] in ("assert", "other"):
            assert ev is None and i["targets"] == []
        else:
            assert ev is not None, i
            assert ev["span"][1] - ev["span"][0] == len(ev["text"]) > 0
            assert _inside(ev["span"], i["content_span"]) or _inside(ev["span"], i["cue_span"]), i
        for t in i["targets"]:
            assert t["span"][1] - t["span"][0] == len(t["text"]) > 0
        keys.add((i["doc_id"], s, e))
    assert len(keys) == len(items)
    assert not keys & earlier  # disjoint from the older 221 labels


def test_stance_blind_is_the_seeded_sample(shared_dir: Path) -> None:
    from bench._polnear import iter_articles
    from bench.stance_sample import sample

    gold = shared_dir / "gold" / "attribution" / "dev.jsonl"
    if not gold.exists():
        pytest.skip("PolNeAR dev file not available")
    items = _blind_items()
    drawn = sample(gold)
    assert [{k: i[k] for k in d} for i, d in zip(items, drawn, strict=True)] == drawn
    wanted = {i["doc_id"] for i in items}
    arts = {a["id"]: a for a in iter_articles(gold) if a["id"] in wanted}
    for i in items:
        art = arts[i["doc_id"]]
        text = art["text"]
        q = {tuple(q["content_span"]): q for q in art["quotes"]}[tuple(i["content_span"])]
        assert (q["speaker_span"], q["cue_span"], q["type"], q["event_id"]) == (
            i["speaker_span"],
            i["cue_span"],
            i["gold_type"],
            i["event_id"],
        )
        assert text[i["cue_span"][0] : i["cue_span"][1]] == i["cue"]
        if i["stance_evidence"]:
            s, e = i["stance_evidence"]["span"]
            assert text[s:e] == i["stance_evidence"]["text"]
        for t in i["targets"]:
            assert text[t["span"][0] : t["span"][1]] == t["text"]
