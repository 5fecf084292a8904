"""Invalidate what changed, not everything: publishing, unpublishing, moving or deleting one
release makes stale that release, its translations, the releases listed next to it (they
link to it) and every listing, feed, the sitemap, search results and the home, while every
other release stays cached; a change that may show on any page (a topic, the organisation,
a page in the menus) still makes everything stale. On memory, files and Redis."""

import datetime
from types import SimpleNamespace

import pytest
from django.test import RequestFactory

from newsroom.models import PressReleaseRelatedPage, Topic
from page_cache.generation import page_key, shared_cache
from page_cache.store import cache_key, worker_copies
from pages.image_credits import save_rights
from pages.models import Organisation
from tests.factories import (
    ImageFactory,
    NewsIndexPageFactory,
    PartnerPageFactory,
    PressReleasePageFactory,
    build_newsroom,
)

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("site_database")]

RELEASES = 20
A = 10  # the release an editor changes, in the middle of the listing
LISTINGS = [
    "/ro/",
    "/ro/stiri/",
    "/ro/stiri/?page=2",
    "/ro/stiri/rss/",
    "/ro/stiri/atom/",
    "/sitemap.xml",
    "/ro/cautare/?q=comunicat",
]


def release_date(n):
    return datetime.date(2021, 1, 1) + datetime.timedelta(days=n)


@pytest.fixture
def cached_newsroom(client, site_tree, page_cache):
    """20 releases, each read once (so cached), and the listings, feeds and sitemap too.
    Release n is dated n days into 2021, so n-1 and n+1 are listed next to it."""
    newsroom = build_newsroom(site_tree)
    releases = [
        PressReleasePageFactory(
            parent=newsroom.news,
            title=f"Comunicat {n:02d}",
            slug=f"comunicat-{n:02d}",
            release_date=release_date(n),
        )
        for n in range(RELEASES)
    ]
    paths = [release.url for release in releases]
    for path in paths + LISTINGS:
        response = client.get(path)
        assert response.status_code == 200, path
        assert response["X-Page-Cache"] == "miss", path
    for path in paths + LISTINGS:
        assert client.get(path)["X-Page-Cache"] == "hit", path
    return SimpleNamespace(**vars(newsroom), releases=releases, paths=paths)


def cache_states(client, paths):
    return {path: client.get(path).get("X-Page-Cache") for path in paths}


def untouched(newsroom, *changed):
    """The paths of the releases that neither are `changed` nor are listed next to one."""
    near = {n + step for n in changed for step in (-1, 0, 1)}
    return [path for n, path in enumerate(newsroom.paths) if n not in near]


def test_publishing_one_release_leaves_the_other_releases_cached(client, cached_newsroom):
    release = cached_newsroom.releases[A]
    release.title = "Comunicat 10, corectat"
    release.save_revision().publish()

    changed = client.get(release.url)
    assert changed["X-Page-Cache"] == "miss"
    assert "Comunicat 10, corectat" in changed.content.decode()
    # The releases listed before and after it link to it by its title.
    for neighbour in (A - 1, A + 1):
        response = client.get(cached_newsroom.paths[neighbour])
        assert response["X-Page-Cache"] == "miss"
        assert "Comunicat 10, corectat" in response.content.decode()
    for path in LISTINGS:
        response = client.get(path)
        assert response["X-Page-Cache"] == "miss", path
    assert "Comunicat 10, corectat" in client.get("/ro/stiri/rss/").content.decode()
    others = untouched(cached_newsroom, A)
    assert len(others) == RELEASES - 3
    assert set(cache_states(client, others).values()) == {"hit"}


def test_a_new_release_is_linked_from_its_neighbours_and_leaves_the_rest_cached(
    client, cached_newsroom
):
    # Dated between releases 4 and 5: they are listed next to it now.
    new = PressReleasePageFactory(
        parent=cached_newsroom.news,
        title="Comunicat nou",
        slug="comunicat-nou",
        release_date=release_date(4),
    )
    new.save_revision().publish()
    assert client.get(new.url).status_code == 200
    linking = [
        path
        for path in cached_newsroom.paths[3:7]
        if "Comunicat nou" in (client.get(path).content.decode())
    ]
    assert linking, "a release next to the new one links to it"
    # Newest first, 12 a page: the 20th newest is on the second page.
    assert "Comunicat nou" in client.get("/ro/stiri/?page=2").content.decode()
    others = untouched(cached_newsroom, 4, 5)
    assert set(cache_states(client, others).values()) == {"hit"}


