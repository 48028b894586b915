"""Benchmark the synthetic-data load on SQLite and PostgreSQL.

    uv run python bench/synth.py                       # MET-like force, 34,000 officers, 1 year
    uv run python bench/synth.py --officers 2000       # quick smoke run
    uv run python bench/synth.py --national --years 10 # the issue's national target (long)
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
    from candour.synth.services import MODELS, _table, synth_force_load

    call_command("migrate", verbosity=0)
    if args.national:
        specs = national_forces(settings.BASE_DIR)
    else:
        specs = [force_spec(base_dir=settings.BASE_DIR, code="MET", officers=args.officers)]
    rows = 0
    started = time.perf_counter()
    for spec in specs:
        rows += synth_force_load(spec=spec, seed=1, years=args.years, end_date=END).total_rows
    load_seconds = time.perf_counter() - started

    # Baseline: the same rows, pre-generated, raw-written into bare copies of the tables.
    pg = connection.vendor == "postgresql"
    with connection.cursor() as cursor:
        for key in TABLES:
            table = MODELS[key]._meta.db_table
            if pg:
                cursor.execute(f'CREATE UNLOGGED TABLE "raw_{table}" (LIKE "{table}")')
            else:
                cursor.execute(f'CREATE TABLE "raw_{table}" AS SELECT * FROM "{table}" WHERE 0')  # noqa: S608
    raw_seconds = 0.0
    raw_rows = 0
    for spec in specs:
        generator = ForceGenerator(spec=spec, seed=1, years=args.years, end_date=END,
                                   force_id=1, id_bases=dict.fromkeys(TABLES, 1))
        chunks = list(generator.rows())
        t0 = time.perf_counter()
        with transaction.atomic():
            for key, chunk in chunks:
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
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--officers", type=int, default=34_000)
    parser.add_argument("--years", type=int, default=1)
    parser.add_argument("--national", action="store_true")
    parser.add_argument("--backends", default="sqlite,postgres")
    parser.add_argument("--worker", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.worker:
        print(json.dumps(worker(args)))
        return 0
    results = []
    pg_base = os.environ.get("BENCH_PG_URL", "postgres://postgres@127.0.0.1:5432")
    for backend in args.backends.split(","):
        env = dict(os.environ, CANDOUR_ENV="dev")
        with tempfile.TemporaryDirectory() as tmp:
            if backend == "sqlite":
                env["DATABASE_URL"] = f"sqlite:///{tmp}/bench.sqlite3"
            else:
                for sql in ("DROP DATABASE IF EXISTS synth_bench", "CREATE DATABASE synth_bench"):
                    subprocess.run(["psql", f"{pg_base}/postgres", "-q", "-c", sql], check=True)
                env["DATABASE_URL"] = f"{pg_base}/synth_bench"
            cmd = [sys.executable, __file__, "--worker", "--years", str(args.years),
                   "--officers", str(args.officers)] + (["--national"] if args.national else [])
            out = subprocess.run(cmd, env=env, check=True, capture_output=True, text=True)
            result = json.loads(out.stdout.strip().splitlines()[-1])
            print(json.dumps(result))
            results.append(result)
    record = {"measured_on": date.today().isoformat(), "machine": platform.machine(),
              "cpus": os.cpu_count(), "python": platform.python_version(), "results": results}
    path = ROOT / "bench" / "results" / "synth.json"
    path.write_text(json.dumps(record, indent=2) + "\n")
    print(f"wrote {path}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
