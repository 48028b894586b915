"""``candour demo`` leaves work for every role, with its cached clocks right, and adds nothing
when run again. A small force (``--officers``) keeps the load to a few seconds."""

from __future__ import annotations

from io import StringIO
from typing import Any

import pytest
from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from candour.accounts.models import User
from candour.audit.models import AuditEvent
from candour.cases import selectors as case_selectors
from candour.cases.models import Appeal, Case, Interview, PanelMember, Reg17Notice, Review
from candour.domain.vetting import Level
from candour.intake.selectors import triage_queue_for_user
from candour.screening.selectors import candidate_list_for_user
from candour.synth.demo_casework import CASEWORK_MARK
from candour.workforce import vetting_selectors
from candour.workforce.models import ListEntry, SuspensionEpisode, VettingClearance, VettingReview

pytestmark = pytest.mark.django_db(transaction=True)


def _demo() -> str:
    out = StringIO()
    call_command("demo", "--officers=400", "--years=1", stdout=out)
    return out.getvalue()


def _user(role: str) -> User:
    return User.objects.get(username=f"demo-{role.replace('_', '-')}")


def test_demo_has_work_for_every_role_clocks_right_and_loads_once() -> None:
    first = _demo()
    assert "Added live work" in first

    # The cached clocks are right as loaded: the nightly job finds nothing to change.
    out = StringIO()
    call_command("casework", "clocks", stdout=out)
    assert out.getvalue().strip().endswith("; 0 changed.")

    # Investigations appointed to the demo investigator at every stage, notices and interviews.
    demo = Case.objects.filter(summary__startswith=CASEWORK_MARK)
    investigator = _user("investigator")
    assert set(demo.filter(investigator=investigator).values_list("state", flat=True)) >= {
        "investigation", "paused", "decision", "proceedings", "appeal", "closed"}
    assert Reg17Notice.objects.filter(subject__allegation__case__in=demo, response_on__isnull=True).exists()
    assert Interview.objects.filter(subject__allegation__case__in=demo, scheduled_for__gte=timezone.now()).exists()
    assert PanelMember.objects.filter(case__in=demo).exists()
    assert Appeal.objects.filter(case__in=demo, result="").exists()
    assert Review.objects.filter(case__in=demo, outcome="").count() == 2
    # Clearances at every level, renewals overdue and due soon, reviews linked to their cause.
    assert set(VettingClearance.objects.values_list("level", flat=True)) == {level.value for level in Level}
    register = vetting_selectors.vetting_register_for_user(user=_user("vetting_officer"), today=timezone.localdate())
    assert register.overdue and register.open_reviews and register.under_assessment
    open_reviews = VettingReview.objects.filter(status="open")
    assert all(r.clearance_id is not None for r in open_reviews)
    assert {"conviction", "misconduct_outcome", "change_of_circumstances", "randomised"} <= set(
        open_reviews.values_list("trigger", flat=True))
    assert open_reviews.filter(trigger="misconduct_outcome", case__isnull=False).exists()
    assert set(ListEntry.objects.values_list("kind", flat=True)) == {"barred", "advisory"}
    assert SuspensionEpisode.objects.filter(ended_on__isnull=True).exists()

    # Run again: nothing added, not even an audit event.
    counts = (Case.objects.count(), VettingClearance.objects.count(), VettingReview.objects.count(),
              AuditEvent.objects.count(), User.objects.count())
    again = _demo()
    assert "Added" not in again
    assert (Case.objects.count(), VettingClearance.objects.count(), VettingReview.objects.count(),
            AuditEvent.objects.count(), User.objects.count()) == counts

    # Every role's demo user has work on its own pages.
    today = timezone.localdate()
    assert triage_queue_for_user(user=_user("assessor")).exists()
    assert case_selectors.queue_for_user(user=_user("assessor"), today=today).total
    assert case_selectors.queue_for_user(user=investigator, today=today).total >= 8
    assert case_selectors.queue_for_user(user=_user("decision_maker"), today=today).total
    assert case_selectors.case_list_for_user(user=_user("review_panel")).filter(state="review").count() >= 2
    for role in ("vetting_officer", "counter_corruption"):
        assert candidate_list_for_user(user=_user(role)).count() >= 4
    assert case_selectors.case_list_for_user(user=_user("oversight")).filter(investigator=investigator).exists()
    assert case_selectors.force_figures(user=_user("analyst"))
    client = Client()
    for user in User.objects.filter(username__startswith="demo-"):
        client.force_login(user)
        response = client.get(reverse("web:home"))
        assert response.status_code == 200, user.username


def test_the_demo_has_reports_waiting_in_triage_of_every_urgency(cast: Any) -> None:
    """Past the target to log, due today (on a working day), not yet due; a likely IOPC referral
    with the referral clock running and one past it; no referral suggested; public (named and
    anonymous), hotline, named and sealed colleague reports and a self-report."""
    from candour.intake import selectors
    from candour.synth.demo_reports import _received_for_log_due, demo_reports_load

    user = cast.other_force_user  # every role in BRAVO, which has no reports yet
    assert demo_reports_load(force=cast.other_force, call_handler=user, colleague=user) > 14
    today = timezone.localdate()
    waiting = list(triage_queue_for_user(user=user))
    nearest = {r.reference: selectors.nearest_clock(selectors.intake_clocks(report=r)) for r in waiting}
    clocks = [c for c in nearest.values() if c is not None]
    assert any(c.deadline.due < today for c in clocks)  # overdue
    assert any(c.deadline.due > today for c in clocks)  # not yet due
    if _received_for_log_due(today) is not None:  # today is a working day
        assert any(c.deadline.due == today and c.label == "Log the report" for c in clocks)  # due today
    referral = [c for c in clocks if c.label == "Refer to the IOPC, if it must be"]
    assert any(c.deadline.due >= today for c in referral) and any(c.deadline.due < today for c in referral)
    assert any(not selectors.referral_signals(report=r) for r in waiting)
    assert {selectors.reporter_standing(r) for r in waiting} == {
        "Named", "Anonymous", "Named colleague", "Sealed (anonymous colleague)"}
    assert {selectors.default_case_type(r) for r in waiting} == {"complaint", "conduct_matter", "integrity_report"}
    assert {r.channel for r in waiting} == {"portal", "hotline", "internal"}
    client = Client()
    client.force_login(user)
    page = client.get(reverse("intake:triage_queue")).content.decode()
    assert "govuk-tag--red\">Overdue" in page and "Likely" in page and "None suggested" in page
