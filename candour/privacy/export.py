"""Subject access: everything a force holds about one person, as a zip of JSON, CSV and a
readable HTML page (UK GDPR Art 15; DPA 2018 s.45 for law-enforcement processing).

Nothing is left out and nothing is redacted automatically: the person's own data is given as
it is, and every value that is, or may be, someone else's personal data is *marked* with the
reason, for the data protection officer to decide before anything is sent:

* ``redact``: another person's personal data (the officer complained about, a staff member
  acting in their role, another member of the public) - DPA 2018 Sch 2 para 16 and s.45(4)(e);
* ``check``: free text that may name other people, or intelligence, which someone must read.

In JSON a marked value is ``{"value": ..., "redact": "<reason>"}`` (or ``"check"``); in the CSV
files and the HTML page it is ``[REDACT: <reason>]value[/REDACT]`` (or ``[CHECK: ...]``).
"""

from __future__ import annotations

import csv
import io
import json
import zipfile
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from django.db import transaction
from django.db.models import Q
from django.template.loader import render_to_string
from django.utils import timezone

from candour.accounts.models import ApiToken
from candour.audit.events import AuditVerb
from candour.audit.models import AuditEvent
from candour.audit.services import Actor, audit_record
from candour.cases.models import (
    Appeal,
    ComplainantUpdate,
    Interview,
    ProceedingsNotice,
    Reg17Notice,
    Review,
    Subject,
    TimelineEvent,
)
from candour.common.spreadsheet import spreadsheet_safe
from candour.intake.models import EvidenceFile, FollowUp, ReviewRequest, TrackingLink
from candour.intake.storage import evidence_path
from candour.people.models import ProtectedCharacteristics
from candour.privacy.retention import schedule
from candour.privacy.subjects import SubjectQuery, SubjectRecords, subject_records
from candour.screening.models import ScreeningCandidate
from candour.workforce.models import (
    Conviction,
    ListEntry,
    SuspensionEpisode,
    VettingAftercare,
    VettingClearance,
    VettingReview,
    WithdrawalAssessment,
)

REDACT = "redact"
CHECK = "check"

OFFICER = (REDACT, "third party: the officer or member of staff the matter is about (DPA 2018 Sch 2 para 16; "
                   "s.45(4)(e))")
STAFF = (REDACT, "third party: a member of staff acting in their role; disclose only if force policy allows")
PUBLIC = (REDACT, "third party: another member of the public (DPA 2018 Sch 2 para 16)")
COMPLAINANT = (REDACT, "third party: the complainant or person who reported (DPA 2018 Sch 2 para 16; s.45(4)(e))")
TEXT = (CHECK, "free text: may name other people; read before disclosure")
INTELLIGENCE = (CHECK, "intelligence or an extract's record: consider the restrictions of DPA 2018 s.45(4)")
FILE = (CHECK, "a file sent as evidence: may show other people; look at it before disclosure")


@dataclass(frozen=True)
class Marked:
    """A value someone must decide about before disclosure, and why."""

    value: Any
    action: str
    reason: str

    def text(self) -> str:
        tag = self.action.upper()
        return f"[{tag}: {self.reason}]{_plain(self.value)}[/{tag}]"


Column = tuple[str, Callable[[Any], Any], tuple[str, str] | None]


@dataclass
class Section:
    key: str
    title: str
    columns: list[str]
    rows: list[list[Any]]


@dataclass
class Export:
    query: SubjectQuery
    made_at: datetime
    made_by: str
    sections: list[Section]
    files: list[tuple[str, bytes]] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    @property
    def counts(self) -> dict[str, int]:
        return {s.key: len(s.rows) for s in self.sections if s.rows}

    @property
    def marked(self) -> dict[str, int]:
        counts = {REDACT: 0, CHECK: 0}
        for section in self.sections:
            for row in section.rows:
                for cell in row:
                    if isinstance(cell, Marked):
                        counts[cell.action] += 1
        return counts


def _plain(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, datetime):
        return timezone.localtime(value).isoformat(timespec="minutes") if timezone.is_aware(value) \
            else value.isoformat(timespec="minutes")
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, (list, tuple)):
        return "; ".join(_plain(v) for v in value)
    if isinstance(value, dict):
        return "; ".join(f"{k}: {_plain(v)}" for k, v in value.items())
    return str(value)


