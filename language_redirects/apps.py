from django.apps import AppConfig


class LanguageRedirectsConfig(AppConfig):
    """Wagtail's redirects, made to work in every language (redirects.py). Listed after
    "wagtail.contrib.redirects" in INSTALLED_APPS, so that ready() runs after Wagtail has
    connected its own receivers."""

    name = "language_redirects"
    verbose_name = "Redirects in every language"

    def ready(self):
        from wagtail.contrib.redirects.forms import RedirectForm

        from .redirects import OLD_PATH_HELP_TEXT, use_language_neutral_automatic_redirects

        use_language_neutral_automatic_redirects()
        RedirectForm.base_fields["old_path"].help_text = OLD_PATH_HELP_TEXT
