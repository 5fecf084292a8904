"""What an import reports, and running it again: nothing created twice, changed items
revised, editors' changes kept, a dry run writing nothing, progress on standard error."""

import json
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command

from plone_import.sample import uid, write_collective
from tests.plone_import.helpers import (
    EVENT,
    NEWS_EN,
    counts,
    lines,
    page_for,
    run_import,
    site_items,
    translations_by_language,
)

pytestmark = pytest.mark.usefixtures("site_database")


def test_what_was_not_imported_is_named_in_the_report(imported):
    report, output = imported
    skipped = {line["path"]: line["reason"] for line in lines(report, "skipped")}
    assert "Event" in skipped[EVENT]
    assert skipped["/ro/noutati/fara-titlu"] == "no title"
    assert skipped["/ro/nicaieri/orfan"] == "unknown parent"
    assert "'de'" in skipped["/de/nachrichten/besuch"]
    assert report["counts"]["News Item"]["created"] == 4
    assert report["counts"]["Image"]["created"] == 1
    assert report["counts"]["File"]["created"] == 2
    assert report["counts"]["Document"]["created"] == 4
    assert "News Item" in output and f"SKIPPED\t{uid(EVENT)}\t{EVENT}\tEvent" in output


def test_importing_the_same_export_again_creates_nothing(imported, collective_export, tmp_path):
    before = counts()
    report_path = tmp_path / "again.json"
    run_import(collective_export, "--report", str(report_path))
    assert counts() == before
    report = json.loads(report_path.read_text())
    assert report["counts"]["News Item"]["unchanged"] == 4
    assert report["counts"]["News Item"]["created"] == 0


def test_a_changed_item_gets_a_new_revision(imported, tmp_path):
    items = site_items()
    for entry in items:
        if entry["UID"] == uid(NEWS_EN):
            entry["title"] = "Visit to Messina, updated"
            entry["modified"] = "2021-06-01T10:00:00"
    export = write_collective(tmp_path / "changed", items, translations=translations_by_language())
    page = page_for(NEWS_EN)
    revisions = page.revisions.count()
    run_import(export)
    page.refresh_from_db()
    assert page.title == "Visit to Messina, updated"
    assert page.revisions.count() == revisions + 1
    assert page.live


def test_a_page_edited_in_wagtail_is_left_alone_unless_overwrite(imported, tmp_path):
    page = page_for(NEWS_EN)
    page.title = "Edited by an editor"
    page.save_revision().publish()
    items = site_items()
    for entry in items:
        if entry["UID"] == uid(NEWS_EN):
            entry["title"] = "Changed in Plone"
    export = write_collective(tmp_path / "changed", items, translations=translations_by_language())
    report_path = tmp_path / "r.json"
    run_import(export, "--report", str(report_path))
    page.refresh_from_db()
    assert page.title == "Edited by an editor"
    report = json.loads(report_path.read_text())
    assert any(
        line["uid"] == uid(NEWS_EN) and "edited in Wagtail" in line["reason"]
        for line in report["lines"]
    )
    run_import(export, "--overwrite")
    page.refresh_from_db()
    assert page.title == "Changed in Plone"


def test_dry_run_reports_and_writes_nothing(news_indexes, collective_export, tmp_path, settings):
    media = Path(settings.MEDIA_ROOT)
    files_before = sorted(p for p in media.rglob("*") if p.is_file())
    before = counts()
    report_path = tmp_path / "dry.json"
    output = run_import(collective_export, "--dry-run", "--report", str(report_path))
    assert counts() == before
    assert sorted(p for p in media.rglob("*") if p.is_file()) == files_before
    report = json.loads(report_path.read_text())
    assert report["counts"]["News Item"]["created"] == 4
    assert report["summary"]["dry run"] is True
    assert "Event" in output


def test_progress_is_shown_on_standard_error(news_indexes, collective_export):
    out, err = StringIO(), StringIO()
    call_command("import_plone", str(collective_export), stdout=out, stderr=err)
    assert "Plone import: pages: 11/11" in err.getvalue()
    assert "Plone import: pages" not in out.getvalue()
