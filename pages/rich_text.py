"""Rich text as Wagtail stores it.

Wagtail's editor reads back only its own database format (`<br/>`, `<b>`, links as
`<a linktype=… id=…>`): HTML written any other way, e.g. `<br>`, makes the page's edit
view fail ("Unmatched tags"). Whatever the project writes into a rich text field or
paragraph block goes through `database_html`.
"""

from functools import cache

from wagtail.admin.rich_text.converters.editor_html import EditorHTMLConverter

from .blocks import RICH_TEXT_FEATURES


@cache
def converter():
    return EditorHTMLConverter(features=RICH_TEXT_FEATURES)


def database_html(html):
    """`html` (editor HTML or plain HTML) in Wagtail's database format, restricted to the
    features the project's rich text allows."""
    return converter().to_database_format(html or "").strip()
