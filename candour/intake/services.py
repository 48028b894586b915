"""Write side for intake: receiving reports, triaging them, and the complainant's own steps.

Every service validates first and then writes everything in one transaction with its audit
event, so a report is saved whole or not at all. Emails leave only after commit.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import secrets
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from candour.accounts.models import Force, User
from candour.audit.events import AuditVerb
from candour.audit.services import Actor, audit_record
from candour.cases import services as case_services
from candour.cases.models import Case, ComplainantUpdate
from candour.cases.transitions import case_transition
from candour.common.errors import StaleEdit
from candour.common.validators import clean_text
from candour.domain import taxonomy
from candour.domain.access import Action, can
from candour.domain.assess import assess
from candour.domain.facts import FactsError, parse_facts
from candour.domain.lifecycle import CaseState, CaseType
from candour.intake.models import (
    Channel,
    EvidenceFile,
    FollowUp,
    Report,
    ReportKind,
    ReportStatus,
    ReviewRequest,
    TrackingCode,
    TrackingLink,
)
from candour.intake.sealing import seal
from candour.intake.storage import StoredUpload
from candour.intake.tracking import opened_the_case, update_text
from candour.intake.validation import ReportInput, report_input_errors
from candour.notify.adapters import Message, notify_after_commit
from candour.people import services as people_services
from candour.people.models import Officer, StaffMember

_ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"  # Crockford base 32: no I, L, O or U

PUBLIC_ACTOR = Actor(id=None, name="member of the public (online form)", role="public")
SEALED_ACTOR = Actor(id=None, name="anonymous internal reporter", role="internal")


class DuplicateSubmission(Exception):
    """This form was sent before; ``report`` is the one already saved."""

    def __init__(self, report: Report | None) -> None:
        super().__init__("This report has already been sent")
        self.report = report


def complainant_actor(report: Report) -> Actor:
    return Actor(id=None, name=f"complainant (tracking page of {report.reference})", role="public")


def _random_reference(force: Force) -> str:
    code = "".join(secrets.choice(_ALPHABET) for _ in range(8))
    return f"{force.code}-R{code[:4]}-{code[4:]}"


def tracking_hash(token: str) -> str:
    return hashlib.sha256(f"tracking:{token}".encode()).hexdigest()


def tracking_token_for(submission_key: str) -> str:
    """The first tracking token of the report sent with ``submission_key``: derived with a key
    from ``SECRET_KEY`` (not in the database), so the same form sent again after a fault (the
    report saved, the answer lost on its way back) is shown the same link, without the token
    being kept anywhere. The database holds only its hash, as for any other link."""
    digest = hmac.new(hashlib.sha256(f"candour tracking token:{settings.SECRET_KEY}".encode()).digest(),
                      submission_key.encode(), hashlib.sha256).digest()
    return base64.urlsafe_b64encode(digest[:24]).decode()


def submission_recovered(*, submission_key: str) -> Submitted | None:
    """The report already saved from the form with ``submission_key`` and its first tracking
    token, when that token is still the one derived from the key (a report saved before tokens
    were derived, or under an older ``SECRET_KEY``, gives ``None``)."""
    if not submission_key or len(submission_key) > 64:
        return None
    report = Report.objects.select_related("force").filter(submission_key=submission_key).first()
    if report is None:
        return None
    token = tracking_token_for(submission_key)
    if not hmac.compare_digest(report.tracking_hash, tracking_hash(token)):
        return None
    return Submitted(report=report, tracking_token=token)


@dataclass(frozen=True)
class Submitted:
    report: Report
    tracking_token: str


def report_submit(*, force: Force, data: ReportInput, channel: Channel | str, actor: Actor,
                  submission_key: str, uploads: list[StoredUpload] | None = None,
                  client_hash: str = "", reporter: User | None = None,
                  entered_by: User | None = None, seal_reporter: bool = False,
                  now: datetime | None = None, tracking_url: Callable[[str], str] | None = None) -> Submitted:
    """Save one report, its evidence and its audit event in one transaction.

    Raises ``ValidationError`` (field -> message) for bad input, and
    :class:`DuplicateSubmission` when ``submission_key`` was used before: a double click
    or a replayed form saves nothing new. ``tracking_url(token)`` gives the tracking page's
    full address, which the receipt email carries.
    """
    now = now or timezone.now()
    today = timezone.localdate(now)
    channel = Channel(channel)
    cleaned, errors = report_input_errors(data, today=today)
    if channel == Channel.INTERNAL:
        if reporter is None:
            errors["reporter"] = "An internal report needs the reporting user"
        elif reporter.force_id != force.pk:
            errors["reporter"] = "You can only report to your own force"
        if cleaned.kind not in (ReportKind.COLLEAGUE, ReportKind.SELF_REPORT):
            errors["kind"] = "Choose a report about a colleague or a self-report"
        if seal_reporter and cleaned.kind == ReportKind.SELF_REPORT:
            errors["anonymous"] = "A self-report cannot be anonymous"
    elif cleaned.kind not in (ReportKind.COMPLAINT, ReportKind.CONDUCT):
        errors["kind"] = _("Select what you are reporting")
    if channel == Channel.HOTLINE and (entered_by is None or entered_by.force_id != force.pk):
        errors["entered_by"] = "A hotline call must be entered by a call handler of this force"
    uploads = list(uploads or [])
    if len(uploads) > settings.CANDOUR_EVIDENCE_MAX_FILES:
        errors["evidence"] = _("You can send up to %(n)s files") % {"n": settings.CANDOUR_EVIDENCE_MAX_FILES}
    if not submission_key or len(submission_key) > 64:
        errors["submission_key"] = _("The form has expired: start again")
    if errors:
        raise ValidationError(errors)

    # A key used before (a double click, a replayed form) is found by its unique index when the
    # report is inserted: nothing is saved, and the first report is returned below.
    token = tracking_token_for(submission_key)
    sealed = ""
    named_reporter = reporter
    if seal_reporter and reporter is not None:
        sealed = seal({"user_id": reporter.pk, "username": reporter.get_username(),
                       "name": reporter.name, "sealed_at": now.isoformat()})
        named_reporter = None
        # Nothing else may point back at the reporter: not the audit actor, not the address.
        actor = SEALED_ACTOR
        client_hash = ""
    try:
        with transaction.atomic():
            report = Report(
                force=force, reference=_random_reference(force), channel=channel.value,
                kind=cleaned.kind, language=cleaned.language, received_at=now,
                submission_key=submission_key, what_happened=cleaned.what_happened,
                incident_on=cleaned.incident_on, incident_location=cleaned.incident_location,
                person_name=cleaned.person_name, person_number=cleaned.person_number,
                person_description=cleaned.person_description, relationship=cleaned.relationship,
                matter=cleaned.matter, matter_on=cleaned.matter_on, anonymous=cleaned.anonymous,
                contact_name=cleaned.contact_name, contact_email=cleaned.contact_email,
                contact_phone=cleaned.contact_phone, reporter=named_reporter,
                reporter_sealed=sealed, entered_by=entered_by,
                tracking_hash=tracking_hash(token),
                client_hash=client_hash)
            report.save()
            EvidenceFile.objects.bulk_create([
                EvidenceFile(report=report, original_name=u.original_name, stored_name=u.stored_name,
                             content_type=u.content_type, size=u.size, sha256=u.sha256, scan=u.scan,
                             scan_detail=u.scan_detail)
                for u in uploads
            ])
            audit_record(actor=actor, action=AuditVerb.REPORT_SUBMITTED, on=report,
                         after={"channel": report.channel, "kind": report.kind,
                                "anonymous": report.anonymous, "sealed_reporter": bool(sealed),
                                "evidence_files": len(uploads), "language": report.language})
    except IntegrityError:
        # The same key was sent before, or raced in from another request: one report only.
        existing = Report.objects.filter(submission_key=submission_key).first()
        if existing is not None:
            raise DuplicateSubmission(existing) from None
        raise
    if report.contact_email:
        # The link in the language of the page the report was sent from (/cy/track/... in Welsh).
        link = tracking_url(token) if tracking_url is not None else ""
        with translation.override(report.language or "en-gb"):
            body = _("Thank you. Your reference is %(reference)s.\n\n") % {"reference": report.reference}
            if link:
                body += _("Follow the progress of your report, add information or withdraw it here:\n"
                          "%(link)s\n\nKeep this link private: anyone with it can see the progress of your "
                          "report, but not what you told us.\n\n") % {"link": link}
            body += _("If you lose the link, ask for a code by email on the tracking page, using your "
                      "reference and this email address.\n")
            notify_after_commit(Message(
                kind="report_receipt", to=report.contact_email, reference=report.reference,
                subject=_("We have received your report %(reference)s") % {"reference": report.reference},
                body=body, personalisation={"reference": report.reference, "tracking_url": link}))
    return Submitted(report=report, tracking_token=token)


# -- triage --------------------------------------------------------------------------------


class Decision:
    LOG = "log"
    RECORD = "record"
    OUTSIDE_SCHEDULE_3 = "outside_schedule_3"
    REFER = "refer"
    LINK = "link"
    NO_FURTHER_ACTION = "no_further_action"

    CHOICES = (
        (LOG, "Log the case and decide handling later"),
        (RECORD, "Log and record under Schedule 3"),
        (OUTSIDE_SCHEDULE_3, "Log and handle outside Schedule 3"),
        (REFER, "Log and refer to the IOPC"),
        (LINK, "Link to an existing case (same matter)"),
        (NO_FURTHER_ACTION, "Not a complaint or conduct matter: no further action"),
    )


@dataclass(frozen=True)
class Classification:
    """What the assessor says the report is about: the facts the rules need."""

    case_type: str
    category: str = ""
    conduct: tuple[str, ...] = ()
    discrimination: tuple[str, ...] = ()
    contact_resulted_in: str | None = None
    complainant_wants_recording: bool | None = None

    def facts_json(self, *, report: Report, officer: Officer | None, on: date) -> dict[str, Any]:
        facts: dict[str, Any] = {
            "on": on.isoformat(),
            "case_type": self.case_type if self.case_type in ("complaint", "conduct_matter",
                                                              "dsi_matter") else None,
            "received_on": timezone.localdate(report.received_at).isoformat(),
        }
        if self.conduct:
            facts["conduct"] = list(self.conduct)
        if self.discrimination:
            facts["discrimination"] = list(self.discrimination)
        if self.contact_resulted_in:
            facts["contact_resulted_in"] = self.contact_resulted_in
        if self.complainant_wants_recording is not None:
            facts["complainant_wants_recording"] = self.complainant_wants_recording
        if officer is not None:
            facts["subject"] = {"kind": "special_constable" if officer.kind == "special_constable"
                                else "officer", "rank": officer.rank, "status": officer.status}
        return {k: v for k, v in facts.items() if v is not None}


def triage_answers(*, report: Report, classification: Classification, officer: Officer | None,
                   on: date) -> dict[str, Any]:
    """The rules' answers (JSON form: value and reasons) for a report as classified."""
    try:
        facts = parse_facts(classification.facts_json(report=report, officer=officer, on=on))
    except FactsError as exc:
        raise ValidationError({"classification": str(exc)}) from exc
    answers: dict[str, Any] = assess(facts).to_json()
    return answers


