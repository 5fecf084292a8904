"""The app's defaults; each can be overridden by a setting of the same name (the project's
settings read them from the environment: docs/operations.md, "Configuration")."""

from django.conf import settings

# Extra sources for embeds: a video player's iframe, an image host ("https://player.vimeo.com").
DEFAULT_CSP_FRAME_SRC = []
DEFAULT_CSP_IMG_SRC = []
# Addresses under which the admin's policy applies.
DEFAULT_CSP_ADMIN_PATHS = ["/admin/"]
# Every sensor, the camera, the microphone and payments off: public pages use none of them.
DEFAULT_PERMISSIONS_POLICY = (
    "accelerometer=(), camera=(), geolocation=(), gyroscope=(), magnetometer=(), "
    "microphone=(), payment=(), usb=()"
)


def csp_frame_sources():
    return getattr(settings, "CSP_FRAME_SRC", DEFAULT_CSP_FRAME_SRC)


def csp_image_sources():
    return getattr(settings, "CSP_IMG_SRC", DEFAULT_CSP_IMG_SRC)


def csp_admin_paths():
    return getattr(settings, "CSP_ADMIN_PATHS", DEFAULT_CSP_ADMIN_PATHS)


def permissions_policy():
    """The Permissions-Policy header's value; empty sends none."""
    return getattr(settings, "PERMISSIONS_POLICY", DEFAULT_PERMISSIONS_POLICY)
