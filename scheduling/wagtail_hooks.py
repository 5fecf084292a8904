from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from .views import ScheduledWorkView


@hooks.register("register_admin_urls")
def register_scheduled_work_report():
    return [
        path("reports/scheduled-work/", ScheduledWorkView.as_view(), name="scheduled_work"),
        path(
            "reports/scheduled-work/results/",
            ScheduledWorkView.as_view(results_only=True),
            name="scheduled_work_results",
        ),
    ]


@hooks.register("register_reports_menu_item")
def register_scheduled_work_menu_item():
    return MenuItem(
        _("Scheduled work"),
        reverse("scheduled_work"),
        name="scheduled-work",
        icon_name="time",
        order=1310,
    )
