"""Precision classes seen on web text (issue 19), each on sentences written for it.

Page labels read as speakers ("Headline: ..."), passives that run the wrong way ("X, accused
of ..."; "accused by Y of ..."), raising verbs whose subject is not a source ("X seems ..."),
and verb uses that report nothing ("have to", a generic "you", imperatives).
"""

from __future__ import annotations

import pytest

from claimgraph.attribution import extract_attributions
from claimgraph.entities import resolve_entities


def run(nlp, text: str):
    doc = nlp(text)
    entities = resolve_entities(doc)
    names = {e.id: e.name for e in entities}
    return extract_attributions(doc, entities), names


def by_cue(atts, word: str):
    found = [a for a in atts if a.cue is not None and word in a.cue.text]
    assert found, f"no attribution with cue {word!r} in {[a.cue.text for a in atts if a.cue]}"
    return found[0]


@pytest.mark.parametrize(
    "text",
    [
        "Headline: Tech Shares Tumble As Rates Climb Again\n\nMarkets fell on Monday.",
        "Editor's note: an earlier version of this story misstated the date.\n\nThe vote is on Friday.",
        "(Photo: Lena Marsh/Associated Press)\n\nThe crowd gathered outside.",
        "Ohio: Akron, Dayton, Toledo, Columbus\n\nThe tour starts in May.",
        "Note from the editor: comments are closed on this story.\n\nThe vote is on Friday.",
        "Chicago: The city council approved a new budget on Tuesday.\n\nIt passed easily.",
    ],
)
def test_page_labels_and_lists_are_not_quotes(nlp, text):
    atts, _ = run(nlp, text)
    assert not [a for a in atts if a.cue is not None and a.cue.text == ":"]


def test_a_named_source_before_a_colon_still_speaks(nlp):
    atts, names = run(nlp, "Senator Warren: The bank must be broken up\n\nShe spoke on Tuesday.")
    colon = by_cue(atts, ":")
    assert colon.speaker_mention.text == "Senator Warren"
    assert "broken up" in colon.content.text


def test_participle_after_a_noun_is_said_of_it_not_by_it(nlp):
    text = "The carmaker Volkswagen, accused of cheating on emissions tests, recalled its diesel cars."
    atts, names = run(nlp, text)
    accused = by_cue(atts, "accused")
    assert accused.speaker is None and accused.speaker_mention is None
    assert "cheating on emissions tests" in accused.content.text
    assert "Volkswagen" in [names[t] for t in accused.targets]


def test_passive_agent_is_the_speaker_and_keeps_out_the_accusation(nlp):
    text = "Barclays was accused by British regulators of hiding fees from its customers."
    atts, _ = run(nlp, text)
    accused = by_cue(atts, "accused")
    assert accused.speaker_mention is not None
    assert "regulators" in accused.speaker_mention.text
    assert "hiding" not in accused.speaker_mention.text
    assert any("hiding fees" in text[s:e] for s, e in accused.content.fragments)


def test_raising_verb_subject_is_content_not_source(nlp):
    atts, _ = run(nlp, "The mayor seems unsure about the new budget.")
    seems = by_cue(atts, "seems")
    assert seems.speaker_mention is None
    assert seems.content.text.startswith("The mayor")


def test_raising_verb_before_a_speech_verb_keeps_the_source(nlp):
    atts, _ = run(nlp, "The governor appeared to suggest that taxes would rise next year.")
    assert any(a.speaker_mention is not None and a.speaker_mention.text == "The governor" for a in atts)


@pytest.mark.parametrize(
    "text",
    [
        "Workers have to accept lower pay this year.",
        "If you want a cheaper phone, wait until the autumn sales.",
        "Read the full report and tell us what you think.",
    ],
)
def test_obligation_generic_you_and_imperatives_report_nothing(nlp, text):
    atts, _ = run(nlp, text)
    assert not [a for a in atts if a.cue is not None and a.cue.lemma.split()[0] in {"have", "want", "read", "tell"}]


def test_first_person_author_beliefs_stay(nlp):
    atts, _ = run(nlp, "I know that the judge has been fair in every hearing.")
    know = by_cue(atts, "know")
    assert know.speaker_mention is not None and know.speaker_mention.text == "I"


def test_absolute_participle_after_with_is_said_of_its_subject(nlp):
    text = "Fraud is common in the sector, with the insurer Allianz accused of hiding losses from investors."
    atts, names = run(nlp, text)
    accused = by_cue(atts, "accused")
    assert accused.speaker_mention is None
    assert "hiding losses" in accused.content.text


@pytest.mark.parametrize(
    "text",
    [
        "The committee has a long list of complaints about the new rules.",
        "We need better roads in the northern towns, the council said.",
        "The two brokers made a fortune with the shares of failing firms.",
    ],
)
def test_possession_need_and_making_money_are_not_cues(nlp, text):
    atts, _ = run(nlp, text)
    assert not [a for a in atts if a.cue is not None and a.cue.lemma.split()[0] in {"have", "need", "make"}]


def test_making_a_case_or_making_clear_still_reports(nlp):
    atts, _ = run(nlp, "The minister made clear that the tax would not rise before the election.")
    made = by_cue(atts, "made")
    assert made.speaker_mention is not None and made.speaker_mention.text == "The minister"
