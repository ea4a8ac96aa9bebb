"""The pipeline: ingest -> article -> nlp -> entities -> attribution -> places -> events -> claims -> credibility.

A :class:`Pipeline` holds what one process loads once (the spaCy model, the ratings table) for one
:class:`~claimgraph.config.Options`; ``analyze`` and ``analyze_many`` are the plain-function API over it.
Many documents go through ``nlp.pipe`` in batches; a body longer than ``nlp.pieces.PIECE_CHARS`` is
parsed alone, in pieces joined back into one Doc (offsets into the whole body), and a body over
``Options.max_chars`` or a document over ``Options.time_budget`` is a per-document error.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Iterator
from functools import lru_cache
from typing import Any

from .article import build_article
from .attribution import extract_attributions
from .claims import ClaimAnalysis, analyze_claims
from .config import Options
from .credibility import Ratings, assess, load_ratings
from .credibility.propaganda import propaganda_spans
from .datafiles import ModelMissing
from .entities import resolve_entities
from .errors import DocumentError
from .events import find_events
from .ingest.decode import decode_bytes
from .limits import Budget, check_size
from .memory import release_freed_memory
from .model import AnalysisResult, Article, Document, RawDocument, Signals, SignalSummary
from .nlp import load_nlp
from .nlp.arrays import doc_text
from .nlp.pieces import PIECE_CHARS, parse_pieces
from .places import find_places, load_gazetteer
from .spans import trimmed_spans
from .vocab import FORMATS

__all__ = ["FORMATS", "Pipeline", "analyze", "analyze_many", "document_id"]

Input = str | bytes | RawDocument


def document_id(body: str, source: str) -> str:
    """Stable id: hash of the whitespace-normalised body and the source."""
    normalised = " ".join(body.split())
    digest = hashlib.sha256(f"{source}\n{normalised}".encode()).hexdigest()
    return f"sha256:{digest}"


def sentence_spans(doc: Any) -> list[tuple[int, int]]:
    """Sentence offsets with surrounding whitespace trimmed; whitespace-only "sentences" dropped."""
    return trimmed_spans(doc_text(doc), ((s.start_char, s.end_char) for s in doc.sents))


def signals_of(found: ClaimAnalysis, article: Article, doc: Any, result: AnalysisResult,
               ratings: Ratings | None) -> Signals:  # fmt: skip
    """Every credibility signal of one article, built at once from the stages' outputs."""

    def hedges(category: str) -> list:
        return [h for h in found.hedges if h.category == category]

    summary = SignalSummary(
        claims=len(found.claims),
        check_worthy=sum(c.check_worthy for c in found.claims),
        unattributed_check_worthy=len(found.unattributed),
        quantities=len(found.quantities),
        hedges=len(hedges("hedge")),
        anonymous_sources=len(hedges("anonymous_source")),
        vague_sources=len(hedges("vague_source")),
    )
    return Signals(
        hedges=hedges("hedge"),
        anonymous_sources=hedges("anonymous_source"),
        vague_sources=hedges("vague_source"),
        unattributed_assertions=found.unattributed,
        propaganda=propaganda_spans(doc_text(doc)),
        summary=summary,
        source=assess(article, result.attributions, ratings, entities=result.entities, doc=doc),
    )


@lru_cache(maxsize=4)
def _ratings(path: str | None) -> Ratings | None:
    return load_ratings(path)


