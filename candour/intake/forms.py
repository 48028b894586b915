"""Forms for reporting: one question per page on the public portal, one page for the hotline.

Forms validate input only, with the checks in :mod:`candour.intake.validation`; the services
check everything again before saving.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from crispy_forms_gds.fields import DateInputField
from crispy_forms_gds.helper import FormHelper
from crispy_forms_gds.layout import (
    Button,
    Field,
    Fieldset,
    Fluid,
    Layout,
    Size,
    Submit,
)
from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from candour.domain import taxonomy
from candour.domain.facts import CONDUCT, DISCRIMINATION
from candour.domain.lifecycle import CaseType
from candour.intake import validation as v
from candour.intake.models import Relationship, ReportKind, SelfReportMatter
from candour.intake.services import Decision


def _helper(*layout: Any) -> FormHelper:
    helper = FormHelper()
    helper.form_tag = False
    helper.layout = Layout(*layout)
    return helper


def _date(name: str, size: str, tag: str | None = None) -> Field:
    """A GOV.UK date input whose legend is sized (and, as a page's question, an ``h1``)."""
    context: dict[str, str] = {"legend_size": Size.for_legend(size)}
    if tag:
        context["legend_tag"] = tag
    return Field(name, context=context)


def _continue() -> Submit:
    return Submit("continue", _("Continue"))


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


# -- the public portal, one question per page -------------------------------------------


class ForceForm(forms.Form):
    force = forms.ChoiceField(label=_("Which police force is your report about?"),
                              widget=forms.RadioSelect,
                              error_messages={"required": _("Select the police force")})

    def __init__(self, *args: Any, choices: list[tuple[str, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["force"].choices = choices  # type: ignore[attr-defined]
        self.helper = _helper(Field.radios("force", legend_size=Size.LARGE, legend_tag="h1"), _continue())


class KindForm(forms.Form):
    kind = forms.ChoiceField(
        label=_("What do you want to tell us about?"), widget=forms.RadioSelect,
        choices=[(ReportKind.COMPLAINT.value,
                  _("How you, or someone you are acting for, were treated by the police")),
                 (ReportKind.CONDUCT.value, _("Wrongdoing by a police officer or member of police staff"))],
        error_messages={"required": _("Select what you want to tell us about")})

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.helper = _helper(Field.radios("kind", legend_size=Size.LARGE, legend_tag="h1"), _continue())


class WhatForm(forms.Form):
    what_happened = forms.CharField(
        label=_("What happened?"), widget=forms.Textarea(attrs={"rows": 10}), required=False,
        help_text=_("Tell us what happened, in your own words. Include anything you think is "
                    "important. Do not include passwords or bank details."))

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.helper = _helper(Field.textarea("what_happened", label_size=Size.LARGE, label_tag="h1",
                                             max_characters=v.WHAT_MAX), _continue())

    def clean_what_happened(self) -> str:
        return v.check_what_happened(self.cleaned_data.get("what_happened", ""))


class WhenForm(forms.Form):
    incident_on = DayMonthYearField(
        label=_("When did it happen?"), required=False, help_text=_("For example, 27 3 2025"),
        invalid_message=_("The date it happened must be a real date, for example 27 3 2025"))
    unknown = forms.BooleanField(label=_("I do not know the date"), required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.helper = _helper(_date("incident_on", Size.LARGE, "h1"),
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


class WhereForm(forms.Form):
    incident_location = forms.CharField(
        label=_("Where did it happen?"), required=False,
        help_text=_("For example, the street, the town, or the name of a police station"))
    unknown = forms.BooleanField(label=_("I do not know where it happened"), required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.helper = _helper(Field.text("incident_location", label_size=Size.LARGE, label_tag="h1"),
                              Field.checkbox("unknown", small=True), _continue())

    def clean_incident_location(self) -> str:
        return v.check_short(self.cleaned_data.get("incident_location", ""), limit=v.LOCATION_MAX,
                             what=_("Where it happened"))

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        if not self.errors and not cleaned.get("incident_location") and not cleaned.get("unknown"):
            self.add_error("incident_location", _("Enter where it happened, or select that you do not know"))
        return cleaned


class WhoForm(forms.Form):
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
        self.helper = _helper(
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


class RelationshipForm(forms.Form):
    relationship = forms.ChoiceField(
        label=_("How are you connected to what happened?"), widget=forms.RadioSelect,
        choices=Relationship.choices,
        error_messages={"required": _("Select how you are connected to what happened")})

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.helper = _helper(Field.radios("relationship", legend_size=Size.LARGE, legend_tag="h1"),
                              _continue())


class EvidenceForm(forms.Form):
    file = forms.FileField(label=_("Upload a file"), required=False,
                           help_text=_("Photos, videos, recordings or documents. Each file must be "
                                       "smaller than %(mb)s MB."))

    def __init__(self, *args: Any, limit_mb: int = 20, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["file"].help_text = self.fields["file"].help_text % {"mb": limit_mb}
        self.helper = _helper(Field("file"), Button.secondary("upload", _("Upload file")))


class ContactForm(forms.Form):
    CONTACT_YES = _("Yes, you can contact me")
    CONTACT_NO = _("No, I want to stay anonymous")
    contact = forms.ChoiceField(
        label=_("Can we contact you about your report?"), widget=forms.RadioSelect,
        choices=[("yes", CONTACT_YES), ("no", CONTACT_NO)],
        help_text=_("If you stay anonymous we cannot ask you questions or tell you the outcome, "
                    "but you can still follow your report online."),
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
        # Rendered by templates/intake/_contact_question.html (GOV.UK conditional reveal).

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


class SubmitForm(forms.Form):
    """The check-answers page: the one-off key, and a honeypot field people leave empty."""

    submission_key = forms.CharField(widget=forms.HiddenInput, max_length=64)
    website = forms.CharField(required=False, label=_("Leave this field empty"), max_length=200)


# -- the hotline: one page, keyboard first ----------------------------------------------


class HotlineForm(forms.Form):
    kind = forms.ChoiceField(label="The caller is", widget=forms.RadioSelect,
                             choices=[(ReportKind.COMPLAINT.value, "Complaining about how they were treated"),
                                      (ReportKind.CONDUCT.value, "Reporting an officer's or staff member's conduct")],
                             error_messages={"required": "Select what the caller is reporting"})
    what_happened = forms.CharField(label="What happened", widget=forms.Textarea(attrs={"rows": 6}),
                                    required=False, help_text="In the caller's words")
    incident_on = DayMonthYearField(
        label="When it happened", required=False,
        help_text="Leave blank if the caller does not know. For example, 27 3 2025",
        invalid_message="The date it happened must be a real date, for example 27 3 2025")
    incident_location = forms.CharField(label="Where it happened", required=False)
    person_name = forms.CharField(label="Officer or staff member's name", required=False)
    person_number = forms.CharField(label="Collar, shoulder or warrant number", required=False)
    person_description = forms.CharField(label="Description", required=False,
                                         widget=forms.Textarea(attrs={"rows": 2}))
    relationship = forms.ChoiceField(label="The caller's connection", widget=forms.RadioSelect,
                                     choices=Relationship.choices, required=False)
    anonymous = forms.BooleanField(label="The caller wants to stay anonymous", required=False)
    contact_name = forms.CharField(label="Caller's name", required=False)
    contact_email = forms.CharField(label="Caller's email address", required=False)
    contact_phone = forms.CharField(label="Caller's phone number", required=False)
    submission_key = forms.CharField(widget=forms.HiddenInput, max_length=64)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["what_happened"].widget.attrs["autofocus"] = "autofocus"
        self.helper = _helper(
            Field.radios("kind", legend_size=Size.SMALL, inline=True),
            Field.textarea("what_happened", label_size=Size.SMALL, max_characters=v.WHAT_MAX),
            _date("incident_on", Size.SMALL),
            Field.text("incident_location", label_size=Size.SMALL, field_width=Fluid.TWO_THIRDS),
            Fieldset(Field.text("person_name", field_width=Fluid.TWO_THIRDS),
                     Field.text("person_number", field_width=10),
                     Field.textarea("person_description"),
                     legend="Who was involved", legend_size=Size.SMALL),
            Field.radios("relationship", legend_size=Size.SMALL, small=True),
            Fieldset(Field.checkbox("anonymous", small=True),
                     Field.text("contact_name", field_width=Fluid.TWO_THIRDS),
                     Field.text("contact_email", field_width=Fluid.TWO_THIRDS),
                     Field.text("contact_phone", field_width=20),
                     legend="Caller", legend_size=Size.SMALL),
            "submission_key",
            Submit("save", "Save call"),
        )

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        return cleaned

    def to_input(self) -> v.ReportInput:
        d = self.cleaned_data
        return v.ReportInput(
            kind=d.get("kind") or "", what_happened=d.get("what_happened") or "",
            incident_on=d.get("incident_on"), incident_location=d.get("incident_location") or "",
            person_name=d.get("person_name") or "", person_number=d.get("person_number") or "",
            person_description=d.get("person_description") or "", relationship=d.get("relationship") or "",
            anonymous=bool(d.get("anonymous")), contact_name=d.get("contact_name") or "",
            contact_email=d.get("contact_email") or "", contact_phone=d.get("contact_phone") or "")


# -- internal reports: a colleague, or yourself -----------------------------------------


class InternalReportForm(forms.Form):
    what_happened = forms.CharField(label="What happened", widget=forms.Textarea(attrs={"rows": 8}),
                                    required=False,
                                    help_text="What you saw or heard, when and where, and who else was there")
    incident_on = DayMonthYearField(
        label="When it happened", required=False, help_text="Leave blank if you do not know. For example, 27 3 2025",
        invalid_message="The date it happened must be a real date, for example 27 3 2025")
    incident_location = forms.CharField(label="Where it happened", required=False)
    person_name = forms.CharField(label="Their name", required=False)
    person_number = forms.CharField(label="Their warrant, collar or staff number", required=False)
    anonymous = forms.BooleanField(
        label="Keep my identity sealed", required=False,
        help_text="Your name is encrypted and shown to no one in Candour, including professional "
                  "standards. We will not be able to ask you questions.")
    submission_key = forms.CharField(widget=forms.HiddenInput, max_length=64)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.helper = _helper(
            Field.textarea("what_happened", label_size=Size.SMALL, max_characters=v.WHAT_MAX),
            _date("incident_on", Size.SMALL),
            Field.text("incident_location", label_size=Size.SMALL, field_width=Fluid.TWO_THIRDS),
            Fieldset(Field.text("person_name", field_width=Fluid.TWO_THIRDS),
                     Field.text("person_number", field_width=10),
                     legend="Who you are reporting", legend_size=Size.SMALL),
            Field.checkbox("anonymous"),
            "submission_key",
            Submit("send", "Send report"),
        )

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        return cleaned


class SelfReportForm(forms.Form):
    matter = forms.ChoiceField(label="What are you reporting about yourself?", widget=forms.RadioSelect,
                               choices=SelfReportMatter.choices,
                               error_messages={"required": "Select what you are reporting"})
    matter_on = DayMonthYearField(label="When it happened", required=False, help_text="For example, 27 3 2025",
                                  invalid_message="The date must be a real date, for example 27 3 2025")
    what_happened = forms.CharField(
        label="Details", widget=forms.Textarea(attrs={"rows": 6}), required=False,
        help_text="The offence or matter, the court or organisation, and any outcome or conditions")
    submission_key = forms.CharField(widget=forms.HiddenInput, max_length=64)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.helper = _helper(
            Field.radios("matter", legend_size=Size.SMALL),
            _date("matter_on", Size.SMALL),
            Field.textarea("what_happened", label_size=Size.SMALL, max_characters=v.WHAT_MAX),
            "submission_key",
            Submit("send", "Send self-report"),
        )

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        return cleaned


# -- triage -------------------------------------------------------------------------------


class TriageForm(forms.Form):
    case_type = forms.ChoiceField(label="Type of case", widget=forms.RadioSelect,
                                  choices=[(t.value, t.label) for t in CaseType])
    category = forms.ChoiceField(label="Allegation category", required=False)
    conduct = forms.MultipleChoiceField(
        label="What the report alleges", required=False, widget=forms.CheckboxSelectMultiple,
        choices=[(c, c.replace("_", " ").capitalize()) for c in CONDUCT],
        help_text="These are the facts the rules test for recording and mandatory referral")
    discrimination = forms.MultipleChoiceField(
        label="Discrimination alleged on grounds of", required=False, widget=forms.CheckboxSelectMultiple,
        choices=[(d, d.replace("_", " ").capitalize()) for d in DISCRIMINATION])
    contact_resulted_in = forms.ChoiceField(
        label="Did contact with the police result in death or serious injury?", required=False,
        widget=forms.RadioSelect,
        choices=[("none", "No"), ("serious_injury", "Serious injury"), ("death", "Death")])
    wants_recording = forms.ChoiceField(
        label="Does the complainant want the complaint recorded?", required=False, widget=forms.RadioSelect,
        choices=[("unknown", "Not known yet"), ("yes", "Yes"), ("no", "No")])
    officer = forms.CharField(label="Subject officer", required=False,
                              help_text="Warrant number of the officer the report is about, if known")
    contacted_on = DayMonthYearField(
        label="Complainant first contacted on", required=False, help_text="For example, 27 3 2025",
        invalid_message="The date of first contact must be a real date, for example 27 3 2025")
    decision = forms.ChoiceField(label="Decision", widget=forms.RadioSelect, choices=Decision.CHOICES,
                                 required=False)
    link_to = forms.CharField(label="Case reference to link to", required=False,
                              help_text="Only when linking to an existing case")
    note = forms.CharField(label="Reasons", required=False, widget=forms.Textarea(attrs={"rows": 3}),
                           max_length=2000)
    version = forms.IntegerField(widget=forms.HiddenInput)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["category"].choices = [("", "Choose a category")] + [  # type: ignore[attr-defined]
            (c.code, c.label) for c in taxonomy.CATEGORIES]
        self.helper = _helper(
            Field.radios("case_type", legend_size=Size.SMALL, small=True),
            Field.select("category", label_size=Size.SMALL),
            Field.checkboxes("conduct", legend_size=Size.SMALL, small=True),
            Field.checkboxes("discrimination", legend_size=Size.SMALL, small=True),
            Field.radios("contact_resulted_in", legend_size=Size.SMALL, small=True, inline=True),
            Field.radios("wants_recording", legend_size=Size.SMALL, small=True, inline=True),
            Field.text("officer", label_size=Size.SMALL, field_width=10),
            _date("contacted_on", Size.SMALL),
            Button.secondary("check", "Check against the rules"),
            Field.radios("decision", legend_size=Size.MEDIUM, small=True),
            Field.text("link_to", label_size=Size.SMALL, field_width=20),
            Field.textarea("note", label_size=Size.SMALL),
            "version",
            Submit("decide", "Save decision"),
        )

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        if self.data.get("decide") is not None and not cleaned.get("decision"):
            self.add_error("decision", "Choose what to do with this report")
        return cleaned


def validation_error_to_form(form: forms.Form, exc: ValidationError) -> None:
    """Show a service's field errors on the form (unknown fields as page-level errors)."""
    mapping = getattr(exc, "message_dict", None) or {"__all__": exc.messages}
    for field, messages in mapping.items():
        for message in messages:
            form.add_error(field if field in form.fields else None, message)


