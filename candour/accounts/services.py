"""Write side for forces, units, users and sign-in failures."""

from __future__ import annotations

from datetime import timedelta

from django.conf import settings
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from candour.accounts.models import Force, LoginFailure, Unit, User
from candour.audit.events import AuditVerb
from candour.audit.services import Actor, audit_record
from candour.domain.access import Action, Role, can


def _normalise_username(username: str) -> str:
    return username.strip().lower()[:150]


#: Where a sign-in came from when there is no request (a management command on the server).
LOCAL = "local"


def _lock_keys(username: str, address: str) -> list[tuple[str, str, int]]:
    """The counters one attempt touches, as (kind, key, failures that lock it).

    A username tried from one address locks after ``CANDOUR_LOGIN_MAX_FAILURES``; an address
    after ``CANDOUR_LOGIN_MAX_FAILURES_PER_ADDRESS`` whatever the usernames (one address cannot
    try many); a username from every address together after
    ``CANDOUR_LOGIN_MAX_FAILURES_PER_USERNAME`` (guessing spread over many addresses). One
    address alone can never lock an officer out for others: its own limit is reached first.
    """
    name, address = _normalise_username(username), (address or LOCAL)[:80]
    kinds = LoginFailure.Kind
    return [(kinds.ACCOUNT, f"{address}:{name}", settings.CANDOUR_LOGIN_MAX_FAILURES),
            (kinds.ADDRESS, address, settings.CANDOUR_LOGIN_MAX_FAILURES_PER_ADDRESS),
            (kinds.USERNAME, name, settings.CANDOUR_LOGIN_MAX_FAILURES_PER_USERNAME)]


def login_is_locked(*, username: str, address: str = LOCAL) -> bool:
    """True while ``username`` may not sign in from ``address`` (a keyed hash of the client
    address): during the cool-off after too many failures of any of its counters."""
    now = timezone.now()
    query = Q()
    for kind, key, _ in _lock_keys(username, address):
        query |= Q(kind=kind, key=key)
    return LoginFailure.objects.filter(query, locked_until__gt=now).exists()


def login_failure_record(*, username: str, address: str = LOCAL) -> None:
    """Count one failed sign-in (a wrong password or a wrong code) against each counter; a
    counter that reaches its limit within the window is locked for the cool-off
    (``CANDOUR_LOGIN_LOCK_MINUTES``), then starts again from nothing. Each lock is audited."""
    now = timezone.now()
    cool_off = timedelta(minutes=settings.CANDOUR_LOGIN_LOCK_MINUTES)
    with transaction.atomic():
        for kind, key, limit in _lock_keys(username, address):
            row, _ = LoginFailure.objects.select_for_update().get_or_create(
                kind=kind, key=key, defaults={"failures": 0, "first_failure_at": now})
            if row.locked_until and row.locked_until > now:
                continue  # already cooling off: the attempt was refused before it was tried
            if row.first_failure_at < now - cool_off or row.locked_until:
                row.failures, row.first_failure_at, row.locked_until = 0, now, None
            row.failures += 1
            if row.failures >= limit:
                row.locked_until = now + cool_off
                audit_record(actor=Actor.system("sign-in lockout"), action=AuditVerb.SIGN_IN_LOCKED,
                             object_type="sign_in", object_id=kind,
                             after={"kind": kind, "username": "" if kind == LoginFailure.Kind.ADDRESS
                                    else _normalise_username(username), "address": (address or LOCAL)[:16],
                                    "failures": row.failures, "until": row.locked_until})
            row.save()


def login_failures_clear(*, username: str, address: str = LOCAL) -> None:
    """After a successful sign-in: forget the username's failures (from this address and from
    all). The address's own count stays, so signing in to one account does not buy more
    guesses at others."""
    kinds = LoginFailure.Kind
    for kind, key, _ in _lock_keys(username, address):
        if kind != kinds.ADDRESS:
            LoginFailure.objects.filter(kind=kind, key=key).delete()


def login_lock_lift(*, username: str) -> int:
    """Lift every lock and count on ``username`` (from any address); how many were removed."""
    name = _normalise_username(username)
    kinds = LoginFailure.Kind
    removed, _ = LoginFailure.objects.filter(
        Q(kind=kinds.USERNAME, key=name) | Q(kind=kinds.ACCOUNT, key__endswith=f":{name}")).delete()
    return removed


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


