"""Hedges, anonymous and vague sources on short texts written for the test."""

from __future__ import annotations

from claimgraph.claims.hedges import find_hedges

TEXT = (
    "The minister reportedly met the rebels. Officials said the plant may have leaked. "
    "Sources close to the president said he could resign. It is believed that the talks failed. "
    "People familiar with the matter said talks stalled. "
    "Two officials, who spoke on condition of anonymity, confirmed the strike. "
    "Experts say the numbers are inflated. He could not attend. In May, the alleged plot was uncovered. "
    "The general is thought to have fled. John Smith said the count was right."
)


def _found(nlp) -> dict[str, str]:
    items = find_hedges(nlp(TEXT))
    for h in items:
        assert TEXT[h.start : h.end] == h.text
    return {h.text: h.category for h in items}


def test_categories(nlp):
    found = _found(nlp)
    assert found["reportedly"] == "hedge"
    assert found["may have"] == "hedge"
    assert found["It is believed"] == "hedge"
    assert found["is thought to"] == "hedge"
    assert found["alleged"] == "hedge"
    assert found["Officials"] == "vague_source"
    assert found["Experts"] == "vague_source"
    assert found["Sources close to the president"] == "anonymous_source"
    assert found["People familiar with"] == "anonymous_source"
    assert found["on condition of anonymity"] == "anonymous_source"
    assert found["Two officials"] == "anonymous_source"


def test_not_hedges(nlp):
    found = _found(nlp)
    assert "May" not in found, "the month is not a modal"
    assert not any(t.startswith("could") and "attend" in t for t in found)
    assert "John Smith" not in found
    could = [t for t in found if t == "could"]
    assert len(could) == 1, "'could resign' is a hedge, 'could not attend' is not"
