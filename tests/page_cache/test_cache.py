"""The shared page cache: anonymous readers get cached pages, and every change an editor
publishes is seen at the next request, on the local memory cache and on Redis."""

import re

import pytest
from django.core.cache import caches
from django.http import HttpResponse
from django.test import Client, RequestFactory
from wagtail.models import Page

from hardening.middleware import ContentSecurityPolicyMiddleware
from page_cache.backends import ResilientRedisCache
from page_cache.generation import GENERATION_KEY, bump_generation, current_generation
from page_cache.generation import shared_cache as shared
from page_cache.middleware import PageCacheMiddleware
from page_cache.store import WorkerCopies, cache_key
from pages.models import StandardPage
from tests.page_cache.cache_settings import (
    REDIS_URL,
    closed_port,
    file_cache_settings,
    redis_cache_settings,
    skip_without_redis,
)

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("site_database")]


def publish_title(page, title):
    page = page.specific
    page.title = title
    page.save_revision().publish()


def add_standard_page(parent, slug, title):
    page = StandardPage(title=title, slug=slug, locale_id=parent.locale_id)
    parent.add_child(instance=page)
    page.save_revision().publish()
    return page


def test_second_anonymous_request_is_served_from_cache_without_queries(
    client, site_tree, page_cache, django_assert_num_queries
):
    first = client.get("/ro/despre/")
    assert first.status_code == 200
    assert first["X-Page-Cache"] == "miss"
    with django_assert_num_queries(0):
        second = client.get("/ro/despre/")
    assert second["X-Page-Cache"] == "hit"
    assert second.content == first.content
    assert "public" in second["Cache-Control"]
    assert "max-age=" in second["Cache-Control"]
    assert "s-maxage=" in second["Cache-Control"]


def test_head_request_is_answered_from_the_cache_filled_by_get(client, site_tree, page_cache):
    client.get("/ro/")
    response = client.head("/ro/")
    assert response.status_code == 200
    assert response["X-Page-Cache"] == "hit"


def test_published_title_change_is_seen_at_next_request(client, site_tree, page_cache):
    about = Page.objects.get(slug="despre")
    assert "Despre" in client.get("/ro/despre/").content.decode()
    publish_title(about, "Despre noi")
    response = client.get("/ro/despre/")
    assert response["X-Page-Cache"] == "miss"
    assert "Despre noi" in response.content.decode()


def test_new_page_appears_in_the_cached_home_menu(client, site_tree, page_cache):
    assert "Proiecte" not in client.get("/ro/").content.decode()
    page = StandardPage(title="Proiecte", slug="proiecte", show_in_menus=True)
    page.locale_id = site_tree.home.locale_id
    site_tree.home.add_child(instance=page)
    page.save_revision().publish()
    assert "Proiecte" in client.get("/ro/").content.decode()


def test_unpublished_page_is_gone_at_next_request(client, site_tree, page_cache):
    page = add_standard_page(site_tree.home, "temporar", "Temporar")
    assert client.get("/ro/temporar/").status_code == 200
    page.unpublish()
    assert client.get("/ro/temporar/").status_code == 404


def test_moved_page_leaves_its_old_address(client, site_tree, page_cache):
    page = add_standard_page(site_tree.home, "mutat", "Mutat")
    about = Page.objects.get(slug="despre")
    assert client.get("/ro/mutat/").status_code == 200
    page.move(about, pos="last-child")
    # Wagtail leaves a permanent redirect at the old address, not the cached page.
    response = client.get("/ro/mutat/")
    assert response.status_code == 301
    assert response["Location"] == "/ro/despre/mutat/"
    assert client.get("/ro/despre/mutat/").status_code == 200


def test_deleted_page_is_gone_at_next_request(client, site_tree, page_cache):
    page = add_standard_page(site_tree.home, "sters", "Șters")
    assert client.get("/ro/sters/").status_code == 200
    Page.objects.get(pk=page.pk).delete()
    assert client.get("/ro/sters/").status_code == 404


def test_published_translation_appears_in_the_cached_original(client, site_tree, page_cache):
    page = add_standard_page(site_tree.home, "noutati", "Noutăți")
    assert '<link rel="alternate" hreflang="en"' not in client.get("/ro/noutati/").content.decode()
    translation = page.copy_for_translation(site_tree.english)
    translation.title = "What's new"
    translation.slug = "whats-new"
    translation.save_revision().publish()
    html = client.get("/ro/noutati/").content.decode()
    assert '<link rel="alternate" hreflang="en" href="http://testserver/en/whats-new/">' in html


