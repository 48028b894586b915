"""The database itself keeps the audit trail append-only, on SQLite and on PostgreSQL.

* ``audit_auditevent``: no UPDATE, no DELETE, no TRUNCATE (PostgreSQL's TRUNCATE skips row
  triggers, so it has a statement trigger of its own; SQLite has no TRUNCATE, and its
  ``DELETE FROM`` without a condition fires the row trigger).
* ``audit_auditchainhead``: a chain's head is created at 0, then only advances one event at a
  time and only to an event that is stored; it is never deleted. So deleting the latest events
  cannot be hidden by moving the head back: ``audit verify`` finds the head past the last
  event.

These stop the application (a bug, an injected query, a person with the application's role)
from rewriting the trail. Someone who owns the tables or the SQLite file can remove them: on
PostgreSQL ``candour audit harden`` gives the tables to a separate owner role so that the
application's role may only insert and read (docs/security.md), and against a full rewrite the
chain is keyed with a secret held outside the database and checked against signed checkpoints
(:mod:`candour.audit.services`).

The migrations that install these import this module; change the SQL only in a new migration.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

REFUSED = "audit events are append-only"

SQLITE_INSTALL = (
    f"""CREATE TRIGGER IF NOT EXISTS audit_event_no_update BEFORE UPDATE ON audit_auditevent
    BEGIN SELECT RAISE(ABORT, '{REFUSED}: UPDATE refused'); END""",
    f"""CREATE TRIGGER IF NOT EXISTS audit_event_no_delete BEFORE DELETE ON audit_auditevent
    BEGIN SELECT RAISE(ABORT, '{REFUSED}: DELETE refused'); END""",
    """CREATE TRIGGER IF NOT EXISTS audit_head_starts_at_zero BEFORE INSERT ON audit_auditchainhead
    WHEN NEW.seq != 0
    BEGIN SELECT RAISE(ABORT, 'an audit chain head starts at 0'); END""",
    """CREATE TRIGGER IF NOT EXISTS audit_head_advance_only BEFORE UPDATE ON audit_auditchainhead
    WHEN NEW.chain != OLD.chain OR NEW.seq != OLD.seq + 1
      OR NEW.hash IS NOT (SELECT hash FROM audit_auditevent WHERE chain = NEW.chain AND seq = NEW.seq)
    BEGIN SELECT RAISE(ABORT, 'an audit chain head only advances to the next stored event'); END""",
    f"""CREATE TRIGGER IF NOT EXISTS audit_head_no_delete BEFORE DELETE ON audit_auditchainhead
    BEGIN SELECT RAISE(ABORT, '{REFUSED}: DELETE of a chain head refused'); END""",
)
SQLITE_REMOVE = tuple(
    f"DROP TRIGGER IF EXISTS {name}" for name in (
        "audit_event_no_update", "audit_event_no_delete", "audit_head_starts_at_zero",
        "audit_head_advance_only", "audit_head_no_delete"))

POSTGRESQL_INSTALL = (
    f"""CREATE OR REPLACE FUNCTION candour_audit_append_only() RETURNS trigger AS $$
    BEGIN
        RAISE EXCEPTION '{REFUSED}: % refused', TG_OP USING ERRCODE = 'insufficient_privilege';
    END;
    $$ LANGUAGE plpgsql""",
    """CREATE OR REPLACE FUNCTION candour_audit_head_guard() RETURNS trigger AS $$
    BEGIN
        IF TG_OP = 'INSERT' THEN
            IF NEW.seq <> 0 THEN
                RAISE EXCEPTION 'an audit chain head starts at 0' USING ERRCODE = 'insufficient_privilege';
            END IF;
        ELSIF NEW.chain <> OLD.chain OR NEW.seq <> OLD.seq + 1
              OR NEW.hash IS DISTINCT FROM (SELECT hash FROM audit_auditevent
                                            WHERE chain = NEW.chain AND seq = NEW.seq) THEN
            RAISE EXCEPTION 'an audit chain head only advances to the next stored event'
                USING ERRCODE = 'insufficient_privilege';
        END IF;
        RETURN NEW;
    END;
    $$ LANGUAGE plpgsql""",
    "DROP TRIGGER IF EXISTS audit_event_append_only ON audit_auditevent",
    """CREATE TRIGGER audit_event_append_only BEFORE UPDATE OR DELETE ON audit_auditevent
    FOR EACH ROW EXECUTE FUNCTION candour_audit_append_only()""",
    "DROP TRIGGER IF EXISTS audit_event_no_truncate ON audit_auditevent",
    """CREATE TRIGGER audit_event_no_truncate BEFORE TRUNCATE ON audit_auditevent
    FOR EACH STATEMENT EXECUTE FUNCTION candour_audit_append_only()""",
    "DROP TRIGGER IF EXISTS audit_head_guard ON audit_auditchainhead",
    """CREATE TRIGGER audit_head_guard BEFORE INSERT OR UPDATE ON audit_auditchainhead
    FOR EACH ROW EXECUTE FUNCTION candour_audit_head_guard()""",
    "DROP TRIGGER IF EXISTS audit_head_no_delete ON audit_auditchainhead",
    """CREATE TRIGGER audit_head_no_delete BEFORE DELETE ON audit_auditchainhead
    FOR EACH ROW EXECUTE FUNCTION candour_audit_append_only()""",
    "DROP TRIGGER IF EXISTS audit_head_no_truncate ON audit_auditchainhead",
    """CREATE TRIGGER audit_head_no_truncate BEFORE TRUNCATE ON audit_auditchainhead
    FOR EACH STATEMENT EXECUTE FUNCTION candour_audit_append_only()""",
)
POSTGRESQL_TABLES = ("audit_auditevent", "audit_auditchainhead")


def install(connection: Any) -> None:
    """Create the triggers (again) on ``connection``'s database."""
    statements = POSTGRESQL_INSTALL if connection.vendor == "postgresql" else SQLITE_INSTALL
    with connection.cursor() as cursor:
        for sql in statements:
            cursor.execute(sql)


@contextmanager
def suspended(connection: Any) -> Iterator[None]:
    """The triggers off for the duration: for emptying a test database between tests, and for
    tests that play an attacker who owns the tables. Needs the tables' owner (PostgreSQL) or
    the file (SQLite); the application's own role cannot do it once hardened."""
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            for table in POSTGRESQL_TABLES:
                cursor.execute(f"ALTER TABLE {table} DISABLE TRIGGER USER")
        else:
            for sql in SQLITE_REMOVE:
                cursor.execute(sql)
    try:
        yield
    finally:
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                for table in POSTGRESQL_TABLES:
                    cursor.execute(f"ALTER TABLE {table} ENABLE TRIGGER USER")
        else:
            install(connection)
