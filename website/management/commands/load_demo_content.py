from importlib import import_module

from django.core.management.base import BaseCommand
from django.db import transaction

# Each step is a module of website.demo with a load() function; later steps link to
# what earlier ones created (releases link to the project), so the order matters.
STEPS = ["site", "partners", "newsroom", "permissions"]


class Command(BaseCommand):
    help = "Build the Botoșani demo site in Romanian and English. Running it again changes nothing."

    def handle(self, *args, **options):
        with transaction.atomic():
            for step in STEPS:
                module = import_module(f"website.demo.{step}")
                module.load()
                self.stdout.write(f"demo content: {step} ready")
