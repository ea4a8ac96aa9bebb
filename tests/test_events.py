"""Event coding (claimgraph.events) on sentences written for these tests and on the shared example article."""

from __future__ import annotations

import sys
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import pytest
from shared_paths import SHARED, need

from claimgraph.events import EVENT_TYPES, find_events, is_reported
from claimgraph.events.cameo import cameo_root
from claimgraph.events.dates import resolve_expression
from claimgraph.events.types import MODES_BY_TYPE

ROOT = Path(__file__).resolve().parents[1]
PUB = "2015-01-03"  # a Saturday


def _shared_example() -> Path:
    return need(SHARED / "examples" / "globalresearch-2015-01-03-russia-accuses-us.md")


@dataclass
class Place:
    id: str
    start: int
    end: int
    country: str | None = None


def code(nlp, text: str, published: str | None = PUB, places=None):
    from claimgraph.attribution import extract_attributions
    from claimgraph.entities import resolve_entities

    doc = nlp(text)
    entities = resolve_entities(doc)
    attributions = extract_attributions(doc, entities)
    return find_events(doc, entities, attributions, published, places), attributions


def only(events, type_: str):
    found = [e for e in events if e.type == type_]
    assert found, f"no {type_} among {[(e.type, e.trigger.text) for e in events]}"
    return found[0]


def top(events):
    return max(events, key=lambda e: e.confidence)


# -- types, modes, actors ------------------------------------------------------------------------


def test_verbs_objects_and_nouns_give_plover_types(nlp):
    cases = {
        "Police arrested 30 protesters in the capital.": "COERCE",
        "Iraqi troops shelled the town overnight.": "ASSAULT",
        "The European Union imposed sanctions on the regime.": "SANCTION",
        "Bahrain severed diplomatic ties with Iran.": "SANCTION",
        "The two leaders held talks in Cairo on Monday.": "CONSULT",
        "The rebels released 12 hostages on Sunday.": "RETREAT",
        "North Korea rejected the offer of talks.": "REJECT",
        "Thousands of students demonstrated against the education cuts.": "PROTEST",
        "China deployed warships to the disputed waters.": "MOBILIZE",
        "The Red Cross sent medical supplies to the flooded region.": "AID",
    }
    for text, expected in cases.items():
        events, _ = code(nlp, text)
        assert events and top(events).type == expected, (text, [(e.type, e.trigger.text) for e in events])
        assert all(e.type in EVENT_TYPES for e in events)
        assert all(e.mode is None or e.mode in MODES_BY_TYPE.get(e.type, ()) for e in events)


def test_source_and_target_come_from_the_parse_with_country_and_sector(nlp):
    events, _ = code(nlp, "Israeli troops shot dead two Palestinian gunmen near the village.")
    ev = only(events, "ASSAULT")
    assert ev.mode == "firearms" and ev.cameo == "19"
    assert (ev.source.country, ev.source.sector) == ("ISR", "MIL")
    assert ev.target.country == "PSE" and "gunmen" in ev.target.text


def test_passive_agent_is_the_source(nlp):
    events, _ = code(nlp, "Two soldiers were wounded by Taliban fighters in Helmand.")
    ev = only(events, "ASSAULT")
    assert "Taliban" in ev.source.text and ev.source.sector == "REB"
    assert "soldiers" in ev.target.text and ev.target.sector == "MIL"


def test_sector_less_actor_takes_the_only_country_of_its_sentence(nlp):
    events, _ = code(nlp, "Kenyan police arrested dozens of protesters in Nairobi.")
    ev = only(events, "COERCE")
    assert ev.mode == "arrest" and ev.source.sector == "COP" and ev.source.country == "KEN"


def test_organisations_get_igo_and_ngo_sectors_not_countries(nlp):
    events, _ = code(nlp, "The Palestinians asked the United Nations to send observers to the West Bank.")
    ev = top(events)
    assert ev.type == "REQUEST" and ev.cameo == "02"  # an appeal (CAMEO 02), not a demand (10)
    assert ev.target.sector == "IGO" and ev.target.country is None
    events, _ = code(nlp, "Amnesty International condemned the executions.")
    assert top(events).type == "ACCUSE" and top(events).source.sector == "NGO"


def test_the_same_word_in_other_senses(nlp):
    assert top(code(nlp, "Rebels attacked an army base near the border.")[0]).type == "ASSAULT"
    assert top(code(nlp, "The senator attacked the president's budget plan.")[0]).type == "ACCUSE"
    assert top(code(nlp, "Workers at the state oil company went on strike.")[0]).type == "PROTEST"
    assert top(code(nlp, "The two companies struck a deal on Friday.")[0]).type == "AGREE"
    events, _ = code(nlp, "The ministry released a statement on Monday.")
    assert not [e for e in events if e.type == "RETREAT"]


