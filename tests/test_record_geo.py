"""Places and events in the claimgraph/1 record: analyze output, the schema, the stage switches."""

from __future__ import annotations

import copy
import json

import pytest
from jsonschema import Draft202012Validator
from typer.testing import CliRunner

from claimgraph import analyze
from claimgraph.cli import app
from claimgraph.model import AnalysisResult
from claimgraph.model.schema import published_schema
from claimgraph.vocab import EVENT_TYPES


@pytest.fixture(scope="module")
def validator() -> Draft202012Validator:
    return Draft202012Validator(published_schema())


@pytest.fixture(scope="module")
def example(example_path) -> tuple[dict, str]:
    record = analyze(example_path.read_text(encoding="utf-8"), source=example_path.name).to_dict()
    return record, record["article"]["body"]


def test_example_with_places_and_events_validates(validator, example):
    record, _ = example
    assert record["places"] and record["events"]
    assert not list(validator.iter_errors(record))
    assert AnalysisResult.from_dict(record).to_dict() == record


def test_syria_libya_iraq_are_places_of_their_countries(example):
    record, body = example
    for place in record["places"]:
        assert body[place["start"] : place["end"]] == place["text"]
    for name, alpha3 in (("Syria", "SYR"), ("Libya", "LBY"), ("Iraq", "IRQ")):
        hits = [p for p in record["places"] if p["text"] == name]
        assert hits, name
        assert all(p["country"] == alpha3 and p["feature"] == "PCLI" and p["geonameid"] for p in hits)


def test_the_accusation_is_an_accuse_event_reported_through_its_attribution(example):
    record, body = example
    attributions = {a["id"]: a for a in record["attributions"]}
    accusations = [
        e
        for e in record["events"]
        if e["type"] == "ACCUSE"
        and (e["source"] or {}).get("country") == "RUS"
        and (e["target"] or {}).get("country") == "USA"
    ]
    assert accusations
    event = accusations[0]
    assert event["cameo"] == "11"
    attribution = attributions[event["attribution"]]
    spans = [(attribution["cue"]["start"], attribution["cue"]["end"])]
    spans += [tuple(f) for f in attribution["content"]["fragments"]]
    start, end = event["trigger"]["start"], event["trigger"]["end"]
    assert body[start:end] == event["trigger"]["text"]
    assert any(s <= start and end <= e for s, e in spans)


def test_event_references_resolve_inside_the_record(example):
    record, body = example
    entities = {e["id"] for e in record["entities"]}
    places = {p["id"] for p in record["places"]}
    attributions = {a["id"] for a in record["attributions"]}
    assert any(e["type"] == "ASSAULT" for e in record["events"])
    for event in record["events"]:
        assert event["type"] in EVENT_TYPES
        assert event["place"] is None or event["place"] in places
        assert event["attribution"] is None or event["attribution"] in attributions
        for actor in (event["source"], event["target"]):
            if actor:
                assert actor["entity"] is None or actor["entity"] in entities
                assert body[actor["start"] : actor["end"]] == actor["text"]


def test_a_broken_event_or_place_is_rejected(validator, example):
    record, _ = example
    for breakage in (
        lambda r: r["events"][0].update(type="INVADE"),
        lambda r: r["events"][0].update(mode="loudly"),
        lambda r: r["events"][0]["trigger"].pop("text"),
        lambda r: r["places"][0].update(lat="north"),
        lambda r: r.pop("places"),
    ):
        broken = copy.deepcopy(record)
        breakage(broken)
        assert not validator.is_valid(broken)


def test_unresolvable_place_keeps_its_span_with_a_null_id(validator):
    text = "The mayor of Plonkton Heights said the flooding in Kenya was severe."
    record = analyze(text, format="text", signals=False).to_dict()
    assert not list(validator.iter_errors(record))
    by_text = {p["text"]: p for p in record["places"]}
    assert by_text["Kenya"]["country"] == "KEN" and by_text["Kenya"]["geonameid"] == 192950
    unknown = by_text["Plonkton Heights"]
    assert text[unknown["start"] : unknown["end"]] == "Plonkton Heights"
    assert unknown["geonameid"] is None and unknown["lat"] is None and unknown["country"] is None


def test_switches_leave_the_stages_out():
    text = "Rebels attacked an army base near Aleppo, Syria, on Tuesday."
    both = analyze(text, format="text", signals=False)
    assert both.places and both.events
    assert any(e.place for e in both.events)
    no_places = analyze(text, format="text", signals=False, places=False)
    assert no_places.places == [] and no_places.events
    assert all(e.place is None for e in no_places.events)
    none = analyze(text, format="text", signals=False, places=False, events=False)
    assert none.places == [] and none.events == []


def test_cli_no_places_no_events(tmp_path):
    path = tmp_path / "a.txt"
    path.write_text("Police arrested 40 protesters in Nairobi, Kenya, on Monday.", encoding="utf-8")
    runner = CliRunner()
    out = runner.invoke(app, ["analyze", str(path), "--format", "text", "--no-signals"])
    assert out.exit_code == 0, out.output
    record = json.loads(out.stdout)
    assert {p["country"] for p in record["places"]} == {"KEN"}
    assert [e["type"] for e in record["events"]] == ["COERCE"]
    out = runner.invoke(app, ["analyze", str(path), "--format", "text", "--no-signals", "--no-places", "--no-events"])
    assert out.exit_code == 0, out.output
    record = json.loads(out.stdout)
    assert record["places"] == [] and record["events"] == []
