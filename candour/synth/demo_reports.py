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


def demo_reports_load(*, force: Force, count: int = 14, seed: int = 7, today: date | None = None,
                      call_handler: User | None = None) -> int:
    """Add ``count`` new reports to ``force`` if it has none; returns how many were added."""
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
    return added
