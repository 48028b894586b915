"""What every area's forms share: error messages that name their field (``NamedErrorsForm``), the
crispy helper, the GOV.UK date input (sized, with one clear message for a date that is not real),
and a service's refusals shown on the form."""

from __future__ import annotations

from datetime import date
from typing import Any

from crispy_forms_gds.fields import DateInputField as GdsDateInputField
from crispy_forms_gds.helper import FormHelper
from crispy_forms_gds.layout import Field, Layout, Size
from django import forms
from django.core.exceptions import ValidationError
from django.forms.utils import pretty_name
from django.utils.translation import gettext as _

#: The hint under a staff page's date input.
DATE_HINT = "For example, 27 3 2025"


# -- error messages that name their field --------------------------------------------------

#: The messages crispy-forms-gds gives its date input, which name no field.
_GDS_DATE_MESSAGES = {"Enter the day, month and year", "Enter the day of the month", "Enter the month",
                      "Enter the year", "Enter a valid date", "Enter a valid month", "Enter a valid year"}
_CHOICE_FIELDS = (forms.ChoiceField, forms.BooleanField, forms.ModelChoiceField, forms.FileField)


def _defaults(field: forms.Field) -> set[str]:
    """Every message Django (or crispy-forms-gds) gives a field of this kind by default."""
    found = set(_GDS_DATE_MESSAGES)
    for cls in type(field).__mro__:
        found.update(str(m) for m in getattr(cls, "default_error_messages", {}).values())
    return found


def _names(field: forms.Field, name: str) -> tuple[str, str]:
    """How a message names the field, mid-sentence and at the start: "the date served" and
    "The date served"; a question is quoted ("your answer to ‘Was it on duty?’")."""
    label = str(field.label or pretty_name(name)).strip().rstrip(":").strip()
    if label.endswith("?"):
        what = _("your answer to ‘%(label)s’") % {"label": label}
    else:
        if label[1:2] != label[1:2].upper() or len(label) == 1:  # keep "IOPC ...", lower-case "Date served"
            label = label[:1].lower() + label[1:]
        what = _("the %(date_label)s") % {"date_label": label} if label.startswith("date") else label
    return what, what[:1].upper() + what[1:]


def name_errors(field: forms.Field, name: str) -> None:
    """Replace each of ``field``'s default error messages ("This field is required.", "Enter a
    valid date", "Select a valid choice...") with one that names the field, GOV.UK style
    ("Enter the date served", "Select the decision"). Messages a form sets itself are kept."""
    if getattr(field, "candour_named_errors", False):
        return
    field.candour_named_errors = True  # type: ignore[attr-defined]
    defaults = _defaults(field)

    def default(code: str) -> bool:
        return code in field.error_messages and str(field.error_messages[code]) in defaults

    if field.widget.is_hidden:
        # Only a stale or altered page leaves out a hidden field: there is nothing to correct by hand.
        for code in ("required", "invalid", "invalid_choice"):
            if default(code):
                field.error_messages[code] = _("The form was out of date: reload the page and try again")
        return
    what, what_cap = _names(field, name)
    # Django fills in %(limit_value)s and the like later: a % in the label must survive that.
    what_cap_p = what_cap.replace("%", "%%")
    choice = isinstance(field, _CHOICE_FIELDS)
    date = isinstance(field, (DateInputField, forms.DateField))
    messages: dict[str, str] = {
        "required": (_("Select %(what)s") if choice else _("Enter %(what)s")) % {"what": what},
        "invalid_choice": _("Select one of the choices shown for %(what)s") % {"what": what},
        "invalid_list": _("Select one of the choices shown for %(what)s") % {"what": what},
        "incomplete": _("%(What)s must include a day, month and year") % {"What": what_cap},
        "max_length": _("%(What)s must be %(limit_value)s characters or fewer") % {
            "What": what_cap_p, "limit_value": "%(limit_value)s"},
        "min_length": _("%(What)s must be %(limit_value)s characters or more") % {
            "What": what_cap_p, "limit_value": "%(limit_value)s"},
        "max_value": _("%(What)s must be %(limit_value)s or less") % {
            "What": what_cap_p, "limit_value": "%(limit_value)s"},
        "min_value": _("%(What)s must be %(limit_value)s or more") % {
            "What": what_cap_p, "limit_value": "%(limit_value)s"},
    }
    if date:
        messages["invalid"] = _("%(What)s must be a real date") % {"What": what_cap}
    elif isinstance(field, forms.EmailField):
        messages["invalid"] = _("Enter %(what)s in the correct format, like name@example.com") % {"what": what}
    elif isinstance(field, forms.IntegerField):
        messages["invalid"] = _("%(What)s must be a whole number") % {"What": what_cap}
    elif isinstance(field, (forms.DecimalField, forms.FloatField)):
        messages["invalid"] = _("%(What)s must be a number") % {"What": what_cap}
    elif choice:
        messages["invalid"] = _("Select one of the choices shown for %(what)s") % {"what": what}
    else:
        messages["invalid"] = _("Enter %(what)s in the correct format") % {"what": what}
    for code, text in messages.items():
        if default(code):
            field.error_messages[code] = text
    # A validator's message ("Ensure this value has at most 5 characters") gives way to the
    # field's message of the same code: set one for each validator still saying its default.
    for validator in field.validators:
        vcode = str(getattr(validator, "code", "") or "")
        if vcode and vcode in messages and vcode not in field.error_messages \
                and str(getattr(validator, "message", "")) == str(getattr(type(validator), "message", None)):
            field.error_messages[vcode] = messages[vcode]
    if isinstance(field, DateInputField):
        # The day, month and year boxes: "Date served must include a month", "... a real date".
        parts = (_("%(What)s must include a day"), _("%(What)s must include a month"),
                 _("%(What)s must include a year"))
        real = _("%(What)s must be a real date") % {"What": what_cap}
        for part, text in zip(field.fields, parts, strict=False):
            if str(part.error_messages.get("incomplete", "")) in defaults:
                part.error_messages["incomplete"] = text % {"What": what_cap}
            part.error_messages.setdefault("invalid", real)  # the box's "Enter a valid day"
        if not isinstance(field, DayMonthYearField):
            # 31 February: not Python's "day is out of range for month".
            compress = field.compress

            def named_compress(data_list: Any) -> Any:
                try:
                    return compress(data_list)
                except ValidationError:
                    raise ValidationError(real, code="invalid") from None

            field.compress = named_compress  # type: ignore[method-assign]


