"""`claimgraph quotes`: the table and the JSON of a document's attributions."""

from __future__ import annotations

import json

from typer.testing import CliRunner

from claimgraph.cli import app

TEXT = (
    "Senator Ruth Ames accused the governor of hiding the budget figures.\n\n"
    "“The people of this state deserve the truth about their money,” Ames said."
)


def test_quotes_json(tmp_path, nlp):
    path = tmp_path / "story.txt"
    path.write_text(TEXT, encoding="utf-8")
    result = CliRunner().invoke(app, ["quotes", "--format", "text", "--json", str(path)])
    assert result.exit_code == 0, result.output
    atts = [json.loads(line) for line in result.stdout.strip().splitlines()]  # one attribution per line
    assert len(atts) >= 2 and len({a["document_id"] for a in atts}) == 1
    accuse = next(a for a in atts if a["stance"] == "accuse")
    assert accuse["speaker_name"] and "Ames" in accuse["speaker_name"]
    direct = next(a for a in atts if a["kind"] == "direct")
    assert TEXT[direct["content"]["start"] : direct["content"]["end"]] == direct["content"]["text"]


def test_quotes_table(tmp_path, nlp):
    path = tmp_path / "story.txt"
    path.write_text(TEXT, encoding="utf-8")
    result = CliRunner().invoke(app, ["quotes", "--format", "text", str(path)], env={"COLUMNS": "200"})
    assert result.exit_code == 0, result.output
    assert "accuse" in result.stdout and "Ames" in result.stdout and "direct" in result.stdout


def test_quotes_rejects_unknown_format(tmp_path):
    path = tmp_path / "story.txt"
    path.write_text(TEXT, encoding="utf-8")
    result = CliRunner().invoke(app, ["quotes", "--format", "pdf", str(path)])
    assert result.exit_code != 0
