"""``candour audit verify``: recompute every hash chain and name the first broken link."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from candour.audit.services import audit_verify


class Command(BaseCommand):
    help = "Audit trail tools. 'verify' recomputes the hash chains and names the first broken link."

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="subcommand", required=True)
        verify = sub.add_parser("verify", help="Recompute the hash chains")
        verify.add_argument("--chain", action="append", help="Only this chain (repeatable)")

    def handle(self, *args: Any, **options: Any) -> None:
        reports = audit_verify(options.get("chain"))
        broken = [r for r in reports if r.first_break is not None]
        for report in reports:
            status = "OK" if report.first_break is None else f"BROKEN at {report.first_break}"
            self.stdout.write(f"{report.chain}: {report.events} events, {status}")
        if broken:
            raise CommandError(f"audit trail broken: {broken[0].first_break}")
        self.stdout.write(self.style.SUCCESS(f"audit trail intact: {len(reports)} chain(s)"))
