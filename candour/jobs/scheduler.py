"""One pass of the scheduler: queue each periodic job whose latest slot has no run yet."""

from __future__ import annotations

from datetime import datetime

from django.db import transaction
from django.utils import timezone

from candour.domain.schedule import slot_due
from candour.jobs.models import JobRun
from candour.jobs.registry import JOBS
from candour.jobs.services import job_run_claim, job_run_task_set
from candour.jobs.tasks import job_run


def schedule_tick(now: datetime | None = None) -> list[JobRun]:
    """Claim and queue every job that is due at ``now`` (default: the current time): at most
    one run per job and slot, whichever worker ticks first; a job missed while no worker ran
    is run once, for its latest slot."""
    now = timezone.localtime(now or timezone.now())
    queued = []
    for job in JOBS.values():
        last = JobRun.objects.filter(job=job.name).order_by("-slot").values_list("slot", flat=True).first()
        slot = slot_due(job.every, now, timezone.localtime(last) if last else None)
        if slot is None:
            continue
        with transaction.atomic():
            run = job_run_claim(job=job.name, slot=slot)
            if run is None:
                continue
            result = job_run.enqueue(run.pk)
            job_run_task_set(run, str(result.id))
        queued.append(run)
    return queued
