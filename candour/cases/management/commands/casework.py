"""``candour casework clocks``: rebuild every open case's cached next-due date (and
the name of that clock) from its facts.

The services keep ``Case.next_due_on`` current as they write; run this nightly (the clocks
move with the calendar, not only with events) and after a bulk load. Idempotent.
"""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandParser
from django.utils import timezone

from candour.cases.services import case_clocks_refresh


class Command(BaseCommand):
    help = "Casework jobs: `clocks` recomputes each open case's next statutory due date."

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="action", required=True)
        clocks = sub.add_parser("clocks", help="recompute Case.next_due_on for open cases")
        clocks.add_argument("--force", dest="force_code", help="only this force (its code)")

    def handle(self, *args: Any, **options: Any) -> None:
        code = options.get("force_code")
        done = case_clocks_refresh(today=timezone.localdate(), force_codes=[code] if code else None)
        self.stdout.write(f"Recomputed clocks for {done.total} open case(s); {done.changed} changed.")
