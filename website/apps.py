from django.apps import AppConfig
from wagtail.contrib.redirects.apps import WagtailRedirectsAppConfig


class WebsiteConfig(AppConfig):
    # The one Django picks for "website": this module holds more than one AppConfig.
    default = True
    name = "website"
    verbose_name = "Website"

    def ready(self):
        from .cache import connect_signals

        connect_signals()


class RedirectsConfig(WagtailRedirectsAppConfig):
    """Wagtail's redirects app, with redirects that work in every language
    (website/redirects.py). In INSTALLED_APPS instead of "wagtail.contrib.redirects", so
    that this runs after Wagtail has connected its own receivers."""

    def ready(self):
        super().ready()
        from wagtail.contrib.redirects.forms import RedirectForm

        from .redirects import OLD_PATH_HELP_TEXT, use_language_neutral_automatic_redirects

        use_language_neutral_automatic_redirects()
        RedirectForm.base_fields["old_path"].help_text = OLD_PATH_HELP_TEXT
