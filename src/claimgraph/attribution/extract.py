"""Attribution extraction (placeholder until the rule set lands)."""

from __future__ import annotations

from ..model import Attribution, Entity


def extract_attributions(doc, entities: list[Entity]) -> list[Attribution]:
    """Return the attributions found in a parsed body ``doc`` (offsets into ``doc.text``)."""
    return []
