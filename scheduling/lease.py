"""The lease that makes one scheduler, among several hosts, the publisher."""

import os
import socket
import uuid
from datetime import timedelta

from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone

from . import conf
from .models import PublisherLease

LEASE_NAME = "publisher"


def new_holder_name():
    """Unique per scheduler process, readable in the database: host, pid, a random tail."""
    return f"{socket.gethostname()}:{os.getpid()}:{uuid.uuid4().hex[:8]}"


def acquire(holder, seconds=None):
    """Take or renew the lease for `holder`; True when `holder` holds it now.

    The UPDATE's condition (free, expired, or already ours) is checked by the database
    in the same statement that writes, so two hosts asking at once cannot both win."""
    seconds = conf.get("SCHEDULER_LEASE_SECONDS") if seconds is None else seconds
    now = timezone.now()
    expires_at = now + timedelta(seconds=seconds)
    taken = (
        PublisherLease.objects.filter(name=LEASE_NAME)
        .filter(Q(holder=holder) | Q(holder="") | Q(expires_at__lte=now))
        .update(holder=holder, expires_at=expires_at)
    )
    if taken:
        return True
    try:
        with transaction.atomic():
            PublisherLease.objects.create(name=LEASE_NAME, holder=holder, expires_at=expires_at)
    except IntegrityError:  # another host created it first, and holds it
        return False
    return True


def release(holder):
    """Give the lease up at once (on a clean stop), so another host need not wait."""
    PublisherLease.objects.filter(name=LEASE_NAME, holder=holder).update(holder="")
