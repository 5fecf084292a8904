"""Security headers: a content security policy allowing only the site's origin and
nonced scripts on public pages, a policy of its own for the admin."""

import re

import pytest
from wagtail.models import Page

pytestmark = pytest.mark.usefixtures("site_database")


@pytest.mark.django_db
def test_public_pages_allow_only_our_origin_and_nonced_scripts(client, site_tree):
    response = client.get("/ro/despre/")
    policy = response["Content-Security-Policy"]
    assert "default-src 'self'" in policy
    assert re.search(r"script-src 'self' 'nonce-[\w-]{20,}'(;|$)", policy)
    assert "unsafe-inline" not in policy and "unsafe-eval" not in policy
    assert "frame-ancestors 'none'" in policy
    assert "camera=()" in response["Permissions-Policy"]
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"]


@pytest.mark.django_db
@pytest.mark.parametrize("path", ["/ro/", "/en/", "/ro/despre/", "/en/about/", "/ro/cautare/?q=a"])
def test_public_pages_have_no_inline_script_without_the_nonce(client, site_tree, path):
    response = client.get(path)
    nonce = re.search(r"'nonce-([^']+)'", response["Content-Security-Policy"]).group(1)
    for attributes in re.findall(r"<script\b([^>]*)>", response.content.decode()):
        if "src=" in attributes or 'type="application/ld+json"' in attributes:
            continue  # our own files, or data that the browser does not execute
        assert f'nonce="{nonce}"' in attributes, attributes


@pytest.mark.django_db
def test_each_request_gets_a_new_nonce(client, site_tree):
    policies = {client.get("/ro/")["Content-Security-Policy"] for _ in range(3)}
    assert len(policies) == 3


@pytest.mark.django_db
def test_admin_works_under_its_own_policy(admin_client, site_tree):
    about = Page.objects.get(slug="despre")
    for path in ["/admin/", f"/admin/pages/{about.pk}/edit/", "/admin/login/"]:
        response = admin_client.get(path, follow=True)
        assert response.status_code == 200, path
        policy = response["Content-Security-Policy"]
        assert "script-src 'self' 'unsafe-inline'" in policy
        assert "frame-ancestors 'self'" in policy  # the preview panel
        assert "object-src 'none'" in policy


@pytest.mark.django_db
def test_extra_sources_and_the_permissions_policy_come_from_settings(
    client, admin_client, site_tree, settings
):
    # hardening/conf.py: read at each response, so a setting changes the headers at once.
    settings.CSP_FRAME_SRC = ["https://player.vimeo.com"]
    settings.CSP_IMG_SRC = ["https://images.example.org"]
    settings.PERMISSIONS_POLICY = "camera=(self)"
    response = client.get("/ro/despre/")
    policy = response["Content-Security-Policy"]
    assert "frame-src 'self' https://player.vimeo.com;" in policy
    assert "img-src 'self' data: https://images.example.org;" in policy
    assert response["Permissions-Policy"] == "camera=(self)"
    admin_policy = admin_client.get("/admin/")["Content-Security-Policy"]
    assert "frame-src 'self' https://player.vimeo.com;" in admin_policy

    settings.PERMISSIONS_POLICY = ""  # none at all
    assert "Permissions-Policy" not in client.get("/ro/despre/")


@pytest.mark.django_db
def test_without_settings_the_policies_keep_their_defaults(client, site_tree, settings):
    del settings.CSP_FRAME_SRC
    del settings.CSP_IMG_SRC
    del settings.PERMISSIONS_POLICY
    response = client.get("/ro/despre/")
    assert "frame-src 'self';" in response["Content-Security-Policy"]
    assert response["Permissions-Policy"].startswith("accelerometer=(), camera=()")


@pytest.mark.django_db
def test_a_preview_may_be_framed_by_the_admin_and_a_public_page_by_nobody(
    admin_client, client, site_tree
):
    # Wagtail renders a preview through the middleware with a request for the page's own
    # address; the editor's preview panel frames it.
    about = Page.objects.get(slug="despre")
    preview = admin_client.get(f"/admin/pages/{about.pk}/view_draft/")
    assert preview.status_code == 200
    policy = preview["Content-Security-Policy"]
    assert "frame-ancestors 'self'" in policy
    assert "script-src 'self' 'nonce-" in policy  # the page's own policy otherwise
    assert "frame-ancestors 'none'" in client.get("/ro/despre/")["Content-Security-Policy"]
