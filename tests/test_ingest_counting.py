"""The progress bar's total: corpus files are counted as their readers will read them, without analysis."""

from __future__ import annotations

import csv
import gzip
import json

from claimgraph.ingest import counting
from claimgraph.ingest.counting import estimate_total
from claimgraph.ingest.sources import field_map, iter_inputs

BODIES = [
    "The mayor said on Monday that the bridge would reopen in spring.",
    'A second body with a quoted field, "multi-line"\nacross two lines and a comma, here.',
    "Officials denied the report late on Tuesday.",
]


def _write_csv(path, rows):
    with path.open("w", newline="", encoding="utf-8") as fh:
        writer = csv.writer(fh)
        writer.writerow(["id", "title", "content"])
        for i, body in enumerate(rows):
            writer.writerow([i, f"Title {i}", body])


def test_csv_with_multiline_fields_counts_rows_not_lines(tmp_path):
    path = tmp_path / "news.csv"
    _write_csv(path, BODIES)
    docs = list(iter_inputs([str(path)], field_map("fakenews")))
    assert estimate_total([str(path)]) == len(docs) == 3
    assert len(path.read_text().splitlines()) == 5  # a line count would say 4 rows


def test_gzipped_jsonl_and_json_array_are_counted(tmp_path):
    gz = tmp_path / "a.jsonl.gz"
    with gzip.open(gz, "wt") as fh:
        fh.write("\n".join(json.dumps({"text": b}) for b in BODIES) + "\n\n")
    array = tmp_path / "b.json"
    array.write_text(json.dumps([{"text": b} for b in BODIES[:2]]))
    assert estimate_total([str(gz), str(array)]) == 5


def test_input_format_decides_the_reader(tmp_path):
    path = tmp_path / "export.txt"
    _write_csv(path, BODIES)
    assert estimate_total([str(path)]) == 1
    assert estimate_total([str(path)], kind="csv") == 3


def test_no_total_for_stdin_oversized_or_broken_inputs(tmp_path, monkeypatch):
    path = tmp_path / "news.csv"
    _write_csv(path, BODIES)
    assert estimate_total(["-"]) is None
    broken = tmp_path / "cut.jsonl.gz"
    broken.write_bytes(gzip.compress(b'{"text": "one"}\n' * 50)[:40])
    assert estimate_total([str(broken)]) is None
    monkeypatch.setattr(counting, "COUNT_LIMIT_BYTES", 10)
    assert estimate_total([str(path)]) is None
