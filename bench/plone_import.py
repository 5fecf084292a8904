"""Benchmark of `import_plone` on SQLite: a generated collective.exportimport export of N
news items (half Romanian, half English, each pair translated, each with a small image)
imported into a fresh database.

    .venv/bin/python bench/plone_import.py               # 10,000 items
    .venv/bin/python bench/plone_import.py --items 2000  # quicker

Prints items per second per pass and the resident memory while the import runs.
"""

import argparse
import json
import os
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def rss_mb():
    with open("/proc/self/statm") as handle:
        pages = int(handle.read().split()[1])
    return pages * os.sysconf("SC_PAGE_SIZE") / 1024 / 1024


def build_export(directory, count):
    from plone_import import sample
    from plone_import.sample import blob_base64, item, png_bytes, uid

    # The Romanian folder has another name than the news index: every Romanian release
    # gets a redirect from its old URL.
    items = sample.bilingual_site("/ro/comunicate")
    pairs = []
    subjects = ["URBACT", "DigiPlace", "Cultură", "Digitalizare", "Tineret"]
    for number in range(count // 2):
        day = f"20{10 + number % 15:02d}-{1 + number % 12:02d}-{1 + number % 28:02d}T10:00:00"
        for language, folder, title in (
            ("ro", "/ro/comunicate", f"Comunicat de presă {number}"),
            ("en", "/en/news", f"Press release {number}"),
        ):
            path = f"{folder}/release-{number}"
            items.append(
                item(
                    "News Item",
                    path,
                    title,
                    language=language,
                    description=f"{title}: the lead.",
                    effective=day,
                    modified=day,
                    subjects=[subjects[number % len(subjects)]],
                    text={
                        "data": f"<p>{title}.</p><p>Text with <strong>bold</strong> and a "
                        f'<a href="https://example.org/{number}">link</a>.</p>',
                        "content-type": "text/html",
                        "encoding": "utf-8",
                    },
                    image=blob_base64(
                        png_bytes((number % 256, (number // 256) % 256, 7)),
                        f"image-{number}.png",
                        "image/png",
                    ),
                    image_caption=f"Caption {number}",
                )
            )
        pairs.append(
            {"ro": uid(f"/ro/comunicate/release-{number}"), "en": uid(f"/en/news/release-{number}")}
        )
    return sample.write_collective(directory, items, translations=pairs, redirects={})


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--items", type=int, default=10_000)
    parser.add_argument(
        "--no-translation-sources",
        action="store_true",
        help="as import_plone's option: leave wagtail-localize's records for a later run",
    )
    options = parser.parse_args()

    workdir = Path(tempfile.mkdtemp(prefix="plone-bench-"))
    os.environ["DATABASE_URL"] = f"sqlite:///{workdir / 'db.sqlite3'}"
    os.environ["TEST_MEDIA_ROOT"] = str(workdir / "media")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "website.settings.test")

    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    from wagtail.models import Locale

    from demo_content import site
    from demo_content.building import ensure_page, ensure_translation
    from newsroom.models import NewsIndexPage

    home, _ = site.load()
    index = ensure_page(home, NewsIndexPage, "stiri", title="Știri")
    ensure_translation(index, Locale.objects.get(language_code="en"), title="News", slug="news")

    started = time.monotonic()
    path = build_export(workdir / "export", options.items)
    print(
        f"export of {options.items} news items written in {time.monotonic() - started:.1f}s "
        f"({path.stat().st_size / 1024 / 1024:.1f} MB)"
    )

    from plone_import.exports import PloneExport
    from plone_import.importer import Importer

    baseline = rss_mb()
    started = time.monotonic()
    export = PloneExport.open(path)
    export.scan()
    companions = export.read_companions()
    parsed = rss_mb()
    print(
        f"parsed in {time.monotonic() - started:.1f}s; memory {baseline:.0f} MB before, "
        f"{parsed:.0f} MB with the parsed export"
    )
    samples = []

    def progress(message):
        samples.append(rss_mb())
        print(f"  {message}  memory {samples[-1]:.0f} MB", flush=True)

    started = time.monotonic()
    cpu_started = time.process_time()
    report = Importer(
        export,
        companions,
        progress=progress,
        translation_sources=not options.no_translation_sources,
    ).run()
    seconds = time.monotonic() - started
    cpu_seconds = time.process_time() - cpu_started
    counts = report.as_dict()["counts"]
    print(json.dumps(counts["News Item"]))
    print(
        f"imported {options.items} news items (+{options.items} images) in {seconds:.0f}s: "
        f"{options.items / seconds:.1f} items/s"
    )
    # On a shared machine the wall clock depends on the other jobs; the CPU time does not.
    print(
        f"CPU time of the import {cpu_seconds:.0f}s: {options.items / cpu_seconds:.1f} items "
        f"per CPU second; load average {os.getloadavg()[0]:.1f}"
    )
    print(
        f"memory: {parsed:.0f} MB after parsing, peak {max(samples):.0f} MB, "
        f"end {rss_mb():.0f} MB; redirects {report.summary.get('redirects')}"
    )
    print(f"seconds per pass: {report.summary['seconds per pass']}")
    print(f"(workdir {workdir})")
    if options.no_translation_sources:
        started = time.monotonic()
        second = Importer(export, companions, progress=None).run()
        seconds = time.monotonic() - started
        print(
            f"second run adding wagtail-localize's records: {seconds:.0f}s; "
            f"{second.as_dict()['counts']['News Item']}"
        )


if __name__ == "__main__":
    main()
