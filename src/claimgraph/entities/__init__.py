"""In-article entities: spaCy NER plus canonicalisation of names, descriptions and pronouns."""

from __future__ import annotations

from .resolve import EntityIndex, resolve_entities

__all__ = ["EntityIndex", "resolve_entities"]
