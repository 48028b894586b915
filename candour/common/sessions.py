"""Database sessions with the two statements every request makes written as plain SQL.

Same table, same encoding, same expiry and the same errors as Django's
``django.contrib.sessions.backends.db``; only the read by key and the write by key skip the
ORM, which cost more than the database work on the public portal (a read on every request,
a write on every answer; docs/performance.md, Intake), and a new key is not looked up before
it is inserted. Everything else (``clearsessions``, the admin) is Django's.

What is stored is encrypted (:class:`EncryptedJSONSerializer`, ``SESSION_SERIALIZER``): a
public visitor's answers, contact details and tracking link, and a signed-in user's session, are
never in the session table in clear, so a copy of the database alone does not give them away.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
from contextlib import nullcontext
from functools import lru_cache
from typing import Any

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from django.conf import settings
from django.contrib.sessions.backends import db
from django.contrib.sessions.backends.base import VALID_KEY_CHARS, CreateError, UpdateError
from django.core.exceptions import SuspiciousOperation
from django.db import IntegrityError, connections, router, transaction
from django.utils import timezone
from django.utils.crypto import get_random_string

#: Marks session data this serializer encrypted; data without it was written before sessions
#: were encrypted, and is read once as JSON (it is encrypted when next saved).
_SEALED = b"c1:"


@lru_cache(maxsize=8)
def _session_cipher(secret: str) -> AESGCM:
    return AESGCM(hashlib.sha256(f"candour session encryption:{secret}".encode()).digest())


class EncryptedJSONSerializer:
    """Django's session JSON, encrypted with AES-256-GCM under a key derived from
    ``SECRET_KEY`` (a secret that is not in the database); sessions made under one of
    ``SECRET_KEY_FALLBACKS`` are still read, so rotating the key signs no one out. Django signs
    the result as it signs any session."""

    def dumps(self, obj: Any) -> bytes:
        nonce = os.urandom(12)
        plain = json.dumps(obj, separators=(",", ":")).encode("latin-1")
        return _SEALED + nonce + _session_cipher(settings.SECRET_KEY).encrypt(nonce, plain, _SEALED)

    def loads(self, data: bytes) -> Any:
        if not data.startswith(_SEALED):
            return json.loads(data.decode("latin-1"))
        nonce, sealed = data[len(_SEALED):len(_SEALED) + 12], data[len(_SEALED) + 12:]
        for secret in (settings.SECRET_KEY, *settings.SECRET_KEY_FALLBACKS):
            try:
                plain = _session_cipher(secret).decrypt(nonce, sealed, _SEALED)
            except InvalidTag:
                continue
            return json.loads(plain.decode("latin-1"))
        raise ValueError("The session was encrypted with a key this service does not have")


class SessionStore(db.SessionStore):
    def _connection(self, write: bool) -> Any:
        alias = router.db_for_write(self.model) if write else router.db_for_read(self.model)
        return alias, connections[alias]

    def _table(self, connection: Any) -> str:
        return connection.ops.quote_name(self.model._meta.db_table)

    def _get_new_session_key(self) -> str:
        # Django asks the database whether a new random key is taken before using it: one more
        # read for every new visitor. The INSERT finds a clash anyway (the key is the primary
        # key: CreateError), and create() then tries another key.
        return get_random_string(32, VALID_KEY_CHARS)

    def load(self) -> dict[str, Any]:
        if not self.session_key:
            self._session_key = None
            return {}
        _, connection = self._connection(write=False)
        now = connection.ops.adapt_datetimefield_value(timezone.now())
        with connection.cursor() as cursor:
            cursor.execute(f"SELECT session_data FROM {self._table(connection)} "  # noqa: S608  # nosec B608 # the table name is Django's, quoted
                           "WHERE session_key = %s AND expire_date > %s", [self.session_key, now])
            row = cursor.fetchone()
        if row is None:
            self._session_key = None
            return {}
        try:
            return self.decode(row[0])
        except SuspiciousOperation as exc:  # decode() already treats bad signatures as empty
            logging.getLogger(f"django.security.{exc.__class__.__name__}").warning(str(exc))
            self._session_key = None
            return {}

    def save(self, must_create: bool = False) -> None:
        if self.session_key is None:
            return self.create()
        data = self.encode(self._get_session(no_load=must_create))  # type: ignore[attr-defined]
        alias, connection = self._connection(write=True)
        expires = connection.ops.adapt_datetimefield_value(self.get_expiry_date())
        table = self._table(connection)
        # One statement needs no transaction of its own in autocommit (BEGIN and COMMIT were two
        # more round trips to PostgreSQL on every answer); inside someone else's transaction a
        # savepoint keeps a failed statement from breaking it, as Django's store does.
        guard = transaction.atomic(using=alias) if connection.in_atomic_block else nullcontext()
        try:
            with guard, connection.cursor() as cursor:
                if must_create:
                    cursor.execute(f"INSERT INTO {table} (session_key, session_data, expire_date) "  # noqa: S608  # nosec B608 # the table name is Django's, quoted
                                   "VALUES (%s, %s, %s)", [self.session_key, data, expires])
                else:
                    cursor.execute(f"UPDATE {table} SET session_data = %s, expire_date = %s "  # noqa: S608  # nosec B608 # the table name is Django's, quoted
                                   "WHERE session_key = %s", [data, expires, self.session_key])
                    if cursor.rowcount != 1:
                        raise UpdateError  # the session was deleted meanwhile, as Django's store says
        except IntegrityError:
            if must_create:
                raise CreateError from None
            raise
        # Any other database error propagates as itself. Django's store turns it into
        # UpdateError, which the middleware answers as "session deleted" (a 400): when the
        # database has gone away the answer must be the 503 that says to send the form again.
        return None
