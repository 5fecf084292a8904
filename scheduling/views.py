"""Reports → Scheduled work: what goes live or expires in the next days, every language,
embargoed pages marked. An editor sees the pages they may edit."""

from datetime import timedelta

from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.views.reports import ReportView
from wagtail.models import Revision
from wagtail.permission_policies.pages import PagePermissionPolicy

from embargo.models import Embargo

from . import conf

GOES_LIVE = "goes_live"
EXPIRES = "expires"


def scheduled_work(user, days, now=None):
    """Rows (dicts, soonest first) of the scheduled go-lives and expiries until `days` from
    now, overdue ones included (the scheduler publishes them at its next run)."""
    now = now or timezone.now()
    horizon = now + timedelta(days=days)
    editable = PagePermissionPolicy().instances_user_has_any_permission_for(
        user, ["change", "publish"]
    )
    revisions = Revision.page_revisions.filter(
        approved_go_live_at__isnull=False, approved_go_live_at__lte=horizon
    )
    page_ids = {int(r.object_id): r for r in revisions}
    pages = editable.filter(pk__in=page_ids).select_related("locale").specific()
    embargoes = {e.page_id: e for e in Embargo.objects.filter(page__in=list(page_ids))}
    rows = []
    for page in pages:
        revision = page_ids[page.pk]
        embargo = embargoes.get(page.pk)
        rows.append(
            {
                "when": revision.approved_go_live_at,
                "action": GOES_LIVE,
                "page": page,
                "title": revision.content.get("title", page.title),
                "embargo": embargo if embargo and embargo.until > now else None,
            }
        )
    expiring = editable.filter(live=True, expire_at__isnull=False, expire_at__lte=horizon)
    for page in expiring.select_related("locale").specific():
        rows.append({"when": page.expire_at, "action": EXPIRES, "page": page, "title": page.title})
    return sorted(rows, key=lambda row: (row["when"], row["page"].locale.language_code))


class ScheduledWorkView(ReportView):
    page_title = _("Scheduled work")
    header_icon = "time"
    template_name = "scheduling/scheduled_work.html"
    results_template_name = "scheduling/scheduled_work_results.html"
    index_url_name = "scheduled_work"
    index_results_url_name = "scheduled_work_results"
    paginate_by = None

    def days(self):
        try:
            days = int(self.request.GET.get("days", ""))
        except ValueError:
            return conf.get("SCHEDULER_REPORT_DAYS")
        return days if 1 <= days <= 90 else conf.get("SCHEDULER_REPORT_DAYS")

    def get_queryset(self):
        return scheduled_work(self.request.user, self.days())

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["days"] = self.days()
        return context
