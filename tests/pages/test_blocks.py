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


@pytest.mark.parametrize(
    ("block", "value", "html"),
    [
        (
            "heading",
            {"text": "Buget <2027> & plan", "level": "h3"},
            "<h3>Buget &lt;2027&gt; &amp; plan</h3>\n",
        ),
        ("heading", {"text": "Plan", "level": "h4"}, "<h4>Plan</h4>\n"),
        ("heading", {"text": "Plan", "level": "h2"}, "<h2>Plan</h2>\n"),
        # A level the editor cannot choose (a hand-edited import, say) is a level 2 heading.
        ("heading", {"text": "Plan", "level": "h1><script"}, "<h2>Plan</h2>\n"),
        (
            "quote",
            {"text": "Primul rând\n<script>alert(1)</script>", "attribution": "Ion <b>Pop</b>"},
            '<figure class="block-quote"><blockquote><p>Primul rând<br>&lt;script&gt;alert(1)'
            "&lt;/script&gt;</p></blockquote><figcaption>Ion &lt;b&gt;Pop&lt;/b&gt;</figcaption>"
            "</figure>\n",
        ),
        (
            "quote",
            {"text": "Fără autor", "attribution": ""},
            '<figure class="block-quote"><blockquote><p>Fără autor</p></blockquote></figure>\n',
        ),
        (
            "facts",
            {"title": "Linii <de> acțiune", "items": ["unu & doi", "<i>trei</i>"]},
            '<div class="block-facts"><p class="block-facts__title">Linii &lt;de&gt; acțiune</p>'
            "<ul><li>unu &amp; doi</li><li>&lt;i&gt;trei&lt;/i&gt;</li></ul></div>\n",
        ),
        (
            "facts",
            {"title": "", "items": ["unu"]},
            '<div class="block-facts"><ul><li>unu</li></ul></div>\n',
        ),
    ],
)
def test_headings_quotes_and_facts_render_escaped_html(block, value, html):
    stream = BodyBlock().to_python([{"type": block, "value": value, "id": "b1"}])
    assert str(stream[0].render()) == html
    # In a page's body, inside Wagtail's wrapper of each block.
    assert str(stream).endswith(f'block-{block}">{html}</div>')


def test_a_body_wraps_its_blocks_exactly_as_wagtails_stream_block(site_tree):
    hostile = '<script>alert("x")</script> & "quotes"'
    raw = [
        {"type": "heading", "value": {"text": hostile, "level": "h2"}, "id": "h1"},
        {"type": "paragraph", "value": "<p>Unu &amp; doi</p>", "id": "p1"},
        {"type": "facts", "value": {"title": hostile, "items": [hostile, "Doi"]}, "id": "f1"},
        {"type": "quote", "value": {"text": hostile, "attribution": hostile}, "id": "q1"},
    ]
    body = BodyBlock()
    value = body.to_python(raw)
    html = str(value)
    # Wagtail's own StreamBlock.render_basic, given the same blocks.
    assert html == blocks.StreamBlock.render_basic(body, value)
    assert html.count('<div class="w-block-') == 4 and "<script>" not in html
    escaped = "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &quot;quotes&quot;"
    assert f"<li>{escaped}</li><li>Doi</li>" in html
