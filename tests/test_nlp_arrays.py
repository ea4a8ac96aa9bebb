"""token_rows must read exactly what spaCy's Token attributes give, on real text."""

from claimgraph.nlp import load_nlp
from claimgraph.nlp.arrays import doc_text, token_rows

TEXT = (
    "The mayor of Paris, Anne Hidalgo, said on Tuesday that 3,000 more bikes would cost $5 million.\n\n"
    "  Critics   were unconvinced: “We have heard this before,” one of them told Reuters."
)


def test_rows_match_token_attributes():
    doc = load_nlp()(TEXT)
    rows = token_rows(doc)
    assert len(rows) == len(doc)
    for tok, row in zip(doc, rows, strict=True):
        expected = (tok.i, tok.tag_, tok.pos_, tok.ent_type_, tok.ent_iob_, tok.lemma_, tok.lower_)
        assert tuple(row)[:7] == expected
        assert (row.is_space, row.like_num) == (tok.is_space, tok.like_num)


def test_cache_follows_the_document():
    nlp = load_nlp()
    first, second = nlp("One short sentence."), nlp("Another, rather longer, sentence here.")
    assert [r.lower_ for r in token_rows(first)] == [t.lower_ for t in first]
    assert [r.lower_ for r in token_rows(second)] == [t.lower_ for t in second]
    assert token_rows(nlp("")) == []


def test_doc_text_is_the_text_of_each_document():
    nlp = load_nlp()
    first, second = nlp(TEXT), nlp("Another, rather longer, sentence here.")
    assert doc_text(first) == TEXT and doc_text(second) == second.text
    assert doc_text(first) == TEXT  # back to the first Doc: its own text, not the cached one
