"""Image credits and licences: edited in the image library, shown under the image on
pages, in the feeds' media data and in JSON-LD, and filled by the Plone importer."""

import json

import feedparser
import pytest
from django.urls import reverse
from wagtail.images import get_image_model

from pages.image_credits import ImageRights, save_rights
from plone_import.sample import blob_base64, item, png_bytes, write_collective
from tests.factories import (
    ImageFactory,
    PartnerPageFactory,
    PilotGalleryImageFactory,
    PilotShowcasePageFactory,
    PressReleasePageFactory,
    ProjectPageFactory,
    build_newsroom,
)
from tests.plone_import.helpers import run_import
from tests.structured_data import json_ld_of_type

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("site_database")]

CREDIT = (
    '<small class="image-credit">Foto: Ion Popescu · '
    '<a href="https://creativecommons.org/licenses/by/4.0/" rel="license">CC BY 4.0</a></small>'
)


@pytest.fixture
def newsroom(site_tree):
    return build_newsroom(site_tree)


@pytest.fixture
def credited_image(db):
    image = ImageFactory()
    save_rights(image, "Ion Popescu", "CC BY 4.0")
    return image


@pytest.fixture
def release(newsroom, credited_image):
    body_image = ImageFactory()
    save_rights(body_image, "", "© Primăria Municipiului Botoșani")
    return PressReleasePageFactory(
        parent=newsroom.news,
        slug="intalnirea",
        hero_image=credited_image,
        hero_image_alt="Sala de ședințe",
        hero_image_caption="Întâlnirea Grupului Local",
        body=[
            (
                "image",
                {"image": body_image, "alt_text": "Primăria", "decorative": False, "caption": ""},
            )
        ],
    )


def test_an_editor_gives_an_image_its_credit_and_licence(admin_client, credited_image):
    url = reverse("wagtailimages:edit", args=[credited_image.pk])
    form = admin_client.get(url).context["form"]
    assert form["credit"].value() == "Ion Popescu"
    assert form["licence"].value() == "CC BY 4.0"
    response = admin_client.post(
        url,
        {
            "title": credited_image.title,
            "collection": credited_image.collection_id,
            "tags": "",
            "description": "",
            "credit": "Maria Ionescu",
            "licence": "© Primăria Municipiului Botoșani",
            "focal_point_x": "",
            "focal_point_y": "",
            "focal_point_width": "",
            "focal_point_height": "",
        },
    )
    assert response.status_code == 302, response.context["form"].errors
    rights = ImageRights.objects.get(image=credited_image)
    assert (rights.credit, rights.licence) == ("Maria Ionescu", "© Primăria Municipiului Botoșani")


def test_a_credit_edited_in_the_library_shows_at_once_under_the_hero(
    client, admin_client, release, credited_image
):
    # The hero image is remembered with its credit until content changes (pages/images.py).
    assert "Foto: Ion Popescu" in client.get("/ro/stiri/intalnirea/").content.decode()
    response = admin_client.post(
        reverse("wagtailimages:edit", args=[credited_image.pk]),
        {
            "title": credited_image.title,
            "collection": credited_image.collection_id,
            "tags": "",
            "description": "",
            "credit": "Maria Ionescu",
            "licence": "",
        },
    )
    assert response.status_code == 302, response.context["form"].errors
    html = client.get("/ro/stiri/intalnirea/").content.decode()
    assert "Ion Popescu" not in html
    assert '<small class="image-credit">Foto: Maria Ionescu</small>' in html


def test_the_credit_is_shown_under_the_hero_and_body_images(client, release):
    html = client.get("/ro/stiri/intalnirea/").content.decode()
    assert f"<figcaption>Întâlnirea Grupului Local {CREDIT}</figcaption>" in html
    assert (
        '<figcaption><small class="image-credit">© Primăria Municipiului Botoșani</small>'
        "</figcaption>" in html
    )


def test_an_image_without_credit_shows_no_credit(client, newsroom):
    PressReleasePageFactory(
        parent=newsroom.news, slug="fara", hero_image=ImageFactory(), hero_image_alt="Sala"
    )
    html = client.get("/ro/stiri/fara/").content.decode()
    assert "image-credit" not in html and "<figcaption>" not in html


def test_the_credit_is_shown_under_gallery_images(client, partners_tree, credited_image):
    project = ProjectPageFactory(parent=partners_tree.projects)
    partner = PartnerPageFactory(parent=partners_tree.partners, title="Botoșani")
    pilot = PilotShowcasePageFactory(parent=project, slug="pilot", partner=partner)
    PilotGalleryImageFactory(pilot=pilot, image=credited_image, caption="Atelier")
    html = client.get("/ro/proiecte/digiplace/pilot/").content.decode()
    assert f"<figcaption>Atelier {CREDIT}</figcaption>" in html


@pytest.mark.parametrize("path", ["/ro/stiri/rss/", "/ro/stiri/atom/"])
def test_feed_readers_get_the_credit_and_licence_as_media_rss(client, release, path):
    feed = feedparser.parse(client.get(path).content)
    assert feed.bozo == 0, feed.get("bozo_exception")
    (entry,) = feed.entries
    assert entry.media_credit == [{"role": "author", "content": "Ion Popescu"}]
    assert entry.media_copyright == "CC BY 4.0"


def test_json_ld_describes_the_hero_image_with_its_credit_and_licence(client, release):
    data = json_ld_of_type(client.get("/ro/stiri/intalnirea/").content.decode(), "NewsArticle")
    (image,) = data["image"]
    assert image["@type"] == "ImageObject"
    assert image["contentUrl"].startswith("http://testserver/media/images/")
    assert image["creditText"] == "Ion Popescu"
    assert image["creator"] == {"@type": "Person", "name": "Ion Popescu"}
    assert image["copyrightNotice"] == "CC BY 4.0"
    assert image["license"] == "https://creativecommons.org/licenses/by/4.0/"


def test_the_plone_importer_fills_credit_and_licence_from_creators_and_rights(site_tree, tmp_path):
    items = [
        item("LRF", "/ro", "Română", language="ro"),
        item("Folder", "/ro/imagini", "Imagini"),
        item(
            "Image",
            "/ro/imagini/primaria.png",
            "Primăria",
            image=blob_base64(png_bytes(), "primaria.png", "image/png"),
            creators=["Ion Popescu", " "],
            rights="© Primăria Municipiului Botoșani",
        ),
        item(
            "Image",
            "/ro/imagini/fara.png",
            "Fără drepturi",
            image=blob_base64(png_bytes((9, 9, 9)), "fara.png", "image/png"),
        ),
    ]
    report_path = tmp_path / "report.json"
    run_import(write_collective(tmp_path / "export", items), "--report", str(report_path))
    assert json.loads(report_path.read_text())
    images = get_image_model().objects
    rights = ImageRights.objects.get(image=images.get(title="Primăria"))
    assert (rights.credit, rights.licence) == ("Ion Popescu", "© Primăria Municipiului Botoșani")
    assert not ImageRights.objects.filter(image=images.get(title="Fără drepturi")).exists()