def test_unpublishing_a_release_removes_it_everywhere_and_keeps_the_rest(client, cached_newsroom):
    release = cached_newsroom.releases[A]
    release.unpublish()
    assert client.get(release.url).status_code == 404
    for neighbour in (A - 1, A + 1):
        response = client.get(cached_newsroom.paths[neighbour])
        assert response["X-Page-Cache"] == "miss"
        assert "Comunicat 10" not in response.content.decode()
    for path in ["/ro/stiri/", "/ro/stiri/rss/", "/sitemap.xml"]:
        response = client.get(path)
        assert response["X-Page-Cache"] == "miss"
        assert "comunicat-10" not in response.content.decode()
    assert set(cache_states(client, untouched(cached_newsroom, A)).values()) == {"hit"}


def test_a_moved_release_leaves_its_old_address_and_keeps_the_rest(
    client, cached_newsroom, site_tree
):
    # A new, empty index: its own publish makes the listings stale, not the releases.
    archive = NewsIndexPageFactory(parent=site_tree.home, title="Arhivă", slug="arhiva")
    archive.save_revision().publish()
    assert set(cache_states(client, cached_newsroom.paths).values()) == {"hit"}

    release = cached_newsroom.releases[A]
    release.move(archive, pos="last-child")
    release.refresh_from_db()
    # Wagtail leaves a redirect at the old address.
    old = client.get(cached_newsroom.paths[A])
    assert (old.status_code, old["Location"]) == (301, "/ro/arhiva/comunicat-10/")
    moved = client.get(release.url)
    assert (release.url, moved.status_code) == ("/ro/arhiva/comunicat-10/", 200)
    for neighbour in (A - 1, A + 1):
        response = client.get(cached_newsroom.paths[neighbour])
        assert response["X-Page-Cache"] == "miss"
        assert "comunicat-10" not in response.content.decode()
    assert "comunicat-10" not in client.get("/ro/stiri/").content.decode()
    assert set(cache_states(client, untouched(cached_newsroom, A)).values()) == {"hit"}


def test_deleting_a_release_removes_it_and_keeps_the_rest(client, cached_newsroom):
    release = cached_newsroom.releases[A]
    release.delete()
    assert client.get(cached_newsroom.paths[A]).status_code == 404
    for neighbour in (A - 1, A + 1):
        response = client.get(cached_newsroom.paths[neighbour])
        assert response["X-Page-Cache"] == "miss"
        assert "comunicat-10" not in response.content.decode()
    assert "comunicat-10" not in client.get("/ro/stiri/rss/").content.decode()
    assert set(cache_states(client, untouched(cached_newsroom, A)).values()) == {"hit"}


def test_a_published_translation_appears_in_the_cached_original(client, cached_newsroom, site_tree):
    release = cached_newsroom.releases[A]
    translation = release.copy_for_translation(site_tree.english)
    translation.title = "Press release 10"
    translation.save_revision().publish()
    original = client.get(release.url)
    assert original["X-Page-Cache"] == "miss"
    assert 'hreflang="en"' in original.content.decode()
    assert set(cache_states(client, untouched(cached_newsroom, A)).values()) == {"hit"}


def test_a_change_of_a_page_a_release_is_about_shows_on_that_release(
    client, cached_newsroom, partners_tree
):
    partner = PartnerPageFactory(parent=partners_tree.partners, title="Messina", slug="messina")
    partner.save_revision().publish()
    release = cached_newsroom.releases[A]
    release.related_pages.add(PressReleaseRelatedPage(page=partner))
    release.save_revision().publish()
    assert "Messina" in client.get(release.url).content.decode()
    for path in cached_newsroom.paths:
        client.get(path)

    partner.title = "Comune di Messina"
    partner.save_revision().publish()
    response = client.get(release.url)
    assert response["X-Page-Cache"] == "miss"
    assert "Comune di Messina" in response.content.decode()
    assert set(cache_states(client, untouched(cached_newsroom, A)).values()) == {"hit"}


