"""Static word vectors distilled from all-MiniLM-L6-v2 (model2vec), read with NumPy only.

The file ``data/static_embeddings.npz`` (built by ``scripts/distill_static_embeddings.py``,
which alone needs torch) holds one float16 vector per WordPiece token of the
transformer's uncased vocabulary. A word's vector is the mean of the vectors of
its WordPiece pieces (BERT's greedy longest-match, lower-cased, accents
stripped), L2-normalised; it is computed once per distinct word and cached for
the process. No torch, no tokenizers package, nothing downloaded at run time.
"""

from __future__ import annotations

import threading
import unicodedata
from collections.abc import Sequence
from functools import lru_cache
from pathlib import Path

import numpy as np

from .datafiles import BUILT_BY, DATA_DIR, require

EMBEDDINGS_PATH = DATA_DIR / "static_embeddings.npz"
_MAX_CACHE = 200_000


def _strip_accents(s: str) -> str:
    if s.isascii():
        return s
    return "".join(c for c in unicodedata.normalize("NFD", s) if unicodedata.category(c) != "Mn")


def _is_punct(c: str) -> bool:
    o = ord(c)
    if 33 <= o <= 47 or 58 <= o <= 64 or 91 <= o <= 96 or 123 <= o <= 126:
        return True
    return unicodedata.category(c).startswith("P")


class StaticEmbeddings:
    """Word → unit vector lookup over a WordPiece vocabulary of static vectors."""

    def __init__(self, tokens: Sequence[str], vectors: np.ndarray):
        self.vocab = {t: i for i, t in enumerate(tokens)}
        self.vectors = np.asarray(vectors, dtype=np.float32)
        self.dim = int(self.vectors.shape[1])
        self._unk = self.vocab.get("[UNK]")
        self._cache: dict[str, np.ndarray] = {}
        self._zero = np.zeros(self.dim, dtype=np.float32)
        self._lock = threading.Lock()

    @classmethod
    def load(cls, path: str | Path = EMBEDDINGS_PATH) -> StaticEmbeddings:
        with np.load(path, allow_pickle=False) as z:
            return cls([str(t) for t in z["tokens"]], z["vectors"])

    def pieces(self, word: str) -> list[int]:
        """WordPiece ids of one word (BERT uncased: lower-case, strip accents, split punctuation, longest match)."""
        w = _strip_accents(word.lower())
        chunks: list[str] = []
        cur = ""
        for c in w:
            if c.isspace():
                if cur:
                    chunks.append(cur)
                cur = ""
            elif _is_punct(c):
                if cur:
                    chunks.append(cur)
                chunks.append(c)
                cur = ""
            else:
                cur += c
        if cur:
            chunks.append(cur)
        ids: list[int] = []
        for ch in chunks:
            if len(ch) > 100:
                continue
            start, sub = 0, []
            while start < len(ch):
                end = len(ch)
                found = None
                while start < end:
                    piece = ch[start:end] if start == 0 else "##" + ch[start:end]
                    found = self.vocab.get(piece)
                    if found is not None:
                        break
                    end -= 1
                if found is None:
                    sub = []
                    break
                sub.append(found)
                start = end
            ids.extend(sub)
        return ids

    def word(self, word: str) -> np.ndarray:
        """Unit-length vector of ``word`` (zeros if none of it is in the vocabulary)."""
        v = self._cache.get(word)
        if v is not None:
            return v
        ids = self.pieces(word)
        if ids:
            v = self.vectors[ids].mean(axis=0)
            n = float(np.linalg.norm(v))
            v = v / n if n > 0 else self._zero
        else:
            v = self._zero
        with self._lock:
            if len(self._cache) >= _MAX_CACHE:
                self._cache.clear()
            self._cache[word] = v
        return v

    def words(self, words: Sequence[str]) -> np.ndarray:
        """(len(words), dim) float32 matrix of unit word vectors."""
        if not words:
            return np.zeros((0, self.dim), dtype=np.float32)
        uniq: dict[str, int] = {}
        rows = [uniq.setdefault(w, len(uniq)) for w in words]
        table = np.stack([self.word(w) for w in uniq])
        return table[rows]


@lru_cache(maxsize=2)
def load_embeddings(path: str | None = None) -> StaticEmbeddings:
    """The packaged static vectors, loaded once per process."""
    return StaticEmbeddings.load(require(path or EMBEDDINGS_PATH, BUILT_BY[EMBEDDINGS_PATH.name]))
