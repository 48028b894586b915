"""``candour casework clocks``: rebuild every open case's cached next-due date (and
the name of that clock) from its facts.

The services keep ``Case.next_due_on`` current as they write; run this nightly (the clocks
move with the calendar, not only with events) and after a bulk load. Idempotent.
"""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandParser
from django.utils import timezone

from candour.cases.models import OPEN_STATES, Case
from candour.cases.services import case_due_refresh


class Command(BaseCommand):
    help = "Casework jobs: `clocks` recomputes each open case's next statutory due date."

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="action", required=True)
        clocks = sub.add_parser("clocks", help="recompute Case.next_due_on for open cases")
        clocks.add_argument("--force", dest="force_code", help="only this force (its code)")

    def handle(self, *args: Any, **options: Any) -> None:
        today = timezone.localdate()
        cases = Case.objects.filter(state__in=OPEN_STATES)
        if options.get("force_code"):
            cases = cases.filter(force__code=options["force_code"])
        changed = total = 0
        for case in cases.iterator(chunk_size=500):
            before = (case.next_due_on, case.next_due_what)
            case_due_refresh(case=case, today=today)
            if (case.next_due_on, case.next_due_what) != before:
                changed += 1
            total += 1
        self.stdout.write(f"Recomputed clocks for {total} open case(s); {changed} changed.")
