"""A release's press kit: one ZIP with the release as plain text in its language, its
images as full-size originals stripped of their metadata (EXIF, GPS), a credits file and
its public documents.

Built on the first download and kept in a Django cache under a key made of everything the
kit is made of (the published revision, the documents, the images and their credits), so
that publishing the release again, replacing an image, changing a credit or moving a
document into a private collection makes a new kit, and nothing else rebuilds it."""

import datetime
import hashlib
import html
import io
import logging
import re
import zipfile

from django.core.cache import caches
from django.utils.html import strip_tags
from django.utils.text import slugify
from django.utils.timezone import localtime
from django.utils.translation import gettext as _
from django.utils.translation import override
from PIL import Image as PILImage
from PIL import ImageOps
from wagtail.documents import get_document_model
from wagtail.images import get_image_model

from newsroom.models import PressReleasePage
from pages.funding import EUFund, funded_among
from pages.funding import statement as funding_statement
from pages.image_credits import rights_of
from pages.templatetags.site_tags import long_date
from pages.visibility import in_private_collection, language_code, not_private

from . import conf

logger = logging.getLogger("press_kits")

# Bump when the kit's layout changes, so kits built by an older version are not served.
KIT_FORMAT = 1
# Pillow's format → the extension and save options of the cleaned copy; anything else is
# written as PNG.
SAVED_FORMATS = {
    "JPEG": ("jpg", {"quality": 95, "optimize": True}),
    "PNG": ("png", {"optimize": True}),
    "WEBP": ("webp", {"quality": 95}),
    "GIF": ("gif", {}),
}
BLOCK_END = re.compile(r"</(p|h[1-6]|li|blockquote|tr|table|ul|ol|figure|div)>|<br\s*/?>", re.I)
LIST_ITEM = re.compile(r"<li[^>]*>", re.I)
TABLE_CELL = re.compile(r"</t[dh]>", re.I)
BLANK_LINES = re.compile(r"\n\s*\n+")


def public_release(page_id):
    """The live release with this id outside any private section, or None."""
    return (
        not_private(PressReleasePage.objects.live())
        .select_related("hero_image", "hero_image__rights", "locale")
        .filter(pk=page_id)
        .first()
    )


def kit_filename(release):
    return f"{release.slug}-{release.release_date.isoformat()}.zip"


class KitImage:
    """One image of the release as it goes into the kit."""

    def __init__(self, image, alt_text, decorative):
        self.image = image
        self.alt_text = alt_text
        self.decorative = decorative
        self.rights = rights_of(image)
        self.name = ""  # images/<name>, set once the image is encoded

    def fingerprint(self):
        rights = self.rights
        return (
            self.image.pk,
            self.image.file.name,
            self.image.file_hash,
            self.alt_text,
            rights.credit if rights else "",
            rights.licence if rights else "",
        )


