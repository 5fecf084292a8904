"""Editorial groups: what Editors, Moderators and Translators may do in the admin."""

import pytest
from django.contrib.auth.models import Group
from wagtail.models import Workflow

from editorial_roles.permissions import setup_permissions

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("site_database")]


@pytest.fixture
def make_user(django_user_model):
    def make(group_name):
        user = django_user_model.objects.create_user(
            group_name.lower(), f"{group_name.lower()}@example.com", "password"
        )
        user.groups.add(Group.objects.get(name=group_name))
        return user

    return make


@pytest.fixture
def tree(site_tree):
    setup_permissions()
    return site_tree


def test_the_three_groups_exist_after_migrating():
    assert set(Group.objects.values_list("name", flat=True)) >= {
        "Editors",
        "Moderators",
        "Translators",
    }


def test_translator_cannot_publish_or_delete_a_romanian_page(client, tree, make_user):
    client.force_login(make_user("Translators"))
    about = tree.home.get_children().get(slug="despre")
    assert client.get(f"/admin/pages/{about.pk}/delete/").status_code in (302, 403)
    response = client.post(f"/admin/pages/{about.pk}/unpublish/")
    assert response.status_code in (302, 403)
    about.refresh_from_db()
    assert about.live
    assert client.get(f"/admin/pages/{about.pk}/edit/").status_code in (302, 403)


def test_translator_may_edit_an_english_page_but_not_publish_it(client, tree, make_user):
    translator = make_user("Translators")
    client.force_login(translator)
    about = tree.home_en.get_children().get(slug="about")
    assert client.get(f"/admin/pages/{about.pk}/edit/").status_code == 200
    assert about.permissions_for_user(translator).can_edit()
    assert not about.permissions_for_user(translator).can_publish()


def test_editor_may_publish_in_both_trees(tree, make_user):
    editor = make_user("Editors")
    assert tree.home.permissions_for_user(editor).can_publish()
    assert tree.home_en.permissions_for_user(editor).can_publish()


def test_two_step_moderation_workflow_has_editors_then_moderators(tree):
    workflow = Workflow.objects.get(name="Two-step moderation")
    tasks = [task.specific for task in workflow.tasks]
    assert [list(t.groups.values_list("name", flat=True)) for t in tasks] == [
        ["Editors"],
        ["Moderators"],
    ]


def test_machine_translation_is_off_by_default(settings):
    assert not hasattr(settings, "WAGTAILLOCALIZE_MACHINE_TRANSLATOR")
