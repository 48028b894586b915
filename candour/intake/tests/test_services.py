"""Receiving and triaging reports: saved whole or not at all, checked against the rules."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.conf import settings as django_settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from candour.audit.models import AuditEvent
from candour.cases.models import Case
from candour.common.errors import StaleEdit
from candour.intake import services
from candour.intake.models import EvidenceFile, Report, ReportStatus
from candour.intake.sealing import SealError, development_keypair, generate_keypair, unseal
from candour.intake.validation import WHAT_MAX, ReportInput
from candour.testing.cast import Cast

pytestmark = pytest.mark.django_db


def _public(kind: str = "complaint", **extra: object) -> ReportInput:
    fields: dict[str, object] = {"kind": kind, "what_happened": "An officer shouted at me.",
                                 "incident_on": date(2025, 3, 1), "incident_location": "Market Square",
                                 "relationship": "happened_to_me", "contact_name": "Sam Public",
                                 "contact_email": "sam@example.com"}
    fields.update(extra)
    return ReportInput(**fields)  # type: ignore[arg-type]


def _submit(cast: Cast, data: ReportInput, key: str = "k1", **kw: object) -> services.Submitted:
    return services.report_submit(force=cast.force, data=data, channel=kw.pop("channel", "portal"),  # type: ignore[arg-type]
                                  actor=services.PUBLIC_ACTOR, submission_key=key, **kw)  # type: ignore[arg-type]


def _counts() -> tuple[int, int, int]:
    return Report.objects.count(), EvidenceFile.objects.count(), AuditEvent.objects.count()


def test_a_report_is_saved_with_its_audit_event_and_a_tracking_link(cast: Cast) -> None:
    submitted = _submit(cast, _public())
    report = submitted.report
    assert report.reference.startswith("ALPHA-R") and len(report.reference) == 16
    assert report.status == ReportStatus.NEW
    assert services.report_for_tracking(token=submitted.tracking_token) == report
    assert submitted.tracking_token not in report.tracking_hash
    event = AuditEvent.objects.filter(action="report_submitted", object_id=report.reference).get()
    assert event.after is not None and event.after["channel"] == "portal" and event.actor_role == "public"
    assert "sam@example.com" not in str(event.after)


@pytest.mark.parametrize("change,field", [
    ({"what_happened": ""}, "what_happened"),
    ({"what_happened": "   \n  "}, "what_happened"),
    ({"what_happened": "x" * (WHAT_MAX + 1)}, "what_happened"),
    ({"what_happened": "nul byte \x00 here"}, "what_happened"),
    ({"incident_on": date.today() + timedelta(days=1)}, "incident_on"),
    ({"incident_on": date(1899, 12, 31)}, "incident_on"),
    ({"incident_location": "x" * 201}, "incident_location"),
    ({"person_number": "12; DROP TABLE"}, "person_number"),
    ({"contact_email": "not-an-email"}, "contact_email"),
    ({"contact_phone": "call me maybe"}, "contact_phone"),
    ({"relationship": "cousin"}, "relationship"),
    ({"kind": "colleague"}, "kind"),
    ({"anonymous": True}, "contact_name"),
])
def test_bad_input_is_refused_and_nothing_is_saved(cast: Cast, change: dict[str, object], field: str) -> None:
    before = _counts()
    with pytest.raises(ValidationError) as caught:
        _submit(cast, _public(**change))  # type: ignore[arg-type]
    assert field in caught.value.message_dict
    assert caught.value.message_dict[field][0]
    assert _counts() == before


def test_script_and_sql_text_is_kept_verbatim_as_text(cast: Cast) -> None:
    text = "<script>alert('x')</script> '; DROP TABLE intake_report; --"
    report = _submit(cast, _public(what_happened=text, incident_location="Robert'); --")).report
    report.refresh_from_db()
    assert report.what_happened == text
    assert Report.objects.count() == 2  # the table is intact


def test_a_double_submit_saves_one_report(cast: Cast) -> None:
    first = _submit(cast, _public(), key="same-key").report
    before = _counts()
    with pytest.raises(services.DuplicateSubmission) as caught:
        _submit(cast, _public(what_happened="Something else"), key="same-key")
    assert caught.value.report == first
    assert _counts() == before


def test_an_anonymous_report_keeps_no_contact_details(cast: Cast) -> None:
    report = _submit(cast, _public(anonymous=True, contact_name="", contact_email="")).report
    assert report.anonymous and not report.contact_name and not report.contact_email


def test_a_sealed_internal_report_hides_the_reporter_everywhere(cast: Cast) -> None:
    reporter = cast.user("no_role")
    submitted = services.report_submit(
        force=cast.force, channel="internal", actor=services.Actor.of(reporter), submission_key="int-1",
        reporter=reporter, seal_reporter=True, client_hash="abc",
        data=ReportInput(kind="colleague", what_happened="My sergeant takes free meals.",
                         person_name="Sgt Testperson"))
    report = submitted.report
    assert report.reporter is None and report.reporter_sealed and report.client_hash == ""
    assert reporter.get_username() not in report.reporter_sealed
    event = AuditEvent.objects.get(action="report_submitted", object_id=report.reference)
    assert event.actor_id is None and reporter.name not in event.actor_name
    private, _public = development_keypair(django_settings.SECRET_KEY)
    assert unseal(report.reporter_sealed, private_key=private)["username"] == reporter.get_username()


def test_a_sealed_identity_cannot_be_opened_with_another_key(cast: Cast, settings: object) -> None:
    reporter = cast.user("no_role")
    report = services.report_submit(
        force=cast.force, channel="internal", actor=services.Actor.of(reporter), submission_key="int-2",
        reporter=reporter, seal_reporter=True,
        data=ReportInput(kind="colleague", what_happened="Concern")).report
    another, _public = generate_keypair()
    with pytest.raises(SealError):
        unseal(report.reporter_sealed, private_key=another)


def test_a_self_report_needs_the_matter_and_cannot_be_sealed(cast: Cast) -> None:
    reporter = cast.user("investigator")
    with pytest.raises(ValidationError) as caught:
        services.report_submit(
            force=cast.force, channel="internal", actor=services.Actor.of(reporter), submission_key="s1",
            reporter=reporter, seal_reporter=True,
            data=ReportInput(kind="self_report", what_happened="Speeding", matter=""))
    assert {"matter", "anonymous"} <= set(caught.value.message_dict)
    report = services.report_submit(
        force=cast.force, channel="internal", actor=services.Actor.of(reporter), submission_key="s2",
        reporter=reporter, data=ReportInput(kind="self_report", what_happened="Speed awareness course offered",
                                            matter="penalty_notice", matter_on=date(2025, 5, 1))).report
    assert report.reporter == reporter and report.matter == "penalty_notice"


def test_an_internal_report_to_another_force_is_refused(cast: Cast) -> None:
    with pytest.raises(ValidationError) as caught:
        services.report_submit(
            force=cast.other_force, channel="internal", actor=services.PUBLIC_ACTOR, submission_key="x",
            reporter=cast.user("no_role"), data=ReportInput(kind="colleague", what_happened="x"))
    assert "reporter" in caught.value.message_dict


def test_a_hotline_call_needs_a_call_handler_of_the_force(cast: Cast) -> None:
    with pytest.raises(ValidationError):
        _submit(cast, _public(), key="h1", channel="hotline")
    report = _submit(cast, _public(), key="h2", channel="hotline", entered_by=cast.user("call_handler")).report
    assert report.entered_by == cast.user("call_handler")


# -- triage -------------------------------------------------------------------------------


def _classify(**kw: object) -> services.Classification:
    fields: dict[str, object] = {"case_type": "complaint", "category": "police_powers"}
    fields.update(kw)
    return services.Classification(**fields)  # type: ignore[arg-type]


def test_triage_records_a_report_as_a_case_with_its_subject(cast: Cast) -> None:
    report = cast.report
    done = services.report_triage(report=report, user=cast.appropriate_authority, decision="record",
                                  expected_version=report.version, officer=cast.officer,
                                  classification=_classify(conduct=("disciplinary_breach",)),
                                  contacted_on=timezone.localdate())
    assert done.status == ReportStatus.LOGGED and done.case is not None
    case = done.case
    assert case.state == "recorded" and case.complainant is not None
    assert case.complainant.email == "pat@example.com"
    assert case.allegations.get().subjects.get().officer == cast.officer
    event = AuditEvent.objects.get(action="report_triaged", object_id=report.reference)
    assert event.after is not None
    assert event.after["decision"] == "record" and event.after["case"] == case.reference
    assert done.updates.count() == 1


def test_triage_refuses_informal_handling_when_the_rules_say_record(cast: Cast) -> None:
    with pytest.raises(ValidationError) as caught:
        services.report_triage(report=cast.report, user=cast.appropriate_authority,
                               decision="outside_schedule_3", expected_version=cast.report.version,
                               classification=_classify(conduct=("criminal_offence",)))
    message = caught.value.message_dict["decision"][0]
    assert "must be recorded" in message and "Sch 3 para 2(6" in message
    assert Case.objects.filter(reports=cast.report).count() == 0
    cast.report.refresh_from_db()
    assert cast.report.status == ReportStatus.NEW


def test_triage_refuses_to_log_without_referral_when_referral_is_mandatory(cast: Cast) -> None:
    cases_before = Case.objects.count()
    with pytest.raises(ValidationError) as caught:
        services.report_triage(report=cast.report, user=cast.appropriate_authority, decision="record",
                               expected_version=cast.report.version,
                               classification=_classify(conduct=("serious_assault",)))
    assert "must be referred to the IOPC (serious assault)" in caught.value.message_dict["decision"][0]
    assert Case.objects.count() == cases_before
    done = services.report_triage(report=cast.report, user=cast.appropriate_authority, decision="refer",
                                  expected_version=cast.report.version,
                                  classification=_classify(conduct=("serious_assault",)))
    assert done.case is not None and done.case.state == "referred"


def test_triage_allows_informal_handling_of_a_service_complaint(cast: Cast) -> None:
    done = services.report_triage(report=cast.report, user=cast.appropriate_authority,
                                  decision="outside_schedule_3", expected_version=cast.report.version,
                                  classification=_classify(conduct=("service_level",),
                                                           complainant_wants_recording=False,
                                                           category="delivery_of_duties"))
    assert done.case is not None and done.case.state == "outside_schedule_3"


def test_triage_links_a_duplicate_to_an_existing_case(cast: Cast) -> None:
    done = services.report_triage(report=cast.report, user=cast.appropriate_authority, decision="link",
                                  expected_version=cast.report.version, link_to=cast.case,
                                  classification=_classify())
    assert done.status == ReportStatus.LINKED and done.case == cast.case
    assert cast.case.timeline.filter(kind="report_linked").exists()


def test_triage_of_another_forces_case_link_is_refused(cast: Cast) -> None:
    with pytest.raises(ValidationError):
        services.report_triage(report=cast.report, user=cast.appropriate_authority, decision="link",
                               expected_version=cast.report.version, link_to=cast.other_case,
                               classification=_classify())


@pytest.mark.parametrize("who", ["investigator", "call_handler", "no_role", "other_force_user"])
def test_only_an_assessor_of_the_force_may_triage(cast: Cast, who: str) -> None:
    with pytest.raises(PermissionDenied):
        services.report_triage(report=cast.report, user=cast.user(who), decision="log",
                               expected_version=cast.report.version, classification=_classify())


def test_a_stale_triage_is_refused_and_changes_nothing(cast: Cast) -> None:
    services.report_triage(report=cast.report, user=cast.appropriate_authority, decision="no_further_action",
                           expected_version=1, note="Test message", classification=_classify())
    cases_before = Case.objects.count()
    with pytest.raises(StaleEdit):
        services.report_triage(report=cast.report, user=cast.appropriate_authority, decision="record",
                               expected_version=1, classification=_classify())
    assert Case.objects.count() == cases_before


def test_no_further_action_needs_a_reason(cast: Cast) -> None:
    with pytest.raises(ValidationError) as caught:
        services.report_triage(report=cast.report, user=cast.appropriate_authority,
                               decision="no_further_action", expected_version=1, classification=_classify())
    assert "note" in caught.value.message_dict


# -- the complainant's own steps -----------------------------------------------------------


def test_the_complainant_can_have_an_informal_complaint_recorded(cast: Cast) -> None:
    done = services.report_triage(report=cast.report, user=cast.appropriate_authority,
                                  decision="outside_schedule_3", expected_version=1,
                                  classification=_classify(conduct=("service_level",), category="delivery_of_duties"))
    case = services.complainant_asks_to_record(report=done)
    assert case.state == "recorded"
    event = AuditEvent.objects.filter(action="case_state_changed", object_id=case.reference).latest("id")
    assert event.actor_role == "public" and "tracking page" in event.actor_name


def test_a_review_can_be_asked_for_only_when_the_case_is_closed(cast: Cast) -> None:
    done = services.report_triage(report=cast.report, user=cast.appropriate_authority, decision="record",
                                  expected_version=1, classification=_classify(conduct=("disciplinary_breach",)))
    with pytest.raises(ValidationError):
        services.complainant_review_request(report=done, reasons="Unfair", review_body="iopc")
    case = done.case
    assert case is not None
    from candour.cases.transitions import case_transition

    case = case_transition(case=case, transition="handle_otherwise", user=cast.appropriate_authority,
                           expected_version=case.version)
    case = case_transition(case=case, transition="close", user=cast.appropriate_authority,
                           expected_version=case.version, inputs={"handling_outcome": "service_acceptable"})
    done.refresh_from_db()
    with pytest.raises(ValidationError):
        services.complainant_review_request(report=done, reasons="  ", review_body="iopc")
    request = services.complainant_review_request(report=done, reasons="The outcome ignored my witness",
                                                  review_body="local_policing_body")
    case.refresh_from_db()
    assert case.state == "review" and request.case == case


def test_tracking_codes_work_once_and_reveal_nothing(cast: Cast, mailoutbox: list[object]) -> None:
    from django.test import TestCase

    with TestCase.captureOnCommitCallbacks(execute=True):
        services.tracking_code_send(reference=cast.report.reference, email="wrong@example.com")
    assert mailoutbox == []
    with TestCase.captureOnCommitCallbacks(execute=True):
        services.tracking_code_send(reference=cast.report.reference.lower(), email="PAT@example.com")
    assert len(mailoutbox) == 1
    code = mailoutbox[0].body.split("Your code is ")[1][:6]  # type: ignore[attr-defined]
    assert services.tracking_code_check(reference=cast.report.reference, code="000000" if code != "000000"
                                        else "111111") is None
    assert services.tracking_code_check(reference=cast.report.reference, code=code) == cast.report
    assert services.tracking_code_check(reference=cast.report.reference, code=code) is None


def test_tracking_code_locks_after_five_wrong_tries(cast: Cast, mailoutbox: list[object]) -> None:
    from django.test import TestCase

    with TestCase.captureOnCommitCallbacks(execute=True):
        services.tracking_code_send(reference=cast.report.reference, email="pat@example.com")
    code = mailoutbox[0].body.split("Your code is ")[1][:6]  # type: ignore[attr-defined]
    wrong = "999999" if code != "999999" else "888888"
    for _ in range(6):
        assert services.tracking_code_check(reference=cast.report.reference, code=wrong) is None
    assert services.tracking_code_check(reference=cast.report.reference, code=code) is None


def test_a_welsh_report_gets_welsh_email_and_welsh_updates(cast: Cast, mailoutbox: list[object],
                                                          client: object) -> None:
    from django.test import TestCase
    from django.urls import reverse
    from django.utils import translation

    with TestCase.captureOnCommitCallbacks(execute=True):
        submitted = _submit(cast, _public(language="cy"), key="cy-1")
    assert mailoutbox[0].subject.startswith("Rydym wedi cael eich adroddiad")  # type: ignore[attr-defined]
    services.report_triage(report=submitted.report, user=cast.appropriate_authority, decision="record",
                           expected_version=1, classification=_classify(conduct=("disciplinary_breach",)))
    update = submitted.report.updates.get()
    assert update.code == "triage_record" and update.message.startswith("Your complaint has been formally")
    with translation.override("cy"):
        url = reverse("intake:track", args=[submitted.tracking_token])
    assert url.startswith("/cy/")
    page = client.get(url).content.decode()  # type: ignore[attr-defined]
    assert "Mae eich cwyn wedi’i chofnodi’n ffurfiol" in page
    assert "Your complaint has been formally" not in page
