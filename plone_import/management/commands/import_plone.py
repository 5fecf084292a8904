"""python manage.py import_plone PATH: a Plone site's content here (docs/plone-migration.md)."""

from contextlib import contextmanager

from django.core.files.storage import default_storage
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from wagtail.signals import page_published, page_unpublished, published, unpublished

from plone_import.blobs import DOWNLOAD_MAX_BYTES, DOWNLOAD_TIMEOUT_SECONDS, DownloadPolicy
from plone_import.exports import ExportError, PloneExport
from plone_import.importer import Importer


class DryRunRollback(Exception):
    pass


PUBLISHING_SIGNALS = (page_published, page_unpublished, published, unpublished)


@contextmanager
def publishing_muted():
    """A dry run publishes nothing that is kept, so what listens for publishing (the page
    cache, the frontend cache purge, search pings) must not hear of it."""
    saved = [(signal, signal.receivers) for signal in PUBLISHING_SIGNALS]
    try:
        for signal in PUBLISHING_SIGNALS:
            signal.receivers = []
            signal.sender_receivers_cache.clear()
        yield
    finally:
        for signal, receivers in saved:
            signal.receivers = receivers
            signal.sender_receivers_cache.clear()


class Command(BaseCommand):
    help = (
        "Import a Plone site's export (collective.exportimport JSON file or plone.exportimport "
        "directory): news, pages, images, files, translation pairs and old URLs."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "path",
            help="collective.exportimport content JSON file, or plone.exportimport directory",
        )
        parser.add_argument("--translations", help="translations.json (default: beside PATH)")
        parser.add_argument("--redirects", help="redirects.json (default: beside PATH)")
        parser.add_argument("--relations", help="relations.json (default: beside PATH)")
        parser.add_argument(
            "--blob-home", help="where blob_path entries are (collective.exportimport blob mode)"
        )
        parser.add_argument(
            "--download-host",
            action="append",
            default=[],
            help="a host blobs' 'download' addresses may point at (repeatable; default: the "
            "old site's hosts, from the export's addresses and --old-site-url)",
        )
        parser.add_argument(
            "--download-max-mb",
            type=int,
            default=DOWNLOAD_MAX_BYTES // (1024 * 1024),
            help="largest file a download may bring, in MB (default: %(default)s)",
        )
        parser.add_argument(
            "--download-timeout",
            type=float,
            default=DOWNLOAD_TIMEOUT_SECONDS,
            help="seconds a download may wait for the old site (default: %(default)s)",
        )
        parser.add_argument(
            "--allow-private-downloads",
            action="store_true",
            help="let downloads reach private, loopback and link-local addresses (an old "
            "site on the internal network); refused by default",
        )
        parser.add_argument(
            "--dry-run", action="store_true", help="check and report; write nothing"
        )
        parser.add_argument("--report", help="also write the report as JSON to this file")
        parser.add_argument(
            "--old-site-url",
            action="append",
            default=[],
            help="a public address of the old site, e.g. https://www.example.ro (repeatable): "
            "links to it become internal links; the export's own host is always recognised",
        )
        parser.add_argument(
            "--no-translation-sources",
            action="store_true",
            help="pair translations (shared translation key) but leave wagtail-localize's "
            "records for a later run",
        )
        parser.add_argument(
            "--overwrite",
            action="store_true",
            help="replace pages edited in Wagtail since their import with Plone's version",
        )

    def handle(self, *args, **options):
        try:
            export = PloneExport.open(options["path"], options["blob_home"])
            export.downloads = DownloadPolicy(
                hosts={host.lower() for host in options["download_host"]} or None,
                max_bytes=options["download_max_mb"] * 1024 * 1024,
                timeout=options["download_timeout"],
                allow_private=options["allow_private_downloads"],
            )
            export.scan()
            companions = export.read_companions(
                translations=options["translations"],
                redirects=options["redirects"],
                relations=options["relations"],
            )
        except ExportError as error:
            raise CommandError(str(error)) from error

        importer = Importer(
            export,
            companions,
            overwrite=options["overwrite"],
            dry_run=options["dry_run"],
            old_site_urls=options["old_site_url"],
            translation_sources=not options["no_translation_sources"],
            progress=self.progress if options["verbosity"] >= 1 else None,
        )
        if options["dry_run"]:
            try:
                with transaction.atomic(), publishing_muted():
                    report = importer.run()
                    raise DryRunRollback
            except DryRunRollback:
                pass
            finally:
                for name in importer.written_files:
                    default_storage.delete(name)
        else:
            report = importer.run()

        for line in report.text_lines():
            self.stdout.write(line)
        if options["report"]:
            report.write_json(options["report"])

    def progress(self, message):
        self.stderr.write(f"Plone import: {message}")
        self.stderr.flush()
