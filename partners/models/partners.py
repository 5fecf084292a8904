"""Partner profiles: the organisations the municipality works with in its networks.

A partner's page lists its projects and pilot actions, so this module imports theirs;
they name the partner page type by its label ("partners.PartnerPage"), as Django's
relations allow, and do not import this one."""

from decimal import Decimal

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from rest_framework import serializers
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.api import APIField
from wagtail.images.api.fields import ImageRenditionField
from wagtail.models import Page
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField, TranslatableField

from pages.images import DECORATIVE_HELP_TEXT, decide_alt_text
from pages.models import SEOMixin
from pages.visibility import ViewRestrictionsMixin, private_sections

from ..countries import country_choices, country_name, sort_key
from .pilots import PilotShowcasePage
from .projects import Partnership
from .thumbnails import with_thumbnails
from .translations import in_locale


class PartnerIndexPage(SEOMixin, ViewRestrictionsMixin, Page):
    """The partners of all the municipality's networks, grouped by country: /ro/parteneri/."""

    introduction = models.TextField(_("introduction"), blank=True)

    content_panels = Page.content_panels + [FieldPanel("introduction")]
    parent_page_types = ["pages.HomePage"]
    subpage_types = ["partners.PartnerPage"]
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("partner index")
        verbose_name_plural = _("partner indexes")

    def get_meta_description(self):
        return self.search_description or self.introduction

    def partners_by_country(self):
        """[(country name, [partner, ...]), ...] sorted by country name in the page's
        language; each partner carries `lead_of`, the projects it leads."""
        private = private_sections()
        partners = list(
            with_thumbnails(PartnerPage.objects.child_of(self).live().exclude(private)).order_by(
                "title"
            )
        )
        lead_of = Partnership.projects_led_by(partners, self.locale_id, private)
        groups = {}
        for partner in partners:
            partner.lead_of = lead_of.get(partner.translation_key, [])
            groups.setdefault(partner.country_name, []).append(partner)
        return sorted(groups.items(), key=lambda group: sort_key(group[0]))

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["countries"] = self.partners_by_country()
        return context


# A partner's image as the open-data API offers it.
API_IMAGE_RENDITION = "fill-1200x630"