def test_a_topic_change_makes_every_release_stale(client, cached_newsroom):
    topic = Topic.objects.create(name="URBACT", slug="urbact", locale=cached_newsroom.romanian)
    topic.name = "URBACT III"
    topic.save()
    assert set(cache_states(client, cached_newsroom.paths).values()) == {"miss"}


def test_a_changed_image_credit_makes_every_release_stale(client, cached_newsroom):
    # The credit shows under the image wherever it is used, and is kept beside the image.
    image = ImageFactory()
    cache_states(client, cached_newsroom.paths)  # cached again after the image's upload
    assert set(cache_states(client, cached_newsroom.paths).values()) == {"hit"}
    save_rights(image, "Ion Popescu", "CC BY 4.0")
    assert set(cache_states(client, cached_newsroom.paths).values()) == {"miss"}


def test_an_organisation_change_makes_every_release_stale(client, cached_newsroom):
    organisation = Organisation.objects.filter(locale=cached_newsroom.romanian).first()
    organisation.name = "Primăria Municipiului Botoșani (nou)"
    organisation.save()
    states = cache_states(client, cached_newsroom.paths + LISTINGS)
    assert set(states.values()) == {"miss"}
    assert "(nou)" in client.get(cached_newsroom.paths[0]).content.decode()


def test_a_page_in_the_menus_makes_every_release_stale(client, cached_newsroom):
    about = cached_newsroom.home.get_children().get(slug="despre").specific
    assert about.show_in_menus
    about.title = "Despre noi"
    about.save_revision().publish()
    response = client.get(cached_newsroom.paths[0])
    assert response["X-Page-Cache"] == "miss"
    assert ">Despre noi</a>" in response.content.decode()
    assert set(cache_states(client, cached_newsroom.paths[1:]).values()) == {"miss"}


def test_the_page_every_footer_links_to_makes_every_release_stale(client, cached_newsroom):
    """The accessibility statement is in no menu and has no children, but the organisation
    (a snippet) links to it from every footer."""
    statement = cached_newsroom.home.get_children().get(slug="declaratie-accesibilitate")
    assert not statement.show_in_menus and statement.numchild == 0
    assert "/ro/declaratie-accesibilitate/" in client.get(cached_newsroom.paths[0]).content.decode()
    statement.specific.unpublish()
    response = client.get(cached_newsroom.paths[0])
    assert response["X-Page-Cache"] == "miss"
    assert "/ro/declaratie-accesibilitate/" not in response.content.decode()
    assert set(cache_states(client, cached_newsroom.paths[1:]).values()) == {"miss"}


def test_a_publish_on_another_host_makes_the_release_stale_here(client, cached_newsroom):
    """Another host's publish changes the database and bumps the generations in the shared
    cache; this worker, which holds its own copy of the release, serves the change at its
    next request. Here the row is changed without signals, as by another process."""
    release = cached_newsroom.releases[A]
    type(release).objects.filter(pk=release.pk).update(title="Comunicat 10 (alt host)")
    assert client.get(release.url)["X-Page-Cache"] == "hit"
    shared_cache().incr(page_key(release.translation_key))
    response = client.get(release.url)
    assert response["X-Page-Cache"] == "miss"
    assert "Comunicat 10 (alt host)" in response.content.decode()


def test_a_release_whose_own_generation_was_evicted_is_rendered_again(client, cached_newsroom):
    release = cached_newsroom.releases[A]
    shared_cache().delete(page_key(release.translation_key))
    worker_copies.clear()
    assert client.get(release.url)["X-Page-Cache"] == "miss"
    assert client.get(release.url)["X-Page-Cache"] == "hit"
    request = RequestFactory().get(release.url)
    request.LANGUAGE_CODE = "ro"
    assert shared_cache().get(cache_key(request)) is not None
