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

from dataclasses import dataclass, field

from ..model import Attribution, Content, Cue, Entity, Span
from ..vocab import TARGETED_STANCES
from .cues import candidate_model, cue_probability, overlap_model
from .features import candidate_features, near_quote_tokens, token_features
from .quotes import Quote, find_quotes, quoted_ratio
from .rules import QUOTED, Candidate, candidate_for, cue_tokens, headline_colons, source_ids, verb_subject
from .spans import fragments, noun_phrase, tok_end, trim
from .speakers import SpeakerResolver
from .stance import stance_of
from .via import find_via

PREFILTER = 0.1  # default cue score above which the candidate scorer is asked (the model file stores its own)
THRESHOLD = 0.35  # cue probability above which a token is tried as a cue (tuned on the train part)
MIN_QUOTE_WORDS = 4  # shorter quotations are scare quotes or titles, not speech on their own
DIRECT_RATIO = 0.9
MEDIA_CUES = {"report", "write", "publish", "broadcast"}


@dataclass(slots=True)
class _Work:
    """A candidate on its way to an Attribution (token ids plus extra quote fragments)."""

    cand: Candidate
    extra: list[tuple[int, int]] = field(default_factory=list)  # character fragments from quotations
    speaker_from: _Work | None = None  # speaker borrowed from another attribution
    confidence: float = 0.5
    token_frags: list[tuple[int, int]] = field(default_factory=list)  # content tokens as character ranges
    bounds: tuple[int, int] = (0, 0)  # hull of content, cue and source

    def prepare(self, doc) -> _Work:
        """Cache character ranges once: quotation attachment asks for them many times."""
        self.token_frags = [(doc[i].idx, tok_end(doc[i])) for i in self.cand.content]
        ids = self.cand.content + self.cand.cue + self.cand.source_ids
        starts = [doc[i].idx for i in ids] + [s for s, _ in self.extra]
        ends = [tok_end(doc[i]) for i in ids] + [e for _, e in self.extra]
        self.bounds = (min(starts), max(ends)) if starts else (0, 0)
        return self

    def add(self, start: int, end: int) -> None:
        self.extra.append((start, end))
        self.bounds = (min(self.bounds[0], start), max(self.bounds[1], end))

    def overlap(self, start: int, end: int) -> int:
        return sum(max(0, min(e, end) - max(s, start)) for s, e in self.token_frags + self.extra)


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


def _words(text: str) -> int:
    return len([w for w in text.split() if any(ch.isalnum() for ch in w)])


def _span_of(work: _Work, doc) -> tuple[int, int]:
    return work.bounds


def _gap_is_punct(text: str) -> bool:
    return all(not ch.isalnum() for ch in text)


def _content_frags(doc, work: _Work, text: str) -> list[tuple[int, int]]:
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


def clipped_candidate(doc, tok, text: str):
    """The rule candidate ``tok`` heads, clipped to what the cue can reach; None when no content is left.

    Shared by :func:`_select` and ``scripts/train_attribution_cues.py`` so training sees the candidates
    extraction makes.
    """
    cand = candidate_for(tok)
    if cand is None or not cand.content:
        return None
    _clip(doc, cand, text)
    return cand if cand.content else None


def _select(doc, blocked: set[int], text: str, quotes: list[Quote]) -> list[_Work]:
    """Candidates from cue tokens, main verbs first, without nesting."""
    found = []
    near = near_quote_tokens(doc, quotes)
    second = candidate_model()  # (scorer, threshold, prefilter) or None
    gate = overlap_model()  # (scorer, threshold) or None
    prefilter = second[2] if second else THRESHOLD
    for prob, tok in cue_tokens(doc, prefilter, blocked, near):
        cand = clipped_candidate(doc, tok, text)
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
    works: list[_Work] = []
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
        works.append(_Work(cand, confidence=min(0.95, 0.3 + 0.6 * cand.prob)).prepare(doc))
    return works


