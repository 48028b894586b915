"""The public portal through the test client: the journey, bad input, abuse, and tracking."""

from __future__ import annotations

import re
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from candour.intake.models import EvidenceFile, RateLimitBucket, Report
from candour.testing.cast import PNG_BYTES, Cast

pytestmark = pytest.mark.django_db

STEPS: list[tuple[str, dict[str, Any]]] = [
    ("force", {"force": "ALPHA"}),
    ("about", {"kind": "complaint"}),
    ("what-happened", {"what_happened": "I was stopped and searched for no reason."}),
    ("when", {"incident_on_0": "3", "incident_on_1": "4", "incident_on_2": "2025"}),
    ("where", {"incident_location": "Station Road, Northtown"}),
    ("who", {"person_name": "PC Smith", "person_number": "AB12"}),
    ("connection", {"relationship": "happened_to_me"}),
    ("evidence", {"continue": ""}),
    ("contact", {"contact": "yes", "contact_name": "Jo Public", "contact_email": "jo@example.com"}),
]


def _step(slug: str) -> str:
    return reverse("intake:portal_step", args=[slug])


def _walk(client: Client, overrides: dict[str, dict[str, Any]] | None = None) -> None:
    for slug, data in STEPS:
        response = client.post(_step(slug), {**data, **(overrides or {}).get(slug, {})})
        assert response.status_code == 302, (slug, response.content.decode()[:2000])


def _key(client: Client) -> str:
    page = client.get(reverse("intake:portal_check")).content.decode()
    match = re.search(r'name="submission_key" value="([0-9a-f]+)"', page)
    assert match, page[:3000]
    return match.group(1)


def test_the_whole_journey_saves_one_report_and_shows_its_reference(cast: Cast, client: Client) -> None:
    assert client.get(reverse("intake:portal_start")).status_code == 200
    _walk(client)
    page = client.get(reverse("intake:portal_check")).content.decode()
    assert "Check your answers before sending your report" in page
    assert "I was stopped and searched for no reason." in page and "3 April 2025" in page
    response = client.post(reverse("intake:portal_check"), {"submission_key": _key(client), "website": ""})
    assert response.status_code == 302 and response["Location"] == reverse("intake:portal_confirmation")
    page = client.get(response["Location"]).content.decode()
    report = Report.objects.exclude(pk=cast.report.pk).get()
    assert report.reference in page and report.contact_email == "jo@example.com"
    assert report.force == cast.force and report.channel == "portal"
    link = re.search(r'href="(http://testserver/track/[^"]+)"', page)
    assert link
    tracking = client.get(link.group(1).removeprefix("http://testserver")).content.decode()
    assert "Received" in tracking and report.reference in tracking


def test_pages_cannot_be_skipped(cast: Cast, client: Client) -> None:
    response = client.get(_step("contact"))
    assert response.status_code == 302 and response["Location"] == _step("force")
    response = client.get(reverse("intake:portal_check"))
    assert response["Location"] == _step("force")


def test_change_links_return_to_check_your_answers(cast: Cast, client: Client) -> None:
    _walk(client)
    response = client.post(_step("where") + "?change=1", {"incident_location": "Mill Lane"})
    assert response["Location"] == reverse("intake:portal_check")
    assert "Mill Lane" in client.get(reverse("intake:portal_check")).content.decode()


@pytest.mark.parametrize("slug,data,message", [
    ("what-happened", {"what_happened": ""}, "Enter what happened"),
    ("what-happened", {"what_happened": "x" * 5001}, "5,000 characters or fewer"),
    ("when", {"incident_on_0": "3", "incident_on_1": "4", "incident_on_2": "2999"}, "today or in the past"),
    ("when", {"incident_on_0": "31", "incident_on_1": "2", "incident_on_2": "2025"}, "must be a real date"),
    ("when", {}, "Enter the date it happened, or select that you do not know"),
    ("where", {"incident_location": "x" * 201}, "200 characters or fewer"),
    ("who", {}, "Tell us who was involved"),
    ("who", {"person_number": "<script>"}, "only include letters"),
    ("contact", {"contact": "yes", "contact_name": "Jo"}, "Enter an email address or a phone number"),
    ("contact", {"contact": "yes", "contact_email": "jo@"}, "correct format"),
    ("contact", {}, "Select whether we can contact you"),
])
def test_bad_answers_get_a_clear_message_and_nothing_is_saved(
        cast: Cast, client: Client, slug: str, data: dict[str, Any], message: str) -> None:
    for step, answers in STEPS:
        if step == slug:
            break
        client.post(_step(step), answers)
    response = client.post(_step(slug), data)
    page = response.content.decode()
    assert response.status_code == 200
    assert "There is a problem" in page and message in page
    assert "govuk-error-message" in page and "<title>Error: " in page
    assert Report.objects.count() == 1


