"""Redirects in every language: one redirect without a language prefix answers under every
prefix with that language's translation; renamed and moved pages keep their old
addresses in both languages."""

import html

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from wagtail.contrib.redirects.models import Redirect
from wagtail.test.utils.form_data import inline_formset, nested_form_data, streamfield
from wagtail_localize.models import StringSegment, StringTranslation, Translation, TranslationSource

from demo_content.building import ensure_page, ensure_translation
from pages.models import StandardPage
from tests.factories import DocumentFactory, make_desk

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("site_database")]


@pytest.fixture
def pages(site_tree):
    """Despre/About with a child Istoric/History, an archive in both languages and a page
    only in Romanian."""
    site_tree.about = StandardPage.objects.get(slug="despre", locale=site_tree.romanian)
    site_tree.about_en = StandardPage.objects.get(slug="about", locale=site_tree.english)
    site_tree.history = ensure_page(site_tree.about, StandardPage, "istoric", title="Istoric")
    site_tree.history_en = ensure_translation(
        site_tree.history, site_tree.english, title="History", slug="history"
    )
    site_tree.archive = ensure_page(site_tree.home, StandardPage, "arhiva", title="Arhivă")
    site_tree.archive_en = ensure_translation(
        site_tree.archive, site_tree.english, title="Archive", slug="archive"
    )
    site_tree.romanian_only = ensure_page(
        site_tree.home, StandardPage, "doar-in-romana", title="Doar în română"
    )
    return site_tree


def assert_redirects(client, old, new, status=301, **headers):
    response = client.get(old, **headers)
    assert (response.status_code, response.get("Location")) == (status, new), old


# One redirect for every language ------------------------------------------------------------


def test_a_redirect_without_prefix_leads_each_language_to_its_translation(client, pages):
    Redirect.add_redirect("/comunicat-vechi", pages.about)
    assert_redirects(client, "/ro/comunicat-vechi/", "/ro/despre/")
    assert_redirects(client, "/en/comunicat-vechi/", "/en/about/")
    assert client.get("/en/about/").status_code == 200


def test_a_redirect_to_a_page_without_translation_leads_every_language_to_it(client, pages):
    Redirect.add_redirect("/doar-romana", pages.romanian_only)
    assert_redirects(client, "/ro/doar-romana/", "/ro/doar-in-romana/")
    assert_redirects(client, "/en/doar-romana/", "/ro/doar-in-romana/")


def test_a_draft_translation_is_not_a_destination(client, pages):
    pages.about_en.unpublish()
    Redirect.add_redirect("/comunicat-vechi", pages.about)
    assert_redirects(client, "/en/comunicat-vechi/", "/ro/despre/")


def test_the_address_without_any_prefix_follows_the_readers_language(client, pages):
    Redirect.add_redirect("/comunicat-vechi", pages.about)
    assert_redirects(client, "/comunicat-vechi", "/ro/despre/")
    assert_redirects(client, "/comunicat-vechi/", "/en/about/", HTTP_ACCEPT_LANGUAGE="en")


def test_a_redirect_with_a_prefix_stays_in_its_language(client, pages):
    Redirect.add_redirect("/en/old-news", pages.about_en)
    assert_redirects(client, "/en/old-news/", "/en/about/")
    response = client.get("/ro/old-news/")
    assert response.status_code == 404
    # The prefixed redirect is the more specific one where both exist.
    Redirect.add_redirect("/old-news", pages.archive)
    assert_redirects(client, "/en/old-news/", "/en/about/")
    assert_redirects(client, "/ro/old-news/", "/ro/arhiva/")


def test_trailing_slash_and_query_string_behave_as_in_wagtail(client, pages):
    Redirect.add_redirect("/vechi/", pages.about)
    Redirect.add_redirect("/vechi?id=3&lang=ro", pages.archive)
    for old in ("/ro/vechi", "/ro/vechi/", "/ro/vechi/?id=4"):
        assert_redirects(client, old, "/ro/despre/")
    assert_redirects(client, "/ro/vechi/?lang=ro&id=3", "/ro/arhiva/")
    assert_redirects(client, "/en/vechi?id=3&lang=ro", "/en/archive/")
    Redirect.add_redirect("/știri-vechi", pages.about)
    assert_redirects(client, "/en/%C8%99tiri-vechi/", "/en/about/")


