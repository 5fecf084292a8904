"""A project's calendar: its phases and the partner meetings hosted in turn."""

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, FieldRowPanel
from wagtail.api import APIField
from wagtail.models import Orderable, TranslatableMixin
from wagtail_localize.fields import SynchronizedField, TranslatableField

from pages.serializers import PageReferenceField

from .partners import PartnerPage
from .projects import ProjectPage
from .values import DatePrecision, date_precision_field


class DatedMixin(models.Model):
    """A date or a span of dates, to the day or to the month, as the source gives it."""

    date_precision = date_precision_field()

    class Meta:
        abstract = True

    @property
    def shows_day(self):
        return self.date_precision == DatePrecision.DAY


class ProjectPhase(TranslatableMixin, DatedMixin, Orderable):
    """A stage of a project with its dates, e.g. "Integrated Action Plan, Dec 2020 – Dec 2021"."""

    project = ParentalKey(ProjectPage, on_delete=models.CASCADE, related_name="phases")
    name = models.CharField(_("name"), max_length=200)
    start_date = models.DateField(_("start"))
    end_date = models.DateField(_("end"))

    panels = [
        FieldPanel("name"),
        FieldRowPanel(
            [FieldPanel("start_date"), FieldPanel("end_date"), FieldPanel("date_precision")]
        ),
    ]
    api_fields = [
        APIField("name"),
        APIField("start_date"),
        APIField("end_date"),
        APIField("date_precision"),
    ]
    translatable_fields = [
        TranslatableField("name"),
        SynchronizedField("start_date"),
        SynchronizedField("end_date"),
        SynchronizedField("date_precision"),
    ]

    class Meta(TranslatableMixin.Meta, Orderable.Meta):
        # Rows saved without an order (by code, not the admin) keep the order they were added in.
        ordering = ["sort_order", "pk"]
        verbose_name = _("phase")
        verbose_name_plural = _("phases")

    def __str__(self):
        return self.name

    def clean(self):
        super().clean()
        if self.start_date and self.end_date and self.end_date < self.start_date:
            raise ValidationError({"end_date": _("The end cannot be before the start.")})


class HostedMeeting(TranslatableMixin, DatedMixin, Orderable):
    """A meeting of the network's partners, hosted by one of them in turn."""

    project = ParentalKey(ProjectPage, on_delete=models.CASCADE, related_name="meetings")
    date = models.DateField(_("date"))
    host = models.ForeignKey(
        PartnerPage,
        verbose_name=_("host"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    place = models.CharField(_("place"), max_length=200, blank=True)
    description = models.CharField(
        _("what"), max_length=300, help_text=_('e.g. "Meeting of the project partners"')
    )

    panels = [
        FieldRowPanel([FieldPanel("date"), FieldPanel("date_precision")]),
        FieldRowPanel([FieldPanel("host"), FieldPanel("place")]),
        FieldPanel("description"),
    ]
    api_fields = [
        APIField("date"),
        APIField("date_precision"),
        APIField("host", serializer=PageReferenceField(source="host_in_project_language")),
        APIField("place"),
        APIField("description"),
    ]
    translatable_fields = [
        TranslatableField("place"),
        TranslatableField("description"),
        SynchronizedField("date"),
        SynchronizedField("date_precision"),
        SynchronizedField("host"),
    ]

    class Meta(TranslatableMixin.Meta, Orderable.Meta):
        # Rows saved without an order (by code, not the admin) keep the order they were added in.
        ordering = ["sort_order", "pk"]
        verbose_name = _("hosted meeting")
        verbose_name_plural = _("hosted meetings")

    def __str__(self):
        return self.description

    @property
    def host_in_project_language(self):
        """The host's page in the project's language where it is translated."""
        if self.host is None:
            return None
        return PartnerPage.in_locale([self.host], self.project.locale_id).get(
            self.host.translation_key, self.host
        )
