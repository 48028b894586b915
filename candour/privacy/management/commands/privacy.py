"""``candour privacy``: the data protection jobs and requests (docs/data-protection.md).

* ``retention [--dry-run] [--force CODE]``: anonymise, erase or delete what has passed its
  period under the retention schedule and print what was done, per record type. Idempotent:
  run it nightly (ADR 0009); a second run finds nothing more to do.
* ``schedule``: print the schedule and the record of processing it generates.
* ``export`` and ``erase``: a subject access export and an erasure request (see their --help).
"""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone

from candour.accounts.models import Force
from candour.domain.retention import processing_record
from candour.privacy.retention import retention_apply, schedule


class Command(BaseCommand):
    help = "Data protection: `retention` applies the retention schedule; `schedule` prints it."

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="action", required=True)
        retention = sub.add_parser("retention", help="apply the retention schedule to what has passed its period")
        retention.add_argument("--dry-run", action="store_true", help="count what would be done; change nothing")
        retention.add_argument("--force", dest="force_code", help="only this force (its code)")
        sub.add_parser("schedule", help="print the retention schedule and the record of processing")

    def handle(self, *args: Any, **options: Any) -> None:
        getattr(self, f"_{options['action']}")(options)

    def _retention(self, options: dict[str, Any]) -> None:
        force = None
        if options.get("force_code"):
            force = Force.objects.filter(code=options["force_code"]).first()
            if force is None:
                raise CommandError(f"--force: no force has the code {options['force_code']!r}")
        run = retention_apply(today=timezone.localdate(), dry_run=options["dry_run"], force=force)
        plan = schedule()
        self.stdout.write(f"Retention schedule {plan.source}, applied on {run.today:%-d %B %Y}"
                          + (" (dry run: nothing was changed)" if run.dry_run else "") + ":")
        for line in run.lines():
            self.stdout.write(f"  {line}")
        if plan.unconfirmed:
            self.stdout.write(f"[M]: {len(plan.unconfirmed)} rule(s) not confirmed by the force "
                              f"({', '.join(plan.unconfirmed)}); see docs/data-protection.md")

    def _schedule(self, options: dict[str, Any]) -> None:
        plan = schedule()
        self.stdout.write(f"Retention schedule and record of processing ({plan.source})")
        self.stdout.write(f"Controller: {plan.controller.name}")
        self.stdout.write(f"Data protection officer: {plan.controller.dpo}")
        for row in processing_record(plan):
            rule = row.rule
            self.stdout.write("")
            self.stdout.write(f"{rule.name} [{rule.record_type}]{rule.tag}")
            for label, value in (("Covers", rule.covers), ("Data subjects", "; ".join(rule.data_subjects)),
                                 ("Categories", "; ".join(rule.categories)), ("Purposes", "; ".join(rule.purposes)),
                                 ("Lawful basis", rule.lawful_basis), ("Recipients", "; ".join(rule.recipients)),
                                 ("Regime", rule.regime), ("Retention", row.retention), ("Erasure", row.erasure)):
                self.stdout.write(f"  {label}: {value}")
