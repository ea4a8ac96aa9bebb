"""Hedges, anonymous sources and vague sources, each with its span.

These mark where a text leans on something the reader cannot check: a claim softened
("reportedly", "may have", "it is believed"), a source kept unnamed ("sources close to",
"people familiar with", "on condition of anonymity"), or a source too general to hold
to account ("officials said", "experts say", "according to reports").

Categories: ``hedge`` | ``anonymous_source`` | ``vague_source``. Matching is by spaCy
tags, lemmas and the dependency parse, not strings alone, so "May" the month or "can"
of ability are not hedges and "officials said" is vague only when no name is attached.
"""

from __future__ import annotations

import re
from typing import Any

from ..model import Hedge
from ..nlp.arrays import doc_text, token_rows
from ..vocab import HedgeCategory

HEDGE_ADVERBS = {
    "reportedly", "allegedly", "apparently", "purportedly", "supposedly", "possibly", "perhaps", "probably",
    "presumably", "seemingly", "ostensibly", "likely", "maybe", "conceivably", "rumoredly",
}  # fmt: skip
HEDGE_ADJECTIVES = {"alleged", "unconfirmed", "rumored", "rumoured", "suspected", "purported", "unverified"}
HEDGE_MODALS = {"could", "may", "might"}
BELIEF_PARTICIPLES = {"believed", "thought", "said", "reported", "alleged", "understood", "rumored", "rumoured",
                      "suspected", "claimed", "feared", "estimated", "considered"}  # fmt: skip
SEEM_VERBS = {"seem", "appear"}
REPORT_LEMMAS = {
    "say", "tell", "claim", "believe", "report", "suggest", "warn", "argue", "estimate", "note", "insist", "add",
    "confirm", "describe", "indicate", "think", "fear", "expect", "allege", "accuse", "acknowledge", "predict",
    "speculate", "caution", "contend", "maintain", "admit", "explain", "point", "write", "state",
}  # fmt: skip
# Nouns that name a source without saying who: anonymous when the text hides an individual,
# vague when it points at a whole class of people or at unnamed reports.
ANONYMOUS_NOUNS = {"source", "sources", "insider", "insiders", "aide", "aides", "confidant", "confidants"}
VAGUE_NOUNS = {
    "official", "officials", "expert", "experts", "analyst", "analysts", "critic", "critics", "observer",
    "observers", "diplomat", "diplomats", "witness", "witnesses", "resident", "residents", "activist", "activists",
    "report", "reports", "scientist", "scientists", "researcher", "researchers", "authorities", "people",
    "some", "many", "others", "media", "commentators", "pundits", "economists", "investigators", "lawmakers",
    "republicans", "democrats", "supporters", "opponents", "sceptics", "skeptics", "rumours", "rumors",
}  # fmt: skip
ANONYMITY = re.compile(
    r"\b(?:on|under) (?:the )?condition(?:s)? of anonymity\b|\bwho (?:declined|refused|asked|requested|did not want|"
    r"didn't want|wished) (?:not )?to be (?:named|identified)\b|\bwho (?:requested|asked for|was granted|were granted)"
    r" anonymity\b|\bnot authori[sz]ed to (?:speak|comment|discuss)\b|\bspeaking anonymously\b",
    re.I,
)
FAMILIAR = re.compile(
    r"\b(?:people|persons?|sources?|someone|individuals?|officials?|an? (?:official|source|person))"
    r" (?:familiar with|close to|briefed on|with (?:direct )?knowledge of|knowledgeable about)\b",
    re.I,
)
IMPERSONAL = re.compile(
    r"\bit (?:is|was|has been|had been) (?:widely |generally |now )?(?:believed|thought|said|reported|alleged|claimed|"
    r"rumou?red|understood|suspected|feared|estimated)\b",
    re.I,
)
ANAPHORIC = {"the", "these", "those", "this", "that", "his", "her", "their", "its", "our"}


def _item(doc: Any, text: str, start: int, end: int, category: HedgeCategory, kind: str, cue: str) -> Hedge:
    """A hedge without its id yet (``find_hedges`` numbers them once they are deduplicated)."""
    sent = doc.char_span(start, end, alignment_mode="expand")
    bounds = (sent.sent.start_char, sent.sent.end_char) if sent is not None else None
    return Hedge("", category, kind, cue, start, end, text[start:end], bounds)


