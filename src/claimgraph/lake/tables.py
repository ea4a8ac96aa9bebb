"""The lake's tables: Arrow schemas derived from the ``claimgraph/1`` data classes, one row per item.

Why derived: the record's classes (``claimgraph.model``) are the one definition of every field, so the
Parquet columns cannot drift from the JSON records, the published schema or the knowledge base. Each
table flattens one list of the record (entities, mentions, attributions, ...) into rows keyed by
``document_id`` (mentions also by the article-local ``entity_id``); nested objects (spans, cues, ratings)
stay Arrow structs, which DuckDB, pandas and Spark read as such. Workers write these schemas,
``claimgraph load`` reads them: both import them from here.

Type mapping: ``str``/``Literal`` -> string, ``int`` -> int64, ``float`` -> float64, ``bool``, ``bytes`` ->
binary, ``X | None`` -> nullable X, ``list[T]``/``tuple[...]`` -> list, ``dict[str, T]`` -> map, a data class
-> struct, ``Any`` -> JSON text.
"""

from __future__ import annotations

import dataclasses
import types
import typing
from dataclasses import dataclass, field
from functools import cache
from typing import Any, Literal

import pyarrow as pa

from ..model import (
    Article,
    Attribution,
    Claim,
    Document,
    Entity,
    Event,
    Hedge,
    Mention,
    Place,
    PropagandaSpan,
    Quantity,
    SignalSummary,
    SourceAssessment,
    UnattributedAssertion,
)

LAKE_FORMAT = "claimgraph-lake/1"
JSON_TEXT = pa.string()  # ``Any`` (free-form metadata) is stored as JSON text


def _non_none(args: tuple) -> list:
    return [a for a in args if a is not type(None)]


def arrow_type(hint: Any) -> pa.DataType:
    """The Arrow type of one resolved type hint (see the module docstring for the mapping)."""
    origin = typing.get_origin(hint)
    if hint is Any:
        return JSON_TEXT
    if origin in (typing.Union, types.UnionType):
        inner = _non_none(typing.get_args(hint))
        if len(inner) != 1:
            raise TypeError(f"no Arrow type for the union {hint}")
        return arrow_type(inner[0])
    if origin is Literal or hint is str:
        return pa.string()
    if origin in (list, tuple):
        args = [a for a in typing.get_args(hint) if a is not Ellipsis]
        return pa.list_(arrow_type(args[0]))
    if origin is dict:
        key, value = typing.get_args(hint)
        if value is Any:
            return JSON_TEXT
        return pa.map_(arrow_type(key), arrow_type(value))
    if dataclasses.is_dataclass(hint):
        return pa.struct(class_fields(hint))
    simple = {int: pa.int64(), float: pa.float64(), bool: pa.bool_(), bytes: pa.binary()}
    if hint in simple:
        return simple[hint]
    raise TypeError(f"no Arrow type for {hint!r}")


@cache
def _hints(cls: type) -> dict[str, Any]:
    return typing.get_type_hints(cls)


def class_fields(cls: type, exclude: tuple[str, ...] = ()) -> list[pa.Field]:
    """One Arrow field per data-class field, in declaration order."""
    hints = _hints(cls)
    return [pa.field(f.name, arrow_type(hints[f.name])) for f in dataclasses.fields(cls) if f.name not in exclude]


@dataclass(frozen=True, slots=True)
class Table:
    """One lake table: leading key columns, then the fields of ``cls`` (minus ``exclude``), then ``extra``."""

    name: str
    keys: tuple[tuple[str, pa.DataType], ...]
    cls: type | None = None
    exclude: tuple[str, ...] = ()
    extra: tuple[tuple[str, pa.DataType], ...] = field(default=())

    @property
    def schema(self) -> pa.Schema:
        return _schema(self)


@cache
def _schema(table: Table) -> pa.Schema:
    cols = [pa.field(n, t) for n, t in table.keys]
    if table.cls is not None:
        cols += class_fields(table.cls, table.exclude)
    cols += [pa.field(n, t) for n, t in table.extra]
    return pa.schema(cols)


DOC = (("document_id", pa.string()),)
SPANS = pa.list_(pa.list_(pa.int64()))

