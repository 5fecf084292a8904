"""An editor at work in a real browser: signs in, writes a press release with a hero image,
publishes it, and readers find it on the news index, on its own page and in the RSS feed."""

import re
from importlib import import_module
from pathlib import Path
from types import SimpleNamespace

import feedparser
import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from playwright.sync_api import expect
from wagtail.models import Collection, GroupCollectionPermission, Page, WorkflowState
from wagtail.users.models import UserProfile

from newsroom.models import NewsIndexPage, PressReleasePage
from pages.models import StandardPage
from tests.browser.test_production_csp import violations_while
from tests.factories import ImageFactory

pytestmark = pytest.mark.browser

SCREENSHOTS = Path(__file__).resolve().parents[2] / "docs" / "screenshots"
TITLE = "Piața Revoluției se redeschide pietonilor"
LEAD = "Primăria Municipiului Botoșani redeschide Piața Revoluției după lucrările de reabilitare."
ALT = "Piața Revoluției din Botoșani după reabilitare, cu pietoni pe noul pavaj"
IMAGE_TITLE = "Piața Revoluției, mai 2026"
TIMEOUT = 15_000


def restore_what_migrations_made():
    """Browser tests run on a transactional database, flushed after each test: that loses
    what data migrations made, and load_demo_content recreates only the editorial groups.
    Put back, as after `migrate` (on a fresh test database this changes nothing): the root
    collection; wagtail-localize's "submit translation" permission and the groups' page and
    admin permissions, by replaying wagtail-localize's and the project's data migrations;
    and the image and document permissions Wagtail's migrations give Editors and
    Moderators on the root collection (wagtailimages 0012 and 0023, wagtaildocs 0006 and
    0011), the only image permissions Wagtail checks."""
    root = Collection.get_first_root_node() or Collection.add_root(name="Root")
    loader = MigrationExecutor(connection).loader
    # wagtail-localize's "submit translation" permission comes from its own data migration,
    # and the project's data migration gives it to the three groups.
    for app_label, name, function in (
        (
            "wagtail_localize",
            "0006_create_submit_translation_permission",
            "create_submit_translation_permission",
        ),
        ("editorial_roles", "0001_editorial_groups", "forwards"),
    ):
        state = loader.project_state((app_label, name), at_end=True)
        getattr(import_module(f"{app_label}.migrations.{name}"), function)(
            state.apps, SimpleNamespace(connection=connection)
        )
    for group in Group.objects.filter(name__in=["Editors", "Moderators"]):
        for app_label, model in (("wagtailimages", "image"), ("wagtaildocs", "document")):
            for action in ("add", "change", "choose"):
                GroupCollectionPermission.objects.get_or_create(
                    group=group,
                    collection=root,
                    permission=Permission.objects.get(
                        content_type__app_label=app_label, codename=f"{action}_{model}"
                    ),
                )


@pytest.fixture
def editor(demo_site):
    """A member of the Editors group, with the admin in English; not a superuser."""
    restore_what_migrations_made()
    user = get_user_model().objects.create_user(
        "redactor", "redactor@example.com", "redactor-pass-1"
    )
    user.groups.add(Group.objects.get(name="Editors"))
    profile = UserProfile.get_for_user(user)
    profile.preferred_language = "en"
    profile.save()
    return user


def sign_in(page, site, username, password):
    page.goto(site.url + "/admin/login/")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(password)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url(site.url + "/admin/")


def publish(page):
    """Wagtail 8's footer: "Save draft" is the main button; "Publish" and "Submit to
    Two-step moderation" are in the dropdown its arrow ("More actions") opens."""
    page.get_by_role("button", name="More actions").click()
    expect(page.get_by_role("button", name="Submit to Two-step moderation")).to_be_visible()
    page.get_by_role("button", name="Publish", exact=True).click()


