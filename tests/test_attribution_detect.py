"""Detection and speaker classes found on the PolNeAR train part (issue 19), each on sentences written for it.

Feelings said with a participle ("X was frustrated that ..."), infinitives whose source is an
object or a copula's subject, verbs hanging on a passive, and a subject the parser hung on the
line before.
"""

from __future__ import annotations

import pytest

from claimgraph.attribution import extract_attributions
from claimgraph.entities import resolve_entities


def run(nlp, text: str):
    doc = nlp(text)
    return extract_attributions(doc, resolve_entities(doc))


def by_cue(atts, word: str):
    found = [a for a in atts if a.cue is not None and word in a.cue.text]
    assert found, f"no attribution with cue {word!r} in {[a.cue.text for a in atts if a.cue]}"
    return found[0]


def speaker_text(att) -> str | None:
    return att.speaker_mention.text if att.speaker_mention else None


@pytest.mark.parametrize(
    ("text", "cue", "speaker", "content"),
    [
        ("The farmers were frustrated that the ministry delayed the subsidy again.", "frustrated", "farmers",
         "the ministry delayed the subsidy"),
        ("Many teachers are worried about the new testing schedule.", "worried", "teachers", "testing schedule"),
        ("Residents of the valley were divided on whether the dam should be built.", "divided", "Residents",
         "the dam should be built"),
    ],
)  # fmt: skip
def test_feeling_participle_has_its_subject_as_source(nlp, text, cue, speaker, content):
    att = by_cue(run(nlp, text), cue)
    assert speaker in (speaker_text(att) or "")
    assert content in att.content.text
    assert speaker not in att.content.text


def test_feeling_by_phrase_is_content_not_speaker(nlp):
    atts = run(nlp, "The mayor was delighted by the surprising turnout at the festival.")
    att = by_cue(atts, "delighted")
    assert "mayor" in (speaker_text(att) or "")
    assert "turnout" in att.content.text


def test_accused_by_still_names_the_accuser(nlp):
    """The contrast: a speech passive's "by" phrase is who speaks."""
    att = by_cue(run(nlp, "The bank was accused by a state regulator of hiding the losses."), "accused")
    assert "regulator" in (speaker_text(att) or "")


def test_object_controls_the_infinitive(nlp):
    att = by_cue(run(nlp, "The scandal led the columnist to fear a wave of resignations."), "fear")
    assert "columnist" in (speaker_text(att) or "")
    assert "scandal" not in (speaker_text(att) or "")


def test_first_to_endorse_is_said_of_the_copula_subject(nlp):
    att = by_cue(run(nlp, "Okafor was the first governor in the region to endorse Lindqvist."), "endorse")
    assert speaker_text(att) == "Okafor"


def test_verb_after_a_passive_takes_its_subject(nlp):
    att = by_cue(run(nlp, "She was suspended for a week after slamming the board over the budget."), "slamming")
    assert speaker_text(att) == "She"


def test_line_opening_subject_hung_on_the_previous_line(nlp):
    text = (
        "Okafor kept up his attacks on his rivals in the hours before the vote \n"
        "Okafor, in Lagos, said on Tuesday that the count was \u201ca total disgrace\u201d."
    )
    att = by_cue(run(nlp, text), "said")
    assert (speaker_text(att) or "").startswith("Okafor")
    assert att.speaker_mention.start > text.index("\n")


def test_stranded_subject_before_an_aside(nlp):
    """The parser hangs the subject on the phrase before it; the verb still has one."""
    text = "Speaking in Leeds, Okafor, without naming her, also accused Lindqvist of ignoring the workers."
    att = by_cue(run(nlp, text), "accused")
    assert speaker_text(att) == "Okafor"


def test_imperative_gets_no_stranded_subject(nlp):
    """Only a finite verb has a subject to find: a bare imperative stays without a speaker or is dropped."""
    atts = run(nlp, "Share this story, and tell your friends that the vote is on Friday.")
    assert all(speaker_text(a) in {None, "your friends"} for a in atts)


@pytest.mark.parametrize(
    ("text", "cue", "speaker"),
    [
        ("But Okafor stopped short of fully endorsing the union's demands.", "endorsing", "Okafor"),
        ("They will be under pressure to pledge that the plant stays open.", "pledge", "They"),
    ],
)
def test_verb_in_a_prepositional_phrase_takes_the_governing_subject(nlp, text, cue, speaker):
    att = by_cue(run(nlp, text), cue)
    assert speaker in (speaker_text(att) or "")


def test_noun_cue_held_by_the_subject_of_its_verb(nlp):
    atts = run(nlp, "Lindqvist gave a warm endorsement of the mayor on Sunday.")
    att = by_cue(atts, "endorsement")
    assert speaker_text(att) == "Lindqvist"
    assert "mayor" in att.content.text


