"""The Content-Security-Policy in a real browser: public pages work under their policy without
a single violation (the admin under its own: test_editor.py)."""

import pytest

pytestmark = pytest.mark.browser


def violations_while(page, action):
    found = []
    page.on(
        "console",
        lambda message: (
            found.append(message.text) if "Content Security Policy" in message.text else None
        ),
    )
    action()
    page.wait_for_timeout(500)
    return found


@pytest.mark.parametrize("path", ["/ro/", "/en/about/", "/ro/cautare/?q=Botosani"])
def test_public_pages_raise_no_csp_violation(demo_to_read, page, path):
    assert violations_while(page, lambda: page.goto(demo_to_read.url + path)) == []
