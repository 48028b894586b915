"""Synthetic reports for the demo force, so the triage queue has work in it.

Written through ``report_submit`` (so each has its audit event), naming officers who exist in
the force, with some reports about the same officer, date and place so the duplicate finder
has something to find. Seeded: the same force gets the same reports.
"""

from __future__ import annotations

import random
from datetime import date, datetime, time, timedelta

from django.utils import timezone

from candour.accounts.models import Force, User
from candour.audit.services import Actor
from candour.domain.deadlines import compute_deadline
from candour.intake import services
from candour.intake.models import Report
from candour.intake.validation import ReportInput
from candour.people.models import Officer

NARRATIVES = (
    ("complaint", "I was stopped and searched outside {place} and the officer would not tell me why. "
                  "He was rude and held my arm when I asked for his number."),
    ("complaint", "I reported a burglary at {place} three weeks ago and nobody has called me back. "
                  "The crime number I was given does not work."),
    ("complaint", "The officer who came to {place} laughed at me when I said my ex-partner was "
                  "threatening me, and said it was a civil matter."),
    ("conduct", "I saw an officer outside {place} push a young man to the ground when he was already "
                "handcuffed. Other people filmed it."),
    ("conduct", "An officer I met through a call to {place} keeps messaging me on social media asking "
                "to meet for a drink. It makes me uncomfortable."),
    ("complaint", "My car was damaged when it was moved by police from {place} and no one will say who "
                  "pays for the repair."),
    ("conduct", "A police officer at {place} was drinking while on duty and drove the police car "
                "afterwards."),
)
PLACES = ("the railway station", "Market Street", "the retail park", "Northshire Road custody suite",
          "St Anne's church hall", "the bus station", "Harbour Road")
NAMES = ("Alex Morgan", "Priya Shah", "Tom Evans", "Grace Okafor", "Dylan Price", "Megan Hughes")


def _received_for_log_due(day: date) -> date | None:
    """A day received whose logging target falls on ``day`` (none when ``day`` is not a working day)."""
    for back in range(1, 10):
        received = day - timedelta(days=back)
        if compute_deadline("log-complaint", received).due == day:
            return received
    return None


def _urgent_reports(*, force: Force, today: date, call_handler: User | None,
                    colleague: User | None) -> int:
    """One report waiting in triage for each kind of urgency the queue shows: past the target to
    log, due today, not yet due; a likely IOPC referral with its referral clock running (and one
    past it); named and anonymous members of the public, a hotline call, and a named and a
    sealed colleague and a self-report when ``colleague`` is given."""
    due_today = _received_for_log_due(today)
    plans: list[tuple[str, date, str, ReportInput, User | None]] = [
        ("overdue", today - timedelta(days=10), "portal", ReportInput(
            kind="complaint", what_happened="I asked at the front desk for the CCTV of my arrest and was told "
            "to go away. Nobody has answered my letters since.", incident_on=today - timedelta(days=12),
            incident_location="Northshire Road police station", relationship="happened_to_me",
            contact_name="Sam Reid", contact_email="sam@example.com"), None),
        ("not-yet-due", today, "portal", ReportInput(
            kind="complaint", what_happened="The officer who took my statement at the bus station kept "
            "interrupting me and said I was wasting his time.", incident_on=today - timedelta(days=1),
            incident_location="The bus station", relationship="happened_to_me", contact_name="Ruth Lewis",
            contact_email="ruth@example.com"), None),
        ("referral", today, "hotline" if call_handler else "portal", ReportInput(
            kind="conduct", what_happened="Caller saw an officer punch a man who was on the ground outside the "
            "Harbour Road chip shop; the man was taken to hospital.", incident_on=today,
            incident_location="Harbour Road", anonymous=True), call_handler),
        ("referral-overdue", today - timedelta(days=4), "portal", ReportInput(
            kind="complaint", what_happened="After I reported a burglary, the officer who came kept messaging "
            "me asking me out for a drink and sent me sexual jokes.", incident_on=today - timedelta(days=6),
            incident_location="Market Street", relationship="happened_to_me", anonymous=True), None),
    ]
    if due_today is not None:
        plans.append(("due-today", due_today, "portal", ReportInput(
            kind="conduct", what_happened="An officer parked a police car across the disabled bays at the "
            "retail park and went shopping for an hour.", incident_on=due_today,
            incident_location="The retail park", relationship="witness", contact_name="Owen Jones",
            contact_email="owen@example.com"), None))
    added = 0
    for key, received, channel, data, entered_by in plans:
        at = timezone.make_aware(datetime.combine(received, time(8, 30)))
        services.report_submit(force=force, data=data, channel=channel, submission_key=f"demo-{force.code}-{key}",
                               actor=Actor.of(entered_by) if entered_by else services.PUBLIC_ACTOR,
                               entered_by=entered_by, now=at)
        added += 1
    if colleague is not None:
        for key, seal, data in (
            ("colleague", False, ReportInput(
                kind="colleague", what_happened="A colleague on my team looks up his neighbours on the "
                "intelligence system when they argue with him.", person_name="PC Hart")),
            ("sealed", True, ReportInput(
                kind="colleague", what_happened="My sergeant tells us to leave out of our statements what the "
                "body-worn video shows.", person_name="Sergeant in the response team")),
            ("self", False, ReportInput(
                kind="self_report", what_happened="I was given a penalty notice for speeding on my day off.",
                matter="penalty_notice", matter_on=today - timedelta(days=3))),
        ):
            services.report_submit(force=force, data=data, channel="internal", reporter=colleague,
                                   seal_reporter=seal, actor=Actor.of(colleague),
                                   submission_key=f"demo-{force.code}-{key}",
                                   now=timezone.make_aware(datetime.combine(today, time(9, 45))))
            added += 1
    return added


