"""Attribution stage: who said what, about whom, on whose word.

Every test runs the real pipeline pieces (spaCy parse -> entities -> attribution)
on short texts written for the pattern under test, and checks that every span
indexes the input text exactly.
"""

from __future__ import annotations

import re

import pytest

from claimgraph.attribution import extract_attributions
from claimgraph.attribution.quotes import find_quotes
from claimgraph.entities import resolve_entities
from claimgraph.model import Attribution
from claimgraph.vocab import STANCES


def run(nlp, text: str) -> tuple[list[Attribution], dict[str, str]]:
    doc = nlp(text)
    entities = resolve_entities(doc)
    atts = extract_attributions(doc, entities)
    for a in atts:  # offsets index the text, always
        assert text[a.content.start : a.content.end] == a.content.text
        for s, e in a.content.fragments:
            assert a.content.start <= s < e <= a.content.end
        if a.cue:
            assert text[a.cue.start : a.cue.end] == a.cue.text
        if a.speaker_mention:
            assert text[a.speaker_mention.start : a.speaker_mention.end] == a.speaker_mention.text
        assert a.kind in {"direct", "indirect", "mixed"}
        assert a.stance in STANCES
        assert 0.0 <= a.confidence <= 1.0
    assert [a.id for a in atts] == [f"a{i}" for i in range(1, len(atts) + 1)]
    return atts, {e.id: e.name for e in entities}


def joined(text: str, a: Attribution) -> str:
    return " ".join(text[s:e] for s, e in a.content.fragments)


def find(atts: list[Attribution], words: str) -> Attribution:
    for a in atts:
        if words in a.content.text:
            return a
    raise AssertionError(f"no attribution with {words!r} in {[a.content.text for a in atts]}")


def test_direct_quote_speaker_after(nlp):
    text = "“We will win this election and we will win it big,” Mayor Anna Lopez said on Tuesday."
    atts, names = run(nlp, text)
    a = find(atts, "We will win")
    assert a.kind == "direct"
    assert a.cue and a.cue.text == "said"
    assert a.speaker_mention and "Lopez" in a.speaker_mention.text
    assert names.get(a.speaker, "").endswith("Lopez")
    assert a.content.text.startswith("“We will win") and a.content.text.endswith("big,”")


def test_direct_quote_speaker_before_with_colon(nlp):
    text = "Senator Mark Hill said: “The budget is a disgrace to this chamber and to the voters.”"
    atts, _ = run(nlp, text)
    a = find(atts, "The budget is a disgrace")
    assert a.kind == "direct"
    assert a.speaker_mention and "Hill" in a.speaker_mention.text
    assert a.cue and a.cue.lemma == "say"


def test_interrupted_quote_is_one_attribution_with_two_fragments(nlp):
    text = "“We will not back down,” Smith said, “and we will keep fighting for these families.”"
    atts, _ = run(nlp, text)
    assert len(atts) == 1
    a = atts[0]
    assert len(a.content.fragments) == 2
    assert "back down" in joined(text, a) and "keep fighting" in joined(text, a)
    assert "Smith said" not in joined(text, a)
    assert a.speaker_mention and a.speaker_mention.text == "Smith"
    assert a.kind == "direct"


def test_quote_continued_after_said_sentence(nlp):
    text = (
        '"Every time there is a comment like this, it is disheartening," Osuna said. '
        '"It displays a complete lack of understanding."'
    )
    atts, _ = run(nlp, text)
    a = find(atts, "disheartening")
    assert "complete lack of understanding" in joined(text, a)
    assert a.speaker_mention and a.speaker_mention.text == "Osuna"


def test_indirect_said_that(nlp):
    text = "The governor said that the new tax would hurt small businesses across the state."
    atts, _ = run(nlp, text)
    a = find(atts, "the new tax")
    assert a.kind == "indirect"
    assert a.content.text == "that the new tax would hurt small businesses across the state"
    assert a.speaker_mention and a.speaker_mention.text == "The governor"
    assert a.stance == "assert"


