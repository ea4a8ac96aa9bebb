"""A knowledge base as a fact-checker's own corpus looks: mostly undated pages, rated publishers, a name-only one.

Real inputs read in place: the first ``FNC_ROWS`` rows of the FakeNewsCorpus sample (``../shared``), which
hold one dated article and no dated statement of who accuses whom (as in the whole sample, 234 of whose
240 articles are undated), ingested with the shared domain ratings; plus one made-up wire story whose
publisher is known only by a name with a ``/`` in it (no domain, no date).
"""

from __future__ import annotations

from functools import cache
from itertools import islice
from pathlib import Path

from shared_paths import SHARED

FNC = SHARED / "data" / "fakenewscorpus" / "news_sample.csv"
RATINGS = SHARED / "data" / "domain-ratings" / "domain_ratings.csv"
FNC_ROWS = 20
SLASHED = "Metro/Desk Wire"  # a publisher name with a "/": its KB id is "name:metro/desk wire"
WIRE = (
    "Harbor Board Accused Over Bridge Repairs\n\n"
    "Mayor Dana Whitfield on Tuesday accused the Harbor Board of hiding the cost of the bridge repairs.\n\n"
    '"The board kept this city in the dark for two years," Whitfield told reporters at City Hall.\n\n'
    "Board chairman Tom Reyes denied that the board had hidden anything and called the audit "
    '"a political stunt".\n'
)


def inputs() -> list:
    from claimgraph.ingest.sources import field_map, iter_inputs
    from claimgraph.model import RawDocument

    docs = list(islice(iter_inputs([str(FNC)], field_map("fakenews")), FNC_ROWS))
    wire = RawDocument(text=WIRE, source="wire/harbor-board.txt", format="text", metadata={"publisher": SLASHED})
    return [*docs, wire]


@cache
def build_reader_kb(directory: str) -> str:
    """Analyse and store the inputs, with the domain ratings, into ``directory/reader.sqlite`` once per process."""
    from claimgraph.config import Options
    from claimgraph.store import KnowledgeBase

    path = str(Path(directory) / "reader.sqlite")
    with KnowledgeBase(path) as kb:
        summary = kb.ingest_inputs(inputs(), options=Options(ratings=str(RATINGS)))
    assert summary.errors == 0, summary
    return path
