"""Benchmark the synthetic-data load on SQLite and PostgreSQL.

    uv run python bench/synth.py                       # MET-like force, 34,000 officers, 1 year
    uv run python bench/synth.py --officers 2000       # quick smoke run
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
import platform
import resource
import subprocess
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
END = date(2025, 3, 31)


def _backend_cpu_seconds(pid: int | None) -> float | None:
    """CPU seconds of a local PostgreSQL backend, from /proc (None when unreadable)."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except (OSError, IndexError):
        return None
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def _cpu(who: int) -> float:
    usage = resource.getrusage(who)
    return usage.ru_utime + usage.ru_stime


def worker(args: argparse.Namespace) -> dict[str, object]:
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    import django

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
    started = time.perf_counter()
    if args.national:
        backend_pid = None
        if pg:
            with connection.cursor() as cursor:
                cursor.execute("SELECT pg_backend_pid()")
                backend_pid = int(cursor.fetchone()[0])
        cpu0 = (_cpu(resource.RUSAGE_SELF), _cpu(resource.RUSAGE_CHILDREN),
                _backend_cpu_seconds(backend_pid))
        load0 = os.getloadavg()[0]
        summary = synth_load(specs=specs, seed=1, years=args.years, end_date=END)
        load_seconds = time.perf_counter() - started
        rows = summary.total_rows
        server = _backend_cpu_seconds(backend_pid)
        extra = {
            "end_date": END.isoformat(),
            "bulk_mode": summary.bulk,
            "rows_by_table": summary.rows(),
            "write_seconds": round(load_seconds - summary.index_seconds
                                   - summary.statistics_seconds, 2),
            "index_and_keys_seconds": round(summary.index_seconds, 2),
            "statistics_seconds": round(summary.statistics_seconds, 2),
            "cpu_seconds": {
                "worker": round(_cpu(resource.RUSAGE_SELF) - cpu0[0], 1),
                "generator_processes": round(_cpu(resource.RUSAGE_CHILDREN) - cpu0[1], 1),
                "database_backend": None if server is None or cpu0[2] is None
                else round(server - cpu0[2], 1),
            },
            "load_peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024),
            "generator_peak_rss_mb": round(
                resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024),
            "loadavg_1min_before": round(load0, 2),
            "loadavg_1min_after": round(os.getloadavg()[0], 2),
            **_checks(pg),
        }
    else:
        for spec in specs:
            rows += synth_force_load(spec=spec, seed=1, years=args.years,
                                     end_date=END).total_rows
        load_seconds = time.perf_counter() - started

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
        "peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024),
        **extra,
    }


def _checks(pg: bool) -> dict[str, object]:
    """After a national load: size, audit chains, reference sequences against the cases."""
    from django.db import connection

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


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--officers", type=int, default=34_000)
    parser.add_argument("--years", type=int, default=1)
    parser.add_argument("--national", action="store_true")
    parser.add_argument("--backends", help="comma-separated: sqlite,postgres (default both; "
                                           "postgres with --national)")
    parser.add_argument("--worker", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.worker:
        print(json.dumps(worker(args)))
        return 0
    backends = args.backends or ("postgres" if args.national else "sqlite,postgres")
    db = "synth_bench_national" if args.national else "synth_bench"
    results = []
    pg_base = os.environ.get("BENCH_PG_URL", "postgres://postgres@127.0.0.1:5432")
    for backend in backends.split(","):
        env = dict(os.environ, CANDOUR_ENV="dev")
        with tempfile.TemporaryDirectory() as tmp:
            if backend == "sqlite":
                env["DATABASE_URL"] = f"sqlite:///{tmp}/bench.sqlite3"
            else:
                for sql in (f"DROP DATABASE IF EXISTS {db}", f"CREATE DATABASE {db}"):
                    subprocess.run(["psql", f"{pg_base}/postgres", "-q", "-c", sql], check=True)
                env["DATABASE_URL"] = f"{pg_base}/{db}"
            cmd = [sys.executable, __file__, "--worker", "--years", str(args.years),
                   "--officers", str(args.officers)] + (["--national"] if args.national else [])
            out = subprocess.run(cmd, env=env, check=True, capture_output=True, text=True)
            result = json.loads(out.stdout.strip().splitlines()[-1])
            if backend != "sqlite" and args.national:  # ~5 GB: not kept
                subprocess.run(["psql", f"{pg_base}/postgres", "-q", "-c",
                                f"DROP DATABASE IF EXISTS {db}"], check=True)
            print(json.dumps(result))
            results.append(result)
    record = {"measured_on": date.today().isoformat(), "machine": platform.machine(),
              "cpus": os.cpu_count(), "python": platform.python_version(), "results": results}
    name = "synth_national.json" if args.national else "synth.json"
    path = ROOT / "bench" / "results" / name
    path.write_text(json.dumps(record, indent=2) + "\n")
    print(f"wrote {path}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
