"""The press kit download: a live, public release's ZIP, or 404."""

from django.http import Http404, HttpResponse
from django.shortcuts import redirect
from django.utils.cache import get_conditional_response

from .kits import built_kit, kit_filename, public_release


def press_kit(request, page_id, filename):
    release = public_release(page_id)
    if release is None:
        # Unpublished, restricted or missing: the same answer, so that a kit's address
        # does not tell whether a private release exists.
        raise Http404
    if filename != kit_filename(release):
        # The slug or the date changed since the link was copied.
        return redirect("press_kit", page_id=release.pk, filename=kit_filename(release))
    key, data = built_kit(release)
    response = HttpResponse(data, content_type="application/zip")
    response["Content-Disposition"] = f'attachment; filename="{kit_filename(release)}"'
    response["ETag"] = f'"{key.rsplit(":", 1)[-1]}"'
    # Revalidated on every download: neither the page cache nor a CDN keeps a kit whose
    # release has since changed (their purge does not know this address).
    response["Cache-Control"] = "no-cache"
    # A journalist's second download of an unchanged kit: 304 Not Modified.
    return get_conditional_response(request, etag=response["ETag"], response=response)
