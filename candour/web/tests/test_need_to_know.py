"""Need-to-know (issue 15): restricted cases are seen only by the people on their access list,
every opening of one is audited and reported, and no one ever sees a case they are part of.

Each test attacks what the service used to allow: every user of a force with a case role read
every case of that force, counter-corruption cases about colleagues and cases about themselves
included, on the case page, in lists, in search, and through the API.
"""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import Client
from django.urls import reverse

from candour.accounts.models import User
from candour.accounts.tokens import api_token_create
from candour.audit.models import AuditEvent
from candour.audit.services import Actor
from candour.cases import access, selectors
from candour.cases import services as case_services
from candour.cases.models import Case, CaseAccess
from candour.domain.access import Role, case_visibility
from candour.intake import services as intake_services
from candour.intake.validation import ReportInput
from candour.people import services as people_services
from candour.testing.cast import Cast

pytestmark = pytest.mark.django_db
SETUP = Actor.system("test")


def _restrict(cast: Cast, how: str = "counter_corruption") -> Case:
    return access.case_restrict(case=cast.case, user=cast.appropriate_authority, restriction=how,
                                reason="A leak to a journalist")


def _as(user: User) -> Client:
    client = Client()
    client.force_login(user)
    return client


def _views(case: Case) -> int:
    return AuditEvent.objects.filter(action="restricted_case_viewed", object_id=case.reference).count()


def _link(user: User, officer: Any) -> User:
    """Test set-up: ``user``'s own officer record is ``officer`` (straight to the database)."""
    User.objects.filter(pk=user.pk).update(officer=officer)
    user.refresh_from_db()
    return user


# -- restricted cases: only the list --------------------------------------------------------


def test_a_restricted_case_is_hidden_from_everyone_not_on_its_list(cast: Cast) -> None:
    """Attack: an investigator, a decision maker and oversight read a counter-corruption case."""
    case = _restrict(cast)
    for who in ("investigator", "decision_maker", "oversight", "review_panel", "vetting_officer"):
        client = _as(cast.user(who))
        assert client.get(f"/cases/{case.reference}/").status_code == 404, who
        found = client.get(reverse("web:search") + f"?q={case.reference}")
        assert found.context["rows"] == [] and f'href="/cases/{case.reference}/"' not in found.content.decode(), who
        assert client.get(reverse("web:search") + "?q=Testperson").context["rows"] == [], who
        assert not selectors.queue_for_user(user=cast.user(who), today=date(2026, 1, 5)).cases, who
    assert selectors.workload_for_user(user=cast.investigator, today=date(2026, 1, 5)).open_cases == 0


def test_the_person_who_restricts_it_is_on_the_list_and_every_opening_is_audited(cast: Cast) -> None:
    case = _restrict(cast)
    assert CaseAccess.objects.filter(case=case, user=cast.appropriate_authority, revoked_at__isnull=True).exists()
    client = _as(cast.appropriate_authority)
    before = _views(case)
    page = client.get(f"/cases/{case.reference}/")
    assert page.status_code == 200 and "Restricted case: counter-corruption case" in page.content.decode()
    for url in (f"/cases/{case.reference}/steps/record/", f"/cases/{case.reference}/investigator/",
                f"/cases/{case.reference}/documents/outcome-letter/"):
        client.get(url)
    assert _views(case) == before + 4
    event = AuditEvent.objects.filter(action="restricted_case_viewed").latest("id")
    assert event.actor_id == cast.appropriate_authority.pk and event.after is not None
    assert event.after["restrictions"] == ["counter_corruption"]


def test_an_unrestricted_case_is_not_logged_on_every_view(cast: Cast) -> None:
    _as(cast.investigator).get(f"/cases/{cast.case.reference}/")
    assert _views(cast.case) == 0


def test_giving_access_lets_them_in_and_ending_it_shuts_them_out(cast: Cast) -> None:
    case = _restrict(cast)
    entry = access.case_access_grant(case=case, user=cast.appropriate_authority, grantee=cast.investigator,
                                     reason="Appointed to investigate")
    assert _as(cast.investigator).get(f"/cases/{case.reference}/").status_code == 200
    access.case_access_revoke(entry=entry, user=cast.appropriate_authority, reason="Finished")
    assert _as(cast.investigator).get(f"/cases/{case.reference}/").status_code == 404
    verbs = list(AuditEvent.objects.filter(object_id=case.reference, action__startswith="case_access")
                 .values_list("action", flat=True))
    assert verbs.count("case_access_granted") == 2 and verbs.count("case_access_revoked") == 1


