from django.utils.translation import gettext_lazy as _
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from .models import Organisation


class OrganisationViewSet(SnippetViewSet):
    model = Organisation
    icon = "site"
    menu_label = _("Organisation")
    menu_order = 800
    add_to_settings_menu = True
    list_display = ["name", "department", "locale"]


register_snippet(OrganisationViewSet)
