from __future__ import annotations

from typing import Any

from crispy_forms_gds.layout import Field, Fluid, Submit
from django import forms
from django.conf import settings
from django.contrib.auth import authenticate
from django.contrib.auth.forms import AuthenticationForm
from django.http import HttpRequest

from candour.accounts import services
from candour.web.forms import form_helper


class SignInForm(AuthenticationForm):
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
        if username and services.login_is_locked(username=username):
            raise forms.ValidationError(
                self.error_messages["locked"], code="locked",
                params={"minutes": settings.CANDOUR_LOGIN_LOCK_MINUTES})
        return super().clean()


class ConfirmPasswordForm(forms.Form):
    password = forms.CharField(widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
                               error_messages={"required": "Enter your password"})

    def __init__(self, *args: Any, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.user = user
        self.helper = form_helper(Field.text("password", field_width=Fluid.ONE_HALF), Submit("submit", "Confirm"))

    def clean_password(self) -> str:
        password = self.cleaned_data["password"]
        if services.login_is_locked(username=self.user.username):
            raise forms.ValidationError("Too many failed attempts. Wait and try again")
        if authenticate(username=self.user.username, password=password) is None:
            raise forms.ValidationError("The password is not correct")
        return password
