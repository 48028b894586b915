"""The SQL session store behaves as Django's database store: same table, expiry and errors."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.contrib.sessions.backends.base import CreateError, UpdateError
from django.contrib.sessions.backends.db import SessionStore as DjangoStore
from django.contrib.sessions.models import Session
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from candour.common.sessions import SessionStore

pytestmark = pytest.mark.django_db


def test_settings_use_the_sql_store(settings) -> None:
    assert settings.SESSION_ENGINE == "candour.common.sessions"


def test_round_trip_and_interchangeable_with_djangos_store() -> None:
    store = SessionStore()
    store["answers"] = {"what_happened": "Pushed – “hard”", "n": 3}
    store.save()
    key = store.session_key
    assert key and Session.objects.filter(session_key=key).count() == 1
    # Django's own store reads what ours wrote, and ours reads what Django's wrote.
    assert DjangoStore(key)["answers"] == {"what_happened": "Pushed – “hard”", "n": 3}
    theirs = DjangoStore()
    theirs["x"] = [1, 2]
    theirs.save()
    assert SessionStore(theirs.session_key)["x"] == [1, 2]


def test_update_changes_the_row_and_the_expiry() -> None:
    store = SessionStore()
    store["a"] = 1
    store.save()
    again = SessionStore(store.session_key)
    again["a"] = 2
    again.set_expiry(600)
    again.save()
    row = Session.objects.get(session_key=store.session_key)
    assert SessionStore(store.session_key)["a"] == 2
    assert timedelta(seconds=590) < row.expire_date - timezone.now() <= timedelta(seconds=600)


def test_expired_unknown_and_tampered_sessions_load_empty() -> None:
    store = SessionStore()
    store["a"] = 1
    store.save()
    Session.objects.filter(session_key=store.session_key).update(expire_date=timezone.now() - timedelta(seconds=1))
    expired = SessionStore(store.session_key)
    assert expired.load() == {} and expired.session_key is None
    assert SessionStore("x" * 32).load() == {}
    fresh = SessionStore()
    fresh["a"] = 1
    fresh.save()
    Session.objects.filter(session_key=fresh.session_key).update(session_data="tampered:data")
    assert SessionStore(fresh.session_key).load() == {}


def test_saving_a_session_deleted_meanwhile_raises_update_error_and_writes_nothing() -> None:
    store = SessionStore()
    store["a"] = 1
    store.save()
    key = store.session_key
    Session.objects.filter(session_key=key).delete()
    store["a"] = 2
    with pytest.raises(UpdateError):
        store.save()
    assert not Session.objects.filter(session_key=key).exists()


def test_create_makes_a_new_row_with_a_new_key() -> None:
    first, second = SessionStore(), SessionStore()
    first.create()
    second.create()
    assert first.session_key != second.session_key
    assert Session.objects.filter(session_key__in=[first.session_key, second.session_key]).count() == 2


@pytest.mark.django_db(transaction=True)
def test_in_autocommit_a_save_is_one_statement_and_a_taken_key_leaves_the_connection_usable() -> None:
    store = SessionStore()
    store["a"] = 1
    store.save()
    store["a"] = 2
    with CaptureQueriesContext(connection) as queries:
        store.save()
    assert [q["sql"].split()[0] for q in queries.captured_queries] == ["UPDATE"]
    clash = SessionStore(store.session_key)
    clash["b"] = 1
    with pytest.raises(CreateError):
        clash.save(must_create=True)
    assert SessionStore(store.session_key)["a"] == 2  # the failed INSERT broke nothing


def test_inside_a_transaction_a_taken_key_does_not_break_it() -> None:
    store = SessionStore()
    store["a"] = 1
    store.save()
    with transaction.atomic():
        clash = SessionStore(store.session_key)
        clash["b"] = 1
        with pytest.raises(CreateError):
            clash.save(must_create=True)
        assert Session.objects.filter(session_key=store.session_key).count() == 1


def test_a_new_session_is_one_insert_and_a_taken_key_is_replaced(monkeypatch) -> None:
    taken = SessionStore()
    taken.create()
    with CaptureQueriesContext(connection) as queries:
        fresh = SessionStore()
        fresh.create()
    statements = [q["sql"].split()[0] for q in queries.captured_queries]
    assert [s for s in statements if s not in ("SAVEPOINT", "RELEASE")] == ["INSERT"]  # no look-up first
    keys = iter([taken.session_key, "k" * 32])
    monkeypatch.setattr("candour.common.sessions.get_random_string", lambda *args: next(keys))
    clash = SessionStore()
    clash.create()
    assert clash.session_key == "k" * 32
    assert Session.objects.filter(session_key__in=[taken.session_key, "k" * 32]).count() == 2