class KitContents:
    """What goes into a release's kit, collected with a few queries: its images (hero,
    then body, each once) and its public documents (attachments, then body documents)."""

    def __init__(self, release):
        self.release = release
        self.images = self.collect_images()
        self.documents = self.collect_documents()

    def collect_images(self):
        release = self.release
        uses = []
        if release.hero_image_id:
            uses.append(
                (release.hero_image_id, release.hero_image_alt, release.hero_image_decorative)
            )
        for block in release.body:
            if block.block_type == "image" and block.value.get("image"):
                value = block.value
                uses.append(
                    (value["image"].pk, value.get("alt_text", ""), value.get("decorative", False))
                )
        # The images again, with their credits, in one query.
        images = get_image_model().objects.select_related("rights").in_bulk([u[0] for u in uses])
        kit_images, seen = [], set()
        for image_id, alt_text, decorative in uses:
            if image_id in seen or image_id not in images:
                continue
            seen.add(image_id)
            kit_images.append(KitImage(images[image_id], alt_text, decorative))
        return kit_images

    def collect_documents(self):
        documents = [attachment.document for attachment in self.release.public_attachments()]
        in_body = [
            block.value["document"]
            for block in self.release.body
            if block.block_type == "document" and block.value.get("document")
        ]
        if in_body:
            # Asked again rather than trusting what the body remembered: a kit is a copy
            # that leaves the site.
            public = (
                get_document_model()
                .objects.filter(pk__in=[document.pk for document in in_body])
                .exclude(in_private_collection())
                .in_bulk()
            )
            documents += [public[document.pk] for document in in_body if document.pk in public]
        unique, seen = [], set()
        for document in documents:
            if document.pk not in seen:
                seen.add(document.pk)
                unique.append(document)
        return unique

    def cache_key(self):
        release = self.release
        parts = [
            KIT_FORMAT,
            release.pk,
            release.live_revision_id,
            release.last_published_at.isoformat() if release.last_published_at else "",
            [image.fingerprint() for image in self.images],
            [(d.pk, d.file.name, d.file_hash, d.title) for d in self.documents],
        ]
        digest = hashlib.sha256(repr(parts).encode()).hexdigest()[:32]
        return f"press-kit:{release.pk}:{digest}"


def built_kit(release):
    """(cache key, ZIP bytes) of `release`'s kit: from the cache, or built and cached."""
    contents = KitContents(release)
    key = contents.cache_key()
    cache = caches[conf.get("PRESS_KITS_CACHE")]
    data = cache.get(key)
    if data is None:
        data = build_zip(contents)
        if len(data) <= conf.get("PRESS_KITS_MAX_CACHED_BYTES"):
            cache.set(key, data, conf.get("PRESS_KITS_CACHE_TIMEOUT"))
    return key, data


def build_zip(contents):
    release = contents.release
    stamp = (release.last_published_at or datetime.datetime(2000, 1, 1)).timetuple()[:6]
    buffer = io.BytesIO()
    with (
        override(language_code(release)),
        zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive,
    ):

        def write(name, data, compress=True):
            info = zipfile.ZipInfo(name, date_time=stamp)
            info.compress_type = zipfile.ZIP_DEFLATED if compress else zipfile.ZIP_STORED
            archive.writestr(info, data)

        used_names = set()
        for number, kit_image in enumerate(contents.images, start=1):
            encoded = without_metadata(kit_image.image)
            if encoded is None:
                continue
            data, extension = encoded
            stem = slugify(kit_image.image.title)[:60] or "image"
            kit_image.name = unique_name(f"{number:02d}-{stem}.{extension}", used_names)
            # Images are compressed already.
            write(f"images/{kit_image.name}", data, compress=False)
        write("credits.txt", credits_text(contents))
        for document in contents.documents:
            try:
                with document.file.open("rb") as source:
                    data = source.read()
            except OSError as error:
                logger.warning("Document %s left out of a press kit: %s", document.pk, error)
                continue
            name = unique_name(document.filename, used_names)
            write(f"attachments/{name}", data)
        write(f"{release.slug}.txt", release_text(release))
    return buffer.getvalue()


def unique_name(name, used):
    stem, dot, extension = name.rpartition(".")
    if not dot:
        stem, extension = name, ""
    candidate, counter = name, 2
    while candidate in used:
        candidate = f"{stem}-{counter}.{extension}" if extension else f"{stem}-{counter}"
        counter += 1
    used.add(candidate)
    return candidate


