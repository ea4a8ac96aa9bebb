"""Shared builders for the ingest/store tests: real text from ../shared, WARC bytes written by hand."""

from __future__ import annotations

import gzip
import json
import uuid

from shared_paths import SHARED, need

GOLD_EXTRACTION = SHARED / "gold" / "extraction"
POLNEAR = SHARED / "gold" / "attribution" / "dev.jsonl"
FAKENEWS = SHARED / "data" / "fakenewscorpus" / "news_sample.csv"


def gold_pages(n: int = 3) -> list[dict]:
    """The first ``n`` gold extraction pages: url, gold body and the page HTML (bytes)."""
    pages = []
    with need(GOLD_EXTRACTION / "ground_truth.jsonl").open(encoding="utf-8") as fh:
        for line in fh:
            rec = json.loads(line)
            rec["html"] = gzip.decompress((GOLD_EXTRACTION / rec["html_path"]).read_bytes())
            pages.append(rec)
            if len(pages) == n:
                break
    return pages


def polnear_articles(n: int = 4, paragraphs: int = 3) -> list[dict]:
    """``n`` PolNeAR articles cut to their first paragraphs (short, so spaCy stays fast in tests)."""
    out = []
    with need(POLNEAR).open(encoding="utf-8") as fh:
        for line in fh:
            rec = json.loads(line)
            paras = [p for p in rec["text"].split("\n") if p.strip()]
            out.append(
                {
                    "text": "\n\n".join(paras[:paragraphs]),
                    "title": rec["meta"].get("title"),
                    "publisher": rec["meta"].get("publisher"),
                    "date": rec["meta"].get("publication_date"),
                    "id": rec["id"],
                }
            )
            if len(out) == n:
                break
    return out


def warc_record(
    uri: str,
    payload: bytes,
    content_type: str = "text/html; charset=utf-8",
    status: str = "200 OK",
    date: str = "2019-11-20T10:00:00Z",
    extra_http: str = "",
) -> bytes:
    """One WARC/1.0 response record with an HTTP/1.1 message around ``payload``."""
    http = (
        f"HTTP/1.1 {status}\r\nContent-Type: {content_type}\r\nContent-Length: {len(payload)}\r\n{extra_http}\r\n"
    ).encode() + payload
    head = (
        "WARC/1.0\r\nWARC-Type: response\r\n"
        f"WARC-Target-URI: {uri}\r\nWARC-Date: {date}\r\n"
        f"WARC-Record-ID: <urn:uuid:{uuid.uuid5(uuid.NAMESPACE_URL, uri)}>\r\n"
        f"Content-Type: application/http; msgtype=response\r\nContent-Length: {len(http)}\r\n\r\n"
    ).encode()
    return head + http + b"\r\n\r\n"


def warc_request(uri: str) -> bytes:
    body = f"GET / HTTP/1.1\r\nHost: {uri}\r\n\r\n".encode()
    head = (
        f"WARC/1.0\r\nWARC-Type: request\r\nWARC-Target-URI: {uri}\r\nWARC-Date: 2019-11-20T10:00:00Z\r\n"
        f"Content-Type: application/http; msgtype=request\r\nContent-Length: {len(body)}\r\n\r\n"
    ).encode()
    return head + body + b"\r\n\r\n"


def run(*args: str, check: bool = True):
    """The CLI in-process (one spaCy load per test session); only the kill test needs a real subprocess."""
    from typer.testing import CliRunner

    from claimgraph.cli import app

    result = CliRunner().invoke(app, list(args))
    if check and result.exit_code != 0:
        raise AssertionError(f"{args} exited {result.exit_code}\n{result.stdout}\n{result.stderr}\n{result.exception}")
    return result
