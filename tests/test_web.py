"""The REST API and the HTML pages through FastAPI's TestClient, on a KB of real articles.

Covers the route contract (every page has a JSON twin), hostile input (article text with
``<script>`` and an ``onerror`` injection renders inert, SQL metacharacters in search), the body
limit (a 20 MB POST gets 413) and the token on ``POST /api/analyze`` (403 without a configured
token, 401 without the right one).
"""

from __future__ import annotations

import re

import pytest
from fastapi.testclient import TestClient
from query_helpers import IMG, SCRIPT

from claimgraph.query import open_db
from claimgraph.web.app import Settings, create_app

TOKEN = "test-token-123"


@pytest.fixture(scope="module")
def client(kb_path):
    engine = open_db(kb_path)
    with TestClient(create_app(engine, Settings(db=kb_path, token=TOKEN))) as c:
        yield c
    engine.dispose()


@pytest.fixture(scope="module")
def ids(client) -> dict[str, str]:
    out = {"gerasimov": client.get("/api/entities", params={"name": "Gerasimov"}).json()["items"][0]["id"]}
    out["hostile"] = client.get("/api/search", params={"q": "Harbor Authority", "kind": "article"}).json()["items"][0][
        "document_id"
    ]
    out["example"] = client.get("/api/publishers/globalresearch.ca").json()["articles"]["items"][0]["document_id"]
    return out


def test_landing_page(client):
    r = client.get("/")
    assert r.status_code == 200 and "text/html" in r.headers["content-type"]
    assert '<form action="/search"' in r.text
    counts = client.get("/api/overview").json()["counts"]
    assert f"<b>{counts['articles']}</b>" in r.text


def test_every_page_has_a_json_twin(client, ids):
    pages = [
        "/",
        "/search?q=Gerasimov",
        f"/articles/{ids['example']}",
        f"/entities/{ids['gerasimov']}",
        "/network",
        "/publishers/globalresearch.ca",
        f"/timeline?entity={ids['gerasimov']}",
        "/publishers",
        "/entities?name=Ger",
    ]
    for page in pages:
        html = client.get(page)
        assert html.status_code == 200, page
        twin = re.search(r'class="json" href="([^"]+)"', html.text).group(1).replace("&amp;", "&")
        api = client.get(twin)
        assert api.status_code == 200 and api.headers["content-type"] == "application/json", (page, twin)


def test_api_shapes(client, ids):
    s = client.get("/api/search", params={"q": "Gerasimov", "limit": 2}).json()
    assert {"items", "total", "limit", "offset", "next_offset", "query"} <= set(s)
    a = client.get(f"/api/articles/{ids['example']}").json()
    assert a["publisher_id"] == "globalresearch.ca" and a["attributions"] and a["spans"]
    e = client.get(f"/api/entities/{ids['gerasimov']}").json()
    assert e["entity"]["name"] == "Valery Gerasimov" and e["said"]["items"]
    n = client.get("/api/network", params={"stance": "accuse"}).json()
    assert n["nodes"] and all(edge["stance"] == "accuse" for edge in n["edges"]["items"])
    t = client.get("/api/timeline", params={"entity": ids["gerasimov"], "interval": "day"}).json()
    assert t["buckets"][0]["period"] == "2015-01-03"
    assert client.get("/api/publishers/globalresearch.ca").json()["republished_from"][0]["source"] == (
        "International Business Times"
    )


def test_not_found_and_bad_parameters(client):
    assert client.get("/api/articles/sha256:0000").status_code == 404
    assert client.get("/entities/Enope").status_code == 404
    assert client.get("/api/publishers/nope.example").status_code == 404
    assert client.get("/api/search", params={"q": "x", "limit": 0}).status_code == 422
    assert client.get("/api/search", params={"q": "x", "date_from": "yesterday"}).status_code == 422
    assert client.get("/api/timeline").status_code == 422
    assert client.get("/search", params={"q": "Gerasimov", "date_from": "", "stance": ""}).status_code == 200


def test_article_page_highlights_and_side_panel(client, ids):
    html = client.get(f"/articles/{ids['example']}").text
    assert 'class="quote' in html and 'class="speaker' in html and 'class="cue' in html
    assert re.search(r'<span class="quote[^"]*"[^>]*id="q-a2"', html)  # the anchor the side panel links to
    pieces = re.findall(r'<span class="quote[^"]*" data-attribution="a2"[^>]*>(.*?)</span>', html)
    quoted = re.sub(r"<[^>]+>", "", "".join(pieces))
    assert "providing financial and technical assistance" in quoted
    panel = html.split('<aside class="panel', 1)[1]
    assert "Valery Gerasimov" in panel and "lashed out at" in panel
    assert "International Business Times" in html  # declared original source