def test_told_reporters(nlp):
    text = "Johnson told reporters the plan was dead."
    atts, _ = run(nlp, text)
    a = find(atts, "the plan was dead")
    assert a.cue and a.cue.text == "told"
    assert a.speaker_mention and a.speaker_mention.text == "Johnson"
    assert "reporters" not in a.content.text


def test_according_to(nlp):
    text = "According to Reuters, the talks collapsed on Monday after a dispute over tariffs."
    atts, names = run(nlp, text)
    a = find(atts, "the talks collapsed")
    assert a.cue and a.cue.text == "According to"
    assert a.speaker_mention and a.speaker_mention.text == "Reuters"
    assert "According" not in a.content.text


def test_according_to_a_poll_at_the_end(nlp):
    text = "Trump still leads the Republican field with 24 percent, according to a recent poll by Gallup."
    atts, _ = run(nlp, text)
    a = find(atts, "Trump still leads")
    assert a.speaker_mention and "poll" in a.speaker_mention.text
    assert "according" not in a.content.text


def test_mixed_quote(nlp):
    text = "Jeb Bush called the use of executive orders “quite dangerous” for the country."
    atts, _ = run(nlp, text)
    a = find(atts, "executive orders")
    assert a.kind == "mixed"
    text2 = "Smith said the plan was “a total disaster for the state” and should be dropped."
    atts2, _ = run(nlp, text2)
    b = find(atts2, "total disaster")
    assert b.kind == "mixed"
    assert b.speaker_mention and b.speaker_mention.text == "Smith"


def test_country_accuses_with_target(nlp):
    text = "Russia has accused the United States of supporting the rebels in Syria."
    atts, names = run(nlp, text)
    a = find(atts, "supporting the rebels")
    assert a.stance == "accuse"
    assert names.get(a.speaker) == "Russia"
    assert a.cue and a.cue.lemma == "accuse"
    assert any("United States" in names.get(t, "") for t in a.targets)


def test_lashed_out_at_target(nlp):
    text = "General Ivanov lashed out at Germany for arming the opposition groups."
    atts, names = run(nlp, text)
    a = find(atts, "arming")
    assert a.cue and a.cue.text.startswith("lashed out")
    assert a.stance == "accuse"
    assert any(names.get(t) == "Germany" for t in a.targets)


def test_passive_without_source(nlp):
    text = "The mayor was accused of taking bribes from a construction company."
    atts, _ = run(nlp, text)
    a = find(atts, "taking bribes")
    assert a.speaker is None and a.speaker_mention is None
    assert a.stance == "accuse"


def test_denial_and_warning_stances(nlp):
    atts, _ = run(nlp, "The minister denied that the army had crossed the border.")
    assert find(atts, "the army had crossed").stance == "deny"
    atts, _ = run(nlp, "Economists warned that prices would rise sharply next year.")
    assert find(atts, "prices would rise").stance == "warn"


def test_a_denied_accusation_is_a_denial(nlp):
    # the object names an accusation, but the verb's own stance decides
    atts, _ = run(nlp, "The company's chief executive denied the accusations of fraud on Monday.")
    assert find(atts, "accusations of fraud").stance == "deny"
    atts, _ = run(nlp, "The senator questioned the allegations against the general.")
    assert find(atts, "allegations against").stance == "doubt"
    atts, _ = run(nlp, "The opposition leader made accusations of fraud against the election commission.")
    assert find(atts, "accusations of fraud").stance == "accuse"


def test_belief_and_inner_state(nlp):
    text = "Analysts believe the economy will slow down next year."
    atts, _ = run(nlp, text)
    a = find(atts, "the economy will slow")
    assert a.speaker_mention and a.speaker_mention.text == "Analysts"
    assert a.cue and a.cue.lemma == "believe"


def test_noun_cue_position(nlp):
    text = "He said Moscow's position is that all armed opposition groups in Syria are illegal."
    atts, _ = run(nlp, text)
    a = find(atts, "opposition groups")
    assert a.speaker_mention is not None


