"""Where a link or image of an item's text points now: resolveuid/<UID>, paths and the
old site's absolute URLs, resolved to the pages, documents and images imported."""

import posixpath

from wagtail.images import get_image_model

from .body import Link
from .exports import (
    FOLDER_TYPES,
    LANGUAGE_ROOT_TYPES,
    PAGE_TYPES,
    RESOLVEUID,
    SITE_TYPES,
    VIEW_SEGMENT,
)

CONTAINER_TYPES = FOLDER_TYPES | LANGUAGE_ROOT_TYPES | SITE_TYPES


class LinkResolution:
    """Resolves the links of the old site for the Importer."""

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
        for number, candidate in enumerate(item_paths(path)):
            uid = self.path_index.get(candidate)
            if uid is None and self.site_root_path:
                uid = self.path_index.get(self.site_root_path + candidate)
            if uid is None:
                continue
            if number and self.summaries[uid].portal_type in CONTAINER_TYPES:
                continue  # /ro/images/gone.png is not the language root with a view
            return self.target_of(uid, url)
        return Link("drop", reason="not found in the export")

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


def item_paths(path):
    """The path itself, then the path without a view or image-scale suffix
    (…/x.png/@@images/image/large, …/x/view, …/x.png/image_preview), cut at the rightmost
    such segment first: a folder called "images" is still a folder."""
    yield path
    segments = path.split("/")
    for index in range(len(segments) - 1, 1, -1):
        if VIEW_SEGMENT.match(segments[index]):
            yield "/".join(segments[:index]) or "/"
