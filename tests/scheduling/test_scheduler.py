"""The scheduler that comes with the site: scheduled pages go live (and expire) by
themselves, one host publishes, a pair scheduled together goes live together."""

import datetime
import io
from contextlib import contextmanager
from unittest import mock

import pytest
from django.core.management import call_command
from django.test import Client
from django.utils import timezone
from wagtail.models import PageLogEntry

from newsroom.models import PressReleasePage
from scheduling import lease
from scheduling.models import PublisherLease
from tests.factories import draft_pair
from translation_tools.joint_publish import publish_together

from ..factories import PressReleasePageFactory, build_newsroom

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("site_database")]


@pytest.fixture
def newsroom(site_tree):
    return build_newsroom(site_tree)


@pytest.fixture
def editor(django_user_model):
    return django_user_model.objects.create_superuser("editor", "editor@example.com", "pw")


@contextmanager
def clock_at(moment):
    """A fake clock: everything that asks django.utils.timezone.now() gets `moment`."""
    with mock.patch("django.utils.timezone.now", return_value=moment):
        yield


def run_scheduler_once():
    out = io.StringIO()
    call_command("run_scheduler", "--once", stdout=out)
    return out.getvalue()


def public_status(url):
    return Client().get(url).status_code


def scheduled_draft(newsroom, go_live_at, **fields):
    release = PressReleasePageFactory(
        parent=newsroom.news, title="Ziua orașului", slug="ziua-orasului", live=False, **fields
    )
    release.go_live_at = go_live_at
    release.save_revision().publish()  # with a go-live date ahead: scheduled, not live
    return PressReleasePage.objects.get(pk=release.pk)


def test_a_release_scheduled_one_minute_ahead_goes_live_without_any_command(newsroom):
    now = timezone.now()
    release = scheduled_draft(newsroom, now + datetime.timedelta(minutes=1))
    assert public_status("/ro/stiri/ziua-orasului/") == 404

    with clock_at(now + datetime.timedelta(seconds=30)):
        run_scheduler_once()
    assert public_status("/ro/stiri/ziua-orasului/") == 404

    with clock_at(now + datetime.timedelta(seconds=61)):
        output = run_scheduler_once()
    assert "published 1" in output
    assert public_status("/ro/stiri/ziua-orasului/") == 200
    assert (
        PageLogEntry.objects.filter(page=release, action="wagtail.publish.scheduled").count() == 1
    )


def test_times_missed_while_no_scheduler_ran_are_published_at_start(newsroom):
    release = scheduled_draft(newsroom, timezone.now() + datetime.timedelta(minutes=5))
    # The scheduler was down for a day.
    with clock_at(timezone.now() + datetime.timedelta(days=1)):
        run_scheduler_once()
    assert PressReleasePage.objects.get(pk=release.pk).live
    assert public_status("/ro/stiri/ziua-orasului/") == 200


def test_an_expired_release_is_unpublished(newsroom):
    release = PressReleasePageFactory(parent=newsroom.news, slug="expira")
    release.expire_at = timezone.now() + datetime.timedelta(minutes=1)
    release.save_revision().publish()
    assert public_status("/ro/stiri/expira/") == 200
    with clock_at(timezone.now() + datetime.timedelta(minutes=2)):
        output = run_scheduler_once()
    assert "unpublished 1" in output
    assert public_status("/ro/stiri/expira/") == 404
    assert PressReleasePage.objects.get(pk=release.pk).expired


def test_a_second_scheduler_does_not_publish_while_the_first_holds_the_lease(newsroom):
    release = scheduled_draft(newsroom, timezone.now() + datetime.timedelta(minutes=1))
    assert lease.acquire("host-a:1")
    # Due, and within host A's lease (SCHEDULER_LEASE_SECONDS, 90 s).
    later = timezone.now() + datetime.timedelta(seconds=70)
    with clock_at(later):
        output = run_scheduler_once()  # host B: another holder, the lease is not free
    assert "published" not in output
    assert not PressReleasePage.objects.get(pk=release.pk).live
    # Host A stops without releasing (a crash): after the lease expires B takes over.
    with clock_at(later + datetime.timedelta(minutes=5)):
        run_scheduler_once()
    assert PressReleasePage.objects.get(pk=release.pk).live


