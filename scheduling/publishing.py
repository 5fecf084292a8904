"""One run of the publisher: what Wagtail's `publish_scheduled` does (unpublish what has
expired, publish revisions whose go-live time has come), with two differences.

- A page and its translations due together go live in one transaction, so a pair
  scheduled by "Publish with translation" is never half live.
- A release marked "publish only with its translation" whose translation is neither live
  nor due is not published alone: its revision stays scheduled and goes live with the
  translation (translation_tools/joint_publish.py says when a page may not go live alone).

Times in the past are published too, so a scheduler started after a stop catches up.
"""

import logging
from collections import defaultdict
from dataclasses import dataclass, field

from django.apps import apps
from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.utils import timezone
from wagtail.models import DraftStateMixin, Page, Revision

from translation_tools.joint_publish import lone_publish_refusal, published_together

logger = logging.getLogger(__name__)


@dataclass
class RunReport:
    published: list = field(default_factory=list)
    unpublished: list = field(default_factory=list)
    waiting: list = field(default_factory=list)  # refused: waiting for their translation

    def __bool__(self):
        return bool(self.published or self.unpublished or self.waiting)


def draft_state_models():
    return [Page] + [
        model
        for model in apps.get_models()
        if issubclass(model, DraftStateMixin) and not issubclass(model, Page)
    ]


def unpublish_expired(now, report):
    for model in draft_state_models():
        for obj in list(model.objects.filter(live=True, expire_at__lte=now).order_by("expire_at")):
            obj.unpublish(set_expired=True, log_action="wagtail.unpublish.scheduled")
            report.unpublished.append(obj)
            logger.info("Unpublished (expired): %s pk=%s", type(obj).__name__, obj.pk)


def due_page_revisions_by_translation(revisions):
    """{translation key: [revision, ...]} for the page revisions among `revisions`."""
    page_ids = {int(r.object_id) for r in revisions}
    pages = Page.objects.in_bulk(page_ids)
    groups = defaultdict(list)
    for revision in revisions:
        page = pages.get(int(revision.object_id))
        if page is not None:
            groups[page.translation_key].append(revision)
    return groups


def publish_page_group(revisions, report):
    drafts = [(revision, revision.as_object()) for revision in revisions]
    ready = []
    for revision, draft in drafts:
        refusal = lone_publish_refusal(draft)
        if refusal:
            report.waiting.append(draft)
            logger.warning("Not published at its scheduled time: %s", refusal)
        else:
            ready.append(revision)
    if not ready:
        return
    with transaction.atomic(), published_together([draft for _r, draft in drafts]):
        for revision in ready:
            # Another run may have published it meanwhile: only a revision still scheduled.
            still_due = (
                Revision.objects.select_for_update()
                .filter(pk=revision.pk, approved_go_live_at__isnull=False)
                .first()
            )
            if still_due is None:
                continue
            still_due.publish(log_action="wagtail.publish.scheduled")
            report.published.append(still_due.as_object())
            logger.info("Published (scheduled): page pk=%s", still_due.object_id)


def publish_due(now=None):
    """Unpublish what expired and publish what is due at `now` (default: the clock)."""
    now = now or timezone.now()
    report = RunReport()
    unpublish_expired(now, report)
    due = list(
        Revision.objects.filter(approved_go_live_at__lte=now).order_by("approved_go_live_at")
    )
    page_type = ContentType.objects.get_for_model(Page)
    page_revisions = [r for r in due if r.base_content_type_id == page_type.pk]
    for revisions in due_page_revisions_by_translation(page_revisions).values():
        publish_page_group(revisions, report)
    for revision in due:
        if revision.base_content_type_id != page_type.pk:  # snippets with a go-live time
            revision.publish(log_action="wagtail.publish.scheduled")
            report.published.append(revision.as_object())
    return report
