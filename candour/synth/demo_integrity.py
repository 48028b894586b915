"""Synthetic suspensions, restricted duties and convictions for the demo force, so the integrity
registers have content; each convicted officer holds a clearance, so the review the conviction
opens has one to decide on. Written through the services (each with its audit event), by the demo
assessor and vetting officer. Seeded, and only once: a force that already has an episode is left
alone."""

from __future__ import annotations

import random
from datetime import timedelta

from django.utils import timezone

from candour.accounts.models import Force, User
from candour.people.models import Officer
from candour.workforce import services
from candour.workforce.models import SuspensionEpisode
from candour.workforce.vetting import held_clearance, vetting_clearance_record

OFFENCES = (
    ("Driving with excess alcohol", "summary", "conviction"),
    ("Careless driving", "summary", "conviction"),
    ("Theft from a shop", "either_way", "caution"),
    ("Fraud by false representation", "either_way", "conviction"),
    ("Common assault", "summary", "caution"),
    ("Assault occasioning actual bodily harm", "either_way", "conviction"),
    ("Possession of a controlled drug (class B)", "either_way", "caution"),
    ("Criminal damage to a vehicle", "either_way", "caution"),
    ("Drunk and disorderly", "summary", "penalty_notice"),
    ("Speeding", "summary", "penalty_notice"),
    ("Sexual assault", "either_way", "conviction"),
    ("Robbery", "indictable_only", "conviction"),
)
REASONS = ("Allegation of serious corruption: access to intelligence systems.",
           "Charged with assault on a partner; investigation continuing.",
           "Allegation of abuse of position for a sexual purpose.",
           "Allegation of dishonesty in overtime claims.")


def demo_integrity_load(*, force: Force, assessor: User | None, vetting_officer: User | None,
                        seed: int = 2026) -> int:
    """Add episodes and convictions to ``force``; returns how many records were added."""
    if assessor is None or vetting_officer is None or SuspensionEpisode.objects.filter(force=force).exists():
        return 0
    rng = random.Random(seed)  # nosec B311 # a seeded generator of synthetic data, never a secret
    today = timezone.localdate()
    officers = list(Officer.objects.filter(force=force, status="serving",
                                           joined_on__lte=today - timedelta(days=400)).order_by("id")[:400])
    if len(officers) < 40:
        return 0
    rng.shuffle(officers)
    added = 0
    for i, officer in enumerate(officers[:14]):
        started = today - timedelta(days=rng.randint(5, 300))
        suspension = i % 3 != 2
        episode = services.suspension_start(
            officer=officer, user=assessor, kind="suspension" if suspension else "restricted_duties",
            started_on=started, reasons=rng.choice(REASONS), redeployment_considered=suspension,
            redeployment_not_appropriate_because="No post without access to the systems concerned." if suspension
            else "", ground=rng.choice(("investigation_prejudice", "public_interest")) if suspension else "",
            notified=rng.choice(("written", "oral")))
        added += 1
        if suspension and episode.notified == "oral" and i % 2 == 0:
            services.suspension_confirmation_record(episode=episode, user=assessor,
                                                    sent_on=min(started + timedelta(days=2), today))
        review_on = started + timedelta(days=27)
        while suspension and review_on < today - timedelta(days=10 * (i % 4)):
            episode.refresh_from_db()
            services.suspension_review_record(episode=episode, user=assessor, reviewed_on=review_on,
                                              reasons="The reg 11 conditions are still met.")
            review_on += timedelta(days=28)
        if i >= 12:
            episode.refresh_from_db()
            services.suspension_end(episode=episode, user=assessor, ended_on=today - timedelta(days=1),
                                    reason="Proceedings concluded.")
    for officer in officers[14:40]:
        offence, offence_class, disposal = rng.choice(OFFENCES)
        offence_on = officer.joined_on + timedelta(days=rng.randint(-3000, (today - officer.joined_on).days - 60))
        if officer.date_of_birth and offence_on <= officer.date_of_birth + timedelta(days=18 * 365):
            offence_on = officer.date_of_birth + timedelta(days=18 * 365 + rng.randint(1, 400))
        disposal_on = min(offence_on + timedelta(days=rng.randint(10, 200)), today)
        if offence_on > disposal_on:
            continue
        if held_clearance(officer) is None:
            # A serving officer holds a clearance; the conviction's review is then a review of it.
            vetting_clearance_record(person=officer, level="RV", decision="granted", user=vetting_officer,
                                     granted_on=max(officer.joined_on, today - timedelta(days=rng.randint(400, 3000))))
        services.conviction_record(officer=officer, user=vetting_officer, offence=offence, offence_on=offence_on,
                                   disposal=disposal, disposal_on=disposal_on, offence_class=offence_class,
                                   court="Northshire Magistrates' Court" if disposal == "conviction" else "")
        added += 1
    return added
