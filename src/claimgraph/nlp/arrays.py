"""Per-document token attributes read once from ``doc.to_array`` and shared by the stages that need them.

Iterating a ``Doc`` builds a Python ``Token`` per token and every ``tok.tag_`` is a string-store lookup;
stages that read a handful of attributes of every token (check-worthiness features, cue pre-filters)
spend more time there than in their own logic. :func:`token_rows` builds plain records once per ``Doc``
(one column read, one string lookup per distinct value) and keeps only the last document's, so the cache
is bounded to one ``Doc`` and is rebuilt when the stages move to the next.
"""

from __future__ import annotations

from typing import Any, NamedTuple

from spacy.attrs import ENT_IOB, ENT_TYPE, IS_SPACE, LEMMA, LIKE_NUM, LOWER, POS, TAG

_COLUMNS = [TAG, POS, ENT_TYPE, ENT_IOB, LEMMA, LOWER, IS_SPACE, LIKE_NUM]
_IOB = ("", "I", "O", "B")


class Row(NamedTuple):
    """The attributes of one token, under the names ``Token`` gives them (so features take either)."""

    i: int
    tag_: str
    pos_: str
    ent_type_: str
    ent_iob_: str
    lemma_: str
    lower_: str
    is_space: bool
    like_num: bool


_last: list[Any] = [None, [], 0]  # the Doc, its rows, its length when they were read


def _strings(column: Any, store: Any) -> list[str]:
    """The strings of one hash column, each distinct hash looked up once."""
    names = {h: store[h] for h in set(column.tolist())}
    return [names[h] for h in column.tolist()]


def token_rows(doc: Any) -> list[Row]:
    """One :class:`Row` per token of ``doc``, cached for the most recent document."""
    if _last[0] is doc and _last[2] == len(doc):
        return _last[1]
    rows: list[Row] = []
    if len(doc):
        arr = doc.to_array(_COLUMNS)
        store = doc.vocab.strings
        tag, pos, ent, _, lemma, lower = (_strings(arr[:, k], store) for k in (0, 1, 2, 3, 4, 5))
        iob = [_IOB[v] for v in arr[:, 3].tolist()]
        space, num = (arr[:, 6] != 0).tolist(), (arr[:, 7] != 0).tolist()
        rows = [Row(*r) for r in zip(range(len(doc)), tag, pos, ent, iob, lemma, lower, space, num, strict=True)]
    _last[:] = [doc, rows, len(doc)]
    return rows


_text: list[Any] = [None, ""]  # the last Doc whose text was read, and that text


def doc_text(doc: Any) -> str:
    """``doc.text``, rebuilt once per Doc (spaCy joins every token's text on each access; a dozen stages read it).

    Only the most recent Doc is kept: the stages run one document at a time, and a Doc's text never changes.
    """
    if _text[0] is not doc:
        _text[:] = [doc, doc.text]
    return _text[1]
