"""Pilot actions: the small experiments each partner city runs within a project."""

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.formats import number_format
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import (
    FieldPanel,
    FieldRowPanel,
    HelpPanel,
    InlinePanel,
    MultiFieldPanel,
)
from wagtail.api import APIField
from wagtail.fields import RichTextField
from wagtail.models import Orderable, Page, TranslatableMixin
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField, TranslatableField

from pages.blocks import RICH_TEXT_FEATURES
from pages.images import DECORATIVE_HELP_TEXT, decide_alt_text
from pages.models import SEOMixin
from pages.serializers import PageReferenceField, RichTextHTMLField
from pages.visibility import ViewRestrictionsMixin

from ..forms import PilotShowcasePageForm
from .projects import ProjectPage
from .thumbnails import with_thumbnails
from .translations import in_locale
from .values import DatePrecision, date_precision_field, euro_amount_field

GALLERY_THUMBNAIL = "fill-400x300"


class ActionLine(models.TextChoices):
    """The five lines of action of the URBACT pilot activities guide (seed release of
    8 April 2021): a pilot action is chosen from one of them."""

    DIGITAL_TOOLS_IN_SERVICES = (
        "digital-tools-in-services",
        _("Temporary use of digital tools in the services the municipality offers citizens"),
    )
    AWARENESS_EVENTS = (
        "awareness-events",
        _("Local events or campaigns raising awareness of specific subjects"),
    )
    CITIZEN_PARTICIPATION = (
        "citizen-participation",
        _("Trying out new forms of citizen participation"),
    )
    VIRTUAL_TOOLS = "virtual-tools", _("Acquiring or using specific virtual tools")
    SIMPLE_EQUIPMENT = (
        "simple-equipment",
        _("Acquiring simple equipment to develop specific solutions"),
    )


class PilotStatus(models.TextChoices):
    PROPOSED = "proposed", _("Proposed")
    SELECTED = "selected", _("Selected")
    RUNNING = "running", _("Running")
    COMPLETED = "completed", _("Completed")


