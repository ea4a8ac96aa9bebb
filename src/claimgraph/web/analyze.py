"""``POST /api/analyze``: paste text or HTML, get the analysis, optionally store it.

The only route that costs real CPU (a spaCy run) or can write, so it is closed unless the operator
configured a token (``CLAIMGRAPH_API_TOKEN`` or ``claimgraph serve --token``): without one it
answers 403, with one a request must present it (``Authorization: Bearer …`` or ``X-API-Token``)
or get 401. The token is compared in constant time. The body limit (413) is enforced before this
handler runs, by the ``BodyLimit`` middleware.
"""

from __future__ import annotations

import hmac
import threading
from typing import Annotated, Any

from fastapi import APIRouter, Header, HTTPException, Request
from pydantic import BaseModel, Field

from ..errors import ClaimgraphError, DocumentError

router = APIRouter(prefix="/api", tags=["analyze"])
_store_lock = threading.Lock()  # one writer per server process; the store's own lock guards across processes


class AnalyzeRequest(BaseModel):
    """A document to analyse."""

    text: str = Field(min_length=1, description="the article: plain text, markdown or an HTML page")
    format: str = Field("auto", pattern="^(auto|text|markdown|html)$")
    url: str | None = Field(None, max_length=2000, description="where the page came from, if known")
    store: bool = Field(False, description="also add the result to the knowledge base")


def check_token(request: Request, authorization: str | None, x_api_token: str | None) -> None:
    """403 when the server has no token (analysis disabled), 401 when the caller's token is missing or wrong."""
    expected = request.app.state.settings.token
    if not expected:
        raise HTTPException(403, "analysis is disabled on this server (the operator configured no API token)")
    given = x_api_token or ""
    if authorization and authorization.lower().startswith("bearer "):
        given = authorization[7:].strip()
    if not given or not hmac.compare_digest(given.encode(), expected.encode()):
        raise HTTPException(401, "a valid API token is required", headers={"WWW-Authenticate": "Bearer"})


@router.post("/analyze", summary="Analyse pasted text or HTML (needs the operator's API token)")
def analyze(
    request: Request,
    body: AnalyzeRequest,
    authorization: Annotated[str | None, Header()] = None,
    x_api_token: Annotated[str | None, Header()] = None,
) -> dict[str, Any]:
    check_token(request, authorization, x_api_token)
    from .. import analyze as run_analysis

    try:
        result = run_analysis(body.text, format=body.format, source=body.url or "<api>", url=body.url)
    except DocumentError as err:  # a body over the size cap is 413 like an oversized request; the rest 422
        raise HTTPException(413 if err.kind == "too_large" else 422, f"{err.kind}: {err.message}") from err
    out: dict[str, Any] = {"analysis": result.to_dict()}
    if body.store:
        out["stored"] = _store(request, result)
    return out


def _store(request: Request, result: Any) -> dict[str, Any]:
    from ..store import KnowledgeBase

    state = request.app.state
    with _store_lock:
        kb = getattr(state, "kb", None)
        if kb is None:
            kb = state.kb = KnowledgeBase(state.settings.db)
        try:
            summary = kb.ingest([result])
        except ClaimgraphError as err:  # another ingest holds the writer lock
            raise HTTPException(409, str(err)) from err
    doc_id = result.document.id
    return {
        "document_id": doc_id,
        "added": summary.added,
        "duplicate": summary.duplicates > 0,
        "url": f"/articles/{doc_id}",
    }
