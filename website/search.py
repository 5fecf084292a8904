"""Site search: Wagtail's database search over the pages of the reader's language."""

from django.core.paginator import EmptyPage, PageNotAnInteger, Paginator
from django.shortcuts import render
from wagtail.models import Locale, Page

RESULTS_PER_PAGE = 10
# Longer queries are cut rather than refused: nobody types more, and the search backend
# should not be handed megabytes from a bot.
MAX_QUERY_LENGTH = 200


def search(request):
    query = " ".join(request.GET.get("q", "").split())[:MAX_QUERY_LENGTH]
    results = None
    if query:
        matches = (
            Page.objects.live()
            .public()
            .filter(locale=Locale.get_active(), depth__gt=2)
            .search(query, order_by_relevance=True)
        )
        paginator = Paginator(matches, RESULTS_PER_PAGE)
        try:
            results = paginator.page(request.GET.get("page", 1))
        except (PageNotAnInteger, EmptyPage):
            results = paginator.page(1)
        # One query per page type rather than one per result.
        specific = Page.objects.filter(pk__in=[p.pk for p in results.object_list]).specific()
        by_id = {p.pk: p for p in specific}
        results.object_list = [by_id[p.pk] for p in results.object_list if p.pk in by_id]
    return render(
        request,
        "website/search_results.html",
        {"search_query": query, "results": results},
    )
