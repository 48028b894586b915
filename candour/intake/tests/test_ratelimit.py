"""The database rate limit: one upsert counts each use, per key and window, across workers."""

from __future__ import annotations

import threading
from datetime import UTC, datetime, timedelta

import pytest
from django.db import connection, connections
from django.test.utils import CaptureQueriesContext

from candour.intake.models import RateLimitBucket
from candour.intake.ratelimit import Limit, rate_limit_hit

NOW = datetime(2026, 11, 23, 10, 15, tzinfo=UTC)
TWO_AN_HOUR = Limit(count=2, seconds=3600)


@pytest.mark.django_db
def test_counts_up_to_the_limit_then_refuses_until_the_next_window() -> None:
    assert [rate_limit_hit(key="report:a", limit=TWO_AN_HOUR, now=NOW + timedelta(minutes=i))
            for i in range(4)] == [True, True, False, False]
    assert rate_limit_hit(key="report:b", limit=TWO_AN_HOUR, now=NOW)  # another key
    assert rate_limit_hit(key="report:a", limit=TWO_AN_HOUR, now=NOW + timedelta(hours=1))  # next window
    rows = {(r.key, r.window_start, r.count) for r in RateLimitBucket.objects.all()}
    assert rows == {("report:a", datetime(2026, 11, 23, 10, tzinfo=UTC), 4),
                    ("report:b", datetime(2026, 11, 23, 10, tzinfo=UTC), 1),
                    ("report:a", datetime(2026, 11, 23, 11, tzinfo=UTC), 1)}


@pytest.mark.django_db
def test_one_statement_a_use() -> None:
    rate_limit_hit(key="report:a", limit=TWO_AN_HOUR, now=NOW)
    with CaptureQueriesContext(connection) as queries:
        rate_limit_hit(key="report:a", limit=TWO_AN_HOUR, now=NOW)
    assert len(queries.captured_queries) == 1


@pytest.mark.django_db(transaction=True)
def test_uses_at_the_same_time_are_all_counted() -> None:
    if connection.vendor == "sqlite" and getattr(connection, "is_in_memory_db", lambda: False)():
        # The test database is in memory with a shared cache, whose table locks fail at once
        # instead of waiting; the service's SQLite is a WAL file that waits (bench/intake.py
        # runs 50 clients on it). One SQLite statement is atomic either way.
        pytest.skip("concurrent writers need a file database")
    limit = Limit(count=1000, seconds=3600)
    errors: list[BaseException] = []

    def use() -> None:
        try:
            for _ in range(10):
                rate_limit_hit(key="report:busy", limit=limit, now=NOW)
        except BaseException as exc:  # reported below
            errors.append(exc)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=use) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    assert RateLimitBucket.objects.get(key="report:busy").count == 40
