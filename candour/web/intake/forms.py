"""Forms for staff intake: the hotline (one page, keyboard first), internal reports and triage.

Forms validate input only, with the checks in :mod:`candour.intake.validation`; the services
check everything again before saving.
"""

from __future__ import annotations

from typing import Any

from crispy_forms_gds.choices import Choice
from crispy_forms_gds.layout import Button, Field, Fieldset, Fluid, Size, Submit
from django import forms
from django.utils import timezone

from candour.domain import taxonomy
from candour.domain.facts import CONDUCT, DISCRIMINATION
from candour.domain.lifecycle import CaseType
from candour.intake import validation as v
from candour.intake.models import Relationship, ReportKind, SelfReportMatter
from candour.intake.services import Decision
from candour.web.forms import DayMonthYearField, NamedErrorsForm, date_field, form_helper

#: What each fact the rules test means, in plain English (GOV.UK hint text under each box).
CONDUCT_CHOICES = {
    "serious_assault": ("Serious assault", "An assault causing, or likely to cause, serious harm, as the IOPC's "
                        "guidance defines it"),
    "serious_sexual_offence": ("Serious sexual offence", "For example rape or sexual assault"),
    "serious_corruption": ("Serious corruption", "For example taking a bribe, or using police information "
                           "or powers for gain"),
    "abuse_of_position_sexual_purpose": ("Abuse of position for a sexual purpose",
                                         "Using the police role to pursue sex or a sexual relationship"),
    "abuse_of_position_emotional_relationship": ("Abuse of position for an emotional relationship",
                                                 "Using the police role to pursue an improper emotional "
                                                 "relationship, often with a vulnerable person"),
    "discriminatory_behaviour": ("Discriminatory behaviour", "Treating someone worse because of a protected "
                                 "characteristic such as race, sex or disability"),
    "criminal_offence": ("A criminal offence", "Conduct that, if proved, might be a crime"),
    "disciplinary_breach": ("A breach of the Standards of Professional Behaviour",
                            "Conduct that, if proved, might justify disciplinary proceedings"),
    "relevant_offence": ("A relevant offence", "An offence that could be punished with 7 years or more in prison"),
    "article_2_or_3_breach": ("A breach of the right to life or of freedom from torture",
                              "Articles 2 and 3 of the European Convention on Human Rights: the right to "
                              "life, and freedom from torture and inhuman or degrading treatment"),
    "domestic_abuse": ("Domestic abuse", "Abuse by a partner, former partner or family member"),
    "service_level": ("Only the level of service", "A complaint about the service given, not about how "
                      "anyone behaved"),
}

DECISION_HINTS = {
    Decision.LOG: "Opens a case now; you decide how it is handled on the case page",
    Decision.RECORD: "Opens a case to be handled through the formal complaints process, with a right of review",
    Decision.OUTSIDE_SCHEDULE_3: "Opens a case to be put right informally and quickly. Only for a complaint "
                                 "that need not be recorded",
    Decision.REFER: "Opens a case and refers it to the Independent Office for Police Conduct, who decide "
                    "who investigates",
    Decision.LINK: "Adds this report to a case already open about the same matter",
    Decision.NO_FURTHER_ACTION: "Closes the report without a case. Say why in the reasons",
}

# -- the hotline: one page, keyboard first ----------------------------------------------