class NamedErrorsMixin:
    """Every error message names its field (WCAG 3.3.1): "Enter the date served", not "This
    field is required." three times over in the error summary. Put it first among a form's
    bases. The messages are set when the form is validated, so fields a form adds in its own
    ``__init__`` are named too; messages the form sets itself are kept."""

    fields: dict[str, forms.Field]

    def full_clean(self) -> None:
        for name, field in self.fields.items():
            name_errors(field, name)
        super().full_clean()  # type: ignore[misc]


class NamedErrorsForm(NamedErrorsMixin, forms.Form):
    """The base of every form in the service: ``forms.Form`` whose messages name their field."""


def form_helper(*layout: Any) -> FormHelper:
    """The crispy helper every form uses: no form tag (the page's template has it), the layout given."""
    helper = FormHelper()
    helper.form_tag = False
    helper.layout = Layout(*layout)
    return helper


def date_field(name: str, size: str = Size.SMALL, tag: str | None = None) -> Field:
    """A GOV.UK date input whose legend is sized (and, as a page's question, an ``h1``)."""
    context: dict[str, str] = {"legend_size": Size.for_legend(size)}
    if tag:
        context["legend_tag"] = tag
    return Field(name, context=context)


def errors_to_form(form: Any, exc: ValidationError) -> None:
    """Show a service's refusal on the form: each message by its field, the rest at the top
    (the pages' error summary lists both)."""
    mapping = getattr(exc, "message_dict", None) or {"__all__": exc.messages}
    for name, texts in mapping.items():
        for text in texts:
            form.add_error(name if name in form.fields else None, text)


class DateInputField(GdsDateInputField):
    """crispy-forms-gds's GOV.UK date input, made safe for any input: a year such as 99999999999
    raised ``OverflowError`` in ``date()`` (a 500), and a day or month out of range gave Python's
    own words. Every date input in candour.web is this one (a test checks)."""

    def compress(self, data_list: Any) -> Any:
        day, month, year = data_list
        if not (day and month and year):
            return None
        try:
            return date(day=int(day), month=int(month), year=int(year))
        except (ValueError, OverflowError):
            named = str(self.error_messages.get("invalid", ""))
            if "real date" in named:  # a NamedErrorsForm has named the field in its message
                raise ValidationError(named, code="invalid") from None
            what = str(self.label) if self.label else "The date"
            raise ValidationError(f"{what} must be a real date, for example 27 3 2025", code="invalid") from None


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