def test_a_temporary_redirect_answers_302(client, pages):
    Redirect.add_redirect("/campanie", pages.about, is_permanent=False)
    assert_redirects(client, "/en/campanie/", "/en/about/", status=302)


def test_redirects_to_a_link_or_a_document_work_as_before(client, pages):
    Redirect.add_redirect("/portal", "https://www.primariabt.ro/")
    document = DocumentFactory()
    Redirect.objects.create(old_path="/raport", redirect_link=document.url)
    assert_redirects(client, "/portal", "https://www.primariabt.ro/")
    assert_redirects(client, "/en/portal/", "https://www.primariabt.ro/")
    assert_redirects(client, "/ro/raport/", document.url)
    assert client.get(document.url).status_code == 200


def test_unknown_addresses_are_the_sites_404_page_not_a_redirect_loop(client, pages):
    Redirect.add_redirect("/comunicat-vechi", pages.about)
    response = client.get("/ro/nu-exista/")
    assert response.status_code == 404
    assert "Pagina nu a fost găsită" in response.content.decode()
    response = client.get("/nu-exista", follow=True)
    assert response.status_code == 404
    assert response.redirect_chain == [("/ro/nu-exista/", 302)]
    response = client.get("/en/nu-exista/")
    assert response.status_code == 404 and "Page not found" in response.content.decode()


def test_a_redirect_from_the_address_of_an_unpublished_page_answers_404(client, pages):
    # As the Plone importer makes one for every item, even at its own address.
    Redirect.add_redirect("/despre/istoric", pages.history)
    assert client.get("/ro/despre/istoric/").status_code == 200
    pages.history.unpublish()
    for path in ("/ro/despre/istoric/", "/ro/despre/istoric/view/"):
        assert client.get(path).status_code == 404, path
    # Readers of the English site still land on the live translation.
    assert_redirects(client, "/en/despre/istoric/", "/en/about/history/")


def test_a_redirect_never_leads_to_the_address_asked_for(client, pages):
    # An editor's redirect to a link that is its own old address.
    Redirect.objects.create(old_path="/ro/nu-exista", redirect_link="/ro/nu-exista/")
    Redirect.objects.create(old_path="/ro/alt-nume", redirect_link="http://testserver/ro/alt-nume/")
    Redirect.objects.create(
        old_path="/en/alt-nume", redirect_link="https://example.org/en/alt-nume/"
    )
    assert client.get("/ro/alt-nume/").status_code == 404
    # The same path on another site is not a loop.
    assert_redirects(client, "/en/alt-nume/", "https://example.org/en/alt-nume/")
    response = client.get("/ro/nu-exista/")
    assert response.status_code == 404
    assert "Pagina nu a fost găsită" in response.content.decode()


def test_a_page_unpublished_after_being_renamed_and_renamed_back_answers_404(
    admin_client, client, pages, django_capture_on_commit_callbacks
):
    url = reverse("wagtailadmin_pages:edit", args=[pages.history.pk])
    with django_capture_on_commit_callbacks(execute=True):
        admin_client.post(url, edit_form(pages.history, slug="istoric-nou"))
        pages.history.refresh_from_db()
        admin_client.post(url, edit_form(pages.history, slug="istoric"))
    assert client.get("/ro/despre/istoric/").status_code == 200
    assert_redirects(client, "/ro/despre/istoric-nou/", "/ro/despre/istoric/")
    pages.history.refresh_from_db()
    pages.history.unpublish()
    assert client.get("/ro/despre/istoric/").status_code == 404
    assert client.get("/ro/despre/istoric-nou/").status_code == 404


def test_a_redirect_costs_the_same_few_queries_however_many_redirects_exist(client, pages):
    Redirect.add_redirect("/comunicat-vechi", pages.about)
    client.get("/en/comunicat-vechi/")  # warms Wagtail's cache of site root paths

    def queries():
        with CaptureQueriesContext(connection) as captured:
            response = client.get("/en/comunicat-vechi/?utm=x")
        assert response.status_code == 301
        return len(captured)

    few = queries()
    for number in range(200):
        Redirect.add_redirect(f"/comunicat-{number}", pages.archive)
    # A new redirect changes the content generation: the first request after it computes
    # again what pages remember (pages/remembered.py); measure the one after.
    queries()
    assert queries() == few
    # Wagtail's search for a page first costs five (site, locale, the route), then the
    # redirect and the translation one each; the 404 page is never rendered.
    assert few <= 7


