"""The read-only open-data API (Wagtail API v2) at /api/v2/.

Pages are filtered by type and language with Wagtail's own parameters, e.g.
/api/v2/pages/?type=newsroom.PressReleasePage&locale=en&fields=*. Only live,
public pages are served.
"""

from django.conf import settings
from django.http import Http404
from wagtail.api.v2.filters import SearchFilter
from wagtail.api.v2.router import WagtailAPIRouter
from wagtail.api.v2.utils import BadRequestError
from wagtail.api.v2.views import PagesAPIViewSet
from wagtail.documents.api.v2.views import DocumentsAPIViewSet
from wagtail.images.api.v2.views import ImagesAPIViewSet
from wagtail.models import Locale, Site
from wagtail.search.backends import get_search_backend
from wagtail.search.backends.base import FilterFieldError, OrderByFieldError

from search import stemming
from search.views import clean_query


class LocalisedSearchFilter(SearchFilter):
    """?search= as the site search does it: cut to the search box's length, stemmed in the
    language of ?locale= (in every language without it)."""

    def filter_queryset(self, request, queryset, view):
        if "search" not in request.GET:
            return queryset
        if getattr(queryset, "_filtered_by_tag", False):
            raise BadRequestError("filtering by tag with a search query is not supported")
        language = request.GET.get("locale")
        languages = [language] if language in stemming.languages() else stemming.languages()
        query = stemming.build_query(clean_query(request.GET["search"]), languages)
        if query is None:
            return queryset.none()
        try:
            return get_search_backend().search(
                query, queryset, order_by_relevance="order" not in request.GET
            )
        except (FilterFieldError, OrderByFieldError) as error:
            raise BadRequestError(
                f"cannot filter or order by '{error.field_name}' while searching"
            ) from error


class LocalisedPagesAPIViewSet(PagesAPIViewSet):
    filter_backends = [
        LocalisedSearchFilter if backend is SearchFilter else backend
        for backend in PagesAPIViewSet.filter_backends
    ]

    def find_object(self, queryset, request):
        """?html_path= with the language prefix the site's addresses have (/ro/stiri/,
        /en/news/): Wagtail's own lookup routes from the default language's home page and
        knows no prefix (Wagtail #6679)."""
        site = Site.find_for_request(request)
        components = [c for c in request.GET.get("html_path", "").split("/") if c]
        languages = {code for code, _name in settings.LANGUAGES}
        if site is None or not components or components[0] not in languages:
            return super().find_object(queryset, request)
        locale = Locale.objects.filter(language_code=components[0]).first()
        home = locale and site.root_page.get_translation_or_none(locale)
        if home is None:
            return None
        try:
            page, _args, _kwargs = home.specific.route(request, components[1:])
        except Http404:
            return None
        return page if queryset.filter(id=page.id).exists() else None


api_router = WagtailAPIRouter("wagtailapi")
api_router.register_endpoint("pages", LocalisedPagesAPIViewSet)
api_router.register_endpoint("images", ImagesAPIViewSet)
api_router.register_endpoint("documents", DocumentsAPIViewSet)
