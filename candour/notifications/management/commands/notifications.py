"""``candour notifications reminders`` (daily) and ``candour notifications digest`` (daily).

Both are safe to run again: a reminder is recorded once per event and recipient, and an email
goes out once per notification.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone

from candour.notifications.reminders import reminders_pass
from candour.notifications.services import notifications_email_digest, notifications_email_immediate


class Command(BaseCommand):
    help = "Notifications: `reminders` records and emails clock reminders; `digest` sends the daily digests."

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="action", required=True)
        reminders = sub.add_parser("reminders", help="remind owners of clocks due soon, due today or overdue")
        reminders.add_argument("--today", help="run as if on this day (YYYY-MM-DD)")
        sub.add_parser("digest", help="email each digest reader what they have not yet been emailed")

    def handle(self, *args: Any, **options: Any) -> None:
        if options["action"] == "digest":
            self.stdout.write(f"Sent {notifications_email_digest()} digest email(s).")
            return
        today = timezone.localdate()
        if options.get("today"):
            try:
                today = date.fromisoformat(options["today"])
            except ValueError as exc:
                raise CommandError("--today must be a date, YYYY-MM-DD") from exc
        result = reminders_pass(today)
        if result.skipped_non_working_day:
            self.stdout.write(f"{today} is not a working day: no reminders.")
        else:
            self.stdout.write(f"{result.inserted} new reminder(s) from {result.considered} case clock(s).")
        self.stdout.write(f"Emailed {notifications_email_immediate()} notification(s).")
