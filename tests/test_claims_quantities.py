"""Quantities on real text (the bundled example) and on short sentences written for the test."""

from __future__ import annotations

import re

import pytest

from claimgraph.claims.quantities import extract_quantities, parse_value


def _body(path) -> str:
    return re.sub(r"\[([^\]]*)\]\(#\)", r"\1", path.read_text(encoding="utf-8"))


def _check_spans(text: str, items: list) -> None:
    for q in items:
        assert text[q.start : q.end] == q.text
        for key in ("mention", "approx_span", "object"):
            part = getattr(q, key)
            if part:
                assert text[part.start : part.end] == part.text


def _by_value(items: list, value: float):
    found = [q for q in items if q.value == value]
    assert found, f"no quantity with value {value}: {[(q.text, q.value) for q in items]}"
    return found[0]


def test_example_article_quantities(nlp, example_path):
    body = _body(example_path)
    items = extract_quantities(nlp(body))
    _check_spans(body, items)
    militants = _by_value(items, 70000)
    assert militants.object.head == "militants"
    assert militants.approx == "up to"
    assert militants.approx_kind == "upper_bound"
    strikes = _by_value(items, 1000)
    assert strikes.object.head == "airstrikes"
    assert strikes.approx is None
    assert not any(q.value in (2015, 3) for q in items), "dates and years are not quantities"


@pytest.mark.parametrize(
    ("sentence", "value", "unit", "obj", "approx"),
    [
        ("The United States pledged $2 billion in aid to the region.", 2e9, "USD", "aid", None),
        ("More than half of Americans oppose the plan.", 0.5, None, "Americans", "more than"),
        ("Nearly 40 percent of voters stayed at home.", 40, "percent", "voters", "nearly"),
        ("The storm killed three people on Tuesday.", 3, None, "people", None),
        ("At least a dozen officers were injured.", 12, None, "officers", "at least"),
        ("Police arrested some 300 protesters.", 300, None, "protesters", "some"),
    ],
)
def test_short_sentences(nlp, sentence, value, unit, obj, approx):
    items = extract_quantities(nlp(sentence))
    _check_spans(sentence, items)
    q = _by_value(items, value)
    assert q.unit == unit
    assert (q.object.head if q.object else None) == obj
    assert q.approx == (approx.lower() if approx else None)


def test_skips_dates_times_ordinals_and_identifiers(nlp):
    text = "On January 5, 2015, the third meeting began at 10:30 and the S&P 500 index fell in 1998."
    assert extract_quantities(nlp(text)) == []


def test_ranges_and_totals(nlp):
    text = "Officials said the figure rose from 70,000 to 85,000. That adds up to 185,000 over two years."
    items = extract_quantities(nlp(text))
    _check_spans(text, items)
    rng = _by_value(items, 70000)
    assert rng.high == 85000 and rng.approx == "range"
    assert _by_value(items, 185000).approx is None, '"adds up to" totals, it does not hedge'


@pytest.mark.parametrize(
    ("words", "value"),
    [(["$", "2", "billion"], 2e9), (["twenty-five"], 25), (["1,000"], 1000), (["six", "-", "million"], 6e6),
     (["half"], 0.5), (["a", "dozen"], 12)],
)  # fmt: skip
def test_parse_value(words, value):
    assert parse_value(words)[0] == pytest.approx(value)