def _section(key: str, title: str, rows: Iterable[Any], columns: list[Column]) -> Section:
    out = []
    for row in rows:
        cells = []
        for _, get, mark in columns:
            value = get(row)
            cells.append(Marked(value, *mark) if mark and value not in (None, "", [], {}) else value)
        out.append(cells)
    return Section(key=key, title=title, columns=[c[0] for c in columns], rows=out)


def _events(object_type: str, ids: list[str]) -> list[AuditEvent]:
    if not ids:
        return []
    return list(AuditEvent.objects.filter(object_type=object_type, object_id__in=ids).order_by("occurred_at", "id"))


AUDIT_COLUMNS: list[Column] = [
    ("When", lambda e: e.occurred_at, None), ("What", lambda e: e.action, None),
    ("Record", lambda e: f"{e.object_type} {e.object_id}", None), ("By (role)", lambda e: e.actor_role, None),
    ("By (name)", lambda e: e.actor_name if e.actor_id else "", STAFF),
]


def _public_sections(found: SubjectRecords) -> tuple[list[Section], list[tuple[str, bytes]]]:
    reports, cases = found.reports, found.cases
    evidence = list(EvidenceFile.objects.filter(report__in=reports).select_related("report").order_by("pk"))
    files = []
    for item in evidence:
        path = evidence_path(item.stored_name)
        if path.exists():
            files.append((f"evidence/{item.download_name}", path.read_bytes()))
    sections = [
        _section("details", "Your details", found.people, [
            ("Name", lambda p: p.full_name, None), ("Email", lambda p: p.email, None),
            ("Phone", lambda p: p.phone, None), ("Address", lambda p: p.address, None),
            ("Postcode", lambda p: p.postcode, None), ("Recorded on", lambda p: p.created_at, None),
            ("Anonymised on", lambda p: p.anonymised_on, None)]),
        _section("reports", "Reports you made", reports, [
            ("Reference", lambda r: r.reference, None), ("Received", lambda r: r.received_at, None),
            ("How", lambda r: r.get_channel_display(), None), ("Kind", lambda r: r.get_kind_display(), None),
            ("What happened", lambda r: r.what_happened, TEXT), ("When it happened", lambda r: r.incident_on, None),
            ("Where", lambda r: r.incident_location, None),
            ("Officer or staff member named", lambda r: r.person_name, OFFICER),
            ("Their number", lambda r: r.person_number, OFFICER),
            ("Their description", lambda r: r.person_description, OFFICER),
            ("You were", lambda r: r.get_relationship_display(), None),
            ("Your name", lambda r: r.contact_name, None), ("Your email", lambda r: r.contact_email, None),
            ("Your phone", lambda r: r.contact_phone, None), ("Status", lambda r: r.get_status_display(), None),
            ("Triaged on", lambda r: r.triaged_at, None), ("Triage note", lambda r: r.triage_note, TEXT),
            ("Case", lambda r: r.case.reference if r.case_id else "", None),
            ("Tracking links that work", lambda r: int(bool(r.tracking_hash))
             + TrackingLink.objects.filter(report=r).count(), None)]),
        _section("evidence", "Files you sent", evidence, [
            ("Report", lambda e: e.report.reference, None), ("File", lambda e: f"evidence/{e.download_name}", FILE),
            ("Name you gave it", lambda e: e.original_name, None), ("Type", lambda e: e.content_type, None),
            ("Size (bytes)", lambda e: e.size, None), ("SHA-256", lambda e: e.sha256, None)]),
        _section("follow_ups", "What you sent after your report", FollowUp.objects.filter(
            report__in=reports).select_related("report").order_by("received_at"), [
            ("Report", lambda f: f.report.reference, None), ("Kind", lambda f: f.get_kind_display(), None),
            ("Received", lambda f: f.received_at, None), ("Text", lambda f: f.text, TEXT),
            ("Signed", lambda f: f.signed_name, None)]),
        _section("review_requests", "Reviews you asked for", ReviewRequest.objects.filter(
            report__in=reports).select_related("report").order_by("received_on"), [
            ("Report", lambda r: r.report.reference, None), ("Received", lambda r: r.received_on, None),
            ("Reasons", lambda r: r.reasons, TEXT), ("Review body", lambda r: r.review_body, None)]),
        _section("cases", "Cases", cases, [
            ("Reference", lambda c: c.reference, None), ("Type", lambda c: c.get_case_type_display(), None),
            ("State", lambda c: c.get_state_display(), None), ("Received", lambda c: c.received_on, None),
            ("When it happened", lambda c: c.incident_on, None), ("Where", lambda c: c.incident_location, None),
            ("Summary", lambda c: c.summary, TEXT), ("Closed", lambda c: c.closed_on, None),
            ("You were told the outcome on", lambda c: c.outcome_notified_on, None),
            ("Complainant on the case", lambda c: (c.complainant.full_name if c.complainant_id
                                                  and c.complainant not in found.people else ""), PUBLIC)]),
        _section("allegations", "Allegations", Subject.objects.filter(allegation__case__in=cases).select_related(
            "allegation__case", "officer", "staff_member").order_by("allegation__case", "allegation__number"), [
            ("Case", lambda s: s.allegation.case.reference, None), ("Number", lambda s: s.allegation.number, None),
            ("Category", lambda s: s.allegation.category, None), ("Allegation", lambda s: s.allegation.summary, TEXT),
            ("About", lambda s: s.person.full_name, OFFICER), ("Outcome", lambda s: s.get_outcome_display(), None),
            ("Outcome on", lambda s: s.outcome_on, None)]),
        _section("updates", "Updates given to you", ComplainantUpdate.objects.filter(
            Q(case__in=cases) | Q(report__in=reports, case__isnull=True)).order_by("sent_at", "pk"), [
            ("Sent", lambda u: u.sent_at, None), ("Message", lambda u: u.message, None),
            ("Sent by", lambda u: u.sent_by_name, STAFF)]),
        _section("reviews", "Reviews of the outcome", Review.objects.filter(case__in=cases).order_by("received_on"), [
            ("Case", lambda r: r.case.reference, None), ("Received", lambda r: r.received_on, None),
            ("Review body", lambda r: r.review_body, None), ("Outcome", lambda r: r.get_outcome_display(), None),
            ("Decided", lambda r: r.decided_on, None), ("Recommendations", lambda r: r.recommendations, TEXT),
            ("Reasons", lambda r: r.decision_reasons, TEXT)]),
        _section("timeline", "What was done on your cases", TimelineEvent.objects.filter(
            case__in=cases).select_related("case").order_by("occurred_at"), [
            ("Case", lambda t: t.case.reference, None), ("When", lambda t: t.occurred_at, None),
            ("What", lambda t: t.title, TEXT), ("Detail", lambda t: t.description, TEXT),
            ("By", lambda t: t.actor_name, STAFF)]),
        _section("audit", "Who recorded or looked at your records", [
            *_events("member_of_public", [str(p.uuid) for p in found.people]),
            *_events("report", [r.reference for r in reports])], AUDIT_COLUMNS),
    ]
    return sections, files