def test_direct_edit_of_a_live_page_is_seen_at_next_request(client, site_tree, page_cache):
    client.get("/ro/despre/")
    about = StandardPage.objects.get(slug="despre")
    about.title = "Despre primărie"
    about.save()
    assert "Despre primărie" in client.get("/ro/despre/").content.decode()


def test_saving_a_draft_keeps_the_cached_live_page(client, site_tree, page_cache):
    client.get("/ro/despre/")
    about = StandardPage.objects.get(slug="despre")
    about.title = "Ciornă"
    about.save_revision()
    response = client.get("/ro/despre/")
    assert response["X-Page-Cache"] == "hit"
    assert "Ciornă" not in response.content.decode()


def test_editors_are_never_served_from_the_cache(admin_client, site_tree, page_cache):
    assert Client().get("/ro/despre/")["X-Page-Cache"] == "miss"
    response = admin_client.get("/ro/despre/")
    assert response.status_code == 200
    assert "X-Page-Cache" not in response
    assert "private" in response["Cache-Control"]


def test_admin_and_previews_are_never_cached(admin_client, site_tree, page_cache):
    about = Page.objects.get(slug="despre")
    preview = f"/admin/pages/{about.pk}/edit/preview/"
    for _ in range(2):
        response = admin_client.get(f"/admin/pages/{about.pk}/view_draft/")
        assert response.status_code == 200
        assert "X-Page-Cache" not in response
    assert "X-Page-Cache" not in admin_client.get(preview)
    assert "X-Page-Cache" not in admin_client.get("/admin/")


def test_not_found_pages_are_not_cached(client, site_tree, page_cache):
    client.get("/ro/nu-exista/")
    response = client.get("/ro/nu-exista/")
    assert response.status_code == 404
    assert "X-Page-Cache" not in response


def test_sitemap_and_search_are_cached_and_invalidated(client, site_tree, page_cache):
    assert client.get("/sitemap.xml")["X-Page-Cache"] == "miss"
    assert client.get("/sitemap.xml")["X-Page-Cache"] == "hit"
    add_standard_page(site_tree.home, "harta", "Hartă")
    response = client.get("/sitemap.xml")
    assert response["X-Page-Cache"] == "miss"
    assert "/ro/harta/" in response.content.decode()
    client.get("/ro/cautare/?q=despre")
    assert client.get("/ro/cautare/?q=despre")["X-Page-Cache"] == "hit"


def test_uncached_public_pages_cost_at_most_20_queries(
    client, site_tree, django_assert_max_num_queries
):
    for path in ["/ro/", "/en/", "/ro/despre/", "/en/about/", "/ro/cautare/?q=despre"]:
        client.get(path)  # Wagtail's site-root and locale caches are per process, warm them
        with django_assert_max_num_queries(20):
            assert client.get(path).status_code == 200


# The rules, one response at a time, on a bare view behind the two middlewares.


def run(view, request):
    return ContentSecurityPolicyMiddleware(PageCacheMiddleware(view))(request)


def page_view(content=b"<p>ok</p>", status=200, **headers):
    def view(request):
        response = HttpResponse(content, status=status)
        for name, value in headers.items():
            response[name.replace("_", "-")] = value
        return response

    return view


@pytest.mark.parametrize(
    "view, request_cookies, reason",
    [
        (page_view(), {"sessionid": "x"}, "a session cookie"),
        (page_view(), {"messages": "x"}, "a messages cookie"),
        (page_view(status=302), {}, "a redirect"),
        (page_view(Cache_Control="private"), {}, "a private response"),
        (page_view(Cache_Control="no-store"), {}, "a no-store response"),
        (page_view(Vary="User-Agent"), {}, "a response varying on another header"),
    ],
)
def test_responses_that_must_not_be_shared_are_not_cached(
    page_cache, view, request_cookies, reason
):
    factory = RequestFactory()
    for _ in range(2):
        request = factory.get("/ro/x/")
        request.COOKIES.update(request_cookies)
        response = run(view, request)
        assert response.get("X-Page-Cache") != "hit", reason


def test_responses_that_set_cookies_are_not_cached(page_cache):
    def view(request):
        response = HttpResponse(b"hello")
        response.set_cookie("csrftoken", "x")
        return response

    for _ in range(2):
        assert run(view, RequestFactory().get("/ro/form/")).get("X-Page-Cache") != "hit"


