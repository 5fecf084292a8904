"""The site-wide accessibility report (Reports → Accessibility) finds each kind of problem
on a seeded page, in both languages, filters by problem and section, and exports CSV."""

import csv
import io

import pytest
from django.test import Client
from django.urls import reverse

from demo_content.building import ensure_translation
from pages.models import StandardPage
from tests.factories import (
    DocumentFactory,
    ImageFactory,
    PressReleasePageFactory,
    build_newsroom,
    make_user,
)

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("site_database")]

REPORT = "/admin/reports/accessibility/"


@pytest.fixture
def seeded(site_tree):
    """A standard page with one of each problem, and a release whose English translation
    kept the Romanian alternative text."""
    tree = build_newsroom(site_tree)
    document = DocumentFactory(title="Raport anual")
    # Saved as an import or an old revision would be, without the editor's validation.
    tree.faulty = StandardPage(
        title="Pagină cu probleme",
        slug="pagina-cu-probleme",
        body=[
            ("heading", {"text": "Despre", "level": "h2"}),
            (
                "paragraph",
                "<h4>Detalii</h4><h3></h3>"
                '<p>Programul este <a href="https://example.org/">aici</a>; raportul: '
                f'<a linktype="document" id="{document.pk}">Raport anual</a>.</p>',
            ),
            (
                "image",
                {"image": ImageFactory(), "alt_text": "", "decorative": False, "caption": ""},
            ),
        ],
    )
    site_tree.home.add_child(instance=tree.faulty)
    tree.faulty.save_revision().publish()
    tree.release = PressReleasePageFactory(
        parent=tree.news,
        slug="parc",
        hero_image=ImageFactory(),
        hero_image_alt="Aleea din parc",
    )
    tree.release.save_revision().publish()
    tree.release_en = ensure_translation(tree.release, tree.english, title="Park", slug="park")
    tree.draft = StandardPage(
        title="Ciornă",
        slug="ciorna",
        live=False,
        body=[("paragraph", '<p><a href="https://example.org/">aici</a></p>')],
    )
    site_tree.home.add_child(instance=tree.draft)
    return tree


def export(client, query=""):
    response = client.get(f"{REPORT}?export=csv&{query}")
    assert response.status_code == 200
    content = b"".join(response.streaming_content).decode("utf-8-sig")
    return list(csv.DictReader(io.StringIO(content)))


def test_the_report_finds_each_kind_of_problem_on_a_seeded_page(admin_client, seeded):
    rows = export(admin_client)
    found = {(row["Page ID"], row["Problem"], row["Detail"]) for row in rows}
    faulty, release_en = str(seeded.faulty.pk), str(seeded.release_en.pk)
    # The details are in the admin's language (Romanian here).
    assert {
        (faulty, "heading_skipped", "h2 → h4: Detalii"),
        (faulty, "heading_empty", "h3"),
        (faulty, "vague_link", "aici"),
        (faulty, "document_link", "Raport anual"),
        (faulty, "image_alt", "Imagine în corpul paginii"),
        (release_en, "alt_untranslated", "Imagine principală: Aleea din parc"),
    } <= found
    # The Romanian release, its own source, is fine; drafts are not reported.
    page_ids = {row["Page ID"] for row in rows}
    assert str(seeded.release.pk) not in page_ids
    assert str(seeded.draft.pk) not in page_ids
    assert {row["Language"] for row in rows if row["Page ID"] == release_en} == {"en"}


def test_the_report_filters_by_problem_and_section_and_links_each_row_to_the_editor(
    admin_client, seeded
):
    response = admin_client.get(f"{REPORT}?problem=vague_link")
    html = response.content.decode()
    assert response.status_code == 200
    assert html.count('data-problem="vague_link"') == 1 and 'data-problem="image_alt"' not in html
    assert f'href="{reverse("wagtailadmin_pages:edit", args=[seeded.faulty.pk])}"' in html
    news_only = export(admin_client, "section=news")
    assert {row["Page ID"] for row in news_only} == {str(seeded.release_en.pk)}


def test_the_report_is_in_the_reports_menu_and_closed_to_readers(
    admin_client, client, django_user_model, seeded
):
    menu = admin_client.get("/admin/").content.decode()
    assert '"url": "/admin/reports/accessibility/"' in menu
    client.force_login(django_user_model.objects.create_user("reader", "r@example.com", "pw"))
    response = client.get(REPORT)
    assert response.status_code in (302, 403)
    assert "Pagină cu probleme" not in response.content.decode()


def test_editors_see_the_report(client, django_user_model, seeded):
    client.force_login(make_user(django_user_model, "ed", "Editors"))
    assert client.get(REPORT).status_code == 200


def test_the_editor_checks_run_the_sites_rules(admin_client, seeded):
    html = admin_client.get(
        reverse("wagtailadmin_pages:edit", args=[seeded.faulty.pk])
    ).content.decode()
    run_only = html.split('"runOnly": [', 1)[1].split("]", 1)[0]
    for rule in ("image-alt", "heading-order", "empty-heading", "link-name", "html-has-lang"):
        assert f'"{rule}"' in run_only


def test_editors_get_the_userbar_checks_on_live_pages_and_readers_do_not(admin_client, seeded):
    html = admin_client.get(seeded.faulty.url).content.decode()
    assert "wagtail-userbar" in html and '"html-has-lang"' in html
    # The vague-link rule, its list of texts and the script that registers its check.
    assert '"link-text-quality"' in html and '"click aici"' in html
    assert "accessibility/js/link-text-check" in html
    reader = Client()
    assert "wagtail-userbar" not in reader.get(seeded.faulty.url).content.decode()
