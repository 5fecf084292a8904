"""Every public page type in a real browser: axe finds no WCAG 2.1 AA violation, readers
search and switch language, and the screenshots in docs/ are taken here."""

from pathlib import Path

import pytest
from axe_playwright_python.sync_playwright import Axe

pytestmark = pytest.mark.browser

WCAG_21_AA = {"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]}}
SCREENSHOTS = Path(__file__).resolve().parents[2] / "docs" / "screenshots"
RELEASE_RO = "/ro/stiri/comunicat-de-presa-intalnirea-grupului-local-urbact/"

PAGES = [
    "/ro/stiri/",
    "/en/news/",
    "/ro/stiri/?topic=urbact&year=2021",
    "/ro/stiri/?page=2",
    RELEASE_RO,
    "/en/news/press-release-urbact-local-group-meeting/",
    "/ro/stiri/subiect/urbact/",
    "/ro/proiecte/",
    "/ro/proiecte/digiplace/",
    "/en/projects/digiplace/",
    "/ro/proiecte/digiplace/actiune-pilot-botosani/",
    "/en/projects/digiplace/botosani-pilot-action/",
    "/ro/parteneri/",
    "/en/partners/",
    "/ro/parteneri/messina/",
    "/en/partners/botosani/",
    "/ro/cautare/?q=Botosani",
    "/en/search/?q=nothing-matches-this",
    "/en/search/",
]


@pytest.mark.parametrize("path", PAGES)
def test_page_has_no_accessibility_violations(demo_to_read, page, path):
    response = page.goto(demo_to_read.url + path)
    assert response.status in (200, 404), path
    results = Axe().run(page, options=WCAG_21_AA)
    assert results.violations_count == 0, results.generate_report()


@pytest.mark.parametrize("path", [RELEASE_RO, "/ro/proiecte/digiplace/", "/ro/parteneri/"])
def test_nothing_scrolls_sideways_on_a_phone(demo_to_read, page, path):
    page.set_viewport_size({"width": 375, "height": 800})
    page.goto(demo_to_read.url + path)
    assert page.evaluate("document.documentElement.scrollWidth") <= 375


def test_reader_searches_botosani_without_diacritics_and_opens_a_result(demo_to_read, page):
    page.goto(demo_to_read.url + "/ro/")
    page.goto(demo_to_read.url + "/ro/cautare/")
    # The search page's own form; the header's box has the same label.
    search = page.get_by_role("main")
    search.get_by_label("Căutați pe acest site").fill("Botosani")
    search.get_by_role("button", name="Căutare").click()
    page.wait_for_url("**/ro/cautare/?q=Botosani*")
    first = page.locator(".search-results h2 a").first
    title = first.inner_text()
    assert "Botoșani" in page.locator(".search-results").inner_text()
    first.click()
    assert page.locator("h1").inner_text() == title


def test_reader_switches_a_release_to_english(demo_to_read, page):
    page.goto(demo_to_read.url + RELEASE_RO)
    page.get_by_role("link", name="English").click()
    page.wait_for_url("**/en/news/press-release-urbact-local-group-meeting/")
    assert page.locator("h1").inner_text() == "Press release: URBACT Local Group meeting"


def test_screenshots_for_the_readme(demo_to_read, page):
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.set_viewport_size({"width": 1200, "height": 900})
    page.goto(demo_to_read.url + "/ro/")
    page.screenshot(path=str(SCREENSHOTS / "home.png"))
    page.goto(demo_to_read.url + RELEASE_RO)
    page.screenshot(path=str(SCREENSHOTS / "release.png"), full_page=True)
    assert (SCREENSHOTS / "home.png").stat().st_size > 10_000
