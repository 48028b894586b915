"""Forms for the vetting register and withdrawal assessments. They validate input only; the
services check the roles, the rules and the order of steps."""

from __future__ import annotations

from typing import Any

from crispy_forms_gds.layout import Field, Fluid, Size, Submit
from django import forms

from candour.domain import vetting as rules
from candour.web.forms import DATE_HINT, DateInputField, NamedErrorsForm, date_field, form_helper
from candour.workforce.models import VettingAftercare, VettingClearance, WithdrawalAssessment


class ClearanceForm(NamedErrorsForm):
    number = forms.CharField(label="Warrant or staff number", max_length=20,
                             help_text="The officer's warrant number or the staff member's staff number")
    level = forms.ChoiceField(label="Vetting level", choices=[("", "Choose a level")]
                              + [(lv.value, lv.label) for lv in rules.Level])
    decision = forms.ChoiceField(label="Decision", widget=forms.RadioSelect, choices=VettingClearance.Decision.choices)
    granted_on = DateInputField(label="Date of the decision", help_text=DATE_HINT)
    conditions = forms.CharField(label="Conditions", required=False, max_length=8000,
                                 widget=forms.Textarea(attrs={"rows": 3}),
                                 help_text="Required when clearance is granted with conditions")
    rationale = forms.CharField(label="Full rationale", required=False, max_length=8000,
                                widget=forms.Textarea(attrs={"rows": 5}),
                                help_text="Required when clearance is granted with conditions or declined "
                                          "(Vetting Code of Practice 2023)")

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.helper = form_helper(Field.text("number", label_size=Size.SMALL, field_width=Fluid.ONE_THIRD),
                                  Field.select("level", label_size=Size.SMALL),
                                  Field.radios("decision", legend_size=Size.SMALL), date_field("granted_on"),
                                  Field.textarea("conditions", label_size=Size.SMALL),
                                  Field.textarea("rationale", label_size=Size.SMALL),
                                  Submit("save", "Record clearance"))


class AftercareForm(NamedErrorsForm):
    kind = forms.ChoiceField(label="Kind of aftercare", widget=forms.RadioSelect, choices=VettingAftercare.Kind.choices)
    occurred_on = DateInputField(label="Date", help_text=DATE_HINT)
    notes = forms.CharField(label="What was reviewed or notified", max_length=8000,
                            widget=forms.Textarea(attrs={"rows": 4}))
    open_review = forms.BooleanField(label="Open a vetting review now (for a notified change of circumstances)",
                                     required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.helper = form_helper(Field.radios("kind", legend_size=Size.SMALL), date_field("occurred_on"),
                                  Field.textarea("notes", label_size=Size.SMALL),
                                  Field.checkbox("open_review", small=True), Submit("save", "Record aftercare"))


class ReviewOpenForm(NamedErrorsForm):
    trigger = forms.ChoiceField(label="What triggered the review", widget=forms.RadioSelect,
                                choices=[(t.value, rules.TRIGGER_LABELS[t]) for t in rules.Trigger])
    reason = forms.CharField(label="Reason", max_length=8000, widget=forms.Textarea(attrs={"rows": 4}))

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.helper = form_helper(Field.radios("trigger", legend_size=Size.SMALL),
                                  Field.textarea("reason", label_size=Size.SMALL), Submit("save", "Open review"))


class ReviewDecideForm(NamedErrorsForm):
    outcome = forms.ChoiceField(label="Outcome", widget=forms.RadioSelect,
                                choices=[(o.value, rules.REVIEW_OUTCOME_LABELS[o]) for o in rules.ReviewOutcome])
    conditions = forms.CharField(label="Conditions", required=False, max_length=8000,
                                 widget=forms.Textarea(attrs={"rows": 3}),
                                 help_text="Required when the clearance is maintained with conditions")
    rationale = forms.CharField(label="Full rationale", max_length=8000, widget=forms.Textarea(attrs={"rows": 5}))
    decided_on = DateInputField(label="Date of the decision", help_text=DATE_HINT)
    version = forms.IntegerField(widget=forms.HiddenInput)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.helper = form_helper(Field.radios("outcome", legend_size=Size.SMALL),
                                  Field.textarea("conditions", label_size=Size.SMALL),
                                  Field.textarea("rationale", label_size=Size.SMALL), date_field("decided_on"),
                                  "version", Submit("save", "Record the outcome"))


STEP_FIELDS: dict[str, tuple[str, ...]] = {
    rules.Step.NOTICE: (),
    rules.Step.REPRESENTATIONS: ("text",),
    rules.Step.DECISION: ("decision", "text"),
    rules.Step.DISMISSAL: (),
    rules.Step.APPEAL_LODGED: (),
    rules.Step.APPEAL_RESULT: ("result",),
    rules.Step.PAT_LODGED: (),
    rules.Step.PAT_RESULT: ("result",),
}


class WithdrawalStepForm(NamedErrorsForm):
    on = DateInputField(label="Date", help_text=DATE_HINT)
    decision = forms.ChoiceField(label="Decision", widget=forms.RadioSelect, required=False,
                                 choices=[c for c in WithdrawalAssessment.Decision.choices if c[0]])
    text = forms.CharField(label="Details", required=False, max_length=8000, widget=forms.Textarea(attrs={"rows": 5}))
    result = forms.ChoiceField(label="Result", widget=forms.RadioSelect, required=False,
                               choices=[c for c in WithdrawalAssessment.AppealResult.choices if c[0]])
    version = forms.IntegerField(widget=forms.HiddenInput)

    def __init__(self, *args: Any, step: str, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        wanted = STEP_FIELDS[step]
        for name in ("decision", "text", "result"):
            if name not in wanted:
                del self.fields[name]
        if "text" in self.fields:
            self.fields["text"].label = ("Summary of the representations" if step == rules.Step.REPRESENTATIONS
                                         else "Full rationale")
        layout: list[Any] = [date_field("on")]
        if "decision" in wanted:
            layout.append(Field.radios("decision", legend_size=Size.SMALL))
        if "result" in wanted:
            layout.append(Field.radios("result", legend_size=Size.SMALL))
        if "text" in wanted:
            layout.append(Field.textarea("text", label_size=Size.SMALL))
        self.helper = form_helper(*layout, "version", Submit("save", "Record"))


class WithdrawalStartForm(NamedErrorsForm):
    started_on = DateInputField(label="Date the assessment started", help_text=DATE_HINT)
    reason = forms.CharField(label="Why the clearance is being assessed for withdrawal", max_length=8000,
                             widget=forms.Textarea(attrs={"rows": 4}))

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.helper = form_helper(date_field("started_on"), Field.textarea("reason", label_size=Size.SMALL),
                                  Submit("save", "Start the withdrawal assessment"))


