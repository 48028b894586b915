"""``candour intake purge``: remove what abandoned forms leave behind. Safe to run again.

* evidence files written by an upload whose report was never sent (older than ``--hours``);
* rate-limit counters and tracking codes that have expired.

Files attached to a report are never touched.
"""

from __future__ import annotations

import time
from datetime import timedelta
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser
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
                           help="an upload not attached to a report after this long is removed (default 24; "
                                "at least the session's lifetime)")

    def handle(self, *args: Any, **options: Any) -> None:
        hours: int = options["hours"]
        # An upload waits in the sender's session until they send the report; while a session
        # can still be alive the file is not abandoned, whatever --hours says.
        alive = -(-settings.SESSION_COOKIE_AGE // 3600)
        if hours < alive:
            raise CommandError(f"--hours must be at least {alive}: a session lives {alive} hours "
                               "(CANDOUR_SESSION_SECONDS), and its uploads are not abandoned before it ends")
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
