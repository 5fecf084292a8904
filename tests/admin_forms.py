"""A press release's add and edit forms as Wagtail's admin posts them, for the tests of
every app that edits releases through the admin."""

from django.urls import reverse
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield


def release_form(**overrides):
    data = {
        "title": "Comunicat de presă: Întâlnirea Grupului Local URBACT",
        "slug": "intalnirea-grupului-local",
        "lead": "Pe 8 aprilie 2021 a avut loc întâlnirea.",
        "release_date": "2021-04-08",
        "place": 'Sala de ședințe "Mihai Eminescu"',
        "hero_image": "",
        "hero_image_alt": "",
        "hero_image_caption": "",
        "body": streamfield([("paragraph", rich_text("<p>Discuțiile s-au purtat…</p>"))]),
        "related_pages": inline_formset([]),
        "attachments": inline_formset([]),
        "contacts": inline_formset(
            [
                {"name": "Claudiu Nanea", "role": "Responsabil proiect", "email": "", "phone": ""},
                {"name": "Ortansa Albu", "role": "Responsabil proiect", "email": "", "phone": ""},
            ]
        ),
        "comments": inline_formset([]),
        "seo_title": "",
        "search_description": "",
        "action-publish": "action-publish",
    }
    data.update(overrides)
    return nested_form_data(data)


def edit_form(page, **overrides):
    """The edit form of a release as the admin fills it in: saves a draft unless told
    which action to take."""
    fields = {
        "title": page.title,
        "slug": page.slug,
        "lead": page.lead,
        "release_date": page.release_date.isoformat(),
        "place": page.place,
        "contacts": inline_formset([]),
        "action-publish": "",
    }
    if page.publish_only_with_translation:
        fields["publish_only_with_translation"] = "on"
    return release_form(**{**fields, **overrides})


def edit_url(page):
    return reverse("wagtailadmin_pages:edit", args=[page.pk])
