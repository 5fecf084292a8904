"""Wagtail's `publish_scheduled`, made the same as one run of `run_scheduler`: a cron job
left from before, or an operator running it by hand, publishes pairs together, keeps a
release that may only go live with its translation waiting, and takes the publisher
lease so it never publishes at the same time as a running scheduler. `--dryrun` is
Wagtail's listing of what is due."""

from wagtail.management.commands.publish_scheduled import Command as WagtailCommand

from scheduling import lease
from scheduling.publishing import publish_due


class Command(WagtailCommand):
    def handle(self, *args, **options):
        if options["dryrun"]:
            return super().handle(*args, **options)
        holder = lease.new_holder_name()
        if not lease.acquire(holder):
            self.stdout.write("Another scheduler is publishing; nothing done.")
            return
        try:
            report = publish_due()
        finally:
            lease.release(holder)
        self.stdout.write(
            f"published {len(report.published)}, unpublished {len(report.unpublished)}, "
            f"waiting for a translation {len(report.waiting)}"
        )
