"""RSS 2.0 and Atom 1.0 feeds of a news index: all its releases, one topic's, or the releases
about one project.

Built on Django's syndication framework, which writes RFC 822 / RFC 3339 dates with English
names whatever the active language. Links are absolute and built from the request, so they
stay https behind a TLS-terminating proxy.

Imports no model of this app (the news index's routes serve these feeds): the releases come
from the index a feed is given.
"""

import datetime
import hashlib
import io
import mimetypes
import re
import uuid
from types import SimpleNamespace
from zoneinfo import ZoneInfo

from django.conf import settings
from django.contrib.syndication.views import Feed
from django.db.models import F
from django.utils.cache import get_conditional_response
from django.utils.feedgenerator import Atom1Feed, Enclosure, Rss201rev2Feed
from django.utils.http import parse_http_date
from django.utils.translation import gettext as _
from django.utils.translation import override
from wagtail.images import get_image_model

from pages.image_credits import ImageRights
from pages.models import Organisation
from pages.remembered import generation_known, is_remembered, remember
from pages.visibility import language_code

FEED_LENGTH = 20
# What an item shows of a release, read as values: twenty page instances (each setting up
# its child relations) with their images cost more than the rest of the feed together.
ITEM_FIELDS = (
    "pk",
    "title",
    "slug",
    "translation_key",
    "first_published_at",
    "last_published_at",
    "reference",
    "lead",
    "release_date",
    "correction_note",
    "corrected_at",
    "body",
)
IMAGE_FIELDS = {
    "image_file": F("hero_image__file"),
    "image_file_size": F("hero_image__file_size"),
    "image_credit": F("hero_image__rights__credit"),
    "image_licence": F("hero_image__rights__licence"),
}
# href="/…" and src="/…" (not protocol-relative "//…") inside HTML we publish.
RELATIVE_URL = re.compile(r'(\s(?:href|src)=")/(?!/)')


MEDIA_RSS = "http://search.yahoo.com/mrss/"


class ContentMixin:
    """Adds the full body of an item as HTML content, and the credit and licence of its
    image as Media RSS (media:credit, media:copyright), which readers show with it."""

    def write(self, outfile, encoding):
        # Django's XML writer hands the response a few characters at a time (over 800
        # writes for 20 items, each encoded on its own): one write of the whole document.
        document = io.StringIO()
        super().write(document, encoding)
        outfile.write(document.getvalue())

    def add_item_elements(self, handler, item):
        super().add_item_elements(handler, item)
        if item.get("content"):
            self.add_content(handler, item["content"])
        rights = item.get("image_rights")
        if rights is not None:
            if rights.credit:
                handler.addQuickElement("media:credit", rights.credit, {"role": "author"})
            if rights.licence:
                handler.addQuickElement("media:copyright", rights.licence)


class ReleasesRss(ContentMixin, Rss201rev2Feed):
    def rss_attributes(self):
        attributes = super().rss_attributes()
        attributes["xmlns:content"] = "http://purl.org/rss/1.0/modules/content/"
        attributes["xmlns:media"] = MEDIA_RSS
        return attributes

    def add_content(self, handler, content):
        handler.addQuickElement("content:encoded", content)


class ReleasesAtom(ContentMixin, Atom1Feed):
    def root_attributes(self):
        attributes = super().root_attributes()
        attributes["xmlns:media"] = MEDIA_RSS
        return attributes

    def add_content(self, handler, content):
        handler.addQuickElement("content", content, {"type": "html"})


def _organisation_for(language):
    """The organisation in `language`, else in the site's default language."""
    organisations = list(
        Organisation.objects.filter(
            locale__language_code__in=[language, settings.LANGUAGE_CODE]
        ).select_related("locale")
    )
    organisations.sort(key=lambda o: o.locale.language_code != language)
    return organisations[0] if organisations else None