def _workforce_sections(found: SubjectRecords) -> list[Section]:
    person = found.workforce
    assert person is not None
    key = {"officer": found.officer} if found.officer is not None else {"staff_member": found.staff_member}
    subjects = found.subjects
    clearances = list(VettingClearance.objects.filter(**key).order_by("granted_on"))
    reviews = list(VettingReview.objects.filter(**key).order_by("opened_on"))
    characteristics = ProtectedCharacteristics.objects.filter(**key)
    sections = [
        _section("record", "Your record", [person], [
            ("Name", lambda p: p.full_name, None),
            ("Number", lambda p: getattr(p, "warrant_number", "") or getattr(p, "staff_number", ""), None),
            ("Collar number", lambda p: getattr(p, "collar_number", ""), None),
            ("Rank or grade", lambda p: p.get_rank_display() if hasattr(p, "rank") else p.grade, None),
            ("Unit", lambda p: p.unit.name if p.unit_id else "", None),
            ("Date of birth", lambda p: p.date_of_birth, None),
            ("Status", lambda p: p.get_status_display(), None), ("Joined", lambda p: p.joined_on, None),
            ("Left", lambda p: p.left_on, None)]),
        _section("protected_characteristics", "Your protected characteristics (equality monitoring)",
                 characteristics, [(label.capitalize().replace("_", " "), (lambda f: lambda c: getattr(c, f))(label),
                                    None) for label in ("sex", "ethnicity", "religion_or_belief",
                                                        "sexual_orientation", "disability")]),
        _section("account", "Your sign-in account", [found.account] if found.account else [], [
            ("Username", lambda u: u.username, None), ("Name", lambda u: u.name, None),
            ("Email", lambda u: u.email, None), ("Roles", lambda u: u.roles_label, None),
            ("Active", lambda u: u.is_active, None), ("Created", lambda u: u.date_joined, None),
            ("Last signed in", lambda u: u.last_login, None)]),
        _section("api_tokens", "Your API tokens", ApiToken.objects.filter(user=found.account).order_by("created_at")
                 if found.account else [], [
            ("Name", lambda t: t.name, None), ("Areas", lambda t: t.scopes, None),
            ("Created", lambda t: t.created_at, None), ("Expires", lambda t: t.expires_at, None),
            ("Last used", lambda t: t.last_used_at, None), ("Status", lambda t: t.status, None)]),
        _section("cases", "Cases about you", subjects, [
            ("Case", lambda s: s.allegation.case.reference, None),
            ("Type", lambda s: s.allegation.case.get_case_type_display(), None),
            ("State", lambda s: s.allegation.case.get_state_display(), None),
            ("Received", lambda s: s.allegation.case.received_on, None),
            ("Summary", lambda s: s.allegation.case.summary, TEXT),
            ("Complainant", lambda s: (s.allegation.case.complainant.full_name
                                       if s.allegation.case.complainant_id else ""), COMPLAINANT),
            ("Allegation", lambda s: s.allegation.summary, TEXT), ("Category", lambda s: s.allegation.category, None),
            ("Severity", lambda s: s.get_severity_display(), None),
            ("Case to answer", lambda s: s.get_case_to_answer_display(), None),
            ("Finding", lambda s: s.get_finding_display(), None), ("Outcome", lambda s: s.get_outcome_display(), None),
            ("Outcome on", lambda s: s.outcome_on, None),
            ("Reasons", lambda s: " ".join(filter(None, (s.severity_reasons, s.case_to_answer_reasons,
                                                          s.outcome_reasons))), TEXT),
            ("Investigator", lambda s: s.allegation.case.investigator.name
             if s.allegation.case.investigator_id else "", STAFF)]),
        _section("notices", "Notices served on you", Reg17Notice.objects.filter(subject__in=subjects).order_by(
            "served_on"), [("Case", lambda n: n.subject.allegation.case.reference, None),
                           ("Regulations", lambda n: n.get_regime_display(), None),
                           ("Served", lambda n: n.served_on, None), ("How", lambda n: n.get_method_display(), None),
                           ("Your response", lambda n: n.response_on, None)]),
        _section("interviews", "Interviews", Interview.objects.filter(subject__in=subjects).order_by("scheduled_for"), [
            ("Case", lambda i: i.subject.allegation.case.reference, None), ("When", lambda i: i.scheduled_for, None),
            ("Where", lambda i: i.place, None), ("Held", lambda i: i.held_on, None)]),
        _section("proceedings", "Proceedings", ProceedingsNotice.objects.filter(subject__in=subjects), [
            ("Case", lambda p: p.subject.allegation.case.reference, None), ("Forum", lambda p: p.forum, None),
            ("Notice", lambda p: p.notice_on, None), ("Hearing", lambda p: p.hearing_on, None),
            ("Witnesses you proposed", lambda p: p.witnesses_proposed, TEXT)]),
        _section("appeals", "Your appeals", Appeal.objects.filter(subject__in=subjects).order_by("lodged_on"), [
            ("Case", lambda a: a.case.reference, None), ("Kind", lambda a: a.get_kind_display(), None),
            ("Lodged", lambda a: a.lodged_on, None), ("Result", lambda a: a.get_result_display(), None),
            ("Decided", lambda a: a.decided_on, None)]),
        _section("suspensions", "Suspensions and restricted duties", SuspensionEpisode.objects.filter(
            officer=found.officer).order_by("started_on") if found.officer else [], [
            ("Kind", lambda e: e.get_kind_display(), None), ("From", lambda e: e.started_on, None),
            ("Reasons", lambda e: e.reasons, TEXT), ("Ground", lambda e: e.get_ground_display(), None),
            ("Ended", lambda e: e.ended_on, None), ("Why it ended", lambda e: e.end_reason, TEXT)]),
        _section("convictions", "Convictions, cautions and other matters", Conviction.objects.filter(
            officer=found.officer).order_by("disposal_on") if found.officer else [], [
            ("Offence", lambda c: c.offence, None), ("Offence on", lambda c: c.offence_on, None),
            ("Disposal", lambda c: c.get_disposal_display(), None), ("On", lambda c: c.disposal_on, None),
            ("Court", lambda c: c.court, None), ("Sentence", lambda c: c.sentence, None),
            ("How the rules treat it", lambda c: c.get_policy_display(), None)]),
        _section("lists", "Barred and advisory list entries", ListEntry.objects.filter(
            officer=found.officer).order_by("event_on") if found.officer else [], [
            ("List", lambda e: e.get_kind_display(), None), ("Event", lambda e: e.event_on, None),
            ("Why", lambda e: e.basis_label, None), ("Reported", lambda e: e.reported_on, None),
            ("Removed", lambda e: e.removed_on, None)]),
        _section("vetting", "Vetting clearances", clearances, [
            ("Level", lambda c: c.level, None), ("Decision", lambda c: c.get_decision_display(), None),
            ("On", lambda c: c.granted_on, None), ("Status", lambda c: c.get_status_display(), None),
            ("Renewal due", lambda c: c.renewal_due_on, None), ("Conditions", lambda c: c.conditions, None),
            ("Rationale", lambda c: c.rationale, TEXT)]),
        _section("vetting_aftercare", "Vetting aftercare", VettingAftercare.objects.filter(
            clearance__in=clearances).order_by("occurred_on"), [
            ("Level", lambda a: a.clearance.level, None), ("Kind", lambda a: a.get_kind_display(), None),
            ("On", lambda a: a.occurred_on, None), ("Notes", lambda a: a.notes, TEXT)]),
        _section("vetting_reviews", "Vetting reviews", reviews, [
            ("Trigger", lambda r: r.get_trigger_display(), None), ("Opened", lambda r: r.opened_on, None),
            ("Reason", lambda r: r.reason, TEXT), ("Opened by", lambda r: r.opened_by_name, STAFF),
            ("Outcome", lambda r: r.get_outcome_display(), None), ("Rationale", lambda r: r.outcome_rationale, TEXT),
            ("Decided", lambda r: r.decided_on, None)]),
        _section("withdrawal_assessments", "Vetting withdrawal assessments", WithdrawalAssessment.objects.filter(
            clearance__in=clearances).order_by("started_on"), [
            ("Level", lambda w: w.clearance.level, None), ("Started", lambda w: w.started_on, None),
            ("Reason", lambda w: w.reason, TEXT), ("Your representations", lambda w: w.representations_summary, None),
            ("Decision", lambda w: w.get_decision_display(), None), ("Rationale", lambda w: w.decision_rationale, TEXT),
            ("Decided", lambda w: w.decided_on, None)]),
        _section("screening", "Screening matches", ScreeningCandidate.objects.filter(**key).select_related(
            "run").order_by("created_at"), [
            ("Screened against", lambda c: c.run.name, None), ("Probability", lambda c: c.match_probability, None),
            ("Your record as compared", lambda c: c.workforce_record, None),
            ("The extract's record", lambda c: c.extract_record, INTELLIGENCE),
            ("Decision", lambda c: c.get_status_display(), None), ("Reason", lambda c: c.decision_reason, TEXT)]),
        _section("reports_made", "Reports you made (named, not sealed)", found.reports, [
            ("Reference", lambda r: r.reference, None), ("Received", lambda r: r.received_at, None),
            ("Kind", lambda r: r.get_kind_display(), None), ("What happened", lambda r: r.what_happened, TEXT),
            ("About", lambda r: r.person_name, OFFICER), ("Status", lambda r: r.get_status_display(), None)]),
        _section("investigations", "Cases you were appointed to investigate",
                 found.account.investigations.order_by("reference") if found.account else [], [
            ("Case", lambda c: c.reference, None), ("Appointed", lambda c: c.investigator_appointed_on, None)]),
        _section("audit", "Who recorded or looked at your records", [
            *_events("officer" if found.officer else "staff_member", [str(person.uuid)]),
            *_events("user", [str(found.account.pk)] if found.account else [])], AUDIT_COLUMNS),
    ]
    return sections


