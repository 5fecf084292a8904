"""The small bilingual Plone site the importer's tests import, and helpers to run the
import and find what it made."""

from io import StringIO
from zoneinfo import ZoneInfo

from django.core.management import call_command
from wagtail.contrib.redirects.models import Redirect
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Page, Revision

from newsroom.models import Topic
from plone_import.models import PloneOrigin
from plone_import.sample import SITE_URL, blob_base64, item, png_bytes, uid

BUCHAREST = ZoneInfo("Europe/Bucharest")

NEWS_RO = "/ro/noutati/vizita-messina"
NEWS_RO_VOLTO = "/ro/noutati/vizita-2"
NEWS_EN = "/en/news/messina-visit"
DRAFT = "/ro/noutati/ciorna"
ABOUT = "/ro/despre-noi"
PRIVATE_DOCUMENT = "/ro/intern"  # its new address is its old one
TEAM = "/ro/institutie/echipa"
HISTORY = "/ro/despre-noi/istoric"
PRIVATE_FILE = "/ro/documente/intern.pdf"
IMAGE = "/ro/imagini/primaria.png"
FILE = "/ro/documente/raport.pdf"
EVENT = "/ro/noutati/concert"


def site_items():
    """A bilingual Plone site: language roots, news folders, news with images, rich text
    with resolveuid links, a Volto item, a private item, documents and an unsupported type."""
    image = item(
        "Image",
        IMAGE,
        "Primăria Botoșani",
        image=blob_base64(png_bytes(), "primaria.png", "image/png"),
    )
    document = item(
        "File",
        FILE,
        "Raport anual",
        file=blob_base64(b"%PDF-1.4 raport", "raport.pdf", "application/pdf"),
    )
    text = (
        f'<p>Vezi <a href="resolveuid/{uid(ABOUT)}">pagina despre noi</a>, '
        f'<a href="../../resolveuid/{uid(FILE)}/@@download/file">raportul</a> și '
        f'<a href="{SITE_URL}{NEWS_RO_VOLTO}/view">vizita următoare</a>.</p>'
        f'<p><img src="resolveuid/{uid(IMAGE)}/@@images/image/large" alt="Clădirea primăriei"></p>'
        '<script>alert("x")</script>'
        '<p onclick="steal()" style="color:red">Text <strong>important</strong></p>'
        "<h2>Rezultate</h2><ul><li>unu</li><li>doi</li></ul>"
    )
    return [
        item("LRF", "/ro", "Română", language="ro"),
        item("LRF", "/en", "English", language="en"),
        item("Folder", "/ro/noutati", "Noutăți", language=""),
        item("Folder", "/en/news", "News", language="en"),
        item("Folder", "/ro/imagini", "Imagini"),
        item("Folder", "/ro/documente", "Documente"),
        item("Folder", "/ro/institutie", "Instituție"),
        image,
        document,
        item(
            "News Item",
            NEWS_RO,
            "Vizită la Messina",
            description="Delegația Botoșanilor a vizitat Messina.",
            language={"token": "ro", "title": "Română"},
            effective="2021-03-04T10:00:00",
            modified="2021-03-05T12:30:00",
            text={"data": text, "content-type": "text/html", "encoding": "utf-8"},
            image=blob_base64(png_bytes((0, 90, 200)), "messina.png", "image/png"),
            image_caption="Delegația la Messina",
            subjects=["URBACT", "Digitalizare"],
            relatedItems=[{"UID": uid(NEWS_RO_VOLTO), "@type": "News Item"}],
        ),
        item(
            "News Item",
            NEWS_RO_VOLTO,
            "A doua vizită",
            description="Volto.",
            language="##DEFAULT##",
            effective="2021-04-01T08:00:00+00:00",
            blocks={
                "t": {"@type": "title"},
                "p": {
                    "@type": "slate",
                    "value": [
                        {
                            "type": "p",
                            "children": [
                                {"text": "După "},
                                {
                                    "type": "link",
                                    "data": {"url": f"../resolveuid/{uid(NEWS_RO)}"},
                                    "children": [{"text": "prima vizită"}],
                                },
                                {"text": ", "},
                                {"type": "strong", "children": [{"text": "a doua"}]},
                                {"text": "."},
                            ],
                        }
                    ],
                },
                "h": {
                    "@type": "slate",
                    "value": [{"type": "h2", "children": [{"text": "Program"}]}],
                },
                "i": {"@type": "image", "url": f"resolveuid/{uid(IMAGE)}", "alt": "Primăria"},
                "x": {"@type": "teaser", "title": "Vezi și", "plaintext": "Teaser text"},
            },
            blocks_layout={"items": ["t", "p", "h", "i", "x"]},
        ),
        item(
            "News Item",
            NEWS_EN,
            "Visit to Messina",
            description="The Botoșani delegation visited Messina.",
            language="en",
            effective="2021-03-04T10:00:00",
            text={"data": "<p>In English.</p>", "content-type": "text/html"},
            subjects=["URBACT", "Digitalisation"],
        ),
        item("News Item", DRAFT, "Ciornă", review_state="private", description="Nepublicat."),
        item(
            "Document",
            PRIVATE_DOCUMENT,
            "Intern",
            review_state="private",
            text={"data": "<p>x</p>"},
        ),
        item(
            "Document",
            ABOUT,
            "Despre noi",
            description="Cine suntem.",
            text={"data": "<p>Primăria.</p>", "content-type": "text/html"},
        ),
        item("Document", TEAM, "Echipa", text={"data": "<p>Echipa.</p>"}),
        item(
            "Document",
            HISTORY,
            "Istoric",
            parent_type="Document",
            text={
                "data": '<p><a href="https://www.primariabt.ro/ro/noutati/vizita-messina">'
                "Vizita</a></p>",
                "content-type": "text/html",
            },
        ),
        item(
            "File",
            PRIVATE_FILE,
            "Notă internă",
            review_state="private",
            file=blob_base64(b"%PDF-1.4 intern", "intern.pdf", "application/pdf"),
        ),
        item("Event", EVENT, "Concert"),
        item("News Item", "/ro/noutati/fara-titlu", ""),
        item(
            "News Item",
            "/ro/nicaieri/orfan",
            "Orfan",
            parent_path="/ro/nicaieri",
            parent_type="Folder",
        ),
        item("News Item", "/de/nachrichten/besuch", "Besuch", language="de"),
    ]


