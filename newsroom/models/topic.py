"""Topics: the subjects releases are filed under, translated, each with a listing and feeds."""

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from rest_framework import serializers
from wagtail.admin.panels import (
    FieldPanel,
)
from wagtail.models import TranslatableMixin
from wagtail_localize.fields import TranslatableField

from pages.remembered import remember


class Topic(TranslatableMixin, models.Model):
    """A subject releases are filed under, with a name in each language and its own feed."""

    name = models.CharField(_("name"), max_length=100)
    slug = models.SlugField(
        _("slug"),
        max_length=100,
        allow_unicode=False,
        help_text=_("The topic's address in this language, e.g. digital-innovation."),
    )

    panels = [FieldPanel("name"), FieldPanel("slug")]
    translatable_fields = [TranslatableField("name"), TranslatableField("slug")]

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("topic")
        verbose_name_plural = _("topics")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["locale", "slug"], name="unique_topic_slug_per_locale")
        ]

    def __str__(self):
        return self.name

    @classmethod
    def remembered(cls):
        """Every topic by key, in name order: few, and the same until the next change, so
        remembered (pages/remembered.py) for the releases and feeds that show them."""
        return remember("topics", lambda: {topic.pk: topic for topic in cls.objects.all()})

    def clean(self):
        super().clean()
        # The locale is not a form field, so Django's own unique check skips it.
        clash = Topic.objects.filter(locale_id=self.locale_id, slug=self.slug).exclude(pk=self.pk)
        if self.locale_id and clash.exists():
            raise ValidationError(
                {"slug": _("Another topic in this language already has this slug.")}
            )


class TopicSerializer(serializers.Serializer):
    """A topic in the open-data API (topics are not pages): its name and the slug of its
    listing and feed."""

    name = serializers.CharField(read_only=True)
    slug = serializers.CharField(read_only=True)
