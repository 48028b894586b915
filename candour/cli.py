"""The ``candour`` console command.

``candour rules …`` answers from the pure-Python rules engine and ``candour screen …`` links
the workforce against an extract (Splink on DuckDB); neither loads Django, so they start fast
enough for scripts. ``candour screen import`` (the match-review queue's import) does load
Django. Every other sub-command is a Django management command (``candour synth``,
``candour audit verify``, ``candour migrate`` …).
"""

from __future__ import annotations

import os
import sys


def main(argv: list[str] | None = None) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    if args and args[0] == "rules":
        from candour.domain.rules_cli import main as rules_main  # lazy: `candour rules` starts without Django

        return rules_main(args[1:])
    if args[:2] == ["screen", "import"]:
        args = ["screening", *args[1:]]  # the match-review import needs Django (docs/screening.md)
    elif args and args[0] == "screen":
        from candour.screening.cli import main as screen_main  # lazy: `candour screen` starts without Django

        return screen_main(args[1:])
    return run_django(["candour", *args])


def run_django(argv: list[str]) -> int:
    """Run a Django management command; a missing or malformed setting is one line, exit 2."""
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    from django.core.management import execute_from_command_line  # lazy: after the two Django-free commands
    from django.db import DatabaseError  # lazy: as above

    from config.env import ConfigurationError  # lazy: as above

    try:
        execute_from_command_line(argv)
    except ConfigurationError as exc:
        print(f"{argv[0]}: {exc} (for a development checkout run `make setup`, which writes .env; "
              "every setting is in docs/settings.md)", file=sys.stderr)
        return 2
    except DatabaseError as exc:
        print(f"{argv[0]}: the database refused: {exc} (has it been migrated? `make migrate`)",
              file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