class Pipeline:
    """The stages for one set of options, with the model and ratings loaded once per process."""

    def __init__(self, options: Options | None = None, ratings: Ratings | None = None) -> None:
        self.options = options or Options.from_env()
        self.piece_chars = PIECE_CHARS  # a longer body is parsed alone, in pieces of at most this many characters
        self.nlp = load_nlp(self.options.model)
        self.ratings = ratings if ratings is not None else _ratings(self.options.ratings)
        if self.options.places:
            load_gazetteer()  # once per process, before the first document (about a second)

    def raw(self, data: Input, source: str = "<string>", url: str | None = None) -> RawDocument:
        """Wrap a string, bytes or RawDocument as a RawDocument (decoding bytes within the size limit)."""
        if isinstance(data, RawDocument):
            return data
        encoding = None
        if isinstance(data, bytes):
            data, encoding = decode_bytes(data, source, self.options.max_bytes)
        return RawDocument(text=data, source=source, format=self.options.format, url=url, encoding=encoding)

    def parse(self, article: Article, budget: Budget) -> Any:
        """The body's Doc: one ``nlp`` call, or piece by piece for a long body (the budget checked per piece)."""
        if len(article.body) <= self.piece_chars:
            return self.nlp(article.body)
        check = lambda: budget.check("parsing a piece")  # noqa: E731
        return parse_pieces(self.nlp, article.body, self.piece_chars, check)

    def assemble(self, raw: RawDocument, article: Article, doc: Any, budget: Budget | None = None) -> AnalysisResult:
        """Every stage after the parse, for one document (``budget`` checked after each stage)."""
        check = budget.check if budget is not None else (lambda _stage: None)
        entities = resolve_entities(doc)
        check("entities")
        document = Document(
            id=document_id(article.body, raw.source), source=raw.source, format=article.format,
            encoding=raw.encoding, url=raw.url, fetched_at=raw.fetched_at, position=raw.position,
        )  # fmt: skip
        result = AnalysisResult(
            document=document,
            article=article,
            sentences=sentence_spans(doc),
            entities=entities,
            attributions=extract_attributions(doc, entities),
        )
        check("attribution")
        if self.options.places:
            result.places = find_places(doc, entities)
            check("places")
        if self.options.events:
            result.events = find_events(doc, entities, result.attributions, article.published, result.places)
            check("events")
        if self.options.signals:
            found = analyze_claims(doc, result.attributions, exclude=article.headings)
            check("claims")
            result.claims, result.quantities = found.claims, found.quantities
            result.signals = signals_of(found, article, doc, result, self.ratings)
            check("signals")
        return result

    def run(self, data: Input, source: str = "<string>", url: str | None = None) -> AnalysisResult:
        """Analyse one document; raise DocumentError when it cannot be analysed."""
        raw = self.raw(data, source, url)
        article = build_article(raw)
        check_size(article.body, raw, self.options)
        budget = Budget(self.options.time_budget, raw)
        return self.assemble(raw, article, self.parse(article, budget), budget)

    def run_many(self, items: Iterable[Input | DocumentError]) -> Iterator[AnalysisResult | DocumentError]:
        """Analyse many documents through ``nlp.pipe``, in input order; a failed one yields its DocumentError.

        A batch ends at ``Options.batch_size`` documents or ``Options.batch_chars`` body characters: spaCy's
        working memory follows the characters in a batch, and the freed heap is handed back after each one.
        """
        pending: list[tuple[RawDocument | None, Article | DocumentError]] = []
        chars = 0
        for i, item in enumerate(items):
            pending.append(self._prepare(i, item))
            chars += _body_chars(pending[-1][1])
            if len(pending) >= self.options.batch_size or chars >= self.options.batch_chars:
                yield from self._flush(pending)
                chars = 0
        if pending:
            yield from self._flush(pending)

    def _prepare(self, i: int, item: Input | DocumentError) -> tuple[RawDocument | None, Article | DocumentError]:
        if isinstance(item, DocumentError):
            return None, item
        try:
            raw = self.raw(item, source=f"<item {i}>")
            article = build_article(raw)
            check_size(article.body, raw, self.options)
            return raw, article
        except DocumentError as err:
            return None, err

    def _flush(self, pending: list) -> Iterator[AnalysisResult | DocumentError]:
        """Short bodies through one ``nlp.pipe`` batch, long ones parsed alone in pieces; results in input order."""
        short = self.piece_chars
        bodies = [a.body for _, a in pending if isinstance(a, Article) and len(a.body) <= short]
        docs = iter(self.nlp.pipe(bodies, batch_size=max(len(bodies), 1)))
        for raw, art in pending:
            if isinstance(art, DocumentError):
                yield art
                continue
            budget = Budget(self.options.time_budget, raw)
            doc = next(docs) if len(art.body) <= short else None
            try:
                yield self.assemble(raw, art, doc if doc is not None else self.parse(art, budget), budget)
            except DocumentError as err:  # over the time budget
                yield err
            except ModelMissing:  # a broken install, not this document: stop with the reason
                raise
            except Exception as exc:  # a bug must not sink the batch; report it per document
                yield DocumentError("internal", f"{type(exc).__name__}: {exc}", raw.source, raw.position)
        pending.clear()
        release_freed_memory()  # the batch's Docs and scratch are gone: keep the worker at its live size


def _body_chars(article: Article | DocumentError) -> int:
    """Characters a prepared document adds to the pending batch (an error adds none)."""
    return len(article.body) if isinstance(article, Article) else 0


def _pipeline(options: Options | None, ratings: Ratings | str | None, **given: Any) -> Pipeline:
    """The Pipeline for the plain-function API: ``options`` plus keyword overrides, ``$CLAIMGRAPH_*`` for the rest."""
    table = ratings if isinstance(ratings, Ratings) else None
    path = None if table is not None else ratings
    opts = options.but(ratings=path, **given) if options else Options.from_env(ratings=path, **given)
    return Pipeline(opts, table)


def analyze(
    data: Input,
    format: str | None = None,
    source: str = "<string>",
    url: str | None = None,
    model: str | None = None,
    ratings: Ratings | str | None = None,
    signals: bool | None = None,
    options: Options | None = None,
    places: bool | None = None,
    events: bool | None = None,
) -> AnalysisResult:
    """Analyse one document; raise DocumentError when it cannot be analysed.

    ``format="text"`` takes the input as the body unchanged, so every offset indexes the input string
    itself. ``ratings`` is a domain-ratings CSV path (or a loaded ``Ratings``); ``signals=False`` skips
    claims and credibility; ``places=False`` / ``events=False`` skip those stages. Keywords override
    ``options``; what neither sets comes from the environment.
    """
    given = {"format": format, "model": model, "signals": signals, "places": places, "events": events}
    return _pipeline(options, ratings, **given).run(data, source, url)


def analyze_many(
    items: Iterable[Input | DocumentError],
    format: str | None = None,
    model: str | None = None,
    batch_size: int | None = None,
    ratings: Ratings | str | None = None,
    signals: bool | None = None,
    options: Options | None = None,
    places: bool | None = None,
    events: bool | None = None,
) -> Iterator[AnalysisResult | DocumentError]:
    """Analyse many documents through one model load and ``nlp.pipe`` batching, in input order.

    A document that fails yields its DocumentError in its place; the batch goes on.
    """
    given = {"format": format, "model": model, "batch_size": batch_size, "signals": signals}
    pipe = _pipeline(options, ratings, **given, places=places, events=events)
    return pipe.run_many(items)