def subject_access_build(*, query: SubjectQuery, actor: Actor, records: SubjectRecords | None = None) -> Export:
    """Everything held about the person in ``query`` (records found by
    :func:`~candour.privacy.subjects.subject_records` unless given)."""
    found = records or subject_records(query)
    notes = [
        "Every value marked REDACT is another person's personal data, and every value marked CHECK may be: "
        "decide each before anything is sent (DPA 2018 Sch 2 para 16; for law-enforcement records s.45(4)).",
        "A report made anonymously by an officer or member of staff is sealed: it cannot be found by name and is "
        "not in this export. If the person says they made one, see docs/data-protection.md (candour unseal).",
        f"Retention: {schedule().source}. Records past their period were anonymised and show the marker "
        f"{schedule().marker!r}.",
    ]
    files: list[tuple[str, bytes]] = []
    if found.workforce is not None:
        sections = _workforce_sections(found)
    else:
        sections, files = _public_sections(found)
    return Export(query=query, made_at=timezone.now(), made_by=f"{actor.name} ({actor.role})", sections=sections,
                  files=files, notes=notes)


# -- recording it --------------------------------------------------------------------------------


def subject_access_record(*, records: SubjectRecords, actor: Actor, exported: bool) -> None:
    """Audit that the person's records were shown (``exported=False``) or exported: the request's
    reference, what was searched by (never the value) and the records found."""
    with transaction.atomic():
        verb = AuditVerb.SUBJECT_ACCESS_EXPORTED if exported else AuditVerb.SUBJECT_ACCESS_VIEWED
        audit_record(actor=actor, action=verb,
                     object_type="data_subject_request", object_id=records.query.reference,
                     chain=records.query.force.code, after={"searched_by": records.query.kind, "found": records.ids()})


