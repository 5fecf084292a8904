"""Imports a Plone export into the site: news, pages, images, files, the pairing of
translations and the old URLs.

Passes, each iterating the export (items are read one at a time; only a small summary of
each is kept):
1. images and files, so that text can refer to them;
2. pages, parents before children; a page whose text or relations point at a page not
   imported yet is noted;
3. the noted pages get a second revision with those references resolved;
4. translation pairs share a translation key; wagtail-localize learns the pairs;
5. old URLs (every item's Plone path, folders, Plone's own redirects) become 301s.
"""

import hashlib
import io
import json
import logging
import posixpath
import re
import time
import uuid
from collections import defaultdict
from datetime import date, datetime
from zoneinfo import ZoneInfo

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.files.base import ContentFile
from django.core.files.images import ImageFile
from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify
from PIL import Image as PILImage
from wagtail.contrib.redirects.models import Redirect
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Collection, Locale, Page, Site

from newsroom.models import (
    NewsIndexPage,
    PressReleaseAttachment,
    PressReleasePage,
    PressReleaseRelatedPage,
    Topic,
)
from pages.models import StandardPage

from .body import BodyBuilder, Link, plain_text_to_html
from .exports import BlobMissing, parent_path
from .indexing import indexes_deferred, update_indexes
from .models import PloneOrigin
from .report import Report

logger = logging.getLogger(__name__)

NEWS_TYPES = {"News Item"}
DOCUMENT_TYPES = {"Document"}
PAGE_TYPES = NEWS_TYPES | DOCUMENT_TYPES
IMAGE_TYPES = {"Image"}
FILE_TYPES = {"File"}
FOLDER_TYPES = {"Folder", "LIF"}
LANGUAGE_ROOT_TYPES = {"LRF"}
SITE_TYPES = {"Plone Site"}
COLLECTION_NAME = "Plone import"
BATCH = 250
NEWS_INDEX_SLUGS = {"ro": ("stiri", "Știri"), "en": ("news", "News")}

RESOLVEUID = re.compile(r"resolve[uU]id/([0-9a-fA-F]{32}|[0-9a-fA-F-]{36})")
# What Plone appends to an item's URL to show or download it.
VIEW_SUFFIX = re.compile(
    r"/(@@images|@@download|@@display-file|image_view_fullscreen|view|image_\w+|"
    r"images|download|at_download)(/.*)?$"
)
ZOPE_DATE = re.compile(
    r"(\d{4})/(\d{2})/(\d{2})[ T](\d{2}):(\d{2})(?::(\d{2}))?(?:\.\d+)?\s*(?:GMT([+-]\d+))?"
)
PLONE_FLOOR_YEAR = 1900  # Plone writes 1000-01-01 / 1969-12-31 for "no date"


def checksum(item):
    encoded = json.dumps(item, sort_keys=True, default=str, ensure_ascii=False)
    return hashlib.sha256(encoded.encode("utf-8")).hexdigest()


def parse_date(value, zone):
    """A Plone date: ISO 8601 (with or without offset) or Zope's 2021/03/04 10:00:00 GMT+2.
    Naive times are in the site's time zone."""
    if not value or not isinstance(value, str) or value.strip() in ("None", "null"):
        return None
    text = value.strip().replace("Z", "+00:00")
    parsed = None
    try:
        parsed = datetime.fromisoformat(text)
    except ValueError:
        match = ZOPE_DATE.match(text)
        if match:
            year, month, day, hour, minute, second, offset = match.groups()
            parsed = datetime(
                int(year), int(month), int(day), int(hour), int(minute), int(second or 0)
            )
            if offset is not None:
                parsed = parsed.replace(
                    tzinfo=ZoneInfo(f"Etc/GMT{'-' if int(offset) >= 0 else '+'}{abs(int(offset))}")
                )
    if parsed is None or parsed.year < PLONE_FLOOR_YEAR:
        return None
    if timezone.is_naive(parsed):
        parsed = parsed.replace(tzinfo=zone)
    return parsed


