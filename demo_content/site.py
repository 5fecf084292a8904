"""The two locale homes, the about, contact and accessibility pages, and the
organisation's identity from the letterhead of the seed documents."""

from wagtail.models import Page, Site

from pages.models import HomePage, Organisation, StandardPage
from pages.rich_text import database_html

from .building import ensure_page, ensure_translation, locales


def paragraph(html):
    return ("paragraph", database_html(html))


def heading(text, level="h2"):
    return ("heading", {"text": text, "level": level})


def load():
    romanian, english = locales()
    home = ensure_home(romanian)
    home_en = ensure_translation(
        home,
        english,
        title="External Relations Office",
        slug="en",
        introduction=(
            "Press releases, partners and pilot actions of the European networks in which "
            "the Municipality of Botoșani takes part."
        ),
    )

    about = ensure_page(
        home,
        StandardPage,
        "despre",
        title="Despre",
        show_in_menus=True,
        introduction=(
            "Compartimentul Relații Externe al Primăriei Municipiului Botoșani publică aici "
            "comunicatele de presă, partenerii și acțiunile pilot ale rețelelor europene din "
            "care face parte municipiul."
        ),
        body=[
            paragraph(
                "<p>Municipiul Botoșani participă la rețele de orașe europene finanțate prin "
                "programul URBACT. Pe acest site găsiți comunicatele de presă ale "
                "compartimentului, profilurile orașelor partenere și acțiunile pilot.</p>"
            )
        ],
    )
    ensure_translation(
        about,
        english,
        title="About",
        slug="about",
        introduction=(
            "The External Relations Office of Botoșani City Hall publishes here the press "
            "releases, the partners and the pilot actions of the European networks the "
            "municipality belongs to."
        ),
        body=[
            paragraph(
                "<p>The Municipality of Botoșani takes part in networks of European cities "
                "funded by the URBACT programme. This site holds the office's press releases, "
                "the profiles of the partner cities and the pilot actions.</p>"
            )
        ],
    )

    contact = ensure_page(
        home,
        StandardPage,
        "contact",
        title="Contact",
        show_in_menus=True,
        introduction="Primăria Municipiului Botoșani – Compartimentul Relații Externe",
        body=[
            paragraph(
                "<p>România<br>Județul Botoșani<br>Municipiul Botoșani</p><p>CF: 3372882</p>"
            ),
            heading("Responsabili proiect"),
            ("facts", {"title": "", "items": ["Claudiu Nanea", "Ortansa Albu"]}),
        ],
    )
    ensure_translation(
        contact,
        english,
        title="Contact",
        slug="contact",
        introduction="Botoșani City Hall – External Relations Office",
        body=[
            paragraph(
                "<p>Romania<br>Botoșani County<br>Municipality of Botoșani</p><p>Fiscal code (CF): 3372882</p>"
            ),
            heading("Project officers"),
            ("facts", {"title": "", "items": ["Claudiu Nanea", "Ortansa Albu"]}),
        ],
    )

    statement = ensure_page(
        home, StandardPage, "declaratie-accesibilitate", **accessibility_statement_ro()
    )
    statement_en = ensure_translation(statement, english, **accessibility_statement_en())

    ensure_organisation(romanian, english, statement, statement_en)
    return home, home_en


def ensure_home(romanian):
    """The Romanian home as the site's root page, replacing Wagtail's welcome page."""
    site = Site.objects.filter(is_default_site=True).first()
    if site and isinstance(site.root_page.specific, HomePage):
        return site.root_page.specific
    root = Page.get_first_root_node() or Page.add_root(
        instance=Page(title="Root", slug="root", locale=romanian, live=True)
    )
    home = HomePage.objects.filter(locale=romanian, depth=2).first()
    if home is None:
        home = HomePage(
            title="Compartimentul Relații Externe",
            slug="ro",
            locale=romanian,
            introduction=(
                "Comunicate de presă, parteneri și acțiuni pilot ale rețelelor europene din "
                "care face parte Municipiul Botoșani."
            ),
        )
        root.add_child(instance=home)
        home.save_revision().publish()
    if site is None:
        site = Site(hostname="localhost", port=80, is_default_site=True, site_name="")
    old_root = site.root_page if site.root_page_id else None
    site.root_page = home
    site.site_name = "Primăria Municipiului Botoșani"
    site.save()
    # Wagtail's own "Welcome to your new Wagtail site!" page has nothing to keep.
    if old_root and type(old_root.specific) is Page and not old_root.get_children().exists():
        old_root.delete()
    return home