def test_expressed_doubts(nlp):
    text = "Senator Jane Doe also expressed doubts about the real purpose of the new surveillance program."
    atts, _ = run(nlp, text)
    a = find(atts, "surveillance program")
    assert a.stance == "doubt"
    assert a.cue and "expressed" in a.cue.text
    assert a.speaker_mention and "Doe" in a.speaker_mention.text


def test_pronoun_speaker_resolves_to_person(nlp):
    text = "Senator John Whitfield spoke in Ohio on Monday. He said the bill would pass before the summer recess."
    atts, names = run(nlp, text)
    a = find(atts, "the bill would pass")
    assert a.speaker_mention and a.speaker_mention.text == "He"
    assert names.get(a.speaker, "").endswith("Whitfield")


def test_multi_paragraph_quote_keeps_speaker(nlp):
    text = (
        "Governor Ellen Price said:\n\n"
        "“We have cut taxes for working families and balanced the budget every year.\n\n"
        "“And we are not finished, because the job is not done yet.”"
    )
    quotes = find_quotes(text)
    assert quotes[0].continues and quotes[1].continued
    atts, names = run(nlp, text)
    first = find(atts, "cut taxes")
    second = find(atts, "not finished")
    assert first.speaker_mention and "Price" in first.speaker_mention.text
    assert second.speaker == first.speaker and second.speaker is not None
    assert second.kind == "direct"


def test_standalone_quote_speaker_from_neighbouring_sentence(nlp):
    text = (
        "Mayor Tom Reed said the city would appeal the ruling.\n\n"
        "“This decision ignores the facts and it ignores the people who live here.”"
    )
    atts, names = run(nlp, text)
    a = find(atts, "This decision ignores")
    assert a.kind == "direct"
    assert names.get(a.speaker, "").endswith("Reed")


def test_via_interview_channel_and_told_media(nlp):
    text = "In an interview with CNN, Senator Ruth Ames said the deal would collapse within weeks."
    atts, names = run(nlp, text)
    a = find(atts, "the deal would collapse")
    assert a.via, "the interview is a channel"
    assert any("CNN" in names.get(v, v) for v in a.via)


def test_via_echoing_and_reported(nlp):
    text = (
        "Echoing the statement of Foreign Minister Sergei Lavrov, Gerasimov said there can be no distinction "
        "between the two groups."
    )
    atts, names = run(nlp, text)
    a = find(atts, "no distinction")
    assert any("Lavrov" in names.get(v, v) for v in a.via)


def test_empty_and_speechless_text(nlp):
    assert run(nlp, "")[0] == []
    assert run(nlp, "The river flooded the valley in March.")[0] == []


def _clean_example(text: str) -> str:
    """The example's body as plain text: from the first sentence to the source line, link markup removed."""
    start = text.index("has accused the United States")
    start = text.rfind("\n", 0, start) + 1
    end = text.index("The original source of this article")
    return re.sub(r"\[([^\]]*)\]\(#\)", r"\1", text[start:end]).strip()


@pytest.fixture(scope="module")
def example(example_path):
    from claimgraph import analyze

    body = _clean_example(example_path.read_text(encoding="utf-8"))
    result = analyze(body, format="text")
    names = {e.id: e.name for e in result.entities}
    return body, result, names


def test_example_offsets_and_speakers(example):
    body, result, names = example
    assert result.attributions
    for a in result.attributions:
        assert body[a.content.start : a.content.end] == a.content.text
        if a.speaker_mention:
            assert body[a.speaker_mention.start : a.speaker_mention.end] == a.speaker_mention.text
    russia = find(result.attributions, "the United States of having patronised")
    assert names.get(russia.speaker) == "Russia" and russia.stance == "accuse"


def test_example_gerasimov_lashed_out_targets_us(example):
    body, result, names = example
    a = find(result.attributions, "being responsible in providing")
    assert a.cue and a.cue.text.startswith("lashed out")
    assert a.stance == "accuse"
    assert "Gerasimov" in (names.get(a.speaker) or "")
    assert any(names.get(t, "") in {"U.S", "U.S.", "United States", "the United States", "USA"} for t in a.targets)


