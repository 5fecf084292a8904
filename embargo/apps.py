from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EmbargoConfig(AppConfig):
    name = "embargo"
    verbose_name = _("Embargoes")
    default_auto_field = "django.db.models.BigAutoField"
