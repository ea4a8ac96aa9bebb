"""The published claimgraph/1 JSON Schema: generated from the data classes, strict about what it checks."""

from __future__ import annotations

import copy
import json

import pytest
from ingest_helpers import gold_pages
from jsonschema import Draft202012Validator
from typer.testing import CliRunner

from claimgraph import analyze
from claimgraph.cli import app
from claimgraph.errors import DocumentError
from claimgraph.model.schema import published_schema, schema_text
from claimgraph.vocab import STANCES


@pytest.fixture(scope="module")
def validator() -> Draft202012Validator:
    schema = published_schema()
    Draft202012Validator.check_schema(schema)
    return Draft202012Validator(schema)


@pytest.fixture(scope="module")
def record(example_path) -> dict:
    return analyze(example_path.read_text(encoding="utf-8"), source=example_path.name).to_dict()


def test_shipped_schema_is_the_generated_one():
    assert json.loads(schema_text()) == published_schema(), "regenerate: python -m claimgraph.model.schema"


def test_cli_prints_the_schema():
    out = CliRunner().invoke(app, ["schema"])
    assert out.exit_code == 0
    assert json.loads(out.stdout)["title"] == "claimgraph/1"


def test_vocabularies_are_enums(validator):
    defs = validator.schema["$defs"]
    assert defs["Attribution"]["properties"]["kind"]["enum"] == ["direct", "indirect", "mixed"]
    assert defs["Attribution"]["properties"]["stance"]["enum"] == list(STANCES)
    assert "binary" in defs["ErrorInfo"]["properties"]["type"]["enum"]
    assert "Loaded_Language" in defs["PropagandaSpan"]["properties"]["technique"]["enum"]


def test_the_example_validates(validator, record):
    assert not list(validator.iter_errors(record))
    assert record["attributions"] and record["claims"] and record["quantities"]


def test_html_pages_and_plain_text_validate(validator, shared_dir):
    for page in gold_pages(4):
        out = analyze(page["html"], format="html", source=page["url"], url=page["url"]).to_dict()
        assert not list(validator.iter_errors(out)), page["url"]
    short = analyze("The mayor said the bridge would reopen in May.", format="text", signals=False).to_dict()
    assert short["signals"] is None and not list(validator.iter_errors(short))


def test_error_records_validate(validator):
    rec = DocumentError("binary", "not text", "x.txt").to_record()
    assert validator.is_valid(rec)
    rec["error"]["type"] = "exploded"
    assert not validator.is_valid(rec)


@pytest.mark.parametrize(
    "breakage",
    [
        lambda r: r["attributions"][0].update(speaker={"id": "E1", "name": "Russia"}),  # the KB's old shape
        lambda r: r["attributions"][0].update(kind="paraphrase"),
        lambda r: r["attributions"][0].update(stance="shout"),
        lambda r: r["attributions"][0].pop("cue"),
        lambda r: r["attributions"][0]["content"].update(start="19"),
        lambda r: r["claims"][0].pop("text"),
        lambda r: r["quantities"][0].update(approx_kind="roughly"),
        lambda r: r["entities"][0]["mentions"][0].update(end=None),
        lambda r: r.update(schema="claimgraph/2"),
    ],
)
def test_a_broken_record_is_rejected(validator, record, breakage):
    broken = copy.deepcopy(record)
    breakage(broken)
    assert not validator.is_valid(broken)


def test_records_round_trip_through_the_data_classes(record):
    from claimgraph.model import AnalysisResult

    assert AnalysisResult.from_dict(record).to_dict() == record
    with pytest.raises(ValueError, match="AnalysisResult"):
        AnalysisResult.from_dict({**record, "attributions": [{"id": "a1"}]})
