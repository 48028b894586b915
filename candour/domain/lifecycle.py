"""Case states and the transitions between them: the one table every state change obeys.

Only ``candour.cases.transitions.case_transition`` writes a case's state, and it asks this
table first. ``docs/lifecycle.md`` is generated from it.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from candour.domain.access import Role


class CaseType(StrEnum):
    COMPLAINT = "complaint"
    CONDUCT_MATTER = "conduct_matter"
    DSI_MATTER = "dsi_matter"
    INTEGRITY_REPORT = "integrity_report"

    @property
    def label(self) -> str:
        return _CASE_TYPE_LABELS[self]


_CASE_TYPE_LABELS = {
    CaseType.COMPLAINT: "Complaint",
    CaseType.CONDUCT_MATTER: "Conduct matter",
    CaseType.DSI_MATTER: "Death or serious injury matter",
    CaseType.INTEGRITY_REPORT: "Integrity report",
}


class CaseState(StrEnum):
    LOGGED = "logged"
    OUTSIDE_SCHEDULE_3 = "outside_schedule_3"
    RECORDED = "recorded"
    REFERRED = "referred"
    HANDLING = "handling"
    INVESTIGATION = "investigation"
    PAUSED = "paused"
    DECISION = "decision"
    PROCEEDINGS = "proceedings"
    APPEAL = "appeal"
    REVIEW = "review"
    CLOSED = "closed"
    WITHDRAWN = "withdrawn"

    @property
    def label(self) -> str:
        return _STATE_LABELS[self]

    @property
    def is_open(self) -> bool:
        return self not in {CaseState.CLOSED, CaseState.WITHDRAWN}


_STATE_LABELS = {
    CaseState.LOGGED: "Logged, awaiting assessment",
    CaseState.OUTSIDE_SCHEDULE_3: "Handled outside Schedule 3",
    CaseState.RECORDED: "Recorded under Schedule 3",
    CaseState.REFERRED: "Referred to the IOPC",
    CaseState.HANDLING: "Handled otherwise than by investigation",
    CaseState.INVESTIGATION: "Under investigation",
    CaseState.PAUSED: "Paused for criminal proceedings",
    CaseState.DECISION: "Awaiting case-to-answer decision",
    CaseState.PROCEEDINGS: "In misconduct proceedings",
    CaseState.APPEAL: "Under appeal",
    CaseState.REVIEW: "Under complainant review",
    CaseState.CLOSED: "Closed",
    CaseState.WITHDRAWN: "Withdrawn",
}


@dataclass(frozen=True)
class Transition:
    """One allowed move: from ``source`` to ``target``, named ``name``.

    ``roles`` may take it; ``guards`` name the checks in :mod:`candour.domain.casework` that
    the facts of the case must pass first (the rules: mandatory recording and referral, the
    forum, the presumption of dismissal, time limits ...).
    """

    name: str
    source: frozenset[CaseState]
    target: CaseState
    description: str
    roles: frozenset[Role] = frozenset()
    guards: tuple[str, ...] = ()


_S = CaseState
_AA = frozenset({Role.ASSESSOR})
_INV = frozenset({Role.INVESTIGATOR, Role.ASSESSOR})
_DM = frozenset({Role.DECISION_MAKER})
_CLOSERS = frozenset({Role.ASSESSOR, Role.DECISION_MAKER})
TRANSITIONS: tuple[Transition, ...] = (
    Transition("handle_outside_schedule_3", frozenset({_S.LOGGED}), _S.OUTSIDE_SCHEDULE_3,
               "Handle the complaint outside Schedule 3 to the complainant's satisfaction", _AA,
               ("outside_schedule_3",)),
    Transition("record", frozenset({_S.LOGGED, _S.OUTSIDE_SCHEDULE_3}), _S.RECORDED,
               "Record under Schedule 3 (required on request or when the recording test is met)", _AA),
    Transition("refer", frozenset({_S.LOGGED, _S.RECORDED, _S.HANDLING, _S.INVESTIGATION}),
               _S.REFERRED, "Refer to the IOPC", _AA),
    Transition("iopc_local", frozenset({_S.REFERRED}), _S.INVESTIGATION,
               "Record the IOPC's decision: a local investigation by the force", _AA),
    Transition("iopc_directed", frozenset({_S.REFERRED}), _S.INVESTIGATION,
               "Record the IOPC's decision: an investigation directed by the IOPC", _AA),
    Transition("iopc_independent", frozenset({_S.REFERRED}), _S.INVESTIGATION,
               "Record the IOPC's decision: an independent IOPC investigation", _AA),
    Transition("iopc_refer_back", frozenset({_S.REFERRED}), _S.RECORDED,
               "Record the IOPC's decision: referred back to the force to handle", _AA),
    Transition("iopc_no_investigation", frozenset({_S.REFERRED}), _S.HANDLING,
               "Record the IOPC's decision: no investigation, handled otherwise by the force", _AA),
    Transition("handle_otherwise", frozenset({_S.RECORDED, _S.REFERRED}), _S.HANDLING,
               "Handle under Schedule 3 otherwise than by investigation", _AA, ("referred_if_required",)),
    Transition("investigate", frozenset({_S.RECORDED, _S.REFERRED, _S.HANDLING}),
               _S.INVESTIGATION, "Start an investigation", _AA,
               ("referred_if_required", "investigator")),
    Transition("pause", frozenset({_S.INVESTIGATION}), _S.PAUSED,
               "Pause for criminal proceedings", _INV, ("reason",)),
    Transition("resume", frozenset({_S.PAUSED}), _S.INVESTIGATION,
               "Resume after criminal proceedings", _INV),
    Transition("submit_report", frozenset({_S.INVESTIGATION}), _S.DECISION,
               "Final report submitted: decide case to answer", frozenset({Role.INVESTIGATOR}),
               ("ready_for_report",)),
    Transition("refer_to_proceedings", frozenset({_S.DECISION}), _S.PROCEEDINGS,
               "Case to answer: refer to misconduct proceedings", _DM, ("case_to_answer",)),
    Transition("no_case_to_answer", frozenset({_S.DECISION}), _S.CLOSED,
               "No case to answer: close the case", _DM, ("no_case_to_answer",)),
    Transition("appeal", frozenset({_S.PROCEEDINGS, _S.CLOSED}), _S.APPEAL, "Outcome appealed", _DM,
               ("appeal",)),
    Transition("remit", frozenset({_S.APPEAL}), _S.PROCEEDINGS,
               "Appeal remitted: hear the case again", _DM, ("appeal_remitted",)),
    Transition("request_review", frozenset({_S.CLOSED}), _S.REVIEW,
               "Complainant applies for a review", _AA, ("review",)),
    Transition("review_reinvestigate", frozenset({_S.REVIEW}), _S.INVESTIGATION,
               "Review upheld: re-investigate", _AA, ("review_upheld", "reason")),
    Transition("discontinue_repeat", frozenset({_S.RECORDED, _S.HANDLING, _S.INVESTIGATION}),
               _S.CLOSED, "Repeat complaint: no duty to investigate, close with reasons", _AA,
               ("repeat", "reason")),
    Transition("close", frozenset({_S.OUTSIDE_SCHEDULE_3, _S.HANDLING, _S.DECISION,
                                   _S.PROCEEDINGS, _S.APPEAL, _S.REVIEW, _S.REFERRED}),
               _S.CLOSED, "Final outcome recorded", _CLOSERS, ("close",)),
    Transition("withdraw", frozenset({_S.LOGGED, _S.OUTSIDE_SCHEDULE_3, _S.RECORDED,
                                      _S.HANDLING, _S.INVESTIGATION, _S.PAUSED}),
               _S.WITHDRAWN, "Complaint withdrawn", _AA, ("withdrawal",)),
    Transition("reopen", frozenset({_S.CLOSED, _S.WITHDRAWN}), _S.RECORDED,
               "Reopen with reasons and authority", frozenset({Role.ASSESSOR, Role.DECISION_MAKER}),
               ("reopen",)),
)

TRANSITIONS_BY_NAME = {t.name: t for t in TRANSITIONS}


def allowed_transitions(state: CaseState) -> list[Transition]:
    """Transitions whose source includes ``state``, in table order."""
    return [t for t in TRANSITIONS if state in t.source]
