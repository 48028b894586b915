"""The reminder pass moved day by day through a case's clocks over Christmas and New Year 2026:
each reminder and escalation arrives once, to the right person, on the right working day."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.core import mail

from candour.accounts import services as account_services
from candour.accounts.models import User
from candour.audit.services import Actor
from candour.cases import services as case_services
from candour.cases.models import Case, CaseAccess
from candour.domain.access import Role
from candour.notifications.models import Notification, Preference, SentEmail
from candour.notifications.reminders import reminders_pass
from candour.notifications.services import notifications_email_digest, notifications_email_immediate, preference_set
from candour.people import services as people_services
from candour.people.models import Officer

SETUP = Actor.system("reminder test")
PASSWORD = "correct-horse-battery-staple-42"
REG17 = "Officer's response to the Regulation 17 notice: PC Sample"


def _user(force, name: str, roles: list[Role], officer: Officer | None = None) -> User:
    user = account_services.user_create(username=name, password=PASSWORD, force=force, roles=roles, actor=SETUP,
                                        email=f"{name}@example.com", display_name=name.title())
    if officer is not None:
        User.objects.filter(pk=user.pk).update(officer=officer)
    return user


@pytest.fixture
def world(db):
    force = account_services.force_create(code="RMD", name="Reminder Test Police", actor=SETUP)
    sergeant = people_services.officer_create(force=force, actor=SETUP, forenames="Sam", surname="Sergeant",
                                              warrant_number="300001", joined_on=date(2010, 1, 4), rank="sergeant")
    detective = people_services.officer_create(force=force, actor=SETUP, forenames="Dee", surname="Detective",
                                               warrant_number="300002", joined_on=date(2015, 1, 5))
    Officer.objects.filter(pk=detective.pk).update(line_manager=sergeant)
    investigator = _user(force, "investigator", [Role.INVESTIGATOR], detective)
    supervisor = _user(force, "supervisor", [Role.INVESTIGATOR], sergeant)
    assessor = _user(force, "assessor", [Role.ASSESSOR])
    decider = _user(force, "decider", [Role.DECISION_MAKER])
    bystander = _user(force, "bystander", [Role.INVESTIGATOR])
    owned = case_services.case_open(force=force, case_type="complaint", received_on=date(2026, 11, 2), actor=SETUP,
                                    summary="Synthetic complaint: rude at a stop.")
    unowned = case_services.case_open(force=force, case_type="conduct_matter", received_on=date(2026, 11, 3),
                                      actor=SETUP, summary="Synthetic conduct matter.")
    # The cached clocks the nightly refresh keeps: a Tuesday after the Christmas bank holidays, and
    # a Saturday after New Year's Day (a calendar-day clock).
    Case.objects.filter(pk=owned.pk).update(investigator=investigator, next_due_on=date(2026, 12, 29),
                                            next_due_what=REG17)
    Case.objects.filter(pk=unowned.pk).update(next_due_on=date(2027, 1, 2),
                                              next_due_what="Contact the complainant about handling")
    return {"force": force, "investigator": investigator, "supervisor": supervisor, "assessor": assessor,
            "decider": decider, "bystander": bystander, "owned": owned, "unowned": unowned}


def _walk(first: date, last: date) -> dict[tuple[str, str, str], list[date]]:
    """Run the pass every day (twice on each), noting the day each notification first appeared."""
    seen: dict[tuple[str, str, str], list[date]] = {}
    day = first
    while day <= last:
        before = set(Notification.objects.values_list("id", flat=True))
        reminders_pass(day, working_days=3)
        again = reminders_pass(day, working_days=3)
        assert again.inserted == 0, f"the second pass on {day} sent {again.inserted} more"
        for n in Notification.objects.exclude(id__in=before).select_related("recipient"):
            seen.setdefault((n.about, n.kind, n.recipient.username), []).append(day)
        day += timedelta(days=1)
    return seen


def test_each_reminder_arrives_once_on_the_right_working_day(world) -> None:
    seen = _walk(date(2026, 12, 1), date(2027, 1, 15))
    owned, unowned = world["owned"].reference, world["unowned"].reference
    assert seen == {
        # Tue 29 Dec: three working days before are Tue 22, Wed 23 and Thu 24 (25 and 28 are bank holidays).
        (owned, "reminder_before", "investigator"): [date(2026, 12, 22)],
        (owned, "reminder_due", "investigator"): [date(2026, 12, 29)],
        (owned, "escalation", "supervisor"): [date(2026, 12, 30)],
        # Sat 2 Jan: no investigator, so the force's assessors; New Year's Day is a bank holiday, so the
        # escalation (to the decision makers: no supervisor) waits for Monday 4 January.
        (unowned, "reminder_before", "assessor"): [date(2026, 12, 24)],
        (unowned, "reminder_due", "assessor"): [date(2026, 12, 31)],
        (unowned, "escalation", "decider"): [date(2027, 1, 4)],
    }
    escalation = Notification.objects.get(kind="escalation", recipient=world["supervisor"])
    assert escalation.subject == f"Overdue: {owned}: Officer's response to the Regulation 17 notice was due on " \
                                 "Tuesday 29 December 2026"
    assert "Sample" not in escalation.subject  # the clock, not the person it names
    assert escalation.link == f"/cases/{owned}/"


def test_a_new_clock_is_a_new_event_and_a_closed_case_is_quiet(world) -> None:
    _walk(date(2026, 12, 21), date(2026, 12, 22))
    assert Notification.objects.filter(about=world["owned"].reference).count() == 1
    # The response came in; the next clock is the 12-month report, due Friday 8 January.
    Case.objects.filter(pk=world["owned"].pk).update(next_due_on=date(2027, 1, 8), next_due_what="12-month report")
    Case.objects.filter(pk=world["unowned"].pk).update(state="closed", closed_on=date(2026, 12, 21))
    seen = _walk(date(2026, 12, 23), date(2027, 1, 12))
    assert seen == {
        (world["owned"].reference, "reminder_before", "investigator"): [date(2027, 1, 5)],
        (world["owned"].reference, "reminder_due", "investigator"): [date(2027, 1, 8)],
        (world["owned"].reference, "escalation", "supervisor"): [date(2027, 1, 11)],
    }


def test_a_restricted_case_tells_only_those_on_its_access_list(world) -> None:
    Case.objects.filter(pk=world["unowned"].pk).update(restriction="marked")
    other_assessor = _user(world["force"], "assessor2", [Role.ASSESSOR])
    CaseAccess.objects.create(case=world["unowned"], user=other_assessor, reason="Synthetic: needs to know",
                              granted_at=world["unowned"].created_at)
    _walk(date(2026, 12, 24), date(2026, 12, 24))
    recipients = set(Notification.objects.filter(about=world["unowned"].reference)
                     .values_list("recipient__username", flat=True))
    assert recipients == {"assessor2"}


def test_emails_go_once_immediately_or_in_one_digest_and_are_recorded(world) -> None:
    preference_set(world["assessor"], Preference.Email.DIGEST)
    reminders_pass(date(2026, 12, 24), working_days=3)  # the assessor's reminder
    reminders_pass(date(2026, 12, 22), working_days=3)  # the investigator's
    assert notifications_email_immediate() == 1
    assert notifications_email_immediate() == 0
    assert notifications_email_digest() == 1
    assert notifications_email_digest() == 0
    assert [m.to[0] for m in mail.outbox] == ["investigator@example.com", "assessor@example.com"]
    first = mail.outbox[0]
    assert first.subject.startswith(f"Due Tuesday 29 December 2026: {world['owned'].reference}: ")
    assert f"/cases/{world['owned'].reference}/" in first.body
    assert "rude" not in first.body and "Sample" not in first.body
    assert mail.outbox[1].subject == "Candour: 1 new notification"
    assert SentEmail.objects.filter(delivered=True).count() == 2
    assert SentEmail.objects.get(digest=True).recipient == world["assessor"]


def test_no_email_for_those_who_want_none(world) -> None:
    preference_set(world["investigator"], Preference.Email.NONE)
    reminders_pass(date(2026, 12, 22), working_days=3)
    assert notifications_email_immediate() == 0 and notifications_email_digest() == 0
    assert not mail.outbox
    with pytest.raises(ValueError):
        preference_set(world["investigator"], "hourly")
