"""Misconduct proceedings as rules: who sits on the panel, whether a hearing date is
permitted, whether a complainant's review application is in time, and what an appeal's result
does to the outcome. Pure functions answering with reasons and citations (regulations.md §1,
§5.2-§5.5, §5.7, §8).

* :func:`panel_requirements` / :func:`panel_check`: the members a meeting, hearing or
  accelerated hearing needs on its date for the subject's rank (SI 2024/521 from 7 May 2024;
  the legally qualified chair before it). The chair comes from the rules engine's
  ``hearing_chair`` answer, so there is one source for it.
* :func:`hearing_window`: the earliest and latest permitted day for the meeting or hearing
  (accelerated hearing: 10-15 working days after the reg 51(1) notice, reg 52(1); meeting:
  the reg 34(1) period, [M] configuration), with reg 22 / reg 48 reductions by agreement.
* :func:`review_application`: a complainant's review application checked against the 28-day
  period, with time not counted while an application sent to the wrong body is forwarded
  (C&M Regs reg 29; PRA Sch 3 para 32).
* :func:`appeal_effect`: what an appeal's result does to the subject's finding and outcome and
  to a barred-list entry.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum

from candour.domain.access import Role
from candour.domain.assess import HMI_CHAIR_RANKS, SENIOR_RANKS, assess
from candour.domain.config import RulesConfig, load_config
from candour.domain.deadlines import compute_deadline, long_date
from candour.domain.facts import Facts, Subject
from candour.domain.regimes import PANELS_2024

CR = "Police (Conduct) Regulations 2020"
CM = "Police (Complaints and Misconduct) Regulations 2020"
PRA = "Police Reform Act 2002"
SI_2024 = "Police (Conduct) (Amendment) Regulations 2024"
LQC_2015 = "Police (Conduct) (Amendment) Regulations 2015"
PAT = "Police Appeals Tribunals Rules 2020"


class PanelRole(StrEnum):
    PERSON_CONDUCTING = "person_conducting"
    CHAIR = "chair"
    INDEPENDENT_QUALIFIED = "independent_qualified"
    INDEPENDENT_LAY = "independent_lay"
    LQP_ADVISER = "lqp_adviser"
    POLICE_MEMBER = "police_member"
    INDEPENDENT_MEMBER = "independent_member"

    @property
    def label(self) -> str:
        return PANEL_ROLE_LABELS[self]


PANEL_ROLE_LABELS = {
    PanelRole.PERSON_CONDUCTING: "Person conducting the meeting",
    PanelRole.CHAIR: "Chair",
    PanelRole.INDEPENDENT_QUALIFIED: "Independent member (qualified)",
    PanelRole.INDEPENDENT_LAY: "Independent member (lay)",
    PanelRole.LQP_ADVISER: "Legally qualified person (adviser, no vote)",
    PanelRole.POLICE_MEMBER: "Police member (senior officer)",
    PanelRole.INDEPENDENT_MEMBER: "Independent panel member",
}

#: Who may chair, by the rules engine's ``hearing_chair`` answer: capacity -> label.
CHAIR_CAPACITIES: dict[str, dict[str, str]] = {
    "chief_officer_or_delegate": {
        "chief_officer": "The chief officer of the force concerned",
        "senior_officer": "A senior officer (delegated)",
        "former_senior_officer": "A former senior officer who left within 5 years (delegated)",
        "senior_staff": "A police staff member of equivalent seniority (delegated)",
    },
    "senior_officer_other_force": {"senior_officer_other_force": "A more senior officer from another force"},
    "hmcic_or_hmi": {"hmcic": "HM Chief Inspector of Constabulary", "hmi": "A nominated HM Inspector"},
    "legally_qualified_chair": {"legally_qualified_chair": "A legally qualified chair"},
}
CAPACITY_LABELS = {key: label for group in CHAIR_CAPACITIES.values() for key, label in group.items()}


@dataclass(frozen=True)
class Reason:
    text: str
    basis: str
    confirmed: bool = True

    def __str__(self) -> str:
        return f"{self.text} ({self.basis})"


FORUM_LABELS = {"misconduct_meeting": "Misconduct meeting", "misconduct_hearing": "Misconduct hearing",
                "accelerated_hearing": "Accelerated misconduct hearing"}


@dataclass(frozen=True)
class PanelRequirement:
    """The members a forum needs: role -> how many, the chair's kind, and why."""

    forum: str
    sitting_on: date
    roles: dict[PanelRole, int]
    chair_kind: str | None = None
    reasons: tuple[Reason, ...] = ()

    @property
    def confirmed(self) -> bool:
        return all(r.confirmed for r in self.reasons)

    @property
    def forum_label(self) -> str:
        return FORUM_LABELS.get(self.forum, self.forum)

    @property
    def chair_capacities(self) -> dict[str, str]:
        return CHAIR_CAPACITIES.get(self.chair_kind or "", {})

    def because(self) -> str:
        return "; ".join(str(r) for r in self.reasons)

    def members_basis(self) -> str:
        """The citation of the one reason that names the members (the last), for refusals: the
        reasons in full are shown beside the form ("Why"), so a refusal says what is wrong and
        where the rule is, not the whole rule again."""
        return self.reasons[-1].basis if self.reasons else ""

    def chair_basis(self) -> str:
        """The citation of the rules engine's reason naming the chair (the last of its reasons)."""
        chair = [r for r in self.reasons if "chair" in r.text and r is not self.reasons[-1]]
        return chair[-1].basis if chair else self.members_basis()


