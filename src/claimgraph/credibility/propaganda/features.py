"""Feature strings for the span tagger (per token) and the technique classifier (per span).

Both models are linear over hashed string features (see :mod:`.model`), so every
feature here is a string like ``"w=traitor"``; unseen strings simply hash to
weights that training left at zero. Why these features:

* PTC spans are of two kinds: 1-3 word loaded words / labels ("hysterical",
  "globalist elites") and whole clauses or sentences (Doubt, Appeal to fear,
  Causal oversimplification). Word identity, affixes and neighbours find the
  first kind; sentence-level bags of words, punctuation and a learned
  "propaganda density" of the sentence find the second.
* The lexicon (:func:`learn_lexicon`) is learned from the training articles
  only: the smoothed log-odds that a word lies inside a gold span.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence

from .text import Token

_QUOTES = set("\"“”‘’'«»")


def shape(word: str) -> str:
    """Coarse word shape: Xx, x, X, d, or punctuation itself."""
    if word.isdigit():
        return "d"
    if word.isupper() and len(word) > 1:
        return "X"
    if word[:1].isupper():
        return "Xx"
    if word[:1].isalpha():
        return "x"
    if any(c.isdigit() for c in word):
        return "dx"
    return word if len(word) == 1 else "p"


def _bucket(v: float, edges: Sequence[float]) -> int:
    for i, e in enumerate(edges):
        if v < e:
            return i
    return len(edges)


_LEX_EDGES = (-1.5, -0.5, 0.0, 0.5, 1.0, 1.5, 2.0)


def learn_lexicon(articles: Iterable[tuple[Sequence[Token], Sequence[bool]]], min_count: int = 3) -> dict[str, float]:
    """Smoothed log-odds (vs. the corpus rate) that a lower-cased word is inside a span."""
    inside: Counter[str] = Counter()
    total: Counter[str] = Counter()
    n_in = n_all = 0
    for tokens, labels in articles:
        for tok, lab in zip(tokens, labels, strict=True):
            w = tok.word.lower()
            total[w] += 1
            n_all += 1
            if lab:
                inside[w] += 1
                n_in += 1
    base = (n_in + 1) / (n_all + 2)
    prior = 2.0
    lex = {}
    for w, n in total.items():
        if n < min_count or not any(c.isalpha() for c in w):
            continue
        p = (inside[w] + prior * base) / (n + prior)
        lex[w] = round(math.log(p / (1 - p)) - math.log(base / (1 - base)), 3)
    return lex


def _sentence_features(words: list[str], lex: Mapping[str, float]) -> list[str]:
    n = len(words)
    low = [w.lower() for w in words]
    scores = sorted((lex.get(w, 0.0) for w in low), reverse=True)
    top = scores[:3] + [0.0] * (3 - min(3, len(scores)))
    mean = sum(scores) / n if n else 0.0
    caps = sum(1 for w in words if w.isupper() and len(w) > 1)
    feats = [
        f"slen={_bucket(n, (5, 10, 20, 35, 60))}",
        f"slex1={_bucket(top[0], _LEX_EDGES)}",
        f"slex3={_bucket(sum(top) / 3, _LEX_EDGES)}",
        f"slexm={_bucket(mean, (-0.6, -0.3, 0.0, 0.3, 0.6))}",
        f"scaps={min(caps, 3)}",
    ]
    if "!" in words:
        feats.append("s!")
    if "?" in words:
        feats.append("s?")
    if any(w in _QUOTES for w in words):
        feats.append("squote")
    return feats


def sentence_features(words: Sequence[str], summary: list[str]) -> list[str]:
    """Features of a whole sentence for the sentence classifier: its summary plus bag of words and bigrams.

    Long techniques (Doubt, Appeal to fear, Causal oversimplification) are marked by
    what the sentence says as a whole, which token windows cannot see. ``summary``
    is the sentence's row of :func:`sentence_summaries` (computed once, shared
    with the token tagger).
    """
    low = [w.lower() for w in words]
    f = list(summary)
    f.extend("sw=" + w for w in set(low))
    f.extend("sbg=" + a + "|" + b for a, b in zip(low, low[1:], strict=False))
    return f


def sentence_summaries(tokens: Sequence[Token], n_sents: int, lex: Mapping[str, float]) -> list[list[str]]:
    """The sentence-level part of every token's features, once per sentence.

    The tagger adds these to each token of the sentence (see
    ``model.token_matrix``); hashing them once per sentence instead of once per
    token keeps :func:`propaganda_spans` fast.
    """
    words: list[list[str]] = [[] for _ in range(n_sents)]
    for t in tokens:
        words[t.sent].append(t.word)
    return [_sentence_features(w, lex) + (["title"] if i == 0 else ["body"]) for i, w in enumerate(words)]


_BUCKETS: dict[int, tuple[Mapping[str, float], dict[str, str]]] = {}


def lexicon_buckets(lex: Mapping[str, float]) -> dict[str, str]:
    """Lexicon bucket (as a string) of every lexicon word, built once per lexicon object (hot path)."""
    hit = _BUCKETS.get(id(lex))
    if hit is not None and hit[0] is lex:
        return hit[1]
    table = {w: str(_bucket(v, _LEX_EDGES)) for w, v in lex.items()}
    if len(_BUCKETS) >= 16:
        _BUCKETS.clear()
    _BUCKETS[id(lex)] = (lex, table)  # keeps lex alive, so its id is not reused while cached
    return table


def _sentence_ranges(tokens: Sequence[Token]) -> list[tuple[int, int]]:
    """[start, end) token ranges of consecutive tokens sharing a sentence."""
    ranges = []
    i, n = 0, len(tokens)
    while i < n:
        j = i
        while j < n and tokens[j].sent == tokens[i].sent:
            j += 1
        ranges.append((i, j))
        i = j
    return ranges


def _sentence_token_features(
    words: list[str], buckets: Mapping[str, str], unknown: str, shapes: dict[str, str]
) -> list[list[str]]:
    """The features of each word of one sentence (neighbours do not cross the sentence)."""
    out: list[list[str]] = []
    low = [w.lower() for w in words]
    m = len(words)
    in_quote = False
    for k in range(m):
        w, lw = words[k], low[k]
        if w in _QUOTES:
            in_quote = not in_quote
        p1 = low[k - 1] if k >= 1 else "<s>"
        p2 = low[k - 2] if k >= 2 else "<s>"
        n1 = low[k + 1] if k + 1 < m else "</s>"
        n2 = low[k + 2] if k + 2 < m else "</s>"
        sh = shapes.get(w)
        if sh is None:
            sh = shapes[w] = shape(w)
        r = k / m
        pos = 0 if r < 0.1 else 1 if r < 0.3 else 2 if r < 0.7 else 3 if r < 0.9 else 4
        f = [
            "b",
            "w=" + lw,
            "s3=" + lw[-3:],
            "p3=" + lw[:3],
            "sh=" + sh,
            "w-1=" + p1,
            "w+1=" + n1,
            "w-2=" + p2,
            "w+2=" + n2,
            "bg-=" + p1 + "|" + lw,
            "bg+=" + lw + "|" + n1,
            f"pos={pos}",
            "lx=" + buckets.get(lw, "u"),
            "lx-1=" + buckets.get(p1, unknown),
            "lx+1=" + buckets.get(n1, unknown),
        ]
        if in_quote:
            f.append("inq")
        out.append(f)
    return out


def token_features(tokens: Sequence[Token], lex: Mapping[str, float]) -> list[list[str]]:
    """Token-local features (word, affixes, shape, two neighbours each side, lexicon buckets).

    Per-word strings (lexicon bucket, shape) are cached for the call: this loop is
    the hot path of :func:`propaganda_spans`.
    """
    out: list[list[str]] = []
    buckets = lexicon_buckets(lex)
    unknown = str(_bucket(0.0, _LEX_EDGES))
    shapes: dict[str, str] = {}
    for i, j in _sentence_ranges(tokens):
        out.extend(_sentence_token_features([t.word for t in tokens[i:j]], buckets, unknown, shapes))
    return out


_WORD = re.compile(r"\w+(?:[-'’]\w+)*")


def _span_content_features(span: str, lower_text: str) -> list[str]:
    """What the span says: length, words, bigrams, character n-grams, repetition, capitals, punctuation."""
    low = span.lower()
    words = _WORD.findall(low)
    n = len(words)
    f = ["b", f"nw={_bucket(n, (2, 3, 4, 6, 9, 13, 20, 30))}", f"nc={_bucket(len(span), (8, 15, 30, 60, 120))}"]
    f.extend("w=" + w for w in words)
    f.extend("bg=" + a + "|" + b for a, b in zip(words, words[1:], strict=False))
    if words:
        f.append("first=" + words[0])
        f.append("last=" + words[-1])
    padded = f" {low} "
    f.extend("c=" + padded[i : i + k] for k in (3, 4, 5) for i in range(len(padded) - k + 1))
    # Repetition: how often the span (and its words) recur in the article.
    reps = lower_text.count(low) if low.strip() else 0
    f.append(f"rep={min(reps, 4)}")
    if words:
        wreps = [lower_text.count(w) for w in words if len(w) > 3]
        if wreps:
            f.append(f"wrep={_bucket(min(wreps), (2, 3, 5, 8))}")
    if span[:1].isupper():
        f.append("cap0")
    if span.isupper() and any(c.isalpha() for c in span):
        f.append("allcaps")
    for ch in '!?"“”':
        if ch in span:
            f.append("has" + ch)
    return f


def _span_context_features(text: str, start: int, end: int, sent: tuple[int, int], lower_text: str) -> list[str]:
    """Where the span stands: share of its sentence, sentence edges, neighbouring words, quotes, title."""
    f: list[str] = []
    s0, s1 = sent
    cover = (end - start) / max(1, s1 - s0)
    f.append(f"cover={_bucket(cover, (0.1, 0.3, 0.6, 0.9))}")
    if start <= s0 + 1:
        f.append("sentstart")
    if end >= s1 - 1:
        f.append("sentend")
    left = _WORD.findall(lower_text[max(s0, start - 40) : start])[-3:]
    right = _WORD.findall(lower_text[end : min(s1, end + 40)])[:3]
    f.extend("L=" + w for w in left)
    f.extend("R=" + w for w in right)
    if left:
        f.append("L1=" + left[-1])
    if right:
        f.append("R1=" + right[0])
    before = text[max(0, start - 1) : start]
    after = text[end : end + 1]
    if before in _QUOTES or after in _QUOTES:
        f.append("quoted")
    if s0 == 0 or text.rfind("\n", 0, start) == -1:
        f.append("title")
    return f


def span_features(text: str, start: int, end: int, sent: tuple[int, int], lower_text: str) -> list[str]:
    """Features of one candidate span for the technique classifier.

    ``sent`` is the sentence holding the span's start; ``lower_text`` is
    ``text.lower()`` (computed once per article) for the repetition counts.
    """
    return _span_content_features(text[start:end], lower_text) + _span_context_features(
        text, start, end, sent, lower_text
    )
