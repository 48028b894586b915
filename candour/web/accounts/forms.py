from __future__ import annotations

from typing import Any

from crispy_forms_gds.choices import Choice
from crispy_forms_gds.layout import Field, Fixed, Fluid, Size, Submit
from django import forms
from django.conf import settings
from django.contrib.auth import authenticate
from django.contrib.auth.forms import AuthenticationForm
from django.contrib.auth.password_validation import MinimumLengthValidator, get_default_password_validators
from django.http import HttpRequest

from candour.accounts import services
from candour.accounts.backends import sign_in_address
from candour.accounts.models import Unit
from candour.domain.access import Role
from candour.web.forms import NamedErrorsForm, NamedErrorsMixin, form_helper


class SignInForm(NamedErrorsMixin, AuthenticationForm):
    error_messages = {
        "invalid_login": "Enter a correct username and password",
        "inactive": "This account is not active",
        "locked": ("Too many failed attempts to sign in. Wait %(minutes)s minutes and try "
                   "again, or ask your administrator to help"),
    }

    def __init__(self, request: HttpRequest | None = None, *args: Any, **kwargs: Any) -> None:
        super().__init__(request, *args, **kwargs)
        self.fields["username"].widget.attrs.update({"autocomplete": "username",
                                                     "spellcheck": "false"})
        self.fields["password"].widget.attrs.update({"autocomplete": "current-password"})
        self.fields["username"].error_messages["required"] = "Enter your username"
        self.fields["password"].error_messages["required"] = "Enter your password"
        self.helper = form_helper(Field.text("username", field_width=Fluid.ONE_HALF),
                                  Field.text("password", field_width=Fluid.ONE_HALF), Submit("submit", "Sign in"))

    def clean(self) -> dict[str, Any]:
        username = self.cleaned_data.get("username")
        if username and services.login_is_locked(username=username, address=sign_in_address(self.request)):
            raise forms.ValidationError(
                self.error_messages["locked"], code="locked",
                params={"minutes": settings.CANDOUR_LOGIN_LOCK_MINUTES})
        return super().clean()


