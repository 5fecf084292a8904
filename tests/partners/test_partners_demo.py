"""The demo content built from the seed documents: DigiPlace, its eight partners and
Botoșani's pilot action, in Romanian and English."""

import re
from decimal import Decimal

import pytest
from django.core.management import call_command
from wagtail.models import Locale

from partners.models import (
    HostedMeeting,
    PartnerPage,
    Partnership,
    PilotShowcasePage,
    ProjectPage,
    ProjectPhase,
)

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("demo_database")]

SEED_PARTNERS = [
    ("Messina", "IT"),
    ("Roquetas de Mar", "ES"),
    ("Oulu", "FI"),
    ("Saint-Quentin", "FR"),
    ("Limerick City and County Council", "IE"),
    ("Ventspils Digital Centre", "LV"),
    ("Portalegre", "PT"),
    ("Botoșani", "RO"),
]


def html_of(client, path):
    response = client.get(path)
    assert response.status_code == 200, path
    return response.content.decode()


def test_demo_project_shows_the_seed_facts_in_romanian(client):
    html = html_of(client, "/ro/proiecte/digiplace/")
    assert "Digital Innovation 4 Cities – DI4C" in html
    assert "<dd>URBACT III</dd>" in html
    assert "146.993\u00a0€" in html
    assert "10.000\u00a0€" in html
    assert '<time datetime="2019-09-02">2 septembrie 2019</time>' in html
    assert '<time datetime="2020-03-02">2 martie 2020</time>' in html
    assert '<time datetime="2020-12">decembrie 2020</time>' in html
    assert '<time datetime="2021-12">decembrie 2021</time>' in html
    assert '<time datetime="2020-02">februarie 2020</time>' in html
    assert 'găzduită de <a href="/ro/parteneri/botosani/">Botoșani</a>' in html


def test_demo_project_shows_the_same_facts_in_english(client):
    html = html_of(client, "/en/projects/digiplace/")
    assert "€146,993" in html and "€10,000" in html
    assert "2 September 2019" in html and "2 March 2020" in html
    assert "December 2020" in html and "February 2020" in html
    assert 'hosted by <a href="/en/partners/botosani/">Botoșani</a>' in html
    assert "/ro/" not in html[html.index("<main") : html.index("</main>")]


@pytest.mark.parametrize(
    "path, country_names",
    [
        ("/ro/proiecte/digiplace/", ["Italia", "Spania", "Finlanda", "Franța", "Irlanda"]),
        ("/en/projects/digiplace/", ["Italy", "Spain", "Finland", "France", "Ireland"]),
    ],
)
def test_demo_partnership_lists_the_eight_partners_in_seed_order_with_messina_as_lead(
    client, path, country_names
):
    html = html_of(client, path)
    partners = html[
        html.index('id="partners-heading"') : html.index(
            "</section>", html.index('id="partners-heading"')
        )
    ]
    names = re.findall(r'<li><a href="[^"]+">([^<]+)</a>', partners)
    assert names == [name for name, _ in SEED_PARTNERS]
    assert partners.count('class="badge"') == 1
    assert re.search(r"Messina</a> <span[^>]*>\(Italia|Messina</a> <span[^>]*>\(Italy", partners)
    for name in country_names:
        assert f"({name})" in partners


def test_english_demo_pages_are_translations_with_equal_synchronised_fields():
    english = Locale.objects.get(language_code="en")
    for model, fields in [
        (ProjectPage, ["total_budget_eur", "pilot_budget_cap_eur"]),
        (PartnerPage, ["country", "website", "latitude", "longitude", "image_id"]),
        (PilotShowcasePage, ["status", "action_line", "budget_eur", "start_date", "end_date"]),
    ]:
        romanian_pages = model.objects.filter(locale__language_code="ro")
        assert romanian_pages.exists()
        for page in romanian_pages:
            translation = page.get_translation(english)
            assert translation.translation_key == page.translation_key
            assert translation.live
            for field in fields:
                assert getattr(translation, field) == getattr(page, field), (page, field)


def test_english_partnership_points_to_the_english_partners():
    project = ProjectPage.objects.get(locale__language_code="ro")
    english = project.get_translation(Locale.objects.get(language_code="en"))
    rows = list(project.partnership.select_related("partner"))
    rows_en = list(english.partnership.select_related("partner"))
    assert [(r.role, r.partner.translation_key) for r in rows] == [
        (r.role, r.partner.translation_key) for r in rows_en
    ]
    assert {r.partner.locale.language_code for r in rows_en} == {"en"}
    assert [(p.start_date, p.end_date) for p in project.phases.all()] == [
        (p.start_date, p.end_date) for p in english.phases.all()
    ]
    assert english.meetings.get().host.locale.language_code == "en"
    pilot_en = PilotShowcasePage.objects.get(locale__language_code="en")
    assert pilot_en.partner.locale.language_code == "en"


def test_demo_pilot_invents_no_budget_line_or_dates(client):
    pilot = PilotShowcasePage.objects.get(locale__language_code="ro")
    assert (pilot.budget_eur, pilot.action_line, pilot.start_date) == (None, "", None)
    assert pilot.partner.title == "Botoșani"
    html = html_of(client, pilot.url)
    assert "<dd>Nealeasă încă</dd>" in html
    assert "(cel mult 10.000\u00a0€)" in html
    assert "Grupul Local URBACT" in html
    english = html_of(client, "/en/projects/digiplace/botosani-pilot-action/")
    assert "<dd>Not chosen yet</dd>" in english and "(at most €10,000)" in english


def test_demo_partner_profiles_contain_nothing_the_seeds_do_not_say():
    for partner in PartnerPage.objects.all():
        assert partner.profile == ""
        assert partner.website == ""
        assert partner.latitude is None and partner.image_id is None
    assert sorted(
        PartnerPage.objects.filter(locale__language_code="ro").values_list("title", "country")
    ) == sorted(SEED_PARTNERS)


def test_demo_partner_index_groups_the_eight_partners_by_country(client):
    html = html_of(client, "/ro/parteneri/")
    assert re.findall(r'<h2 id="country-\d+">([^<]+)</h2>', html) == [
        "Finlanda",
        "Franța",
        "Irlanda",
        "Italia",
        "Letonia",
        "Portugalia",
        "România",
        "Spania",
    ]
    assert '<span class="badge">Partener lider</span> DigiPlace' in html


def test_demo_indexes_are_in_both_menus(client):
    ro = html_of(client, "/ro/")
    en = html_of(client, "/en/")
    assert '<a href="/ro/proiecte/">Proiecte</a>' in ro
    assert '<a href="/ro/parteneri/">Parteneri</a>' in ro
    assert '<a href="/en/projects/">Projects</a>' in en
    assert '<a href="/en/partners/">Partners</a>' in en


def test_loading_the_demo_again_duplicates_no_partnership_phase_or_meeting():
    counts = [m.objects.count() for m in (Partnership, ProjectPhase, HostedMeeting, PartnerPage)]
    call_command("load_demo_content", stdout=open("/dev/null", "w"))
    assert [m.objects.count() for m in (Partnership, ProjectPhase, HostedMeeting, PartnerPage)] == (
        counts
    )
    assert counts == [16, 4, 2, 16]
    assert ProjectPage.objects.get(locale__language_code="ro").total_budget_eur == Decimal("146993")
