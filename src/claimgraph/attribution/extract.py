"""Attribution extraction: cues -> roles -> quotations -> entities, stance and via.

Order of work and why:

1. quotations are paired on the raw text (quotes.py) and their insides are
   blocked as cue positions: PolNeAR-style attributions do not nest, and a
   "said" inside a quotation belongs to the quoted speaker's words;
2. cue tokens come from the learned lexicon (cues.py); candidates are taken
   top-down in the parse (the main verb before verbs inside its content), and a
   cue inside an accepted content or source is dropped (no nesting);
3. the dependency rules (rules.py) give source and content;
4. quotations no rule covered are attached: to the attribution they are
   adjacent to (a quote interrupted by "he said" becomes one attribution with
   two fragments), to a cue in their sentence, to the previous paragraph's
   quotation (multi-paragraph quotes) or to the speaker of the neighbouring
   sentence;
5. entities, stance, targets and via are filled in.
"""

from __future__ import annotations

from ..model import Attribution, Content, Cue, Entity, Span
from ..nlp.arrays import doc_text
from ..vocab import TARGETED_STANCES
from .attach import Work, attach_quotes, words
from .cues import candidate_model, overlap_model
from .features import candidate_features, near_quote_tokens, token_features
from .quotes import Quote, find_quotes, quoted_ratio
from .roles import reduced_passive
from .rules import Candidate, candidate_for, cue_tokens, headline_colons
from .spans import fragments, noun_phrase, tok_end, trim
from .speakers import SpeakerResolver
from .stance import stance_of
from .via import find_via

PREFILTER = 0.1  # default cue score above which the candidate scorer is asked (the model file stores its own)
THRESHOLD = 0.35  # cue probability above which a token is tried as a cue (tuned on the train part)
DIRECT_RATIO = 0.9
MEDIA_CUES = {"report", "write", "publish", "broadcast"}


def _depth(tok) -> int:
    d = 0
    while tok.head.i != tok.i and d < 50:
        tok = tok.head
        d += 1
    return d


def _quote_tokens(doc, quotes: list[Quote]) -> set[int]:
    inside: set[int] = set()
    for q in quotes:
        s, e = q.start, q.end
        for tok in doc.char_span(s, e, alignment_mode="expand") or []:
            if s < tok.idx and tok_end(tok) <= e - (1 if q.closed else 0) or (not q.closed and tok.idx > s):
                inside.add(tok.i)
    return inside


def _content_frags(doc, work: Work, text: str) -> list[tuple[int, int]]:
    frags = fragments(doc, trim(doc, sorted(set(work.cand.content)))) if work.cand.content else []
    frags = sorted(set(frags + work.extra))
    merged: list[tuple[int, int]] = []
    for s, e in frags:
        if merged and (s <= merged[-1][1] or text[merged[-1][1] : s].strip() == ""):
            merged[-1] = (merged[-1][0], max(e, merged[-1][1]))
        else:
            merged.append((s, e))
    return merged


def _paragraph(text: str, pos: int) -> tuple[int, int]:
    start = text.rfind("\n", 0, pos) + 1
    end = text.find("\n", pos)
    return start, len(text) if end < 0 else end


def _clip(doc, cand: Candidate, text: str) -> None:
    """Keep source and content inside the cue's paragraph.

    The parser does not always split sentences at newlines, so a dateline or a
    headline can end up as the subject ("12:15 p.m.\n\nDonald Trump says").
    """
    ps, pe = _paragraph(text, doc[cand.cue[0]].idx)
    cand.content = [i for i in cand.content if ps <= doc[i].idx < pe]
    if cand.source is None:
        return
    ids = [i for i in cand.source_ids if ps <= doc[i].idx < pe]
    if not ids:
        cand.source, cand.source_ids = None, []
        return
    if not ps <= cand.source.idx < pe:
        inside = set(ids)
        roots = [i for i in ids if doc[i].head.i not in inside]
        cand.source = doc[roots[-1]] if roots else doc[ids[-1]]
        ids = [i for i in ids if i >= min(t.i for t in cand.source.subtree)]
    cand.source_ids = ids


