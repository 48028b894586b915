"""What the worker ran on its own, and which workers are alive.

A ``JobRun`` is one slot of a periodic job: made when a worker claims the slot (the unique
constraint on job and slot is the claim, so two workers never run the same slot), then
marked running, succeeded or failed by the task that runs it. A ``WorkerBeat`` is a worker's
heartbeat: a task left running by a worker whose heartbeat has gone stale was killed with it,
and is put back in the queue.
"""

from __future__ import annotations

from django.db import models


class JobRun(models.Model):
    class State(models.TextChoices):
        QUEUED = "queued", "Queued"
        RUNNING = "running", "Running"
        SUCCEEDED = "succeeded", "Succeeded"
        FAILED = "failed", "Failed"

    job = models.CharField(max_length=40)
    slot = models.DateTimeField(help_text="The scheduled instant this run is for")
    state = models.CharField(max_length=12, choices=State.choices, default=State.QUEUED)
    task_id = models.CharField(max_length=64, blank=True, help_text="The django-tasks result that runs it")
    queued_at = models.DateTimeField(auto_now_add=True)
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    attempts = models.PositiveIntegerField(default=0)
    output = models.TextField(blank=True, help_text="The last lines the job printed")
    error = models.TextField(blank=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["job", "slot"], name="jobrun_one_per_slot")]
        indexes = [models.Index(fields=["job", "-slot"], name="jobrun_latest")]

    def __str__(self) -> str:
        return f"{self.job} for {self.slot:%Y-%m-%d %H:%M} ({self.state})"


class WorkerBeat(models.Model):
    worker_id = models.CharField(max_length=64, primary_key=True)
    host = models.CharField(max_length=255, blank=True)
    pid = models.PositiveIntegerField(null=True)
    started_at = models.DateTimeField()
    seen_at = models.DateTimeField()

    def __str__(self) -> str:
        return f"worker {self.worker_id} (pid {self.pid})"
