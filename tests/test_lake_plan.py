"""Slicing inputs into lake tasks: the slices of a file, read one after another, are the file read whole.

No analysis here: only readers, so these run in well under a second.
"""

from __future__ import annotations

import gzip
import json

import pytest
from ingest_helpers import gold_pages, polnear_articles, warc_record, warc_request

from claimgraph.config import Options
from claimgraph.errors import DocumentError
from claimgraph.ingest.sources import field_map, iter_inputs
from claimgraph.lake.driver import settings_of
from claimgraph.lake.plan import Input, expand_inputs, index, tasks_for
from claimgraph.lake.task import read_task


def _key(item) -> tuple:
    if isinstance(item, DocumentError):
        return ("error", item.source, item.position, item.kind)
    return ("doc", item.source, item.position, item.text, item.url)


def _sliced(paths: list[str], task_docs: int, preset: str | None = None) -> tuple[list, list]:
    fields = field_map(preset)
    inputs = expand_inputs(paths)
    slices = {s.path: index(s, task_docs) for s in inputs if s.splittable}
    tasks = tasks_for(inputs, slices, task_docs)
    settings = settings_of(fields, "auto", None, Options(), task_docs)
    items = [_key(i) for t in tasks for i in read_task(t, settings)]
    return tasks, items


@pytest.fixture(scope="module")
def pages():
    return gold_pages(3)


def test_jsonl_slices_cover_the_file_line_for_line(tmp_path):
    arts = polnear_articles(7, paragraphs=1)
    lines = [json.dumps({"content": a["text"], "title": a["title"]}) for a in arts]
    lines.insert(2, "{broken")
    lines.insert(5, "")  # a blank line counts as a line number but not as an item
    path = tmp_path / "c.jsonl"
    path.write_text("\n".join(lines) + "\n")
    whole = [_key(i) for i in iter_inputs([str(path)], field_map(None))]
    for task_docs in (1, 3, 100):
        tasks, items = _sliced([str(path)], task_docs)
        assert items == whole
        assert len(tasks) == -(-len(whole) // task_docs)
    assert whole[2][0] == "error" and whole[2][2] == "line 3" and whole[-1][2] == "line 9"


@pytest.mark.parametrize("compressed", [True, False])
def test_warc_slices_by_record_offset_keep_numbers_and_the_damaged_record(tmp_path, pages, compressed):
    records = []
    for p in pages:
        records += [warc_request(p["url"]), warc_record(p["url"], p["html"])]
    records.insert(2, warc_record("https://example.com/logo.png", b"\x89PNG....", content_type="image/png"))
    records.append(warc_record(pages[0]["url"] + "?again", pages[0]["html"]))
    if compressed:
        records = [gzip.compress(r) for r in records]
    records[4] = records[4][: len(records[4]) // 2]  # the second page's response, cut in the middle
    path = tmp_path / ("crawl.warc.gz" if compressed else "crawl.warc")
    path.write_bytes(b"".join(records))
    whole = [_key(i) for i in iter_inputs([str(path)])]
    assert [k[0] for k in whole] == ["doc", "error", "doc", "doc"] if compressed else "error" in [k[0] for k in whole]
    for task_docs in (1, 2, 10):
        tasks, items = _sliced([str(path)], task_docs)
        assert items == whole
        assert all(t.kind == "warc" for t in tasks) and tasks[0].start == 0
    tasks, _ = _sliced([str(path)], 1)
    assert len(tasks) >= 3 and [t.end for t in tasks[:-1]] == [t.start for t in tasks[1:]]


def test_single_files_group_into_tasks_and_names_are_stable(tmp_path, pages):
    folder = tmp_path / "pages"
    folder.mkdir()
    for i, p in enumerate(pages):
        (folder / f"p{i}.html").write_bytes(p["html"])
    (folder / "empty.txt").write_text("")
    whole = [_key(i) for i in iter_inputs([str(folder)])]
    tasks, items = _sliced([str(folder)], 2)
    assert items == whole and [len(t.paths) for t in tasks] == [2, 2]
    settings = settings_of(field_map(None), "auto", None, Options(), 2)
    names = [t.name(settings) for t in tasks]
    assert names == [t.name(settings) for t in _sliced([str(folder)], 2)[0]]  # a rerun finds the same names
    assert len(set(names)) == 2 and names[0].startswith("empty.txt+1.")
    other = settings_of(field_map(None), "auto", None, Options(signals=False), 2)
    assert tasks[0].name(other) != names[0]  # other settings never reuse these shards


def test_stdin_cannot_be_a_lake_input():
    with pytest.raises(ValueError, match="standard input"):
        expand_inputs(["-"])
    assert Input("a.jsonl.gz", "jsonl").splittable is False and Input("a.warc.gz", "warc").splittable