def _cited(text: str, basis: str) -> str:
    return f"{text} ({basis})" if basis else text


def _chair(forum: str, sitting_on: date, rank: str, received_on: date | None,
           config: RulesConfig) -> tuple[str | None, list[Reason]]:
    """The rules engine's ``hearing_chair`` answer for this forum, date and rank."""
    facts = Facts(on=sitting_on, received_on=received_on, subject=Subject(kind="officer", rank=rank),
                  case_to_answer="gross_misconduct", special_conditions_met=forum == "accelerated_hearing",
                  provided=frozenset({"on", "received_on", "subject", "case_to_answer",
                                      "special_conditions_met"}))
    answers = assess(facts, config=config)
    if "hearing_chair" not in answers:
        return None, []
    answer = answers["hearing_chair"]
    return str(answer.value), [Reason(r.text, r.basis, answer.confirmed) for r in answer.because]


def panel_requirements(*, forum: str, sitting_on: date, rank: str | None, received_on: date | None = None,
                       config: RulesConfig | None = None) -> PanelRequirement:
    """Who must sit for ``forum`` on ``sitting_on`` when the subject holds ``rank``."""
    config = config or load_config()
    rank = rank or "constable"
    if forum == "misconduct_meeting":
        return PanelRequirement(forum, sitting_on, {PanelRole.PERSON_CONDUCTING: 1}, None, (
            Reason("a misconduct meeting for an officer below senior rank is conducted by one person (the "
                   "rank and experience required of them are not verified)", f"{CR}, reg 28", False),))
    chair, reasons = _chair(forum, sitting_on, rank, received_on, config)
    day = received_on if config.panel_date == "received_on" and received_on else sitting_on
    if forum == "accelerated_hearing" and rank not in SENIOR_RANKS:
        return PanelRequirement(forum, sitting_on, {PanelRole.CHAIR: 1}, chair, (
            *reasons, Reason("the chief officer (or delegate) conducts the accelerated hearing alone, with no panel",
                             f"{CR}, Part 5, reg 2(4A) as inserted by {SI_2024}")))
    if day < PANELS_2024:
        return PanelRequirement(forum, sitting_on, {
            PanelRole.CHAIR: 1, PanelRole.POLICE_MEMBER: 1, PanelRole.INDEPENDENT_MEMBER: 1}, chair, (
            *reasons, Reason(f"before 7 May 2024 ({long_date(day)}) the panel was a legally qualified chair, a "
                             "senior officer and an independent member", LQC_2015, False)))
    members = (f"on {long_date(day)} the chair sits with two independent members appointed by the local "
               "policing body, one with qualifications or experience relevant to disciplinary proceedings "
               "and one lay member, and a legally qualified person advises without a vote")
    return PanelRequirement(forum, sitting_on, {
        PanelRole.CHAIR: 1, PanelRole.INDEPENDENT_QUALIFIED: 1, PanelRole.INDEPENDENT_LAY: 1,
        PanelRole.LQP_ADVISER: 1}, chair, (*reasons, Reason(members, f"{SI_2024}; {CR}, reg 28")))


