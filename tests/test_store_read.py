"""The record reader: what ``analyze`` produced comes back out of the KB unchanged, on both backends."""

from __future__ import annotations

import pytest
from ingest_helpers import gold_pages, polnear_articles
from jsonschema import Draft202012Validator
from store_helpers import db_url  # noqa: F401  (a fixture)

from claimgraph import analyze_many
from claimgraph.model import RawDocument
from claimgraph.model.schema import build_schema
from claimgraph.store import KnowledgeBase
from claimgraph.store.read import read_result, read_results


@pytest.fixture(scope="module")
def analysed(shared_dir, example_path):
    """Real inputs of every kind: a Markdown page with ratings, HTML pages with URLs, corpus records."""
    ratings = shared_dir / "data" / "domain-ratings" / "domain_ratings.csv"
    raws = [RawDocument(example_path.read_text(encoding="utf-8"), source=example_path.name)]
    raws += [RawDocument(p["html"].decode("utf-8", "replace"), source=p["url"], format="html", url=p["url"])
             for p in gold_pages(2)]  # fmt: skip
    for rec in polnear_articles(3):
        meta = {"title": rec["title"], "publisher": rec["publisher"], "published": rec["date"]}
        raws.append(RawDocument(rec["text"], source="polnear.jsonl", position=f"line {rec['id']}", metadata=meta))
    results = list(analyze_many(raws, ratings=str(ratings) if ratings.exists() else None))
    results += list(analyze_many(["The mayor said the bridge would reopen in May."], format="text", signals=False))
    assert all(not isinstance(r, Exception) for r in results)
    return results


def test_records_come_back_as_analyze_made_them(db_url, analysed):  # noqa: F811
    validator = Draft202012Validator(build_schema())
    with KnowledgeBase(db_url) as kb:
        kb.ingest(analysed)
        with kb.engine.connect() as conn:
            ids = [r.document.id for r in analysed]
            back = read_results(conn, list(reversed(ids)) + ["sha256:not-there"])
            assert [r.document.id for r in back] == list(reversed(ids))
            for original, stored in zip(reversed(analysed), back, strict=True):
                data = stored.to_dict()
                assert not list(validator.iter_errors(data))
                assert data == original.to_dict(), original.document.source
            assert read_result(conn, ids[0]).to_dict() == analysed[0].to_dict()
            assert read_result(conn, "sha256:not-there") is None
        assert [r.to_dict() for r in kb.records(ids[:2])] == [r.to_dict() for r in analysed[:2]]
    assert any(r.signals and r.signals.source and r.signals.source.provenance.chain for r in analysed)
    assert any(r.quantities for r in analysed) and any(r.signals is None for r in analysed)
