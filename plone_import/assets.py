"""Plone Images and Files as Wagtail images and documents, in the "Plone import"
collection."""

import io

from django.core.files.base import ContentFile
from django.core.files.images import ImageFile
from PIL import Image as PILImage
from wagtail.documents import get_document_model
from wagtail.images import get_image_model

from .exports import (
    FILE_TYPES,
    IMAGE_TYPES,
    BlobMissing,
    checksum,
    parse_date,
)


class AssetImport:
    """Imports images and files for the Importer."""

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
