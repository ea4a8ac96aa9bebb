"""The published JSON Schema (draft 2020-12) of one ``claimgraph/1`` JSON Lines record.

Generated from the data classes (``python -m claimgraph.model.schema > src/claimgraph/data/claimgraph-1.schema.json``,
and ``python -m claimgraph.model.schema claim-cluster > src/claimgraph/data/claim-cluster.schema.json``);
a test regenerates it and compares it with the shipped file, so the two cannot drift apart. Every
field the serialiser writes is required (a record always carries all of them, null when empty);
extra fields are allowed, which is how the knowledge base adds what it knows beyond one article.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from pydantic import TypeAdapter

from ..vocab import SCHEMA
from .result import AnalysisResult, ErrorRecord
from .tracing import ClaimCluster

SCHEMA_FILE = Path(__file__).resolve().parents[1] / "data" / "claimgraph-1.schema.json"
SCHEMA_ID = "https://github.com/claimgraph/claimgraph/schema/claimgraph-1.json"
CLUSTER_SCHEMA_FILE = SCHEMA_FILE.with_name("claim-cluster.schema.json")
CLUSTER_SCHEMA_ID = "https://github.com/claimgraph/claimgraph/schema/claim-cluster.json"


def _tidy(node: Any) -> Any:
    """Every property required; pydantic's generated titles dropped (the property names say it)."""
    if isinstance(node, dict):
        out = {k: _tidy(v) for k, v in node.items() if k != "title" or not isinstance(v, str)}
        if out.get("type") == "object" and "properties" in out:
            out["required"] = list(out["properties"])
        return out
    if isinstance(node, list):
        return [_tidy(x) for x in node]
    return node


def build_schema() -> dict[str, Any]:
    """The schema as a dict: a record is an analysis or, for a document that failed, an error record."""
    generated = TypeAdapter(AnalysisResult | ErrorRecord).json_schema(mode="serialization")
    defs = _tidy(generated["$defs"])
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": SCHEMA_ID,
        "title": SCHEMA,
        "description": "One claimgraph JSON Lines record: the analysis of one document, or why it failed. "
        "Every span is a pair of character offsets into article.body (body[start:end] == text).",
        "oneOf": [{"$ref": "#/$defs/AnalysisResult"}, {"$ref": "#/$defs/ErrorRecord"}],
        "$defs": defs,
    }


def build_cluster_schema() -> dict[str, Any]:
    """The schema of one claim cluster (``claimgraph export --what claim-clusters``, ``/api/claims/{id}``)."""
    generated = TypeAdapter(ClaimCluster).json_schema(mode="serialization")
    defs = dict(generated.pop("$defs"))
    defs["ClaimCluster"] = generated
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": CLUSTER_SCHEMA_ID,
        "title": f"{SCHEMA} claim cluster",
        "description": "One claim seen in several articles: its first appearance (earliest published, ties by "
        "ingest order) and every appearance, each with its offsets in its article's body and how it changed "
        "from the first.",
        "$ref": "#/$defs/ClaimCluster",
        "$defs": _tidy(defs),
    }


def schema_text(what: str = "record") -> str:
    schema = build_cluster_schema() if what == "claim-cluster" else build_schema()
    return json.dumps(schema, indent=2, ensure_ascii=False) + "\n"


def published_schema(what: str = "record") -> dict[str, Any]:
    """The schema file shipped in the package (``record`` or ``claim-cluster``)."""
    path = CLUSTER_SCHEMA_FILE if what == "claim-cluster" else SCHEMA_FILE
    return json.loads(path.read_text(encoding="utf-8"))


if __name__ == "__main__":
    import sys

    print(schema_text(sys.argv[1] if len(sys.argv) > 1 else "record"), end="")