def _value(answers: dict[str, Any], key: str) -> Any:
    entry = answers.get(key)
    return entry["value"] if isinstance(entry, dict) else None


def _reasons(answers: dict[str, Any], key: str) -> str:
    entry = answers.get(key) or {}
    return "; ".join(f"{r['text']} ({r['basis']})" for r in entry.get("because", []))


def report_triage(*, report: Report, user: User, decision: str, expected_version: int,
                  classification: Classification, officer: Officer | None = None,
                  staff_member: StaffMember | None = None, link_to: Case | None = None,
                  note: str = "", contacted_on: date | None = None,
                  today: date | None = None) -> Report:
    """The assessor's one decision on a new report: log (and record, route or refer), link it
    to an existing case, or close it as not a complaint. Checked against the rules: a report
    that must be recorded cannot go outside Schedule 3, and one that must be referred to the
    IOPC cannot be logged without referral. Everything commits together or not at all."""
    if user.force_id != report.force_id or not can(user.role_set(), Action.REPORT_TRIAGE):
        raise PermissionDenied("You do not have permission to triage reports")
    today = today or timezone.localdate()
    actor = Actor.of(user)
    errors: dict[str, str] = {}
    valid = {d for d, _ in Decision.CHOICES}
    if decision not in valid:
        errors["decision"] = "Choose what to do with this report"
    if classification.case_type not in {t.value for t in CaseType}:
        errors["case_type"] = "Choose the type of case"
    if officer is not None and officer.force_id != report.force_id:
        errors["officer"] = "The officer must serve in this force"
    if staff_member is not None and staff_member.force_id != report.force_id:
        errors["officer"] = "The staff member must serve in this force"
    if contacted_on and (contacted_on > today or contacted_on < timezone.localdate(report.received_at)):
        errors["contacted_on"] = "The date of first contact must be between the day received and today"
    creates_case = decision in (Decision.LOG, Decision.RECORD, Decision.OUTSIDE_SCHEDULE_3, Decision.REFER)
    if creates_case and classification.category not in taxonomy.CATEGORIES_BY_CODE:
        errors["category"] = "Choose the allegation category"
    if decision == Decision.LINK:
        if link_to is None:
            errors["link_to"] = "Enter the reference of the case to link this report to"
        elif link_to.force_id != report.force_id:
            errors["link_to"] = "There is no case with that reference"
    if decision == Decision.NO_FURTHER_ACTION and not note.strip():
        errors["note"] = "Say why this is not a complaint or conduct matter"
    if decision == Decision.OUTSIDE_SCHEDULE_3 and classification.case_type != CaseType.COMPLAINT:
        errors["decision"] = "Only a complaint can be handled outside Schedule 3"
    if errors:
        raise ValidationError(errors)

    answers = triage_answers(report=report, classification=classification, officer=officer,
                             on=today) if classification.case_type != CaseType.INTEGRITY_REPORT else {}
    must_record = _value(answers, "must_record")
    must_refer = _value(answers, "must_refer")
    if decision == Decision.OUTSIDE_SCHEDULE_3 and must_record:
        raise ValidationError({"decision": (
            "This complaint must be recorded under Schedule 3, so it cannot be handled outside "
            f"it: {_reasons(answers, 'must_record')}")})
    if creates_case and decision != Decision.REFER and must_refer:
        heads = ", ".join(str(h).replace("_", " ") for h in _value(answers, "referral_heads") or [])
        raise ValidationError({"decision": (
            f"This must be referred to the IOPC ({heads}): {_reasons(answers, 'must_refer')}")})

    with transaction.atomic():
        locked = Report.objects.select_for_update().get(pk=report.pk)
        if locked.version != expected_version or locked.status != ReportStatus.NEW:
            raise StaleEdit(
                f"{locked.reference} was triaged by someone else since you opened it. Nothing was "
                "saved: reload the report to see what was decided.")
        before = {"status": locked.status, "version": locked.version}
        case: Case | None = None
        if creates_case:
            case = _case_from_report(locked, classification=classification, officer=officer,
                                     staff_member=staff_member, actor=actor, user=user, today=today)
            for transition in {Decision.RECORD: ["record"],
                               Decision.OUTSIDE_SCHEDULE_3: ["handle_outside_schedule_3"],
                               Decision.REFER: ["refer"]}.get(decision, []):
                case = case_transition(
                    case=case, transition=transition, user=user, expected_version=case.version,
                    today=today, reason=note.strip() or "Decided at triage",
                    extra={"rules": {k: _value(answers, k) for k in
                                     ("must_record", "may_handle_outside_schedule_3",
                                      "must_refer", "referral_heads") if k in answers}})
            locked.status = ReportStatus.LOGGED
        elif decision == Decision.LINK:
            assert link_to is not None
            case = link_to
            case_services.case_timeline_add(
                case=case, kind="report_linked", title="Further report linked", actor=actor,
                description=f"{locked.reference} ({locked.get_channel_display()}) linked at triage")
            locked.status = ReportStatus.LINKED
        else:
            locked.status = ReportStatus.NO_FURTHER_ACTION
        locked.case = case
        locked.triaged_at = timezone.now()
        locked.triaged_by = user
        locked.triage_note = note.strip()
        locked.contacted_on = contacted_on
        locked.triage_facts = classification.facts_json(report=locked, officer=officer, on=today)
        locked.version += 1
        locked.save(update_fields=["status", "case", "triaged_at", "triaged_by", "triage_note",
                                   "contacted_on", "triage_facts", "version", "updated_at"])
        audit_record(actor=actor, action=AuditVerb.REPORT_TRIAGED, on=locked, before=before,
                     after={"status": locked.status, "decision": decision,
                            "case": case.reference if case else None,
                            "case_type": classification.case_type,
                            "conduct": list(classification.conduct),
                            "must_record": must_record, "must_refer": must_refer,
                            "officer": str(officer.uuid) if officer else None})
        if locked.tracking_hash:
            _update(locked, f"triage_{decision}", by="Professional Standards")
    return locked