def test_responses_carrying_messages_are_not_cached(page_cache):
    from django.contrib.messages.storage.cookie import CookieStorage

    def view(request):
        request._messages = CookieStorage(request)
        request._messages.add(20, "Saved")
        return HttpResponse(b"hello")

    for _ in range(2):
        assert run(view, RequestFactory().get("/ro/m/")).get("X-Page-Cache") != "hit"


def test_previews_are_not_cached(page_cache):
    def view(request):
        request.is_preview = True
        return HttpResponse(b"draft")

    for _ in range(2):
        assert run(view, RequestFactory().get("/ro/p/")).get("X-Page-Cache") != "hit"


def test_each_reader_of_a_cached_page_gets_a_nonce_of_their_own(page_cache):
    def view(request):
        return HttpResponse(f'<script nonce="{request.csp_nonce}">go()</script>'.encode())

    nonces = []
    for expected in ["miss", "hit", "hit"]:
        response = run(view, RequestFactory().get("/ro/nonce/"))
        assert response["X-Page-Cache"] == expected
        in_header = re.search(r"'nonce-([^']+)'", response["Content-Security-Policy"]).group(1)
        assert response.content.decode() == f'<script nonce="{in_header}">go()</script>'
        nonces.append(in_header)
    assert len(set(nonces)) == 3


def test_cache_is_off_unless_enabled(client, site_tree):
    client.get("/ro/")
    assert "X-Page-Cache" not in client.get("/ro/")


# Redis down: the site still serves, uncached, and says so in the log.


def test_site_serves_uncached_when_redis_is_down(client, site_tree, settings, caplog):
    settings.CACHES = redis_cache_settings(f"redis://127.0.0.1:{closed_port()}/0")
    settings.PAGE_CACHE_ENABLED = True
    for path in ["/ro/", "/ro/despre/", "/en/about/"]:
        response = client.get(path)
        assert response.status_code == 200
        assert response["X-Page-Cache"] == "unavailable"
    assert any("Redis cache unreachable" in record.getMessage() for record in caplog.records)


def test_publishing_while_redis_is_down_does_not_fail(client, site_tree, settings):
    settings.CACHES = redis_cache_settings(f"redis://127.0.0.1:{closed_port()}/0")
    settings.PAGE_CACHE_ENABLED = True
    publish_title(Page.objects.get(slug="despre"), "Despre (fără cache)")
    assert "Despre (fără cache)" in client.get("/ro/despre/").content.decode()


@pytest.mark.redis
def test_publish_during_a_redis_fault_is_not_lost_when_redis_answers_again(
    client, site_tree, settings, monkeypatch
):
    skip_without_redis()
    from django.core.cache.backends.redis import RedisCacheClient
    from redis.exceptions import ConnectionError as RedisConnectionError

    settings.CACHES = redis_cache_settings(REDIS_URL)
    settings.PAGE_CACHE_ENABLED = True
    monkeypatch.setattr(ResilientRedisCache, "RETRY_AFTER", 0.0)
    client.get("/ro/despre/")
    assert client.get("/ro/despre/")["X-Page-Cache"] == "hit"

    def refuse(*args, **kwargs):
        raise RedisConnectionError("Redis went away")

    with monkeypatch.context() as outage:
        outage.setattr(RedisCacheClient, "incr", refuse)
        outage.setattr(RedisCacheClient, "set", refuse)
        publish_title(Page.objects.get(slug="despre"), "Despre (în timpul unei pene)")
    response = client.get("/ro/despre/")
    assert "Despre (în timpul unei pene)" in response.content.decode()
    caches["default"].clear()


def test_https_readers_behind_the_proxy_never_get_the_http_copy(client, site_tree, page_cache):
    plain = client.get("/sitemap.xml")
    assert "http://testserver/ro/" in plain.content.decode()
    secure = client.get("/sitemap.xml", HTTP_X_FORWARDED_PROTO="https")
    assert secure["X-Page-Cache"] == "miss"
    assert "<loc>https://testserver" in secure.content.decode()
    assert "<loc>http://testserver" not in secure.content.decode()
    again = client.get("/sitemap.xml", HTTP_X_FORWARDED_PROTO="https")
    assert again["X-Page-Cache"] == "hit"
    assert again.content == secure.content


def test_each_host_name_has_its_own_copy(client, site_tree, page_cache, settings):
    settings.ALLOWED_HOSTS = ["testserver", "other.example.org"]
    client.get("/sitemap.xml")
    response = client.get("/sitemap.xml", HTTP_HOST="other.example.org")
    assert response["X-Page-Cache"] == "miss"
    assert "http://other.example.org/ro/" in response.content.decode()


