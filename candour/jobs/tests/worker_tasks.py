"""A slow task for the worker tests: it writes ``start n`` and, seconds later, ``done n`` to a log."""

from __future__ import annotations

import time

from django_tasks import task


@task()
def slow_step(n: int, log: str, seconds: float) -> int:
    with open(log, "a") as out:
        out.write(f"start {n}\n")
    time.sleep(seconds)
    with open(log, "a") as out:
        out.write(f"done {n}\n")
    return n
