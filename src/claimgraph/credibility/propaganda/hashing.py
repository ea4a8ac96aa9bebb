"""Feature hashing without scikit-learn at run time: the same matrix as its ``FeatureHasher``.

The propaganda model's features were hashed with scikit-learn's ``FeatureHasher(input_type="string",
alternate_sign=False)``: MurmurHash3 (32-bit, signed, seed 0) of each UTF-8 feature string, column
``abs(h) % n_features``, value 1, duplicates summed. Importing scikit-learn to do that costs about
130 MB resident per worker (it pulls in most of SciPy); the ``murmurhash`` package that spaCy already
depends on gives the same hash, so :class:`Hasher` builds the identical CSR matrix with SciPy's sparse
module alone. ``tests/test_propaganda_hashing.py`` checks it against scikit-learn on real features.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

import numpy as np
from murmurhash.mrmr import hash as murmur32

_INT32_MIN = -(2**31)
_CACHE_LIMIT = 1 << 18  # feature strings whose column is remembered; cleared when full


class Hasher:
    """``FeatureHasher(n_features, input_type="string", alternate_sign=False, dtype=float32)``'s transform."""

    def __init__(self, n_features: int) -> None:
        self.n_features = n_features
        self._columns: dict[str, int] = {}

    def column(self, feature: str) -> int:
        """The column of one feature string (scikit-learn's rule, including its INT32_MIN case)."""
        col = self._columns.get(feature)
        if col is None:
            h = murmur32(feature)
            col = (2**31 - 1 - (self.n_features - 1)) % self.n_features if h == _INT32_MIN else abs(h) % self.n_features
            if len(self._columns) >= _CACHE_LIMIT:
                self._columns.clear()
            self._columns[feature] = col
        return col

    def transform(self, rows: Iterable[Sequence[str]]):
        """One CSR row per feature list: the count of each hashed column, indices sorted."""
        from scipy.sparse import csr_matrix

        indices: list[int] = []
        indptr = [0]
        get, column = self._columns.get, self.column
        for feats in rows:
            indices += [c if (c := get(f)) is not None else column(f) for f in feats]
            indptr.append(len(indices))
        if len(indptr) == 1:
            raise ValueError("Cannot vectorize empty sequence.")
        values = np.ones(len(indices), dtype=np.float32)
        X = csr_matrix(
            (values, np.asarray(indices, dtype=np.int32), np.asarray(indptr, dtype=np.int32)),
            shape=(len(indptr) - 1, self.n_features),
            dtype=np.float32,
        )
        X.sum_duplicates()
        return X
