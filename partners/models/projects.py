"""EU networks the municipality belongs to (URBACT's DigiPlace) and their partnerships."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from rest_framework import serializers
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.api import APIField
from wagtail.fields import RichTextField
from wagtail.models import Orderable, Page
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField, TranslatableField

from pages.blocks import RICH_TEXT_FEATURES
from pages.funding import EUFundingMixin
from pages.models import SEOMixin
from pages.serializers import PageReferenceField, RichTextHTMLField
from pages.visibility import ViewRestrictionsMixin, private_sections

from ..forms import ProjectPageForm
from .translations import in_locale
from .values import euro_amount_field


class ProjectIndexPage(SEOMixin, ViewRestrictionsMixin, Page):
    """The networks the municipality belongs to: /ro/proiecte/."""

    introduction = models.TextField(_("introduction"), blank=True)

    content_panels = Page.content_panels + [FieldPanel("introduction")]
    parent_page_types = ["pages.HomePage"]
    subpage_types = ["partners.ProjectPage"]
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("project index")
        verbose_name_plural = _("project indexes")

    def get_meta_description(self):
        return self.search_description or self.introduction

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        projects = list(
            ProjectPage.objects.child_of(self).live().exclude(private_sections()).order_by("title")
        )
        leads = Partnership.leads_of(projects)
        for project in projects:
            project.lead_partner = leads.get(project.pk)
        context["projects"] = projects
        return context


class ProjectPage(SEOMixin, EUFundingMixin, ViewRestrictionsMixin, Page):
    """A European network the municipality belongs to, e.g. URBACT's DigiPlace: who is in
    it (the partnership), its phases, budget and meetings. Pilot actions are its children."""

    introduction = models.TextField(
        _("introduction"), blank=True, help_text=_("One or two sentences under the title.")
    )
    former_names = models.TextField(
        _("former names"),
        blank=True,
        help_text=_("One per line, e.g. the name the network had in its planning phase."),
    )
    programme = models.CharField(
        _("programme"), max_length=150, blank=True, help_text=_('e.g. "URBACT III"')
    )
    network_type = models.CharField(
        _("network type"),
        max_length=150,
        blank=True,
        help_text=_('As the programme names it, e.g. "URBACT Planning Network".'),
    )
    total_budget_eur = euro_amount_field(_("total budget (EUR)"))
    pilot_budget_cap_eur = euro_amount_field(
        _("pilot action budget cap (EUR)"),
        help_text=_(
            "The most the programme funds for one partner's pilot action (10,000 EUR in "
            "URBACT). Pilot budgets above it are refused."
        ),
    )
    objectives = RichTextField(_("objectives"), blank=True, features=RICH_TEXT_FEATURES)

    content_panels = Page.content_panels + [
        FieldPanel("introduction"),
        FieldPanel("former_names"),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("programme"), FieldPanel("network_type")]),
                FieldPanel("eu_fund"),
                FieldRowPanel([FieldPanel("total_budget_eur"), FieldPanel("pilot_budget_cap_eur")]),
            ],
            heading=_("Programme and budget"),
        ),
        InlinePanel(
            "partnership",
            heading=_("Partnership"),
            label=_("Partner"),
            help_text=_(
                "Every partner of the network, in order, with its role. Exactly one is the "
                "lead partner. Partner pages list their projects from here."
            ),
        ),
        InlinePanel("phases", heading=_("Phases"), label=_("Phase")),
        FieldPanel("objectives"),
        InlinePanel("meetings", heading=_("Hosted meetings"), label=_("Meeting")),
    ]
    api_fields = [
        APIField("introduction"),
        APIField(
            "former_names",
            serializer=serializers.ListField(
                child=serializers.CharField(), source="former_name_list"
            ),
        ),
        APIField("programme"),
        APIField("network_type"),
        APIField("eu_fund"),
        # The statement in the page's language, or null when the EU does not co-fund it.
        APIField("eu_funding"),
        APIField("total_budget_eur"),
        APIField("pilot_budget_cap_eur"),
        APIField("partnership"),
        APIField("phases"),
        APIField("objectives", serializer=RichTextHTMLField()),
        APIField("meetings"),
    ]
    search_fields = Page.search_fields + [
        index.SearchField("introduction"),
        index.SearchField("former_names"),
        index.SearchField("objectives"),
        index.SearchField("programme"),
    ]
    override_translatable_fields = [
        TranslatableField("introduction"),
        TranslatableField("former_names"),
        TranslatableField("programme"),
        TranslatableField("network_type"),
        TranslatableField("objectives"),
        SynchronizedField("total_budget_eur"),
        SynchronizedField("eu_fund"),
        SynchronizedField("pilot_budget_cap_eur"),
        # Partner and role only: the same in every language, nothing to translate.
        SynchronizedField("partnership"),
        TranslatableField("phases"),
        TranslatableField("meetings"),
    ]

    base_form_class = ProjectPageForm
    parent_page_types = ["partners.ProjectIndexPage"]
    subpage_types = ["partners.PilotShowcasePage"]

    class Meta:
        verbose_name = _("project")
        verbose_name_plural = _("projects")

    def get_meta_description(self):
        return self.search_description or self.introduction

    @property
    def funding_programme(self):
        # The programme is the one that co-finances the network (URBACT III).
        return self.programme

    @property
    def former_name_list(self):
        return [name.strip() for name in self.former_names.splitlines() if name.strip()]

    @classmethod
    def pilot_model(cls):
        """The pilot action page type, found by the name subpage_types gives it, as a
        foreign key names a model: pilots.py imports this module (a pilot belongs to a
        project), so this one does not import it back."""
        (model,) = cls.clean_subpage_models()
        return model

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        partnerships = list(self.partnership.select_related("partner"))
        meetings = list(self.meetings.select_related("host"))
        pilots = list(self.pilot_model().of_project(self, private_sections()))
        # Partners shown in the page's language, whichever page the relations point to.
        partners = in_locale(
            [p.partner for p in partnerships]
            + [m.host for m in meetings]
            + [p.partner for p in pilots],
            self.locale_id,
        )
        for item, field in (
            *((partnership, "partner") for partnership in partnerships),
            *((meeting, "host") for meeting in meetings),
            *((pilot, "partner") for pilot in pilots),
        ):
            related = getattr(item, field)
            if related is not None:
                setattr(item, field, partners.get(related.translation_key, related))
        context["partnerships"] = partnerships
        context["lead_partnership"] = next((p for p in partnerships if p.is_lead), None)
        context["phases"] = list(self.phases.all())
        context["meetings"] = meetings
        context["pilots"] = pilots
        return context


class PartnershipRole(models.TextChoices):
    LEAD = "lead", _("Lead partner")
    PARTNER = "partner", _("Partner")


class Partnership(Orderable):
    """A partner's place in a project: the single source of who is in which network, in
    which role. Lead partners, partner counts and a partner's projects derive from it."""

    project = ParentalKey(ProjectPage, on_delete=models.CASCADE, related_name="partnership")
    partner = models.ForeignKey(
        "partners.PartnerPage",
        verbose_name=_("partner"),
        on_delete=models.PROTECT,
        related_name="partnerships",
    )
    role = models.CharField(
        _("role"), max_length=10, choices=PartnershipRole.choices, default=PartnershipRole.PARTNER
    )

    panels = [FieldRowPanel([FieldPanel("partner"), FieldPanel("role")])]
    api_fields = [
        APIField("partner", serializer=PageReferenceField(source="partner_in_project_language")),
        APIField("role"),
    ]

    class Meta(Orderable.Meta):
        # Rows saved without an order (by code, not the admin) keep the order they were added in.
        ordering = ["sort_order", "pk"]
        verbose_name = _("partnership")
        verbose_name_plural = _("partnerships")

    def __str__(self):
        return f"{self.partner} – {self.get_role_display()}"

    @property
    def is_lead(self):
        return self.role == PartnershipRole.LEAD

    @property
    def partner_in_project_language(self):
        """The partner's page in the project's language where it is translated: the
        relation is synchronised, so a translated project still points to the original."""
        return in_locale([self.partner], self.project.locale_id).get(
            self.partner.translation_key, self.partner
        )

    @classmethod
    def of_partner(cls, partner, private):
        """The live projects, in the partner's language, that count `partner` in their
        partnership, with its role in each. Matched by translation key, so a project whose
        partnership still points to the partner's other-language page counts too."""
        projects = ProjectPage.objects.live().exclude(private).filter(locale_id=partner.locale_id)
        return list(
            cls.objects.filter(partner__translation_key=partner.translation_key)
            .filter(project__in=projects)
            .select_related("project")
            .order_by("project__title")
        )

    @classmethod
    def projects_led_by(cls, partners, locale_id, private):
        """{partner translation key: [live project in `locale_id` it leads, ...]}."""
        keys = {partner.translation_key for partner in partners}
        projects = ProjectPage.objects.live().exclude(private).filter(locale_id=locale_id)
        lead_of = {}
        rows = (
            cls.objects.filter(role=PartnershipRole.LEAD, partner__translation_key__in=keys)
            .filter(project__in=projects)
            .select_related("project", "partner")
            .order_by("project__title")
        )
        for row in rows:
            lead_of.setdefault(row.partner.translation_key, []).append(row.project)
        return lead_of

    @classmethod
    def leads_of(cls, projects):
        """{project id: its lead partner, in the project's language} in two queries."""
        rows = list(
            cls.objects.filter(role=PartnershipRole.LEAD, project__in=projects).select_related(
                "partner", "project"
            )
        )
        leads = {}
        for locale_id in {row.project.locale_id for row in rows}:
            translations = in_locale(
                [row.partner for row in rows if row.project.locale_id == locale_id], locale_id
            )
            for row in rows:
                if row.project.locale_id == locale_id:
                    leads[row.project_id] = translations.get(
                        row.partner.translation_key, row.partner
                    )
        return leads