def test_counter_corruption_see_only_the_cases_that_list_them(cast: Cast) -> None:
    cc = cast.user("counter_corruption")
    client = _as(cc)
    assert client.get(f"/cases/{cast.case.reference}/").status_code == 404  # unrestricted, not listed
    case = _restrict(cast)
    assert client.get(f"/cases/{case.reference}/").status_code == 404  # restricted, not listed
    register = client.get(reverse("web:restricted_cases")).content.decode()
    assert case.reference in register and "Counter-corruption case" in register
    # They keep the lists, so they may put themselves on it: audited, and in the report of who looked.
    access.case_access_grant(case=case, user=cc, grantee=cc, reason="Leading the CCU enquiry")
    assert client.get(f"/cases/{case.reference}/").status_code == 200
    report = client.get(reverse("web:case_access", args=[case.reference])).content.decode()
    assert "Gave access" in report and "Leading the CCU enquiry" in report and "Opened the case" in report


def test_the_report_of_who_looked_lists_each_opening(cast: Cast) -> None:
    case = _restrict(cast, "marked")
    access.case_access_grant(case=case, user=cast.appropriate_authority, grantee=cast.investigator,
                             reason="Investigating")
    _as(cast.investigator).get(f"/cases/{case.reference}/")
    rows = selectors.case_lookers(case=case)
    opened = [r for r in rows if r["action"] == "restricted_case_viewed"]
    assert opened[0]["who"] == cast.investigator.name and opened[0]["after"]["via"] == "case page"
    page = _as(cast.appropriate_authority).get(reverse("web:case_access", args=[case.reference]))
    body = page.content.decode()
    assert page.status_code == 200 and cast.investigator.name in body and "(case page)" in body
    # Only the keepers of lists read it.
    assert _as(cast.investigator).get(reverse("web:case_access", args=[case.reference])).status_code == 403


def test_the_api_hides_restricted_cases_and_audits_the_ones_it_shows(cast: Cast, client: Client) -> None:
    """Attack: list, search and fetch a counter-corruption case through /api/v1."""
    case = _restrict(cast)
    token = api_token_create(user=cast.investigator, name="t")
    auth: dict[str, Any] = {"HTTP_AUTHORIZATION": f"Bearer {token}"}
    assert client.get(f"/api/v1/cases/{case.reference}", **auth).status_code == 404
    assert client.get(f"/api/v1/cases/{case.reference}/clocks", **auth).status_code == 404
    assert case.reference not in client.get("/api/v1/cases", **auth).content.decode()
    assert client.get(f"/api/v1/cases?q={case.reference}", **auth).json() == []
    mine = api_token_create(user=cast.appropriate_authority, name="t")
    before = _views(case)
    response = client.get(f"/api/v1/cases/{case.reference}", HTTP_AUTHORIZATION=f"Bearer {mine}")
    assert response.status_code == 200 and _views(case) == before + 1
    viewed = AuditEvent.objects.filter(action="restricted_case_viewed").latest("id").after
    assert viewed is not None and viewed["via"] == "api"


def test_lifting_the_mark_opens_the_case_to_casework_again(cast: Cast) -> None:
    case = _restrict(cast, "marked")
    with pytest.raises(ValidationError, match="Say why"):
        access.case_unrestrict(case=case, user=cast.appropriate_authority, reason=" ")
    access.case_unrestrict(case=case, user=cast.appropriate_authority, reason="Enquiry closed")
    assert _as(cast.investigator).get(f"/cases/{case.reference}/").status_code == 200


def test_only_the_appropriate_authority_or_counter_corruption_keep_lists(cast: Cast) -> None:
    for who in ("investigator", "oversight", "administrator", "analyst"):
        with pytest.raises(PermissionDenied):
            access.case_restrict(case=cast.case, user=cast.user(who), restriction="marked", reason="x")
    with pytest.raises(PermissionDenied):
        access.case_restrict(case=cast.case, user=cast.other_force_user, restriction="marked", reason="x")
    assert Case.objects.get(pk=cast.case.pk).restriction == ""
    with pytest.raises(ValidationError, match="Choose why"):
        access.case_restrict(case=cast.case, user=cast.appropriate_authority, restriction="about_a_user",
                             reason="x")


