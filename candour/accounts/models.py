"""Forces, units and the people who sign in to Candour.

A user belongs to exactly one force and sees nothing of any other. What they may do is
decided by their roles against the matrix in ``candour.domain.access``.
"""

from __future__ import annotations

from django.contrib.auth.models import AbstractUser
from django.db import models
from django.utils import timezone

from candour.common.models import BaseModel
from candour.domain.access import Role


class Force(BaseModel):
    """A police force of England and Wales (or a synthetic one)."""

    @property
    def audit_chain(self) -> str:
        """A force's events, like its records', join the force's own chain."""
        return self.code

    code = models.CharField(max_length=8, unique=True, help_text="Reference prefix, e.g. MET")
    name = models.CharField(max_length=120, unique=True)
    local_policing_body = models.CharField(max_length=120, blank=True)
    region = models.CharField(max_length=60, blank=True)

    class Meta:
        ordering = ["name"]
        constraints = [
            models.CheckConstraint(condition=~models.Q(code=""), name="force_code_not_empty"),
        ]

    def __str__(self) -> str:
        return self.name


class Unit(BaseModel):
    """A command, borough or department inside a force; units nest."""

    force = models.ForeignKey(Force, on_delete=models.PROTECT, related_name="units")
    name = models.CharField(max_length=120)
    parent = models.ForeignKey("self", null=True, blank=True, on_delete=models.PROTECT,
                               related_name="children")

    class Meta:
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["force", "name"], name="unit_name_unique_in_force"),
        ]

    def __str__(self) -> str:
        return self.name


class User(AbstractUser):
    """A signed-in user. ``roles`` is a list of ``Role`` values, validated by the services."""

    @property
    def audit_id(self) -> str:
        return str(self.pk)

    force = models.ForeignKey(Force, on_delete=models.PROTECT, null=True, blank=True,
                              related_name="users")
    roles = models.JSONField(default=list, blank=True)
    display_name = models.CharField(max_length=150, blank=True)
    units = models.ManyToManyField(Unit, blank=True, related_name="users",
                                   help_text="The units of the force the user works in")
    officer = models.OneToOneField("people.Officer", null=True, blank=True, on_delete=models.SET_NULL,
                                   related_name="user",
                                   help_text="The user's own officer record, if they are an officer "
                                             "(used for conflict-of-interest checks)")

    def role_set(self) -> frozenset[Role]:
        return frozenset(Role(r) for r in self.roles if r in Role._value2member_map_)

    @property
    def name(self) -> str:
        return self.display_name or self.get_full_name() or self.username

    @property
    def roles_label(self) -> str:
        return ", ".join(Role(r).label for r in self.roles if r in Role._value2member_map_)


class LoginFailure(models.Model):
    """Failed sign-ins counted for one key, for lockout with a cool-off.

    Three kinds of key are counted (``candour.accounts.services.login_failure_record``): a
    username tried from one client address, a client address whatever the username, and a
    username from every address. Kept apart from ``User`` so that unknown usernames lock out
    exactly like real ones and the lock page reveals nothing about which accounts exist.
    Addresses are stored only as keyed hashes.
    """

    class Kind(models.TextChoices):
        ACCOUNT = "account", "Username from one address"
        ADDRESS = "address", "Client address"
        USERNAME = "username", "Username from any address"

    kind = models.CharField(max_length=10, choices=Kind.choices, default=Kind.USERNAME)
    key = models.CharField(max_length=240)
    failures = models.PositiveIntegerField(default=0)
    first_failure_at = models.DateTimeField()
    locked_until = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["kind", "key"], name="login_failure_kind_key_unique")]

    def __str__(self) -> str:
        return f"{self.kind} {self.key}: {self.failures}"


class ApiToken(BaseModel):
    """A bearer token for /api/v1. Only its SHA-256 is stored; the token is shown once.

    It works until ``expires_at`` or until revoked, only for the API areas in ``scopes``
    (``candour.accounts.tokens.TOKEN_SCOPES``), and never beyond its user's roles."""

    audit_parent = "user"

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="api_tokens")
    name = models.CharField(max_length=100)
    key_hash = models.CharField(max_length=64, unique=True)
    scopes = models.JSONField(default=list)
    expires_at = models.DateTimeField()
    last_used_at = models.DateTimeField(null=True, blank=True)
    revoked_at = models.DateTimeField(null=True, blank=True)

    def __str__(self) -> str:
        return f"{self.user} / {self.name}"

    @property
    def status(self) -> str:
        """"Revoked", "Expired" or "Active", as the token list shows it."""
        if self.revoked_at is not None:
            return "Revoked"
        return "Expired" if self.expires_at <= timezone.now() else "Active"
