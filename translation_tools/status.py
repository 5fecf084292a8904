"""The translation status report: for every page and every other language, whether its
translation is missing, outdated or in sync, with links to edit, start and sync it.

A page is a *source* when it is not the target of a wagtail-localize Translation and, of
the pages sharing its translation key, it is the one in the default locale (pages that
were paired by translation key alone, like Plone imports, count as translations of the
Romanian page), or there is no such page (a page written first in English).

Everything is computed from three queries whatever the number of pages (the locales, the
pages, the wagtail-localize translations; the filters' choices need none), so the report,
its export and the dashboard's counts cost the same number of queries at 10 and 10,000
pages.
"""

import datetime
from dataclasses import dataclass

import django_filters
from django.apps import apps
from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.urls import reverse
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.components import Component
from wagtail.admin.views.reports import ReportView
from wagtail.coreutils import get_content_languages, get_supported_content_language_variant
from wagtail.models import Locale, Page, PageViewRestriction, get_page_models
from wagtail.permission_policies.pages import PagePermissionPolicy
from wagtail_localize.models import Translation

MISSING, OUTDATED, IN_SYNC = "missing", "outdated", "in sync"
STATUS_LABELS = {MISSING: _("missing"), OUTDATED: _("outdated"), IN_SYNC: _("in sync")}

# A page belongs to the section of the nearest index above it (or of the index itself).
SECTION_INDEXES = {
    "newsroom.newsindexpage": "news",
    "partners.projectindexpage": "projects",
    "partners.partnerindexpage": "partners",
}
SECTION_LABELS = {
    "news": _("News"),
    "projects": _("Projects"),
    "partners": _("Partners"),
    "other": _("Other"),
}

# Who may submit translations (Editors, Moderators, Translators) may see their status.
PERMISSION = "wagtail_localize.submit_translation"


def can_see_translation_status(user):
    return user.is_active and user.has_perm(PERMISSION)


# A spreadsheet reads a cell starting with one of these as a formula.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def spreadsheet_safe(value):
    """`value`, with a text that a spreadsheet would run as a formula made plain text."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return f"'{value}"
    return value


class PageAccess:
    """What a user may do where in the page tree, from their groups' page permissions (one
    query, which Wagtail caches on the user) and the pages with view restrictions (one
    query): the report checks every row without a query per page."""

    def __init__(self, user):
        self.superuser = user.is_active and user.is_superuser
        self.roots = {}
        if user.is_active and not self.superuser:
            for permission in PagePermissionPolicy().get_cached_permissions_for_user(user):
                action = permission.permission.codename.removesuffix("_page")
                self.roots.setdefault(action, []).append(permission.page.path)
        self.private_paths = list(PageViewRestriction.objects.values_list("page__path", flat=True))

    def can(self, action, path):
        return self.superuser or any(path.startswith(root) for root in self.roots.get(action, ()))

    def is_private(self, path):
        return any(path.startswith(restricted) for restricted in self.private_paths)

    def can_see(self, page):
        """Pages the user may edit; others only when live and outside private sections."""
        return self.can("change", page["path"]) or (
            page["live"] and not self.is_private(page["path"])
        )


@dataclass
class TranslationStatusRow:
    """One source page and one language it should be translated into."""

    source_page_id: int
    title: str
    page_type: str  # model label, e.g. "newsroom.PressReleasePage"
    page_type_name: str
    section: str
    source_locale: str
    target_locale: str
    status: str
    source_changed_at: datetime.datetime | None
    translation_updated_at: datetime.datetime | None
    translation_page_id: int | None
    translation_source_id: int | None  # set when wagtail-localize can sync this pair
    # What the user may do from this row (the report shows only those links).
    can_edit_source: bool = True
    can_open_translation: bool = True
    can_sync: bool = True

    @property
    def status_label(self):
        return STATUS_LABELS[self.status]

    @property
    def section_label(self):
        return SECTION_LABELS[self.section]

    @property
    def target_locale_name(self):
        return get_content_languages().get(self.target_locale, self.target_locale)

    @property
    def edit_source_url(self):
        return reverse("wagtailadmin_pages:edit", args=[self.source_page_id])

    @property
    def translation_url(self):
        if self.translation_page_id:
            return reverse("wagtailadmin_pages:edit", args=[self.translation_page_id])
        url = reverse("wagtail_localize:submit_page_translation", args=[self.source_page_id])
        return f"{url}?select_locale={self.target_locale}"

    @property
    def sync_url(self):
        if self.translation_source_id:
            url_name = "wagtail_localize:update_translations"
            return reverse(url_name, args=[self.translation_source_id])
        return None


def latest(*moments):
    present = [moment for moment in moments if moment is not None]
    return max(present) if present else None


def translation_state(source_changed_at, target, sync):
    """(status, when the translation was last updated) of one source and one target page
    (None when missing); `sync` is wagtail-localize's translation record, if any."""
    if target is None:
        return MISSING, None
    updated_at = latest(
        target["last_published_at"],
        target["latest_revision_created_at"],
        sync and sync["source__last_updated_at"],
    )
    if source_changed_at and (updated_at is None or source_changed_at > updated_at):
        return OUTDATED, updated_at
    return IN_SYNC, updated_at


