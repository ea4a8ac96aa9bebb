"""``claimgraph export --db kb.sqlite --what attributions|entities|articles|records|events|network --to out.EXT``.

``--what claim-clusters`` writes the claim clusters (one record a line in ``.jsonl``, one member a row otherwise).

Rows carry the record's field names (``query/export.py``). The format follows the extension:
``.jsonl`` (one object per row, nested as in the record), ``.csv`` (lists of plain values joined with
``|``, nested objects as JSON), ``.tsv`` (the same; ``--what events --to events.tsv`` is GDELT's event-table
column order, docs/events.md), ``.parquet`` (pyarrow, written in row groups so memory stays flat;
nested objects as JSON text) and, for the network, ``.graphml`` (networkx; Gephi opens it: nodes
carry name and type, edges stance and weight). ``records`` (whole claimgraph/1 records) is JSON Lines only.
"""

from __future__ import annotations

import csv
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Annotated, Any

import typer

from .app import app
from .db import Db, open_existing

FORMATS = (".jsonl", ".csv", ".tsv", ".parquet", ".graphml")
ROW_GROUP = 10_000


def _nested(value: Any) -> bool:
    return isinstance(value, dict) or (
        isinstance(value, list | tuple) and any(isinstance(v, list | tuple | dict) for v in value)
    )


def _flat(value: Any) -> Any:
    """A CSV cell: plain lists joined with ``|`` (None as empty), nested values as JSON."""
    if _nested(value):
        return json.dumps(value, ensure_ascii=False)
    if isinstance(value, list | tuple):
        return "|".join("" if v is None else str(v) for v in value)
    return value


def write_jsonl(rows: Iterator[dict[str, Any]], path: Path) -> int:
    n = 0
    with path.open("w", encoding="utf-8") as fh:
        for n, row in enumerate(rows, 1):  # noqa: B007  (n is the count written)
            fh.write(json.dumps(row, ensure_ascii=False, default=str) + "\n")
    return n


def write_csv(rows: Iterator[dict[str, Any]], path: Path) -> int:
    n = 0
    with path.open("w", encoding="utf-8", newline="") as fh:
        writer = None
        for n, row in enumerate(rows, 1):  # noqa: B007
            if writer is None:
                writer = csv.DictWriter(fh, fieldnames=list(row))
                writer.writeheader()
            writer.writerow({k: _flat(v) for k, v in row.items()})
    return n


def write_tsv(rows: Iterator[dict[str, Any]], path: Path, header: tuple[str, ...] = ()) -> int:
    """Tab-separated values with a header line (``header`` when no row comes); tabs and newlines in values
    become spaces, lists are joined with ``|``."""
    n = 0
    with path.open("w", encoding="utf-8", newline="") as fh:
        for n, row in enumerate(rows, 1):  # noqa: B007
            if n == 1:
                fh.write("\t".join(row) + "\n")
            cells = ("" if v is None else str(_flat(v)) for v in row.values())
            fh.write("\t".join(c.replace("\t", " ").replace("\n", " ") for c in cells) + "\n")
        if n == 0 and header:
            fh.write("\t".join(header) + "\n")
    return n


def write_parquet(rows: Iterator[dict[str, Any]], path: Path) -> int:
    import pyarrow as pa
    import pyarrow.parquet as pq

    n, batch, writer = 0, [], None
    nested: set[str] = set()  # columns written as JSON text, fixed by the first row group
    try:
        for row in rows:
            batch.append(row)
            n += 1
            if len(batch) >= ROW_GROUP:
                writer = _flush(batch, path, writer, nested, pa, pq)
        if batch or writer is None:
            writer = _flush(batch, path, writer, nested, pa, pq)
    finally:
        if writer is not None:
            writer.close()
    return n


def _widened(schema: Any, pa: Any) -> Any:
    """The first batch's schema with all-null columns (or lists of nothing) typed as text, so a later
    batch that has values in them still fits."""

    def widen(t: Any) -> Any:
        if pa.types.is_null(t):
            return pa.string()
        if pa.types.is_list(t) and pa.types.is_null(t.value_type):
            return pa.list_(pa.string())
        return t

    return pa.schema([pa.field(f.name, widen(f.type)) for f in schema])


