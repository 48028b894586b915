"""Project-wide fixtures: the fixed cast, available to every test module."""

from __future__ import annotations

import pytest

from candour.testing.cast import Cast, make_cast


@pytest.fixture
def cast(db: None) -> Cast:
    return make_cast()