def page_cache_entries(alias):
    """How many keys the page cache holds, whichever backend it is."""
    cache = caches[alias]
    if hasattr(cache, "_list_cache_files"):  # files (the generation's file not listed)
        return len(cache._list_cache_files())
    if hasattr(cache, "_lock"):  # local memory
        return len(cache._cache)
    client = cache._cache.get_client()
    return len(client.keys(f"{cache.key_prefix}*"))


def test_query_parameters_no_page_reads_add_no_entries(client, site_tree, page_cache, settings):
    client.get("/ro/despre/")
    filled = page_cache_entries(settings.PAGE_CACHE_ALIAS)
    for n in range(30):
        # Tracking parameters are left out of the key: the page's own entry answers.
        tracked = client.get(f"/ro/despre/?utm_source=n{n}&fbclid={n}")
        assert tracked.status_code == 200
        assert tracked["X-Page-Cache"] == "hit"
        # Any other parameter: answered, uncached, never stored.
        unknown = client.get(f"/ro/despre/?utm={n}")
        assert unknown.status_code == 200
        assert unknown["X-Page-Cache"] == "bypass"
        assert "Despre" in unknown.content.decode()
    assert page_cache_entries(settings.PAGE_CACHE_ALIAS) == filled
    # The parameters pages read still make entries of their own, whatever their order.
    assert client.get("/ro/cautare/?q=despre&page=1")["X-Page-Cache"] == "miss"
    assert client.get("/ro/cautare/?page=1&utm_medium=x&q=despre")["X-Page-Cache"] == "hit"


def test_one_client_adds_a_bounded_number_of_entries(
    client, site_tree, page_cache, settings, monkeypatch
):
    settings.PAGE_CACHE_CLIENT_ENTRIES_PER_MINUTE = 3
    # All within one minute, however slowly the machine runs the test.
    monkeypatch.setattr("page_cache.store.this_minute", lambda: 29_000_000)
    answers = [client.get(f"/ro/cautare/?q=cuvant{n}") for n in range(6)]
    assert [r.status_code for r in answers] == [200] * 6
    assert [r.get("X-Page-Cache") for r in answers] == ["miss"] * 3 + [None] * 3
    assert client.get("/ro/cautare/?q=cuvant5").get("X-Page-Cache") is None
    assert client.get("/ro/cautare/?q=cuvant0")["X-Page-Cache"] == "hit"
    # Another reader is not held back by the first one's searches.
    other = client.get("/ro/cautare/?q=cuvant5", REMOTE_ADDR="192.0.2.7")
    assert other["X-Page-Cache"] == "miss"


def test_the_generation_survives_culling_of_the_file_cache(client, site_tree, settings, tmp_path):

    settings.CACHES = file_cache_settings(tmp_path / "page-cache")
    # Past 4 files, Django's file cache deletes files at random (all of them, here).
    settings.CACHES["pages"]["OPTIONS"] = {"MAX_ENTRIES": 4, "CULL_FREQUENCY": 1}
    settings.PAGE_CACHE_ALIAS = "pages"
    settings.PAGE_CACHE_ENABLED = True
    client.get("/ro/")
    generation = current_generation()
    for path in ["/en/", "/ro/despre/", "/en/about/", "/sitemap.xml"] + [
        f"/ro/cautare/?q=cuvant{n}" for n in range(8)
    ]:
        assert client.get(path).status_code == 200
    # Entries were culled, but the generation they count under was not: the entries
    # stored since still count (losing it would have emptied the whole cache).
    assert current_generation() == generation
    client.get("/ro/despre/")
    assert client.get("/ro/despre/")["X-Page-Cache"] == "hit"


def test_a_publish_in_another_worker_is_seen_through_the_shared_files(
    client, site_tree, settings, tmp_path
):
    from django.core.cache.backends.filebased import FileBasedCache

    settings.CACHES = file_cache_settings(tmp_path / "page-cache")
    settings.PAGE_CACHE_ALIAS = "pages"
    settings.PAGE_CACHE_ENABLED = True
    client.get("/ro/despre/")
    assert client.get("/ro/despre/")["X-Page-Cache"] == "hit"
    # Another gunicorn worker has its own cache objects, on the same folder.
    other_worker = FileBasedCache(str(tmp_path / "page-cache"), {})
    other_worker.incr(GENERATION_KEY)
    assert client.get("/ro/despre/")["X-Page-Cache"] == "miss"


