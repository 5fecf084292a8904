"""Links to documents show their format and size, in the reader's language."""

import pytest
from django.utils import translation

from pages.models import StandardPage
from tests.factories import DocumentFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("site_database")]


def document_meta(html):
    return html.split('class="block-document"', 1)[1].split("</p>", 1)[0]


def test_a_document_block_shows_format_and_size_in_both_languages(client, site_tree):
    document = DocumentFactory(title="Raport anual")  # 2,048 bytes
    page = StandardPage(
        title="Documente",
        slug="documente",
        body=[("document", {"document": document, "title": ""})],
    )
    site_tree.home.add_child(instance=page)
    page.save_revision().publish()
    meta = document_meta(client.get(page.url).content.decode())
    # Django's Romanian unit (kilooctet), joined by a no-break space.
    assert '<span class="meta">(PDF, 2,0\xa0KO)</span>' in meta, meta
    with translation.override("en"):
        meta_en = document_meta(page.body[0].render())
    assert '<span class="meta">(PDF, 2.0\xa0KB)</span>' in meta_en, meta_en
