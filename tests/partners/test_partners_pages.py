"""What readers see on the project, partner, partner index and pilot pages."""

import datetime
import re
from decimal import Decimal

import pytest
from django.utils import translation

from newsroom.models import NewsIndexPage, PressReleasePage, PressReleaseRelatedPage
from partners.models import PartnershipRole, PilotStatus
from partners.models.values import DatePrecision
from partners.templatetags.partners_tags import euros, partial_date
from tests.factories import (
    PartnerPageFactory,
    PartnershipFactory,
    PilotShowcasePageFactory,
    ProjectPageFactory,
    ProjectPhaseFactory,
)
from tests.structured_data import json_ld_of_type  # noqa: E402

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("site_database")]


def html_of(client, path):
    response = client.get(path)
    assert response.status_code == 200, path
    return response.content.decode()


def section(html, heading_id):
    """The text of the <section> labelled by `heading_id`."""
    start = html.index(f'aria-labelledby="{heading_id}"')
    return html[start : html.index("</section>", start)]


def translate_page(page, locale, **fields):
    copy = page.copy_for_translation(locale)
    for name, value in fields.items():
        setattr(copy, name, value)
    copy.save_revision().publish()
    return copy.specific


@pytest.fixture
def digiplace(partners_tree):
    """DigiPlace with Messina (lead) and Botoșani, one phase known to the day, one to the month."""
    tree = partners_tree
    tree.messina = PartnerPageFactory(
        parent=tree.partners, title="Messina", slug="messina", country="IT"
    )
    tree.botosani = PartnerPageFactory(
        parent=tree.partners, title="Botoșani", slug="botosani", country="RO"
    )
    project = ProjectPageFactory(parent=tree.projects)
    PartnershipFactory(project=project, partner=tree.messina, role=PartnershipRole.LEAD)
    PartnershipFactory(project=project, partner=tree.botosani, role=PartnershipRole.PARTNER)
    ProjectPhaseFactory(project=project, name="Planificare", sort_order=0)
    ProjectPhaseFactory(
        project=project,
        name="Planul de Acțiune Integrat",
        start_date=datetime.date(2020, 12, 1),
        end_date=datetime.date(2021, 12, 1),
        date_precision=DatePrecision.MONTH,
        sort_order=1,
    )
    tree.project = project
    return tree


def test_project_page_shows_the_facts_panel_in_romanian(client, digiplace):
    html = html_of(client, "/ro/proiecte/digiplace/")
    facts = html[html.index('<dl class="facts">') : html.index("</dl>")]
    assert "<dt>Program</dt><dd>URBACT III</dd>" in facts
    assert "146.993\u00a0€" in facts
    assert "10.000\u00a0€" in facts
    assert '<a href="/ro/parteneri/messina/">Messina</a> (Italia)' in facts


def test_project_timeline_is_an_ordered_list_with_dates_in_romanian(client, digiplace):
    html = html_of(client, "/ro/proiecte/digiplace/")
    timeline = html[
        html.index('<ol class="timeline"') : html.index("</ol>", html.index("timeline"))
    ]
    assert timeline.index("Planificare") < timeline.index("Planul de Acțiune Integrat")
    assert '<time datetime="2019-09-02">2 septembrie 2019</time>' in timeline
    assert '<time datetime="2020-03-02">2 martie 2020</time>' in timeline
    # Known only to the month: no invented day.
    assert '<time datetime="2020-12">decembrie 2020</time>' in timeline
    assert "1 decembrie 2020" not in timeline


def test_project_page_marks_the_lead_partner_in_words_not_only_colour(client, digiplace):
    html = html_of(client, "/ro/proiecte/digiplace/")
    partners = section(html, "partners-heading")
    messina = re.search(r"<li>.*?messina.*?</li>", partners).group(0)
    botosani = re.search(r"<li>.*?botosani.*?</li>", partners).group(0)
    assert '<span class="badge">Partener lider</span>' in messina
    assert "Partener lider" not in botosani


