"""Each step's typed inputs: built from a form's or the API's values, the step's own fields only."""

from __future__ import annotations

from dataclasses import fields
from datetime import date

from candour.domain.lifecycle import TRANSITIONS_BY_NAME
from candour.domain.steps import (
    STEP_INPUTS,
    AppealInputs,
    CloseInputs,
    StepInputs,
    all_input_fields,
    input_names,
    inputs_for,
)


def test_every_step_with_inputs_is_a_real_step() -> None:
    assert set(STEP_INPUTS) <= set(TRANSITIONS_BY_NAME)


def test_values_become_the_steps_own_record_and_others_are_ignored() -> None:
    got = inputs_for("appeal", {"subject": "0b7c", "grounds": ["unfair"], "lodged_on": date(2026, 1, 5),
                                "forum": "misconduct_hearing", "extended": None, "grounds_detail": ""},
                     reason="Appeal lodged")
    assert got == AppealInputs(reason="Appeal lodged", subject="0b7c", grounds=("unfair",),
                               lodged_on=date(2026, 1, 5))
    assert inputs_for("close", {"handling_outcome": "service_acceptable"}) == CloseInputs(
        handling_outcome="service_acceptable")
    assert inputs_for("investigate", {"forum": "x"}, reason="r") == StepInputs(reason="r")


def test_a_step_asks_for_its_fields_in_order_and_a_name_means_one_thing_everywhere() -> None:
    assert input_names("request_review") == ("received_on", "sent_to_wrong_body_on", "extended")
    assert input_names("pause") == ()
    merged = all_input_fields()
    for kind in STEP_INPUTS.values():
        for f in fields(kind):
            if f.name != "reason":
                shown, _hint = merged[f.name]
                assert (shown.type, dict(shown.metadata)) == (f.type, dict(f.metadata)), f.name