@dataclass(frozen=True)
class Member:
    role: str
    name: str
    capacity: str = ""


def panel_problems(requirement: PanelRequirement,
                   members: list[Member] | tuple[Member, ...]) -> list[tuple[str, str]]:
    """Every reason the ``members`` do not make up the panel ``requirement`` asks for, each with
    the role (or ``chair_capacity``) it is about, so a page can show it by the right field."""
    problems: list[tuple[str, str]] = []
    basis = requirement.members_basis()
    counts: dict[str, int] = {}
    for member in members:
        counts[member.role] = counts.get(member.role, 0) + 1
        if not member.name.strip() and member.role in PANEL_ROLE_LABELS:
            problems.append((member.role, f"Enter the name of the {PANEL_ROLE_LABELS[member.role].lower()}"))  # type: ignore[index]
    for role, wanted in requirement.roles.items():
        have = counts.get(role.value, 0)
        if have < wanted:
            problems.append((role.value, _cited(f"The {role.label.lower()} is missing", basis)))
        elif have > wanted:
            problems.append((role.value, _cited(f"Only {wanted} {role.label.lower()} may sit", basis)))
    for role_name in counts:
        if role_name not in PANEL_ROLE_LABELS:
            problems.append(("__all__", f"Unknown panel role {role_name!r}"))
            continue
        role = PanelRole(role_name)
        if role not in requirement.roles:
            problems.append((role.value, _cited(f"A {requirement.forum_label.lower()} on "
                                                f"{long_date(requirement.sitting_on)} has no {role.label.lower()}",
                                                basis)))
    capacities = requirement.chair_capacities
    for member in members:
        if member.role == PanelRole.CHAIR and capacities and member.capacity not in capacities:
            allowed = "; ".join(capacities.values()).lower()
            text = f"The chair must be one of: {allowed}" if member.capacity else "Select what the chair sits as"
            problems.append(("chair_capacity", _cited(text, requirement.chair_basis())))
    return problems


def panel_check(requirement: PanelRequirement, members: list[Member] | tuple[Member, ...]) -> list[str]:
    """Every reason the ``members`` do not make up the panel ``requirement`` asks for."""
    return [text for _, text in panel_problems(requirement, members)]


# -- dates of the meeting or hearing -------------------------------------------------------


@dataclass(frozen=True)
class Window:
    """The permitted days for the meeting or hearing (either bound may be open)."""

    earliest: date | None
    latest: date | None
    reasons: tuple[Reason, ...] = ()

    @property
    def confirmed(self) -> bool:
        return all(r.confirmed for r in self.reasons)


def hearing_window(*, forum: str, notice_on: date | None, papers_to_chair_on: date | None,
                   received_on: date, config: RulesConfig | None = None) -> Window:
    """When the meeting or hearing may be held.

    * accelerated hearing: not less than 10 and not more than 15 working days after the reg
      51(1) notice (reg 52(1)) [V];
    * misconduct meeting: within the reg 34(1) period after the documents were supplied to the
      person conducting (20 working days in 2012; [M], configuration);
    * misconduct hearing: after the pre-hearing; regulations.md gives no verified period, so only
      the order of events is checked.
    """
    if forum == "accelerated_hearing" and notice_on is not None:
        earliest = compute_deadline("amh-earliest", notice_on, regime_date=received_on, config=config)
        latest = compute_deadline("amh-latest", notice_on, regime_date=received_on, config=config)
        return Window(earliest.due, latest.due, (
            Reason(f"not less than 10 and not more than 15 working days after the notice given on "
                   f"{long_date(notice_on)}: {earliest.explanation}; {latest.explanation}", latest.basis),))
    if forum == "misconduct_meeting" and papers_to_chair_on is not None:
        latest = compute_deadline("misconduct-meeting", papers_to_chair_on, regime_date=received_on, config=config)
        return Window(papers_to_chair_on, latest.due, (
            Reason(f"within {latest.length} working days of the documents supplied on "
                   f"{long_date(papers_to_chair_on)} (the 2020 figure is not verified; configurable)",
                   latest.basis, latest.confirmed),))
    return Window(papers_to_chair_on or notice_on, None, ())