def without_metadata(image):
    """(bytes, extension) of `image`'s original file re-encoded without its metadata
    (EXIF with GPS position, camera and time, XMP, comments), turned upright first as
    its EXIF orientation said; the colour profile is kept. None if unreadable."""
    try:
        with image.open_file() as source, PILImage.open(source) as original:
            original.load()
            source_format = original.format
            icc_profile = original.info.get("icc_profile")
            if source_format == "GIF":
                frames = original.copy()
            else:
                frames = ImageOps.exif_transpose(original)
    except (OSError, PILImage.DecompressionBombError, SyntaxError) as error:
        logger.warning("Image %s left out of a press kit: %s", image.pk, error)
        return None
    extension, options = SAVED_FORMATS.get(source_format, ("png", {"optimize": True}))
    saved_format = source_format if source_format in SAVED_FORMATS else "PNG"
    # What Pillow would otherwise carry over from the original.
    frames.info = {}
    options = dict(options)
    if icc_profile and saved_format in {"JPEG", "PNG", "WEBP"}:
        options["icc_profile"] = icc_profile
    if saved_format == "JPEG" and frames.mode not in {"RGB", "L", "CMYK"}:
        frames = frames.convert("RGB")
    output = io.BytesIO()
    frames.save(output, format=saved_format, **options)
    return output.getvalue(), extension


def credits_text(contents):
    """credits.txt: for each image, its file, alternative text, credit and licence."""
    lines = [_("Images of the press release"), ""]
    for kit_image in contents.images:
        if not kit_image.name:
            continue
        rights = kit_image.rights
        if kit_image.decorative:
            alt_text = _("(decorative image)")
        else:
            alt_text = kit_image.alt_text or kit_image.image.title
        lines += [
            f"images/{kit_image.name}",
            f"  {_('Alternative text')}: {alt_text}",
            f"  {_('Credit')}: {(rights.credit if rights else '') or _('not given')}",
            f"  {_('Licence')}: {(rights.licence if rights else '') or _('not given')}",
            "",
        ]
    if len(lines) == 2:
        lines.append(_("This press release has no images."))
    return "\n".join(lines) + "\n"


def release_text(release):
    """The release as plain text, in the active language (the release's)."""
    lines = [release.title, ""]
    if release.reference:
        lines.append(f"{_('Reference')}: {release.reference}")
    lines.append(f"{_('Date')}: {long_date(release.release_date)}")
    if release.place:
        lines.append(f"{_('Place')}: {release.place}")
    if release.updated_at:
        lines.append(
            _("Updated on %(date)s:") % {"date": long_date(localtime(release.updated_at).date())}
            + f" {release.correction_note}"
        )
    lines += ["", release.lead, ""]
    body = body_text(release)
    if body:
        lines += [body, ""]
    contacts = list(release.contacts.all())
    if contacts:
        lines += [_("Press contacts"), ""]
        for contact in contacts:
            details = [contact.name + (f", {contact.role}" if contact.role else "")]
            if contact.email:
                details.append(f"{_('E-mail')}: {contact.email}")
            if contact.phone:
                details.append(f"{_('Phone')}: {contact.phone}")
            lines.append("- " + "; ".join(details))
        lines.append("")
    funded = funded_among(release.related_items())
    if funded:
        lines.append(funding_statement())
        for project in funded:
            fund = str(EUFund(project.eu_fund).label)
            lines.append(" · ".join(filter(None, [project.funding_programme, fund])))
        lines.append("")
    url = release.get_full_url()
    if url:
        lines.append(url)
    return "\n".join(lines).strip() + "\n"


def body_text(release):
    """The body's text blocks as plain text; images are in images/, embeds by address."""
    parts = []
    for block in release.body:
        if block.block_type == "image":
            continue
        if block.block_type == "embed":
            parts.append(getattr(block.value, "url", "") or "")
            continue
        parts.append(html_to_text(str(block.render())))
    return "\n\n".join(part for part in parts if part)


def html_to_text(markup):
    markup = LIST_ITEM.sub("- ", markup)
    markup = TABLE_CELL.sub("\t", markup)
    markup = BLOCK_END.sub("\n", markup)
    text = html.unescape(strip_tags(markup))
    lines = [" ".join(line.split()) for line in text.splitlines()]
    return BLANK_LINES.sub("\n\n", "\n".join(lines)).strip()
