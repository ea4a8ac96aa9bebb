"""Small helpers turning spaCy tokens and subtrees into trimmed character spans.

Why separate: every rule needs the same edge handling (no leading or trailing
punctuation except quotation marks that belong to a quote; fragments cut around
an interrupting "he said"), and getting it identical everywhere keeps the
offsets checkable (``doc.text[start:end] == text``).
"""

from __future__ import annotations

QUOTE_CHARS = set("\"“”„«»'‘’")


def tok_end(tok) -> int:
    return tok.idx + len(tok.text)


def _is_quote(tok) -> bool:
    return bool(tok.text) and all(ch in QUOTE_CHARS for ch in tok.text)


def trim(doc, ids: list[int]) -> list[int]:
    """Drop punctuation (not quote marks) and conjunctions at the edges of a sorted token-id list."""
    while ids and (
        (doc[ids[0]].is_punct and not _is_quote(doc[ids[0]])) or doc[ids[0]].is_space or doc[ids[0]].dep_ == "cc"
    ):
        ids = ids[1:]
    while ids and (
        (doc[ids[-1]].is_punct and not _is_quote(doc[ids[-1]])) or doc[ids[-1]].is_space or doc[ids[-1]].dep_ == "cc"
    ):
        ids = ids[:-1]
    # a closing quote mark kept at the end without any quote mark before it is noise
    if ids and _is_quote(doc[ids[-1]]) and not any(_is_quote(doc[i]) for i in ids[:-1]):
        ids = ids[:-1]
        while ids and doc[ids[-1]].is_punct and not _is_quote(doc[ids[-1]]):
            ids = ids[:-1]
    if ids and _is_quote(doc[ids[0]]) and not any(_is_quote(doc[i]) for i in ids[1:]):
        ids = ids[1:]
    return ids


def fragments(doc, ids: set[int] | list[int]) -> list[tuple[int, int]]:
    """Contiguous character fragments covering the token ids (gaps of whitespace only are bridged)."""
    out: list[tuple[int, int]] = []
    prev = None
    for i in sorted(ids):
        tok = doc[i]
        if tok.is_space:
            continue
        if (
            prev is not None
            and i == prev + 1
            or (prev is not None and all(doc[j].is_space for j in range(prev + 1, i)))
        ):
            out[-1] = (out[-1][0], tok_end(tok))
        else:
            out.append((tok.idx, tok_end(tok)))
        prev = i
    return out


def subtree_ids(tok, exclude: set[int] | None = None) -> list[int]:
    """Token ids of ``tok``'s subtree minus the subtrees rooted at ``exclude`` ids."""
    exclude = exclude or set()
    out: list[int] = []
    stack = [tok]
    while stack:
        t = stack.pop()
        if t.i in exclude:
            continue
        out.append(t.i)
        stack.extend(t.children)
    return sorted(out)


def noun_phrase(tok) -> tuple[int, int]:
    """Character span of a noun's core phrase: determiners, modifiers, compounds, possessors, flat names."""
    left = tok
    for c in tok.lefts:
        if c.dep_ in {"det", "amod", "compound", "poss", "nmod", "nummod", "quantmod", "case", "predet"}:
            left = c.left_edge if c.left_edge.i < left.i else left
            break
    right = tok
    for c in tok.rights:
        if c.dep_ in {"compound", "flat", "case"} or (c.dep_ == "prep" and c.lower_ == "of" and tok.pos_ == "NOUN"):
            right = c.right_edge
        else:
            break
    return left.idx, tok_end(right)
