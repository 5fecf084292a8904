"""The read-only open-data API (Wagtail API v2) at /api/v2/.

Pages are filtered by type and language with Wagtail's own parameters, e.g.
/api/v2/pages/?type=newsroom.PressReleasePage&locale=en&fields=*. Only live,
public pages are served.
"""

from wagtail.api.v2.router import WagtailAPIRouter
from wagtail.api.v2.views import PagesAPIViewSet
from wagtail.documents.api.v2.views import DocumentsAPIViewSet
from wagtail.images.api.v2.views import ImagesAPIViewSet

api_router = WagtailAPIRouter("wagtailapi")
api_router.register_endpoint("pages", PagesAPIViewSet)
api_router.register_endpoint("images", ImagesAPIViewSet)
api_router.register_endpoint("documents", DocumentsAPIViewSet)
