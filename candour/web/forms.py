"""Forms for the case work pages: they validate input only, and render as GOV.UK markup."""

from __future__ import annotations

from datetime import date
from typing import Any

from crispy_forms_gds.fields import DateInputField
from crispy_forms_gds.helper import FormHelper
from crispy_forms_gds.layout import Field, Fluid, Layout, Size, Submit
from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone


class CaseSearchForm(forms.Form):
    q = forms.CharField(
        label="Case reference, name, or warrant or collar number", max_length=100, required=False,
        help_text="For example, MET-2025-004321, Smith, or 210456",
        error_messages={"max_length": "Search terms must be 100 characters or fewer"})
    received_from = DateInputField(
        label="Received on or after", required=False, help_text="For example, 27 3 2024")

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.form_tag = False
        self.helper.layout = Layout(
            Field.text("q", label_size=Size.SMALL, field_width=Fluid.TWO_THIRDS),
            Field("received_from", context={"legend_size": Size.for_legend(Size.SMALL)}),
            Submit("search", "Search"),
        )

    def clean_received_from(self) -> date | None:
        value: date | None = self.cleaned_data.get("received_from")
        if value and value > timezone.localdate():
            raise forms.ValidationError("The date must be today or in the past")
        return value

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        if "received_from" in self.errors and "received_from" not in cleaned:
            # The date widget's own messages are Python's ("day is out of range for month").
            self.errors["received_from"] = self.error_class(
                ["Received on or after must be a real date, for example 27 3 2024"])
        if not (cleaned.get("q") or "").strip() and not cleaned.get("received_from") \
                and not self.errors:
            self.add_error("q", "Enter a case reference, a name, or a warrant or collar number, "
                                "or a date")
        return cleaned


def errors_to_form(form: Any, exc: ValidationError) -> None:
    """Show a service's refusal on the form: each message by its field, the rest at the top
    (the pages' error summary lists both)."""
    mapping = getattr(exc, "message_dict", None) or {"__all__": exc.messages}
    for name, texts in mapping.items():
        for text in texts:
            form.add_error(name if name in form.fields else None, text)
