"""`candour intake purge` removes abandoned uploads and never an attached file."""

from __future__ import annotations

import io
import os
import time
from pathlib import Path
from typing import Any

import pytest
from django.core.management import CommandError, call_command

from candour.intake.storage import evidence_store
from candour.testing.cast import PNG_BYTES, Cast


@pytest.mark.django_db
def test_purge_removes_old_orphans_only(cast: Cast, _evidence_store: Path) -> None:
    attached = _evidence_store / cast.evidence.stored_name
    orphan = _evidence_store / evidence_store(stream=io.BytesIO(PNG_BYTES), name="a.png",
                                              size=len(PNG_BYTES)).stored_name
    fresh = _evidence_store / evidence_store(stream=io.BytesIO(PNG_BYTES), name="b.png",
                                             size=len(PNG_BYTES)).stored_name
    old = time.time() - 3 * 86400
    for path in (attached, orphan):
        os.utime(path, (old, old))
    out = io.StringIO()
    call_command("intake", "purge", stdout=out)
    assert "Removed 1 orphaned upload(s)" in out.getvalue()
    assert attached.exists() and fresh.exists() and not orphan.exists()
    call_command("intake", "purge", stdout=out)  # idempotent
    assert attached.exists() and fresh.exists()


def test_purge_refuses_to_remove_uploads_a_session_may_still_send(cast: Cast, _evidence_store: Path,
                                                                  settings: Any) -> None:
    settings.SESSION_COOKIE_AGE = 8 * 3600
    _evidence_store.mkdir(parents=True, exist_ok=True)
    pending = _evidence_store / "abc123"
    pending.write_bytes(b"pending upload")
    old = time.time() - 3 * 3600
    os.utime(pending, (old, old))
    with pytest.raises(CommandError, match="at least 8"):
        call_command("intake", "purge", "--hours", "1", stdout=io.StringIO())
    assert pending.exists()
