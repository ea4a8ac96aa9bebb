"""Claim tracing on real analyses of written sentences: clusters, first appearance, change labels."""

from __future__ import annotations

import json

import pytest

from claimgraph import analyze_many
from claimgraph.model import AnalysisResult, ClaimCluster, RawDocument
from claimgraph.model.serialize import from_data, to_data
from claimgraph.tracing import ClaimTracer, claim_units
from claimgraph.vocab import CHANGE_LABELS

ORIGIN = (
    "The regional health ministry said on Monday that 4,200 patients had been treated for cholera since June. "
    "Volunteers from three towns have been distributing clean water along the river valley."
)
# (source, published, body): repeats of the first sentence by other outlets, each changed in one way,
# plus a story with nothing in common.
REPEATS = [
    ("verbatim", "2025-03-04", ORIGIN),
    ("moved", "2025-03-05", "4,200 patients had been treated for cholera since June, the regional health ministry "
     "said on Monday."),
    ("number", "2025-03-05", "The regional health ministry said on Monday that 6,300 patients had been treated for "
     "cholera since June."),
    ("dropped", "2025-03-06", "4,200 patients had been treated for cholera since June."),
    ("hedged", "2025-03-06", "4,200 patients had reportedly been treated for cholera since June."),
    ("negated", "2025-03-07", "The regional health ministry said on Monday that 4,200 patients had not been treated "
     "for cholera since June."),
    ("speaker", "2025-03-07", "The World Health Organization said on Monday that 4,200 patients had been treated for "
     "cholera since June."),
    ("denied", "2025-03-08", "The regional health ministry denied on Monday that 4,200 patients had been treated "
     "for cholera since June."),
    ("unrelated", "2025-03-08", "The city council voted on Tuesday to close two public libraries after the budget "
     "for next year was cut by a third."),
]  # fmt: skip
EXPECTED = {
    "verbatim": "verbatim", "moved": "verbatim", "number": "number_changed", "dropped": "attribution_dropped",
    "hedged": "hedge_added", "negated": "negated", "speaker": "speaker_changed", "denied": "stance_changed",
}  # fmt: skip


def _raw(source: str, published: str, text: str) -> RawDocument:
    meta = {"published": published, "publisher": source.title()}
    return RawDocument(text=text, source=source, format="text", url=f"https://{source}.example/a", metadata=meta)


@pytest.fixture(scope="module")
def results() -> dict[str, AnalysisResult]:
    docs = [_raw("origin", "2025-03-03", ORIGIN)] + [_raw(*r) for r in REPEATS]
    out = list(analyze_many(docs))
    assert all(isinstance(r, AnalysisResult) for r in out)
    return {r.document.source: r for r in out}


@pytest.fixture(scope="module")
def traced(results) -> tuple[ClaimTracer, ClaimCluster]:
    tracer = ClaimTracer()
    for source in [s for s, _, _ in reversed(REPEATS)] + ["origin"]:  # the origin arrives last
        tracer.add(results[source])
    origin_doc = results["origin"].document.id
    cid = next(c for u, c in tracer.clusters_of(origin_doc) if "cholera" in u.text)
    return tracer, tracer.record(cid)


def _by_source(cluster: ClaimCluster, results) -> dict[str, list[str]]:
    source_of = {r.document.id: s for s, r in results.items()}
    return {source_of[m.article]: [c.label for c in m.changes] for m in cluster.members}


def test_units_take_the_attributed_content_as_the_claim(results):
    units = claim_units(results["origin"])
    assert [u.attributed for u in units] == [True, False]
    first = units[0]
    assert "ministry" in first.speaker.lower()
    assert first.core[0] == "4,200" and "said" not in first.core
    assert first.attribution is not None and first.attribution.cue == "said"
    assert [q.value for q in first.quantities] == [4200.0]
    assert results["origin"].article.body[first.start : first.end] == first.text


def test_first_is_the_earliest_published_even_when_ingested_last(traced, results):
    _, cluster = traced
    assert cluster.first.article == results["origin"].document.id
    assert cluster.first.published == "2025-03-03"
    assert cluster.members[0].changes == []


