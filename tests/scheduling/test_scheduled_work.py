"""Reports → Scheduled work: what goes live or expires in the next days, both languages,
embargoed releases marked; each editor sees the pages they may edit."""

import datetime
import html

import pytest
from django.urls import reverse
from django.utils import timezone

from editorial_roles.permissions import setup_permissions
from embargo.operations import embargo_page

from ..factories import PressReleasePageFactory, build_newsroom, make_desk, make_user

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("site_database")]


@pytest.fixture
def newsroom(site_tree):
    setup_permissions()
    return build_newsroom(site_tree)


def shown(response):
    return html.unescape(response.content.decode())


def scheduled(parent, title, slug, hours):
    page = PressReleasePageFactory(parent=parent, title=title, slug=slug, live=False)
    page.go_live_at = timezone.now() + datetime.timedelta(hours=hours)
    page.save_revision().publish()
    return page


@pytest.fixture
def work(newsroom, django_user_model):
    admin = django_user_model.objects.create_superuser("boss", "boss@example.com", "pw")
    scheduled(newsroom.news, "Mâine dimineață", "maine", 20)
    scheduled(newsroom.news_en, "Tomorrow evening", "tomorrow", 30)
    scheduled(newsroom.news, "Peste două săptămâni", "doua-saptamani", 24 * 14)
    embargoed = PressReleasePageFactory(
        parent=newsroom.news, title="Sub embargo", slug="embargo", live=False
    )
    embargoed.save_revision()
    embargo_page(embargoed, timezone.now() + datetime.timedelta(hours=5), admin)
    expiring = PressReleasePageFactory(parent=newsroom.news_en, title="Ends soon", slug="ends")
    expiring.expire_at = timezone.now() + datetime.timedelta(days=2)
    expiring.save_revision().publish()
    return newsroom


def test_the_report_lists_go_lives_and_expiries_of_both_languages_soonest_first(
    client, work, django_user_model
):
    client.force_login(make_user(django_user_model, "editor", "Editors"))
    response = client.get(reverse("scheduled_work"))
    assert response.status_code == 200
    text = shown(response)
    titles = ["Sub embargo", "Mâine dimineață", "Tomorrow evening", "Ends soon"]
    positions = [text.index(title) for title in titles]
    assert positions == sorted(positions)
    assert "Peste două săptămâni" not in text  # beyond the 7 days shown by default
    assert text.count("EMBARGOED") == 1
    assert "expires" in text and "goes live" in text
    assert "Europe/Bucharest" in text

    wider = shown(client.get(reverse("scheduled_work"), {"days": "30"}))
    assert "Peste două săptămâni" in wider
    # A value that is not a number of days shows the default, not an error.
    assert client.get(reverse("scheduled_work"), {"days": "<b>"}).status_code == 200


def test_an_editor_sees_only_the_pages_they_may_edit(client, work, django_user_model):
    desk = make_desk(django_user_model, "English desk", {work.home_en: ["change", "publish"]})
    client.force_login(desk)
    text = shown(client.get(reverse("scheduled_work")))
    assert "Tomorrow evening" in text and "Ends soon" in text
    assert "Mâine dimineață" not in text and "Sub embargo" not in text


def test_visitors_are_sent_to_the_login_page(client, work):
    response = client.get(reverse("scheduled_work"))
    assert response.status_code == 302 and "/admin/login/" in response["Location"]
