"""Need-to-know, the write side: restricting a case, its access list, its witnesses, and the
record of every time someone opens a restricted case (docs/security.md).

Who may see a case is decided in ``candour.domain.access.case_visibility`` and applied to every
read by ``candour.cases.selectors.case_visible_to``. These services change the facts it reads
(the mark, the list, the witnesses) and audit each change in the same transaction.

The appropriate authority (assessor) and counter-corruption officers keep the lists
(``Action.CASE_ACCESS_MANAGE``) for any case of their force they are no part of, even one that
does not name them: so a restricted case always has someone who can open it, and putting
oneself on a list is itself audited and shows in the report of who looked.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from candour.accounts.models import User
from candour.audit.events import AuditVerb
from candour.audit.services import Actor, audit_record
from candour.cases import selectors
from candour.cases.models import Case, CaseAccess, CaseWitness
from candour.domain.access import MARKABLE, Action, Restriction, can, case_access_grant_refusal
from candour.people.models import Officer

#: How a reader reached a restricted case, as the audit event says it.
VIA_CASE_PAGE = "case page"
VIA_API = "api"
VIA_DOCUMENT = "document"


def _manager(user: User, case: Case, what: str) -> Actor:
    """``user`` as the actor, if they keep access lists in the case's force and are no part of it."""
    if user.force_id != case.force_id or not can(user.role_set(), Action.CASE_ACCESS_MANAGE):
        raise PermissionDenied(f"Only the appropriate authority or a counter-corruption officer may {what}")
    if selectors.case_access_facts(case=case, user=user).conflicts:
        raise PermissionDenied(f"You are part of this case, so you may not {what}")
    return Actor.of(user)


def _reason(reason: str, what: str) -> str:
    reason = reason.strip()
    if not reason:
        raise ValidationError({"reason": f"Say why {what}"})
    if len(reason) > 2000:
        raise ValidationError({"reason": "The reason must be 2,000 characters or fewer"})
    return reason


def _grant(*, case: Case, grantee: User, reason: str, actor: Actor, by: User | None) -> CaseAccess | None:
    """Put ``grantee`` on the list (inside the caller's transaction); None if already there."""
    if CaseAccess.objects.filter(case=case, user=grantee, revoked_at__isnull=True).exists():
        return None
    entry = CaseAccess.objects.create(case=case, user=grantee, reason=reason, granted_by=by,
                                      granted_at=timezone.now())
    audit_record(actor=actor, action=AuditVerb.CASE_ACCESS_GRANTED, on=case,
                 after={"user": grantee.username, "name": grantee.name, "reason": reason})
    return entry


def _keepers(case: Case, *also: User | None) -> list[User]:
    """Who should stay able to open a case that has just become restricted: whoever caused it
    and the appointed investigator, each if they may be listed at all."""
    people = [u for u in (*also, case.investigator) if u is not None]
    kept: list[User] = []
    for person in people:
        if person.pk in {k.pk for k in kept}:
            continue
        facts = selectors.case_access_facts(case=case, user=person)
        if not case_access_grant_refusal(grantee_roles=person.role_set(), grantee_conflicts=facts.conflicts,
                                         same_force=person.force_id == case.force_id):
            kept.append(person)
    return kept


def case_restrict(*, case: Case, user: User, restriction: Restriction | str, reason: str) -> Case:
    """Mark ``case`` a counter-corruption case or restricted: from then on only its access list
    sees it. The person marking it, and the appointed investigator, are put on the list."""
    actor = _manager(user, case, "restrict a case")
    try:
        value = Restriction(restriction)
    except ValueError:
        raise ValidationError({"restriction": "Choose why the case is restricted"}) from None
    if value not in MARKABLE:
        raise ValidationError({"restriction": "Choose why the case is restricted"})
    reason = _reason(reason, "the case is restricted")
    with transaction.atomic():
        locked = Case.objects.select_for_update().get(pk=case.pk)
        before = locked.restriction
        if before == value.value:
            raise ValidationError({"restriction": f"The case is already marked: {value.label.lower()}"})
        locked.restriction = value.value
        locked.save(update_fields=["restriction", "updated_at"])
        audit_record(actor=actor, action=AuditVerb.CASE_RESTRICTED, on=locked,
                     before={"restriction": before}, after={"restriction": value.value, "reason": reason})
        for person in _keepers(locked, user):
            _grant(case=locked, grantee=person, actor=actor, by=user,
                   reason="Restricted the case" if person.pk == user.pk else "Appointed investigator")
    return locked


def case_unrestrict(*, case: Case, user: User, reason: str) -> Case:
    """Lift the mark. A case about a user of the service stays restricted: that follows from its
    subjects, not from a mark. The access list is kept (it still counts while restricted)."""
    actor = _manager(user, case, "lift a case's restriction")
    reason = _reason(reason, "the restriction is lifted")
    with transaction.atomic():
        locked = Case.objects.select_for_update().get(pk=case.pk)
        if not locked.restriction:
            raise ValidationError({"reason": "The case is not marked restricted"})
        before = locked.restriction
        locked.restriction = ""
        locked.save(update_fields=["restriction", "updated_at"])
        audit_record(actor=actor, action=AuditVerb.CASE_UNRESTRICTED, on=locked,
                     before={"restriction": before}, after={"restriction": "", "reason": reason})
    return locked


