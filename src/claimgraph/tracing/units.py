"""Claim units of one analysed article, with the parse facts tracing compares.

A unit is one claim sentence of the record (``AnalysisResult.claims``, headings already out). When an
attribution's content covers most of the sentence, the unit's *core* is that content: "X said that Y",
"Y, X said" and a bare "Y" then share the core Y, and who said it is kept beside it (speaker, cue, stance),
so that dropping or moving "X said" is seen as a change of attribution, not of the claim.
"""

from __future__ import annotations

from bisect import bisect_left
from dataclasses import dataclass, field

from ..model import AnalysisResult, Attribution, Entity, MemberAttribution
from .text import content_words, is_number, negation_words, stem, strip_leading, tokens

MIN_CONTENT_WORDS = 4  # fewer state nothing checkable ("He said so.", "Follow us on Twitter.")
MAIN_SHARE = 0.4  # an attribution whose content covers this share of a sentence is the sentence's claim
_TITLES = frozenset({"mr", "mrs", "ms", "dr", "sen", "rep", "gov", "gen", "president", "senator", "the"})
_PRONOUNS = frozenset(
    ["he", "she", "they", "it", "we", "i", "you", "his", "her", "their", "its", "our", "who", "this", "that"]
)


@dataclass(frozen=True, slots=True)
class UnitQuantity:
    """A number in the core: as written, its value, and whether it is hedged ("up to", "about")."""

    text: str
    value: float
    approx: str | None


@dataclass(slots=True)
class ClaimUnit:
    """One claim unit of one article: where it is, what it says (core), on whose word, and its signals."""

    article: str
    start: int
    end: int
    text: str
    core: tuple[str, ...]  # normalised tokens of the claim proper
    words: tuple[str, ...]  # normalised tokens of the whole sentence (numbers and negations are read here)
    content: frozenset[str]  # its content words other than names: what is said about whoever is named
    sentence_content: frozenset[str] = frozenset()  # the same over the whole sentence
    attribution: MemberAttribution | None = None
    cue_lemma: str | None = None
    speaker_key: str | None = None  # the head word of the speaker's name; None when unknown or a pronoun
    quantities: list[UnitQuantity] = field(default_factory=list)
    hedges: list[str] = field(default_factory=list)
    negations: list[str] = field(default_factory=list)
    names: frozenset[str] = frozenset()

    @property
    def attributed(self) -> bool:
        return self.attribution is not None and self.attribution.speaker is not None

    @property
    def speaker(self) -> str | None:
        return self.attribution.speaker if self.attribution is not None else None


def _overlap(spans: list[tuple[int, int]], start: int, end: int) -> int:
    total = 0
    for s, e in spans:
        if e > start and s < end:
            total += min(e, end) - max(s, start)
    return total


def main_attribution(attributions: list[Attribution], start: int, end: int) -> Attribution | None:
    """The attribution with a source whose content covers the largest part of ``[start, end)``, if enough."""
    best, best_cover = None, 0
    for a in attributions:
        if a.content.start >= end or a.content.end <= start:
            continue
        if a.speaker is None and a.speaker_mention is None:
            continue  # "reportedly", "it is believed": a hedge, not a source; the claim is the whole sentence
        cover = _overlap(a.content.fragments, start, end)
        if cover > best_cover:
            best, best_cover = a, cover
    if best is None or best_cover < MAIN_SHARE * (end - start):
        return None
    return best


def name_key(name: str | None) -> frozenset[str]:
    """Name tokens without titles, so "Gen. Valery Gerasimov" and "Gerasimov" can be told to be one speaker."""
    if not name:
        return frozenset()
    return frozenset(t for t in tokens(name) if t not in _TITLES and len(t) > 1)


def speaker_key(name: str | None) -> str | None:
    """The last word of a speaker's name ("Gen. Valery Gerasimov" and "Gerasimov" share "gerasimov"; "the
    regional health ministry" and "the Health Ministry" share "ministry"); None for a pronoun, which names no one."""
    words = [t for t in tokens(name or "") if t not in _TITLES]
    if not words or all(t in _PRONOUNS for t in words):
        return None
    return words[-1].removesuffix("'s")


