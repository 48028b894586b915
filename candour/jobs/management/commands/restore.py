"""``candour restore BACKUP``: restore a backup made by ``candour backup`` into this instance,
which must be empty (a new database, no evidence files, no checkpoints). Every checksum is
checked before anything is written (docs/operations.md, "Backups and recovery")."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import connection

from candour.jobs.backup import BackupError, backup_restore


class Command(BaseCommand):
    help = "Restore a backup into an empty instance (database, evidence store, audit checkpoints)"

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("backup", type=Path, help="The backup's directory (candour-<time>)")

    def handle(self, *args: Any, **options: Any) -> None:
        connection.close()  # restore writes the database from outside Django's connection
        try:
            restored = backup_restore(source=options["backup"], database=connection.settings_dict,
                                      evidence_dir=Path(settings.CANDOUR_EVIDENCE_DIR),
                                      checkpoint_dir=Path(settings.CANDOUR_AUDIT_CHECKPOINT_DIR))
        except (BackupError, OSError) as exc:
            raise CommandError(f"restore refused, nothing changed: {exc}") from exc
        self.stdout.write(self.style.SUCCESS(
            f"restored the {restored.engine} backup of {restored.created_at} ({restored.files} files checked). "
            "Anything recorded after that time is not in it. Next: `candour audit verify`, then "
            "(PostgreSQL) `candour audit harden --app-role ROLE`."))
