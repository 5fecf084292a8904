"""Editors at work in the Wagtail admin: creating a release, topics as snippets."""

import datetime
import re

import pytest
from django.urls import reverse
from wagtail.test.utils.form_data import inline_formset

from newsroom.models import NewsIndexPage, PressReleasePage, Topic
from pages.models import StandardPage
from tests.admin_forms import release_form
from tests.factories import ImageFactory, PressReleasePageFactory, TopicFactory, build_newsroom

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("site_database")]


@pytest.fixture
def newsroom(site_tree):
    return build_newsroom(site_tree)


def add_url(parent):
    return reverse("wagtailadmin_pages:add", args=["newsroom", "pressreleasepage", parent.pk])


def test_an_editor_creates_and_publishes_a_release(admin_client, client, newsroom):
    topic = TopicFactory(name="URBACT", slug="urbact")
    image = ImageFactory()
    data = release_form(
        hero_image=str(image.pk), hero_image_alt="Membrii grupului în sala de ședințe"
    )
    data["topics"] = [str(topic.pk)]
    response = admin_client.post(add_url(newsroom.news), data)
    assert response.status_code == 302, response.context["form"].errors
    release = PressReleasePage.objects.get(slug="intalnirea-grupului-local")
    assert release.live
    assert release.release_date == datetime.date(2021, 4, 8)
    assert [c.name for c in release.contacts.all()] == ["Claudiu Nanea", "Ortansa Albu"]
    assert list(release.topics.all()) == [topic]
    html = client.get("/ro/stiri/intalnirea-grupului-local/").content.decode()
    assert "8 aprilie 2021" in html and "Claudiu Nanea" in html


def test_a_hero_image_without_alternative_text_is_rejected(admin_client, newsroom):
    image = ImageFactory()
    response = admin_client.post(add_url(newsroom.news), release_form(hero_image=str(image.pk)))
    assert response.status_code == 200
    form = response.context["form"]
    assert form.errors["hero_image_alt"] == [
        "Descrieți imaginea pentru persoanele care nu o pot vedea sau marcați-o ca decorativă "
        "dacă nu adaugă nimic textului."
    ]
    assert not PressReleasePage.objects.exists()


def test_release_date_defaults_to_today_in_the_add_form(admin_client, newsroom):
    response = admin_client.get(add_url(newsroom.news))
    assert response.status_code == 200
    form = response.context["form"]
    assert form["release_date"].value() == datetime.date.today()


def test_release_date_is_distinct_from_a_scheduled_go_live(admin_client, client, newsroom):
    from django.utils import timezone

    go_live = timezone.now() + datetime.timedelta(days=2)
    data = release_form(go_live_at=go_live.strftime("%Y-%m-%d %H:%M"))
    response = admin_client.post(add_url(newsroom.news), data)
    assert response.status_code == 302
    release = PressReleasePage.objects.get(slug="intalnirea-grupului-local")
    assert not release.live  # scheduled, not yet published
    assert release.release_date == datetime.date(2021, 4, 8)
    assert "Întâlnirea" not in client.get("/ro/stiri/rss/").content.decode()


def test_editors_are_offered_only_the_topics_of_the_releases_language(admin_client, newsroom):
    TopicFactory(name="URBACT ro", slug="urbact")
    TopicFactory(name="URBACT en", slug="urbact", locale=newsroom.english)
    response = admin_client.get(add_url(newsroom.news))
    names = [label for _, label in response.context["form"].fields["topics"].choices]
    assert names == ["URBACT ro"]


def test_releases_can_only_be_added_under_a_news_index(newsroom):
    assert PressReleasePage.parent_page_types == ["newsroom.NewsIndexPage"]
    assert not PressReleasePage.can_create_at(newsroom.home)
    assert PressReleasePage.can_create_at(newsroom.news)
    assert NewsIndexPage.can_create_at(newsroom.home)


def test_admin_groups_release_fields_in_tabs(admin_client, newsroom):
    html = admin_client.get(add_url(newsroom.news)).content.decode()
    tabs = re.findall(r'role="tab"[^>]*>\s*(.*?)\s*<', html, re.S)
    # Wagtail 8 shows the go-live and expiry dates in the status side panel; the Settings
    # tab holds what is left: "publish only with its translation".
    assert tabs == ["Conținut", "Subiecte, contacte și legături", "Promovare", "Setări"]
    assert "Data tipărită pe comunicat" in html  # help text of the release date


def test_topics_are_managed_as_snippets(admin_client, site_tree):
    TopicFactory(name="Inovare digitală", slug="inovare-digitala")
    response = admin_client.get(reverse("wagtailsnippets_newsroom_topic:list"))
    assert response.status_code == 200
    assert "Inovare digitală" in response.content.decode()
    response = admin_client.post(
        reverse("wagtailsnippets_newsroom_topic:add") + "?locale=ro",
        {"name": "URBACT", "slug": "urbact"},
    )
    assert response.status_code == 302
    assert Topic.objects.filter(slug="urbact", locale__language_code="ro").exists()


def test_a_topic_slug_is_unique_within_a_language(admin_client, site_tree):
    TopicFactory(name="URBACT", slug="urbact")
    response = admin_client.post(
        reverse("wagtailsnippets_newsroom_topic:add") + "?locale=ro",
        {"name": "Altul", "slug": "urbact"},
    )
    assert response.status_code == 200
    assert response.context["form"].errors["slug"] == [
        "Un alt subiect în această limbă are deja acest slug."
    ]
    assert Topic.objects.filter(slug="urbact").count() == 1


def test_an_editor_previews_a_new_release_before_saving_it(admin_client, newsroom):
    PressReleasePageFactory(
        parent=newsroom.news, title="Mai vechi", release_date=datetime.date(2020, 1, 1)
    )
    url = reverse(
        "wagtailadmin_pages:preview_on_add",
        args=["newsroom", "pressreleasepage", newsroom.news.pk],
    )
    project = StandardPage(title="DigiPlace", slug="digiplace")
    newsroom.home.add_child(instance=project)
    topic = TopicFactory(name="URBACT", slug="urbact")
    data = release_form(related_pages=inline_formset([{"page": str(project.pk)}]))
    data["topics"] = [str(topic.pk)]
    response = admin_client.post(url, data)
    assert response.status_code == 200
    assert response.json()["is_valid"] is True
    response = admin_client.get(url)
    assert response.status_code == 200
    html = response.content.decode()
    assert "8 aprilie 2021" in html
    assert "Claudiu Nanea" in html
    assert "Mai vechi" in html  # the older release, as it will be linked
    assert '<a href="/ro/digiplace/">DigiPlace</a>' in html
    assert '<a class="tag" href="/ro/stiri/subiect/urbact/">URBACT</a>' in html


def test_an_editor_previews_changes_to_a_published_release(admin_client, newsroom):
    release = PressReleasePageFactory(parent=newsroom.news, slug="intalnirea-grupului-local")
    url = reverse("wagtailadmin_pages:preview_on_edit", args=[release.pk])
    response = admin_client.post(url, release_form(lead="Un șapou schimbat."))
    assert response.json()["is_valid"] is True
    html = admin_client.get(url).content.decode()
    assert "Un șapou schimbat." in html
