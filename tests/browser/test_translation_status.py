"""A translator in a real browser: after an editor changes a Romanian page, the report
shows its English translation as outdated; the translator syncs it with the bulk action
on the page listing and the report shows it in sync. Saves the editors' guide's screenshot."""

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from playwright.sync_api import expect
from wagtail.users.models import UserProfile

from pages.models import StandardPage
from tests.browser.test_editor import SCREENSHOTS, TIMEOUT, restore_what_migrations_made, sign_in

pytestmark = pytest.mark.browser


@pytest.fixture
def translator(demo_site):
    """A member of the Translators group, with the admin in English."""
    restore_what_migrations_made()
    user = get_user_model().objects.create_user("traducator", "t@example.com", "traducator-pass-1")
    user.groups.add(Group.objects.get(name="Translators"))
    profile = UserProfile.get_for_user(user)
    profile.preferred_language = "en"
    profile.save()
    return user


def test_translator_finds_an_outdated_translation_and_syncs_it(demo_site, page, translator):
    page.set_default_timeout(TIMEOUT)
    about = StandardPage.objects.get(slug="despre", locale__language_code="ro")
    about.introduction = "Compartimentul Relații Externe are un nou program de lucru."
    about.save_revision().publish()

    sign_in(page, demo_site, "traducator", "traducator-pass-1")
    # The dashboard counts the outdated translation...
    panel = page.locator("#translation-status-section")
    expect(panel.get_by_role("link", name="outdated")).to_be_visible()
    # ...and the Reports menu leads to the report.
    page.get_by_role("button", name="Reports").click()
    page.get_by_role("list", name="Reports").get_by_role("link", name="Translation status").click()
    expect(page.get_by_role("heading", name="Translation status")).to_be_visible()
    # A translator's links are to the English side only: the Romanian title is plain text.
    row = page.get_by_role("row").filter(has=page.get_by_role("cell", name="Despre RO"))
    expect(row).to_contain_text("outdated")
    expect(row.get_by_role("link", name="Open translation")).to_have_attribute(
        "href", f"/admin/pages/{StandardPage.objects.get(slug='about').pk}/edit/"
    )

    page.mouse.move(1, 1)
    page.wait_for_load_state("networkidle")
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / "translation-status.png"), animations="disabled")

    # The bulk action, from the page listing: a translator's is the English tree, and
    # selecting the translation syncs it from its Romanian source.
    about_en = StandardPage.objects.get(slug="about", locale__language_code="en")
    page.goto(demo_site.url + f"/admin/pages/{about_en.get_parent().pk}/")
    listing_row = page.locator("tr", has=page.get_by_role("link", name="About", exact=True))
    listing_row.locator("input.bulk-action-checkbox").check()
    # Wagtail shows the first four bulk actions; the others are under "More".
    page.locator("[data-bulk-action-footer]").get_by_role("button", name="More").click()
    sync = page.get_by_role("link", name="Sync the translations of the selected pages")
    expect(sync).to_be_visible()
    # Wagtail's script gives the dropdown's links the selected ids once it has opened.
    page.wait_for_timeout(500)
    sync.click()
    page.get_by_role("button", name="Yes, sync").click()
    expect(page.get_by_text("The translations of 1 page have been synced.")).to_be_visible()

    page.goto(demo_site.url + "/admin/reports/translation-status/?status=outdated")
    expect(page.get_by_role("cell", name="Despre RO")).to_have_count(0)
    expect(page.get_by_role("cell", name="outdated")).to_have_count(0)