@pytest.mark.parametrize("who", ["analyst", "no_role", "other_force_user"])
def test_access_is_given_only_to_people_who_may_view_cases_of_the_force(cast: Cast, who: str) -> None:
    case = _restrict(cast)
    with pytest.raises(ValidationError):
        access.case_access_grant(case=case, user=cast.appropriate_authority, grantee=cast.user(who), reason="x")
    assert not CaseAccess.objects.filter(case=case, user=cast.user(who)).exists()


def test_restricting_through_the_pages(cast: Cast) -> None:
    client = _as(cast.appropriate_authority)
    url = reverse("web:case_restrict", args=[cast.case.reference])
    refused = client.post(url, {"restriction": "marked", "reason": ""})
    assert refused.status_code == 200 and "There is a problem" in refused.content.decode()
    assert Case.objects.get(pk=cast.case.pk).restriction == ""
    done = client.post(url, {"restriction": "marked", "reason": "About the deputy chief"})
    assert done.status_code == 302 and Case.objects.get(pk=cast.case.pk).restriction == "marked"
    grant = client.post(reverse("web:case_access_grant", args=[cast.case.reference]),
                        {"user": str(cast.user("decision_maker").pk), "reason": "Decides the case"})
    assert grant.status_code == 302
    assert _as(cast.user("decision_maker")).get(f"/cases/{cast.case.reference}/").status_code == 200
    tampered = client.post(reverse("web:case_access_grant", args=[cast.case.reference]),
                           {"user": str(cast.user("analyst").pk), "reason": "x"})
    assert tampered.status_code == 200 and "Choose who needs access" in tampered.content.decode()


# -- a case about a user of the service is restricted without a mark --------------------------


def test_a_case_about_a_user_is_restricted_from_their_colleagues(cast: Cast) -> None:
    """Attack: an investigator reads the complaint about the decision maker who sits next to them."""
    colleague = people_services.officer_create(force=cast.force, actor=SETUP, forenames="Dana", surname="Desk",
                                               warrant_number="100500", joined_on=date(2014, 1, 1))
    _link(cast.user("decision_maker"), colleague)
    case = case_services.case_open(force=cast.force, case_type="conduct_matter", received_on=date(2025, 9, 1),
                                   actor=SETUP, summary="About a user of the service")
    allegation = case_services.allegation_add(case=case, category="individual_behaviours", summary="x", actor=SETUP)
    case_services.subject_add(allegation=allegation, officer=colleague, actor=Actor.of(cast.appropriate_authority))
    assert "about_a_user" in {r.value for r in selectors.case_restrictions_of(case)}
    assert _as(cast.investigator).get(f"/cases/{case.reference}/").status_code == 404
    # The person who added the subject keeps it, on the list (audited).
    assert _as(cast.appropriate_authority).get(f"/cases/{case.reference}/").status_code == 200
    assert AuditEvent.objects.filter(action="case_access_granted", object_id=case.reference).exists()
    # An investigator appointed to it is put on the list.
    case_services.investigator_appoint(case=case, user=cast.appropriate_authority, investigator=cast.investigator)
    assert _as(cast.investigator).get(f"/cases/{case.reference}/").status_code == 200


# -- never a case one is part of ----------------------------------------------------------


def test_a_user_never_sees_a_case_in_which_they_are_a_subject(cast: Cast) -> None:
    """Attack: the subject of a complaint reads the case about themselves."""
    assessor = _link(cast.appropriate_authority, cast.officer)  # the cast case's subject
    client = _as(assessor)
    assert client.get(f"/cases/{cast.case.reference}/").status_code == 404
    assert client.get(reverse("web:search") + "?q=100001").context["rows"] == []
    with pytest.raises(PermissionDenied):  # nor keep its list, even as the appropriate authority
        access.case_restrict(case=cast.case, user=assessor, restriction="marked", reason="x")
    token = api_token_create(user=assessor, name="t")
    assert Client().get(f"/api/v1/cases/{cast.case.reference}",
                        HTTP_AUTHORIZATION=f"Bearer {token}").status_code == 404
    # Not even from the officer page (their own record lists their cases to others).
    page = client.get(f"/officers/{cast.officer.uuid}/").content.decode()
    assert cast.case.reference not in page