def _units_in_force(units: list[Unit] | tuple[Unit, ...], force_id: int | None) -> list[Unit]:
    units = list(units)
    if any(unit.force_id != force_id for unit in units):
        raise ValidationError({"units": "Choose units of the user's own force"})
    return units


def _unit_names(units: list[Unit]) -> list[str]:
    return sorted(unit.name for unit in units)


def user_create(*, username: str, password: str, force: Force, roles: list[str] | list[Role],
                actor: Actor, display_name: str = "", email: str = "",
                is_staff: bool = False, units: list[Unit] | tuple[Unit, ...] = ()) -> User:
    """Create a user in ``force`` with ``roles`` (and ``units`` of that force); the password
    must pass the validators."""
    user = User(username=username.strip(), force=force, roles=_validated_roles(roles),
                display_name=display_name.strip(), email=email.strip(), is_staff=is_staff)
    chosen = _units_in_force(units, force.pk)
    errors: dict[str, list[str]] = {}
    try:
        validate_password(password, user)
    except ValidationError as exc:
        errors["password"] = exc.messages
    try:
        user.full_clean(exclude=["password"])
    except ValidationError as exc:
        errors.update(exc.message_dict)
    if errors:
        raise ValidationError(errors)
    user.set_password(password)
    with transaction.atomic():
        user.save()
        user.units.set(chosen)
        audit_record(actor=actor, action=AuditVerb.USER_CREATED,
                     on=user, after={"username": user.username, "roles": user.roles,
                                     "units": _unit_names(chosen), "active": True})
    return user


def _administrators_left(user: User) -> int:
    """Active administrators of ``user``'s force other than ``user``."""
    others = User.objects.filter(force=user.force, is_active=True).exclude(pk=user.pk)
    return sum(1 for other in others if Role.ADMINISTRATOR in other.role_set())


def user_roles_set(*, user: User, roles: list[str] | list[Role], actor: Actor) -> User:
    """Replace ``user``'s roles. An administrator keeps access to the reference data in Django
    admin (``is_staff``) while they hold the role. A force always keeps one active administrator:
    the role cannot be taken from the last one."""
    new_roles = _validated_roles(roles)
    with transaction.atomic():
        locked = User.objects.select_for_update().get(pk=user.pk)
        if (Role.ADMINISTRATOR in locked.role_set() and Role.ADMINISTRATOR.value not in new_roles
                and locked.is_active and not _administrators_left(locked)):
            raise ValidationError({"roles": f"{locked.name} is the force's only administrator: give "
                                            "another user the administrator role first"})
        before = {"roles": list(locked.roles)}
        locked.roles = new_roles
        if Role.ADMINISTRATOR.value in new_roles:
            locked.is_staff = True
        elif Role.ADMINISTRATOR.value in before["roles"]:
            locked.is_staff = False
        locked.save(update_fields=["roles", "is_staff"])
        audit_record(actor=actor, action=AuditVerb.USER_ROLES_CHANGED,
                     on=locked, before=before, after={"roles": new_roles})
    user.roles, user.is_staff = locked.roles, locked.is_staff
    return user


# -- administration in the service: the force's administrators manage its users ---------------


def _manager(by: User, user: User, what: str) -> Actor:
    """``by`` as the actor, if they are an administrator of ``user``'s force."""
    return actor_for(by, user.force_id or -1, Action.USER_MANAGE, what)


def user_add(*, by: User, username: str, password: str, roles: list[str] | list[Role],
             display_name: str = "", email: str = "", units: list[Unit] | tuple[Unit, ...] = ()) -> User:
    """An administrator adds a user to their own force (``user_create``, checked)."""
    if by.force is None:
        raise PermissionDenied("Your role does not allow you to add users")
    actor = actor_for(by, by.force.pk, Action.USER_MANAGE, "add users")
    if User.objects.filter(username__iexact=username.strip()).exists():
        raise ValidationError({"username": "That username is taken: choose another"})
    return user_create(username=username, password=password, force=by.force, roles=roles, actor=actor,
                       display_name=display_name, email=email, units=units,
                       is_staff=Role.ADMINISTRATOR.value in _validated_roles(roles))