def test_both_locales_show_the_same_budget_and_dates(client, digiplace):
    translate_page(digiplace.messina, digiplace.english)
    translate_page(digiplace.botosani, digiplace.english)
    translate_page(digiplace.project, digiplace.english)
    ro = html_of(client, "/ro/proiecte/digiplace/")
    en = html_of(client, "/en/projects/digiplace/")
    assert "146.993\u00a0€" in ro and "€146,993" in en
    assert "2 septembrie 2019" in ro and "2 September 2019" in en
    assert "decembrie 2021" in ro and "December 2021" in en
    assert "<dt>Total budget</dt>" in en


def test_english_project_links_to_english_partners_even_when_the_copy_points_to_romanian_ones(
    client, digiplace
):
    translate_page(digiplace.messina, digiplace.english)
    translate_page(digiplace.botosani, digiplace.english)
    # A plain copy for translation keeps the partnership's links to the Romanian partners.
    project_en = translate_page(digiplace.project, digiplace.english)
    assert {p.partner.locale_id for p in project_en.partnership.all()} == {digiplace.romanian.pk}
    html = html_of(client, "/en/projects/digiplace/")
    assert '<a href="/en/partners/messina/">Messina</a> (Italy)' in html
    assert "/ro/parteneri/" not in html
    partner_html = html_of(client, "/en/partners/messina/")
    assert '<a href="/en/projects/digiplace/">DigiPlace</a>' in section(
        partner_html, "projects-heading"
    )


def test_partner_page_derives_its_projects_and_role_from_the_partnerships(client, digiplace):
    other = ProjectPageFactory(parent=digiplace.projects, title="Alt proiect", slug="alt-proiect")
    PartnershipFactory(project=other, partner=digiplace.botosani, role=PartnershipRole.LEAD)
    PartnershipFactory(project=other, partner=digiplace.messina, role=PartnershipRole.PARTNER)

    messina = section(html_of(client, "/ro/parteneri/messina/"), "projects-heading")
    assert re.search(
        r'href="/ro/proiecte/digiplace/">DigiPlace</a> – <span class="badge">'
        r"Partener lider</span>",
        messina,
    )
    assert re.search(r'href="/ro/proiecte/alt-proiect/">Alt proiect</a> – Partener</li>', messina)

    botosani = section(html_of(client, "/ro/parteneri/botosani/"), "projects-heading")
    assert re.search(r'digiplace/">DigiPlace</a> – Partener</li>', botosani)
    assert re.search(
        r'alt-proiect/">Alt proiect</a> – <span class="badge">Partener lider', botosani
    )


def test_partner_page_leaves_out_unpublished_projects(client, digiplace):
    digiplace.project.unpublish()
    projects = section(html_of(client, "/ro/parteneri/messina/"), "projects-heading")
    assert "DigiPlace" not in projects
    assert "Nu este încă partener într-un proiect publicat." in projects


def test_partner_page_shows_country_name_in_the_page_language(client, digiplace):
    translate_page(digiplace.messina, digiplace.english)
    assert "<dt>Țară</dt><dd>Italia</dd>" in html_of(client, "/ro/parteneri/messina/")
    assert "<dt>Country</dt><dd>Italy</dd>" in html_of(client, "/en/partners/messina/")


def test_partner_location_is_a_plain_openstreetmap_link_and_a_json_ld_place(client, digiplace):
    digiplace.messina.latitude = Decimal("38.193800")
    digiplace.messina.longitude = Decimal("15.554000")
    digiplace.messina.website = "https://comune.messina.it/"
    digiplace.messina.save_revision().publish()
    html = html_of(client, "/ro/parteneri/messina/")
    assert (
        '<a href="https://www.openstreetmap.org/?mlat=38.193800&amp;mlon=15.554000'
        '#map=13/38.193800/15.554000" rel="external">Messina pe OpenStreetMap</a>'
    ) in html
    assert "<iframe" not in html and "tile.openstreetmap" not in html
    data = json_ld_of_type(html, "Place")
    assert data["url"] == "http://testserver/ro/parteneri/messina/"
    assert data["address"]["addressCountry"] == "IT"
    assert data["geo"] == {"@type": "GeoCoordinates", "latitude": 38.1938, "longitude": 15.554}


