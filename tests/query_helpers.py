"""One small knowledge base of real articles for the query, web and browser tests, built once per session.

Real inputs read in place: the Global Research example, the bundled sample article, a few pages of
the gold extraction set; plus two made-up ones the tests need: a republished copy of the sample
(other publisher, a day later, header lines dropped) and a hostile page whose title, body and a
quote hold ``<script>`` and an ``onerror`` attribute injection.
"""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path

from shared_paths import SHARED

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = SHARED / "examples" / "globalresearch-2015-01-03-russia-accuses-us.md"
SAMPLE = ROOT / "src" / "claimgraph" / "data" / "sample_article.md"
GOLD_HTML = SHARED / "gold" / "extraction" / "html"
GOLD_PAGES = 4

SCRIPT = "<script>alert('xss')</script>"
IMG = '"><img src=x onerror=alert(1)>'
HOSTILE = (
    f"Senator Alice Walker Attacks {SCRIPT} Plan\n\n"
    f"Senator Alice Walker on Monday accused the Harbor Authority of hiding costs {SCRIPT} from the public. "
    f"Critics of the plan posted {IMG} on their website.\n\n"
    f'"The Harbor Authority lied about {SCRIPT} the budget and {IMG} the schedule," Walker told reporters '
    "in Boston. The authority denied the claims and said the figures were published in March.\n"
)


def _copy_of_sample() -> str:
    """The sample article as another site would carry it: title and body, no masthead lines."""
    lines = SAMPLE.read_text(encoding="utf-8").splitlines()
    title = next(line for line in lines if line.startswith("# "))
    start = next(i for i, line in enumerate(lines) if line.startswith("Energy Minister Laura Bennett"))
    body = [
        re.sub(r"\[([^\]]+)\]\([^)]*\)", r"\1", line) for line in lines[start:] if "originally published" not in line
    ]
    return "\n".join([title, "", *body])


def inputs() -> list:
    from claimgraph.model import RawDocument

    docs: list = [
        RawDocument(text=EXAMPLE.read_text(encoding="utf-8"), source=str(EXAMPLE), format="markdown"),
        RawDocument(text=SAMPLE.read_text(encoding="utf-8"), source=str(SAMPLE), format="markdown"),
    ]
    for path in sorted(GOLD_HTML.glob("*.html.gz"))[:GOLD_PAGES]:
        from claimgraph.ingest.sources import iter_inputs

        docs.extend(iter_inputs([str(path)]))
    docs.append(
        RawDocument(
            text=_copy_of_sample(),
            source="mirror/energy-minister.md",
            format="markdown",
            url="https://mirrordaily.example.net/energy-minister",
            metadata={"publisher": "mirrordaily.example.net", "published": "2024-03-15"},
        )
    )
    docs.append(
        RawDocument(
            text=HOSTILE,
            source="hostile.txt",
            format="text",
            metadata={
                "publisher": "hostile.example.com",
                "published": "2024-05-06",
                "title": f"Senator Alice Walker Attacks {SCRIPT} Plan",
            },
        )
    )
    return docs


@cache
def build_kb(directory: str) -> str:
    """Analyse and store the inputs into ``directory/kb.sqlite`` (once per process); return its path."""
    from claimgraph.store import KnowledgeBase

    path = str(Path(directory) / "kb.sqlite")
    with KnowledgeBase(path) as kb:
        summary = kb.ingest_inputs(inputs())
    assert summary.errors == 0, summary
    return path


@cache
def schema_validator(definition: str | None = None):
    """A validator for the published claimgraph/1 schema, or for one of its ``$defs`` (e.g. "Attribution")."""
    from jsonschema import Draft202012Validator

    from claimgraph.model.schema import build_schema

    schema = build_schema()
    if definition:
        schema = {"$schema": schema["$schema"], "$ref": f"#/$defs/{definition}", "$defs": schema["$defs"]}
    return Draft202012Validator(schema)


def schema_errors(data, definition: str | None = None) -> list[str]:
    """Why ``data`` is not a valid record (or ``definition``); empty when it is."""
    return [f"{'/'.join(map(str, e.path))}: {e.message}" for e in schema_validator(definition).iter_errors(data)]
