"""GOV.UK tag classes for case states, shared by every page that lists cases."""

from __future__ import annotations

from candour.domain.lifecycle import CaseState

_STATE_TAG = {
    CaseState.LOGGED: "govuk-tag--blue",
    CaseState.OUTSIDE_SCHEDULE_3: "govuk-tag--light-blue",
    CaseState.RECORDED: "govuk-tag--turquoise",
    CaseState.REFERRED: "govuk-tag--purple",
    CaseState.HANDLING: "govuk-tag--turquoise",
    CaseState.INVESTIGATION: "govuk-tag--orange",
    CaseState.PAUSED: "govuk-tag--grey",
    CaseState.DECISION: "govuk-tag--yellow",
    CaseState.PROCEEDINGS: "govuk-tag--red",
    CaseState.APPEAL: "govuk-tag--pink",
    CaseState.REVIEW: "govuk-tag--pink",
    CaseState.CLOSED: "govuk-tag--grey",
    CaseState.WITHDRAWN: "govuk-tag--grey",
}


def state_tag_class(state: str) -> str:
    return _STATE_TAG.get(CaseState(state), "")

