"""Fixed-window rate limits kept in the database, so every worker process shares them."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from django.db import connections, router

from candour.common.client import client_address, client_hash  # noqa: F401 (re-exported for intake callers)
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


def rate_limit_hit(*, key: str, limit: Limit, now: datetime) -> bool:
    """Count one use of ``key``; True while the count is within ``limit``.

    One statement, an upsert that returns the new count: atomic on its own in PostgreSQL and
    SQLite (3.35 or later), so two workers counting the same key at once both count, and no
    transaction of its own is needed (it was seven round trips to the database).
    """
    epoch = int(now.timestamp())
    start = datetime.fromtimestamp(epoch - epoch % limit.seconds, tz=now.tzinfo)
    connection = connections[router.db_for_write(RateLimitBucket)]
    quote = connection.ops.quote_name
    table, count = quote(RateLimitBucket._meta.db_table), quote("count")
    with connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {table} ({quote('key')}, {quote('window_start')}, {count}) "  # noqa: S608  # nosec B608 # table and column names are the model's, quoted
            f"VALUES (%s, %s, 1) ON CONFLICT ({quote('key')}, {quote('window_start')}) "
            f"DO UPDATE SET {count} = {table}.{count} + 1 RETURNING {count}",
            [key, connection.ops.adapt_datetimefield_value(start)])
        (used,) = cursor.fetchone()
    return int(used) <= limit.count


def rate_limit_purge(*, before: datetime) -> int:
    deleted, _ = RateLimitBucket.objects.filter(window_start__lt=before - timedelta(days=1)).delete()
    return deleted
