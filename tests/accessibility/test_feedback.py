"""The accessibility statement's contact and feedback form: readers report a problem in
either language, editors read it in the admin, spam and bad input are refused calmly."""

import datetime

import pytest
from django.core.cache import cache

from accessibility.models import Feedback
from pages.models import Organisation, StandardPage
from tests.factories import make_user

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("site_database")]

FORM_RO, FORM_EN = "/ro/semnalare-accesibilitate/", "/en/accessibility-feedback/"


@pytest.fixture(autouse=True)
def fresh_rate_limit():
    cache.clear()


@pytest.fixture
def statement(site_tree):
    organisation = Organisation.objects.get(locale=site_tree.romanian)
    Organisation.objects.filter(translation_key=organisation.translation_key).update(
        email="accesibilitate@primariabt.ro", phone="0231 502 200"
    )
    page = StandardPage.objects.get(pk=organisation.accessibility_statement_id)
    page.last_reviewed = datetime.date(2026, 3, 15)
    page.save_revision().publish()
    return page


def test_the_statement_shows_the_organisations_contact_the_form_and_its_review_date(
    client, statement
):
    html = client.get(statement.url).content.decode()
    assert '<a href="mailto:accesibilitate@primariabt.ro">accesibilitate@primariabt.ro</a>' in html
    assert "Telefon: 0231 502 200" in html
    assert f'href="{FORM_RO}"' in html
    assert 'Ultima revizuire: <time datetime="2026-03-15">15 martie 2026</time>' in html
    english = statement.get_translations().get()
    html_en = client.get(english.url).content.decode()
    assert f'href="{FORM_EN}"' in html_en and "Report an accessibility problem" in html_en


def test_a_reader_sends_feedback_and_editors_read_it_in_the_admin(
    client, django_user_model, statement
):
    page = client.get(f"{FORM_EN}?page=/en/news/")
    assert page.status_code == 200 and 'value="/en/news/"' in page.content.decode()
    response = client.post(
        FORM_EN, {"name": "", "message": "The map has no text version.", "page_address": "/en/"}
    )
    assert response.status_code == 200
    assert "your message has reached the site" in response.content.decode()
    sent = Feedback.objects.get()
    assert (sent.message, sent.page_address, sent.language) == (
        "The map has no text version.",
        "/en/",
        "en",
    )
    client.force_login(make_user(django_user_model, "ed", "Editors"))
    listing = client.get("/admin/snippets/accessibility/feedback/")
    assert listing.status_code == 200
    assert "The map has no text version." in listing.content.decode()
    assert client.get("/admin/snippets/accessibility/feedback/add/").status_code in (302, 403)


def test_an_empty_message_is_refused_with_a_clear_message_and_nothing_saved(client, statement):
    response = client.post(FORM_RO, {"name": "Ana", "message": "   ", "page_address": "x" * 900})
    assert response.status_code == 200
    html = response.content.decode()
    assert "Acest câmp este obligatoriu." in html or "Spuneți-ne care este problema." in html
    assert not Feedback.objects.exists()


def test_the_form_is_csrf_protected(statement):
    from django.test import Client

    strict = Client(enforce_csrf_checks=True)
    response = strict.post(FORM_RO, {"message": "Problemă"})
    assert response.status_code == 403
    assert not Feedback.objects.exists()


def test_robots_filling_the_hidden_field_are_thanked_but_not_stored(client, statement):
    response = client.post(FORM_RO, {"message": "Cheap pills", "website": "http://spam"})
    assert response.status_code == 200
    assert not Feedback.objects.exists()


def test_more_than_five_messages_an_hour_from_one_address_are_refused(client, statement):
    for number in range(5):
        client.post(FORM_RO, {"message": f"Problema {number}"})
    response = client.post(FORM_RO, {"message": "A șasea"})
    assert "Prea multe mesaje" in response.content.decode()
    assert Feedback.objects.count() == 5
