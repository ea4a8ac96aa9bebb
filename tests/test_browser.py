"""What a person sees, in a real headless Chromium: search -> article -> entity -> network.

Starts uvicorn on 127.0.0.1 (a free port) in a thread over the test KB and drives Debian's
``/usr/bin/chromium`` with Playwright (never ``playwright install``). Screenshots go to
``artifacts/screenshots/`` (git-ignored) for CI to keep. Skipped, with the reason, when chromium
or playwright is missing.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
from browser_helpers import serving

CHROMIUM = os.environ.get("CLAIMGRAPH_CHROMIUM") or shutil.which("chromium") or "/usr/bin/chromium"
ARGS = [
    "--no-sandbox",
    "--headless",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
SHOTS = Path(__file__).resolve().parents[1] / "artifacts" / "screenshots"

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(not Path(CHROMIUM).exists(), reason=f"no chromium at {CHROMIUM} (apt-get install chromium)"),
]


@pytest.fixture(scope="module")
def server(kb_path):
    pytest.importorskip("playwright.sync_api", reason="playwright is not installed (pip install '.[test]')")
    with serving(kb_path) as url:
        yield url


@pytest.fixture(scope="module")
def browser(server):
    from playwright.sync_api import sync_playwright

    SHOTS.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as p:
        chromium = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield chromium
        chromium.close()


@pytest.fixture(scope="module")
def page(browser):
    context = browser.new_context(viewport={"width": 1366, "height": 900})
    pg = context.new_page()
    pg.set_default_timeout(15_000)
    errors: list[str] = []
    pg.on("pageerror", lambda exc: errors.append(str(exc)))
    pg.on("dialog", lambda d: (errors.append(f"dialog: {d.message}"), d.dismiss()))
    pg.errors = errors
    yield pg
    context.close()


def test_search_article_entity_network(server, page):
    page.goto(server + "/")
    page.screenshot(path=str(SHOTS / "1-home.png"), full_page=True)
    page.fill("main input[name=q]", "Gerasimov")
    page.press("main input[name=q]", "Enter")
    page.wait_for_url("**/search?q=Gerasimov*")
    hits = page.locator("ul.hits > li")
    assert hits.count() >= 1
    assert "Gerasimov" in page.locator("ul.hits mark").first.inner_text()
    page.screenshot(path=str(SHOTS / "2-search.png"), full_page=True)

    page.locator("ul.hits > li a", has_text="Russia Accuses").first.click()
    page.wait_for_url("**/articles/sha256:*")
    quote = page.locator("article.body span.quote").filter(has_text="financial and technical assistance")
    assert quote.count() >= 1 and quote.first.is_visible()
    bg = quote.first.evaluate("el => getComputedStyle(el).backgroundColor")
    assert bg not in ("rgba(0, 0, 0, 0)", "transparent")  # highlighted, visibly
    panel = page.locator("aside.panel")
    assert "Valery Gerasimov" in panel.inner_text()
    assert "lashed out at" in panel.inner_text()
    number = page.locator("article.body span.quantity").filter(has_text="70,000")
    assert number.count() >= 1 and number.first.is_visible()
    assert "militants" in (number.first.get_attribute("title") or "")  # the hover says what the number counts
    outline = number.first.evaluate("el => getComputedStyle(el).outlineStyle")
    assert outline != "none"
    assert "Stated without a source" in page.locator("section.credibility").inner_text()
    page.screenshot(path=str(SHOTS / "3-article.png"), full_page=False)

    panel.locator("a", has_text="Valery Gerasimov").first.click()
    page.wait_for_url("**/entities/E*")
    assert page.locator("h1").inner_text() == "Valery Gerasimov"
    assert "United States" in page.locator("section", has_text="Who Valery Gerasimov accuses").first.inner_text()
    page.screenshot(path=str(SHOTS / "4-entity.png"), full_page=True)

    page.goto(server + "/network?date_from=2000-01-01")
    page.wait_for_function("() => document.getElementById('graph').dataset.nodes !== undefined")
    nodes = int(page.locator("#graph").get_attribute("data-nodes"))
    assert nodes >= 4
    names = page.evaluate("() => window.claimgraphNetwork.nodes().map(n => n.data('label'))")
    assert "Valery Gerasimov" in names and "United States" in names
    assert page.locator("#graph canvas").count() >= 1
    page.screenshot(path=str(SHOTS / "5-network.png"), full_page=True)
    assert page.errors == []


def test_hostile_article_is_inert_in_the_browser(server, page):
    page.goto(server + "/search?q=Harbor+Authority&kind=article")
    page.locator("ul.hits > li a", has_text="Senator").first.click()
    page.wait_for_url("**/articles/sha256:*")
    body = page.locator("article.body").inner_text()
    assert "<script>alert('xss')</script>" in body  # shown as text
    assert page.locator("article.body script, article.body img").count() == 0
    assert page.errors == []  # no alert() dialog, no script error
    page.screenshot(path=str(SHOTS / "6-hostile.png"), full_page=True)


def test_pages_work_without_javascript(server, browser):
    context = browser.new_context(java_script_enabled=False)
    pg = context.new_page()
    pg.goto(server + "/search?q=substations&kind=quote")
    assert pg.locator("ul.hits > li").count() >= 1
    pg.locator("ul.hits > li a[href^='/articles/']").first.click()
    pg.wait_for_url("**/articles/sha256:*")
    assert pg.locator("aside.panel li").count() >= 3
    pg.goto(server + "/network")
    assert pg.locator("#edges tr").count() >= 2  # the edge table stands in for the drawing
    context.close()


def test_map_draws_places_on_the_offline_outline(server, page):
    requests: list[str] = []
    page.on("request", lambda r: requests.append(r.url))
    page.goto(server + "/map")
    svg = page.locator("svg#worldmap")
    assert svg.is_visible()
    box = svg.bounding_box()
    assert box["width"] > 400 and box["height"] > 200
    assert page.locator("svg#worldmap g.countries path").count() >= 150
    circles = page.locator("svg#worldmap circle.place")
    assert circles.count() >= 3 and circles.first.is_visible()
    syria = page.locator("svg#worldmap circle.place title", has_text="Syria")
    assert syria.count() == 1
    # Syria is drawn east of Libya on the outline (a working projection, not a pile of dots)
    xs = {
        name: float(page.locator("svg#worldmap circle.place").filter(has=page.locator("title", has_text=name))
                    .first.get_attribute("cx"))
        for name in ("Syria", "Libya")
    }  # fmt: skip
    assert xs["Syria"] > xs["Libya"]
    assert page.locator("table#places tr").count() >= 4
    assert all(u.startswith(server) for u in requests), "the map fetched something off the server"
    page.screenshot(path=str(SHOTS / "7-map.png"), full_page=True)
    assert page.errors == []
