"""Run every command the README shows, exactly as written, each in a new shell.

    .venv/bin/python scripts/check_readme.py [--readme README.md]

Run it from the checkout's root after ``make demo`` (``make setup`` is enough for all but the
data the commands read). Each command runs in ``bash -c`` with a clean environment (only
``PATH``, ``HOME`` and, if set, ``DATABASE_URL`` and ``CANDOUR_AUDIT_CHECKPOINT_DIR``, which say
which database to check), as a newcomer's new shell would:

- a ``.venv/bin/candour …`` command with nothing to fill in runs as written and must exit 0;
- one with a placeholder (``…``, ``<…>`` or an upper-case word such as ``WORKFORCE``) runs
  with ``--help`` after the words before the first placeholder (that the sub-command exists);
- a ``make TARGET`` must name a target that ``make -n`` can plan (``make demo`` and
  ``make test`` serve and test for minutes; CI and the fresh-clone check run them whole);
- an ``export PATH=…`` line runs, then ``uv --version`` in the same shell must succeed.

Prints one line per command and exits 1 if any failed.
"""

from __future__ import annotations

import argparse
import os
import re
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CODE_SPAN = re.compile(r"`([^`\n]+)`")
PLACEHOLDER = re.compile(r"^(…|<.*|[A-Z][A-Z0-9_.]+)$")
PREFIXES = (".venv/bin/candour ", "make ", "export PATH=")


@dataclass(frozen=True)
class Check:
    shown: str  # the command as the README shows it
    run: str  # what is run for it


def readme_commands(text: str) -> list[str]:
    seen: list[str] = []
    for line in text.splitlines():
        stripped = line.strip()
        if stripped.startswith("make ") and "#" in stripped:  # the fenced set-up block
            candidates = [stripped.split("#", 1)[0].strip()]
        else:
            candidates = CODE_SPAN.findall(line)
        for command in candidates:
            if command.startswith(PREFIXES) and command not in seen:
                seen.append(command)
    return seen


def check_for(command: str) -> Check:
    if command.startswith("make "):
        targets = command.split()[1:]
        return Check(command, " ".join(["make", "-n", *[t for t in targets if t != "/"]]) + " >/dev/null")
    if command.startswith("export PATH="):
        return Check(command, f"{command} && uv --version")
    words = command.split()
    for index, word in enumerate(words):
        if PLACEHOLDER.match(word):
            return Check(command, " ".join([*words[:index], "--help"]) + " >/dev/null")
    return Check(command, command)


def new_shell_env() -> dict[str, str]:
    env = {"PATH": "/usr/local/bin:/usr/bin:/bin", "HOME": os.environ.get("HOME", str(Path.home())), "LANG": "C.UTF-8"}
    for name in ("DATABASE_URL", "CANDOUR_AUDIT_CHECKPOINT_DIR"):
        if os.environ.get(name):
            env[name] = os.environ[name]
    return env


def run(check: Check, cwd: Path) -> tuple[bool, str]:
    done = subprocess.run(["bash", "-c", check.run], cwd=cwd, env=new_shell_env(),
                          capture_output=True, text=True, timeout=600)
    output = (done.stderr or done.stdout).strip().splitlines()
    return done.returncode == 0, (output[-1] if output else "")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--readme", type=Path, default=ROOT / "README.md")
    args = parser.parse_args(argv)
    commands = readme_commands(args.readme.read_text(encoding="utf-8"))
    failed = 0
    for command in commands:
        check = check_for(command)
        ok, last = run(check, args.readme.resolve().parent)
        failed += not ok
        shown = check.shown if check.run == check.shown else f"{check.shown}  [ran: {check.run}]"
        print(f"{'ok  ' if ok else 'FAIL'} {shown}" + ("" if ok else f"\n     {last}"))
    print(f"{len(commands) - failed} of {len(commands)} README commands work from a new shell")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
