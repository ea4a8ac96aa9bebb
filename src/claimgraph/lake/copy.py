"""Bulk writes of collected rows: PostgreSQL ``COPY``, SQLite ``executemany`` in the batch's transaction.

On PostgreSQL a table's rows go in with one ``COPY ... FROM STDIN`` (psycopg's copy protocol: no
per-row statement, no per-row round trip). Tables where the writer skips rows already present
(``INSERT ... ON CONFLICT DO NOTHING``) are copied into a temporary table first and moved with one
``INSERT ... SELECT ... ON CONFLICT DO NOTHING``, which keeps the first row of a key as the writer
does. SQLite has no COPY; one prepared ``INSERT`` over all of a table's rows is its bulk path.
Values are converted by the table's own column types (JSON as text, bytes as bytea) so what is
stored reads back exactly as the writer's rows do.
"""

from __future__ import annotations

import json
from typing import Any

from sqlalchemy import JSON, Connection, LargeBinary, Table, insert
from sqlalchemy.dialects import sqlite

from ..store import schema as s


def write_rows(conn: Connection, rows: dict[str, list[dict[str, Any]]], ignore: set[str]) -> dict[str, int]:
    """Write every table's rows in foreign-key order; rows per table."""
    written = {}
    for table in s.metadata.sorted_tables:
        batch = rows.get(table.name)
        if not batch:
            continue
        if table.name in ignore:
            batch = _first_per_key(table, batch)
        if conn.dialect.name == "postgresql":
            _copy(conn, table, batch, table.name in ignore)
        else:
            stmt = sqlite.insert(table).on_conflict_do_nothing() if table.name in ignore else insert(table)
            conn.execute(stmt, batch)
        written[table.name] = len(batch)
    return written


def _first_per_key(table: Table, rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    keys = [c.name for c in table.primary_key.columns]
    seen: set[tuple] = set()
    out = []
    for r in rows:
        k = tuple(r.get(c) for c in keys)
        if k not in seen:
            seen.add(k)
            out.append(r)
    return out


def _converter(column) -> Any:
    if isinstance(column.type, JSON) or isinstance(getattr(column.type, "impl", None), JSON):
        return lambda v: None if v is None else json.dumps(v, ensure_ascii=False)
    if isinstance(column.type, LargeBinary):
        return lambda v: None if v is None else bytes(v)
    return None


def _copy(conn: Connection, table: Table, rows: list[dict[str, Any]], ignore: bool) -> None:
    """``COPY`` into ``table`` (or, when ``ignore``, into a temporary twin and on with ON CONFLICT DO NOTHING)."""
    columns = [c for c in table.columns if c.name in rows[0]]  # the writer's rows of a table share their keys
    names = ", ".join(f'"{c.name}"' for c in columns)
    convert = [_converter(c) for c in columns]
    raw = conn.connection.driver_connection
    target = f'"{table.name}"'
    with raw.cursor() as cur:
        if ignore:
            target = f'"_load_{table.name}"'
            cur.execute(f'CREATE TEMP TABLE IF NOT EXISTS {target} (LIKE "{table.name}") ON COMMIT DROP')
        with cur.copy(f"COPY {target} ({names}) FROM STDIN") as copy:
            for r in rows:
                values = (r.get(c.name) for c in columns)
                copy.write_row([v if f is None else f(v) for f, v in zip(convert, values, strict=True)])
        if ignore:
            cur.execute(f'INSERT INTO "{table.name}" ({names}) SELECT {names} FROM {target} ON CONFLICT DO NOTHING')
            cur.execute(f"TRUNCATE {target}")
