"""The pipeline: ingest -> article -> nlp -> entities -> attribution -> claims -> credibility.

One model load per process; many documents go through ``nlp.pipe`` in batches.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Iterator

from .article import build_article
from .attribution import extract_attributions
from .claims import analyze_claims
from .credibility import Ratings, assess, load_ratings
from .credibility.propaganda import propaganda_spans
from .entities import resolve_entities
from .errors import DocumentError
from .ingest.decode import DEFAULT_MAX_BYTES, decode_bytes
from .model import AnalysisResult, Article, RawDocument
from .nlp import load_nlp
from .spans import trimmed_spans

FORMATS = ("auto", "text", "markdown", "html")


def document_id(body: str, source: str) -> str:
    """Stable id: hash of the whitespace-normalised body and the source."""
    normalised = " ".join(body.split())
    digest = hashlib.sha256(f"{source}\n{normalised}".encode()).hexdigest()
    return f"sha256:{digest}"


def to_raw(
    data: str | bytes | RawDocument, format: str = "auto", source: str = "<string>", url: str | None = None
) -> RawDocument:
    """Wrap a string, bytes or RawDocument as a RawDocument (decoding bytes)."""
    if format not in FORMATS:
        raise ValueError(f"format must be one of {FORMATS}, not {format!r}")
    if isinstance(data, RawDocument):
        return data
    encoding = None
    if isinstance(data, bytes):
        data, encoding = decode_bytes(data, source, DEFAULT_MAX_BYTES)
    return RawDocument(text=data, source=source, format=format, url=url, encoding=encoding)


def sentence_spans(doc) -> list[tuple[int, int]]:
    """Sentence offsets with surrounding whitespace trimmed; whitespace-only "sentences" dropped."""
    return trimmed_spans(doc.text, ((s.start_char, s.end_char) for s in doc.sents))


def _assemble(raw: RawDocument, article: Article, doc, ratings: Ratings | None, signals: bool) -> AnalysisResult:
    entities = resolve_entities(doc)
    attributions = extract_attributions(doc, entities)
    document = {"id": document_id(article.body, raw.source), **raw.describe(), "format": article.format}
    result = AnalysisResult(
        document=document,
        article=article,
        sentences=sentence_spans(doc),
        entities=entities,
        attributions=attributions,
    )
    if signals:
        result.claims, result.quantities, result.signals = analyze_claims(doc, attributions, exclude=article.headings)
        result.signals["propaganda"] = propaganda_spans(doc.text)
        result.signals["source"] = assess(article, attributions, ratings, entities=entities, doc=doc)
    return result


def analyze(
    data: str | bytes | RawDocument,
    format: str = "auto",
    source: str = "<string>",
    url: str | None = None,
    model: str | None = None,
    ratings: Ratings | str | None = None,
    signals: bool = True,
) -> AnalysisResult:
    """Analyse one document; raise DocumentError when it cannot be analysed.

    ``format="text"`` takes the input as the body unchanged, so every offset
    indexes the input string itself. ``ratings`` is a domain-ratings CSV (or
    ``$CLAIMGRAPH_RATINGS``); ``signals=False`` skips claims and credibility.
    """
    raw = to_raw(data, format, source, url)
    article = build_article(raw)
    nlp = load_nlp(model)
    return _assemble(raw, article, nlp(article.body), _ratings(ratings), signals)


def _ratings(ratings: Ratings | str | None) -> Ratings | None:
    return ratings if isinstance(ratings, Ratings) else load_ratings(ratings)


def analyze_many(
    items: Iterable[str | bytes | RawDocument | DocumentError],
    format: str = "auto",
    model: str | None = None,
    batch_size: int = 16,
    ratings: Ratings | str | None = None,
    signals: bool = True,
) -> Iterator[AnalysisResult | DocumentError]:
    """Analyse many documents through one model load and ``nlp.pipe``, in input order.

    A document that fails yields its DocumentError in its place; the batch goes on.
    """
    nlp = load_nlp(model)
    rated = _ratings(ratings)

    def prepared() -> Iterator[tuple[RawDocument | None, Article | DocumentError]]:
        for i, item in enumerate(items):
            if isinstance(item, DocumentError):
                yield None, item
                continue
            try:
                raw = to_raw(item, format, source=f"<item {i}>")
                yield raw, build_article(raw)
            except DocumentError as err:
                yield None, err

    pending: list[tuple[RawDocument | None, Article | DocumentError]] = []

    def flush() -> Iterator[AnalysisResult | DocumentError]:
        bodies = [a.body for _, a in pending if isinstance(a, Article)]
        docs = iter(nlp.pipe(bodies, batch_size=batch_size))
        for raw, art in pending:
            if isinstance(art, DocumentError):
                yield art
                continue
            doc = next(docs)
            try:
                yield _assemble(raw, art, doc, rated, signals)
            except Exception as exc:  # a bug must not sink the batch; report it per document
                yield DocumentError("internal", f"{type(exc).__name__}: {exc}", raw.source, raw.position)
        pending.clear()

    for pair in prepared():
        pending.append(pair)
        if len(pending) >= batch_size:
            yield from flush()
    if pending:
        yield from flush()
