"""The rule lemmatizer, one lemma per distinct (word, POS, morphology) instead of per token.

spaCy's rule lemmatizer builds a Python ``Token`` per token and re-runs its rules for every token its own
cache does not keep (base forms, spaces); the lemma is a function of the token's ORTH, POS and MORPH
only, so :func:`memoise_lemmatizer` reads those three columns with one ``to_array``, computes each
distinct triple once per process and writes the LEMMA column back with one ``from_array``. The lemmas
are the lemmatizer's own (it is called for every new triple), so the annotations are unchanged.

Each new triple still costs the rules a membership test per candidate form against the ``lemma_index``
word lists (58k nouns: ~0.8 ms a test as a list scan); :class:`IndexList` keeps the same list and answers
``in`` from a frozenset of it, so a miss costs microseconds and the tables still serialise as lists.
"""

from __future__ import annotations

from typing import Any

from spacy.attrs import LEMMA, MORPH, ORTH, POS

_COLUMNS = [ORTH, POS, MORPH, LEMMA]
MAX_MEMO = 500_000  # distinct (word, POS, morphology) triples kept; cleared when full (a bound, not a leak)


class IndexList(list):
    """A ``lemma_index`` word list whose ``in`` is a set lookup (same items, same order, same answers)."""

    def __init__(self, items: Any = ()) -> None:
        super().__init__(items)
        self._members = frozenset(self)

    def __contains__(self, item: object) -> bool:
        return item in self._members


def _fast_index(lem: Any) -> None:
    """Swap the lemmatizer's ``lemma_index`` lists for :class:`IndexList` copies (read-only tables)."""
    if not lem.lookups.has_table("lemma_index"):
        return
    table = lem.lookups.get_table("lemma_index")
    for key in list(table.keys()):
        if isinstance(table[key], list) and not isinstance(table[key], IndexList):
            table[key] = IndexList(table[key])


def _memoised_call(self: Any, doc: Any) -> Any:
    """Lemmas of ``doc`` from the memo; the lemmatizer's rules only for triples not seen yet."""
    if not len(doc):
        return doc
    arr = doc.to_array(_COLUMNS)
    lemmas = arr[:, 3]
    memo, strings = self._claimgraph_memo, doc.vocab.strings
    if len(memo) > MAX_MEMO:
        memo.clear()
    for i, (orth, pos, morph, lemma) in enumerate(arr.tolist()):
        if lemma:
            continue
        key = (orth << 128) | (pos << 64) | morph  # one int, not a tuple of three: a third of the memory
        found = memo.get(key)
        if found is None:
            found = memo[key] = strings.add(self.lemmatize(doc[i])[0])
        lemmas[i] = found
    doc.from_array([LEMMA], lemmas.reshape(-1, 1))
    return doc


def memoise_lemmatizer(nlp: Any, name: str = "lemmatizer") -> None:
    """Give the rule lemmatizer ``name`` of ``nlp`` the memoised ``__call__`` (a no-op for other kinds)."""
    if name not in nlp.pipe_names:
        return
    lem = nlp.get_pipe(name)
    if getattr(lem, "mode", None) != "rule" or getattr(lem, "overwrite", True) or hasattr(lem, "_claimgraph_memo"):
        return
    if not lem._validated:
        lem._validate_tables()
    _fast_index(lem)
    lem._claimgraph_memo = {}
    lem.__class__ = type(f"Memoised{type(lem).__name__}", (type(lem),), {"__call__": _memoised_call})
