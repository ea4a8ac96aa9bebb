"""Entity resolution on real and hand-written text: names, titles, appositives, descriptions, pronouns, countries."""

from __future__ import annotations

import re

import pytest

from claimgraph.entities import EntityIndex, resolve_entities
from claimgraph.entities.countries import capital_country, country_code, demonym_country
from claimgraph.entities.names import org_match, person_match
from claimgraph.model import Entity, Mention

LINK = re.compile(r"\[([^\]]*)\]\(#\)")


def example_body(path) -> str:
    """The article body of the bundled example: from "[Russia](#) has accused" to "The original source"."""
    text = path.read_text(encoding="utf-8")
    start = text.index("[Russia](#) has accused")
    end = text.index("The original source", start)
    return LINK.sub(r"\1", text[start:end]).strip()


def run(nlp, text: str) -> list[Entity]:
    entities = resolve_entities(nlp(text))
    check_offsets(text, entities)
    return entities


def check_offsets(text: str, entities: list[Entity]) -> None:
    """Every mention is a true slice of the body; ids follow first mention; no span is claimed twice."""
    seen: set[tuple[int, int]] = set()
    firsts = []
    for n, e in enumerate(entities, 1):
        assert e.id == f"e{n}"
        assert e.mentions, e
        firsts.append(e.mentions[0].start)
        for m in e.mentions:
            assert text[m.start : m.end] == m.text, (m, e.name)
            assert m.kind in {"name", "alias", "description", "pronoun", "possessive"}
            assert (m.start, m.end) not in seen
            seen.add((m.start, m.end))
    assert firsts == sorted(firsts)


def owner(entities: list[Entity], text: str, body: str, occurrence: int = 0) -> Entity | None:
    """The entity holding the ``occurrence``-th (0-based) appearance of ``text`` in ``body`` as a mention."""
    starts = [m.start() for m in re.finditer(r"(?<!\w)" + re.escape(text) + r"(?!\w)", body)]
    start = starts[occurrence]
    for e in entities:
        if any(m.start == start and m.text == text for m in e.mentions):
            return e
    return None


# -- the bundled example ---------------------------------------------------------------------------


@pytest.fixture(scope="module")
def example(example_path, nlp):
    body = example_body(example_path)
    return body, run(nlp, body)


def test_example_general_has_names_descriptions_and_pronouns(example):
    body, entities = example
    general = owner(entities, "Valery Gerasimov", body)
    assert general is not None and general.type == "PERSON"
    assert owner(entities, "Gerasimov", body, 1) is general  # occurrence 0 is inside the full name
    assert owner(entities, "The Russian general", body) is general
    assert owner(entities, "The Russian military head", body) is general
    he_at = body.index("He said the USA")
    assert any(m.start == he_at and m.kind == "pronoun" for m in general.mentions)
    assert general.country == "RUS"
    assert general.roles and any("chief" in r or "general" in r for r in general.roles)
    assert general.name == "Valery Gerasimov"


def test_example_countries(example):
    body, entities = example
    russia = owner(entities, "Russia", body)
    assert russia is not None and russia.type == "GPE" and russia.country == "RUS"
    us = owner(entities, "United States", body)
    assert us is not None and us.country == "USA"
    assert owner(entities, "U.S", body) is us
    assert owner(entities, "USA", body) is us
    assert owner(entities, "Russia", body, 1) is russia


def test_example_other_people_keep_their_own_facts(example):
    body, entities = example
    lavrov = next(e for e in entities if e.name.endswith("Lavrov"))
    assert lavrov.country == "RUS" and "Foreign Minister" in lavrov.roles
    assad = next(e for e in entities if "Assad" in e.name)
    assert assad.country == "SYR" and "President" in assad.roles
    islamic_state = owner(entities, "Islamic State", body, 1)  # 0: "the Islamic State radicals", untagged
    assert islamic_state is not None and owner(entities, "ISIS", body) is islamic_state
    names = {e.name for e in entities}
    assert not any("\n" in n for n in names)


# -- small texts -----------------------------------------------------------------------------------

TWO_LEADERS = (
    "Chancellor Angela Merkel met Prime Minister David Cameron in Berlin. Merkel said she supported reform. "
    "Cameron said he would hold a referendum. The British leader added that his party agreed. "
    "She said the talks had been useful."
)


