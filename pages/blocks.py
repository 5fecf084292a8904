"""StreamField blocks shared by every page type: defined once, reused everywhere."""

from django.core.exceptions import ValidationError
from django.template.defaultfilters import linebreaksbr
from django.utils.html import conditional_escape, escape, format_html
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.contrib.table_block.blocks import TableBlock
from wagtail.documents.blocks import DocumentChooserBlock
from wagtail.embeds.blocks import EmbedBlock
from wagtail.images.blocks import ImageChooserBlock
from wagtail.rich_text import RichText, expand_db_html

from .images import DECORATIVE_HELP_TEXT, decide_alt_text
from .visibility import any_private_collection, in_private_collection

RICH_TEXT_FEATURES = ["bold", "italic", "link", "document-link", "ol", "ul", "h3", "h4"]


class ParagraphText(RichText):
    """A paragraph's rich text, rendered as Wagtail's `wagtailcore/shared/richtext.html`
    renders it (`{{ html|safe }}`, which this project does not override) but without a
    template per paragraph: a feed renders twenty bodies on each request, and one template
    per paragraph was a tenth of its time."""

    def __html__(self):
        return expand_db_html(self.source)


class ParagraphBlock(blocks.RichTextBlock):
    """Wagtail's rich text block, whose value is a ParagraphText."""

    def to_python(self, value):
        return ParagraphText(value)

    def normalize(self, value):
        if isinstance(value, ParagraphText):
            return value
        return ParagraphText(value.source if isinstance(value, RichText) else value or "")

    def value_from_form(self, value):
        return ParagraphText(value)

    def deconstruct(self):
        # Stored in migrations as Wagtail's block: the value is the same source HTML.
        _path, args, kwargs = super().deconstruct()
        return "wagtail.blocks.RichTextBlock", args, kwargs


# Headings, quotes and facts are a line of HTML each, written here rather than in a
# template: a feed renders twenty bodies on each request, and a template per block was the
# largest part of a body's time (as for the paragraph above).


class HeadingBlock(blocks.StructBlock):
    text = blocks.CharBlock(label=_("Text"), max_length=200)
    level = blocks.ChoiceBlock(
        label=_("Level"),
        choices=[("h2", _("Heading 2")), ("h3", _("Heading 3")), ("h4", _("Heading 4"))],
        default="h2",
    )

    class Meta:
        icon = "title"
        label = _("Heading")

    def render_basic(self, value, context=None):
        level = value.get("level") if value.get("level") in ("h3", "h4") else "h2"
        return format_html("<{0}>{1}</{0}>\n", level, value.get("text"))


class ImageBlock(blocks.StructBlock):
    image = ImageChooserBlock(label=_("Image"))
    alt_text = blocks.CharBlock(
        label=_("Alternative text"),
        max_length=250,
        required=False,
        help_text=_(
            "Describe the image for people who cannot see it; empty takes the image's own "
            "description."
        ),
    )
    # A BooleanBlock is not a translation segment: the choice stays synchronised with the
    # source page, while the alternative text above is translated.
    decorative = blocks.BooleanBlock(
        label=_("Decorative"),
        required=False,
        help_text=DECORATIVE_HELP_TEXT,
    )
    caption = blocks.CharBlock(label=_("Caption"), required=False, max_length=250)

    class Meta:
        icon = "image"
        label = _("Image")
        template = "blocks/image_block.html"

    def clean(self, value):
        value = super().clean(value)
        if value.get("image"):
            try:
                value["alt_text"] = decide_alt_text(
                    value["image"], value.get("alt_text"), value.get("decorative")
                )
            except ValidationError as error:
                raise blocks.StructBlockValidationError(block_errors={"alt_text": error}) from None
        return value