def test_article_page_highlights_claims_and_credibility(client, ids):
    data = client.get(f"/api/articles/{ids['example']}").json()
    body = data["article"]["body"]
    assert data["claims"] and all(body[c["start"] : c["end"]] == c["text"] for c in data["claims"])
    counted = {(q.get("object") or {}).get("lemma") for q in data["quantities"]}
    assert "militant" in counted  # "up to 70,000 militants" survives the round trip through the KB
    layers = {sp["type"] for sp in data["spans"]}
    assert {"quantity", "unattributed"} <= layers
    for sp in data["spans"]:
        assert 0 <= sp["start"] < sp["end"] <= len(body)
    html = client.get(f"/articles/{ids['example']}").text
    marked = re.findall(r'<span class="[^"]*\bquantity\b[^"]*"[^>]*title="([^"]*)"[^>]*>(.*?)</span>', html)
    assert any("70,000" in text or "70,000" in title for title, text in marked)
    assert re.search(r'<span class="[^"]*\bunattributed\b', html)
    panel = html.split('<aside class="panel', 1)[1]
    assert "Credibility" in panel and "Stated without a source" in panel
    assert "International Business Times" in panel  # the provenance chain names the original source
    if data["signals"].get("propaganda"):
        assert re.search(r'<span class="[^"]*\bpropaganda\b[^"]*"[^>]*title="[^"]*score', html)


def test_hostile_article_renders_inert(client, ids):
    for url in (f"/articles/{ids['hostile']}", "/search?q=Harbor+Authority", "/search?q=%3Cscript%3E"):
        html = client.get(url).text
        assert "<script>alert" not in html, url
        assert "<img src=x" not in html and "<img" not in html, url
        assert not re.search(r"<[^>]+\sonerror=", html), url
    html = client.get(f"/articles/{ids['hostile']}").text
    assert "&lt;script&gt;alert(" in html  # shown as text, not dropped
    assert "&#34;&gt;&lt;img src=x onerror=alert(1)&gt;" in html or "&quot;&gt;&lt;img" in html
    # the only <script> tags on any page are the network page's own, from /static
    net = client.get("/network").text
    assert re.findall(r"<script[^>]*>", net) == [
        '<script src="/static/cytoscape.min.js">',
        '<script src="/static/network.js">',
    ]
    # the JSON twin carries the text verbatim (JSON is not HTML)
    assert SCRIPT in client.get(f"/api/articles/{ids['hostile']}").json()["article"]["body"]
    assert IMG in client.get(f"/api/articles/{ids['hostile']}").json()["article"]["body"]
    assert "script-src 'self'" in client.get("/").headers["content-security-policy"]


@pytest.mark.parametrize("q", ["'; DROP TABLE articles; --", '" OR 1=1 --', "%' OR 'x'='x", "NEAR(", "body:x"])
def test_search_sql_metacharacters(client, q):
    for url in ("/search", "/api/search"):
        assert client.get(url, params={"q": q, "publisher": q[:20]}).status_code == 200
        refused = client.get(url, params={"q": q, "stance": q[:20]})  # not a stance: said so, not run
        assert refused.status_code == 422 and "stance" in refused.text
    assert client.get("/api/overview").json()["counts"]["articles"] == 8


def test_body_limit_refuses_20_mb(client):
    big = b"x" * (20 * 1024 * 1024)
    r = client.post(
        "/api/analyze", content=big, headers={"Content-Type": "application/json", "Authorization": f"Bearer {TOKEN}"}
    )
    assert r.status_code == 413

    def chunks():
        for _ in range(20):
            yield b"x" * (1024 * 1024)

    r = client.post(
        "/api/analyze",
        content=chunks(),
        headers={"Content-Type": "application/json", "Authorization": f"Bearer {TOKEN}"},
    )
    assert r.status_code == 413


def test_analyze_needs_the_token(client, kb_path):
    body = {"text": "Senator Jane Roe said the bridge was unsafe.", "format": "text"}
    assert client.post("/api/analyze", json=body).status_code == 401
    assert client.post("/api/analyze", json=body, headers={"Authorization": "Bearer wrong"}).status_code == 401
    r = client.post("/api/analyze", json=body, headers={"X-API-Token": TOKEN})
    assert r.status_code == 200
    assert r.json()["analysis"]["attributions"]
    engine = open_db(kb_path)
    with TestClient(create_app(engine, Settings(db=kb_path, token=None))) as closed:
        assert closed.post("/api/analyze", json=body, headers={"X-API-Token": TOKEN}).status_code == 403
    engine.dispose()


