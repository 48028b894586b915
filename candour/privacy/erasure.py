"""Erasure on request: each record about the person erased where the law allows it, refused with
the rule cited where it does not (UK GDPR Art 17; DPA 2018 s.47 for law-enforcement records).

Erasing means what the retention job does at the end of a period (each app's anonymising
service): names, contact details and free text go, the facts the statistics need stay, and a
tracking link stops working. A record is refused while it is part of live work (an open case, a
report waiting for triage, a review or appeal waiting for a decision), and while a rule that
refuses erasure keeps it; the refusal names the rule and its basis, which the force must tell
the person (DPA 2018 s.48(1)(b)) unless a restriction applies (s.48(3)).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from django.db import transaction
from django.db.models import Max

from candour.audit.events import AuditVerb
from candour.audit.services import Actor, audit_record
from candour.cases.anonymise import case_anonymise
from candour.cases.models import OPEN_STATES, Case
from candour.domain.retention import erasure_decide
from candour.intake.anonymise import report_anonymise, report_tracking_end
from candour.intake.models import Report, ReportStatus, TrackingCode, TrackingLink
from candour.people.models import MemberOfPublic
from candour.people.services import member_of_public_anonymise
from candour.privacy.retention import case_live, schedule
from candour.privacy.subjects import SubjectQuery, SubjectRecords, subject_records


@dataclass(frozen=True)
class ErasureItem:
    """One record and the answer for it."""

    record_type: str  # the retention rule that governs it
    label: str
    record: Any
    allowed: bool
    reason: str

    @property
    def id(self) -> str:
        return str(getattr(self.record, "reference", "") or getattr(self.record, "uuid", ""))


@dataclass
class ErasurePlan:
    records: SubjectRecords
    items: list[ErasureItem] = field(default_factory=list)
    done: list[ErasureItem] = field(default_factory=list)

    @property
    def allowed(self) -> list[ErasureItem]:
        return [i for i in self.items if i.allowed]

    @property
    def refused(self) -> list[ErasureItem]:
        return [i for i in self.items if not i.allowed]


def _has_tracking(report: Report) -> bool:
    return bool(report.tracking_hash) or TrackingLink.objects.filter(report=report).exists() \
        or TrackingCode.objects.filter(report=report).exists()


def _item(record_type: str, label: str, record: Any, *, start: date | None, live: str, today: date,
          anonymised_on: date | None = None) -> ErasureItem:
    answer = erasure_decide(schedule().rule(record_type), start=start, live=live, today=today,
                            anonymised_on=anonymised_on)
    return ErasureItem(record_type, label, record, answer.allowed, answer.reason)


def erasure_assess(*, query: SubjectQuery, today: date, records: SubjectRecords | None = None) -> ErasurePlan:
    """The answer for every record about the person; changes nothing."""
    found = records or subject_records(query)
    plan = ErasurePlan(records=found)
    for person in found.people:
        cases = Case.objects.filter(complainant=person)
        open_case = cases.filter(state__in=OPEN_STATES).first()
        last = cases.aggregate(last=Max("closed_on"))["last"] or (person.created_at.date() if not cases else None)
        plan.items.append(_item("complainant", f"Your details as complainant ({person.full_name or 'no name'})",
                                person, start=last, today=today, anonymised_on=person.anonymised_on,
                                live=f"case {open_case.reference} is open" if open_case else ""))
    for report in found.reports:
        if _has_tracking(report):
            # Stopping a tracking link harms no investigation: the person may always ask for it.
            plan.items.append(_item("tracking", f"Tracking links of report {report.reference}", report,
                                    start=None, live="", today=today))
        if report.case_id is not None:
            case = Case.objects.get(pk=report.case_id)
            plan.items.append(_item("case", f"Report {report.reference} (part of case {case.reference})", report,
                                    start=case.closed_on, live=case_live(case), today=today,
                                    anonymised_on=report.anonymised_on))
        else:
            live = f"report {report.reference} is waiting for triage" if report.status == ReportStatus.NEW else ""
            plan.items.append(_item("report", f"Report {report.reference}", report, live=live, today=today,
                                    start=report.triaged_at.date() if report.triaged_at else None,
                                    anonymised_on=report.anonymised_on))
    for case in found.cases:
        plan.items.append(_item("case", f"Case {case.reference}", case, start=case.closed_on, live=case_live(case),
                                today=today, anonymised_on=case.anonymised_on))
    member = found.workforce
    if member is not None:
        plan.items.append(_item("workforce_record", f"Your {type(member)._meta.verbose_name} record", member,
                                start=member.left_on, live="" if member.left_on else "you still serve", today=today))
        if found.account is not None:
            plan.items.append(_item("user_account", f"Your sign-in account {found.account.username}", found.account,
                                    start=None, live="", today=today))
        if member.vetting_clearances.exists():
            plan.items.append(_item("vetting_record", "Your vetting records", member, start=member.left_on,
                                    live="" if member.left_on else "you still serve", today=today))
    return plan


def _erase(item: ErasureItem, *, actor: Actor, why: str, today: date) -> bool:
    marker = schedule().marker
    record = item.record
    if item.record_type == "tracking":
        return report_tracking_end(report=record, actor=actor, why=why) > 0
    if isinstance(record, MemberOfPublic):
        member_of_public_anonymise(person=record, actor=actor, marker=marker, why=why, today=today)
    elif isinstance(record, Report):
        report_anonymise(report=record, actor=actor, marker=marker, why=why, today=today)
    elif isinstance(record, Case):
        case_anonymise(case=record, actor=actor, marker=marker, why=why, today=today)
    else:  # every other record type refuses erasure in the schedule's checks
        return False
    return record.anonymised_on is not None


def erasure_carry_out(*, query: SubjectQuery, actor: Actor, today: date) -> ErasurePlan:
    """Assess again (what was shown may have changed) and erase every record allowed, all in one
    transaction with the request's ``erasure_decided`` event; each record's own service audits
    its change."""
    with transaction.atomic():
        plan = erasure_assess(query=query, today=today)
        why = f"erasure request {query.reference}"
        for item in plan.allowed:
            if _erase(item, actor=actor, why=why, today=today):
                plan.done.append(item)
        audit_record(actor=actor, action=AuditVerb.ERASURE_DECIDED, object_type="data_subject_request",
                     object_id=query.reference, chain=query.force.code, after={
                         "searched_by": query.kind, "found": plan.records.ids(),
                         "erased": [{"record": i.id, "rule": i.record_type} for i in plan.done],
                         "refused": [{"record": i.id, "rule": i.record_type} for i in plan.refused]})
    return plan
