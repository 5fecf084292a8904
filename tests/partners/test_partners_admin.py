"""Editors create and edit projects, partners and pilots in the Wagtail admin; bad input is
refused with a clear, translated form error, never a server error."""

import pytest
from django.urls import reverse
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text

from partners.models import (
    PartnerIndexPage,
    PartnerPage,
    PartnershipRole,
    PilotShowcasePage,
    ProjectIndexPage,
    ProjectPage,
)
from tests.factories import (
    PartnerPageFactory,
    PartnershipFactory,
    PilotShowcasePageFactory,
    ProjectPageFactory,
)

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("site_database")]

PUBLISH = {"action-publish": "action-publish"}


def add_url(model, parent):
    return reverse(
        "wagtailadmin_pages:add",
        args=(model._meta.app_label, model._meta.model_name, parent.pk),
    )


def edit_url(page):
    return reverse("wagtailadmin_pages:edit", args=(page.pk,))


def post(client, url, data, language="ro"):
    return client.post(url, nested_form_data({**data, **PUBLISH}), HTTP_ACCEPT_LANGUAGE=language)


def field_errors(response, field):
    return [str(e) for e in response.context["form"].errors.get(field, [])]


@pytest.fixture
def partners(partners_tree):
    tree = partners_tree
    tree.messina = PartnerPageFactory(parent=tree.partners, title="Messina", country="IT")
    tree.oulu = PartnerPageFactory(parent=tree.partners, title="Oulu", country="FI")
    tree.botosani = PartnerPageFactory(parent=tree.partners, title="Botoșani", country="RO")
    return tree


def project_data(tree, partnership, **fields):
    data = {
        "title": "DigiPlace",
        "slug": "digiplace",
        "programme": "URBACT III",
        "network_type": "Rețea de Planificare URBACT",
        "total_budget_eur": "146993",
        "pilot_budget_cap_eur": "10000",
        "objectives": rich_text("<p>Inovare digitală în orașele mijlocii.</p>"),
        "partnership": inline_formset(
            [{"partner": str(partner.pk), "role": role} for partner, role in partnership]
        ),
        "phases": inline_formset(
            [
                {
                    "name": "Planificare",
                    "start_date": "2019-09-02",
                    "end_date": "2020-03-02",
                    "date_precision": "day",
                }
            ]
        ),
        "meetings": inline_formset(
            [
                {
                    "date": "2020-02-01",
                    "date_precision": "month",
                    "host": str(tree.botosani.pk),
                    "place": "Botoșani",
                    "description": "Întâlnirea partenerilor din proiect",
                }
            ]
        ),
    }
    data.update(fields)
    return data


LEAD, PARTNER = PartnershipRole.LEAD, PartnershipRole.PARTNER


def test_editor_creates_a_project_with_its_partnership_phases_and_meetings(
    admin_client, client, partners
):
    data = project_data(partners, [(partners.messina, LEAD), (partners.botosani, PARTNER)])
    response = post(admin_client, add_url(ProjectPage, partners.projects), data)
    assert response.status_code == 302
    project = ProjectPage.objects.get(slug="digiplace")
    assert project.live
    assert [(p.partner.title, p.role) for p in project.partnership.all()] == [
        ("Messina", "lead"),
        ("Botoșani", "partner"),
    ]
    assert project.phases.get().name == "Planificare"
    assert project.meetings.get().host == partners.botosani
    html = client.get("/ro/parteneri/botosani/").content.decode()
    assert '<a href="/ro/proiecte/digiplace/">DigiPlace</a> – Partener' in html


@pytest.mark.parametrize(
    "language, message",
    [
        ("ro", "Un proiect are exact un partener lider"),
        ("en", "A project has exactly one lead partner"),
    ],
)
def test_two_lead_partners_are_refused_with_a_translated_error(
    admin_client, partners, language, message
):
    data = project_data(partners, [(partners.messina, LEAD), (partners.oulu, LEAD)])
    response = post(admin_client, add_url(ProjectPage, partners.projects), data, language)
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not ProjectPage.objects.exists()


def test_a_partnership_without_a_lead_partner_is_refused(admin_client, partners):
    data = project_data(partners, [(partners.messina, PARTNER), (partners.oulu, PARTNER)])
    response = post(admin_client, add_url(ProjectPage, partners.projects), data)
    assert response.status_code == 200
    assert "acum sunt marcați 0" in response.content.decode()
    assert not ProjectPage.objects.exists()


def test_a_project_without_any_partner_is_refused(admin_client, partners):
    data = project_data(partners, [])
    response = post(admin_client, add_url(ProjectPage, partners.projects), data)
    assert response.status_code == 200
    assert "Un proiect are exact un partener lider" in response.content.decode()


