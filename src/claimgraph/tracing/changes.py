"""How a repeat of a claim differs from its first appearance, read off the two claims' own parses.

Each label comes from one layer of the record: attribution (dropped, added, speaker, stance), quantities
(number), hedges (added, removed), negation words and the word sequence (truncated). A repeat with none
of these is ``verbatim`` when its claim words are the same, ``reworded`` otherwise; a moved "X said" keeps
the same core and speaker, so it is one of those two.
"""

from __future__ import annotations

from ..model import ClaimChange
from .text import ordered_subsequence, tokens
from .units import ClaimUnit, UnitQuantity

TRUNCATED_SHARE = 0.8  # a cut keeps at most this share of the first claim's words ...
TRUNCATED_MIN_DROPPED = 3  # ... and leaves out at least this many


def same_speaker(a: ClaimUnit, b: ClaimUnit) -> bool:
    """One speaker when the names' head words agree; a pronoun or unknown name is taken to be the same one."""
    if a.speaker_key is None or b.speaker_key is None:
        return True
    return a.speaker_key == b.speaker_key


def attributed_against(u: ClaimUnit, other: ClaimUnit) -> bool:
    """``u`` puts the claim on a source, unless its "speaker" and "cue" are words of the other's claim itself:
    "Scott says he has fought ..." against "He has fought ...", where "he ... fought" is the claim, not a source."""
    att = u.attribution
    if not u.attributed or att is None:
        return False
    own = set(other.core)
    cue, speaker = tokens(att.cue or ""), tokens(att.speaker_text or att.speaker or "")
    return not (cue and speaker and set(cue) <= own and set(speaker) <= own)


def attribution_changes(first: ClaimUnit, m: ClaimUnit) -> list[ClaimChange]:
    fa, ma = first.attribution, m.attribution
    f_att, m_att = attributed_against(first, m), attributed_against(m, first)
    if f_att and not m_att:
        return [ClaimChange("attribution_dropped", speaker=first.speaker, cue=fa.cue if fa else None)]
    if m_att and not f_att:
        return [ClaimChange("attribution_added", speaker=m.speaker, cue=ma.cue if ma else None)]
    if not (f_att and m_att) or fa is None or ma is None:
        return []
    if not same_speaker(first, m):
        return [ClaimChange("speaker_changed", before=first.speaker, after=m.speaker, cue=ma.cue)]
    if fa.stance != ma.stance and first.cue_lemma != m.cue_lemma:
        return [ClaimChange("stance_changed", before=fa.stance, after=ma.stance, speaker=m.speaker, cue=ma.cue)]
    return []


def _values(qs: list[UnitQuantity]) -> list[float]:
    return [q.value for q in qs]


def number_changes(first: ClaimUnit, m: ClaimUnit) -> list[ClaimChange]:
    """Numbers of the first claim missing from the repeat, paired in order with the repeat's new numbers."""
    new_values = _values(m.quantities)
    old_values = _values(first.quantities)
    gone = [q for q in first.quantities if q.value not in new_values]
    came = [q for q in m.quantities if q.value not in old_values]
    return [ClaimChange("number_changed", before=a.text, after=b.text) for a, b in zip(gone, came, strict=False)]


def _hedge_words(u: ClaimUnit) -> set[str]:
    return set(u.hedges) | {q.approx for q in u.quantities if q.approx}


def hedge_changes(first: ClaimUnit, m: ClaimUnit) -> list[ClaimChange]:
    """Hedges added or removed; one hedge swapped for another ("probably" -> "likely") is a rewording."""
    old, new = _hedge_words(first), _hedge_words(m)
    added, removed = sorted(new - old), sorted(old - new)
    if added and removed:
        return []
    if added:
        return [ClaimChange("hedge_added", words=added)]
    if removed:
        return [ClaimChange("hedge_removed", words=removed)]
    return []


def negation_changes(first: ClaimUnit, m: ClaimUnit) -> list[ClaimChange]:
    """An odd difference in negation words flips the claim ("did" -> "did not"; "not" -> "never" does not)."""
    if len(first.negations) % 2 == len(m.negations) % 2:
        return []
    words = sorted(set(first.negations) ^ set(m.negations)) or sorted(set(first.negations) | set(m.negations))
    return [ClaimChange("negated", words=words)]


def truncation(first: ClaimUnit, m: ClaimUnit) -> list[ClaimChange]:
    """The repeat is the first claim with its tail or a clause cut off (words kept in order, nothing new)."""
    short, long = m.core, first.core
    dropped = len(long) - len(short)
    if len(short) > TRUNCATED_SHARE * len(long) or dropped < TRUNCATED_MIN_DROPPED:
        return []
    if not ordered_subsequence(short, long):
        return []
    kept = list(short)
    left_out = []
    for t in long:
        if kept and t == kept[0]:
            kept.pop(0)
        else:
            left_out.append(t)
    return [ClaimChange("truncated", words=left_out)]


def compare(first: ClaimUnit, m: ClaimUnit, similarity: float | None = None) -> list[ClaimChange]:
    """Every change of ``m`` against ``first``; ``verbatim`` or ``reworded`` when the claim is unchanged."""
    changes = (
        attribution_changes(first, m)
        + number_changes(first, m)
        + hedge_changes(first, m)
        + negation_changes(first, m)
        + truncation(first, m)
    )
    if changes:
        return changes
    if first.core == m.core:
        return [ClaimChange("verbatim", similarity=1.0)]
    return [ClaimChange("reworded", similarity=None if similarity is None else round(similarity, 3))]