def demo_reports_load(*, force: Force, count: int = 14, seed: int = 7, today: date | None = None,
                      call_handler: User | None = None, colleague: User | None = None) -> int:
    """Add ``count`` new reports to ``force`` if it has none, and one for each kind of urgency
    (:func:`_urgent_reports`); returns how many were added."""
    if Report.objects.filter(force=force).exists():
        return 0
    today = today or timezone.localdate()
    rng = random.Random(seed)  # nosec B311 # a seeded generator of synthetic data, never a secret
    officers = list(Officer.objects.filter(force=force, status="serving").order_by("id")[:400])
    added = 0
    previous: tuple[Officer | None, str, date] | None = None
    for n in range(count):
        kind, text = NARRATIVES[n % len(NARRATIVES)]
        place = PLACES[rng.randrange(len(PLACES))]
        officer = officers[rng.randrange(len(officers))] if officers and rng.random() < 0.8 else None
        # Every fifth report repeats the one before: same officer, date and place.
        if n % 5 == 4 and previous is not None:
            officer, place, incident = previous
        else:
            incident = today - timedelta(days=rng.randrange(1, 40))
        received = min(today, incident + timedelta(days=rng.randrange(0, 4)))
        name = ""
        number = ""
        if officer is not None:
            style = rng.random()
            if style < 0.4:
                number = officer.collar_number or officer.warrant_number
            elif style < 0.8:
                name = f"{officer.get_rank_display()} {officer.surname}"
            else:
                name, number = officer.full_name, officer.warrant_number
        anonymous = rng.random() < 0.3
        contact = NAMES[rng.randrange(len(NAMES))]
        channel = "hotline" if call_handler is not None and rng.random() < 0.3 else "portal"
        data = ReportInput(
            kind=kind, what_happened=text.format(place=place), incident_on=incident,
            incident_location=place.capitalize(), person_name=name, person_number=number,
            relationship="happened_to_me" if kind == "complaint" else "witness", anonymous=anonymous,
            contact_name="" if anonymous else contact,
            contact_email="" if anonymous else f"{contact.split()[0].lower()}@example.com")
        at = timezone.make_aware(datetime.combine(received, time(9 + n % 8, 15)))
        services.report_submit(force=force, data=data, channel=channel, actor=services.PUBLIC_ACTOR,
                               submission_key=f"demo-{force.code}-{n}", now=at,
                               entered_by=call_handler if channel == "hotline" else None)
        previous = (officer, place, incident)
        added += 1
    return added + _urgent_reports(force=force, today=today, call_handler=call_handler, colleague=colleague)