def _update(report: Report, code: str, *, by: str) -> ComplainantUpdate:
    """A standard update for the tracking page, by code (shown in the reader's language)."""
    with translation.override("en-gb"):
        english = update_text(code)
    return case_services.complainant_update_record(case=report.case, report_id=report.pk, code=code, message=english,
                                                   sent_by_name=by)


def _case_from_report(report: Report, *, classification: Classification, officer: Officer | None,
                      staff_member: StaffMember | None, actor: Actor, user: User,
                      today: date) -> Case:
    complainant = None
    if report.kind == ReportKind.COMPLAINT and not report.anonymous and report.contact_name:
        complainant = people_services.member_of_public_create(
            force=report.force, actor=actor, from_report=report.reference, full_name=report.contact_name,
            email=report.contact_email, phone=report.contact_phone)
    case = case_services.case_open(
        force=report.force, case_type=classification.case_type,
        received_on=timezone.localdate(report.received_at), summary=report.what_happened[:2000],
        actor=actor, complainant=complainant, incident_on=report.incident_on,
        incident_location=report.incident_location, created_by=user, today=today,
        facts=classification.facts_json(report=report, officer=officer, on=today))
    allegation = case_services.allegation_add(
        case=case, category=classification.category, summary=report.what_happened[:2000],
        actor=actor, discrimination=[d for d in classification.discrimination
                                     if d in dict(taxonomy.PROTECTED_CHARACTERISTICS)])
    if officer is not None or staff_member is not None:
        case_services.subject_add(allegation=allegation, actor=actor, officer=officer,
                                  staff_member=staff_member)
    case.refresh_from_db()
    return case