def _regex_items(doc: Any, text: str, pattern: re.Pattern[str], category: HedgeCategory, kind: str) -> list[Hedge]:
    return [_item(doc, text, m.start(), m.end(), category, kind, m.group(0).lower()) for m in pattern.finditer(text)]


def _is_named(noun: Any) -> bool:
    """True when a source noun carries a name: "Pentagon officials" stays vague, "officials such as Smith" does not."""
    for child in noun.children:
        if child.dep_ == "appos" and child.ent_type_ == "PERSON":
            return True
        if child.dep_ in ("compound", "nmod") and child.ent_type_ == "PERSON":
            return True
    return noun.ent_type_ == "PERSON"


def _noun_phrase(noun: Any) -> tuple[int, int]:
    """Left modifiers + noun + a following "close to / familiar with ..." phrase, in characters."""
    left = min([noun.i] + [c.i for c in noun.lefts if c.dep_ in ("det", "amod", "compound", "nummod", "nmod", "poss")])
    right = noun.i
    for child in noun.rights:
        if child.dep_ in ("amod", "prep", "acl") and child.i == right + 1 and child.lower_ in ("close", "familiar"):
            right = max(t.i for t in child.subtree)
    doc = noun.doc
    left_tok = doc[left]
    if left_tok.dep_ == "poss" or left_tok.tag_ == "POS":
        left_tok = doc[min(left + 1, noun.i)]
    return left_tok.idx, doc[right].idx + len(doc[right].text)


def _source_nouns(doc: Any, text: str) -> list[Hedge]:
    """Unnamed source nouns that say or are cited: "officials said", "according to sources", "experts believe"."""
    out = []
    for tok in doc:
        lw = tok.lower_
        if lw not in ANONYMOUS_NOUNS and lw not in VAGUE_NOUNS:
            continue
        reporting = False
        if tok.dep_ in ("nsubj", "nsubjpass") and tok.head.lemma_.lower() in REPORT_LEMMAS:
            reporting = True
        if (
            tok.dep_ == "pobj"
            and tok.head.lower_ == "to"
            and tok.head.i > 0
            and doc[tok.head.i - 1].lower_ == "according"
        ):
            reporting = True
        if tok.dep_ == "pobj" and tok.head.lower_ in ("by", "from") and lw in ("reports", "report", "sources"):
            reporting = True
        if not reporting or _is_named(tok):
            continue
        if lw == "people" and not any(c.lower_ in ("some", "many", "most", "several") for c in tok.children):
            continue  # "people said" often refers back to a named crowd; "some/many people" are vague
        dets = {c.lower_ for c in tok.children if c.dep_ in ("det", "poss")}
        if lw not in ANONYMOUS_NOUNS and dets & ANAPHORIC:
            continue  # "the officials", "these experts" point back to a group the text already named
        start, end = _noun_phrase(tok)
        singular_person = tok.tag_ == "NN" and dets & {"a", "an", "one"} and lw not in ("report", "media")
        category = "anonymous_source" if lw in ANONYMOUS_NOUNS or singular_person else "vague_source"
        out.append(
            _item(
                doc, text, start, end, category, "unnamed_" + ("group" if category == "vague_source" else "source"), lw
            )
        )
    return out


def _next(doc: Any, tok: Any) -> Any:
    return doc[tok.i + 1] if tok.i + 1 < len(doc) else None


def _modal_hedge(doc: Any, text: str, tok: Any) -> Hedge | None:
    """ "may", "could have known": a modal (with "have" + participle); "could not" is an inability, not a guess."""
    nxt = _next(doc, tok)
    if tok.lower_ == "could" and nxt is not None and nxt.lower_ in ("not", "n't", "never"):
        return None
    end_tok = tok
    if nxt is not None and nxt.lower_ == "have" and tok.i + 2 < len(doc) and doc[tok.i + 2].tag_ == "VBN":
        end_tok = nxt
    kind = "modal_perfect" if end_tok is not tok else "modal"
    words = doc[tok.i : end_tok.i + 1].text.lower()
    return _item(doc, text, tok.idx, end_tok.idx + len(end_tok.text), "hedge", kind, words)


