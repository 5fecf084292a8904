"""Two editors saving the same page at once: both revisions are kept."""

import pytest

from pages.models import StandardPage

pytestmark = pytest.mark.usefixtures("site_database")


@pytest.mark.django_db
def test_concurrent_edits_of_the_same_page_keep_both_revisions(site_tree):
    first = StandardPage.objects.get(slug="despre")
    second = StandardPage.objects.get(slug="despre")
    first.title = "Despre (editorul A)"
    first.save_revision()
    second.title = "Despre (editorul B)"
    second.save_revision()
    titles = [revision.content["title"] for revision in first.revisions.order_by("id")]
    assert titles[-2:] == ["Despre (editorul A)", "Despre (editorul B)"]
