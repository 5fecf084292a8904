"""An imported page published as the admin would leave it: one revision, its log
entries, the publishing signal; a future publication date scheduled."""

from datetime import datetime

import pytest

from plone_import.sample import bilingual_site, item, write_collective
from tests.plone_import.helpers import BUCHAREST, NEWS_EN, page_for, run_import

pytestmark = pytest.mark.usefixtures("site_database")


def test_each_new_release_is_announced_to_what_listens_for_publishing(news_indexes, tmp_path):
    from wagtail.signals import page_published

    heard = []

    def listener(sender, instance, revision, **kwargs):
        heard.append((instance.title, revision.pk == instance.live_revision_id))

    items = bilingual_site("/ro/noutati") + [
        item("News Item", "/ro/noutati/anunt", "Anunț", description="x")
    ]
    page_published.connect(listener)
    try:
        run_import(write_collective(tmp_path / "export", items))
    finally:
        page_published.disconnect(listener)
    assert ("Anunț", True) in heard


def test_an_imported_release_is_published_as_the_admin_would_leave_it(imported, admin_client):
    from wagtail.models import PageLogEntry

    page = page_for(NEWS_EN)
    assert page.live and not page.has_unpublished_changes
    assert page.live_revision_id == page.latest_revision_id
    assert page.revisions.count() == 1
    assert page.draft_title == page.title == "Visit to Messina"
    actions = list(PageLogEntry.objects.filter(page=page).values_list("action", flat=True))
    assert sorted(actions) == ["wagtail.create", "wagtail.publish"]
    response = admin_client.get(f"/admin/pages/{page.pk}/edit/")
    assert response.status_code == 200
    assert "Visit to Messina" in response.content.decode()


def test_a_release_with_a_future_publication_date_is_scheduled_not_live(news_indexes, tmp_path):
    items = [
        item("LRF", "/ro", "Română", language="ro"),
        item("Folder", "/ro/noutati", "Noutăți"),
        item(
            "News Item",
            "/ro/noutati/viitor",
            "Din viitor",
            description="x",
            effective="2099-01-01T10:00:00",
        ),
    ]
    run_import(write_collective(tmp_path / "export", items))
    page = page_for("/ro/noutati/viitor")
    assert page.live is False
    assert page.go_live_at == datetime(2099, 1, 1, 10, 0, tzinfo=BUCHAREST)
