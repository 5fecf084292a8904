from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccessibilityConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "accessibility"
    verbose_name = _("Accessibility")
