"""Each app's anonymising service refuses live work and does nothing twice (the retention job
and erasure call them; tests of what they replace are in test_retention.py)."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
from django.core.exceptions import ValidationError

from candour.audit.services import Actor
from candour.cases.anonymise import case_anonymise
from candour.intake.anonymise import report_anonymise, report_sealed_identity_erase, report_tracking_end
from candour.people.services import member_of_public_anonymise, member_of_public_create
from candour.screening.services import screening_candidate_anonymise
from candour.testing.cast import Cast
from candour.workforce.models import VettingClearance
from candour.workforce.vetting import vetting_clearance_anonymise

ACTOR = Actor.system("test")
TODAY = date(2040, 1, 1)
KW: dict[str, Any] = {"actor": ACTOR, "marker": "[anonymised]", "why": "test", "today": TODAY}


@pytest.mark.django_db
def test_live_work_is_refused(cast: Cast) -> None:
    with pytest.raises(ValidationError, match="is open: a live case is never anonymised"):
        case_anonymise(case=cast.case, **KW)
    with pytest.raises(ValidationError, match="waiting for triage"):
        report_anonymise(report=cast.report, **KW)
    with pytest.raises(ValidationError, match="waiting for a decision"):
        screening_candidate_anonymise(candidate=cast.candidate, **KW)
    with pytest.raises(ValidationError, match="review or withdrawal assessment of this clearance is open"):
        vetting_clearance_anonymise(clearance=cast.clearance, **KW)
    refused = VettingClearance.objects.create(force=cast.force, officer=cast.officer, level="SC", decision="declined",
                                              status="declined", granted_on=date(2024, 1, 1),
                                              renewal_due_on=date(2034, 1, 1), rationale="Refused")
    with pytest.raises(ValidationError, match="A vetting refusal is kept"):
        vetting_clearance_anonymise(clearance=refused, **KW)
    assert cast.case.anonymised_on is None


@pytest.mark.django_db
def test_nothing_is_done_twice(cast: Cast) -> None:
    person = member_of_public_create(force=cast.force, actor=ACTOR, full_name="Pat Public", email="pat@example.com")
    assert member_of_public_anonymise(person=person, **KW) == 2
    assert member_of_public_anonymise(person=person, **KW) == 0
    assert report_tracking_end(report=cast.report, actor=ACTOR, why="test") >= 1
    assert report_tracking_end(report=cast.report, actor=ACTOR, why="test") == 0
    assert report_sealed_identity_erase(report=cast.report, actor=ACTOR, why="test", today=TODAY) is False
