"""Forms for the workforce integrity registers. They validate input only; the services check the
roles, the force and the rules, and their refusals come back as errors on these forms."""

from __future__ import annotations

from typing import Any

from crispy_forms_gds.layout import Field, Size, Submit
from django import forms

from candour.domain import integrity
from candour.web.forms import DATE_HINT, DateInputField, NamedErrorsForm, date_field, form_helper
from candour.workforce.models import Conviction, SuspensionEpisode, SuspensionRepresentation


class SuspensionStartForm(NamedErrorsForm):
    kind = forms.ChoiceField(label="Suspension or restricted duties", widget=forms.RadioSelect,
                             choices=SuspensionEpisode.Kind.choices)
    started_on = DateInputField(label="Date it started", help_text=DATE_HINT)
    reasons = forms.CharField(label="Reasons", widget=forms.Textarea(attrs={"rows": 4}), max_length=4000,
                              help_text="Why the officer is suspended or on restricted duties")
    redeployment_considered = forms.BooleanField(
        label="Temporary redeployment to alternative duties or another location was considered first",
        required=False, help_text="Suspension only (Conduct Regulations 2020, reg 11(2)(a))")
    redeployment_not_appropriate_because = forms.CharField(
        label="Why redeployment is not appropriate", required=False, max_length=4000,
        widget=forms.Textarea(attrs={"rows": 3}), help_text="Suspension only")
    ground = forms.ChoiceField(
        label="Which test is met (suspension only, reg 11(2)(b))", widget=forms.RadioSelect, required=False,
        choices=list(integrity.SUSPENSION_GROUNDS.items()))
    notified = forms.ChoiceField(label="How the officer was told (suspension only)", widget=forms.RadioSelect,
                                 required=False, initial="written", choices=SuspensionEpisode.Notified.choices)
    case = forms.CharField(label="Case reference (optional)", required=False, max_length=24,
                           help_text="The case the suspension relates to, for example ALPHA-2025-000001")

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.helper = form_helper(Field.radios("kind", legend_size=Size.SMALL), date_field("started_on"),
                                  Field.textarea("reasons", label_size=Size.SMALL),
                                  Field.checkbox("redeployment_considered"),
                                  Field.textarea("redeployment_not_appropriate_because", label_size=Size.SMALL),
                                  Field.radios("ground", legend_size=Size.SMALL),
                                  Field.radios("notified", legend_size=Size.SMALL),
                                  Field.text("case", label_size=Size.SMALL, field_width=10), Submit("save", "Start"))


class SuspensionReviewForm(NamedErrorsForm):
    reviewed_on = DateInputField(label="Date of the review", help_text=DATE_HINT)
    reasons = forms.CharField(label="Reasons for continuing", widget=forms.Textarea(attrs={"rows": 4}),
                              max_length=4000, help_text="Why the reg 11 conditions are still met")
    version = forms.IntegerField(widget=forms.HiddenInput)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.helper = form_helper(date_field("reviewed_on"), Field.textarea("reasons", label_size=Size.SMALL),
                                  "version", Submit("save", "Record the review"))


class SuspensionConfirmationForm(NamedErrorsForm):
    sent_on = DateInputField(label="Date the written confirmation was sent", help_text=DATE_HINT)
    version = forms.IntegerField(widget=forms.HiddenInput)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.helper = form_helper(date_field("sent_on"), "version", Submit("save", "Record the confirmation"))


class SuspensionRepresentationsForm(NamedErrorsForm):
    received_on = DateInputField(label="Date received", help_text=DATE_HINT)
    made_by = forms.ChoiceField(label="Made by", widget=forms.RadioSelect,
                                choices=SuspensionRepresentation.MadeBy.choices)
    summary = forms.CharField(label="Summary of the representations", widget=forms.Textarea(attrs={"rows": 4}),
                              max_length=4000)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.helper = form_helper(date_field("received_on"), Field.radios("made_by", legend_size=Size.SMALL),
                                  Field.textarea("summary", label_size=Size.SMALL), Submit("save", "Record"))


class SuspensionEndForm(NamedErrorsForm):
    ended_on = DateInputField(label="Date it ended", help_text=DATE_HINT)
    reason = forms.CharField(label="Why it ended", widget=forms.Textarea(attrs={"rows": 3}), max_length=4000,
                             help_text="For example: proceedings concluded, not referred to proceedings, "
                                       "redeployed instead")
    version = forms.IntegerField(widget=forms.HiddenInput)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.helper = form_helper(date_field("ended_on"), Field.textarea("reason", label_size=Size.SMALL), "version",
                                  Submit("save", "End"))


class ConvictionForm(NamedErrorsForm):
    offence = forms.CharField(label="Offence", max_length=300,
                              help_text="As charged, for example: Driving with excess alcohol")
    offence_on = DateInputField(label="Date of the offence", help_text=DATE_HINT)
    offence_class = forms.ChoiceField(label="Class of offence", widget=forms.RadioSelect,
                                      choices=Conviction.OffenceClass.choices, initial="unknown")
    disposal = forms.ChoiceField(label="Disposal", widget=forms.RadioSelect, choices=Conviction.Disposal.choices)
    disposal_on = DateInputField(label="Date of the conviction, caution, notice or condition", help_text=DATE_HINT)
    court = forms.CharField(label="Court (optional)", required=False, max_length=200)
    sentence = forms.CharField(label="Sentence or other result (optional)", required=False, max_length=300)
    classification = forms.ChoiceField(
        label="Classification", widget=forms.RadioSelect, required=False,
        choices=[("", "Use the suggested classification"), *Conviction.Classification.choices],
        help_text="Leave on the suggestion, or choose a class to override it")

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.helper = form_helper(Field.text("offence", label_size=Size.SMALL), date_field("offence_on"),
                                  Field.radios("offence_class", legend_size=Size.SMALL, inline=False),
                                  Field.radios("disposal", legend_size=Size.SMALL), date_field("disposal_on"),
                                  Field.text("court", label_size=Size.SMALL),
                                  Field.text("sentence", label_size=Size.SMALL),
                                  Field.radios("classification", legend_size=Size.SMALL), Submit("save", "Record"))


class ListReportedForm(NamedErrorsForm):
    reported_on = DateInputField(label="Date reported to the College of Policing", help_text=DATE_HINT)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.helper = form_helper(date_field("reported_on"), Submit("save", "Mark as reported"))
