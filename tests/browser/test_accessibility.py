"""axe-core finds no WCAG 2.1 A/AA violation on the public pages, in both languages."""

import pytest
from axe_playwright_python.sync_playwright import Axe

pytestmark = pytest.mark.browser

WCAG_21_AA = {"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]}}

PAGES = [
    "/ro/",
    "/en/",
    "/ro/despre/",
    "/en/about/",
    "/ro/declaratie-accesibilitate/",
    "/en/accessibility-statement/",
    "/ro/semnalare-accesibilitate/",
    "/en/accessibility-feedback/",
    "/ro/nu-exista/",
    "/en/does-not-exist/",
]


@pytest.mark.parametrize("path", PAGES)
def test_public_page_has_no_accessibility_violations(demo_to_read, page, path):
    page.goto(demo_to_read.url + path)
    results = Axe().run(page, options=WCAG_21_AA)
    assert results.violations_count == 0, results.generate_report()


@pytest.mark.parametrize("path", ["/ro/semnalare-accesibilitate/", "/en/accessibility-feedback/"])
def test_the_feedback_form_with_an_error_and_once_sent_has_no_violations(demo_to_read, page, path):
    page.goto(demo_to_read.url + path)
    page.get_by_role("main").locator("button[type=submit]").click()
    page.wait_for_load_state()
    assert page.locator(".form-error").count() == 1
    results = Axe().run(page, options=WCAG_21_AA)
    assert results.violations_count == 0, results.generate_report()
    page.locator("textarea").fill("The map has no text version.")
    page.get_by_role("main").locator("button[type=submit]").click()
    page.wait_for_load_state()
    assert page.locator("[role=status]").count() == 1
    results = Axe().run(page, options=WCAG_21_AA)
    assert results.violations_count == 0, results.generate_report()


@pytest.mark.parametrize("path", ["/ro/", "/en/about/"])
def test_nothing_scrolls_sideways_on_a_375_pixel_phone(demo_to_read, page, path):
    page.set_viewport_size({"width": 375, "height": 800})
    page.goto(demo_to_read.url + path)
    assert page.evaluate("document.documentElement.scrollWidth") <= 375


def test_skip_link_is_the_first_stop_and_moves_focus_to_main(demo_to_read, page):
    page.goto(demo_to_read.url + "/ro/")
    page.keyboard.press("Tab")
    focused = page.evaluate("document.activeElement.textContent.trim()")
    assert focused == "Salt la conținutul principal"
    assert page.locator(".skip-link").is_visible()
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "main"


def test_reader_switches_language_by_clicking_and_lands_on_the_translation(demo_to_read, page):
    page.goto(demo_to_read.url + "/ro/despre/")
    page.get_by_role("link", name="English").click()
    page.wait_for_url("**/en/about/")
    assert page.locator("html").get_attribute("lang") == "en"
    assert page.locator("h1").inner_text() == "About"
    page.get_by_role("link", name="Română").click()
    page.wait_for_url("**/ro/despre/")
    assert page.locator("h1").inner_text() == "Despre"
