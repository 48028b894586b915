"""The retention job: what has passed its period is anonymised (or ended, erased, deleted) by
each app's own service, audited, counted; what is live or kept is never touched; a second run
does nothing; a dry run changes nothing."""

from __future__ import annotations

import io
import tomllib
from datetime import date
from pathlib import Path
from typing import Any

import pytest
import time_machine
from django.core.management import call_command

from candour.audit.events import AuditVerb
from candour.audit.models import AuditEvent
from candour.audit.services import audit_verify
from candour.cases.models import Allegation, Case, ComplainantUpdate, Review, Subject, TimelineEvent
from candour.domain.retention import schedule_from_dict
from candour.intake.models import EvidenceFile, FollowUp, Report, TrackingLink
from candour.intake.storage import evidence_path
from candour.people.models import MemberOfPublic
from candour.privacy.retention import retention_apply
from candour.privacy.tests.world import World, make_world
from candour.screening.models import ScreeningCandidate
from candour.testing.cast import Cast
from candour.workforce.models import VettingClearance

MARK = "[anonymised]"
CONFIG = Path(__file__).resolve().parents[3] / "config" / "retention.toml"


@pytest.fixture
def world(cast: Cast) -> World:
    return make_world(cast)


def _events(verb: AuditVerb) -> int:
    return AuditEvent.objects.filter(action=verb.value).count()


def test_everything_past_its_period_is_anonymised_and_the_facts_stay(
        world: World, django_capture_on_commit_callbacks: Any) -> None:
    evidence = world.report.evidence.get()
    assert evidence_path(evidence.stored_name).exists()
    before = _events(AuditVerb.RECORD_ANONYMISED)
    with django_capture_on_commit_callbacks(execute=True):
        run = retention_apply(today=date(2040, 1, 1))
    assert run.counts == {"case": 1, "report": 3, "complainant": 1, "sealed_identity": 0, "tracking": 0,
                          "portal_upload": 0, "screening_candidate": 1, "vetting_record": 1}
    assert run.rules["report"].with_cases == 2

    case = Case.objects.get(pk=world.case.pk)
    assert (case.summary, case.incident_location, case.anonymised_on) == (MARK, MARK, date(2040, 1, 1))
    assert (case.state, case.case_type, case.received_on, case.closed_on) == (
        "closed", "complaint", date(2025, 6, 10), date(2025, 11, 1))
    allegation = Allegation.objects.get(case=case)
    assert allegation.summary == MARK and allegation.category == "individual_behaviours"
    assert allegation.standards == ["authority_respect_courtesy"]
    subject = Subject.objects.get(allegation=allegation)
    assert subject.outcome == "written_warning" and subject.officer_id == world.cast.officer.pk
    assert set(TimelineEvent.objects.filter(case=case).values_list("title", flat=True)) == {MARK}
    assert set(ComplainantUpdate.objects.filter(case=case).values_list("message", "sent_by_name")) == {(MARK, MARK)}

    report = Report.objects.get(pk=world.report.pk)
    assert (report.what_happened, report.person_name, report.contact_name) == (MARK, MARK, MARK)
    assert (report.contact_email, report.person_number, report.tracking_hash) == ("", "", "")
    assert (report.channel, report.kind, report.incident_on) == ("portal", "complaint", date(2025, 6, 9))
    assert FollowUp.objects.get(report=report).text == MARK
    assert not TrackingLink.objects.filter(report=report).exists()
    assert EvidenceFile.objects.get(pk=evidence.pk).original_name == MARK
    assert not evidence_path(evidence.stored_name).exists()  # deleted once the change committed

    sealed = Report.objects.get(pk=world.sealed.pk)
    assert sealed.reporter_sealed == "" and sealed.identity_erased_on == date(2040, 1, 1)
    nfa = Report.objects.get(pk=world.nfa.pk)
    assert (nfa.what_happened, nfa.contact_email, nfa.triage_note) == (MARK, "", MARK)

    pat = MemberOfPublic.objects.get(pk=world.pat.pk)
    assert (pat.full_name, pat.email, pat.phone, pat.address, pat.postcode) == (MARK, "", "", "", "")

    candidate = ScreeningCandidate.objects.get(pk=world.candidate.pk)
    assert candidate.workforce_record == {} and candidate.extract_record == {}
    assert candidate.status == "rejected" and candidate.decision_reason == MARK
    assert all(set(part) == {"comparison", "level", "weight"} for part in candidate.parts)
    granted = VettingClearance.objects.get(pk=world.granted.pk)
    assert (granted.rationale, granted.conditions, granted.level) == (MARK, MARK, "RV")
    refused = VettingClearance.objects.get(pk=world.refused.pk)  # a refusal is kept
    assert refused.rationale.startswith("Undisclosed association") and refused.anonymised_on is None

    # Live and kept records are untouched: the other force's open case, the serving officer.
    assert Case.objects.get(pk=world.cast.other_case.pk).summary == "Bravo force matter."
    assert Case.objects.get(pk=world.cast.other_case.pk).anonymised_on is None

    assert _events(AuditVerb.RECORD_ANONYMISED) == before + 7  # case, 3 reports, Pat, candidate, clearance
    applied = AuditEvent.objects.filter(action=AuditVerb.RETENTION_APPLIED.value).get()
    assert applied.after is not None and applied.after["counts"]["case"] == 1 and "case" in applied.after["unconfirmed"]
    assert all(r.first_break is None for r in audit_verify())