def hearing_date_check(*, forum: str, hearing_on: date, notice_on: date | None, papers_to_chair_on: date | None,
                       pre_hearing_on: date | None, received_on: date, reduced_by_agreement: bool = False,
                       extended: bool = False, config: RulesConfig | None = None) -> list[str]:
    """Every reason ``hearing_on`` is not a permitted day for the meeting or hearing."""
    refusals: list[str] = []
    if notice_on is None:
        word = "reg 51(1) notice" if forum == "accelerated_hearing" else "notice of referral (reg 30)"
        return [f"Record the {word} before fixing the date ({CR}, regs 30 and 51)"]
    if hearing_on <= notice_on:
        refusals.append(f"The {forum.replace('_', ' ')} must be after the notice given on {long_date(notice_on)}")
    if pre_hearing_on is not None and hearing_on <= pre_hearing_on:
        refusals.append(f"The hearing must be after the pre-hearing on {long_date(pre_hearing_on)} ({CR}, reg 33)")
    window = hearing_window(forum=forum, notice_on=notice_on, papers_to_chair_on=papers_to_chair_on,
                            received_on=received_on, config=config)
    why = "; ".join(str(r) for r in window.reasons)
    if window.earliest and hearing_on < window.earliest and not reduced_by_agreement:
        agreement = "reg 48" if forum == "accelerated_hearing" else "reg 22"
        refusals.append(f"The earliest permitted day is {long_date(window.earliest)}: {why}; a shorter period "
                        f"needs the agreement of the parties ({CR}, {agreement})")
    if window.latest and hearing_on > window.latest and not extended:
        refusals.append(f"The latest permitted day is {long_date(window.latest)}: {why}; record an extension if "
                        f"one was granted ({CR}, reg 34(2) for meetings)")
    return refusals


# -- complainant reviews -------------------------------------------------------------------


@dataclass(frozen=True)
class ReviewApplication:
    due: date
    valid: bool
    reasons: tuple[Reason, ...] = field(default_factory=tuple)

    def because(self) -> str:
        return "; ".join(str(r) for r in self.reasons)


def review_deciders(review_body: str) -> frozenset[Role]:
    """Who records the decision on a complainant's review. The local policing body's reviewer (the
    review panel member) decides the reviews it is the relevant review body for; the force's
    appropriate authority or decision maker only records the IOPC's decision when the IOPC is
    the review body, never deciding a review of its own handling (PRA Sch 3 para 30; C&M Regs
    reg 32). An unrecorded body is the local policing body's, the default of para 30."""
    if review_body == "iopc":
        return frozenset({Role.ASSESSOR, Role.DECISION_MAKER})
    return frozenset({Role.REVIEW_PANEL})


def review_application(*, outcome_notified_on: date, received_on: date, received_on_regime: date,
                       sent_to_wrong_body_on: date | None = None, extended: bool = False,
                       config: RulesConfig | None = None) -> ReviewApplication:
    """Whether a review application is in time.

    28 days starting with the day after the outcome information was provided (C&M Regs reg
    29(2)) [V]. Time is not counted while an application sent to the wrong body is forwarded
    (reg 29(3); PRA Sch 3 para 32): the day it reached the wrong body counts as the day made.
    The review body may extend for special circumstances (reg 29(4), [M])."""
    deadline = compute_deadline("review-application", outcome_notified_on, regime_date=received_on_regime,
                                config=config)
    made = received_on
    reasons = [Reason(f"the application period ends on {long_date(deadline.due)}: {deadline.explanation}",
                      deadline.basis)]
    if sent_to_wrong_body_on is not None and sent_to_wrong_body_on < received_on:
        made = sent_to_wrong_body_on
        reasons.append(Reason(f"it was first sent to the wrong body on {long_date(sent_to_wrong_body_on)}; time "
                              "is not counted while it is forwarded", f"{CM}, reg 29(3); {PRA}, Sch 3 para 32"))
    if made <= deadline.due:
        reasons.append(Reason(f"made on {long_date(made)}, within the period", deadline.basis))
        return ReviewApplication(deadline.due, True, tuple(reasons))
    if extended:
        reasons.append(Reason(f"made on {long_date(made)}, after the period, but the review body extended it for "
                              "special circumstances", f"{CM}, reg 29(4)", False))
        return ReviewApplication(deadline.due, True, tuple(reasons))
    reasons.append(Reason(f"made on {long_date(made)}, after the last day", deadline.basis))
    return ReviewApplication(deadline.due, False, tuple(reasons))