def test_structured_data_urls_are_https_behind_a_tls_proxy(client, digiplace):
    html = client.get(
        "/ro/parteneri/messina/",
        HTTP_HOST="primaria.example",
        HTTP_X_FORWARDED_PROTO="https",
    ).content.decode()
    assert '"url": "https://primaria.example/ro/parteneri/messina/"' in html


def test_partner_without_coordinates_has_no_map_link(client, digiplace):
    html = html_of(client, "/ro/parteneri/messina/")
    assert "openstreetmap" not in html


def test_partner_index_groups_partners_by_country_sorted_in_the_page_language(client, digiplace):
    PartnerPageFactory(parent=digiplace.partners, title="Roquetas de Mar", country="ES")
    PartnerPageFactory(parent=digiplace.partners, title="Oulu", country="FI")
    PartnerPageFactory(parent=digiplace.partners, title="Portalegre", country="PT")
    html = html_of(client, "/ro/parteneri/")
    headings = re.findall(r'<h2 id="country-\d+">([^<]+)</h2>', html)
    assert headings == ["Finlanda", "Italia", "Portugalia", "România", "Spania"]
    groups = dict(re.findall(r'<h2 id="country-\d+">([^<]+)</h2>(.*?)</section>', html, re.S))
    assert "Roquetas de Mar" in groups["Spania"] and "Messina" not in groups["Spania"]
    assert "Messina" in groups["Italia"]

    for page in [digiplace.messina, digiplace.botosani, *digiplace.partners.get_children()]:
        if page.specific.get_translation_or_none(digiplace.english) is None:
            translate_page(page.specific, digiplace.english)
    english = html_of(client, "/en/partners/")
    assert re.findall(r'<h2 id="country-\d+">([^<]+)</h2>', english) == [
        "Finland",
        "Italy",
        "Portugal",
        "Romania",
        "Spain",
    ]


def test_partner_index_marks_the_lead_partner_of_each_project(client, digiplace):
    html = html_of(client, "/ro/parteneri/")
    groups = dict(re.findall(r'<h2 id="country-\d+">([^<]+)</h2>(.*?)</section>', html, re.S))
    assert '<span class="badge">Partener lider</span> DigiPlace' in groups["Italia"]
    assert "Partener lider" not in groups["România"]


@pytest.fixture
def pilot(digiplace):
    return PilotShowcasePageFactory(
        parent=digiplace.project,
        title="Acțiunea pilot Botoșani",
        slug="actiune-pilot",
        partner=digiplace.botosani,
        status=PilotStatus.SELECTED,
        budget_eur=Decimal("9500.50"),
        start_date=datetime.date(2021, 5, 1),
        end_date=datetime.date(2021, 11, 30),
    )


def test_pilot_page_shows_who_runs_it_status_period_and_budget_within_the_cap(client, pilot):
    html = html_of(client, "/ro/proiecte/digiplace/actiune-pilot/")
    facts = html[html.index('<dl class="facts">') : html.index("</dl>")]
    assert '<a href="/ro/parteneri/botosani/">Botoșani</a> (România)' in facts
    assert "<dd>Selectată</dd>" in facts
    assert "9.500,50\u00a0€" in facts
    assert "(cel mult 10.000\u00a0€)" in facts
    assert "1 mai 2021</time> – <time" in facts
    assert '<a href="/ro/proiecte/digiplace/">DigiPlace</a>' in facts


def test_pilot_without_a_chosen_line_says_so_and_lists_the_five_lines(client, digiplace):
    PilotShowcasePageFactory(parent=digiplace.project, slug="de-ales", partner=digiplace.botosani)
    html = html_of(client, "/ro/proiecte/digiplace/de-ales/")
    assert "<dd>Nealeasă încă</dd>" in html
    assert "<dd>Nestabilită încă</dd>" in html  # the period
    assert "<dd>Nestabilit încă <span" in html  # the budget, then its cap
    lines = section(html, "action-lines-heading")
    assert lines.count("<li>") == 5
    assert "Experimentarea unor noi forme de participare a cetățenilor" in lines


