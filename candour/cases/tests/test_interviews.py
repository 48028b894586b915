"""Interviews (Conduct Regs reg 20): not before the notice or terms of reference; the officer's
alternative within 5 working days after the specified day."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core.exceptions import ValidationError

from candour.cases import services
from candour.cases.models import Case
from candour.testing.cast import Cast

LONDON = ZoneInfo("Europe/London")
pytestmark = pytest.mark.django_db


def test_no_interview_before_the_notice_or_terms_of_reference(cast: Cast) -> None:
    with pytest.raises(ValidationError, match=r"reg 20\(2\)"):
        services.interview_schedule(subject=cast.subject, user=cast.investigator, agreed=True, place="HQ",
                                    scheduled_for=datetime.now(LONDON) + timedelta(days=2))


@time_machine.travel(datetime(2026, 12, 18, 9, 0, tzinfo=LONDON), tick=False)
def test_the_alternative_must_fall_within_five_working_days(cast: Cast) -> None:
    Case.objects.filter(pk=cast.case.pk).update(terms_of_reference="Use of force")
    specified = datetime(2026, 12, 21, 10, 0, tzinfo=LONDON)  # a Monday before Christmas
    interview = services.interview_schedule(subject=cast.subject, user=cast.investigator, agreed=False,
                                            place="HQ", scheduled_for=specified)
    # Five working days after 21 Dec 2026 skip 25 and 28 Dec (bank holidays): the last is 30 Dec.
    with pytest.raises(ValidationError) as caught:
        services.interview_alternative_propose(interview=interview, user=cast.investigator,
                                               proposed_for=datetime(2026, 12, 31, 10, 0, tzinfo=LONDON))
    assert "no later than 30 December 2026" in caught.value.messages[0]
    moved = services.interview_alternative_propose(interview=interview, user=cast.investigator,
                                                   proposed_for=datetime(2026, 12, 30, 10, 0, tzinfo=LONDON))
    assert moved.scheduled_for.date() == date(2026, 12, 30) and moved.alternative_for is not None


def test_an_agreed_time_has_no_alternative(cast: Cast) -> None:
    Case.objects.filter(pk=cast.case.pk).update(terms_of_reference="Use of force")
    interview = services.interview_schedule(subject=cast.subject, user=cast.investigator, agreed=True, place="HQ",
                                            scheduled_for=datetime.now(LONDON) + timedelta(days=2))
    with pytest.raises(ValidationError, match="agreed"):
        services.interview_alternative_propose(interview=interview, user=cast.investigator,
                                               proposed_for=datetime.now(LONDON) + timedelta(days=3))
