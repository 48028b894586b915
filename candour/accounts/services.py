"""Write side for forces, units, users and sign-in failures."""

from __future__ import annotations

from datetime import timedelta

from django.conf import settings
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from candour.accounts.models import Force, LoginFailure, Unit, User
from candour.audit.events import AuditVerb
from candour.audit.services import Actor, audit_record
from candour.domain.access import Action, Role, can


def _normalise_username(username: str) -> str:
    return username.strip().lower()[:150]


def login_is_locked(*, username: str) -> bool:
    """True while ``username`` is locked out after too many failures."""
    row = LoginFailure.objects.filter(username=_normalise_username(username)).first()
    return bool(row and row.locked_until and row.locked_until > timezone.now())


def login_failure_record(*, username: str) -> None:
    """Count one failed sign-in; lock the username once the limit is reached in the window."""
    now = timezone.now()
    window = timedelta(minutes=settings.CANDOUR_LOGIN_LOCK_MINUTES)
    name = _normalise_username(username)
    with transaction.atomic():
        row, _ = LoginFailure.objects.select_for_update().get_or_create(
            username=name, defaults={"failures": 0, "first_failure_at": now})
        if row.first_failure_at < now - window or (row.locked_until and row.locked_until <= now):
            row.failures = 0
            row.first_failure_at = now
            row.locked_until = None
        row.failures += 1
        if row.failures >= settings.CANDOUR_LOGIN_MAX_FAILURES:
            row.locked_until = now + window
        row.save()


def login_failures_clear(*, username: str) -> None:
    LoginFailure.objects.filter(username=_normalise_username(username)).delete()


def force_create(*, code: str, name: str, actor: Actor, local_policing_body: str = "",
                 region: str = "") -> Force:
    code = code.strip().upper()
    if not code.isalnum() or len(code) > 8:
        raise ValidationError({"code": "Force code must be 1 to 8 letters or digits"})
    with transaction.atomic():
        force = Force(code=code, name=name.strip(), local_policing_body=local_policing_body,
                      region=region)
        force.full_clean()
        force.save()
        audit_record(actor=actor, action=AuditVerb.FORCE_CREATED,
                     on=force, after={"code": force.code, "name": force.name})
    return force


def unit_create(*, force: Force, name: str, actor: Actor, parent: Unit | None = None) -> Unit:
    if parent is not None and parent.force_id != force.pk:
        raise ValidationError({"parent": "A unit's parent must be in the same force"})
    with transaction.atomic():
        unit = Unit(force=force, name=name.strip(), parent=parent)
        unit.full_clean()
        unit.save()
        audit_record(actor=actor, action=AuditVerb.UNIT_CREATED, on=unit, after={"name": unit.name})
    return unit


def _validated_roles(roles: list[str] | list[Role]) -> list[str]:
    values = []
    for role in roles:
        try:
            values.append(Role(role).value)
        except ValueError as exc:
            raise ValidationError({"roles": f"Unknown role {role!r}"}) from exc
    return sorted(set(values))


def user_create(*, username: str, password: str, force: Force, roles: list[str] | list[Role],
                actor: Actor, display_name: str = "", email: str = "",
                is_staff: bool = False) -> User:
    """Create a user in ``force`` with ``roles``; the password must pass the validators."""
    user = User(username=username.strip(), force=force, roles=_validated_roles(roles),
                display_name=display_name, email=email, is_staff=is_staff)
    validate_password(password, user)
    user.set_password(password)
    with transaction.atomic():
        user.full_clean(exclude=["password"])
        user.save()
        audit_record(actor=actor, action=AuditVerb.USER_CREATED,
                     on=user, after={"username": user.username, "roles": user.roles})
    return user


def user_roles_set(*, user: User, roles: list[str] | list[Role], actor: Actor) -> User:
    new_roles = _validated_roles(roles)
    with transaction.atomic():
        before = {"roles": list(user.roles)}
        user.roles = new_roles
        user.save(update_fields=["roles"])
        audit_record(actor=actor, action=AuditVerb.USER_ROLES_CHANGED,
                     on=user, before=before, after={"roles": new_roles})
    return user


def user_signed_in_record(*, user: User, reauthentication: bool = False) -> None:
    with transaction.atomic():
        audit_record(actor=Actor.of(user),
                     action=AuditVerb.USER_REAUTHENTICATED if reauthentication else AuditVerb.USER_SIGNED_IN,
                     on=user)


def actor_for(user: User | None, force_id: int, action: Action, what: str) -> Actor:
    """``user`` as the audit actor, if they belong to force ``force_id`` and a role of theirs grants
    ``action``; otherwise ``PermissionDenied`` saying what they may not do. The services of the
    registers check with this before they change anything."""
    if user is None or user.force_id is None or user.force_id != force_id or not can(user.role_set(), action):
        raise PermissionDenied(f"Your role does not allow you to {what}")
    return Actor.of(user)
