"""The press kit of a release: one ZIP, read back as a journalist opens it."""

import datetime
import io
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image as PILImage
from wagtail.models import CollectionViewRestriction, PageViewRestriction

from newsroom.models import PressReleaseRelatedPage
from pages.funding import EUFund
from pages.image_credits import save_rights
from tests.factories import (
    DocumentFactory,
    ImageFactory,
    PressContactFactory,
    PressReleaseAttachmentFactory,
    PressReleasePageFactory,
    ProjectPageFactory,
    build_newsroom,
    root_collection,
)

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("site_database")]

KIT_URL = "/press-kits/{pk}/intalnirea-grupului-local-2021-04-08.zip"
GPS_IFD = 0x8825


def jpeg_with_gps():
    """A JPEG as a phone writes it: camera, time and the GPS position in its EXIF."""
    image = PILImage.new("RGB", (640, 480), "#0b4f8a")
    exif = PILImage.Exif()
    exif[0x010F] = "PhoneMaker"  # Make
    exif[0x0132] = "2021:04:08 10:00:00"  # DateTime
    exif.get_ifd(GPS_IFD).update({1: "N", 2: (47.0, 44.0, 47.0), 3: "E", 4: (26.0, 39.0, 58.0)})
    output = io.BytesIO()
    image.save(output, format="JPEG", exif=exif)
    return output.getvalue()


@pytest.fixture
def newsroom(site_tree):
    return build_newsroom(site_tree)


@pytest.fixture
def private_collection(db):
    collection = root_collection().add_child(name="Intern")
    CollectionViewRestriction.objects.create(
        collection=collection, restriction_type=CollectionViewRestriction.LOGIN
    )
    return collection


@pytest.fixture
def release(newsroom, private_collection, partners_tree):
    hero = ImageFactory(
        title="Sala de ședințe",
        file=SimpleUploadedFile("sala.jpg", jpeg_with_gps(), content_type="image/jpeg"),
    )
    save_rights(hero, "Ion Popescu", "© Primăria Municipiului Botoșani")
    body_image = ImageFactory(title="Primăria")
    project = ProjectPageFactory(parent=partners_tree.projects, eu_fund=EUFund.ERDF)
    release = PressReleasePageFactory(
        parent=newsroom.news,
        title="Întâlnirea Grupului Local URBACT",
        slug="intalnirea-grupului-local",
        reference="CP-2021-014",
        release_date=datetime.date(2021, 4, 8),
        place="Sala „Mihai Eminescu”",
        lead="Pe 8 aprilie 2021 a avut loc întâlnirea.",
        hero_image=hero,
        hero_image_alt="Membrii grupului în sală",
        body=[
            ("paragraph", "<p>Discuțiile s-au purtat &amp; au continuat.</p>"),
            ("heading", {"text": "Pașii următori", "level": "h2"}),
            (
                "image",
                {"image": body_image, "alt_text": "Clădirea", "decorative": False, "caption": ""},
            ),
        ],
        related_pages=[PressReleaseRelatedPage(page=project)],
    )
    PressContactFactory(release=release, name="Claudiu Nanea", email="relatii@example.ro")
    PressReleaseAttachmentFactory(
        release=release, document=DocumentFactory(title="Agenda", file=pdf("agenda.pdf"))
    )
    PressReleaseAttachmentFactory(
        release=release,
        document=DocumentFactory(
            title="Notă internă", file=pdf("nota-interna.pdf"), collection=private_collection
        ),
    )
    release.save_revision().publish()
    return release


def pdf(name):
    return SimpleUploadedFile(name, b"%PDF-1.4 " + name.encode(), content_type="application/pdf")


def download(client, release):
    response = client.get(KIT_URL.format(pk=release.pk))
    assert response.status_code == 200, response.status_code
    return response, zipfile.ZipFile(io.BytesIO(response.content))


def test_the_kit_is_a_zip_named_after_the_release(client, release):
    response, kit = download(client, release)
    assert response["Content-Type"] == "application/zip"
    assert response["Content-Disposition"] == (
        'attachment; filename="intalnirea-grupului-local-2021-04-08.zip"'
    )
    assert kit.testzip() is None
    names = sorted(kit.namelist())
    assert names == [
        "attachments/agenda.pdf",
        "credits.txt",
        "images/01-sala-de-sedinte.jpg",
        "images/02-primaria.jpg",
        "intalnirea-grupului-local.txt",
    ]


def test_the_kit_never_holds_a_document_of_a_private_collection(client, release):
    _, kit = download(client, release)
    assert not [name for name in kit.namelist() if "nota-interna" in name]
    assert b"nota-interna" not in b"".join(kit.read(name) for name in kit.namelist())


