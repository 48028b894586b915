"""The data protection officer's forms. They check input only; candour.privacy decides."""

from __future__ import annotations

from typing import Any

from crispy_forms_gds.layout import HTML, Field, Fluid, Size, Submit
from django import forms

from candour.web.forms import form_helper

FIELDS = ("reference", "email", "name", "number")


class SubjectForm(forms.Form):
    """Who the request is about: one of email, name or number, and the request's reference."""

    reference = forms.CharField(label="Request reference", max_length=40,
                                help_text="Your reference for the request, for example DSAR-2026-014. It names the "
                                          "request in the audit trail instead of the person's details",
                                error_messages={"required": "Enter the request's reference"})
    email = forms.CharField(label="Email address", max_length=254, required=False,
                            help_text="A complainant's or other member of the public's email address")
    name = forms.CharField(label="Full name", max_length=200, required=False,
                           help_text="A member of the public's full name, exactly as they gave it")
    number = forms.CharField(label="Warrant or staff number", max_length=20, required=False,
                             help_text="For an officer or a member of staff")

    def __init__(self, *args: Any, submit: str = "Find what is held", **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.helper = form_helper(
            Field.text("reference", label_size=Size.SMALL, field_width=Fluid.ONE_THIRD),
            HTML('<h2 class="govuk-heading-m">Who the request is about</h2>'
                 '<p class="govuk-body">Fill in one of these.</p>'),
            Field.text("email", label_size=Size.SMALL, field_width=Fluid.TWO_THIRDS),
            Field.text("name", label_size=Size.SMALL, field_width=Fluid.TWO_THIRDS),
            Field.text("number", label_size=Size.SMALL, field_width=Fluid.ONE_THIRD),
            Submit("find", submit))
