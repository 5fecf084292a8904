"""Uploads under MEDIA_URL, served only where that is safe (SERVE_MEDIA).

Only images are public by design: originals (original_images/) and renditions (images/),
and only in raster formats, each with its own content type and nosniff. Everything else,
documents above all, is a 404 here: documents go through Wagtail's /documents/<id>/<name>
view, which checks their collection's privacy and sends them as attachments.
"""

import posixpath

from django.http import Http404
from django.views.static import serve

# Wagtail's folders for image originals and renditions.
IMAGE_FOLDERS = ("original_images/", "images/")
# Raster formats only: never HTML, SVG or script, whatever the file is named.
IMAGE_CONTENT_TYPES = {
    "avif": "image/avif",
    "gif": "image/gif",
    "jpeg": "image/jpeg",
    "jpg": "image/jpeg",
    "png": "image/png",
    "webp": "image/webp",
}


def serve_image(request, path, document_root):
    path = posixpath.normpath(path).lstrip("/")
    extension = path.rsplit(".", 1)[-1].lower() if "." in path else ""
    if not path.startswith(IMAGE_FOLDERS) or extension not in IMAGE_CONTENT_TYPES:
        raise Http404
    response = serve(request, path, document_root=document_root)
    response["Content-Type"] = IMAGE_CONTENT_TYPES[extension]
    response["X-Content-Type-Options"] = "nosniff"
    return response
