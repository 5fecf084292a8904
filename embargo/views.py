"""The public preview of an embargoed page (`/embargo/<token>/`) and the admin view where
an editor embargoes a page and hands out, and withdraws, its preview links."""

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.cache import patch_cache_control
from django.utils.formats import date_format
from django.utils.timezone import localtime
from django.utils.translation import gettext as _
from wagtail.admin import messages
from wagtail.models import Page

from translation_tools.joint_publish import JointPublishRefused

from .forms import EmbargoForm, PreviewLinkForm
from .models import Embargo, PreviewLink
from .operations import embargo_page


def scheduled_version(page):
    """What will go live at the embargo's time: the scheduled revision, else the latest."""
    revision = (
        page.revisions.filter(approved_go_live_at__isnull=False).order_by("-created_at").first()
        or page.get_latest_revision()
    )
    if revision is None:
        raise Http404
    return revision.as_object()


def private(response):
    # One journalist's copy: never kept by a browser's shared cache, a CDN or a search engine.
    patch_cache_control(response, private=True, no_store=True, no_cache=True, max_age=0)
    response["X-Robots-Tag"] = "noindex, nofollow"
    response["Referrer-Policy"] = "no-referrer"
    return response


def preview(request, token):
    link = PreviewLink.find(token)
    if link is None:
        raise Http404
    embargo = link.embargo
    page = embargo.page.specific
    if not embargo.is_active():
        # The embargo is over: the page itself once the scheduler has put it live (within
        # a minute); nothing if its publication was cancelled.
        if page.live:
            return redirect(page.url)
        if not page.revisions.filter(approved_go_live_at__isnull=False).exists():
            raise Http404
    version = scheduled_version(page)
    request.is_preview = True
    request.embargo = embargo
    with translation.override(page.locale.language_code):
        request.LANGUAGE_CODE = page.locale.language_code
        response = version.serve_preview(request, version.default_preview_mode)
        response.render()
    return private(response)


def invitation_text(page, until, url):
    """A starting point for the e-mail to journalists, with the release's press contacts."""
    lines = [
        _("Press release under embargo until %(until)s: %(title)s")
        % {"until": date_format(localtime(until), "DATETIME_FORMAT"), "title": page.title},
        "",
        _("Preview (please do not publish before the embargo ends): %(url)s") % {"url": url},
    ]
    contacts = page.contacts.all() if hasattr(page, "contacts") else []
    if contacts:
        lines += ["", _("Press contacts:")]
        for contact in contacts:
            details = [contact.name, contact.role, contact.email, contact.phone]
            lines.append(" — ".join(d for d in details if d))
    return "\n".join(lines)


def manage(request, page_id):
    page = get_object_or_404(Page, id=page_id).specific
    if not page.permissions_for_user(request.user).can_publish():
        raise PermissionDenied
    embargo = Embargo.objects.filter(page=page).first()
    edit_url = reverse("wagtailadmin_pages:edit", args=[page.pk])
    embargo_form = EmbargoForm(initial={"until": embargo.until if embargo else None})
    link_form = PreviewLinkForm(initial={"expires_at": embargo.until if embargo else None})
    invitation = None
    action = request.POST.get("action") if request.method == "POST" else None

    if action == "embargo":
        embargo_form = EmbargoForm(request.POST)
        if embargo_form.is_valid():
            try:
                until = embargo_page(page, embargo_form.cleaned_data["until"], request.user)
            except JointPublishRefused as refusal:
                messages.error(request, refusal.message)
            else:
                messages.success(
                    request,
                    _("'%(title)s' is under embargo until %(until)s and will go live then.")
                    % {
                        "title": page.title,
                        "until": date_format(localtime(until), "DATETIME_FORMAT"),
                    },
                )
                return redirect("embargo_manage", page.pk)
    elif action == "create_link":
        if embargo is None or not embargo.is_active():
            messages.error(request, _("Put the page under embargo first."))
            return redirect("embargo_manage", page.pk)
        link_form = PreviewLinkForm(request.POST)
        if link_form.is_valid():
            link, token = PreviewLink.create_with_token(
                embargo=embargo, created_by=request.user, **link_form.cleaned_data
            )
            url = request.build_absolute_uri(reverse("embargo_preview", args=[token]))
            invitation = invitation_text(page, embargo.until, url)
            messages.success(
                request,
                _("Preview link for %(recipient)s created. Copy it now: it is shown only once.")
                % {"recipient": link.recipient},
            )
            link_form = PreviewLinkForm(initial={"expires_at": embargo.until})
    elif action == "revoke":
        link = PreviewLink.objects.filter(
            pk=request.POST.get("link"), embargo__page=page, revoked_at__isnull=True
        ).first()
        if link is None:
            messages.error(request, _("That link does not exist or was already revoked."))
        else:
            link.revoked_at = timezone.now()
            link.save(update_fields=["revoked_at"])
            messages.success(
                request,
                _("The link for %(recipient)s no longer works.") % {"recipient": link.recipient},
            )
        return redirect("embargo_manage", page.pk)

    return TemplateResponse(
        request,
        "embargo/manage.html",
        {
            "page": page,
            "embargo": embargo,
            "embargo_active": embargo is not None and embargo.is_active(),
            "links": embargo.links.all() if embargo else [],
            "embargo_form": embargo_form,
            "link_form": link_form,
            "invitation": invitation,
            "edit_url": edit_url,
            "now": timezone.now(),
            "header_title": _("Embargo"),
            "page_title": _("Embargo"),
            "header_icon": "lock",
        },
    )