def test_project_page_lists_its_pilots_with_who_runs_them(client, pilot):
    pilots = section(html_of(client, "/ro/proiecte/digiplace/"), "pilots-heading")
    assert '<a href="/ro/proiecte/digiplace/actiune-pilot/">Acțiunea pilot Botoșani</a>' in pilots
    assert "Condusă de Botoșani" in pilots


def test_partner_page_lists_the_pilots_it_runs(client, pilot):
    pilots = section(html_of(client, "/ro/parteneri/botosani/"), "pilots-heading")
    assert "Acțiunea pilot Botoșani" in pilots and "DigiPlace" in pilots
    assert 'id="pilots-heading"' not in html_of(client, "/ro/parteneri/messina/")


def make_release(news_index, title, date, about=(), live=True):
    release = PressReleasePage(
        title=title,
        lead="Pe scurt.",
        release_date=date,
        related_pages=[PressReleaseRelatedPage(page=page) for page in about],
    )
    news_index.add_child(instance=release)
    if live:
        release.save_revision().publish()
    else:
        release.unpublish()
    return release


def test_latest_releases_about_a_page_are_listed_newest_first_five_at_most(client, pilot):
    tree_home = pilot.get_parent().get_parent().get_parent()
    news = NewsIndexPage(title="Știri", slug="stiri")
    tree_home.add_child(instance=news)
    news.save_revision().publish()
    project = pilot.get_parent().specific
    for day in range(1, 8):
        make_release(news, f"Comunicat {day}", datetime.date(2021, 4, day), about=[project])
    make_release(news, "Ciornă", datetime.date(2021, 5, 1), about=[project], live=False)
    make_release(news, "Despre altceva", datetime.date(2021, 5, 2))
    make_release(news, "Despre pilot", datetime.date(2021, 5, 3), about=[pilot])

    releases = section(html_of(client, "/ro/proiecte/digiplace/"), "latest-releases-heading")
    titles = re.findall(r"<h3><a [^>]*>([^<]+)</a></h3>", releases)
    assert titles == ["Comunicat 7", "Comunicat 6", "Comunicat 5", "Comunicat 4", "Comunicat 3"]
    assert "7 aprilie 2021" in releases
    assert f'href="/ro/stiri/?project={project.pk}"' in releases

    pilot_releases = section(
        html_of(client, "/ro/proiecte/digiplace/actiune-pilot/"), "latest-releases-heading"
    )
    assert re.findall(r"<h3><a [^>]*>([^<]+)</a></h3>", pilot_releases) == ["Despre pilot"]


def test_page_without_releases_says_so(client, digiplace):
    releases = section(html_of(client, "/ro/parteneri/messina/"), "latest-releases-heading")
    assert "Niciun comunicat de presă despre acest subiect deocamdată." in releases


def test_project_index_lists_projects_with_their_lead_partner(client, digiplace):
    html = html_of(client, "/ro/proiecte/")
    assert '<a href="/ro/proiecte/digiplace/">DigiPlace</a>' in html
    assert '<span class="badge">Partener lider</span> <a href="/ro/parteneri/messina/">' in html


def test_index_pages_are_in_the_main_menu_of_their_locale(client, partners_tree):
    html = html_of(client, "/ro/")
    nav = html[html.index('class="main-nav"') :]
    assert '<a href="/ro/proiecte/">Proiecte</a>' in nav
    assert '<a href="/ro/parteneri/">Parteneri</a>' in nav


@pytest.mark.parametrize(
    "language, amount, expected",
    [
        ("ro", Decimal("146993"), "146.993\u00a0€"),
        ("en", Decimal("146993"), "€146,993"),
        ("ro", Decimal("10000.5"), "10.000,50\u00a0€"),
        ("en", Decimal("10000.5"), "€10,000.50"),
    ],
)
def test_euro_amounts_are_written_as_each_language_writes_them(language, amount, expected):
    with translation.override(language):
        assert euros(amount) == expected


def test_month_only_dates_never_show_a_day():
    with translation.override("ro"):
        assert partial_date(datetime.date(2020, 12, 1), False) == "decembrie 2020"
        assert partial_date(datetime.date(2019, 9, 2)) == "2 septembrie 2019"
    with translation.override("en"):
        assert partial_date(datetime.date(2020, 12, 1), False) == "December 2020"
