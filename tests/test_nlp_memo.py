"""load_nlp's memoised attribute ruler and lemmatizer (issue 18) annotate exactly as the stock components.

Real text: the shared example article, plus informal forms the ruler's multi-token rules exist for
("gon na", "let's", "there is"), parsed by load_nlp and by a stock ``spacy.load`` of the same model
(with the block components load_nlp adds).
"""

from __future__ import annotations

import pytest

from claimgraph.nlp import load_nlp

INFORMAL = "There is a plan, and we're gon na use it. Let's see what y'all think: it ain't nothin' new, is it?"


@pytest.fixture(scope="module")
def stock():
    import spacy

    from claimgraph.config import DEFAULT_MODEL
    from claimgraph.nlp.blocks import add_block_components

    nlp = spacy.load(DEFAULT_MODEL)
    add_block_components(nlp)  # load_nlp's own components, so only the memoised ones differ
    return nlp


def _annotations(doc) -> list[tuple]:
    return [(t.pos_, t.tag_, str(t.morph), t.lemma_, t.dep_, t.head.i) for t in doc]


def test_components_are_the_memoised_ones() -> None:
    nlp = load_nlp()
    assert type(nlp.get_pipe("attribute_ruler")).__name__ == "MemoisedAttributeRuler"
    assert type(nlp.get_pipe("lemmatizer")).__name__ == "MemoisedEnglishLemmatizer"


def test_same_annotations_as_stock_spacy(example_path, stock) -> None:
    text = example_path.read_text(encoding="utf-8")
    ours = load_nlp()
    for _ in range(2):  # the second pass decides every token from the memos
        for body in (text, INFORMAL):
            assert _annotations(ours(body)) == _annotations(stock(body))
    assert len({t.lemma_ for t in ours(text)}) > 100


def test_multi_token_rules_still_apply(stock) -> None:
    """'gon na' gets the lemmas 'go' / 'to' only from the ruler's two-token rules."""
    doc = load_nlp()(INFORMAL)
    lemmas = {t.lower_: t.lemma_ for t in doc}
    assert (lemmas["gon"], lemmas["na"]) == ("go", "to")
    assert [t.lemma_ for t in doc] == [t.lemma_ for t in stock(INFORMAL)]


def test_index_lists_answer_as_lists_and_still_serialise() -> None:
    """The lemma_index word lists answer ``in`` from a set, keep their items, and the tables still pack."""
    from claimgraph.nlp.lemmas import IndexList

    lem = load_nlp().get_pipe("lemmatizer")
    table = lem.lookups.get_table("lemma_index")
    words = table["noun"]
    assert isinstance(words, IndexList) and len(words) > 1000
    plain = list(words)
    for probe in (plain[0], plain[-1], plain[len(plain) // 2], "zzqx", "", "Dogs"):
        assert (probe in words) == (probe in plain)
    assert lem.lookups.to_bytes()  # msgpack still sees lists
