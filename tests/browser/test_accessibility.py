"""axe-core finds no WCAG 2.1 A/AA violation on the public pages, in both languages."""

import re

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.contrib.auth import get_user_model
from playwright.sync_api import expect
from wagtail.models import Page
from wagtail.users.models import UserProfile

from pages.models import StandardPage

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
def test_public_page_has_no_accessibility_violations(demo_site, page, path):
    page.goto(demo_site.url + path)
    results = Axe().run(page, options=WCAG_21_AA)
    assert results.violations_count == 0, results.generate_report()


@pytest.mark.parametrize("path", ["/ro/semnalare-accesibilitate/", "/en/accessibility-feedback/"])
def test_the_feedback_form_with_an_error_and_once_sent_has_no_violations(demo_site, page, path):
    page.goto(demo_site.url + path)
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
def test_nothing_scrolls_sideways_on_a_375_pixel_phone(demo_site, page, path):
    page.set_viewport_size({"width": 375, "height": 800})
    page.goto(demo_site.url + path)
    assert page.evaluate("document.documentElement.scrollWidth") <= 375


def test_skip_link_is_the_first_stop_and_moves_focus_to_main(demo_site, page):
    page.goto(demo_site.url + "/ro/")
    page.keyboard.press("Tab")
    focused = page.evaluate("document.activeElement.textContent.trim()")
    assert focused == "Salt la conținutul principal"
    assert page.locator(".skip-link").is_visible()
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "main"


def test_reader_switches_language_by_clicking_and_lands_on_the_translation(demo_site, page):
    page.goto(demo_site.url + "/ro/despre/")
    page.get_by_role("link", name="English").click()
    page.wait_for_url("**/en/about/")
    assert page.locator("html").get_attribute("lang") == "en"
    assert page.locator("h1").inner_text() == "About"
    page.get_by_role("link", name="Română").click()
    page.wait_for_url("**/ro/despre/")
    assert page.locator("h1").inner_text() == "Despre"


def test_the_editors_checker_names_vague_link_text(demo_site, page):
    """Wagtail's checker (the userbar's "Checks" on a live page; the same item runs in the
    editor's preview) flags a link that reads "aici" and not one that says where it leads."""
    chief = get_user_model().objects.create_superuser("sef", "sef@example.com", "sef-pass-1")
    # The checker speaks the editor's admin language, not the page's.
    profile = UserProfile.get_for_user(chief)
    profile.preferred_language = "en"
    profile.save()
    home = Page.objects.get(url_path="/ro/").specific
    vague = StandardPage(
        title="Program de finanțare",
        slug="program-finantare",
        body=[
            (
                "paragraph",
                '<p>Programul complet este <a href="https://example.org/program">aici</a>; '
                'vedeți și <a href="https://example.org/buget">bugetul pe 2026</a>.</p>',
            )
        ],
    )
    home.add_child(instance=vague)
    vague.save_revision().publish()

    page.goto(demo_site.url + "/admin/login/")
    page.get_by_label("Username").fill("sef")
    page.get_by_label("Password").fill("sef-pass-1")
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url(demo_site.url + "/admin/")

    page.goto(demo_site.url + "/ro/program-finantare/")
    count = page.locator("#checker-trigger [data-content-checker-count]")
    expect(count).to_have_text("1", timeout=15_000)
    page.locator("#wagtail-userbar-trigger").click()
    page.locator("#checker-trigger").click()
    names = page.locator("[data-content-checker-name]")
    expect(names.filter(has_text="Vague link text")).to_have_count(1)

    # The demo's own pages have no such link: the header, menu and footer count too.
    page.goto(demo_site.url + "/ro/despre/")
    expect(count).to_have_text(re.compile(r"^\d+$"), timeout=15_000)
    page.locator("#wagtail-userbar-trigger").click()
    page.locator("#checker-trigger").click()
    expect(page.locator("[data-content-checker-name]", has_text="Vague link text")).to_have_count(0)