def test_a_double_submit_and_a_replayed_form_save_one_report(cast: Cast, client: Client) -> None:
    _walk(client)
    key = _key(client)
    first = client.post(reverse("intake:portal_check"), {"submission_key": key, "website": ""})
    assert first.status_code == 302
    again = client.post(reverse("intake:portal_check"), {"submission_key": key, "website": ""})
    assert again.status_code == 409
    assert "already been sent" in again.content.decode()
    other = Client()
    replay = other.post(reverse("intake:portal_check"), {"submission_key": key, "website": ""})
    assert replay.status_code == 400 and "expired" in replay.content.decode()
    assert Report.objects.count() == 2


def test_the_honeypot_refuses_a_bot(cast: Cast, client: Client) -> None:
    _walk(client)
    response = client.post(reverse("intake:portal_check"),
                           {"submission_key": _key(client), "website": "http://spam.example"})
    assert response.status_code == 400 and "automated program" in response.content.decode()
    assert Report.objects.count() == 1


def test_too_many_reports_from_one_address_get_a_clear_page(cast: Cast, client: Client, settings: Any) -> None:
    settings.CANDOUR_INTAKE_RATE_LIMIT = "1/hour"
    _walk(client)
    assert client.post(reverse("intake:portal_check"), {"submission_key": _key(client)}).status_code == 302
    _walk(client)
    response = client.post(reverse("intake:portal_check"), {"submission_key": _key(client)})
    assert response.status_code == 429 and "Too many attempts" in response.content.decode()
    assert response["Retry-After"]
    assert Report.objects.count() == 2
    assert RateLimitBucket.objects.filter(key__startswith="report:").get().count == 2


def test_the_client_address_behind_a_trusted_proxy(cast: Cast, settings: Any) -> None:
    from django.test import RequestFactory

    from candour.intake.ratelimit import client_address

    request = RequestFactory().get("/", REMOTE_ADDR="10.0.0.1", HTTP_X_FORWARDED_FOR="1.2.3.4, 5.6.7.8")
    assert client_address(request) == "10.0.0.1"
    settings.CANDOUR_TRUSTED_PROXIES = ["10.0.0.1"]
    assert client_address(request) == "5.6.7.8"


def _upload(client: Client, name: str, data: bytes, *, content_type: str = "image/jpeg") -> Any:
    return client.post(_step("evidence"), {"file": SimpleUploadedFile(name, data, content_type=content_type),
                                           "upload": ""})


def _to_evidence(client: Client) -> None:
    for step, answers in STEPS:
        if step == "evidence":
            return
        client.post(_step(step), answers)


def test_evidence_is_attached_to_the_report(cast: Cast, client: Client, _evidence_store: Any) -> None:
    _to_evidence(client)
    response = _upload(client, "photo.png", PNG_BYTES)
    assert response.status_code == 302
    assert "photo.png" in client.get(_step("evidence")).content.decode()
    client.post(_step("evidence"), {"continue": ""})
    client.post(_step("contact"), {"contact": "no"})
    client.post(reverse("intake:portal_check"), {"submission_key": _key(client)})
    report = Report.objects.exclude(pk=cast.report.pk).get()
    evidence = EvidenceFile.objects.get(report=report)
    assert evidence.content_type == "image/png" and evidence.size == len(PNG_BYTES)
    stored = _evidence_store / evidence.stored_name
    assert stored.read_bytes() == PNG_BYTES and evidence.stored_name != "photo.png"
    assert report.anonymous and not report.contact_email


