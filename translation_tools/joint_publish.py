"""Publishing a page and its translations as one unit ("Publish with translation"), and
the rule that a release marked "publish only with its translation" never goes live in
one language alone.

A joint publish is all-or-nothing: every page of the group is checked (a saved version,
the user's publish permission, the latest version valid) before anything is published,
and the publishing itself runs in one transaction. The hooks that refuse a lone publish
are in translation_tools/wagtail_hooks.py; this module says what is refused and why.
"""

from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass

from django.core.exceptions import FieldDoesNotExist, PermissionDenied, ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from wagtail.models import Page, Task, WorkflowState

# The pages a joint publish is putting live right now: the lone-publish rule lets them
# through, since their translations go live in the same transaction.
_published_together = ContextVar("published_together", default=frozenset())


class JointPublishRefused(Exception):
    """Nothing was published: the message names the page and the reason."""

    def __init__(self, message):
        super().__init__(message)
        self.message = message


class LonePublishRefused(Exception):
    """A page marked "publish only with its translation" was about to go live alone.
    Raised where Wagtail publishes without asking the project first (a workflow's final
    approval from the dashboard), so that everything rolls back; the admin then shows
    the reason (joint_publish_views.WorkflowApprovalRefusedMiddleware)."""


@dataclass
class PublishedGroup:
    pages: list
    go_live_at: object  # the shared go-live date when scheduled, else None


def language_name(page):
    return page.locale.get_display_name() or page.locale.language_code


def describe(page):
    return _("'%(title)s' (%(language)s)") % {
        "title": page.get_admin_display_title(),
        "language": language_name(page),
    }


def translations_of(page):
    """The page's translations in the other locales (the same translation key)."""
    return (
        Page.objects.filter(translation_key=page.translation_key)
        .exclude(pk=page.pk)
        .select_related("locale")
    )


def translation_group(page):
    """The page and its translations, the default locale's first."""
    pages = [page, *translations_of(page)]
    return sorted(pages, key=lambda p: (not p.locale.is_default, p.locale.language_code))


def joint_publish_url(page):
    return reverse("joint_publish", args=[page.pk])


def is_going_live(page, now):
    """Live, or due to go live in this run of `publish_scheduled`."""
    return page.live or page.revisions.filter(approved_go_live_at__lte=now).exists()


def lone_publish_refusal(page):
    """Why `page` (the version about to go live) may not go live on its own, or None.

    Only a page marked "publish only with its translation" is concerned, and only while a
    translation is not live: once the pair is live, corrections are published as usual.
    """
    if not getattr(page, "publish_only_with_translation", False):
        return None
    if page.pk in _published_together.get():
        return None
    translations = list(translations_of(page))
    if not translations:
        return _(
            '%(page)s is marked "publish only with its translation" and has no translation '
            "yet: it cannot go live alone. Translate it, then publish both languages "
            'together with "Publish with translation".'
        ) % {"page": describe(page)}
    now = timezone.now()
    waiting = [t for t in translations if not is_going_live(t, now)]
    if not waiting:
        return None
    return _(
        '%(page)s is marked "publish only with its translation": it cannot go live while '
        "its translation %(translation)s is not live. Nothing was published. Publish both "
        'languages together with "Publish with translation".'
    ) % {"page": describe(page), "translation": describe(waiting[0])}


def refusal_for_latest_revision(page):
    """`lone_publish_refusal` for what would be published: the page's latest version."""
    latest = page.get_latest_revision_as_object()
    return lone_publish_refusal(latest)


def approval_finishes_workflow(page, action_name):
    """Whether `action_name` on the page's current task ends its workflow, so publishes."""
    state = page.current_workflow_state
    if (
        action_name != "approve"
        or state is None
        or state.status != WorkflowState.STATUS_IN_PROGRESS
    ):
        return False
    current_task_id = state.current_task_state.task_id if state.current_task_state else None
    remaining = (
        Task.objects.filter(workflow_tasks__workflow=state.workflow, active=True)
        .exclude(task_states__in=state.successful_task_states)
        .exclude(pk=current_task_id)
    )
    return not remaining.exists()


def validation_problem(draft):
    """The latest version's validation errors in words, or None when it is valid."""
    try:
        draft.full_clean()
    except ValidationError as error:
        problems = []
        for field_name, messages in error.message_dict.items():
            try:
                label = capfirst(draft._meta.get_field(field_name).verbose_name)
            except FieldDoesNotExist:  # a non-field error ("__all__")
                label = None
            text = " ".join(messages)
            problems.append(f"{label}: {text}" if label else text)
        return "; ".join(problems)
    return None