def test_two_schedulers_in_turn_publish_a_release_once(newsroom):
    release = scheduled_draft(newsroom, timezone.now() + datetime.timedelta(minutes=1))
    with clock_at(timezone.now() + datetime.timedelta(minutes=2)):
        run_scheduler_once()  # releases the lease when it stops
        run_scheduler_once()  # a second process: nothing left to do
    assert (
        PageLogEntry.objects.filter(page=release, action="wagtail.publish.scheduled").count() == 1
    )
    assert (
        PressReleasePage.objects.get(pk=release.pk)
        .revisions.filter(approved_go_live_at__isnull=False)
        .count()
        == 0
    )


def test_the_lease_goes_to_one_holder_at_a_time(db):
    assert lease.acquire("a")
    assert not lease.acquire("b")
    assert lease.acquire("a")  # renewing
    lease.release("a")
    assert lease.acquire("b")
    assert PublisherLease.objects.get().holder == "b"


def test_a_pair_scheduled_with_publish_with_translation_goes_live_together(newsroom, editor):
    release, translation = draft_pair(newsroom, publish_only_with_translation=True)
    go_live_at = (timezone.now() + datetime.timedelta(minutes=1)).replace(microsecond=0)
    draft = release.get_latest_revision_as_object()
    draft.go_live_at = go_live_at
    draft.save_revision(user=editor)
    published = publish_together(PressReleasePage.objects.get(pk=release.pk), editor)
    assert published.go_live_at == go_live_at
    assert public_status("/ro/stiri/intalnirea-grupului-local/") == 404

    with clock_at(go_live_at + datetime.timedelta(seconds=5)):
        output = run_scheduler_once()
    assert "published 2" in output
    assert public_status("/ro/stiri/intalnirea-grupului-local/") == 200
    assert public_status("/en/news/urbact-local-group-meeting/") == 200


def test_a_release_only_with_its_translation_waits_when_the_translation_is_not_scheduled(
    newsroom, editor
):
    release, translation = draft_pair(newsroom, publish_only_with_translation=True)
    go_live_at = (timezone.now() + datetime.timedelta(minutes=1)).replace(microsecond=0)
    draft = release.get_latest_revision_as_object()
    draft.go_live_at = go_live_at
    draft.save_revision(user=editor)
    publish_together(PressReleasePage.objects.get(pk=release.pk), editor)
    # The English schedule is cancelled afterwards (Wagtail's "Cancel scheduled publish").
    translation.revisions.update(approved_go_live_at=None)

    with clock_at(go_live_at + datetime.timedelta(seconds=5)):
        output = run_scheduler_once()
    assert "waiting for a translation 1" in output
    assert public_status("/ro/stiri/intalnirea-grupului-local/") == 404
    # Still scheduled: once the translation is live, it follows at the next run.
    translation.get_latest_revision().publish(user=editor)
    with clock_at(go_live_at + datetime.timedelta(seconds=40)):
        run_scheduler_once()
    assert public_status("/ro/stiri/intalnirea-grupului-local/") == 200


def test_wagtails_publish_scheduled_command_follows_the_same_rules(newsroom, editor):
    release, translation = draft_pair(newsroom, publish_only_with_translation=True)
    go_live_at = (timezone.now() + datetime.timedelta(minutes=1)).replace(microsecond=0)
    draft = release.get_latest_revision_as_object()
    draft.go_live_at = go_live_at
    draft.save_revision(user=editor)
    publish_together(PressReleasePage.objects.get(pk=release.pk), editor)
    translation.revisions.update(approved_go_live_at=None)

    with clock_at(go_live_at + datetime.timedelta(seconds=5)):
        out = io.StringIO()
        call_command("publish_scheduled", stdout=out)
    assert "waiting for a translation 1" in out.getvalue()
    assert public_status("/ro/stiri/intalnirea-grupului-local/") == 404
