"""The admin's "Publish with translation": a confirmation page listing the page and its
translations, whose form publishes them together (website/joint_publish.py)."""

from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.formats import date_format
from django.utils.timezone import localtime
from django.utils.translation import gettext as _
from wagtail.admin import messages
from wagtail.models import Page

from .joint_publish import JointPublishRefused, describe, publish_together, translation_group


def joint_publish(request, page_id):
    page = get_object_or_404(Page, id=page_id).specific
    if not page.permissions_for_user(request.user).can_publish():
        raise PermissionDenied
    edit_url = reverse("wagtailadmin_pages:edit", args=[page.pk])
    if request.method != "POST":
        return TemplateResponse(
            request,
            "website/admin/joint_publish.html",
            {
                "page": page,
                "group": [(p, p.get_latest_revision_as_object()) for p in translation_group(page)],
                "edit_url": edit_url,
                "header_title": _("Publish with translation"),
                "page_title": _("Publish with translation"),
                "header_icon": "upload",
            },
        )
    try:
        published = publish_together(page, request.user)
    except JointPublishRefused as refusal:
        messages.error(request, refusal.message)
        return redirect(edit_url)
    titles = ", ".join(describe(p) for p in published.pages)
    if published.go_live_at:
        messages.success(
            request,
            _("%(pages)s have been scheduled to go live together on %(date)s.")
            % {
                "pages": titles,
                "date": date_format(localtime(published.go_live_at), "DATETIME_FORMAT"),
            },
        )
    else:
        messages.success(request, _("%(pages)s have been published together.") % {"pages": titles})
    return redirect(edit_url)
