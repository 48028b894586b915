"""Vetting services: allowed and refused, audited, nothing changed on refusal; the misconduct
outcome -> review hook; the withdrawal assessment from start to tribunal."""

from __future__ import annotations

from datetime import date

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from candour.audit.models import AuditEvent
from candour.audit.services import Actor
from candour.cases import services as case_services
from candour.cases.models import Case, Subject
from candour.common.errors import StaleEdit
from candour.domain.config import _load
from candour.people.models import Officer
from candour.testing.cast import Cast
from candour.workforce import vetting
from candour.workforce.models import ListEntry, VettingClearance, VettingReview, WithdrawalAssessment

pytestmark = pytest.mark.django_db
TODAY = date(2026, 1, 15)


def _events(verb: str) -> int:
    return AuditEvent.objects.filter(action=verb).count()


def _snapshot() -> tuple[int, int, int, int, int]:
    return (VettingClearance.objects.count(), VettingReview.objects.count(), WithdrawalAssessment.objects.count(),
            AuditEvent.objects.count(), ListEntry.objects.count())


def test_clearance_recorded_with_renewal_and_audit(cast: Cast) -> None:
    before = _events("vetting_clearance_recorded")
    clearance = vetting.vetting_clearance_record(person=cast.officer, level="DV", granted_on=date(2024, 2, 1),
                                                 decision="granted", user=cast.user("vetting_officer"), today=TODAY)
    assert clearance.renewal_due_on == date(2031, 1, 31) and clearance.status == "valid"
    assert "7 years" in clearance.renewal_reason
    assert _events("vetting_clearance_recorded") == before + 1


@pytest.mark.parametrize(("kwargs", "field"), [
    ({"decision": "granted_with_conditions", "conditions": "No finance access"}, "rationale"),
    ({"decision": "granted_with_conditions", "rationale": "Debt"}, "conditions"),
    ({"decision": "declined"}, "rationale"),
    ({"decision": "granted", "level": "XX"}, "level"),
    ({"decision": "granted", "granted_on": date(2026, 2, 1)}, "granted_on"),
])
def test_clearance_bad_input_changes_nothing(cast: Cast, kwargs: dict[str, object], field: str) -> None:
    args: dict[str, object] = {"person": cast.officer, "level": "MV", "granted_on": date(2025, 1, 1),
                               "user": cast.user("vetting_officer"), "today": TODAY, **kwargs}
    before = _snapshot()
    with pytest.raises(ValidationError) as caught:
        vetting.vetting_clearance_record(**args)  # type: ignore[arg-type]
    assert field in caught.value.message_dict
    assert _snapshot() == before


@pytest.mark.parametrize("who", ["counter_corruption", "assessor", "no_role", "other_force_user"])
def test_only_the_forces_vetting_officer_records(cast: Cast, who: str) -> None:
    before = _snapshot()
    with pytest.raises(PermissionDenied):
        vetting.vetting_clearance_record(person=cast.officer, level="RV", granted_on=date(2025, 1, 1),
                                         decision="granted", user=cast.user(who), today=TODAY)
    assert _snapshot() == before


def test_declined_needs_and_keeps_the_rationale(cast: Cast) -> None:
    declined = vetting.vetting_clearance_record(person=cast.officer, level="SC", granted_on=date(2025, 1, 1),
                                                decision="declined", rationale="Undeclared conviction",
                                                user=cast.user("vetting_officer"), today=TODAY)
    assert declined.status == "declined" and declined.rationale == "Undeclared conviction"


def test_change_of_circumstances_opens_a_review(cast: Cast) -> None:
    vetting.vetting_aftercare_record(clearance=cast.clearance, kind="change_of_circumstances",
                                     occurred_on=date(2025, 9, 1), notes="New partner with a conviction for supply",
                                     open_review=True, user=cast.user("vetting_officer"), today=TODAY)
    review = VettingReview.objects.filter(trigger="change_of_circumstances").get()
    assert review.clearance == cast.clearance and "reg 5" in review.basis


def test_annual_review_sets_last_review(cast: Cast) -> None:
    vetting.vetting_aftercare_record(clearance=cast.clearance, kind="annual_review", occurred_on=date(2025, 9, 1),
                                     notes="No concerns", user=cast.user("vetting_officer"), today=TODAY)
    cast.clearance.refresh_from_db()
    assert cast.clearance.last_review_on == date(2025, 9, 1)


