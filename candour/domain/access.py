"""Who may do what: the role × action matrix, as data.

Every view and API operation declares one ``Action``; ``can`` answers from this table only.
Scoping to the user's own force is applied on top of it by the selectors: a role grants an
action within the user's force and never outside it.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum


class Role(StrEnum):
    ASSESSOR = "assessor"
    INVESTIGATOR = "investigator"
    DECISION_MAKER = "decision_maker"
    CALL_HANDLER = "call_handler"
    VETTING_OFFICER = "vetting_officer"
    ANALYST = "analyst"
    OVERSIGHT = "oversight"
    REVIEW_PANEL = "review_panel"
    ADMINISTRATOR = "administrator"
    COUNTER_CORRUPTION = "counter_corruption"
    DATA_PROTECTION_OFFICER = "data_protection_officer"

    @property
    def label(self) -> str:
        return ROLE_LABELS[self]


ROLE_LABELS = {
    Role.ASSESSOR: "Assessor",
    Role.INVESTIGATOR: "Investigator",
    Role.DECISION_MAKER: "Decision maker",
    Role.CALL_HANDLER: "Call handler",
    Role.VETTING_OFFICER: "Vetting officer",
    Role.ANALYST: "Analyst",
    Role.OVERSIGHT: "Oversight (read only)",
    Role.REVIEW_PANEL: "Review panel member",
    Role.ADMINISTRATOR: "Administrator",
    Role.COUNTER_CORRUPTION: "Counter-corruption officer",
    Role.DATA_PROTECTION_OFFICER: "Data protection officer",
}


class Action(StrEnum):
    HOME_VIEW = "home_view"
    CASE_SEARCH = "case_search"
    CASE_VIEW = "case_view"
    OFFICER_VIEW = "officer_view"
    PROTECTED_CHARACTERISTICS_VIEW = "protected_characteristics_view"
    AUDIT_VIEW = "audit_view"
    REFERENCE_DATA_MANAGE = "reference_data_manage"
    USER_MANAGE = "user_manage"
    ACCOUNT_VIEW = "account_view"
    CASE_CREATE = "case_create"
    CASE_TRANSITION = "case_transition"
    REPORT_INTERNAL = "report_internal"
    HOTLINE_ENTRY = "hotline_entry"
    REPORT_TRIAGE = "report_triage"
    EVIDENCE_VIEW = "evidence_view"
    PROCEEDINGS_MANAGE = "proceedings_manage"
    REVIEW_DECIDE = "review_decide"
    INTEGRITY_VIEW = "integrity_view"
    SUSPENSION_VIEW = "suspension_view"
    SUSPENSION_MANAGE = "suspension_manage"
    CONVICTION_VIEW = "conviction_view"
    CONVICTION_MANAGE = "conviction_manage"
    LIST_VIEW = "list_view"
    LIST_EXPORT = "list_export"
    VETTING_VIEW = "vetting_view"
    VETTING_MANAGE = "vetting_manage"
    SCREENING_REVIEW = "screening_review"
    IDENTITY_UNSEAL = "identity_unseal"
    JOBS_MANAGE = "jobs_manage"
    CASE_ACCESS_MANAGE = "case_access_manage"
    CASE_WITNESS_ADD = "case_witness_add"
    PROCESSING_RECORD_VIEW = "processing_record_view"
    PRIVACY_MANAGE = "privacy_manage"


#: Actions that also need a recent password entry (step-up authentication).
SENSITIVE_ACTIONS = frozenset({Action.PROTECTED_CHARACTERISTICS_VIEW, Action.REFERENCE_DATA_MANAGE,
                               Action.USER_MANAGE, Action.PRIVACY_MANAGE})

_R = Role
_ALL = frozenset(Role)
_CASEWORK = frozenset({_R.ASSESSOR, _R.INVESTIGATOR, _R.DECISION_MAKER, _R.VETTING_OFFICER,
                       _R.OVERSIGHT, _R.REVIEW_PANEL})
# Counter-corruption reads cases too, but only those arising from integrity reports (see
# CASE_TYPES_BY_ROLE): the matters of corruption and abuse of position it works with.
_CASE_READERS = _CASEWORK | {_R.COUNTER_CORRUPTION}

PERMISSIONS: dict[Action, frozenset[Role]] = {
    Action.HOME_VIEW: _ALL,
    Action.ACCOUNT_VIEW: _ALL,
    Action.CASE_SEARCH: _CASE_READERS,
    # Counter-corruption officers open the integrity reports' cases (CASE_TYPES_BY_ROLE) and the
    # restricted cases whose access list names them: the selectors scope the rest away.
    Action.CASE_VIEW: _CASE_READERS,
    Action.OFFICER_VIEW: _CASEWORK - {_R.REVIEW_PANEL},
    Action.PROTECTED_CHARACTERISTICS_VIEW: frozenset({_R.VETTING_OFFICER, _R.ANALYST}),
    Action.AUDIT_VIEW: frozenset({_R.ADMINISTRATOR, _R.OVERSIGHT}),
    Action.REFERENCE_DATA_MANAGE: frozenset({_R.ADMINISTRATOR}),
    # The force's users, their roles and units, deactivation and passwords (docs/administration.md).
    Action.USER_MANAGE: frozenset({_R.ADMINISTRATOR}),
    Action.CASE_CREATE: frozenset({_R.ASSESSOR, _R.CALL_HANDLER}),
    Action.CASE_TRANSITION: frozenset({_R.ASSESSOR, _R.INVESTIGATOR, _R.DECISION_MAKER}),
    # Every officer and member of staff may report a colleague or themselves (the duty to
    # report): listed in EVERY_SIGNED_IN_USER below, so a user with no role may too.
    Action.REPORT_INTERNAL: _ALL,
    Action.HOTLINE_ENTRY: frozenset({_R.CALL_HANDLER}),
    Action.REPORT_TRIAGE: frozenset({_R.ASSESSOR}),
    Action.EVIDENCE_VIEW: frozenset({_R.ASSESSOR, _R.INVESTIGATOR, _R.DECISION_MAKER}),
    # The panel, appeals and complainant reviews (the services narrow it further by role).
    Action.PROCEEDINGS_MANAGE: frozenset({_R.ASSESSOR, _R.DECISION_MAKER}),
    # A complainant's review: decided by the review panel member (the local policing body's
    # reviewer); the appropriate authority records the IOPC's decision when the IOPC is the
    # review body (cases.services_proceedings.review_decide narrows it so).
    Action.REVIEW_DECIDE: frozenset({_R.REVIEW_PANEL, _R.ASSESSOR, _R.DECISION_MAKER}),
    # Workforce integrity registers (docs/workforce.md). The appropriate authority (assessor)
    # manages suspensions; the vetting unit records convictions and reports to the College;
    # analysts see the force's totals and reports; oversight reads everything, changes nothing.
    Action.INTEGRITY_VIEW: frozenset({_R.ASSESSOR, _R.VETTING_OFFICER, _R.ANALYST, _R.OVERSIGHT}),
    Action.SUSPENSION_VIEW: frozenset({_R.ASSESSOR, _R.OVERSIGHT}),
    Action.SUSPENSION_MANAGE: frozenset({_R.ASSESSOR}),
    Action.CONVICTION_VIEW: frozenset({_R.ASSESSOR, _R.VETTING_OFFICER, _R.OVERSIGHT}),
    Action.CONVICTION_MANAGE: frozenset({_R.ASSESSOR, _R.VETTING_OFFICER}),
    Action.LIST_VIEW: frozenset({_R.ASSESSOR, _R.VETTING_OFFICER, _R.OVERSIGHT}),
    Action.LIST_EXPORT: frozenset({_R.ASSESSOR, _R.VETTING_OFFICER}),
    # Vetting register (regulations.md §7): the vetting unit works it; counter-corruption reads it.
    Action.VETTING_VIEW: frozenset({_R.VETTING_OFFICER, _R.COUNTER_CORRUPTION}),
    Action.VETTING_MANAGE: frozenset({_R.VETTING_OFFICER}),
    # The screening match-review queue: vetting and counter-corruption officers only.
    Action.SCREENING_REVIEW: frozenset({_R.VETTING_OFFICER, _R.COUNTER_CORRUPTION}),
    # Opening a sealed reporter's identity (docs/security.md): asked for by one of these and
    # approved by another, never by the same person, and only from the command line.
    Action.IDENTITY_UNSEAL: frozenset({_R.COUNTER_CORRUPTION, _R.ADMINISTRATOR}),
    # The job worker's schedule, queue and failed tasks, and the retry button (docs/operations.md).
    Action.JOBS_MANAGE: frozenset({_R.ADMINISTRATOR}),
    # Need-to-know (below): the appropriate authority and counter-corruption restrict cases, keep
    # their access lists and read who looked.
    Action.CASE_ACCESS_MANAGE: frozenset({_R.ASSESSOR, _R.COUNTER_CORRUPTION}),
    # A witness officer recorded on a case (who then never sees it).
    Action.CASE_WITNESS_ADD: frozenset({_R.ASSESSOR, _R.INVESTIGATOR}),
    # Data protection (docs/data-protection.md). The record of processing holds no personal data:
    # the administrator and oversight read it too. Subject access and erasure reach every record
    # about a person, across every area, so they are the data protection officer's alone (a role
    # of its own, DPA 2018 s.69-71: an administrator manages accounts and sees no case).
    Action.PROCESSING_RECORD_VIEW: frozenset({_R.DATA_PROTECTION_OFFICER, _R.ADMINISTRATOR, _R.OVERSIGHT}),
    Action.PRIVACY_MANAGE: frozenset({_R.DATA_PROTECTION_OFFICER}),
}


#: Actions every signed-in member of a force may take, with or without a role.
EVERY_SIGNED_IN_USER = frozenset({Action.HOME_VIEW, Action.ACCOUNT_VIEW, Action.REPORT_INTERNAL})


def can(roles: Iterable[Role | str], action: Action) -> bool:
    """True when any of ``roles`` is granted ``action`` by the matrix."""
    if action in EVERY_SIGNED_IN_USER:
        return True
    granted = PERMISSIONS[action]
    return any(Role(role) in granted for role in roles)


#: Roles that see only some types of case (``Case.case_type`` values). A role not listed here
#: that may view cases sees every type; a user with any such role sees every type too.
CASE_TYPES_BY_ROLE: dict[Role, frozenset[str]] = {
    Role.COUNTER_CORRUPTION: frozenset({"integrity_report"}),
}


def case_types_visible(roles: Iterable[Role | str]) -> frozenset[str] | None:
    """The case types ``roles`` may view: ``None`` for every type, else the union of the types
    each narrowed role may see (empty when no role may view cases)."""
    held = {Role(role) for role in roles} & PERMISSIONS[Action.CASE_VIEW]
    if any(role not in CASE_TYPES_BY_ROLE for role in held):
        return None
    return frozenset().union(*(CASE_TYPES_BY_ROLE[role] for role in held))


def roles_for(action: Action) -> frozenset[Role]:
    return PERMISSIONS[action]


def second_factor_required(roles: Iterable[Role | str], required_roles: Iterable[Role | str]) -> bool:
    """Whether a user holding ``roles`` must sign in with a second factor: any of them is among
    ``required_roles`` (settings ``CANDOUR_SECOND_FACTOR_ROLES``)."""
    return bool({Role(r) for r in roles} & {Role(r) for r in required_roles})



# -- need-to-know: restricted cases and conflicts (docs/security.md) -------------------------


class Restriction(StrEnum):
    """Why a case is restricted to the people its access list names."""

    COUNTER_CORRUPTION = "counter_corruption"  # marked a counter-corruption case
    MARKED = "marked"  # marked restricted by the appropriate authority (or counter-corruption)
    ABOUT_A_USER = "about_a_user"  # a subject is an officer who uses the service

    @property
    def label(self) -> str:
        return RESTRICTION_LABELS[self]


RESTRICTION_LABELS = {
    Restriction.COUNTER_CORRUPTION: "Counter-corruption case",
    Restriction.MARKED: "Marked restricted by the appropriate authority",
    Restriction.ABOUT_A_USER: "A subject uses this service",
}

#: Restrictions a person may set or lift by marking; ``ABOUT_A_USER`` follows from the subjects.
MARKABLE = (Restriction.COUNTER_CORRUPTION, Restriction.MARKED)

#: Roles that see their force's unrestricted cases (with ``CASE_VIEW``). Every other role with
#: ``CASE_VIEW`` (counter-corruption) sees only the restricted cases that list them.
UNRESTRICTED_CASE_ROLES = _CASEWORK


class Conflict(StrEnum):
    """How a user is part of a case, so that they never see it, whatever their roles or lists."""

    SUBJECT = "subject"  # their own officer record is a subject
    WITNESS = "witness"  # their officer record is a witness on the case
    REPORTER = "reporter"  # they reported it, named (an internal report linked to the case)


CONFLICT_LABELS = {
    Conflict.SUBJECT: "you are a subject of it",
    Conflict.WITNESS: "you are a witness in it",
    Conflict.REPORTER: "you reported it",
}


@dataclass(frozen=True)
class CaseAccessFacts:
    """What decides whether one user may see one case of their own force."""

    restrictions: frozenset[Restriction]
    on_access_list: bool
    conflicts: frozenset[Conflict]
    case_type: str = ""


@dataclass(frozen=True)
class CaseVisibility:
    visible: bool
    reason: str


def case_restrictions(*, marked: Iterable[Restriction | str], subject_uses_service: bool) -> frozenset[Restriction]:
    """The case's restrictions: those marked, and ``ABOUT_A_USER`` when a subject is a user."""
    found = {Restriction(r) for r in marked if r}
    if subject_uses_service:
        found.add(Restriction.ABOUT_A_USER)
    return frozenset(found)


