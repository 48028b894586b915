"""Case states and the transitions between them: the one table every state change obeys.

Only ``candour.cases.services.case_transition`` writes a case's state, and it asks this
table first. ``docs/lifecycle.md`` is generated from it.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


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
    """One allowed move: from ``source`` to ``target``, named ``name``."""

    name: str
    source: frozenset[CaseState]
    target: CaseState
    description: str


_S = CaseState
TRANSITIONS: tuple[Transition, ...] = (
    Transition("handle_outside_schedule_3", frozenset({_S.LOGGED}), _S.OUTSIDE_SCHEDULE_3,
               "Handle the complaint outside Schedule 3 to the complainant's satisfaction"),
    Transition("record", frozenset({_S.LOGGED, _S.OUTSIDE_SCHEDULE_3}), _S.RECORDED,
               "Record under Schedule 3 (required on request or when the recording test is met)"),
    Transition("refer", frozenset({_S.LOGGED, _S.RECORDED, _S.HANDLING, _S.INVESTIGATION}),
               _S.REFERRED, "Refer to the IOPC"),
    Transition("handle_otherwise", frozenset({_S.RECORDED, _S.REFERRED}), _S.HANDLING,
               "Handle under Schedule 3 otherwise than by investigation"),
    Transition("investigate", frozenset({_S.RECORDED, _S.REFERRED, _S.HANDLING}),
               _S.INVESTIGATION, "Start an investigation"),
    Transition("pause", frozenset({_S.INVESTIGATION}), _S.PAUSED,
               "Pause for criminal proceedings"),
    Transition("resume", frozenset({_S.PAUSED}), _S.INVESTIGATION,
               "Resume after criminal proceedings"),
    Transition("submit_report", frozenset({_S.INVESTIGATION}), _S.DECISION,
               "Final report submitted: decide case to answer"),
    Transition("refer_to_proceedings", frozenset({_S.DECISION}), _S.PROCEEDINGS,
               "Case to answer: refer to misconduct proceedings"),
    Transition("appeal", frozenset({_S.PROCEEDINGS}), _S.APPEAL, "Outcome appealed"),
    Transition("request_review", frozenset({_S.CLOSED}), _S.REVIEW,
               "Complainant applies for a review"),
    Transition("close", frozenset({_S.OUTSIDE_SCHEDULE_3, _S.HANDLING, _S.DECISION,
                                   _S.PROCEEDINGS, _S.APPEAL, _S.REVIEW, _S.REFERRED}),
               _S.CLOSED, "Final outcome recorded"),
    Transition("withdraw", frozenset({_S.LOGGED, _S.OUTSIDE_SCHEDULE_3, _S.RECORDED,
                                      _S.HANDLING, _S.INVESTIGATION, _S.PAUSED}),
               _S.WITHDRAWN, "Complaint withdrawn"),
    Transition("reopen", frozenset({_S.CLOSED, _S.WITHDRAWN}), _S.RECORDED,
               "Reopen with reasons and authority"),
)

TRANSITIONS_BY_NAME = {t.name: t for t in TRANSITIONS}


def allowed_transitions(state: CaseState) -> list[Transition]:
    """Transitions whose source includes ``state``, in table order."""
    return [t for t in TRANSITIONS if state in t.source]
