"""A generated force lands within tolerance of every published figure it is tuned to."""

from __future__ import annotations

from datetime import date

import pytest

from candour.synth.calibration import TARGETS
from candour.synth.forces import ForceSpec
from candour.synth.generate import TABLES, ForceGenerator
from candour.synth.metrics import collect, measure

END = date(2025, 3, 31)
YEARS = 8
OFFICERS = 3000


@pytest.fixture(scope="module")
def measured() -> dict[str, float]:
    spec = ForceSpec(code="CAL", name="Calibration Constabulary", officers=OFFICERS)
    generator = ForceGenerator(spec=spec, seed=11, years=YEARS, end_date=END, force_id=1,
                               id_bases=dict.fromkeys(TABLES, 1))
    return measure(collect(generator.rows()), years=YEARS, officers=OFFICERS, end_date=END)


@pytest.mark.parametrize("key", sorted(TARGETS))
def test_generated_force_is_within_tolerance(measured: dict[str, float], key: str) -> None:
    goal = TARGETS[key]
    assert key in measured, f"{key} is not measured"
    assert abs(measured[key] - goal.value) <= goal.tolerance, (
        f"{key}: measured {measured[key]:.4f}, target {goal.value:.4f} ± {goal.tolerance} "
        f"({goal.source})")


def test_every_target_names_its_source() -> None:
    assert all(t.source and t.tolerance > 0 for t in TARGETS.values())
