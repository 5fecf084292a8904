from django.apps import AppConfig


class TranslationToolsConfig(AppConfig):
    name = "translation_tools"
    verbose_name = "Translation tools"
