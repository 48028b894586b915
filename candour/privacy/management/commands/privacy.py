"""``candour privacy``: the data protection jobs and requests (docs/data-protection.md).

* ``retention [--dry-run] [--force CODE]``: anonymise, erase or delete what has passed its
  period under the retention schedule and print what was done, per record type. Idempotent:
  run it nightly (ADR 0009); a second run finds nothing more to do.
* ``schedule``: print the schedule and the record of processing it generates.
* ``export --email|--name|--number … --reference REF --user NAME --out FILE.zip``: a subject
  access export of everything the user's force holds about the person, other people's data
  marked for redaction.
* ``erase --email|--name|--number … --reference REF --user NAME [--dry-run]``: erase what the
  law allows, refuse the rest with the rule cited.

``export`` and ``erase`` are for a data protection officer: they ask for the user's password
(or read it from --password-file) and are audited under the request's reference.
"""

from __future__ import annotations

import getpass
from pathlib import Path
from typing import Any

from django.contrib.auth import authenticate
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone

from candour.accounts.models import Force, User
from candour.audit.services import Actor
from candour.domain.access import Action, can
from candour.domain.retention import processing_record
from candour.privacy.erasure import erasure_assess, erasure_carry_out
from candour.privacy.export import subject_access_export, subject_access_record
from candour.privacy.retention import retention_apply, schedule
from candour.privacy.subjects import SubjectQuery, subject_query


class Command(BaseCommand):
    help = "Data protection: `retention` applies the retention schedule; `schedule` prints it."

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="action", required=True)
        retention = sub.add_parser("retention", help="apply the retention schedule to what has passed its period")
        retention.add_argument("--dry-run", action="store_true", help="count what would be done; change nothing")
        retention.add_argument("--force", dest="force_code", help="only this force (its code)")
        sub.add_parser("schedule", help="print the retention schedule and the record of processing")
        for name, what in (("export", "a subject access export of everything held about one person"),
                           ("erase", "erase what the law allows about one person; refuse the rest with the rule")):
            p = sub.add_parser(name, help=what)
            who = p.add_mutually_exclusive_group(required=True)
            who.add_argument("--email", default="", help="a member of the public's email address")
            who.add_argument("--name", default="", help="a member of the public's full name, as they gave it")
            who.add_argument("--number", default="", help="an officer's warrant number or a staff number")
            p.add_argument("--reference", required=True, help="the force's reference for the request")
            p.add_argument("--user", required=True, help="your Candour user name (a data protection officer)")
            p.add_argument("--password-file", type=Path, help="read your password from this file, not a prompt")
            if name == "export":
                p.add_argument("--out", type=Path, required=True, help="the zip file to write (never over another)")
            else:
                p.add_argument("--dry-run", action="store_true", help="show the answers; erase nothing")

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            getattr(self, f"_{options['action']}")(options)
        except ValidationError as exc:
            raise CommandError("; ".join(exc.messages)) from exc

    def _query(self, options: dict[str, Any]) -> tuple[SubjectQuery, Actor]:
        path = options.get("password_file")
        try:
            password = path.read_text(encoding="utf-8").strip() if path else getpass.getpass(
                f"Password for {options['user']}: ")
        except OSError as exc:
            raise CommandError(f"{path}: cannot be read ({exc.strerror})") from exc
        user = authenticate(username=options["user"], password=password)
        if not isinstance(user, User):
            raise CommandError("Wrong user name or password (or the account is locked or inactive)")
        if user.force is None or not can(user.role_set(), Action.PRIVACY_MANAGE):
            raise CommandError("Only a data protection officer of a force may answer subject access and "
                               "erasure requests")
        query = subject_query(force=user.force, reference=options["reference"], email=options["email"],
                              name=options["name"], number=options["number"])
        return query, Actor.of(user)

    def _export(self, options: dict[str, Any]) -> None:
        out: Path = options["out"]
        if out.exists():
            raise CommandError(f"{out} exists already: choose a new file")
        query, actor = self._query(options)
        export, content = subject_access_export(query=query, actor=actor)
        try:
            with open(out, "xb") as handle:
                out.chmod(0o600)
                handle.write(content)
        except OSError as exc:
            raise CommandError(f"{out}: cannot be written ({exc.strerror})") from exc
        found = ", ".join(f"{n} {k.replace('_', ' ')}" for k, n in export.counts.items()) or "nothing"
        self.stdout.write(f"Wrote {out} for {query.reference}: {found}. Marked for redaction: "
                          f"{export.marked['redact']}; to check: {export.marked['check']}. Decide each before "
                          "anything is sent.")

    def _erase(self, options: dict[str, Any]) -> None:
        query, actor = self._query(options)
        today = timezone.localdate()
        if options["dry_run"]:
            plan = erasure_assess(query=query, today=today)
            subject_access_record(records=plan.records, actor=actor, exported=False)  # the look-up is audited
        else:
            plan = erasure_carry_out(query=query, actor=actor, today=today)
        if not plan.items:
            self.stdout.write(f"{query.reference}: nothing is held about this person in {query.force.name}.")
            return
        done = {id(i) for i in plan.done}
        for item in plan.items:
            answer = ("erased" if id(item) in done else "would be erased" if item.allowed and options["dry_run"]
                      else "allowed, nothing left to erase" if item.allowed else "REFUSED")
            self.stdout.write(f"{item.label}: {answer}. {item.reason}")
        if options["dry_run"]:
            self.stdout.write("Dry run: nothing was erased.")

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
