"""Read side for intake: the triage queue, one report, likely duplicates and probable officers.

Every read is scoped to the user's force; another force's report is a 404, never a 403.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from django.db.models import Q, QuerySet
from django.http import Http404
from django.utils import timezone

from candour.accounts.models import User
from candour.cases.models import Case
from candour.cases.selectors import case_visible_to
from candour.domain.access import Action, can
from candour.domain.deadlines import Deadline, compute_deadline
from candour.domain.lifecycle import CaseType
from candour.intake.models import EvidenceFile, Report, ReportKind, ReportStatus
from candour.people.models import Officer


def _scope(user: User, action: Action) -> QuerySet[Report]:
    if user.force_id is None or not can(user.role_set(), action):
        return Report.objects.none()
    return Report.objects.filter(force_id=user.force_id)


def triage_queue_for_user(*, user: User) -> QuerySet[Report]:
    """New reports, oldest first: the order in which the logging clock runs out."""
    return (_scope(user, Action.REPORT_TRIAGE).filter(status=ReportStatus.NEW)
            .order_by("received_at", "id"))


def _case_visible(user: User, reports: QuerySet[Report]) -> QuerySet[Report]:
    """Reports not yet on a case, or on a case the user may see (need-to-know)."""
    cases = case_visible_to(user, Case.objects.filter(force_id=user.force_id or 0)).order_by().values("pk")
    return reports.filter(Q(case__isnull=True) | Q(case__in=cases))


def report_get_for_user(*, user: User, reference: str, action: Action = Action.REPORT_TRIAGE) -> Report:
    """One report of the user's force; a report that joined a case they may not see is a 404."""
    report = (_case_visible(user, _scope(user, action))
              .select_related("force", "case", "reporter", "entered_by", "triaged_by")
              .filter(reference=reference).first())
    if report is None:
        raise Http404("No such report")
    return report


def evidence_get_for_user(*, user: User, evidence_uuid: str) -> EvidenceFile:
    """An evidence file the user may open: its report's force, and the evidence role."""
    if user.force_id is None or not can(user.role_set(), Action.EVIDENCE_VIEW):
        raise Http404("No such file")
    reports = _case_visible(user, Report.objects.filter(force_id=user.force_id)).values("pk")
    found = (EvidenceFile.objects.select_related("report")
             .filter(uuid=evidence_uuid, report__force_id=user.force_id, report__in=reports).first())
    if found is None:
        raise Http404("No such file")
    return found


def evidence_for_case(*, user: User, case: Case) -> list[EvidenceFile]:
    """The evidence sent with every report that became or joined ``case``, oldest report first,
    for the case page (the user's force, and the evidence role only)."""
    if user.force_id is None or user.force_id != case.force_id or not can(user.role_set(), Action.EVIDENCE_VIEW):
        return []
    return list(EvidenceFile.objects.filter(report__case=case, report__force_id=user.force_id)
                .select_related("report").order_by("report__received_at", "id"))


@dataclass(frozen=True)
class Clock:
    label: str
    deadline: Deadline
    done_on: date | None

    @property
    def overdue(self) -> bool:
        return self.done_on is None and self.deadline.due < timezone.localdate()


#: The clocks whose periods are the force's own service standards, not set in law.
LOCAL_STANDARDS = frozenset({"log-complaint", "contact-complainant"})


def intake_clocks(*, report: Report) -> list[Clock]:
    """Days to log and days to contact the complainant, from the day received; and, when the
    report's words suggest a mandatory referral head (``referral_signals``), the referral
    clock: by the end of the day after it became clear, which may be the day received."""
    received = timezone.localdate(report.received_at)
    triaged = timezone.localdate(report.triaged_at) if report.triaged_at else None
    clocks = [Clock("Log the report", compute_deadline("log-complaint", received), triaged)]
    if report.kind == ReportKind.COMPLAINT and not report.anonymous:
        clocks.append(Clock("Contact the complainant", compute_deadline("contact-complainant", received),
                            report.contacted_on))
    if triaged is None and referral_signals(report=report):
        clocks.append(Clock("Refer to the IOPC, if it must be", compute_deadline("iopc-referral", received), None))
    return clocks


def _normal(text: str) -> str:
    return re.sub(r"[^a-z0-9 ]+", " ", text.lower()).strip()


@dataclass(frozen=True)
class OfficerMatch:
    officer: Officer
    score: float
    because: str


_TITLES = {"pc", "ps", "dc", "ds", "di", "dci", "insp", "inspector", "sgt", "sergeant", "constable",
           "officer", "mr", "mrs", "ms", "miss", "dr", "supt", "superintendent", "chief", "detective"}


