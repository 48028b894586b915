"""The access matrix, enforced: every cast member × every URL gets what the matrix says.

A meta-test fails when a URL is missing from ``URL_TABLE`` or its view declares no action,
so a new page cannot ship without an entry in ``candour.domain.access``.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

import pytest
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, resolve, reverse

from candour.domain.access import SENSITIVE_ACTIONS, Action, can, case_types_visible
from candour.domain.proceedings import review_deciders
from candour.testing.cast import CAST_NAMES, Cast
from candour.web.access import mark_reauthenticated


def _proceedings(c: Cast) -> Cast:
    """Put the cast's case in misconduct proceedings (test set-up, straight to the database)."""
    from candour.cases.models import Case, Subject

    Case.objects.filter(pk=c.case.pk).update(state="proceedings", proceedings_forum="misconduct_hearing")
    Subject.objects.filter(pk=c.subject.pk).update(case_to_answer="gross_misconduct")
    return c


def _appeal(c: Cast) -> Any:
    from datetime import date

    from candour.cases.models import Appeal

    return Appeal.objects.get_or_create(case=c.case, subject=c.subject, defaults={
        "kind": "pat", "lodged_on": date(2025, 11, 3), "due_on": date(2025, 11, 14), "grounds": ["unfair"]})[0]


def _review(c: Cast) -> Any:
    from datetime import date

    from candour.cases.models import Review

    return Review.objects.get_or_create(case=c.case, defaults={"received_on": date(2025, 11, 3),
                                                               "due_on": date(2025, 11, 28)})[0]


def _investigating(c: Cast) -> Any:
    """The cast's case under investigation, its subject assessed as misconduct: the state in
    which the notice and the progress report mean something (they are refused otherwise)."""
    from datetime import date

    from candour.cases.models import Case, Subject

    Case.objects.filter(pk=c.case.pk).update(state="investigation")
    Subject.objects.filter(pk=c.subject.pk).update(severity="misconduct", severity_assessed_on=date(2025, 7, 1))
    return c.case


def _cps(c: Cast) -> Any:
    from datetime import date

    from candour.cases.models import CpsReferral

    return CpsReferral.objects.get_or_create(case=c.case, defaults={"referred_on": date(2025, 11, 3)})[0]


def _access_entry(c: Cast) -> Any:
    """The investigator on the cast case's access list (the case stays unrestricted)."""
    from candour.cases.access import case_access_grant
    from candour.cases.models import CaseAccess

    return CaseAccess.objects.filter(case=c.case).first() or case_access_grant(
        case=c.case, user=c.appropriate_authority, grantee=c.investigator, reason="Needs it")


