"""Redirects in every language.

Wagtail's redirects match the old path exactly as written. Here a redirect whose old path
has no language prefix (`/comunicat-vechi`) answers under every prefix
(`/ro/comunicat-vechi/`, `/en/comunicat-vechi/`) and without one, and leads to the
translation of its page in the language asked for (the page itself when it has none). A
redirect whose old path has a prefix (`/en/old-news`) stays that language's, as in
Wagtail. Wagtail's automatic redirects (a page renamed or moved) are stored without the
prefix, so the old addresses of a page keep working in every language.

The addresses of the Plone site this one replaces carry Plone's view, image-scale and
download suffixes (`…/view`, `…/@@images/image/large`, `…/at_download/file`): when nothing
matches with the suffix, the lookup is made without it, so the item's one redirect serves
them all instead of one redirect row per suffix; a named image scale leads to a rendition
of that size rather than to the original.
"""

import re
from collections import defaultdict
from urllib.parse import unquote, urlparse

from django import http
from django.conf import settings
from django.utils.encoding import uri_to_iri
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from wagtail.contrib.redirects import signal_handlers as wagtail_automatic_redirects
from wagtail.contrib.redirects.middleware import RedirectMiddleware
from wagtail.contrib.redirects.models import Redirect
from wagtail.images import get_image_model
from wagtail.models import Page, Site
from wagtail.signals import page_slug_changed, post_page_move

from pages.images import rendition_or_none
from pages.visibility import language_code

OLD_PATH_HELP_TEXT = _(
    "Without a language prefix (/comunicat-vechi) the redirect works in every language: "
    "/ro/comunicat-vechi/ and /en/comunicat-vechi/ lead to the page's translation in that "
    "language, or to the page itself when it has none. With a prefix (/en/old-news) it "
    "works only in that language."
)

# What Plone appends to an item's address to show, scale or download it (Plone 4 to 6).
PLONE_VIEW_SUFFIX = re.compile(
    r"/(?:view|image_view_fullscreen|image_(?:large|preview|mini|thumb|tile|icon|listing)"
    r"|(?:@@images|@@download|at_download|@@display-file)/[^/]+(?:/[^/]+)?|download)$"
)
LANGUAGE_PREFIX = re.compile(r"^/([^/?;]+)(.*)$")
# An image scale asked for by name (`…/@@images/image/preview`, `…/image_preview`), and the
# rendition it leads to: Plone 6's default scales (Plone 4 and 5 had `large` at 768).
PLONE_IMAGE_SCALE = re.compile(r"/(?:image_([a-z]+)|@@images/[^/]+/([a-z]+))/?$")
PLONE_IMAGE_SCALES = {
    "huge": "width-1600",
    "great": "width-1200",
    "larger": "width-1000",
    "large": "width-800",
    "teaser": "width-600",
    "preview": "width-400",
    "mini": "width-200",
    "thumb": "max-128x128",
    "tile": "max-64x64",
    "icon": "max-32x32",
    "listing": "max-16x16",
}


def language_codes():
    return {code for code, name in settings.LANGUAGES}


def split_language(path):
    """('en', '/old-news') for '/en/old-news'; (None, path) when there is no prefix."""
    match = LANGUAGE_PREFIX.match(path)
    if match and match.group(1) in language_codes():
        rest = match.group(2)
        return match.group(1), rest if rest.startswith("/") else "/" + rest
    return None, path


def candidate_paths(full_path, request_language):
    """The old paths a request may have been redirected from, most specific first, each
    with the language its page is wanted in (None: the redirect's page as it is).

    As Wagtail does: the path with its query string, then without; each as decoded
    unicode, then as percent-encoded. Then each with its language prefix (a redirect
    specific to that language) before it without (a redirect for every language); a path
    without a prefix also tries the prefix of the reader's language. Last, the path
    without a Plone view suffix."""
    path = Redirect.normalise_path(full_path, decode_unicode=False)
    without_query = urlparse(path).path
    forms = [path, without_query]
    suffix = PLONE_VIEW_SUFFIX.search(without_query)
    if suffix:
        forms.append(without_query[: suffix.start()] or "/")
    candidates = {}
    for form in dict.fromkeys(forms):
        for written in dict.fromkeys([uri_to_iri(form), form]):
            language, rest = split_language(written)
            if language:
                pairs = [(written, None), (rest, language)]
            else:
                pairs = [(written, request_language), (f"/{request_language}{written}", None)]
            for old_path, wanted_language in pairs:
                candidates.setdefault(old_path.rstrip("/") or "/", wanted_language)
    # A null character crashes PostgreSQL's lookup (Wagtail's middleware skips it too).
    return [(path, language) for path, language in candidates.items() if "\0" not in path]


def find_redirect(request, candidates):
    """The redirect for the first candidate path that has one (a redirect for this site
    before one for every site), and the language its page is wanted in. One query."""
    rank = {old_path: position for position, (old_path, language) in enumerate(candidates)}
    site = Site.find_for_request(request)
    redirects = (
        Redirect.get_for_site(site)
        .filter(old_path__in=list(rank))
        .select_related("redirect_page__locale")
    )
    best = min(redirects, key=lambda r: (rank[r.old_path], r.site_id is None), default=None)
    if best is None:
        return None, None
    return best, candidates[rank[best.old_path]][1]


