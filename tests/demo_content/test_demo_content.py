"""The demo content command: run twice, it adds nothing the second time; its steps build
on one another and each works without the ones after it."""

import pytest
from django.core.management import call_command
from wagtail.models import Locale, Page, Revision

from demo_content import newsroom, site
from demo_content.building import ensure_page, ensure_translation
from newsroom.models import PressContact, PressReleasePage, PressReleaseRelatedPage, Topic
from pages.models import Organisation, StandardPage

pytestmark = pytest.mark.django_db

ULG_RO = "Comunicat de presă: Întâlnirea Grupului Local URBACT"
ULG_EN = "Press release: URBACT Local Group meeting"


def load():
    call_command("load_demo_content", stdout=open("/dev/null", "w"))


def test_running_the_demo_twice_changes_nothing():
    load()
    counts = lambda: (  # noqa: E731
        Page.objects.count(),
        Organisation.objects.count(),
        Topic.objects.count(),
        PressContact.objects.count(),
        PressReleaseRelatedPage.objects.count(),
        Revision.objects.count(),
    )
    before = counts()
    load()
    assert counts() == before


def test_releases_link_the_digiplace_project_when_it_exists():
    """The partners step creates the project; without it the releases are simply unlinked."""
    home, _ = site.load()
    newsroom.load()
    assert not PressReleaseRelatedPage.objects.exists()

    project = ensure_page(home, StandardPage, "digiplace", title="DigiPlace")
    project_en = ensure_translation(
        project, Locale.objects.get(language_code="en"), title="DigiPlace", slug="digiplace"
    )
    newsroom.load()
    assert [r.title for r in PressReleasePage.about(project)] == [
        ULG_RO,
        "Municipiul Botoșani, selectat ca Partener în Rețeaua de Planificare URBACT "
        "Digital Innovation 4 Cities – DI4C",
    ]
    assert [r.title for r in PressReleasePage.about(project_en)][0] == ULG_EN
    count = PressReleaseRelatedPage.objects.count()
    newsroom.load()
    assert PressReleaseRelatedPage.objects.count() == count == 4
