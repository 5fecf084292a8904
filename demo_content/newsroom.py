"""The two seed documents as press releases in Romanian and English (issue: newsroom).

The Romanian text is the seeds' own; the English is a faithful translation. The DI4C
announcement is undated in its seed: it is dated by the decision it announces.
"""

import datetime

from wagtail.models import Page

from newsroom.models import (
    NewsIndexPage,
    PressContact,
    PressReleasePage,
    PressReleaseRelatedPage,
    Topic,
)
from pages.rich_text import database_html

from .building import ensure_page, ensure_translation, locales
from .site import ensure_home


def paragraph(html):
    return ("paragraph", database_html(html))


def facts(items, title=""):
    return ("facts", {"title": title, "items": items})


def load():
    romanian, english = locales()
    home = ensure_home(romanian)
    home_en = home.get_translation(english)

    news = ensure_page(
        home,
        NewsIndexPage,
        "stiri",
        title="Știri",
        seo_title="Comunicate de presă",
        show_in_menus=True,
        introduction="Comunicatele de presă ale Compartimentului Relații Externe.",
    )
    news_en = ensure_translation(
        news,
        english,
        title="News",
        slug="news",
        seo_title="Press releases",
        introduction="Press releases of the External Relations Office.",
    )
    # The English index lives under the English home, as copy_for_translation put it there.
    assert news_en.get_parent().pk == home_en.pk

    urbact = ensure_topic(romanian, english, "urbact", "URBACT", "urbact", "URBACT")
    digital = ensure_topic(
        romanian,
        english,
        "inovare-digitala",
        "Inovare digitală",
        "digital-innovation",
        "Digital innovation",
    )
    project = Page.objects.filter(slug="digiplace", locale=romanian).first()
    project_en = Page.objects.filter(slug="digiplace", locale=english).first()

    di4c = ensure_release(news, "botosani-partener-in-reteaua-urbact-di4c", **di4c_ro())
    link(di4c, [urbact, digital], project)
    ensure_english(di4c, english, [urbact, digital], project_en, **di4c_en())

    ulg = ensure_release(news, "comunicat-de-presa-intalnirea-grupului-local-urbact", **ulg_ro())
    link(ulg, [urbact, digital], project)
    ensure_english(ulg, english, [urbact, digital], project_en, **ulg_en())
    return news, news_en


def ensure_topic(romanian, english, slug, name, slug_en, name_en):
    topic = Topic.objects.filter(locale=romanian, slug=slug).first()
    if topic is None:
        topic = Topic.objects.create(locale=romanian, slug=slug, name=name)
    ensure_translation(topic, english, slug=slug_en, name=name_en)
    return topic


def ensure_release(news, slug, contacts=(), **fields):
    existing = news.get_children().filter(slug=slug).first()
    if existing is not None:
        return existing.specific
    release = ensure_page(news, PressReleasePage, slug, **fields)
    for name, role in contacts:
        release.contacts.add(PressContact(name=name, role=role))
    release.save_revision().publish()
    return release


def link(release, topics, project):
    """Topics and the project, set once on a release that does not have them yet."""
    changed = False
    if not release.topics.exists():
        release.topics.set(topics)
        changed = True
    if project is not None and not release.related_pages.exists():
        release.related_pages.add(PressReleaseRelatedPage(page=project))
        changed = True
    if changed:
        release.save_revision().publish()


def ensure_release_translation(release, english, topics, project_en, contacts=(), **fields):
    """The English release: a copy of the Romanian one (same translation key, date,
    image), given its own text, the English topics and the English project page."""
    topics_en = [topic.get_translation(english) for topic in topics]
    related = [PressReleaseRelatedPage(page=project_en)] if project_en else []
    translation = ensure_translation(
        release,
        english,
        topics=topics_en,
        related_pages=related,
        contacts=[PressContact(name=name, role=role) for name, role in contacts],
        **fields,
    )
    return translation


def ensure_english(release, english, topics, project_en, **fields):
    translation = ensure_release_translation(release, english, topics, project_en, **fields)
    # The project may have been added since the translation was made.
    link(translation, [topic.get_translation(english) for topic in topics], project_en)
    return translation


ROLE_RO = "Responsabil proiect"
ROLE_EN = "Project officer"


