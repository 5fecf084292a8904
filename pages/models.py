"""Generic page types and what every page shares: SEO fields, the organisation's identity."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.fields import StreamField
from wagtail.models import Page, TranslatableMixin
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField, TranslatableField

from . import conf
from .blocks import BodyBlock
from .image_credits import ImageRights  # noqa: F401 - a model of this app, defined there
from .visibility import ViewRestrictionsMixin


class SEOMixin(models.Model):
    """Fields that describe a page to search engines and social networks."""

    social_image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("social image"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Shown when the page is shared (OpenGraph, Twitter). 1200×630 works best."),
    )

    promote_panels = [
        MultiFieldPanel(
            [
                FieldPanel("slug"),
                FieldPanel("seo_title"),
                FieldPanel("search_description"),
                FieldPanel("social_image"),
            ],
            heading=_("For search engines and social networks"),
        ),
        FieldPanel("show_in_menus"),
    ]

    class Meta:
        abstract = True

    def get_social_image(self):
        """The image shown when the page is shared; page types with a hero image override it."""
        return self.social_image

    def get_meta_description(self):
        return self.search_description


class HomePage(SEOMixin, ViewRestrictionsMixin, Page):
    """The home page of one locale: /ro/ or /en/."""

    introduction = models.TextField(
        _("introduction"), blank=True, help_text=_("One or two sentences under the heading.")
    )
    body = StreamField(BodyBlock(), verbose_name=_("body"), blank=True)

    content_panels = Page.content_panels + [FieldPanel("introduction"), FieldPanel("body")]
    search_fields = Page.search_fields + [
        index.SearchField("introduction"),
        index.SearchField("body"),
    ]

    parent_page_types = ["wagtailcore.Page"]
    max_count_per_parent = None

    class Meta:
        verbose_name = _("home page")
        verbose_name_plural = _("home pages")

    def get_meta_description(self):
        return self.search_description or self.introduction

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["home_sections"] = conf.home_sections()
        return context


class StandardPage(SEOMixin, ViewRestrictionsMixin, Page):
    """A page of text: about, contact, accessibility statement."""

    introduction = models.TextField(_("introduction"), blank=True)
    body = StreamField(BodyBlock(), verbose_name=_("body"), blank=True)
    last_reviewed = models.DateField(
        _("last reviewed"),
        null=True,
        blank=True,
        help_text=_(
            "When the content was last checked, e.g. the accessibility statement's yearly "
            "review; shown on the page."
        ),
    )

    content_panels = Page.content_panels + [
        FieldPanel("introduction"),
        FieldPanel("body"),
        FieldPanel("last_reviewed"),
    ]
    search_fields = Page.search_fields + [
        index.SearchField("introduction"),
        index.SearchField("body"),
    ]
    subpage_types = ["pages.StandardPage"]

    class Meta:
        verbose_name = _("standard page")
        verbose_name_plural = _("standard pages")

    def get_meta_description(self):
        return self.search_description or self.introduction


class Organisation(TranslatableMixin, models.Model):
    """The identity of the institution that publishes the site, one per language.

    Shown in the header, the footer, the feeds and the structured data. Text is
    translated; codes, contact details and the logo are the same in every language.
    """

    name = models.CharField(_("name"), max_length=200)
    slogan = models.CharField(_("slogan"), max_length=200, blank=True)
    department = models.CharField(
        _("department"), max_length=200, blank=True, help_text=_("The office that runs this site.")
    )
    address = models.TextField(_("address"), blank=True)
    fiscal_code = models.CharField(
        _("fiscal code (CF)"), max_length=20, blank=True, help_text=_("Same in every language.")
    )
    email = models.EmailField(_("e-mail"), blank=True)
    phone = models.CharField(_("phone"), max_length=50, blank=True)
    website = models.URLField(_("website"), blank=True)
    logo = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("logo"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    accessibility_statement = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("accessibility statement"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_(
            "Linked from the footer of every page, as the EU Web Accessibility Directive requires."
        ),
    )

    panels = [
        FieldPanel("name"),
        FieldPanel("slogan"),
        FieldPanel("department"),
        FieldPanel("address"),
        MultiFieldPanel(
            [
                FieldPanel("fiscal_code"),
                FieldPanel("email"),
                FieldPanel("phone"),
                FieldPanel("website"),
                FieldPanel("logo"),
                FieldPanel("accessibility_statement"),
            ],
            heading=_("Same in every language"),
        ),
    ]

    # wagtail-localize offers only the text for translation.
    translatable_fields = [
        TranslatableField("name"),
        TranslatableField("slogan"),
        TranslatableField("department"),
        TranslatableField("address"),
        SynchronizedField("fiscal_code"),
        SynchronizedField("email"),
        SynchronizedField("phone"),
        SynchronizedField("website"),
        SynchronizedField("logo"),
        # Translated as a reference: each language's organisation links the statement in
        # its own language (wagtail-localize swaps in the page's translation).
        TranslatableField("accessibility_statement"),
    ]

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("organisation")
        verbose_name_plural = _("organisation")

    def __str__(self):
        return self.name