# -- the complainant's own steps -----------------------------------------------------------


def report_for_tracking(*, token: str) -> Report | None:
    """The report a tracking link opens: its first link, or one made later from an emailed code."""
    if not token or len(token) > 64:
        return None
    digest = tracking_hash(token)
    reports = Report.objects.select_related("force", "case")
    report = reports.filter(tracking_hash=digest).first()
    if report is None:
        link = TrackingLink.objects.filter(link_hash=digest).only("report_id").first()
        report = reports.filter(pk=link.report_id).first() if link is not None else None
    return report


def complainant_asks_to_record(*, report: Report, today: date | None = None) -> Case:
    """The complainant is not satisfied with informal handling: the complaint must be recorded.
    Only from the report the case was opened from: a report linked to the case later is someone
    else's, and cannot decide how the complainant's complaint is handled."""
    if report.case_id is not None and not opened_the_case(report):
        raise ValidationError({"case": _("Only the person who made the complaint can ask for it to be recorded")})
    case = report.case
    if case is None or case.state != CaseState.OUTSIDE_SCHEDULE_3:
        raise ValidationError({"case": _("Your complaint is not being handled informally")})
    updated = case_transition(
        case=case, transition="record", user=None, expected_version=case.version, today=today,
        complainant=complainant_actor(report),
        reason="The complainant asked for the complaint to be recorded (PRA Sch 3 para 2(6A)(a))")
    _update(report, "asked_to_record", by="Candour")
    return updated