# url name -> (kwargs from the cast, query string, object belongs to force ALPHA?)
URL_TABLE: dict[str, tuple[Callable[[Cast], dict[str, Any]], str, bool]] = {
    "web:home": (lambda c: {}, "", False),
    "web:search": (lambda c: {}, "?q=Testperson", False),
    "web:queue": (lambda c: {}, "", False),
    "web:review_queue": (lambda c: {}, "", False),
    "web:case_detail": (lambda c: {"reference": c.case.reference}, "", True),
    "web:officer_detail": (lambda c: {"officer_uuid": c.officer.uuid}, "", True),
    "web:officer_protected_characteristics":
        (lambda c: {"officer_uuid": c.officer.uuid}, "", True),
    "web:case_step": (lambda c: {"reference": c.case.reference, "step": "record"}, "", True),
    "web:case_investigator": (lambda c: {"reference": c.case.reference}, "", True),
    "web:case_subject": (lambda c: {"reference": c.case.reference, "subject_uuid": c.subject.uuid,
                                    "what": "severity"}, "", True),
    "web:case_request_add": (lambda c: {"reference": c.case.reference}, "", True),
    "web:case_update": (lambda c: {"reference": c.case.reference}, "", True),
    "web:case_contact": (lambda c: {"reference": c.case.reference}, "", True),
    "web:document_notice": (lambda c: {"reference": _investigating(c).reference, "subject_uuid": c.subject.uuid},
                            "", True),
    "web:document_outcome_letter": (lambda c: {"reference": c.case.reference}, "", True),
    "web:document_progress_report": (lambda c: {"reference": _investigating(c).reference}, "", True),
    "web:case_panel": (lambda c: {"reference": _proceedings(c).case.reference}, "", True),
    "web:case_appeal": (lambda c: {"reference": c.case.reference, "appeal_uuid": _appeal(c).uuid,
                                   "what": "result"}, "", True),
    "web:case_review": (lambda c: {"reference": c.case.reference, "review_uuid": _review(c).uuid}, "", True),
    "web:case_cps": (lambda c: {"reference": c.case.reference}, "", True),
    "web:case_cps_decision": (lambda c: {"reference": c.case.reference, "referral_uuid": _cps(c).uuid}, "", True),
    "web:suspension_start": (lambda c: {"officer_uuid": c.officer.uuid}, "", True),
    "web:conviction_record": (lambda c: {"officer_uuid": c.officer.uuid}, "", True),
    "web:integrity_totals": (lambda c: {}, "", False),
    "web:suspension_list": (lambda c: {}, "", False),
    "web:suspension_detail": (lambda c: {"suspension_uuid": c.suspension.uuid}, "", True),
    "web:suspension_review": (lambda c: {"suspension_uuid": c.suspension.uuid}, "", True),
    "web:suspension_confirmation": (lambda c: {"suspension_uuid": c.suspension.uuid}, "", True),
    "web:suspension_representations": (lambda c: {"suspension_uuid": c.suspension.uuid}, "", True),
    "web:suspension_end": (lambda c: {"suspension_uuid": c.suspension.uuid}, "", True),
    "web:conviction_list": (lambda c: {}, "", False),
    "web:conviction_report": (lambda c: {}, "", False),
    "web:conviction_detail": (lambda c: {"conviction_uuid": c.conviction.uuid}, "", True),
    "web:warnings_register": (lambda c: {}, "", False),
    "web:list_register": (lambda c: {}, "", False),
    "web:list_export": (lambda c: {}, "", False),
    "web:list_entry_reported": (lambda c: {"entry_uuid": c.list_entry.uuid}, "", True),
    "web:vetting_register": (lambda c: {}, "", False),
    "web:vetting_clearance_add": (lambda c: {}, "", False),
    "web:vetting_clearance": (lambda c: {"clearance_uuid": c.clearance.uuid}, "", True),
    "web:vetting_aftercare": (lambda c: {"clearance_uuid": c.clearance.uuid}, "", True),
    "web:vetting_review_open": (lambda c: {"clearance_uuid": c.clearance.uuid}, "", True),
    "web:vetting_withdrawal_start": (lambda c: {"clearance_uuid": c.clearance.uuid}, "", True),
    "web:vetting_review": (lambda c: {"review_uuid": c.review.uuid}, "", True),
    "web:vetting_review_decide": (lambda c: {"review_uuid": c.review.uuid}, "", True),
    "web:vetting_withdrawal": (lambda c: {"assessment_uuid": c.assessment.uuid}, "", True),
    "web:vetting_withdrawal_step": (lambda c: {"assessment_uuid": c.assessment.uuid, "step": "decision"}, "", True),
    "web:screening_queue": (lambda c: {}, "", False),
    "web:screening_candidate": (lambda c: {"candidate_uuid": c.candidate.uuid}, "", True),
    "web:restricted_cases": (lambda c: {}, "", False),
    "web:case_access": (lambda c: {"reference": c.case.reference}, "", True),
    "web:case_restrict": (lambda c: {"reference": c.case.reference}, "", True),
    "web:case_unrestrict": (lambda c: {"reference": c.case.reference}, "", True),
    "web:case_access_grant": (lambda c: {"reference": c.case.reference}, "", True),
    "web:case_access_revoke": (lambda c: {"reference": c.case.reference, "entry_uuid": _access_entry(c).uuid},
                               "", True),
    "web:case_witness_add": (lambda c: {"reference": c.case.reference}, "", True),
    "accounts:reauthenticate": (lambda c: {}, "", False),
    "accounts:second_factor": (lambda c: {}, "", False),
    "accounts:second_factor_verify": (lambda c: {}, "", False),
    "accounts:login": (lambda c: {}, "", False),
    "accounts:user_list": (lambda c: {}, "", False),
    "accounts:user_add": (lambda c: {}, "", False),
    **{f"accounts:user_{page}": (lambda c: {"username": c.user("analyst").username}, "", True)
       for page in ("detail", "roles", "units", "deactivate", "reactivate", "password", "second_factor")},
    "accounts:logout": (lambda c: {}, "", False),
    "web:api_tokens": (lambda c: {}, "", False),
    "web:notifications": (lambda c: {}, "", False),
    "web:jobs": (lambda c: {}, "", False),
    "web:privacy": (lambda c: {}, "", False),
    "web:privacy_subject_access": (lambda c: {}, "", False),
    "web:privacy_erasure": (lambda c: {}, "", False),
    "web:api_token_create": (lambda c: {}, "", False),
    "intake:hotline": (lambda c: {}, "", False),
    "intake:internal_start": (lambda c: {}, "", False),
    "intake:internal_colleague": (lambda c: {}, "", False),
    "intake:internal_self": (lambda c: {}, "", False),
    "intake:triage_queue": (lambda c: {}, "", False),
    "intake:triage_report": (lambda c: {"reference": c.report.reference}, "", True),
    "intake:evidence_download": (lambda c: {"evidence_uuid": c.evidence.uuid}, "", True),
    # Public pages (no sign-in): checked in test_public_pages_are_open below.
    "intake:portal_start": (lambda c: {}, "", False),
    "intake:portal_step": (lambda c: {"slug": "about"}, "", False),
    "intake:portal_check": (lambda c: {}, "", False),
    "intake:portal_confirmation": (lambda c: {}, "", False),
    "intake:track": (lambda c: {"token": c.tracking_token}, "", False),
    "intake:track_lookup": (lambda c: {}, "", False),
    "intake:track_code": (lambda c: {}, "", False),
    "intake:track_add_information": (lambda c: {"token": c.tracking_token}, "", False),
    "intake:track_withdraw": (lambda c: {"token": c.tracking_token}, "", False),
    "intake:portal_privacy": (lambda c: {}, "", False),
    "intake:portal_accessibility": (lambda c: {}, "", False),
    "intake:portal_cookies": (lambda c: {}, "", False),
    "intake:portal_contact": (lambda c: {}, "", False),
    "intake:portal_feedback": (lambda c: {}, "", False),
}
PUBLIC = [name for name in URL_TABLE if name.startswith(("intake:portal_", "intake:track"))]
# Mounted apps with their own access rules, tested in their own modules.
EXEMPT_PREFIXES = ("admin:", "api:")


