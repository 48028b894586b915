"""Benchmark the rules engine: cold start of the command, and bulk clock recomputation.

    uv run python bench/rules.py            # full run (1.5 million allegations)
    uv run python bench/rules.py --quick    # 100,000 allegations, 5 repeats (smoke test)

(a) Cold start: ``candour rules deadline notice-response 2023-05-19`` against a bare
    ``python -c pass``, interleaved in the same run, medians of N repeats each.
    Target: under 0.4 s more than bare Python.
(b) Throughput: every clock in ``candour.domain.rules.RULES`` recomputed (due date as a
    ``datetime.date``) for 1.5 million synthetic allegations, in process on one core, through
    :func:`candour.domain.deadlines.clock_table`. Target: under 60 s. A sample is checked
    against :func:`candour.domain.deadlines.compute_deadline` first.

Writes ``bench/results/rules.json`` and the ``## Rules engine`` section of
``docs/performance.md``.
"""

from __future__ import annotations

import argparse
import bisect
import json
import os
import platform
import random
import shutil
import statistics
import subprocess
import sys
import time
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from candour.domain.deadlines import clock_table, compute_deadline  # noqa: E402
from candour.domain.regimes import REGIMES, regime_for  # noqa: E402
from candour.domain.rules import RULES  # noqa: E402

RESULTS = ROOT / "bench" / "results" / "rules.json"
PERFORMANCE = ROOT / "docs" / "performance.md"
COMMAND = ["rules", "deadline", "notice-response", "2023-05-19"]


def _command() -> list[str]:
    script = Path(sys.executable).with_name("candour")
    if script.exists():
        return [str(script), *COMMAND]
    found = shutil.which("candour")
    if found:
        return [found, *COMMAND]
    return [sys.executable, "-c", "import sys; from candour.cli import main; sys.exit(main())",
            *COMMAND]


def cold_start(repeats: int) -> dict[str, object]:
    env = {k: v for k, v in os.environ.items() if k != "CANDOUR_RULES_CONFIG"}
    bare = [sys.executable, "-c", "pass"]
    command = _command()
    timings: dict[str, list[float]] = {"bare": [], "command": []}
    for _ in range(repeats):
        for name, argv in (("bare", bare), ("command", command)):
            start = time.perf_counter()
            done = subprocess.run(argv, capture_output=True, cwd=ROOT, env=env, check=False)
            timings[name].append(time.perf_counter() - start)
            if done.returncode != 0:
                raise SystemExit(f"{argv} failed: {done.stderr.decode()}")
    bare_median = statistics.median(timings["bare"])
    command_median = statistics.median(timings["command"])
    return {
        "command": " ".join(["candour", *COMMAND]),
        "invoked_as": " ".join(Path(a).name if i == 0 else a for i, a in enumerate(command)),
        "repeats": repeats,
        "bare_python_median_s": round(bare_median, 4),
        "command_median_s": round(command_median, 4),
        "overhead_s": round(command_median - bare_median, 4),
        "target_overhead_s": 0.4,
        "passes": command_median - bare_median < 0.4,
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
}


def throughput(n: int) -> dict[str, object]:
    assert set(OFFSETS) == {r.id for r in RULES}, "every rule needs a bench offset"
    t0 = time.perf_counter()
    received, steps = synthetic(n)
    generated = time.perf_counter() - t0

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
    t0 = time.perf_counter()
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
    elapsed = time.perf_counter() - t0
    return {
        "allegations": n,
        "clocks_per_allegation": len(OFFSETS),
        "clocks_computed": computed,
        "generate_s": round(generated, 2),
        "recompute_s": round(elapsed, 2),
        "per_clock_ns": round(elapsed / computed * 1e9, 1),
        "allegations_per_s": round(n / elapsed),
        "target_s": 60,
        "passes": elapsed < 60,
        "checksum": checksum,
    }


def write_performance(result: dict[str, object]) -> None:
    cold = result["cold_start"]
    bulk = result["throughput"]
    assert isinstance(cold, dict) and isinstance(bulk, dict)
    section = "\n".join([
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
    text = PERFORMANCE.read_text(encoding="utf-8") if PERFORMANCE.exists() else \
        "# Performance\n\nMeasured figures for Candour; each section names its command.\n\n"
    start = text.find("## Rules engine")
    if start == -1:
        text = text.rstrip("\n") + "\n\n" + section
    else:
        end = text.find("\n## ", start + 1)
        text = text[:start] + section + (text[end + 1:] if end != -1 else "")
    PERFORMANCE.write_text(text, encoding="utf-8")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="100,000 allegations, 5 repeats")
    parser.add_argument("--allegations", type=int, default=None)
    parser.add_argument("--repeats", type=int, default=None)
    parser.add_argument("--no-write", action="store_true", help="print only")
    args = parser.parse_args()
    n = args.allegations or (100_000 if args.quick else 1_500_000)
    repeats = args.repeats or (5 if args.quick else 15)

    cold = cold_start(repeats)
    print(f"cold start: bare python {cold['bare_python_median_s']:.3f} s, "
          f"command {cold['command_median_s']:.3f} s, overhead {cold['overhead_s']:.3f} s "
          f"(target < 0.4 s) {'PASS' if cold['passes'] else 'FAIL'}")
    bulk = throughput(n)
    print(f"throughput: {bulk['clocks_computed']:,} clocks for {n:,} allegations in "
          f"{bulk['recompute_s']:.2f} s ({bulk['per_clock_ns']:.0f} ns per clock; "
          f"generation {bulk['generate_s']:.2f} s) (target < 60 s) "
          f"{'PASS' if bulk['passes'] else 'FAIL'}")
    result: dict[str, object] = {
        "measured_on": date.fromtimestamp(time.time()).isoformat(),
        "machine": f"{platform.machine()}, {os.cpu_count()} CPUs",
        "python": platform.python_version(),
        "cold_start": cold,
        "throughput": bulk,
    }
    if not args.no_write and not args.quick:
        RESULTS.parent.mkdir(parents=True, exist_ok=True)
        RESULTS.write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
        write_performance(result)
        print(f"wrote {RESULTS.relative_to(ROOT)} and {PERFORMANCE.relative_to(ROOT)}")
    return 0 if cold["passes"] and bulk["passes"] else 1


if __name__ == "__main__":
    sys.exit(main())
