"""Label lines (issue 19): "Label: text" is a quotation only for a speaker label and text that reads as speech."""

from __future__ import annotations

import pytest

from claimgraph.attribution import extract_attributions
from claimgraph.attribution.labels import transcript_labels
from claimgraph.entities import resolve_entities


def colons(nlp, text: str):
    doc = nlp(text)
    return [a for a in extract_attributions(doc, resolve_entities(doc)) if a.cue is not None and a.cue.text == ":"]


@pytest.mark.parametrize(
    "text",
    [
        "Next step: Write down three things you would like to change this month.\n\nThen rest.",
        "Conclusion: Spending more money on the schools has not raised the scores.\n\nWe looked at ten years.",
        "Dry skin: Cold winds and hot showers strip the oils from the skin.\n\nUse a cream.",
        "On The Basis Of Region: – North America, Europe, Asia Pacific and Latin America.\n\nThe market grew.",
        "Harbor Gift Box: A box to start you on your way with the art of sailing.\n\nOrder now.",
    ],
)
def test_ordinary_labels_are_not_speakers(nlp, text):
    assert not colons(nlp, text)


def test_a_form_with_repeated_fields_is_no_transcript():
    text = "Date: Monday, May 4\n\nPlace: Town hall\n\nDate: Friday, May 8\n\nPlace: The old library\n"
    assert transcript_labels(text) == frozenset()


def test_interview_turns_are_quotes_of_their_labels(nlp):
    text = (
        "Anna Berg spoke to the economist Paul Lind about prices.\n\n"
        "BERG: Why have prices risen so fast this year?\n\n"
        "LIND: Energy costs went up and the firms passed them on.\n\n"
        "BERG: Will they come down again soon?\n\n"
        "LIND: I expect them to fall slowly next spring.\n"
    )
    assert transcript_labels(text) == frozenset({"berg", "lind"})
    turns = colons(nlp, text)
    # the last turn's "I expect ..." may be taken by its own verb cue instead
    assert [a.speaker_mention.text for a in turns][:3] == ["BERG", "LIND", "BERG"]


def test_a_title_case_line_is_not_a_turn(nlp):
    text = (
        "BERG: Healing Old Wounds Around Money And Family\n\n"
        "BERG: Why have prices risen so fast this year?\n\n"
        "LIND: Energy costs went up and the firms passed them on.\n\n"
        "LIND: I expect them to fall slowly next spring.\n"
    )
    assert all("Healing" not in a.content.text for a in colons(nlp, text))


def test_a_one_word_label_the_text_also_writes_in_lower_case_is_not_a_name(nlp):
    text = "Breakthrough: Old Volcanoes Caused The Great Extinction\n\nThe breakthrough came from rock samples."
    assert not colons(nlp, text)