def _attach_quotes(doc, quotes: list[Quote], works: list[_Work], blocked: set[int], text: str) -> None:
    """Give every quotation of some length an attribution (see the module docstring, step 4)."""
    owner: dict[int, _Work] = {}
    for qi, q in enumerate(quotes):
        best, best_overlap = None, 0
        for w in works:
            if w.bounds[1] <= q.start or w.bounds[0] >= q.end:
                continue
            overlap = w.overlap(q.start, q.end)
            if overlap > best_overlap:
                best, best_overlap = w, overlap
        if best is not None and (best_overlap >= 0.3 * (q.end - q.start) or _words(text[q.start : q.end]) >= 3):
            # make sure the whole quotation is in the content
            best.add(q.start, q.end)
            owner[qi] = best
            continue
        para_start = text.rfind("\n", 0, q.start) + 1
        para_end = text.find("\n", q.end)
        para_end = len(text) if para_end < 0 else para_end
        short = _words(text[q.start : q.end]) < MIN_QUOTE_WORDS
        if short and (best is not None or not _framed(text, q, para_start, para_end)):
            continue
        # 1. adjacent to an attribution in the same paragraph: '"A," he said. "B."' or 'he said: "B"'
        adjacent = None
        for w in works:
            s, e = _span_of(w, doc)
            if s < para_start or e > para_end:
                continue
            if e <= q.start and w.extra and w.cand.cue and _sentence_gap(doc, w, q, text):
                adjacent = w  # '"A," Trump told the AP on Tuesday. "B ..."': B goes on with A
            elif e <= q.start and _gap_is_punct(text[e : q.start]):
                gap = text[e : q.start]
                # 'he said: "B"', 'he said, "B"', '"A," he said. "B."' (a quote already in the content)
                if any(ch in gap for ch in ",:") or any(w.overlap(x.start, x.end) for x in quotes[:qi]):
                    adjacent = w
            elif q.end <= s and _gap_is_punct(text[q.end : s]) and adjacent is None:
                # '"A," he said' / '"A?" he asked' - not 'end of sentence." He said ...'
                inner = text[q.start : q.end].rstrip("\"”'").rstrip()
                if inner[-1:] in {",", "?", "!", "—", "-"} or "," in text[q.end : s]:
                    adjacent = w
        if adjacent is None and qi > 0 and owner.get(qi - 1) is not None:
            prev = quotes[qi - 1]
            w = owner[qi - 1]
            s, e = _span_of(w, doc)
            gap = text[max(e, prev.end) : q.start]
            if (prev.continues and q.continued) or ("\n" not in gap and _gap_is_punct(gap)):
                adjacent = w if not (prev.continues and q.continued) else None
                if adjacent is None:  # multi-paragraph quotation: a new attribution, same speaker
                    new = _Work(Candidate(cue=[], source=None, rule="continued"), extra=[(q.start, q.end)],
                                speaker_from=w, confidence=0.6).prepare(doc)  # fmt: skip
                    works.append(new)
                    owner[qi] = new
                    continue
        if adjacent is not None:
            adjacent.add(q.start, q.end)
            owner[qi] = adjacent
            continue
        # 2. a cue verb in the quotation's sentence whose parse missed the quote
        made = None
        for tok in _around(doc, q, para_start, para_end, text):
            if True:
                if tok.i in blocked:
                    continue
                if tok.pos_ not in {"VERB"} or (tok.lemma_.lower() not in _SPEECH and cue_probability(tok) < 0.3):
                    continue
                src, _ = verb_subject(tok)
                if src is None:
                    continue
                cand = Candidate(cue=[tok.i], source=src, source_ids=source_ids(src), rule="quote-cue")
                made = _Work(cand, extra=[(q.start, q.end)], confidence=0.7).prepare(doc)
                break
        if made is None and not short:
            # 3. speaker of the neighbouring sentence: the nearest attribution before, in this or the last paragraph
            before = [w for w in works if _span_of(w, doc)[1] <= q.start and w.cand.cue]
            prev_para_start = text.rfind("\n", 0, max(0, para_start - 1)) + 1
            prev_para_start = text.rfind("\n", 0, max(0, prev_para_start - 2)) + 1
            near = [w for w in before if _span_of(w, doc)[0] >= prev_para_start]
            lead = text[para_start : q.start].rstrip()
            standalone = lead == "" or lead[-1:] in {".", "!", "?", ":", "”", '"'}  # a quote standing alone
            if near and standalone:
                src = max(near, key=lambda w: _span_of(w, doc)[1])
                made = _Work(Candidate(cue=[], source=None, rule="neighbour"), extra=[(q.start, q.end)],
                             speaker_from=src, confidence=0.45).prepare(doc)  # fmt: skip
        if made is not None:
            works.append(made)
            owner[qi] = made


def _framed(text: str, q: Quote, para_start: int, para_end: int) -> bool:
    """A short quotation set off as speech: 'X said, "Any."' / 'X replied: "No!"' / '"Thanks!" replied X'.

    Scare quotes and titles ('called her "weak"', 'the "chalking" movement') sit inside a
    clause; a quoted reply stands after a comma or colon and ends its sentence, or opens
    the sentence and ends with its own comma, question or exclamation mark.
    """
    lead = text[para_start : q.start].rstrip()
    tail = text[q.end : para_end].strip()
    inner = text[q.start : q.end].rstrip("\"”'’ ")
    ends_sentence = tail == "" or tail[0] in ".!?" and (len(tail) == 1 or tail[1:2].isspace())
    if lead[-1:] in {",", ":"} and ends_sentence and len(lead.split()) >= 2:
        return True
    opens = lead == "" or lead[-1:] in {".", "!", "?", "”", '"'}
    return opens and inner[-1:] in {",", "?", "!"} and tail[:1].isalpha()


