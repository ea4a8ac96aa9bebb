"""Alembic revisions of the knowledge-base schema, run by ``store.migrate`` when a KB is opened."""
