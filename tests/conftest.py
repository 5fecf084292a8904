from types import SimpleNamespace

import pytest
from django.core.management import call_command
from wagtail.models import Locale

from pages.models import HomePage


@pytest.fixture
def site_tree(db):
    """The two locale homes, the standard pages and the organisation (the demo's first step)."""
    from website.demo import site

    home, home_en = site.load()
    # Fresh instances: treebeard answers get_children() from the in-memory child count.
    return SimpleNamespace(
        home=HomePage.objects.get(pk=home.pk),
        home_en=HomePage.objects.get(pk=home_en.pk),
        romanian=Locale.objects.get(language_code="ro"),
        english=Locale.objects.get(language_code="en"),
    )


@pytest.fixture
def demo_content(db):
    """Everything `load_demo_content` builds, in both languages."""
    call_command("load_demo_content", stdout=open("/dev/null", "w"))


@pytest.fixture
def admin_client(client, django_user_model, db):
    user = django_user_model.objects.create_superuser("admin", "admin@example.com", "password")
    client.force_login(user)
    return client