# -- negation, hypotheticals, PLOVER's intention rules --------------------------------------------


def test_negated_event_is_flagged(nlp):
    events, _ = code(nlp, "The army did not attack the village.")
    ev = only(events, "ASSAULT")
    assert ev.negated and not ev.hypothetical


def test_threatened_sanctions_are_a_threat_and_a_hypothetical_sanction(nlp):
    events, _ = code(nlp, "Turkey threatened to impose sanctions on Sweden.")
    threat, sanction = only(events, "THREATEN"), only(events, "SANCTION")
    assert threat.mode == "restrict" and not threat.hypothetical and threat.source.country == "TUR"
    assert sanction.hypothetical and not sanction.negated
    assert top(events) is threat


def test_modal_makes_an_event_hypothetical(nlp):
    events, _ = code(nlp, "Iranian warships could strike the tanker.")
    ev = only(events, "ASSAULT")
    assert ev.hypothetical and not ev.negated


def test_future_cooperation_is_agree_and_negated_acceptance_is_reject(nlp):
    assert top(code(nlp, "Germany will send aid to Ukraine.")[0]).type == "AGREE"
    assert top(code(nlp, "Syria said it would not accept any more refugees.")[0]).type == "REJECT"


def test_conditional_clause_is_hypothetical(nlp):
    events, _ = code(nlp, "Norway will defend its ally if it is attacked by the rebels.")
    assert only(events, "ASSAULT").hypothetical


# -- attribution, dates, places, spans -------------------------------------------------------------


def test_reported_event_links_its_attribution(nlp):
    events, atts = code(nlp, "Officials said the army attacked the village on Tuesday.")
    ev = only(events, "ASSAULT")
    assert ev.attribution is not None and is_reported(ev, atts)
    assert ev.date == "2014-12-30"


def test_speech_act_event_links_the_attribution_it_is_the_cue_of(nlp):
    events, atts = code(nlp, "Russia accused Ukraine of shelling civilians in Donetsk.")
    ev = top(events)
    assert ev.type == "ACCUSE" and ev.source.country == "RUS" and ev.target.country == "UKR"
    cue = next(a for a in atts if a.id == ev.attribution).cue
    assert cue.text == "accused" and not is_reported(ev, atts)


def test_relative_dates_resolve_from_the_article_date():
    pub = date(2015, 1, 3)
    assert resolve_expression("Wednesday", pub) == "2014-12-31"
    assert resolve_expression("Saturday", pub) == "2015-01-03"
    assert resolve_expression("Monday", pub, future=True) == "2015-01-05"
    assert resolve_expression("yesterday", pub) == "2015-01-02"
    assert resolve_expression("last month", pub) == "2014-12"
    assert resolve_expression("last week", pub) == "2014-W52"
    assert resolve_expression("December 24", pub) == "2014-12-24"
    assert resolve_expression("two years ago", pub) == "2013"
    assert resolve_expression("Wednesday", None) is None
    assert resolve_expression("March 3, 2012", None) == "2012-03-03"


def test_event_date_follows_its_own_clause(nlp):
    events, _ = code(nlp, "Israeli jets bombed Gaza on Wednesday, officials said Friday.")
    assert only(events, "ASSAULT").date == "2014-12-31"
    events, _ = code(nlp, "The two presidents will meet in Geneva next month.")
    assert top(events).date == "2015-02"


def test_place_is_the_nearest_place_of_the_sentence(nlp):
    text = "Police arrested dozens of protesters in Nairobi. The army shelled the town of Kismayo."
    places = [
        Place("p1", text.index("Nairobi"), text.index("Nairobi") + 7, "KEN"),
        Place("p2", text.index("Kismayo"), text.index("Kismayo") + 7, "SOM"),
    ]
    events, _ = code(nlp, text, places=places)
    assert only(events, "COERCE").place == "p1" and only(events, "COERCE").source.country == "KEN"
    assert only(events, "ASSAULT").place == "p2"


def test_spans_ids_and_dict_shape(nlp):
    text = "Rebels attacked an army base. The government imposed a curfew and arrested 20 people."
    events, _ = code(nlp, text)
    assert [e.id for e in events] == [f"v{k}" for k in range(1, len(events) + 1)]
    assert [e.trigger.start for e in events] == sorted(e.trigger.start for e in events)
    for e in events:
        assert text[e.trigger.start : e.trigger.end] == e.trigger.text
        for actor in (e.source, e.target):
            if actor is not None:
                assert text[actor.start : actor.end] == actor.text
        d = e.to_dict()
        assert set(d) == {
            "id",
            "type",
            "mode",
            "cameo",
            "trigger",
            "source",
            "target",
            "place",
            "date",
            "negated",
            "hypothetical",
            "attribution",
            "confidence",
        }
        assert len(d["cameo"]) == 2 and 1 <= int(d["cameo"]) <= 20


