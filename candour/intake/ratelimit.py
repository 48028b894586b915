"""Fixed-window rate limits kept in the database, so every worker process shares them."""

from __future__ import annotations

import hashlib
import hmac
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import F
from django.http import HttpRequest

from candour.intake.models import RateLimitBucket
from candour.intake.ratelimit_parse import parse_limit


@dataclass(frozen=True)
class Limit:
    count: int
    seconds: int

    @classmethod
    def parse(cls, text: str) -> Limit:
        count, seconds = parse_limit(text)
        return cls(count=count, seconds=seconds)


def client_address(request: HttpRequest) -> str:
    """The client's address; behind a trusted proxy, the last hop it added."""
    remote = request.META.get("REMOTE_ADDR", "") or "unknown"
    if remote in settings.CANDOUR_TRUSTED_PROXIES:
        forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
        hops = [h.strip() for h in forwarded.split(",") if h.strip()]
        if hops:
            return hops[-1][:64]
    return remote[:64]


def client_hash(request: HttpRequest) -> str:
    """A keyed hash of the client address: lets abuse be traced without storing addresses."""
    key = settings.SECRET_KEY.encode("utf-8")
    return hmac.new(key, client_address(request).encode("utf-8"), hashlib.sha256).hexdigest()


def rate_limit_hit(*, key: str, limit: Limit, now: datetime) -> bool:
    """Count one use of ``key``; True while the count is within ``limit``."""
    epoch = int(now.timestamp())
    start = datetime.fromtimestamp(epoch - epoch % limit.seconds, tz=now.tzinfo)
    with transaction.atomic():
        updated = RateLimitBucket.objects.filter(key=key, window_start=start).update(count=F("count") + 1)
        if not updated:
            try:
                with transaction.atomic():
                    RateLimitBucket.objects.create(key=key, window_start=start, count=1)
            except IntegrityError:
                RateLimitBucket.objects.filter(key=key, window_start=start).update(count=F("count") + 1)
        count = RateLimitBucket.objects.filter(key=key, window_start=start).values_list("count", flat=True)[0]
    return count <= limit.count


def rate_limit_purge(*, before: datetime) -> int:
    deleted, _ = RateLimitBucket.objects.filter(window_start__lt=before - timedelta(days=1)).delete()
    return deleted
