"""Benchmark the synthetic-data load on SQLite and PostgreSQL.

    uv run python bench/synth.py                       # MET-like force, 34,000 officers, 1 year
    uv run python bench/synth.py --officers 2000       # quick smoke run
    uv run python bench/synth.py --officers 2000 --results-dir /tmp/bench  # the same, writing /tmp/bench/synth.json
    uv run python bench/synth.py --national --years 10 # 43 forces, 10 years (PostgreSQL, ~10 min)
    uv run python bench/synth.py --national --years 1  # national smoke run
    uv run python bench/synth.py --backends postgres

For each backend a worker process migrates a scratch database (a temporary SQLite file;
PostgreSQL database ``synth_bench`` on ``BENCH_PG_URL``, default
``postgres://postgres@127.0.0.1:5432``), then:

1. times ``synth_force_load`` (generation + bulk insert + sequences + audit, one transaction
   per force), and
2. as the baseline, in the same run, generates the same rows again in memory (not timed) and
   times a raw write of exactly those rows into constraint-free, index-free copies of the
   tables (``COPY`` on PostgreSQL, ``executemany`` on SQLite).

Peak resident memory of the worker is reported too. Writes ``bench/results/synth.json``.

``--national`` loads all 43 forces the way ``candour synth --national`` does (``synth_load``:
in a fresh database, bulk mode, then ``VACUUM (ANALYZE)``), on PostgreSQL only unless
``--backends`` says otherwise, into database ``synth_bench_national``, which is dropped
afterwards. The baseline streams: each force's chunks are generated (not timed) and raw-written
(timed) one at a time, so its memory stays flat. Besides wall time it reports where the time
went (writing forces, rebuilding indexes and validating keys, statistics), CPU seconds of the
worker, of its generator processes and of its PostgreSQL backend (read from ``/proc``, so
only for a local server), peak memory of the worker before the baseline and of the largest
generator process, the database size, rows per table, the 1-minute load average before and
after (other work on the machine slows a run), and checks that every force's audit chain
verifies and its reference sequences match its cases. Writes
``bench/results/synth_national.json``.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench import harness, report  # noqa: E402

END = date(2025, 3, 31)


def worker(args: argparse.Namespace) -> dict[str, object]:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    import django  # lazy, as the imports below: settings must be set up first

    django.setup()
    from django.conf import settings
    from django.core.management import call_command
    from django.db import connection, transaction

    from candour.synth.forces import force_spec, national_forces
    from candour.synth.generate import TABLES, ForceGenerator
    from candour.synth.services import MODELS, _table, synth_force_load, synth_load

    call_command("migrate", verbosity=0)
    pg = connection.vendor == "postgresql"
    if args.national:
        specs = national_forces(settings.BASE_DIR)
    else:
        specs = [force_spec(base_dir=settings.BASE_DIR, code="MET", officers=args.officers)]
    extra: dict[str, object] = {}
    rows = 0
    started = harness.Timer()
    if args.national:
        backend_pid = None
        if pg:
            with connection.cursor() as cursor:
                cursor.execute("SELECT pg_backend_pid()")
                backend_pid = int(cursor.fetchone()[0])
        cpu0 = (harness.rusage_cpu_seconds(resource.RUSAGE_SELF), harness.rusage_cpu_seconds(resource.RUSAGE_CHILDREN),
                harness.proc_cpu_seconds(backend_pid))
        load0 = harness.load_average()
        summary = synth_load(specs=specs, seed=1, years=args.years, end_date=END, clocks=False)
        load_seconds = started.seconds
        rows = summary.total_rows
        server = harness.proc_cpu_seconds(backend_pid)
        extra = {
            "end_date": END.isoformat(),
            "bulk_mode": summary.bulk,
            "rows_by_table": summary.rows(),
            "write_seconds": round(load_seconds - summary.index_seconds
                                   - summary.statistics_seconds, 2),
            "index_and_keys_seconds": round(summary.index_seconds, 2),
            "statistics_seconds": round(summary.statistics_seconds, 2),
            "cpu_seconds": {
                "worker": round(harness.rusage_cpu_seconds(resource.RUSAGE_SELF) - cpu0[0], 1),
                "generator_processes": round(harness.rusage_cpu_seconds(resource.RUSAGE_CHILDREN) - cpu0[1], 1),
                "database_backend": None if server is None or cpu0[2] is None
                else round(server - cpu0[2], 1),
            },
            "load_peak_rss_mb": harness.peak_rss_mb(resource.RUSAGE_SELF),
            "generator_peak_rss_mb": harness.peak_rss_mb(resource.RUSAGE_CHILDREN),
            "loadavg_1min_before": round(load0, 2),
            "loadavg_1min_after": round(harness.load_average(), 2),
            **_checks(pg),
        }
    else:
        for spec in specs:
            rows += synth_force_load(spec=spec, seed=1, years=args.years,
                                     end_date=END).total_rows
        load_seconds = started.seconds

    # Baseline: the same rows, pre-generated, raw-written into bare copies of the tables.
    with connection.cursor() as cursor:
        for key in TABLES:
            table = MODELS[key]._meta.db_table
            if pg:
                cursor.execute(f'CREATE UNLOGGED TABLE "raw_{table}" (LIKE "{table}")')
            else:
                cursor.execute(f'CREATE TABLE "raw_{table}" AS SELECT * FROM "{table}" WHERE 0')  # noqa: S608
    raw_seconds = 0.0
    raw_rows = 0

    def raw_write(key: str, chunk: list[tuple[object, ...]]) -> None:
        spec_t = _table(key)
        cols = ", ".join(f'"{c}"' for c in spec_t.columns)
        data = chunk if not spec_t.defaults else [r + spec_t.defaults for r in chunk]
        if pg:
            with connection.cursor() as cursor, cursor.cursor.copy(
                    f'COPY "raw_{spec_t.name}" ({cols}) FROM STDIN') as copy:
                for row in data:
                    copy.write_row(row)
        else:
            marks = ", ".join("?" for _ in spec_t.columns)
            raw = connection.connection
            raw.executemany(f'INSERT INTO "raw_{spec_t.name}" ({cols}) VALUES ({marks})',  # noqa: S608
                            data)

    for spec in specs:
        generator = ForceGenerator(spec=spec, seed=1, years=args.years, end_date=END,
                                   force_id=1, id_bases=dict.fromkeys(TABLES, 1))
        if args.national:  # streamed: generate a chunk (not timed), write it (timed)
            with transaction.atomic():
                for key, chunk in generator.rows():
                    t0 = time.perf_counter()
                    raw_write(key, chunk)
                    raw_seconds += time.perf_counter() - t0
                    raw_rows += len(chunk)
                t0 = time.perf_counter()
            raw_seconds += time.perf_counter() - t0  # the commit
            continue
        chunks = list(generator.rows())
        t0 = time.perf_counter()
        with transaction.atomic():
            for key, chunk in chunks:
                raw_write(key, chunk)
                raw_rows += len(chunk)
        raw_seconds += time.perf_counter() - t0
        del chunks
    return {
        "backend": connection.vendor,
        "forces": len(specs),
        "officers": sum(s.officers for s in specs),
        "years": args.years,
        "rows": rows,
        "load_seconds": round(load_seconds, 2),
        "load_rows_per_second": round(rows / load_seconds),
        "raw_rows": raw_rows,
        "raw_seconds": round(raw_seconds, 2),
        "raw_rows_per_second": round(raw_rows / raw_seconds),
        "load_vs_raw": round(load_seconds / raw_seconds, 2),
        "peak_rss_mb": harness.peak_rss_mb(resource.RUSAGE_SELF),
        **extra,
    }


def _checks(pg: bool) -> dict[str, object]:
    """After a national load: size, audit chains, reference sequences against the cases."""
    from django.db import connection  # lazy: in the worker, after django.setup()

    from candour.audit.services import audit_verify
    from candour.cases.models import Case, ReferenceSequence

    out: dict[str, object] = {}
    if pg:
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_database_size(current_database())")
            out["database_mb"] = round(int(cursor.fetchone()[0]) / 2**20)
    reports = audit_verify()
    out["audit_chains_verified"] = sum(r.first_break is None for r in reports)
    out["audit_chains_broken"] = sum(r.first_break is not None for r in reports)
    highest: dict[tuple[int, int], int] = {}
    counted: dict[tuple[int, int], int] = {}
    for force_id, reference in Case.objects.values_list("force_id", "reference").iterator(
            chunk_size=50_000):
        _code, year, number = reference.rsplit("-", 2)
        key = (force_id, int(year))
        highest[key] = max(highest.get(key, 0), int(number))
        counted[key] = counted.get(key, 0) + 1
    sequences = {(f, y): n for f, y, n in ReferenceSequence.objects.values_list(
        "force_id", "year", "last_number")}
    out["reference_sequences_match"] = sequences == highest == counted
    return out


def figures(results: list[dict[str, object]]) -> report.Table:
    return report.Table(
        ("backend", "forces", "officers", "years", "rows", "load s", "load rows/s", "raw s", "raw rows/s",
         "load ÷ raw", "peak MB"),
        [(r["backend"], r["forces"], r["officers"], r["years"], r["rows"], r["load_seconds"],
          r["load_rows_per_second"], r["raw_seconds"], r["raw_rows_per_second"], r["load_vs_raw"],
          r["peak_rss_mb"]) for r in results])


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--officers", type=int, default=34_000)
    parser.add_argument("--years", type=int, default=1)
    parser.add_argument("--national", action="store_true")
    parser.add_argument("--backends", help="comma-separated: sqlite,postgres (default both; "
                                           "postgres with --national)")
    report.add_arguments(parser)
    parser.add_argument("--worker", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.worker:
        print(json.dumps(worker(args)))
        return 0
    backends = args.backends or ("postgres" if args.national else "sqlite,postgres")
    db = "synth_bench_national" if args.national else "synth_bench"
    results = []
    base = harness.pg_base()
    for backend in backends.split(","):
        env = dict(os.environ, CANDOUR_ENV="dev")
        with tempfile.TemporaryDirectory() as tmp:
            if backend == "sqlite":
                env["DATABASE_URL"] = f"sqlite:///{tmp}/bench.sqlite3"
            else:
                for sql in (f"DROP DATABASE IF EXISTS {db}", f"CREATE DATABASE {db}"):
                    harness.psql(base, sql)
                env["DATABASE_URL"] = f"{base}/{db}"
            cmd = [sys.executable, __file__, "--worker", "--years", str(args.years),
                   "--officers", str(args.officers)] + (["--national"] if args.national else [])
            result = harness.run_json(cmd, env=env, what=f"the {backend} worker")
            if backend != "sqlite" and args.national:  # ~5 GB: not kept
                harness.psql(base, f"DROP DATABASE IF EXISTS {db}")
            print(f"[{backend}] {result['rows']:,} rows loaded in {result['load_seconds']} s", flush=True)
            results.append(result)
    facts = harness.machine()
    record = {"measured_on": facts.measured_on, "machine": facts.arch, "cpus": facts.cpus, "python": facts.python,
              "results": results}
    report.publish("synth_national" if args.national else "synth", record, [figures(results)],
                   results_dir=args.results_dir)
    return 0


if __name__ == "__main__":
    sys.exit(main())
