"""Long documents (issue 20): parsed in pieces with whole-body offsets, refused over the cap, timed out
over the budget, and a batch goes on past each of them.

The texts are real prose: the bundled sample article and the shared example article, repeated and
joined with blank lines as a long transcript or a book is a long run of paragraphs.
"""

from __future__ import annotations

import json
from importlib import resources

import pytest

from claimgraph import analyze_many
from claimgraph.article import build_article
from claimgraph.config import Options
from claimgraph.errors import DocumentError
from claimgraph.nlp.pieces import piece_bounds
from claimgraph.pipeline import Pipeline

SAMPLE = resources.files("claimgraph") / "data" / "sample_article.md"


def _body() -> str:
    """The bundled sample article's body (markdown extracted), about 1,300 characters of news prose."""
    return Pipeline(Options(format="markdown", signals=False, places=False, events=False)).run(
        SAMPLE.read_text(encoding="utf-8"), "sample.md"
    ).article.body  # fmt: skip


def _long(example_path, chars: int) -> str:
    """Sample body and shared example joined by blank lines until ``chars`` characters (cut at a paragraph)."""
    parts = [_body(), example_path.read_text(encoding="utf-8")]
    out, size, k = [], 0, 0
    while size < chars:
        out.append(parts[k % 2])
        size += len(out[-1]) + 2
        k += 1
    return "\n\n".join(out)


def _spans(record: dict) -> list[tuple[int, int, str]]:
    """Every (start, end, text) span of a record: the ones a reader sees highlighted."""
    out = []
    for e in record["entities"]:
        out += [(m["start"], m["end"], m["text"]) for m in e["mentions"]]
    for a in record["attributions"]:
        for key in ("speaker_mention", "cue", "content", "stance_evidence"):
            if a[key]:
                out.append((a[key]["start"], a[key]["end"], a[key]["text"]))
    for key in ("claims", "quantities", "places"):
        out += [(x["start"], x["end"], x["text"]) for x in record[key]]
    for e in record["events"]:
        out.append((e["trigger"]["start"], e["trigger"]["end"], e["trigger"]["text"]))
    signals = record["signals"]
    for key in ("hedges", "anonymous_sources", "vague_sources", "propaganda"):
        out += [(x["start"], x["end"], x["text"]) for x in signals[key]]
    return out


def test_pieces_cover_the_text_and_end_at_blank_lines(example_path):
    text = _long(example_path, 60_000)
    bounds = piece_bounds(text, 10_000)
    assert bounds[0][0] == 0 and bounds[-1][1] == len(text)
    assert all(a[1] == b[0] for a, b in zip(bounds, bounds[1:], strict=False))
    assert all(e - s <= 10_000 for s, e in bounds)
    assert all(text[e - 2 : e] == "\n\n" for _, e in bounds[:-1])  # every cut after a blank line


def test_a_paragraph_longer_than_a_piece_is_cut_after_a_sentence(example_path):
    one_paragraph = " ".join(_long(example_path, 30_000).split())  # no line breaks at all
    for _, e in piece_bounds(one_paragraph, 5_000)[:-1]:
        assert one_paragraph[e - 2] in ".!?\"'”’)" and one_paragraph[e - 1] == " "


def test_a_long_body_parsed_in_pieces_keeps_whole_body_offsets(example_path):
    """The pieced parse gives the same kind of record as a whole parse: every span indexes the whole body."""
    text = _long(example_path, 40_000)
    pipe = Pipeline(Options(format="text"))
    pipe.piece_chars = 8_000  # five pieces or more
    record = pipe.run(text, "long.txt").to_dict()
    body = record["article"]["body"]
    assert body == text
    spans = _spans(record)
    assert len(spans) > 200
    assert [sp for sp in spans if body[sp[0] : sp[1]] != sp[2]] == []
    assert max(sp[1] for sp in spans) > 32_000  # the last pieces were analysed too
    # a name first seen in one piece resolves mentions in later ones: one entity, mentions in every piece
    biggest = max(record["entities"], key=lambda e: len(e["mentions"]))
    assert biggest["mentions"][-1]["start"] - biggest["mentions"][0]["start"] > 30_000