def test_what_pages_remember_follows_a_publish_on_another_host(
    client, site_tree, page_cache, settings
):
    """The menu (like the language homes, sections and listing order) is remembered per
    content generation (pages/remembered.py), rendered pages or not. Another host's publish
    changes the database and bumps the shared generation; this host shows the change at
    its next request. Here the row is changed without signals, as by another process, and
    the generation bumped as that process's publish does."""

    settings.PAGE_CACHE_ENABLED = False
    about = StandardPage.objects.get(slug="despre", locale=site_tree.romanian)
    assert ">Despre</a>" in client.get("/ro/contact/").content.decode()

    StandardPage.objects.filter(pk=about.pk).update(title="Despre noi")
    # Not yet bumped: the menu is the remembered one (this is what is being tested).
    assert ">Despre</a>" in client.get("/ro/contact/").content.decode()

    bump_generation()
    html = client.get("/ro/contact/").content.decode()
    assert ">Despre noi</a>" in html
    assert ">Despre</a>" not in html


def test_a_worker_serves_its_copy_of_a_page_until_the_generation_changes(
    client, site_tree, page_cache
):
    """Each worker keeps the cached pages it served last, so a hit needs only the current
    generation from the shared cache. Another host's publish (a bump of the shared
    generation) makes the copy count no more."""

    client.get("/ro/despre/")
    request = RequestFactory().get("/ro/despre/")
    request.LANGUAGE_CODE = "ro"
    # Gone from the shared cache (evicted, say): this worker still has its copy.
    shared().delete(cache_key(request))
    assert client.get("/ro/despre/")["X-Page-Cache"] == "hit"

    StandardPage.objects.filter(slug="despre").update(title="Despre noi")
    shared().incr(GENERATION_KEY)
    response = client.get("/ro/despre/")
    assert response["X-Page-Cache"] == "miss"
    assert "Despre noi" in response.content.decode()


def test_a_workers_copy_lasts_only_page_cache_worker_seconds(
    client, site_tree, page_cache, settings
):

    settings.PAGE_CACHE_WORKER_SECONDS = 0
    client.get("/ro/despre/")
    request = RequestFactory().get("/ro/despre/")
    request.LANGUAGE_CODE = "ro"
    shared().delete(cache_key(request))
    assert client.get("/ro/despre/")["X-Page-Cache"] == "miss"


def test_a_worker_keeps_copies_within_its_byte_budget_dropping_the_oldest(settings):

    settings.PAGE_CACHE_WORKER_BYTES = 2500
    settings.PAGE_CACHE_WORKER_SECONDS = 60
    copies = WorkerCopies()
    for name in ("a", "b", "c"):
        copies.put(name, (("generation", 1),), (200, [], b"x" * 1000))
    assert "a" not in copies
    assert copies.get("b") == ((("generation", 1),), (200, [], b"x" * 1000))
    copies.drop("c")
    assert "c" not in copies
    copies.put("big", (("generation", 1),), (200, [], b"x" * 3000))
    assert "big" not in copies


def test_a_feed_readers_repeated_conditional_get_is_answered_304_from_the_cache(
    client, site_tree, page_cache
):
    """A feed reader sends back the feed's ETag or Last-Modified: the cached feed answers
    304 without a body, as the feed itself does when it is not cached."""
    from tests.factories import build_newsroom

    build_newsroom(site_tree)
    first = client.get("/ro/stiri/rss/")
    assert first.status_code == 200 and first["X-Page-Cache"] == "miss"
    again = client.get("/ro/stiri/rss/", HTTP_IF_NONE_MATCH=first["ETag"])
    assert (again.status_code, again["X-Page-Cache"], again.content) == (304, "hit", b"")
    since = client.get("/ro/stiri/rss/", HTTP_IF_MODIFIED_SINCE=first["Last-Modified"])
    assert (since.status_code, since["X-Page-Cache"]) == (304, "hit")
    changed = client.get("/ro/stiri/rss/", HTTP_IF_NONE_MATCH='"another-version"')
    assert (changed.status_code, changed["X-Page-Cache"]) == (200, "hit")
    assert changed.content == first.content


def test_clearing_a_prefixed_redis_cache_leaves_the_other_prefixes_keys():
    # Several sites (CACHE_KEY_PREFIX), or parallel test runs, share one Redis database.
    skip_without_redis()
    ours, theirs = (
        ResilientRedisCache(REDIS_URL, {"KEY_PREFIX": prefix})
        for prefix in ("clear-test-ours", "clear-test-theirs")
    )
    ours.set("page", "ours")
    theirs.set("page", "theirs")
    assert ours.clear()
    assert ours.get("page") is None
    assert theirs.get("page") == "theirs"
    theirs.clear()
