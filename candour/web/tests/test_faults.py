"""The database goes away in the middle of a journey (issue 15, faults): the answers given so far
are kept, a report that was saved is shown again with the same reference and link, nothing is
saved twice or by half, and a staff form comes back with what was typed.

The fault is injected with Django's own hook on the connection (``connection.execute_wrapper``):
from a chosen statement on, every statement raises ``OperationalError`` before it reaches the
database, as when the server is restarted between two statements of one request.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

import pytest
from django.db import OperationalError, connection
from django.test import Client
from django.urls import reverse

from candour.audit.events import AuditVerb
from candour.audit.models import AuditEvent
from candour.intake.models import Report
from candour.intake.services import tracking_hash
from candour.testing.cast import Cast
from candour.web.tests.test_portal import STEPS, _key, _step, _walk

pytestmark = pytest.mark.django_db

CHECK = reverse("intake:portal_check")
SENT = reverse("intake:portal_confirmation")


@contextmanager
def database_down(*, after: Callable[[str], bool] = lambda sql: True,
                  then: Callable[[str], bool] = lambda sql: True) -> Iterator[list[str]]:
    """From the first statement for which ``after`` holds (that one still runs), every statement
    for which ``then`` holds fails as a lost connection does. Yields the statements refused."""
    refused: list[str] = []
    armed = [False]

    def wrapper(execute: Any, sql: str, params: Any, many: bool, context: Any) -> Any:
        if armed[0] and then(sql):
            refused.append(sql)
            raise OperationalError("server closed the connection unexpectedly")
        if after(sql):
            armed[0] = True
        return execute(sql, params, many, context)

    with connection.execute_wrapper(wrapper):
        yield refused


def _inserts_report(sql: str) -> bool:
    return sql.startswith('INSERT INTO "intake_report"')


def _session(sql: str) -> bool:
    return "django_session" in sql


def _client() -> Client:
    return Client(raise_request_exception=False)


def _reference_and_link(page: str) -> tuple[str, str]:
    reference = re.search(r"<strong>([A-Z]+-R[0-9A-Z]{4}-[0-9A-Z]{4})</strong>", page)
    link = re.search(r'id="tracking-link">(http://testserver/track/[^<]+)<', page)
    assert reference and link, page[:3000]
    return reference.group(1), link.group(1)


def test_a_report_saved_as_the_database_went_away_is_shown_again_when_resent(cast: Cast) -> None:
    client = _client()
    _walk(client)
    key = _key(client)
    before = Report.objects.count()
    submitted = AuditEvent.objects.filter(action=AuditVerb.REPORT_SUBMITTED).count()
    # The report and its audit event are committed; the session write after them fails, so the
    # browser is told 503 although the report is saved (the old behaviour: 9 such people).
    with database_down(after=_inserts_report, then=_session) as refused:
        failed = client.post(CHECK, {"submission_key": key, "website": ""})
    assert refused and failed.status_code == 503 and failed["Retry-After"] == "30"
    assert Report.objects.count() == before + 1
    # The 503 page sends the same form again, with the same key: the same report, nothing new.
    page = failed.content.decode()
    assert f'name="submission_key" value="{key}"' in page and 'id="send-again"' in page
    again = client.post(CHECK, {"submission_key": key, "website": ""})
    assert again.status_code == 302 and again["Location"] == SENT
    assert Report.objects.count() == before + 1
    report = Report.objects.get(submission_key=key)
    reference, link = _reference_and_link(client.get(SENT).content.decode())
    assert reference == report.reference
    assert tracking_hash(link.rsplit("/", 2)[-2]) == report.tracking_hash
    # Reloading the confirmation shows the same again; the link opens the report.
    assert _reference_and_link(client.get(SENT).content.decode()) == (reference, link)
    assert report.reference in client.get(link.removeprefix("http://testserver")).content.decode()
    assert AuditEvent.objects.filter(action=AuditVerb.REPORT_SUBMITTED).count() == submitted + 1


def test_the_confirmation_is_recovered_by_reloading_it_after_the_fault(cast: Cast) -> None:
    client = _client()
    _walk(client)
    key = _key(client)
    with database_down(after=_inserts_report, then=_session):
        assert client.post(CHECK, {"submission_key": key, "website": ""}).status_code == 503
    reference, _link = _reference_and_link(client.get(SENT).content.decode())
    assert reference == Report.objects.get(submission_key=key).reference
    # Once the receipt is shown the answers are gone from the session: sending again is refused
    # as already sent, with the same reference.
    replay = client.post(CHECK, {"submission_key": key, "website": ""})
    assert replay.status_code == 409 and reference in replay.content.decode()
    assert Report.objects.filter(submission_key=key).count() == 1


def test_a_report_the_database_refused_is_not_saved_and_is_saved_once_when_resent(cast: Cast) -> None:
    client = _client()
    _walk(client)
    key = _key(client)
    before, events = Report.objects.count(), AuditEvent.objects.count()
    with database_down(then=_inserts_report) as refused:
        failed = client.post(CHECK, {"submission_key": key, "website": ""})
    assert refused and failed.status_code == 503
    assert Report.objects.count() == before and AuditEvent.objects.count() == events
    again = client.post(CHECK, {"submission_key": key, "website": ""})
    assert again.status_code == 302
    reference, _link = _reference_and_link(client.get(SENT).content.decode())
    assert Report.objects.get(submission_key=key).reference == reference
    assert Report.objects.count() == before + 1


def test_the_answers_given_before_the_fault_are_kept_and_the_journey_resumes(cast: Cast) -> None:
    client = _client()
    half = 5
    for slug, data in STEPS[:half]:
        assert client.post(_step(slug), data).status_code == 302
    slug, data = STEPS[half]
    with database_down() as refused:
        failed = client.post(_step(slug), data)
        assert client.get(_step(slug)).status_code == 503
    assert refused and failed.status_code == 503
    # What was typed on the failed page comes back on the 503 page, to send again.
    page = failed.content.decode()
    assert 'value="PC Smith"' in page and f'action="{_step(slug)}"' in page
    resent = client.post(_step(slug), data)
    assert resent.status_code == 302 and resent["Location"] == _step(STEPS[half + 1][0])
    for slug, data in STEPS[half + 1:]:
        assert client.post(_step(slug), data).status_code == 302
    check = client.get(CHECK).content.decode()
    assert "I was stopped and searched for no reason." in check and "3 April 2025" in check
    assert "Station Road, Northtown" in check and "PC Smith" in check


def test_a_password_is_never_written_back_into_the_503_page(cast: Cast) -> None:
    client = _client()
    with database_down():
        response = client.post(reverse("accounts:login"), {"username": "assessor", "password": "s3cret-Pass"})
    assert response.status_code == 503
    page = response.content.decode()
    assert 'value="assessor"' in page and "s3cret-Pass" not in page


HOTLINE_CALL = {"kind": "conduct", "what_happened": "Caller saw an officer kick a dog.", "incident_on_0": "2",
                "incident_on_1": "5", "incident_on_2": "2025", "incident_location": "The park",
                "person_number": "AB12", "anonymous": "on"}


def _hotline(cast: Cast) -> tuple[Client, dict[str, str]]:
    client = _client()
    client.force_login(cast.user("call_handler"))
    page = client.get(reverse("intake:hotline")).content.decode()
    key = re.search(r'name="submission_key" value="([0-9a-f]+)"', page)
    assert key
    return client, {**HOTLINE_CALL, "submission_key": key.group(1)}


def test_a_staff_form_refused_by_the_database_saves_nothing_and_comes_back_with_what_was_typed(
        cast: Cast) -> None:
    client, data = _hotline(cast)
    events = AuditEvent.objects.count()
    # The report row is written, then the audit event in the same transaction is refused.
    with database_down(after=_inserts_report, then=lambda sql: sql.startswith('INSERT INTO "audit_')) as refused:
        failed = client.post(reverse("intake:hotline"), data)
    assert refused and failed.status_code == 503
    assert not Report.objects.filter(channel="hotline").exists() and AuditEvent.objects.count() == events
    page = failed.content.decode()
    assert 'value="Caller saw an officer kick a dog."' in page and 'value="The park"' in page
    assert client.post(reverse("intake:hotline"), data).status_code == 302
    assert Report.objects.filter(channel="hotline").count() == 1


def test_a_staff_form_saved_as_the_database_went_away_is_not_shown_as_failed_when_resent(cast: Cast) -> None:
    client, data = _hotline(cast)
    with database_down(after=_inserts_report, then=_session):
        assert client.post(reverse("intake:hotline"), data).status_code == 503
    report = Report.objects.get(channel="hotline")
    assert client.post(reverse("intake:hotline"), data).status_code == 302
    page = client.get(reverse("intake:hotline")).content.decode()
    link = re.search(r'(/track/[^"<\s]+)', page)
    assert report.reference in page and link and "already saved" in page
    assert tracking_hash(link.group(1).rstrip("/").rsplit("/", 1)[-1]) == report.tracking_hash
    assert Report.objects.filter(channel="hotline").count() == 1