def test_an_editor_adds_a_redirect_for_every_language_in_the_admin(admin_client, client, pages):
    response = admin_client.get(reverse("wagtailredirects:add"))
    assert "funcționează în toate limbile" in response.content.decode()  # the help text
    response = admin_client.post(
        reverse("wagtailredirects:add"),
        {"old_path": "/comunicat-vechi/", "site": "", "is_permanent": "on",
         "redirect_page": str(pages.about.pk), "redirect_link": ""},
    )  # fmt: skip
    assert response.status_code == 302
    response = admin_client.get(reverse("wagtailredirects:index"))
    assert response.status_code == 200 and "/comunicat-vechi" in response.content.decode()
    assert_redirects(client, "/ro/comunicat-vechi/", "/ro/despre/")
    assert_redirects(client, "/en/comunicat-vechi/", "/en/about/")


# Automatic redirects ----------------------------------------------------------------------


def edit_form(page, **changes):
    data = {
        "title": page.title,
        "slug": page.slug,
        "introduction": page.introduction,
        "body": streamfield([]),
        "seo_title": "",
        "search_description": "",
        "social_image": "",
        "comments": inline_formset([]),
        "action-publish": "action-publish",
    }
    return nested_form_data(data | changes)


def test_renaming_a_page_in_the_admin_keeps_its_old_addresses_in_both_languages(
    admin_client, client, pages, django_capture_on_commit_callbacks
):
    url = reverse("wagtailadmin_pages:edit", args=[pages.about.pk])
    with django_capture_on_commit_callbacks(execute=True):
        response = admin_client.post(url, edit_form(pages.about, slug="despre-noi"))
    assert response.status_code == 302
    assert_redirects(client, "/ro/despre/", "/ro/despre-noi/")
    assert_redirects(client, "/ro/despre/istoric/", "/ro/despre-noi/istoric/")
    assert_redirects(client, "/despre/", "/ro/despre-noi/")
    # Readers of the English site following the Romanian address land on their translation.
    assert_redirects(client, "/en/despre/istoric/", "/en/about/history/")
    assert client.get("/en/about/").status_code == 200
    # One redirect per old address, without the language prefix.
    assert set(Redirect.objects.values_list("old_path", flat=True)) == {
        "/despre",
        "/despre/istoric",
    }


def translate_slug(page, new_slug):
    """The translator gives the English page another slug in wagtail-localize's editor
    and publishes: wagtail-localize rebuilds the page from the Romanian one."""
    source = TranslationSource.objects.get_for_instance(page)
    translation = Translation.objects.get(source=source, target_locale__language_code="en")
    segment = StringSegment.objects.get(source=source, context__path="slug")
    StringTranslation.objects.update_or_create(
        translation_of=segment.string,
        locale=translation.target_locale,
        context=segment.context,
        defaults={"data": new_slug},
    )
    translation.save_target(publish=True)


