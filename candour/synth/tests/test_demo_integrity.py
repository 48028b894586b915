"""The demo force gets suspensions and convictions through the services, once."""

from __future__ import annotations

from datetime import date

import pytest

from candour.audit.models import AuditEvent
from candour.people.models import Officer
from candour.synth.demo_integrity import demo_integrity_load
from candour.testing.cast import Cast
from candour.workforce.models import Conviction, SuspensionEpisode


@pytest.mark.django_db
def test_demo_integrity_load(cast: Cast) -> None:
    SuspensionEpisode.objects.all().delete()
    Officer.objects.bulk_create([
        Officer(force=cast.force, forenames="Demo", surname=f"Officer{i}", warrant_number=f"D{i}",
                joined_on=date(2005 + i % 15, 1 + i % 12, 1), date_of_birth=date(1980 + i % 15, 3, 1))
        for i in range(60)])
    added = demo_integrity_load(force=cast.force, assessor=cast.appropriate_authority,
                                vetting_officer=cast.user("vetting_officer"))
    episodes = SuspensionEpisode.objects.filter(force=cast.force)
    assert added >= 30 and episodes.count() == 14
    assert episodes.filter(ended_on__isnull=False).count() == 2
    assert episodes.filter(kind="restricted_duties").exists() and episodes.filter(reviews__isnull=False).exists()
    assert Conviction.objects.filter(force=cast.force).count() > 10
    assert AuditEvent.objects.filter(action="suspension_started").count() >= 14
    assert demo_integrity_load(force=cast.force, assessor=cast.appropriate_authority,
                               vetting_officer=cast.user("vetting_officer")) == 0