@pytest.mark.parametrize("name,data,message", [
    ("holiday.jpg", b"MZ\x90\x00\x03" + b"\x00" * 200, "must be a JPG, PNG"),
    ("page.pdf", b"<html><script>alert(1)</script></html>", "must be a JPG, PNG"),
    ("archive.docx", b"PK\x03\x04" + b"\x00" * 100, "must be a JPG, PNG"),
    ("empty.png", b"", "is empty"),
])
def test_wrong_file_types_are_refused_by_content(
        cast: Cast, client: Client, name: str, data: bytes, message: str, _evidence_store: Any) -> None:
    _to_evidence(client)
    before = set(_evidence_store.iterdir())
    response = _upload(client, name, data)
    assert response.status_code == 200
    assert message in response.content.decode()
    assert set(_evidence_store.iterdir()) == before


def test_an_oversized_file_is_refused(cast: Cast, client: Client, settings: Any, _evidence_store: Any) -> None:
    settings.CANDOUR_EVIDENCE_MAX_BYTES = 1024
    _to_evidence(client)
    before = set(_evidence_store.iterdir())
    response = _upload(client, "big.png", PNG_BYTES + b"\x00" * 2048)
    assert "must be smaller than" in response.content.decode()
    assert set(_evidence_store.iterdir()) == before


def test_an_oversized_request_is_refused_before_it_is_read(cast: Cast, client: Client, settings: Any) -> None:
    settings.CANDOUR_MAX_REQUEST_BYTES = 2048
    _to_evidence(client)
    response = _upload(client, "big.png", PNG_BYTES + b"\x00" * 4096)
    assert response.status_code == 413
    assert "The file is too big" in response.content.decode()


def test_a_removed_file_is_deleted_from_the_store(cast: Cast, client: Client, _evidence_store: Any) -> None:
    _to_evidence(client)
    before = set(_evidence_store.iterdir())
    _upload(client, "photo.png", PNG_BYTES)
    (stored,) = set(_evidence_store.iterdir()) - before
    client.post(_step("evidence"), {"remove": stored.name})
    assert not stored.exists()
    assert "photo.png" not in client.get(_step("evidence")).content.decode()


def test_the_tracking_page_shows_no_one_elses_data(cast: Cast, client: Client) -> None:
    page = client.get(reverse("intake:track", args=[cast.tracking_token])).content.decode()
    assert cast.report.reference in page
    for secret in ("Testperson", "AB12", "Pat Public", "pat@example.com", "pushed me",
                   cast.case.reference, "High Street"):
        assert secret not in page
    assert client.get(reverse("intake:track", args=["not-a-real-token"])).status_code == 404
    assert "Due by" in page


def test_the_tracking_page_follows_the_case(cast: Cast, client: Client) -> None:
    from candour.intake import services

    services.report_triage(report=cast.report, user=cast.appropriate_authority, decision="outside_schedule_3",
                           expected_version=1, classification=services.Classification(
                               case_type="complaint", category="delivery_of_duties", conduct=("service_level",)))
    url = reverse("intake:track", args=[cast.tracking_token])
    page = client.get(url).content.decode()
    assert "Being resolved informally" in page and "Ask for my complaint to be recorded" in page
    client.post(url, {"record": ""})
    page = client.get(url).content.decode()
    assert "Recorded" in page and "You asked for your complaint to be formally recorded" in page
    assert "Ask for my complaint to be recorded" not in page


def test_a_lost_link_is_replaced_through_an_emailed_code(cast: Cast, client: Client, mailoutbox: list[Any],
                                                         django_capture_on_commit_callbacks: Any) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("intake:track_lookup"),
                               {"reference": cast.report.reference, "email": "pat@example.com"})
    assert response["Location"] == reverse("intake:track_code")
    code = mailoutbox[0].body.split("Your code is ")[1][:6]
    response = client.post(reverse("intake:track_code"), {"code": code})
    assert response.status_code == 302
    page = client.get(response["Location"]).content.decode()
    assert cast.report.reference in page and "Any link you had before still works" in page
    # "Copy it now" says what to copy: the new link is on the page, not only in the address bar.
    assert f'href="http://testserver{response["Location"]}" id="new-tracking-link"' in page
    # Asking for a code does not take the first link away: both open the report.
    assert client.get(reverse("intake:track", args=[cast.tracking_token])).status_code == 200
    assert client.get(response["Location"]).status_code == 200