def test_renaming_the_english_page_through_wagtail_localize_keeps_its_old_address(
    client, pages, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        translate_slug(pages.about, "about-us")
    assert client.get("/en/about-us/").status_code == 200
    assert_redirects(client, "/en/about/", "/en/about-us/")
    assert_redirects(client, "/en/about/history/", "/en/about-us/history/")
    assert client.get("/ro/despre/").status_code == 200


def move(admin_client, page, destination):
    url = reverse("wagtailadmin_pages:move_confirm", args=[page.pk, destination.pk])
    response = admin_client.post(url)
    assert response.status_code == 302


def test_moving_a_page_moves_its_translation_and_keeps_old_addresses_in_both_languages(
    admin_client, client, pages
):
    confirm = reverse("wagtailadmin_pages:move_confirm", args=[pages.history.pk, pages.archive.pk])
    # "This will also move one translation of this page", in the admin's Romanian.
    assert "va muta și o traducere" in admin_client.get(confirm).content.decode()
    move(admin_client, pages.history, pages.archive)
    assert_redirects(client, "/ro/despre/istoric/", "/ro/arhiva/istoric/")
    # The English translation moved with it, under the archive's translation.
    assert client.get("/en/archive/history/").status_code == 200
    assert_redirects(client, "/en/about/history/", "/en/archive/history/")
    assert_redirects(client, "/en/despre/istoric/", "/en/archive/history/")
    pages.history_en.refresh_from_db()
    assert pages.history_en.get_parent().pk == pages.archive_en.pk


def test_a_translation_stays_where_it_is_when_the_destination_has_no_translation(
    admin_client, client, pages
):
    move(admin_client, pages.history, pages.romanian_only)
    assert client.get("/ro/doar-in-romana/istoric/").status_code == 200
    # Nowhere to go in English: the translation keeps its place and its address.
    assert client.get("/en/about/history/").status_code == 200


def test_a_move_whose_translation_the_user_may_not_move_moves_nothing(
    client, pages, django_user_model
):
    # A desk that may move Romanian pages but only edit English ones.
    desk = make_desk(
        django_user_model,
        "Romanian desk",
        {
            pages.home: ("add", "change", "publish", "delete"),
            pages.home.get_translation(pages.english): ("add", "change"),
        },
    )
    client.force_login(desk)

    url = reverse("wagtailadmin_pages:move_confirm", args=[pages.history.pk, pages.archive.pk])
    response = client.post(url, follow=True)
    shown = html.unescape(response.content.decode())
    assert "would also move its translation 'History' (English)" in shown
    assert client.get("/ro/despre/istoric/").status_code == 200
    assert client.get("/en/about/history/").status_code == 200


def test_a_move_whose_translation_has_a_slug_clash_moves_nothing(admin_client, client, pages):
    # The English archive already has a "history": the English page cannot follow.
    ensure_page(pages.archive_en, StandardPage, "history", title="Another history")
    url = reverse("wagtailadmin_pages:move_confirm", args=[pages.history.pk, pages.archive.pk])
    response = admin_client.post(url, follow=True)
    assert response.status_code == 200
    shown = html.unescape(response.content.decode())
    # In the admin's Romanian.
    assert "ar muta și traducerea ei „History” (English) sub „Archive” (English)" in shown
    assert "slug-ul „history”" in shown
    pages.history.refresh_from_db()
    pages.history_en.refresh_from_db()
    assert pages.history.get_parent().pk == pages.about.pk
    assert pages.history_en.get_parent().pk == pages.about_en.pk
    assert client.get("/ro/despre/istoric/").status_code == 200
    assert client.get("/en/about/history/").status_code == 200
    assert client.get("/ro/arhiva/istoric/").status_code == 404


def test_a_move_that_fails_half_way_leaves_both_trees_as_they_were(
    admin_client, client, pages, monkeypatch
):
    from wagtail.actions.move_page import MovePageAction

    execute = MovePageAction.execute
    moved = []

    def fail_on_the_translation(action, *args, **kwargs):
        if moved:
            raise RuntimeError("the database went away")
        moved.append(action.page)
        return execute(action, *args, **kwargs)

    monkeypatch.setattr(MovePageAction, "execute", fail_on_the_translation)
    url = reverse("wagtailadmin_pages:move_confirm", args=[pages.history.pk, pages.archive.pk])
    with pytest.raises(RuntimeError):
        admin_client.post(url)
    assert moved  # the Romanian page had moved before the failure
    pages.history.refresh_from_db()
    assert pages.history.get_parent().pk == pages.about.pk
    assert client.get("/ro/despre/istoric/").status_code == 200
    assert client.get("/en/about/history/").status_code == 200


def test_deleting_a_page_leaves_its_translation(admin_client, client, pages):
    url = reverse("wagtailadmin_pages:delete", args=[pages.history.pk])
    assert admin_client.post(url).status_code == 302
    assert client.get("/ro/despre/istoric/").status_code == 404
    assert client.get("/en/about/history/").status_code == 200


def test_an_old_address_used_by_another_page_in_the_other_language_keeps_its_prefix(
    admin_client, client, pages
):
    Redirect.add_redirect("/despre/istoric", pages.archive_en)  # an editor's redirect
    move(admin_client, pages.history, pages.archive)
    assert_redirects(client, "/ro/despre/istoric/", "/ro/arhiva/istoric/")
    assert_redirects(client, "/en/despre/istoric/", "/en/archive/")
    assert Redirect.objects.filter(old_path="/ro/despre/istoric").exists()
