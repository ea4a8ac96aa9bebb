"""Places: organisation context vetoes a town reading, and spans the gazetteer does not know are cut to a known
part, split at connectors, or completed by the next words. Sentences written for these tests."""

from __future__ import annotations

import pytest

from claimgraph.entities import resolve_entities
from claimgraph.places import Place, find_places


@pytest.fixture(scope="module")
def places_of(nlp):
    def run(text: str) -> list[Place]:
        doc = nlp(text)
        return find_places(doc, resolve_entities(doc))

    return run


def texts(places: list[Place]) -> list[str]:
    return [p.text for p in places]


def test_a_company_that_speaks_is_no_town(places_of):
    places = places_of("Toyota said on Tuesday it would recall two million cars sold in Canada.")
    assert "Toyota" not in texts(places)
    assert any(p.country == "CAN" for p in places)


def test_one_sense_per_article_for_an_organisation(places_of):
    places = places_of("Toyota announced record profits. Shares of Toyota rose in Tokyo on Friday.")
    assert "Toyota" not in texts(places)
    assert [p.name for p in places] == ["Tokyo"]


def test_the_white_house_is_no_tennessee_town(places_of):
    places = places_of("The White House said the president would travel to Detroit next week.")
    assert "White House" not in texts(places)
    assert [(p.name, p.admin1) for p in places] == [("Detroit", "Michigan")]


def test_a_town_named_as_a_town_survives_the_veto(places_of):
    places = places_of("A Rochester man was arrested after a chase through Rochester, Minn., on Monday.")
    assert "Rochester" in texts(places)


def test_a_country_is_never_vetoed_as_an_organisation(places_of):
    places = places_of("Russia said it would expel two diplomats.")
    assert [p.country for p in places] == ["RUS"]


def test_an_unknown_span_is_cut_to_the_place_it_starts_with(places_of):
    places = places_of("The new three-story Greer City Hall opened in South Carolina last spring.")
    greer = next(p for p in places if p.text == "Greer")
    assert greer.admin1 == "South Carolina"


def test_a_party_named_after_a_state_gives_the_state(places_of):
    places = places_of("It is a loss to our West Virginia Democratic Party and our entire state.")
    assert [(p.text, p.feature) for p in places] == [("West Virginia", "ADM1")]


def test_two_places_joined_by_a_connector_are_two_places(places_of):
    places = places_of("He drove from Norman to D.C. in two days.")
    assert texts(places) == ["Norman", "D.C."]


def test_a_township_resolves_to_the_places_of_its_name_nearby(places_of):
    places = places_of("The flood reached Oakport Township north of Moorhead, Minnesota, on Sunday.")
    township = next(p for p in places if p.text == "Oakport Township")
    assert township.geonameid is not None and township.admin1 == "Minnesota"


def test_a_longer_name_completed_by_the_next_word(places_of):
    places = places_of("The team won 24-5 in Belle Plaine, Minnesota, on Friday night.")
    assert "Belle Plaine" in texts(places)
    assert next(p for p in places if p.text == "Belle Plaine").admin1 == "Minnesota"


def test_a_state_is_not_completed_into_a_small_town(places_of):
    places = places_of("They played on a Missouri Valley Blazers fourth-grade team.")
    assert "Missouri Valley" not in texts(places)