class Importer:
    def __init__(self, export, companions, *, overwrite=False, dry_run=False, progress=None):
        self.export = export
        self.companions = companions
        self.overwrite = overwrite
        self.dry_run = dry_run
        self.progress = progress or (lambda message: None)
        self.report = Report()
        self.zone = ZoneInfo(settings.TIME_ZONE)
        self.written_files = []  # removed again after a dry run
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
        self.origins = {
            origin.uid: origin
            for origin in PloneOrigin.objects.only(
                "uid", "checksum", "content_type_id", "object_id", "revision_id"
            )
        }
        self.content_types = {
            "page": ContentType.objects.get_for_model(Page),
            "image": ContentType.objects.get_for_model(get_image_model()),
            "document": ContentType.objects.get_for_model(get_document_model()),
        }
        page_type_id = self.content_types["page"].id
        image_type_id = self.content_types["image"].id
        self.targets = {}  # UID -> Link of what the item became
        for origin in self.origins.values():
            kind = {page_type_id: "page", image_type_id: "image"}.get(
                origin.content_type_id, "document"
            )
            self.targets[origin.uid] = Link(kind, origin.object_id)
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
        hosts = set()
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

    def translation_groups(self):
        """UID -> the translation key its page shares with its translations."""
        keys = {}
        for group in self.companions.translations:
            members = [uid for uid in group.values()]
            canonical = group.get("canonical") or group.get(settings.LANGUAGE_CODE) or members[0]
            key = uuid.uuid5(uuid.NAMESPACE_URL, f"plone-translation:{canonical}")
            for uid in members:
                keys[uid] = key
        return keys

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

    def topic_ids(self, subjects, locale):
        ids = []
        for subject in subjects or []:
            if not isinstance(subject, str) or not subject.strip():
                continue
            name = subject.strip()[:100]
            slug = slugify(name)[:100] or "topic"
            key = (locale.pk, slug)
            if key not in self.topics:
                topic = Topic.objects.filter(locale=locale, slug=slug).first()
                if topic is None:
                    topic = Topic.objects.create(locale=locale, name=name, slug=slug)
                self.topics[key] = topic
            ids.append(self.topics[key])
        return ids

    def remember(self, uid, summary, instance, kind, item_checksum, modified, revision=None):
        origin = self.origins.get(uid) or PloneOrigin(uid=uid)
        origin.portal_type = summary.portal_type
        origin.old_path = self.old_path(summary.path)[:1000]
        origin.content_type = self.content_types[kind]
        origin.object_id = instance.pk
        origin.checksum = item_checksum
        origin.plone_modified = modified
        origin.revision = revision
        origin.save()
        self.origins[uid] = origin
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
            with transaction.atomic():
                yield from wanted[first : first + BATCH]
            number = min(first + BATCH, len(wanted))
            rate = number / max(time.monotonic() - started, 0.001)
            self.progress(f"{label}: {number}/{len(wanted)} ({rate:.0f}/s)")

    def import_assets(self):
        for summary in self.each(IMAGE_TYPES | FILE_TYPES, "images and files"):
            self.guarded(summary, self.import_asset)

    def guarded(self, summary, step):
        """One item in its own transaction: a bad entry is skipped and named, the rest
        imports."""
        if summary.problem:
            self.report.skip(summary.uid, summary.path, summary.portal_type, summary.problem)
            return
        try:
            with transaction.atomic():
                step(summary)
        except Exception as error:  # noqa: BLE001 - one bad entry must not stop the import
            logger.exception("Plone import: %s failed", summary.uid)
            self.forget_rolled_back(summary.uid)
            self.report.skip(
                summary.uid,
                self.old_path(summary.path),
                summary.portal_type,
                f"{type(error).__name__}: {error}",
            )

    def forget_rolled_back(self, uid):
        """After an item's transaction rolled back, what was remembered of it is stale."""
        for key in (uid, f"{uid}:image"):
            self.origins.pop(key, None)
            self.targets.pop(key, None)
            origin = PloneOrigin.objects.filter(uid=key).first()
            if origin is not None:
                self.origins[key] = origin
                kind = next(
                    k for k, t in self.content_types.items() if t.id == origin.content_type_id
                )
                self.targets[key] = Link(kind, origin.object_id)
        self.topics.clear()
        self.slugs_by_parent.clear()

    def import_asset(self, summary):
        path = self.old_path(summary.path)
        item = self.export.load(summary)
        item_checksum = checksum(item)
        origin = self.origins.get(summary.uid)
        is_image = summary.portal_type in IMAGE_TYPES
        model = get_image_model() if is_image else get_document_model()
        existing = self.current_object(origin, model) if origin else None
        if existing is not None and origin.checksum == item_checksum:
            self.report.count(summary.portal_type, "unchanged")
            self.old_paths.append((path, summary.uid))
            return
        title = (item.get("title") or summary.id or "").strip()
        if not title:
            self.report.skip(summary.uid, path, summary.portal_type, "no title")
            return
        blob = item.get("image" if is_image else "file")
        try:
            data, filename = self.export.blob(blob)
        except BlobMissing as missing:
            self.report.skip(summary.uid, path, summary.portal_type, f"blob missing: {missing}")
            return
        instance = self.save_asset(existing, model, is_image, title[:255], data, filename)
        if instance is None:
            self.report.skip(summary.uid, path, summary.portal_type, "the file is not an image")
            return
        modified = parse_date(item.get("modified"), self.zone)
        self.remember(
            summary.uid,
            summary,
            instance,
            "image" if is_image else "document",
            item_checksum,
            modified,
        )
        self.report.count(summary.portal_type, "updated" if existing else "created")
        self.old_paths.append((path, summary.uid))

    def save_asset(self, existing, model, is_image, title, data, filename, description=""):
        filename = filename.rsplit("/", 1)[-1] or "file"
        if is_image:
            try:
                with PILImage.open(io.BytesIO(data)) as probe:
                    probe.verify()
            except Exception:  # noqa: BLE001 - Pillow raises many kinds for bad files
                return None
        instance = existing or model(collection=self.plone_collection())
        instance.title = title
        if is_image:
            instance.file = ImageFile(io.BytesIO(data), name=filename)
            if description and hasattr(instance, "description"):
                instance.description = description[:255]
            instance._set_image_file_metadata()
        else:
            instance.file = ContentFile(data, name=filename)
            instance._set_document_file_metadata()
        instance.save()
        if self.dry_run:
            self.written_files.append(instance.file.name)
        return instance

    # Pass 2: pages ----------------------------------------------------------------------

    def import_pages(self):
        for summary in self.each(PAGE_TYPES, "pages"):
            self.guarded(summary, self.import_page)
        for summary in self.summaries.values():
            if summary.portal_type in PAGE_TYPES | IMAGE_TYPES | FILE_TYPES:
                continue
            self.note_other(summary)

    def note_other(self, summary):
        """Folders, language roots, the site and types this site has no place for."""
        if summary.problem:
            return
        path = self.old_path(summary.path)
        portal_type = summary.portal_type
        if portal_type in SITE_TYPES:
            self.report.count(portal_type, "mapped")
        elif portal_type in LANGUAGE_ROOT_TYPES or self.is_language_root(summary):
            if self.site_language(self.language_of(summary)[1]) in self.homes:
                self.report.count(portal_type, "mapped")
                self.old_paths.append((path, summary.uid))
            else:
                self.report.skip(
                    summary.uid,
                    path,
                    portal_type,
                    f"language '{self.language_of(summary)[1]}' is not on this site",
                )
        elif portal_type in FOLDER_TYPES:
            if summary.uid in self.news_folders:
                self.report.count(portal_type, "mapped")
                self.old_paths.append((path, summary.uid))
            else:
                self.report.skip(
                    summary.uid,
                    path,
                    portal_type,
                    "folder not recreated (its content is imported); no page to redirect to",
                )
        else:
            self.report.skip(summary.uid, path, portal_type, f"type '{portal_type}' not imported")

    def is_language_root(self, summary):
        return (
            summary.portal_type in FOLDER_TYPES | LANGUAGE_ROOT_TYPES
            and self.old_path(summary.path).strip("/") == summary.id
            and summary.id in self.locales
        )

    def folder_target(self, summary):
        """The page an old folder URL should lead to, if any."""
        language = self.language_of(summary)[0]
        if language not in self.homes:
            return None
        if summary.portal_type in LANGUAGE_ROOT_TYPES or self.is_language_root(summary):
            return self.homes[language]
        if summary.uid in self.news_folders:
            return self.news_index(language)
        return None

    def page_parent(self, summary, language):
        if summary.portal_type in NEWS_TYPES:
            return self.news_index(language)
        parent = self.summaries.get(summary.parent_uid)
        if parent is not None and parent.portal_type in DOCUMENT_TYPES:
            target = self.targets.get(parent.uid)
            if target is not None and target.kind == "page":
                page = Page.objects.filter(pk=target.id, locale=self.homes[language].locale).first()
                if page is not None and isinstance(page.specific, StandardPage):
                    return page.specific
        return self.homes[language]

    def parent_is_known(self, summary):
        if summary.parent_uid and summary.parent_uid in self.summaries:
            return True
        if summary.parent_type in SITE_TYPES:
            return True
        parent = summary.parent_path or parent_path(summary.path)
        return parent in self.path_index or parent.rstrip("/") == self.site_root_path

    def import_page(self, summary):
        path = self.old_path(summary.path)
        language, written = self.language_of(summary)
        if language not in self.homes:
            self.report.skip(
                summary.uid, path, summary.portal_type, f"language '{written}' is not on this site"
            )
            return
        if not self.parent_is_known(summary):
            self.report.skip(summary.uid, path, summary.portal_type, "unknown parent")
            return
        item = self.export.load(summary)
        title = (item.get("title") or "").strip()
        if not title:
            self.report.skip(summary.uid, path, summary.portal_type, "no title")
            return
        item_checksum = checksum(item)
        origin = self.origins.get(summary.uid)
        model = PressReleasePage if summary.portal_type in NEWS_TYPES else StandardPage
        page = None
        if origin is not None:
            if origin.checksum == item_checksum and not self.overwrite:
                self.report.count(summary.portal_type, "unchanged")
                self.old_paths.append((path, summary.uid))
                return
            page = self.current_object(origin, model)
            if page is not None and not self.overwrite:
                if page.latest_revision_id != origin.revision_id:
                    self.report.skip(
                        summary.uid,
                        path,
                        summary.portal_type,
                        "edited in Wagtail since the import; kept (use --overwrite to replace)",
                    )
                    self.old_paths.append((path, summary.uid))
                    return
        self.save_page(summary, item, page, model, language, item_checksum)
        self.report.count(summary.portal_type, "updated" if page else "created")
        self.old_paths.append((path, summary.uid))

    def save_page(self, summary, item, page, model, language, item_checksum, second_look=False):
        path = self.old_path(summary.path)
        home = self.homes[language]
        published = item.get("review_state") == "published"
        effective = parse_date(item.get("effective"), self.zone)
        created = parse_date(item.get("created"), self.zone)
        modified = parse_date(item.get("modified"), self.zone)
        first_published = effective or created or modified
        last_published = modified or first_published
        builder = BodyBuilder(lambda url: self.resolve(url, summary, item))
        self.build_body(builder, item)
        is_new = page is None
        if is_new:
            parent = self.page_parent(summary, language)
            page = model(
                slug=self.unique_slug(parent, summary.id or item.get("title")),
                locale_id=home.locale_id,
            )
            if summary.uid in self.translation_keys:
                page.translation_key = self.translation_keys[summary.uid]
        page.title = item["title"].strip()[:255]
        page.body = builder.blocks
        description = (item.get("description") or "").strip()
        if model is PressReleasePage:
            page.lead = description or first_text(builder.blocks) or item["title"].strip()
            if not description:
                self.report.review(
                    summary.uid, path, summary.portal_type,
                    "no description in Plone: the lead is taken from the text",
                )  # fmt: skip
            page.release_date = (
                first_published.astimezone(self.zone).date() if first_published else date.today()
            )
            self.set_hero_image(page, summary, item, path)
            page.topics = self.topic_ids(item.get("subjects"), home.locale)
            self.set_relations(page, builder, summary, item, path)
        else:
            page.introduction = description
            if self.relation_targets(summary, item):
                self.report.warn(
                    summary.uid, path, summary.portal_type,
                    "related items not kept: a standard page has no related pages",
                )  # fmt: skip
        for warning in builder.warnings:
            if not builder.pending or second_look:
                self.report.warn(summary.uid, path, summary.portal_type, warning)
        if published:
            page.first_published_at = page.first_published_at or first_published
        if is_new:
            page.live = False
            page.has_unpublished_changes = True
            parent.add_child(instance=page)
        revision = page.save_revision(clean=False)
        if published:
            revision.publish()
            Page.objects.filter(pk=page.pk).update(
                first_published_at=first_published or timezone.now(),
                last_published_at=last_published or timezone.now(),
            )
        elif page.live:
            page.unpublish()
        self.remember(summary.uid, summary, page, "page", item_checksum, modified, revision)
        if builder.pending and not second_look:
            self.deferred.append(summary.uid)

    def build_body(self, builder, item):
        blocks = item.get("blocks")
        layout = item.get("blocks_layout")
        if isinstance(blocks, dict) and blocks:
            builder.add_volto(blocks, layout if isinstance(layout, dict) else {})
            if builder.blocks:
                return
        text = item.get("text")
        if isinstance(text, dict):
            content_type = text.get("content-type") or "text/html"
            data = text.get("data") or ""
            builder.add_html(data if "html" in content_type else plain_text_to_html(data))
        elif isinstance(text, str):
            builder.add_html(text)

    def set_hero_image(self, page, summary, item, path):
        blob = item.get("image")
        if not blob:
            page.hero_image = None
            page.hero_image_alt = ""
            page.hero_image_caption = ""
            return
        image_uid = f"{summary.uid}:image"
        caption = (item.get("image_caption") or "").strip()
        blob_checksum = checksum(blob)
        origin = self.origins.get(image_uid)
        Image = get_image_model()
        existing = self.current_object(origin, Image) if origin else None
        if existing is not None and origin.checksum == blob_checksum:
            image = existing
        else:
            try:
                data, filename = self.export.blob(blob)
            except BlobMissing as missing:
                self.report.warn(
                    summary.uid, path, summary.portal_type, f"imported without its image: {missing}"
                )
                return
            image = self.save_asset(
                existing, Image, True, (caption or item["title"]).strip()[:255], data, filename
            )
            if image is None:
                self.report.warn(
                    summary.uid, path, summary.portal_type, "imported without its image: not one"
                )
                return
            self.remember(image_uid, summary, image, "image", blob_checksum, None)
        page.hero_image = image
        page.hero_image_caption = caption[:250]
        page.hero_image_alt = (caption or item["title"]).strip()[:250]
        self.report.review(
            summary.uid,
            path,
            summary.portal_type,
            f"hero image alt text taken from the {'caption' if caption else 'title'}: "
            f"{page.hero_image_alt!r}",
        )

    def relation_targets(self, summary, item):
        targets = []
        for related in item.get("relatedItems") or []:
            uid = related.get("UID") if isinstance(related, dict) else related
            if isinstance(uid, str) and uid not in targets:
                targets.append(uid)
        for uid in self.relations.get(summary.uid, []):
            if uid not in targets:
                targets.append(uid)
        return targets

    def set_relations(self, page, builder, summary, item, path):
        related, attachments = [], []
        allowed = related_page_models()
        for uid in self.relation_targets(summary, item):
            target = self.targets.get(uid)
            target_summary = self.summaries.get(uid)
            pending = target_summary and target_summary.portal_type in PAGE_TYPES
            if target is None and pending and not self.final:
                builder.pending = True
                continue
            if target is not None and target.kind == "page":
                related_page = Page.objects.filter(pk=target.id).first()
                if related_page is not None and (
                    allowed is None or issubclass(related_page.specific_class, allowed)
                ):
                    related.append(PressReleaseRelatedPage(page_id=target.id))
                    continue
            elif target is not None and target.kind == "document":
                attachments.append(PressReleaseAttachment(document_id=target.id))
                continue
            kind = target_summary.portal_type if target_summary else "an item not in the export"
            builder.warn(f"relation to {uid} ({kind}) not kept: a release cannot relate to it")
        page.related_pages = related
        page.attachments = attachments

    # Links -------------------------------------------------------------------------------

    def resolve(self, url, summary, item):
        """What a link or image source of an item's text points at now."""
        url = url.strip()
        lowered = url.lower()
        if not url or url.startswith("#") or lowered.startswith(("mailto:", "tel:")):
            return Link("external")
        match = RESOLVEUID.search(url)
        if match:
            return self.target_of(match.group(1).replace("-", ""), url)
        if "://" in url:
            host = url.split("://", 1)[1].split("/", 1)[0].lower()
            if host not in self.hosts:
                return Link("external")
            path = "/" + url.split("://", 1)[1].partition("/")[2]
        elif url.startswith("/"):
            path = url
        elif lowered.startswith(("javascript:", "data:", "vbscript:")):
            return Link("drop", reason="script address")
        else:
            folderish = item.get("is_folderish") or summary.portal_type in FOLDER_TYPES
            base = summary.path + "/" if folderish else posixpath.dirname(summary.path) + "/"
            path = posixpath.normpath(posixpath.join(base, url))
        path = path.split("?", 1)[0].split("#", 1)[0].rstrip("/") or "/"
        path = VIEW_SUFFIX.sub("", path)
        uid = self.path_index.get(path)
        if uid is None and self.site_root_path:
            uid = self.path_index.get(self.site_root_path + path)
        if uid is None:
            return Link("drop", reason="not found in the export")
        return self.target_of(uid, url)

    def target_of(self, uid, url):
        target = self.targets.get(uid)
        summary = self.summaries.get(uid)
        if target is not None and target.kind == "image":
            image = get_image_model().objects.filter(pk=target.id).first()
            if image is None:
                return Link("drop", reason="image deleted since the import")
            return Link("image", image.pk, url=image.file.url, title=image.title)
        if target is not None:
            return target
        if summary is None:
            return Link("drop", reason=f"UID {uid} not in the export")
        if summary.portal_type in PAGE_TYPES:
            if self.final:
                return Link("drop", reason=f"{summary.portal_type} {uid} was not imported")
            return Link("pending")
        if summary.portal_type in FOLDER_TYPES | LANGUAGE_ROOT_TYPES:
            page = self.folder_target(summary)
            if page is not None:
                return Link("page", page.pk)
        return Link("drop", reason=f"{summary.portal_type} {uid} was not imported")

    # Pass 3: second look at pages that referred to pages imported after them -----------------

    def resolve_deferred(self):
        self.final = True
        for uid in self.deferred:
            summary = self.summaries[uid]
            self.guarded(summary, self.second_look)

    def second_look(self, summary):
        origin = self.origins[summary.uid]
        model = PressReleasePage if summary.portal_type in NEWS_TYPES else StandardPage
        page = self.current_object(origin, model)
        item = self.export.load(summary)
        language = self.language_of(summary)[0]
        self.save_page(summary, item, page, model, language, origin.checksum, second_look=True)

    # Pass 4: translations ---------------------------------------------------------------

    def pair_translations(self):
        """Pages of a translation group share a key (switcher, hreflang, sitemap pair them),
        and wagtail-localize records the non-default-language pages as translations of the
        default-language one, disabled, so editors keep editing the imported text and
        translators can start a synced translation later."""
        from wagtail_localize.models import Translation, TranslationSource

        groups = self.companions.translations
        for first in range(0, len(groups), BATCH):
            with transaction.atomic():
                for group in groups[first : first + BATCH]:
                    self.pair(group, Translation, TranslationSource)
            self.progress(f"translations: {min(first + BATCH, len(groups))}/{len(groups)}")

    def pair(self, group, Translation, TranslationSource):
        pages = []
        for uid in dict.fromkeys(group.values()):
            target = self.targets.get(uid)
            if target is not None and target.kind == "page":
                pages.append((uid, target.id))
        if len(pages) < 2:
            return
        key = self.translation_keys[pages[0][0]]
        rows = list(
            Page.objects.filter(pk__in=[pk for _, pk in pages]).values_list(
                "pk", "translation_key", "locale_id"
            )
        )
        locales = [locale_id for _, _, locale_id in rows]
        if len(set(locales)) != len(locales):
            summary = self.summaries.get(pages[0][0])
            self.report.warn(
                pages[0][0],
                self.old_path(summary.path) if summary else "",
                summary.portal_type if summary else "",
                "translation group has two items in one language; not paired",
            )
            return
        for pk, translation_key, _ in rows:
            if translation_key != key:
                Page.objects.filter(pk=pk).update(translation_key=key)
        default_locale = self.locales.get(settings.LANGUAGE_CODE)
        source_row = next(
            (row for row in rows if default_locale and row[2] == default_locale.pk), None
        )
        if source_row is None:
            return
        try:
            with transaction.atomic():
                source_page = Page.objects.get(pk=source_row[0]).specific
                source, _ = TranslationSource.get_or_create_from_instance(source_page)
                for pk, _, locale_id in rows:
                    if pk != source_row[0]:
                        Translation.objects.get_or_create(
                            source=source,
                            target_locale_id=locale_id,
                            defaults={"enabled": False},
                        )
        except Exception as error:  # noqa: BLE001 - pairing stands without wagtail-localize
            self.report.warn(
                pages[0][0], "", "", f"wagtail-localize translation source not set up: {error}"
            )

    # Pass 5: old URLs ---------------------------------------------------------------------

    def add_redirects(self):
        created = 0
        for first in range(0, len(self.old_paths), BATCH):
            with transaction.atomic():
                for old_path, uid in self.old_paths[first : first + BATCH]:
                    if self.redirect(old_path, uid):
                        created += 1
        for old, new in self.companions.redirects.items():
            new_path = self.follow_redirects(new)
            uid = self.path_index.get(new_path) or self.path_index.get(
                self.site_root_path + new_path
            )
            old_path = self.old_path(old.rstrip("/") or "/")
            if uid is None:
                self.report.warn("", old_path, "redirect", f"target not imported: {new}")
                continue
            if not self.redirect(old_path, uid, plone_redirect=True):
                self.report.warn("", old_path, "redirect", f"target has no page here: {new}")
            else:
                created += 1
        self.report.summary["redirects"] = created

    def follow_redirects(self, path):
        """Plone's redirects can chain (a moved item moved again); point at the end."""
        seen = set()
        path = path.rstrip("/") or "/"
        while path in self.companions.redirects and path not in seen:
            seen.add(path)
            path = self.companions.redirects[path].rstrip("/") or "/"
        return path

    def redirect(self, old_path, uid, plone_redirect=False):
        target = self.targets.get(uid)
        summary = self.summaries.get(uid)
        page, link = None, ""
        if target is not None and target.kind == "page":
            page = Page.objects.filter(pk=target.id).first()
        elif target is not None and target.kind == "image":
            image = get_image_model().objects.filter(pk=target.id).first()
            link = image.file.url if image else ""
        elif target is not None and target.kind == "document":
            document = get_document_model().objects.filter(pk=target.id).first()
            link = document.url if document else ""
        elif summary is not None:
            page = self.folder_target(summary)
        if page is None and not link:
            return False
        normalised = Redirect.normalise_path(old_path)
        if page is not None:
            if normalised == Redirect.normalise_path(self.public_path(page)):
                return plone_redirect  # same URL: nothing to redirect
        redirect = Redirect.objects.filter(old_path=normalised, site__isnull=True).first()
        redirect = redirect or Redirect(old_path=normalised)
        if (
            redirect.pk
            and redirect.redirect_page_id == (page.pk if page else None)
            and redirect.redirect_link == link
        ):
            return True
        redirect.redirect_page = page
        redirect.redirect_link = link
        redirect.is_permanent = True
        redirect.save()
        return True

    def public_path(self, page):
        """/ro/stiri/x/: the language prefix, then the path below the locale's home."""
        for code, home in self.homes.items():
            if page.path.startswith(home.path):
                return f"/{code}/" + page.url_path[len(home.url_path) :]
        return page.url_path


def first_text(blocks, length=300):
    from bs4 import BeautifulSoup

    for block in blocks:
        if block["type"] == "paragraph":
            text = BeautifulSoup(block["value"], "html.parser").get_text(" ", strip=True)
            if text:
                return text if len(text) <= length else text[: length - 1].rsplit(" ", 1)[0] + "…"
    return ""


def sort_key(position):
    return position if isinstance(position, int) else str(position)


def related_page_models():
    """The page types a release may name as related (NEWSROOM_RELATED_PAGE_TYPES), or None
    for any page."""
    from django.apps import apps

    names = getattr(settings, "NEWSROOM_RELATED_PAGE_TYPES", None)
    if not names:
        return None
    if isinstance(names, str):
        names = [names]
    models = tuple(apps.get_model(name) for name in names)
    return None if Page in models else models
