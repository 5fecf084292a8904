"""The test suite's factories (wagtail-factories), for every app in one place: pass
`parent=` for pages."""

import datetime
from decimal import Decimal

import factory
import wagtail_factories
from django.utils.text import slugify
from factory.django import DjangoModelFactory
from wagtail.models import Collection, Locale

from newsroom.models import (
    NewsIndexPage,
    PressContact,
    PressReleaseAttachment,
    PressReleasePage,
    Topic,
)
from partners.models import (
    PartnerIndexPage,
    PartnerPage,
    Partnership,
    PartnershipRole,
    PilotGalleryImage,
    PilotShowcasePage,
    ProjectIndexPage,
    ProjectPage,
    ProjectPhase,
)


def make_user(django_user_model, username, group_name, language="en"):
    """An admin user in the group `group_name`, with the admin in `language`."""
    from django.contrib.auth.models import Group
    from wagtail.users.models import UserProfile

    user = django_user_model.objects.create_user(username, f"{username}@example.com", "pw")
    user.groups.add(Group.objects.get(name=group_name))
    profile = UserProfile.get_for_user(user)
    profile.preferred_language = language
    profile.save()
    return user


def make_desk(django_user_model, group_name, actions_by_page):
    """A user of a group of its own that may use the admin and do `actions` ("add",
    "change", "publish", "delete") on each page of `actions_by_page` and below."""
    from django.contrib.auth.models import Group, Permission
    from wagtail.models import GroupPagePermission

    group = Group.objects.create(name=group_name)
    group.permissions.add(Permission.objects.get(codename="access_admin"))
    for page, actions in actions_by_page.items():
        for action in actions:
            GroupPagePermission.objects.create(
                group=group, page=page, permission=Permission.objects.get(codename=f"{action}_page")
            )
    return make_user(django_user_model, "desk", group_name)


def root_collection():
    return Collection.get_first_root_node()


class ImageFactory(wagtail_factories.ImageFactory):
    """An image in the root collection (wagtail-factories would make a new root)."""

    collection = factory.LazyFunction(root_collection)
    title = factory.Sequence(lambda n: f"Image {n}")
    file = factory.django.ImageField(width=1600, height=900, color="#0b4f8a", filename="photo.jpg")


class DocumentFactory(wagtail_factories.DocumentFactory):
    collection = factory.LazyFunction(root_collection)
    title = factory.Sequence(lambda n: f"Document {n}")
    file = factory.django.FileField(filename="dosar-de-presa.pdf", data=b"%PDF-1.4 " + b"x" * 2039)


class TopicFactory(DjangoModelFactory):
    name = factory.Sequence(lambda n: f"Topic {n}")
    slug = factory.LazyAttribute(lambda topic: slugify(topic.name))
    locale = factory.LazyFunction(Locale.get_default)

    class Meta:
        model = Topic


class NewsIndexPageFactory(wagtail_factories.PageFactory):
    title = "Știri"
    slug = "stiri"

    class Meta:
        model = NewsIndexPage


class PressReleasePageFactory(wagtail_factories.PageFactory):
    """A live release; `topics=[...]` files it under topics."""

    title = factory.Sequence(lambda n: f"Press release {n:05d}")
    lead = factory.LazyAttribute(lambda release: f"The lead of {release.title}.")
    release_date = factory.Sequence(
        lambda n: datetime.date(2020, 1, 1) + datetime.timedelta(days=n)
    )
    body = factory.LazyAttribute(
        lambda release: [("paragraph", f"<p>The body of {release.title}.</p>")]
    )

    class Meta:
        model = PressReleasePage
        skip_postgeneration_save = True

    @factory.post_generation
    def topics(self, create, extracted, **kwargs):
        if extracted:
            self.topics.set(extracted)
            if create:
                self.save()


class PressContactFactory(DjangoModelFactory):
    name = factory.Sequence(lambda n: f"Contact {n}")
    role = "Project officer"

    class Meta:
        model = PressContact


class PressReleaseAttachmentFactory(DjangoModelFactory):
    document = factory.SubFactory(DocumentFactory)

    class Meta:
        model = PressReleaseAttachment


def build_newsroom(site_tree):
    """/ro/stiri/ and its English translation /en/news/ on top of the site's two homes
    (the `site_tree` fixture)."""
    from types import SimpleNamespace

    from demo_content.building import ensure_translation

    news = NewsIndexPageFactory(parent=site_tree.home, title="Știri", slug="stiri")
    news.save_revision().publish()
    news_en = ensure_translation(news, site_tree.english, title="News", slug="news")
    return SimpleNamespace(**vars(site_tree), news=news, news_en=news_en)


# Partnerships ------------------------------------------------------------------------


class ProjectIndexPageFactory(wagtail_factories.PageFactory):
    title = "Proiecte"
    slug = "proiecte"
    show_in_menus = True

    class Meta:
        model = ProjectIndexPage


class PartnerIndexPageFactory(wagtail_factories.PageFactory):
    title = "Parteneri"
    slug = "parteneri"
    show_in_menus = True

    class Meta:
        model = PartnerIndexPage


class PartnerPageFactory(wagtail_factories.PageFactory):
    title = factory.Sequence(lambda n: f"Oraș partener {n}")
    city = factory.LazyAttribute(lambda obj: obj.title)
    country = "IT"

    class Meta:
        model = PartnerPage


class ProjectPageFactory(wagtail_factories.PageFactory):
    title = "DigiPlace"
    slug = "digiplace"
    programme = "URBACT III"
    total_budget_eur = Decimal("146993")
    pilot_budget_cap_eur = Decimal("10000")

    class Meta:
        model = ProjectPage


class PartnershipFactory(DjangoModelFactory):
    role = PartnershipRole.PARTNER

    class Meta:
        model = Partnership


class ProjectPhaseFactory(DjangoModelFactory):
    name = "Planificare"
    start_date = datetime.date(2019, 9, 2)
    end_date = datetime.date(2020, 3, 2)

    class Meta:
        model = ProjectPhase


class PilotShowcasePageFactory(wagtail_factories.PageFactory):
    title = factory.Sequence(lambda n: f"Acțiune pilot {n}")

    class Meta:
        model = PilotShowcasePage


class PilotGalleryImageFactory(DjangoModelFactory):
    alt_text = "Participanți la atelier"

    class Meta:
        model = PilotGalleryImage


def draft_pair(newsroom, **fields):
    """A Romanian release and its English translation, both drafts never published."""
    release = PressReleasePageFactory(
        parent=newsroom.news,
        title="Întâlnirea Grupului Local URBACT",
        slug="intalnirea-grupului-local",
        live=False,
        **fields,
    )
    release.save_revision()
    translation = release.copy_for_translation(newsroom.english)
    translation.title = "URBACT Local Group meeting"
    translation.slug = "urbact-local-group-meeting"
    translation.lead = "The URBACT Local Group met on 8 April 2021."
    translation.save()  # a draft's own row carries its own slug, as the admin's Save does
    translation.save_revision()
    return (
        PressReleasePage.objects.get(pk=release.pk),
        PressReleasePage.objects.get(pk=translation.pk),
    )
