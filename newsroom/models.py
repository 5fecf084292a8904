"""Press releases, the news index that lists them, and the topics they are filed under."""

import datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from wagtail.admin.panels import (
    FieldPanel,
    InlinePanel,
    MultiFieldPanel,
    ObjectList,
    PageChooserPanel,
    TabbedInterface,
)
from wagtail.fields import StreamField
from wagtail.models import Orderable, Page, TranslatableMixin
from wagtail.search import index

from pages.blocks import BodyBlock
from pages.models import SEOMixin

# The page types a release can be "about" are set by the project (NEWSROOM_RELATED_PAGE_TYPES),
# so this app does not depend on the partners app.
RELATED_PAGE_TYPES = getattr(settings, "NEWSROOM_RELATED_PAGE_TYPES", None) or "wagtailcore.Page"


class Topic(TranslatableMixin, models.Model):
    """A subject releases are filed under, with a name in each language and its own feed."""

    name = models.CharField(_("name"), max_length=100)
    slug = models.SlugField(_("slug"), max_length=100, allow_unicode=False)

    panels = [FieldPanel("name"), FieldPanel("slug")]

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("topic")
        verbose_name_plural = _("topics")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["locale", "slug"], name="unique_topic_slug_per_locale")
        ]

    def __str__(self):
        return self.name


class NewsIndexPage(SEOMixin, Page):
    """The list of press releases of one language: /ro/stiri/, /en/news/."""

    introduction = models.TextField(_("introduction"), blank=True)

    content_panels = Page.content_panels + [FieldPanel("introduction")]
    subpage_types = ["newsroom.PressReleasePage"]
    parent_page_types = ["pages.HomePage"]

    class Meta:
        verbose_name = _("news index")
        verbose_name_plural = _("news indexes")


class PressReleasePage(SEOMixin, Page):
    """A press release ("comunicat de presă") as the office sends it to journalists."""

    lead = models.TextField(
        _("lead"), help_text=_("The one or two sentences a journalist reads first.")
    )
    release_date = models.DateField(
        _("release date"),
        default=datetime.date.today,
        help_text=_("The date printed on the release; publication time is set separately."),
    )
    place = models.CharField(
        _("place"),
        max_length=200,
        blank=True,
        help_text=_('Where it happened, e.g. the "Mihai Eminescu" meeting room.'),
    )
    hero_image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("hero image"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    hero_image_alt = models.CharField(
        _("hero image alternative text"),
        max_length=250,
        blank=True,
        help_text=_("Required with an image: what the image shows, for people who cannot see it."),
    )
    hero_image_caption = models.CharField(_("hero image caption"), max_length=250, blank=True)
    body = StreamField(BodyBlock(), verbose_name=_("body"), blank=True)
    topics = ParentalManyToManyField(Topic, verbose_name=_("topics"), blank=True)

    search_fields = Page.search_fields + [
        index.SearchField("lead"),
        index.SearchField("body"),
        index.SearchField("place"),
        index.FilterField("release_date"),
    ]

    content_panels = Page.content_panels + [
        FieldPanel("lead"),
        MultiFieldPanel(
            [FieldPanel("release_date"), FieldPanel("place")], heading=_("When and where")
        ),
        MultiFieldPanel(
            [
                FieldPanel("hero_image"),
                FieldPanel("hero_image_alt"),
                FieldPanel("hero_image_caption"),
            ],
            heading=_("Hero image"),
        ),
        FieldPanel("body"),
    ]
    relations_panels = [
        FieldPanel("topics"),
        InlinePanel(
            "related_pages",
            heading=_("Related projects, partners and pilots"),
            label=_("Related page"),
        ),
        InlinePanel("attachments", heading=_("Attachments"), label=_("Attachment")),
        InlinePanel("contacts", heading=_("Press contacts"), label=_("Contact")),
    ]
    edit_handler = TabbedInterface(
        [
            ObjectList(content_panels, heading=_("Content")),
            ObjectList(relations_panels, heading=_("Topics, contacts and links")),
            ObjectList(SEOMixin.promote_panels, heading=_("Promote")),
            ObjectList(Page.settings_panels, heading=_("Settings")),
        ]
    )

    parent_page_types = ["newsroom.NewsIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("press release")
        verbose_name_plural = _("press releases")

    def clean(self):
        super().clean()
        if self.hero_image_id and not self.hero_image_alt.strip():
            raise ValidationError(
                {"hero_image_alt": _("Describe the hero image for people who cannot see it.")}
            )

    def get_social_image(self):
        return self.social_image or self.hero_image

    def get_meta_description(self):
        return self.search_description or self.lead

    @classmethod
    def about(cls, page):
        """Live, public releases that name `page` among their related pages, newest first.
        Used by the project, partner and pilot pages."""
        return (
            cls.objects.live()
            .public()
            .filter(related_pages__page=page)
            .order_by("-release_date", "title")
            .distinct()
        )


class PressReleaseRelatedPage(Orderable):
    """A project, partner or pilot the release is about."""

    release = ParentalKey(PressReleasePage, on_delete=models.CASCADE, related_name="related_pages")
    page = models.ForeignKey(
        "wagtailcore.Page", verbose_name=_("page"), on_delete=models.CASCADE, related_name="+"
    )

    panels = [PageChooserPanel("page", RELATED_PAGE_TYPES)]

    class Meta(Orderable.Meta):
        verbose_name = _("related page")


class PressReleaseAttachment(Orderable):
    """A document journalists can download with the release."""

    release = ParentalKey(PressReleasePage, on_delete=models.CASCADE, related_name="attachments")
    document = models.ForeignKey(
        "wagtaildocs.Document",
        verbose_name=_("document"),
        on_delete=models.CASCADE,
        related_name="+",
    )

    panels = [FieldPanel("document")]

    class Meta(Orderable.Meta):
        verbose_name = _("attachment")


class PressContact(Orderable):
    """Who journalists call about the release (the seed's "Responsabili proiect")."""

    release = ParentalKey(PressReleasePage, on_delete=models.CASCADE, related_name="contacts")
    name = models.CharField(_("name"), max_length=150)
    role = models.CharField(_("role"), max_length=150, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    phone = models.CharField(_("phone"), max_length=50, blank=True)

    panels = [FieldPanel("name"), FieldPanel("role"), FieldPanel("email"), FieldPanel("phone")]

    class Meta(Orderable.Meta):
        verbose_name = _("press contact")
        verbose_name_plural = _("press contacts")
