"""How a benchmark reports: its figures as tables on stdout, ``bench/results/NAME.json``, and its
section of ``docs/performance.md``.

Every benchmark ends with one call to :func:`publish`. The JSON file holds the benchmark's own
record (the keys each benchmark has always written) with ``command``, the command line that
produced it, in front. :func:`add_arguments` gives every benchmark ``--results-dir``.
"""

from __future__ import annotations

import argparse
import json
import re
import shlex
import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from bench.harness import ROOT

RESULTS_DIR = ROOT / "bench" / "results"
PERFORMANCE = ROOT / "docs" / "performance.md"
NUMBER = re.compile(r"[-+]?[\d,]*\.?\d+(e[-+]?\d+)?( ?(s|ms|MB|GB|%|×))?")


@dataclass(frozen=True)
class Table:
    columns: Sequence[str]
    rows: Sequence[Sequence[object]]
    title: str = ""


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--results-dir", type=Path, default=None, metavar="DIR",
                        help="write NAME.json into DIR instead of bench/results/, also with --quick; "
                             "docs/performance.md is then left alone")


def format_table(table: Table) -> str:
    """The table in aligned columns: numbers to the right, text to the left."""
    cells = [[str(c) for c in table.columns], *([_cell(c) for c in row] for row in table.rows)]
    widths = [max(len(row[i]) for row in cells if i < len(row)) for i in range(len(table.columns))]
    numeric = [all(NUMBER.fullmatch(row[i]) or not row[i] for row in cells[1:] if i < len(row))
               for i in range(len(table.columns))]
    lines = [table.title] if table.title else []
    for index, row in enumerate(cells):
        lines.append("  ".join(c.rjust(widths[i]) if numeric[i] else c.ljust(widths[i])
                               for i, c in enumerate(row)).rstrip())
        if index == 0:
            lines.append("  ".join("-" * w for w in widths))
    return "\n".join(lines)


def _cell(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "PASS" if value else "FAIL"
    if isinstance(value, int):
        return f"{value:,}"
    if isinstance(value, float):
        return f"{value:,.2f}"
    return str(value)


def command_line() -> str:
    """The command that is running, as it could be typed again in the repository."""
    script = Path(sys.argv[0]).resolve()
    shown = script.relative_to(ROOT) if script.is_relative_to(ROOT) else script
    return shlex.join(["python", str(shown), *sys.argv[1:]])


def replace_section(text: str, section: str) -> str:
    """Put ``section`` in place of the section of ``text`` with the same ``## `` heading (or at
    the end), keeping the old section's hand-written ``### Notes`` subsection."""
    section = section.rstrip("\n") + "\n"
    heading = section.split("\n", 1)[0]
    start = text.find(heading + "\n")
    if start == -1:
        return text.rstrip("\n") + "\n\n" + section
    end = text.find("\n## ", start + 1)
    old = text[start:end if end != -1 else len(text)]
    notes = old.find("### Notes")
    if notes != -1:
        section = section + "\n" + old[notes:].rstrip("\n") + "\n"
    return text[:start] + section + (text[end:] if end != -1 else "")


def write_docs(section: str) -> None:
    """Rewrite the benchmark's section of docs/performance.md."""
    text = PERFORMANCE.read_text(encoding="utf-8") if PERFORMANCE.exists() else \
        "# Performance\n\nMeasured figures for Candour; each section names its command.\n"
    PERFORMANCE.write_text(replace_section(text, section), encoding="utf-8")


def publish(name: str, record: dict[str, Any], tables: Sequence[Table], *, quick: bool = False,
            no_write: bool = False, results_dir: Path | None = None,
            section: Callable[[dict[str, Any]], str] | None = None) -> dict[str, Any]:
    """Print ``tables``, then write ``record`` with the command that produced it.

    With ``no_write`` nothing is written. With ``results_dir`` the record goes to
    ``results_dir/NAME.json`` and the docs are left alone. Otherwise, unless ``quick``, it goes
    to ``bench/results/NAME.json`` and ``section(record)`` replaces the benchmark's section of
    docs/performance.md. Returns the record as written."""
    for table in tables:
        print()
        print(format_table(table))
    written = {"command": command_line(), **record}
    if no_write or (quick and results_dir is None):
        return written
    path = (results_dir or RESULTS_DIR) / f"{name}.json"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(written, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    resolved = path.resolve()
    shown = resolved.relative_to(ROOT) if resolved.is_relative_to(ROOT) else resolved
    if results_dir is None and section is not None:
        write_docs(section(written))
        print(f"wrote {shown} and {PERFORMANCE.relative_to(ROOT)}")
    else:
        print(f"wrote {shown}")
    return written