def test_review_open_needs_a_reason_and_the_role(cast: Cast) -> None:
    officer = cast.user("vetting_officer")
    before = _snapshot()
    with pytest.raises(ValidationError):
        vetting.vetting_review_open(person=cast.officer, trigger="other", reason="  ", actor=Actor.of(officer),
                                    user=officer)
    with pytest.raises(ValidationError):
        vetting.vetting_review_open(person=cast.officer, trigger="astrology", reason="x", actor=Actor.of(officer),
                                    user=officer)
    with pytest.raises(PermissionDenied):
        vetting.vetting_review_open(person=cast.officer, trigger="other", reason="x",
                                    actor=Actor.of(cast.investigator), user=cast.investigator)
    assert _snapshot() == before


def test_conviction_trigger_is_exposed(cast: Cast) -> None:
    review = vetting.vetting_review_on_conviction(person=cast.officer, convicted_on=date(2025, 10, 1),
                                                  description="Common assault (caution)",
                                                  actor=Actor.system("conviction register"), user=None)
    assert review.trigger == "conviction" and "presumption of refusal" in review.basis
    assert review.clearance is not None  # the held clearance


def _to_proceedings(cast: Cast) -> Subject:
    Case.objects.filter(pk=cast.case.pk).update(state="proceedings", proceedings_forum="misconduct_hearing")
    Subject.objects.filter(pk=cast.subject.pk).update(severity="misconduct", case_to_answer="misconduct",
                                                      outcome="", outcome_on=None)
    return Subject.objects.get(pk=cast.subject.pk)


def test_finding_short_of_dismissal_opens_a_review_in_the_same_transaction(cast: Cast) -> None:
    """regulations.md §14 scenario 25: proceedings ending in a FWW -> clearance reviewed."""
    subject = _to_proceedings(cast)
    before = VettingReview.objects.filter(trigger="misconduct_outcome").count()
    case_services.subject_finding_record(subject=subject, user=cast.user("decision_maker"), finding="misconduct",
                                         outcome="final_written_warning", outcome_on=date(2025, 11, 3))
    review = VettingReview.objects.filter(trigger="misconduct_outcome").get()
    assert VettingReview.objects.filter(trigger="misconduct_outcome").count() == before + 1
    assert review.case_id == cast.case.pk and review.officer == cast.officer
    assert "final written warning" in review.reason and "Vetting Code" in review.basis
    assert cast.case.timeline.filter(kind="vetting_review").exists()
    opened = AuditEvent.objects.filter(action="vetting_review_opened").order_by("-id").first()
    outcome = AuditEvent.objects.filter(action="subject_outcome_recorded").order_by("-id").first()
    assert opened and outcome and opened.request_id == outcome.request_id and opened.seq == outcome.seq + 1


def test_finding_hook_rolls_back_with_the_outcome(cast: Cast, monkeypatch: pytest.MonkeyPatch) -> None:
    subject = _to_proceedings(cast)

    def broken(**kwargs: object) -> None:
        raise RuntimeError("review failed")

    monkeypatch.setattr("candour.workforce.vetting.vetting_review_open", broken)
    with pytest.raises(RuntimeError):
        case_services.subject_finding_record(subject=subject, user=cast.user("decision_maker"), finding="misconduct",
                                             outcome="final_written_warning", outcome_on=date(2025, 11, 3))
    subject.refresh_from_db()
    assert subject.outcome == ""


def test_no_review_without_a_clearance_or_on_dismissal(cast: Cast) -> None:
    subject = _to_proceedings(cast)
    VettingClearance.objects.filter(officer=cast.officer).update(status="withdrawn")
    case_services.subject_finding_record(subject=subject, user=cast.user("decision_maker"), finding="misconduct",
                                         outcome="final_written_warning", outcome_on=date(2025, 11, 3))
    assert not VettingReview.objects.filter(trigger="misconduct_outcome").exists()


def test_review_decided_with_conditions(cast: Cast) -> None:
    review = vetting.vetting_review_decide(review=cast.review, outcome="maintained_with_conditions",
                                           rationale="Low risk with supervision", conditions="Supervised access only",
                                           user=cast.user("vetting_officer"), expected_version=cast.review.version,
                                           today=TODAY)
    assert review.status == "decided"
    cast.clearance.refresh_from_db()
    assert cast.clearance.conditions == "Supervised access only"
    assert cast.clearance.decision == "granted_with_conditions"


def test_review_decision_stale_or_repeated_is_refused(cast: Cast) -> None:
    officer = cast.user("vetting_officer")
    with pytest.raises(StaleEdit):
        vetting.vetting_review_decide(review=cast.review, outcome="maintained", rationale="x", user=officer,
                                      expected_version=cast.review.version + 5, today=TODAY)
    cast.review.refresh_from_db()
    assert cast.review.status == "open"
    vetting.vetting_review_decide(review=cast.review, outcome="maintained", rationale="x", user=officer, today=TODAY)
    cast.review.refresh_from_db()
    with pytest.raises(ValidationError, match="already decided"):
        vetting.vetting_review_decide(review=cast.review, outcome="maintained", rationale="x", user=officer,
                                      today=TODAY)


