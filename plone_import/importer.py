"""Imports a Plone export into the site: news, pages, images, files, the pairing of
translations and the old URLs.

Passes, each iterating the export (items are read one at a time; only a small summary of
each is kept):
1. images and files, so that text can refer to them;
2. pages, parents before children; a page whose text or relations point at a page not
   imported yet is noted;
3. the noted pages get a second revision with those references resolved;
4. translation pairs share a translation key; wagtail-localize learns the pairs;
   the topics of translated releases are paired (topics.py);
5. old URLs (every item's Plone path, folders, Plone's own redirects) become 301s.
"""

import logging
import time
from collections import defaultdict
from typing import NamedTuple
from zoneinfo import ZoneInfo

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.files.storage import default_storage
from django.db import transaction
from django.utils.text import slugify
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Collection, Locale, Page, Site

from newsroom.models import NewsIndexPage

from .assets import AssetImport
from .body import Link
from .exports import (
    BATCH,
    COLLECTION_NAME,
    NEWS_INDEX_SLUGS,
    NEWS_TYPES,
    SITE_TYPES,
)
from .indexing import indexes_deferred, update_indexes
from .links import LinkResolution
from .models import PloneOrigin
from .pages import PageImport
from .redirects import OldURLs
from .report import Report
from .topics import TopicImport
from .translations import TranslationPairing

logger = logging.getLogger(__name__)


ORIGIN_FIELDS = ("uid", "pk", "checksum", "content_type_id", "object_id", "revision_id")


class Origin(NamedTuple):
    """What the import remembers of a PloneOrigin while it runs."""

    pk: int
    checksum: str
    content_type_id: int
    object_id: int
    revision_id: int | None


