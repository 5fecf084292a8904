"""Publishing a release and its translation together, all or nothing, and the releases
that may only go live with their translation."""

import datetime
import html
from unittest import mock

import pytest
from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from wagtail.models import Workflow, WorkflowState

from editorial_roles.permissions import setup_permissions
from newsroom.models import PressReleasePage
from tests.admin_forms import edit_form, edit_url
from tests.factories import (
    PressReleasePageFactory,
    build_newsroom,
    draft_pair,
    make_desk,
    make_user,
)

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("site_database")]


@pytest.fixture
def newsroom(site_tree):
    setup_permissions()  # the groups and the two-step moderation on the news indexes
    return build_newsroom(site_tree)


@pytest.fixture
def moderator(client, django_user_model):
    """A Moderator with the admin in English, logged in."""
    user = make_user(django_user_model, "moderator", "Moderators")
    client.force_login(user)
    return user


def public_status(page):
    """What an anonymous reader gets at the page's public address."""
    path = "/ro/stiri/" if page.locale.language_code == "ro" else "/en/news/"
    slug = PressReleasePage.objects.get(pk=page.pk).slug
    return Client().get(f"{path}{slug}/").status_code


def shown(response):
    return html.unescape(response.content.decode())


def joint_publish(client, page):
    return client.post(reverse("joint_publish", args=[page.pk]), follow=True)


def test_the_edit_page_offers_publish_with_translation(client, newsroom, moderator):
    release, _translation = draft_pair(newsroom)
    response = client.get(edit_url(release))
    assert response.status_code == 200
    assert "Publish with translation" in shown(response)
    assert reverse("joint_publish", args=[release.pk]) in shown(response)


def test_a_page_without_translation_is_not_offered_publish_with_translation(
    client, newsroom, moderator
):
    alone = PressReleasePageFactory(parent=newsroom.news, live=False)
    alone.save_revision()
    response = client.get(edit_url(alone))
    assert response.status_code == 200
    assert reverse("joint_publish", args=[alone.pk]) not in shown(response)


def test_the_confirmation_lists_both_languages(client, newsroom, moderator):
    release, translation = draft_pair(newsroom)
    response = client.get(reverse("joint_publish", args=[release.pk]))
    assert response.status_code == 200
    page = shown(response)
    assert release.title in page and translation.title in page
    assert "English" in page


def test_joint_publish_puts_both_languages_live(client, newsroom, moderator):
    release, translation = draft_pair(newsroom)
    assert public_status(release) == public_status(translation) == 404

    response = joint_publish(client, release)

    assert response.status_code == 200
    assert "have been published together" in shown(response)
    assert public_status(release) == 200
    assert public_status(translation) == 200


def test_joint_publish_approves_both_pages_in_moderation(
    client, newsroom, moderator, django_user_model
):
    release, translation = draft_pair(newsroom)
    workflow = Workflow.objects.get(name="Two-step moderation")
    editor = make_user(django_user_model, "editor", "Editors")
    for page in (release, translation):
        workflow.start(page, editor)
        page.current_workflow_task_state.approve(user=editor)  # the Editors' review
    # Now with the Moderators: the moderator finds the action on the release.
    assert reverse("joint_publish", args=[release.pk]) in shown(client.get(edit_url(release)))

    response = joint_publish(client, translation)  # from the English side this time

    assert "have been published together" in shown(response)
    states = WorkflowState.objects.filter(object_id__in=[str(release.pk), str(translation.pk)])
    assert {state.status for state in states} == {WorkflowState.STATUS_APPROVED}
    assert public_status(release) == public_status(translation) == 200


def test_an_invalid_translation_publishes_neither(client, newsroom, moderator):
    release, translation = draft_pair(newsroom)
    # A translator saved a draft with the lead emptied: drafts may lack required fields.
    response = client.post(edit_url(translation), edit_form(translation, lead=""))
    assert response.status_code == 302
    assert (
        PressReleasePage.objects.get(pk=translation.pk).get_latest_revision_as_object().lead == ""
    )

    response = joint_publish(client, release)

    page = shown(response)
    assert "'URBACT Local Group meeting' (English) cannot be published" in page
    assert "Lead: This field cannot be blank." in page
    assert "Nothing was published." in page
    assert public_status(release) == public_status(translation) == 404
    assert not PressReleasePage.objects.filter(pk__in=[release.pk, translation.pk], live=True)


def test_the_refusal_is_in_romanian_for_a_romanian_admin(client, newsroom, django_user_model):
    client.force_login(make_user(django_user_model, "moderatoare", "Moderators", language="ro"))
    release, translation = draft_pair(newsroom)
    translation.lead = ""
    translation.save_revision(clean=False)

    page = shown(joint_publish(client, release))

    assert "nu poate fi publicat" in page
    assert "Nu s-a publicat nimic." in page
    assert public_status(release) == 404


