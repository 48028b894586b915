"""Schemas and patterns every area of /api/v1 shares: the error bodies and the response maps that
document them on every operation, the text patterns, and ``choices_literal``, which turns a
model's choices (or a domain vocabulary) into the field's allowed values."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any, Literal

from ninja import Schema
from pydantic import GetPydanticSchema

#: Text inputs may hold anything but NUL, which no database text column can store.
NO_NUL = r"^[^\x00]*$"
#: Free text that must say something: no NUL anywhere and at least one character that is not a space.
NONBLANK = r"^[^\x00]*[^\s\x00][^\x00]*$"
#: A case reference: the force code, the year and the number, e.g. ``MET-2025-004321``.
REFERENCE = r"^[A-Za-z0-9]{1,8}-[0-9]{4}-[0-9]{1,10}$"


def choices_literal(values: Iterable[str], *, blank: Literal["first", "last"] | None = None) -> GetPydanticSchema:
    """Metadata for ``Annotated[str, choices_literal(values)]``: pydantic validates and documents
    the field as ``Literal[*values]`` (an ``enum`` in the OpenAPI document, in the order given),
    while mypy sees ``str``. ``values`` is where the vocabulary lives: a model's ``TextChoices``,
    a domain enum or tuple, so the API takes what the model stores. The empty value (a model's
    "not chosen") is left out, unless ``blank`` puts it first or last."""
    named = [str(value) for value in values if str(value)]
    ordered = [""] * (blank == "first") + named + [""] * (blank == "last")
    literal = Literal.__getitem__(tuple(ordered))
    return GetPydanticSchema(lambda _source, handler: handler(literal))


class ErrorOut(Schema):
    detail: str


class ValidationIssueOut(Schema):
    type: str
    loc: list[str | int]
    msg: str


class ValidationErrorOut(Schema):
    detail: list[ValidationIssueOut]


class RefusedOut(Schema):
    detail: str
    reasons: list[str]


#: Every operation answers these as well as its success: no or a bad token (401), a role without
#: the action (403), nothing in your force (404), input the schema refuses (422).
ERRORS: dict[int, Any] = {401: ErrorOut, 403: ErrorOut, 404: ErrorOut, 422: ValidationErrorOut}
#: A change may also be refused for a body that is not JSON (400) or for the record's state (409).
REFUSALS: dict[int, Any] = {400: ErrorOut, 409: RefusedOut, **ERRORS}
