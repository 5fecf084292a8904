"""The sitemap: every live, public page of every locale, each with its translations as
`xhtml:link rel="alternate" hreflang` pairs."""

from collections import defaultdict

from django.db.models import Q
from wagtail.contrib.sitemaps import Sitemap
from wagtail.models import Page

from pages.visibility import language_code, not_private


class LocalisedSitemap(Sitemap):
    def location(self, obj):
        # From the request, like every other absolute URL of the site (https behind a proxy,
        # the real host name rather than the one stored on the Wagtail Site).
        return self.request.build_absolute_uri(obj.get_url(self.request))

    def items(self):
        root = self.get_wagtail_site().root_page
        homes = Page.objects.filter(translation_key=root.translation_key, depth=root.depth)
        under_a_home = Q()
        for home in homes:
            under_a_home |= Q(path__startswith=home.path)
        # Private sections as path prefixes remembered per generation: no query of its own.
        return (
            not_private(Page.objects.filter(under_a_home).live())
            .order_by("path")
            # Generic pages: no page type changes its address or get_sitemap_urls(), and
            # .specific() would cost one query per page type for fields never shown.
            .only(
                "id",
                "path",
                "depth",
                "url_path",
                "translation_key",
                "locale_id",
                "content_type_id",
                "last_published_at",
                "latest_revision_created_at",
            )
        )

    def _urls(self, page, protocol, domain):
        object_list = list(self.paginator.page(page).object_list)
        translations = defaultdict(list)
        for item in object_list:
            translations[item.translation_key].append(item)
        urls = []
        for item in object_list:
            alternates = [
                {"lang_code": language_code(t), "location": self.location(t)}
                for t in translations[item.translation_key]
            ]
            if len(alternates) > 1:
                default = next((a for a in alternates if a["lang_code"] == "ro"), alternates[0])
                alternates.append({"lang_code": "x-default", "location": default["location"]})
            for url_info in item.get_sitemap_urls(self.request):
                url_info["location"] = self.location(item)
                url_info["alternates"] = alternates if len(alternates) > 1 else []
                urls.append(url_info)
        lastmods = [u.get("lastmod") for u in urls]
        if lastmods and None not in lastmods:
            self.latest_lastmod = max(lastmods)
        return urls