class PartnerPage(SEOMixin, ViewRestrictionsMixin, Page):
    """An organisation the municipality works with in a network: a city hall, a county
    council, a digital centre. Its projects are derived from the projects' partnerships."""

    organisation_name = models.CharField(
        _("organisation name"),
        max_length=200,
        blank=True,
        help_text=_(
            'The full name when it differs from the title, e.g. "Municipality of Messina".'
        ),
    )
    city = models.CharField(_("city"), max_length=100, blank=True)
    country = models.CharField(
        _("country"),
        max_length=2,
        choices=country_choices,
        help_text=_("Shown as the country's name in the language of the page."),
    )
    website = models.URLField(_("website"), blank=True)
    profile = models.TextField(
        _("short profile"),
        blank=True,
        help_text=_("A few sentences on who the partner is. Leave empty rather than guess."),
    )
    image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("image"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    image_alt = models.CharField(
        _("image alternative text"),
        max_length=250,
        blank=True,
        help_text=_(
            "What the image shows, for people who cannot see it; empty takes the image's "
            "own description."
        ),
    )
    image_decorative = models.BooleanField(
        _("the image is decorative"),
        default=False,
        help_text=DECORATIVE_HELP_TEXT,
    )
    latitude = models.DecimalField(
        _("latitude"),
        max_digits=9,
        decimal_places=6,
        null=True,
        blank=True,
        validators=[MinValueValidator(Decimal(-90)), MaxValueValidator(Decimal(90))],
    )
    longitude = models.DecimalField(
        _("longitude"),
        max_digits=9,
        decimal_places=6,
        null=True,
        blank=True,
        validators=[MinValueValidator(Decimal(-180)), MaxValueValidator(Decimal(180))],
    )

    content_panels = Page.content_panels + [
        FieldPanel("organisation_name"),
        FieldRowPanel([FieldPanel("city"), FieldPanel("country")]),
        FieldPanel("website"),
        FieldPanel("profile"),
        MultiFieldPanel(
            [FieldPanel("image"), FieldPanel("image_alt"), FieldPanel("image_decorative")],
            heading=_("Image"),
        ),
        MultiFieldPanel(
            [FieldRowPanel([FieldPanel("latitude"), FieldPanel("longitude")])],
            heading=_("Location (optional)"),
            help_text=_("Decimal degrees, e.g. 47.7486 and 26.6694; shown as a map link."),
        ),
    ]
    api_fields = [
        APIField("organisation_name"),
        APIField("city"),
        APIField("country"),
        APIField("country_name", serializer=serializers.CharField(source="country_name_in_locale")),
        APIField("website"),
        APIField("profile"),
        APIField("image"),
        APIField(
            "image_rendition", serializer=ImageRenditionField(API_IMAGE_RENDITION, source="image")
        ),
        APIField("image_alt"),
        APIField("latitude"),
        APIField("longitude"),
    ]
    search_fields = Page.search_fields + [
        index.SearchField("organisation_name"),
        index.SearchField("city"),
        index.SearchField("profile"),
        index.FilterField("country"),
    ]
    override_translatable_fields = [
        TranslatableField("organisation_name"),
        TranslatableField("city"),
        TranslatableField("profile"),
        TranslatableField("image_alt"),
        SynchronizedField("country"),
        SynchronizedField("website"),
        SynchronizedField("image"),
        SynchronizedField("image_decorative"),
        SynchronizedField("latitude"),
        SynchronizedField("longitude"),
    ]

    parent_page_types = ["partners.PartnerIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("partner")
        verbose_name_plural = _("partners")

    @property
    def country_name_in_locale(self):
        """The country's name in the page's language (for the open-data API)."""
        return country_name(self.country, self.locale.language_code)

    def clean(self):
        super().clean()
        errors = {}
        if (self.latitude is None) != (self.longitude is None):
            missing = "longitude" if self.longitude is None else "latitude"
            errors[missing] = _("Enter both the latitude and the longitude, or neither.")
        if self.image_id:
            try:
                self.image_alt = decide_alt_text(self.image, self.image_alt, self.image_decorative)
            except ValidationError as error:
                errors["image_alt"] = error
        if errors:
            raise ValidationError(errors)

    @property
    def display_name(self):
        return self.organisation_name or self.title

    @property
    def country_name(self):
        return country_name(self.country)

    @property
    def has_location(self):
        return self.latitude is not None and self.longitude is not None

    @property
    def map_url(self):
        """The location on OpenStreetMap: a plain link, no tiles or scripts on our pages."""
        if not self.has_location:
            return ""
        lat, lon = f"{self.latitude:f}", f"{self.longitude:f}"
        return f"https://www.openstreetmap.org/?mlat={lat}&mlon={lon}#map=13/{lat}/{lon}"

    def get_meta_description(self):
        return self.search_description or self.profile

    def get_social_image(self):
        return self.social_image or self.image

    @classmethod
    def in_locale(cls, partners, locale_id):
        """{translation key: partner page in `locale_id`} for the given partner pages, in
        at most one query (translations.in_locale)."""
        return in_locale(partners, locale_id)

    def structured_data(self, request=None):
        """schema.org `Place` for search engines."""
        data = {
            "@context": "https://schema.org",
            "@type": "Place",
            "name": self.display_name,
            "address": {
                "@type": "PostalAddress",
                "addressCountry": self.country,
                **({"addressLocality": self.city} if self.city else {}),
            },
        }
        # Absolute URLs come from the request, so that they are https behind a proxy.
        path = self.get_url(request)
        if path:
            data["url"] = request.build_absolute_uri(path) if request else self.get_full_url()
        if self.website:
            data["sameAs"] = self.website
        if self.has_location:
            data["geo"] = {
                "@type": "GeoCoordinates",
                "latitude": float(self.latitude),
                "longitude": float(self.longitude),
            }
        return data

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        private = private_sections()
        context["partnerships"] = Partnership.of_partner(self, private)
        context["pilots"] = PilotShowcasePage.run_by(self, private)
        context["structured_data"] = self.structured_data(request)
        return context
