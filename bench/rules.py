"""Benchmark the rules engine: cold start of the command, and bulk clock recomputation.

    uv run python bench/rules.py            # full run (1.5 million allegations)
    uv run python bench/rules.py --quick    # 100,000 allegations, 5 repeats (smoke test)
    uv run python bench/rules.py --quick --results-dir /tmp/bench  # the same, writing /tmp/bench/rules.json

(a) Cold start: ``candour rules deadline notice-response 2023-05-19`` against a bare
    ``python -c pass``, interleaved in the same run, medians of N repeats each.
    Target: under 0.4 s more than bare Python.
(b) Throughput: every clock in ``candour.domain.rules.RULES`` recomputed (due date as a
    ``datetime.date``) for 1.5 million synthetic allegations, in process on one core, through
    :func:`candour.domain.deadlines.clock_table`. Target: under 60 s. A sample is checked
    against :func:`candour.domain.deadlines.compute_deadline` first.

Writes ``bench/results/rules.json`` and the ``## Rules engine`` section of
``docs/performance.md`` (not with ``--quick`` or ``--no-write``; with ``--results-dir`` only the
JSON, there).
"""

from __future__ import annotations

import argparse
import bisect
import os
import random
import sys
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench import harness, report  # noqa: E402
from candour.domain.deadlines import clock_table, compute_deadline  # noqa: E402
from candour.domain.regimes import REGIMES, regime_for  # noqa: E402
from candour.domain.rules import RULES  # noqa: E402

COMMAND = ["rules", "deadline", "notice-response", "2023-05-19"]
TARGET_OVERHEAD_S = 0.4
TARGET_RECOMPUTE_S = 60


def cold_start(repeats: int) -> dict[str, object]:
    env = {k: v for k, v in os.environ.items() if k != "CANDOUR_RULES_CONFIG"}
    command = harness.candour_command(*COMMAND)
    medians = harness.interleaved_medians({"bare": [sys.executable, "-c", "pass"], "command": command}, repeats,
                                          env=env)
    bare_median, command_median = medians["bare"], medians["command"]
    return {
        "command": " ".join(["candour", *COMMAND]),
        "invoked_as": " ".join(Path(a).name if i == 0 else a for i, a in enumerate(command)),
        "repeats": repeats,
        "bare_python_median_s": round(bare_median, 4),
        "command_median_s": round(command_median, 4),
        "overhead_s": round(command_median - bare_median, 4),
        "target_overhead_s": TARGET_OVERHEAD_S,
        "passes": command_median - bare_median < TARGET_OVERHEAD_S,
    }


def synthetic(n: int, seed: int = 20240507) -> tuple[list[int], list[int]]:
    """Per allegation: the ordinal it came to attention (2020-2029) and a step (0-29 days)."""
    rng = random.Random(seed)
    first, last = date(2020, 1, 1).toordinal(), date(2029, 12, 31).toordinal()
    received = [rng.randint(first, last) for _ in range(n)]
    steps = [rng.randrange(30) for _ in range(n)]
    return received, steps


# Each clock's trigger, in days after the allegation came to attention (a plausible case path).
OFFSETS = {
    "notice-response": 14, "interview-alternative": 30, "referral-response": 200,
    "witness-lists": 220, "pre-hearing": 240, "meeting-appeal": 260, "pat-appeal": 260,
    "amh-response": 90, "amh-earliest": 90, "amh-latest": 90, "rprp-account": 60,
    "suspension-confirmation": 3, "suspension-review": 3, "complainant-update": 0,
    "complainant-outcome": 180, "review-application": 185, "learning-response": 300,
    "twelve-month-report": 0, "six-month-report": 365, "written-warning-expiry": 270,
    "final-warning-expiry": 270, "barred-review-conduct": 280, "barred-review-performance": 280,
    "college-report": 280, "iopc-referral": 1, "misconduct-meeting": 230, "outcome-report": 250,
    "papers-to-chair": 215, "super-complaint-acknowledgement": 2, "advisory-review": 280,
    "log-complaint": 0, "contact-complainant": 0,
}