def test_a_deleted_lead_row_does_not_count(admin_client, partners):
    data = project_data(partners, [(partners.messina, LEAD), (partners.oulu, LEAD)])
    data["partnership"]["1"]["DELETE"] = "1"
    response = post(admin_client, add_url(ProjectPage, partners.projects), data)
    assert response.status_code == 302
    assert ProjectPage.objects.get().partnership.count() == 1


def test_the_same_partner_twice_is_refused(admin_client, partners):
    data = project_data(partners, [(partners.messina, LEAD), (partners.messina, PARTNER)])
    response = post(admin_client, add_url(ProjectPage, partners.projects), data)
    assert response.status_code == 200
    assert "Messina apare de două ori în parteneriat." in response.content.decode()


@pytest.mark.parametrize(
    "budget, message",
    [
        ("-5", "Introduceți o sumă în euro mai mare decât zero."),
        ("0", "Introduceți o sumă în euro mai mare decât zero."),
        # Django's own catalogue writes ţ with a cedilla.
        ("o sută", "Introduce\u0163i un număr."),
    ],
)
def test_invalid_project_budgets_are_refused(admin_client, partners, budget, message):
    data = project_data(partners, [(partners.messina, LEAD)], total_budget_eur=budget)
    response = post(admin_client, add_url(ProjectPage, partners.projects), data)
    assert response.status_code == 200
    assert field_errors(response, "total_budget_eur") == [message]


def test_a_phase_that_ends_before_it_starts_is_refused(admin_client, partners):
    data = project_data(partners, [(partners.messina, LEAD)])
    data["phases"]["0"].update(start_date="2020-03-02", end_date="2019-09-02")
    response = post(admin_client, add_url(ProjectPage, partners.projects), data)
    assert response.status_code == 200
    phase_form = response.context["form"].formsets["phases"].forms[0]
    assert phase_form.errors["end_date"] == ["Sfârșitul nu poate fi înaintea începutului."]
    assert "Sfârșitul nu poate fi înaintea începutului." in response.content.decode()


def test_editor_changes_the_lead_partner_of_an_existing_project(admin_client, partners):
    project = ProjectPageFactory(parent=partners.projects)
    first = PartnershipFactory(project=project, partner=partners.messina, role=LEAD)
    second = PartnershipFactory(project=project, partner=partners.oulu, role=PARTNER)
    data = project_data(partners, [])
    data["partnership"] = inline_formset(
        [
            {"id": str(first.pk), "partner": str(partners.messina.pk), "role": PARTNER},
            {"id": str(second.pk), "partner": str(partners.oulu.pk), "role": LEAD},
        ],
        initial=2,
    )
    response = post(admin_client, edit_url(project), data)
    assert response.status_code == 302
    project.refresh_from_db()
    lead = project.partnership.get(role=LEAD)
    assert lead.partner_id == partners.oulu.pk


def test_editing_into_two_leads_is_refused_and_keeps_the_published_partnership(
    admin_client, partners
):
    project = ProjectPageFactory(parent=partners.projects)
    first = PartnershipFactory(project=project, partner=partners.messina, role=LEAD)
    second = PartnershipFactory(project=project, partner=partners.oulu, role=PARTNER)
    data = project_data(partners, [])
    data["partnership"] = inline_formset(
        [
            {"id": str(first.pk), "partner": str(partners.messina.pk), "role": LEAD},
            {"id": str(second.pk), "partner": str(partners.oulu.pk), "role": LEAD},
        ],
        initial=2,
    )
    response = post(admin_client, edit_url(project), data)
    assert response.status_code == 200
    assert "Un proiect are exact un partener lider" in response.content.decode()
    assert project.partnership.filter(role=LEAD).count() == 1


def test_editor_creates_the_index_pages(admin_client, site_tree):
    response = post(
        admin_client,
        add_url(ProjectIndexPage, site_tree.home),
        {"title": "Proiecte", "slug": "proiecte"},
    )
    assert response.status_code == 302
    response = post(
        admin_client,
        add_url(PartnerIndexPage, site_tree.home),
        {"title": "Parteneri", "slug": "parteneri"},
    )
    assert response.status_code == 302
    assert ProjectIndexPage.objects.get().url == "/ro/proiecte/"
    assert PartnerIndexPage.objects.get().url == "/ro/parteneri/"


def partner_data(**fields):
    data = {
        "title": "Ventspils Digital Centre",
        "slug": "ventspils",
        "organisation_name": "",
        "city": "Ventspils",
        "country": "LV",
        "website": "",
        "profile": "",
        "latitude": "",
        "longitude": "",
    }
    data.update(fields)
    return data


def test_editor_creates_a_partner_that_is_not_a_city(admin_client, client, partners_tree):
    response = post(admin_client, add_url(PartnerPage, partners_tree.partners), partner_data())
    assert response.status_code == 302
    partner = PartnerPage.objects.get(slug="ventspils")
    assert (partner.title, partner.city, partner.country) == (
        "Ventspils Digital Centre",
        "Ventspils",
        "LV",
    )
    html = client.get("/ro/parteneri/ventspils/").content.decode()
    assert "<dt>Țară</dt><dd>Letonia</dd>" in html