def translation_status_rows(user):
    """Every (source page, other locale) pair of the site that `user` may see, in tree
    order: pages they may edit, and the others when live and outside private sections."""
    access = PageAccess(user)
    locales = dict(Locale.objects.values_list("pk", "language_code"))
    default_code = get_supported_content_language_variant(settings.LANGUAGE_CODE)
    default_locale = next((pk for pk, code in locales.items() if code == default_code), None)
    pages = list(
        Page.objects.filter(depth__gte=2)
        .order_by("path")
        .values(
            "pk", "title", "draft_title", "translation_key", "locale_id", "path", "live",
            "last_published_at", "latest_revision_created_at",
            "content_type__app_label", "content_type__model",
        )
    )
    translations = list(
        Translation.objects.filter(
            source__object__content_type__app_label="wagtailcore",
            source__object__content_type__model="page",
        ).values(
            "source_id", "source__object_id", "source__locale_id", "target_locale_id",
            "enabled", "source__last_updated_at",
        )
    )
    for page in pages:
        page["model"] = f"{page['content_type__app_label']}.{page['content_type__model']}"
    by_key = {(page["translation_key"], page["locale_id"]): page for page in pages}
    targets = {(t["source__object_id"], t["target_locale_id"]) for t in translations}
    syncs = {
        (t["source__object_id"], t["source__locale_id"], t["target_locale_id"]): t
        for t in translations
    }
    section_paths = [
        (page["path"], SECTION_INDEXES[page["model"]])
        for page in pages
        if page["model"] in SECTION_INDEXES
    ]

    def is_source(page):
        key = page["translation_key"]
        if (key, page["locale_id"]) in targets:
            return False
        if page["locale_id"] == default_locale:
            return True
        default_page = by_key.get((key, default_locale))
        return default_page is None or (key, default_locale) in targets

    def section_of(page):
        # The deepest index above the page (its path is the longest prefix).
        matches = [entry for entry in section_paths if page["path"].startswith(entry[0])]
        return max(matches)[1] if matches else "other"

    by_path = {page["path"]: page for page in pages}

    def can_translate_into(page, locale_id):
        # A new translation goes under the translation of the page's parent.
        parent = by_path.get(page["path"][: -Page.steplen])
        parent_translation = parent and by_key.get((parent["translation_key"], locale_id))
        return bool(parent_translation) and access.can("add", parent_translation["path"])

    def can_edit_translations(page):
        return all(
            access.can("change", by_key[(page["translation_key"], locale_id)]["path"])
            for locale_id in locales
            if locale_id != page["locale_id"] and (page["translation_key"], locale_id) in by_key
        )

    rows = []
    for page in filter(is_source, pages):
        if not access.can_see(page):
            continue
        can_edit_source = access.can("change", page["path"])
        model = apps.get_model(page["model"])
        source_changed_at = page["last_published_at"] or page["latest_revision_created_at"]
        for locale_id, language_code in locales.items():
            if locale_id == page["locale_id"]:
                continue
            target = by_key.get((page["translation_key"], locale_id))
            sync = syncs.get((page["translation_key"], page["locale_id"], locale_id))
            status, updated_at = translation_state(source_changed_at, target, sync)
            rows.append(
                TranslationStatusRow(
                    source_page_id=page["pk"],
                    # A draft's title only for those who may edit it.
                    title=page["draft_title"] if can_edit_source else page["title"],
                    page_type=model._meta.label,
                    page_type_name=capfirst(model._meta.verbose_name),
                    section=section_of(page),
                    source_locale=locales[page["locale_id"]],
                    target_locale=language_code,
                    status=status,
                    source_changed_at=source_changed_at,
                    translation_updated_at=updated_at,
                    translation_page_id=target and target["pk"],
                    translation_source_id=sync["source_id"] if sync and sync["enabled"] else None,
                    can_edit_source=can_edit_source,
                    can_open_translation=(
                        access.can("change", target["path"])
                        if target
                        else can_translate_into(page, locale_id)
                    ),
                    can_sync=can_edit_translations(page),
                )
            )
    return rows


