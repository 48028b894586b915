"""The match-review decision form. It validates input only; the service checks the roles and the
rules."""

from __future__ import annotations

from typing import Any

from crispy_forms_gds.layout import Field, Size, Submit
from django import forms

from candour.screening.models import ScreeningCandidate
from candour.web.forms import NamedErrorsForm, form_helper


class CandidateDecisionForm(NamedErrorsForm):
    decision = forms.ChoiceField(label="Are these records the same person?", widget=forms.RadioSelect,
                                 choices=[("confirm", "Yes, confirm the match"), ("reject", "No, reject the match")])
    route = forms.ChoiceField(label="If confirmed, what happens next", widget=forms.RadioSelect, required=False,
                              choices=[c for c in ScreeningCandidate.Route.choices if c[0]])
    reason = forms.CharField(label="Reason for your decision", required=False, max_length=4000,
                             widget=forms.Textarea(attrs={"rows": 4}),
                             help_text="Recorded with the decision and in the audit trail")

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.helper = form_helper(Field.radios("decision", legend_size=Size.SMALL),
                                  Field.radios("route", legend_size=Size.SMALL),
                                  Field.textarea("reason", label_size=Size.SMALL), Submit("save", "Record decision"))
