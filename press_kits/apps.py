from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PressKitsConfig(AppConfig):
    name = "press_kits"
    verbose_name = _("Press kits")
    default_auto_field = "django.db.models.BigAutoField"