class ReleasesFeed(Feed):
    """The 20 newest live, public releases of one news index (one language), optionally of
    one topic. `obj` is a (news index, subject) pair: the subject is the topic, or None."""

    item_guid_is_permalink = False

    @classmethod
    def serve(cls, request, index, subject=None):
        """The feed's response, or 304 Not Modified for a repeated conditional GET."""
        with override(language_code(index)):
            response = cls()(request, index=index, subject=subject)
        etag = f'"{hashlib.sha256(response.content).hexdigest()[:32]}"'
        response["ETag"] = etag
        last_modified = response.get("Last-Modified")
        return get_conditional_response(
            request,
            etag=etag,
            last_modified=parse_http_date(last_modified) if last_modified else None,
            response=response,
        )

    def get_object(self, request, index, subject):
        self.request = request
        # Declared in <language> and xml:lang: the locale served, not the site's default.
        self.language = language_code(index)
        return index, subject

    # The feed -------------------------------------------------------------------------

    def title(self, obj):
        index, topic = obj
        organisation = self.organisation(index)
        name = organisation.name if organisation else index.title
        if topic is not None:
            return f"{topic.name} – {index.title} – {name}"
        return f"{index.title} – {name}"

    def description(self, obj):
        index, topic = obj
        if topic is not None:
            return _("Press releases about %(topic)s") % {"topic": topic.name}
        return index.introduction or _("Press releases")

    subtitle = description

    def link(self, obj):
        index, topic = obj
        path = index.topic_url(topic, self.request) if topic else index.get_url(self.request)
        return self.request.build_absolute_uri(path)

    def feed_url(self, obj):
        # The URL this feed really answers at, so atom:link rel="self" is exact.
        return self.request.build_absolute_uri(self.request.path)

    def feed_guid(self, obj):
        index, topic = obj
        name = f"{type(self).__name__}:{language_code(index)}:{topic.slug if topic else ''}"
        return f"urn:uuid:{uuid.uuid5(index.translation_key, name)}"

    def author_name(self, obj):
        # Atom requires an author; before the organisation is set up, the site's name.
        organisation = self.organisation(obj[0])
        return organisation.name if organisation else settings.WAGTAIL_SITE_NAME

    def author_link(self, obj):
        organisation = self.organisation(obj[0])
        if organisation and organisation.website:
            return organisation.website
        return self.request.build_absolute_uri("/")

    def author_email(self, obj):
        organisation = self.organisation(obj[0])
        return (organisation.email or None) if organisation else None

    def organisation(self, index):
        if not hasattr(self, "_organisation"):
            language = language_code(index)
            self._organisation = remember(
                ("feed-organisation", language), lambda: _organisation_for(language)
            )
        return self._organisation

    # The items ------------------------------------------------------------------------

    def releases(self, obj):
        """The releases the feed is about, newest first (the feed takes the first 20)."""
        index, topic = obj
        releases = index.releases()
        if topic is not None:
            releases = releases.filter(topics=topic)
        return releases

    def newest(self, obj):
        """The keys of the releases the feed shows. Within a content generation they are
        remembered (pages/remembered.py): from the listing's order when the listing was
        read first, or from this feed's own first request; that first request finds them
        as a subquery of its one query rather than sorting every key first."""
        index, topic = obj
        key = self._newest_key(obj)
        if is_remembered(key) or (generation_known() and index.release_keys_remembered(topic)):
            return remember(key, lambda: list(index.release_keys(topic)[:FEED_LENGTH]))
        return self.releases(obj).values("pk")[:FEED_LENGTH]

    def _newest_key(self, obj):
        index, subject = obj
        # A topic and a project page may share a primary key: the model tells them apart.
        if subject is None:
            return ("feed-keys", index.pk)
        return ("feed-keys", index.pk, subject._meta.label_lower, subject.pk)

    def items(self, obj):
        index, _subject = obj
        releases = index.releases_in(self.newest(obj))
        self.release_model = releases.model
        # Each release with the keys of its topics, whose names come from the remembered
        # topics (one query a request, not two).
        items = [
            SimpleNamespace(**row)
            for row in releases.values(
                *ITEM_FIELDS, **IMAGE_FIELDS, topic_keys=self.release_model.topic_keys_annotation()
            )
        ]
        # Until the next publish these are the newest: later requests read them by key.
        remember(self._newest_key(obj), lambda: [item.pk for item in items])
        topics = self.release_model._meta.get_field("topics").related_model.remembered()
        for item in items:
            item.topic_names = [
                topic.name
                for topic in self.release_model.topics_with_keys(item.topic_keys, topics)
            ]
        # Every release is a child of the index: its address is the index's and its slug.
        self.index_address = self.request.build_absolute_uri(index.get_url(self.request))
        self.site_address = self.request.build_absolute_uri("/").rstrip("/")
        self.image_storage = get_image_model()._meta.get_field("file").storage
        return items

    def item_title(self, item):
        # Feed readers show the title and little else: the reference journalists quote
        # goes with it.
        if item.reference:
            return f"{item.title} ({item.reference})"
        return item.title

    def item_description(self, item):
        return item.lead

    def item_link(self, item):
        return f"{self.index_address}{item.slug}/"

    def item_guid(self, item):
        # Every release of the feed is in the index's language.
        return self.release_model.entry_id(item.translation_key, self.language)

    def item_pubdate(self, item):
        """The release date, at the time of first publication when that was the same day
        (so several releases of one day keep their order), else at midnight, local time."""
        zone = ZoneInfo(settings.TIME_ZONE)
        published = item.first_published_at
        if published and published.astimezone(zone).date() == item.release_date:
            return published.astimezone(zone)
        return datetime.datetime.combine(item.release_date, datetime.time(), tzinfo=zone)

    def item_updateddate(self, item):
        # A correction counts even when it is dated later than its publication (an
        # editor may record when the error was fixed in the printed release).
        corrected = self.release_model.correction_time(item.correction_note, item.corrected_at)
        return max(filter(None, [item.last_published_at, self.item_pubdate(item), corrected]))

    def item_categories(self, item):
        return item.topic_names

    def item_enclosures(self, item):
        if not item.image_file:
            return []
        try:
            length = item.image_file_size or self.image_storage.size(item.image_file)
        except OSError:
            return []
        address, mime_type = self.image_file_address(item.image_file)
        url = self.request.build_absolute_uri(address)
        return [Enclosure(url=url, length=str(length), mime_type=mime_type)]

    def image_file_address(self, name):
        """The storage's address and the type of an image file, remembered per content
        generation, as the listing remembers its thumbnails' (newsroom/listing.py): asking
        the storage and guessing the type for twenty items was 4 % of a feed's instructions
        (bench/page.py --callgrind)."""
        known = remember("feed-image-files", dict)
        if name not in known:
            mime_type = mimetypes.guess_type(name)[0] or "application/octet-stream"
            known[name] = (self.image_storage.url(name), mime_type)
        return known[name]

    def item_extra_kwargs(self, item):
        rights = None
        if item.image_credit or item.image_licence:
            rights = ImageRights(credit=item.image_credit, licence=item.image_licence)
        return {"content": self.absolute_html(str(item.body)), "image_rights": rights}

    def absolute_html(self, html):
        return RELATIVE_URL.sub(lambda match: f"{match.group(1)}{self.site_address}/", html)


