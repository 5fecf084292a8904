"""wagtail-localize offers translators only the text of the partnership pages; dates,
budgets, codes, coordinates, images, relations and roles are synchronised."""

import datetime
from decimal import Decimal

import pytest
from wagtail_localize.models import TranslationSource
from wagtail_localize.segments.extract import extract_segments
from wagtail_localize.segments.types import StringSegmentValue

from partners.models import PartnershipRole, PilotStatus, ProjectPage
from partners.models.values import DatePrecision
from tests.factories import (
    PartnerPageFactory,
    PartnershipFactory,
    PilotShowcasePageFactory,
    ProjectPageFactory,
    ProjectPhaseFactory,
)

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("site_database")]


def strings_offered(page):
    """{segment path: text} that wagtail-localize sends to translators."""
    return {
        segment.path: segment.render_text()
        for segment in extract_segments(page)
        if isinstance(segment, StringSegmentValue)
    }


@pytest.fixture
def network(partners_tree):
    tree = partners_tree
    tree.messina = PartnerPageFactory(
        parent=tree.partners,
        title="Messina",
        slug="messina",
        city="Messina",
        country="IT",
        organisation_name="Municipiul Messina",
        profile="Partenerul lider al rețelei.",
        latitude=Decimal("38.1938"),
        longitude=Decimal("15.554"),
        website="https://comune.messina.it/",
    )
    tree.project = ProjectPageFactory(
        parent=tree.projects,
        introduction="Rețeaua DigiPlace.",
        network_type="Rețea de Planificare URBACT",
    )
    PartnershipFactory(project=tree.project, partner=tree.messina, role=PartnershipRole.LEAD)
    ProjectPhaseFactory(project=tree.project, name="Planificare")
    tree.pilot = PilotShowcasePageFactory(
        parent=tree.project,
        slug="pilot",
        partner=tree.messina,
        introduction="O acțiune pilot.",
        status=PilotStatus.RUNNING,
        budget_eur=Decimal("9000"),
        start_date=datetime.date(2021, 5, 1),
    )
    return tree


def test_project_translators_get_its_text_and_phase_names_but_no_numbers_or_partners(network):
    offered = strings_offered(network.project)
    texts = set(offered.values())
    assert {"DigiPlace", "Rețeaua DigiPlace.", "Rețea de Planificare URBACT", "Planificare"} <= (
        texts
    )
    paths = " ".join(offered)
    for synchronised in ("total_budget_eur", "pilot_budget_cap_eur", "partnership", "date"):
        assert synchronised not in paths
    assert not any("146993" in text for text in texts)


def test_partner_translators_get_its_text_but_not_its_country_location_or_website(network):
    offered = strings_offered(network.messina)
    assert set(offered.values()) >= {"Municipiul Messina", "Partenerul lider al rețelei."}
    paths = " ".join(offered)
    for synchronised in ("country", "latitude", "longitude", "website", "image."):
        assert synchronised not in paths


def test_pilot_translators_get_its_text_but_not_its_status_budget_dates_or_partner(network):
    offered = strings_offered(network.pilot)
    assert "O acțiune pilot." in offered.values()
    paths = " ".join(offered)
    for synchronised in ("status", "budget_eur", "start_date", "partner", "action_line"):
        assert synchronised not in paths


def test_synchronising_a_translation_copies_budget_and_dates_and_keeps_links_in_english(
    client, network, django_capture_on_commit_callbacks
):
    def translate(source):
        # wagtail-localize publishes translations once the transaction commits.
        with django_capture_on_commit_callbacks(execute=True):
            source.create_or_update_translation(network.english, fallback=True)

    messina_source, _ = TranslationSource.get_or_create_from_instance(network.messina)
    translate(messina_source)
    source, _ = TranslationSource.get_or_create_from_instance(network.project)
    translate(source)

    # The Romanian editor corrects the budget and a phase's dates, then syncs the translation.
    project = ProjectPage.objects.get(pk=network.project.pk)
    project.total_budget_eur = Decimal("150000")
    phase = project.phases.get()
    phase.start_date, phase.date_precision = datetime.date(2019, 10, 1), DatePrecision.MONTH
    phase.save()
    project.save_revision().publish()
    source.update_from_db()
    translate(source)

    english = project.get_translation(network.english)
    assert english.total_budget_eur == Decimal("150000")
    html = client.get(english.url).content.decode()
    assert "€150,000" in html
    assert '<time datetime="2019-10">October 2019</time>' in html
    assert '<a href="/en/partners/messina/">Messina</a> (Italy)' in html


def test_translators_open_the_translation_editor_for_each_page_type(
    admin_client, network, django_capture_on_commit_callbacks
):
    from django.urls import reverse

    for page, source_text in (
        (network.messina, "Municipiul Messina"),
        (network.project, "Rețeaua DigiPlace."),
        (network.pilot, "O acțiune pilot."),
    ):
        source, _ = TranslationSource.get_or_create_from_instance(page)
        with django_capture_on_commit_callbacks(execute=True):
            source.create_or_update_translation(network.english, fallback=True)
        translation = page.get_translation(network.english)
        response = admin_client.get(reverse("wagtailadmin_pages:edit", args=(translation.pk,)))
        assert response.status_code == 200, page
        # wagtail-localize's editor lists the source strings to translate.
        assert source_text in response.content.decode(), page
