from django import template
from django.utils import translation
from django.utils.html import escape, format_html
from django.utils.safestring import mark_safe

from search import stemming

register = template.Library()


@register.filter
def highlight_matches(text, query):
    """`text` escaped, with the words a search for `query` matches wrapped in <mark>: any
    spelling and any form of the word ("Botosani" marks "Botoșani", "parteneriatul" marks
    "parteneriate")."""
    text = str(text or "")
    pieces, position = [], 0
    for start, end in stemming.matching_spans(text, query, translation.get_language() or ""):
        pieces.append(escape(text[position:start]))
        pieces.append(format_html("<mark>{}</mark>", text[start:end]))
        position = end
    pieces.append(escape(text[position:]))
    return mark_safe("".join(pieces))  # noqa: S308 - every piece is escaped above


@register.filter
def result_date(page):
    return (
        getattr(page, "release_date", None)
        or getattr(page, "start_date", None)
        or (page.first_published_at)
    )