def test_cameo_reverse_map():
    assert cameo_root("ACCUSE", "investigate") == "09"
    assert cameo_root("ACCUSE", "allege") == "11"
    assert cameo_root("ASSAULT", "unconventional") == "20"
    assert cameo_root("ASSAULT", "abduct") == "18"
    assert cameo_root("ASSAULT", None, source_sector="REB") == "18"
    assert cameo_root("ASSAULT", None, source_sector="MIL") == "19"
    assert cameo_root("RETREAT", "release") == "08"
    assert cameo_root("REQUEST", None, "02") == "02"


# -- the shared example ----------------------------------------------------------------------------


@pytest.fixture(scope="module")
def example(nlp):
    from claimgraph.article import build_article
    from claimgraph.model import RawDocument

    article = build_article(RawDocument(_shared_example().read_text(encoding="utf-8")))
    events, atts = code(nlp, article.body, published=article.published)
    return article, events, atts


def test_example_russia_accuses_the_us_is_an_accuse_event_linked_to_its_attribution(example):
    article, events, atts = example
    assert article.published == "2015-01-03"
    ev = next(e for e in events if e.trigger.text == "accused")
    assert ev.type == "ACCUSE" and ev.source.country == "RUS" and ev.target.country == "USA"
    att = next(a for a in atts if a.id == ev.attribution)
    assert att.cue is not None and att.cue.start == ev.trigger.start and not is_reported(ev, atts)


def test_example_coalition_airstrikes_are_assault_reported_by_a_speaker(example):
    article, events, atts = example
    ev = next(e for e in events if e.trigger.text == "airstrikes")
    assert ev.type == "ASSAULT" and ev.mode == "aerial" and ev.cameo == "19"
    assert "coalition" in ev.source.text and ev.source.country == "USA"
    assert ev.target.text == "ISIS"
    assert is_reported(ev, atts)  # Rick Wiles says it is hard to believe


def test_example_on_wednesday_resolves_from_the_article_date(example):
    _, events, _ = example
    ev = next(e for e in events if e.trigger.text.startswith("lashed"))
    assert ev.type == "ACCUSE" and ev.date == "2014-12-31" and ev.source.country == "RUS"


# -- the bench's scoring ---------------------------------------------------------------------------


def test_bench_scores_a_sentence():
    sys.path.insert(0, str(ROOT))
    from bench.events import score_sentence

    gold = {"event": "ASSAULT", "source": [{"code": "JAP"}], "target": [{"code": "IGO"}]}
    pred = [
        {"type": "ACCUSE", "confidence": 0.4, "source": None, "target": None},
        {
            "type": "ASSAULT",
            "confidence": 0.8,
            "source": {"country": "JPN", "sector": None},
            "target": {"country": None, "sector": "IGO"},
        },
    ]
    s = score_sentence(gold, pred)
    assert s["type@1"] and s["+source"] and s["+target"] and s["n"] == 2
    pred[1]["confidence"] = 0.1
    assert not score_sentence(gold, pred)["type@1"]


def test_written_development_sentences_keep_their_top_type(nlp):
    """Regression guard over bench/data/events_written.txt (our own sentences): 174 of 180 passed when written."""
    lines = (ROOT / "bench" / "data" / "events_written.txt").read_text(encoding="utf-8").splitlines()
    rows = [line.split("|", 1) for line in lines if line and not line.startswith("#")]
    hits = sum(1 for expected, text in rows if (ev := code(nlp, text)[0]) and top(ev).type == expected)
    assert len(rows) == 180 and hits >= 170


def test_second_written_set_from_cameo_categories(nlp):
    """bench/data/events_written2.txt: one or more sentences per CAMEO sub-category family, written after the
    rules (146 rows; 133 passed before the lexicon additions they prompted, 140 after)."""
    lines = (ROOT / "bench" / "data" / "events_written2.txt").read_text(encoding="utf-8").splitlines()
    rows = [line.split("|", 1) for line in lines if line and not line.startswith("#")]
    hits = sum(1 for expected, text in rows if (ev := code(nlp, text)[0]) and top(ev).type == expected)
    assert len(rows) == 146 and hits >= 136


def test_particles_parsed_as_adverbs_and_recognition_objects(nlp):
    assert top(code(nlp, "Armenian forces pulled back from the front line.")[0]).type == "RETREAT"
    assert top(code(nlp, "Sweden granted diplomatic recognition to Palestine.")[0]).type == "SUPPORT"
    assert top(code(nlp, "The European Commission requested that Greece reform its pension system.")[0]).type == (
        "REQUEST"
    )
