"""A Plone item's text as the blocks of a Wagtail body (pages.blocks.BodyBlock).

Classic rich text (text.data HTML) and Volto blocks are turned into the same stream:
paragraphs of Wagtail rich text (through Wagtail's own whitelist, so no script, event
handler or inline style survives), headings, images, quotes and tables. Links and images
pointing into the old site become references to the imported pages, documents and
images; what cannot be resolved is kept as text and reported.
"""

import uuid
from dataclasses import dataclass

from bs4 import BeautifulSoup, Comment, NavigableString, Tag
from django.utils.html import escape

from pages.rich_text import database_html

# Elements whose content is never text a reader should see.
DROPPED_ELEMENTS = ["script", "style", "noscript", "template", "iframe", "object", "embed", "form"]
BLOCK_ELEMENTS = {
    "p", "div", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6", "table", "blockquote",
    "figure", "pre", "hr", "section", "article", "dl", "address",
}  # fmt: skip
HEADING_MAX_LENGTH = 200
CAPTION_MAX_LENGTH = 250


@dataclass(slots=True)  # one per imported item is kept while the import runs
class Link:
    """Where a link or image of the old site points now.

    kind: "page" or "document" (an internal link with `id`), "image" (an image with
    `id`, `url` its file), "url" (rewritten address), "external" (left as it is),
    "pending" (an item imported later in this run), "drop" (unresolvable: keep the text).
    """

    kind: str
    id: int | None = None
    url: str = ""
    title: str = ""
    reason: str = ""


def new_block(block_type, value):
    return {"type": block_type, "value": value, "id": str(uuid.uuid4())}


class BodyBuilder:
    """Builds the raw StreamField data of one item. `resolve(url)` answers a Link."""

    def __init__(self, resolve):
        self.resolve = resolve
        self.warnings = []
        self.pending = False
        self.blocks = []
        self.buffer = []

    # Classic rich text ------------------------------------------------------------

    def add_html(self, html):
        soup = BeautifulSoup(html or "", "html.parser")
        for element in soup.find_all(DROPPED_ELEMENTS):
            if element.name == "iframe" and element.get("src"):
                self.warn(f"embedded frame left out: {element.get('src')}")
            element.decompose()
        for anchor in soup.find_all("a"):
            self.rewrite_link(anchor)
        root = soup
        # Some exports wrap the whole text in <html><body> or a single <div>.
        while True:
            children = [c for c in root.contents if not is_blank(c)]
            if len(children) == 1 and isinstance(children[0], Tag):
                if children[0].name in ("html", "body", "div", "section", "article"):
                    root = children[0]
                    continue
            break
        for node in list(root.contents):
            self.add_node(node)
        self.flush()

    def add_node(self, node):
        if isinstance(node, Comment):
            return
        if isinstance(node, NavigableString):
            if not is_blank(node):
                self.buffer_inline(escape(str(node)))
            return
        if not isinstance(node, Tag):
            return
        name = node.name
        if name in ("h1", "h2"):
            self.add_heading(node.get_text(" ", strip=True), "h2")
        elif name in ("h5", "h6"):
            node.name = "h4"
            self.add_with_images(node)
        elif name == "table":
            self.add_table(node)
        elif name == "blockquote":
            self.flush()
            text = node.get_text("\n", strip=True)
            if text:
                self.blocks.append(new_block("quote", {"text": text, "attribution": ""}))
        elif name == "figure":
            caption = node.find("figcaption")
            caption_text = caption.get_text(" ", strip=True) if caption else ""
            if caption:
                caption.decompose()
            images = node.find_all("img")
            for image in images:
                self.add_image(image.get("src") or "", image.get("alt") or "", caption_text)
                image.decompose()
            if node.get_text(strip=True):
                node.name = "p"
                self.buffer.append(str(node))
        elif name == "img":
            self.add_image(node.get("src") or "", node.get("alt") or "")
        elif name in ("section", "article", "div") and node.find(BLOCK_ELEMENTS):
            for child in list(node.contents):
                self.add_node(child)
        elif name in BLOCK_ELEMENTS:
            self.add_with_images(node)
        elif node.find("img"):
            self.add_inline_with_images(node)
        else:
            self.buffer_inline(str(node))

    def add_with_images(self, node):
        images = node.find_all("img")
        if not images:
            self.buffer.append(str(node))
            return
        # Wagtail's paragraphs here hold no images: the images become image blocks after
        # the text they stood in, which an editor can move.
        for image in images:
            image.extract()
        if node.get_text(strip=True):
            self.buffer.append(str(node))
        for image in images:
            self.add_image(image.get("src") or "", image.get("alt") or "")

    def add_inline_with_images(self, node):
        images = node.find_all("img")
        for image in images:
            image.extract()
        self.buffer_inline(str(node))
        for image in images:
            self.add_image(image.get("src") or "", image.get("alt") or "")

    def buffer_inline(self, html):
        if not html:
            return
        if self.buffer and self.buffer[-1].startswith("<p data-inline>"):
            self.buffer[-1] = self.buffer[-1][: -len("</p>")] + html + "</p>"
        else:
            self.buffer.append(f"<p data-inline>{html}</p>")

    def flush(self):
        if not self.buffer:
            return
        html = "".join(self.buffer).replace("<p data-inline>", "<p>")
        self.buffer = []
        cleaned = database_html(html)
        if BeautifulSoup(cleaned, "html.parser").get_text(strip=True):
            self.blocks.append(new_block("paragraph", cleaned))

    def add_heading(self, text, level):
        self.flush()
        if text:
            self.blocks.append(
                new_block("heading", {"text": text[:HEADING_MAX_LENGTH], "level": level})
            )

    def add_table(self, table):
        self.flush()
        rows = []
        for row in table.find_all("tr"):
            rows.append([cell.get_text(" ", strip=True) for cell in row.find_all(["td", "th"])])
        if not rows:
            return
        width = max(len(row) for row in rows)
        rows = [row + [""] * (width - len(row)) for row in rows]
        first_row = table.find("tr")
        self.blocks.append(
            new_block(
                "table",
                {
                    "data": rows,
                    "first_row_is_table_header": bool(first_row and first_row.find("th")),
                    "first_col_is_header": False,
                    "table_caption": "",
                },
            )
        )

    def add_image(self, src, alt, caption=""):
        self.flush()
        link = self.resolve(src) if src else Link("drop", reason="image without a source")
        if link.kind == "image":
            self.blocks.append(
                new_block(
                    "image",
                    {
                        "image": link.id,
                        "alt_text": (alt or link.title)[:CAPTION_MAX_LENGTH],
                        "caption": caption[:CAPTION_MAX_LENGTH],
                    },
                )
            )
        elif link.kind == "pending":
            self.pending = True
        else:
            self.warn(f"image left out: {src} ({link.reason or 'not an imported image'})")

    def rewrite_link(self, anchor):
        href = (anchor.get("href") or "").strip()
        if not href:
            anchor.unwrap()
            return
        link = self.resolve(href)
        if link.kind in ("page", "document"):
            anchor.attrs = {"data-linktype": link.kind, "data-id": str(link.id)}
        elif link.kind in ("image", "url"):
            anchor.attrs = {"href": link.url}
        elif link.kind == "external":
            anchor.attrs = {"href": href}
        elif link.kind == "pending":
            self.pending = True
            anchor.unwrap()
        else:
            self.warn(f"link kept as text: {href} ({link.reason})")
            anchor.unwrap()

    # Volto blocks -----------------------------------------------------------------

    def add_volto(self, blocks, layout):
        order = (layout or {}).get("items") or list(blocks)
        for block_id in order:
            block = blocks.get(block_id)
            if not isinstance(block, dict):
                continue
            block_type = block.get("@type") or ""
            if block_type in ("title", "description", "leadimage", "dateField"):
                continue
            if block_type == "slate":
                html = slate_to_html(block.get("value") or [])
                if not html and block.get("plaintext"):
                    html = f"<p>{escape(block['plaintext'])}</p>"
                self.add_html(html)
            elif block_type == "image":
                self.add_image(block.get("url") or "", block.get("alt") or "")
            else:
                text = block_plaintext(block)
                if text:
                    self.add_html("".join(f"<p>{escape(line)}</p>" for line in text.split("\n")))
                self.warn(f"Volto block '{block_type}' kept as plain text only")
        self.flush()

    def warn(self, message):
        self.warnings.append(message)


