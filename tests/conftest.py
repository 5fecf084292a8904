from types import SimpleNamespace

import pytest
from django.core.cache import caches
from django.core.management import call_command
from django.db import transaction
from wagtail.models import Locale

from demo_content import site
from page_cache.store import worker_copies
from pages.models import HomePage
from pages.remembered import forget


@pytest.fixture(autouse=True)
def forget_remembered_content():
    """Each test's database is rolled back without bumping the content generation, so
    what one test's requests remembered (pages/remembered.py) or served from the page
    cache (page_cache/store.py keeps copies in the worker) must not reach the next. Nor
    what Wagtail cached by primary key (renditions): the next test's image gets the same id."""
    forget()
    worker_copies.clear()
    for cache in caches.all(initialized_only=True):
        cache.clear()
    yield
    forget()
    worker_copies.clear()


@pytest.fixture
def site_tree(db):
    """The two locale homes, the standard pages and the organisation (the demo's first step)."""
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


def built_once_for_the_module(build):
    """A module-scoped fixture: `build()` runs once for a whole module, in a transaction
    rolled back when the module ends. Each test's own transaction (`db`) is a savepoint
    inside it, rolled back after the test, as with Django's `setUpTestData`: a test that
    changes what was built leaves it unchanged for the next.

    Building the site's pages takes about 1,900 queries, the whole demo several seconds,
    and some 800 tests start from one or the other. A module whose every test does asks
    for it with `pytest.mark.usefixtures(...)` in its `pytestmark`; `site_tree` and
    `demo_content` then find what is there (the demo's steps are idempotent) in a few
    queries. Such a module holds no test that needs an empty database.
    """

    @pytest.fixture(scope="module")
    def fixture(django_db_setup, django_db_blocker):
        with django_db_blocker.unblock(), transaction.atomic():
            build()
            yield
            transaction.set_rollback(True)

    return fixture


site_database = built_once_for_the_module(site.load)
demo_database = built_once_for_the_module(
    lambda: call_command("load_demo_content", stdout=open("/dev/null", "w"))
)


@pytest.fixture
def admin_client(client, django_user_model, db):
    user = django_user_model.objects.create_superuser("admin", "admin@example.com", "password")
    client.force_login(user)
    return client


@pytest.fixture
def partners_tree(site_tree):
    """The project and partner indexes of both locales on top of `site_tree` (partners app)."""
    from tests.factories import PartnerIndexPageFactory, ProjectIndexPageFactory

    projects = ProjectIndexPageFactory(parent=site_tree.home)
    partners = PartnerIndexPageFactory(parent=site_tree.home)
    projects_en = projects.copy_for_translation(site_tree.english)
    projects_en.title, projects_en.slug = "Projects", "projects"
    projects_en.save_revision().publish()
    partners_en = partners.copy_for_translation(site_tree.english)
    partners_en.title, partners_en.slug = "Partners", "partners"
    partners_en.save_revision().publish()
    site_tree.projects, site_tree.projects_en = projects, projects_en.specific
    site_tree.partners, site_tree.partners_en = partners, partners_en.specific
    return site_tree