class Importer(AssetImport, PageImport, LinkResolution, TopicImport, TranslationPairing, OldURLs):
    """One import of one export: run() makes the passes and returns the report."""

    def __init__(
        self,
        export,
        companions,
        *,
        overwrite=False,
        dry_run=False,
        progress=None,
        old_site_urls=(),
        translation_sources=True,
    ):
        self.old_site_urls = list(old_site_urls)
        self.translation_sources = translation_sources
        self.export = export
        self.companions = companions
        self.overwrite = overwrite
        self.dry_run = dry_run
        self.progress = progress or (lambda message: None)
        self.report = Report()
        self.zone = ZoneInfo(settings.TIME_ZONE)
        self.written_files = []  # removed again after a dry run or a rolled-back item
        self.final = False  # True once every page exists: nothing is pending any more
        self.deferred = []  # UIDs of pages whose references need a second look
        self.old_paths = []  # (old path, UID) of every imported item
        self.saved = defaultdict(set)  # model -> primary keys, for the indexes

    # Preparation ------------------------------------------------------------------

    def run(self):
        started = time.monotonic()
        passes = {}

        def timed(step, *args):
            step_started = time.monotonic()
            step(*args)
            passes[step.__name__] = round(time.monotonic() - step_started, 1)

        with indexes_deferred():
            timed(self.prepare)
            timed(self.import_assets)
            timed(self.import_pages)
            timed(self.resolve_deferred)
            timed(self.pair_translations)
            timed(self.pair_topics)
            timed(self.add_redirects)
        timed(update_indexes, self.saved, self.progress)
        seconds = time.monotonic() - started
        items = len(self.summaries)
        self.report.summary |= {
            "format": self.export.format_name,
            "items": items,
            "seconds": round(seconds, 1),
            "items per second": round(items / seconds, 1) if seconds else items,
            "dry run": self.dry_run,
            "seconds per pass": passes,
        }
        return self.report

    def prepare(self):
        self.summaries = self.export.summaries
        for position, reason in self.export.unreadable:
            self.report.skip("", position, "", reason)
        self.path_index = {s.path: s.uid for s in self.summaries.values() if s.path}
        self.site_root_path = self.find_site_root()
        self.hosts = self.find_hosts()
        if self.export.downloads.hosts is None:
            # Without --download-host, blobs are fetched from the old site's own hosts only.
            self.export.downloads.hosts = {host.split(":")[0] for host in self.hosts}
        site = Site.objects.filter(is_default_site=True).select_related("root_page").first()
        if site is None:
            site = Site.objects.select_related("root_page").first()
        self.site_root_page = site.root_page if site else None
        self.homes = {}
        if self.site_root_page is not None:
            for home in Page.objects.filter(
                translation_key=self.site_root_page.translation_key
            ).select_related("locale"):
                self.homes[home.locale.language_code] = home.specific
        self.locales = {locale.language_code: locale for locale in Locale.objects.all()}
        root_language = ""
        for summary in self.summaries.values():
            if summary.portal_type in SITE_TYPES and summary.language:
                root_language = summary.language
        self.default_language = self.site_language(root_language) or settings.LANGUAGE_CODE
        self.languages = {}
        self.news_indexes = {}
        self.slugs_by_parent = {}
        self.topics = {}
        self.collection = None
        self.translation_keys = self.translation_groups()
        # What was imported before, read a batch at a time (see each); all the import needs
        # of every item at once is where it went (targets).
        self.origins = {}
        self.content_types = {
            "page": ContentType.objects.get_for_model(Page),
            "image": ContentType.objects.get_for_model(get_image_model()),
            "document": ContentType.objects.get_for_model(get_document_model()),
        }
        page_type_id = self.content_types["page"].id
        image_type_id = self.content_types["image"].id
        self.targets = {}  # UID -> Link of what the item became
        kinds = {page_type_id: "page", image_type_id: "image"}
        rows = PloneOrigin.objects.values_list("uid", "content_type_id", "object_id")
        for uid, content_type_id, object_id in rows.iterator(chunk_size=2000):
            self.targets[uid] = Link(kinds.get(content_type_id, "document"), object_id)
        self.relations = defaultdict(list)
        for relation in self.companions.relations:
            if relation.get("relationship", "relatedItems") == "relatedItems":
                self.relations[relation["from_uuid"]].append(relation["to_uuid"])
        for language in {
            self.language_of(s)[0] for s in self.summaries.values() if s.portal_type in NEWS_TYPES
        }:
            if language in self.homes:
                self.news_index(language)
        self.plone_collection()
        self.news_folders = {
            s.parent_uid for s in self.summaries.values() if s.portal_type in NEWS_TYPES
        }

    def find_site_root(self):
        """The path of the Plone site (its id, e.g. /Plone): items' @ids start with it."""
        for summary in self.summaries.values():
            if summary.portal_type in SITE_TYPES:
                return summary.path.rstrip("/")
        for summary in self.summaries.values():
            if summary.parent_type in SITE_TYPES:
                return summary.parent_path.rstrip("/")
        # No site in sight: the segment before the first language folder is the site id.
        for summary in self.summaries.values():
            segments = summary.path.strip("/").split("/")
            for index, segment in enumerate(segments):
                if segment in dict(settings.LANGUAGES):
                    return "/" + "/".join(segments[:index]) if index else ""
        return ""

    def find_hosts(self):
        """The hosts links to the old site use: the export's own and --old-site-url's."""
        hosts = {url.split("://", 1)[-1].split("/", 1)[0].lower() for url in self.old_site_urls}
        for position, summary in enumerate(self.summaries.values()):
            if position > 50:
                break
            item_id = self.export.load(summary).get("@id") or ""
            if "://" in item_id:
                hosts.add(item_id.split("://", 1)[1].split("/", 1)[0].lower())
        return hosts

    def old_path(self, path):
        """A Plone path below the site root: /Plone/ro/stiri/x -> /ro/stiri/x."""
        root = self.site_root_path
        if root and (path == root or path.startswith(root + "/")):
            path = path[len(root) :]
        return path or "/"

    def site_language(self, code):
        """The locale of this site a Plone language code means, or ''."""
        if not code:
            return ""
        if code in self.locales:
            return code
        base = code.split("-")[0]
        return base if base in self.locales else ""

    def language_of(self, summary):
        """The item's language, else its nearest parent's, else the site root's, else the
        site's default. Returns (code on this site or '', code as written)."""
        chain = []
        current = summary
        written = ""
        while current is not None:
            if current.uid in self.languages:
                written = self.languages[current.uid]
                break
            chain.append(current)
            if current.language:
                written = current.language
                break
            current = self.summaries.get(current.parent_uid) if current.parent_uid else None
        if not written:
            written = self.default_language
        for item in chain:
            self.languages[item.uid] = written
        return self.site_language(written), written

    # Shared lookups -----------------------------------------------------------------

    def plone_collection(self):
        if self.collection is None:
            root = Collection.get_first_root_node()
            self.collection = root.get_children().filter(
                name=COLLECTION_NAME
            ).first() or root.add_child(name=COLLECTION_NAME)
        return self.collection

    def news_index(self, language):
        if language not in self.news_indexes:
            home = self.homes[language]
            index = NewsIndexPage.objects.child_of(home).first()
            if index is None:
                slug, title = NEWS_INDEX_SLUGS.get(language, ("news", "News"))
                index = NewsIndexPage(title=title, slug=slug, locale_id=home.locale_id)
                source = next(iter(self.news_indexes.values()), None)
                if source is not None:
                    index.translation_key = source.translation_key
                home.add_child(instance=index)
                index.save_revision().publish()
                self.report.warn("", "", "NewsIndexPage", f"news index created: {index.url_path}")
            self.news_indexes[language] = index
        return self.news_indexes[language]

    def unique_slug(self, parent, wanted):
        taken = self.slugs_by_parent.get(parent.pk)
        if taken is None:
            taken = set(Page.objects.child_of(parent).values_list("slug", flat=True))
            self.slugs_by_parent[parent.pk] = taken
        base = (slugify(wanted) or "pagina")[:240]
        slug, number = base, 1
        while slug in taken:
            number += 1
            slug = f"{base}-{number}"
        taken.add(slug)
        return slug

    def remember(self, uid, summary, instance, kind, item_checksum, modified, revision=None):
        fields = {
            "portal_type": summary.portal_type,
            "old_path": self.old_path(summary.path)[:1000],
            "content_type_id": self.content_types[kind].pk,
            "object_id": instance.pk,
            "checksum": item_checksum,
            "plone_modified": modified,
            "revision_id": revision.pk if revision else None,
        }
        known = self.origins.get(uid)
        if known is not None and PloneOrigin.objects.filter(pk=known.pk).update(**fields):
            pk = known.pk
        else:
            pk = PloneOrigin.objects.create(uid=uid, **fields).pk
        # Only what later decisions need: a model instance per item would grow with the export.
        self.origins[uid] = Origin(
            pk, item_checksum, fields["content_type_id"], instance.pk, fields["revision_id"]
        )
        self.targets[uid] = Link(kind, instance.pk)
        self.saved[type(instance)].add(instance.pk)

    def current_object(self, origin, model):
        if origin is None:
            return None
        return model.objects.filter(pk=origin.object_id).first()

    # Pass 1: images and files -------------------------------------------------------------

    def each(self, types, label):
        wanted = [s for s in self.summaries.values() if s.portal_type in types]
        wanted.sort(key=lambda s: (s.path.count("/"), sort_key(s.position)))
        started = time.monotonic()
        for first in range(0, len(wanted), BATCH):
            # One transaction per batch, a savepoint per item (see guarded): SQLite then
            # syncs to disk once per batch rather than once per item.
            batch = wanted[first : first + BATCH]
            self.load_origins(
                [s.uid for s in batch]
                + [f"{s.uid}:image" for s in batch if s.portal_type in NEWS_TYPES]
            )
            with transaction.atomic():
                yield from batch
            self.origins.clear()
            number = min(first + BATCH, len(wanted))
            rate = number / max(time.monotonic() - started, 0.001)
            self.progress(f"{label}: {number}/{len(wanted)} ({rate:.0f}/s)")

    def guarded(self, summary, step):
        """One item in its own transaction: a bad entry is skipped and named, the rest
        imports."""
        if summary.problem:
            self.report.skip(summary.uid, summary.path, summary.portal_type, summary.problem)
            return
        files_before = len(self.written_files)
        try:
            with transaction.atomic():
                step(summary)
        except Exception as error:  # noqa: BLE001 - one bad entry must not stop the import
            logger.exception("Plone import: %s failed", summary.uid)
            # The rows are gone with the transaction; the files it wrote must go too.
            for name in self.written_files[files_before:]:
                default_storage.delete(name)
            del self.written_files[files_before:]
            self.forget_rolled_back(summary.uid)
            self.report.skip(
                summary.uid,
                self.old_path(summary.path),
                summary.portal_type,
                f"{type(error).__name__}: {error}",
            )

    def load_origins(self, keys):
        """What the database remembers of these UIDs (a News Item's image is '<UID>:image')."""
        for key in keys:
            self.origins.pop(key, None)
        for row in PloneOrigin.objects.filter(uid__in=keys).values_list(*ORIGIN_FIELDS):
            self.origins[row[0]] = Origin(*row[1:])

    def forget_rolled_back(self, uid):
        """After an item's transaction rolled back, what was remembered of it is stale."""
        keys = (uid, f"{uid}:image")
        for key in keys:
            self.targets.pop(key, None)
        self.load_origins(keys)
        for key in keys:
            origin = self.origins.get(key)
            if origin is not None:
                kind = next(
                    k for k, t in self.content_types.items() if t.id == origin.content_type_id
                )
                self.targets[key] = Link(kind, origin.object_id)
        self.topics.clear()
        self.slugs_by_parent.clear()
        self.private_collection_cache = None


def sort_key(position):
    return position if isinstance(position, int) else str(position)