def test_he_and_she_alternate(nlp):
    entities = run(nlp, TWO_LEADERS)
    merkel = owner(entities, "Angela Merkel", TWO_LEADERS)
    cameron = owner(entities, "David Cameron", TWO_LEADERS)
    assert merkel is not cameron
    assert owner(entities, "she", TWO_LEADERS) is merkel
    assert owner(entities, "She", TWO_LEADERS) is merkel
    assert owner(entities, "he", TWO_LEADERS, 0) is None or owner(entities, "he", TWO_LEADERS, 0) is cameron
    assert owner(entities, "The British leader", TWO_LEADERS) is cameron
    assert owner(entities, "his", TWO_LEADERS) is cameron
    assert cameron.country == "GBR" and "Prime Minister" in cameron.roles
    assert "Chancellor" in merkel.roles
    berlin = owner(entities, "Berlin", TWO_LEADERS)
    assert berlin is not None and berlin.type == "GPE" and berlin.country == "DEU"


TITLES = (
    "President Barack Obama spoke on Monday. The president said he was confident. "
    "Obama's spokesman, Josh Earnest, said the White House was pleased. Earnest added that he expected a vote."
)


def test_titles_become_roles_and_surnames_link(nlp):
    entities = run(nlp, TITLES)
    obama = owner(entities, "Barack Obama", TITLES)
    assert obama is not None and "President" in obama.roles
    assert owner(entities, "The president", TITLES) is obama
    assert owner(entities, "he", TITLES, 0) is obama
    assert owner(entities, "Obama", TITLES, 1) is obama
    earnest = owner(entities, "Josh Earnest", TITLES)
    assert earnest is not obama and "spokesman" in earnest.roles
    assert owner(entities, "Obama's spokesman", TITLES) is earnest
    assert owner(entities, "Earnest", TITLES, 1) is earnest
    assert owner(entities, "he", TITLES, 1) is earnest
    white_house = owner(entities, "White House", TITLES)
    assert white_house is not None and white_house.country == "USA"


APPOSITIVE = (
    "Vladimir Putin, Russia's president, met German Chancellor Angela Merkel in Moscow. "
    "Putin said the deal held. Moscow's position had not changed, he said."
)


def test_appositives_and_capitals(nlp):
    entities = run(nlp, APPOSITIVE)
    putin = owner(entities, "Vladimir Putin", APPOSITIVE)
    assert owner(entities, "Russia's president", APPOSITIVE) is putin
    assert putin.country == "RUS" and "president" in putin.roles
    merkel = owner(entities, "Angela Merkel", APPOSITIVE)
    assert merkel.country == "DEU" and "Chancellor" in merkel.roles
    russia = owner(entities, "Russia", APPOSITIVE)
    assert russia is not None and russia.country == "RUS"
    # "in Moscow" is the city; "Moscow's position" is the state speaking
    assert owner(entities, "Moscow", APPOSITIVE, 0) is not russia
    assert owner(entities, "Moscow", APPOSITIVE, 1) is russia
    assert owner(entities, "he", APPOSITIVE) is putin


def test_city_mentions_stay_one_place(nlp):
    text = "Russia said talks in Moscow went well. Moscow's position is firm. Putin arrived in Moscow on Monday."
    entities = run(nlp, text)
    russia = owner(entities, "Russia", text)
    city = owner(entities, "Moscow", text, 0)
    assert city is not None and city is not russia and city.country == "RUS"
    assert owner(entities, "Moscow", text, 1) is russia
    assert owner(entities, "Moscow", text, 2) is city


ORGS = (
    "The Federal Bureau of Investigation (FBI) said it had opened an inquiry. "
    "The FBI said they would release findings soon. Republicans said they were worried. "
    "The United States and the U.K. issued a statement. U.S. officials said the inquiry was routine."
)


def test_organisations_acronyms_and_group_pronouns(nlp):
    entities = run(nlp, ORGS)
    fbi = owner(entities, "Federal Bureau of Investigation", ORGS)
    assert fbi is not None and fbi.type == "ORG"
    assert owner(entities, "FBI", ORGS, 1) is fbi
    assert owner(entities, "they", ORGS, 0) is fbi
    republicans = owner(entities, "Republicans", ORGS)
    assert republicans is not None and owner(entities, "they", ORGS, 1) is republicans
    us = owner(entities, "United States", ORGS)
    assert us is not None and us.country == "USA" and owner(entities, "U.S.", ORGS) is us
    uk = owner(entities, "U.K.", ORGS)
    assert uk is not None and uk.country == "GBR"
    assert owner(entities, "it", ORGS) is None  # "it" is deliberately left alone


DEMONYMS = (
    "Iranian Foreign Minister Mohammad Javad Zarif said the talks would go on. "
    "The minister told reporters that the Syrian government had agreed. Syria has denied this. "
    "A senior Israeli official, who spoke on condition of anonymity, said he doubted it."
)