SLATE_ELEMENTS = {
    "p": "p", "h1": "h2", "h2": "h2", "h3": "h3", "h4": "h4", "h5": "h4", "h6": "h4",
    "ul": "ul", "ol": "ol", "li": "li", "blockquote": "blockquote",
    "strong": "strong", "b": "strong", "em": "em", "i": "em", "sub": "sub", "sup": "sup",
}  # fmt: skip


def slate_to_html(nodes):
    parts = []
    for node in nodes if isinstance(nodes, list) else []:
        if not isinstance(node, dict):
            continue
        if "text" in node and "children" not in node:
            text = escape(node.get("text") or "")
            if node.get("bold"):
                text = f"<strong>{text}</strong>"
            if node.get("italic"):
                text = f"<em>{text}</em>"
            parts.append(text)
            continue
        inner = slate_to_html(node.get("children") or [])
        node_type = node.get("type") or ""
        if node_type == "link":
            url = slate_link_url(node.get("data") or {})
            parts.append(f'<a href="{escape(url)}">{inner}</a>' if url else inner)
        elif node_type in SLATE_ELEMENTS:
            tag = SLATE_ELEMENTS[node_type]
            parts.append(f"<{tag}>{inner}</{tag}>")
        else:
            parts.append(inner)
    return "".join(parts)


def slate_link_url(data):
    """Volto writes a link as data.url, or as data.link.internal / .external / .email."""
    if data.get("url"):
        return data["url"]
    link = data.get("link") or {}
    internal = (link.get("internal") or {}).get("internal_link") or []
    if internal and isinstance(internal[0], dict) and internal[0].get("@id"):
        return internal[0]["@id"]
    if (link.get("external") or {}).get("external_link"):
        return link["external"]["external_link"]
    if (link.get("email") or {}).get("email_address"):
        return "mailto:" + link["email"]["email_address"]
    return ""


def block_plaintext(block):
    if isinstance(block.get("plaintext"), str):
        return block["plaintext"].strip()
    texts = []

    def collect(value):
        if isinstance(value, dict):
            for key, inner in value.items():
                if key in ("text", "title", "description") and isinstance(inner, str):
                    texts.append(inner.strip())
                else:
                    collect(inner)
        elif isinstance(value, list):
            for inner in value:
                collect(inner)

    collect({k: v for k, v in block.items() if k != "@type"})
    return "\n".join(t for t in texts if t)


def is_blank(node):
    return isinstance(node, NavigableString) and not str(node).strip()


def plain_text_to_html(text):
    paragraphs = [p.strip() for p in (text or "").split("\n\n") if p.strip()]
    return "".join(f"<p>{escape(p).replace(chr(10), '<br>')}</p>" for p in paragraphs)