def test_noun_cue_in_hopes_that(nlp):
    atts = run(nlp, "She kept quiet for weeks in hopes that the two rivals would drop out.")
    att = by_cue(atts, "hopes")
    assert speaker_text(att) == "She"


def test_participle_with_a_clause_is_active(nlp):
    """The parser hangs "found" on "poll" as a participle; with a that-clause it is the poll's finding."""
    att = by_cue(run(nlp, "A Marist College poll found last week that the mayor would win easily."), "found")
    assert "poll" in (speaker_text(att) or "")


def parsed(nlp, rows: list[tuple[str, str, str, str, int]]):
    """A Doc with the parse given (word, POS, tag, dep, head index): the misparses the tagger and parser make
    on news text, written out so the rule is tested on exactly that shape."""
    from spacy.tokens import Doc

    words, pos, tags, deps, heads = (list(col) for col in zip(*rows, strict=True))
    return Doc(nlp.vocab, words=words, pos=pos, tags=tags, deps=deps, heads=heads)


def test_name_and_verb_tagged_as_a_compound_noun(nlp):
    """ "Okafor predicts that ..." read as a noun compound: with a that-clause the name is the source."""
    from claimgraph.attribution.shapes import noun_cue

    doc = parsed(nlp, [("Okafor", "NOUN", "NN", "compound", 1), ("predicts", "NOUN", "NNS", "ROOT", 1),
                       ("that", "SCONJ", "IN", "mark", 4), ("voters", "NOUN", "NNS", "nsubj", 4),
                       ("switch", "VERB", "VBP", "ccomp", 1), (".", "PUNCT", ".", "punct", 1)])  # fmt: skip
    cand = noun_cue(doc[1])
    assert cand is not None and cand.source is not None and cand.source.text == "Okafor"
    assert [doc[i].text for i in cand.content] == ["that", "voters", "switch"]


def test_lowercase_compound_before_a_plural_noun_is_no_source(nlp):
    """The same shape without a capitalised word or a clause is a plain noun phrase."""
    from claimgraph.attribution.shapes import noun_cue

    doc = parsed(nlp, [("farm", "NOUN", "NN", "compound", 1), ("reports", "NOUN", "NNS", "nsubj", 2),
                       ("arrived", "VERB", "VBD", "ROOT", 2), (".", "PUNCT", ".", "punct", 2)])  # fmt: skip
    cand = noun_cue(doc[1])
    assert cand is None or cand.source is None


def test_that_clause_parsed_as_an_adverbial(nlp):
    """ "tweeted in the early hours that X was ...": the parser made the that-clause an adverbial."""
    from claimgraph.attribution.content import verb_content

    doc = parsed(nlp, [("Okafor", "PROPN", "NNP", "nsubj", 1), ("tweeted", "VERB", "VBD", "ROOT", 1),
                       ("early", "ADV", "RB", "advmod", 1), ("that", "PRON", "WDT", "advmod", 5),
                       ("count", "NOUN", "NN", "nsubj", 5), ("was", "AUX", "VBD", "advcl", 1),
                       ("rigged", "ADJ", "JJ", "acomp", 5), (".", "PUNCT", ".", "punct", 1)])  # fmt: skip
    ids, rule = verb_content(doc[1], set())
    assert rule == "advcl"
    assert [doc[i].text for i in ids] == ["that", "count", "was", "rigged"]


def test_quotes_signed_with_a_dash_take_the_signer(nlp):
    text = (
        "Readers told us what they think of the race.\n"
        "\u201cThe debate left me angry, and I will vote for the first time this year.\u201d \u2015 Ana Ruiz\n"
        "\u201cI hope this campaign gets our neighbours to register and go out and vote.\u201d \u2015 Jorge Paz"
    )
    atts = run(nlp, text)
    by_content = {a.content.text.split()[1]: speaker_text(a) for a in atts if a.content.text.startswith("\u201c")}
    assert by_content.get("debate") == "Ana Ruiz"
    assert by_content.get("hope") == "Jorge Paz"


def test_a_dash_inside_a_sentence_is_no_signature(nlp):
    text = "\u201cWe will win this district,\u201d she said \u2014 and then the count began in earnest."
    atts = run(nlp, text)
    assert all(a.cue is None or a.cue.text != "\u2014" for a in atts)


def test_quote_then_read_the_statement(nlp):
    text = "\u201cOur union has already forced the board to change its mind on pensions,\u201d read the statement."
    att = by_cue(run(nlp, text), "read")
    assert speaker_text(att) == "the statement"
