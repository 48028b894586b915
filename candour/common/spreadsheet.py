"""Cells written to a CSV that staff open in a spreadsheet.

A spreadsheet runs a cell as a formula when it starts with ``=``, ``+``, ``-`` or ``@``, and
also when one of those follows leading whitespace it trims (a tab, a carriage return, a line
feed, a space): ``"\\t=HYPERLINK(...)"`` is a formula in Excel and LibreOffice. Any cell that
starts with one of these characters is written with a leading apostrophe, which the
spreadsheet shows as text (OWASP "CSV injection").
"""

from __future__ import annotations

FORMULA_STARTS = frozenset("=+-@\t\r\n ")


def spreadsheet_safe(value: str) -> str:
    """``value`` as a cell that a spreadsheet shows and never runs."""
    return "'" + value if value[:1] in FORMULA_STARTS else value
