"""The task a worker runs for one slot of a periodic job (django-tasks, database backend)."""

from __future__ import annotations

from io import StringIO

from django.core.management import call_command
from django_tasks import task

from candour.jobs.registry import JOBS
from candour.jobs.services import job_run_failed, job_run_started, job_run_succeeded

#: How much of a job's printed output is kept on its run.
OUTPUT_KEPT = 4000


@task()
def job_run(run_id: int) -> str:
    """Run the periodic job of JobRun ``run_id``; a run that already succeeded is not run again
    (the task may be put back in the queue after its worker was killed)."""
    run = job_run_started(run_id)
    if run is None:
        return "already done"
    job = JOBS[run.job]
    out = StringIO()
    try:
        call_command(*job.command, stdout=out, stderr=out)
    except BaseException as exc:
        job_run_failed(run_id, error=f"{type(exc).__name__}: {exc}", output=out.getvalue()[-OUTPUT_KEPT:])
        raise
    job_run_succeeded(run_id, output=out.getvalue()[-OUTPUT_KEPT:])
    return "succeeded"
