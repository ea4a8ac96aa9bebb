"""The attribute ruler, applied per distinct token instead of through the Matcher for every token.

spaCy's attribute ruler runs a Matcher of ~180 patterns over every Doc and then builds a ``Span`` and a
``Token`` per match to set POS/MORPH/LEMMA (nearly every token matches a tag-map rule). A one-token
pattern's outcome depends only on the token's TAG, LOWER, DEP and IS_SPACE, so :func:`memoise_ruler`
evaluates the one-token patterns once per distinct such key (with the ruler's own Matcher on a one-token
probe Doc), runs only the few multi-token patterns through a Matcher per Doc, merges each token's
matches in the ruler's own order (by pattern id; later rules win) and writes the columns back with one
``from_array``. Every value written is one the ruler itself would write, in the order it would write it.
"""

from __future__ import annotations

import re
from typing import Any

import numpy as np
from spacy.attrs import DEP, IS_SPACE, LEMMA, LOWER, MORPH, POS, TAG
from spacy.matcher import Matcher
from spacy.tokens import Doc

_KEY = [TAG, LOWER, DEP, IS_SPACE]
_OUT = [POS, TAG, MORPH, LEMMA, DEP]
_KEY_NAMES = {"TAG", "LOWER", "DEP", "IS_SPACE"}  # what a one-token pattern may test for the key to decide it
MAX_MEMO = 500_000  # distinct (TAG, LOWER, DEP, IS_SPACE) keys kept; cleared when full


class _Memo:
    """The ruler's patterns split by length, and the one-token outcome of each key seen so far."""

    def __init__(self, ruler: Any) -> None:
        self.ruler, vocab = ruler, ruler.vocab
        self.single, self.multi = Matcher(vocab), Matcher(vocab)
        for n, pattern in enumerate(ruler.patterns):
            (self.single if all(len(p) == 1 for p in pattern["patterns"]) else self.multi).add(
                str(n), pattern["patterns"]
            )
        self.has_multi = len(self.multi) > 0
        self.columns = {attr: k for k, attr in enumerate(_OUT)}
        self.outcomes: dict[tuple[int, ...], tuple[int, ...]] = {}
        self.words, self.regexes, self.any_word = _word_tests(ruler.patterns, vocab)
        self.interned: dict[tuple[int, ...], tuple[int, ...]] = {}

    def named(self, lower: int) -> bool:
        """Whether a one-token pattern tests this word (else the outcome does not depend on which word it is)."""
        if self.any_word or lower in self.words:
            return True
        return bool(self.regexes) and any(r.search(self.ruler.vocab.strings[lower]) for r in self.regexes)

    def singles(self, tag: int, lower: int, dep: int, space: int) -> tuple[int, ...]:
        """Pattern ids of the one-token patterns that match a token with these values, in the ruler's order.

        The memo key drops the word unless a pattern names it, so it holds about one entry per
        (tag, dep) pair plus the few named words, however many distinct words the documents bring.
        """
        key = (tag, lower if self.named(lower) else 0, dep, space)
        found = self.outcomes.get(key)
        if found is None:
            if len(self.outcomes) > MAX_MEMO:
                self.outcomes.clear()
            found = self._probe(tag, lower, dep)
            found = self.outcomes[key] = self.interned.setdefault(found, found)
        return found

    def _probe(self, tag: int, lower: int, dep: int) -> tuple[int, ...]:
        vocab = self.ruler.vocab
        probe = Doc(vocab, words=[vocab.strings[lower]], spaces=[False])
        probe.from_array([TAG, DEP], np.array([[tag, dep]], dtype=np.uint64))
        matches = self.single(probe, allow_missing=True, as_spans=False)
        return tuple(sorted(int(vocab.strings[m]) for m, _, _ in matches))

    def merged(self, ids: list[int] | tuple[int, ...], row: list[int]) -> None:
        """Apply the attrs of patterns ``ids`` (sorted) to one token's output ``row``, later ones winning."""
        for n in ids:
            for attr, value in self.ruler.attrs[n].items():
                col = self.columns.get(attr)
                if col is None:
                    raise KeyError(attr)  # an attribute this fast path does not write: use the stock ruler
                row[col] = value


def _memoised_call(self: Any, doc: Any) -> Any:
    """The ruler's annotations for ``doc``; the stock path if a pattern writes an attribute not handled here."""
    memo: _Memo = self._claimgraph_memo
    if not len(doc):
        return doc
    keys = doc.to_array(_KEY).tolist()
    out = doc.to_array(_OUT)
    rows = out.tolist()
    extra: dict[int, list[int]] = {}
    if memo.has_multi:
        for m, start, end in memo.multi(doc, allow_missing=True, as_spans=False):
            n = int(self.vocab.strings[m])
            index = self.indices[n]  # the ruler's index into the match; negative counts from its end
            token = (start if index >= 0 else end) + index
            extra.setdefault(token, []).append(n)
    try:
        for i, key in enumerate(keys):
            ids = memo.singles(*key)
            if i in extra:
                ids = sorted([*ids, *extra[i]])
            if ids:
                memo.merged(ids, rows[i])
    except KeyError:
        return type(self).__mro__[1].__call__(self, doc)
    doc.from_array(_OUT, np.array(rows, dtype=np.uint64))
    return doc


def _word_tests(patterns: list[dict], vocab: Any) -> tuple[set[int], list[re.Pattern], bool]:
    """The LOWER values the one-token patterns test: named words (hashes), regexes, and whether any other test
    (``NOT_IN``, a comparison) makes every word matter."""
    words: set[int] = set()
    regexes: list[re.Pattern] = []
    any_word = False
    for pattern in patterns:
        for p in pattern["patterns"]:
            value = p[0].get("LOWER", p[0].get("lower")) if len(p) == 1 else None
            if value is None:
                continue
            if isinstance(value, str):
                words.add(vocab.strings.add(value))
            elif isinstance(value, dict) and set(value) <= {"IN", "REGEX"}:
                words.update(vocab.strings.add(w) for w in value.get("IN", []))
                if "REGEX" in value:
                    regexes.append(re.compile(value["REGEX"]))
            else:
                any_word = True
    return words, regexes, any_word


def _keyed(pattern: dict) -> bool:
    """Whether the key decides this pattern: multi-token (matched per Doc) or testing only TAG/LOWER/DEP/IS_SPACE."""
    if "_" in pattern.get("attrs", {}):
        return False
    tokens = [t for p in pattern["patterns"] if len(p) == 1 for t in p]
    return all(set(map(str.upper, t)) <= _KEY_NAMES for t in tokens)


def memoise_ruler(nlp: Any, name: str = "attribute_ruler") -> None:
    """Give the attribute ruler ``name`` of ``nlp`` the per-key ``__call__`` (a no-op if there is none)."""
    if name not in nlp.pipe_names:
        return
    ruler = nlp.get_pipe(name)
    if hasattr(ruler, "_claimgraph_memo") or not all(map(_keyed, ruler.patterns)):
        return
    ruler._claimgraph_memo = _Memo(ruler)
    ruler.__class__ = type(f"Memoised{type(ruler).__name__}", (type(ruler),), {"__call__": _memoised_call})
