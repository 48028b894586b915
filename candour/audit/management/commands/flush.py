"""``flush``, which empties every table, refuses the audit trail's (its triggers stop it), except
in the test suite, where the tables are emptied between tests that commit (pytest-django's
transactional tests call flush): there the append-only triggers are suspended around it."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.management.commands import flush
from django.db import connections

from candour.audit import triggers


class Command(flush.Command):
    def handle(self, **options: Any) -> None:
        if not settings.TESTING:
            super().handle(**options)
            return
        connection = connections[options.get("database") or "default"]
        with triggers.suspended(connection):
            super().handle(**options)