def complainant_review_request(*, report: Report, reasons: str, review_body: str,
                               today: date | None = None) -> ReviewRequest:
    """Record a review application and move the case into review, in one transaction. Only
    from the report the case was opened from (the complainant's), never a linked one."""
    today = today or timezone.localdate()
    if report.case_id is not None and not opened_the_case(report):
        raise ValidationError({"reasons": _("Only the person who made the complaint can ask for a review")})
    case = report.case
    text = (reasons or "").strip()
    if not text:
        raise ValidationError({"reasons": _("Enter why you want a review")})
    if len(text) > 5000:
        raise ValidationError({"reasons": _("Your reasons must be 5,000 characters or fewer")})
    if case is None or case.state != CaseState.CLOSED:
        raise ValidationError({"reasons": _("You cannot ask for a review until we have finished "
                                            "dealing with your complaint")})
    with transaction.atomic():
        request = ReviewRequest.objects.create(report=report, case=case, received_on=today,
                                               reasons=text, review_body=review_body)
        case_transition(
            case=case, transition="request_review", user=None, expected_version=case.version,
            today=today, complainant=complainant_actor(report),
            reason="Review applied for on the tracking page", extra={"review_body": review_body})
        _update(report, "review_received", by="Candour")
    return request


def tracking_code_send(*, reference: str, email: str, now: datetime | None = None) -> None:
    """Email a one-time code to the address given with the report. Says nothing about whether
    the reference and address matched, so it cannot be used to find out who reported."""
    now = now or timezone.now()
    report = Report.objects.filter(reference=reference.strip().upper(),
                                   contact_email__iexact=email.strip()).first()
    if report is None or not email.strip():
        return
    code = f"{secrets.randbelow(10**6):06d}"
    with transaction.atomic():
        TrackingCode.objects.filter(report=report, used_at__isnull=True).update(used_at=now)
        TrackingCode.objects.create(report=report, code_hash=tracking_hash(code), created_at=now,
                                    expires_at=now + timedelta(minutes=settings.CANDOUR_TRACKING_CODE_MINUTES))
        with translation.override(report.language or "en-gb"):
            notify_after_commit(Message(
                kind="tracking_code", to=report.contact_email, reference=report.reference,
                subject=_("Your code for report %(reference)s") % {"reference": report.reference},
                body=_("Your code is %(code)s. It works once and expires in %(minutes)s minutes.\n")
                % {"code": code, "minutes": settings.CANDOUR_TRACKING_CODE_MINUTES},
                personalisation={"code": code, "reference": report.reference,
                                 "minutes": str(settings.CANDOUR_TRACKING_CODE_MINUTES)}))


