from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NewsroomConfig(AppConfig):
    name = "newsroom"
    verbose_name = _("Newsroom")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from django.db.models.signals import post_delete, post_save
        from wagtail.models import Locale

        from .listing import forget_language_codes

        post_save.connect(forget_language_codes, sender=Locale, dispatch_uid="newsroom_locale")
        post_delete.connect(forget_language_codes, sender=Locale, dispatch_uid="newsroom_locale")
