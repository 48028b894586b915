"""Read side for users and forces."""

from __future__ import annotations

from django.db.models import QuerySet
from django.http import Http404

from candour.accounts.models import Force, Unit, User
from candour.audit.models import AuditEvent
from candour.domain.access import Action, Role, can


def investigator_list_for_user(*, user: User) -> list[User]:
    """The active investigators of the user's force, by name: who may be appointed to a case."""
    if user.force_id is None:
        return []
    return [u for u in User.objects.filter(force_id=user.force_id, is_active=True).order_by("display_name")
            if Role.INVESTIGATOR in u.role_set()]


# -- administration: an administrator sees the users of their own force, never another's --------


def _managed(user: User) -> QuerySet[User]:
    if user.force_id is None or not can(user.role_set(), Action.USER_MANAGE):
        return User.objects.none()
    return User.objects.filter(force_id=user.force_id)


def user_list_for_user(*, user: User, status: str = "") -> QuerySet[User]:
    """The force's users by name; ``status`` ``active`` or ``deactivated`` narrows the list."""
    users = _managed(user).prefetch_related("units").order_by("-is_active", "display_name", "username")
    if status == "active":
        users = users.filter(is_active=True)
    elif status == "deactivated":
        users = users.filter(is_active=False)
    return users


def user_get_for_user(*, user: User, username: str) -> User:
    """One user of the administrator's force; anyone else's is a 404."""
    found = _managed(user).prefetch_related("units").filter(username=username).first()
    if found is None:
        raise Http404("No such user")
    return found


#: What each change to a user is called on their page.
USER_CHANGES = {
    "user_created": "Account created", "user_roles_changed": "Roles changed", "user_units_changed": "Units changed",
    "user_deactivated": "Deactivated", "user_reactivated": "Reactivated", "user_password_set": "New password set",
    "second_factor_enrolled": "Authenticator app set up", "second_factor_reset": "Second factor reset",
}


def user_history_for_user(*, user: User, shown: User, limit: int = 20) -> list[dict[str, object]]:
    """The changes made to ``shown``'s account, newest first (sign-ins are left out)."""
    if shown.force_id != user.force_id or not can(user.role_set(), Action.USER_MANAGE):
        return []
    events = (AuditEvent.objects.filter(object_type="user", object_id=str(shown.pk), action__in=USER_CHANGES)
              .order_by("-occurred_at", "-id")[:limit])
    return [{"what": USER_CHANGES[e.action], "when": e.occurred_at, "by": e.actor_name,
             "before": e.before or {}, "after": e.after or {}} for e in events]


def unit_list_for_user(*, user: User) -> list[Unit]:
    """The units of the user's force, by name."""
    if user.force_id is None:
        return []
    return list(Unit.objects.filter(force_id=user.force_id).order_by("name"))


def unit_find_for_user(*, user: User, uuids: list[str]) -> list[Unit]:
    if user.force_id is None:
        return []
    return list(Unit.objects.filter(force_id=user.force_id, uuid__in=uuids))


# -- the public portal: anyone may see which forces take reports -----------------------------


def force_list() -> list[Force]:
    return list(Force.objects.order_by("name"))


def force_get_by_code(*, code: str) -> Force | None:
    return Force.objects.filter(code=code).first()


def force_only() -> Force | None:
    """The force, when there is just one (then no one need be asked which)."""
    forces = list(Force.objects.all()[:2])
    return forces[0] if len(forces) == 1 else None


def force_count() -> int:
    return Force.objects.count()