def translated_link(redirect, language):
    """Where the redirect leads for a reader of `language`: the live translation of its
    page in that language, else the page itself; a link or a document as it is. None
    when the page is not live (the reader gets the 404 a redirect would lead to)."""
    page = redirect.redirect_page
    if language and page is not None and page.locale.language_code != language:
        translation = (
            Page.objects.live()
            .filter(translation_key=page.translation_key, locale__language_code=language)
            .first()
        )
        if translation is not None:
            # Wagtail's Redirect.link then builds the address (and the route on the page).
            redirect.redirect_page = translation
    if redirect.redirect_page is not None and not redirect.redirect_page.live:
        return None
    return redirect.link


def leads_to_itself(request, link):
    """The redirect would send the reader back to the address that just answered 404 (an
    unpublished ancestor, an importer's redirect from a page's own address): a 301 loop
    that browsers and CDNs keep."""
    target = urlparse(link)
    if target.netloc and target.netloc != request.get_host():
        return False
    return unquote(target.path).rstrip("/") == unquote(request.path).rstrip("/")


class LanguageRedirectMiddleware(RedirectMiddleware):
    """Wagtail's redirect middleware, for redirects in every language (see the module)."""

    def process_exception(self, request, exception):
        # A page that does not exist: its redirect answers before the 404 page is rendered
        # (the menus and the organisation would cost more queries than the lookup).
        if isinstance(exception, http.Http404):
            return self.redirect_for(request)
        return None

    def process_response(self, request, response):
        if response.status_code != 404 or getattr(request, "redirect_looked_up", False):
            return response
        return self.redirect_for(request) or response

    def redirect_for(self, request):
        request.redirect_looked_up = True
        # As LocaleMiddleware chose it: the path's prefix, else the reader's preference.
        request_language = getattr(request, "LANGUAGE_CODE", None) or get_language()
        if request_language not in language_codes():
            request_language = settings.LANGUAGE_CODE
        candidates = candidate_paths(request.get_full_path(), request_language)
        redirect, language = find_redirect(request, candidates)
        if redirect is None:
            return None
        link = translated_link(redirect, language)
        if link is None or leads_to_itself(request, link):
            return None
        link = scaled_image_link(request.path, link) or link
        if redirect.is_permanent:
            return http.HttpResponsePermanentRedirect(link)
        return http.HttpResponseRedirect(link)


def scaled_image_link(path, link):
    """For an old address of a Plone image scale whose redirect leads to an image's
    original file, the address of a rendition of that scale's size; else None."""
    match = PLONE_IMAGE_SCALE.search(path)
    spec = PLONE_IMAGE_SCALES.get(match and (match.group(1) or match.group(2)))
    if spec is None or not link.startswith(settings.MEDIA_URL):
        return None
    name = unquote(link[len(settings.MEDIA_URL) :])
    image = get_image_model().objects.filter(file=name).first()
    rendition = image and rendition_or_none(image, spec)
    return rendition.url if rendition else None


# Automatic redirects -------------------------------------------------------------------


def on_page_moved(**kwargs):
    wagtail_automatic_redirects.autocreate_redirects_on_page_move(**kwargs)
    make_language_neutral(kwargs["instance"])


def on_slug_changed(**kwargs):
    wagtail_automatic_redirects.autocreate_redirects_on_slug_change(**kwargs)
    make_language_neutral(kwargs["instance"])


def use_language_neutral_automatic_redirects():
    """Replaces Wagtail's receivers (connected by its app's ready()) with ones that run
    them and then drop the language prefix of what they created."""
    post_page_move.disconnect(wagtail_automatic_redirects.autocreate_redirects_on_page_move)
    page_slug_changed.disconnect(wagtail_automatic_redirects.autocreate_redirects_on_slug_change)
    post_page_move.connect(on_page_moved)
    page_slug_changed.connect(on_slug_changed)


def make_language_neutral(page):
    """Wagtail stores the old address of a renamed or moved page and of its descendants
    with the language prefix (/ro/stiri/vechi). Without it (/stiri/vechi), the address also
    leads readers of the other language to their translation, and the address without any
    prefix works too.

    A path already used without prefix by a redirect an editor made, or by an automatic
    one to another page (not a translation of this one), keeps its prefix: that redirect
    stays as it is in the other language."""
    prefix = f"/{language_code(page)}/"
    created = list(
        Redirect.objects.filter(
            automatically_created=True,
            old_path__startswith=prefix,
            redirect_page__path__startswith=page.path,
            redirect_page__locale_id=page.locale_id,
        ).select_related("redirect_page")
    )
    if not created:
        return
    neutral_paths = {redirect.pk: redirect.old_path[len(prefix) - 1 :] for redirect in created}
    existing = defaultdict(list)
    for other in Redirect.objects.filter(old_path__in=neutral_paths.values()).select_related(
        "redirect_page"
    ):
        existing[other.old_path].append(other)
    replaced, changed = [], []
    for redirect in created:
        neutral_path = neutral_paths[redirect.pk]
        if split_language(neutral_path)[0]:
            continue  # /ro/en/x without its prefix would read as an English address
        clashes = [
            other
            for other in existing[neutral_path]
            if other.site_id in (redirect.site_id, None) and other not in replaced
        ]
        if any(not same_page_in_any_language(other, redirect) for other in clashes):
            continue
        replaced += clashes
        redirect.old_path = neutral_path
        changed.append(redirect)
    Redirect.objects.filter(pk__in=[other.pk for other in replaced]).delete()
    Redirect.objects.bulk_update(changed, ["old_path"], batch_size=500)


def same_page_in_any_language(other, redirect):
    """An automatic redirect to the same page or one of its translations."""
    return (
        other.automatically_created
        and other.redirect_page is not None
        and other.redirect_page.translation_key == redirect.redirect_page.translation_key
    )