def status_counts(rows):
    counts = dict.fromkeys(STATUS_LABELS, 0)
    for row in rows:
        counts[row.status] += 1
    return counts


def page_type_choices():
    models = [model for model in get_page_models() if model is not Page]
    return sorted(
        ((model._meta.label, capfirst(model._meta.verbose_name)) for model in models),
        key=lambda choice: str(choice[1]),
    )


class TranslationStatusFilterSet(WagtailFilterSet):
    """Filters over the computed rows (a list, not a queryset): each filter keeps the rows
    whose attribute equals the value chosen."""

    status = django_filters.ChoiceFilter(
        label=pgettext_lazy("translation", "Status"),
        choices=list(STATUS_LABELS.items()),
        empty_label=_("All"),
    )
    locale = django_filters.ChoiceFilter(
        label=_("Target language"),
        choices=lambda: list(get_content_languages().items()),
        empty_label=_("All"),
    )
    page_type = django_filters.ChoiceFilter(
        label=_("Page type"), choices=page_type_choices, empty_label=_("All")
    )
    section = django_filters.ChoiceFilter(
        label=_("Section"), choices=list(SECTION_LABELS.items()), empty_label=_("All")
    )

    ROW_ATTRIBUTES = {"locale": "target_locale"}

    class Meta:
        model = Page
        fields = []

    def filter_queryset(self, rows):
        wanted = {
            self.ROW_ATTRIBUTES.get(name, name): value
            for name, value in self.form.cleaned_data.items()
            if value
        }
        return [
            row for row in rows
            if all(getattr(row, attribute) == value for attribute, value in wanted.items())
        ]


class TranslationStatusReportView(ReportView):
    page_title = _("Translation status")
    header_icon = "site"
    results_template_name = "translation_tools/translation_status_results.html"
    index_url_name = "translation_status"
    index_results_url_name = "translation_status_results"
    filterset_class = TranslationStatusFilterSet
    export_filename = "translation-status"
    # The export is for machines and spreadsheets: language codes, model labels, section
    # keys and the status's machine value, under the same English headings in every
    # admin language (documented in docs/editors-guide.md).
    list_export = [
        "title", "page_type", "section", "source_locale", "target_locale", "status",
        "source_changed_at", "translation_updated_at", "source_page_id", "translation_page_id",
    ]
    export_headings = {
        "title": "Title",
        "page_type": "Page type",
        "section": "Section",
        "source_locale": "Source language",
        "target_locale": "Target language",
        "status": "Status",
        "source_changed_at": "Source changed at",
        "translation_updated_at": "Translation updated at",
        "source_page_id": "Source page ID",
        "translation_page_id": "Translation page ID",
    }

    def dispatch(self, request, *args, **kwargs):
        if not can_see_translation_status(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_base_queryset(self):
        return translation_status_rows(self.request.user)

    def preprocess_field_value(self, field, value, export_format):
        # Titles are written by editors (and imported): never a formula in a spreadsheet.
        return spreadsheet_safe(super().preprocess_field_value(field, value, export_format))

    def get_filename(self):
        return f"{self.export_filename}-{datetime.date.today():%Y-%m-%d}"


class TranslationStatusMenuItem(MenuItem):
    def is_shown(self, request):
        return can_see_translation_status(request.user)


class TranslationStatusPanel(Component):
    """The dashboard's counts of missing and outdated translations, each linking to the
    report filtered by that status."""

    name = "translation_status"
    template_name = "translation_tools/translation_status_panel.html"
    order = 150

    def get_context_data(self, parent_context):
        counts = status_counts(translation_status_rows(parent_context["request"].user))
        report_url = reverse("translation_status")
        return {
            "statuses": [
                {"label": STATUS_LABELS[status], "count": counts[status],
                 "url": f"{report_url}?status={status}"}
                for status in (MISSING, OUTDATED)
            ],
            "report_url": report_url,
        }