def test_example_echo_and_reported_via(example):
    body, result, names = example
    echo = find(result.attributions, "there can be no distinction")
    assert any("Lavrov" in names.get(v, v) for v in echo.via)
    reported = [a for a in result.attributions if any("RFEL" in names.get(v, v) for v in a.via)]
    rfel = [a for a in result.attributions if a.cue and a.cue.text == "reported"]
    assert reported or rfel
    if rfel:
        assert rfel[0].speaker_mention and "RFEL" in rfel[0].speaker_mention.text


def test_example_wiles_blog_quote(example):
    body, result, names = example
    a = find(result.attributions, "I seriously doubt the theory")
    assert a.kind == "direct"
    assert "Wiles" in (names.get(a.speaker) or "")
    assert any("blog" in v or "Right Wing" in names.get(v, v) for v in a.via)


def test_example_markdown_when_article_stage_lands(example_path):
    from claimgraph import analyze
    from claimgraph.errors import ClaimgraphError

    try:
        result = analyze(example_path.read_text(encoding="utf-8"), format="markdown")
    except (ClaimgraphError, NotImplementedError, ValueError) as exc:  # the article stage is written concurrently
        pytest.skip(f"markdown article stage not ready: {exc}")
    body = result.article.body
    for a in result.attributions:
        assert body[a.content.start : a.content.end] == a.content.text
    assert any(a.stance == "accuse" for a in result.attributions)


def _rule_candidate(nlp, text: str, word: str):
    from claimgraph.attribution.rules import candidate_for

    doc = nlp(text)
    tok = next(t for t in doc if t.text == word)
    cand = candidate_for(tok)
    assert cand is not None, f"no candidate for {word!r}"
    content = " ".join(doc[i].text for i in cand.content)
    source = cand.source.text if cand.source is not None else None
    return cand, [doc[i].text for i in cand.cue], source, content


def test_copula_adjective_inner_states(nlp):
    cand, cue, source, content = _rule_candidate(
        nlp, "Senior aides were acutely aware that the senator might be kept offstage.", "aware"
    )
    assert cand.rule == "copula" and "aware" in cue
    assert source == "aides"
    assert content.startswith("that the senator") and content.endswith("offstage")
    cand, cue, source, content = _rule_candidate(nlp, "Many donors were skeptical of her new tax plan.", "skeptical")
    assert cue[-1] == "of" and source == "donors" and content == "her new tax plan"
    cand, cue, source, content = _rule_candidate(nlp, "It is unclear whether the governor will run again.", "unclear")
    assert source is None and content.startswith("whether the governor")


def test_prepositional_verb_cues(nlp):
    cand, cue, source, content = _rule_candidate(
        nlp, "A spokesman for the mayor did not respond to a request for comment.", "respond"
    )
    assert cand.rule == "prep" and cue == ["respond", "to"]
    assert content == "a request for comment"


def test_object_content_leaves_out_circumstance(nlp):
    cand, cue, source, content = _rule_candidate(
        nlp, "The retailer announced the partnership after cutting ties with its old supplier.", "announced"
    )
    assert content == "the partnership"


def test_called_on_keeps_who_is_asked(nlp):
    cand, cue, source, content = _rule_candidate(
        nlp, "The senator called on the bank's chief executive to resign.", "called"
    )
    assert source == "senator"
    assert content.startswith("the bank 's chief executive") and content.endswith("to resign")


def test_object_content_leaves_out_apposition(nlp):
    cand, cue, source, content = _rule_candidate(
        nlp, "The governor appointed Mendez, a former federal prosecutor, to the commission.", "appointed"
    )
    assert content.startswith("Mendez") and "prosecutor" not in content


