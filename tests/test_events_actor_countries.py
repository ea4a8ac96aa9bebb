"""Event actors: capitals standing for governments, an organisation modifier's country, U.N. groups as IGO.
Sentences written for these tests."""

from __future__ import annotations

import pytest

from claimgraph.attribution import extract_attributions
from claimgraph.entities import resolve_entities
from claimgraph.events import find_events


@pytest.fixture(scope="module")
def events_of(nlp):
    def run(text: str):
        doc = nlp(text)
        ents = resolve_entities(doc)
        return find_events(doc, ents, extract_attributions(doc, ents), None)

    return run


def test_a_capital_as_actor_is_its_government(events_of):
    event = next(e for e in events_of("Tehran rejected the proposal from the European Union.") if e.type == "REJECT")
    assert (event.source.country, event.source.sector) == ("IRN", "GOV")


def test_a_capital_known_only_to_the_gazetteer(events_of):
    events = events_of("President Ahmed Mansour threatened to impose a curfew in Algiers after the riots.")
    threat = next(e for e in events if e.type == "THREATEN")
    assert threat.source.country == "DZA"
    assert threat.target.sector is None  # "in Algiers" is the city, not its government


def test_an_organisation_modifier_gives_the_country(events_of):
    event = next(
        e for e in events_of("Kremlin spokesman Dmitry Peskov accused Kyiv of sabotage.") if e.type == "ACCUSE"
    )
    assert event.source.country == "RUS" and event.target.country == "UKR"


def test_un_officials_are_an_igo_without_a_country(events_of):
    event = next(e for e in events_of("U.N. officials delivered food to Gaza.") if e.type == "AID")
    assert (event.source.country, event.source.sector) == (None, "IGO")
