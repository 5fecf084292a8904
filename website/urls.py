import re

from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.db import transaction
from django.urls import include, path, re_path
from django.utils.translation import gettext_lazy as _
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.admin.auth import require_admin_access
from wagtail.contrib.sitemaps.views import sitemap
from wagtail.documents import urls as wagtaildocs_urls

from hardening.media import serve_image
from open_data.api import api_router
from open_data.sitemaps import LocalisedSitemap
from open_data.views import robots_txt
from operations.health import healthz
from pages.upstream import page_viewset_registry
from search.views import search

urlpatterns = [
    path("healthz", healthz, name="healthz"),
    # Wagtail's move confirmation in one transaction: the page and the translations that move
    # with it (translation_tools/wagtail_hooks.py) move together or not at all. Same address, so
    # reverse("wagtailadmin_pages:move_confirm") leads here.
    path(
        "admin/pages/<int:page_to_move_id>/move/<int:destination_id>/confirm/",
        require_admin_access(
            transaction.atomic(
                page_viewset_registry.as_view("move_confirm", page_id_kwarg="page_to_move_id")
            )
        ),
    ),
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("api/v2/", api_router.urls),
    path("embargo/", include("embargo.urls")),
    # Outside the language prefixes: a kit is in its release's language whatever the reader's.
    path("press-kits/", include("press_kits.urls")),
    path("robots.txt", robots_txt, name="robots_txt"),
    path("sitemap.xml", sitemap, {"sitemaps": {"pages": LocalisedSitemap}}, name="sitemap"),
]

if settings.SERVE_MEDIA:
    # Images only (hardening/media.py); documents are served by /documents/ with their privacy.
    urlpatterns += [
        re_path(
            r"^{}(?P<path>.*)$".format(re.escape(settings.MEDIA_URL.lstrip("/"))),
            serve_image,
            {"document_root": settings.MEDIA_ROOT},
        )
    ]

urlpatterns += i18n_patterns(
    path(_("search/"), search, name="search"),
    path("", include("accessibility.urls")),
    path("", include(wagtail_urls)),
    prefix_default_language=True,
)
