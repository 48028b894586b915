"""Case services: references, validation without partial writes, the one state door."""

from __future__ import annotations

from datetime import date

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from candour.audit.services import Actor
from candour.cases import services
from candour.cases.models import Allegation, Case
from candour.cases.transitions import case_transition
from candour.common.errors import StaleEdit
from candour.testing.cast import Cast

ACTOR = Actor.system("case test")


@pytest.mark.django_db
def test_references_are_per_force_and_year(cast: Cast) -> None:
    first = services.case_open(force=cast.force, case_type="complaint",
                               received_on=date(2025, 3, 1), summary="a", actor=ACTOR)
    second = services.case_open(force=cast.force, case_type="complaint",
                                received_on=date(2026, 1, 5), summary="b", actor=ACTOR)
    third = services.case_open(force=cast.force, case_type="complaint",
                               received_on=date(2025, 3, 2), summary="c", actor=ACTOR)
    assert first.reference == "ALPHA-2025-000002"  # the cast holds 000001
    assert second.reference == "ALPHA-2026-000001"
    assert third.reference == "ALPHA-2025-000003"


@pytest.mark.django_db
@pytest.mark.parametrize("kwargs,field", [
    ({"case_type": "gossip"}, "case_type"),
    ({"received_on": date(2999, 1, 1)}, "received_on"),
    ({"summary": "   "}, "summary"),
    ({"incident_on": date(2999, 1, 1)}, "incident_on"),
])
def test_bad_input_is_refused_and_nothing_saved(cast: Cast, kwargs: dict, field: str) -> None:
    count = Case.objects.count()
    base = {"force": cast.force, "case_type": "complaint", "received_on": date(2025, 1, 1),
            "summary": "ok", "actor": ACTOR, "today": date(2026, 1, 1)}
    with pytest.raises(ValidationError) as info:
        services.case_open(**{**base, **kwargs})
    assert field in info.value.message_dict
    assert Case.objects.count() == count


@pytest.mark.django_db
def test_allegation_vocabulary_is_checked(cast: Cast) -> None:
    with pytest.raises(ValidationError) as info:
        services.allegation_add(case=cast.case, category="delivery_of_duties",
                                subcategory="use_of_force", summary="x", actor=ACTOR,
                                discrimination=["height"], standards=["punctuality"])
    assert set(info.value.message_dict) == {"subcategory", "discrimination", "standards"}
    assert Allegation.objects.filter(case=cast.case).count() == 1


@pytest.mark.django_db
def test_subject_must_serve_in_the_case_force(cast: Cast) -> None:
    with pytest.raises(ValidationError, match="same force|case's force"):
        services.subject_add(allegation=cast.case.allegations.get(),
                             officer=cast.other_officer, actor=ACTOR)


@pytest.mark.django_db
def test_transition_allowed(cast: Cast) -> None:
    case = case_transition(case=cast.case, transition="record",
                                    user=cast.appropriate_authority, expected_version=1)
    assert case.state == "recorded" and case.version == 2
    assert case.timeline.filter(kind="state").exists()


@pytest.mark.django_db
def test_transition_from_wrong_state_says_why(cast: Cast) -> None:
    with pytest.raises(ValidationError, match="only possible from") as info:
        case_transition(case=cast.case, transition="pause",
                                 user=cast.appropriate_authority, expected_version=1)
    assert "logged, awaiting assessment" in str(info.value)
    cast.case.refresh_from_db()
    assert cast.case.state == "logged" and cast.case.version == 1


@pytest.mark.django_db
@pytest.mark.parametrize("who", ["analyst", "oversight", "call_handler", "other_force_user"])
def test_transition_refused_for_role_or_force(cast: Cast, who: str) -> None:
    with pytest.raises(PermissionDenied):
        case_transition(case=cast.case, transition="record", user=cast.user(who),
                                 expected_version=1)
    cast.case.refresh_from_db()
    assert cast.case.state == "logged"


@pytest.mark.django_db
def test_stale_edit_is_refused_and_nothing_overwritten(cast: Cast) -> None:
    case_transition(case=cast.case, transition="record",
                             user=cast.appropriate_authority, expected_version=1)
    with pytest.raises(StaleEdit, match="changed by someone else"):
        case_transition(case=cast.case, transition="investigate",
                                 user=cast.appropriate_authority, expected_version=1)
    cast.case.refresh_from_db()
    assert cast.case.state == "recorded" and cast.case.version == 2


@pytest.mark.django_db
def test_close_and_reopen_keep_the_closed_date_consistent(cast: Cast) -> None:
    user = cast.appropriate_authority
    case = case_transition(case=cast.case, transition="handle_outside_schedule_3",
                                    user=user, expected_version=1)
    case = case_transition(case=case, transition="close", user=user,
                                    expected_version=2, today=date(2025, 7, 1))
    assert case.closed_on == date(2025, 7, 1)
    case = case_transition(case=case, transition="reopen", user=user,
                                    expected_version=3, reason="New evidence",
                                    inputs={"authorised_by": "Head of Professional Standards"})
    assert case.closed_on is None and case.state == "recorded"


@pytest.mark.django_db
def test_unknown_transition(cast: Cast) -> None:
    with pytest.raises(ValidationError, match="Unknown transition"):
        case_transition(case=cast.case, transition="teleport",
                                 user=cast.appropriate_authority, expected_version=1)