def _walk(patterns: list[Any], namespace: str = "") -> Iterator[tuple[str, Any]]:
    for entry in patterns:
        if isinstance(entry, URLResolver):
            ns = f"{namespace}{entry.namespace}:" if entry.namespace else namespace
            yield from _walk(entry.url_patterns, ns)
        elif isinstance(entry, URLPattern) and entry.name:
            yield f"{namespace}{entry.name}", entry.callback


def test_every_url_has_a_matrix_entry() -> None:
    missing, undeclared = [], []
    for name, callback in _walk(get_resolver().url_patterns):
        if name.startswith(EXEMPT_PREFIXES):
            continue
        if name not in URL_TABLE:
            missing.append(name)
        if not hasattr(callback, "candour_action"):
            undeclared.append(name)
    assert not missing, f"URLs with no entry in the access test table: {missing}"
    assert not undeclared, f"views that declare no action: {undeclared}"


def test_every_action_has_a_matrix_row() -> None:
    from candour.domain.access import EVERY_SIGNED_IN_USER, PERMISSIONS

    assert set(Action) == set(PERMISSIONS) | EVERY_SIGNED_IN_USER


def _expected(cast: Cast, who: str, name: str) -> int:
    kwargs_of, query, in_alpha = URL_TABLE[name]
    action = getattr(resolve(reverse(name, kwargs=kwargs_of(cast))).func, "candour_action")
    user = cast.user(who)
    if action == "signed_in":
        return 200
    if not can(user.role_set(), action):
        return 403
    if in_alpha and user.force_id != cast.force.pk:
        return 404
    if name == "web:case_review" and not user.role_set() & review_deciders(""):
        return 403  # the local policing body's review: only its review panel member decides it
    types = case_types_visible(user.role_set())
    if "reference" in kwargs_of(cast) and types is not None and cast.case.case_type not in types \
            and action in (Action.CASE_VIEW, Action.CASE_SEARCH):
        return 404  # counter-corruption reads integrity reports and the cases that list them: not this one
    return 200


# POST-only pages: their access is tested by their own module.
POST_ONLY = ("web:case_request_answered", "web:notice_response", "web:api_token_revoke", "web:task_retry",
             "web:privacy_subject_access_download", "web:notifications_read_all", "web:notification_preference",
             "web:notification_read")
URL_TABLE["web:notifications_read_all"] = (lambda c: {}, "", False)
URL_TABLE["web:notification_preference"] = (lambda c: {}, "", False)
URL_TABLE["web:notification_read"] = (lambda c: {"notification": "00000000-0000-0000-0000-000000000000"}, "", False)
URL_TABLE["web:task_retry"] = (lambda c: {"task": "00000000-0000-0000-0000-000000000000"}, "", False)
URL_TABLE["web:privacy_subject_access_download"] = (lambda c: {}, "", False)
URL_TABLE["web:api_token_revoke"] = (lambda c: {"token": "00000000-0000-0000-0000-000000000000"}, "", False)
URL_TABLE["web:notice_response"] = (lambda c: {"reference": c.case.reference,
                                               "notice_uuid": "00000000-0000-0000-0000-000000000000"}, "", True)
