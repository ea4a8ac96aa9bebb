"""Quotations no rule covered, attached to an attribution (extract.py, step 4).

Why a fixed order of steps: a quotation is first part of the attribution whose content it
overlaps, then of one adjacent to it in its paragraph ('"A," he said. "B."'), then the next
paragraph of a quotation already attributed, then of a speech verb in its sentence whose parse
missed it, and last of the speaker of the neighbouring sentence. Each step is one function.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from .cues import cue_probability
from .quotes import Quote
from .roles import Candidate, source_ids, verb_subject
from .spans import tok_end

MIN_QUOTE_WORDS = 4  # shorter quotations are scare quotes or titles, not speech on their own
SPEECH = {
    "say", "tell", "add", "write", "ask", "explain", "note", "continue", "insist", "argue", "reply", "respond",
    "recall", "tweet", "declare", "quip", "joke", "warn", "claim", "state", "conclude", "answer", "exclaim",
    "remark", "observe", "muse", "shout", "caution", "acknowledge", "admit", "concede", "promise", "predict",
}  # fmt: skip


@dataclass(slots=True)
class Work:
    """A candidate on its way to an Attribution (token ids plus extra quote fragments)."""

    cand: Candidate
    extra: list[tuple[int, int]] = field(default_factory=list)  # character fragments from quotations
    speaker_from: Work | None = None  # speaker borrowed from another attribution
    confidence: float = 0.5
    token_frags: list[tuple[int, int]] = field(default_factory=list)  # content tokens as character ranges
    bounds: tuple[int, int] = (0, 0)  # hull of content, cue and source

    def prepare(self, doc) -> Work:
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


@dataclass(slots=True)
class _Quotes:
    """What every step needs: the parse, the text, the quotations, who owns which, the quoted token ids."""

    doc: object
    text: str
    quotes: list[Quote]
    works: list[Work]
    blocked: set[int]
    owner: dict[int, Work] = field(default_factory=dict)

    def paragraph(self, q: Quote) -> tuple[int, int]:
        start = self.text.rfind("\n", 0, q.start) + 1
        end = self.text.find("\n", q.end)
        return start, len(self.text) if end < 0 else end


def words(text: str) -> int:
    """Words with a letter or digit in them (quotation length)."""
    return len([w for w in text.split() if any(ch.isalnum() for ch in w)])


def _gap_is_punct(text: str) -> bool:
    return all(not ch.isalnum() for ch in text)


def attach_quotes(doc, quotes: list[Quote], works: list[Work], blocked: set[int], text: str) -> None:
    """Give every quotation of some length an attribution (see the module docstring)."""
    st = _Quotes(doc, text, quotes, works, blocked)
    for qi, q in enumerate(quotes):
        best, covered = _overlapping(st, q)
        if covered:
            best.add(q.start, q.end)  # make sure the whole quotation is in the content
            st.owner[qi] = best
            continue
        para = st.paragraph(q)
        short = words(text[q.start : q.end]) < MIN_QUOTE_WORDS
        if short and (best is not None or not _framed(text, q, *para)):
            continue
        if _attach_adjacent(st, qi, q, para):
            continue
        made = _signature(st, q, para)
        if made is None:
            made = _quote_cue(st, q, para)
        if made is None and not short:
            made = _neighbour(st, q, para)
        if made is not None:
            works.append(made)
            st.owner[qi] = made


def _overlapping(st: _Quotes, q: Quote) -> tuple[Work | None, bool]:
    """The work whose content overlaps ``q`` most, and whether that is enough to take the whole quotation."""
    best, best_overlap = None, 0
    for w in st.works:
        if w.bounds[1] <= q.start or w.bounds[0] >= q.end:
            continue
        overlap = w.overlap(q.start, q.end)
        if overlap > best_overlap:
            best, best_overlap = w, overlap
    enough = best is not None and (best_overlap >= 0.3 * (q.end - q.start) or words(st.text[q.start : q.end]) >= 3)
    return best, enough


def _adjacent(st: _Quotes, qi: int, q: Quote, para: tuple[int, int]) -> Work | None:
    """An attribution in the same paragraph right before or after ``q``: 'he said: "B"', '"A," he said'."""
    text = st.text
    adjacent = None
    for w in st.works:
        s, e = w.bounds
        if s < para[0] or e > para[1]:
            continue
        if e <= q.start and w.extra and w.cand.cue and _sentence_gap(st.doc, w, q, text):
            adjacent = w  # '"A," Trump told the AP on Tuesday. "B ..."': B goes on with A
        elif e <= q.start and _gap_is_punct(text[e : q.start]):
            gap = text[e : q.start]
            # 'he said: "B"', 'he said, "B"', '"A," he said. "B."' (a quote already in the content)
            if any(ch in gap for ch in ",:") or any(w.overlap(x.start, x.end) for x in st.quotes[:qi]):
                adjacent = w
        elif q.end <= s and _gap_is_punct(text[q.end : s]) and adjacent is None:
            # '"A," he said' / '"A?" he asked' - not 'end of sentence." He said ...'
            inner = text[q.start : q.end].rstrip("\"”'").rstrip()
            if inner[-1:] in {",", "?", "!", "—", "-"} or "," in text[q.end : s]:
                adjacent = w
    return adjacent


def _attach_adjacent(st: _Quotes, qi: int, q: Quote, para: tuple[int, int]) -> bool:
    """Steps 1 and 2: an adjacent attribution, or the previous quotation's (same sentence or next paragraph)."""
    adjacent = _adjacent(st, qi, q, para)
    if adjacent is None and qi > 0 and st.owner.get(qi - 1) is not None:
        prev, w = st.quotes[qi - 1], st.owner[qi - 1]
        gap = st.text[max(w.bounds[1], prev.end) : q.start]
        if prev.continues and q.continued:  # multi-paragraph quotation: a new attribution, same speaker
            new = Work(Candidate(cue=[], source=None, rule="continued"), extra=[(q.start, q.end)],
                       speaker_from=w, confidence=0.6).prepare(st.doc)  # fmt: skip
            st.works.append(new)
            st.owner[qi] = new
            return True
        if "\n" not in gap and _gap_is_punct(gap):
            adjacent = w
    if adjacent is None:
        return False
    adjacent.add(q.start, q.end)
    st.owner[qi] = adjacent
    return True