def test_country_select_offers_country_names_in_the_editors_language(admin_client, partners):
    url = add_url(PartnerPage, partners.partners)
    ro = admin_client.get(url, HTTP_ACCEPT_LANGUAGE="ro").content.decode()
    en = admin_client.get(url, HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert '<option value="LV">Letonia</option>' in ro
    assert '<option value="LV">Latvia</option>' in en
    assert 'value="EU"' not in en


def test_an_unknown_country_code_is_refused(admin_client, partners_tree):
    response = post(
        admin_client, add_url(PartnerPage, partners_tree.partners), partner_data(country="XX")
    )
    assert response.status_code == 200
    assert field_errors(response, "country")
    assert not PartnerPage.objects.exists()


def test_half_a_location_is_refused(admin_client, partners_tree):
    response = post(
        admin_client,
        add_url(PartnerPage, partners_tree.partners),
        partner_data(latitude="57.3894"),
    )
    assert response.status_code == 200
    assert field_errors(response, "longitude") == [
        "Introduceți atât latitudinea, cât și longitudinea, sau niciuna."
    ]


def test_a_latitude_beyond_the_pole_is_refused(admin_client, partners_tree):
    response = post(
        admin_client,
        add_url(PartnerPage, partners_tree.partners),
        partner_data(latitude="91", longitude="21.56"),
    )
    assert response.status_code == 200
    assert field_errors(response, "latitude")


def test_editor_edits_a_partner(admin_client, partners):
    data = partner_data(title="Oulu", slug=partners.oulu.slug, city="Oulu", country="FI")
    data.update(latitude="65.0121", longitude="25.4651", website="https://www.ouka.fi/")
    response = post(admin_client, edit_url(partners.oulu), data)
    assert response.status_code == 302
    partners.oulu.refresh_from_db()
    assert partners.oulu.map_url.startswith("https://www.openstreetmap.org/?mlat=65.012100")


@pytest.fixture
def project(partners):
    project = ProjectPageFactory(parent=partners.projects)
    PartnershipFactory(project=project, partner=partners.messina, role=LEAD)
    PartnershipFactory(project=project, partner=partners.botosani, role=PARTNER)
    return project


def pilot_data(partners, **fields):
    data = {
        "title": "Acțiunea pilot Botoșani",
        "slug": "actiune-pilot",
        "partner": str(partners.botosani.pk),
        "status": "selected",
        "action_line": "citizen-participation",
        "budget_eur": "9500",
        "start_date": "2021-05-01",
        "end_date": "2021-11-30",
        "date_precision": "day",
        "gallery": inline_formset([]),
    }
    data.update(fields)
    return data


def test_editor_creates_a_pilot_within_the_cap(admin_client, partners, project):
    response = post(admin_client, add_url(PilotShowcasePage, project), pilot_data(partners))
    assert response.status_code == 302
    pilot = PilotShowcasePage.objects.get()
    assert (pilot.budget_eur, pilot.partner_id) == (9500, partners.botosani.pk)


def test_a_pilot_may_leave_line_budget_and_period_undecided(admin_client, partners, project):
    data = pilot_data(
        partners, action_line="", budget_eur="", start_date="", end_date="", status="proposed"
    )
    response = post(admin_client, add_url(PilotShowcasePage, project), data)
    assert response.status_code == 302
    pilot = PilotShowcasePage.objects.get()
    assert (pilot.action_line, pilot.budget_eur, pilot.start_date) == ("", None, None)


@pytest.mark.parametrize(
    "language, message",
    [
        ("ro", "Bugetul nu poate depăși plafonul de 10.000 EUR al proiectului"),
        ("en", "The budget cannot exceed the project's pilot budget cap of 10,000 EUR."),
    ],
)
def test_a_pilot_budget_over_the_cap_is_refused_in_the_editors_language(
    admin_client, partners, project, language, message
):
    response = post(
        admin_client,
        add_url(PilotShowcasePage, project),
        pilot_data(partners, budget_eur="10000.01"),
        language,
    )
    assert response.status_code == 200
    [error] = field_errors(response, "budget_eur")
    assert error.startswith(message)
    assert not PilotShowcasePage.objects.exists()


@pytest.mark.parametrize("budget", ["0", "-100"])
def test_a_zero_or_negative_pilot_budget_is_refused(admin_client, partners, project, budget):
    response = post(
        admin_client, add_url(PilotShowcasePage, project), pilot_data(partners, budget_eur=budget)
    )
    assert response.status_code == 200
    assert field_errors(response, "budget_eur") == [
        "Introduceți o sumă în euro mai mare decât zero."
    ]


def test_a_budget_exactly_at_the_cap_is_accepted(admin_client, partners, project):
    response = post(
        admin_client, add_url(PilotShowcasePage, project), pilot_data(partners, budget_eur="10000")
    )
    assert response.status_code == 302


def test_editing_a_pilot_over_the_cap_is_refused(admin_client, partners, project):
    pilot = PilotShowcasePageFactory(
        parent=project, slug="actiune-pilot", partner=partners.botosani
    )
    response = post(admin_client, edit_url(pilot), pilot_data(partners, budget_eur="25000"))
    assert response.status_code == 200
    [error] = field_errors(response, "budget_eur")
    assert error.startswith("Bugetul nu poate depăși plafonul de 10.000 EUR")
    pilot.refresh_from_db()
    assert pilot.budget_eur is None


def test_a_pilot_that_ends_before_it_starts_is_refused(admin_client, partners, project):
    data = pilot_data(partners, start_date="2021-11-30", end_date="2021-05-01")
    response = post(admin_client, add_url(PilotShowcasePage, project), data)
    assert response.status_code == 200
    assert field_errors(response, "end_date") == ["Sfârșitul nu poate fi înaintea începutului."]


def test_pilot_editors_see_the_no_hard_infrastructure_guidance(admin_client, project):
    html = admin_client.get(add_url(PilotShowcasePage, project)).content.decode()
    assert "Programul URBACT nu finanțează proiecte de infrastructură hard" in html


def test_pilots_can_only_be_added_under_a_project(admin_client, partners):
    response = admin_client.get(add_url(PilotShowcasePage, partners.partners))
    assert response.status_code in (302, 403)
    assert not PilotShowcasePage.can_create_at(partners.partners)
    assert PilotShowcasePage.can_create_at(ProjectPageFactory(parent=partners.projects))


@pytest.mark.parametrize(
    "model, parent_name", [(ProjectPage, "projects"), (PartnerPage, "partners")]
)
def test_add_forms_render_for_each_page_type(admin_client, partners, model, parent_name):
    response = admin_client.get(add_url(model, getattr(partners, parent_name)))
    assert response.status_code == 200


def test_add_form_renders_for_a_pilot(admin_client, project):
    assert admin_client.get(add_url(PilotShowcasePage, project)).status_code == 200


def test_each_locale_home_has_one_project_index_and_one_partner_index(admin_client, partners):
    for model in (ProjectIndexPage, PartnerIndexPage):
        assert admin_client.get(add_url(model, partners.home)).status_code == 302
        assert not model.can_create_at(partners.home)


def test_edit_forms_render_for_project_partner_and_pilot(admin_client, partners, project):
    pilot = PilotShowcasePageFactory(parent=project, slug="pilot", partner=partners.botosani)
    for page in (project, partners.messina, pilot, partners.projects, partners.partners):
        response = admin_client.get(edit_url(page))
        assert response.status_code == 200, page
    html = admin_client.get(edit_url(project)).content.decode()
    assert "Parteneriat" in html and "Partener lider" in html


def test_editor_previews_a_new_project_before_saving_it(admin_client, partners):
    url = reverse(
        "wagtailadmin_pages:preview_on_add",
        args=("partners", "projectpage", partners.projects.pk),
    )
    data = project_data(partners, [(partners.messina, LEAD), (partners.botosani, PARTNER)])
    response = admin_client.post(url, nested_form_data(data))
    assert response.json()["is_valid"] is True
    html = admin_client.get(url).content.decode()
    assert "146.993\u00a0€" in html
    assert '<span class="badge">Partener lider</span>' in html
    assert not ProjectPage.objects.exists()


def test_editor_previews_a_change_to_a_pilot(admin_client, partners, project):
    pilot = PilotShowcasePageFactory(parent=project, slug="pilot", partner=partners.botosani)
    url = reverse("wagtailadmin_pages:preview_on_edit", args=(pilot.pk,))
    response = admin_client.post(url, nested_form_data(pilot_data(partners, budget_eur="8000")))
    assert response.json()["is_valid"] is True
    html = admin_client.get(url).content.decode()
    assert "8.000\u00a0€" in html


def test_a_partner_still_in_a_partnership_cannot_be_deleted(admin_client, partners, project):
    project.save_revision().publish()  # As the admin does: Wagtail indexes the references.
    url = reverse("wagtailadmin_pages:delete", args=(partners.messina.pk,))
    html = admin_client.get(url).content.decode()
    # Wagtail's reference index knows the project's partnership still uses the partner.
    assert "Una sau mai multe referințe către acest partener împiedică ștergerea lui." in html
    response = admin_client.post(url)
    assert response.status_code in (302, 403)
    assert PartnerPage.objects.filter(pk=partners.messina.pk).exists()
