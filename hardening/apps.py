from django.apps import AppConfig


class HardeningConfig(AppConfig):
    name = "hardening"
    verbose_name = "Hardening"