def user_units_set(*, user: User, units: list[Unit] | tuple[Unit, ...], by: User) -> User:
    """Replace the units ``user`` works in (units of their own force only)."""
    actor = _manager(by, user, "change users' units")
    chosen = _units_in_force(units, user.force_id)
    with transaction.atomic():
        before = {"units": _unit_names(list(user.units.all()))}
        user.units.set(chosen)
        audit_record(actor=actor, action=AuditVerb.USER_UNITS_CHANGED, on=user, before=before,
                     after={"units": _unit_names(chosen)})
    return user


def user_roles_change(*, user: User, roles: list[str] | list[Role], by: User) -> User:
    """An administrator changes another user's roles (``user_roles_set``, checked)."""
    return user_roles_set(user=user, roles=roles, actor=_manager(by, user, "change users' roles"))


def user_deactivate(*, user: User, by: User, reason: str) -> User:
    """Stop ``user`` signing in: their sessions and API tokens stop working at once (Django
    refuses an inactive user on every request). Nothing they did is removed. No one may
    deactivate themselves, and the force's last active administrator cannot be deactivated."""
    actor = _manager(by, user, "deactivate users")
    reason = reason.strip()
    if not reason:
        raise ValidationError({"reason": "Say why the account is being deactivated"})
    if user.pk == by.pk:
        raise ValidationError({"reason": "You cannot deactivate your own account: ask another administrator"})
    with transaction.atomic():
        locked = User.objects.select_for_update().get(pk=user.pk)
        if not locked.is_active:
            raise ValidationError({"reason": f"{locked.name}'s account is already deactivated"})
        if Role.ADMINISTRATOR in locked.role_set() and not _administrators_left(locked):
            raise ValidationError({"reason": f"{locked.name} is the force's only active administrator"})
        locked.is_active = False
        locked.save(update_fields=["is_active"])
        audit_record(actor=actor, action=AuditVerb.USER_DEACTIVATED, on=locked,
                     before={"active": True}, after={"active": False, "reason": reason})
    user.is_active = False
    return user


def user_reactivate(*, user: User, by: User) -> User:
    """Let a deactivated user sign in again, with the roles and units they had."""
    actor = _manager(by, user, "reactivate users")
    with transaction.atomic():
        locked = User.objects.select_for_update().get(pk=user.pk)
        if locked.is_active:
            raise ValidationError({"__all__": f"{locked.name}'s account is already active"})
        locked.is_active = True
        locked.save(update_fields=["is_active"])
        audit_record(actor=actor, action=AuditVerb.USER_REACTIVATED, on=locked,
                     before={"active": False}, after={"active": True})
    user.is_active = True
    return user


def user_password_set(*, user: User, password: str, by: User) -> User:
    """An administrator sets a new password for ``user`` (who has forgotten theirs) and tells
    them it out of band. The password must pass the validators. Setting it signs the user out
    everywhere (Django ties each session to the password hash) and clears any lockout. The
    audit event records that it changed, never the password."""
    actor = _manager(by, user, "reset users' passwords")
    try:
        validate_password(password, user)
    except ValidationError as exc:
        raise ValidationError({"password": exc.messages}) from exc
    with transaction.atomic():
        locked = User.objects.select_for_update().get(pk=user.pk)
        locked.set_password(password)
        locked.save(update_fields=["password"])
        lifted = login_lock_lift(username=locked.username)
        audit_record(actor=actor, action=AuditVerb.USER_PASSWORD_SET, on=locked,
                     after={"password": "changed", "signed_out_everywhere": True, "lockouts_lifted": lifted,
                            "own_password": locked.pk == by.pk})
    return locked


def user_signed_in_record(*, user: User, reauthentication: bool = False, second_factor: bool = False) -> None:
    """A completed sign-in (after the second factor, for a user who has one), or a password
    given again for a sensitive page."""
    with transaction.atomic():
        audit_record(actor=Actor.of(user),
                     action=AuditVerb.USER_REAUTHENTICATED if reauthentication else AuditVerb.USER_SIGNED_IN,
                     on=user, after=None if reauthentication else {"second_factor": second_factor})


def actor_for(user: User | None, force_id: int, action: Action, what: str) -> Actor:
    """``user`` as the audit actor, if they belong to force ``force_id`` and a role of theirs grants
    ``action``; otherwise ``PermissionDenied`` saying what they may not do. The services of the
    registers check with this before they change anything."""
    if user is None or user.force_id is None or user.force_id != force_id or not can(user.role_set(), action):
        raise PermissionDenied(f"Your role does not allow you to {what}")
    return Actor.of(user)