def test_pieces_end_sentences_at_piece_boundaries(example_path):
    text = _long(example_path, 30_000)
    pipe = Pipeline(Options(format="text", signals=False, places=False, events=False))
    pipe.piece_chars = 6_000
    result = pipe.run(text, "long.txt")
    starts = {s for s, _ in result.sentences}
    assert all(s in starts for s, _ in piece_bounds(text, 6_000))


def test_a_body_over_the_cap_is_a_too_large_error_and_the_batch_goes_on(example_path):
    ok, big = _body(), _long(example_path, 30_000)
    out = list(analyze_many([ok, big, ok], options=Options(max_chars=20_000, places=False, events=False)))
    assert [type(r).__name__ for r in out] == ["AnalysisResult", "DocumentError", "AnalysisResult"]
    assert out[1].kind == "too_large" and "20,000" in out[1].message
    assert json.loads(json.dumps(out[1].to_record()))["error"]["type"] == "too_large"
    with pytest.raises(DocumentError) as err:
        Pipeline(Options(max_chars=20_000)).run(big)
    assert err.value.kind == "too_large"


def test_a_document_over_the_time_budget_is_a_timeout_error_and_the_batch_goes_on(example_path):
    """A budget no real analysis meets: the long document times out, the short ones after it still run."""
    pipe = Pipeline(Options(format="text", time_budget=1e-6))
    out = list(pipe.run_many([_long(example_path, 5_000)]))
    assert out[0].kind == "timeout" and "budget" in out[0].message
    roomy = Pipeline(Options(format="text", time_budget=600.0, places=False, events=False))
    assert type(next(iter(roomy.run_many([_body()])))).__name__ == "AnalysisResult"


def test_the_budget_and_cap_come_from_the_environment(monkeypatch):
    monkeypatch.setenv("CLAIMGRAPH_MAX_CHARS", "123456")
    monkeypatch.setenv("CLAIMGRAPH_TIME_BUDGET", "0")
    opts = Options.from_env()
    assert opts.max_chars == 123_456 and opts.time_budget is None
    with pytest.raises(ValueError):
        Options(max_chars=0)


@pytest.mark.slow
def test_a_document_over_spacys_max_length_is_analysed_and_the_batch_goes_on(example_path):
    """Over 2,000,000 characters spaCy raises E088 on the whole text; the pieced parse analyses it."""
    big = _long(example_path, 2_050_000)
    opts = Options(format="text", signals=False, places=False, events=False, time_budget=None)
    out = list(analyze_many([_body(), big, _body()], options=opts))
    assert [type(r).__name__ for r in out] == ["AnalysisResult"] * 3
    result = out[1]
    assert len(result.article.body) == len(big) > 2_000_000
    body = result.article.body
    assert all(body[m.start : m.end] == m.text for e in result.entities for m in e.mentions)
    assert max(a.content.end for a in result.attributions) > 2_000_000


@pytest.mark.slow
def test_work_grows_linearly_with_the_body(shared_dir):
    """Python calls made by every stage after the parse, on 15k and 60k characters of real news bodies.

    A stage that scans the whole document (or all mentions, all attributions) once per sentence or per
    mention makes the count grow with the square of the size (x6 for x4 before issue 20); linear is x4
    or less (fixed costs make it less).
    """
    import csv
    import sys

    csv.field_size_limit(10**8)
    with open(shared_dir / "data" / "fakenewscorpus" / "news_sample.csv", encoding="utf-8", newline="") as fh:
        bodies = [b for r in csv.DictReader(fh) if len(b := r["content"].strip()) > 500]
    pipe = Pipeline(Options(format="text", time_budget=None))

    def calls(chars: int) -> int:
        parts, size = [], 0
        for b in bodies:
            parts.append(b)
            size += len(b) + 2
            if size >= chars:
                break
        raw = pipe.raw("\n\n".join(parts), "long.txt")
        article = build_article(raw)
        doc = pipe.nlp(article.body)
        count = [0]

        def tally(_frame, event, _arg):
            if event in ("call", "c_call"):
                count[0] += 1

        sys.setprofile(tally)
        try:
            pipe.assemble(raw, article, doc)
        finally:
            sys.setprofile(None)
        return count[0]

    calls(3_000)  # models loaded outside the count
    assert calls(60_000) / calls(15_000) < 4.0
