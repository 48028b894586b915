"""``candour backup``: back up the database, the evidence store and the audit checkpoints into
a new checksummed directory under ``CANDOUR_BACKUP_DIR``, keeping the newest
``CANDOUR_BACKUP_KEEP`` (docs/operations.md, "Backups and recovery")."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone

from candour.jobs.backup import BackupError, backup_create


class Command(BaseCommand):
    help = "Back up the database, evidence files and audit checkpoints (checksummed); keep the newest N"

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--dir", type=Path, help="Where (default CANDOUR_BACKUP_DIR)")
        parser.add_argument("--keep", type=int, help="How many backups to keep (default CANDOUR_BACKUP_KEEP)")

    def handle(self, *args: Any, **options: Any) -> None:
        directory = options.get("dir") or Path(settings.CANDOUR_BACKUP_DIR)
        keep = options["keep"] if options.get("keep") is not None else settings.CANDOUR_BACKUP_KEEP
        try:
            made = backup_create(directory=directory, keep=keep, now=timezone.now())
        except (BackupError, OSError) as exc:
            raise CommandError(f"backup failed, nothing kept: {exc}") from exc
        self.stdout.write(self.style.SUCCESS(
            f"backup written: {made.path} ({made.files} files, {made.bytes:,} bytes)"))
        for old in made.removed:
            self.stdout.write(f"removed the older backup {old.name} (keeping {keep})")
