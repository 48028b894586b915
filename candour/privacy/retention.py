"""The retention job: apply the schedule to every record past its period (``candour privacy
retention``; run nightly, ADR 0009).

For each rule with an end, a selector finds the records whose clock started on or before the
rule's cut-off day and that are not part of live work; each record is then changed by its own
app's service, one record per transaction, so an interrupted run keeps what it finished and the
next run carries on. Every record changed is audited by that service; the run itself is one
``retention_applied`` event with the counts. Safe to run again: what was done is not found again.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Exists, Max, OuterRef, Q, QuerySet
from django.db.models.functions import TruncDate

from candour.accounts.models import Force
from candour.audit.events import AuditVerb
from candour.audit.services import SYSTEM_CHAIN, Actor, audit_record
from candour.cases.anonymise import case_anonymise
from candour.cases.models import OPEN_STATES, Appeal, Case, Review
from candour.domain.retention import DELETE, ERASE, RetentionRule, Schedule, latest_due_start
from candour.intake.anonymise import (
    evidence_orphans_remove,
    report_anonymise,
    report_sealed_identity_erase,
    report_tracking_end,
)
from candour.intake.models import Report, ReportStatus, TrackingCode, TrackingLink
from candour.people.models import MemberOfPublic
from candour.people.services import member_of_public_anonymise
from candour.screening.models import ScreeningCandidate
from candour.screening.services import screening_candidate_anonymise
from candour.workforce.models import VettingClearance, VettingReview, WithdrawalAssessment
from candour.workforce.vetting import vetting_clearance_anonymise

ACTOR = Actor.system("retention schedule")


def schedule() -> Schedule:
    """The schedule read at start (``CANDOUR_RETENTION_SCHEDULE``)."""
    plan: Schedule = settings.CANDOUR_RETENTION
    return plan


# -- what is live (shared with erasure) ---------------------------------------------------------


def undecided_review_or_appeal() -> Q:
    """A closed case still waiting for a review's or an appeal's decision is live work."""
    return Q(Exists(Review.objects.filter(case=OuterRef("pk"), decided_on__isnull=True))) | Q(
        Exists(Appeal.objects.filter(case=OuterRef("pk"), decided_on__isnull=True)))


def case_live(case: Case) -> str:
    """Why ``case`` is live work, or "" if it is not."""
    if case.state in OPEN_STATES:
        return f"case {case.reference} is {case.get_state_display().lower()}"
    if Case.objects.filter(pk=case.pk).filter(undecided_review_or_appeal()).exists():
        return f"case {case.reference} has a review or an appeal waiting for a decision"
    return ""


# -- the selectors: records past their period, never live ----------------------------------------


def _forces(qs: QuerySet, force: Force | None, path: str = "force") -> QuerySet:
    return qs.filter(**{path: force}) if force is not None else qs


def cases_due(*, cutoff: date, force: Force | None = None) -> QuerySet[Case]:
    return _forces(Case.objects.filter(anonymised_on__isnull=True, closed_on__lte=cutoff)
                   .exclude(state__in=OPEN_STATES).exclude(undecided_review_or_appeal()), force).order_by("pk")


def reports_due(*, cutoff: date, force: Force | None = None) -> QuerySet[Report]:
    """Reports that became no case, triaged on or before ``cutoff``."""
    return _forces(Report.objects.filter(anonymised_on__isnull=True, case__isnull=True,
                                         status=ReportStatus.NO_FURTHER_ACTION,
                                         triaged_at__date__lte=cutoff), force).order_by("pk")


def complainants_due(*, cutoff: date, force: Force | None = None) -> QuerySet[MemberOfPublic]:
    open_case = Case.objects.filter(complainant=OuterRef("pk"), state__in=OPEN_STATES)
    return _forces(MemberOfPublic.objects.filter(anonymised_on__isnull=True).exclude(Exists(open_case))
                   .annotate(last_closed=Max("cases__closed_on"), created_on=TruncDate("created_at"))
                   .filter(Q(last_closed__lte=cutoff) | Q(last_closed__isnull=True, created_on__lte=cutoff)),
                   force).order_by("pk")


def _report_clock(cutoff: date) -> Q:
    """A report whose case closed on or before ``cutoff``, or that became no case and was
    triaged by then."""
    return (Q(case__closed_on__lte=cutoff) & ~Q(case__state__in=OPEN_STATES)) | Q(
        case__isnull=True, status=ReportStatus.NO_FURTHER_ACTION, triaged_at__date__lte=cutoff)


def sealed_identities_due(*, cutoff: date, force: Force | None = None) -> QuerySet[Report]:
    return _forces(Report.objects.exclude(reporter_sealed="").filter(_report_clock(cutoff)), force).order_by("pk")


def tracking_due(*, cutoff: date, force: Force | None = None) -> QuerySet[Report]:
    has_tracking = (~Q(tracking_hash="") | Q(Exists(TrackingLink.objects.filter(report=OuterRef("pk"))))
                    | Q(Exists(TrackingCode.objects.filter(report=OuterRef("pk")))))
    return _forces(Report.objects.filter(has_tracking).filter(_report_clock(cutoff)), force).order_by("pk")


def screening_candidates_due(*, cutoff: date, force: Force | None = None) -> QuerySet[ScreeningCandidate]:
    return _forces(ScreeningCandidate.objects.filter(anonymised_on__isnull=True, decided_at__date__lte=cutoff)
                   .exclude(status=ScreeningCandidate.Status.PENDING), force).order_by("pk")


def vetting_open() -> Q:
    return Q(Exists(VettingReview.objects.filter(clearance=OuterRef("pk"), status=VettingReview.Status.OPEN))) | Q(
        Exists(WithdrawalAssessment.objects.filter(clearance=OuterRef("pk"), decision="")))


def vetting_records_due(*, cutoff: date, force: Force | None = None) -> QuerySet[VettingClearance]:
    return _forces(VettingClearance.objects.filter(anonymised_on__isnull=True)
                   .exclude(decision=VettingClearance.Decision.DECLINED)
                   .filter(Q(officer__left_on__lte=cutoff) | Q(staff_member__left_on__lte=cutoff))
                   .exclude(vetting_open()), force).order_by("pk")


# -- the job ------------------------------------------------------------------------------------


@dataclass
class RuleRun:
    """What the job did (or would do) under one rule."""

    rule: RetentionRule
    done: int = 0
    with_cases: int = 0  # reports anonymised with their case
    skipped: list[str] = field(default_factory=list)
    cutoff: date | None = None

    def line(self, dry_run: bool) -> str:
        name, rule = self.rule.record_type, self.rule
        if rule.keep is None:
            return f"{name}: kept, nothing to do{rule.tag}"
        verb = {DELETE: "deleted", ERASE: "erased"}.get(rule.then, "anonymised")
        if name == "tracking":
            verb = "ended (their links and codes deleted)"
        extra = f" ({self.with_cases} with their cases)" if self.with_cases else ""
        skipped = f"; {len(self.skipped)} skipped: {'; '.join(self.skipped)}" if self.skipped else ""
        since = (f"older than {rule.keep}" if name == "portal_upload" or self.cutoff is None
                 else f"clock started on or before {self.cutoff:%-d %B %Y}")
        return f"{name}: {self.done} {'would be ' if dry_run else ''}{verb}{extra}{skipped} ({since}){rule.tag}"


@dataclass
class RetentionRun:
    today: date
    dry_run: bool
    rules: dict[str, RuleRun]

    @property
    def counts(self) -> dict[str, int]:
        return {name: run.done for name, run in self.rules.items() if run.rule.keep is not None}

    def lines(self) -> list[str]:
        return [run.line(self.dry_run) for run in self.rules.values()]


def _each(rows: QuerySet, run: RuleRun, act: Callable[[Any], bool], dry_run: bool) -> None:
    """``act`` on each row (in its own transaction, by its app's service); a row that became
    live since it was selected is refused by the service and left for a later run."""
    for row in rows.iterator(chunk_size=500):
        if dry_run:
            run.done += 1
            continue
        try:
            if act(row):
                run.done += 1
        except ValidationError as exc:
            run.skipped.append("; ".join(m for ms in exc.message_dict.values() for m in ms))


def retention_apply(*, today: date, dry_run: bool = False, force: Force | None = None) -> RetentionRun:
    """Apply every rule with an end to the records past it (only ``force``'s, if given);
    ``dry_run`` counts what would be done and changes nothing."""
    plan = schedule()
    marker = plan.marker
    run = RetentionRun(today=today, dry_run=dry_run, rules={
        t: RuleRun(rule=r, cutoff=latest_due_start(r, today=today)) for t, r in plan.rules.items()})

    def why(record_type: str) -> str:
        return f"retention rule {record_type}"

    def anonymise_case(case: Case) -> bool:
        with transaction.atomic():
            case_anonymise(case=case, actor=ACTOR, marker=marker, why=why("case"), today=today)
            for report in case.reports.filter(anonymised_on__isnull=True).order_by("pk"):
                report_anonymise(report=report, actor=ACTOR, marker=marker, why=why("case"), today=today)
                run.rules["report"].with_cases += 1
                run.rules["report"].done += 1
        return case.anonymised_on is not None

    def anonymise_report(report: Report) -> bool:
        report_anonymise(report=report, actor=ACTOR, marker=marker, why=why("report"), today=today)
        return report.anonymised_on is not None

    def anonymise_person(person: MemberOfPublic) -> bool:
        member_of_public_anonymise(person=person, actor=ACTOR, marker=marker, why=why("complainant"), today=today)
        return person.anonymised_on is not None

    def erase_identity(report: Report) -> bool:
        return report_sealed_identity_erase(report=report, actor=ACTOR, why=why("sealed_identity"), today=today)

    def end_tracking(report: Report) -> bool:
        return report_tracking_end(report=report, actor=ACTOR, why=why("tracking")) > 0

    def anonymise_candidate(candidate: ScreeningCandidate) -> bool:
        screening_candidate_anonymise(candidate=candidate, actor=ACTOR, marker=marker,
                                      why=why("screening_candidate"), today=today)
        return candidate.anonymised_on is not None

    def anonymise_clearance(clearance: VettingClearance) -> bool:
        vetting_clearance_anonymise(clearance=clearance, actor=ACTOR, marker=marker, why=why("vetting_record"),
                                    today=today)
        return clearance.anonymised_on is not None

    jobs: list[tuple[str, Callable[..., QuerySet], Callable[[Any], bool]]] = [
        ("case", cases_due, anonymise_case),
        ("report", reports_due, anonymise_report),
        ("complainant", complainants_due, anonymise_person),
        ("sealed_identity", sealed_identities_due, erase_identity),
        ("tracking", tracking_due, end_tracking),
        ("screening_candidate", screening_candidates_due, anonymise_candidate),
        ("vetting_record", vetting_records_due, anonymise_clearance),
    ]
    # A report anonymised (with its case or on its own) loses its tracking and sealed identity
    # too; a dry run leaves those out of the later rules, as the real run would find them gone.
    covered = Q(pk__in=[])
    for record_type, selector, act in jobs:
        cutoff = run.rules[record_type].cutoff
        if cutoff is None:
            continue
        rows = selector(cutoff=cutoff, force=force)
        if dry_run and record_type == "case":
            linked = Report.objects.filter(case__in=rows, anonymised_on__isnull=True)
            run.rules["report"].with_cases = run.rules["report"].done = linked.count()
            covered |= Q(case__in=rows, anonymised_on__isnull=True)
        elif dry_run and record_type == "report":
            covered |= Q(pk__in=rows.values("pk"))
        elif dry_run and record_type in ("sealed_identity", "tracking"):
            rows = rows.exclude(covered)
        _each(rows, run.rules[record_type], act, dry_run)
    upload = plan.rules["portal_upload"].keep
    if upload is not None:
        alive = -(-settings.SESSION_COOKIE_AGE // 3600)
        run.rules["portal_upload"].done = evidence_orphans_remove(older_than_hours=max(upload.hours, alive),
                                                                  dry_run=dry_run)
    if not dry_run:
        with transaction.atomic():
            audit_record(actor=ACTOR, action=AuditVerb.RETENTION_APPLIED, object_type="retention_schedule",
                         object_id=str(today), chain=force.code if force is not None else SYSTEM_CHAIN,
                         after={"counts": run.counts, "schedule": plan.source, "unconfirmed": plan.unconfirmed})
    return run