def clipped_candidate(doc, tok, text: str, quoted: frozenset[int] = frozenset()):
    """The rule candidate ``tok`` heads, clipped to what the cue can reach; None when no content is left.

    Shared by :func:`_select` and ``scripts/train_attribution_cues.py`` so training sees the candidates
    extraction makes. ``quoted``: the token ids inside quotation marks.
    """
    cand = candidate_for(tok, quoted)
    if cand is None or not cand.content:
        return None
    _clip(doc, cand, text)
    return cand if cand.content else None


def _select(doc, blocked: set[int], text: str, quotes: list[Quote]) -> list[Work]:
    """Candidates from cue tokens, main verbs first, without nesting."""
    quoted = frozenset(blocked)
    found = []
    near = near_quote_tokens(doc, quotes)
    second = candidate_model()  # (scorer, threshold, prefilter) or None
    gate = overlap_model()  # (scorer, threshold) or None
    prefilter = second[2] if second else THRESHOLD
    for prob, tok in cue_tokens(doc, prefilter, blocked, near):
        cand = clipped_candidate(doc, tok, text, quoted)
        if cand is None:
            continue
        cand.cue_prob = prob
        if second is not None:
            scorer, threshold, _ = second
            feats = token_features(tok, tok.i in near) + candidate_features(doc, cand)
            lemma = tok.lemma_.lower()
            prob = scorer.prob(feats, lemma)
            if prob < threshold and (gate is None or gate[0].prob(feats, lemma) < gate[1]):
                continue
        cand.prob = prob
        found.append(cand)
    found += headline_colons(doc, blocked, text)
    found.sort(key=lambda c: (c.cue_prob < 0.6, _depth(doc[c.cue[0]]), -c.cue_prob))
    taken: set[int] = set()
    works: list[Work] = []
    for cand in found:
        if any(i in taken for i in cand.cue):
            continue
        content = [i for i in cand.content if i not in taken and i not in blocked or doc[i].is_punct or i in blocked]
        content = [i for i in content if i not in taken]
        # a candidate whose content is mostly inside an accepted one is the same statement seen from a
        # nested word ("asked if he would endorse Trump"): its remainder would be a fragment, drop it
        if len(content) < 1 or 2 * len(content) < len(cand.content):
            continue
        cand.content = content
        taken.update(cand.cue)
        taken.update(cand.content)
        taken.update(cand.source_ids)
        works.append(Work(cand, confidence=min(0.95, 0.3 + 0.6 * cand.prob)).prepare(doc))
    return works


def _speaker(work: Work, seen: set[int] | None = None):
    seen = seen or set()
    if work.speaker_from is not None and id(work) not in seen:
        seen.add(id(work))
        return _speaker(work.speaker_from, seen)
    return work.cand


def _targets(doc, cand: Candidate, stance: str, speaker: str | None, resolver: SpeakerResolver) -> list[str]:
    if stance not in TARGETED_STANCES or not cand.cue:
        return []
    head = doc[cand.cue[0]]
    spans = []
    for c in head.children:
        if c.dep_ in {"dobj", "obj", "dative"}:
            spans.append(noun_phrase(c))
        elif c.dep_ == "prep" and c.lower_ in {"at", "against", "on", "of"}:
            spans += [noun_phrase(g) for g in c.children if g.dep_ == "pobj"]
        elif c.dep_ == "prt":
            for p in c.children:
                if p.dep_ == "prep":
                    spans += [noun_phrase(g) for g in p.children if g.dep_ == "pobj"]
        elif c.dep_ == "nsubjpass" or (c.dep_ == "nsubj" and reduced_passive(head)):  # "X (was) accused of ..."
            spans.append(noun_phrase(c))
    if head.dep_ == "acl" and head.tag_ == "VBN" and head.head.pos_ in {"NOUN", "PROPN"}:
        spans.append(noun_phrase(head.head))  # "HSBC, accused of laundering ...": the noun is the one accused
    if not spans and cand.content:
        for i in cand.content:  # the subject of the reported clause
            if doc[i].dep_ in {"nsubj", "nsubjpass"} and doc[i].head.i in cand.content:
                spans.append(noun_phrase(doc[i]))
                break
    out: list[str] = []
    for s, e in spans:
        eid = resolver.index.entity_at(s, e) or resolver.resolve(
            doc.char_span(s, e, alignment_mode="expand").root, (s, e)
        )
        if eid and eid != speaker and eid not in out:
            out.append(eid)
    return out