class QuoteBlock(blocks.StructBlock):
    text = blocks.TextBlock(label=_("Quote"))
    attribution = blocks.CharBlock(label=_("Who said it"), required=False, max_length=200)

    class Meta:
        icon = "openquote"
        label = _("Quote")

    def render_basic(self, value, context=None):
        attribution = value.get("attribution")
        return format_html(
            '<figure class="block-quote"><blockquote><p>{}</p></blockquote>{}</figure>\n',
            linebreaksbr(value.get("text"), autoescape=True),
            format_html("<figcaption>{}</figcaption>", attribution) if attribution else "",
        )


class FactsBlock(blocks.StructBlock):
    """A bulleted list of short facts, e.g. the pilot action lines of a call."""

    title = blocks.CharBlock(label=_("Title"), required=False, max_length=200)
    items = blocks.ListBlock(blocks.CharBlock(label=_("Fact")), label=_("Facts"))

    class Meta:
        icon = "list-ul"
        label = _("Bulleted facts")

    def render_basic(self, value, context=None):
        title = value.get("title")
        items = "".join(f"<li>{conditional_escape(item)}</li>" for item in value.get("items") or ())
        return format_html(
            '<div class="block-facts">{}<ul>{}</ul></div>\n',
            format_html('<p class="block-facts__title">{}</p>', title) if title else "",
            mark_safe(items),  # each item escaped above
        )


class DocumentBlock(blocks.StructBlock):
    document = DocumentChooserBlock(label=_("Document"))
    title = blocks.CharBlock(
        label=_("Link text"), required=False, help_text=_("Defaults to the document's title.")
    )

    class Meta:
        icon = "doc-full"
        label = _("Document")
        template = "blocks/document_block.html"

    def bulk_to_python(self, values):
        """Marks the documents in a private collection, one query for a whole body: a
        public page (cached, shared by everyone) never links to them."""
        struct_values = super().bulk_to_python(values)
        documents = [value["document"] for value in struct_values if value.get("document")]
        if documents and not any_private_collection():
            for document in documents:
                document.in_private_collection = False
        elif documents:
            private = set(
                type(documents[0])
                .objects.filter(pk__in=[document.pk for document in documents])
                .filter(in_private_collection())
                .values_list("pk", flat=True)
            )
            for document in documents:
                document.in_private_collection = document.pk in private
        return struct_values

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context=parent_context)
        document = value.get("document")
        private = getattr(document, "in_private_collection", None)
        if document is not None and private is None:  # loaded one by one (a preview, say)
            documents = type(document).objects.filter(pk=document.pk)
            private = documents.filter(in_private_collection()).exists()
        context["private"] = bool(private)
        return context


class CallToActionBlock(blocks.StructBlock):
    text = blocks.CharBlock(label=_("Text"), max_length=120)
    page = blocks.PageChooserBlock(label=_("Page"), required=False)
    url = blocks.URLBlock(label=_("Or an external address"), required=False)

    class Meta:
        icon = "link"
        label = _("Call to action")
        template = "blocks/call_to_action_block.html"


class BodyBlock(blocks.StreamBlock):
    """The body of every page: text, headings, images, quotes, facts, documents, embeds, tables."""

    paragraph = ParagraphBlock(label=_("Paragraph"), features=RICH_TEXT_FEATURES)
    heading = HeadingBlock()
    image = ImageBlock()
    quote = QuoteBlock()
    facts = FactsBlock()
    document = DocumentBlock()
    embed = EmbedBlock(label=_("Embed"), icon="media", template="blocks/embed_block.html")
    table = TableBlock(label=_("Table"), template="blocks/table_block.html")
    call_to_action = CallToActionBlock()

    def render_basic(self, value, context=None):
        # Wagtail's StreamBlock.render_basic, the same HTML, joined once rather than through
        # a format_html() per block: a feed renders twenty bodies on each request.
        return mark_safe(
            "\n".join(
                '<div class="w-block-{0} block-{0}">{1}</div>'.format(
                    escape(child.block_type), conditional_escape(child.render(context=context))
                )
                for child in value
            )
        )
