"""/healthz for the load balancer: 200 only when the database and every cache answer."""

import logging

from django.conf import settings
from django.core.cache import caches
from django.db import connections
from django.http import JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

logger = logging.getLogger("website.health")


def database_answers(alias="default"):
    with connections[alias].cursor() as cursor:
        cursor.execute("SELECT 1")
        return cursor.fetchone()[0] == 1


def cache_answers(alias="default"):
    cache = caches[alias]
    if hasattr(cache, "health_check"):
        # The Redis backend hides its faults from readers (page_cache/backends.py); not from here.
        cache.health_check()
        return True
    cache.set("healthz", "ok", 10)
    return cache.get("healthz") == "ok"


@never_cache
@require_GET
def healthz(request):
    checks = {}
    for name, check in [("database", database_answers)] + [
        (f"cache:{alias}", lambda alias=alias: cache_answers(alias)) for alias in settings.CACHES
    ]:
        try:
            checks[name] = "ok" if check() else "failing"
        except Exception as error:  # noqa: BLE001 - any fault means "not healthy"
            logger.error("Health check %s failed: %s", name, error)
            checks[name] = "failing"
    healthy = all(value == "ok" for value in checks.values())
    return JsonResponse(checks, status=200 if healthy else 503)
