"""Errors every app's services raise in the same way."""

from __future__ import annotations

from django.core.exceptions import ValidationError


class StaleEdit(ValidationError):
    """The record changed since the user loaded it (its ``version`` moved on); nothing was written.

    Raised by any service that takes an ``expected_version``; pages show the message above the
    form and the API answers 409.
    """
