"""Forms for the public portal, one question per page, and for tracking a report.

Forms validate input only, with the checks in :mod:`candour.intake.validation`; the services
check everything again before saving.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from crispy_forms_gds.layout import Button, Field, Fieldset, Fluid, Size, Submit
from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from candour.intake import validation as v
from candour.intake.models import Relationship, ReportKind
from candour.web.forms import DayMonthYearField, NamedErrorsForm, date_field, form_helper


def _continue() -> Submit:
    return Submit("continue", _("Continue"))



# -- the public portal, one question per page -------------------------------------------


class ForceForm(NamedErrorsForm):
    force = forms.ChoiceField(label=_("Which police force is your report about?"),
                              widget=forms.RadioSelect,
                              error_messages={"required": _("Select the police force")})

    def __init__(self, *args: Any, choices: list[tuple[str, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["force"].choices = choices  # type: ignore[attr-defined]
        self.helper = form_helper(Field.radios("force", legend_size=Size.LARGE, legend_tag="h1"), _continue())


class KindForm(NamedErrorsForm):
    kind = forms.ChoiceField(
        label=_("What do you want to tell us about?"), widget=forms.RadioSelect,
        choices=[(ReportKind.COMPLAINT.value,
                  _("How you, or someone you are acting for, were treated by the police")),
                 (ReportKind.CONDUCT.value, _("Wrongdoing by a police officer or member of police staff"))],
        error_messages={"required": _("Select what you want to tell us about")})

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.helper = form_helper(Field.radios("kind", legend_size=Size.LARGE, legend_tag="h1"), _continue())


class WhatForm(NamedErrorsForm):
    what_happened = forms.CharField(
        label=_("What happened?"), widget=forms.Textarea(attrs={"rows": 10}), required=False,
        help_text=_("Tell us what happened, in your own words. Include anything you think is "
                    "important. Do not include passwords or bank details."))

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.helper = form_helper(Field.textarea("what_happened", label_size=Size.LARGE, label_tag="h1",
                                  max_characters=v.WHAT_MAX), _continue())

    def clean_what_happened(self) -> str:
        return v.check_what_happened(self.cleaned_data.get("what_happened", ""))


class WhenForm(NamedErrorsForm):
    incident_on = DayMonthYearField(
        label=_("When did it happen?"), required=False, help_text=_("For example, 27 3 2025"),
        invalid_message=_("The date it happened must be a real date, for example 27 3 2025"))
    unknown = forms.BooleanField(label=_("I do not know the date"), required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.helper = form_helper(date_field("incident_on", Size.LARGE, "h1"),
                                  Field.checkbox("unknown", small=True), _continue())

    def clean_incident_on(self) -> date | None:
        return v.check_past_date(self.cleaned_data.get("incident_on"), what=_("The date it happened"),
                                 today=timezone.localdate())

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        if not self.errors and not cleaned.get("incident_on") and not cleaned.get("unknown"):
            self.add_error("incident_on", _("Enter the date it happened, or select that you do not know"))
        if cleaned.get("incident_on") and cleaned.get("unknown"):
            self.add_error("incident_on", _("Enter a date or select that you do not know it, not both"))
        return cleaned


class WhereForm(NamedErrorsForm):
    incident_location = forms.CharField(
        label=_("Where did it happen?"), required=False,
        help_text=_("For example, the street, the town, or the name of a police station"))
    unknown = forms.BooleanField(label=_("I do not know where it happened"), required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.helper = form_helper(Field.text("incident_location", label_size=Size.LARGE, label_tag="h1"),
                                  Field.checkbox("unknown", small=True), _continue())

    def clean_incident_location(self) -> str:
        return v.check_short(self.cleaned_data.get("incident_location", ""), limit=v.LOCATION_MAX,
                             what=_("Where it happened"))

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        if not self.errors and not cleaned.get("incident_location") and not cleaned.get("unknown"):
            self.add_error("incident_location", _("Enter where it happened, or select that you do not know"))
        return cleaned


class WhoForm(NamedErrorsForm):
    person_name = forms.CharField(label=_("Their name"), required=False)
    person_number = forms.CharField(label=_("Their collar, shoulder or warrant number"), required=False,
                                    help_text=_("Usually shown on the shoulder of the uniform"))
    person_description = forms.CharField(
        label=_("What they looked like, or anything else that would help us find them"),
        required=False, widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("For example, their height, hair, uniform, or the number of their vehicle"))
    unknown = forms.BooleanField(label=_("I do not know who was involved"), required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.helper = form_helper(
            Fieldset(Field.text("person_name", field_width=Fluid.TWO_THIRDS),
                     Field.text("person_number", field_width=10),
                     Field.textarea("person_description", max_characters=v.DESCRIPTION_MAX),
                     Field.checkbox("unknown", small=True),
                     legend=_("Who was involved?"), legend_size=Size.LARGE, legend_tag="h1"),
            _continue())

    def clean_person_name(self) -> str:
        return v.check_short(self.cleaned_data.get("person_name", ""), limit=v.NAME_MAX, what=_("Their name"))

    def clean_person_number(self) -> str:
        return v.check_person_number(self.cleaned_data.get("person_number", ""))

    def clean_person_description(self) -> str:
        return v.check_short(self.cleaned_data.get("person_description", ""), limit=v.DESCRIPTION_MAX,
                             what=_("The description"), multiline=True)

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        given = any(cleaned.get(f) for f in ("person_name", "person_number", "person_description"))
        if not self.errors and not given and not cleaned.get("unknown"):
            self.add_error("person_name", _("Tell us who was involved, or select that you do not know"))
        return cleaned


class RelationshipForm(NamedErrorsForm):
    relationship = forms.ChoiceField(
        label=_("How are you connected to what happened?"), widget=forms.RadioSelect,
        choices=Relationship.choices,
        error_messages={"required": _("Select how you are connected to what happened")})

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.helper = form_helper(Field.radios("relationship", legend_size=Size.LARGE, legend_tag="h1"),
                                  _continue())


class EvidenceForm(NamedErrorsForm):
    file = forms.FileField(label=_("Upload a file"), required=False,
                           help_text=_("Photos, videos, recordings or documents. Each file must be "
                                       "smaller than %(mb)s MB."))

    def __init__(self, *args: Any, limit_mb: int = 20, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["file"].help_text = self.fields["file"].help_text % {"mb": limit_mb}
        self.helper = form_helper(Field("file"), Button.secondary("upload", _("Upload file")))


class ContactForm(NamedErrorsForm):
    CONTACT_YES = _("Yes, you can contact me")
    CONTACT_NO = _("No, I want to stay anonymous")
    contact = forms.ChoiceField(
        label=_("Can we contact you about your report?"), widget=forms.RadioSelect,
        choices=[("yes", CONTACT_YES), ("no", CONTACT_NO)],
        help_text=_("If you stay anonymous we cannot ask you questions or tell you the outcome, "
                    "but you can still follow your report online with a link we show you once. If you "
                    "lose that link, we cannot give you another."),
        error_messages={"required": _("Select whether we can contact you")})
    contact_name = forms.CharField(label=_("Your name"), required=False)
    contact_email = forms.CharField(label=_("Email address"), required=False,
                                    widget=forms.EmailInput(attrs={"autocomplete": "email",
                                                                   "spellcheck": "false"}))
    contact_phone = forms.CharField(label=_("Phone number"), required=False,
                                    widget=forms.TextInput(attrs={"autocomplete": "tel", "type": "tel"}))

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["contact_name"].widget.attrs["autocomplete"] = "name"
        # Rendered by templates/web/portal/_contact_question.html (GOV.UK conditional reveal).

    def clean_contact_name(self) -> str:
        return v.check_short(self.cleaned_data.get("contact_name", ""), limit=v.NAME_MAX, what=_("Your name"))

    def clean_contact_email(self) -> str:
        return v.check_email(self.cleaned_data.get("contact_email", ""))

    def clean_contact_phone(self) -> str:
        return v.check_phone(self.cleaned_data.get("contact_phone", ""))

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        if cleaned.get("contact") == "yes" and not self.errors \
                and not cleaned.get("contact_email") and not cleaned.get("contact_phone"):
            self.add_error("contact_email", _("Enter an email address or a phone number"))
        if cleaned.get("contact") == "no":
            cleaned["contact_name"] = cleaned["contact_email"] = cleaned["contact_phone"] = ""
        return cleaned


class SubmitForm(NamedErrorsForm):
    """The check-answers page: the one-off key, and a honeypot field people leave empty."""

    submission_key = forms.CharField(widget=forms.HiddenInput, max_length=64)
    website = forms.CharField(required=False, label=_("Leave this field empty"), max_length=200)


# -- tracking a report ------------------------------------------------------------------


class TrackingLookupForm(NamedErrorsForm):
    # Each message names its field: "This field is required." twice over says nothing.
    reference = forms.CharField(
        label=_("Report reference"), max_length=24, help_text=_("For example, NSC-R7K3M-9QX2"),
        error_messages={"required": _("Enter your report reference"),
                        "max_length": _("Report reference must be %(limit_value)d characters or fewer")})
    email = forms.EmailField(
        label=_("Email address you gave us"), max_length=254,
        error_messages={"required": _("Enter the email address you gave us"),
                        "invalid": _("Enter an email address in the correct format, like name@example.com"),
                        "max_length": _("Email address must be %(limit_value)d characters or fewer")})


class TrackingCodeForm(NamedErrorsForm):
    code = forms.CharField(
        label=_("Code"), max_length=6, min_length=6, help_text=_("The 6-digit code in the email we sent you"),
        error_messages={"required": _("Enter the 6-digit code from the email"),
                        "min_length": _("The code must be 6 digits"), "max_length": _("The code must be 6 digits")})

    def clean_code(self) -> str:
        code = self.cleaned_data["code"].strip()
        if not code.isdigit():
            raise forms.ValidationError(_("The code must be 6 digits"))
        return code


class AddInformationForm(NamedErrorsForm):
    text = forms.CharField(
        label=_("What do you want to add?"), widget=forms.Textarea(attrs={"rows": 8}), max_length=5000,
        help_text=_("Do not include passwords or bank details."),
        error_messages={"required": _("Enter the information you want to add"),
                        "max_length": _("The information must be 5,000 characters or fewer")})

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.helper = form_helper(Field.textarea("text", label_size=Size.MEDIUM, max_characters=5000))


class WithdrawForm(NamedErrorsForm):
    confirm = forms.ChoiceField(
        label=_("Do you want to withdraw your report?"), widget=forms.RadioSelect,
        choices=[("yes", _("Yes, withdraw my report")), ("no", _("No, keep my report"))],
        error_messages={"required": _("Select yes if you want to withdraw your report")})
    reason = forms.CharField(
        label=_("Why do you want to withdraw it? (optional)"), required=False, max_length=5000,
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={"max_length": _("Your reason must be 5,000 characters or fewer")})
    signed_name = forms.CharField(
        label=_("Your full name"), required=False, max_length=150,
        help_text=_("Typing your name signs your request to withdraw."),
        error_messages={"max_length": _("Your name must be 150 characters or fewer")})

    def __init__(self, *args: Any, anonymous: bool = False, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.anonymous = anonymous
        fields: list[Any] = [Field.radios("confirm", legend_size=Size.MEDIUM, inline=True),
                             Field.textarea("reason")]
        if anonymous:
            del self.fields["signed_name"]
        else:
            self.fields["signed_name"].widget.attrs["autocomplete"] = "name"
            fields.append(Field.text("signed_name", field_width=Fluid.TWO_THIRDS))
        self.helper = form_helper(*fields)

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        if cleaned.get("confirm") == "yes" and not self.anonymous and not cleaned.get("signed_name", "").strip():
            self.add_error("signed_name", _("Enter your full name to sign your request"))
        return cleaned


# -- feedback about the service ---------------------------------------------------------


class FeedbackForm(NamedErrorsForm):
    rating = forms.ChoiceField(
        label=_("Overall, how did you feel about the service you received today?"), widget=forms.RadioSelect,
        choices=[("very_satisfied", _("Very satisfied")), ("satisfied", _("Satisfied")),
                 ("neither", _("Neither satisfied nor dissatisfied")), ("dissatisfied", _("Dissatisfied")),
                 ("very_dissatisfied", _("Very dissatisfied"))],
        error_messages={"required": _("Select how you felt about the service")})
    improve = forms.CharField(
        label=_("How could we improve this service? (optional)"), required=False, max_length=1200,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("Do not include personal or financial information, or details of your report. This "
                    "form is not the way to make a report or a complaint."),
        error_messages={"max_length": _("Your feedback must be 1,200 characters or fewer")})

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.helper = form_helper(Field.radios("rating", legend_size=Size.MEDIUM),
                                  Field.textarea("improve", max_characters=1200),
                                  Submit("send", _("Send feedback")))
