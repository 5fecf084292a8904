"""The admin's "Publish with translation": a confirmation page listing the page and its
translations, whose form publishes them together (translation_tools/joint_publish.py)."""

from django.core.exceptions import PermissionDenied
from django.http import HttpResponseForbidden
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.formats import date_format
from django.utils.timezone import localtime
from django.utils.translation import gettext as _
from wagtail.admin import messages
from wagtail.admin.modal_workflow import render_modal_workflow
from wagtail.models import Page

from .joint_publish import (
    JointPublishRefused,
    LonePublishRefused,
    describe,
    publish_together,
    translation_group,
)


def joint_publish(request, page_id):
    page = get_object_or_404(Page, id=page_id).specific
    if not page.permissions_for_user(request.user).can_publish():
        raise PermissionDenied
    edit_url = reverse("wagtailadmin_pages:edit", args=[page.pk])
    if request.method != "POST":
        return TemplateResponse(
            request,
            "translation_tools/joint_publish.html",
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


class WorkflowApprovalRefusedMiddleware:
    """Approving a release marked "publish only with its translation" from the dashboard's
    "Awaiting your review" list is refused inside Wagtail's workflow action view
    (translation_tools/workflow.py), which has no message of its own for it. This
    shows the reason on the page's edit view: after the approval dialog too, which follows
    the redirect it is given."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if not isinstance(exception, LonePublishRefused):
            return None
        match = getattr(request, "resolver_match", None)
        page_id = match.kwargs.get("page_id") if match else None
        dialog = request.headers.get("x-requested-with") == "XMLHttpRequest"
        if dialog and not (match and match.view_name == "wagtailadmin_pages:workflow_action"):
            return HttpResponseForbidden(str(exception))
        messages.error(request, str(exception))
        url = (
            reverse("wagtailadmin_pages:edit", args=[page_id])
            if page_id
            else reverse("wagtailadmin_home")
        )
        if dialog:
            return render_modal_workflow(
                request, "", None, {}, json_data={"step": "success", "redirect": url}
            )
        return redirect(url)
