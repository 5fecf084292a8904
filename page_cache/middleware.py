"""The page cache's middleware: anonymous pages and feeds from the shared cache, and the
content generation every rendered page remembers things under (pages/remembered.py)."""

from django.conf import settings
from django.http import HttpResponse
from django.utils.cache import get_conditional_response, patch_cache_control
from django.utils.http import parse_http_date_safe
from wagtail.models import Page

from pages.remembered import remembering

from . import conf
from .dependencies import is_detail_page, pages_shown
from .generation import current_generation
from .store import NONCE_PLACEHOLDER, lookup, may_add_entry, store


class ContentGenerationMiddleware:
    """Lets pages remember what every page needs for as long as the site's content stays
    the same (pages/remembered.py): sets the generation for the rest of the request, as
    PageCacheMiddleware read it or, when that did not run, from the shared cache."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if hasattr(request, "content_generation"):
            generation = request.content_generation
        else:
            generation = current_generation()
        with remembering(generation):
            return self.get_response(request)


class PageCacheMiddleware:
    """Serves anonymous GET/HEAD requests for public pages, feeds and other public URLs from
    the shared cache, and fills it. Entries carry the generations they count under
    (page_cache/generation.py), which publishing, unpublishing, moving or deleting a page
    bumps: the site's for most, those of the pages it shows for a release.

    Never cached nor served from the cache: requests with a session or messages cookie,
    paths under PAGE_CACHE_EXCLUDED_PATHS (the admin and its previews, documents, media,
    /healthz), previews, responses other than 200, streaming responses, responses that set
    cookies, carry messages, are marked private/no-cache/no-store or vary on anything but
    the language and the cookie. Off unless settings.PAGE_CACHE_ENABLED."""

    VARY_ALLOWED = {"cookie", "accept-language"}

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not conf.get("PAGE_CACHE_ENABLED") or request.method not in {
            "GET",
            "HEAD",
        }:
            return self.get_response(request)
        if not self.may_use_cache(request):
            response = self.get_response(request)
            if response.status_code == 200 and not response.has_header("Cache-Control"):
                # A CDN in front must not keep what a logged-in editor was shown.
                patch_cache_control(response, private=True, no_cache=True)
            return response

        generation, key, entry = lookup(request)
        # ContentGenerationMiddleware needs it too: one round trip serves both.
        request.content_generation = generation
        if generation is None:
            response = self.get_response(request)
            response["X-Page-Cache"] = "unavailable"
            return response
        if entry is not None:
            return self.response_from_entry(request, entry)

        response = self.get_response(request)
        if key is None:
            # A query parameter no page reads: answered, never stored (page_cache/store.py).
            response["X-Page-Cache"] = "bypass"
        elif self.may_store(request, response) and may_add_entry(request):
            store(
                key,
                generation,
                self.entry_from_response(request, response),
                *self.shown_pages(response),
            )
            self.mark_public(response)
            response["X-Page-Cache"] = "miss"
        return response

    def may_use_cache(self, request):
        if any(request.path.startswith(prefix) for prefix in conf.get("PAGE_CACHE_EXCLUDED_PATHS")):
            return False
        cookies = request.COOKIES
        if settings.SESSION_COOKIE_NAME in cookies or "messages" in cookies:
            return False
        return "HTTP_AUTHORIZATION" not in request.META

    def may_store(self, request, response):
        if request.method != "GET":
            # A HEAD response may come without its body; a GET fills the cache for both.
            return False
        if response.status_code != 200 or response.streaming or response.cookies:
            return False
        if getattr(request, "is_preview", False):
            return False
        messages = getattr(request, "_messages", None)
        if messages is not None and getattr(messages, "_queued_messages", None):
            return False
        cache_control = response.get("Cache-Control", "").lower()
        if any(word in cache_control for word in ("private", "no-cache", "no-store")):
            return False
        vary = {v.strip().lower() for v in response.get("Vary", "").split(",") if v.strip()}
        return vary <= self.VARY_ALLOWED

    def shown_pages(self, response):
        """For a page of a detail type (PAGE_CACHE_DETAIL_PAGE_TYPES): (the page, the pages
        it shows), whose changes alone make its entry stale; () for anything else, whose
        entry any change makes stale."""
        context = getattr(response, "context_data", None) or {}
        page = context.get("page")
        if isinstance(page, Page) and is_detail_page(page):
            return page, pages_shown(page, context)
        return ()

    def entry_from_response(self, request, response):
        content = response.content
        nonce = getattr(request, "csp_nonce", None)
        if nonce and nonce.encode() in content:
            content = content.replace(nonce.encode(), NONCE_PLACEHOLDER)
        headers = [(k, v) for k, v in response.items() if k.lower() != "x-page-cache"]
        return (response.status_code, headers, content)

    def response_from_entry(self, request, entry):
        status, headers, content = entry
        nonce = getattr(request, "csp_nonce", None)
        if nonce and NONCE_PLACEHOLDER in content:
            content = content.replace(NONCE_PLACEHOLDER, nonce.encode())
        response = HttpResponse(content, status=status)
        for name, value in headers:
            response[name] = value
        response["Content-Length"] = str(len(content))
        self.mark_public(response)
        response["X-Page-Cache"] = "hit"
        if "HTTP_IF_NONE_MATCH" in request.META or "HTTP_IF_MODIFIED_SINCE" in request.META:
            # A feed reader's repeated conditional GET: 304, as the feed itself answers.
            return self.not_modified_or(request, response)
        return response

    def not_modified_or(self, request, response):
        last_modified = response.get("Last-Modified")
        answer = get_conditional_response(
            request,
            etag=response.get("ETag"),
            last_modified=parse_http_date_safe(last_modified) if last_modified else None,
            response=response,
        )
        answer["X-Page-Cache"] = "hit"
        return answer

    def mark_public(self, response):
        if "Cache-Control" in response:
            del response["Cache-Control"]
        patch_cache_control(
            response,
            public=True,
            max_age=conf.get("PAGE_CACHE_BROWSER_MAX_AGE"),
            s_maxage=conf.get("PAGE_CACHE_SHARED_MAX_AGE"),
        )
