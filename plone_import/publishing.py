"""A new imported page created already published, with its revision, its log entries and
the publishing signals, in one validated save.

Wagtail's usual way (create a draft, save a revision, publish the revision) saves the page
three times, validates it twice, rebuilds it from the revision it just wrote and saves its
child relations three times: two thirds of the time of importing a release. Pages that
exist already, drafts and scheduled pages still go Wagtail's usual way.
"""

from wagtail.log_actions import log
from wagtail.models import Page, Revision
from wagtail.signals import page_published, published


def add_published_child(parent, page, first_published_at, last_published_at):
    """Adds `page` under `parent`, live, with one revision that is both the latest and the
    live one, as publishing it in the admin would leave it. Returns the revision."""
    page.live = True
    page.has_unpublished_changes = False
    page.first_published_at = first_published_at
    page.last_published_at = last_published_at
    page.draft_title = page.title
    parent.add_child(instance=page)  # validated (the page is live), logged "wagtail.create"
    revision = Revision.objects.create(
        content_object=page,
        base_content_type=page.get_base_content_type(),
        content=page.serializable_data(),
        object_str=str(page),
    )
    page.latest_revision = page.live_revision = revision
    page.latest_revision_created_at = revision.created_at
    Page.objects.filter(pk=page.pk).update(
        latest_revision=revision,
        live_revision=revision,
        latest_revision_created_at=revision.created_at,
    )
    log(instance=page, action="wagtail.publish", revision=revision, content_changed=True)
    # What receives these (the page cache, the frontend cache) must still hear of the page.
    page_published.send(sender=page.specific_class, instance=page, revision=revision)
    published.send(sender=type(page), instance=page, revision=revision)
    return revision
