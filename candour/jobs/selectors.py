"""What the worker has done and has to do: for the administrator's page and /healthz."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from django.conf import settings
from django.db.models import QuerySet
from django.utils import timezone
from django_tasks_db.compat import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from candour.domain.schedule import slot_next
from candour.jobs.models import JobRun, WorkerBeat
from candour.jobs.registry import JOBS, Job


@dataclass(frozen=True)
class JobStatus:
    job: Job
    last: JobRun | None
    next_at: datetime


@dataclass(frozen=True)
class FailedTask:
    id: str
    name: str
    finished_at: datetime | None
    error: str


def jobs_status(now: datetime | None = None) -> list[JobStatus]:
    now = timezone.localtime(now or timezone.now())
    rows = []
    for job in JOBS.values():
        last = JobRun.objects.filter(job=job.name).order_by("-slot").first()
        rows.append(JobStatus(job=job, last=last, next_at=slot_next(job.every, now)))
    return rows


def _alive(now: datetime | None = None) -> QuerySet[WorkerBeat]:
    cutoff = (now or timezone.now()) - timedelta(seconds=settings.CANDOUR_WORKER_STALE_SECONDS)
    return WorkerBeat.objects.filter(seen_at__gte=cutoff)


def workers_alive(now: datetime | None = None) -> list[WorkerBeat]:
    return list(_alive(now).order_by("started_at"))


def worker_alive(now: datetime | None = None) -> bool:
    """Whether any worker has been heard from lately (/healthz: one cheap query)."""
    return _alive(now).exists()


def queue_depth() -> dict[str, int]:
    """Tasks waiting and running."""
    return {"waiting": DBTaskResult.objects.ready().count(),
            "running": DBTaskResult.objects.filter(status=TaskResultStatus.RUNNING).count()}


def tasks_failed(limit: int = 50) -> list[FailedTask]:
    """The latest failed tasks, each with the last line of its error (no arguments: they may
    name people)."""
    rows = DBTaskResult.objects.failed().order_by("-finished_at")[:limit]
    return [FailedTask(id=str(r.id), name=r.task_path.rsplit(".", 1)[-1].replace("_", " "),
                       finished_at=r.finished_at,
                       error=(r.traceback.strip().splitlines() or [r.exception_class_path])[-1][:300])
            for r in rows]
