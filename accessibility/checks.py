"""What the site-wide accessibility report looks for, read from each live page's stored
fields (StreamField raw data, rich text in its database format), never by rendering it:
rendering 20,000 pages per request would take minutes, while the stored data answers
with one query per page type (plus one per page with an image gallery).

Each check names a problem an editor can fix in the page editor:
images without alternative text or a "decorative" decision, skipped heading levels and
empty headings, link text that says nothing out of context ("click here", "aici"),
documents linked from rich text (which shows neither their format nor their size; the
Document block does), and alternative text copied untranslated from the source page.
"""

import html
import re
from dataclasses import dataclass

from django.conf import settings
from django.urls import reverse
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _
from wagtail.coreutils import get_supported_content_language_variant
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Locale, Page

from translation_tools.status import SECTION_INDEXES, SECTION_LABELS

from .conf import vague_link_texts

IMAGE_ALT, HEADING_SKIPPED, HEADING_EMPTY, VAGUE_LINK, DOCUMENT_LINK, ALT_UNTRANSLATED = (
    "image_alt",
    "heading_skipped",
    "heading_empty",
    "vague_link",
    "document_link",
    "alt_untranslated",
)
PROBLEM_LABELS = {
    IMAGE_ALT: _("Image without alternative text or decision"),
    HEADING_SKIPPED: _("Skipped heading level"),
    HEADING_EMPTY: _("Empty heading"),
    VAGUE_LINK: _("Vague link text"),
    DOCUMENT_LINK: _("Document linked without format and size"),
    ALT_UNTRANSLATED: _("Alternative text not translated"),
}

HEADING_TAG = re.compile(r"<h([1-6])\b[^>]*>(.*?)</h\1>", re.IGNORECASE | re.DOTALL)
LINK_TAG = re.compile(r"<a\b([^>]*)>(.*?)</a>", re.IGNORECASE | re.DOTALL)
TAG = re.compile(r"<[^>]+>")


@dataclass
class AccessibilityRow:
    """One problem found on one live page."""

    page_id: int
    title: str
    locale: str
    page_type: str
    page_type_name: str
    section: str
    problem: str
    detail: str

    @property
    def problem_label(self):
        return PROBLEM_LABELS[self.problem]

    @property
    def section_label(self):
        return SECTION_LABELS[self.section]

    @property
    def edit_url(self):
        return reverse("wagtailadmin_pages:edit", args=[self.page_id])


def text_of(fragment):
    return html.unescape(TAG.sub("", fragment)).strip()


def stream_blocks(page):
    """(block type, raw value) of every top-level block of every StreamField of `page`."""
    for field in page._meta.get_fields():
        if isinstance(field, StreamField):
            for block in getattr(page, field.name).raw_data:
                yield block["type"], block["value"]


def rich_texts(page):
    """Every rich text of `page` in document order: paragraphs of its StreamFields, then
    its RichTextFields."""
    for block_type, value in stream_blocks(page):
        if block_type == "paragraph":
            yield value
    for field in page._meta.get_fields():
        if isinstance(field, RichTextField):
            yield getattr(page, field.name) or ""


def image_uses(page):
    """(where, alt text, decorative) of every image the page shows, from its stored data."""
    if getattr(page, "hero_image_id", None):
        yield _("hero image"), page.hero_image_alt, page.hero_image_decorative
    if hasattr(page, "image_decorative") and page.image_id:
        yield _("image"), page.image_alt, page.image_decorative
    for block_type, value in stream_blocks(page):
        if block_type == "image" and value.get("image"):
            yield _("body image"), value.get("alt_text", ""), value.get("decorative", False)
    if hasattr(page, "gallery"):
        for item in page.gallery.all():
            yield _("gallery image"), item.alt_text, item.decorative


def heading_levels(page):
    """(level, text) of the headings of the page's body, in order (the title is the h1)."""
    for block_type, value in stream_blocks(page):
        if block_type == "heading":
            yield int(value.get("level", "h2")[1]), value.get("text", "")
        elif block_type == "paragraph":
            for level, text in HEADING_TAG.findall(value):
                yield int(level), text_of(text)
    for field in page._meta.get_fields():
        if isinstance(field, RichTextField):
            for level, text in HEADING_TAG.findall(getattr(page, field.name) or ""):
                yield int(level), text_of(text)


def normalised(text):
    return re.sub(r"[\s.,:;!?…»«\"'()]+", " ", text).strip().casefold()


def page_problems(page, source=None):
    """[(problem, detail)] of one specific page; `source` is the page it was translated
    from, if any, to find alternative text left untranslated."""
    problems = []
    for where, alt, decorative in image_uses(page):
        if not decorative and not (alt or "").strip():
            problems.append((IMAGE_ALT, str(capfirst(where))))
    previous = 1
    for level, text in heading_levels(page):
        if not text.strip():
            problems.append((HEADING_EMPTY, f"h{level}"))
        if level > previous + 1:
            problems.append((HEADING_SKIPPED, f"h{previous} → h{level}: {text}"))
        previous = level
    vague = {normalised(text) for text in vague_link_texts()}
    for rich_text in rich_texts(page):
        for attributes, content in LINK_TAG.findall(rich_text):
            text = text_of(content)
            if normalised(text) in vague:
                problems.append((VAGUE_LINK, text))
            if 'linktype="document"' in attributes:
                problems.append((DOCUMENT_LINK, text))
    for block_type, value in stream_blocks(page):
        if block_type == "call_to_action" and normalised(value.get("text", "")) in vague:
            problems.append((VAGUE_LINK, value["text"]))
    if source is not None:
        source_alts = [alt.strip() for _where, alt, _d in image_uses(source) if alt]
        for where, alt, _decorative in image_uses(page):
            if alt and alt.strip() in source_alts:
                problems.append((ALT_UNTRANSLATED, f"{capfirst(where)}: {alt}"))
    return problems


def accessibility_rows():
    """One row per problem of every live page of every language, in tree order."""
    locales = dict(Locale.objects.values_list("pk", "language_code"))
    default_code = get_supported_content_language_variant(settings.LANGUAGE_CODE)
    pages = list(Page.objects.live().filter(depth__gte=2).order_by("path").specific())
    sources = {
        page.translation_key: page for page in pages if locales[page.locale_id] == default_code
    }
    section_paths = [
        (page.path, SECTION_INDEXES[page._meta.label_lower])
        for page in pages
        if page._meta.label_lower in SECTION_INDEXES
    ]

    def section_of(page):
        matches = [entry for entry in section_paths if page.path.startswith(entry[0])]
        return max(matches)[1] if matches else "other"

    rows = []
    for page in pages:
        source = sources.get(page.translation_key)
        for problem, detail in page_problems(page, None if source is page else source):
            rows.append(
                AccessibilityRow(
                    page_id=page.pk,
                    title=page.title,
                    locale=locales[page.locale_id],
                    page_type=page._meta.label,
                    page_type_name=capfirst(page._meta.verbose_name),
                    section=section_of(page),
                    problem=problem,
                    detail=detail,
                )
            )
    return rows
