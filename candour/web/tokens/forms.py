"""The form for a new API token. It validates input only; candour.accounts.tokens decides."""

from __future__ import annotations

from typing import Any

from crispy_forms_gds.layout import Field, Fluid, Size, Submit
from django import forms
from django.conf import settings

from candour.accounts.tokens import TOKEN_SCOPES
from candour.web.forms import NamedErrorsForm, form_helper


def _day_choices() -> list[tuple[str, str]]:
    limit = settings.CANDOUR_API_TOKEN_MAX_DAYS
    days = sorted({d for d in (7, 30, limit) if d <= limit})
    return [(str(d), f"{d} days") for d in days]


class TokenForm(NamedErrorsForm):
    name = forms.CharField(label="Name", max_length=100,
                           help_text="What the token is for, to tell it from your others, for example "
                                     "‘Weekly returns script’")
    scopes = forms.MultipleChoiceField(
        label="Areas of the API it may use", widget=forms.CheckboxSelectMultiple,
        choices=list(TOKEN_SCOPES.items()),
        help_text="Choose only what the token needs. It can never do more than your roles allow.",
        error_messages={"required": "Select at least one area the token may use"})
    days = forms.TypedChoiceField(label="How long it lasts", widget=forms.RadioSelect, coerce=int,
                                  error_messages={"required": "Select how long the token lasts"})

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["name"].error_messages["required"] = "Enter a name for the token"
        self.fields["days"].choices = _day_choices()  # type: ignore[attr-defined]
        self.helper = form_helper(Field.text("name", label_size=Size.SMALL, field_width=Fluid.TWO_THIRDS),
                                  Field.checkboxes("scopes", legend_size=Size.SMALL, small=True),
                                  Field.radios("days", legend_size=Size.SMALL, small=True),
                                  Submit("save", "Create token"))