def test_withdrawal_refused_before_14_may_2025(cast: Cast) -> None:
    """regulations.md §14 scenario 23."""
    before = _snapshot()
    with pytest.raises(ValidationError, match="Di Maria"):
        vetting.withdrawal_assessment_start(clearance=cast.clearance, reason="Vetting withdrawn",
                                            started_on=date(2024, 3, 15), user=cast.user("vetting_officer"))
    with pytest.raises(ValidationError, match="Di Maria"):
        vetting.vetting_review_decide(review=cast.review, outcome="withdrawal_assessment", rationale="x",
                                      decided_on=date(2025, 5, 13), user=cast.user("vetting_officer"),
                                      today=date(2025, 5, 20))
    assert _snapshot() == before
    cast.clearance.refresh_from_db()
    assert cast.clearance.status == "valid"


def test_review_can_start_the_withdrawal_assessment(cast: Cast) -> None:
    vetting.vetting_review_decide(review=cast.review, outcome="withdrawal_assessment", rationale="Failure to notify",
                                  decided_on=date(2025, 9, 1), user=cast.user("vetting_officer"), today=TODAY)
    assessment = WithdrawalAssessment.objects.get(review=cast.review)
    assert assessment.started_on == date(2025, 9, 1)
    cast.clearance.refresh_from_db()
    assert cast.clearance.status == "under_withdrawal_assessment"


def _walk(cast: Cast, *, barred: bool, monkeypatch: pytest.MonkeyPatch, tmp_path: object) -> WithdrawalAssessment:
    from pathlib import Path

    path = Path(str(tmp_path)) / "rules.json"
    path.write_text('{"barred_list_for_vetting_dismissal": %s}' % ("true" if barred else "false"), encoding="utf-8")
    monkeypatch.setenv("CANDOUR_RULES_CONFIG", str(path))
    _load.cache_clear()
    officer = cast.user("vetting_officer")
    a = cast.assessment  # notice given 3 June 2025
    a = vetting.withdrawal_step_record(assessment=a, step="representations", on=date(2025, 6, 10),
                                       text="The officer says the association ended", user=officer, today=TODAY)
    a = vetting.withdrawal_step_record(assessment=a, step="decision", on=date(2025, 7, 1), decision="withdraw",
                                       text="Harm test met: continuing association", user=officer, today=TODAY)
    assert a.clearance.status == "withdrawn" and a.clearance.rationale.startswith("Harm test")
    return vetting.withdrawal_step_record(assessment=a, step="dismissal", on=date(2025, 7, 2), user=officer,
                                          today=TODAY)


def test_withdrawal_to_dismissal_without_barred_list_by_default(cast: Cast, monkeypatch: pytest.MonkeyPatch,
                                                               tmp_path: object) -> None:
    try:
        a = _walk(cast, barred=False, monkeypatch=monkeypatch, tmp_path=tmp_path)
    finally:
        _load.cache_clear()
    assert a.list_entry is None and not ListEntry.objects.filter(officer=cast.officer).exists()
    officer = Officer.objects.get(pk=cast.officer.pk)
    assert officer.status == "dismissed" and officer.left_on == date(2025, 7, 2)


def test_withdrawal_dismissal_goes_on_the_barred_list_when_configured(cast: Cast, monkeypatch: pytest.MonkeyPatch,
                                                                      tmp_path: object) -> None:
    try:
        a = _walk(cast, barred=True, monkeypatch=monkeypatch, tmp_path=tmp_path)
    finally:
        _load.cache_clear()
    assert a.list_entry is not None and a.list_entry.kind == "barred"
    assert a.list_entry.report_due_on == date(2025, 7, 8)  # 5 working days beginning with 2 July 2025
    officer = cast.user("vetting_officer")
    a = vetting.withdrawal_step_record(assessment=a, step="appeal_lodged", on=date(2025, 7, 10), user=officer,
                                       today=TODAY)
    a = vetting.withdrawal_step_record(assessment=a, step="appeal_result", on=date(2025, 9, 1), result="upheld",
                                       user=officer, today=TODAY)
    a = vetting.withdrawal_step_record(assessment=a, step="pat_lodged", on=date(2025, 9, 5), user=officer, today=TODAY)
    a = vetting.withdrawal_step_record(assessment=a, step="pat_result", on=date(2025, 12, 1), result="allowed",
                                       user=officer, today=TODAY)
    assert a.clearance.status == "valid"
    assert Officer.objects.get(pk=cast.officer.pk).status == "serving"