TABLES: dict[str, Table] = {
    t.name: t
    for t in (
        # one row per input item that became a document, in input order within its task (``seq``)
        Table(
            "documents",
            (("document_id", pa.string()), ("task", pa.string()), ("seq", pa.int64())),
            Document,
            exclude=("id",),
            extra=(
                ("input_source", pa.string()),  # the ingest key, as in the knowledge base's ingest_progress
                ("input_position", pa.string()),
                ("meta", JSON_TEXT),  # the corpus record's own metadata (RawDocument.metadata)
                ("minhash", pa.binary()),  # MinHash of the body's word shingles (republication), or null
            ),
        ),
        Table("articles", DOC, Article, extra=(("sentences", SPANS),)),
        Table("entities", DOC, Entity, exclude=("mentions",)),
        Table("mentions", (*DOC, ("entity_id", pa.string())), Mention),  # entity_id: the article-local "e1"
        Table("attributions", DOC, Attribution),
        Table("claims", DOC, Claim),
        Table("quantities", DOC, Quantity),
        Table("places", DOC, Place),
        Table("events", DOC, Event),
        # Signals, one table per list; ``hedges.list`` says which list (hedges | anonymous_sources | vague_sources)
        Table("hedges", (*DOC, ("list", pa.string())), Hedge),
        Table("unattributed", DOC, UnattributedAssertion),
        Table("propaganda", DOC, PropagandaSpan),
        Table("signals", DOC, SignalSummary, extra=(("source", arrow_type(SourceAssessment | None)),)),
        # one row per input item that failed (ErrorRecord flattened), in input order within its task
        Table(
            "errors",
            (("task", pa.string()), ("seq", pa.int64())),
            None,
            extra=(("source", pa.string()), ("position", pa.string()), ("type", pa.string()), ("message", pa.string())),
        ),
    )
}
HEDGE_LISTS = ("hedges", "anonymous_sources", "vague_sources")


def empty_rows() -> dict[str, list[dict[str, Any]]]:
    return {name: [] for name in TABLES}


def to_arrow(name: str, rows: list[dict[str, Any]]) -> pa.Table:
    """Rows (JSON-ready dicts, maps as dicts) as an Arrow table of the lake schema of ``name``."""
    schema = TABLES[name].schema
    return pa.Table.from_pylist([_encode_row(r, schema) for r in rows], schema=schema)


def _encode_row(row: dict[str, Any], schema: pa.Schema) -> dict[str, Any]:
    return {f.name: _encode(row.get(f.name), f.type) for f in schema}


def _encode(value: Any, typ: pa.DataType) -> Any:
    """Maps as (key, value) pairs, JSON text for free-form values, recursively through structs and lists."""
    if value is None:
        return None
    if pa.types.is_map(typ):
        return [(k, _encode(v, typ.item_type)) for k, v in value.items()]
    if pa.types.is_struct(typ):
        return {f.name: _encode(value.get(f.name), f.type) for f in typ}
    if pa.types.is_list(typ):
        return [_encode(v, typ.value_type) for v in value]
    if typ == JSON_TEXT and not isinstance(value, str):
        import json

        return json.dumps(value, ensure_ascii=False, sort_keys=True)
    return value


def decode(value: Any, typ: pa.DataType) -> Any:
    """Inverse of the encoding: a value read from Parquet back to JSON-ready data (maps as dicts)."""
    if value is None:
        return None
    if pa.types.is_map(typ):
        return {k: decode(v, typ.item_type) for k, v in value}
    if pa.types.is_struct(typ):
        return {f.name: decode(value.get(f.name), f.type) for f in typ}
    if pa.types.is_list(typ):
        return [decode(v, typ.value_type) for v in value]
    return value


def _has_map(typ: pa.DataType) -> bool:
    if pa.types.is_map(typ):
        return True
    if pa.types.is_struct(typ):
        return any(_has_map(f.type) for f in typ)
    return pa.types.is_list(typ) and _has_map(typ.value_type)


def read_rows(table: pa.Table) -> list[dict[str, Any]]:
    """Rows of a lake table as JSON-ready dicts (only columns holding a map need decoding: Arrow gives pairs)."""
    rows = table.to_pylist()
    mapped = [f for f in table.schema if _has_map(f.type)]
    for r in rows:
        for f in mapped:
            r[f.name] = decode(r[f.name], f.type)
    return rows
