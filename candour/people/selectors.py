"""Read side for officers and staff, scoped to the user's force and role."""

from __future__ import annotations

from django.db.models import Q, QuerySet
from django.http import Http404

from candour.accounts.models import User
from candour.domain.access import Action, can
from candour.people.models import Officer, ProtectedCharacteristics, StaffMember


def officer_list_for_user(*, user: User) -> QuerySet[Officer]:
    if user.force_id is None or not can(user.role_set(), Action.OFFICER_VIEW):
        return Officer.objects.none()
    return Officer.objects.filter(force_id=user.force_id)


def officer_get_for_user(*, user: User, officer_uuid: str) -> Officer:
    officer = officer_list_for_user(user=user).select_related("unit", "force").filter(
        uuid=officer_uuid).first()
    if officer is None:
        raise Http404("No officer found")
    return officer


def officer_get_for_protected_view(*, user: User, officer_uuid: str) -> Officer:
    """The officer whose protected characteristics the user may see (force and role checked)."""
    if user.force_id is None or not can(user.role_set(), Action.PROTECTED_CHARACTERISTICS_VIEW):
        raise Http404("No officer found")
    officer = Officer.objects.filter(force_id=user.force_id, uuid=officer_uuid).first()
    if officer is None:
        raise Http404("No officer found")
    return officer


def officer_search(*, user: User, query: str, limit: int = 20) -> list[Officer]:
    query = query.strip()
    if not query:
        return []
    q = Q(warrant_number__iexact=query) | Q(collar_number__iexact=query)
    name_q = Q()
    for term in query.split():
        name_q &= Q(surname__icontains=term) | Q(forenames__icontains=term)
    return list(officer_list_for_user(user=user).filter(q | name_q)
                .select_related("unit")[:limit])


def protected_characteristics_for_user(
    *, user: User, person: Officer | StaffMember
) -> ProtectedCharacteristics | None:
    if person.force_id != user.force_id or not can(user.role_set(),
                                                  Action.PROTECTED_CHARACTERISTICS_VIEW):
        raise Http404("Not found")
    return ProtectedCharacteristics.objects.filter(
        **({"officer": person} if isinstance(person, Officer) else {"staff_member": person})
    ).first()


# -- a number typed into a form (the page's own action decides who may look) ---------------


def officers_by_number_for_user(*, user: User, number: str) -> list[Officer]:
    """The officers of the user's force with this warrant or collar number (a collar number can
    be shared, over the years)."""
    number = number.strip()
    if user.force_id is None or not number:
        return []
    return list(Officer.objects.filter(Q(warrant_number__iexact=number) | Q(collar_number__iexact=number),
                                       force_id=user.force_id)[:5])


def officer_find_for_user(*, user: User, warrant_number: str) -> Officer | None:
    """The officer of the user's force with this warrant number (any case), or None."""
    if user.force_id is None:
        return None
    return Officer.objects.filter(force_id=user.force_id, warrant_number__iexact=warrant_number).first()


def person_find_for_user(*, user: User, number: str) -> Officer | StaffMember | None:
    """The officer of the user's force with this warrant number, else the member of staff with
    this staff number, or None."""
    if user.force_id is None:
        return None
    return (Officer.objects.filter(force_id=user.force_id, warrant_number=number).first()
            or StaffMember.objects.filter(force_id=user.force_id, staff_number=number).first())
