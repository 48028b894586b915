"""What every area's forms share: the crispy helper, the GOV.UK date input (sized, with one clear
message for a date that is not real), and a service's refusals shown on the form."""

from __future__ import annotations

from datetime import date
from typing import Any

from crispy_forms_gds.fields import DateInputField as GdsDateInputField
from crispy_forms_gds.helper import FormHelper
from crispy_forms_gds.layout import Field, Layout, Size
from django.core.exceptions import ValidationError

#: The hint under a staff page's date input.
DATE_HINT = "For example, 27 3 2025"


def form_helper(*layout: Any) -> FormHelper:
    """The crispy helper every form uses: no form tag (the page's template has it), the layout given."""
    helper = FormHelper()
    helper.form_tag = False
    helper.layout = Layout(*layout)
    return helper


def date_field(name: str, size: str = Size.SMALL, tag: str | None = None) -> Field:
    """A GOV.UK date input whose legend is sized (and, as a page's question, an ``h1``)."""
    context: dict[str, str] = {"legend_size": Size.for_legend(size)}
    if tag:
        context["legend_tag"] = tag
    return Field(name, context=context)


def errors_to_form(form: Any, exc: ValidationError) -> None:
    """Show a service's refusal on the form: each message by its field, the rest at the top
    (the pages' error summary lists both)."""
    mapping = getattr(exc, "message_dict", None) or {"__all__": exc.messages}
    for name, texts in mapping.items():
        for text in texts:
            form.add_error(name if name in form.fields else None, text)


class DateInputField(GdsDateInputField):
    """crispy-forms-gds's GOV.UK date input, made safe for any input: a year such as 99999999999
    raised ``OverflowError`` in ``date()`` (a 500), and a day or month out of range gave Python's
    own words. Every date input in candour.web is this one (a test checks)."""

    def compress(self, data_list: Any) -> Any:
        day, month, year = data_list
        if not (day and month and year):
            return None
        try:
            return date(day=int(day), month=int(month), year=int(year))
        except (ValueError, OverflowError):
            what = str(self.label) if self.label else "The date"
            raise ValidationError(f"{what} must be a real date, for example 27 3 2025", code="invalid") from None


class DayMonthYearField(DateInputField):
    """The GOV.UK date input, with one clear message for any date that is not a real date
    (instead of Python's "day is out of range for month")."""

    def __init__(self, *args: Any, invalid_message: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.invalid_message = invalid_message

    def clean(self, value: Any) -> Any:
        try:
            return super().clean(value)
        except ValidationError as exc:
            if getattr(exc, "code", None) == "required":
                raise
            raise ValidationError(self.invalid_message, code="invalid") from None
