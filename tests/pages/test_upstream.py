"""The private and undocumented upstream APIs in pages/upstream.py still exist and behave as
the project uses them. An upgrade of Wagtail, wagtail-localize, modelcluster, treebeard or
Django that changes one fails here, naming it, rather than on the site."""

import inspect

import pytest
from django.http import HttpRequest
from django.test import RequestFactory
from wagtail.documents.models import AbstractDocument
from wagtail.images.models import AbstractImage
from wagtail.models import Page, Site

from pages import upstream
from pages.models import StandardPage


def parameters(function):
    return list(inspect.signature(function).parameters)


def test_every_name_upstream_offers_resolves():
    for name in [*upstream.__all__, *upstream._NEED_THE_REGISTRY]:
        assert getattr(upstream, name) is not None, name


@pytest.mark.parametrize(
    ("function", "expected"),
    [
        (Page._slug_is_available, ["slug", "parent_page", "page"]),
        (Site._find_for_request, ["request"]),
        (HttpRequest._get_raw_host, ["self"]),
        (upstream.String._get_data_hash, ["data"]),
        (upstream.TranslationContext._get_path_id, ["path"]),
        (AbstractImage._set_image_file_metadata, ["self"]),
        (AbstractDocument._set_document_file_metadata, ["self"]),
        (upstream.upload_pofile, ["request", "translation_id"]),
        (upstream.user_can_edit_instance, ["user", "instance"]),
        (upstream.convert_to_alias, ["request", "page_id"]),
        (upstream.extract_segments, ["instance"]),
        (upstream.get_all_child_relations, ["model"]),
        (upstream.get_all_child_m2m_relations, ["model"]),
        (upstream.post_save_signal_handler, ["instance", "kwargs"]),
        (upstream.disable_reference_index_auto_update, []),
    ],
    ids=lambda value: getattr(value, "__qualname__", None),
)
def test_private_functions_keep_the_signature_used(function, expected):
    assert parameters(function) == expected


def test_the_request_attributes_wagtail_reads_before_routing_again():
    # languages.routing leaves its result where these look first.
    assert "_wagtail_site" in inspect.getsource(Site.find_for_request)
    assert "_wagtail_route_for_request" in inspect.getsource(Page.route_for_request)
    assert "_wagtail_cached_site_root_paths" in inspect.getsource(Page._get_site_root_paths)


def test_the_wagtail_localize_view_internals_relied_on():
    # translation_tools/localize_guard.py subclasses these views and reads these fields.
    assert "publish_translations" in upstream.UpdateTranslationsForm().fields
    assert 'form.cleaned_data["publish_translations"]' in inspect.getsource(
        upstream.UpdateTranslationsView.form_valid
    )
    assert "locales" in upstream.SubmitTranslationForm.base_fields
    assert "page_published.send" in inspect.getsource(upstream.convert.sync_alias)


def test_the_bulk_action_base_and_the_page_view_registry():
    # translation_tools.sync overrides these; website.urls asks the registry for a view.
    for name in ("check_perm", "execute_action", "get_execution_context", "get_success_message"):
        assert callable(getattr(upstream.PageBulkAction, name)), name
    assert {"page_id_kwarg"} <= set(parameters(upstream.page_viewset_registry.as_view))
    assert callable(upstream.page_viewset_registry.as_view("move_confirm", page_id_kwarg="id"))


def test_the_segment_values_the_importer_builds():
    for name in (
        "OverridableSegmentValue",
        "RelatedObjectSegmentValue",
        "StringSegmentValue",
        "TemplateSegmentValue",
    ):
        assert inspect.isclass(getattr(upstream, name)), name


@pytest.mark.django_db
def test_a_cached_parent_spares_the_query_of_get_parent(site_tree, django_assert_num_queries):
    page = StandardPage.objects.child_of(site_tree.home).first()
    fresh = Page.objects.get(pk=page.pk)
    upstream.set_cached_parent(fresh, site_tree.home)
    with django_assert_num_queries(0):
        assert fresh.get_parent() is site_tree.home
    assert upstream.cached_parent(fresh) is site_tree.home


@pytest.mark.django_db
def test_a_loaded_relation_is_seen_as_cached(site_tree):
    page = Page.objects.get(pk=site_tree.home.pk)
    assert not upstream.is_related_cached(page, "locale")
    page = Page.objects.select_related("locale").get(pk=site_tree.home.pk)
    assert upstream.is_related_cached(page, "locale")


@pytest.mark.django_db
def test_the_site_and_slug_lookups(site_tree):
    request = RequestFactory().get("/", HTTP_HOST="localhost")
    assert upstream.raw_host(request) == "localhost"
    assert upstream.find_site_for_request(request) == Site.objects.get(is_default_site=True)
    child = StandardPage.objects.child_of(site_tree.home).first()
    assert not upstream.slug_is_available(child.slug, site_tree.home)
    assert upstream.slug_is_available(child.slug, site_tree.home, page=child)


def test_the_hashes_wagtail_localize_keys_its_rows_by():
    assert upstream.string_data_hash("Hello") == upstream.String._get_data_hash("Hello")
    assert len(str(upstream.translation_context_path_id("body.0.value"))) > 0