def di4c_ro():
    return {
        "title": (
            "Municipiul Botoșani, selectat ca Partener în Rețeaua de Planificare URBACT "
            "Digital Innovation 4 Cities – DI4C"
        ),
        "release_date": datetime.date(2019, 6, 25),
        # The demo's own numbering: the source documents give none.
        "reference": "CP-2019-001",
        "lead": (
            "Suntem încântați să anunțăm că municipiul nostru a fost selectat ca Partener în "
            "cadrul Rețelei de Planificare URBACT cu titlul Digital Innovation 4 Cities – DI4C "
            "(Inovații Digitale pentru Orașe)."
        ),
        "body": [
            paragraph(
                "<p>Rezultatele în urma apelului pentru transmiterea aplicațiilor de către "
                "municipalitățile din Europa sunt publicate pe pagina Punctului Național URBACT - "
                "website-ul URBACT în România.</p>"
            ),
            paragraph(
                "<p>În 25 iunie 2019 au fost aprobate prin decizia Comitetului de Monitorizare "
                "URBACT 23 de Rețele de Planificare URBACT, care cuprind în total 203 de parteneri "
                "din 26 de țări.</p>"
            ),
            paragraph(
                "<p>Proiectul <b>Digital Innovation 4 Cities – DI4C</b> (Inovații Digitale pentru "
                "Orașe) este un parteneriat între următoarele municipalități din Europa: Messina "
                "(IT), Roquetas de Mar (ES), Oulu (FI), Saint-Quentin (FR), Limerick City and "
                "County Council (IE), Ventspils Digital Centre (LV), Portalegre (PT), Botosani "
                "(RO).</p>"
            ),
            paragraph("<p>Partenerul Lider este Municipiul Messina, din Italia.</p>"),
            paragraph("<p>Budgetul total al proiectului este 146.993 €.</p>"),
            paragraph(
                "<p>Perioada de implementare a proiectului este cuprinsă între 2 septembrie 2019 "
                "și 2 martie 2020.</p>"
            ),
            paragraph(
                "<p>Scopul proiectului este inițierea unui sistem și a unor proceduri de lucru "
                "care să permită orașelor să-și construiască o infrastructură hard și soft în "
                "conformitate cu noile tehnologii digitale. De asemenea, înlăturarea obstacolelor "
                "cu care se confruntă orașele mijlocii în digitalizarea serviciilor specifice, cum "
                "ar fi, lipsa unei strategii de ansamblu și dificultățile în implicarea unor "
                "structuri tehnice competente în inovarea digitală. Totodată, municipalitățile "
                "trebuie să garanteze absorbția inovațiilor digitale de către părțile interesate "
                "locale: cetățeni și potențiali întreprinzători.</p>"
            ),
            paragraph(
                "<p>Pentru a duce la îndeplinire scopul propus, municipalitățile partenere vor "
                "avea o serie de întâlniri, fiecare fiind gazdă prin rotație. Municipiul Botoșani "
                "va găzdui întâlnirea partenerilor din proiect în februarie 2020.</p>"
            ),
            paragraph(
                "<p><i>Notă: anunțul original nu este datat; îl datăm după decizia pe care o "
                "anunță, a Comitetului de Monitorizare URBACT din 25 iunie 2019.</i></p>"
            ),
        ],
    }


def di4c_en():
    return {
        "title": (
            "The Municipality of Botoșani selected as a Partner in the URBACT Planning Network "
            "Digital Innovation 4 Cities – DI4C"
        ),
        "slug": "botosani-partner-in-the-urbact-network-di4c",
        "lead": (
            "We are delighted to announce that our municipality has been selected as a Partner "
            "in the URBACT Planning Network Digital Innovation 4 Cities – DI4C."
        ),
        "body": [
            paragraph(
                "<p>The results of the call for applications from municipalities across Europe "
                "are published on the page of the URBACT National Point – the URBACT website in "
                "Romania.</p>"
            ),
            paragraph(
                "<p>On 25 June 2019 a decision of the URBACT Monitoring Committee approved 23 "
                "URBACT Planning Networks, with 203 partners from 26 countries in total.</p>"
            ),
            paragraph(
                "<p>The <b>Digital Innovation 4 Cities – DI4C</b> project is a partnership between "
                "the following European municipalities: Messina (IT), Roquetas de Mar (ES), Oulu "
                "(FI), Saint-Quentin (FR), Limerick City and County Council (IE), Ventspils "
                "Digital Centre (LV), Portalegre (PT), Botosani (RO).</p>"
            ),
            paragraph("<p>The Lead Partner is the Municipality of Messina, Italy.</p>"),
            paragraph("<p>The total budget of the project is €146,993.</p>"),
            paragraph("<p>The project runs from 2 September 2019 to 2 March 2020.</p>"),
            paragraph(
                "<p>The aim of the project is to set up a system and working procedures that let "
                "cities build hard and soft infrastructure in line with the new digital "
                "technologies; also, to remove the obstacles medium-sized cities face in "
                "digitising specific services, such as the lack of an overall strategy and the "
                "difficulty of involving competent technical structures in digital innovation. "
                "At the same time, municipalities must guarantee that local stakeholders – "
                "citizens and potential entrepreneurs – take up the digital innovations.</p>"
            ),
            paragraph(
                "<p>To achieve this aim, the partner municipalities will hold a series of "
                "meetings, each hosting in turn. The Municipality of Botoșani will host the "
                "meeting of the project partners in February 2020.</p>"
            ),
            paragraph(
                "<p><i>Note: the original announcement carries no date; it is dated by the "
                "decision it announces, that of the URBACT Monitoring Committee of 25 June "
                "2019.</i></p>"
            ),
        ],
    }


