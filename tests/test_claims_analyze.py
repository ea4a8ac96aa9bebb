"""analyze_claims end to end on the example article with hand-made attribution spans."""

from __future__ import annotations

import re

from claimgraph.claims import analyze_claims
from claimgraph.model import Attribution, Content


def _body(path) -> str:
    text = re.sub(r"\[([^\]]*)\]\(#\)", r"\1", path.read_text(encoding="utf-8"))
    return text


def _content(body: str, fragment: str) -> Attribution:
    start = body.index(fragment)
    end = start + len(fragment)
    return Attribution(
        id=f"a{start}", content=Content(start, end, fragment, [(start, end)]), cue=None, speaker="e1",
        speaker_mention=None, kind="indirect",
    )  # fmt: skip


def test_shapes_offsets_and_unattributed(nlp, example_path):
    body = _body(example_path)
    doc = nlp(body)
    first = [s for s in doc.sents if "airstrikes" in s.text][0]
    att = _content(body, first.text.strip())
    found = analyze_claims(doc, [att])
    claims, quantities = found.claims, found.quantities
    assert claims and quantities
    for item in claims + quantities + found.unattributed + found.hedges:
        assert body[item.start : item.end] == item.text
    covered = [c for c in claims if "airstrikes" in c.text][0]
    assert covered.attributed_to == [att.id]
    assert covered.speakers == ["e1"]
    assert not covered.unattributed
    flagged = {u.claim for u in found.unattributed}
    assert covered.id not in flagged
    for c in claims:
        assert c.unattributed == (c.id in flagged)
        if c.id in flagged:
            assert c.check_worthy and not c.question and not c.hedges
    q = [q for q in quantities if q.value == 1000][0]
    assert q.claim == covered.id and q.id in covered.quantities


def test_questions_and_hedged_claims_are_not_unattributed(nlp):
    text = (
        "Did the army kill 300 civilians in the city last year? "
        "The army reportedly killed 300 civilians in the city last year. "
        "The army killed 300 civilians in the city last year."
    )
    found = analyze_claims(nlp(text), [])
    flagged = [u.text for u in found.unattributed]
    assert flagged == ["The army killed 300 civilians in the city last year."]
    assert found.claims[0].question


def test_headings_are_excluded(nlp):
    text = "Big News Today\n\nThe company cut 2,000 jobs in March."
    found = analyze_claims(nlp(text), [], exclude=[(0, 14)])
    assert [c.text for c in found.claims] == ["The company cut 2,000 jobs in March."]