def test_a_user_never_sees_a_case_in_which_they_are_a_witness(cast: Cast) -> None:
    witness_officer = people_services.officer_create(force=cast.force, actor=SETUP, forenames="Wes",
                                                     surname="Witness", warrant_number="100600",
                                                     collar_number="WW1", joined_on=date(2018, 1, 1))
    oversight = _link(cast.user("oversight"), witness_officer)
    assert _as(oversight).get(f"/cases/{cast.case.reference}/").status_code == 200
    response = _as(cast.investigator).post(reverse("web:case_witness_add", args=[cast.case.reference]),
                                           {"number": "WW1", "note": "Saw it from the van"})
    assert response.status_code == 302
    assert _as(oversight).get(f"/cases/{cast.case.reference}/").status_code == 404
    assert AuditEvent.objects.filter(action="case_witness_added", object_id=cast.case.reference).exists()
    _restrict(cast)
    with pytest.raises(ValidationError, match="witness"):
        access.case_access_grant(case=cast.case, user=cast.appropriate_authority, grantee=oversight, reason="x")
    # An unknown number is a clear error, and nothing is recorded.
    again = _as(cast.appropriate_authority).post(reverse("web:case_witness_add", args=[cast.case.reference]),
                                                 {"number": "ZZ999"})
    assert "No officer of your force has the warrant or collar number ZZ999" in again.content.decode()


def test_a_named_reporter_never_sees_the_case_their_report_joined(cast: Cast) -> None:
    reporter = cast.investigator
    submitted = intake_services.report_submit(
        force=cast.force, channel="internal", actor=Actor.of(reporter), submission_key="ntk-1", reporter=reporter,
        data=ReportInput(kind="colleague", what_happened="Saw a colleague take cash", relationship="witness"))
    submitted.report.case = cast.case
    type(submitted.report).objects.filter(pk=submitted.report.pk).update(case=cast.case, status="linked",
                                                                          triaged_at=cast.case.created_at)
    assert _as(reporter).get(f"/cases/{cast.case.reference}/").status_code == 404
    with pytest.raises(ValidationError):
        case_services.investigator_appoint(case=cast.case, user=cast.appropriate_authority, investigator=reporter)


def test_triage_pages_and_evidence_of_a_restricted_case_are_hidden(cast: Cast) -> None:
    """Attack: read the report behind a counter-corruption case from the triage pages."""
    type(cast.report).objects.filter(pk=cast.report.pk).update(case=cast.case, status="linked",
                                                               triaged_at=cast.case.created_at)
    access.case_restrict(case=cast.case, user=cast.appropriate_authority, restriction="counter_corruption",
                         reason="x")
    other_assessor = User.objects.create_user(username="assessor2", password="x" * 20, force=cast.force,
                                              roles=[Role.ASSESSOR.value])
    client = _as(other_assessor)
    assert client.get(reverse("intake:triage_report", args=[cast.report.reference])).status_code == 404
    assert client.get(reverse("intake:evidence_download", args=[cast.evidence.uuid])).status_code == 404
    assert _as(cast.appropriate_authority).get(
        reverse("intake:triage_report", args=[cast.report.reference])).status_code == 200


# -- the selectors and the policy agree -------------------------------------------------------


@pytest.mark.parametrize("restriction", ["", "marked", "counter_corruption"])
@pytest.mark.parametrize("listed", [False, True])
@pytest.mark.parametrize("who", ["assessor", "investigator", "oversight", "counter_corruption", "analyst"])
def test_the_queries_decide_as_the_policy_does(cast: Cast, restriction: str, listed: bool, who: str) -> None:
    Case.objects.filter(pk=cast.case.pk).update(restriction=restriction)
    user = cast.user(who)
    if listed:
        CaseAccess.objects.create(case=cast.case, user=user, reason="test", granted_at=cast.case.created_at)
    case = Case.objects.get(pk=cast.case.pk)
    policy = case_visibility(user.role_set(), selectors.case_access_facts(case=case, user=user)).visible
    queried = selectors.case_list_for_user(user=user).filter(pk=case.pk).exists()
    assert queried is policy