def test_without_permission_to_publish_one_side_neither_is_published(
    client, newsroom, django_user_model
):
    # A desk that may publish Romanian pages but only edit English ones.
    desk = make_desk(
        django_user_model,
        "Romanian desk",
        {newsroom.home: ("add", "change", "publish"), newsroom.home_en: ("add", "change")},
    )
    client.force_login(desk)
    release, translation = draft_pair(newsroom)

    page = shown(joint_publish(client, release))

    assert "'URBACT Local Group meeting' (English) cannot be published" in page
    assert "you do not have permission to publish it" in page
    assert public_status(release) == public_status(translation) == 404


def test_a_translation_locked_by_someone_else_publishes_neither(
    client, newsroom, moderator, django_user_model
):
    release, translation = draft_pair(newsroom)
    translator = make_user(django_user_model, "translator", "Translators")
    translation.locked, translation.locked_by = True, translator
    translation.save()

    page = shown(joint_publish(client, release))

    assert "'URBACT Local Group meeting' (English) cannot be published" in page
    assert "it is locked by another user" in page
    assert public_status(release) == public_status(translation) == 404


def test_a_live_unchanged_translation_is_left_as_it_is(client, newsroom, moderator):
    release, translation = draft_pair(newsroom)
    translation.save_revision().publish()
    published_at = PressReleasePage.objects.get(pk=translation.pk).last_published_at

    assert "have been published together" in shown(joint_publish(client, release))

    assert public_status(release) == public_status(translation) == 200
    # Not published a second time: its history says so.
    assert PressReleasePage.objects.get(pk=translation.pk).last_published_at == published_at


def test_publish_only_with_translation_is_off_by_default_and_publish_works_alone(
    client, newsroom, moderator
):
    release, translation = draft_pair(newsroom)
    assert not release.publish_only_with_translation
    response = client.get(edit_url(release))
    assert "publish only with its translation" in shown(response).lower()

    response = client.post(
        edit_url(release), edit_form(release, **{"action-publish": "publish"}), follow=True
    )

    assert "has been published" in shown(response)
    assert public_status(release) == 200
    assert public_status(translation) == 404


def test_the_flag_refuses_publishing_the_source_alone(client, newsroom, moderator):
    release, translation = draft_pair(newsroom, publish_only_with_translation=True)

    response = client.post(
        edit_url(release),
        edit_form(release, lead="A corrected lead.", **{"action-publish": "publish"}),
        follow=True,
    )

    page = shown(response)
    assert response.status_code == 200
    assert 'is marked "publish only with its translation"' in page
    assert "its translation 'URBACT Local Group meeting' (English) is not live" in page
    assert reverse("joint_publish", args=[release.pk]) in page  # the way out, offered
    assert public_status(release) == 404
    release.refresh_from_db()
    assert not release.live
    # The editor's change is kept as a draft.
    assert release.get_latest_revision_as_object().lead == "A corrected lead."


def test_the_flag_reaches_the_translation_and_refuses_it_alone_too(client, newsroom, moderator):
    release, translation = draft_pair(newsroom, publish_only_with_translation=True)
    assert translation.publish_only_with_translation

    response = client.post(
        edit_url(translation), edit_form(translation, **{"action-publish": "publish"}), follow=True
    )

    assert "its translation 'Întâlnirea Grupului Local URBACT' (Română) is not live" in shown(
        response
    )
    assert public_status(translation) == 404


def test_the_flag_refuses_the_final_workflow_approval_of_the_source_alone(
    client, newsroom, moderator
):
    release, translation = draft_pair(newsroom, publish_only_with_translation=True)
    Workflow.objects.get(name="Two-step moderation").start(release, moderator)
    release.current_workflow_task_state.approve(user=moderator)  # the Editors' review
    release = PressReleasePage.objects.get(pk=release.pk)

    response = client.post(
        edit_url(release),
        edit_form(
            release,
            **{"action-workflow-action": "true", "workflow-action-name": "approve"},
        ),
        follow=True,
    )

    assert 'is marked "publish only with its translation"' in shown(response)
    assert public_status(release) == 404
    assert release.current_workflow_state.status == WorkflowState.STATUS_IN_PROGRESS

    # Approving from the dashboard's "Awaiting your review" is refused too, and undone.
    task_state = release.current_workflow_task_state
    approve_url = reverse(
        "wagtailadmin_pages:workflow_action", args=[release.pk, "approve", task_state.pk]
    )
    response = client.post(approve_url, follow=True)
    assert response.status_code == 200
    # The reason, on the release's edit view, not only the admin's permission message.
    assert response.redirect_chain[-1][0] == edit_url(release)
    assert 'is marked "publish only with its translation"' in shown(response)
    assert public_status(release) == 404
    task_state.refresh_from_db()
    assert task_state.status == task_state.STATUS_IN_PROGRESS

    # From the approval dialog (an XMLHttpRequest), the dialog is sent to the edit view,
    # which shows the reason.
    response = client.post(approve_url, headers={"x-requested-with": "XMLHttpRequest"})
    assert response.json()["step"] == "success"
    assert response.json()["redirect"] == edit_url(release)
    assert 'is marked "publish only with its translation"' in shown(client.get(edit_url(release)))
    assert public_status(release) == 404

    # Publishing the pair is the way: both go live.
    assert "have been published together" in shown(joint_publish(client, release))
    assert public_status(release) == public_status(translation) == 200