def test_analyze_and_store(kb_path, tmp_path):
    import shutil

    copy = str(tmp_path / "kb.sqlite")
    shutil.copy(kb_path, copy)
    engine = open_db(copy)
    with TestClient(create_app(engine, Settings(db=copy, token=TOKEN))) as c:
        before = c.get("/api/overview").json()["counts"]["articles"]
        r = c.post(
            "/api/analyze",
            json={"text": "Mayor Tom Hill said the river was clean. " * 3, "store": True, "format": "text"},
            headers={"Authorization": f"Bearer {TOKEN}"},
        )
        assert r.status_code == 200 and r.json()["stored"]["added"] == 1
        assert c.get("/api/overview").json()["counts"]["articles"] == before + 1
        assert c.get(r.json()["stored"]["url"]).status_code == 200
    engine.dispose()


def test_openapi_docs_are_local(client):
    docs = client.get("/docs").text
    assert "/static/swagger/swagger-ui-bundle.js" in docs and "cdn" not in docs.lower()
    spec = client.get("/openapi.json").json()
    for path in (
        "/api/search",
        "/api/articles/{document_id}",
        "/api/entities/{entity_id}",
        "/api/network",
        "/api/timeline",
        "/api/publishers/{domain}",
        "/api/analyze",
    ):
        assert path in spec["paths"], path
    assert client.get("/static/swagger/swagger-ui-bundle.js").status_code == 200


def test_html_pagers_link_to_the_next_page(client, ids):
    first = client.get("/search", params={"q": "said OR the", "limit": 2})
    assert first.status_code == 200
    nxt = re.search(r'<a href="([^"]+)">next →</a>', first.text).group(1).replace("&amp;", "&")
    assert "offset=2" in nxt
    second = client.get(nxt)
    assert second.status_code == 200 and "3–4 of" in second.text
    entity_page = client.get(f"/entities/{ids['gerasimov']}", params={"limit": 2})
    assert "said_offset=2" in entity_page.text
    assert client.get(f"/entities/{ids['gerasimov']}", params={"limit": 2, "said_offset": 2}).status_code == 200
    for url in ("/network?limit=1", "/publishers?limit=1"):
        page = client.get(url)
        assert page.status_code == 200 and "next →" in page.text, url
    assert client.get("/publishers/northernledger.org?limit=1&offset=1").status_code == 200


def test_network_page_defaults_to_the_newest_90_days(client):
    page = client.get("/network").text
    assert "from the 90 days up to the newest dated article with an edge, 2024-02-07 to 2024-05-06" in page
    assert "Alice Walker" in page and "Valery Gerasimov" not in page
    twin = re.search(r'class="json" href="([^"]+)"', page).group(1).replace("&amp;", "&")
    assert twin == "/api/network"  # the window is the query function's default, not the page's
    data = client.get(twin).json()
    assert data["query"]["window"] == {"date_from": "2024-02-07", "date_to": "2024-05-06"}
    assert page.count("<tr><td><a href=") == len(data["edges"]["items"]) >= 1
    everything = client.get("/network", params={"date_from": "2000-01-01"}).text
    assert "Valery Gerasimov" in everything and "from the 90 days" not in everything
    whole = client.get("/api/network", params={"recent_days": 0}).json()
    assert whole["query"]["window"] is None and whole["edges"]["total"] > data["edges"]["total"]


def test_security_headers_everywhere_but_docs(client):
    r = client.get("/entities/nope")
    assert r.status_code == 404 and "script-src 'self'" in r.headers["content-security-policy"]
    assert r.headers["x-content-type-options"] == "nosniff" and r.headers["referrer-policy"] == "no-referrer"
    docs = client.get("/docs")
    assert docs.status_code == 200 and "content-security-policy" not in docs.headers


