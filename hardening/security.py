"""The Content-Security-Policy and Permissions-Policy headers.

Public pages: only our own origin, no inline script unless it carries the request's nonce
(`<script nonce="{{ request.csp_nonce }}">`), no inline style. JSON-LD blocks
(`<script type="application/ld+json">`) are data, not executed, so the policy does not
block them; giving them the nonce as well does no harm. Extra sources for embeds (a video
player's iframe) come from the settings CSP_FRAME_SRC and CSP_IMG_SRC (hardening/conf.py).

The admin (/admin/) gets its own policy: Wagtail's admin uses inline scripts and styles,
so it allows 'unsafe-inline' there, and frames from our origin (the preview panel); it
keeps every other source to our origin, except images (https: for embed thumbnails and
avatars) and no plugins, no foreign form targets.
"""

import secrets

from axes.helpers import get_cool_off, get_failure_limit
from django.conf import settings
from django.shortcuts import render

from . import conf


def _sources(sources):
    return " ".join(sources)


def new_nonce():
    return secrets.token_urlsafe(18)


def _join(directives):
    return "; ".join(f"{name} {value}".strip() for name, value in directives.items() if value)


def public_policy(nonce, frame_ancestors="'none'"):
    return _join(
        {
            "default-src": "'self'",
            "script-src": f"'self' 'nonce-{nonce}'",
            "style-src": "'self'",
            "img-src": f"'self' data: {_sources(conf.csp_image_sources())}",
            "font-src": "'self'",
            "connect-src": "'self'",
            "frame-src": f"'self' {_sources(conf.csp_frame_sources())}",
            "object-src": "'none'",
            "base-uri": "'self'",
            "form-action": "'self'",
            "frame-ancestors": frame_ancestors,
        }
    )


def admin_policy():
    return _join(
        {
            "default-src": "'self'",
            "script-src": "'self' 'unsafe-inline'",
            "style-src": "'self' 'unsafe-inline'",
            "img-src": "'self' data: blob: https:",
            "font-src": "'self' data:",
            "connect-src": "'self'",
            "frame-src": f"'self' {_sources(conf.csp_frame_sources())}",
            "media-src": "'self' blob:",
            "object-src": "'none'",
            "base-uri": "'self'",
            "form-action": "'self'",
            "frame-ancestors": "'self'",
        }
    )


# The static error pages (500, 503) have one inline <style> and nothing else.
ERROR_POLICY = _join(
    {
        "default-src": "'none'",
        "style-src": "'unsafe-inline'",
        "img-src": "'self'",
        "base-uri": "'none'",
        "form-action": "'self'",
        "frame-ancestors": "'none'",
    }
)


def policy_for(request, response):
    if any(request.path.startswith(prefix) for prefix in conf.csp_admin_paths()):
        return admin_policy()
    if response.status_code >= 500:
        return ERROR_POLICY
    if getattr(request, "is_preview", False):
        # Wagtail renders a preview through the middleware with a request for the page's
        # own address; the editor shows it (and runs its checks on it) in the preview
        # panel, a frame of the admin: our own origin.
        return public_policy(request.csp_nonce, frame_ancestors="'self'")
    return public_policy(request.csp_nonce)


def client_ip_address(request):
    """The reader's address for sign-in throttling. Behind TRUSTED_PROXY_COUNT proxies (the
    load balancer, the CDN), it is that many entries from the right of X-Forwarded-For:
    each proxy appends the address it was reached from, and entries further left are
    whatever the client claimed. Without trusted proxies the header is ignored."""
    proxies = settings.TRUSTED_PROXY_COUNT
    if proxies > 0:
        forwarded = [a.strip() for a in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")]
        forwarded = [address for address in forwarded if address]
        if forwarded:
            # Fewer entries than proxies: the request skipped the outer ones; the left-most
            # is still one a proxy recorded, where the connection's is a proxy's own.
            return forwarded[-min(proxies, len(forwarded))]
    return request.META.get("REMOTE_ADDR")


def lockout_response(request, original_response=None, credentials=None):
    """What a locked-out editor sees (status 429): why, and for how long."""
    cool_off = get_cool_off(request)
    minutes = max(1, round(cool_off.total_seconds() / 60)) if cool_off else None
    address_throttled = getattr(request, "sign_in_address_throttled", False)
    context = {
        "address_throttled": address_throttled,
        "failure_limit": (
            settings.LOGIN_ADDRESS_FAILURE_LIMIT
            if address_throttled
            else get_failure_limit(request, credentials)
        ),
        "cooloff_minutes": minutes,
    }
    response = render(request, "hardening/lockout.html", context, status=429)
    response["Cache-Control"] = "no-store"
    return response
