"""Headings end names (issue 20): no entity, speaker or attribution span crosses a heading or paragraph edge.

Without a sentence start at the block, the parser ran a heading with no final punctuation into the
next paragraph, and a name or a speaker spanned both ("Ministry Opposition energy spokesman").
"""

from __future__ import annotations

import pytest

from claimgraph.config import Options
from claimgraph.pipeline import Pipeline

LEAD = (
    "Councillors in Harrowgate voted on Monday to close two libraries, a decision the mayor called painful "
    "but necessary for the town's budget."
)
HEADING = "Anger at the Town Hall"
NEXT = (
    "Opposition finance spokesman Peter Whitfield said the council had ignored thousands of letters from "
    "residents. He called for a public vote and said he would take the matter to the regional assembly."
)
TAIL = "The council will publish the full figures next month, a spokeswoman said."

PAGES = {
    "markdown": f"# Libraries to Close in Harrowgate\n\n{LEAD}\n\n## {HEADING}\n\n{NEXT}\n\n{TAIL}\n",
    "markdown-title-line": f"# Libraries to Close in Harrowgate\n\n{LEAD}\n\n{HEADING}\n\n{NEXT}\n\n{TAIL}\n",
    "html": (
        "<html><head><title>Libraries to Close in Harrowgate</title></head><body><article>"
        f"<h1>Libraries to Close in Harrowgate</h1><p>{LEAD}</p><h2>{HEADING}</h2><p>{NEXT}</p><p>{TAIL}</p>"
        "</article></body></html>"
    ),
    "text": f"{LEAD}\n\n{HEADING}\n\n{NEXT}\n\n{TAIL}\n",
}


def _crosses(start: int, end: int, edges: list[int]) -> bool:
    return any(start < edge < end for edge in edges)


def _name_spans(result) -> list[tuple[str, int, int, str]]:
    out = [("mention", m.start, m.end, m.text) for e in result.entities for m in e.mentions]
    for a in result.attributions:
        if a.speaker_mention is not None:
            out.append(("speaker", a.speaker_mention.start, a.speaker_mention.end, a.speaker_mention.text))
        out += [("content", s, e, result.article.body[s:e]) for s, e in a.content.fragments]
    return out


@pytest.mark.parametrize("kind", sorted(PAGES))
def test_no_name_or_attribution_crosses_the_heading(kind):
    fmt = "html" if kind == "html" else "text" if kind == "text" else "markdown"
    result = Pipeline(Options(format=fmt, places=False, events=False)).run(PAGES[kind], f"page.{kind}")
    body = result.article.body
    h = body.index(HEADING)
    edges = [h, h + len(HEADING), body.index(NEXT[:20])]
    crossing = [span for span in _name_spans(result) if _crosses(span[1], span[2], edges)]
    assert crossing == []
    speakers = {a.speaker_mention.text for a in result.attributions if a.speaker_mention}
    assert any(s.endswith("Peter Whitfield") for s in speakers)  # the speaker is found, without the heading
    names = [e.name for e in result.entities]
    assert not any(HEADING.split()[-1] in n and "Opposition" in n for n in names)


def test_the_heading_ends_a_sentence():
    result = Pipeline(Options(format="markdown", signals=False, places=False, events=False)).run(
        PAGES["markdown"], "page.md"
    )
    body = result.article.body
    sentences = [body[s:e] for s, e in result.sentences]
    assert HEADING in sentences
    assert any(s.startswith("Opposition finance spokesman") for s in sentences)


def test_the_bundled_sample_names_the_spokesman_alone():
    """The sample article of the README: its subheading no longer joins the next speaker's name."""
    from importlib import resources

    text = (resources.files("claimgraph") / "data" / "sample_article.md").read_text(encoding="utf-8")
    result = Pipeline(Options(format="markdown", places=False, events=False)).run(text, "sample.md")
    body = result.article.body
    edges = [e for span in result.article.headings for e in span]
    assert edges
    assert [sp for sp in _name_spans(result) if _crosses(sp[1], sp[2], edges)] == []
    assert all("\n" not in m.text for e in result.entities for m in e.mentions if m.kind != "description")
    assert body  # the record is whole
