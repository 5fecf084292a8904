"""The demo content command: run twice, it adds nothing the second time."""

import pytest
from django.core.management import call_command
from wagtail.models import Page

from pages.models import Organisation

pytestmark = pytest.mark.django_db


def test_demo_content_command_is_idempotent(db):
    call_command("load_demo_content", stdout=open("/dev/null", "w"))
    counts = (Page.objects.count(), Organisation.objects.count())
    call_command("load_demo_content", stdout=open("/dev/null", "w"))
    assert (Page.objects.count(), Organisation.objects.count()) == counts