def test_a_second_run_does_nothing(world: World) -> None:
    retention_apply(today=date(2040, 1, 1))
    events = AuditEvent.objects.count()
    again = retention_apply(today=date(2040, 1, 2))
    assert set(again.counts.values()) == {0}
    assert AuditEvent.objects.count() == events + 1  # only the run's own event


def test_a_dry_run_counts_and_changes_nothing(world: World) -> None:
    events = AuditEvent.objects.count()
    dry = retention_apply(today=date(2040, 1, 1), dry_run=True)
    assert dry.counts["case"] == 1 and dry.counts["report"] == 3 and dry.counts["vetting_record"] == 1
    assert AuditEvent.objects.count() == events
    assert Case.objects.get(pk=world.case.pk).anonymised_on is None
    assert Report.objects.get(pk=world.report.pk).what_happened.startswith("A sergeant pushed me")
    assert retention_apply(today=date(2040, 1, 1)).counts == dry.counts


def test_each_rule_waits_for_its_own_period(world: World) -> None:
    # 1 year and 2 weeks after the case closed: only the tracking links (12 months) have ended.
    run = retention_apply(today=date(2026, 11, 15))
    assert run.counts["tracking"] == 2 and run.counts["case"] == 0 and run.counts["report"] == 0  # both joined reports
    assert Report.objects.get(pk=world.report.pk).tracking_hash == ""
    assert Report.objects.get(pk=world.nfa.pk).tracking_hash != ""  # triaged a month later
    assert retention_apply(today=date(2026, 12, 1)).counts["tracking"] == 1
    # The day before the case's 6 years are up nothing else has happened; on the day it has.
    assert retention_apply(today=date(2031, 10, 31)).counts["case"] == 0
    assert retention_apply(today=date(2031, 11, 1)).counts["case"] == 1


def test_a_sealed_identity_can_be_erased_before_its_case(world: World, settings: Any) -> None:
    data = tomllib.loads(CONFIG.read_text(encoding="utf-8"))
    data["rules"]["sealed_identity"]["keep"] = "1 year"
    settings.CANDOUR_RETENTION = schedule_from_dict(data, source="test")
    run = retention_apply(today=date(2026, 11, 1))
    assert run.counts["sealed_identity"] == 1 and run.counts["case"] == 0
    sealed = Report.objects.get(pk=world.sealed.pk)
    assert sealed.reporter_sealed == "" and sealed.what_happened.startswith("I saw")
    assert AuditEvent.objects.filter(action=AuditVerb.SEALED_IDENTITY_ERASED.value,
                                     object_id=sealed.reference).count() == 1


def test_a_closed_case_waiting_for_a_review_is_live(world: World) -> None:
    Review.objects.create(case=world.case, received_on=date(2025, 11, 20), due_on=date(2025, 12, 18))
    run = retention_apply(today=date(2040, 1, 1))
    assert run.counts["case"] == 0
    assert Case.objects.get(pk=world.case.pk).anonymised_on is None


def test_the_command_reports_per_record_type(world: World) -> None:
    out = io.StringIO()
    with time_machine.travel(date(2026, 12, 15), tick=False):
        call_command("privacy", "retention", "--dry-run", stdout=out)
    text = out.getvalue()
    assert "(dry run: nothing was changed)" in text
    assert "tracking: 3 would be ended (their links and codes deleted)" in text
    assert "case: 0 would be anonymised (clock started on or before 15 December 2020) [M]" in text
    assert "vetting_refusal: kept, nothing to do [M]" in text
    assert "portal_upload: 0 would be deleted (older than 24 hours) [M]" in text
    assert Report.objects.get(pk=world.report.pk).tracking_hash != ""
    out = io.StringIO()
    with time_machine.travel(date(2026, 12, 15), tick=False):
        call_command("privacy", "retention", "--force", "ALPHA", stdout=out)
    assert "tracking: 3 ended" in out.getvalue()
    assert Report.objects.get(pk=world.report.pk).tracking_hash == ""