class PilotShowcasePage(SEOMixin, ViewRestrictionsMixin, Page):
    """A pilot action a partner runs within a project (a child of the project page): what
    it tries, with whom, with which budget and what came of it."""

    introduction = models.TextField(_("introduction"), blank=True)
    partner = models.ForeignKey(
        "partners.PartnerPage",
        verbose_name=_("run by"),
        on_delete=models.PROTECT,
        related_name="pilots",
        help_text=_("The partner that runs the pilot action."),
    )
    action_line = models.CharField(
        _("action line"),
        max_length=40,
        choices=ActionLine.choices,
        blank=True,
        help_text=_("Leave empty while the line is not chosen yet."),
    )
    status = models.CharField(
        _("status"), max_length=10, choices=PilotStatus.choices, default=PilotStatus.PROPOSED
    )
    start_date = models.DateField(_("start"), null=True, blank=True)
    end_date = models.DateField(_("end"), null=True, blank=True)
    date_precision = date_precision_field()
    budget_eur = euro_amount_field(
        _("budget (EUR)"),
        help_text=_("At most the project's pilot budget cap. Leave empty while it is not decided."),
    )
    stakeholders = RichTextField(
        _("stakeholders"),
        blank=True,
        features=RICH_TEXT_FEATURES,
        help_text=_("Who takes part, e.g. the URBACT Local Group."),
    )
    goals = RichTextField(_("goals"), blank=True, features=RICH_TEXT_FEATURES)
    results = RichTextField(_("results"), blank=True, features=RICH_TEXT_FEATURES)

    content_panels = Page.content_panels + [
        HelpPanel(
            content=_(
                "Pilot actions are small-scale experiments, individual to each partner city, "
                "chosen from the five action lines of the URBACT guide and within the project's "
                "pilot budget cap. The URBACT programme does not fund hard infrastructure "
                "projects."
            ),
            heading=_("Guidance"),
        ),
        FieldPanel("introduction"),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("partner"), FieldPanel("status")]),
                FieldPanel("action_line"),
                FieldPanel("budget_eur"),
                FieldRowPanel(
                    [
                        FieldPanel("start_date"),
                        FieldPanel("end_date"),
                        FieldPanel("date_precision"),
                    ]
                ),
            ],
            heading=_("The pilot action"),
        ),
        FieldPanel("stakeholders"),
        FieldPanel("goals"),
        FieldPanel("results"),
        InlinePanel("gallery", heading=_("Gallery"), label=_("Image")),
    ]
    api_fields = [
        APIField("introduction"),
        APIField("partner", serializer=PageReferenceField(source="get_partner_in_locale")),
        APIField("action_line"),
        APIField("status"),
        APIField("start_date"),
        APIField("end_date"),
        APIField("date_precision"),
        APIField("budget_eur"),
        APIField("stakeholders", serializer=RichTextHTMLField()),
        APIField("goals", serializer=RichTextHTMLField()),
        APIField("results", serializer=RichTextHTMLField()),
    ]
    search_fields = Page.search_fields + [
        index.SearchField("introduction"),
        index.SearchField("goals"),
        index.SearchField("results"),
        index.FilterField("status"),
    ]
    override_translatable_fields = [
        TranslatableField("introduction"),
        TranslatableField("stakeholders"),
        TranslatableField("goals"),
        TranslatableField("results"),
        TranslatableField("gallery"),
        SynchronizedField("partner"),
        SynchronizedField("action_line"),
        SynchronizedField("status"),
        SynchronizedField("start_date"),
        SynchronizedField("end_date"),
        SynchronizedField("date_precision"),
        SynchronizedField("budget_eur"),
    ]

    base_form_class = PilotShowcasePageForm
    parent_page_types = ["partners.ProjectPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("pilot action")
        verbose_name_plural = _("pilot actions")

    @property
    def shows_day(self):
        return self.date_precision == DatePrecision.DAY

    def get_meta_description(self):
        return self.search_description or self.introduction

    def validate_budget_within_cap(self, budget, project):
        cap = getattr(project, "pilot_budget_cap_eur", None)
        if budget is not None and cap is not None and budget > cap:
            raise ValidationError(
                _("The budget cannot exceed the project's pilot budget cap of %(cap)s EUR."),
                code="over_cap",
                params={"cap": number_format(cap, 0, use_l10n=True, force_grouping=True)},
            )

    def clean(self):
        super().clean()
        errors = {}
        if self.start_date and self.end_date and self.end_date < self.start_date:
            errors["end_date"] = _("The end cannot be before the start.")
        if self.end_date and not self.start_date:
            errors["start_date"] = _("Enter the start as well as the end.")
        # Pages already in the tree know their project; a new page's form checks the cap.
        if self.budget_eur is not None and self.path:
            try:
                self.validate_budget_within_cap(self.budget_eur, self.get_parent().specific)
            except ValidationError as error:
                errors["budget_eur"] = error
        if errors:
            raise ValidationError(errors)

    def get_project(self):
        """The project the pilot belongs to, in one query."""
        return ProjectPage.objects.filter(path=self.path[: -self.steplen]).first()

    def get_partner_in_locale(self):
        return in_locale([self.partner], self.locale_id).get(
            self.partner.translation_key, self.partner
        )

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["project"] = self.get_project()
        context["partner"] = self.get_partner_in_locale()
        context["action_lines"] = ActionLine.choices
        context["gallery"] = list(
            with_thumbnails(self.gallery.select_related("image__rights"), spec=GALLERY_THUMBNAIL)
        )
        return context

    @classmethod
    def of_project(cls, project, private):
        """The project's live pilot actions, with the partners that run them."""
        return (
            cls.objects.child_of(project)
            .live()
            .exclude(private)
            .select_related("partner")
            .order_by("title")
        )

    @classmethod
    def run_by(cls, partner, private):
        """The live pilot actions, in the partner's language, that `partner` runs, each with
        its project, in two queries."""
        pilots = list(
            cls.objects.live()
            .exclude(private)
            .filter(locale_id=partner.locale_id, partner__translation_key=partner.translation_key)
            .order_by("title")
        )
        parent_paths = {pilot.path[: -cls.steplen] for pilot in pilots}
        projects = {p.path: p for p in ProjectPage.objects.filter(path__in=parent_paths)}
        for pilot in pilots:
            pilot.project = projects.get(pilot.path[: -cls.steplen])
        return pilots


class PilotGalleryImage(TranslatableMixin, Orderable):
    """A photograph of the pilot action, with its alternative text and caption."""

    pilot = ParentalKey(PilotShowcasePage, on_delete=models.CASCADE, related_name="gallery")
    image = models.ForeignKey(
        "wagtailimages.Image", verbose_name=_("image"), on_delete=models.CASCADE, related_name="+"
    )
    alt_text = models.CharField(
        _("alternative text"),
        max_length=250,
        blank=True,
        help_text=_(
            "What the image shows, for people who cannot see it; empty takes the image's "
            "own description."
        ),
    )
    decorative = models.BooleanField(
        _("decorative"),
        default=False,
        help_text=DECORATIVE_HELP_TEXT,
    )
    caption = models.CharField(_("caption"), max_length=250, blank=True)

    panels = [
        FieldPanel("image"),
        FieldPanel("alt_text"),
        FieldPanel("decorative"),
        FieldPanel("caption"),
    ]
    translatable_fields = [
        TranslatableField("alt_text"),
        TranslatableField("caption"),
        SynchronizedField("image"),
        SynchronizedField("decorative"),
    ]

    class Meta(TranslatableMixin.Meta, Orderable.Meta):
        # Rows saved without an order (by code, not the admin) keep the order they were added in.
        ordering = ["sort_order", "pk"]
        verbose_name = _("gallery image")
        verbose_name_plural = _("gallery images")

    def clean(self):
        super().clean()
        if self.image_id:
            try:
                self.alt_text = decide_alt_text(self.image, self.alt_text, self.decorative)
            except ValidationError as error:
                raise ValidationError({"alt_text": error}) from None