def case_access_grant(*, case: Case, user: User, grantee: User, reason: str) -> CaseAccess:
    """Name ``grantee`` on the case's access list. Refused for anyone of another force, anyone
    whose roles do not view cases, and anyone who is part of the case."""
    actor = _manager(user, case, "give access to a case")
    reason = _reason(reason, "they need access")
    facts = selectors.case_access_facts(case=case, user=grantee)
    refusal = case_access_grant_refusal(grantee_roles=grantee.role_set(), grantee_conflicts=facts.conflicts,
                                        same_force=grantee.force_id == case.force_id and grantee.is_active)
    if refusal:
        raise ValidationError({"user": refusal})
    with transaction.atomic():
        entry = _grant(case=case, grantee=grantee, reason=reason, actor=actor, by=user)
    if entry is None:
        raise ValidationError({"user": f"{grantee.name} is already on the access list"})
    return entry


def case_access_revoke(*, entry: CaseAccess, user: User, reason: str) -> CaseAccess:
    """Take someone off the list; the entry is kept with who revoked it and when."""
    case = entry.case
    actor = _manager(user, case, "take away access to a case")
    reason = _reason(reason, "their access ends")
    with transaction.atomic():
        locked = CaseAccess.objects.select_for_update().select_related("user").get(pk=entry.pk)
        if locked.revoked_at is not None:
            raise ValidationError({"reason": f"{locked.user.name}'s access has already ended"})
        locked.revoked_at, locked.revoked_by = timezone.now(), user
        locked.save(update_fields=["revoked_at", "revoked_by", "updated_at"])
        audit_record(actor=actor, action=AuditVerb.CASE_ACCESS_REVOKED, on=case,
                     after={"user": locked.user.username, "name": locked.user.name, "reason": reason})
    return locked


def case_subject_restriction_follow(*, case: Case, by: User | None, actor: Actor) -> None:
    """After a subject is added: if the case is now about a user of the service, keep the person
    who added them and the investigator on its list (audited), so the case does not vanish from
    the people working it. Runs inside the caller's transaction."""
    if Restriction.ABOUT_A_USER not in selectors.case_restrictions_of(case):
        return
    for person in _keepers(case, by):
        _grant(case=case, grantee=person, actor=actor, by=by,
               reason="A subject uses the service: kept for the person who added them"
               if by is not None and person.pk == by.pk else "Appointed investigator")


def case_investigator_keep(*, case: Case, investigator: User, actor: Actor, by: User) -> None:
    """An investigator appointed to a restricted case is put on its list (audited)."""
    if selectors.case_restrictions_of(case) and _keepers(case, investigator):
        _grant(case=case, grantee=investigator, actor=actor, by=by, reason="Appointed investigator")


def case_witness_add(*, case: Case, user: User, officer: Officer, note: str = "") -> CaseWitness:
    """Record an officer as a witness in the case. If the officer uses the service they no longer
    see the case, and may never be put on its access list."""
    if user.force_id != case.force_id or not can(user.role_set(), Action.CASE_WITNESS_ADD):
        raise PermissionDenied("Only an assessor or investigator may record a witness")
    if officer.force_id != case.force_id:
        raise ValidationError({"officer": "Choose an officer of the case's force"})
    if len(note.strip()) > 200:
        raise ValidationError({"note": "The note must be 200 characters or fewer"})
    if CaseWitness.objects.filter(case=case, officer=officer).exists():
        raise ValidationError({"officer": f"{officer.full_name} is already a witness in this case"})
    with transaction.atomic():
        witness = CaseWitness.objects.create(case=case, officer=officer, added_by=user, note=note.strip())
        audit_record(actor=Actor.of(user), action=AuditVerb.CASE_WITNESS_ADDED, on=case,
                     after={"officer": str(officer.uuid), "name": officer.full_name})
        # A witness cannot stay on the access list.
        for entry in CaseAccess.objects.filter(case=case, user__officer=officer, revoked_at__isnull=True):
            entry.revoked_at, entry.revoked_by = timezone.now(), user
            entry.save(update_fields=["revoked_at", "revoked_by", "updated_at"])
            audit_record(actor=Actor.of(user), action=AuditVerb.CASE_ACCESS_REVOKED, on=case,
                         after={"user": entry.user.username, "name": entry.user.name,
                                "reason": "Recorded as a witness in the case"})
    return witness


def restricted_case_view_record(*, case: Case, user: User, via: str) -> bool:
    """Every opening of a restricted case is audited (``restricted_case_viewed``); True if the
    case was restricted."""
    restrictions = selectors.case_restrictions_of(case)
    if not restrictions:
        return False
    with transaction.atomic():
        audit_record(actor=Actor.of(user), action=AuditVerb.RESTRICTED_CASE_VIEWED, on=case,
                     after={"via": via, "restrictions": sorted(r.value for r in restrictions)})
    return True


def case_read(*, user: User, reference: str, via: str = VIA_CASE_PAGE) -> Case:
    """The case, as ``case_get_for_user`` finds it (404 when the user may not see it), with the
    opening audited when it is restricted. Every page and API operation of one case reads it here."""
    case = selectors.case_get_for_user(user=user, reference=reference)
    restricted_case_view_record(case=case, user=user, via=via)
    return case
