"""The open-data API (/api/v2/): the structured fields of each page type, in each language,
and nothing that is not live and public."""

import datetime
from decimal import Decimal

import pytest
from wagtail.models import PageViewRestriction

from demo_content.building import ensure_translation
from newsroom.models import PressReleaseRelatedPage
from partners.models import HostedMeeting, PartnershipRole
from tests.factories import (
    DocumentFactory,
    ImageFactory,
    PartnerPageFactory,
    PartnershipFactory,
    PilotShowcasePageFactory,
    PressContactFactory,
    PressReleaseAttachmentFactory,
    PressReleasePageFactory,
    ProjectPageFactory,
    ProjectPhaseFactory,
    TopicFactory,
    build_newsroom,
)

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("site_database")]


@pytest.fixture
def tree(partners_tree):
    """The news indexes, a partner, the DigiPlace project and a pilot, in both languages."""
    tree = build_newsroom(partners_tree)
    tree.messina = PartnerPageFactory(
        parent=tree.partners,
        title="Messina",
        slug="messina",
        organisation_name="Municipiul Messina",
        city="Messina",
        country="IT",
        website="https://comune.messina.it/",
        profile="Oraș portuar din Sicilia.",
        image=ImageFactory(),
        image_alt="Portul din Messina",
        latitude=Decimal("38.193813"),
        longitude=Decimal("15.554015"),
    )
    tree.messina_en = ensure_translation(
        tree.messina,
        tree.english,
        organisation_name="Municipality of Messina",
        profile="A port city in Sicily.",
        image_alt="The port of Messina",
    )
    tree.project = ProjectPageFactory(
        parent=tree.projects,
        title="DigiPlace",
        slug="digiplace",
        former_names="Digital Innovation 4 Cities – DI4C\nDI4C",
        network_type="Rețea de planificare URBACT",
        objectives="<p>Infrastructură digitală.</p>",
    )
    PartnershipFactory(project=tree.project, partner=tree.messina, role=PartnershipRole.LEAD)
    ProjectPhaseFactory(project=tree.project, name="Planificare")
    HostedMeeting.objects.create(
        project=tree.project,
        date=datetime.date(2020, 2, 12),
        host=tree.messina,
        place="Sala „Mihai Eminescu”",
        description="Întâlnirea partenerilor",
    )
    tree.project.save_revision().publish()
    tree.project_en = ensure_translation(
        tree.project,
        tree.english,
        network_type="URBACT Planning Network",
        objectives="<p>Digital infrastructure.</p>",
    )
    tree.pilot = PilotShowcasePageFactory(
        parent=tree.project,
        title="Acțiunea pilot",
        slug="actiune-pilot",
        partner=tree.messina,
        action_line="awareness-events",
        status="running",
        start_date=datetime.date(2021, 4, 8),
        end_date=datetime.date(2021, 10, 1),
        budget_eur=Decimal("9500"),
        stakeholders="<p>Grupul local URBACT.</p>",
        goals="<p>Participare.</p>",
        results="<p>Rezultate.</p>",
    )
    tree.pilot_en = ensure_translation(
        tree.pilot,
        tree.english,
        title="Pilot action",
        slug="pilot-action",
        goals="<p>Participation.</p>",
    )
    return tree


def items(client, page_type, locale, **params):
    response = client.get(
        "/api/v2/pages/", {"type": page_type, "fields": "*", "locale": locale, **params}
    )
    assert response.status_code == 200, response.content
    return response.json()["items"]


def only(client, page_type, locale):
    (item,) = items(client, page_type, locale)
    return item


