from django.apps import AppConfig


class EditorialRolesConfig(AppConfig):
    name = "editorial_roles"
    verbose_name = "Editorial roles"