# -- appeals -------------------------------------------------------------------------------


#: The grounds of appeal (Conduct Regs reg 45(1); the PAT grounds mirror them [M]).
APPEAL_GROUNDS = {
    "unreasonable": "The finding or the disciplinary action was unreasonable",
    "new_evidence": "New evidence that could not reasonably have been considered and could have materially "
                    "affected the outcome",
    "unfair": "A serious breach of procedure or other unfairness that could have materially affected the outcome",
}


class AppealResult(StrEnum):
    DISMISSED = "dismissed"
    OUTCOME_SUBSTITUTED = "outcome_substituted"
    FINDING_QUASHED = "finding_quashed"
    REMITTED = "remitted"


DISMISSAL_OUTCOMES = ("dismissal_without_notice", "would_have_been_dismissed")


@dataclass(frozen=True)
class AppealEffect:
    finding: str
    outcome: str
    remove_barred_entry: bool
    reasons: tuple[Reason, ...]


def appeal_rule(forum: str | None) -> str:
    """The deadline rule for an appeal from ``forum``: the appeal meeting (reg 45) from a
    misconduct meeting, the Police Appeals Tribunal from a hearing or accelerated hearing."""
    return "meeting-appeal" if forum == "misconduct_meeting" else "pat-appeal"


def appeal_effect(*, result: str, finding: str, outcome: str, substituted_outcome: str = "") -> AppealEffect:
    """What the appeal's ``result`` does to the subject's finding and outcome, and whether a
    barred-list entry made for a dismissal is removed (an overturned dismissal ends the entry:
    College of Policing barred-list guidance; regulations.md §8)."""
    basis = f"{CR}, reg 45; {PAT}"
    barred = "Police Barred List and Police Advisory List Regulations 2017; College of Policing barred-list guidance"
    value = AppealResult(result)
    if value == AppealResult.DISMISSED:
        return AppealEffect(finding, outcome, False, (Reason("the appeal was dismissed: the finding and outcome "
                                                             "stand", basis),))
    if value == AppealResult.OUTCOME_SUBSTITUTED:
        reasons = [Reason(f"the appeal was allowed and {substituted_outcome.replace('_', ' ')} substituted for "
                          f"{outcome.replace('_', ' ')}", basis)]
        remove = outcome in DISMISSAL_OUTCOMES and substituted_outcome not in DISMISSAL_OUTCOMES
        if remove:
            reasons.append(Reason("the dismissal was overturned on appeal, so the barred-list entry is removed",
                                  barred))
        return AppealEffect(finding, substituted_outcome, remove, tuple(reasons))
    if value == AppealResult.FINDING_QUASHED:
        reasons = [Reason("the appeal was allowed and the finding quashed: no misconduct is found and no "
                          "disciplinary action stands", basis)]
        remove = outcome in DISMISSAL_OUTCOMES
        if remove:
            reasons.append(Reason("the dismissal was overturned on appeal, so the barred-list entry is removed",
                                  barred))
        return AppealEffect("neither", "not_proven", remove, tuple(reasons))
    reasons = [Reason("the appeal was allowed and the matter remitted to be heard again: the finding and outcome "
                      "are set aside until then", basis)]
    remove = outcome in DISMISSAL_OUTCOMES
    if remove:
        reasons.append(Reason("the dismissal no longer stands, so the barred-list entry is removed", barred))
    return AppealEffect("", "", remove, tuple(reasons))


def substitutable(outcome: str, substituted: str) -> list[str]:
    """Reasons a substituted outcome is not allowed (it must be a disciplinary outcome that
    differs from the one appealed)."""
    allowed = ("written_warning", "final_written_warning", "reduction_in_rank", "dismissal_without_notice",
               "would_have_been_dismissed", "rprp")
    if substituted not in allowed:
        return ["Choose the outcome the appeal substituted"]
    if substituted == outcome:
        return ["The substituted outcome is the same as the one appealed: record the appeal as dismissed"]
    return []


def is_senior(rank: str | None) -> bool:
    return rank in SENIOR_RANKS or rank in HMI_CHAIR_RANKS
