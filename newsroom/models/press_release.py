"""The press release and what editors attach to it: contacts, documents, related pages."""

import copy
import datetime
import uuid

from django import forms
from django.core.exceptions import ValidationError
from django.db import NotSupportedError, models
from django.db.models import BooleanField, Expression, F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from wagtail.admin.forms import WagtailAdminPageForm
from wagtail.admin.panels import (
    FieldPanel,
    HelpPanel,
    InlinePanel,
    MultiFieldPanel,
    ObjectList,
    PageChooserPanel,
    TabbedInterface,
)
from wagtail.api import APIField
from wagtail.documents import get_document_model
from wagtail.fields import StreamField
from wagtail.images.api.fields import ImageRenditionField
from wagtail.models import Orderable, Page
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField, TranslatableField

from pages.blocks import BodyBlock
from pages.images import DECORATIVE_HELP_TEXT, decide_alt_text, remembered_image
from pages.models import SEOMixin
from pages.remembered import generation_known
from pages.serializers import DocumentField, PageReferencesField
from pages.visibility import (
    ViewRestrictionsMixin,
    any_private_collection,
    in_private_collection,
    language_code,
    not_private,
)

from .. import conf, references
from ..listing import RELEASE_ORDER
from .topic import Topic, TopicSerializer

# The page types a release can be "about" are set by the project (NEWSROOM_RELATED_PAGE_TYPES),
# so this app does not depend on the partners app.
RELATED_PAGE_TYPES = conf.related_page_types()
# The hero image as the open-data API offers it: the size social networks show.
HERO_IMAGE_RENDITION = "fill-1200x630"
# The child lists a release shows: a release read with read_with_lists() knows which are
# empty, and reads only the others.
CHILD_LISTS = ("contacts", "attachments", "related_pages")
# What a release shows of the releases listed before and after it.
NEIGHBOUR_FIELDS = (
    "id",
    "title",
    "url_path",
    "locale_id",
    "release_date",
    "path",
    "depth",
    # The page cache records which pages a release's entry shows (page_cache/store.py).
    "translation_key",
)
# The same, read as pages: what a link to a neighbour needs (and to a translation:
# pages.visibility.TRANSLATION_LINK_FIELDS, read with the neighbours).
NEIGHBOUR_PAGE_FIELDS = tuple(name for name in NEIGHBOUR_FIELDS if name != "release_date")


class ReleaseRows(Expression):
    """A correlated subquery on one of the release's own tables (a child list, its topics),
    written out by rows_sql() from the table and its column holding the release's key:
    Django's Exists() and Subquery() compile a whole queryset on every request, which on
    the release's route query cost more (0.5 ms each on PostgreSQL) than the query they
    spare."""

    def __init__(self, release=None):
        super().__init__()
        self.release = release if release is not None else F("pk")

    def get_source_expressions(self):
        return [self.release]

    def set_source_expressions(self, expressions):
        (self.release,) = expressions

    def rows_sql(self, compiler, connection, select, table, column):
        release_sql, params = compiler.compile(self.release)
        table, column = connection.ops.quote_name(table), connection.ops.quote_name(column)
        return f"(SELECT {select} FROM {table} WHERE {table}.{column} = {release_sql})", params


class HasRows(ReleaseRows):
    """Whether the release has any row in its child list `related_name` (contacts,
    attachments, related pages)."""

    output_field = BooleanField()

    def __init__(self, related_name, release=None):
        super().__init__(release)
        self.related_name = related_name

    def as_sql(self, compiler, connection):
        parental_key = PressReleasePage._meta.get_field(self.related_name).field
        sql, params = self.rows_sql(
            compiler, connection, "1", parental_key.model._meta.db_table, parental_key.column
        )
        return f"EXISTS {sql}", params


