"""What a case step needs besides its reasons: one typed record per step.

The same record serves the three places a step is taken or done: the step's page asks for its
fields (``candour.web.cases.forms.StepForm``), the API's ``StepInputs`` schema is built from
them (``candour.api.cases``), and the step's effect in ``candour.cases.transitions`` reads them.
The guards in :mod:`candour.domain.casework` read them too, as a mapping.

A field's ``metadata`` says what the API checks beyond its type: ``max_length`` for text,
``choices`` for a closed vocabulary, ``max_items`` for a list, ``uuid`` for a record's key.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import Field, dataclass, field, fields
from datetime import date
from typing import Any, get_type_hints

from candour.domain.casework import HANDLING_OUTCOMES
from candour.domain.proceedings import APPEAL_GROUNDS, FORUM_LABELS


@dataclass(frozen=True)
class StepInputs:
    """What every step carries: the reason recorded with it (on the case and in the audit trail)."""

    reason: str = ""

    def as_mapping(self) -> dict[str, Any]:
        return {f.name: getattr(self, f.name) for f in fields(self)}


@dataclass(frozen=True)
class ReferralInputs(StepInputs):
    """Referral to the IOPC (PRA 2002 Sch 3 paras 4 and 13)."""

    referred_on: date | None = None  # today if left out


@dataclass(frozen=True)
class IopcDecisionInputs(StepInputs):
    """The IOPC's decision on a referral: local, directed, independent, back, or none."""

    decided_on: date | None = None  # today if left out


@dataclass(frozen=True)
class ForumInputs(StepInputs):
    """Referral to misconduct proceedings, and in which form (Conduct Regs reg 23)."""

    forum: str = field(default="", metadata={"choices": tuple(FORUM_LABELS)})


@dataclass(frozen=True)
class NotificationInputs(StepInputs):
    """Closing a case: when the outcome was notified (the review and appeal clocks run from it)."""

    outcome_notified_on: date | None = None  # today if left out


@dataclass(frozen=True)
class CloseInputs(NotificationInputs):
    """Closing a case, and for a complaint handled otherwise than by investigation its outcome
    (C&M Regs reg 35)."""

    handling_outcome: str = field(default="", metadata={"choices": HANDLING_OUTCOMES})


@dataclass(frozen=True)
class WithdrawalInputs(StepInputs):
    """Withdrawal of a complaint: signed by the complainant, or the regulation 39 route."""

    signed: bool = False
    regulation_39: bool = False


@dataclass(frozen=True)
class ReopenInputs(StepInputs):
    """Reopening a closed case: who authorised it (the reason says why)."""

    authorised_by: str = field(default="", metadata={"max_length": 150})


@dataclass(frozen=True)
class AppealInputs(StepInputs):
    """An appeal against the outcome of proceedings (Conduct Regs reg 45; PAT Rules 2020)."""

    subject: str = field(default="", metadata={"uuid": True})  # the appealing officer's subject record
    lodged_on: date | None = None  # today if left out
    grounds: tuple[str, ...] = field(default=(), metadata={"choices": tuple(APPEAL_GROUNDS), "max_items": 3})
    grounds_detail: str = field(default="", metadata={"max_length": 4000})
    extended: bool = False


@dataclass(frozen=True)
class ReviewApplicationInputs(StepInputs):
    """A complainant's application for a review (C&M Regs reg 29; PRA Sch 3 para 32)."""

    received_on: date | None = None  # today if left out
    sent_to_wrong_body_on: date | None = None
    extended: bool = False


#: The inputs of each step that needs more than its reasons, by step name.
STEP_INPUTS: dict[str, type[StepInputs]] = {
    "refer": ReferralInputs,
    **dict.fromkeys(("iopc_local", "iopc_directed", "iopc_independent", "iopc_refer_back",
                     "iopc_no_investigation"), IopcDecisionInputs),
    "refer_to_proceedings": ForumInputs,
    "close": CloseInputs,
    "no_case_to_answer": NotificationInputs,
    "withdraw": WithdrawalInputs,
    "reopen": ReopenInputs,
    "appeal": AppealInputs,
    "request_review": ReviewApplicationInputs,
}


def input_names(step: str) -> tuple[str, ...]:
    """The fields step ``step`` asks for besides its reasons, in the order a page asks them."""
    return tuple(f.name for f in fields(STEP_INPUTS.get(step, StepInputs)) if f.name != "reason")


def inputs_for(step: str, values: Mapping[str, Any] | None = None, *, reason: str = "") -> StepInputs:
    """Step ``step``'s inputs from ``values`` (a form's cleaned data, an API body): the fields the
    step asks for, each left at its default when missing or empty; any other value is ignored."""
    kind = STEP_INPUTS.get(step, StepInputs)
    wanted = {f.name: f for f in fields(kind)}
    given: dict[str, Any] = {}
    for name, value in (values or {}).items():
        if name in wanted and name != "reason" and value not in (None, "", [], ()):
            given[name] = tuple(value) if name == "grounds" else str(value) if name == "subject" else value
    return kind(reason=reason, **given)


def all_input_fields() -> dict[str, tuple[Field[Any], Any]]:
    """Every step's input fields by name, each with its resolved type (a name means the same
    thing in every step that has it), for a schema that takes the inputs of any step."""
    out: dict[str, tuple[Field[Any], Any]] = {}
    for kind in STEP_INPUTS.values():
        hints = get_type_hints(kind)
        for f in fields(kind):
            if f.name != "reason":
                out.setdefault(f.name, (f, hints[f.name]))
    return out
