"""Factories for the partnership pages (wagtail-factories): pass `parent=` for pages."""

import datetime
from decimal import Decimal

import factory
import wagtail_factories
from factory.django import DjangoModelFactory

from partners.models import (
    PartnerIndexPage,
    PartnerPage,
    Partnership,
    PartnershipRole,
    PilotGalleryImage,
    PilotShowcasePage,
    ProjectIndexPage,
    ProjectPage,
    ProjectPhase,
)


class ProjectIndexPageFactory(wagtail_factories.PageFactory):
    title = "Proiecte"
    slug = "proiecte"
    show_in_menus = True

    class Meta:
        model = ProjectIndexPage


class PartnerIndexPageFactory(wagtail_factories.PageFactory):
    title = "Parteneri"
    slug = "parteneri"
    show_in_menus = True

    class Meta:
        model = PartnerIndexPage


class PartnerPageFactory(wagtail_factories.PageFactory):
    title = factory.Sequence(lambda n: f"Oraș partener {n}")
    city = factory.LazyAttribute(lambda obj: obj.title)
    country = "IT"

    class Meta:
        model = PartnerPage


class ProjectPageFactory(wagtail_factories.PageFactory):
    title = "DigiPlace"
    slug = "digiplace"
    programme = "URBACT III"
    total_budget_eur = Decimal("146993")
    pilot_budget_cap_eur = Decimal("10000")

    class Meta:
        model = ProjectPage


class PartnershipFactory(DjangoModelFactory):
    role = PartnershipRole.PARTNER

    class Meta:
        model = Partnership


class ProjectPhaseFactory(DjangoModelFactory):
    name = "Planificare"
    start_date = datetime.date(2019, 9, 2)
    end_date = datetime.date(2020, 3, 2)

    class Meta:
        model = ProjectPhase


class PilotShowcasePageFactory(wagtail_factories.PageFactory):
    title = factory.Sequence(lambda n: f"Acțiune pilot {n}")

    class Meta:
        model = PilotShowcasePage


class PilotGalleryImageFactory(DjangoModelFactory):
    alt_text = "Participanți la atelier"

    class Meta:
        model = PilotGalleryImage
