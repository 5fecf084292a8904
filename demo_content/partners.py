"""The DigiPlace (DI4C) project, its partners and Botoșani's pilot action (issue: partnerships).

Facts come only from the two seed documents: the 2019 announcement of the DI4C network and
the press release of 8 April 2021 on the URBACT Local Group. What they do not give (partner
profiles, websites, coordinates, the pilot's budget, line and dates) is left empty.
"""

import datetime
from decimal import Decimal

from wagtail.contrib.redirects.models import Redirect
from wagtail.models import Site

from pages.funding import EUFund
from pages.rich_text import database_html
from partners.models import (
    HostedMeeting,
    PartnerIndexPage,
    PartnerPage,
    Partnership,
    PartnershipRole,
    PilotShowcasePage,
    PilotStatus,
    ProjectIndexPage,
    ProjectPage,
    ProjectPhase,
)
from partners.models.values import DatePrecision

from .building import ensure_page, ensure_translation, locales

# (slug, title, city, country, organisation name ro, organisation name en), in the order
# of the 2019 announcement; Messina is the lead partner.
PARTNERS = [
    ("messina", "Messina", "Messina", "IT", "Municipiul Messina", "Municipality of Messina"),
    ("roquetas-de-mar", "Roquetas de Mar", "Roquetas de Mar", "ES", "", ""),
    ("oulu", "Oulu", "Oulu", "FI", "", ""),
    ("saint-quentin", "Saint-Quentin", "Saint-Quentin", "FR", "", ""),
    ("limerick", "Limerick City and County Council", "Limerick", "IE", "", ""),
    ("ventspils", "Ventspils Digital Centre", "Ventspils", "LV", "", ""),
    ("portalegre", "Portalegre", "Portalegre", "PT", "", ""),
    ("botosani", "Botoșani", "Botoșani", "RO", "Municipiul Botoșani", "Municipality of Botoșani"),
]
LEAD_PARTNER = "messina"
HOST_OF_FEBRUARY_2020_MEETING = "botosani"

OBJECTIVES_RO = (
    "<p>Scopul proiectului este inițierea unui sistem și a unor proceduri de lucru care să permită orașelor să-și construiască o infrastructură hard și soft în conformitate cu noile tehnologii digitale.</p>"
    "<p>De asemenea, înlăturarea obstacolelor cu care se confruntă orașele mijlocii în digitalizarea serviciilor specifice, cum ar fi lipsa unei strategii de ansamblu și dificultățile în implicarea unor structuri tehnice competente în inovarea digitală.</p>"
    "<p>Totodată, municipalitățile trebuie să garanteze absorbția inovațiilor digitale de către părțile interesate locale: cetățeni și potențiali întreprinzători.</p>"
)
OBJECTIVES_EN = (
    "<p>The project aims to set up a system and working procedures that allow cities to build hard and soft infrastructure in line with new digital technologies.</p>"
    "<p>It also aims to remove the obstacles medium-sized cities face in digitalising specific services, such as the lack of an overall strategy and the difficulty of involving technical bodies competent in digital innovation.</p>"
    "<p>At the same time, the municipalities must ensure that digital innovations are taken up by local stakeholders: citizens and potential entrepreneurs.</p>"
)

PHASES = [
    # (name ro, name en, start, end, precision)
    (
        "Etapa de planificare (rețeaua DI4C)",
        "Planning phase (the DI4C network)",
        datetime.date(2019, 9, 2),
        datetime.date(2020, 3, 2),
        DatePrecision.DAY,
    ),
    (
        "Elaborarea Planului de Acțiune Integrat",
        "Drawing up the Integrated Action Plan",
        datetime.date(2020, 12, 1),
        datetime.date(2021, 12, 1),
        DatePrecision.MONTH,
    ),
]


