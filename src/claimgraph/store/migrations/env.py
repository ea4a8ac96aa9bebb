"""Alembic environment: run on the connection ``store.migrate`` hands over, never from a config file.

The whole upgrade is one transaction (SQLite and PostgreSQL both have transactional DDL; the
SQLite engine begins it with ``BEGIN IMMEDIATE``), so two processes opening a new KB at once do not
both create it, and a failed upgrade leaves the KB as it was.
"""

from __future__ import annotations

from alembic import context

connection = context.config.attributes["connection"]
context.configure(connection=connection, target_metadata=None, transactional_ddl=True)
with context.begin_transaction():
    context.run_migrations()
