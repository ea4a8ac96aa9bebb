"""Features of a token as a possible attribution cue, for the learned cue scorer.

Why features and not only a word list: whether "argue", "call" or "see" starts
an attribution depends on its surroundings (a that-clause, a person as
subject, a quotation next to it, a passive without agent); and a cue word the
training part never saw ("quipped") still has those structural signals.  The
weights live in ``data/attribution_cue_model.json`` (logistic regression,
``scripts/train_attribution_cues.py``); scoring is a sparse dot product in pure
Python, so no learning library is needed at run time.
"""

from __future__ import annotations

CANDIDATE_POS = frozenset({"VERB", "NOUN", "ADJ", "AUX", "ADP", "PUNCT", "ADV", "PROPN"})
_PRONOUNS = {"he", "she", "they", "i", "we", "you", "it", "who"}


def is_candidate(tok, blocked: set[int]) -> bool:
    """Tokens worth scoring: content words and ":" outside quotations."""
    if tok.i in blocked or tok.is_space or tok.pos_ not in CANDIDATE_POS:
        return False
    if tok.pos_ == "PUNCT":
        return tok.text == ":"
    if tok.pos_ == "ADP":
        return tok.lower_ in {"according", "in", "for", "of", "to", "with", "on"}
    return True


def _subject(tok):
    for c in tok.children:
        if c.dep_ in {"nsubj", "nsubjpass", "csubj"}:
            return c
    return None


def _subject_kind(subj) -> str:
    if subj is None:
        return "none"
    if subj.lower_ in _PRONOUNS:
        return "pron:" + subj.lower_
    if subj.ent_type_:
        return "ent:" + subj.ent_type_
    return "pos:" + subj.pos_


def token_features(tok, near_quote: bool) -> list[str]:
    """Sparse binary features (strings) of ``tok`` as a possible cue head."""
    lemma = tok.lemma_.lower()
    pos = tok.pos_
    deps = {c.dep_ for c in tok.children}
    preps = sorted({c.lower_ for c in tok.children if c.dep_ == "prep"})[:3]
    prt = [c.lower_ for c in tok.children if c.dep_ == "prt"]
    subj = _subject(tok)
    skind = _subject_kind(subj)
    clause = "ccomp" in deps or "parataxis" in deps
    passive = "auxpass" in deps or "nsubjpass" in deps
    feats = [
        "bias",
        f"l={lemma}",
        f"lp={lemma}/{pos}",
        f"lc={lemma}/{clause}",
        f"ldep={lemma}/{tok.dep_}",
        f"pos={pos}",
        f"dep={tok.dep_}",
        f"tag={tok.tag_}",
        f"pos_dep={pos}/{tok.dep_}",
        f"clause={clause}",
        f"subj={skind}",
        f"pos_subj={pos}/{skind}",
        f"lsubj={lemma}/{skind.split(':')[0]}",
        f"passive={passive}",
        f"lpassive={lemma}/{passive}",
        f"near_quote={near_quote}",
        f"lquote={lemma}/{near_quote}",
        f"head_pos={tok.head.pos_}",
        f"head_dep={tok.dep_}/{tok.head.lemma_.lower()}" if tok.head.i != tok.i else "head=root",
    ]
    for d in sorted(deps):
        feats.append(f"child={d}")
        feats.append(f"pos_child={pos}/{d}")
    for p in preps:
        feats.append(f"prep={p}")
        feats.append(f"lprep={lemma}/{p}")
    if prt:
        feats.append(f"prt={lemma}_{prt[0]}")
    if "neg" in deps:
        feats.append("neg")
    if tok.i + 1 < len(tok.doc):
        nxt = tok.doc[tok.i + 1]
        feats.append(f"next={nxt.lower_ if nxt.is_punct or nxt.pos_ in {'ADP', 'SCONJ'} else nxt.pos_}")
    if tok.i > 0:
        prv = tok.doc[tok.i - 1]
        feats.append(f"prev={prv.lower_ if prv.is_punct or prv.pos_ in {'ADP', 'PART', 'AUX'} else prv.pos_}")
    if pos == "NOUN":
        poss = [c for c in tok.children if c.dep_ == "poss"]
        if poss:
            feats.append(f"lposs={lemma}/{_subject_kind(poss[0]).split(':')[0]}")
    return feats


def near_quote_tokens(doc, quotes, window: int = 6) -> set[int]:
    """Ids of tokens within ``window`` tokens before or after a quotation (outside it)."""
    out: set[int] = set()
    for q in quotes:
        span = doc.char_span(q.start, q.end, alignment_mode="expand")
        if span is None or not len(span):
            continue
        out.update(range(max(0, span.start - window), span.start))
        out.update(range(span.end, min(len(doc), span.end + window)))
    return out


_CFIRST = {"that", "to", "if", "whether", "how", "why", "what", "“", '"', "''"}


def _bucket(n: int) -> str:
    for top, name in ((1, "1"), (2, "2"), (5, "3-5"), (10, "6-10"), (20, "11-20"), (40, "21-40")):
        if n <= top:
            return name
    return "41+"


def candidate_features(doc, cand) -> list[str]:
    """Features of a whole candidate (cue + the roles the rules found), for the candidate scorer.

    Why: whether a cue word really attributes something shows in what the rules
    found around it - a that-clause, a person as source, a content of some length.
    """
    cue = doc[cand.cue[0]]
    lemma = cue.lemma_.lower()
    rule = cand.rule
    src = cand.source
    skind = "none" if src is None else _subject_kind(src)
    content = cand.content
    first = doc[content[0]]
    cfirst = first.lower_ if first.lower_ in _CFIRST else first.pos_
    has_verb = any(doc[i].pos_ in {"VERB", "AUX"} for i in content)
    side = "after" if content[0] > cue.i else "before"
    size = _bucket(len(content))
    sent = cue.sent
    words = [t for t in sent if t.is_alpha]
    title = len(words) >= 3 and sum(t.text[0].isupper() for t in words) >= 0.6 * len(words)
    last = doc[max(content)]
    ends_sentence = last.i >= sent.end - 3
    quoted = any(doc[i].text in {"“", "”", '"', "''"} for i in content)
    extra = [
        f"title={title}",
        f"rule_title={rule}/{title}",
        f"cend={ends_sentence}",
        f"rule_cend={rule}/{ends_sentence}",
        f"cquote={quoted}",
        f"first_para={cue.idx < 400 and not any(chr(10) in t.text_with_ws for t in doc[: cue.i])}",
    ]
    return extra + [
        f"rule={rule}",
        f"lrule={lemma}/{rule}",
        f"src={skind.split(':')[0]}",
        f"srck={skind}",
        f"rule_src={rule}/{skind.split(':')[0]}",
        f"lsrc={lemma}/{skind.split(':')[0]}",
        f"clen={size}",
        f"rule_clen={rule}/{size}",
        f"cfirst={cfirst}",
        f"lcfirst={lemma}/{cfirst}",
        f"cverb={has_verb}",
        f"rule_cverb={rule}/{has_verb}",
        f"side={side}",
        f"rule_side={rule}/{side}",
        f"passive={cand.passive}",
    ]