def tracking_code_check(*, reference: str, code: str, now: datetime | None = None) -> Report | None:
    """The report, if ``code`` is the live code for it; each code works once, 5 tries at most."""
    now = now or timezone.now()
    report = Report.objects.filter(reference=reference.strip().upper()).first()
    if report is None:
        return None
    with transaction.atomic():
        live = (TrackingCode.objects.select_for_update()
                .filter(report=report, used_at__isnull=True, expires_at__gt=now)
                .order_by("-created_at").first())
        if live is None:
            return None
        if live.attempts >= 5:
            live.used_at = now
            live.save(update_fields=["used_at"])
            return None
        if hmac.compare_digest(live.code_hash, tracking_hash(code.strip())):
            live.used_at = now
            live.save(update_fields=["used_at"])
            return report
        live.attempts += 1
        live.save(update_fields=["attempts"])
    return None


def tracking_link_add(*, report: Report, now: datetime | None = None) -> str:
    """A further tracking link for ``report``, after an emailed code proved who is asking.

    Every earlier link keeps working: someone who asked for a code because they could not
    find the link may find it again later, and a code must not take it away."""
    token = secrets.token_urlsafe(24)
    TrackingLink.objects.create(report=report, link_hash=tracking_hash(token), created_at=now or timezone.now())
    return token


def _follow_up_text(text: str, *, what: str, limit: int = 5000) -> str:
    cleaned = clean_text(text or "", multiline=True)
    if len(cleaned) > limit:
        raise ValidationError({"text": _("%(what)s must be %(limit)s characters or fewer")
                               % {"what": what, "limit": f"{limit:,}"}})
    return cleaned


