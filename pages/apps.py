from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PagesConfig(AppConfig):
    name = "pages"
    verbose_name = _("Pages")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from django.db.models.signals import post_delete, post_save
        from wagtail.models import Locale

        from .visibility import forget_language_codes

        post_save.connect(forget_language_codes, sender=Locale, dispatch_uid="pages_locale")
        post_delete.connect(forget_language_codes, sender=Locale, dispatch_uid="pages_locale")
