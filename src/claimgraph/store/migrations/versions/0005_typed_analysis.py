"""claims, quantities and signals as tables (issue #14)

Claims, quantities and every kind of credibility signal become tables with real columns
(``store/schema_analysis.py``); the JSON documents they were (``claims.data``, ``signals.data`` with
the quantities packed in, ``articles.quantities``) are converted row by row and dropped. The record
fields the old tables could not give back exactly get columns: ``documents.input_url``
(Document.url; ``url`` falls back to the page's), ``articles.publisher`` / ``publisher_domain`` (as
the article gave them; ``publishers`` keeps the first spelling seen) and ``attributions.targets_local`` /
``via_local`` (the article's own entity ids; ``targets`` holds KB ids). ``schema_version`` goes:
Alembic's ``alembic_version`` took its place (``store/migrate.py`` maps one onto the other).

The new tables and the conversion use ``schema_analysis`` and ``analysis_rows`` as they are at this
revision: a later change to those tables is a new revision, which must then freeze a copy here.

Revision ID: 0005
Revises: 0004
"""

from __future__ import annotations

from alembic import op
from sqlalchemy import JSON, Column, Connection, Integer, MetaData, String, Table, Text, bindparam, insert, select, text
from sqlalchemy.dialects.postgresql import JSONB

from claimgraph.model import Claim, Quantity, Signals
from claimgraph.model.serialize import from_data
from claimgraph.store import schema_analysis as typed
from claimgraph.store.analysis_rows import ArticleKeys, empty_rows, parts_rows, read_analysis

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None

Json = JSON().with_variant(JSONB(), "postgresql")
CHUNK = 500
NEW_COLUMNS = (
    ("documents", Column("input_url", Text)),
    ("articles", Column("publisher", Text)),
    ("articles", Column("publisher_domain", String(200))),
    ("attributions", Column("targets_local", Json)),
    ("attributions", Column("via_local", Json)),
)


def _old(claims_name: str = "claims_v4", signals_name: str = "signals") -> MetaData:
    """The JSON tables as revision 1 made them, under the names they have during the conversion."""
    md = MetaData()
    Table(
        claims_name,
        md,
        Column("document_id", String(80), primary_key=True),
        Column("idx", Integer, primary_key=True),
        Column("text", Text),
        Column("data", Json, nullable=False),
        sqlite_with_rowid=False,
    )
    Table(signals_name, md, Column("document_id", String(80), primary_key=True), Column("data", Json, nullable=False))
    Table(
        "articles",
        md,
        Column("document_id", String(80)),
        Column("quantities", Json),
        Column("published", String(40)),
        Column("publisher_id", String(200)),
    )
    Table(
        "article_entities",
        md,
        Column("document_id", String(80)),
        Column("local_id", String(20)),
        Column("entity_id", String(40)),
    )
    Table(
        "attributions",
        md,
        Column("document_id", String(80)),
        Column("local_id", String(20)),
        Column("targets", Json),
        Column("via", Json),
        Column("targets_local", Json),
        Column("via_local", Json),
    )
    return md


def _rename(bind: Connection, old: str, new: str) -> None:
    op.rename_table(old, new)
    if bind.dialect.name == "postgresql":  # the primary key's index keeps its name, which the new table needs
        bind.exec_driver_sql(f"ALTER INDEX {old}_pkey RENAME TO {new}_pkey")


def _document_chunks(bind: Connection):
    ids = bind.exec_driver_sql("SELECT document_id FROM articles ORDER BY document_id").scalars().all()
    for start in range(0, len(ids), CHUNK):
        yield ids[start : start + CHUNK]


def upgrade() -> None:
    bind = op.get_bind()
    for table, column in NEW_COLUMNS:
        op.add_column(table, column)
    _rename(bind, "claims", "claims_v4")
    typed.metadata.create_all(bind, tables=list(typed.TABLES))
    bind.exec_driver_sql(  # Document.url when it differs from the page's; where equal, it cannot be told apart
        "UPDATE documents SET input_url = url WHERE url IS NOT NULL AND NOT EXISTS "
        "(SELECT 1 FROM articles a WHERE a.document_id = documents.id AND a.url = documents.url)"
    )
    bind.exec_driver_sql(
        "UPDATE articles SET publisher = (SELECT p.name FROM publishers p WHERE p.id = articles.publisher_id), "
        "publisher_domain = (SELECT p.domain FROM publishers p WHERE p.id = articles.publisher_id)"
    )
    md = _old()
    for ids in _document_chunks(bind):
        kb_ids = _kb_ids(bind, md, ids)
        _local_targets(bind, md, ids, kb_ids)
        _convert(bind, md, ids, kb_ids)
    op.drop_table("claims_v4")
    op.drop_table("signals")
    bind.exec_driver_sql("ALTER TABLE articles DROP COLUMN quantities")
    bind.exec_driver_sql("DROP TABLE IF EXISTS schema_version")


def _kb_ids(bind: Connection, md: MetaData, ids: list[str]) -> dict[str, dict[str, str]]:
    ae = md.tables["article_entities"]
    out: dict[str, dict[str, str]] = {}
    for r in bind.execute(select(ae).where(ae.c.document_id.in_(ids))):
        out.setdefault(r.document_id, {})[r.local_id] = r.entity_id
    return out


