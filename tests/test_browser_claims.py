"""The claim pages in a real headless Chromium: search -> claim timeline -> article -> back to the claim."""

from __future__ import annotations

from pathlib import Path

import pytest
from browser_helpers import serving
from tracing_helpers import build_tracing_kb

CHROMIUM = "/usr/bin/chromium"
ARGS = ["--no-sandbox", "--headless", "--disable-gpu", "--disable-background-networking", "--no-first-run"]
SHOTS = Path(__file__).resolve().parents[1] / "artifacts" / "screenshots"

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(not Path(CHROMIUM).exists(), reason=f"no chromium at {CHROMIUM} (apt-get install chromium)"),
]


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    pytest.importorskip("playwright.sync_api", reason="playwright is not installed (pip install '.[test]')")
    db = tmp_path_factory.mktemp("tracing_browser") / "kb.sqlite"
    build_tracing_kb(db)
    with serving(str(db)) as url:
        yield url


def test_claim_timeline_shows_first_and_changes(server):
    from playwright.sync_api import sync_playwright

    SHOTS.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        page = browser.new_page(viewport={"width": 1366, "height": 900})
        page.set_default_timeout(15_000)
        errors: list[str] = []
        page.on("pageerror", lambda exc: errors.append(str(exc)))
        page.goto(server + "/search?q=rusted+cables")
        page.locator("section.claim-hits a").first.click()
        page.wait_for_url("**/claims/claim:*")
        rows = page.locator("table.claim-timeline tr.first")
        assert rows.count() == 1 and "First Post" in rows.first.inner_text()
        added = page.locator("td.diff ins", has_text="three")
        assert added.count() == 1 and added.first.is_visible()
        assert added.first.evaluate("el => getComputedStyle(el).backgroundColor") not in ("rgba(0, 0, 0, 0)", "")
        assert page.locator("td.diff del", has_text="two").first.is_visible()
        assert page.locator(".badge.change-attribution_dropped").count() == 1
        page.screenshot(path=str(SHOTS / "7-claim.png"), full_page=True)
        page.locator("table.claim-timeline a", has_text="Late Wire").click()
        page.wait_for_url("**/articles/sha256:*")
        page.locator("label[for=tab-elsewhere]").click()  # the list sits in the "Seen elsewhere" tab
        mark = page.locator("ul.claims-elsewhere li").first
        assert "first seen at First Post, 5 days earlier" in mark.inner_text()
        mark.locator("a").click()
        page.wait_for_url("**/claims/claim:*")
        assert errors == []
        browser.close()
