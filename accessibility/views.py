import datetime

import django_filters
from django.core.cache import cache
from django.core.exceptions import PermissionDenied
from django.template.response import TemplateResponse
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_protect
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.menu import MenuItem
from wagtail.admin.views.reports import ReportView
from wagtail.coreutils import get_content_languages
from wagtail.models import Page

from translation_tools.status import SECTION_LABELS

from .checks import PROBLEM_LABELS, accessibility_rows
from .conf import feedback_per_hour
from .forms import FeedbackForm

# Whoever may edit pages may see what to fix in them.
PERMISSION = "wagtailadmin.access_admin"


def can_see_accessibility_report(user):
    return user.is_active and user.has_perm(PERMISSION)


class AccessibilityFilterSet(WagtailFilterSet):
    """Filters over the computed rows (a list): each keeps the rows whose attribute equals
    the value chosen."""

    problem = django_filters.ChoiceFilter(
        label=_("Problem"), choices=list(PROBLEM_LABELS.items()), empty_label=_("All")
    )
    section = django_filters.ChoiceFilter(
        label=_("Section"), choices=list(SECTION_LABELS.items()), empty_label=_("All")
    )
    locale = django_filters.ChoiceFilter(
        label=_("Language"),
        choices=lambda: list(get_content_languages().items()),
        empty_label=_("All"),
    )

    class Meta:
        model = Page
        fields = []

    def filter_queryset(self, rows):
        wanted = {name: value for name, value in self.form.cleaned_data.items() if value}
        return [
            row
            for row in rows
            if all(getattr(row, name) == value for name, value in wanted.items())
        ]


class AccessibilityReportView(ReportView):
    page_title = _("Accessibility")
    header_icon = "view"
    results_template_name = "accessibility/report_results.html"
    index_url_name = "accessibility_report"
    index_results_url_name = "accessibility_report_results"
    filterset_class = AccessibilityFilterSet
    export_filename = "accessibility"
    # As the translation status export: machine values under English headings.
    list_export = ["title", "locale", "page_type", "section", "problem", "detail", "page_id"]
    export_headings = {
        "title": "Title",
        "locale": "Language",
        "page_type": "Page type",
        "section": "Section",
        "problem": "Problem",
        "detail": "Detail",
        "page_id": "Page ID",
    }

    def dispatch(self, request, *args, **kwargs):
        if not can_see_accessibility_report(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_base_queryset(self):
        return accessibility_rows()

    def get_filename(self):
        return f"{self.export_filename}-{datetime.date.today():%Y-%m-%d}"


class AccessibilityMenuItem(MenuItem):
    def is_shown(self, request):
        return can_see_accessibility_report(request.user)


def client_address(request):
    return request.META.get("REMOTE_ADDR", "")


@never_cache
@csrf_protect
def feedback(request):
    """The public accessibility feedback form: a page of its own, never cached (it holds
    a CSRF token), in the reader's language. Submissions are listed in the admin."""
    sent = False
    limit_key = f"accessibility-feedback:{client_address(request)}"
    if request.method == "POST":
        form = FeedbackForm(request.POST)
        if cache.get(limit_key, 0) >= feedback_per_hour():
            form.add_error(None, _("Too many messages from your address; try again in an hour."))
        elif form.is_valid():
            if not form.is_spam():
                submission = form.save(commit=False)
                submission.language = get_language()
                submission.save()
            cache.add(limit_key, 0, timeout=3600)
            cache.incr(limit_key)
            sent = True
            form = FeedbackForm()
    else:
        form = FeedbackForm(initial={"page_address": request.GET.get("page", "")[:500]})
    return TemplateResponse(request, "accessibility/feedback.html", {"form": form, "sent": sent})