def _local_targets(bind: Connection, md: MetaData, ids: list[str], kb_ids: dict[str, dict[str, str]]) -> None:
    """``targets_local``/``via_local`` from the KB ids: the article entity (first by id) linked to each."""
    from claimgraph.store.read import local_order

    t = md.tables["attributions"]
    updates = []
    for r in bind.execute(select(t).where(t.c.document_id.in_(ids))).all():
        local_of: dict[str, str] = {}
        for local, kb in sorted(kb_ids.get(r.document_id, {}).items(), key=lambda x: local_order(x[0])):
            local_of.setdefault(kb, local)
        updates.append(
            {
                "d": r.document_id,
                "l": r.local_id,
                "tl": [local_of.get(x, x) for x in r.targets or []],
                "vl": [local_of.get(x, x) for x in r.via or []],
            }
        )
    if updates:
        stmt = (
            t.update()
            .where(t.c.document_id == bindparam("d"), t.c.local_id == bindparam("l"))
            .values(targets_local=bindparam("tl"), via_local=bindparam("vl"))
        )
        bind.execute(stmt, updates)


def _rating(rating: dict | None) -> dict | None:
    """A rating as the last release stored it: a rated answer had no ``status`` (only "not rated" ones had it)."""
    if not isinstance(rating, dict) or "status" in rating:
        return rating
    return {"status": "rated" if rating.get("score") is not None or rating.get("domain") else "not rated", **rating}


def _with_status(value):
    """Every rating inside ``value`` (a ``rating`` or ``source_rating`` field, at any depth) with its ``status``."""
    if isinstance(value, list):
        return [_with_status(v) for v in value]
    if not isinstance(value, dict):
        return value
    return {k: _rating(v) if k in ("rating", "source_rating") else _with_status(v) for k, v in value.items()}


def _release_signals(data: dict) -> dict:
    """The last release's signals document in the claimgraph/1 shape (ratings gain their ``status``)."""
    return {**data, "source": _with_status(data["source"])} if isinstance(data.get("source"), dict) else data


def _convert(bind: Connection, md: MetaData, ids: list[str], kb_ids: dict[str, dict[str, str]]) -> None:
    claims, signals, articles = md.tables["claims_v4"], md.tables["signals"], md.tables["articles"]
    by_doc: dict[str, list] = {}
    for r in bind.execute(select(claims).where(claims.c.document_id.in_(ids)).order_by(claims.c.idx)):
        by_doc.setdefault(r.document_id, []).append(from_data(Claim, r.data))
    packed = {r.document_id: dict(r.data) for r in bind.execute(select(signals).where(signals.c.document_id.in_(ids)))}
    out = empty_rows()
    for a in bind.execute(select(articles).where(articles.c.document_id.in_(ids))).all():
        data = packed.get(a.document_id, {})
        quantities = [from_data(Quantity, q) for q in data.pop("quantities", None) or a.quantities or []]
        sig = from_data(Signals, _release_signals(data)) if data else None
        keys = ArticleKeys(a.document_id, a.publisher_id, a.published, kb_ids.get(a.document_id, {}))
        parts_rows(out, keys, by_doc.get(a.document_id, []), quantities, sig)
    for name, rows in out.items():
        if rows:
            bind.execute(insert(typed.metadata.tables[name]), rows)


def downgrade() -> None:
    """Back to revision 4's JSON documents (what the last release reads)."""
    bind = op.get_bind()
    md = _old("claims_json", "signals_json")
    md.tables["claims_json"].create(bind)
    md.tables["signals_json"].create(bind)
    op.add_column("articles", Column("quantities", Json))
    for ids in _document_chunks(bind):
        claims, signals, quantities = [], [], []
        for doc_id, parts in read_analysis(bind, ids).items():
            claims += [
                {"document_id": doc_id, "idx": i, "text": c["text"], "data": c} for i, c in enumerate(parts["claims"])
            ]
            if parts["signals"] or parts["quantities"]:
                signals.append(
                    {"document_id": doc_id, "data": {**(parts["signals"] or {}), "quantities": parts["quantities"]}}
                )
            quantities.append({"d": doc_id, "q": parts["quantities"]})
        if claims:
            bind.execute(insert(md.tables["claims_json"]), claims)
        if signals:
            bind.execute(insert(md.tables["signals_json"]), signals)
        a = md.tables["articles"]
        bind.execute(a.update().where(a.c.document_id == bindparam("d")).values(quantities=bindparam("q")), quantities)
    typed.metadata.drop_all(bind, tables=list(typed.TABLES))
    _rename(bind, "claims_json", "claims")
    _rename(bind, "signals_json", "signals")
    for table, column in NEW_COLUMNS:
        bind.exec_driver_sql(f"ALTER TABLE {table} DROP COLUMN {column.name}")
    _schema_version(bind)


def _schema_version(bind: Connection) -> None:
    """The last release's own record of its migrations, so its code opens the downgraded KB as its own."""
    bind.exec_driver_sql(
        "CREATE TABLE schema_version (version INTEGER PRIMARY KEY, name VARCHAR(100) NOT NULL, "
        "applied_at VARCHAR(40) NOT NULL)"
    )
    names = (
        "core tables",
        "full-text search",
        "entity read paths: dates copied, attribution targets, entity stats",
        "alias prefix index",
    )
    bind.execute(
        text("INSERT INTO schema_version (version, name, applied_at) VALUES (:v, :n, :at)"),
        [{"v": v, "n": n, "at": "1970-01-01T00:00:00+00:00"} for v, n in enumerate(names, 1)],
    )
