"""Stance from the cue and the content, with its evidence span, on written sentences and the shared example.

The sentences are written for these tests (none comes from a labelled corpus item); each names the
stance a careful reader gives it (docs/attribution.md, *Stance labelling guideline*) and the words
that show it. The neutral ones hold the traps: negations that reject nothing, bad events nobody is
blamed for, criticism that belongs to someone quoted inside the content.
"""

from __future__ import annotations

import pytest

from claimgraph import analyze
from claimgraph.attribution import extract_attributions
from claimgraph.entities import resolve_entities

# (sentence, stance, evidence text or None)
WRITTEN = [
    # denial through the content of a neutral cue
    ("The minister said the report was just not true.", "deny", "not true"),
    ("A spokesman said there was no evidence that the company had broken the law.", "deny", "no evidence"),
    ("The senator said the allegations were categorically false.", "deny", "categorically"),
    ('"We did nothing wrong," the coach told reporters.', "deny", "did nothing wrong"),
    ("The company said it did not violate any export rules.", "deny", "not violate"),
    ("She said the campaign never paid anyone to attend the rally.", "deny", "never paid"),
    ("The mayor said the claims were baseless and politically motivated.", "deny", "baseless"),
    ('"That is simply not the case," the spokeswoman said.', "deny", "not the case"),
    ("The ministry said the story had nothing to do with reality.", "deny", "nothing to do with"),
    ("He insisted that he never sent the documents to the campaign.", "deny", "never sent"),
    ("The governor said his administration is not racist.", "deny", "not racist"),
    # doubt
    ("He said it is hard to believe that the army carried out 300 raids in a week.", "doubt", "hard to believe"),
    ("Analysts said the figures were questionable.", "doubt", "questionable"),
    (
        '"Who really believes they will keep that promise?" the mayor said.',
        "doubt",
        "Who really believes they will keep that promise",
    ),
    ("She said she was not convinced that the plan would work.", "doubt", "not convinced"),
    ("The professor said it remains to be seen whether the reform will cut costs.", "doubt", "remains to be seen"),
    ('"I don\'t buy that explanation," the senator said.', "doubt", "don't buy"),
    ("The expert questioned whether the vaccine was safe.", "doubt", "questioned"),
    # criticism is accuse
    ("The opposition described the government's response as inadequate and ineffective.", "accuse", "inadequate"),
    ("The mayor called the plan irresponsible.", "accuse", "irresponsible"),
    ('"His rhetoric is hateful and divisive," she said.', "accuse", "hateful"),
    ("The senator said the agency had been reckless with public money.", "accuse", "reckless"),
    ("The editorial said the governor lied to voters about the budget.", "accuse", "lied"),
    ("He wrote that the council's decision was shortsighted and wasteful.", "accuse", "shortsighted"),
    ("The guards who had been so dismissive of the prisoners left the camp.", "accuse", "dismissive"),
    ("The senator accused the agency of hiding the report.", "accuse", "accused"),
    # the cue decides when it names the act
    ("The minister denied that the army had fired on protesters.", "deny", "denied"),
    ("The doctors warned that the virus could spread quickly.", "warn", "warned"),
    ("The union urged the company to raise wages.", "demand", "urged"),
    # neutral: no stance, no evidence
    ("The mayor said the bridge would not reopen until May.", "assert", None),
    ("Officials said the economy did not grow in the third quarter.", "assert", None),
    ("The police said the storm caused terrible damage to the coast.", "assert", None),
    ("She said the attack killed 12 people.", "assert", None),
    ("He said there was no doubt the team would win.", "assert", None),
    ("A spokesman said critics called the plan reckless, but the city went ahead.", "assert", None),
    ("The report said that the dangerous goods were stored in the port.", "assert", None),
    ("He said it would be unfair only if the vote were delayed again.", "assert", None),
    ("The minister did not deny that the army had fired on protesters.", "assert", None),
    ("The reporter asked whether the minister would resign.", "other", None),
]


def attributions(nlp, text: str):
    doc = nlp(text)
    return extract_attributions(doc, resolve_entities(doc))


@pytest.mark.parametrize(("text", "stance", "evidence"), WRITTEN, ids=[w[0][:40] for w in WRITTEN])
def test_written_sentences(nlp, text, stance, evidence):
    atts = attributions(nlp, text)
    assert atts, "no attribution found"
    a = atts[0]
    assert a.stance == stance, (a.stance, a.stance_evidence)
    if evidence is None:
        assert a.stance_evidence is None
        return
    ev = a.stance_evidence
    assert ev is not None and ev.text.replace("’", "'") == evidence
    assert text[ev.start : ev.end] == ev.text
    inside_cue = a.cue is not None and a.cue.start <= ev.start and ev.end <= a.cue.end
    inside_content = any(s <= ev.start and ev.end <= e for s, e in a.content.fragments)
    assert inside_cue or inside_content, "evidence must lie in the cue or in one content fragment"


@pytest.fixture(scope="module")
def example(example_path):
    text = example_path.read_text(encoding="utf-8")
    return analyze(text, source=example_path.name)


def _by_content(result, words: str):
    for a in result.attributions:
        if words in a.content.text:
            return a
    raise AssertionError(f"no attribution with {words!r}")


def test_the_example_doubt_and_criticism(example):
    body = example.article.body
    doubt = _by_content(example, "1,000 airstrikes")
    assert doubt.stance == "doubt" and doubt.stance_evidence.text == "hard to believe"
    criticism = _by_content(example, "inadequate and ineffective")
    assert criticism.stance == "accuse" and criticism.stance_evidence.text in {"inadequate", "ineffective"}
    for a in (doubt, criticism):
        ev = a.stance_evidence
        assert body[ev.start : ev.end] == ev.text
        assert a.content.start <= ev.start < ev.end <= a.content.end


def test_evidence_only_with_a_stance(example):
    """Assert and other carry no evidence; every evidence span spells its text in the body."""
    body = example.article.body
    for a in example.attributions:
        if a.stance in {"assert", "other"}:
            assert a.stance_evidence is None
        elif a.stance_evidence is not None:
            assert body[a.stance_evidence.start : a.stance_evidence.end] == a.stance_evidence.text
    record = example.to_dict()
    assert all("stance_evidence" in a for a in record["attributions"])
    assert any(a["stance_evidence"] and a["stance"] == "doubt" for a in record["attributions"])
