import pytest

from pages.models import StandardPage
from tests.factories import PressReleasePageFactory, build_newsroom


def publish(page):
    page.save_revision().publish()
    return page


@pytest.fixture
def releases(site_tree):
    """Releases and pages in both languages whose words come in several forms."""
    tree = build_newsroom(site_tree)
    english = site_tree.english

    def release(parent, title, lead, body="", **fields):
        page = PressReleasePageFactory(
            parent=parent,
            title=title,
            lead=lead,
            body=[("paragraph", f"<p>{body}</p>")] if body else [],
            **fields,
        )
        return publish(page)

    tree.partnership_ro = release(
        tree.news,
        "Acord semnat cu orașul Fermo",
        "Primăria Botoșani a semnat un parteneriat cu Fermo.",
        "Acordul cultural prevede schimburi între școli.",
    )
    tree.projects_ro = release(
        tree.news,
        "Două proiecte noi pentru tineri",
        "Municipiul pregătește un proiect de digitalizare.",
        "Cultural acord nu este aici în această ordine.",
    )
    tree.partnership_en = release(
        tree.news_en,
        "Agreement signed with Fermo",
        "The city hall signed a partnership with Fermo.",
        "Two new projects for young people, running in three cities.",
        locale=english,
    )
    tree.title_match = publish(
        site_tree.home.add_child(
            instance=StandardPage(title="Castanul din curte", slug="castanul", introduction="")
        )
    )
    tree.body_match = publish(
        site_tree.home.add_child(
            instance=StandardPage(
                title="Curtea școlii",
                slug="curtea",
                introduction="În curtea școlii crește un castan bătrân, între alți copaci.",
            )
        )
    )
    return tree