class HotlineForm(NamedErrorsForm):
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
        self.helper = form_helper(
            Field.radios("kind", legend_size=Size.SMALL, inline=True),
            Field.textarea("what_happened", label_size=Size.SMALL, max_characters=v.WHAT_MAX),
            date_field("incident_on"),
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
        """Every problem at once: the service's checks too, so the call handler is not sent back
        a second time for what the first answer did not say (the service checks again on save)."""
        cleaned = super().clean() or {}
        _, errors = v.report_input_errors(self.to_input(), today=timezone.localdate())
        for name, message in errors.items():
            if name in self.fields and name not in self.errors:
                self.add_error(name, message)
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


class InternalReportForm(NamedErrorsForm):
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
        self.helper = form_helper(
            Field.textarea("what_happened", label_size=Size.SMALL, max_characters=v.WHAT_MAX),
            date_field("incident_on"),
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


class SelfReportForm(NamedErrorsForm):
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
        self.helper = form_helper(
            Field.radios("matter", legend_size=Size.SMALL),
            date_field("matter_on"),
            Field.textarea("what_happened", label_size=Size.SMALL, max_characters=v.WHAT_MAX),
            "submission_key",
            Submit("send", "Send self-report"),
        )

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        return cleaned


# -- triage -------------------------------------------------------------------------------


class TriageForm(NamedErrorsForm):
    case_type = forms.ChoiceField(
        label="Type of case", widget=forms.RadioSelect, choices=[(t.value, t.label) for t in CaseType],
        help_text="A complaint comes from a member of the public. A conduct matter is raised by the force "
                  "itself. A death or serious injury matter follows contact with the police")
    category = forms.ChoiceField(label="Allegation category", required=False)
    conduct = forms.MultipleChoiceField(
        label="What the report alleges", required=False, widget=forms.CheckboxSelectMultiple,
        choices=[Choice(c, *CONDUCT_CHOICES[c][:1], hint=CONDUCT_CHOICES[c][1]) if c in CONDUCT_CHOICES
                 else (c, c.replace("_", " ").capitalize()) for c in CONDUCT],
        help_text="Select everything the report alleges that might be true. The rules use these to say "
                  "whether it must be recorded and whether it must be referred to the IOPC")
    discrimination = forms.MultipleChoiceField(
        label="Discrimination alleged on grounds of", required=False, widget=forms.CheckboxSelectMultiple,
        choices=[(d, d.replace("_", " ").capitalize()) for d in DISCRIMINATION])
    contact_resulted_in = forms.ChoiceField(
        label="Did contact with the police result in death or serious injury?", required=False,
        widget=forms.RadioSelect,
        choices=[("none", "No"), ("serious_injury", "Serious injury"), ("death", "Death")])
    wants_recording = forms.ChoiceField(
        label="Does the complainant want the complaint recorded?", required=False, widget=forms.RadioSelect,
        help_text="Recording means handling it through the formal complaints process (Schedule 3). A "
                  "complainant who asks for that must have it",
        choices=[("unknown", "Not known yet"), ("yes", "Yes"), ("no", "No")])
    officer = forms.CharField(label="Subject officer", required=False,
                              help_text="Warrant number of the officer the report is about, if known")
    contacted_on = DayMonthYearField(
        label="Complainant first contacted on", required=False, help_text="For example, 27 3 2025",
        invalid_message="The date of first contact must be a real date, for example 27 3 2025")
    decision = forms.ChoiceField(label="Decision", widget=forms.RadioSelect, required=False,
                                 choices=[Choice(value, label, hint=DECISION_HINTS[value])
                                          for value, label in Decision.CHOICES])
    link_to = forms.CharField(label="Case reference to link to", required=False,
                              help_text="Only when linking to an existing case")
    note = forms.CharField(label="Reasons", required=False, widget=forms.Textarea(attrs={"rows": 3}),
                           max_length=2000)
    version = forms.IntegerField(widget=forms.HiddenInput)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["category"].choices = [("", "Choose a category")] + [  # type: ignore[attr-defined]
            (c.code, c.label) for c in taxonomy.CATEGORIES]
        self.helper = form_helper(
            Field.radios("case_type", legend_size=Size.SMALL, small=True),
            Field.select("category", label_size=Size.SMALL),
            Field.checkboxes("conduct", legend_size=Size.SMALL, small=True),
            Field.checkboxes("discrimination", legend_size=Size.SMALL, small=True),
            Field.radios("contact_resulted_in", legend_size=Size.SMALL, small=True, inline=True),
            Field.radios("wants_recording", legend_size=Size.SMALL, small=True, inline=True),
            Field.text("officer", label_size=Size.SMALL, field_width=10),
            date_field("contacted_on"),
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