def test_the_welsh_portal_is_served_under_cy(cast: Cast, client: Client) -> None:
    page = client.get("/cy/report/").content.decode()
    assert '<html lang="cy"' in page
    assert 'href="/report/"' in page  # the switch back to English


# -- issue 14: the public side -----------------------------------------------------------


def _send(client: Client, overrides: dict[str, dict[str, Any]] | None = None) -> Report:
    _walk(client, overrides)
    client.post(reverse("intake:portal_check"), {"submission_key": _key(client), "website": ""})
    return Report.objects.exclude(pk=cast_report_pk(client)).order_by("-id").first()  # type: ignore[return-value]


def cast_report_pk(client: Client) -> int:
    return Report.objects.get(submission_key="cast-report").pk


def test_the_receipt_email_carries_the_tracking_link(cast: Cast, client: Client, mailoutbox: list[Any],
                                                     django_capture_on_commit_callbacks: Any) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        report = _send(client)
    body = mailoutbox[-1].body
    link = re.search(r"http://testserver/track/\S+/", body)
    assert link and report.reference in body
    assert report.reference in client.get(link.group(0).removeprefix("http://testserver")).content.decode()


def test_an_anonymous_reporter_is_told_a_lost_link_cannot_be_recovered(cast: Cast, client: Client) -> None:
    _send(client, {"contact": {"contact": "no", "contact_name": "", "contact_email": ""}})
    page = client.get(reverse("intake:portal_confirmation")).content.decode()
    assert 'id="lost-link-warning"' in page and "we cannot give you a new one" in page
    named = Client()
    _send(named)
    assert 'id="lost-link-warning"' not in named.get(reverse("intake:portal_confirmation")).content.decode()
    assert "we cannot send you a code or a new link" in client.get(reverse("intake:track_lookup")).content.decode()


def test_the_header_names_the_force(cast: Cast, client: Client, settings: Any) -> None:
    # Two forces in the cast: the force chosen on the first question, then the tracked report's.
    assert "Alpha Test Police" not in client.get(reverse("intake:portal_start")).content.decode()
    client.post(_step("force"), {"force": "ALPHA"})
    assert 'candour-header__user-name">Alpha Test Police<' in client.get(_step("about")).content.decode()
    page = Client().get(reverse("intake:track", args=[cast.tracking_token])).content.decode()
    assert 'candour-header__user-name">Alpha Test Police<' in page
    settings.CANDOUR_PORTAL_FORCE = cast.other_force.code
    assert cast.other_force.name in Client().get(reverse("intake:portal_start")).content.decode()


@pytest.mark.parametrize("name", ["portal_privacy", "portal_accessibility", "portal_cookies", "portal_contact",
                                  "portal_feedback"])
def test_the_footer_links_to_each_page_about_the_service(cast: Cast, client: Client, name: str) -> None:
    start = client.get(reverse("intake:portal_start")).content.decode()
    assert f'href="{reverse("intake:" + name)}"' in start
    assert client.get(reverse("intake:" + name)).status_code == 200
    welsh = client.get("/cy" + reverse("intake:" + name)).content.decode()
    assert '<html lang="cy"' in welsh


def test_the_phase_banner_links_to_feedback(cast: Cast, client: Client) -> None:
    page = client.get(reverse("intake:portal_start")).content.decode()
    banner = page.split('class="govuk-phase-banner__text')[1].split("</span>")[0]
    assert f'href="{reverse("intake:portal_feedback")}"' in banner


def test_the_accessibility_statement_records_the_known_axe_finding(cast: Cast, client: Client) -> None:
    page = client.get(reverse("intake:portal_accessibility")).content.decode()
    assert "aria-expanded" in page and "aria-allowed-attr" in page and "Can we contact you about your report?" in page


def test_feedback_is_emailed_and_needs_a_rating(cast: Cast, client: Client, settings: Any, mailoutbox: list[Any],
                                                django_capture_on_commit_callbacks: Any) -> None:
    settings.CANDOUR_FEEDBACK_EMAIL = "feedback@example.com"
    page = client.post(reverse("intake:portal_feedback"), {"improve": "x"}).content.decode()
    assert "Select how you felt about the service" in page and mailoutbox == []
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("intake:portal_feedback"),
                               {"rating": "satisfied", "improve": "Clearer dates, please."})
    assert response.status_code == 302
    assert mailoutbox[0].to == ["feedback@example.com"] and "Clearer dates, please." in mailoutbox[0].body
    settings.CANDOUR_FEEDBACK_EMAIL = ""
    page = client.get(reverse("intake:portal_feedback")).content.decode()
    assert "<textarea" not in page and reverse("intake:portal_contact") in page


