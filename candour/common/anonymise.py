"""Replacing personal data in a record's fields, for the anonymising services of each app.

No business meaning: which fields, and when, is each app's service's decision (called by
``candour.privacy``, under the retention schedule or an erasure request). Only fields that hold
something are changed, so a second run changes nothing (idempotent) and reports nothing.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.db import models


def anonymise_fields(record: models.Model, *, marker: str, text: Iterable[str] = (),
                     clear: Iterable[str] = ()) -> list[str]:
    """Set each non-empty field named in ``text`` to ``marker`` (names, free text) and each in
    ``clear`` to "" (contact details: an email field must never hold a marker someone might
    write to). A field too short for the marker is cleared instead. Returns the names of the
    fields changed; the caller saves them (``update_fields``)."""
    changed = []
    for name in text:
        value = getattr(record, name)
        if value and value != marker:
            limit = getattr(record._meta.get_field(name), "max_length", None)
            setattr(record, name, marker if limit is None or len(marker) <= limit else "")
            changed.append(name)
    for name in clear:
        if getattr(record, name):
            setattr(record, name, "")
            changed.append(name)
    return changed


def anonymise_rows(rows: Iterable[models.Model], *, marker: str, text: Iterable[str] = (),
                   clear: Iterable[str] = ()) -> int:
    """:func:`anonymise_fields` on each row, saving those that changed; returns the values replaced."""
    text, clear = tuple(text), tuple(clear)
    replaced = 0
    for row in rows:
        changed = anonymise_fields(row, marker=marker, text=text, clear=clear)
        if changed:
            row.save(update_fields=[*changed, *(["updated_at"] if hasattr(row, "updated_at") else [])])
            replaced += len(changed)
    return replaced


def without_values(parts: Any, keep: Iterable[str]) -> Any:
    """A list of dicts (a match's comparison parts) with only the keys in ``keep`` left."""
    kept = set(keep)
    if not isinstance(parts, list):
        return []
    return [{k: v for k, v in part.items() if k in kept} for part in parts if isinstance(part, dict)]