@pytest.mark.slow
def test_serve_with_two_workers(kb_path):
    """``claimgraph serve --workers 2``: both processes answer, and keep-alive responses do not stall on Nagle."""
    import http.client
    import socket
    import subprocess
    import sys
    import time

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    proc = subprocess.Popen(
        [sys.executable, "-m", "claimgraph", "serve", "--db", kb_path, "--port", str(port), "--workers", "2"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    try:
        deadline = time.monotonic() + 90
        while True:
            try:
                conn = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
                conn.request("GET", "/api/overview")
                assert conn.getresponse().read()
                break
            except OSError:
                assert proc.poll() is None and time.monotonic() < deadline, proc.stderr.read().decode()
                time.sleep(0.3)
        times = []
        for _ in range(12):  # one keep-alive connection; with Nagle on, each response took 40 ms or more
            t = time.perf_counter()
            conn.request("GET", "/entities/nope")
            resp = conn.getresponse()
            resp.read()
            assert resp.status == 404 and "script-src" in resp.headers["content-security-policy"]
            times.append(time.perf_counter() - t)
        assert sorted(times)[len(times) // 2] < 0.035, times
        conn.request(
            "POST", "/api/analyze", body=b'{"text": "Walker said so."}', headers={"Content-Type": "application/json"}
        )
        assert conn.getresponse().status == 403  # no token configured: analysis stays closed in every worker
    finally:
        proc.terminate()
        proc.wait(15)


def test_attribution_card_escapes_everything():
    from claimgraph.web.cards import attribution_card

    evil = '<script>alert(1)</script>"><img src=x onerror=alert(2)>'
    card = attribution_card(
        {
            "id": evil,
            "stance": evil,
            "kind": evil,
            "speaker": "e1",
            "speaker_mention": {"start": 0, "end": 1, "text": evil + "!"},
            "speaker_kb_id": evil,
            "speaker_name": evil,
            "cue": {"text": evil},
            "content": {"text": evil},
            "targets": ["e2"],
            "target_kb_ids": [None],
            "target_names": [evil],
            "via": ["e3"],
            "via_kb_ids": ["E1"],
            "via_names": [evil],
            "document_id": evil,
            "article": {"document_id": evil, "title": evil, "published": evil, "publisher_id": evil},
        },
        show_article=True,
    )
    assert "<script>" not in card and "<img" not in card and '"><img' not in card
    assert card.count("&lt;script&gt;") >= 8
    anchored = attribution_card(
        {
            "id": "a1",
            "stance": None,
            "kind": "direct",
            "speaker": None,
            "speaker_mention": None,
            "speaker_kb_id": None,
            "cue": None,
            "content": {"text": "“x”"},
            "targets": [],
            "via": [],
        },
        anchor=True,
    )
    assert 'id="a-a1"' in anchored and "(no source named)" in anchored and "quoted" in anchored


def test_html_pages_show_as_many_cards_as_their_twins_list(client):
    from claimgraph.web.views import PAGE_LIMIT

    data = client.get("/api/search", params={"q": "said OR the"}).json()
    html = client.get("/search", params={"q": "said OR the"}).text
    assert data["limit"] == PAGE_LIMIT and html.count('<li class="hit ') == len(data["items"]) == PAGE_LIMIT
    assert 'href="/api/search?q=said+OR+the"' in html  # the twin is the same URL under /api, nothing added
    assert 'href="/api/search?q=said+OR+the&amp;limit=3"' in client.get("/search?q=said+OR+the&limit=3").text


def _routes(router) -> dict[str, object]:
    return {route.path: route for route in router.routes}


def test_every_page_and_its_twin_share_one_handler():
    """Both routes of a page depend on the same handler, so they take the same parameters with the same defaults."""
    from claimgraph.web import api, pages
    from claimgraph.web.views import PAGES

    html, json_ = _routes(pages.router), _routes(api.router)
    assert len(PAGES) == len(html) == len(json_) == 11
    for page in PAGES:
        handlers = [dep.call for r in (html[page.path], json_[page.api]) for dep in r.dependant.dependencies]
        assert handlers == [page.handler, page.handler], page.path
        params = [
            {(p.name, repr(p.field_info.default)) for p in r.dependant.dependencies[0].query_params}
            for r in (html[page.path], json_[page.api])
        ]
        assert params[0] == params[1], page.path


def test_web_modules_import_without_a_cycle():
    """No module of ``web/`` imports ``app`` (which imports them), and each imports on its own."""
    import ast
    import importlib
    import sys
    from pathlib import Path

    web = Path(__file__).resolve().parents[1] / "src" / "claimgraph" / "web"
    for path in sorted(web.glob("*.py")):
        if path.name == "app.py":
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"))
        imported = {(n.level, n.module) for n in ast.walk(tree) if isinstance(n, ast.ImportFrom)}
        assert (1, "app") not in imported and (3, "web.app") not in imported, path.name
    saved = {k: sys.modules.pop(k) for k in list(sys.modules) if k.startswith("claimgraph.web")}
    try:  # imported afresh, pages first, each on its own
        for module in ("claimgraph.web.pages", "claimgraph.web.api", "claimgraph.web.app"):
            importlib.import_module(module)
    finally:
        sys.modules.update(saved)
