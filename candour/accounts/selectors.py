"""Read side for users and forces."""

from __future__ import annotations

from candour.accounts.models import Force, User
from candour.domain.access import Role


def investigator_list_for_user(*, user: User) -> list[User]:
    """The active investigators of the user's force, by name: who may be appointed to a case."""
    if user.force_id is None:
        return []
    return [u for u in User.objects.filter(force_id=user.force_id, is_active=True).order_by("display_name")
            if Role.INVESTIGATOR in u.role_set()]


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