ACTION_LINES_RO = [
    "utilizarea temporară a instrumentelor digitale în serviciile oferite de municipalitate cetățenilor;",
    "organizarea de evenimente sau campanii locale pentru a crește gradul de conștientizare cu privire la subiecte specifice;",
    "experimentarea unor noi forme de participare a cetățenilor;",
    "achiziționarea sau utilizarea unor instrumente virtuale specifice;",
    "achiziționarea de echipamente simple pentru a dezvolta soluții specifice.",
]
ACTION_LINES_EN = [
    "temporary use of digital tools in the services the municipality offers citizens;",
    "organising local events or campaigns to raise awareness of specific subjects;",
    "trying out new forms of citizen participation;",
    "acquiring or using specific virtual tools;",
    "acquiring simple equipment to develop specific solutions.",
]


def ulg_ro():
    return {
        "title": "Comunicat de presă: Întâlnirea Grupului Local URBACT",
        "release_date": datetime.date(2021, 4, 8),
        "reference": "CP-2021-001",
        "place": 'Primăria Municipiului Botoșani, Sala de ședințe "Mihai Eminescu"',
        "lead": (
            'Pe 8 aprilie 2021 a avut loc la Primărie în Sala de ședințe "Mihai Eminescu" '
            "întâlnirea de lucru în formulă restrânsă conform cerințelor actuale ale pandemiei "
            "a membrilor Grupului Local URBACT (URBACT Local Group ULG – engl.) din cadrul "
            "Proiectului DigiPlace."
        ),
        "body": [
            paragraph(
                "<p>Întâlnirea s-a înscris în calendarul activităților derulate conform "
                "proiectului aflat în prezent în etapa : Elaborarea Planului de Acțiune Integrat "
                "(decembrie 2020 - decembrie 2021)</p>"
            ),
            paragraph(
                "<p>Discuțiile s-au purtat pe marginea identificării uneia sau chiar a mai multor "
                "activități pilot care sa fie implementate în cadrul proiectului. Conform Ghidului "
                "activităților transmis de URBACT activitățile pilot se aleg din următoarele linii "
                "de acțiuni :</p>"
            ),
            facts(ACTION_LINES_RO),
            paragraph(
                "<p>Grupul de lucru va identifica în scurt timp o activitate pilot care să "
                "corespundă cel mai bine cerințelor comunității pentru inovarea digitală cu "
                "implicarea și în folosul cetățenilor.</p>"
            ),
            paragraph(
                "<p>Bugetul alocat prin Program acestor activități pilot este de maxim 10.000 "
                "euro.</p>"
            ),
            paragraph(
                "<p>Reamintim că prin specificul său <b>Programului Operațional URBACT nu "
                "finanțează proiecte de infrastructură hard.</b></p>"
            ),
            paragraph(
                "<p>Practic prin implementarea acestor acțiuni pilot (la scară mică, individuale "
                "pentru fiecare orașe membre în rețea), orașele sunt încurajate să experimenteze "
                "idei noi de proiecte în cazul nostru în domeniul digitalizării "
                "infrastructurii.</p>"
            ),
            paragraph(
                "<p>Se garantează astfel adoptarea inovației digitale de toate părțile locale "
                "interesate (cetățeni, administrație cât și antreprenori).</p>"
            ),
        ],
        "contacts": [("Claudiu Nanea", ROLE_RO), ("Ortansa Albu", ROLE_RO)],
    }


def ulg_en():
    return {
        "title": "Press release: URBACT Local Group meeting",
        "slug": "press-release-urbact-local-group-meeting",
        "place": 'Botoșani City Hall, "Mihai Eminescu" meeting room',
        "lead": (
            "On 8 April 2021 the members of the URBACT Local Group (ULG) of the DigiPlace "
            'project held a working meeting at the City Hall, in the "Mihai Eminescu" meeting '
            "room, in a small group as the current pandemic rules require."
        ),
        "body": [
            paragraph(
                "<p>The meeting was part of the calendar of activities of the project, now in "
                "the phase: Drawing up the Integrated Action Plan (December 2020 – December "
                "2021).</p>"
            ),
            paragraph(
                "<p>The discussion was about identifying one or even several pilot activities to "
                "be carried out within the project. Under the activity guide sent by URBACT, "
                "pilot activities are chosen from the following action lines:</p>"
            ),
            facts(ACTION_LINES_EN),
            paragraph(
                "<p>The working group will shortly identify a pilot activity that best meets the "
                "community's needs for digital innovation, with the involvement and for the "
                "benefit of citizens.</p>"
            ),
            paragraph(
                "<p>The budget the Programme allocates to these pilot activities is at most "
                "10,000 euro.</p>"
            ),
            paragraph(
                "<p>We recall that, by its nature, <b>the URBACT Operational Programme does not "
                "fund hard infrastructure projects.</b></p>"
            ),
            paragraph(
                "<p>In practice, by carrying out these pilot actions (small-scale, individual to "
                "each member city of the network), cities are encouraged to try out new project "
                "ideas – in our case in the field of digitising infrastructure.</p>"
            ),
            paragraph(
                "<p>This guarantees that all local stakeholders (citizens, administration and "
                "entrepreneurs alike) take up digital innovation.</p>"
            ),
        ],
        "contacts": [("Claudiu Nanea", ROLE_EN), ("Ortansa Albu", ROLE_EN)],
    }