def _speaker_of(doc, src: Candidate, resolver: SpeakerResolver, text: str) -> tuple[Span | None, str | None]:
    """The source mention (trimmed) and its entity id (``text`` is ``doc.text``, which spaCy rebuilds per read)."""
    if src.source is None:
        return None, None
    ids = trim(doc, sorted(set(src.source_ids))) or [src.source.i]
    s, e = doc[ids[0]].idx, tok_end(doc[ids[-1]])
    return Span(s, e, text[s:e]), resolver.resolve(src.source, (s, e))


def _cue_of(doc, cand: Candidate, text: str) -> Cue | None:
    if not cand.cue:
        return None
    cs, ce = doc[min(cand.cue)].idx, tok_end(doc[max(cand.cue)])
    lemma = " ".join(doc[i].lemma_.lower() for i in sorted(cand.cue))
    return Cue(cs, ce, text[cs:ce], lemma)


def _kind(text: str, frags: list[tuple[int, int]], quotes: list[Quote]) -> str:
    """direct / mixed / indirect by the share of the content inside quotation marks."""
    ratio = sum(quoted_ratio(text, s, e, quotes) * (e - s) for s, e in frags) / max(1, sum(e - s for s, e in frags))
    return "direct" if ratio >= DIRECT_RATIO else "indirect" if ratio == 0 else "mixed"


def _build(doc, work: Work, quotes: list[Quote], resolver: SpeakerResolver, text: str) -> Attribution | None:
    """One Attribution from a work: content fragments, speaker, cue, kind, stance, targets, via."""
    frags = _content_frags(doc, work, text)
    if not frags:
        return None
    start, end = frags[0][0], frags[-1][1]
    if words(text[start:end]) < 1:
        return None
    src = _speaker(work)
    mention, speaker_id = _speaker_of(doc, src, resolver, text)
    cand = work.cand
    stance_cand = cand if cand.cue else src
    judged = stance_of(doc, cand.cue, frags)
    return Attribution(
        id="",
        content=Content(start, end, text[start:end], frags),
        cue=_cue_of(doc, cand, text),
        speaker=speaker_id,
        speaker_mention=mention,
        kind=_kind(text, frags, quotes),
        stance=judged.stance,
        stance_evidence=judged.evidence,
        targets=_targets(doc, stance_cand, judged.stance, speaker_id, resolver),
        via=find_via(doc, stance_cand.cue, speaker_id, resolver.index),
        confidence=work.confidence,
    )


def extract_attributions(doc, entities: list[Entity]) -> list[Attribution]:
    """Return the attributions found in a parsed body ``doc`` (offsets into ``doc.text``)."""
    text = doc_text(doc)
    if not text.strip():
        return []
    quotes = find_quotes(text)
    blocked = _quote_tokens(doc, quotes)
    works = _select(doc, blocked, text, quotes)
    attach_quotes(doc, quotes, works, blocked, text)
    resolver = SpeakerResolver(entities)

    built: list[tuple[int, Attribution, Work]] = []
    for work in works:
        att = _build(doc, work, quotes, resolver, text)
        if att is not None:
            built.append((att.content.start, att, work))
    built.sort(key=lambda t: t[0])
    _media_via(doc, [b[1] for b in built], [b[2] for b in built], resolver, text)
    out = []
    for n, (_, att, _) in enumerate(built, 1):
        att.id = f"a{n}"
        out.append(att)
    return out


def _media_via(doc, atts: list[Attribution], works: list[Work], resolver: SpeakerResolver, text: str) -> None:
    """ "..., reported RFEL news": earlier attributions of the paragraph reached us through that outlet."""
    for att, work in zip(atts, works, strict=True):
        cand = work.cand
        if not cand.cue or doc[cand.cue[0]].lemma_.lower() not in MEDIA_CUES or att.speaker is None:
            continue
        if resolver.type(att.speaker) not in {"ORG", "GPE"}:
            continue
        para_start = text.rfind("\n", 0, att.content.start) + 1
        for other in atts:
            if other is att or other.content.start < para_start or other.content.start >= att.content.start:
                continue
            if other.speaker and other.speaker != att.speaker and att.speaker not in other.via:
                other.via.append(att.speaker)
