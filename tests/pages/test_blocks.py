"""The body's blocks render as Wagtail's own would: the paragraph block is Wagtail's rich text
block with a value that skips a template per paragraph (pages/blocks.py)."""

import pytest
from django.utils import translation
from wagtail import blocks
from wagtail.models import Page

from pages.blocks import BodyBlock

pytestmark = pytest.mark.django_db


def test_a_paragraph_renders_exactly_as_wagtails_rich_text_block(site_tree):
    about = Page.objects.get(slug="despre")
    source = (
        f'<p>Vezi <a linktype="page" id="{about.pk}">pagina</a>, <b>acum</b> &amp; '
        "<i>aici</i>.</p><ul><li>unu</li></ul>"
    )
    wagtails = blocks.StreamBlock([("paragraph", blocks.RichTextBlock())])
    ours = BodyBlock()
    raw = [{"type": "paragraph", "value": source, "id": "a1"}]

    with translation.override("ro"):
        html = str(ours.to_python(raw))
        assert html == str(wagtails.to_python(raw))
    assert 'href="/ro/despre/"' in html and "linktype" not in html
    # Inside a template, as {{ value }} and through |richtext, the same.
    paragraph = ours.to_python(raw)[0].value
    assert paragraph.__html__() == blocks.RichTextBlock().to_python(source).__html__()


def test_a_paragraph_keeps_its_source_through_the_editor(site_tree):
    block = BodyBlock().child_blocks["paragraph"]
    value = block.value_from_form("<p>Text</p>")
    assert block.get_prep_value(value) == "<p>Text</p>"
    assert block.normalize("<p>Text</p>").source == "<p>Text</p>"
    assert block.normalize(value) is value