def test_every_repeat_joins_and_the_unrelated_story_does_not(traced, results):
    _, cluster = traced
    got = _by_source(cluster, results)
    assert set(got) == {"origin", *EXPECTED}
    assert cluster.size == len(EXPECTED) + 1


@pytest.mark.parametrize("source", sorted(EXPECTED))
def test_change_labels(traced, results, source):
    _, cluster = traced
    labels = _by_source(cluster, results)[source]
    assert EXPECTED[source] in labels
    if source == "moved":
        assert set(labels) <= {"verbatim", "reworded"}


def test_change_evidence(traced, results):
    _, cluster = traced
    source_of = {r.document.id: s for s, r in results.items()}
    ev = {source_of[m.article]: next(c for c in m.changes if c.label == EXPECTED[source_of[m.article]])
          for m in cluster.members if m.changes}  # fmt: skip
    assert (ev["number"].before, ev["number"].after) == ("4,200", "6,300")
    assert ev["dropped"].cue == "said" and "ministry" in (ev["dropped"].speaker or "").lower()
    assert ev["hedged"].words == ["reportedly"]
    assert ev["negated"].words == ["not"]
    assert "World Health Organization" in (ev["speaker"].after or "")
    assert (ev["denied"].before, ev["denied"].after) == ("assert", "deny")


def test_truncated_copy():
    long = ("Investigators found that the bridge collapsed because two steel cables had rusted through, "
            "and that inspectors had flagged the damage in a report three years earlier.")  # fmt: skip
    short = "Investigators found that the bridge collapsed because two steel cables had rusted through."
    a, b = analyze_many([_raw("long", "2025-01-01", long), _raw("short", "2025-01-02", short)])
    tracer = ClaimTracer()
    tracer.add(a)
    tracer.add(b)
    (cluster,) = list(tracer.records())
    labels = [c.label for c in cluster.members[1].changes]
    assert labels == ["truncated"]
    assert "inspectors" in cluster.members[1].changes[0].words


def test_same_words_about_different_people_stay_apart():
    texts = [
        ("one", "2025-02-01", "Senator Maria Alvarez won the Democratic primary in the fourth district by far."),
        ("two", "2025-02-02", "Governor Tom Becker won the Republican primary in the ninth district by far."),
    ]  # fmt: skip
    tracer = ClaimTracer()
    for r in analyze_many([_raw(*t) for t in texts]):
        tracer.add(r)
    assert list(tracer.records()) == []


def test_adding_an_article_twice_changes_nothing(results):
    tracer = ClaimTracer()
    assert tracer.add(results["origin"])
    assert tracer.add(results["origin"]) == []
    assert len(tracer.units) == len(claim_units(results["origin"]))


def test_cluster_record_round_trips_and_uses_the_vocabulary(traced):
    _, cluster = traced
    data = to_data(cluster)
    assert set(data) == {"id", "size", "first", "members"}
    assert set(data["first"]) == {"article", "url", "publisher", "published", "speaker"}
    member_keys = {"article", "url", "publisher", "published", "text", "start", "end", "speaker", "attributed",
                   "attribution", "changes"}  # fmt: skip
    assert all(set(m) == member_keys for m in data["members"])
    assert all(c["label"] in CHANGE_LABELS for m in data["members"] for c in m["changes"])
    assert from_data(ClaimCluster, data) == cluster


def test_cluster_schema_is_shipped_and_validates_a_record(traced):
    from jsonschema import Draft202012Validator
    from typer.testing import CliRunner

    from claimgraph.cli import app
    from claimgraph.model.schema import published_schema, schema_text

    assert json.loads(schema_text("claim-cluster")) == published_schema("claim-cluster"), (
        "regenerate: python -m claimgraph.model.schema claim-cluster"
    )
    validator = Draft202012Validator(published_schema("claim-cluster"))
    _, cluster = traced
    data = to_data(cluster)
    assert list(validator.iter_errors(data)) == []
    data["members"][1]["changes"][0]["label"] = "paraphrased"
    assert list(validator.iter_errors(data))
    out = CliRunner().invoke(app, ["schema", "--what", "claim-cluster"])
    assert out.exit_code == 0 and json.loads(out.stdout)["title"].endswith("claim cluster")
