"""The daily reminder pass over every open case's cached next-due date (``Case.next_due_on``).

Set-based: three range queries on the indexed cache, never a loop over all cases. For each case
whose nearest clock is

* due within the next ``CANDOUR_REMINDER_WORKING_DAYS`` working days: a reminder ("before") to
  the owner of the step;
* due today (or on the non-working days before the next working day): a reminder ("due") to the
  owner;
* overdue (due in the last ``ESCALATION_LOOKBACK_DAYS`` days): an escalation to the owner's
  supervisor.

The owner is the case's investigator; with none appointed (recording, handling and contact
decisions are the appropriate authority's), the force's assessors. The supervisor is the line
manager of the investigator's officer record (``people.Officer.line_manager``) when that person
uses the service; otherwise the force's decision makers (the appropriate authority). On a
restricted case only people on its access list are told (docs/security.md). Working days skip
weekends and the bank holidays of ``candour.domain.calendar``. The pass sends nothing on a
non-working day; the next working day's pass covers what fell due meanwhile.

Each notification's event key names the case, the clock, its due date and the stage, and a
notification is inserted only once per recipient and key (``notifications_record``): the pass
may run any number of times, or crash and run again, without telling anyone twice.
"""

from __future__ import annotations

import hashlib
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, timedelta

from django.conf import settings
from django.urls import reverse

from candour.accounts.models import User
from candour.cases.models import OPEN_STATES, Case, CaseAccess
from candour.domain.access import Role
from candour.domain.calendar import WorkingCalendar, default_calendar
from candour.notifications.models import Kind
from candour.notifications.services import NewNotification, notifications_record

ESCALATION_LOOKBACK_DAYS = 60
CHUNK = 2000


@dataclass(frozen=True)
class Windows:
    before: tuple[date, date]  # inclusive
    due: tuple[date, date]
    overdue: tuple[date, date]


@dataclass
class PassResult:
    today: date
    considered: int = 0
    inserted: int = 0
    skipped_non_working_day: bool = False


def windows(today: date, working_days: int, calendar: WorkingCalendar) -> Windows:
    """The due dates each stage covers when the pass runs on ``today`` (a working day)."""
    next_working = calendar.nth_working_day_after(today, 1)
    horizon = calendar.nth_working_day_after(today, working_days + 1) - timedelta(days=1)
    return Windows(before=(next_working, horizon), due=(today, next_working - timedelta(days=1)),
                   overdue=(today - timedelta(days=ESCALATION_LOOKBACK_DAYS), today - timedelta(days=1)))


def _clock_name(what: str) -> str:
    """The clock without the person it names ("Officer's response to the Regulation 17 notice")."""
    return (what.split(":", 1)[0].strip() or "A statutory deadline")[:150]


def _subject(reference: str, what: str, due: date, stage: str, today: date) -> str:
    clock = _clock_name(what)
    day = f"{due:%A} {due.day} {due:%B %Y}"
    if stage == "overdue":
        return f"Overdue: {reference}: {clock} was due on {day}"
    if due == today:
        return f"Due today: {reference}: {clock}"
    return f"Due {day}: {reference}: {clock}"


def _key(case_id: int, what: str, due: date, stage: str) -> str:
    clock = hashlib.sha256(what.encode()).hexdigest()[:12]
    return f"case:{case_id}:{clock}:{due.isoformat()}:{stage}"


class _Directory:
    """The force's assessors and decision makers, read once per pass."""

    def __init__(self) -> None:
        self.by_role: dict[tuple[int, str], list[int]] = defaultdict(list)
        for uid, force_id, roles in User.objects.filter(is_active=True, force__isnull=False).values_list(
                "id", "force_id", "roles").iterator(chunk_size=CHUNK):
            for role in roles or ():
                self.by_role[(force_id, role)].append(uid)

    def holders(self, force_id: int, role: Role) -> list[int]:
        return self.by_role.get((force_id, role.value), [])


def _access(case_ids: list[int]) -> dict[int, set[int]]:
    allowed: dict[int, set[int]] = defaultdict(set)
    for case_id, user_id in CaseAccess.objects.filter(case_id__in=case_ids, revoked_at__isnull=True).values_list(
            "case_id", "user_id"):
        allowed[case_id].add(user_id)
    return allowed


def _rows(today: date, stage: str, first: date, last: date, directory: _Directory,
          result: PassResult) -> Iterator[NewNotification]:
    cases = (Case.objects.filter(state__in=OPEN_STATES, next_due_on__gte=first, next_due_on__lte=last)
             .order_by().values_list("id", "reference", "force_id", "next_due_on", "next_due_what", "investigator_id",
                                     "investigator__officer__line_manager__user__id", "restriction"))
    chunk: list[tuple] = []

    def emit(chunk: list[tuple]) -> Iterator[NewNotification]:
        restricted = [row[0] for row in chunk if row[7]]
        allowed = _access(restricted) if restricted else {}
        for case_id, reference, force_id, due, what, investigator, supervisor, restriction in chunk:
            result.considered += 1
            if stage == "overdue":
                recipients = [supervisor] if supervisor else directory.holders(force_id, Role.DECISION_MAKER)
                kind = Kind.ESCALATION
            else:
                recipients = [investigator] if investigator else directory.holders(force_id, Role.ASSESSOR)
                kind = Kind.REMINDER_BEFORE if stage == "before" else Kind.REMINDER_DUE
            if restriction:
                recipients = [r for r in recipients if r in allowed.get(case_id, set()) or r == investigator]
            subject = _subject(reference, what, due, stage, today)
            link = reverse("web:case_detail", args=[reference])
            key = _key(case_id, what, due, stage)
            for recipient in dict.fromkeys(recipients):
                yield NewNotification(recipient_id=recipient, kind=kind, subject=subject, about=reference, link=link,
                                      event_key=key, due_on=due)

    for row in cases.iterator(chunk_size=CHUNK):
        chunk.append(row)
        if len(chunk) >= CHUNK:
            yield from emit(chunk)
            chunk = []
    yield from emit(chunk)


def reminders_pass(today: date, working_days: int | None = None,
                   calendar: WorkingCalendar | None = None) -> PassResult:
    """Record every reminder and escalation due on ``today`` that has not been recorded yet."""
    calendar = calendar or default_calendar()
    days = working_days if working_days is not None else settings.CANDOUR_REMINDER_WORKING_DAYS
    result = PassResult(today=today)
    if not calendar.is_working_day(today):
        result.skipped_non_working_day = True
        return result
    w = windows(today, days, calendar)
    directory = _Directory()
    for stage, (first, last) in (("before", w.before), ("due", w.due), ("overdue", w.overdue)):
        if first <= last:
            result.inserted += notifications_record(_rows(today, stage, first, last, directory, result))
    return result