def test_editor_publishes_a_release_with_a_hero_image_and_readers_see_it(demo_site, page, editor):
    """An Editor (group member, English admin, not a superuser) publishes directly.

    The Romanian news index has the two-step moderation workflow assigned, but Wagtail 8
    shows a user with publish permission the "Publish" action next to "Submit to
    Two-step moderation": publishing is a decision of the editor, the workflow is for
    contributors without that permission. So the editor below presses "Publish" and the
    release goes live at once; no workflow is started.
    """
    page.set_default_timeout(TIMEOUT)
    news_index = NewsIndexPage.objects.get(locale__language_code="ro")
    assert news_index.url_path.endswith("/stiri/")
    ImageFactory(title=IMAGE_TITLE)

    sign_in(page, demo_site, "redactor", "redactor-pass-1")

    # From the page explorer of the news index, add a child page (a release is the only
    # page type allowed there, so Wagtail goes straight to its form).
    page.goto(demo_site.url + f"/admin/pages/{news_index.pk}/")
    page.get_by_role("link", name="Add child page").first.click()
    page.wait_for_url("**/admin/pages/add/newsroom/pressreleasepage/**")

    page.get_by_role("textbox", name="Title").fill(TITLE)
    page.get_by_role("textbox", name="Lead").fill(LEAD)

    # The hero image, picked in the image chooser modal.
    page.get_by_role("button", name="Choose an image").first.click()
    modal = page.locator(".modal-dialog")
    modal.get_by_role("link", name=IMAGE_TITLE).click()
    expect(modal).to_be_hidden()
    expect(page.locator("[data-chooser-title]").first).to_have_text(IMAGE_TITLE)

    # Publishing without alternative text is refused, with the error at that field.
    publish(page)
    expect(page.get_by_text("could not be created due to validation errors")).to_be_visible()
    alt_text = page.get_by_role("textbox", name="Hero image alternative text")
    expect(page.locator(".w-field", has=alt_text).locator(".error-message")).to_have_text(
        "Describe the image for people who cannot see it, or mark it as decorative "
        "if it adds nothing to the text."
    )
    assert not PressReleasePage.objects.filter(title=TITLE).exists()
    # The form comes back with the chosen image, title and lead still filled in.
    expect(page.locator("[data-chooser-title]").first).to_have_text(IMAGE_TITLE)
    expect(page.get_by_role("textbox", name="Lead")).to_have_value(LEAD)

    alt_text.fill(ALT)
    publish(page)
    expect(page.get_by_text(f"Page '{TITLE}' created and published.")).to_be_visible()

    release = PressReleasePage.objects.get(title=TITLE)
    assert release.live and release.hero_image.title == IMAGE_TITLE
    assert release.hero_image_alt == ALT
    assert release.get_parent().pk == news_index.pk
    assert release.current_workflow_state is None
    assert not WorkflowState.objects.filter(object_id=str(release.pk)).exists()

    # The screenshot of the admin in docs/testing.md: the editor back in the release's form.
    page.goto(demo_site.url + f"/admin/pages/{release.pk}/edit/")
    expect(page.get_by_role("textbox", name="Lead")).to_have_value(LEAD)
    # With "Number, date and place" folded, the hero image and its alternative text are in view.
    when_and_where = page.get_by_role("region", name="Number, date and place")
    when_and_where.get_by_role("button", name="Toggle section").first.click()
    expect(when_and_where.get_by_role("textbox", name="Place")).to_be_hidden()
    page.evaluate("document.activeElement.blur()")
    page.mouse.move(1, 1)
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.wait_for_load_state("networkidle")
    page.screenshot(path=str(SCREENSHOTS / "admin-edit-release.png"), animations="disabled")

    # Readers: the news index lists it, and it opens with its hero image described...
    page.goto(demo_site.url + "/ro/stiri/")
    page.get_by_role("link", name=TITLE).first.click()
    page.wait_for_url(demo_site.url + release.url)
    expect(page.get_by_role("heading", level=1)).to_have_text(TITLE)
    expect(page.get_by_role("img", name=ALT)).to_be_visible()

    # ...and the RSS feed carries it.
    response = page.request.get(demo_site.url + "/ro/stiri/rss/")
    assert response.ok
    feed = feedparser.parse(response.body())
    assert not feed.bozo, feed.bozo_exception
    entry = next(entry for entry in feed.entries if entry.title.startswith(TITLE))
    assert entry.link == demo_site.url + release.url


def test_an_editor_previews_a_page_and_reads_its_checks_in_the_editor(demo_site, page, editor):
    """The editor's preview panel shows the page (the preview is framed by the admin, which
    the public pages' policy, frame-ancestors 'none', would refuse) and its Checks panel
    runs the site's rules on it, vague link text included."""
    home = Page.objects.get(url_path="/ro/").specific
    vague = StandardPage(
        title="Program de finanțare",
        slug="program-finantare",
        body=[("paragraph", '<p>Programul este <a href="https://example.org/p">aici</a>.</p>')],
    )
    home.add_child(instance=vague)
    vague.save_revision().publish()
    sign_in(page, demo_site, "redactor", "redactor-pass-1")
    page.goto(demo_site.url + f"/admin/pages/{vague.pk}/edit/")

    page.get_by_role("button", name="Toggle preview").click()
    preview = page.frame_locator("iframe[src*='/edit/preview/']")
    expect(preview.locator("h1")).to_have_text("Program de finanțare", timeout=15_000)

    page.get_by_role("button", name="Toggle checks").click()
    expect(page.locator("[data-checks-panel]")).to_contain_text("Vague link text", timeout=20_000)


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


def test_admin_signs_in_and_edits_a_page_without_csp_violations(demo_site, page):
    get_user_model().objects.create_superuser("chief", "chief@example.com", "chief-pass-1")
    about = Page.objects.get(slug="despre")

    def sign_in_and_edit():
        page.goto(demo_site.url + "/admin/login/")
        page.fill("input[name=username]", "chief")
        page.fill("input[name=password]", "chief-pass-1")
        page.click("button[type=submit]")
        page.wait_for_url(demo_site.url + "/admin/")
        page.goto(demo_site.url + f"/admin/pages/{about.pk}/")
        page.goto(demo_site.url + f"/admin/pages/{about.pk}/edit/")
        page.wait_for_selector("form#page-edit-form")

    violations = violations_while(page, sign_in_and_edit)
    assert violations == [], "\n".join(violations)
    assert page.locator("input[name=title]").input_value() == "Despre"
