from django.core.management.base import BaseCommand
from django.db import transaction

from demo_content import newsroom, partners, permissions, site

# Later steps link to what earlier ones created (releases link to the project), so the
# order matters.
STEPS = [site, partners, newsroom, permissions]


class Command(BaseCommand):
    help = "Build the Botoșani demo site in Romanian and English. Running it again changes nothing."

    def handle(self, *args, **options):
        with transaction.atomic():
            for step in STEPS:
                step.load()
                self.stdout.write(f"demo content: {step.__name__.rsplit('.', 1)[1]} ready")
