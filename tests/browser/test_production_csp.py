"""The Content-Security-Policy in a real browser: public pages and the Wagtail admin (sign in,
page explorer, page editor with its preview panel) work under their policies without a
single violation."""

import pytest
from django.contrib.auth import get_user_model
from wagtail.models import Page

pytestmark = pytest.mark.browser


def violations_while(page, action):
    found = []
    page.on(
        "console",
        lambda message: (
            found.append(message.text) if "Content Security Policy" in message.text else None
        ),
    )
    action()
    page.wait_for_timeout(500)
    return found


@pytest.mark.parametrize("path", ["/ro/", "/en/about/", "/ro/cautare/?q=Botosani"])
def test_public_pages_raise_no_csp_violation(demo_site, page, path):
    assert violations_while(page, lambda: page.goto(demo_site.url + path)) == []


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
