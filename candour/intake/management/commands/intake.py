"""``candour intake purge``: remove what abandoned forms leave behind. Safe to run again.

* evidence files written by an upload whose report was never sent (older than ``--hours``);
* rate-limit counters and tracking codes that have expired.

Files attached to a report are never touched.
"""

from __future__ import annotations

import time
from datetime import timedelta
from typing import Any

from django.core.management.base import BaseCommand, CommandParser
from django.utils import timezone

from candour.intake.models import EvidenceFile, TrackingCode
from candour.intake.ratelimit import rate_limit_purge
from candour.intake.storage import evidence_dir


class Command(BaseCommand):
    help = "Intake housekeeping: `purge` removes orphaned uploads and expired counters and codes."

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="action", required=True)
        purge = sub.add_parser("purge", help="remove orphaned uploads, old rate-limit counters and codes")
        purge.add_argument("--hours", type=int, default=24,
                           help="an upload not attached to a report after this long is removed (default 24)")

    def handle(self, *args: Any, **options: Any) -> None:
        hours: int = options["hours"]
        cutoff = time.time() - hours * 3600
        attached = set(EvidenceFile.objects.values_list("stored_name", flat=True))
        removed = 0
        for path in evidence_dir().iterdir():
            if path.is_file() and path.name not in attached and path.stat().st_mtime < cutoff:
                path.unlink()
                removed += 1
        now = timezone.now()
        buckets = rate_limit_purge(before=now)
        codes, _ = TrackingCode.objects.filter(expires_at__lt=now - timedelta(days=1)).delete()
        self.stdout.write(f"Removed {removed} orphaned upload(s), {buckets} rate-limit counter(s), "
                          f"{codes} expired tracking code(s).")