def report_information_add(*, report: Report, text: str, now: datetime | None = None) -> FollowUp:
    """More information from the person who reported, sent from their tracking page. Kept with
    the report; once the report has joined a case, a line on the case's timeline says so."""
    now = now or timezone.now()
    cleaned = _follow_up_text(text, what=_("The information"))
    if not cleaned:
        raise ValidationError({"text": _("Enter the information you want to add")})
    with transaction.atomic():
        follow_up = FollowUp.objects.create(report=report, kind=FollowUp.Kind.INFORMATION, received_at=now,
                                            text=cleaned)
        actor = complainant_actor(report)
        if report.case is not None:
            case_services.case_timeline_add(
                case=report.case, kind="report_information", title="More information from the person who reported",
                actor=actor, description=f"{report.reference}: sent on the tracking page")
        audit_record(actor=actor, action=AuditVerb.REPORT_INFORMATION_ADDED, on=report,
                     after={"follow_up": follow_up.pk, "characters": len(cleaned)})
    return follow_up


def report_withdrawal_request(*, report: Report, confirm: bool, reason: str = "", signed_name: str = "",
                              now: datetime | None = None) -> FollowUp:
    """The person who reported asks to withdraw. Recorded as their notification, with the name
    they signed it with; staff then decide whether the report or complaint can be withdrawn
    (C&M Regs reg 38 and the regulation 39 route) and record that on the case."""
    now = now or timezone.now()
    errors: dict[str, str] = {}
    if not confirm:
        errors["confirm"] = _("Select yes if you want to withdraw your report")
    try:
        cleaned = _follow_up_text(reason, what=_("Your reason"))
    except ValidationError as exc:
        errors["reason"] = exc.messages[0]
        cleaned = ""
    try:
        name = clean_text(signed_name or "")
    except ValidationError as exc:
        errors["signed_name"] = exc.messages[0]
        name = ""
    if len(name) > 150:
        errors["signed_name"] = _("Your name must be 150 characters or fewer")
    if not report.anonymous and not name and "signed_name" not in errors:
        errors["signed_name"] = _("Enter your full name to sign your request")
    if report.withdrawal_requested:
        errors["confirm"] = _("You have already asked to withdraw this report")
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        follow_up = FollowUp.objects.create(report=report, kind=FollowUp.Kind.WITHDRAWAL, received_at=now,
                                            text=cleaned, signed_name=name)
        actor = complainant_actor(report)
        if report.case is not None:
            case_services.case_timeline_add(
                case=report.case, kind="withdrawal_requested", title="The person who reported asked to withdraw",
                actor=actor, description=f"{report.reference}: asked on the tracking page"
                + (f", signed {name}" if name else ", unsigned (anonymous)"))
        audit_record(actor=actor, action=AuditVerb.REPORT_WITHDRAWAL_REQUESTED, on=report,
                     after={"follow_up": follow_up.pk, "signed": bool(name)})
    return follow_up


def evidence_view_record(*, evidence: EvidenceFile, actor: Actor) -> None:
    """Audit one opening of an evidence file (views of evidence are audited like changes)."""
    with transaction.atomic():
        audit_record(actor=actor, action=AuditVerb.EVIDENCE_VIEWED,
                     on=evidence, after={"report": evidence.report.reference, "sha256": evidence.sha256})


def service_feedback_send(*, rating: str, improve: str, language: str = "en") -> None:
    """Feedback about the service, emailed to ``CANDOUR_FEEDBACK_EMAIL`` after commit. It names
    no one and belongs to no report, so it is not kept in the database or the audit trail."""
    try:
        text = clean_text(improve or "", multiline=True)
    except ValidationError as exc:
        raise ValidationError({"improve": exc.messages[0]}) from None
    if not settings.CANDOUR_FEEDBACK_EMAIL:
        raise ValidationError({"__all__": _("Feedback cannot be sent from this form at the moment")})
    notify_after_commit(Message(
        kind="service_feedback", to=settings.CANDOUR_FEEDBACK_EMAIL,
        subject=f"Feedback on {settings.CANDOUR_SERVICE_NAME}: {rating}",
        body=(f"Rating: {rating}\nLanguage: {language}\n\nHow could we improve this service?\n"
              f"{text or '(nothing written)'}\n"),
        personalisation={"rating": rating, "improve": text, "language": language}))