# -- the files -----------------------------------------------------------------------------------


def _json_cell(cell: Any) -> Any:
    if isinstance(cell, Marked):
        return {"value": _json_cell(cell.value), cell.action: cell.reason}
    if isinstance(cell, (datetime, date)):
        return _plain(cell)
    if isinstance(cell, (str, int, float, bool, list, dict)) or cell is None:
        return cell
    return str(cell)


def export_json(export: Export) -> str:
    return json.dumps({
        "reference": export.query.reference, "made_at": _plain(export.made_at), "made_by": export.made_by,
        "force": export.query.force.name, "notes": export.notes,
        "markers": {REDACT: "another person's personal data: redact before disclosure unless they consent",
                    CHECK: "may hold another person's personal data: read before disclosure"},
        "sections": {s.key: {"title": s.title, "rows": [dict(zip(s.columns, map(_json_cell, r), strict=True))
                                                        for r in s.rows]} for s in export.sections},
    }, indent=1, ensure_ascii=False)


def export_csv(section: Section) -> str:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(section.columns)
    for row in section.rows:
        writer.writerow([spreadsheet_safe(c.text() if isinstance(c, Marked) else _plain(c)) for c in row])
    return out.getvalue()


def export_html(export: Export) -> str:
    rows = [{"title": s.title, "columns": s.columns,
             "rows": [[{"text": _plain(c.value), "mark": c.action, "reason": c.reason} if isinstance(c, Marked)
                       else {"text": _plain(c)} for c in r] for r in s.rows]} for s in export.sections]
    return render_to_string("web/privacy/export.html", {"export": export, "sections": rows,
                                                     "made_at": _plain(export.made_at)})


def export_zip(export: Export) -> bytes:
    """``index.html`` (readable), ``export.json``, one CSV per kind of record, and the files sent."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("index.html", export_html(export))
        archive.writestr("export.json", export_json(export))
        for section in export.sections:
            if section.rows:
                archive.writestr(f"csv/{section.key}.csv", export_csv(section))
        for name, content in export.files:
            archive.writestr(name, content)
    return buffer.getvalue()


def subject_access_export(*, query: SubjectQuery, actor: Actor) -> tuple[Export, bytes]:
    """Build the export, audit it, and return it with its zip."""
    records = subject_records(query)
    export = subject_access_build(query=query, actor=actor, records=records)
    content = export_zip(export)
    subject_access_record(records=records, actor=actor, exported=True)
    return export, content

