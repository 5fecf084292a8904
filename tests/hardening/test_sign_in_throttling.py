"""Sign-in throttling: failed sign-ins lock a user name out per address and an address
out per count, in the editor's language; forwarded addresses only from trusted proxies."""

import pytest
from django.test import Client, RequestFactory


@pytest.fixture
def editor(django_user_model, db):
    return django_user_model.objects.create_user("editor", "editor@example.com", "right-pass-1")


def sign_in(username, password, address, language="en"):
    return Client(REMOTE_ADDR=address, HTTP_ACCEPT_LANGUAGE=language).post(
        "/admin/login/", {"username": username, "password": password}
    )


def test_failed_sign_ins_lock_the_user_out_from_that_address_only(editor, settings):
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        assert sign_in("editor", "wrong", "192.0.2.1").status_code == 200
    # The failure that reaches the limit is already answered with the lockout.
    assert sign_in("editor", "wrong", "192.0.2.1").status_code == 429
    locked = sign_in("editor", "right-pass-1", "192.0.2.1")
    assert locked.status_code == 429
    html = locked.content.decode()
    assert "Too many failed sign-in attempts" in html
    assert "Signing in to this account from this address failed 5 times in a row" in html
    assert "Please try again in 15 minutes." in html
    # Whoever guessed from there cannot keep the editor out from the office.
    assert sign_in("editor", "right-pass-1", "198.51.100.1").status_code == 302


def test_guesses_from_many_addresses_do_not_lock_the_user_out(editor, settings):
    for attempt in range(3 * settings.AXES_FAILURE_LIMIT):
        sign_in("editor", "wrong", f"10.0.{attempt}.1")
    assert sign_in("editor", "right-pass-1", "198.51.100.1").status_code == 302


def test_an_address_trying_many_user_names_is_throttled(editor, settings):
    settings.LOGIN_ADDRESS_FAILURE_LIMIT = 12
    # Fewer failures per name than the pair's limit, but many names.
    for attempt in range(settings.LOGIN_ADDRESS_FAILURE_LIMIT - 1):
        assert sign_in(f"guess{attempt}", "wrong", "192.0.2.9").status_code == 200
    assert sign_in("guess-last", "wrong", "192.0.2.9").status_code == 429
    locked = sign_in("editor", "right-pass-1", "192.0.2.9")
    assert locked.status_code == 429
    assert "Signing in from this address failed 12 times, whatever the account" in (
        locked.content.decode()
    )
    # The editor signs in from elsewhere.
    assert sign_in("editor", "right-pass-1", "198.51.100.1").status_code == 302


def test_signing_in_to_ones_own_account_does_not_reset_the_addresss_count(editor, settings):
    settings.LOGIN_ADDRESS_FAILURE_LIMIT = 8
    for attempt in range(settings.LOGIN_ADDRESS_FAILURE_LIMIT - 1):
        sign_in(f"guess{attempt}", "wrong", "192.0.2.9")
    assert sign_in("editor", "right-pass-1", "192.0.2.9").status_code == 302
    assert sign_in("guess-last", "wrong", "192.0.2.9").status_code == 429


def test_lockout_message_is_in_romanian_for_a_romanian_editor(editor, settings):
    for _ in range(settings.AXES_FAILURE_LIMIT):
        sign_in("editor", "wrong", "10.0.0.1", language="ro")
    html = sign_in("editor", "wrong", "10.0.0.1", language="ro").content.decode()
    assert '<html lang="ro">' in html
    assert "Prea multe încercări eșuate de autentificare" in html
    assert "Autentificarea în acest cont de la această adresă a eșuat de 5 ori la rând" in html
    assert "Încercați din nou peste 15 minute." in html


def test_a_successful_sign_in_resets_the_count(editor, settings):
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        sign_in("editor", "wrong", "203.0.113.5")
    assert sign_in("editor", "right-pass-1", "203.0.113.5").status_code == 302
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        sign_in("editor", "wrong", "203.0.113.5")
    assert sign_in("editor", "right-pass-1", "203.0.113.5").status_code == 302


def test_a_spoofed_forwarded_address_is_ignored_without_trusted_proxies(editor, settings):
    from hardening.security import client_ip_address

    settings.TRUSTED_PROXY_COUNT = 0
    request = RequestFactory().get("/", HTTP_X_FORWARDED_FOR="1.1.1.1", REMOTE_ADDR="10.0.0.2")
    assert client_ip_address(request) == "10.0.0.2"
    # A guesser changing the header at every try is still one address.
    for attempt in range(settings.AXES_FAILURE_LIMIT):
        Client(REMOTE_ADDR="192.0.2.7", HTTP_X_FORWARDED_FOR=f"10.9.{attempt}.1").post(
            "/admin/login/", {"username": "editor", "password": "wrong"}
        )
    assert sign_in("editor", "right-pass-1", "192.0.2.7").status_code == 429


def test_behind_trusted_proxies_the_address_they_recorded_is_used(editor, settings):
    from hardening.security import client_ip_address

    forwarded = "1.1.1.1, 203.0.113.7, 10.0.0.3"
    request = RequestFactory().get("/", HTTP_X_FORWARDED_FOR=forwarded, REMOTE_ADDR="10.0.0.2")
    settings.TRUSTED_PROXY_COUNT = 1
    assert client_ip_address(request) == "10.0.0.3"
    settings.TRUSTED_PROXY_COUNT = 2
    assert client_ip_address(request) == "203.0.113.7"
    settings.TRUSTED_PROXY_COUNT = 5  # the outer proxies were skipped
    assert client_ip_address(request) == "1.1.1.1"
    no_header = RequestFactory().get("/", REMOTE_ADDR="10.0.0.2")
    assert client_ip_address(no_header) == "10.0.0.2"

    # Behind one proxy, readers are told apart by the address it recorded.
    settings.TRUSTED_PROXY_COUNT = 1
    behind_proxy = {"REMOTE_ADDR": "10.0.0.2"}
    for _ in range(settings.AXES_FAILURE_LIMIT):
        Client(**behind_proxy, HTTP_X_FORWARDED_FOR="6.6.6.6, 192.0.2.66").post(
            "/admin/login/", {"username": "editor", "password": "wrong"}
        )
    elsewhere = Client(**behind_proxy, HTTP_X_FORWARDED_FOR="192.0.2.66, 198.51.100.8").post(
        "/admin/login/", {"username": "editor", "password": "right-pass-1"}
    )
    assert elsewhere.status_code == 302
    locked = Client(**behind_proxy, HTTP_X_FORWARDED_FOR="192.0.2.66").post(
        "/admin/login/", {"username": "editor", "password": "right-pass-1"}
    )
    assert locked.status_code == 429
