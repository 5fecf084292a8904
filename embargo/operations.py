"""Putting a page and its translations under embargo: each is scheduled to go live at the
embargo's time (so nothing of it is public before: no listing, feed, sitemap, search, API
or cached page has it), all or none, with the checks of "Publish with translation"."""

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from translation_tools.joint_publish import (
    JointPublishRefused,
    check_can_publish,
    describe,
    lone_publish_refusal,
    publish_together,
    translation_group,
)

from .models import Embargo


def embargo_page(page, until, user):
    """Schedule `page` (and its translations) for `until` and record the embargo.
    Raises JointPublishRefused with the reason when nothing could be done."""
    if until <= timezone.now():
        raise JointPublishRefused(_("The embargo must end in the future."))
    group = translation_group(page.specific)
    live = [p for p in group if p.live]
    if live:
        raise JointPublishRefused(
            _(
                "%(page)s is already live: an embargo cannot take it back. Unpublish it "
                "first if it was published by mistake."
            )
            % {"page": describe(live[0])}
        )
    with transaction.atomic():
        for p in group:
            check_can_publish(p, user)
        _revision, draft = check_can_publish(page, user)
        draft.go_live_at = until
        revision = draft.save_revision(user=user, clean=False)
        if len(group) > 1:
            # Every translation is scheduled for the same time (the latest go-live date),
            # read from the revision just saved.
            published = publish_together(type(page).objects.get(pk=page.pk), user)
            until = published.go_live_at or until
        else:
            refusal = lone_publish_refusal(draft)
            if refusal:
                raise JointPublishRefused(refusal)
            revision.publish(user=user)
        for p in group:
            Embargo.objects.update_or_create(page=p, defaults={"until": until, "created_by": user})
    return until
