"""An item's text as the body: rich text and Volto blocks, links and images resolved to
what was imported, nothing unsafe kept, related items."""

import json

from wagtail.documents import get_document_model
from wagtail.images import get_image_model

from plone_import.sample import SITE_URL, uid
from tests.plone_import.helpers import IMAGE, NEWS_RO, NEWS_RO_VOLTO, lines, page_for


def test_rich_text_links_become_wagtail_references_and_nothing_unsafe_survives(imported, client):
    html = client.get("/ro/stiri/vizita-messina/").content.decode()
    body = html.split('class="body"')[1]
    document = get_document_model().objects.get(title="Raport anual")
    assert 'href="/ro/despre-noi/"' in body
    assert f'href="{document.url}"' in body
    assert 'href="/ro/stiri/vizita-2/"' in body  # the old site's absolute URL
    assert "alert(" not in body and "steal()" not in body and "color:red" not in body
    assert "<strong>important</strong>" in body
    assert "<h2" in body and "Rezultate" in body and "<li>doi</li>" in body
    image = get_image_model().objects.get(title="Primăria Botoșani")
    assert 'alt="Clădirea primăriei"' in body
    stream = page_for(NEWS_RO).body
    assert [b.value["image"].pk for b in stream if b.block_type == "image"] == [image.pk]
    raw = json.dumps(list(stream.raw_data))
    assert 'linktype=\\"page\\"' in raw and 'linktype=\\"document\\"' in raw


def test_volto_blocks_become_the_body_in_layout_order(imported, client):
    page = page_for(NEWS_RO_VOLTO)
    assert [b.block_type for b in page.body] == ["paragraph", "heading", "image", "paragraph"]
    html = client.get("/ro/stiri/vizita-2/").content.decode()
    assert 'href="/ro/stiri/vizita-messina/"' in html
    assert "<strong>a doua</strong>" in html
    report, _ = imported
    assert any("'teaser'" in line["reason"] for line in lines(report, "warning"))


def test_related_items_are_kept_as_related_pages_and_attachments(imported):
    page = page_for(NEWS_RO)
    assert [r.page_id for r in page.related_pages.all()] == [page_for(NEWS_RO_VOLTO).pk]
    assert [a.document.title for a in page.attachments.all()] == ["Raport anual"]
    report, _ = imported
    assert any(
        line["uid"] == uid(NEWS_RO) and uid(IMAGE) in line["reason"]
        for line in lines(report, "warning")
    )


def test_links_with_view_suffixes_resolve_and_a_folder_called_images_stays_a_folder():
    from types import SimpleNamespace

    from plone_import.body import Link
    from plone_import.links import LinkResolution

    photo, folder = uid("/ro/images/photo.jpg"), uid("/ro/images")
    resolver = LinkResolution()
    resolver.path_index = {"/Plone/ro/images/photo.jpg": photo, "/Plone/ro/images": folder}
    resolver.site_root_path = "/Plone"
    resolver.hosts = {"plone.example.org"}
    resolver.final = True
    resolver.summaries = {
        photo: SimpleNamespace(portal_type="File"),
        folder: SimpleNamespace(portal_type="Folder"),
    }
    resolver.targets = {photo: Link("document", 7)}
    resolver.folder_target = lambda summary: None
    page = SimpleNamespace(path="/Plone/ro/stiri/x", portal_type="News Item")

    def resolve(url):
        return resolver.resolve(url, page, {})

    assert resolve("../images/photo.jpg/@@download/file").id == 7
    assert resolve(f"{SITE_URL}/ro/images/photo.jpg/view").id == 7
    assert resolve("/ro/images/photo.jpg").id == 7
    assert resolve("/ro/images/gone.jpg/view").kind == "drop"
    assert resolve("https://elsewhere.example/x").kind == "external"
    assert resolve("javascript:alert(1)").kind == "drop"
