"""Headings and bylines (issue 19): title-case heading phrases do not become PERSON entities."""

from __future__ import annotations

from claimgraph.entities import resolve_entities


def persons(nlp, text: str) -> list[str]:
    return [e.name for e in resolve_entities(nlp(text)) if e.type == "PERSON"]


def test_a_heading_of_ordinary_words_is_not_a_person(nlp):
    text = (
        "Garden Hose Reels\n\n"
        "A good garden hose lasts for years if you roll it up after use. "
        "Small reels keep the hose off the ground and out of the sun."
    )
    assert not [p for p in persons(nlp, text) if "Hose" in p or "Reels" in p]


def test_a_name_in_a_heading_that_the_text_also_names_stays(nlp):
    text = "Maria Lopez Wins Again\n\nMaria Lopez won the city marathon on Sunday for the third time."
    assert any("Lopez" in p for p in persons(nlp, text))


def test_a_byline_outlet_after_a_slash_is_cut_from_the_name(nlp):
    text = "By John Carter / Evening Ledger\n\nThe bridge will close for repairs in March, officials said."
    names = persons(nlp, text)
    assert "Evening Ledger" not in " ".join(names)
