"""Go-live times are entered and shown in the editor's time zone (Europe/Bucharest by
default), and a release scheduled across a daylight-saving change goes live at the right
instant. Times that do not exist (29 March 2026, 03:00–03:59, clocks go forward) or
happen twice (25 October 2026, 03:00–03:59, clocks go back) are refused with a message:
the editor picks an unambiguous time rather than the site guessing one."""

import datetime
import html
import io
from unittest import mock
from zoneinfo import ZoneInfo

import feedparser
import pytest
from django.core.management import call_command
from django.test import Client
from wagtail.users.models import UserProfile

from newsroom.models import PressReleasePage
from tests.admin_forms import edit_form, edit_url

from ..factories import PressReleasePageFactory, build_newsroom

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("site_database")]

UTC = datetime.UTC
BUCHAREST = ZoneInfo("Europe/Bucharest")


@pytest.fixture
def newsroom(site_tree):
    return build_newsroom(site_tree)


@pytest.fixture
def editor(client, django_user_model):
    user = django_user_model.objects.create_superuser("editor", "editor@example.com", "pw")
    profile = UserProfile.get_for_user(user)
    profile.preferred_language = "en"
    profile.save()
    client.force_login(user)
    return user


@pytest.fixture
def draft(newsroom):
    release = PressReleasePageFactory(
        parent=newsroom.news,
        title="Ora de vară",
        slug="ora-de-vara",
        live=False,
        release_date=datetime.date(2026, 3, 29),
    )
    release.save_revision()
    return PressReleasePage.objects.get(pk=release.pk)


def schedule(client, page, go_live_at):
    return client.post(
        edit_url(page), edit_form(page, go_live_at=go_live_at, **{"action-publish": "publish"})
    )


def scheduled_at(page):
    revision = PressReleasePage.objects.get(pk=page.pk).scheduled_revision
    return revision.approved_go_live_at if revision else None


def run_scheduler_at(moment):
    with mock.patch("django.utils.timezone.now", return_value=moment):
        call_command("run_scheduler", "--once", stdout=io.StringIO())


def test_a_go_live_time_is_read_in_bucharest_time_across_the_spring_change(client, editor, draft):
    # 04:30 on the morning the clocks go forward is EEST (UTC+3): 01:30 UTC.
    with mock.patch(
        "django.utils.timezone.now", return_value=datetime.datetime(2026, 3, 28, tzinfo=UTC)
    ):
        response = schedule(client, draft, "2026-03-29 04:30")
    assert response.status_code == 302
    assert scheduled_at(draft) == datetime.datetime(2026, 3, 29, 1, 30, tzinfo=UTC)

    run_scheduler_at(datetime.datetime(2026, 3, 29, 1, 29, tzinfo=UTC))
    assert Client().get("/ro/stiri/ora-de-vara/").status_code == 404
    run_scheduler_at(datetime.datetime(2026, 3, 29, 1, 30, 30, tzinfo=UTC))
    assert Client().get("/ro/stiri/ora-de-vara/").status_code == 200
    # The feed dates it in the site's zone, summer time already.
    feed = feedparser.parse(Client().get("/ro/stiri/rss/").content)
    entry = next(e for e in feed.entries if e.title.startswith("Ora de vară"))
    assert entry.published == "Sun, 29 Mar 2026 04:30:30 +0300"


def test_a_go_live_time_is_read_in_bucharest_time_across_the_autumn_change(client, editor, draft):
    # 04:30 after the clocks went back is EET (UTC+2): 02:30 UTC.
    with mock.patch(
        "django.utils.timezone.now", return_value=datetime.datetime(2026, 10, 24, tzinfo=UTC)
    ):
        response = schedule(client, draft, "2026-10-25 04:30")
    assert response.status_code == 302
    assert scheduled_at(draft) == datetime.datetime(2026, 10, 25, 2, 30, tzinfo=UTC)


@pytest.mark.parametrize(
    "local_time", ["2026-03-29 03:30", "2026-10-25 03:30"], ids=["does-not-exist", "ambiguous"]
)
def test_a_time_that_does_not_exist_or_happens_twice_is_refused(client, editor, draft, local_time):
    with mock.patch(
        "django.utils.timezone.now", return_value=datetime.datetime(2026, 3, 1, tzinfo=UTC)
    ):
        response = schedule(client, draft, local_time)
    assert response.status_code == 200
    text = html.unescape(response.content.decode())
    assert "couldn’t be interpreted in time zone Europe/Bucharest" in text or (
        "could not be interpreted" in text
    ), text[:200]
    assert scheduled_at(draft) is None


def test_an_editor_in_another_zone_enters_and_sees_times_in_that_zone(client, editor, draft):
    profile = UserProfile.get_for_user(editor)
    profile.current_time_zone = "Europe/London"
    profile.save()
    with mock.patch(
        "django.utils.timezone.now", return_value=datetime.datetime(2026, 6, 1, tzinfo=UTC)
    ):
        schedule(client, draft, "2026-06-02 09:00")  # BST, UTC+1
    assert scheduled_at(draft) == datetime.datetime(2026, 6, 2, 8, 0, tzinfo=UTC)
    # The edit form gives it back as the editor entered it; Bucharest's editors see 11:00.
    assert 'value="2026-06-02 09:00"' in client.get(edit_url(draft)).content.decode()
    profile.current_time_zone = ""
    profile.save()
    assert 'value="2026-06-02 11:00"' in client.get(edit_url(draft)).content.decode()
