from django.core.management.base import BaseCommand

from editorial_roles.permissions import setup_permissions


class Command(BaseCommand):
    help = (
        "Give Translators their English tree and put the two-step moderation workflow on "
        "the news indexes. Safe to run again."
    )

    def handle(self, *args, **options):
        setup_permissions()
        self.stdout.write("permissions and workflow ready")
