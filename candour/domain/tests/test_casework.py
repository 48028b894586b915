"""Every step in the lifecycle table: allowed once, and refused for the wrong state, the wrong
role and (where the step has guards) a rule not met, each refusal saying why.

The table below is checked against ``TRANSITIONS``: a new step without its rows fails.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from typing import Any

import pytest

from candour.domain.access import Role
from candour.domain.casework import CaseFacts, SubjectFacts, check_transition
from candour.domain.facts import Warning
from candour.domain.lifecycle import TRANSITIONS, CaseState

ON = date(2025, 9, 1)
PC = SubjectFacts(key="s1", name="PC Able", rank="constable")
BASE = CaseFacts(on=ON, case_type="complaint", state="logged", received_on=date(2025, 6, 10),
                 subjects=(PC,))


def facts(state: CaseState, **changes: Any) -> CaseFacts:
    return replace(BASE, state=state.value, **changes)


def subject(**changes: Any) -> SubjectFacts:
    return replace(PC, **changes)


_S = CaseState
AA, INV, DM, CH = Role.ASSESSOR, Role.INVESTIGATOR, Role.DECISION_MAKER, Role.CALL_HANDLER
READY = subject(severity="misconduct", severity_assessed_on=date(2025, 7, 1), notice_served=True)
GM_ANSWER = subject(severity="gross_misconduct", severity_assessed_on=date(2025, 7, 1), notice_served=True,
                    case_to_answer="gross_misconduct")

# name -> (allowed: state, facts changes, role, inputs), (rule not met: facts changes, inputs, words) or None
CASES: dict[str, tuple[tuple[CaseState, dict[str, Any], Role, dict[str, Any]],
                       tuple[dict[str, Any], dict[str, Any], str] | None]] = {
    "handle_outside_schedule_3": (
        (_S.LOGGED, {"conduct": ("service_level",), "complainant_wants_recording": False}, AA, {}),
        ({"conduct": ("criminal_offence",)}, {}, "must be recorded")),
    "record": ((_S.LOGGED, {}, AA, {}), None),
    "refer": ((_S.RECORDED, {}, AA, {}), None),
    "iopc_local": ((_S.REFERRED, {"referred": True}, AA, {}), None),
    "iopc_directed": ((_S.REFERRED, {"referred": True}, AA, {}), None),
    "iopc_independent": ((_S.REFERRED, {"referred": True}, AA, {}), None),
    "iopc_refer_back": ((_S.REFERRED, {"referred": True}, AA, {}), None),
    "iopc_no_investigation": ((_S.REFERRED, {"referred": True}, AA, {}), None),
    "handle_otherwise": (
        (_S.RECORDED, {"conduct": ("disciplinary_breach",)}, AA, {}),
        ({"conduct": ("serious_sexual_offence",)}, {}, "must be referred to the IOPC first")),
    "investigate": (
        (_S.RECORDED, {"investigator_appointed": True}, AA, {}),
        ({"investigator_appointed": False}, {}, "Appoint an investigator")),
    "pause": ((_S.INVESTIGATION, {}, INV, {"reason": "Charged; trial listed"}),
              ({}, {"reason": ""}, "Give the reasons")),
    "resume": ((_S.PAUSED, {}, INV, {}), None),
    "submit_report": (
        (_S.INVESTIGATION, {"subjects": (READY,)}, INV, {}),
        ({"subjects": (subject(severity="misconduct"),)}, {}, "Serve a Regulation 17 notice on PC Able")),
    "refer_to_proceedings": (
        (_S.DECISION, {"subjects": (GM_ANSWER,)}, DM, {"forum": "misconduct_hearing"}),
        ({"subjects": (GM_ANSWER,)}, {"forum": "misconduct_meeting"},
         "must be a misconduct hearing, not a misconduct meeting")),
    "no_case_to_answer": (
        (_S.DECISION, {"subjects": (subject(case_to_answer="none"),)}, DM, {}),
        ({"subjects": (GM_ANSWER,)}, {}, "There is a case to answer for PC Able")),
    "appeal": (
        (_S.PROCEEDINGS, {"proceedings_forum": "misconduct_meeting", "proceedings_outcome_on": date(2025, 8, 1)},
         DM, {"lodged_on": date(2025, 8, 8)}),
        ({"proceedings_forum": "misconduct_meeting", "proceedings_outcome_on": date(2025, 8, 1)},
         {"lodged_on": date(2025, 8, 29)}, "after the last day")),
    "request_review": (
        (_S.CLOSED, {"was_recorded": True, "outcome_notified_on": date(2025, 8, 20)}, AA,
         {"received_on": date(2025, 9, 1)}),
        ({"was_recorded": False, "outcome_notified_on": date(2025, 8, 20)}, {}, "no right of review")),
    "review_reinvestigate": (
        (_S.REVIEW, {"review_outcome": "not_reasonable", "review_reinvestigation": True}, AA,
         {"reason": "Review upheld"}),
        ({"review_outcome": "reasonable"}, {"reason": "Review upheld"}, "not reasonable and proportionate")),
    "remit": ((_S.APPEAL, {"appeal_result": "remitted"}, DM, {}),
              ({"appeal_result": "dismissed"}, {}, "Only an appeal allowed and remitted")),
    "discontinue_repeat": (
        (_S.RECORDED, {"repeat_without_fresh_evidence": True}, AA, {"reason": "Same as CASE-1"}),
        ({"repeat_without_fresh_evidence": False}, {"reason": "x"}, "repeats an earlier one")),
    "close": (
        (_S.PROCEEDINGS, {"subjects": (replace(GM_ANSWER, finding="gross_misconduct",
                                               outcome="dismissal_without_notice"),)}, DM, {}),
        ({"subjects": (replace(GM_ANSWER, finding="gross_misconduct", outcome="final_written_warning"),)}, {},
         "presumption of dismissal")),
    "withdraw": ((_S.RECORDED, {}, AA, {"signed": True}),
                 ({}, {"signed": False}, "signed by the complainant")),
    "reopen": ((_S.CLOSED, {}, AA, {"reason": "New witness", "authorised_by": "Supt Jones"}),
               ({}, {"reason": "New witness", "authorised_by": ""}, "Name the person who authorised")),
}


def test_every_transition_has_rows() -> None:
    assert set(CASES) == {t.name for t in TRANSITIONS}


def test_every_guarded_transition_has_a_rule_not_met_row() -> None:
    guarded = {t.name for t in TRANSITIONS if t.guards}
    assert {name for name in guarded if CASES[name][1] is None} == set()


@pytest.mark.parametrize("name", list(CASES))
def test_allowed(name: str) -> None:
    state, changes, role, inputs = CASES[name][0]
    check = check_transition(name, facts=facts(state, **changes), roles={role}, inputs=inputs)
    assert check.allowed, check.refusals


@pytest.mark.parametrize("name", list(CASES))
def test_refused_in_the_wrong_state(name: str) -> None:
    state, changes, role, inputs = CASES[name][0]
    transition = next(t for t in TRANSITIONS if t.name == name)
    wrong = next(s for s in CaseState if s not in transition.source)
    check = check_transition(name, facts=facts(wrong, **changes), roles={role}, inputs=inputs)
    assert not check.allowed
    assert f"the case is '{wrong.label.lower()}'" in check.refusals[0]
    assert "only possible from" in check.refusals[0]


@pytest.mark.parametrize("name", list(CASES))
def test_refused_for_the_wrong_role(name: str) -> None:
    state, changes, role, inputs = CASES[name][0]
    transition = next(t for t in TRANSITIONS if t.name == name)
    wrong = next(r for r in (CH, Role.ANALYST, Role.OVERSIGHT) if r not in transition.roles)
    check = check_transition(name, facts=facts(state, **changes), roles={wrong}, inputs=inputs)
    assert not check.allowed
    assert check.refusals[0].startswith("Only ") and "can take this step" in check.refusals[0]


@pytest.mark.parametrize("name", [n for n, (_, bad) in CASES.items() if bad is not None])
def test_refused_when_a_rule_is_not_met(name: str) -> None:
    state, _changes, role, _inputs = CASES[name][0]
    bad = CASES[name][1]
    assert bad is not None
    changes, inputs, words = bad
    check = check_transition(name, facts=facts(state, **changes), roles={role}, inputs=inputs)
    assert not check.allowed
    assert any(words in refusal for refusal in check.refusals), check.refusals


def test_a_final_written_warning_in_force_sends_misconduct_to_a_hearing() -> None:
    live = subject(severity="misconduct", severity_assessed_on=date(2025, 7, 1), notice_served=True,
                   case_to_answer="misconduct",
                   warnings=(Warning(type="final_written", notified_on=date(2024, 9, 1)),))
    check = check_transition("refer_to_proceedings", facts=facts(_S.DECISION, subjects=(live,)),
                             roles={DM}, inputs={"forum": "misconduct_meeting"})
    assert not check.allowed
    assert "final written warning" in check.refusals[0]
    assert check_transition("refer_to_proceedings", facts=facts(_S.DECISION, subjects=(live,)),
                            roles={DM}, inputs={"forum": "misconduct_hearing"}).allowed


def test_a_lesser_outcome_after_gross_misconduct_needs_exceptional_circumstances() -> None:
    lesser = replace(GM_ANSWER, finding="gross_misconduct", outcome="final_written_warning",
                     exceptional_circumstances=True)
    assert check_transition("close", facts=facts(_S.PROCEEDINGS, subjects=(lesser,)), roles={DM}).allowed


def test_before_the_2025_reforms_there_is_no_presumption_of_dismissal() -> None:
    old = replace(GM_ANSWER, finding="gross_misconduct", outcome="final_written_warning")
    before = facts(_S.PROCEEDINGS, subjects=(old,), received_on=date(2024, 1, 10), on=date(2025, 3, 1))
    assert check_transition("close", facts=before, roles={DM}).allowed


def test_an_investigator_with_a_conflict_cannot_start() -> None:
    check = check_transition("investigate", facts=facts(_S.RECORDED, investigator_appointed=True,
                                                       investigator_conflict="Insp Hale manages PC Able"),
                             roles={AA})
    assert check.refusals == ("The investigator has a conflict of interest: Insp Hale manages PC Able",)


def test_an_independent_iopc_investigation_needs_no_force_investigator() -> None:
    check = check_transition("investigate", facts=facts(_S.REFERRED, referred=True, iopc_mode="independent"),
                             roles={AA})
    assert check.allowed


def test_next_steps_do_not_count_what_is_typed_on_the_step_page() -> None:
    from candour.domain.casework import next_steps

    steps = {c.transition.name: c for c in next_steps(facts=facts(_S.INVESTIGATION), roles={INV})}
    assert steps["pause"].allowed  # the reasons are asked for on the step's page
    decision = facts(_S.DECISION, subjects=(GM_ANSWER,))
    steps = {c.transition.name: c for c in next_steps(facts=decision, roles={DM})}
    assert steps["refer_to_proceedings"].allowed and not steps["no_case_to_answer"].allowed


def test_a_complaint_handled_otherwise_closes_with_its_outcome() -> None:
    handled = facts(_S.HANDLING)
    refused = check_transition("close", facts=handled, roles={AA}, inputs={})
    assert "service was acceptable" in refused.refusals[0]
    assert check_transition("close", facts=handled, roles={AA},
                            inputs={"handling_outcome": "service_not_acceptable"}).allowed
