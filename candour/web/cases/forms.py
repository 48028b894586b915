"""Forms for the casework pages: one per step and per record. They validate input only; the
services check the lifecycle, the roles and the rules."""

from __future__ import annotations

from datetime import date
from typing import Any

from crispy_forms_gds.layout import Field, Fluid, Size, Submit
from django import forms
from django.utils import timezone

from candour.cases.models import Appeal, CooperationRequest, Outcome, Reg17Notice, Severity
from candour.domain.proceedings import APPEAL_GROUNDS, PanelRequirement
from candour.domain.steps import input_names
from candour.web.forms import DATE_HINT, DateInputField, NamedErrorsForm, date_field, form_helper

FORUMS = [("misconduct_meeting", "Misconduct meeting"), ("misconduct_hearing", "Misconduct hearing"),
          ("accelerated_hearing", "Accelerated misconduct hearing")]



class CaseSearchForm(NamedErrorsForm):
    q = forms.CharField(
        label="Case reference, name, or warrant or collar number", max_length=100, required=False,
        help_text="For example, MET-2025-004321, Smith, or 210456",
        error_messages={"max_length": "Search terms must be 100 characters or fewer"})
    received_from = DateInputField(
        label="Received on or after", required=False, help_text="For example, 27 3 2024")

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.helper = form_helper(Field.text("q", label_size=Size.SMALL, field_width=Fluid.TWO_THIRDS),
                                  date_field("received_from"), Submit("search", "Search"))
        # A GET form: crispy would add the CSRF token, which would then sit in the URL (issue 15).
        self.helper.form_method = "get"

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




class CaseworkForm(NamedErrorsForm):
    """A casework form: its messages say what to do, naming the field, as the GOV.UK Design System
    asks ("Select how it was served", "Enter the reasons"), instead of "This field is required."."""


