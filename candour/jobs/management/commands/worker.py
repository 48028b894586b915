"""``candour worker``: run queued tasks and the periodic jobs' schedule (docs/operations.md).

One loop: every few seconds it records its heartbeat, puts back in the queue any task whose
worker died mid-run, and queues the periodic jobs that are due; in between it runs queued
tasks one at a time (django-tasks' database backend). Run one per machine or more: on
PostgreSQL each task and each job slot goes to exactly one worker. ``--batch`` runs what is
queued and due, then exits (for cron-style hosting and tests).
"""

from __future__ import annotations

import threading
import time
from datetime import timedelta
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandParser
from django.db import close_old_connections, connection
from django.db.utils import OperationalError
from django.utils import timezone
from django.utils.crypto import get_random_string
from django_tasks_db.management.commands.db_worker import Worker
from django_tasks_db.models import DBTaskResult
from django_tasks_db.utils import exclusive_transaction, is_locked_database_exception

from candour.jobs.scheduler import schedule_tick
from candour.jobs.services import tasks_orphaned_requeue, worker_beat, worker_gone


class CandourWorker(Worker):
    def __init__(self, *, tick_seconds: float, say: Any = print, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.say = say
        self.tick_seconds = tick_seconds
        self.started_at = timezone.now()
        self.beating = threading.Event()

    def tick(self) -> None:
        worker_beat(self.worker_id, started_at=self.started_at)
        tasks_orphaned_requeue(stale_after=timedelta(seconds=settings.CANDOUR_WORKER_STALE_SECONDS))
        for run in schedule_tick():
            self.say(f"queued {run.job} for {timezone.localtime(run.slot):%d %b %H:%M}")

    def _beat_while_running(self) -> None:
        """Beat from a thread while a long task runs, so the task is not taken for orphaned."""
        try:
            while not self.beating.wait(self.tick_seconds):
                worker_beat(self.worker_id, started_at=self.started_at)
        finally:
            connection.close()

    def claim(self) -> tuple[DBTaskResult | None, bool]:
        tasks = DBTaskResult.objects.ready().filter(backend_name=self.backend_name)
        with exclusive_transaction(tasks.db):
            try:
                task_result = tasks.get_locked()
                if task_result is not None:
                    task_result.claim(self.worker_id)
                return task_result, True
            except OperationalError as exc:
                if is_locked_database_exception(exc):
                    return None, False
                raise

    def run(self) -> None:
        last_tick = 0.0
        try:
            while self.running:
                close_old_connections()
                if time.monotonic() - last_tick >= self.tick_seconds:
                    self.tick()
                    last_tick = time.monotonic()
                task_result, retrieved = self.claim()
                if task_result is not None:
                    self.beating.clear()
                    beat = threading.Thread(target=self._beat_while_running, daemon=True)
                    beat.start()
                    try:
                        self.run_task(task_result)
                    finally:
                        self.beating.set()
                        beat.join()
                    task_result.refresh_from_db(fields=["status"])
                    self.say(f"ran {task_result.task_path} {task_result.args_kwargs.get('args', [])}: "
                             f"{task_result.status.lower()}")
                elif self.batch and retrieved:
                    return
                if self.max_tasks is not None and self._run_tasks >= self.max_tasks:
                    return
                if self.running and task_result is None:
                    time.sleep(self.interval)
        finally:
            close_old_connections()
            worker_gone(self.worker_id)


class Command(BaseCommand):
    help = "Run queued tasks and the periodic jobs (clock refresh, purge, lapse, audit checkpoint)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--batch", action="store_true",
                            help="queue the jobs that are due, run every queued task, then exit")
        parser.add_argument("--interval", type=float, default=1.0,
                            help="seconds to wait when the queue is empty (default 1)")
        parser.add_argument("--tick", type=float, default=10.0,
                            help="seconds between heartbeats and schedule checks (default 10)")
        parser.add_argument("--max-tasks", type=int, default=None, help="exit after this many tasks")
        parser.add_argument("--worker-id", default=None, help="unique name of this worker (default: random)")

    def _say(self, line: str) -> None:
        self.stdout.write(f"{timezone.localtime():%H:%M:%S} {line}")
        self.stdout.flush()

    def handle(self, *args: Any, **options: Any) -> None:
        if options["interval"] < 0 or options["tick"] <= 0:
            self.stderr.write("--interval must be 0 or more and --tick more than 0")
            raise SystemExit(2)
        worker = CandourWorker(
            queue_names=["*"], interval=options["interval"], batch=options["batch"], backend_name="default",
            startup_delay=False, max_tasks=options["max_tasks"],
            worker_id=(options["worker_id"] or get_random_string(24))[:64], excluded_queue_names=[],
            tick_seconds=options["tick"], say=self._say)
        self.stdout.write(f"Candour worker {worker.worker_id} started (database {connection.vendor})")
        self.stdout.flush()
        worker.configure_signals()
        worker.run()