def test_parenthetical_said_before_the_clause_it_interrupts(nlp):
    text = "The latest missile test, the agency said, was the largest the country has carried out."
    cand, cue, source, content = _rule_candidate(nlp, text, "said")
    assert cand.rule == "interrupted" and source == "agency"
    # both sides of the interruption are content, the speaker and cue are not
    assert content.startswith("The latest missile test") and content.endswith("carried out .")
    assert "agency" not in content and "said" not in content


def test_according_to_parsed_as_the_root(nlp):
    # the parser hangs the reported clause on the source as an apposition after its comma
    text = "According to conservative talk radio host Rush Limbaugh, the move reeks of fear and desperation."
    cand, cue, source, content = _rule_candidate(nlp, text, "According")
    assert cue == ["According", "to"] and source == "Limbaugh"
    assert content.startswith("the move reeks") and "Limbaugh" not in content


def test_noun_cue_followed_by_a_colon(nlp):
    text = 'The senator\'s succinct reply: "Not in a million years." Reporters laughed.'
    cand, cue, source, content = _rule_candidate(nlp, text, "reply")
    assert cand.rule == "noun" and source == "senator"
    assert "million years" in content and "Reporters" not in content


def test_asked_someone_if_keeps_the_question(nlp):
    text = "Ramos asked the former secretary of state during a Facebook chat if she would commit to his pledge."
    cand, cue, source, content = _rule_candidate(nlp, text, "asked")
    assert source == "Ramos"
    assert content.startswith("the former secretary of state") and content.endswith("commit to his pledge")


def test_said_introducing_a_quotation_is_not_an_interruption(nlp):
    text = "In his blog at the Daily Review, he said, “I seriously doubt the theory that the agency is behind it.”"
    atts, _ = run(nlp, text)
    a = find(atts, "doubt the theory")
    assert a.kind == "direct" and a.content.text.startswith("“I seriously")
    assert "blog" not in a.content.text


@pytest.mark.parametrize(
    ("text", "reply", "speaker"),
    [
        ('The host pressed him on the plan. Moore said, "Any."', '"Any."', "Moore"),
        ('Reporters asked about the money. Palmieri replied: "Take it!"', '"Take it!"', "Palmieri"),
        ('"Thanks, John!" responded the finance director.', '"Thanks, John!"', "director"),
    ],
)
def test_short_quoted_reply_set_off_by_a_speech_verb(nlp, text, reply, speaker):
    # under four words a quotation is normally a scare quote; set off by a comma or colon
    # after a speech verb, or opening the sentence before one, it is what was said
    atts, _ = run(nlp, text)
    a = find(atts, reply.strip('"'))
    assert a.kind == "direct" and reply in a.content.text
    assert a.speaker_mention is not None and speaker in a.speaker_mention.text


def test_short_scare_quote_is_not_speech(nlp):
    atts, _ = run(nlp, 'The "chalking" movement spread to forty campuses last spring.')
    assert not any("chalking" in a.content.text for a in atts)


def test_that_clause_hung_inside_a_prepositional_phrase(nlp):
    # the parser makes the reported clause a relative clause of "series"; its "that" is a marker
    text = "The mayor said in one of a series of Twitter messages that the truck was carrying arms."
    cand, cue, source, content = _rule_candidate(nlp, text, "said")
    assert cand.rule == "stray-clause" and source == "mayor"
    assert content.startswith("that the truck") and content.endswith("carrying arms")


def test_interruption_parsed_with_the_speech_verb_as_head(nlp):
    # the parser makes "claimed" the root, the opening phrase its dependent and "breaks" its conjunct
    text = "That kind of spending, the auditor claimed, breaks the city's own rules."
    cand, cue, source, content = _rule_candidate(nlp, text, "claimed")
    assert cand.rule == "interrupted" and source == "auditor"
    assert content.startswith("That kind of spending") and content.endswith("own rules")
    assert "auditor" not in content
    from claimgraph.attribution.rules import candidate_for

    doc = nlp("Last week, the minister said, and then left the room.")  # a date is not what was said
    assert candidate_for(next(t for t in doc if t.text == "said")) is None
