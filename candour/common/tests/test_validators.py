"""The shared checks: clean_text refuses exactly Unicode's control characters, less tab (and
newline where allowed); Refusals collects the services' refusals field by field."""

from __future__ import annotations

import sys
import unicodedata
from datetime import date

import pytest
from django.core.exceptions import ValidationError

from candour.common.validators import Refusals, clean_text


def _refused(text: str, multiline: bool) -> bool:
    try:
        clean_text(f"a{text}b", multiline=multiline)
    except ValidationError:
        return True
    return False


@pytest.mark.parametrize("multiline", [False, True])
def test_refuses_every_control_character_and_nothing_else(multiline: bool) -> None:
    allowed = "\n\t\r" if multiline else "\t"  # a lone CR becomes a newline in multiline text
    expected = {chr(c) for c in range(sys.maxunicode + 1)
                if unicodedata.category(chr(c)) == "Cc" and chr(c) not in allowed}
    # Every control character, and a sample of everything else (letters, marks, symbols,
    # spaces, format characters, private use, the last code points).
    others = [chr(c) for c in (*range(0x20, 0x7F), *range(0xA0, 0x3000, 7), 0x200B, 0x200D, 0xFEFF,
                               0xE000, 0x1F600, 0x10FFFD)]
    refused = {ch for ch in sorted(expected) + others if _refused(ch, multiline)}
    assert refused == expected


def test_newlines_are_normalised_in_multiline_text() -> None:
    assert clean_text(" one\r\ntwo\rthree\n ", multiline=True) == "one\ntwo\nthree"


# -- Refusals: the services' checks, one message per field, all raised together ---------------

TODAY = date(2026, 3, 10)


def test_text_is_stripped_and_refused_when_missing_too_long_or_holding_nul() -> None:
    refusals = Refusals()
    assert refusals.text("a", "  kept  ", label="the reasons") == "kept"
    refusals.text("b", "   ", label="the reasons")
    refusals.text("c", "x" * 4001, label="the reasons")
    refusals.text("d", "x\x00y", label="the reasons")
    refusals.text("e", "", label="the court", required=False)
    refusals.text("f", "", label="the rationale", missing="Enter the full rationale")
    assert refusals == {"b": "Enter the reasons", "c": "The reasons must be 4,000 characters or fewer",
                        "d": "Remove the special characters that cannot be typed on a keyboard",
                        "f": "Enter the full rationale"}


def test_dates_between_an_earlier_day_and_today() -> None:
    refusals = Refusals()
    refusals.between("late", date(2026, 3, 11), label="The date sent", earliest=date(2026, 1, 1),
                     what="the suspension", today=TODAY)
    refusals.between("early", date(2025, 12, 31), label="the date sent", earliest=date(2026, 1, 1),
                     what="the suspension", today=TODAY)
    refusals.between("fine", TODAY, label="The date sent", earliest=TODAY, what="the suspension", today=TODAY)
    refusals.not_future("none", None, label="The date", today=TODAY)
    assert refusals == {"late": "The date sent must be today or in the past",
                        "early": "The date sent must be on or after the suspension (1 January 2026)"}


def test_the_first_message_for_a_field_is_kept_and_all_are_raised_together() -> None:
    refusals = Refusals()
    refusals.add("a", "first")
    refusals.not_future("a", date(2027, 1, 1), label="The date", today=TODAY)
    refusals["b"] = "set by the service"
    with pytest.raises(ValidationError) as raised:
        refusals.raise_if_any()
    assert raised.value.message_dict == {"a": ["first"], "b": ["set by the service"]}
    Refusals().raise_if_any()  # nothing wrong: nothing raised
