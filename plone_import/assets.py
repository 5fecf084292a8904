"""Plone Images and Files as Wagtail images and documents, in the "Plone import"
collection."""

import io

from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.images import ImageFile
from PIL import Image as PILImage
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.images.utils import get_allowed_image_extensions
from wagtail.models import Collection, CollectionViewRestriction

from pages.image_credits import save_rights
from pages.upstream import set_file_metadata

from .exports import (
    FILE_TYPES,
    IMAGE_TYPES,
    BlobMissing,
    checksum,
    parse_date,
)

# Plone states in which an item is not public; an Image or File without a workflow has none.
NOT_PUBLIC_STATES = {"private", "pending", "internal", "internally_published"}
PRIVATE_COLLECTION_NAME = "Plone import (private)"


class AssetImport:
    """Imports images and files for the Importer."""

    private_collection_cache = None

    def private_collection(self):
        """Where Plone's private files go: documents in it are served to logged-in users only."""
        if self.private_collection_cache is None:
            root = Collection.get_first_root_node()
            collection = root.get_children().filter(name=PRIVATE_COLLECTION_NAME).first()
            if collection is None:
                collection = root.add_child(name=PRIVATE_COLLECTION_NAME)
            CollectionViewRestriction.objects.get_or_create(
                collection=collection, restriction_type=CollectionViewRestriction.LOGIN
            )
            self.private_collection_cache = collection
        return self.private_collection_cache

    def import_assets(self):
        for summary in self.each(IMAGE_TYPES | FILE_TYPES, "images and files"):
            self.guarded(summary, self.import_asset)

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
        if is_image and "." not in filename.rsplit("/", 1)[-1]:
            filename = self.named_after_format(data, filename)
        refused = self.refused_extension(filename, is_image)
        if refused:
            self.report.skip(summary.uid, path, summary.portal_type, refused)
            return
        collection = None
        if item.get("review_state") in NOT_PUBLIC_STATES:
            if is_image:
                self.report.warn(
                    summary.uid, path, summary.portal_type,
                    "private in Plone; an image's file is public here once a page shows it",
                )  # fmt: skip
            else:
                collection = self.private_collection()
                self.report.review(
                    summary.uid, path, summary.portal_type,
                    f"private in Plone: in the collection '{collection.name}', for logged-in "
                    "users only",
                )  # fmt: skip
        instance = self.save_asset(
            existing, model, is_image, title[:255], data, filename, collection=collection
        )
        if instance is None:
            self.report.skip(summary.uid, path, summary.portal_type, "the file is not an image")
            return
        if is_image:
            self.import_rights(instance, item)
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

    def import_rights(self, image, item):
        """The image's credit from Plone's Dublin Core `creators` and its licence from
        `rights`. Left alone when Plone has neither, so that a credit an editor typed here
        survives the next import."""
        creators = item.get("creators") or []
        if isinstance(creators, str):
            creators = [creators]
        credit = ", ".join(name.strip() for name in creators if name and name.strip())
        licence = (item.get("rights") or "").strip()
        if credit or licence:
            save_rights(image, credit[:255], licence[:255])

    def named_after_format(self, data, filename):
        """An image exported without a file name (a download address only) gets its
        format's extension, so that it passes the extension check below."""
        try:
            with PILImage.open(io.BytesIO(data)) as probe:
                return f"{filename}.{(probe.format or '').lower()}"
        except Exception:  # noqa: BLE001 - Pillow raises many kinds for bad files
            return filename

    def refused_extension(self, filename, is_image):
        """Why the file cannot be stored, or "": only the extensions the admin accepts
        (WAGTAILIMAGES_EXTENSIONS, WAGTAILDOCS_EXTENSIONS), so nothing imported is ever
        served as HTML or script."""
        name = filename.rsplit("/", 1)[-1]
        extension = name.rsplit(".", 1)[-1].lower() if "." in name else ""
        if is_image:
            allowed = get_allowed_image_extensions()
        else:
            allowed = settings.WAGTAILDOCS_EXTENSIONS
        if extension in allowed:
            return ""
        return f"the file '{name}' has a type that is not allowed (only {', '.join(allowed)})"

    def save_asset(self, existing, model, is_image, title, data, filename, collection=None):
        filename = filename.rsplit("/", 1)[-1] or "file"
        if is_image:
            try:
                with PILImage.open(io.BytesIO(data)) as probe:
                    probe.verify()
            except Exception:  # noqa: BLE001 - Pillow raises many kinds for bad files
                return None
        instance = existing or model(collection=self.plone_collection())
        if collection is not None:
            instance.collection = collection
        instance.title = title
        if is_image:
            instance.file = ImageFile(io.BytesIO(data), name=filename)
        else:
            instance.file = ContentFile(data, name=filename)
        set_file_metadata(instance)
        instance.save()
        self.written_files.append(instance.file.name)
        return instance
