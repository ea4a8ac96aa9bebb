"""The reporting chain: through whom or what an attribution reached the reader.

Why separate from the speaker: "Gerasimov said X, reported RFEL news" has one
speaker (Gerasimov) and one channel (RFEL); "In his blog at Right Wing Watch, he
said" has a medium; "echoing the statement of Lavrov" names an earlier source.
A credibility stage weighs these differently from the speaker, so they are kept
apart as entity ids (when the entity layer knows the channel) or short channel
phrases.
"""

from __future__ import annotations

from ..entities.resolve import EntityIndex
from .spans import tok_end

CHANNEL_NOUNS = set(
    [
        "blog",
        "statement",
        "interview",
        "tweet",
        "twitter",
        "facebook",
        "post",
        "op-ed",
        "oped",
        "column",
        "article",
        "letter",
        "memo",
        "email",
        "e-mail",
        "radio",
        "show",
        "program",
        "programme",
        "broadcast",
        "podcast",
        "press",
        "conference",
        "briefing",
        "speech",
        "video",
        "message",
        "release",
        "editorial",
        "appearance",
        "episode",
        "report",
        "newsletter",
        "website",
        "site",
        "page",
        "account",
    ]
)
SOURCE_VERBS = {"echo", "cite", "quote", "repeat", "paraphrase"}
MEDIA_TELL = {"tell", "inform", "write"}


def _subtree_span(tok) -> tuple[int, int]:
    return tok.left_edge.idx, tok_end(tok.right_edge)


def _named_in(tok, index: EntityIndex) -> list[str]:
    """Entities named (not pronouns: "his blog" is not a channel named after him) in ``tok``'s subtree."""
    out: list[str] = []
    for t in tok.subtree:
        if t.pos_ == "PROPN" or t.ent_type_ in {"ORG", "PERSON", "GPE", "NORP"}:
            eid = index.entity_at(t.idx, t.idx + len(t.text))
            if eid and eid not in out:
                out.append(eid)
    return out


def _channel(prep, index: EntityIndex) -> list[str]:
    """Via items from a channel prepositional phrase ("in his blog at Right Wing Watch")."""
    objs = [c for c in prep.children if c.dep_ == "pobj"]
    if not objs:
        return []
    obj = objs[0]
    if obj.lemma_.lower() not in CHANNEL_NOUNS and obj.ent_type_ not in {"ORG", "WORK_OF_ART"}:
        return []
    ids = _named_in(obj, index)
    if ids:
        return ids
    left = min((c.left_edge for c in obj.lefts), key=lambda t: t.i, default=obj)
    return [obj.doc[left.i : obj.right_edge.i + 1].text]


def find_via(doc, cue_ids: list[int], speaker: str | None, index: EntityIndex) -> list[str]:
    """Channels and earlier sources attached to the cue (or to the verb it hangs off)."""
    via: list[str] = []
    if not cue_ids:
        return via
    head = doc[cue_ids[0]]
    verbs = [head]
    if head.dep_ in {"conj", "xcomp", "advcl"}:
        verbs.append(head.head)
    for verb in verbs:
        for c in verb.children:
            if c.dep_ == "prep" and c.lower_ in {"in", "on", "during", "via", "through", "at"}:
                via += _channel(c, index)
            elif c.dep_ in {"advcl", "xcomp", "conj"} and c.lemma_.lower() in SOURCE_VERBS and c.i not in cue_ids:
                # "Echoing the statement of Lavrov, X said"
                for g in c.children:
                    if g.dep_ in {"dobj", "obj", "prep"}:
                        via += _named_in(g, index)
            elif c.dep_ in {"dative", "dobj"} and verb.lemma_.lower() in MEDIA_TELL and c.ent_type_ == "ORG":
                via += _named_in(c, index)  # "told CNN"
    # a channel phrase opening the sentence may hang off a word inside the quotation:
    # "In his blog at Right Wing Watch, he said, “I seriously doubt ...”"
    for tok in head.sent:
        if tok.i >= head.i:
            break
        if (
            tok.dep_ == "prep"
            and tok.lower_ in {"in", "on", "via", "through"}
            and tok.head.i not in cue_ids
            and tok.head not in verbs
        ):
            via += _channel(tok, index)
    out: list[str] = []
    for v in via:
        if v != speaker and v not in out:
            out.append(v)
    return out