def _flush(batch: list[dict[str, Any]], path: Path, writer: Any, nested: set[str], pa: Any, pq: Any) -> Any:
    """Write one row group; the first one decides which columns hold nested values (as JSON text)."""
    if writer is None:
        nested.update(k for row in batch for k, v in row.items() if _nested(v))
    rows = [{k: json.dumps(v, ensure_ascii=False) if k in nested else v for k, v in r.items()} for r in batch]
    table = pa.Table.from_pylist(rows, schema=writer.schema if writer is not None else None)
    if writer is None:
        table = table.cast(_widened(table.schema, pa))
        writer = pq.ParquetWriter(str(path), table.schema)
    writer.write_table(table)
    batch.clear()
    return writer


def write_graphml(conn: Any, path: Path) -> int:
    """The whole speaker -> target network as a directed multigraph (one edge per stance)."""
    import networkx as nx

    from ..query.common import entity_names
    from ..query.export import network_edges

    graph = nx.MultiDiGraph()
    edges = list(network_edges(conn))
    names = entity_names(conn, {e["source"] for e in edges} | {e["target"] for e in edges})
    for node in {e["source"] for e in edges} | {e["target"] for e in edges}:
        info = names.get(node) or {"name": node, "type": ""}
        graph.add_node(node, label=info["name"] or node, type=info["type"] or "")
    for e in edges:
        graph.add_edge(e["source"], e["target"], stance=e["stance"], weight=e["weight"])
    nx.write_graphml(graph, str(path))
    return len(edges)


def _header(what: str) -> tuple[str, ...]:
    """The header an empty TSV still gets (events: GDELT's columns)."""
    if what != "events":
        return ()
    from ..events.gdelt import COLUMNS

    return COLUMNS


@app.command()
def export(
    db: Db,
    what: Annotated[
        str,
        typer.Option("--what", help="attributions | entities | articles | records | events | network | claim-clusters"),
    ],
    to: Annotated[Path, typer.Option("--to", help="Output file: .jsonl, .csv, .tsv, .parquet or .graphml (network)")],
) -> None:
    """Export a table of the knowledge base (or the accusation network) for other tools."""
    from ..query import export as rows

    suffix = to.suffix.lower()
    if what == "claim-clusters":
        return _export_clusters(db, to, suffix)
    if what not in rows.WHAT:
        raise typer.BadParameter(f"--what must be one of {', '.join(rows.WHAT)}")
    if suffix not in FORMATS:
        raise typer.BadParameter(f"--to must end in one of {', '.join(FORMATS)}")
    if suffix == ".graphml" and what != "network":
        raise typer.BadParameter("GraphML holds a graph: use --what network")
    if what == "records" and suffix != ".jsonl":
        raise typer.BadParameter("whole records are nested: export them to .jsonl")
    engine = open_existing(db)
    with engine.connect() as conn:
        if suffix == ".graphml":
            n = write_graphml(conn, to)
        else:
            source = rows.network_edges(conn) if what == "network" else getattr(rows, what)(conn)
            if suffix == ".tsv":
                n = write_tsv(source, to, _header(what))
            else:
                n = {".jsonl": write_jsonl, ".csv": write_csv, ".parquet": write_parquet}[suffix](source, to)
    engine.dispose()
    typer.echo(f"{n} {what if what != 'network' else 'edges'} -> {to}", err=True)


def _export_clusters(db: str, to: Path, suffix: str) -> None:
    """Claim clusters: one cluster record a line in JSON Lines, one row a member in CSV and Parquet."""
    from ..query import claims

    if suffix not in (".jsonl", ".csv", ".parquet"):
        raise typer.BadParameter("claim clusters go to .jsonl, .csv or .parquet")
    engine = open_existing(db)
    with engine.connect() as conn:
        if suffix == ".jsonl":
            n = write_jsonl(claims.claim_clusters(conn), to)
        else:
            n = {".csv": write_csv, ".parquet": write_parquet}[suffix](claims.claim_member_rows(conn), to)
    engine.dispose()
    typer.echo(f"{n} {'clusters' if suffix == '.jsonl' else 'members'} -> {to}", err=True)
