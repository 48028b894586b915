"""Forms for need-to-know: restricting a case, its access list and its witnesses. They validate
input only; ``candour.cases.access`` decides."""

from __future__ import annotations

from typing import Any

from crispy_forms_gds.choices import Choice
from crispy_forms_gds.layout import Field, Fixed, Size, Submit
from django import forms

from candour.accounts.models import User
from candour.domain.access import MARKABLE
from candour.web.forms import form_helper

_REASON_ERRORS = {"required": "Say why", "max_length": "The reason must be 2,000 characters or fewer"}


def _reason(label: str, hint: str) -> forms.CharField:
    return forms.CharField(label=label, max_length=2000, help_text=hint, widget=forms.Textarea(attrs={"rows": 3}),
                           error_messages=_REASON_ERRORS)


RESTRICTION_HINTS = {
    "counter_corruption": "An investigation by the counter-corruption unit, for example into corruption, abuse "
                          "of position or a leak",
    "marked": "Anything else that must be kept to named people, for example a case about a senior officer",
}


class RestrictForm(forms.Form):
    reason = _reason("Why must the case be restricted?", "This is kept in the audit trail")

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["restriction"] = forms.ChoiceField(
            label="What kind of restriction?", widget=forms.RadioSelect,
            choices=[Choice(r.value, r.label, hint=RESTRICTION_HINTS[r.value]) for r in MARKABLE],
            error_messages={"required": "Choose what kind of restriction"})
        self.fields["reason"] = self.fields.pop("reason")
        self.helper = form_helper(Field.radios("restriction", legend_size=Size.SMALL, small=True),
                                  Field.textarea("reason", label_size=Size.SMALL),
                                  Submit("submit", "Restrict the case"))


class UnrestrictForm(forms.Form):
    reason = _reason("Why can the restriction be lifted?", "This is kept in the audit trail")

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.helper = form_helper(Field.textarea("reason", label_size=Size.SMALL),
                                  Submit("submit", "Lift the restriction", css_class="govuk-button--warning"))


class AccessGrantForm(forms.Form):
    def __init__(self, *args: Any, candidates: list[User], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["user"] = forms.ChoiceField(
            label="Who needs access?", choices=[("", "Choose a person")] + [
                (str(u.pk), f"{u.name} ({u.roles_label or 'no role'})") for u in candidates],
            help_text="People of your force whose roles view cases. Anyone who is a subject of the case, a "
                      "witness in it or reported it is not listed",
            error_messages={"required": "Choose who needs access", "invalid_choice": "Choose who needs access"})
        self.fields["reason"] = _reason("Why do they need it?", "For example, appointed to investigate. This is "
                                                                "kept in the audit trail")
        self.helper = form_helper(Field.select("user", label_size=Size.SMALL),
                                  Field.textarea("reason", label_size=Size.SMALL), Submit("submit", "Give access"))


class AccessRevokeForm(forms.Form):
    reason = _reason("Why does their access end?", "For example, no longer working on the case")

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.helper = form_helper(Field.textarea("reason", label_size=Size.SMALL),
                                  Submit("submit", "End their access", css_class="govuk-button--warning"))


class WitnessForm(forms.Form):
    number = forms.CharField(label="Warrant or collar number of the witness officer", max_length=20,
                             help_text="For example, 210456",
                             error_messages={"required": "Enter the officer's warrant or collar number"})
    note = forms.CharField(label="Note (optional)", max_length=200, required=False,
                           help_text="For example, saw the arrest from the van",
                           error_messages={"max_length": "The note must be 200 characters or fewer"})

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["number"].widget.attrs.update({"spellcheck": "false", "autocomplete": "off"})
        self.helper = form_helper(Field.text("number", label_size=Size.SMALL, field_width=Fixed.TEN),
                                  Field.text("note", label_size=Size.SMALL), Submit("submit", "Record the witness"))
