"""Sign-in throttling (django-axes): failed sign-ins count per user name and address
together, against LOGIN_FAILURE_LIMIT, and per address whatever the user names, against
the higher LOGIN_ADDRESS_FAILURE_LIMIT.

Counting per user name alone let anyone who knows an editor's user name lock them out from
everywhere. axes compares one count with one limit, and an address's failures always reach
it before any pair's, so with both criteria at one limit a handful of mistyped names behind
an office's shared address would lock the whole office out: the address gets its own limit
here."""

from axes.attempts import get_cool_off_threshold
from axes.handlers.database import AxesDatabaseHandler
from axes.helpers import get_client_username, get_failure_limit
from axes.models import AccessAttempt
from django.conf import settings
from django.db.models import Sum


def failures(attempts):
    return attempts.aggregate(total=Sum("failures_since_start"))["total"] or 0


class SignInThrottlingHandler(AxesDatabaseHandler):
    def address_attempts(self, request):
        """The address's failed attempts within the cool-off time, whatever the user names."""
        return AccessAttempt.objects.filter(
            ip_address=request.axes_ip_address,
            attempt_time__gte=get_cool_off_threshold(request),
        )

    def get_failures(self, request, credentials=None):
        """The pair's failures, or the failure limit once the address has reached its own
        (axes locks out when this reaches AXES_FAILURE_LIMIT)."""
        attempts = self.address_attempts(request)
        pair = failures(attempts.filter(username=get_client_username(request, credentials)))
        request.sign_in_address_throttled = (
            failures(attempts) >= settings.LOGIN_ADDRESS_FAILURE_LIMIT
        )
        if request.sign_in_address_throttled:
            return max(pair, get_failure_limit(request, credentials))
        return pair

    def reset_user_attempts(self, request, credentials=None):
        """After a successful sign-in, only the pair's failures are forgotten: the other user
        names tried from the address still count, so signing in to one's own account does
        not reset a guesser's count."""
        deleted, _ = AccessAttempt.objects.filter(
            username=get_client_username(request, credentials),
            ip_address=request.axes_ip_address,
        ).delete()
        return deleted
