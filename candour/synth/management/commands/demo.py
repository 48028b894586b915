"""``candour demo``: make sure a synthetic force is loaded and one demo user per role exists,
then print the sign-in details. Safe to run again: nothing is duplicated."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone

from candour.accounts import second_factor, services
from candour.accounts.models import Force, User
from candour.audit.services import Actor
from candour.cases.services import case_clocks_refresh
from candour.domain.access import Role
from candour.synth.demo_casework import DemoUsers, demo_casework_load
from candour.synth.demo_integrity import demo_integrity_load
from candour.synth.demo_reports import demo_reports_load

DEMO_PASSWORD = "candour-demo-2026"


class Command(BaseCommand):
    help = "Load the synthetic demo force (if absent) and create one demo user per role."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--officers", type=int, help="Serving officers of the demo force (default: its "
                                                          "built-in size); a smaller force loads faster")
        parser.add_argument("--years", type=int, help="Years of synthetic history (default 3)")
        parser.add_argument("--code", action="store_true",
                            help="Only print the current second-factor code of the demo users (demo-only key)")

    def handle(self, *args: Any, **options: Any) -> None:
        if settings.CANDOUR_ENV == "production":
            raise CommandError("The demo users have a published password: refusing in production")
        if options.get("code"):
            self.stdout.write(f"Code for the demo users' authenticator app, for the next few seconds: "
                              f"{second_factor.demo_code()}")
            return
        if not Force.objects.exists():
            self.stdout.write("Loading the synthetic demo force…")
            size = [f"--{k}={options[k]}" for k in ("officers", "years") if options.get(k)]
            call_command("synth", "--demo", "--no-clocks", *size, stdout=self.stdout)  # computed below
        force = Force.objects.order_by("id").first()
        assert force is not None
        actor = Actor.system("demo")
        rows = []
        for role in Role:
            username = f"demo-{role.value.replace('_', '-')}"
            user = User.objects.filter(username=username).first()
            if user is None:
                user = services.user_create(
                    username=username, password=DEMO_PASSWORD, force=force, roles=[role],
                    actor=actor, display_name=f"Demo {role.label.split(' (')[0].lower()}",
                    is_staff=role is Role.ADMINISTRATOR)
            if second_factor.required_for(user):
                second_factor.second_factor_demo_enrol(user=user)
            rows.append((role.label + (" *" if second_factor.required_for(user) else ""), username))
        handler = User.objects.filter(username="demo-call-handler").first()
        added = demo_reports_load(force=force, call_handler=handler,
                                  colleague=User.objects.filter(username="demo-analyst").first())
        if added:
            self.stdout.write(f"Added {added} new reports to the triage queue.")
        integrity_added = demo_integrity_load(
            force=force, assessor=User.objects.filter(username="demo-assessor").first(),
            vetting_officer=User.objects.filter(username="demo-vetting-officer").first())
        if integrity_added:
            self.stdout.write(f"Added {integrity_added} suspensions, restricted duties and convictions.")
        casework = demo_casework_load(force=force, users=DemoUsers.of(force))
        if casework.total:
            listed = ", ".join(f"{n} {what}" for what, n in casework.counts.items())
            self.stdout.write(f"Added live work: {listed}.")
        if casework.skipped:
            self.stdout.write(self.style.WARNING(f"Left out part of the live work: {casework.skipped}."))
        # The bulk load writes no cached clocks: compute them now, as `candour casework clocks` would.
        case_clocks_refresh(today=timezone.localdate(), force_codes=[force.code])
        width = max(len(label) for label, _ in rows)
        self.stdout.write("")
        self.stdout.write(self.style.SUCCESS(f"Candour demo: {force.name} ({force.code})"))
        self.stdout.write("Open http://127.0.0.1:8000 and sign in as any of these users:")
        for label, username in rows:
            self.stdout.write(f"  {label.ljust(width)}  {username}")
        self.stdout.write(f"Every demo user's password is: {DEMO_PASSWORD}")
        key = " ".join(second_factor.DEMO_KEY_BASE32[i:i + 4] for i in range(0, len(second_factor.DEMO_KEY_BASE32), 4))
        self.stdout.write("* These roles also need a code from an authenticator app (the second factor). The demo "
                          f"users share one DEMO-ONLY key, {key}: add it to an app as a time-based key, or run "
                          "`candour demo --code` for the current code.")
        self.stdout.write("The public reporting portal (no sign-in): http://127.0.0.1:8000/report/ "
                          "(Welsh: /cy/report/)")
        self.stdout.write("")