def _quote_cue(st: _Quotes, q: Quote, para: tuple[int, int]) -> Work | None:
    """Step 3: a speech verb in the quotation's sentence whose parse missed the quote."""
    quoted = frozenset(st.blocked)
    for tok in _around(st.doc, q, para[0], para[1], st.text):
        if tok.i in st.blocked:
            continue
        if tok.pos_ != "VERB" or (tok.lemma_.lower() not in SPEECH and cue_probability(tok) < 0.3):
            continue
        src, _ = verb_subject(tok, quoted)
        if src is None:
            continue
        cand = Candidate(cue=[tok.i], source=src, source_ids=source_ids(src), rule="quote-cue")
        return Work(cand, extra=[(q.start, q.end)], confidence=0.7).prepare(st.doc)
    return None


SIGNATURE_DASHES = {"―", "—", "–", "--", "-"}


def _signature(st: _Quotes, q: Quote, para: tuple[int, int]) -> Work | None:
    """'"…" ― Ana Ruiz': a quotation signed with a dash and a name that ends its paragraph.

    Lists of readers' or voters' quotes sign each one this way; without this step the quote
    would take the speaker of the attribution before it.
    """
    tail = st.doc.char_span(q.end, para[1], alignment_mode="expand")
    if tail is None or not 2 <= len(tail) <= 7 or tail[0].text not in SIGNATURE_DASHES:
        return None
    name = [t for t in tail[1:] if not t.is_space]
    if not name or not all(t.is_title or t.is_punct or t.like_num for t in name) or name[0].is_punct:
        return None
    ids = {t.i for t in name}
    roots = [t for t in name if t.head.i not in ids or t.head.i == t.i]
    src = next((t for t in roots if t.pos_ in {"PROPN", "NOUN"}), None)
    if src is None:
        return None
    cand = Candidate(cue=[tail[0].i], source=src, source_ids=sorted(ids), rule="signature")
    return Work(cand, extra=[(q.start, q.end)], confidence=0.7).prepare(st.doc)


def _neighbour(st: _Quotes, q: Quote, para: tuple[int, int]) -> Work | None:
    """Step 4: a quotation standing alone takes the speaker of the nearest attribution before it (this or the
    previous paragraph)."""
    text = st.text
    before = [w for w in st.works if w.bounds[1] <= q.start and w.cand.cue]
    prev_para_start = text.rfind("\n", 0, max(0, para[0] - 1)) + 1
    prev_para_start = text.rfind("\n", 0, max(0, prev_para_start - 2)) + 1
    near = [w for w in before if w.bounds[0] >= prev_para_start]
    lead = text[para[0] : q.start].rstrip()
    standalone = lead == "" or lead[-1:] in {".", "!", "?", ":", "”", '"'}
    if not near or not standalone:
        return None
    src = max(near, key=lambda w: w.bounds[1])
    return Work(Candidate(cue=[], source=None, rule="neighbour"), extra=[(q.start, q.end)],
                speaker_from=src, confidence=0.45).prepare(st.doc)  # fmt: skip


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


def _sentence_gap(doc, work: Work, q: Quote, text: str) -> bool:
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