def case_visibility(roles: Iterable[Role | str], facts: CaseAccessFacts) -> CaseVisibility:
    """Whether a user holding ``roles`` may see a case of their own force, and why.

    A user who is a subject of the case, a witness in it or who reported it never sees it. A
    restricted case is seen only by the people on its access list. An unrestricted case is seen
    by the casework roles (``UNRESTRICTED_CASE_ROLES``) that may view cases at all."""
    roles = frozenset(Role(r) for r in roles)
    if not can(roles, Action.CASE_VIEW):
        return CaseVisibility(False, "your role does not allow you to view cases")
    if facts.conflicts:
        return CaseVisibility(False, " and ".join(CONFLICT_LABELS[c] for c in sorted(facts.conflicts)))
    if facts.restrictions:
        if facts.on_access_list:
            return CaseVisibility(True, "you are on its access list")
        return CaseVisibility(False, "it is restricted and its access list does not name you")
    if roles & UNRESTRICTED_CASE_ROLES:
        return CaseVisibility(True, "your role views the force's cases")
    if facts.on_access_list:
        return CaseVisibility(True, "you are on its access list")
    types = case_types_visible(roles)
    if types and facts.case_type in types:
        return CaseVisibility(True, "your role works with the force's cases of this type")
    return CaseVisibility(False, "your role sees only its own types of case and the restricted cases that name you")


def case_access_grant_refusal(*, grantee_roles: Iterable[Role | str], grantee_conflicts: Iterable[Conflict],
                              same_force: bool) -> str:
    """Why a user may not be put on a case's access list, or "" when they may: they must be of
    the case's force, hold a role that views cases, and be no part of the case."""
    if not same_force:
        return "Only users of the case's own force can be given access"
    conflicts = frozenset(grantee_conflicts)
    if conflicts:
        return "They cannot be given access: " + " and ".join(
            CONFLICT_LABELS[c].replace("you are", "they are").replace("you reported", "they reported")
            for c in sorted(conflicts))
    if not can(grantee_roles, Action.CASE_VIEW):
        return "They cannot be given access: their roles do not allow them to view cases"
    return ""