def translations_by_language():
    return [{"ro": uid(NEWS_RO), "en": uid(NEWS_EN)}]


def translations_canonical():
    return [{"canonical": uid(NEWS_RO), "translations": {"en": uid(NEWS_EN)}}]


def plone_relations():
    return [
        {"from_uuid": uid(NEWS_RO), "to_uuid": uid(FILE), "relationship": "relatedItems"},
        {"from_uuid": uid(NEWS_RO), "to_uuid": uid(IMAGE), "relationship": "relatedItems"},
    ]


def plone_redirects():
    # A chain in Plone: /ro/mai-vechi -> /ro/vizita-veche -> the release.
    return {
        "/Plone/ro/vizita-veche": f"/Plone{NEWS_RO}",
        "/Plone/ro/mai-vechi": "/Plone/ro/vizita-veche",
    }


def run_import(path, *args):
    out = StringIO()
    call_command("import_plone", str(path), *args, stdout=out, stderr=StringIO())
    return out.getvalue()


def page_for(path):
    origin = PloneOrigin.objects.get(uid=uid(path))
    return Page.objects.get(pk=origin.object_id).specific


def lines(report, kind=None):
    return [line for line in report["lines"] if kind is None or line["kind"] == kind]


def counts():
    return (
        Page.objects.count(),
        Revision.objects.count(),
        get_image_model().objects.count(),
        get_document_model().objects.count(),
        Redirect.objects.count(),
        PloneOrigin.objects.count(),
        Topic.objects.count(),
    )
