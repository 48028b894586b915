"""``candour audit``: ``verify`` recomputes every hash chain and names the first broken link,
checked against the latest signed checkpoint; ``checkpoint`` writes a new one; ``harden`` gives
the audit tables to their own owner role on PostgreSQL (docs/security.md)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import connection

from candour.audit.services import (
    CheckpointInvalid,
    audit_checkpoint_latest,
    audit_checkpoint_load,
    audit_checkpoint_take,
    audit_harden,
    audit_verify,
)


class Command(BaseCommand):
    help = ("Audit trail tools. 'verify' recomputes the hash chains and names the first broken link; "
            "'checkpoint' writes the signed heads of the chains; 'harden' separates the tables' owner.")

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="subcommand", required=True)
        verify = sub.add_parser("verify", help="Recompute the hash chains")
        verify.add_argument("--chain", action="append", help="Only this chain (repeatable)")
        verify.add_argument("--checkpoint", type=Path,
                            help="Check against this checkpoint file (default: the latest in "
                                 "CANDOUR_AUDIT_CHECKPOINT_DIR)")
        verify.add_argument("--no-checkpoint", action="store_true", help="Check the chains alone")
        checkpoint = sub.add_parser("checkpoint", help="Write the signed heads of every chain")
        checkpoint.add_argument("--dir", type=Path, help="Where (default CANDOUR_AUDIT_CHECKPOINT_DIR)")
        harden = sub.add_parser("harden", help="PostgreSQL: give the audit tables to an owner role; the "
                                               "application's role may then only insert and read them")
        harden.add_argument("--app-role", required=True, help="The role the application connects as")
        harden.add_argument("--owner-role", default="candour_audit_owner", help="The tables' new owner")

    def handle(self, *args: Any, **options: Any) -> None:
        if options["subcommand"] == "checkpoint":
            path = audit_checkpoint_take(directory=options.get("dir"))
            self.stdout.write(self.style.SUCCESS(f"checkpoint written: {path}"))
            return
        if options["subcommand"] == "harden":
            if connection.vendor != "postgresql":
                raise CommandError("harden is for PostgreSQL; on SQLite the triggers and the file's "
                                   "permissions are the protection (docs/security.md)")
            audit_harden(app_role=options["app_role"], owner_role=options["owner_role"])
            self.stdout.write(self.style.SUCCESS(
                f"audit tables owned by {options['owner_role']}; {options['app_role']} may insert and read"))
            return
        try:
            checkpoint = (None if options["no_checkpoint"] else
                          audit_checkpoint_load(options["checkpoint"]) if options.get("checkpoint") else
                          audit_checkpoint_latest())
        except CheckpointInvalid as exc:
            raise CommandError(f"audit checkpoint refused: {exc}") from exc
        reports = audit_verify(options.get("chain"), checkpoint=checkpoint)
        broken = [r for r in reports if r.first_break is not None]
        for report in reports:
            status = "OK" if report.first_break is None else f"BROKEN at {report.first_break}"
            self.stdout.write(f"{report.chain}: {report.events} events, {status}")
        if broken:
            raise CommandError(f"audit trail broken: {broken[0].first_break}")
        against = f", checked against {checkpoint.label()}" if checkpoint else ", no checkpoint yet"
        self.stdout.write(self.style.SUCCESS(f"audit trail intact: {len(reports)} chain(s){against}"))