class StepForm(CaseworkForm):
    reason = forms.CharField(label="Reasons", required=False, widget=forms.Textarea(attrs={"rows": 4}),
                             max_length=4000, help_text="Recorded on the case and in the audit trail")
    forum = forms.ChoiceField(label="Form of proceedings", choices=FORUMS, widget=forms.RadioSelect, required=False)
    signed = forms.BooleanField(label="The complainant (or their agent) signed the withdrawal", required=False)
    regulation_39 = forms.BooleanField(label="No signed notification: the regulation 39 route applies",
                                       required=False)
    authorised_by = forms.CharField(label="Authorised by", required=False, max_length=150,
                                    help_text="Name and role of the person who authorised reopening")
    lodged_on = DateInputField(label="Date the appeal was lodged", required=False, help_text=DATE_HINT)
    received_on = DateInputField(label="Date the application was received", required=False,
                                 help_text=DATE_HINT)
    decided_on = DateInputField(label="Date of the IOPC's decision", required=False, help_text=DATE_HINT)
    referred_on = DateInputField(label="Date referred", required=False, help_text="Leave blank for today")
    outcome_notified_on = DateInputField(label="Date the outcome was notified", required=False,
                                         help_text="Leave blank for today")
    handling_outcome = forms.ChoiceField(
        label="Outcome of handling otherwise than by investigation (complaints)", widget=forms.RadioSelect,
        required=False, choices=[("service_acceptable", "The service provided was acceptable"),
                                 ("service_not_acceptable", "The service provided was not acceptable"),
                                 ("unable_to_determine", "Not possible to determine")])
    subject = forms.ChoiceField(label="Who is appealing", widget=forms.RadioSelect, required=False)
    grounds = forms.MultipleChoiceField(label="Grounds of appeal", widget=forms.CheckboxSelectMultiple,
                                        required=False, choices=list(APPEAL_GROUNDS.items()))
    grounds_detail = forms.CharField(label="The grounds in the appellant's words", required=False, max_length=4000,
                                     widget=forms.Textarea(attrs={"rows": 3}))
    sent_to_wrong_body_on = DateInputField(
        label="Date it reached the wrong body, if it was sent there first", required=False,
        help_text="Time is not counted while it is forwarded (Police Reform Act 2002, Sch 3 para 32)")
    extended = forms.BooleanField(label="The time limit was extended for exceptional or special circumstances",
                                  required=False)
    version = forms.IntegerField(widget=forms.HiddenInput)

    def __init__(self, *args: Any, step: str, subjects: list[tuple[str, str]] | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["subject"].choices = subjects or []  # type: ignore[attr-defined]
        wanted = input_names(step)  # the step's typed record (candour.domain.steps) names them
        for name in list(self.fields):
            if name not in ("reason", "version", *wanted):
                del self.fields[name]
        layout: list[Any] = []
        for name in wanted:
            field = self.fields[name]
            if isinstance(field, DateInputField):
                layout.append(date_field(name))
            elif isinstance(field, forms.BooleanField):
                layout.append(Field.checkbox(name, small=True))
            elif isinstance(field, forms.MultipleChoiceField):
                layout.append(Field.checkboxes(name, legend_size=Size.SMALL, small=True))
            elif isinstance(field.widget, forms.Textarea):
                layout.append(Field.textarea(name, label_size=Size.SMALL))
            elif isinstance(field.widget, forms.RadioSelect):
                layout.append(Field.radios(name, legend_size=Size.SMALL))
            else:
                layout.append(Field.text(name, label_size=Size.SMALL, field_width=Fluid.TWO_THIRDS))
        self.helper = form_helper(*layout, Field.textarea("reason", label_size=Size.SMALL), "version",
                                  Submit("save", "Confirm"))



class InvestigatorForm(CaseworkForm):
    investigator = forms.ChoiceField(label="Investigator")
    terms_of_reference = forms.CharField(label="Terms of reference", widget=forms.Textarea(attrs={"rows": 5}),
                                         required=False, max_length=8000,
                                         help_text="What the investigation will look at (given to the officer "
                                                   "with the Regulation 17 notice)")
    version = forms.IntegerField(widget=forms.HiddenInput)

    def __init__(self, *args: Any, choices: list[tuple[str, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["investigator"].choices = [("", "Choose an investigator"), *choices]  # type: ignore[attr-defined]
        self.helper = form_helper(Field.select("investigator", label_size=Size.SMALL),
                                  Field.textarea("terms_of_reference", label_size=Size.SMALL), "version",
                                  Submit("save", "Appoint"))


REASONS_HINT = ("Why you decided this, with the material you relied on (kept with the decision and in the "
                "audit trail)")


class SeverityForm(CaseworkForm):
    severity = forms.ChoiceField(label="Severity", widget=forms.RadioSelect,
                                 choices=[(s.value, s.label) for s in Severity if s.value])
    assessed_on = DateInputField(label="Date of the assessment", help_text=DATE_HINT)
    reasons = forms.CharField(label="Reasons", required=False, max_length=8000, help_text=REASONS_HINT,
                              widget=forms.Textarea(attrs={"rows": 4}))

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.helper = form_helper(Field.radios("severity", legend_size=Size.SMALL), date_field("assessed_on"),
                                  Field.textarea("reasons", label_size=Size.SMALL),
                                  Submit("save", "Save assessment"))


class NoticeForm(CaseworkForm):
    served_on = DateInputField(label="Date served", help_text=DATE_HINT)
    method = forms.ChoiceField(label="How it was served", widget=forms.RadioSelect, choices=Reg17Notice.Method.choices)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.helper = form_helper(date_field("served_on"), Field.radios("method", legend_size=Size.SMALL),
                                  Submit("save", "Record the notice"))


class CaseToAnswerForm(CaseworkForm):
    decision = forms.ChoiceField(label="Is there a case to answer?", widget=forms.RadioSelect,
                                 choices=[("gross_misconduct", "Yes, for gross misconduct"),
                                          ("misconduct", "Yes, for misconduct"), ("none", "No case to answer")])
    special_conditions_met = forms.BooleanField(
        label="The special conditions for an accelerated hearing are certified (Conduct Regs reg 49(2))",
        required=False)
    reasons = forms.CharField(label="Reasons", required=False, max_length=8000, help_text=REASONS_HINT,
                              widget=forms.Textarea(attrs={"rows": 4}))

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.helper = form_helper(Field.radios("decision", legend_size=Size.SMALL),
                                  Field.checkbox("special_conditions_met", small=True),
                                  Field.textarea("reasons", label_size=Size.SMALL), Submit("save", "Save decision"))


class OutcomeForm(CaseworkForm):
    finding = forms.ChoiceField(label="Finding", widget=forms.RadioSelect,
                                choices=[("gross_misconduct", "Gross misconduct"), ("misconduct", "Misconduct"),
                                         ("neither", "Neither misconduct nor gross misconduct")])
    outcome = forms.ChoiceField(label="Outcome", choices=[(o.value, o.label) for o in Outcome if o.value])
    outcome_on = DateInputField(label="Date the outcome was notified", help_text=DATE_HINT)
    exceptional_circumstances = forms.CharField(
        label="Exceptional circumstances", required=False, widget=forms.Textarea(attrs={"rows": 4}), max_length=4000,
        help_text="Required for an outcome short of dismissal after a gross misconduct finding (from 28 May 2025)")
    reasons = forms.CharField(label="Reasons", required=False, max_length=8000, help_text=REASONS_HINT,
                              widget=forms.Textarea(attrs={"rows": 4}))

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.helper = form_helper(Field.radios("finding", legend_size=Size.SMALL),
                                  Field.select("outcome", label_size=Size.SMALL), date_field("outcome_on"),
                                  Field.textarea("exceptional_circumstances", label_size=Size.SMALL),
                                  Field.textarea("reasons", label_size=Size.SMALL),
                                  Submit("save", "Record the outcome"))


class RequestForm(CaseworkForm):
    kind = forms.ChoiceField(label="What was asked for", widget=forms.RadioSelect,
                             choices=CooperationRequest.Kind.choices)
    recipient_type = forms.ChoiceField(label="Who was asked", widget=forms.RadioSelect,
                                       choices=CooperationRequest.Recipient.choices)
    recipient = forms.CharField(label="Name of the person or body", max_length=200)
    asked_on = DateInputField(label="Date asked", help_text=DATE_HINT)
    due_on = DateInputField(label="Date due", help_text=DATE_HINT)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.helper = form_helper(Field.radios("kind", legend_size=Size.SMALL, inline=True),
                                  Field.radios("recipient_type", legend_size=Size.SMALL, inline=True),
                                  Field.text("recipient", label_size=Size.SMALL, field_width=Fluid.TWO_THIRDS),
                                  date_field("asked_on"), date_field("due_on"), Submit("save", "Record the request"))


class UpdateForm(CaseworkForm):
    message = forms.CharField(label="Update for the complainant", widget=forms.Textarea(attrs={"rows": 6}),
                              max_length=4000, help_text="Plain words: what has happened and what happens next. "
                                                          "It appears on the complainant's tracking page.")

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.helper = form_helper(Field.textarea("message", label_size=Size.SMALL), Submit("save", "Send update"))


class ContactForm(CaseworkForm):
    contacted_on = DateInputField(label="Date the complainant was first contacted", help_text=DATE_HINT)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.helper = form_helper(date_field("contacted_on"), Submit("save", "Record the contact"))


# -- proceedings ------------------------------------------------------------------------------

class ProceedingsNoticeForm(CaseworkForm):
    notice_on = DateInputField(label="Date the notice and documents were given to the officer", help_text=DATE_HINT)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.helper = form_helper(date_field("notice_on"), Submit("save", "Record the notice"))


class ProceedingsResponseForm(CaseworkForm):
    response_on = DateInputField(label="Date of the officer's response", help_text=DATE_HINT)
    accepts = forms.ChoiceField(label="Does the officer accept the allegations?", widget=forms.RadioSelect,
                                choices=[("accepts", "Accepts the allegations"),
                                         ("disputes", "Disputes the allegations"),
                                         ("in_part", "Accepts some, disputes others")])
    witnesses_proposed = forms.CharField(label="Witnesses the officer proposes", required=False, max_length=4000,
                                         widget=forms.Textarea(attrs={"rows": 3}),
                                         help_text="Or say that they propose none")
    extended_to = DateInputField(label="Extended response date, if one was granted", required=False,
                                 help_text="For exceptional circumstances, by the person conducting or chairing")

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.helper = form_helper(date_field("response_on"), Field.radios("accepts", legend_size=Size.SMALL),
                                  Field.textarea("witnesses_proposed", label_size=Size.SMALL),
                                  date_field("extended_to"), Submit("save", "Record the response"))


class WitnessesForm(CaseworkForm):
    witness_lists_on = DateInputField(label="Date both sides' witness lists were exchanged", help_text=DATE_HINT)
    decided_on = DateInputField(label="Date of the decision on witnesses", help_text=DATE_HINT)
    decision = forms.CharField(label="Witnesses who may attend", max_length=4000,
                               widget=forms.Textarea(attrs={"rows": 4}))

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.helper = form_helper(date_field("witness_lists_on"), date_field("decided_on"),
                                  Field.textarea("decision", label_size=Size.SMALL),
                                  Submit("save", "Record the decision"))


class ProceedingsDatesForm(CaseworkForm):
    papers_to_chair_on = DateInputField(label="Date the documents went to the person conducting or chairing",
                                        required=False, help_text="Not needed for an accelerated hearing")
    pre_hearing_on = DateInputField(label="Date of the pre-hearing", required=False,
                                    help_text="Misconduct hearings only")
    hearing_on = DateInputField(label="Date of the meeting or hearing", help_text=DATE_HINT)
    reduced_by_agreement = forms.BooleanField(
        label="A period was shortened by agreement (Conduct Regs reg 22 or 48)", required=False)
    extended = forms.BooleanField(label="The latest day was extended (Conduct Regs reg 34(2))", required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.helper = form_helper(date_field("papers_to_chair_on"), date_field("pre_hearing_on"),
                                  date_field("hearing_on"),
                                  Field.checkbox("reduced_by_agreement", small=True),
                                  Field.checkbox("extended", small=True),
                                  Submit("save", "Save the dates"))


class DepartureForm(CaseworkForm):
    status = forms.ChoiceField(label="How did the officer leave?", widget=forms.RadioSelect,
                               choices=[("resigned", "Resigned"), ("retired", "Retired")],
                               error_messages={"required": "Choose whether the officer resigned or retired"})
    left_on = DateInputField(label="Date the officer left", help_text=DATE_HINT)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.helper = form_helper(Field.radios("status", legend_size=Size.SMALL), date_field("left_on"),
                                  Submit("save", "Record the departure"))


class PanelForm(CaseworkForm):
    """One name field per role the forum needs (and the chair's capacity)."""

    version = forms.IntegerField(widget=forms.HiddenInput)

    def __init__(self, *args: Any, requirement: PanelRequirement, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.roles = list(requirement.roles)
        layout: list[Any] = []
        for role in self.roles:
            self.fields[role.value] = forms.CharField(label=role.label, max_length=150, required=False)
            layout.append(Field.text(role.value, label_size=Size.SMALL, field_width=Fluid.TWO_THIRDS))
            if role.value == "chair" and requirement.chair_capacities:
                self.fields["chair_capacity"] = forms.ChoiceField(
                    label="The chair sits as", widget=forms.RadioSelect, required=False,
                    choices=list(requirement.chair_capacities.items()))
                layout.append(Field.radios("chair_capacity", legend_size=Size.SMALL))
        self.helper = form_helper(*layout, "version", Submit("save", "Record the panel"))


class AppealHearingForm(CaseworkForm):
    hearing_on = DateInputField(label="Date of the appeal hearing", help_text=DATE_HINT)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.helper = form_helper(date_field("hearing_on"), Submit("save", "Save the date"))


class AppealResultForm(CaseworkForm):
    result = forms.ChoiceField(label="Result of the appeal", widget=forms.RadioSelect,
                               choices=[c for c in Appeal.Result.choices if c[0]])
    substituted_outcome = forms.ChoiceField(
        label="Outcome substituted (if the outcome was substituted)", required=False,
        choices=[("", "Not applicable"), *[(o.value, o.label) for o in Outcome
                                           if o.value in ("written_warning", "final_written_warning",
                                                          "reduction_in_rank", "dismissal_without_notice", "rprp")]])
    decided_on = DateInputField(label="Date of the decision", help_text=DATE_HINT)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.helper = form_helper(Field.radios("result", legend_size=Size.SMALL),
                                  Field.select("substituted_outcome", label_size=Size.SMALL), date_field("decided_on"),
                                  Submit("save", "Record the result"))


class ReviewDecisionForm(CaseworkForm):
    outcome = forms.ChoiceField(label="The review body's decision", widget=forms.RadioSelect,
                                choices=[("reasonable", "The outcome was reasonable and proportionate"),
                                         ("not_reasonable", "The outcome was not reasonable and proportionate")])
    recommendations = forms.CharField(label="Recommendations", required=False, max_length=8000,
                                      widget=forms.Textarea(attrs={"rows": 4}))
    reinvestigation = forms.BooleanField(label="The review body directs that the complaint be re-investigated",
                                         required=False)
    decided_on = DateInputField(label="Date of the decision", help_text=DATE_HINT)
    reasons = forms.CharField(label="Reasons", required=False, max_length=8000, help_text=REASONS_HINT,
                              widget=forms.Textarea(attrs={"rows": 4}))

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.helper = form_helper(Field.radios("outcome", legend_size=Size.SMALL),
                                  Field.textarea("reasons", label_size=Size.SMALL),
                                  Field.textarea("recommendations", label_size=Size.SMALL),
                                  Field.checkbox("reinvestigation", small=True), date_field("decided_on"),
                                  Submit("save", "Record the decision"))


class CpsReferralForm(CaseworkForm):
    referred_on = DateInputField(label="Date referred to the CPS", help_text=DATE_HINT)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.helper = form_helper(date_field("referred_on"), Submit("save", "Record the referral"))


class CpsDecisionForm(CaseworkForm):
    decision = forms.ChoiceField(label="The CPS decision", widget=forms.RadioSelect,
                                 choices=[("charge", "Charge"), ("no_further_action", "No further action")])
    decided_on = DateInputField(label="Date of the decision", help_text=DATE_HINT)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.helper = form_helper(Field.radios("decision", legend_size=Size.SMALL), date_field("decided_on"),
                                  Submit("save", "Record the decision"))
