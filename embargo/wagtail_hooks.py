from django.urls import path, reverse
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.ui.menus.pages import PageMenuItem

from . import views


@hooks.register("register_admin_urls")
def register_embargo_urls():
    return [path("embargo/<int:page_id>/", views.manage, name="embargo_manage")]


class EmbargoMenuItem(PageMenuItem):
    label = _("Embargo and preview links")
    icon_name = "lock"

    def is_shown(self, user):
        return not self.page.is_root() and self.page.permissions_for_user(user).can_publish()

    @cached_property
    def url(self):
        return reverse("embargo_manage", args=[self.page.pk])


@hooks.register("register_page_header_buttons")
def embargo_header_button(page, user, view_name, next_url=None):
    yield EmbargoMenuItem(page=page, priority=64)


@hooks.register("register_page_listing_more_buttons")
def embargo_listing_button(page, user, next_url=None):
    yield EmbargoMenuItem(page=page, priority=45)
