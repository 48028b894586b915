"""``candour screen import CANDIDATES --force CODE --user USERNAME --name NAME [--threshold P]``:
import a ``candour screen`` candidates file (Parquet or CSV) as a screening run for the force's
match-review queue. ``candour screen import`` is routed here (``candour screening import`` too).

The importing user must be a vetting or counter-corruption officer of the force: the import is
audited as theirs. Bad input (no such file, a missing column, an unknown force or user, a role
that may not import) prints one line and exits with status 2, importing nothing.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management.base import BaseCommand, CommandError, CommandParser

from candour.accounts.models import Force, User
from candour.screening.services import DEFAULT_THRESHOLD, screening_run_import


class Command(BaseCommand):
    help = "Screening: `import` a candour screen candidates file into the match-review queue."

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="action", required=True)
        imp = sub.add_parser("import", help="import a candidates file as a screening run")
        imp.add_argument("candidates", type=Path, help="candidates file written by candour screen (.parquet or .csv)")
        imp.add_argument("--force", dest="force_code", required=True, help="the force's code")
        imp.add_argument("--user", dest="username", required=True,
                         help="the vetting or counter-corruption officer importing it")
        imp.add_argument("--name", default="", help="what was screened, e.g. 'Intelligence extract 2025-11'")
        imp.add_argument("--threshold", type=float, default=DEFAULT_THRESHOLD,
                         help="lowest match probability imported (default %(default)s)")

    def handle(self, *args: Any, **options: Any) -> None:
        force = Force.objects.filter(code=options["force_code"]).first()
        if force is None:
            raise CommandError(f"no force with code {options['force_code']!r}", returncode=2)
        user = User.objects.filter(username=options["username"], is_active=True).first()
        if user is None:
            raise CommandError(f"no active user {options['username']!r}", returncode=2)
        path: Path = options["candidates"]
        try:
            run = screening_run_import(force=force, path=path, name=options["name"] or path.name, user=user,
                                       threshold=options["threshold"])
        except ValidationError as error:
            raise CommandError("; ".join(error.messages), returncode=2) from error
        except PermissionDenied as error:
            raise CommandError(str(error), returncode=2) from error
        self.stdout.write(json.dumps({"run": str(run.uuid), "force": force.code, "rows": run.rows_read,
                                      "candidates": run.candidates_imported, "threshold": run.threshold}))
