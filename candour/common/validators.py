"""One set of checks for text and dates, used by the services and the forms of every app, so a
refusal says the same thing in the same words wherever it comes from.

Messages follow the GOV.UK error message patterns ("Enter ...", "... must be today or in the
past") and go through ``gettext`` so the public pages can show them in Welsh.

A service collects its refusals field by field in :class:`Refusals` and raises them together,
so the person sees every problem at once and nothing is written::

    refusals = Refusals()
    reasons = refusals.text("reasons", reasons, label="the reasons")
    refusals.not_future("started_on", started_on, label="The start date", today=today)
    refusals.raise_if_any()
"""

from __future__ import annotations

import re
import unicodedata
from datetime import date

from django.core.exceptions import ValidationError
from django.utils.functional import Promise
from django.utils.translation import gettext as _

from candour.domain.deadlines import long_date

#: Free text longer than this is refused unless a caller sets its own limit.
TEXT_MAX = 4000
# Unicode's control characters (category Cc) are exactly U+0000-U+001F and U+007F-U+009F; a
# tab is allowed everywhere and a newline in text that may run over several lines.
_CONTROL = {False: re.compile("[\x00-\x08\x0a-\x1f\x7f-\x9f]"),
            True: re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f]")}
CONTROL_MESSAGE = "Remove the special characters that cannot be typed on a keyboard"


def clean_text(value: str, *, multiline: bool = False) -> str:
    """Normalise to NFC, strip, and refuse control characters (NUL breaks PostgreSQL text)."""
    text = unicodedata.normalize("NFC", value or "").strip()
    if multiline:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    if _CONTROL[multiline].search(text):
        raise ValidationError(_(CONTROL_MESSAGE))
    return text


def _capital(label: str | Promise) -> str:
    text = str(label)
    return text[:1].upper() + text[1:]


class Refusals(dict[str, str]):
    """What is wrong with a submission: field name -> message (``"__all__"`` for the whole).

    A dict, so a service may also set a message of its own (``refusals["kind"] = "Choose ..."``);
    the checks below keep the first message found for a field.
    """

    def add(self, field: str, message: str | Promise) -> None:
        self.setdefault(field, str(message))

    def text(self, field: str, value: str, *, label: str | Promise, limit: int = TEXT_MAX,
             required: bool = True, missing: str | Promise | None = None) -> str:
        """``value`` stripped; refused when empty (if ``required``: "Enter ``label``", or the
        ``missing`` message), longer than ``limit``, or holding NUL, which no database text column
        can store. (The API's schemas refuse NUL too, so what they accept a service accepts;
        the public forms go further with :func:`clean_text`.)"""
        text = (value or "").strip()
        if "\x00" in text:
            self.add(field, _(CONTROL_MESSAGE))
        elif required and not text:
            self.add(field, missing or _("Enter %(label)s") % {"label": label})
        elif len(text) > limit:
            self.add(field, _("%(label)s must be %(max)s characters or fewer")
                     % {"label": _capital(label), "max": f"{limit:,}"})
        return text

    def not_future(self, field: str, day: date | None, *, label: str | Promise, today: date) -> Refusals:
        """``day`` must be today or earlier."""
        if day is not None and day > today:
            self.add(field, _("%(label)s must be today or in the past") % {"label": _capital(label)})
        return self

    def on_or_after(self, field: str, day: date | None, *, label: str | Promise, earliest: date | None,
                    what: str | Promise) -> Refusals:
        """``day`` must be no earlier than ``earliest``, which ``what`` names ("the date served")."""
        if day is not None and earliest is not None and day < earliest:
            self.add(field, _("%(label)s must be on or after %(what)s (%(date)s)")
                     % {"label": _capital(label), "what": what, "date": long_date(earliest)})
        return self

    def between(self, field: str, day: date | None, *, label: str | Promise, earliest: date | None,
                what: str | Promise, today: date) -> Refusals:
        """``day`` must fall between ``earliest`` (named by ``what``) and today; one check alone
        reads ``Refusals().between(...).raise_if_any()``."""
        self.not_future(field, day, label=label, today=today)
        return self.on_or_after(field, day, label=label, earliest=earliest, what=what)

    def raise_if_any(self) -> None:
        if self:
            raise ValidationError(dict(self))
