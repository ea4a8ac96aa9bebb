"""The offline GeoNames gazetteer: loaded lazily, once per process, from ``data/gazetteer.txt.xz``.

The file (built by ``scripts/build_gazetteer.py``) holds ~272k places: countries, continents, first- and
second-level administrative divisions and every populated place of >= 500 people. In memory the columns are
NumPy arrays and the name index is a sorted array of 64-bit string hashes beside the row they point to, so the
whole table costs tens of MB rather than the hundreds a dict of Python strings would.
"""

from __future__ import annotations

import json
import lzma
import threading
from array import array
from dataclasses import dataclass
from functools import cached_property

import numpy as np

from claimgraph.datafiles import data_file
from claimgraph.memory import release_freed_memory
from claimgraph.places.normalize import norm

DATA = "gazetteer.txt.xz"
_LOCK = threading.Lock()
_GAZETTEER: Gazetteer | None = None

# GeoNames feature codes grouped the way the ranker sees them.
COUNTRY_CODES = frozenset({"PCLI", "PCLS", "PCLD", "PCLF", "PCL", "TERR"})
ADMIN_CODES = frozenset({"ADM1", "ADM2"})


@dataclass(frozen=True, slots=True)
class Row:
    """One gazetteer place, as the resolver reads it."""

    index: int
    geonameid: int
    name: str
    lat: float
    lon: float
    cc: str
    fcode: str
    admin1: str
    population: int


class Gazetteer:
    """Column arrays plus a hash index from normalised names (and alternates) to rows."""

    def __init__(self, columns: dict[str, str]) -> None:
        """Build from the file's column lines, one column at a time so no large list of strings lingers."""
        self.geonameid = np.cumsum(_numbers(columns.pop("geonameid_delta"), np.int64))
        self.lat = _numbers(columns.pop("lat"), np.float32)
        self.lon = _numbers(columns.pop("lon"), np.float32)
        self.population = _numbers(columns.pop("population"), np.int64)
        self.cc_table, self.cc = _codes(columns.pop("cc"))
        self.fcode_table, self.fcode = _codes(columns.pop("fcode"))
        self.admin1_table, self.admin1 = _codes(columns.pop("admin1"))
        self.admin2 = _row_of(self.geonameid, _numbers(columns.pop("admin2"), np.int64))
        self._names = columns.pop("name")
        self._offsets = _offsets(self._names)
        self._hashes, self._rows = _index(self._names, columns.pop("key"), columns.pop("alternates"))

    def __len__(self) -> int:
        return len(self.geonameid)

    def name(self, index: int) -> str:
        """The GeoNames name of the place at ``index`` (names live in one string, sliced on demand)."""
        return self._names[self._offsets[index] : self._offsets[index + 1] - 1]

    def lookup(self, text: str) -> list[int]:
        """Rows whose name or an alternate name has the same normal form as ``text``."""
        key = norm(text)
        if not key:
            return []
        h = hash(key)
        lo = int(np.searchsorted(self._hashes, h, side="left"))
        hi = int(np.searchsorted(self._hashes, h, side="right"))
        return [int(r) for r in self._rows[lo:hi]]

    def row(self, index: int) -> Row:
        """The place at ``index`` as a small record."""
        return Row(
            index=index,
            geonameid=int(self.geonameid[index]),
            name=self.name(index),
            lat=float(self.lat[index]),
            lon=float(self.lon[index]),
            cc=self.cc_table[self.cc[index]],
            fcode=self.fcode_table[self.fcode[index]],
            admin1=self.admin1_table[self.admin1[index]],
            population=int(self.population[index]),
        )

    def index_of(self, geonameid: int) -> int | None:
        """The row of a GeoNames id, None when this gazetteer does not hold it (e.g. a KB from another release)."""
        row = int(_row_of(self.geonameid, np.array([geonameid], dtype=np.int64))[0])
        return None if row < 0 else row

    @cached_property
    def countries(self) -> dict[str, int]:
        """ISO alpha-2 -> row of the country."""
        rows = np.flatnonzero(self.fcode == self.fcode_table.index("PCLI"))
        return {self.cc_table[self.cc[r]]: int(r) for r in rows}

    @cached_property
    def admin1_rows(self) -> dict[tuple[str, str], int]:
        """(ISO alpha-2, admin1 code) -> row of that first-level division."""
        rows = np.flatnonzero(self.fcode == self.fcode_table.index("ADM1"))
        return {(self.cc_table[self.cc[r]], self.admin1_table[self.admin1[r]]): int(r) for r in rows}


def _numbers(line: str, dtype: type) -> np.ndarray:
    """A tab-separated line of numbers parsed straight into an array (no per-value Python objects)."""
    return np.fromstring(line, dtype=np.float64, sep="\t").astype(dtype)


def _row_of(ids: np.ndarray, wanted: np.ndarray) -> np.ndarray:
    """Row index of each wanted geonameid (ids are sorted), -1 for 0 or an id not in the table."""
    pos = np.clip(np.searchsorted(ids, wanted), 0, len(ids) - 1)
    return np.where((wanted > 0) & (ids[pos] == wanted), pos, -1).astype(np.int32)


def _codes(line: str) -> tuple[list[str], np.ndarray]:
    """A short table of distinct values and one small integer per row."""
    values = line.split("\t")
    table = sorted(set(values))
    position = {v: i for i, v in enumerate(table)}
    dtype = np.uint8 if len(table) < 256 else np.uint16
    return table, np.fromiter((position[v] for v in values), dtype=dtype, count=len(values))


def _offsets(names: str) -> np.ndarray:
    """Start of every name in the tab-joined names string, plus one past the end."""
    ends = np.flatnonzero(np.frombuffer(names.encode("utf-32-le"), dtype=np.uint32) == ord("\t")) + 1
    return np.concatenate(([0], ends, [len(names) + 1])).astype(np.int64)


def _index(names: str, keys: str, alternates: str) -> tuple[np.ndarray, np.ndarray]:
    """Sorted hashes of every name key and alternate key, with the row each one names.

    A name's key is stored only where it is not simply the lower-cased name (the build script checks), which
    saves normalising 270k names at load. Python's string hash is fixed within a process, which is all an
    index built at load time needs.
    """
    hashes = array("q")
    rows = array("i")
    for i, (name, key, alts) in enumerate(zip(_fields(names), _fields(keys), _fields(alternates), strict=True)):
        hashes.append(hash(key or name.lower()))
        rows.append(i)
        for alt in alts.split("|") if alts else ():
            hashes.append(hash(alt))
            rows.append(i)
    h = np.frombuffer(hashes, dtype=np.int64)
    order = np.argsort(h, kind="stable")
    return h[order], np.frombuffer(rows, dtype=np.int32)[order]


def _fields(line: str):
    """The tab-separated fields of a long line, one at a time."""
    start = 0
    while True:
        end = line.find("\t", start)
        if end < 0:
            yield line[start:]
            return
        yield line[start:end]
        start = end + 1


def _read() -> dict[str, str]:
    """The packaged file's column lines (tab-separated values), by column name."""
    with lzma.open(data_file(DATA), "rt", encoding="utf-8") as fh:
        header = json.loads(fh.readline())
        return {name: fh.readline().rstrip("\n") for name in header["columns"]}


def load_gazetteer() -> Gazetteer:
    """The process-wide gazetteer, read on first use (about a second) and kept."""
    global _GAZETTEER
    if _GAZETTEER is None:
        with _LOCK:
            if _GAZETTEER is None:
                _GAZETTEER = Gazetteer(_read())
                release_freed_memory()  # the loader's scratch strings
    return _GAZETTEER