def _sentence_gap(doc, work: _Work, q: Quote, text: str) -> bool:
    """Only the rest of the cue's sentence separates the work from quotation ``q``."""
    sent = doc[work.cand.cue[0]].sent
    end = max(sent.end_char, work.bounds[1])
    return end <= q.start and text[end : q.start].strip() == "" and "\n" not in text[end : q.start]


def _around(doc, q: Quote, para_start: int, para_end: int, text: str) -> list:
    """Tokens near a quotation in its paragraph: its sentence before it, and up to the sentence end after it."""
    out = []
    first = doc.char_span(q.start, q.end, alignment_mode="expand")
    if first is None or not len(first):
        return out
    if para_start > 0 and text[para_start : q.start].strip() == "" and text[:para_start].rstrip().endswith(":"):
        # 'X said:' closing the previous paragraph introduces this quotation
        colon = doc.char_span(len(text[:para_start].rstrip()) - 1, len(text[:para_start].rstrip()))
        if colon is not None and len(colon):
            out += [t for t in colon[0].sent if t.i < colon[0].i]
    sent_start = max(first[0].sent.start_char, para_start)
    for tok in doc[first[0].sent.start : first[0].i]:
        if tok.idx >= sent_start:
            out.append(tok)
    i = first[-1].i + 1
    n = 0
    while i < len(doc) and doc[i].idx < para_end and n < 30:
        tok = doc[i]
        out.append(tok)
        if tok.is_sent_start and n > 0 or tok.text in {".", "!", "?"} and n > 0:
            break
        i += 1
        n += 1
    return out


_SPEECH = {
    "say", "tell", "add", "write", "ask", "explain", "note", "continue", "insist", "argue", "reply", "respond",
    "recall", "tweet", "declare", "quip", "joke", "warn", "claim", "state", "conclude", "answer", "exclaim",
    "remark", "observe", "muse", "shout", "caution", "acknowledge", "admit", "concede", "promise", "predict",
}  # fmt: skip


def _speaker(work: _Work, seen: set[int] | None = None):
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
        elif c.dep_ == "nsubjpass":  # "X was accused of ..."
            spans.append(noun_phrase(c))
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


def extract_attributions(doc, entities: list[Entity]) -> list[Attribution]:
    """Return the attributions found in a parsed body ``doc`` (offsets into ``doc.text``)."""
    text = doc.text
    if not text.strip():
        return []
    quotes = find_quotes(text)
    blocked = _quote_tokens(doc, quotes)
    token = QUOTED.set(frozenset(blocked))
    try:
        works = _select(doc, blocked, text, quotes)
        _attach_quotes(doc, quotes, works, blocked, text)
    finally:
        QUOTED.reset(token)
    resolver = SpeakerResolver(entities)

    built: list[tuple[int, Attribution, _Work]] = []
    for work in works:
        frags = _content_frags(doc, work, text)
        if not frags:
            continue
        start, end = frags[0][0], frags[-1][1]
        if _words(text[start:end]) < 1:
            continue
        src = _speaker(work)
        mention = None
        speaker_id = None
        if src.source is not None:
            ids = trim(doc, sorted(set(src.source_ids))) or [src.source.i]
            s, e = doc[ids[0]].idx, tok_end(doc[ids[-1]])
            mention = Span(s, e, text[s:e])
            speaker_id = resolver.resolve(src.source, (s, e))
        cue = None
        cand = work.cand
        if cand.cue:
            cs, ce = doc[min(cand.cue)].idx, tok_end(doc[max(cand.cue)])
            lemma = " ".join(doc[i].lemma_.lower() for i in sorted(cand.cue))
            cue = Cue(cs, ce, text[cs:ce], lemma)
        ratio = sum(quoted_ratio(text, s, e, quotes) * (e - s) for s, e in frags) / max(1, sum(e - s for s, e in frags))
        kind = "direct" if ratio >= DIRECT_RATIO else "indirect" if ratio == 0 else "mixed"
        stance_cand = cand if cand.cue else src
        judged = stance_of(doc, cand.cue, frags)
        stance = judged.stance
        targets = _targets(doc, stance_cand, stance, speaker_id, resolver)
        via = find_via(doc, stance_cand.cue, speaker_id, resolver.index)
        att = Attribution(
            id="",
            content=Content(start, end, text[start:end], frags),
            cue=cue,
            speaker=speaker_id,
            speaker_mention=mention,
            kind=kind,
            stance=stance,
            stance_evidence=judged.evidence,
            targets=targets,
            via=via,
            confidence=work.confidence,
        )
        built.append((start, att, work))
    built.sort(key=lambda t: t[0])
    _media_via(doc, [b[1] for b in built], [b[2] for b in built], resolver, text)
    out = []
    for n, (_, att, _) in enumerate(built, 1):
        att.id = f"a{n}"
        out.append(att)
    return out


def _media_via(doc, atts: list[Attribution], works: list[_Work], resolver: SpeakerResolver, text: str) -> None:
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