URL_TABLE["web:case_request_answered"] = (lambda c: {"reference": c.case.reference,
                                                     "request_uuid": "00000000-0000-0000-0000-000000000000"}, "", True)
# Open to a load balancer, answering 200 or 503: tested in candour/web/tests/test_jobs_pages.py.
URL_TABLE["web:healthz"] = (lambda c: {}, "", False)
CHECKED = [n for n in URL_TABLE if n not in ("accounts:login", "accounts:logout", "web:healthz", *PUBLIC, *POST_ONLY)]


@pytest.mark.django_db
@pytest.mark.parametrize("name", PUBLIC)
def test_public_pages_are_open(cast: Cast, client: Client, name: str) -> None:
    """Anyone may open the portal and tracking pages; those that need an earlier step redirect
    to it, never to sign-in."""
    kwargs_of, query, _ = URL_TABLE[name]
    assert getattr(resolve(reverse(name, kwargs=kwargs_of(cast))).func, "candour_action") is None
    response = client.get(reverse(name, kwargs=kwargs_of(cast)) + query)
    assert response.status_code in (200, 302), name
    if response.status_code == 302:
        assert not response["Location"].startswith(reverse("accounts:login"))


@pytest.mark.django_db
@pytest.mark.parametrize("name", CHECKED)
@pytest.mark.parametrize("who", CAST_NAMES)
def test_matrix(cast: Cast, client: Client, who: str, name: str) -> None:
    kwargs_of, query, _ = URL_TABLE[name]
    url = reverse(name, kwargs=kwargs_of(cast)) + query
    client.force_login(cast.user(who))
    session = client.session
    request = type("R", (), {"session": session})()
    mark_reauthenticated(request)
    session.save()
    response = client.get(url)
    assert response.status_code == _expected(cast, who, name), (who, url)


@pytest.mark.django_db
@pytest.mark.parametrize("name", CHECKED)
def test_anonymous_is_sent_to_sign_in(cast: Cast, client: Client, name: str) -> None:
    kwargs_of, query, _ = URL_TABLE[name]
    response = client.get(reverse(name, kwargs=kwargs_of(cast)) + query)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:login"))


@pytest.mark.django_db
def test_sensitive_action_asks_for_password_first(cast: Cast, client: Client) -> None:
    assert Action.PROTECTED_CHARACTERISTICS_VIEW in SENSITIVE_ACTIONS
    url = reverse("web:officer_protected_characteristics",
                  kwargs={"officer_uuid": cast.officer.uuid})
    client.force_login(cast.user("vetting_officer"))
    response = client.get(url)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:reauthenticate"))
    response = client.post(reverse("accounts:reauthenticate"),
                           {"password": "wrong-password", "next": url})
    assert response.status_code == 200
    assert "The password is not correct" in response.content.decode()
    from candour.testing.cast import PASSWORD

    response = client.post(reverse("accounts:reauthenticate"), {"password": PASSWORD, "next": url})
    assert response.status_code == 302 and response["Location"] == url
    response = client.get(url)
    assert response.status_code == 200
    assert "Synthetic group A" in response.content.decode()


@pytest.mark.django_db
def test_reauthentication_refuses_offsite_next(cast: Cast, client: Client) -> None:
    from candour.testing.cast import PASSWORD

    client.force_login(cast.user("vetting_officer"))
    response = client.post(reverse("accounts:reauthenticate"),
                           {"password": PASSWORD, "next": "https://evil.example/"})
    assert response["Location"] == "/"


@pytest.mark.django_db
def test_other_force_cannot_find_case_by_search(cast: Cast, client: Client) -> None:
    client.force_login(cast.other_force_user)
    response = client.get(reverse("web:search") + f"?q={cast.case.reference}")
    assert response.context["rows"] == []
    assert f'href="/cases/{cast.case.reference}/"' not in response.content.decode()
    response = client.get(reverse("web:search") + "?q=Testperson")
    assert response.context["rows"] == [] and response.context["officers"] == []
    client.force_login(cast.appropriate_authority)
    response = client.get(reverse("web:search") + "?q=Testperson")
    assert [r["case"] for r in response.context["rows"]] == [cast.case]
