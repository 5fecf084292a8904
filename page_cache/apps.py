from django.apps import AppConfig


class PageCacheConfig(AppConfig):
    name = "page_cache"
    verbose_name = "Page cache"

    def ready(self):
        # The receivers name Wagtail's models, which can be imported only once apps are ready.
        from .signal_handlers import register_signal_handlers

        register_signal_handlers()