def probable_officers(*, report: Report, limit: int = 5) -> list[OfficerMatch]:
    """Officers of the report's force it probably names: by warrant or collar number (exact),
    then by name (surname exact or close, forenames compared), scored 0 to 1."""
    number = report.person_number.replace(" ", "").upper()
    tokens = [t for t in _normal(report.person_name).split() if t not in _TITLES]
    if not number and not tokens:
        return []
    officers = Officer.objects.filter(force_id=report.force_id).select_related("unit")
    query = Q()
    if number:
        query |= Q(warrant_number__iexact=number) | Q(collar_number__iexact=number)
    for token in tokens:
        if len(token) >= 2:
            query |= Q(surname__iexact=token)
            if len(token) >= 4:
                query |= Q(surname__istartswith=token[:3])
    matches: list[OfficerMatch] = []
    for officer in officers.filter(query)[:500]:
        reasons = []
        score = 0.0
        if number and number in (officer.warrant_number.upper(), officer.collar_number.upper()):
            which = "warrant" if number == officer.warrant_number.upper() else "collar"
            score += 0.6
            reasons.append(f"{which} number {number} matches")
        if tokens:
            full = _normal(f"{officer.forenames} {officer.surname}")
            given = " ".join(tokens)
            surname_score = max(difflib.SequenceMatcher(None, t, officer.surname.lower()).ratio()
                                for t in tokens)
            name_score = difflib.SequenceMatcher(None, given, full).ratio()
            best = max(name_score, surname_score * 0.9)
            score += 0.4 * best if number else best
            if best >= 0.6:
                reasons.append(f"name similar to '{report.person_name}' ({best:.0%})")
        if reasons:
            matches.append(OfficerMatch(officer, round(min(score, 1.0), 2), "; ".join(reasons)))
    matches.sort(key=lambda m: (-m.score, m.officer.surname))
    return matches[:limit]


@dataclass(frozen=True)
class DuplicateCandidate:
    reference: str
    what: str
    received_on: date
    because: str
    is_case: bool


def likely_duplicates(*, report: Report, officers: list[Officer] | None = None,
                      limit: int = 10, user: User | None = None) -> list[DuplicateCandidate]:
    """Other reports and open cases about the same officer, date and place; with ``user``, only
    the cases they may see, and reports of those cases (need-to-know)."""
    found: list[DuplicateCandidate] = []
    if report.incident_on is None and not report.person_number and not officers:
        return found
    window = timedelta(days=1)
    place = _normal(report.incident_location)
    others = Report.objects.filter(force_id=report.force_id).exclude(pk=report.pk)
    visible_cases = Case.objects.filter(force_id=report.force_id)
    if user is not None:
        visible_cases = case_visible_to(user, visible_cases)
        others = others.filter(Q(case__isnull=True) | Q(case__in=visible_cases.order_by().values("pk")))
    if report.incident_on:
        others = others.filter(incident_on__range=(report.incident_on - window, report.incident_on + window))
    elif report.person_number:
        others = others.filter(person_number__iexact=report.person_number)
    for other in others.order_by("-received_at")[:200]:
        reasons = []
        if report.incident_on and other.incident_on:
            reasons.append("same date" if other.incident_on == report.incident_on else "date within a day")
        if report.person_number and other.person_number.upper() == report.person_number.upper():
            reasons.append(f"same officer number {report.person_number}")
        if place and other.incident_location:
            ratio = difflib.SequenceMatcher(None, place, _normal(other.incident_location)).ratio()
            if ratio >= 0.6:
                reasons.append("same place" if ratio > 0.9 else "similar place")
        strong = len(reasons) >= 2
        if strong:
            found.append(DuplicateCandidate(other.reference, other.what_happened[:140],
                                            timezone.localdate(other.received_at), ", ".join(reasons), False))
    if officers:
        cases = visible_cases.filter(allegations__subjects__officer__in=officers)
        if report.incident_on:
            cases = cases.filter(incident_on__range=(report.incident_on - timedelta(days=3),
                                                     report.incident_on + timedelta(days=3)))
        for case in cases.distinct().order_by("-received_on")[:20]:
            found.append(DuplicateCandidate(case.reference, case.summary[:140], case.received_on,
                                            "case about the same officer"
                                            + (" within 3 days" if report.incident_on else ""), True))
    elif report.incident_on and place:
        for case in visible_cases.filter(incident_on=report.incident_on)[:50]:
            ratio = difflib.SequenceMatcher(None, place, _normal(case.incident_location)).ratio()
            if ratio >= 0.6:
                found.append(DuplicateCandidate(case.reference, case.summary[:140], case.received_on,
                                                "case on the same date and place", True))
    return found[:limit]


