"""Every periodic job, declared once: its name, schedule and the command it runs.

Each job is an idempotent management command of the app whose data it changes (ADR 0009);
the worker runs it for the latest slot that has passed (``candour.domain.schedule``).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import time

from candour.domain.schedule import Daily, Every, EveryMinutes


@dataclass(frozen=True)
class Job:
    name: str
    every: Every
    command: tuple[str, ...]
    what: str

    def describe(self) -> str:
        return self.every.describe()


JOBS: dict[str, Job] = {job.name: job for job in (
    Job("clocks", Daily(time(1, 0)), ("casework", "clocks"),
        "Recompute each open case's next due date and what is due"),
    Job("reminders", Daily(time(6, 0)), ("notifications", "reminders"),
        "Remind owners of clocks due soon or today, and escalate overdue ones to their supervisor"),
    Job("digest", Daily(time(7, 0)), ("notifications", "digest"),
        "Email the daily digest of notifications to staff who chose it"),
    Job("lapse", Daily(time(1, 30)), ("vetting", "lapse"),
        "Mark the clearances of people who have left as lapsed"),
    Job("purge", EveryMinutes(60), ("intake", "purge"),
        "Remove abandoned portal uploads, expired rate-limit counters and tracking codes"),
    Job("retention", Daily(time(2, 0)), ("privacy", "retention"),
        "Anonymise the records that have passed their retention period"),
    Job("audit-checkpoint", Daily(time(3, 0)), ("audit", "checkpoint"),
        "Write a signed checkpoint of the head of every audit chain"),
    Job("backup", Daily(time(4, 0)), ("backup",),
        "Back up the database, evidence files and audit checkpoints, keeping the newest CANDOUR_BACKUP_KEEP"),
)}
