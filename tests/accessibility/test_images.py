"""Every image use carries a decision: alternative text, or "decorative" (`alt=""`)."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from wagtail.blocks import StreamBlockValidationError
from wagtail_localize.models import TranslationSource
from wagtail_localize.segments.extract import extract_segments
from wagtail_localize.segments.types import StringSegmentValue

from newsroom.models import PressReleasePage
from pages.blocks import BodyBlock
from partners.models import PilotGalleryImage
from tests.admin_forms import release_form
from tests.factories import (
    ImageFactory,
    PartnerPageFactory,
    PilotGalleryImageFactory,
    PilotShowcasePageFactory,
    PressReleasePageFactory,
    ProjectPageFactory,
    build_newsroom,
)

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("site_database")]

# In Romanian, the site's default language.
MISSING = (
    "Descrieți imaginea pentru persoanele care nu o pot vedea sau marcați-o ca decorativă "
    "dacă nu adaugă nimic textului."
)


@pytest.fixture
def newsroom(site_tree):
    return build_newsroom(site_tree)


def add_url(parent):
    return reverse("wagtailadmin_pages:add", args=["newsroom", "pressreleasepage", parent.pk])


def test_a_hero_image_without_a_decision_is_refused_with_a_clear_message(admin_client, newsroom):
    image = ImageFactory()
    response = admin_client.post(add_url(newsroom.news), release_form(hero_image=str(image.pk)))
    assert response.status_code == 200
    assert response.context["form"].errors["hero_image_alt"] == [MISSING]
    assert not PressReleasePage.objects.exists()


def test_a_decorative_hero_image_is_published_with_an_empty_alt(admin_client, client, newsroom):
    image = ImageFactory()
    data = release_form(slug="parcul-central", hero_image=str(image.pk), hero_image_decorative="on")
    response = admin_client.post(add_url(newsroom.news), data)
    assert response.status_code == 302
    release = PressReleasePage.objects.get(slug="parcul-central")
    assert release.hero_image_decorative and release.hero_image_alt == ""
    html = client.get("/ro/stiri/parcul-central/").content.decode()
    hero = html.split('class="press-release__hero"', 1)[1].split("</figure>", 1)[0]
    assert f'src="{image.get_rendition("width-1200").url}"' in hero
    assert 'alt=""' in hero


def test_an_empty_alt_text_takes_the_image_librarys_description(admin_client, newsroom):
    image = ImageFactory(description="Aleea principală a parcului, cu bănci noi")
    data = release_form(slug="parcul-central", hero_image=str(image.pk))
    response = admin_client.post(add_url(newsroom.news), data)
    assert response.status_code == 302
    release = PressReleasePage.objects.get(slug="parcul-central")
    assert release.hero_image_alt == "Aleea principală a parcului, cu bănci noi"


def test_a_decorative_choice_empties_a_written_alt_text(newsroom):
    release = PressReleasePageFactory(
        parent=newsroom.news,
        hero_image=ImageFactory(),
        hero_image_alt="Bănci",
        hero_image_decorative=True,
    )
    release.full_clean()
    assert release.hero_image_alt == ""


def test_a_body_image_without_a_decision_is_refused_and_a_decorative_one_renders_empty_alt():
    image = ImageFactory()
    block = BodyBlock()
    with pytest.raises(StreamBlockValidationError) as refused:
        block.clean(block.to_python([{"type": "image", "value": {"image": image.pk}}]))
    struct_error = refused.value.block_errors[0]
    assert [str(m) for m in struct_error.block_errors["alt_text"].messages] == [MISSING]

    value = block.clean(
        block.to_python(
            [{"type": "image", "value": {"image": image.pk, "alt_text": "", "decorative": True}}]
        )
    )
    html = value[0].render()
    assert 'alt=""' in html


def test_a_gallery_image_without_a_decision_is_refused_and_a_decorative_one_renders_empty_alt(
    client, partners_tree
):
    partner = PartnerPageFactory(parent=partners_tree.partners, slug="messina")
    project = ProjectPageFactory(parent=partners_tree.projects, slug="digiplace")
    pilot = PilotShowcasePageFactory(parent=project, slug="pilot", partner=partner)
    refused = PilotGalleryImage(pilot=pilot, image=ImageFactory(), alt_text="")
    with pytest.raises(ValidationError) as error:
        refused.clean()
    assert error.value.message_dict == {"alt_text": [MISSING]}

    PilotGalleryImageFactory(pilot=pilot, image=ImageFactory(), alt_text="", decorative=True)
    html = client.get(pilot.url).content.decode()
    gallery = html.split('<ul class="gallery">', 1)[1].split("</ul>", 1)[0]
    assert 'alt=""' in gallery


def test_translators_get_the_alt_text_but_not_the_decorative_choice(
    newsroom, django_capture_on_commit_callbacks
):
    release = PressReleasePageFactory(
        parent=newsroom.news,
        hero_image=ImageFactory(),
        hero_image_alt="Bănci noi în parc",
        body=[
            (
                "image",
                {"image": ImageFactory(), "alt_text": "Aleea", "decorative": False, "caption": ""},
            ),
            ("image", {"image": ImageFactory(), "alt_text": "", "decorative": True, "caption": ""}),
        ],
    )
    release.save_revision().publish()
    source, _ = TranslationSource.get_or_create_from_instance(release)
    offered = {
        segment.render_text()
        for segment in extract_segments(release)
        if isinstance(segment, StringSegmentValue)
    }
    assert {"Bănci noi în parc", "Aleea"} <= offered

    # The Romanian editor decides the hero is decorative; synchronising carries the choice.
    with django_capture_on_commit_callbacks(execute=True):
        source.create_or_update_translation(newsroom.english, fallback=True)
    release.hero_image_decorative, release.hero_image_alt = True, ""
    release.save_revision().publish()
    source.update_from_db()
    with django_capture_on_commit_callbacks(execute=True):
        source.create_or_update_translation(newsroom.english, fallback=True)
    english = release.get_translation(newsroom.english)
    assert english.hero_image_decorative
    assert [block.value["decorative"] for block in english.body] == [False, True]