class TopicKeys(ReleaseRows):
    """The keys of the release's topics as text ("3,7"; None without topics). Written for
    each of the two databases the project runs on: Django has no portable string aggregate."""

    output_field = models.TextField()

    def topics_sql(self, compiler, connection, aggregate):
        through = PressReleasePage.topics.through._meta
        return self.rows_sql(
            compiler,
            connection,
            aggregate.format(connection.ops.quote_name(through.get_field("topic").column)),
            through.db_table,
            through.get_field("pressreleasepage").column,
        )

    def as_sqlite(self, compiler, connection):
        return self.topics_sql(compiler, connection, "group_concat({}, ',')")

    def as_postgresql(self, compiler, connection):
        return self.topics_sql(compiler, connection, "string_agg({}::text, ',')")

    def as_sql(self, compiler, connection):
        raise NotSupportedError("Topic keys are read on SQLite and PostgreSQL only.")


class PressReleasePageForm(WagtailAdminPageForm):
    """Offers only the topics of the release's own language."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        locale_id = self.instance.locale_id or getattr(self.parent_page, "locale_id", None)
        if "topics" in self.fields and locale_id:
            self.fields["topics"].queryset = Topic.objects.filter(locale_id=locale_id)

    def clean(self):
        cleaned_data = super().clean()
        # An empty reference gets the next one of the release's year; the model's clean
        # (run after this) still checks it is free.
        if (
            "reference" in self.fields
            and not cleaned_data.get("reference")
            and cleaned_data.get("release_date")
        ):
            self.instance.release_date = cleaned_data["release_date"]
            cleaned_data["reference"] = references.suggest(self.instance)
        return cleaned_data


class PressReleasePage(SEOMixin, ViewRestrictionsMixin, Page):
    """A press release ("comunicat de presă") as the office sends it to journalists."""

    lead = models.TextField(
        _("lead"), help_text=_("The one or two sentences a journalist reads first.")
    )
    release_date = models.DateField(
        _("release date"),
        default=datetime.date.today,
        help_text=_(
            "The date printed on the release. Publication time is separate: to publish later, "
            "set a go-live date under Status, in the side panel."
        ),
    )
    place = models.CharField(
        _("place"),
        max_length=200,
        blank=True,
        help_text=_('Where it happened, e.g. the "Mihai Eminescu" meeting room.'),
    )
    reference = models.CharField(
        _("reference"),
        max_length=40,
        blank=True,
        db_index=True,
        validators=[references.validate_format],
        help_text=_(
            'The release\'s number, e.g. "CP-2021-014", unique within its year and the same '
            "in every language. Left empty, the next number of the year is given."
        ),
    )
    correction_note = models.TextField(
        _("correction"),
        blank=True,
        help_text=_(
            'What was corrected after publication, shown on the release as "Updated on '
            '<date>: <correction>"; feed readers see the release as updated.'
        ),
    )
    corrected_at = models.DateTimeField(
        _("corrected at"),
        null=True,
        blank=True,
        help_text=_("Left empty with a correction, the time it is saved."),
    )
    hero_image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("hero image"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Shown at the top of the release, in listings, feeds and when shared."),
    )
    hero_image_alt = models.CharField(
        _("hero image alternative text"),
        max_length=250,
        blank=True,
        help_text=_(
            "What the image shows, for people who cannot see it; empty takes the image's "
            "own description."
        ),
    )
    hero_image_decorative = models.BooleanField(
        _("the hero image is decorative"),
        default=False,
        help_text=DECORATIVE_HELP_TEXT,
    )
    hero_image_caption = models.CharField(_("hero image caption"), max_length=250, blank=True)
    body = StreamField(BodyBlock(), verbose_name=_("body"), blank=True)
    topics = ParentalManyToManyField(
        Topic,
        verbose_name=_("topics"),
        blank=True,
        help_text=_("Each topic has its own listing and feed."),
    )

    publish_only_with_translation = models.BooleanField(
        _("publish only with its translation"),
        default=False,
        help_text=_(
            "When ticked, this release never goes live in one language alone: Publish is "
            'refused, and a moderator publishes both languages at once with "Publish with '
            'translation". The same setting applies to the translation.'
        ),
    )

    search_fields = Page.search_fields + [
        index.SearchField("lead"),
        index.SearchField("body"),
        index.SearchField("place"),
        index.FilterField("release_date"),
        index.SearchField("reference"),
    ]

    api_fields = [
        APIField("lead"),
        APIField("release_date"),
        APIField("reference"),
        APIField("correction_note"),
        APIField("corrected_at"),
        APIField("place"),
        APIField("hero_image"),
        APIField(
            "hero_image_rendition",
            serializer=ImageRenditionField(HERO_IMAGE_RENDITION, source="hero_image"),
        ),
        APIField("hero_image_alt"),
        APIField("hero_image_caption"),
        APIField("body"),
        APIField("topics", serializer=TopicSerializer(many=True, read_only=True)),
        APIField("contacts"),
        APIField("attachments"),
        # The live, public pages it is about, in the release's language where translated.
        APIField("related_pages", serializer=PageReferencesField(source="related_items")),
    ]

    # Text is translated; dates, images and what the release is about stay the same in
    # every language.
    translatable_fields = [
        TranslatableField("title"),
        TranslatableField("slug"),
        TranslatableField("seo_title"),
        TranslatableField("search_description"),
        TranslatableField("lead"),
        TranslatableField("place"),
        TranslatableField("hero_image_alt"),
        TranslatableField("hero_image_caption"),
        TranslatableField("body"),
        TranslatableField("contacts"),
        TranslatableField("correction_note"),
        SynchronizedField("release_date"),
        # One number for the release in every language: a translator cannot change it.
        SynchronizedField("reference", overridable=False),
        SynchronizedField("corrected_at"),
        SynchronizedField("hero_image"),
        # Decorative or not is a property of the image, the same in every language.
        SynchronizedField("hero_image_decorative"),
        SynchronizedField("social_image"),
        SynchronizedField("attachments"),
        SynchronizedField("related_pages"),
        # One rule for the pair: a translator cannot lift it on their side.
        SynchronizedField("publish_only_with_translation", overridable=False),
    ]

    content_panels = Page.content_panels + [
        FieldPanel("lead"),
        MultiFieldPanel(
            [FieldPanel("reference"), FieldPanel("release_date"), FieldPanel("place")],
            heading=_("Number, date and place"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("hero_image"),
                FieldPanel("hero_image_alt"),
                FieldPanel("hero_image_decorative"),
                FieldPanel("hero_image_caption"),
            ],
            heading=_("Hero image"),
        ),
        FieldPanel("body"),
        MultiFieldPanel(
            [FieldPanel("correction_note"), FieldPanel("corrected_at")],
            heading=_("Correction"),
            classname="collapsed",
        ),
    ]
    relations_panels = [
        HelpPanel(
            _(
                "Topics file the release in listings and feeds. Related pages are the "
                "projects, partners and pilot actions the release is about; it is listed on "
                "their pages."
            )
        ),
        FieldPanel("topics", widget=forms.CheckboxSelectMultiple),
        InlinePanel(
            "related_pages",
            heading=_("Related projects, partners and pilots"),
            label=_("Related page"),
        ),
        InlinePanel(
            "attachments",
            heading=_("Attachments"),
            label=_("Attachment"),
            help_text=_("Documents journalists can download: shown with their type and size."),
        ),
        InlinePanel(
            "contacts",
            heading=_("Press contacts"),
            label=_("Contact"),
            help_text=_("Who journalists call about this release, in this order."),
        ),
    ]
    edit_handler = TabbedInterface(
        [
            ObjectList(content_panels, heading=_("Content")),
            ObjectList(relations_panels, heading=_("Topics, contacts and links")),
            ObjectList(SEOMixin.promote_panels, heading=_("Promote")),
            ObjectList(
                Page.settings_panels + [FieldPanel("publish_only_with_translation")],
                heading=_("Settings"),
            ),
        ]
    )
    base_form_class = PressReleasePageForm

    parent_page_types = ["newsroom.NewsIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("press release")
        verbose_name_plural = _("press releases")

    def save(self, *args, **kwargs):
        self.file_under_topics_of_own_language()
        return super().save(*args, **kwargs)

    def file_under_topics_of_own_language(self):
        """A translation is copied with the original's topics: file it under their
        translations instead (a topic not yet translated is left out), so that each
        language's listings and feeds find it."""
        if not self.locale_id:
            return
        topics = list(self.topics.all())
        if all(topic.locale_id == self.locale_id for topic in topics):
            return
        self.topics.set(
            Topic.objects.filter(
                translation_key__in=[topic.translation_key for topic in topics],
                locale_id=self.locale_id,
            )
        )

    def clean(self):
        super().clean()
        self.clean_reference()
        self.date_correction()
        if self.hero_image_id:
            try:
                self.hero_image_alt = decide_alt_text(
                    self.hero_image, self.hero_image_alt, self.hero_image_decorative
                )
            except ValidationError as error:
                raise ValidationError({"hero_image_alt": error}) from None

    def clean_reference(self):
        self.reference = references.normalise(self.reference)
        duplicate = references.duplicate_of(self)
        if duplicate is not None:
            raise ValidationError(
                {
                    "reference": _(
                        '%(year)s already has a release numbered %(reference)s: "%(title)s". '
                        "References are unique within a year."
                    )
                    % {
                        "year": self.release_date.year,
                        "reference": duplicate.reference,
                        "title": duplicate.title,
                    }
                }
            )

    def date_correction(self):
        """A new or changed correction note is dated now, unless the editor dated it."""
        self.correction_note = self.correction_note.strip()
        if not self.correction_note:
            return
        stored = (
            type(self).objects.filter(pk=self.pk).values("correction_note", "corrected_at").first()
            if self.pk
            else None
        )
        if self.corrected_at is None or (
            stored
            and stored["correction_note"] != self.correction_note
            and stored["corrected_at"] == self.corrected_at
        ):
            self.corrected_at = timezone.now()

    @property
    def updated_at(self):
        """When the release last changed for its readers: its correction's time, or None."""
        return self.correction_time(self.correction_note, self.corrected_at)

    @staticmethod
    def correction_time(correction_note, corrected_at):
        return corrected_at if correction_note.strip() else None

    def get_social_image(self):
        return self.social_image or self.hero_image

    def get_meta_description(self):
        return self.search_description or self.lead

    @property
    def stable_id(self):
        """An identifier that survives renaming and moving: feeds use it as entry id."""
        return self.entry_id(self.translation_key, language_code(self))

    @staticmethod
    def entry_id(translation_key, language):
        """The stable id of the release `translation_key` names in `language`: built from
        the translation key, so it differs between languages."""
        return f"urn:uuid:{uuid.uuid5(translation_key, language)}"

    @classmethod
    def news_index_model(cls):
        """The news index page type, found by the name parent_page_types gives it, as a
        foreign key names a model: news_index.py imports this module (an index lists its
        releases), so this one does not import it back."""
        (model,) = cls.clean_parent_page_models()
        return model

    @classmethod
    def about(cls, page):
        """Live, public releases in `page`'s language that name `page` (or one of its
        translations) among their related pages, newest first. Used by the project,
        partner and pilot pages."""
        return (
            not_private(cls.objects.live())
            .filter(
                locale_id=page.locale_id,
                related_pages__page__translation_key=page.translation_key,
            )
            .order_by(*RELEASE_ORDER)
            .distinct()
        )

    @staticmethod
    def topic_keys_annotation():
        """An annotation: the keys of a release's topics, read with it (TopicKeys)."""
        return TopicKeys()

    @staticmethod
    def read_with_lists():
        """Annotations for a query of releases to be shown: the keys of each one's topics,
        and whether it has contacts, attachments and related pages, so that it shows its
        topics and its empty lists without asking the database (a query each: on
        PostgreSQL, the longest part of a release's time)."""
        return {
            "topic_keys": PressReleasePage.topic_keys_annotation(),
            **{f"has_{name}": HasRows(name) for name in CHILD_LISTS},
        }

    @staticmethod
    def topics_with_keys(topic_keys, topics=None):
        """The topics whose keys `topic_keys` lists (TopicKeys), by name, from `topics`,
        by default the remembered ones (Topic.remembered()): instances shared by the
        requests of a generation, to be read only. Whoever reads many releases passes
        them, so that without a generation (the shared cache unreachable) they are asked
        once, not once a release."""
        if not topic_keys:
            return []
        wanted = {int(key) for key in topic_keys.split(",")}
        topics = Topic.remembered() if topics is None else topics
        return [topic for key, topic in topics.items() if key in wanted]

    def topics_by_name(self):
        """The release's topics by name: from the keys read with it (read_with_lists()), or
        asked of the database for a release read otherwise (a preview)."""
        if hasattr(self, "topic_keys"):
            return self.topics_with_keys(self.topic_keys)
        return list(self.topics.order_by("name"))

    def may_have(self, child_list):
        """False when the query that read this release found `child_list` empty; True when
        it did not ask (a preview, a release read otherwise)."""
        return getattr(self, f"has_{child_list}", True)

    def siblings_in_order(self):
        return not_private(PressReleasePage.objects.sibling_of(self, inclusive=False).live()).only(
            *NEIGHBOUR_FIELDS
        )

    def _same_date_and_title(self, **pk_condition):
        # A release being previewed before its first save has no key to break the tie.
        if self.pk is None:
            return Q(pk__in=[])
        return Q(release_date=self.release_date, title=self.title, **pk_condition)

    def older_release(self):
        """The release listed after this one on the news index."""
        date, title = self.release_date, self.title
        return (
            self.siblings_in_order()
            .filter(
                Q(release_date__lt=date)
                | Q(release_date=date, title__gt=title)
                | self._same_date_and_title(pk__gt=self.pk)
            )
            .order_by(*RELEASE_ORDER)
            .first()
        )

    def newer_release(self):
        """The release listed before this one on the news index."""
        date, title = self.release_date, self.title
        return (
            self.siblings_in_order()
            .filter(
                Q(release_date__gt=date)
                | Q(release_date=date, title__lt=title)
                | self._same_date_and_title(pk__lt=self.pk)
            )
            .order_by("release_date", "-title", "-pk")
            .first()
        )

    def neighbours(self, news_index):
        """{"older": …, "newer": …}: the releases listed after and before this one. Within
        a request, found in the index's remembered listing order (NewsIndexPage.release_keys)
        and fetched together, with the release's live translations (kept on it for its
        language links); otherwise, or for a release not listed (a preview), asked of
        the database, which sorts the siblings twice."""
        position = news_index.release_position(self.pk) if generation_known() else None
        if position is None:  # not listed, or not saved yet (pk None)
            return {"older": self.older_release(), "newer": self.newer_release()}
        keys = news_index.release_keys()
        wanted = {
            "older": keys[position + 1] if position + 1 < len(keys) else None,
            "newer": keys[position - 1] if position > 0 else None,
        }
        # The listing's keys are live, public siblings of this generation: read by key alone,
        # as pages (a link needs no column of the release's own table: no join). With them,
        # the release's live translations, which its language links show: one query for
        # both (pages.visibility.live_translations). No sibling is a translation of it.
        keys = [pk for pk in wanted.values() if pk]
        pages = (
            Page.objects.filter(Q(pk__in=keys) | Q(translation_key=self.translation_key, live=True))
            .order_by()
            .only(*NEIGHBOUR_PAGE_FIELDS)
        )
        found, self.live_translations = {}, []
        for page in pages:
            if page.pk in keys:
                found[page.pk] = page
            else:
                self.live_translations.append(page)
        return {name: found.get(pk) for name, pk in wanted.items()}

    def related_items(self):
        """The live, public pages this release is about, in the editor's order and in the
        release's language where they are translated."""
        related = self.related_pages.all()
        if isinstance(related, models.QuerySet):
            # Only each page's key and translation key are needed here: read as values.
            related = list(related.values_list("page_id", "page__translation_key"))
        else:  # a preview's, in memory (modelcluster)
            related = [(item.page_id, item.page.translation_key) for item in related]
        if not related:
            return []
        keys = {translation_key for _pk, translation_key in related}
        visible = not_private(Page.objects.live()).filter(translation_key__in=keys)
        in_this_language, by_pk = {}, {}
        for page in visible:
            by_pk[page.pk] = page
            if page.locale_id == self.locale_id:
                in_this_language[page.translation_key] = page
        pages = []
        for pk, translation_key in related:
            page = in_this_language.get(translation_key) or by_pk.get(pk)
            if page is not None and page not in pages:
                pages.append(page)
        return pages

    def pages_that_show_it(self):
        """The pages besides its ancestors and translations whose HTML shows this release:
        the releases listed next to it, which link to it, and the pages it is about. The
        page cache makes their entries stale when it changes, and the CDN purge purges
        them (page_cache/dependencies.py)."""
        neighbours = [self.older_release(), self.newer_release()]
        return [page for page in neighbours if page is not None] + self.related_items()

    def frontend_cache_urls(self):
        """The addresses other than pages' (its own, its ancestors', its translations', those
        of pages_that_show_it()) that show this release, for the CDN purge on publish and
        unpublish (page_cache/purge.py): its topics' listings and feeds, and the feeds of
        the projects it is about."""
        index = self.get_parent().specific
        base = index.get_full_url() if isinstance(index, self.news_index_model()) else None
        if not base:
            return []
        urls = []
        for topic in self.topics.all():
            listing = base + index.reverse_subpage(
                "topic", kwargs={"word": index.topic_path_word, "slug": topic.slug}
            )
            urls += [listing, f"{listing}rss/", f"{listing}atom/"]
        project_type = conf.project_page_type()
        for page in self.related_items():
            if project_type and page.locale_id == index.locale_id:
                if page.specific_class._meta.label == project_type:
                    urls += [
                        base
                        + index.reverse_subpage(
                            f"project_{kind}",
                            kwargs={"word": index.project_path_word, "slug": page.slug},
                        )
                        for kind in ("rss", "atom")
                    ]
        return [url for url in urls if url]

    def public_attachments(self):
        """The attachments whose document is not in a private collection: public pages are
        cached and shared by everyone."""
        attachments = self.attachments.select_related("document")
        if isinstance(attachments, models.QuerySet):
            if any_private_collection():
                attachments = attachments.exclude(in_private_collection("document__"))
            return list(attachments)
        # A preview's attachments are in memory (modelcluster), where a subquery cannot run.
        attachments = list(attachments)
        private = set(
            get_document_model()
            .objects.filter(pk__in=[item.document_id for item in attachments])
            .filter(in_private_collection())
            .values_list("pk", flat=True)
        )
        return [item for item in attachments if item.document_id not in private]

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        news_index_model = self.news_index_model()
        # Routing leaves the index it came through as the parent: no query then.
        news_index = self.get_parent().specific
        if not isinstance(news_index, news_index_model):
            news_index = news_index_model.objects.get(path=self.path[: -self.steplen])
        if self.hero_image_id is not None:
            # With its credit, shown with it, and its renditions: the page's (width-1200, the
            # template and its structured data) and the social card's.
            self.hero_image = remembered_image(
                self._meta.get_field("hero_image").related_model,
                self.hero_image_id,
                "width-1200",
                HERO_IMAGE_RENDITION,
            )
        # Copies: the remembered topics are shared by every request of the generation.
        topics = [copy.copy(topic) for topic in self.topics_by_name()]
        for topic in topics:
            topic.listing_url = news_index.topic_url(topic, request)
        context.update(
            og_type="article",
            news_index=news_index,
            topics=topics,
            contacts=list(self.contacts.all()) if self.may_have("contacts") else [],
            attachments=self.public_attachments() if self.may_have("attachments") else [],
            related=self.related_items() if self.may_have("related_pages") else [],
            release_sections=conf.release_sections(),
            **self.neighbours(news_index),
        )
        return context


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
    api_fields = [APIField("document", serializer=DocumentField())]

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
    # Printed on the release too: public contact details.
    api_fields = [APIField("name"), APIField("role"), APIField("email"), APIField("phone")]
    translatable_fields = [
        TranslatableField("name"),
        TranslatableField("role"),
        SynchronizedField("email"),
        SynchronizedField("phone"),
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("press contact")
        verbose_name_plural = _("press contacts")