def test_a_report_linked_to_another_case_shows_no_status_of_that_case(cast: Cast, client: Client) -> None:
    from candour.cases.models import ComplainantUpdate
    from candour.intake import services

    # The case it joins is under investigation for someone else, with an update of its own.
    ComplainantUpdate.objects.create(case=cast.case, sent_at=cast.report.received_at, code="triage_record",
                                     message="x")
    services.report_triage(report=cast.report, user=cast.appropriate_authority, decision="link",
                           expected_version=1, link_to=cast.case,
                           classification=services.Classification(case_type="complaint"))
    page = client.get(reverse("intake:track", args=[cast.tracking_token])).content.decode()
    assert "Added to a case we are already dealing with" in page
    assert cast.case.get_state_display() not in page
    assert "Your complaint has been formally recorded" not in page
    assert "Ask for a review" not in page and "Ask for my complaint to be recorded" not in page


def test_more_information_is_added_from_the_tracking_page(cast: Cast, client: Client) -> None:
    from candour.audit.models import AuditEvent
    from candour.intake.models import FollowUp

    track = reverse("intake:track", args=[cast.tracking_token])
    add = reverse("intake:track_add_information", args=[cast.tracking_token])
    assert add in client.get(track).content.decode()
    page = client.post(add, {"text": ""}).content.decode()
    assert "Enter the information you want to add" in page and not FollowUp.objects.exists()
    response = client.post(add, {"text": "The sergeant's car was a silver estate."})
    assert response["Location"] == track
    page = client.get(track).content.decode()
    assert "We have added your information" in page and "You added information." in page
    assert FollowUp.objects.get().text == "The sergeant's car was a silver estate."
    assert AuditEvent.objects.filter(action="report_information_added").count() == 1


def test_a_withdrawal_is_signed_and_recorded_and_asked_once(cast: Cast, client: Client) -> None:
    from candour.intake.models import FollowUp

    track = reverse("intake:track", args=[cast.tracking_token])
    withdraw = reverse("intake:track_withdraw", args=[cast.tracking_token])
    page = client.post(withdraw, {"confirm": "yes"}).content.decode()
    assert "Enter your full name to sign your request" in page and not FollowUp.objects.exists()
    page = client.post(withdraw, {}).content.decode()
    assert "Select yes if you want to withdraw your report" in page
    response = client.post(withdraw, {"confirm": "yes", "signed_name": "Pat Public", "reason": "Sorted out."})
    assert response["Location"] == track
    page = client.get(track).content.decode()
    assert "Withdrawal requested" in page and "We have received your request to withdraw" in page
    assert withdraw not in page
    # Withdrawing is no longer offered, so the heading does not offer it either.
    assert "Tell us more, or withdraw" not in page and ">Tell us more</h2>" in page
    assert FollowUp.objects.get(kind="withdrawal").signed_name == "Pat Public"
    # A second request is not taken: the page goes back to the report.
    assert client.post(withdraw, {"confirm": "yes", "signed_name": "Pat"})["Location"] == track
    assert FollowUp.objects.count() == 1


@pytest.mark.parametrize(("url", "data", "expected"), [
    ("intake:track_lookup", {}, ["Enter your report reference", "Enter the email address you gave us"]),
    ("intake:track_lookup", {"reference": "X", "email": "nope"},
     ["Enter an email address in the correct format, like name@example.com"]),
    ("intake:track_code", {}, ["Enter the 6-digit code from the email"]),
    ("intake:track_code", {"code": "12a"}, ["The code must be 6 digits"]),
])
def test_every_tracking_error_names_its_field(cast: Cast, client: Client, url: str, data: dict[str, str],
                                              expected: list[str]) -> None:
    session = client.session
    session["candour_tracking_reference"] = cast.report.reference
    session.save()
    page = client.post(reverse(url), data).content.decode()
    assert "This field is required" not in page
    for message in expected:
        assert message in page
