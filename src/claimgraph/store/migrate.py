"""Bring a knowledge base's schema up to date with Alembic, on open, with no alembic.ini.

The revisions live in ``store/migrations/versions`` (installed with the package) and run on the
engine's own connection in one transaction. A KB written before Alembic (the last release kept a
``schema_version`` table of numbered migrations 1-4) is first stamped with the revision its highest
number maps to (``0001``-``0004``, the same steps carried over), then upgraded like any other.
"""

from __future__ import annotations

from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Connection, Engine, inspect

SCRIPTS = Path(__file__).resolve().parent / "migrations"
MIGRATE_LOCK = 7244103  # PostgreSQL advisory lock: two processes opening a new KB at once
LATEST = "0008"  # the head revision (a test checks it against the scripts)


def _config(conn: Connection) -> Config:
    cfg = Config()
    cfg.set_main_option("script_location", str(SCRIPTS))
    cfg.attributes["connection"] = conn
    return cfg


def head() -> str:
    return ScriptDirectory(str(SCRIPTS)).get_current_head()


def current_version(conn: Connection) -> str:
    """The revision a KB is at: Alembic's, else the pre-Alembic ``schema_version`` mapped, else ``""`` (empty)."""
    revision = MigrationContext.configure(conn).get_current_revision()
    if revision:
        return revision
    legacy = _legacy_version(conn)
    return f"{legacy:04d}" if legacy else ""


def _legacy_version(conn: Connection) -> int:
    if not inspect(conn).has_table("schema_version"):
        return 0
    return conn.exec_driver_sql("SELECT max(version) FROM schema_version").scalar() or 0


def _adopt_legacy(conn: Connection) -> None:
    """Stamp a pre-Alembic KB with the revision its numbered migrations reached."""
    with conn.begin():
        if MigrationContext.configure(conn).get_current_revision() is None and (legacy := _legacy_version(conn)):
            MigrationContext.configure(conn).stamp(ScriptDirectory(str(SCRIPTS)), f"{legacy:04d}")


def migrate(engine: Engine, revision: str = "head") -> str:
    """Apply every pending revision (up to ``revision``); returns the revision now in force."""
    with engine.connect().execution_options(writer=True) as conn:
        pg = conn.dialect.name == "postgresql"
        if pg:
            conn.exec_driver_sql(f"SELECT pg_advisory_lock({MIGRATE_LOCK})")
            conn.commit()
        try:
            _adopt_legacy(conn)
            command.upgrade(_config(conn), revision)
            return current_version(conn)
        finally:
            if pg:
                conn.rollback()
                conn.exec_driver_sql(f"SELECT pg_advisory_unlock({MIGRATE_LOCK})")
                conn.commit()


def downgrade(engine: Engine, revision: str) -> str:
    """Undo revisions down to ``revision`` (``"0004"`` is the last release's schema); returns it."""
    with engine.connect().execution_options(writer=True) as conn:
        command.downgrade(_config(conn), revision)
        return current_version(conn)