def test_the_release_text_is_in_its_language(client, release):
    _, kit = download(client, release)
    text = kit.read("intalnirea-grupului-local.txt").decode()
    assert text.startswith("Întâlnirea Grupului Local URBACT\n\n")
    for line in (
        "Număr de referință: CP-2021-014",
        "Data: 8 aprilie 2021",
        "Locul: Sala „Mihai Eminescu”",
        "Pe 8 aprilie 2021 a avut loc întâlnirea.",
        "Discuțiile s-au purtat & au continuat.",
        "Pașii următori",
        "- Claudiu Nanea, Project officer; E-mail: relatii@example.ro",
        "Co-finanțat de Uniunea Europeană",
        "URBACT III · Fondul European de Dezvoltare Regională (FEDR)",
        "http://localhost/ro/stiri/intalnirea-grupului-local/",
    ):
        assert line in text, line
    assert "<p>" not in text


def test_credits_name_each_image_with_alt_text_credit_and_licence(client, release):
    _, kit = download(client, release)
    credits = kit.read("credits.txt").decode()
    assert (
        "images/01-sala-de-sedinte.jpg\n"
        "  Text alternativ: Membrii grupului în sală\n"
        "  Credit: Ion Popescu\n"
        "  Licență: © Primăria Municipiului Botoșani\n"
    ) in credits
    assert "images/02-primaria.jpg\n  Text alternativ: Clădirea\n  Credit: nespecificat" in credits


def test_images_are_full_size_without_exif_or_gps(client, release):
    original = PILImage.open(release.hero_image.file)
    assert original.getexif().get_ifd(GPS_IFD)  # the upload carried a position
    _, kit = download(client, release)
    with PILImage.open(io.BytesIO(kit.read("images/01-sala-de-sedinte.jpg"))) as image:
        assert image.size == (640, 480)
        assert not image.getexif()
        assert "exif" not in image.info
    assert b"PhoneMaker" not in kit.read("images/01-sala-de-sedinte.jpg")


def test_the_release_shows_the_download_link(client, release):
    html = client.get("/ro/stiri/intalnirea-grupului-local/").content.decode()
    assert f'<a class="button" href="{KIT_URL.format(pk=release.pk)}" download>' in html
    assert "Descarcă dosarul de presă" in html


def test_no_kit_for_a_release_in_a_private_section(client, release):
    PageViewRestriction.objects.create(page=release, restriction_type="login")
    assert client.get(KIT_URL.format(pk=release.pk)).status_code == 404


def test_a_signed_in_reader_of_a_private_release_sees_no_kit_link(
    client, release, django_user_model
):
    PageViewRestriction.objects.create(page=release, restriction_type="login")
    client.force_login(django_user_model.objects.create_user("reader", password="x"))
    response = client.get("/ro/stiri/intalnirea-grupului-local/")
    assert response.status_code == 200
    assert "Descarcă dosarul de presă" not in response.content.decode()


def test_no_kit_for_a_release_under_a_restricted_index(client, release, newsroom):
    PageViewRestriction.objects.create(
        page=newsroom.news, restriction_type="password", password="secret"
    )
    assert client.get(KIT_URL.format(pk=release.pk)).status_code == 404


def test_no_kit_for_an_unpublished_release(client, admin_client, release):
    release.unpublish()
    assert client.get(KIT_URL.format(pk=release.pk)).status_code == 404
    # Not for editors either: a kit is what the public may download.
    assert admin_client.get(KIT_URL.format(pk=release.pk)).status_code == 404
    assert client.get("/press-kits/999999/x.zip").status_code == 404


def test_an_old_file_name_leads_to_the_current_one(client, release):
    response = client.get(f"/press-kits/{release.pk}/vechi-2020-01-01.zip")
    assert response.status_code == 302
    assert response["Location"] == KIT_URL.format(pk=release.pk)


def test_the_kit_is_cached_until_the_release_is_published_again(client, release):
    first, _ = download(client, release)
    again, _ = download(client, release)
    assert again.content == first.content
    assert again["ETag"] == first["ETag"]

    release.title = "Întâlnirea Grupului Local URBACT (corectat)"
    release.save_revision().publish()
    after, kit = download(client, release)
    assert after["ETag"] != first["ETag"]
    text = kit.read("intalnirea-grupului-local.txt").decode()
    assert text.startswith("Întâlnirea Grupului Local URBACT (corectat)\n")


def test_a_document_made_private_leaves_the_cached_kit(client, release, private_collection):
    download(client, release)
    agenda = release.attachments.get(document__title="Agenda").document
    agenda.collection = private_collection
    agenda.save()
    _, kit = download(client, release)
    assert "attachments/agenda.pdf" not in kit.namelist()


def test_a_repeated_download_of_an_unchanged_kit_is_not_modified(client, release):
    first, _ = download(client, release)
    response = client.get(KIT_URL.format(pk=release.pk), HTTP_IF_NONE_MATCH=first["ETag"])
    assert response.status_code == 304
    assert response.content == b""
