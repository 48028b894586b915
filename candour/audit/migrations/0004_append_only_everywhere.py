# Append-only on SQLite too, TRUNCATE refused on PostgreSQL, and chain heads that only advance
# (candour/audit/triggers.py). Written by hand: triggers are not model state.

from django.db import migrations

from candour.audit import triggers


def forwards(apps, schema_editor):
    triggers.install(schema_editor.connection)


def backwards(apps, schema_editor):
    connection = schema_editor.connection
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            for sql in ("DROP TRIGGER IF EXISTS audit_event_no_truncate ON audit_auditevent",
                        "DROP TRIGGER IF EXISTS audit_head_guard ON audit_auditchainhead",
                        "DROP TRIGGER IF EXISTS audit_head_no_delete ON audit_auditchainhead",
                        "DROP TRIGGER IF EXISTS audit_head_no_truncate ON audit_auditchainhead",
                        "DROP FUNCTION IF EXISTS candour_audit_head_guard()"):
                cursor.execute(sql)
        else:
            for sql in triggers.SQLITE_REMOVE:
                cursor.execute(sql)


class Migration(migrations.Migration):
    dependencies = [("audit", "0003_keyed_chains")]
    operations = [migrations.RunPython(forwards, backwards)]