def task_name(task):
    """The task's name with the groups that approve it, when it has any."""
    groups = getattr(task, "groups", None)
    names = sorted(group.name for group in groups.all()) if groups is not None else []
    if not names:
        return _("'%(task)s'") % {"task": task.name}
    return _("'%(task)s' (%(groups)s)") % {"task": task.name, "groups": ", ".join(names)}


def moderation_refusal(page, user):
    """Why the user may not approve the page's moderation to publish it, or None.

    Publishing a page in moderation approves its current task and finishes its workflow,
    so only a user who may approve that task may do it, and only at the workflow's last
    task: finishing earlier would skip the tasks (and the reviewers) still to come."""
    state = page.current_workflow_state
    if state is None or state.status != WorkflowState.STATUS_IN_PROGRESS:
        return None
    task_state = state.current_task_state
    if task_state is None:
        return None
    task = task_state.task.specific
    if not any(action[0] == "approve" for action in task.get_actions(page, user)):
        return _("it is in moderation at the task %(task)s, which you may not approve") % {
            "task": task_name(task)
        }
    if not approval_finishes_workflow(page, "approve"):
        return _(
            "it is in moderation at the task %(task)s and other tasks follow it; approve "
            "it from the page so that the next reviewers see it"
        ) % {"task": task_name(task)}
    return None


def check_can_publish(page, user):
    """The page's latest revision and its content, or JointPublishRefused saying why not."""
    revision = page.get_latest_revision()
    if revision is None:
        reason = _("it has no saved version")
    elif not page.permissions_for_user(user).can_publish():
        reason = _("you do not have permission to publish it")
    elif page.locked and page.locked_by_id != user.pk:
        reason = _("it is locked by another user")
    elif (moderation := moderation_refusal(page, user)) is not None:
        reason = moderation
    else:
        draft = revision.as_object()
        problem = validation_problem(draft)
        if problem is None:
            return revision, draft
        reason = _("its latest version is not valid (%(problem)s)") % {"problem": problem}
    raise JointPublishRefused(
        _("%(page)s cannot be published: %(reason)s. Nothing was published.")
        % {"page": describe(page), "reason": reason}
    )


@contextmanager
def published_together(pages):
    token = _published_together.set(frozenset(p.pk for p in pages))
    try:
        yield
    finally:
        _published_together.reset(token)


def has_nothing_to_publish(page):
    """Live, unchanged since and not in moderation: publishing it again would only add
    a line to its history (and, with a go-live date, schedule what is already live)."""
    return page.live and not page.has_unpublished_changes and page.current_workflow_state is None


def publish_revision(page, revision, user):
    """Publish (or schedule) `revision`; a page in moderation has its current task
    approved and its workflow finished, as a moderator's approval would."""
    state = page.current_workflow_state
    if state is not None and state.status == WorkflowState.STATUS_IN_PROGRESS:
        if state.current_task_state is not None:
            state.current_task_state.specific.approve(
                user=user, update=False, comment=_("Published with its translation.")
            )
        # Wagtail's finish publishes the latest revision (the one checked above).
        state.finish(user=user)
    else:
        revision.publish(user=user)


def publish_together(page, user):
    """Publish `page` and its translations, all or none. With a go-live date in the
    future on any of them, all are scheduled for the latest such date."""
    pages = translation_group(page.specific)
    if len(pages) < 2:
        raise JointPublishRefused(
            _("%(page)s has no translation: there is nothing to publish with it.")
            % {"page": describe(page)}
        )
    now = timezone.now()
    try:
        with transaction.atomic():
            checked = [(p, *check_can_publish(p, user)) for p in pages]
            checked = [item for item in checked if not has_nothing_to_publish(item[0])]
            go_live_dates = [
                d.go_live_at for _p, _r, d in checked if d.go_live_at and d.go_live_at > now
            ]
            go_live_at = max(go_live_dates, default=None)
            with published_together(pages):
                for p, revision, draft in checked:
                    if go_live_at and draft.go_live_at != go_live_at:
                        # One date for the pair, so that neither goes live before the other.
                        draft.go_live_at = go_live_at
                        revision = draft.save_revision(user=user, clean=False)
                    publish_revision(p, revision, user)
    except PermissionDenied as error:
        # A workflow changed under our feet; everything above has been rolled back.
        raise JointPublishRefused(
            _("%(page)s cannot be published: %(reason)s. Nothing was published.")
            % {"page": describe(page), "reason": str(error) or _("its moderation changed")}
        ) from error
    return PublishedGroup(pages=pages, go_live_at=go_live_at)