def test_release_exposes_its_structured_fields_in_each_language(client, tree):
    topic = TopicFactory(name="Digitalizare", slug="digitalizare")
    ensure_translation(topic, tree.english, name="Digitalisation", slug="digitalisation")
    release = PressReleasePageFactory(
        parent=tree.news,
        title="Comunicat",
        lead="Primul paragraf.",
        release_date=datetime.date(2021, 4, 8),
        place="Sala „Mihai Eminescu”",
        hero_image=ImageFactory(),
        hero_image_alt="Sala de ședințe",
        hero_image_caption="Întâlnirea grupului local",
        topics=[topic],
    )
    PressContactFactory(
        release=release, name="Ana Pop", role="Responsabil proiect", email="ana@example.ro"
    )
    PressReleaseAttachmentFactory(release=release, document=DocumentFactory(title="Dosar"))
    PressReleaseRelatedPage.objects.create(release=release, page=tree.project)
    draft = ProjectPageFactory(parent=tree.projects, title="Ciornă", slug="ciorna", live=False)
    PressReleaseRelatedPage.objects.create(release=release, page=draft)
    release.save_revision().publish()
    ensure_translation(
        release,
        tree.english,
        title="Release",
        slug="release",
        lead="The first paragraph.",
        hero_image_alt="The meeting room",
    )

    ro = only(client, "newsroom.PressReleasePage", "ro")
    assert ro["title"] == "Comunicat"
    assert ro["lead"] == "Primul paragraf."
    assert ro["release_date"] == "2021-04-08"
    assert ro["place"] == "Sala „Mihai Eminescu”"
    assert ro["hero_image"]["id"] == release.hero_image_id
    assert ro["hero_image_rendition"]["width"] == 1200
    assert ro["hero_image_rendition"]["height"] == 630
    assert ro["hero_image_rendition"]["url"]
    assert ro["hero_image_alt"] == "Sala de ședințe"
    assert ro["hero_image_caption"] == "Întâlnirea grupului local"
    assert ro["body"][0]["type"] == "paragraph"
    assert ro["topics"] == [{"name": "Digitalizare", "slug": "digitalizare"}]
    (contact,) = ro["contacts"]
    assert (contact["name"], contact["role"], contact["email"]) == (
        "Ana Pop",
        "Responsabil proiect",
        "ana@example.ro",
    )
    (attachment,) = ro["attachments"]
    assert attachment["document"]["title"] == "Dosar"
    assert attachment["document"]["download_url"].startswith("http://testserver/documents/")
    # The draft project is left out, title and all.
    assert ro["related_pages"] == [
        {"id": tree.project.pk, "title": "DigiPlace", "type": "partners.ProjectPage"}
    ]

    en = only(client, "newsroom.PressReleasePage", "en")
    assert (en["title"], en["lead"], en["hero_image_alt"]) == (
        "Release",
        "The first paragraph.",
        "The meeting room",
    )
    assert en["release_date"] == "2021-04-08"
    assert en["topics"] == [{"name": "Digitalisation", "slug": "digitalisation"}]
    assert [c["name"] for c in en["contacts"]] == ["Ana Pop"]
    # Related pages are given in the release's language.
    assert en["related_pages"] == [
        {"id": tree.project_en.pk, "title": tree.project_en.title, "type": "partners.ProjectPage"}
    ]


def test_project_exposes_its_partnership_phases_meetings_and_budget(client, tree):
    for locale, partner, objectives, network in (
        ("ro", tree.messina, "<p>Infrastructură digitală.</p>", "Rețea de planificare URBACT"),
        ("en", tree.messina_en, "<p>Digital infrastructure.</p>", "URBACT Planning Network"),
    ):
        project = only(client, "partners.ProjectPage", locale)
        assert project["former_names"] == ["Digital Innovation 4 Cities – DI4C", "DI4C"]
        assert project["programme"] == "URBACT III"
        assert project["network_type"] == network
        assert Decimal(project["total_budget_eur"]) == Decimal("146993")
        assert Decimal(project["pilot_budget_cap_eur"]) == Decimal("10000")
        assert project["objectives"] == objectives
        (partnership,) = project["partnership"]
        # The partner in the project's language, though the relation is synchronised.
        assert partnership["partner"] == {
            "id": partner.pk,
            "title": "Messina",
            "type": "partners.PartnerPage",
        }
        assert partnership["role"] == "lead"
        (phase,) = project["phases"]
        assert (phase["start_date"], phase["end_date"]) == ("2019-09-02", "2020-03-02")
        (meeting,) = project["meetings"]
        assert meeting["date"] == "2020-02-12"
        assert meeting["host"]["id"] == partner.pk


def test_partner_exposes_its_organisation_place_and_image(client, tree):
    ro = only(client, "partners.PartnerPage", "ro")
    en = only(client, "partners.PartnerPage", "en")
    assert ro["organisation_name"] == "Municipiul Messina"
    assert en["organisation_name"] == "Municipality of Messina"
    assert (ro["country"], ro["country_name"]) == ("IT", "Italia")
    assert (en["country"], en["country_name"]) == ("IT", "Italy")
    assert ro["city"] == en["city"] == "Messina"
    assert ro["website"] == "https://comune.messina.it/"
    assert en["profile"] == "A port city in Sicily."
    assert Decimal(ro["latitude"]) == Decimal("38.193813")
    assert Decimal(en["longitude"]) == Decimal("15.554015")
    assert ro["image"]["id"] == en["image"]["id"] == tree.messina.image_id
    assert ro["image_rendition"]["width"] == 1200
    assert (ro["image_alt"], en["image_alt"]) == ("Portul din Messina", "The port of Messina")


