"""A step's page asks for exactly the fields of the step's typed record (candour.domain.steps)."""

from __future__ import annotations

import pytest

from candour.domain.lifecycle import TRANSITIONS
from candour.domain.steps import input_names
from candour.web.cases.forms import StepForm


@pytest.mark.parametrize("step", sorted(t.name for t in TRANSITIONS))
def test_the_step_form_asks_for_the_steps_own_inputs(step: str) -> None:
    form = StepForm(step=step, subjects=[])
    assert set(form.fields) == {"reason", "version", *input_names(step)}
