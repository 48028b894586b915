"""clean_text refuses exactly Unicode's control characters, less tab (and newline where allowed)."""

from __future__ import annotations

import sys
import unicodedata

import pytest
from django.core.exceptions import ValidationError

from candour.intake.validation import clean_text


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