def throughput(n: int) -> dict[str, object]:
    assert set(OFFSETS) == {r.id for r in RULES}, "every rule needs a bench offset"
    timer = harness.Timer()
    received, steps = synthetic(n)
    generated = timer.seconds

    starts = [r.starts.toordinal() for r in REGIMES]
    tables = {r.id: clock_table(r) for r in REGIMES}
    plans = {rid: [(OFFSETS[rule_id], fn) for rule_id, fn in table.items()]
             for rid, table in tables.items()}
    by_index = [plans[r.id] for r in REGIMES]

    # Correctness first: a sample through the explained public API must agree.
    rng = random.Random(1)
    for i in rng.sample(range(n), min(n, 2000)):
        came = date.fromordinal(received[i])
        for rule_id, offset in OFFSETS.items():
            trigger = date.fromordinal(received[i] + offset + steps[i])
            expected = compute_deadline(rule_id, trigger, came).due
            fn = tables[regime_for(came).id if came >= REGIMES[0].starts else REGIMES[0].id]
            assert date.fromordinal(fn[rule_id](trigger.toordinal())) == expected

    fromordinal = date.fromordinal
    timer = harness.Timer()
    computed = 0
    checksum = 0
    for i in range(n):
        came_ordinal = received[i]
        index = bisect.bisect_right(starts, came_ordinal) - 1
        plan = by_index[index if index >= 0 else 0]
        base = came_ordinal + steps[i]
        dues = [fromordinal(fn(base + offset)) for offset, fn in plan]
        computed += len(dues)
        checksum ^= dues[-1].toordinal()
    elapsed = timer.seconds
    return {
        "allegations": n,
        "clocks_per_allegation": len(OFFSETS),
        "clocks_computed": computed,
        "generate_s": round(generated, 2),
        "recompute_s": round(elapsed, 2),
        "per_clock_ns": round(elapsed / computed * 1e9, 1),
        "allegations_per_s": round(n / elapsed),
        "target_s": TARGET_RECOMPUTE_S,
        "passes": elapsed < TARGET_RECOMPUTE_S,
        "checksum": checksum,
    }


def performance_section(result: dict[str, object]) -> str:
    cold = result["cold_start"]
    bulk = result["throughput"]
    assert isinstance(cold, dict) and isinstance(bulk, dict)
    return "\n".join([
        "## Rules engine",
        "",
        f"Measured by `uv run python bench/rules.py` on {result['measured_on']} "
        f"({result['machine']}, Python {result['python']}); raw figures in "
        "`bench/results/rules.json`.",
        "",
        "| Measure | Result | Target |",
        "|---|---|---|",
        f"| Cold start of `{cold['command']}` (median of {cold['repeats']}) | "
        f"{cold['command_median_s']:.3f} s | |",
        f"| Bare `python -c pass` in the same run (median of {cold['repeats']}) | "
        f"{cold['bare_python_median_s']:.3f} s | |",
        f"| Command overhead over bare Python | **{cold['overhead_s']:.3f} s** | < 0.4 s |",
        f"| Recompute every clock ({bulk['clocks_per_allegation']} rules) for "
        f"{bulk['allegations']:,} synthetic allegations, one core | "
        f"**{bulk['recompute_s']:.1f} s** ({bulk['clocks_computed']:,} due dates, "
        f"{bulk['per_clock_ns']:.0f} ns each) | < 60 s |",
        "",
        "How: the `candour rules` command imports no Django and reads bank holidays from a "
        "committed JSON file rather than importing `holidays`. Working-day arithmetic uses two "
        "precomputed tables (working days before each day; the list of working days), so every "
        "clock is O(1); bulk callers use `candour.domain.deadlines.clock_table()`, which skips "
        "building explanations. A sample of 2,000 allegations is checked against "
        "`compute_deadline()` before timing.",
        "",
    ])


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="100,000 allegations, 5 repeats")
    parser.add_argument("--allegations", type=int, default=None)
    parser.add_argument("--repeats", type=int, default=None)
    parser.add_argument("--no-write", action="store_true", help="print only")
    report.add_arguments(parser)
    args = parser.parse_args()
    n = args.allegations or (100_000 if args.quick else 1_500_000)
    repeats = args.repeats or (5 if args.quick else 15)

    cold = cold_start(repeats)
    bulk = throughput(n)
    facts = harness.machine()
    result: dict[str, object] = {
        "measured_on": facts.measured_on,
        "machine": facts.describe(),
        "python": facts.python,
        "cold_start": cold,
        "throughput": bulk,
    }
    figures = report.Table(("measure", "result", "target", "verdict"), [
        (f"cold start: bare python (median of {repeats})", f"{cold['bare_python_median_s']:.3f} s", "", None),
        (f"cold start: {cold['command']}", f"{cold['command_median_s']:.3f} s", "", None),
        ("command overhead", f"{cold['overhead_s']:.3f} s", f"< {TARGET_OVERHEAD_S} s", cold["passes"]),
        (f"throughput: {bulk['clocks_computed']:,} clocks for {n:,} allegations", f"{bulk['recompute_s']:.2f} s",
         f"< {TARGET_RECOMPUTE_S} s", bulk["passes"]),
        ("ns per clock", f"{bulk['per_clock_ns']:.0f}", "", None),
        ("generation", f"{bulk['generate_s']:.2f} s", "", None),
    ])
    report.publish("rules", result, [figures], quick=args.quick, no_write=args.no_write,
                   results_dir=args.results_dir, section=performance_section)
    return 0 if cold["passes"] and bulk["passes"] else 1


if __name__ == "__main__":
    sys.exit(main())