def load():
    romanian, english = locales()
    home = Site.objects.get(is_default_site=True).root_page.specific

    partner_index = ensure_page(
        home,
        PartnerIndexPage,
        "parteneri",
        title="Parteneri",
        show_in_menus=True,
        introduction="Partenerii rețelelor europene din care face parte Municipiul Botoșani, pe țări.",
    )
    ensure_translation(
        partner_index,
        english,
        title="Partners",
        slug="partners",
        introduction="The partners in the European networks the Municipality of Botoșani belongs to, by country.",
    )
    partners = {}
    for slug, title, city, country, name_ro, name_en in PARTNERS:
        partner = ensure_page(
            partner_index,
            PartnerPage,
            slug,
            title=title,
            city=city,
            country=country,
            organisation_name=name_ro,
        )
        partners[slug] = partner
        ensure_translation(partner, english, organisation_name=name_en)

    project_index = ensure_page(
        home,
        ProjectIndexPage,
        "proiecte",
        title="Proiecte",
        show_in_menus=True,
        introduction="Rețelele europene din care face parte Municipiul Botoșani.",
    )
    ensure_translation(
        project_index,
        english,
        title="Projects",
        slug="projects",
        introduction="The European networks the Municipality of Botoșani belongs to.",
    )

    project = ensure_page(
        project_index,
        ProjectPage,
        "digiplace",
        title="DigiPlace",
        introduction=(
            "Rețeaua de Planificare URBACT Digital Innovation 4 Cities – DI4C (Inovații Digitale "
            "pentru Orașe), devenită DigiPlace, în care Municipiul Botoșani a fost selectat ca partener în 2019."
        ),
        former_names="Digital Innovation 4 Cities – DI4C (Inovații Digitale pentru Orașe)",
        programme="URBACT III",
        # URBACT III is co-financed by the European Regional Development Fund.
        eu_fund=EUFund.ERDF,
        network_type="Rețea de Planificare URBACT",
        total_budget_eur=Decimal("146993"),
        pilot_budget_cap_eur=Decimal("10000"),
        objectives=database_html(OBJECTIVES_RO),
        partnership=[
            Partnership(
                partner=partners[slug],
                role=PartnershipRole.LEAD if slug == LEAD_PARTNER else PartnershipRole.PARTNER,
                sort_order=order,
            )
            for order, (slug, *_) in enumerate(PARTNERS)
        ],
        phases=[
            ProjectPhase(
                name=name_ro,
                start_date=start,
                end_date=end,
                date_precision=precision,
                sort_order=order,
            )
            for order, (name_ro, _, start, end, precision) in enumerate(PHASES)
        ],
        meetings=[
            HostedMeeting(
                date=datetime.date(2020, 2, 1),
                date_precision=DatePrecision.MONTH,
                host=partners[HOST_OF_FEBRUARY_2020_MEETING],
                place="Botoșani",
                description="Întâlnirea partenerilor din proiect",
                sort_order=0,
            )
        ],
    )
    ensure_project_translation(project, english)

    pilot = ensure_page(
        project,
        PilotShowcasePage,
        "actiune-pilot-botosani",
        title="Acțiunea pilot a Municipiului Botoșani",
        partner=partners["botosani"],
        status=PilotStatus.PROPOSED,
        introduction=(
            "Pe 8 aprilie 2021, Grupul Local URBACT a discutat identificarea uneia sau chiar a mai "
            "multor activități pilot care să fie implementate în cadrul proiectului DigiPlace. "
            "Grupul de lucru va identifica în scurt timp activitatea pilot; linia de acțiune și "
            "bugetul nu sunt încă alese."
        ),
        stakeholders=database_html(
            "<p>Grupul Local URBACT (URBACT Local Group – ULG) al proiectului DigiPlace, reunit pe "
            "8 aprilie 2021 la Primărie, în Sala de ședințe „Mihai Eminescu”.</p>"
            "<p>Inovația digitală urmează să fie adoptată de toate părțile locale interesate: "
            "cetățeni, administrație și antreprenori.</p>"
        ),
        goals=database_html(
            "<p>O activitate pilot care să corespundă cel mai bine cerințelor comunității pentru "
            "inovarea digitală, cu implicarea și în folosul cetățenilor.</p>"
            "<p>Prin acțiuni pilot la scară mică, orașele sunt încurajate să experimenteze idei noi "
            "de proiecte, în cazul nostru în domeniul digitalizării infrastructurii.</p>"
        ),
    )
    pilot_en = ensure_translation(
        pilot,
        english,
        title="Botoșani's pilot action",
        slug="botosani-pilot-action",
        introduction=(
            "On 8 April 2021 the URBACT Local Group discussed identifying one or even several "
            "pilot activities to be carried out within the DigiPlace project. The working group "
            "will soon identify the pilot activity; its action line and budget are not chosen yet."
        ),
        stakeholders=database_html(
            "<p>The URBACT Local Group (ULG) of the DigiPlace project, which met on 8 April 2021 "
            "at the City Hall, in the “Mihai Eminescu” meeting room.</p>"
            "<p>Digital innovation is to be taken up by all local stakeholders: citizens, the "
            "administration and entrepreneurs.</p>"
        ),
        goals=database_html(
            "<p>A pilot activity that best meets the community's needs for digital innovation, "
            "involving citizens and for their benefit.</p>"
            "<p>Through small-scale pilot actions, cities are encouraged to try out new project "
            "ideas, in our case in the digitalisation of infrastructure.</p>"
        ),
    )
    point_to_partner_in_locale(pilot_en, "partner")
    return project


def ensure_project_translation(project, locale):
    """The English DigiPlace: a translation of the Romanian page whose phases and meeting
    have English text and whose partnership points to the English partner pages."""
    existing = project.get_translation_or_none(locale)
    if existing is not None:
        return existing.specific
    translation = project.copy_for_translation(locale)
    translation.introduction = (
        "The URBACT Planning Network Digital Innovation 4 Cities – DI4C, which became DigiPlace, "
        "in which the Municipality of Botoșani was selected as a partner in 2019."
    )
    translation.former_names = "Digital Innovation 4 Cities – DI4C"
    translation.network_type = "URBACT Planning Network"
    translation.objectives = database_html(OBJECTIVES_EN)

    english_partners = {p.translation_key: p for p in PartnerPage.objects.filter(locale=locale)}
    partnership = list(translation.partnership.all())
    for row in partnership:
        row.partner = english_partners.get(row.partner.translation_key, row.partner)
    translation.partnership = partnership

    phases = list(translation.phases.all())
    names_en = {start: name_en for _, name_en, start, _, _ in PHASES}
    for phase in phases:
        phase.name = names_en.get(phase.start_date, phase.name)
    translation.phases = phases

    meetings = list(translation.meetings.all())
    for meeting in meetings:
        meeting.description = "Meeting of the project partners"
        if meeting.host is not None:
            meeting.host = english_partners.get(meeting.host.translation_key, meeting.host)
    translation.meetings = meetings

    translation.save_revision().publish()
    Redirect.objects.filter(redirect_page=translation).delete()
    return translation


def point_to_partner_in_locale(page, field):
    """Make a copied page's relation to a partner point to the partner in its own language."""
    partner = getattr(page, field)
    localized = PartnerPage.in_locale([partner], page.locale_id).get(partner.translation_key)
    if localized is not None and localized.pk != partner.pk:
        setattr(page, field, localized)
        page.save_revision().publish()
