"""Site search at /ro/cautare/ and /en/search/: the reader's language only, stemmed in it."""

from collections import defaultdict

from django.core.paginator import EmptyPage, PageNotAnInteger, Paginator
from django.shortcuts import render
from django.urls import reverse
from django.utils import translation
from django.utils.http import urlencode
from django.utils.translation import gettext_lazy as _
from wagtail.models import Locale, Page

from newsroom.models import PressReleasePage
from pages.visibility import active_locale, not_private
from partners.models import PartnerPage, PilotShowcasePage, ProjectPage

from . import conf, stemming

# The ?type= filter: its value, its label, the page type it keeps (None: any other).
RESULT_TYPES = {
    "release": (_("Press releases"), PressReleasePage),
    "partner": (_("Partners"), PartnerPage),
    "project": (_("Projects"), ProjectPage),
    "pilot": (_("Pilot actions"), PilotShowcasePage),
    "page": (_("Pages"), None),
}


def clean_query(text):
    """The query as typed, on one line, without control characters, at most the length
    the search box allows."""
    text = "".join(c if c.isprintable() else " " for c in str(text))
    return " ".join(text.split())[: conf.SEARCH_MAX_QUERY_LENGTH]


def search_pages(query, locale, result_type=None):
    """Live public pages of `locale` matching `query`, best first (None: no word to search)."""
    built = stemming.build_query(query, [locale.language_code])
    if built is None:
        return None
    # Private sections as path prefixes remembered per generation: no query of its own.
    pages = not_private(Page.objects.live()).filter(locale=locale, depth__gt=2)
    if result_type in RESULT_TYPES:
        model = RESULT_TYPES[result_type][1]
        if model is None:
            others = [m for _label, m in RESULT_TYPES.values() if m is not None]
            pages = pages.not_type(*others)
        else:
            pages = pages.type(model)
    return pages.search(built, order_by_relevance=True)


def other_locale_count(query, locale):
    """(locale, number of matches) in the other language, for a search that found nothing."""
    for other in Locale.objects.exclude(pk=locale.pk):
        matches = search_pages(query, other)
        count = matches.count() if matches is not None else 0
        if count:
            return other, count
    return None, 0


def result_type_of(page):
    for key, (_label, model) in RESULT_TYPES.items():
        if model is not None and isinstance(page, model):
            return key
    return "page"


def search(request):
    query = clean_query(request.GET.get("q", ""))
    result_type = request.GET.get("type", "")
    if result_type not in RESULT_TYPES:
        result_type = ""
    locale = active_locale()
    results, suggestion = None, None
    matches = search_pages(query, locale, result_type) if query else None
    if query:
        paginator = Paginator(matches if matches is not None else [], conf.SEARCH_RESULTS_PER_PAGE)
        try:
            results = paginator.page(request.GET.get("page", 1))
        except (PageNotAnInteger, EmptyPage):
            results = paginator.page(1)
        # One query per page type rather than one per result; the results already carry
        # their type (Wagtail's .specific() would first ask for it again).
        ids = [p.pk for p in results.object_list]
        ids_by_class = defaultdict(list)
        for page in results.object_list:
            ids_by_class[page.specific_class or Page].append(page.pk)
        by_id = {}
        for page_class, class_ids in ids_by_class.items():
            by_id.update(page_class.objects.in_bulk(class_ids))
        results.object_list = [
            {"page": by_id[pk], "type": result_type_of(by_id[pk])} for pk in ids if pk in by_id
        ]
        if not paginator.count and not result_type:
            other, count = other_locale_count(query, locale)
            if other:
                with translation.override(other.language_code):
                    url = f"{reverse('search')}?{urlencode({'q': query})}"
                suggestion = {"language": other.get_display_name(), "count": count, "url": url}
    return render(
        request,
        "search/search_results.html",
        {
            "search_query": query,
            "results": results,
            "result_type": result_type,
            "result_types": [(key, label) for key, (label, _model) in RESULT_TYPES.items()],
            "suggestion": suggestion,
            "language_code": locale.language_code,
        },
    )
