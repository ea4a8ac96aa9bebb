"""The typed tables answer the issue's question in plain SQL, on real articles, on both backends.

"Unattributed check-worthy claims of publisher X in a month that carry a number": one join of
``claims``, ``publishers`` and ``quantities``, no JSON. The expected answer is worked out from the
analysis records themselves (``Claim.check_worthy``, ``unattributed``, ``quantities``), not from the KB.
"""

from __future__ import annotations

import json
from collections import Counter

import pytest
from sqlalchemy import text
from store_helpers import db_url  # noqa: F401  (a fixture)

from claimgraph import analyze_many
from claimgraph.model import RawDocument
from claimgraph.store import KnowledgeBase

QUESTION = """
SELECT c.document_id, c.local_id
FROM claims c JOIN publishers p ON p.id = c.publisher_id
WHERE p.name = :publisher AND c.published >= :start AND c.published < :end
  AND c.check_worthy AND c.unattributed
  AND EXISTS (SELECT 1 FROM quantities q WHERE q.document_id = c.document_id AND q.claim_id = c.local_id)
ORDER BY c.document_id, c.idx
"""


def _month_after(month: str) -> str:
    year, m = int(month[:4]), int(month[5:7])
    return f"{year + m // 12:04d}-{m % 12 + 1:02d}"


@pytest.fixture(scope="module")
def corpus(shared_dir):
    """Whole PolNeAR articles: from the busiest publisher-month, that publisher's other months, and other
    publishers in that month, so each condition of the query has rows it must leave out."""
    records = [json.loads(line) for line in (shared_dir / "gold" / "attribution" / "dev.jsonl").open(encoding="utf-8")]
    key = Counter((r["meta"]["publisher"], (r["meta"]["publication_date"] or "")[:7]) for r in records)
    (publisher, month), _ = key.most_common(1)[0]
    same = [r for r in records if (r["meta"]["publisher"], r["meta"]["publication_date"][:7]) == (publisher, month)]
    other_month = [r for r in records if r["meta"]["publisher"] == publisher and r not in same]
    other_publisher = [
        r for r in records if r["meta"]["publisher"] != publisher and r["meta"]["publication_date"][:7] == month
    ]
    chosen = same[:3] + other_month[:2] + other_publisher[:2]
    raws = []
    for r in chosen:
        meta = {
            "publisher": r["meta"]["publisher"],
            "published": r["meta"]["publication_date"],
            "title": r["meta"].get("title"),
        }
        raws.append(RawDocument(r["text"], source="polnear-dev.jsonl", position=r["id"], metadata=meta))
    results = [x for x in analyze_many(raws) if not isinstance(x, Exception)]
    assert len(results) == len(chosen)
    return publisher, month, results  # fmt: skip


@pytest.mark.slow
def test_unattributed_checkworthy_claims_with_numbers_in_plain_sql(db_url, corpus):  # noqa: F811
    publisher, month, results = corpus
    wanted = [(r, c) for r in results for c in r.claims if c.check_worthy and c.unattributed and c.quantities]
    expected = sorted(
        (r.document.id, c.id)
        for r, c in wanted
        if r.article.publisher == publisher and (r.article.published or "").startswith(month)
    )
    assert expected, "the chosen articles must hold at least one such claim for the test to mean anything"
    assert len(wanted) > len(expected), "and such claims of other publishers or months, for the filters to matter"
    everything = sum(len(r.claims) for r in results)
    with KnowledgeBase(db_url) as kb:
        kb.ingest(results)
        with kb.engine.connect() as conn:
            params = {"publisher": publisher, "start": month, "end": _month_after(month)}
            got = conn.execute(text(QUESTION), params).all()
            stored = conn.exec_driver_sql("SELECT count(*) FROM claims").scalar()
    assert sorted((d, c) for d, c in got) == expected
    assert stored == everything > len(expected)


@pytest.mark.slow
def test_the_question_walks_the_publisher_index(tmp_path, corpus):
    publisher, month, results = corpus
    with KnowledgeBase(str(tmp_path / "kb.sqlite")) as kb:
        kb.ingest(results[:2])
        with kb.engine.connect() as conn:
            plan = " ".join(
                str(row[-1])
                for row in conn.execute(
                    text("EXPLAIN QUERY PLAN " + QUESTION),
                    {"publisher": publisher, "start": month, "end": _month_after(month)},
                )
            )
    assert "ix_claims_publisher_published" in plan and "ix_quantities_claim" in plan, plan
