"""A database outage answers 503 with the plain error page, not a stack trace."""

import logging

from django.db import InterfaceError, OperationalError
from django.http import HttpResponse
from django.template import loader


class DatabaseUnavailableMiddleware:
    """When the database cannot be reached, readers get the plain error page with status
    503 (try again later), not a stack trace or a generic 500."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if not isinstance(exception, OperationalError | InterfaceError):
            return None
        logging.getLogger("operations.database").error(
            "Database unavailable: %s", exception, extra={"path": request.path}
        )
        return service_unavailable()


def service_unavailable():
    # 500.html is static: rendering it needs neither the database nor a request context.
    response = HttpResponse(loader.get_template("500.html").render(), status=503)
    response["Retry-After"] = "30"
    response["Cache-Control"] = "no-store"
    return response