def test_withdrawal_step_out_of_order_changes_nothing(cast: Cast) -> None:
    before = _snapshot()
    a = WithdrawalAssessment.objects.get(pk=cast.assessment.pk)
    with pytest.raises(ValidationError, match="follow only a decision to withdraw"):
        vetting.withdrawal_step_record(assessment=a, step="dismissal", on=date(2025, 7, 2),
                                       user=cast.user("vetting_officer"), today=TODAY)
    with pytest.raises(ValidationError, match="full rationale"):
        vetting.withdrawal_step_record(assessment=a, step="decision", on=date(2025, 7, 2), decision="withdraw",
                                       user=cast.user("vetting_officer"), today=TODAY)
    with pytest.raises(StaleEdit):
        vetting.withdrawal_step_record(assessment=a, step="representations", on=date(2025, 6, 10), text="x",
                                       expected_version=a.version + 1, user=cast.user("vetting_officer"), today=TODAY)
    assert _snapshot() == before
    assert WithdrawalAssessment.objects.get(pk=a.pk).version == a.version


def test_renewal_expires_the_earlier_grant(cast: Cast) -> None:
    renewed = vetting.vetting_clearance_record(person=cast.officer, level="RV", granted_on=date(2025, 12, 1),
                                               decision="granted", user=cast.user("vetting_officer"), today=TODAY)
    cast.clearance.refresh_from_db()
    assert cast.clearance.status == "expired" and renewed.status == "valid"
    event = AuditEvent.objects.filter(action="vetting_clearance_status_changed").order_by("-id").first()
    assert event is not None and event.after and event.after["status"] == "expired"


def test_clearances_lapse_when_the_person_leaves(cast: Cast) -> None:
    from django.core.management import call_command

    call_command("vetting", "lapse")
    cast.clearance.refresh_from_db()
    assert cast.clearance.status == "valid"  # still serving
    Officer.objects.filter(pk=cast.officer.pk).update(status="resigned", left_on=date(2025, 10, 31))
    assert vetting.vetting_clearances_lapse_leavers(force_id=cast.force.pk, actor=Actor.system("t"),
                                                    today=TODAY) == 1
    cast.clearance.refresh_from_db()
    assert cast.clearance.status == "lapsed_on_leaving"
    # The MV clearance under withdrawal assessment is left to the assessment; a second run changes nothing.
    assert vetting.vetting_clearances_lapse_leavers(force_id=cast.force.pk, actor=Actor.system("t"),
                                                    today=TODAY) == 0


def test_review_cannot_be_decided_before_it_opened(cast: Cast) -> None:
    with pytest.raises(ValidationError) as caught:
        vetting.vetting_review_decide(review=cast.review, outcome="maintained", rationale="x",
                                      decided_on=date(2025, 6, 30), user=cast.user("vetting_officer"), today=TODAY)
    assert "before the review was opened" in caught.value.message_dict["decided_on"][0]


@pytest.mark.parametrize("outcome", ["maintained", "maintained_with_conditions", "withdrawal_assessment"])
def test_review_of_someone_with_no_clearance_cannot_be_decided(cast: Cast, outcome: str) -> None:
    """Issue 14: "Clearance maintained" was accepted for a person who holds no clearance."""
    officer = cast.user("vetting_officer")
    review = vetting.vetting_review_open(person=cast.suspended_officer, trigger="randomised", reason="Randomised draw",
                                         actor=Actor.of(officer), user=officer, opened_on=date(2025, 12, 1))
    assert review.clearance is None
    before = _snapshot()
    with pytest.raises(ValidationError) as caught:
        vetting.vetting_review_decide(review=review, outcome=outcome, rationale="No concerns",
                                      conditions="Supervised", user=officer, today=TODAY)
    assert "holds no vetting clearance" in caught.value.message_dict["outcome"][0]
    assert _snapshot() == before
    review.refresh_from_db()
    assert review.status == "open"


def test_review_decided_on_a_clearance_granted_since_it_opened(cast: Cast) -> None:
    officer = cast.user("vetting_officer")
    review = vetting.vetting_review_open(person=cast.suspended_officer, trigger="randomised", reason="Randomised draw",
                                         actor=Actor.of(officer), user=officer, opened_on=date(2025, 12, 1))
    clearance = vetting.vetting_clearance_record(person=cast.suspended_officer, level="RV",
                                                 granted_on=date(2025, 12, 5),
                                                 decision="granted", user=officer, today=TODAY)
    decided = vetting.vetting_review_decide(review=review, outcome="maintained", rationale="No concerns",
                                            user=officer, today=TODAY)
    assert decided.clearance == clearance
