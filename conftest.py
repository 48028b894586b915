"""Project-wide fixtures: the fixed cast, available to every test module."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from django.utils import translation
from hypothesis import settings as hypothesis_settings

from candour.testing.cast import Cast, make_cast

# No per-example time limit: these machines are shared and noisy, and speed is measured by the
# benchmarks under bench/, never by unit tests. Examples stay deterministic per test.
hypothesis_settings.register_profile("candour", deadline=None, derandomize=True)
hypothesis_settings.load_profile("candour")


@pytest.fixture(autouse=True)
def _evidence_store(settings: Any, tmp_path: Path) -> Path:
    """Each test gets its own evidence store, so no test sees another's files."""
    path = tmp_path / "evidence"
    settings.CANDOUR_EVIDENCE_DIR = path
    settings.CANDOUR_BACKUP_DIR = tmp_path / "backups"  # a job run in a test never writes var/backups
    return path


@pytest.fixture(autouse=True)
def _default_language() -> Iterator[None]:
    """Start every test in English: a request to a /cy/ page leaves Welsh active in the thread,
    and reverse() would then build /cy/ URLs for the next test."""
    translation.activate("en-gb")
    yield
    translation.activate("en-gb")


@pytest.fixture(autouse=True)
def _force_login_gives_the_second_factor(monkeypatch: pytest.MonkeyPatch) -> None:
    """``client.force_login(user)`` signs in as the sign-in pages would, second factor included
    for a user whose roles need one (``candour.testing.auth``). A test about the second factor
    signs in through the pages instead."""
    from django.test import Client

    from candour.testing.auth import second_factor_verified_if_required

    original = Client.force_login

    def force_login(self: Client, user: Any, backend: str | None = None) -> None:
        original(self, user, backend)
        second_factor_verified_if_required(self, user)

    monkeypatch.setattr(Client, "force_login", force_login)


@pytest.fixture
def cast(db: None) -> Cast:
    return make_cast()
