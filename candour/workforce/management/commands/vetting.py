"""``candour vetting lapse [--force CODE]``: mark lapsed on leaving every valid clearance of a
person who has left service (Police (Vetting) Regulations 2025 reg 6). Idempotent; run nightly."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandParser
from django.utils import timezone

from candour.accounts.models import Force
from candour.audit.services import Actor
from candour.workforce.vetting import vetting_clearances_lapse_leavers


class Command(BaseCommand):
    help = "Vetting jobs: `lapse` ends the clearances of people who have left (SI 2025/502 reg 6)."

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="action", required=True)
        lapse = sub.add_parser("lapse", help="mark clearances of leavers lapsed on leaving")
        lapse.add_argument("--force", dest="force_code", help="only this force (its code)")

    def handle(self, *args: Any, **options: Any) -> None:
        forces = Force.objects.all()
        if options.get("force_code"):
            forces = forces.filter(code=options["force_code"])
        today = timezone.localdate()
        actor = Actor.system("candour vetting lapse")
        total = sum(vetting_clearances_lapse_leavers(force_id=force.pk, actor=actor, today=today) for force in forces)
        self.stdout.write(f"{total} clearance(s) lapsed on leaving.")