def _core_text(result: AnalysisResult, att: Attribution | None, start: int, end: int) -> str:
    body = result.article.body
    if att is None:
        return body[start:end]
    parts = [body[max(s, start) : min(e, end)] for s, e in att.content.fragments if min(e, end) > max(s, start)]
    return " ".join(parts)


def _member_attribution(att: Attribution | None, entities: dict[str, Entity]) -> MemberAttribution | None:
    if att is None:
        return None
    speaker = entities[att.speaker].name if att.speaker in entities else None
    mention = att.speaker_mention.text if att.speaker_mention is not None else None
    if speaker is None and mention is not None:
        speaker = mention
    cue = att.cue.text if att.cue is not None else None
    return MemberAttribution(speaker=speaker, cue=cue, stance=att.stance, kind=att.kind, speaker_text=mention)


def _name_mentions(result: AnalysisResult) -> list[tuple[int, int, str]]:
    """(start, end, text) of every name mention of the record, in body order."""
    return sorted((m.start, m.end, m.text) for e in result.entities for m in e.mentions if m.kind in ("name", "alias"))


def _names(mentions: list[tuple[int, int, str]], start: int, end: int, att: Attribution | None) -> frozenset[str]:
    """Casefolded name tokens of the named entities mentioned in the claim (the speaker's mention excluded)."""
    skip = (att.speaker_mention.start, att.speaker_mention.end) if att and att.speaker_mention else (-1, -1)
    out: set[str] = set()
    for s, e, text in mentions[bisect_left(mentions, (start,)) :]:
        if s >= end:
            break
        if e <= end and (s, e) != skip:
            out |= name_key(text)
    return frozenset(out)


def _quantities(result: AnalysisResult, start: int, end: int, words: tuple[str, ...]) -> list[UnitQuantity]:
    """The sentence's quantities as the record has them, plus any bare number the quantity stage left out
    ("Game 7"), so that a changed number is seen wherever it is in the sentence."""
    out = [UnitQuantity(q.text, q.value, q.approx) for q in result.quantities if start <= q.start and q.end <= end]
    covered = " ".join(q.text for q in out)
    for t in words:
        if is_number(t) and t not in covered:
            try:
                out.append(UnitQuantity(t, float(t.replace(",", "")), None))
            except ValueError:
                continue
    return out


def claim_units(result: AnalysisResult) -> list[ClaimUnit]:
    """The claim units of one record worth tracing (statements with enough content words), in body order."""
    entities = {e.id: e for e in result.entities}
    hedges = result.signals.hedges if result.signals is not None else []
    mentions = _name_mentions(result)
    units = []
    for claim in result.claims:
        if claim.question:
            continue
        att = main_attribution(result.attributions, claim.start, claim.end)
        core = strip_leading(tokens(_core_text(result, att, claim.start, claim.end)))
        names = _names(mentions, claim.start, claim.end, att)
        words = content_words(core)
        if len(words) < MIN_CONTENT_WORDS:
            continue
        name_words = names | {stem(n) for n in names}
        sentence = tokens(claim.text)
        content = words - name_words
        member_att = _member_attribution(att, entities)
        units.append(
            ClaimUnit(
                article=result.document.id,
                start=claim.start,
                end=claim.end,
                text=claim.text,
                core=core,
                words=sentence,
                content=content,
                sentence_content=content_words(sentence) - name_words,
                attribution=member_att,
                cue_lemma=att.cue.lemma if att is not None and att.cue is not None else None,
                speaker_key=speaker_key(member_att.speaker) if member_att is not None else None,
                quantities=_quantities(result, claim.start, claim.end, sentence),
                hedges=[h.cue for h in hedges if claim.start <= h.start and h.end <= claim.end],
                negations=negation_words(sentence),
                names=names,
            )
        )
    return units