def test_demonyms_give_countries(nlp):
    entities = run(nlp, DEMONYMS)
    zarif = owner(entities, "Mohammad Javad Zarif", DEMONYMS)
    assert zarif.country == "IRN" and "Foreign Minister" in zarif.roles
    assert owner(entities, "The minister", DEMONYMS) is zarif
    syria = owner(entities, "Syria", DEMONYMS)
    assert syria is not None and syria.country == "SYR"
    assert owner(entities, "the Syrian government", DEMONYMS) is syria
    official = owner(entities, "A senior Israeli official", DEMONYMS)
    assert official is not None and official is not zarif and official.country == "ISR"
    assert owner(entities, "who", DEMONYMS) is official


GENDER = (
    "Judge Richard Berman ruled on Friday. The judge said the league had overstepped. "
    "Mary Jones, a lawyer for the union, praised him. Jones said she was pleased. "
    "The spokeswoman for the league, Ann Smith, said she would appeal."
)


def test_gender_and_roles_pick_the_right_person(nlp):
    entities = run(nlp, GENDER)
    berman = owner(entities, "Richard Berman", GENDER)
    assert "Judge" in berman.roles
    assert owner(entities, "The judge", GENDER) is berman
    assert owner(entities, "him", GENDER) is berman
    jones = owner(entities, "Mary Jones", GENDER)
    assert jones is not berman and "lawyer" in " ".join(jones.roles)
    assert owner(entities, "she", GENDER, 0) is jones
    smith = owner(entities, "Ann Smith", GENDER)
    assert owner(entities, "The spokeswoman for the league", GENDER) in (smith, None)
    assert owner(entities, "she", GENDER, 1) is smith


def test_no_first_person_links_and_no_lowercase_names(nlp):
    text = "“We will not back down,” said Governor Jerry Brown. “I am sure of it,” he told reporters in Sacramento."
    entities = run(nlp, text)
    brown = owner(entities, "Jerry Brown", text)
    assert brown is not None and "Governor" in brown.roles
    assert owner(entities, "he", text) is brown
    assert owner(entities, "We", text) is None and owner(entities, "I", text) is None
    assert all(any(ch.isupper() for ch in e.name) for e in entities if e.type != "GROUP")


GROUPS = (
    "Police said the suspect had fled. They added that a reward was offered. "
    "Tom Baker was the owner of the shop. He said nothing had been taken."
)


def test_groups_and_predicate_nouns(nlp):
    entities = run(nlp, GROUPS)
    police = owner(entities, "Police", GROUPS)
    assert police is not None and police.type == "GROUP"
    assert owner(entities, "They", GROUPS) is police
    baker = owner(entities, "Tom Baker", GROUPS)
    assert owner(entities, "the owner", GROUPS) is baker
    assert "owner" in baker.roles
    assert owner(entities, "He", GROUPS) is baker


def test_empty_text(nlp):
    assert resolve_entities(nlp("")) == []


# -- pure helpers ----------------------------------------------------------------------------------


def test_country_helpers():
    assert country_code("U.S") == country_code("the United States") == country_code("USA") == "USA"
    assert country_code("Russia's") == "RUS"
    assert country_code("us") is None and country_code("IT") is None
    assert demonym_country("Syrian") == "SYR" and demonym_country("Americans") == "USA"
    assert capital_country("Washington") == "USA"


def test_name_matching_helpers():
    assert person_match(["smith"], ["john", "smith"]) == 2
    assert person_match(["john", "smith"], ["smith"]) == 2
    assert person_match(["assad"], ["bashar", "al-assad"]) == 2
    assert person_match(["jane", "smith"], ["john", "smith"]) == 0
    assert org_match("ISIS", {"islamic state"}) and org_match("the Islamic State group", {"islamic state"})
    assert org_match("NATO", {"north atlantic treaty organization"})
    assert not org_match("Army", {"free syrian army"})


def test_entity_index():
    text = "Ann Smith said she agreed."
    mentions = [Mention(0, 9, "Ann Smith"), Mention(15, 18, "she", "pronoun")]
    index = EntityIndex([Entity("e1", "Ann Smith", "PERSON", mentions=mentions)])
    assert index.entity_at(0, 3) == "e1"
    assert index.entity_at(15, 18) == "e1"
    assert index.entity_at(10, 14) is None
    assert index.entities_in(0, len(text)) == ["e1"]
    assert index.entities_in(10, 14) == []