def _seem_hedge(doc: Any, text: str, tok: Any) -> Hedge | None:
    """ "seems to", "appeared that"."""
    nxt = _next(doc, tok)
    if nxt is None or nxt.lower_ not in ("to", "that"):
        return None
    lemma = tok.lemma_.lower()
    return _item(doc, text, tok.idx, nxt.idx + len(nxt.text), "hedge", "seem", f"{lemma} {nxt.lower_}")


def _passive_belief_hedge(doc: Any, text: str, tok: Any) -> Hedge | None:
    """ "is believed to", "were thought to" (not the impersonal "it is believed")."""
    nxt = _next(doc, tok)
    subj = next((c for c in tok.children if c.dep_ == "nsubjpass"), None)
    if nxt is None or nxt.lower_ != "to" or (subj is not None and subj.lower_ == "it"):
        return None
    start = min([tok.i] + [c.i for c in tok.children if c.dep_ == "auxpass"])
    return _item(doc, text, doc[start].idx, nxt.idx + len(nxt.text), "hedge", "passive_belief", f"{tok.lower_} to")


def _hedge_tokens(doc: Any, text: str) -> list[Hedge]:
    """Hedging words: adverbs ("reportedly"), adjectives ("alleged"), modals, "seem to", "is believed to"."""
    out: list[Hedge | None] = []
    words = HEDGE_ADVERBS | HEDGE_ADJECTIVES | HEDGE_MODALS | BELIEF_PARTICIPLES
    for i in [r.i for r in token_rows(doc) if r.lower_ in words or r.lemma_.lower() in SEEM_VERBS]:
        tok = doc[i]  # only the tokens some branch below can take
        lw = tok.lower_
        if lw in HEDGE_ADVERBS and tok.pos_ in ("ADV", "ADJ") and not (lw == "likely" and tok.dep_ == "amod"):
            out.append(_item(doc, text, tok.idx, tok.idx + len(tok.text), "hedge", "adverb", lw))
        elif lw in HEDGE_ADJECTIVES and tok.dep_ == "amod":
            out.append(_item(doc, text, tok.idx, tok.idx + len(tok.text), "hedge", "adjective", lw))
        elif lw in HEDGE_MODALS and tok.tag_ == "MD":
            out.append(_modal_hedge(doc, text, tok))
        elif tok.lemma_.lower() in SEEM_VERBS and tok.pos_ in ("VERB", "AUX"):
            out.append(_seem_hedge(doc, text, tok))
        elif lw in BELIEF_PARTICIPLES and tok.tag_ == "VBN" and any(c.dep_ == "auxpass" for c in tok.children):
            out.append(_passive_belief_hedge(doc, text, tok))
    return [h for h in out if h is not None]


def find_hedges(doc: Any) -> list[Hedge]:
    """Every hedge, anonymous source and vague source in the document, in text order, without duplicates."""
    text = doc_text(doc)  # spaCy rebuilds doc.text on every access: read it once
    items = _hedge_tokens(doc, text)
    items += _regex_items(doc, text, IMPERSONAL, "hedge", "impersonal")
    items += _regex_items(doc, text, ANONYMITY, "anonymous_source", "anonymity")
    items += _regex_items(doc, text, FAMILIAR, "anonymous_source", "familiar_with")
    items += _source_nouns(doc, text)
    items.sort(key=lambda x: (x.start, -(x.end - x.start)))
    kept: list[Hedge] = []
    for item in items:
        clash = next((k for k in kept if item.start < k.end and k.start < item.end), None)
        if clash is None:
            kept.append(item)
        elif item.category == "anonymous_source" and clash.category != "anonymous_source":
            kept[kept.index(clash)] = item  # "officials familiar with" is anonymous, not merely vague
    for anon in [k for k in kept if k.kind == "anonymity"]:
        for k in kept:
            if k.category == "vague_source" and k.sentence == anon.sentence and k.kind == "unnamed_group":
                k.category = "anonymous_source"  # "two officials, who spoke on condition of anonymity"
    for i, k in enumerate(kept, 1):
        k.id = f"h{i}"
    return kept
