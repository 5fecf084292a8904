"""News Items as press releases, Documents as standard pages; folders, language roots and
other types noted in the report."""

from datetime import date

from bs4 import BeautifulSoup
from django.apps import apps
from django.utils import timezone
from wagtail.images import get_image_model
from wagtail.models import Page

from newsroom import conf as newsroom_conf
from newsroom.models import (
    PressReleaseAttachment,
    PressReleasePage,
    PressReleaseRelatedPage,
)
from pages.models import StandardPage

from .body import BodyBuilder, plain_text_to_html
from .exports import (
    DOCUMENT_TYPES,
    FILE_TYPES,
    FOLDER_TYPES,
    IMAGE_TYPES,
    LANGUAGE_ROOT_TYPES,
    NEWS_TYPES,
    PAGE_TYPES,
    SITE_TYPES,
    BlobMissing,
    checksum,
    parent_path,
    parse_date,
)
from .publishing import add_published_child


class PageImport:
    """Imports pages for the Importer."""

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
            unchanged = origin.checksum == item_checksum
            if unchanged and not self.overwrite:
                self.report.count(summary.portal_type, "unchanged")
                self.old_paths.append((path, summary.uid))
                return
            page = self.current_object(origin, model)
            edited = page is not None and page.latest_revision_id != origin.revision_id
            if unchanged and not edited:
                self.report.count(summary.portal_type, "unchanged")
                self.old_paths.append((path, summary.uid))
                return
            if edited and not self.overwrite:
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
        expires = parse_date(item.get("expires"), self.zone)
        now = timezone.now()
        # Plone's publication date in the future: Wagtail publishes it then (publish_scheduled).
        scheduled = published and effective is not None and effective > now
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
            if not description and not second_look:
                self.report.review(
                    summary.uid, path, summary.portal_type,
                    "no description in Plone: the lead is taken from the text",
                )  # fmt: skip
            page.release_date = (
                first_published.astimezone(self.zone).date() if first_published else date.today()
            )
            self.set_hero_image(page, summary, item, path, review=not second_look)
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
        page.go_live_at = effective if scheduled else None
        page.expire_at = expires if expires and expires > now else None
        if published and expires and expires <= now and not second_look:
            self.report.review(
                summary.uid, path, summary.portal_type,
                f"expired in Plone on {expires:%Y-%m-%d}; imported live (Plone still served it)",
            )  # fmt: skip
        if is_new and published and not scheduled:
            revision = add_published_child(
                parent, page, first_published or now, last_published or now
            )
        else:
            revision = self.save_the_usual_way(page, parent if is_new else None, published)
            if published and not scheduled:
                # Publishing stamps the time of the import; Plone's own dates are kept.
                Page.objects.filter(pk=page.pk).update(
                    first_published_at=first_published or now,
                    last_published_at=last_published or now,
                )
            elif page.live:
                page.unpublish()
        self.remember(summary.uid, summary, page, "page", item_checksum, modified, revision)
        if builder.pending and not second_look:
            self.deferred.append(summary.uid)

    def save_the_usual_way(self, page, parent, published):
        """A draft, a scheduled page or a new revision of a page imported before."""
        if parent is not None:
            page.live = False
            page.has_unpublished_changes = True
            parent.add_child(instance=page)
        revision = page.save_revision(clean=False)
        if published:
            revision.publish()
        return revision

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

    def set_hero_image(self, page, summary, item, path, review=True):
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
        if review:
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

    def resolve_deferred(self):
        self.final = True
        for uid in self.deferred:
            summary = self.summaries[uid]
            self.guarded(summary, self.second_look)

    def second_look(self, summary):
        self.load_origins([summary.uid, f"{summary.uid}:image"])
        origin = self.origins[summary.uid]
        model = PressReleasePage if summary.portal_type in NEWS_TYPES else StandardPage
        page = self.current_object(origin, model)
        item = self.export.load(summary)
        language = self.language_of(summary)[0]
        self.save_page(summary, item, page, model, language, origin.checksum, second_look=True)


def first_text(blocks, length=300):
    for block in blocks:
        if block["type"] == "paragraph":
            text = BeautifulSoup(block["value"], "html.parser").get_text(" ", strip=True)
            if text:
                return text if len(text) <= length else text[: length - 1].rsplit(" ", 1)[0] + "…"
    return ""


def related_page_models():
    """The page types a release may name as related (NEWSROOM_RELATED_PAGE_TYPES), or None
    for any page."""
    names = newsroom_conf.related_page_types()
    if isinstance(names, str):
        names = [names]
    models = tuple(apps.get_model(name) for name in names)
    return None if Page in models else models