class ReleasesRssFeed(ReleasesFeed):
    feed_type = ReleasesRss


class ReleasesAtomFeed(ReleasesFeed):
    feed_type = ReleasesAtom


class ProjectReleasesFeed(ReleasesFeed):
    """The 20 newest live, public releases of one news index that are about one project
    (or one of its translations). `obj` is a (news index, project) pair."""

    def title(self, obj):
        index, project = obj
        organisation = self.organisation(index)
        name = organisation.name if organisation else index.title
        return f"{project.title} – {index.title} – {name}"

    def description(self, obj):
        return _("Press releases about %(title)s") % {"title": obj[1].title}

    subtitle = description

    def link(self, obj):
        return self.request.build_absolute_uri(obj[1].get_url(self.request))

    def feed_guid(self, obj):
        index, project = obj
        # The project's translation key, so the id survives renaming the project.
        name = f"{type(self).__name__}:{language_code(index)}:{project.translation_key}"
        return f"urn:uuid:{uuid.uuid5(index.translation_key, name)}"

    def newest(self, obj):
        # A project's releases are a few of the index's: sorting them is cheap.
        return self.releases(obj)[:FEED_LENGTH]

    def releases(self, obj):
        index, project = obj
        return index.releases_about(project)


class ProjectReleasesRssFeed(ProjectReleasesFeed):
    feed_type = ReleasesRss


class ProjectReleasesAtomFeed(ProjectReleasesFeed):
    feed_type = ReleasesAtom
