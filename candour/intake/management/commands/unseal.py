"""``candour unseal``: the custodian's procedure for a sealed reporter's identity (docs/security.md).

    candour unseal keygen --out custodian.key          # a new key pair: the private key to a file
    candour unseal request NSC-RAB3-CD4E --user NAME --reason "Court order ..."
    candour unseal approve 7f3c… --user OTHER           # a second person
    candour unseal open 7f3c… --private-key custodian.key --custodian "J Smith, ICO ref ..."
    candour unseal rotate --old-private-key old.key --new-public-key KEY --new-key-id 2

``request`` and ``approve`` ask for the user's password (or read it from --password-file).
"""

from __future__ import annotations

import getpass
import json
import os
import uuid
from pathlib import Path
from typing import Any

from django.contrib.auth import authenticate
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management.base import BaseCommand, CommandError, CommandParser

from candour.accounts.models import User
from candour.intake.models import Report, UnsealRequest
from candour.intake.sealing import SealError, generate_keypair
from candour.intake.unsealing import sealed_identities_reseal, unseal_approve, unseal_open, unseal_request


def _read_key(path: Path) -> str:
    try:
        return path.read_text(encoding="utf-8").strip()
    except OSError as exc:
        raise CommandError(f"{path}: cannot be read ({exc.strerror})") from exc


class Command(BaseCommand):
    help = "Open a sealed reporter's identity (request, a second person's approval, open), make or rotate keys."

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="subcommand", required=True)
        keygen = sub.add_parser("keygen", help="Make a key pair: the private key to --out, the public key printed")
        keygen.add_argument("--out", type=Path, required=True)
        for name, what in (("request", "Ask to open a report's sealed reporter"),
                           ("approve", "Approve another person's request")):
            p = sub.add_parser(name, help=what)
            p.add_argument("target", help="the report reference" if name == "request" else "the request's id")
            p.add_argument("--user", required=True, help="your Candour user name")
            p.add_argument("--password-file", type=Path, help="read your password from this file, not a prompt")
            if name == "request":
                p.add_argument("--reason", required=True)
        opener = sub.add_parser("open", help="Open an approved request with the custodian's private key")
        opener.add_argument("target", help="the request's id")
        opener.add_argument("--private-key", type=Path, required=True)
        opener.add_argument("--custodian", required=True, help="who is opening it, for the audit trail")
        rotate = sub.add_parser("rotate", help="Seal every identity again under a new key pair")
        rotate.add_argument("--old-private-key", type=Path, required=True)
        rotate.add_argument("--new-public-key", required=True)
        rotate.add_argument("--new-key-id", required=True)
        rotate.add_argument("--custodian", required=True)

    def _user(self, options: dict[str, Any]) -> User:
        password = (_read_key(options["password_file"]) if options.get("password_file")
                    else getpass.getpass(f"Password for {options['user']}: "))
        user = authenticate(username=options["user"], password=password)
        if not isinstance(user, User):
            raise CommandError("Wrong user name or password (or the account is locked or inactive)")
        return user

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            self._handle(options)
        except (PermissionDenied, SealError) as exc:
            raise CommandError(str(exc)) from exc
        except ValidationError as exc:
            raise CommandError("; ".join(exc.messages)) from exc

    def _handle(self, options: dict[str, Any]) -> None:
        what = options["subcommand"]
        if what == "keygen":
            private, public = generate_keypair()
            out: Path = options["out"]
            if out.exists():
                raise CommandError(f"{out} exists: choose a new file (a private key is never overwritten)")
            fd = os.open(out, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
            with os.fdopen(fd, "w", encoding="utf-8") as handle:
                handle.write(private + "\n")
            self.stdout.write(f"private key written to {out} (keep it offline; it opens every sealed identity)")
            self.stdout.write(f"CANDOUR_SEALING_PUBLIC_KEY={public}")
            return
        if what == "request":
            report = Report.objects.filter(reference=options["target"].strip().upper()).first()
            if report is None:
                raise CommandError(f"No report {options['target']}")
            request = unseal_request(report=report, user=self._user(options), reason=options["reason"])
            self.stdout.write(f"request {request.uuid} made: a second person approves it with "
                              f"`candour unseal approve {request.uuid} --user NAME`")
            return
        if what == "rotate":
            count = sealed_identities_reseal(old_private_key=_read_key(options["old_private_key"]),
                                             new_public_key=options["new_public_key"],
                                             new_key_id=options["new_key_id"], custodian=options["custodian"])
            self.stdout.write(f"{count} sealed identities sealed again under key {options['new_key_id']}; "
                              "now set CANDOUR_SEALING_PUBLIC_KEY and CANDOUR_SEALING_KEY_ID to the new pair")
            return
        request_obj = UnsealRequest.objects.filter(uuid=options["target"]).first() \
            if _is_uuid(options["target"]) else None
        if request_obj is None:
            raise CommandError(f"No unseal request {options['target']}")
        if what == "approve":
            unseal_approve(request=request_obj, user=self._user(options))
            self.stdout.write(f"request {request_obj.uuid} approved: the custodian may open it")
            return
        identity = unseal_open(request=request_obj, private_key=_read_key(options["private_key"]),
                               custodian=options["custodian"])
        self.stdout.write(json.dumps(identity, indent=1, sort_keys=True))


def _is_uuid(text: str) -> bool:
    try:
        uuid.UUID(text)
    except ValueError:
        return False
    return True
