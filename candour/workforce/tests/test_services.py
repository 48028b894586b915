"""The integrity registers' services: each allowed change is written with its audit event; each
refusal names its reason and changes nothing (no row, no event)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta
from typing import Any

import pytest
import time_machine
from django.core.exceptions import PermissionDenied, ValidationError

from candour.audit.models import AuditEvent
from candour.domain import integrity
from candour.people.models import Officer, Rank
from candour.testing.cast import Cast
from candour.workforce import lists, services
from candour.workforce.models import Conviction, ListEntry, SuspensionEpisode, SuspensionReview

pytestmark = pytest.mark.django_db
TODAY = date(2025, 11, 20)


@pytest.fixture(autouse=True)
def _frozen() -> Any:
    with time_machine.travel(TODAY, tick=False):
        yield


def _snapshot() -> tuple[int, ...]:
    return (AuditEvent.objects.count(), SuspensionEpisode.objects.count(), SuspensionReview.objects.count(),
            Conviction.objects.count(), ListEntry.objects.filter(reported_on__isnull=False).count(),
            *SuspensionEpisode.objects.order_by("pk").values_list("version", flat=True))


def _refused(call: Callable[[], Any], field: str, text: str) -> None:
    before = _snapshot()
    with pytest.raises(ValidationError) as caught:
        call()
    messages = caught.value.message_dict
    assert field in messages and any(text in m for m in messages[field]), messages
    assert _snapshot() == before, "a refused change wrote something"


def _start(cast: Cast, **kwargs: Any) -> SuspensionEpisode:
    values: dict[str, Any] = {
        "officer": cast.officer, "user": cast.appropriate_authority, "kind": "suspension",
        "started_on": date(2025, 4, 4), "reasons": "Public allegation of sexual assault",
        "redeployment_considered": True, "redeployment_not_appropriate_because": "Public-facing in every post",
        "ground": "public_interest", "notified": "oral"}
    values.update(kwargs)
    return services.suspension_start(**values)


def test_suspension_start_records_the_reg_11_conditions_and_clocks(cast: Cast) -> None:
    episode = _start(cast)
    assert episode.confirmation_due_on == date(2025, 4, 9)  # §14 sc. 27
    assert episode.next_review_on == date(2025, 5, 2)
    assert episode.ground == "public_interest" and episode.redeployment_considered
    cast.officer.refresh_from_db()
    assert cast.officer.status == "suspended"
    event = AuditEvent.objects.filter(action="suspension_started").latest("id")
    assert event.after is not None
    assert event.object_id == str(episode.uuid) and event.after["notified"] == "oral"


def test_restricted_duties_need_no_reg_11_test_and_leave_the_officer_serving(cast: Cast) -> None:
    episode = _start(cast, kind="restricted_duties", redeployment_considered=False, ground="", notified="oral")
    assert episode.next_review_on is None and episode.confirmation_due_on is None
    assert episode.notified == "written"
    cast.officer.refresh_from_db()
    assert cast.officer.status == "serving"


@pytest.mark.parametrize(("kwargs", "field", "text"), [
    ({"redeployment_considered": False}, "redeployment_considered", "redeployment"),
    ({"redeployment_not_appropriate_because": "  "}, "redeployment_not_appropriate_because", "Enter why"),
    ({"ground": ""}, "ground", "reg 11(2)(b)"),
    ({"reasons": ""}, "reasons", "Enter the reasons"),
    ({"kind": "holiday"}, "kind", "Choose suspension or restricted duties"),
    ({"started_on": TODAY + timedelta(days=1)}, "started_on", "today or in the past"),
    ({"started_on": date(2015, 3, 31)}, "started_on", "on or after the officer joined"),
])
def test_suspension_start_refuses_bad_input(cast: Cast, kwargs: dict[str, Any], field: str, text: str) -> None:
    _refused(lambda: _start(cast, **kwargs), field, text)


def test_suspension_start_refuses_an_officer_already_suspended(cast: Cast) -> None:
    _refused(lambda: _start(cast, officer=cast.suspended_officer), "__all__", "already on suspension")


def test_suspension_start_refuses_an_officer_who_has_left(cast: Cast) -> None:
    _refused(lambda: _start(cast, officer=cast.list_entry.officer, started_on=date(2025, 7, 1)), "__all__",
             "has left the force")


def test_only_the_appropriate_authority_manages_suspensions(cast: Cast) -> None:
    for who in ("investigator", "vetting_officer", "oversight", "analyst"):
        with pytest.raises(PermissionDenied):
            _start(cast, user=cast.user(who))
    with pytest.raises(PermissionDenied):
        _start(cast, user=cast.other_force_user)
    assert not SuspensionEpisode.objects.filter(officer=cast.officer).exists()


def test_review_recomputes_the_next_review_from_it(cast: Cast) -> None:
    episode = _start(cast)
    services.suspension_review_record(episode=episode, user=cast.appropriate_authority, reviewed_on=date(2025, 5, 1),
                                      reasons="Investigation still at risk", expected_version=1)
    episode.refresh_from_db()
    assert episode.next_review_on == date(2025, 5, 29) and episode.version == 2
    assert AuditEvent.objects.filter(action="suspension_reviewed", object_id=str(episode.uuid)).count() == 1


def test_review_refusals(cast: Cast) -> None:
    episode = _start(cast)
    services.suspension_review_record(episode=episode, user=cast.appropriate_authority, reviewed_on=date(2025, 5, 1),
                                      reasons="Still needed")
    episode.refresh_from_db()
    _refused(lambda: services.suspension_review_record(episode=episode, user=cast.appropriate_authority,
                                                       reviewed_on=date(2025, 4, 20), reasons="x"),
             "reviewed_on", "on or after the last review")
    _refused(lambda: services.suspension_review_record(episode=episode, user=cast.appropriate_authority,
                                                       reviewed_on=date(2025, 4, 1), reasons="x"),
             "reviewed_on", "on or after the start")
    _refused(lambda: services.suspension_review_record(episode=episode, user=cast.appropriate_authority,
                                                       reviewed_on=date(2025, 6, 1), reasons=" "),
             "reasons", "Enter the reasons")
    _refused(lambda: services.suspension_review_record(episode=episode, user=cast.appropriate_authority,
                                                       reasons="x", expected_version=1),
             "__all__", "changed this episode")


def test_review_on_an_ended_episode_is_refused(cast: Cast) -> None:
    episode = _start(cast)
    services.suspension_end(episode=episode, user=cast.appropriate_authority, ended_on=date(2025, 6, 1),
                            reason="Proceedings concluded")
    episode.refresh_from_db()
    _refused(lambda: services.suspension_review_record(episode=episode, user=cast.appropriate_authority,
                                                       reasons="x"), "__all__", "ended on 1 June 2025")


def test_written_confirmation(cast: Cast) -> None:
    episode = _start(cast)
    done = services.suspension_confirmation_record(episode=episode, user=cast.appropriate_authority,
                                                   sent_on=date(2025, 4, 10))
    assert done.confirmed_in_writing_on == date(2025, 4, 10)
    event = AuditEvent.objects.filter(action="suspension_confirmed_in_writing").latest("id")
    assert event.after is not None and event.after["late"] is True  # due Wednesday 9 April
    done.refresh_from_db()
    _refused(lambda: services.suspension_confirmation_record(episode=done, user=cast.appropriate_authority),
             "__all__", "already recorded")


def test_written_suspension_needs_no_confirmation(cast: Cast) -> None:
    episode = _start(cast, notified="written")
    assert episode.confirmation_due_on is None
    _refused(lambda: services.suspension_confirmation_record(episode=episode, user=cast.appropriate_authority),
             "__all__", "Only an oral suspension")


def test_representations(cast: Cast) -> None:
    episode = _start(cast)
    made = services.suspension_representations_record(episode=episode, user=cast.appropriate_authority,
                                                      made_by="officer", summary="Asks to be redeployed",
                                                      received_on=date(2025, 4, 8))
    assert made.episode_id == episode.pk
    _refused(lambda: services.suspension_representations_record(episode=episode, user=cast.appropriate_authority,
                                                                made_by="neighbour", summary="x"),
             "made_by", "Choose who")


def test_representations_are_made_against_a_suspension(cast: Cast) -> None:
    restricted = _start(cast, kind="restricted_duties")
    _refused(lambda: services.suspension_representations_record(episode=restricted, user=cast.appropriate_authority,
                                                                made_by="officer", summary="x"),
             "__all__", "made against a suspension")


def test_end_returns_the_officer_to_serving_and_refuses_bad_dates(cast: Cast) -> None:
    episode = _start(cast)
    _refused(lambda: services.suspension_end(episode=episode, user=cast.appropriate_authority,
                                             ended_on=date(2025, 4, 3), reason="x"),
             "ended_on", "on or after the start")
    _refused(lambda: services.suspension_end(episode=episode, user=cast.appropriate_authority, reason=""),
             "reason", "Enter the reason")
    ended = services.suspension_end(episode=episode, user=cast.appropriate_authority, ended_on=date(2025, 6, 1),
                                    reason="No referral to proceedings")
    assert ended.ended_on == date(2025, 6, 1) and ended.next_review_on is None
    cast.officer.refresh_from_db()
    assert cast.officer.status == "serving"
    ended.refresh_from_db()
    _refused(lambda: services.suspension_end(episode=ended, user=cast.appropriate_authority, reason="again"),
             "__all__", "cannot end it again")
    # A new episode may start once the last has ended.
    assert _start(cast, started_on=date(2025, 7, 1)).is_open


def test_conviction_record_derives_service_age_class_and_policy(cast: Cast) -> None:
    Officer.objects.filter(pk=cast.officer.pk).update(date_of_birth=date(1990, 5, 1))
    cast.officer.refresh_from_db()
    conviction = services.conviction_record(
        officer=cast.officer, user=cast.user("vetting_officer"), offence="Assault occasioning actual bodily harm",
        offence_on=date(2025, 6, 1), disposal="conviction", disposal_on=date(2025, 9, 1),
        offence_class="either_way", court="Northtown Crown Court")
    assert conviction.suggested_classification == conviction.classification == "violence"
    assert conviction.while_serving and conviction.age_at_offence == 35
    assert conviction.policy == "presumption_of_refusal" and conviction.vetting_review_needed
    assert "Vetting Code of Practice 2023" in conviction.policy_reasons
    event = AuditEvent.objects.filter(action="conviction_recorded").latest("id")
    assert event.after is not None
    assert event.after["policy"] == "presumption_of_refusal" and event.after["vetting_review_needed"] is True
    # The same transaction opened the vetting review (Vetting Code 2023: presumption of refusal).
    from candour.workforce.models import VettingReview

    review = VettingReview.objects.filter(officer=cast.officer, trigger="conviction").latest("id")
    assert "Assault occasioning actual bodily harm" in review.reason and review.opened_on == date(2025, 9, 1)
    assert AuditEvent.objects.filter(action="vetting_review_opened", object_id=str(review.uuid)).exists()


def test_a_conviction_the_policy_calls_trivial_opens_no_vetting_review(cast: Cast) -> None:
    from candour.workforce.models import VettingReview

    before = VettingReview.objects.filter(trigger="conviction").count()
    conviction = services.conviction_record(
        officer=cast.officer, user=cast.appropriate_authority, offence="Parking", offence_on=date(2024, 1, 1),
        disposal="penalty_notice", disposal_on=date(2024, 1, 10))
    assert conviction.policy == "trivial" and not conviction.vetting_review_needed
    assert VettingReview.objects.filter(trigger="conviction").count() == before


def test_if_the_vetting_review_cannot_open_the_conviction_is_not_saved(cast: Cast, monkeypatch: Any) -> None:
    def refuse(**kwargs: Any) -> None:
        raise ValidationError({"reason": "refused"})

    monkeypatch.setattr(services, "vetting_review_on_conviction", refuse)
    before = Conviction.objects.count()
    with pytest.raises(ValidationError):
        services.conviction_record(
            officer=cast.officer, user=cast.user("vetting_officer"), offence="Theft from an employer",
            offence_on=date(2025, 6, 1), disposal="conviction", disposal_on=date(2025, 9, 1))
    assert Conviction.objects.count() == before


def test_conviction_classification_can_be_overridden(cast: Cast) -> None:
    conviction = services.conviction_record(
        officer=cast.officer, user=cast.appropriate_authority, offence="Speeding", offence_on=date(2014, 1, 1),
        disposal="penalty_notice", disposal_on=date(2014, 2, 1), classification="serious_traffic")
    assert conviction.suggested_classification == "other" and conviction.classification == "serious_traffic"
    assert not conviction.while_serving  # joined 1 April 2015
    assert conviction.policy == "consider"


def test_indictable_only_conviction_after_28_may_2025_is_deemed_gross_misconduct(cast: Cast) -> None:
    conviction = services.conviction_record(
        officer=cast.officer, user=cast.appropriate_authority, offence="Robbery", offence_on=date(2025, 6, 1),
        disposal="conviction", disposal_on=date(2025, 10, 1), offence_class="indictable_only")
    assert conviction.policy == "deemed_gross_misconduct" and conviction.classification == "dishonesty"


@pytest.mark.parametrize(("kwargs", "field", "text"), [
    ({"offence": ""}, "offence", "Enter the offence"),
    ({"disposal": "fine"}, "disposal", "Choose the disposal"),
    ({"offence_class": "bad"}, "offence_class", "Choose the class"),
    ({"classification": "weird"}, "classification", "Choose a classification"),
    ({"disposal_on": date(2025, 5, 1)}, "disposal_on", "on or after the date of the offence"),
    ({"offence_on": TODAY + timedelta(days=2), "disposal_on": TODAY + timedelta(days=3)}, "offence_on", "today"),
])
def test_conviction_record_refuses_bad_input(cast: Cast, kwargs: dict[str, Any], field: str, text: str) -> None:
    values: dict[str, Any] = {"officer": cast.officer, "user": cast.appropriate_authority, "offence": "Theft",
                              "offence_on": date(2025, 6, 1), "disposal": "caution", "disposal_on": date(2025, 6, 2)}
    values.update(kwargs)
    _refused(lambda: services.conviction_record(**values), field, text)


def test_conviction_before_birth_is_refused(cast: Cast) -> None:
    Officer.objects.filter(pk=cast.officer.pk).update(date_of_birth=date(1990, 5, 1))
    cast.officer.refresh_from_db()
    _refused(lambda: services.conviction_record(officer=cast.officer, user=cast.appropriate_authority,
                                                offence="Theft", offence_on=date(1980, 1, 1), disposal="caution",
                                                disposal_on=date(1980, 1, 2)), "offence_on", "date of birth")


def test_only_assessor_and_vetting_record_convictions(cast: Cast) -> None:
    for who in ("investigator", "oversight", "analyst", "decision_maker"):
        with pytest.raises(PermissionDenied):
            services.conviction_record(officer=cast.officer, user=cast.user(who), offence="Theft",
                                       offence_on=date(2025, 6, 1), disposal="caution", disposal_on=date(2025, 6, 2))


def test_list_entry_report(cast: Cast) -> None:
    entry = cast.list_entry
    assert entry.basis == "left_during_investigation" and entry.report_due_on == date(2025, 8, 7)
    _refused(lambda: lists.list_entry_report(entry=entry, user=cast.user("vetting_officer"),
                                                reported_on=date(2025, 7, 1)), "reported_on", "on or after the event")
    done = lists.list_entry_report(entry=entry, user=cast.user("vetting_officer"), reported_on=date(2025, 8, 5))
    assert done.reported_on == date(2025, 8, 5)
    event = AuditEvent.objects.filter(action="list_entry_reported").latest("id")
    assert event.after is not None and event.after["late"] is False
    done.refresh_from_db()
    _refused(lambda: lists.list_entry_report(entry=done, user=cast.user("vetting_officer")), "__all__",
             "already reported")
    with pytest.raises(PermissionDenied):
        lists.list_entry_report(entry=done, user=cast.user("oversight"))


def test_committed_pay_scale_has_every_rank() -> None:
    assert set(Rank.values) <= set(integrity.load_pay_scale(str(integrity.DEFAULT_PAY_SCALE)).annual_pay)
