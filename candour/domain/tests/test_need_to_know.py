"""Need-to-know, as a table: who may see a case of their own force (issue 15)."""

from __future__ import annotations

import pytest

from candour.domain.access import (
    CaseAccessFacts,
    Conflict,
    Restriction,
    Role,
    case_access_grant_refusal,
    case_restrictions,
    case_visibility,
    second_factor_required,
)

R, C = Restriction, Conflict
NONE: frozenset[Restriction] = frozenset()


def facts(restrictions: frozenset[Restriction] = NONE, listed: bool = False,
          conflicts: frozenset[Conflict] = frozenset()) -> CaseAccessFacts:
    return CaseAccessFacts(restrictions=restrictions, on_access_list=listed, conflicts=conflicts)


# (roles, facts, visible?)
TABLE = [
    # Unrestricted: the casework roles see it, counter-corruption only if listed, others never.
    ({Role.ASSESSOR}, facts(), True),
    ({Role.INVESTIGATOR}, facts(), True),
    ({Role.OVERSIGHT}, facts(), True),
    ({Role.COUNTER_CORRUPTION}, facts(), False),
    ({Role.COUNTER_CORRUPTION}, facts(listed=True), True),
    ({Role.ANALYST}, facts(), False),
    ({Role.ANALYST}, facts(listed=True), False),
    (set(), facts(listed=True), False),
    # Restricted, for any reason: only the list.
    *[(roles, facts(frozenset({why})), False) for why in R
      for roles in ({Role.ASSESSOR}, {Role.INVESTIGATOR}, {Role.OVERSIGHT}, {Role.COUNTER_CORRUPTION})],
    *[(roles, facts(frozenset({why}), listed=True), True) for why in R
      for roles in ({Role.ASSESSOR}, {Role.INVESTIGATOR}, {Role.OVERSIGHT}, {Role.COUNTER_CORRUPTION})],
    # Part of the case: never, whatever the list or the roles.
    *[(set(Role), facts(restrictions, listed=listed, conflicts=frozenset({part})), False)
      for part in C for restrictions in (NONE, frozenset({R.MARKED})) for listed in (False, True)],
]


@pytest.mark.parametrize(("roles", "given", "visible"), TABLE)
def test_case_visibility(roles: set[Role], given: CaseAccessFacts, visible: bool) -> None:
    decision = case_visibility(roles, given)
    assert decision.visible is visible, decision.reason
    assert decision.reason


def test_a_conflict_says_why() -> None:
    decision = case_visibility({Role.ASSESSOR}, facts(conflicts=frozenset({C.WITNESS, C.SUBJECT})))
    assert decision.reason == "you are a subject of it and you are a witness in it"


def test_restrictions_follow_the_mark_and_the_subjects() -> None:
    assert case_restrictions(marked=[""], subject_uses_service=False) == NONE
    assert case_restrictions(marked=["marked"], subject_uses_service=False) == {R.MARKED}
    assert case_restrictions(marked=["counter_corruption"], subject_uses_service=True) == \
        {R.COUNTER_CORRUPTION, R.ABOUT_A_USER}
    with pytest.raises(ValueError):
        case_restrictions(marked=["secret"], subject_uses_service=False)


@pytest.mark.parametrize(("roles", "conflicts", "same_force", "refused"), [
    ({Role.INVESTIGATOR}, set(), True, ""),
    ({Role.COUNTER_CORRUPTION}, set(), True, ""),
    ({Role.INVESTIGATOR}, set(), False, "Only users of the case's own force"),
    ({Role.ANALYST}, set(), True, "their roles do not allow them to view cases"),
    ({Role.INVESTIGATOR}, {C.SUBJECT}, True, "they are a subject of it"),
    ({Role.INVESTIGATOR}, {C.WITNESS}, True, "they are a witness in it"),
    ({Role.INVESTIGATOR}, {C.REPORTER}, True, "they reported it"),
])
def test_who_may_be_put_on_an_access_list(roles: set[Role], conflicts: set[Conflict], same_force: bool,
                                          refused: str) -> None:
    answer = case_access_grant_refusal(grantee_roles=roles, grantee_conflicts=conflicts, same_force=same_force)
    assert (refused in answer) if refused else answer == ""


@pytest.mark.parametrize(("roles", "required", "expected"), [
    ({Role.ADMINISTRATOR}, {Role.ADMINISTRATOR, Role.OVERSIGHT}, True),
    ({Role.ASSESSOR, Role.OVERSIGHT}, {Role.ADMINISTRATOR, Role.OVERSIGHT}, True),
    ({Role.ASSESSOR}, {Role.ADMINISTRATOR, Role.OVERSIGHT}, False),
    (set(), {Role.ADMINISTRATOR}, False),
    ({Role.ADMINISTRATOR}, set(), False),
])
def test_second_factor_required(roles: set[Role], required: set[Role], expected: bool) -> None:
    assert second_factor_required(roles, required) is expected
