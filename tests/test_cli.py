"""The CLI commands on real articles, in-process (one model load for the session)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from claimgraph.cli import app

SAMPLE = Path(__file__).resolve().parents[1] / "src" / "claimgraph" / "data" / "sample_article.md"
runner = CliRunner()


def _spans_hold(result: dict) -> None:
    body = result["article"]["body"]
    for entity in result["entities"]:
        for m in entity["mentions"]:
            assert body[m["start"] : m["end"]] == m["text"]
    for att in result["attributions"]:
        for key in ("cue", "speaker_mention"):
            if att[key]:
                assert body[att[key]["start"] : att[key]["end"]] == att[key]["text"]
        assert body[att["content"]["start"] : att["content"]["end"]] == att["content"]["text"]
    for claim in result["claims"]:
        assert body[claim["start"] : claim["end"]] == claim["text"]


def test_analyze_example_gives_metadata_entities_and_attributions(example_path, nlp):
    out = runner.invoke(app, ["analyze", str(example_path)])
    assert out.exit_code == 0, out.output
    result = json.loads(out.stdout)
    assert result["schema"] == "claimgraph/1"
    article = result["article"]
    assert article["published"] == "2015-01-03"
    assert article["republished"] is True and article["original_source"]
    assert article["authors"] and article["publisher_domain"]
    assert "Disclaimer" not in article["body"] and "](" not in article["body"]
    assert {r["kind"] for r in article["removed"]} >= {"copyright", "disclaimer"}
    assert result["attributions"] and result["entities"] and result["quantities"]
    _spans_hold(result)


def test_analyze_many_files_writes_jsonl(tmp_path, example_path, nlp):
    out_file = tmp_path / "out.jsonl"
    out = runner.invoke(app, ["analyze", str(SAMPLE), str(example_path), "-o", str(out_file)])
    assert out.exit_code == 0, out.output
    records = [json.loads(line) for line in out_file.read_text().splitlines()]
    assert [Path(r["document"]["source"]).name for r in records] == [SAMPLE.name, example_path.name]
    for record in records:
        _spans_hold(record)


def test_quotes_json_names_speakers(nlp):
    from query_helpers import schema_errors

    out = runner.invoke(app, ["quotes", "--json", str(SAMPLE)])
    assert out.exit_code == 0, out.output
    rows = [json.loads(line) for line in out.stdout.splitlines()]  # one line per attribution
    speakers = {row["speaker_name"] for row in rows if row["speaker_name"]}
    assert len(speakers) >= 3
    assert any(row["stance"] == "accuse" for row in rows)
    analysed = json.loads(runner.invoke(app, ["analyze", str(SAMPLE)]).stdout)
    assert [{k: row[k] for k in a} for row, a in zip(rows, analysed["attributions"], strict=True)] == (
        analysed["attributions"]
    )  # the record's attributions, field for field, with names added
    for row in rows:
        assert not schema_errors(row, "Attribution") and row["document_id"] == analysed["document"]["id"]


def test_credibility_rates_publisher_and_original_source(example_path, shared_dir, nlp):
    ratings = shared_dir / "data" / "domain-ratings" / "domain_ratings.csv"
    if not ratings.exists():
        pytest.skip("domain ratings not available")
    out = runner.invoke(app, ["credibility", "--json", "--ratings", str(ratings), str(example_path)])
    assert out.exit_code == 0, out.output
    signals = json.loads(out.stdout)["signals"]
    chain = signals["source"]["provenance"]["chain"]
    by_role = {link["role"]: link for link in chain}
    publisher, original = by_role["publisher"], by_role["original_source"]
    assert publisher["rating"]["score"] < original["rating"]["score"]
    text = runner.invoke(app, ["credibility", "--ratings", str(ratings), str(example_path)])
    assert text.exit_code == 0
    assert "republished" in text.stdout and "Provenance" in text.stdout


def test_credibility_without_ratings_says_so(nlp, monkeypatch):
    monkeypatch.delenv("CLAIMGRAPH_RATINGS", raising=False)
    out = runner.invoke(app, ["credibility", "--json", str(SAMPLE)])
    assert out.exit_code == 0, out.output
    source = json.loads(out.stdout)["signals"]["source"]
    assert source["ratings"]["status"] == "no ratings configured"


def test_unknown_format_is_a_usage_error():
    out = runner.invoke(app, ["analyze", "--format", "pdf", str(SAMPLE)])
    assert out.exit_code == 2


def _corpus(tmp_path: Path, suffix: str) -> tuple[Path, list[dict]]:
    """Two PolNeAR articles as a JSONL corpus (with a broken line between) or a FakeNewsCorpus-style CSV."""
    import csv

    from ingest_helpers import polnear_articles

    arts = polnear_articles(2, paragraphs=2)
    path = tmp_path / f"corpus{suffix}"
    if suffix == ".jsonl":
        rows = [
            {"content": a["text"], "title": a["title"], "url": f"https://n.example/{i}"} for i, a in enumerate(arts)
        ]
        lines = [json.dumps(row) for row in rows]
        path.write_text(lines[0] + "\n{broken\n" + lines[1] + "\n", encoding="utf-8")
    else:
        with path.open("w", newline="", encoding="utf-8") as fh:
            w = csv.writer(fh)
            w.writerow(["id", "domain", "url", "content", "title"])
            for i, a in enumerate(arts):
                w.writerow([i, "news.example", f"https://n.example/{i}", a["text"], a["title"]])
    return path, arts


@pytest.mark.parametrize("suffix", [".jsonl", ".csv"])
def test_analyze_reads_a_corpus_file_as_records(tmp_path, nlp, suffix):
    path, arts = _corpus(tmp_path, suffix)
    out = runner.invoke(app, ["analyze", str(path)])
    assert out.exit_code == 0, out.output
    lines = [json.loads(line) for line in out.stdout.splitlines()]  # JSON Lines: many records in one file
    records = [r for r in lines if "error" not in r]
    assert [r["article"]["title"] for r in records] == [a["title"] for a in arts]
    assert [r["article"]["url"] for r in records] == ["https://n.example/0", "https://n.example/1"]
    for record, art in zip(records, arts, strict=True):
        body = record["article"]["body"]
        assert '"content"' not in body and art["text"].split("\n")[0][:60] in body  # the text, not the JSON
        _spans_hold(record)
    if suffix == ".jsonl":
        assert [r["error"]["type"] for r in lines if "error" in r] == ["malformed"]
        assert f"{path}:line 2: malformed" in out.stderr


@pytest.mark.parametrize("columns", [80, 200])
def test_quotes_never_cuts_a_word_whatever_the_width(nlp, monkeypatch, columns):
    """Narrow: one card per attribution; wide: the table; either way every cue, speaker and target whole."""
    import re

    monkeypatch.setenv("COLUMNS", str(columns))
    out = runner.invoke(app, ["quotes", "--max-content", "100000", str(SAMPLE)])
    assert out.exit_code == 0, out.output
    rows = [json.loads(line) for line in runner.invoke(app, ["quotes", "--json", str(SAMPLE)]).stdout.splitlines()]
    lines = out.stdout.splitlines()
    assert max(len(line) for line in lines) <= columns
    assert not re.search(r"\w…", out.stdout)  # no "ta…", "sa…"
    assert ("┃ id" in out.stdout) == (columns == 200)
    tokens = set(re.split(r"[\s│┃]+", out.stdout))
    for row in rows:
        for text in [row["cue"]["text"] if row["cue"] else "", row["speaker_name"] or "", *row["target_names"]]:
            assert set(text.split()) <= tokens, text


@pytest.mark.parametrize(
    "command", [["--help"], ["ingest", "--help"], ["quotes", "--help"], ["query", "search", "--help"]]
)
def test_help_shows_no_value_type_on_flags(command, monkeypatch):
    """A flag takes no value, so its help row must not print one (Typer 0.29 prints `<bool>`)."""
    monkeypatch.setenv("COLUMNS", "120")
    out = runner.invoke(app, command)
    assert out.exit_code == 0, out.output
    assert "<bool>" not in out.output
    assert "--help" in out.output
    if command[0] == "ingest":
        assert "<int" in out.output  # options that take a value keep their type


def test_ingest_help_says_how_to_give_ratings(monkeypatch):
    monkeypatch.setenv("COLUMNS", "200")
    text = " ".join(runner.invoke(app, ["ingest", "--help"]).output.split())
    assert "domain column" in text and "pc1" in text and "0..1" in text