def test_a_flagged_pair_can_be_corrected_once_both_are_live(client, newsroom, moderator):
    release, translation = draft_pair(newsroom, publish_only_with_translation=True)
    joint_publish(client, release)

    response = client.post(
        edit_url(release),
        edit_form(release, lead="O corectură.", **{"action-publish": "publish"}),
        follow=True,
    )

    assert "has been published" in shown(response)
    assert "O corectură." in Client().get(f"/ro/stiri/{release.slug}/").content.decode()


def test_a_scheduled_pair_goes_live_together(client, newsroom, moderator):
    release, translation = draft_pair(newsroom, publish_only_with_translation=True)
    go_live = (timezone.now() + datetime.timedelta(days=2)).replace(second=0, microsecond=0)
    # The editor sets a go-live date on the Romanian release only.
    response = client.post(
        edit_url(release),
        edit_form(release, go_live_at=timezone.localtime(go_live).strftime("%Y-%m-%d %H:%M")),
    )
    assert response.status_code == 302

    response = joint_publish(client, release)

    assert "have been scheduled to go live together" in shown(response)
    for page in (release, translation):
        page = PressReleasePage.objects.get(pk=page.pk)
        assert not page.live
        assert page.scheduled_revision.approved_go_live_at == go_live
    assert public_status(release) == public_status(translation) == 404

    call_command("publish_scheduled", stdout=open("/dev/null", "w"))
    assert public_status(release) == public_status(translation) == 404  # not yet

    later = go_live + datetime.timedelta(minutes=1)
    with mock.patch("django.utils.timezone.now", return_value=later):
        call_command("publish_scheduled", stdout=open("/dev/null", "w"))
    assert public_status(release) == public_status(translation) == 200


def test_the_flag_refuses_publishing_the_translation_alone_from_the_translation_editor(
    client, newsroom, moderator
):
    from wagtail_localize.models import Translation, TranslationSource

    release, translation = draft_pair(newsroom, publish_only_with_translation=True)
    source, _created = TranslationSource.get_or_create_from_instance(release)
    Translation.objects.create(source=source, target_locale=newsroom.english)
    # The English page opens in wagtail-localize's editor, whose Publish posts "action".
    assert "wagtail-localize" in shown(client.get(edit_url(translation)))

    response = client.post(edit_url(translation), {"action": "publish"}, follow=True)

    assert 'is marked "publish only with its translation"' in shown(response)
    assert public_status(translation) == 404


def test_the_flag_refuses_bulk_publishing_the_source_alone(client, newsroom, moderator):
    release, translation = draft_pair(newsroom, publish_only_with_translation=True)
    url = reverse("wagtail_bulk_action", args=["wagtailcore", "page", "publish"])

    explorer = reverse("wagtailadmin_explore", args=[newsroom.news.pk])
    response = client.post(f"{url}?id={release.pk}&next={explorer}", follow=True)

    assert response.status_code == 200
    assert 'is marked "publish only with its translation"' in shown(response)
    assert public_status(release) == 404


def in_moderation(pair, by, approvals=0):
    """Both pages submitted to the two-step moderation by `by`, with `approvals` tasks
    already approved by a superuser."""
    from django.contrib.auth import get_user_model

    boss = get_user_model().objects.create_superuser("boss", "boss@example.com", "pw")
    workflow = Workflow.objects.get(name="Two-step moderation")
    for page in pair:
        workflow.start(page, by)
        for _ in range(approvals):
            page.current_workflow_task_state.approve(user=boss)


def test_an_editor_cannot_finish_the_moderators_task_by_publishing_together(
    client, newsroom, django_user_model
):
    release, translation = draft_pair(newsroom)
    editor = make_user(django_user_model, "editor", "Editors")
    in_moderation((release, translation), editor, approvals=1)  # now with the Moderators
    client.force_login(editor)

    page = shown(joint_publish(client, release))

    assert "cannot be published: it is in moderation at the task" in page
    assert "'Approval by Moderators' (Moderators), which you may not approve" in page
    assert public_status(release) == public_status(translation) == 404
    states = WorkflowState.objects.filter(object_id__in=[str(release.pk), str(translation.pk)])
    assert {state.status for state in states} == {WorkflowState.STATUS_IN_PROGRESS}
    # Nobody is logged as having approved the Moderators' task.
    assert not release.current_workflow_task_state.finished_by_id


def test_publishing_together_does_not_skip_the_tasks_still_to_come(
    client, newsroom, django_user_model
):
    release, translation = draft_pair(newsroom)
    editor = make_user(django_user_model, "editor", "Editors")
    in_moderation((release, translation), editor)  # at the Editors' review
    client.force_login(editor)

    page = shown(joint_publish(client, release))

    assert "'Review by Editors' (Editors) and other tasks follow it" in page
    assert public_status(release) == public_status(translation) == 404
    assert release.current_workflow_task_state.task.name == "Review by Editors"
