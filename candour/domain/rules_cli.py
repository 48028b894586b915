"""``candour rules``: the rules engine on the command line (shared/domain/rules-contract.md).

    candour rules deadline RULE DATE [--regime-date DATE]
    candour rules assess FACTS.json|- [--profile ID]
    candour rules list
    candour rules explain RULE
    candour rules profiles

Output is JSON on standard output. Bad input (unknown rule, impossible date, unknown fact key,
wrong vocabulary word, bad usage) prints one line on standard error and exits with status 2.
Django is never imported, and only the modules a sub-command needs are, so the command starts
fast enough for scripts.
"""

from __future__ import annotations

import json
import re
import sys
from typing import Any

from candour.domain.assess import assess
from candour.domain.calendar import CalendarRangeError
from candour.domain.config import load_config
from candour.domain.deadlines import SERVICE_METHODS, compute_deadline, deemed_service, rule_length
from candour.domain.facts import FactsError, parse_date, parse_facts
from candour.domain.profiles import PROFILES
from candour.domain.regimes import REGIMES_BY_ID
from candour.domain.rules import RULES, RULES_BY_ID

_TIME = re.compile(r"([01]\d|2[0-3]):[0-5]\d")

USAGE = (
    "usage: candour rules deadline RULE DATE [--regime-date DATE] | "
    "assess FACTS|- [--profile ID] | list | explain RULE | profiles"
)


class UsageError(Exception):
    """Bad input: reported on one line with exit status 2."""


def _print(obj: Any, *, compact: bool = False) -> None:
    text = json.dumps(obj, ensure_ascii=False, indent=None if compact else 2)
    sys.stdout.write(text + "\n")


def _options(args: list[str], known: tuple[str, ...]) -> tuple[list[str], dict[str, str]]:
    """Split positional arguments from ``--name VALUE`` / ``--name=VALUE`` options."""
    positional: list[str] = []
    options: dict[str, str] = {}
    i = 0
    while i < len(args):
        arg = args[i]
        if arg.startswith("--") and len(arg) > 2:
            name, eq, value = arg[2:].partition("=")
            if name not in known:
                raise UsageError(f"unknown option --{name}")
            if not eq:
                i += 1
                if i >= len(args):
                    raise UsageError(f"option --{name} needs a value")
                value = args[i]
            options[name] = value
        else:
            positional.append(arg)
        i += 1
    return positional, options


def _date(value: str, what: str) -> Any:
    try:
        return parse_date(value, what)
    except FactsError as error:
        raise UsageError(str(error)) from None


def _deadline(args: list[str]) -> int:
    positional, options = _options(args, ("regime-date", "served-by", "served-at"))
    if len(positional) != 2:
        raise UsageError("usage: candour rules deadline RULE DATE [--regime-date DATE] "
                         "[--served-by hand|post|email [--served-at HH:MM]]")
    rule_id, raw = positional
    if rule_id not in RULES_BY_ID:
        raise UsageError(f"unknown rule {rule_id!r} (see `candour rules list`)")
    start = _date(raw, "DATE")
    regime = _date(options["regime-date"], "--regime-date") if "regime-date" in options else None
    method, sent_at = options.get("served-by"), options.get("served-at")
    if method is not None and method not in SERVICE_METHODS:
        raise UsageError(f"--served-by must be one of {', '.join(SERVICE_METHODS)}")
    if sent_at is not None and (method is None or not _TIME.fullmatch(sent_at)):
        raise UsageError("--served-at needs --served-by and a time as HH:MM")
    try:
        served = None
        if method is not None:
            served = deemed_service(start, method, sent_at)
        deadline = compute_deadline(rule_id, served[0] if served else start, regime or start)
    except CalendarRangeError as error:
        raise UsageError(str(error)) from None
    out = deadline.to_json()
    if served is not None:
        out["from"] = start.isoformat()
        out["deemed_served"] = served[0].isoformat()
        out["explanation"] = f"{served[1]}; {deadline.explanation}"
        out["confirmed"] = deadline.confirmed and method == "hand"
    _print(out, compact=True)
    return 0


def _read_facts(source: str) -> Any:
    try:
        if source == "-":
            text = sys.stdin.read()
        else:
            with open(source, encoding="utf-8") as handle:
                text = handle.read()
    except OSError as error:
        raise UsageError(f"cannot read facts {source}: {error.strerror}") from None
    try:
        return json.loads(text)
    except ValueError as error:
        raise UsageError(f"facts are not valid JSON: {error}") from None


def _assess(args: list[str]) -> int:
    positional, options = _options(args, ("profile",))
    if len(positional) != 1:
        raise UsageError("usage: candour rules assess FACTS|- [--profile ID]")
    profile = options.get("profile")
    if profile is not None and profile not in PROFILES:
        raise UsageError(f"unknown profile {profile!r} (one of {', '.join(sorted(PROFILES))})")
    try:
        facts = parse_facts(_read_facts(positional[0]))
        result = assess(facts, profile)
    except (FactsError, CalendarRangeError) as error:
        raise UsageError(str(error)) from None
    _print(result.to_json())
    return 0


def _rule_summary(rule: Any, config: Any) -> dict[str, Any]:
    return {
        "rule": rule.id,
        "length": rule_length(rule, config),
        "unit": rule.unit.value,
        "basis": rule.basis,
        "confirmed": rule.confirmed,
        "confidence": rule.confidence,
        "title": rule.title,
    }


def _list(args: list[str]) -> int:
    if args:
        raise UsageError("usage: candour rules list")
    config = load_config()
    _print([_rule_summary(rule, config) for rule in RULES])
    return 0


def _explain(args: list[str]) -> int:
    if len(args) != 1:
        raise UsageError("usage: candour rules explain RULE")
    rule = RULES_BY_ID.get(args[0])
    if rule is None:
        raise UsageError(f"unknown rule {args[0]!r} (see `candour rules list`)")
    config = load_config()
    out = _rule_summary(rule, config)
    out.update({
        "from": rule.trigger,
        "method": rule.method.value,
        "text": rule.text,
        "sources": list(rule.sources),
        "regulations_md": rule.section,
        "versions": [
            {"from": change.since, "regime": REGIMES_BY_ID[change.since].title,
             "length": rule_length(rule, config), "unit": rule.unit.value,
             "basis": rule.basis_for(REGIMES_BY_ID[change.since]), "note": change.note}
            for change in rule.history
        ],
    })
    _print(out)
    return 0


def _profiles(args: list[str]) -> int:
    if args:
        raise UsageError("usage: candour rules profiles")

    _print([{"id": key, "title": spec["title"], "source": spec["source"]}
            for key, spec in sorted(PROFILES.items())])
    return 0


COMMANDS = {
    "deadline": _deadline,
    "assess": _assess,
    "list": _list,
    "explain": _explain,
    "profiles": _profiles,
}


def main(argv: list[str]) -> int:
    """Run ``candour rules ARGV…``; returns the exit status (0, or 2 on bad input)."""
    if not argv:
        sys.stderr.write(f"candour rules: {USAGE}\n")
        return 2
    if argv[0] in ("-h", "--help", "help"):
        sys.stdout.write(USAGE + "\n")
        return 0
    command = COMMANDS.get(argv[0])
    try:
        if command is None:
            raise UsageError(f"unknown command {argv[0]!r}; {USAGE}")
        return command(argv[1:])
    except UsageError as error:
        message = " ".join(str(error).split())
        sys.stderr.write(f"candour rules: {message}\n")
        return 2
    except ValueError as error:  # configuration errors and the like: still one line
        sys.stderr.write(f"candour rules: {' '.join(str(error).split())}\n")
        return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