class ConfirmPasswordForm(NamedErrorsForm):
    password = forms.CharField(widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
                               error_messages={"required": "Enter your password"})

    def __init__(self, *args: Any, user: Any, request: HttpRequest | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.user = user
        self.request = request
        self.helper = form_helper(Field.text("password", field_width=Fluid.ONE_HALF), Submit("submit", "Confirm"))

    def clean_password(self) -> str:
        password = self.cleaned_data["password"]
        if services.login_is_locked(username=self.user.username, address=sign_in_address(self.request)):
            raise forms.ValidationError("Too many failed attempts. Wait and try again")
        if authenticate(self.request, username=self.user.username, password=password) is None:
            raise forms.ValidationError("The password is not correct")
        return password


class SecondFactorCodeForm(NamedErrorsForm):
    """The 6-digit code from the authenticator app (at sign-in, and to finish setting one up)."""

    code = forms.CharField(label="Code from your authenticator app", max_length=20,
                           help_text="The 6 digits the app shows now, for example 123456",
                           error_messages={"required": "Enter the 6-digit code from your authenticator app"})

    def __init__(self, *args: Any, button: str = "Continue", **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["code"].widget.attrs.update({"autocomplete": "one-time-code", "inputmode": "numeric",
                                                 "spellcheck": "false"})
        self.helper = form_helper(Field.text("code", field_width=Fixed.TEN), Submit("submit", button))

    def clean_code(self) -> str:
        code = "".join(self.cleaned_data["code"].split())
        if not (code.isascii() and code.isdigit() and len(code) == 6):
            raise forms.ValidationError("Enter the 6-digit code from your authenticator app, numbers only")
        return code


# -- administration: the force's users -------------------------------------------------------

#: What each role may do, as hint text on the roles question.
ROLE_HINTS = {
    Role.ASSESSOR: "Triages new reports and assesses cases (the appropriate authority)",
    Role.INVESTIGATOR: "Investigates the cases they are appointed to",
    Role.DECISION_MAKER: "Decides whether there is a case to answer and the outcome",
    Role.CALL_HANDLER: "Takes hotline calls and records them as reports",
    Role.VETTING_OFFICER: "Keeps the vetting register and reviews screening matches",
    Role.ANALYST: "Sees the force's figures and reports, not individual cases",
    Role.OVERSIGHT: "Reads cases and registers and changes nothing",
    Role.REVIEW_PANEL: "Decides reviews asked for by complainants",
    Role.ADMINISTRATOR: "Manages users and the force's reference data (forces and units)",
    Role.COUNTER_CORRUPTION: "Reviews screening matches and can ask for a sealed identity to be opened",
    Role.DATA_PROTECTION_OFFICER: "Answers subject access and erasure requests; reads the record of processing",
}

def _password_hint() -> str:
    lengths = [v.min_length for v in get_default_password_validators() if isinstance(v, MinimumLengthValidator)]
    length = f"At least {max(lengths)} characters, " if lengths else ""
    return (f"{length}not a common password and not like their name or username. Tell them it in person "
            "or by phone, never by email")


def _role_field() -> forms.MultipleChoiceField:
    return forms.MultipleChoiceField(
        label="Roles", widget=forms.CheckboxSelectMultiple, required=False,
        help_text="Select every role they need. With no role they can only report a concern",
        choices=[Choice(role.value, role.label, hint=ROLE_HINTS[role]) for role in Role])


def _unit_field(units: list[Unit]) -> forms.MultipleChoiceField:
    return forms.MultipleChoiceField(
        label="Units", widget=forms.CheckboxSelectMultiple, required=False,
        help_text="The units of the force they work in" if units else
        "Your force has no units yet: add them under reference data",
        choices=[(str(unit.uuid), unit.name) for unit in units])


class UserAddForm(NamedErrorsForm):
    display_name = forms.CharField(label="Full name", max_length=150,
                                   error_messages={"required": "Enter the user's full name"})
    username = forms.CharField(label="Username", max_length=150,
                               help_text="What they type to sign in. Letters, digits and @ . + - _ only",
                               error_messages={"required": "Enter a username"})
    email = forms.EmailField(label="Email address", required=False,
                             error_messages={"invalid": "Enter an email address in the correct format, "
                                                        "like name@example.com"})
    password = forms.CharField(label="Password for their first sign-in", strip=False,
                               widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
                               error_messages={"required": "Enter a password for their first sign-in"})

    def __init__(self, *args: Any, units: list[Unit], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["roles"] = _role_field()
        self.fields["units"] = _unit_field(units)
        self.fields["password"].help_text = _password_hint()
        for name in ("username", "email"):
            self.fields[name].widget.attrs.update({"spellcheck": "false", "autocomplete": "off"})
        self.helper = form_helper(
            Field.text("display_name", field_width=Fluid.TWO_THIRDS),
            Field.text("username", field_width=Fluid.ONE_HALF),
            Field.text("email", field_width=Fluid.TWO_THIRDS),
            Field.checkboxes("roles", legend_size=Size.SMALL, small=True),
            Field.checkboxes("units", legend_size=Size.SMALL, small=True),
            Field.text("password", field_width=Fluid.ONE_HALF),
            Submit("submit", "Add user"))


class UserRolesForm(NamedErrorsForm):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["roles"] = _role_field()
        self.helper = form_helper(Field.checkboxes("roles", legend_size=Size.MEDIUM, small=True),
                                  Submit("submit", "Save roles"))


class UserUnitsForm(NamedErrorsForm):
    def __init__(self, *args: Any, units: list[Unit], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["units"] = _unit_field(units)
        self.helper = form_helper(Field.checkboxes("units", legend_size=Size.MEDIUM, small=True),
                                  Submit("submit", "Save units"))


class UserDeactivateForm(NamedErrorsForm):
    reason = forms.CharField(label="Why are you deactivating this account?", max_length=500,
                             widget=forms.Textarea(attrs={"rows": 3}),
                             help_text="For example, they have left the force. This is kept in the audit trail",
                             error_messages={"required": "Say why the account is being deactivated"})

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.helper = form_helper(Field.textarea("reason", label_size=Size.SMALL),
                                  Submit("submit", "Deactivate account", css_class="govuk-button--warning"))


class UserReactivateForm(NamedErrorsForm):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.helper = form_helper(Submit("submit", "Reactivate account"))


class UserPasswordForm(NamedErrorsForm):
    password = forms.CharField(label="New password", strip=False,
                               widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
                               error_messages={"required": "Enter a new password"})
    password_again = forms.CharField(label="Type the new password again", strip=False,
                                     widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
                                     error_messages={"required": "Type the new password again"})

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["password"].help_text = _password_hint()
        self.helper = form_helper(Field.text("password", field_width=Fluid.ONE_HALF),
                                  Field.text("password_again", field_width=Fluid.ONE_HALF),
                                  Submit("submit", "Set password"))

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        if cleaned.get("password") and cleaned.get("password_again") and \
                cleaned["password"] != cleaned["password_again"]:
            self.add_error("password_again", "The two passwords are not the same")
        return cleaned


class UserSecondFactorResetForm(NamedErrorsForm):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.helper = form_helper(Submit("submit", "Remove their authenticator app", css_class="govuk-button--warning"))