def ensure_organisation(romanian, english, statement, statement_en):
    organisation = Organisation.objects.filter(locale=romanian).first()
    if organisation is None:
        organisation = Organisation.objects.create(
            locale=romanian,
            name="Primăria Municipiului Botoșani",
            slogan="împreună dezvoltăm orașul™",
            department="Compartimentul Relații Externe",
            address="România\nJudețul Botoșani\nMunicipiul Botoșani",
            fiscal_code="3372882",
            accessibility_statement=statement,
        )
    ensure_translation(
        organisation,
        english,
        name="Botoșani City Hall",
        slogan="together we develop the city™",
        department="External Relations Office",
        address="Romania\nBotoșani County\nMunicipality of Botoșani",
        accessibility_statement=statement_en,
    )


TO_COMPLETE_RO = "[De completat de editori: {}]"
TO_COMPLETE_EN = "[For the editors to complete: {}]"


def accessibility_statement_ro():
    todo = TO_COMPLETE_RO.format
    return {
        "title": "Declarație de accesibilitate",
        "introduction": (
            "Această pagină este un model, după modelul de declarație din Decizia de punere în "
            "aplicare (UE) 2018/1523. Textele dintre paranteze drepte trebuie completate de "
            "editori înainte de publicarea site-ului."
        ),
        "body": [
            paragraph(
                "<p>Primăria Municipiului Botoșani se angajează să facă site-ul accesibil, în "
                "conformitate cu OUG nr. 112/2018 privind accesibilitatea site-urilor web și a "
                "aplicațiilor mobile ale organismelor din sectorul public, care transpune "
                "Directiva (UE) 2016/2102.</p>"
            ),
            heading("Stadiul conformității"),
            paragraph(f"<p>{todo('pe deplin / parțial / neconform cu standardul EN 301 549')}</p>"),
            heading("Conținut care nu este accesibil"),
            paragraph(
                f"<p>{todo('conținutul neaccesibil și motivele; alternativele oferite')}</p>"
            ),
            heading("Elaborarea declarației"),
            paragraph(
                f"<p>{todo('data elaborării și metoda (autoevaluare sau evaluare externă)')}</p>"
            ),
            heading("Feedback și date de contact"),
            paragraph(
                "<p>Ne puteți semnala orice problemă de accesibilitate sau cere informațiile "
                "într-un format accesibil prin datele de contact și formularul de mai jos.</p>"
            ),
            heading("Procedura de asigurare a aplicării"),
            paragraph(
                "<p>Dacă răspunsul nostru nu vă mulțumește, vă puteți adresa autorității "
                f"responsabile cu monitorizarea: {todo('autoritatea și legătura către procedură')}.</p>"
            ),
        ],
    }


def accessibility_statement_en():
    todo = TO_COMPLETE_EN.format
    return {
        "title": "Accessibility statement",
        "slug": "accessibility-statement",
        "introduction": (
            "This page is a template following the model statement of Implementing Decision "
            "(EU) 2018/1523. The text in square brackets must be completed by the editors "
            "before the site is published."
        ),
        "body": [
            paragraph(
                "<p>Botoșani City Hall is committed to making this website accessible, in "
                "accordance with Emergency Ordinance 112/2018 on the accessibility of the "
                "websites and mobile applications of public sector bodies, which transposes "
                "Directive (EU) 2016/2102.</p>"
            ),
            heading("Compliance status"),
            paragraph(f"<p>{todo('fully / partially / not compliant with EN 301 549')}</p>"),
            heading("Non-accessible content"),
            paragraph(
                f"<p>{todo('the non-accessible content and why; the alternatives offered')}</p>"
            ),
            heading("Preparation of this statement"),
            paragraph(
                f"<p>{todo('date of preparation and method (self-assessment or third party)')}</p>"
            ),
            heading("Feedback and contact information"),
            paragraph(
                "<p>You can tell us about any accessibility problem or ask for information in "
                "an accessible format with the contact details and the form below.</p>"
            ),
            heading("Enforcement procedure"),
            paragraph(
                "<p>If our answer does not satisfy you, you can contact the authority that "
                f"monitors compliance: {todo('the authority and a link to its procedure')}.</p>"
            ),
        ],
    }
