"""Who may do what: the role × action matrix, as data.

Every view and API operation declares one ``Action``; ``can`` answers from this table only.
Scoping to the user's own force is applied on top of it by the selectors: a role grants an
action within the user's force and never outside it.
"""

from __future__ import annotations

from collections.abc import Iterable
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
    PROCESSING_RECORD_VIEW = "processing_record_view"
    PRIVACY_MANAGE = "privacy_manage"


#: Actions that also need a recent password entry (step-up authentication).
SENSITIVE_ACTIONS = frozenset({Action.PROTECTED_CHARACTERISTICS_VIEW, Action.REFERENCE_DATA_MANAGE,
                               Action.USER_MANAGE, Action.PRIVACY_MANAGE})

_R = Role
_ALL = frozenset(Role)
_CASEWORK = frozenset({_R.ASSESSOR, _R.INVESTIGATOR, _R.DECISION_MAKER, _R.VETTING_OFFICER,
                       _R.OVERSIGHT, _R.REVIEW_PANEL})

PERMISSIONS: dict[Action, frozenset[Role]] = {
    Action.HOME_VIEW: _ALL,
    Action.ACCOUNT_VIEW: _ALL,
    Action.CASE_SEARCH: _CASEWORK,
    Action.CASE_VIEW: _CASEWORK,
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


def roles_for(action: Action) -> frozenset[Role]:
    return PERMISSIONS[action]
