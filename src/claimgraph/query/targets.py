"""Which attributions target an entity: SQL over the store's ``attribution_targets`` table.

The store keeps an attribution's targets twice: as the JSON ``targets`` column (the attribution's own
list, in order) and, since migration 3, as rows of ``attribution_targets`` (document, attribution,
target entity, with the speaker, stance and date copied) indexed by target. "What others said about
X", "who accuses X" and the network read the table, so they are index lookups on SQLite and
PostgreSQL alike; no JSON is parsed per request.
"""

from __future__ import annotations


def about_where(entity_id: str) -> tuple[str, dict[str, object]]:
    """WHERE clause (on ``attributions t``) and parameters for "attributions whose targets include X, not by X".

    A primary-key probe per attribution: for use next to another selective condition (a full-text match).
    Listing everything said about X starts from ``attribution_targets`` instead (see ``entity.about``).
    """
    return (
        f"{target_condition('t', 'x')} AND (t.speaker_entity_id IS NULL OR t.speaker_entity_id != :x)",
        {"x": entity_id},
    )


def target_condition(alias: str = "t", param: str = "target") -> str:
    """SQL true when attribution ``alias`` targets the bound ``:param`` (one primary-key probe)."""
    return (
        f"EXISTS (SELECT 1 FROM attribution_targets x WHERE x.document_id = {alias}.document_id "
        f"AND x.local_id = {alias}.local_id AND x.entity_id = :{param})"
    )