def default_case_type(report: Report) -> str:
    if report.kind == ReportKind.COMPLAINT:
        return CaseType.COMPLAINT.value
    if report.kind == ReportKind.SELF_REPORT:
        return CaseType.INTEGRITY_REPORT.value
    return CaseType.CONDUCT_MATTER.value


@dataclass(frozen=True)
class TriageSummary:
    waiting: int
    overdue: int
    oldest: date | None
    referral_likely: int = 0


def triage_summary_for_user(*, user: User, today: date) -> TriageSummary:
    """How many reports wait for triage, how many are past the logging target, and how many
    have words that suggest a mandatory IOPC referral (``referral_signals``)."""
    rows = list(triage_queue_for_user(user=user).values_list("received_at", "what_happened",
                                                              "person_description")[:5000])
    received = [timezone.localdate(r[0]) for r in rows]
    overdue = sum(1 for day in received if compute_deadline("log-complaint", day).due < today)
    likely = sum(1 for _, what, description in rows
                 if referral_signals(report=Report(what_happened=what, person_description=description)))
    return TriageSummary(waiting=len(received), overdue=overdue, oldest=min(received) if received else None,
                         referral_likely=likely)


def reports_entered_by_user_on(*, user: User, day: date) -> int:
    """Hotline calls this call handler saved on ``day`` (their own tally on the home page)."""
    if user.force_id is None:
        return 0
    start = timezone.make_aware(datetime.combine(day, time.min))
    return Report.objects.filter(force_id=user.force_id, entered_by=user, received_at__gte=start,
                                 received_at__lt=start + timedelta(days=1)).count()


# -- urgency at a glance: what the queue shows before anyone has classified a report ---------

#: Words in what a reporter wrote that point towards a mandatory IOPC referral head
#: (Police (Complaints and Misconduct) Regulations 2020, regs 4 and 7; Police Reform Act 2002,
#: Sch 3 Part 2A). A screen to order the queue, never a decision: the assessor classifies the
#: report and the rules answer at triage.
REFERRAL_WORDS: tuple[tuple[str, str, re.Pattern[str]], ...] = (
    ("death_or_serious_injury", "death or serious injury",
     re.compile(r"\b(died|dead|death|killed|suicide|fatal\w*|hospital\w*|broken|fractur\w*|"
                r"unconscious|serious(?:ly)? injur\w*)\b")),
    ("serious_assault", "serious assault",
     re.compile(r"\b(punch\w*|kick\w*|beat|beaten|beating|assault\w*|strangl\w*|chok\w*|stamp\w*|"
                r"headbutt\w*|taser\w*|bleed\w*|bloody)\b")),
    ("serious_sexual_offence", "serious sexual offence",
     re.compile(r"\b(rape\w*|raped|sexual(?:ly)? assault\w*|grop\w*|indecent\w*)\b")),
    ("abuse_of_position_sexual_purpose", "abuse of position for a sexual purpose",
     re.compile(r"\b(asked me out|sexual|sex|intimate|dating|date with|flirt\w*|nude\w*|explicit)\b")),
    ("serious_corruption", "serious corruption",
     re.compile(r"\b(brib\w*|corrupt\w*|backhander\w*|took (?:cash|money)|paid (?:him|her|them|off)|"
                r"kickback\w*|leak\w*)\b")),
    ("discriminatory_behaviour", "discriminatory behaviour",
     re.compile(r"\b(racis\w*|racial\w*|homophob\w*|transphob\w*|sexis\w*|islamophob\w*|"
                r"antisemit\w*|because (?:i am|i'm) (?:black|gay|disabled|muslim|jewish|trans))\b")),
)


@dataclass(frozen=True)
class ReferralSignal:
    head: str
    label: str
    word: str


def referral_signals(*, report: Report) -> list[ReferralSignal]:
    """Referral heads the report's own words suggest, each with the first word that did.

    The facts recorded at triage, once there are any, replace the words."""
    found: list[ReferralSignal] = []
    text = f"{report.what_happened} {report.person_description}".lower()
    for head, label, pattern in REFERRAL_WORDS:
        match = pattern.search(text)
        if match:
            found.append(ReferralSignal(head, label, match.group(0)))
    return found


def nearest_clock(clocks: list[Clock]) -> Clock | None:
    """The running clock that runs out first (done clocks are not running)."""
    running = [c for c in clocks if c.done_on is None]
    return min(running, key=lambda c: c.deadline.due) if running else None


def reporter_standing(report: Report) -> str:
    """Who the reporter is, as the queue shows it: named, anonymous or sealed."""
    if report.is_sealed:
        return "Sealed (anonymous colleague)"
    if report.reporter_id:
        return "Named colleague"
    if report.anonymous:
        return "Anonymous"
    return "Named"
