from pathlib import Path

import polib
from django.apps import apps
from django.conf import settings
from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = (
        "Compile locale/*/LC_MESSAGES/*.po into .mo files with polib, so a machine "
        "without GNU gettext can build the project."
    )

    def handle(self, *args, **options):
        # The project's catalogue and each app's own, as Django looks them up.
        locale_dirs = [Path(p) for p in settings.LOCALE_PATHS] + [
            Path(config.path) / "locale"
            for config in apps.get_app_configs()
            if Path(config.path).is_relative_to(settings.BASE_DIR)
            and "site-packages" not in Path(config.path).parts
        ]
        for locale_path in locale_dirs:
            for po_path in sorted(locale_path.glob("*/LC_MESSAGES/*.po")):
                polib.pofile(str(po_path)).save_as_mofile(str(po_path.with_suffix(".mo")))
                self.stdout.write(f"compiled {po_path}")