def test_pilot_exposes_its_partner_line_status_period_budget_and_texts(client, tree):
    ro = only(client, "partners.PilotShowcasePage", "ro")
    en = only(client, "partners.PilotShowcasePage", "en")
    assert ro["partner"]["id"] == tree.messina.pk
    assert en["partner"]["id"] == tree.messina_en.pk
    for pilot in (ro, en):
        assert pilot["action_line"] == "awareness-events"
        assert pilot["status"] == "running"
        assert (pilot["start_date"], pilot["end_date"]) == ("2021-04-08", "2021-10-01")
        assert Decimal(pilot["budget_eur"]) == Decimal("9500")
    assert ro["stakeholders"] == "<p>Grupul local URBACT.</p>"
    assert (ro["goals"], en["goals"]) == ("<p>Participare.</p>", "<p>Participation.</p>")
    assert ro["results"] == "<p>Rezultate.</p>"


@pytest.mark.parametrize(
    "page_type",
    [
        "newsroom.PressReleasePage",
        "partners.ProjectPage",
        "partners.PartnerPage",
        "partners.PilotShowcasePage",
    ],
)
def test_locale_filter_lists_only_that_languages_pages(client, tree, page_type):
    PressReleasePageFactory(parent=tree.news)
    PressReleasePageFactory(parent=tree.news_en)
    for locale in ("ro", "en"):
        listed = items(client, page_type, locale)
        assert listed and {item["meta"]["locale"] for item in listed} == {locale}


def test_drafts_and_private_pages_never_appear(client, tree):
    public = PressReleasePageFactory(parent=tree.news, title="Public")
    draft = PressReleasePageFactory(parent=tree.news, title="Ciornă", live=False)
    private = PressReleasePageFactory(parent=tree.news, title="Privat")
    PageViewRestriction.objects.create(page=private, restriction_type="login")
    # A whole private section: its pages are private too.
    hidden = PartnerPageFactory(parent=tree.partners, title="Ascuns", slug="ascuns")
    PageViewRestriction.objects.create(
        page=tree.partners, restriction_type="password", password="x"
    )

    titles = [item["title"] for item in items(client, "newsroom.PressReleasePage", "ro")]
    assert titles == ["Public"]
    assert items(client, "partners.PartnerPage", "ro") == []
    everything = client.get("/api/v2/pages/", {"limit": 20, "fields": "*"}).json()
    listed = {item["id"] for item in everything["items"]}
    assert public.pk in listed
    assert not listed & {draft.pk, private.pk, hidden.pk, tree.messina.pk}
    for page in (draft, private, hidden):
        assert client.get(f"/api/v2/pages/{page.pk}/").status_code == 404
    assert client.get(f"/api/v2/pages/{public.pk}/").status_code == 200


def test_private_partner_is_not_named_by_the_pages_that_point_to_it(client, tree):
    PageViewRestriction.objects.create(page=tree.messina, restriction_type="login")
    project = only(client, "partners.ProjectPage", "ro")
    assert project["partnership"][0]["partner"] is None
    assert only(client, "partners.PilotShowcasePage", "ro")["partner"] is None


def test_images_and_documents_endpoints_list_and_detail(client, tree):
    document = DocumentFactory(title="Dosar de presă")
    images = client.get("/api/v2/images/")
    assert images.status_code == 200
    assert tree.messina.image_id in [item["id"] for item in images.json()["items"]]
    image = client.get(f"/api/v2/images/{tree.messina.image_id}/").json()
    assert (image["width"], image["height"]) == (1600, 900)
    documents = client.get("/api/v2/documents/")
    assert documents.status_code == 200
    assert [item["title"] for item in documents.json()["items"]] == ["Dosar de presă"]
    detail = client.get(f"/api/v2/documents/{document.pk}/").json()
    assert detail["meta"]["download_url"]


def test_api_is_read_only_for_every_endpoint(client, tree):
    for endpoint in ("pages", "images", "documents"):
        assert client.post(f"/api/v2/{endpoint}/", {"title": "x"}).status_code == 405


def test_documents_in_a_private_collection_are_neither_listed_nor_attached(client, tree):
    from wagtail.models import Collection, CollectionViewRestriction

    private = Collection.get_first_root_node().add_child(name="Intern")
    CollectionViewRestriction.objects.create(collection=private, restriction_type="login")
    secret = DocumentFactory(title="Notă internă", collection=private)
    DocumentFactory(title="Dosar de presă")
    release = PressReleasePageFactory(parent=tree.news)
    PressReleaseAttachmentFactory(release=release, document=secret)
    titles = [item["title"] for item in client.get("/api/v2/documents/").json()["items"]]
    assert titles == ["Dosar de presă"]
    assert client.get(f"/api/v2/documents/{secret.pk}/").status_code == 404
    (item,) = items(client, "newsroom.PressReleasePage", "ro")
    assert [attachment["document"] for attachment in item["attachments"]] == [None]
