"""``candour intake purge``: remove what abandoned forms leave behind. Safe to run again.

* evidence files written by an upload whose report was never sent (older than ``--hours``, by
  default the ``portal_upload`` rule of the retention schedule, docs/data-protection.md);
* rate-limit counters and tracking codes that have expired.

Files attached to a report are never touched.
"""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone

from candour.intake.anonymise import evidence_orphans_remove
from candour.intake.models import TrackingCode
from candour.intake.ratelimit import rate_limit_purge


def _schedule_hours() -> int:
    keep = settings.CANDOUR_RETENTION.rule("portal_upload").keep
    return keep.hours if keep is not None else 24


class Command(BaseCommand):
    help = "Intake housekeeping: `purge` removes orphaned uploads and expired counters and codes."

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="action", required=True)
        purge = sub.add_parser("purge", help="remove orphaned uploads, old rate-limit counters and codes")
        purge.add_argument("--hours", type=int, default=None,
                           help="an upload not attached to a report after this long is removed (default: the "
                                "retention schedule's portal_upload rule; at least the session's lifetime)")

    def handle(self, *args: Any, **options: Any) -> None:
        hours: int = options["hours"] if options["hours"] is not None else _schedule_hours()
        try:
            removed = evidence_orphans_remove(older_than_hours=hours)
        except ValueError as exc:
            raise CommandError(f"--hours: {exc}") from exc
        now = timezone.now()
        buckets = rate_limit_purge(before=now)
        codes, _ = TrackingCode.objects.filter(expires_at__lt=now - timedelta(days=1)).delete()
        self.stdout.write(f"Removed {removed} orphaned upload(s), {buckets} rate-limit counter(s), "
                          f"{codes} expired tracking code(s).")
