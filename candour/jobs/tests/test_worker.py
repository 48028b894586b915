"""A real worker process (`candour worker`) on this run's database engine: jobs queued, the
worker killed with SIGKILL in the middle of one, a new worker started: every task completes
exactly once, and each periodic job runs once for its slot (issue 17)."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
import uuid
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

import pytest
from django.conf import settings

ROOT = Path(__file__).resolve().parents[3]
pytestmark = pytest.mark.timeout(240)


def _env(database_url: str, tmp: Path) -> dict[str, str]:
    return {"PATH": "/usr/local/bin:/usr/bin:/bin", "HOME": str(tmp), "CANDOUR_ENV": "dev", "CANDOUR_DOTENV": "",
            "DATABASE_URL": database_url, "CANDOUR_WORKER_STALE_SECONDS": "5",
            "CANDOUR_AUDIT_CHECKPOINT_DIR": str(tmp / "checkpoints"), "CANDOUR_BACKUP_DIR": str(tmp / "backups"),
            "PYTHONUNBUFFERED": "1"}


@pytest.fixture
def database_url(tmp_path: Path) -> Iterator[str]:
    """An empty database of this run's engine, outside the test database."""
    if settings.DATABASES["default"]["ENGINE"].endswith("sqlite3"):
        yield f"sqlite:///{tmp_path / 'worker.sqlite3'}"
        return
    import psycopg

    db = settings.DATABASES["default"]
    name = f"candour_worker_{uuid.uuid4().hex[:10]}"
    dsn = f"host={db['HOST'] or '127.0.0.1'} port={db['PORT'] or 5432} user={db['USER']} dbname=postgres"
    with psycopg.connect(dsn, autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    try:
        yield f"postgres://{db['USER']}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{name}"
    finally:
        with psycopg.connect(dsn, autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def _manage(env: dict[str, str], *args: str, timeout: int = 300) -> str:
    done = subprocess.run([sys.executable, "manage.py", *args], cwd=ROOT, env=env, capture_output=True,
                          text=True, timeout=timeout)
    assert done.returncode == 0, done.stderr[-3000:]
    return done.stdout


def _worker(env: dict[str, str], name: str, out: Path) -> subprocess.Popen[bytes]:
    return subprocess.Popen([sys.executable, "manage.py", "worker", "--tick", "0.5", "--interval", "0.1",
                             "--worker-id", name], cwd=ROOT, env=env, stdout=out.open("ab"),
                            stderr=subprocess.STDOUT)


def _wait_for(what: str, check: object, seconds: float = 90) -> None:
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        if check():  # type: ignore[operator]
            return
        time.sleep(0.2)
    raise AssertionError(f"timed out waiting for {what}")


def test_a_killed_worker_loses_no_job_and_runs_none_twice(tmp_path: Path, database_url: str) -> None:
    env = _env(database_url, tmp_path)
    _manage(env, "migrate", "-v0")
    log = tmp_path / "steps.log"
    log.touch()
    _manage(env, "shell", "-c", "from candour.jobs.tests.worker_tasks import slow_step\n"
                                f"for n in range(4): slow_step.enqueue(n, {str(log)!r}, 1.5)")
    out = tmp_path / "worker.out"
    first = _worker(env, "first", out)
    try:
        _wait_for("the first worker to be half-way through task 1", lambda: "start 1" in log.read_text())
    finally:
        first.send_signal(signal.SIGKILL)
        first.wait(10)
    assert "done 1" not in log.read_text()

    second = _worker(env, "second", out)
    try:
        _wait_for("every task to finish", lambda: sum(1 for line in log.read_text().splitlines()
                                                       if line.startswith("done")) >= 4)
        report = _manage(env, "shell", "-c", (
            "import time\nfrom django_tasks_db.models import DBTaskResult\nfrom candour.jobs.models import JobRun\n"
            "for _ in range(300):\n"
            "    runs = list(JobRun.objects.order_by('job'))\n"
            "    if len(runs) == 8 and all(r.state == 'succeeded' for r in runs): break\n"
            "    time.sleep(0.2)\n"
            "print('runs', sorted((r.job, r.state, r.attempts) for r in runs))\n"
            "print('tasks', sorted(DBTaskResult.objects.values_list('status', flat=True)))"))
    finally:
        second.send_signal(signal.SIGTERM)
        second.wait(30)
    done = Counter(line for line in log.read_text().splitlines() if line.startswith("done"))
    assert done == Counter({f"done {n}": 1 for n in range(4)}), log.read_text()
    assert "('audit-checkpoint', 'succeeded', 1), ('backup', 'succeeded', 1), ('clocks', 'succeeded', 1), " \
           "('digest', 'succeeded', 1), ('lapse', 'succeeded', 1), ('purge', 'succeeded', 1), " \
           "('reminders', 'succeeded', 1), ('retention', 'succeeded', 1)" \
           in report, (report, out.read_text()[-3000:])
    assert "tasks " + str(["SUCCESSFUL"] * 12) in report, report
    assert second.returncode == 0, out.read_text()[-3000:]
    assert os.path.getsize(out) > 0
