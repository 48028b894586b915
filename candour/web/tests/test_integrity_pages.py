"""The integrity register pages: forms that refuse bad input with a GOV.UK error summary and
change nothing, the registers' content, the audited CSV export, and the officer page's sections
for the roles that may see them. Access for every role is in test_access.py."""

from __future__ import annotations

import csv
import io
from datetime import date
from typing import Any

import pytest
import time_machine
from django.test import Client
from django.urls import reverse

from candour.audit.models import AuditEvent
from candour.testing.cast import Cast
from candour.workforce.models import Conviction, SuspensionEpisode, SuspensionReview

pytestmark = pytest.mark.django_db
TODAY = date(2025, 11, 20)


@pytest.fixture(autouse=True)
def _frozen() -> Any:
    with time_machine.travel(TODAY, tick=False):
        yield


def _date(name: str, day: date) -> dict[str, str]:
    return {f"{name}_0": str(day.day), f"{name}_1": str(day.month), f"{name}_2": str(day.year)}


def _as(client: Client, cast: Cast, who: str) -> Client:
    client.force_login(cast.user(who))
    return client


def _has_error_summary(html: str, *texts: str) -> None:
    assert 'class="govuk-error-summary"' in html and "There is a problem" in html
    for text in texts:
        assert text in html, text


def test_start_a_suspension_from_the_officer_page(cast: Cast, client: Client) -> None:
    _as(client, cast, "assessor")
    page = client.get(reverse("web:officer_detail", args=[cast.officer.uuid])).content.decode()
    start = reverse("web:suspension_start", args=[cast.officer.uuid])
    assert start in page
    response = client.post(start, {
        "kind": "suspension", **_date("started_on", date(2025, 4, 4)), "reasons": "Allegation of assault",
        "redeployment_considered": "on", "redeployment_not_appropriate_because": "Public-facing roles only",
        "ground": "investigation_prejudice", "notified": "oral", "case": cast.case.reference})
    episode = SuspensionEpisode.objects.get(officer=cast.officer)
    assert response.status_code == 302 and response["Location"] == reverse("web:suspension_detail",
                                                                          args=[episode.uuid])
    assert episode.case == cast.case and episode.confirmation_due_on == date(2025, 4, 9)
    detail = client.get(response["Location"]).content.decode()
    assert "Wednesday 9 April 2025" in detail and "Overdue" in detail


def test_start_refuses_missing_reg_11_conditions_with_an_error_summary(cast: Cast, client: Client) -> None:
    _as(client, cast, "assessor")
    events = AuditEvent.objects.count()
    response = client.post(reverse("web:suspension_start", args=[cast.officer.uuid]), {
        "kind": "suspension", **_date("started_on", date(2025, 4, 4)), "reasons": "Allegation", "notified": "oral"})
    assert response.status_code == 200
    _has_error_summary(response.content.decode(), "considered first", "Enter why redeployment",
                       "reg 11(2)(b)", 'href="#id_redeployment_considered"')
    assert response.context["form"].errors["ground"]
    assert not SuspensionEpisode.objects.filter(officer=cast.officer).exists()
    assert AuditEvent.objects.count() == events


def test_start_refuses_an_unknown_case_and_an_officer_already_suspended(cast: Cast, client: Client) -> None:
    _as(client, cast, "assessor")
    data = {"kind": "restricted_duties", **_date("started_on", date(2025, 10, 1)), "reasons": "Pending"}
    response = client.post(reverse("web:suspension_start", args=[cast.officer.uuid]),
                           {**data, "case": cast.other_case.reference})
    _has_error_summary(response.content.decode(), "No case in your force has that reference")
    response = client.post(reverse("web:suspension_start", args=[cast.suspended_officer.uuid]), data)
    _has_error_summary(response.content.decode(), "already on suspension")
    assert SuspensionEpisode.objects.count() == 1


def test_invalid_date_is_an_inline_error(cast: Cast, client: Client) -> None:
    _as(client, cast, "assessor")
    url = reverse("web:suspension_review", args=[cast.suspension.uuid])
    response = client.post(url, {"reviewed_on_0": "31", "reviewed_on_1": "2", "reviewed_on_2": "2025",
                                 "reasons": "x", "version": "1"})
    assert response.status_code == 200 and 'class="govuk-error-summary"' in response.content.decode()
    assert not SuspensionReview.objects.exists()


def test_review_confirmation_representations_and_end(cast: Cast, client: Client) -> None:
    _as(client, cast, "assessor")
    episode = cast.suspension
    detail = reverse("web:suspension_detail", args=[episode.uuid])
    assert client.post(reverse("web:suspension_review", args=[episode.uuid]), {
        **_date("reviewed_on", date(2025, 9, 29)), "reasons": "Still at risk", "version": "1"})["Location"] == detail
    episode.refresh_from_db()
    assert episode.next_review_on == date(2025, 10, 27) and episode.version == 2
    # A stale form (version 1) is refused and changes nothing.
    response = client.post(reverse("web:suspension_review", args=[episode.uuid]), {
        **_date("reviewed_on", date(2025, 10, 20)), "reasons": "Again", "version": "1"})
    _has_error_summary(response.content.decode(), "changed this episode")
    assert SuspensionReview.objects.count() == 1
    assert client.post(reverse("web:suspension_confirmation", args=[episode.uuid]), {
        **_date("sent_on", date(2025, 9, 3)), "version": "2"}).status_code == 302
    assert client.post(reverse("web:suspension_representations", args=[episode.uuid]), {
        **_date("received_on", date(2025, 9, 10)), "made_by": "police_friend",
        "summary": "Asks for redeployment"}).status_code == 302
    response = client.post(reverse("web:suspension_end", args=[episode.uuid]), {
        **_date("ended_on", date(2025, 8, 1)), "reason": "Cleared", "version": "4"})
    _has_error_summary(response.content.decode(), "on or after the start")
    assert client.post(reverse("web:suspension_end", args=[episode.uuid]), {
        **_date("ended_on", date(2025, 11, 1)), "reason": "Cleared", "version": "4"}).status_code == 302
    page = client.get(detail).content.decode()
    assert "Ended 1 November 2025" in page and "Asks for redeployment" in page and "Still at risk" in page
    episode.refresh_from_db()
    assert episode.ended_on == date(2025, 11, 1)


def test_suspension_register_and_totals(cast: Cast, client: Client) -> None:
    _as(client, cast, "assessor")
    page = client.get(reverse("web:suspension_list")).content.decode()
    assert "Cy Integrity" in page and "Overdue" in page
    totals = client.get(reverse("web:integrity_totals")).content.decode()
    # A constable at £48,000 a year (£131.51 a day), 81 days from 1 September to 20 November.
    assert "£10,652.31" in totals
    assert 'id="suspended-now">1<' in totals and 'id="reviews-overdue">1<' in totals
    assert 'id="confirmations-due">1<' in totals


def test_analyst_sees_totals_without_names(cast: Cast, client: Client) -> None:
    _as(client, cast, "analyst")
    totals = client.get(reverse("web:integrity_totals")).content.decode()
    assert "£10,652.31" in totals and "Cy Integrity" not in totals
    assert reverse("web:suspension_list") not in totals


def test_record_a_conviction_confirming_the_suggested_class(cast: Cast, client: Client) -> None:
    _as(client, cast, "vetting_officer")
    url = reverse("web:conviction_record", args=[cast.officer.uuid])
    data = {"offence": "Theft from an employer", **_date("offence_on", date(2025, 6, 1)), "offence_class": "either_way",
            "disposal": "conviction", **_date("disposal_on", date(2025, 9, 1)), "court": "Northtown Crown Court"}
    check = client.post(url, data)
    html = check.content.decode()
    assert check.status_code == 200 and "Suggested classification: <strong>Dishonesty</strong>" in html
    assert 'name="checked" value="1"' in html
    assert Conviction.objects.count() == 1  # only the cast's
    response = client.post(url, {**data, "classification": "dishonesty", "checked": "1"})
    conviction = Conviction.objects.latest("id")
    assert response["Location"] == reverse("web:conviction_detail", args=[conviction.uuid])
    assert conviction.while_serving and conviction.policy == "presumption_of_refusal"
    page = client.get(response["Location"]).content.decode()
    assert "Presumption of refusal" in page and "Vetting Code of Practice 2023" in page


def test_conviction_form_refuses_bad_input(cast: Cast, client: Client) -> None:
    _as(client, cast, "vetting_officer")
    response = client.post(reverse("web:conviction_record", args=[cast.officer.uuid]), {
        "offence": "Theft", **_date("offence_on", date(2025, 6, 1)), "offence_class": "unknown",
        "disposal": "caution", **_date("disposal_on", date(2025, 5, 1)), "classification": "dishonesty"})
    _has_error_summary(response.content.decode(), "on or after the date of the offence")
    assert Conviction.objects.count() == 1


def test_conviction_report_page(cast: Cast, client: Client) -> None:
    _as(client, cast, "analyst")
    page = client.get(reverse("web:conviction_report")).content.decode()
    assert "1 serving officer with 1 conviction or caution; 1 committed while serving." in page


def test_warnings_register_page(cast: Cast, client: Client) -> None:
    _as(client, cast, "oversight")
    page = client.get(reverse("web:warnings_register")).content.decode()
    assert "1 warning in force" in page and "31 Mar 2027" in page and "Ada Testperson" in page


def test_list_register_mark_reported_and_export(cast: Cast, client: Client) -> None:
    _as(client, cast, "vetting_officer")
    page = client.get(reverse("web:list_register")).content.decode()
    assert "Dee Departed" in page and "Left during investigation" in page and "Overdue" in page
    url = reverse("web:list_entry_reported", args=[cast.list_entry.uuid])
    response = client.post(url, _date("reported_on", date(2025, 7, 1)))
    _has_error_summary(response.content.decode(), "on or after the event")
    assert client.post(url, _date("reported_on", date(2025, 8, 5)))["Location"] == reverse("web:list_register")
    cast.list_entry.refresh_from_db()
    assert cast.list_entry.reported_on == date(2025, 8, 5)
    before = AuditEvent.objects.filter(action="list_export_viewed").count()
    export = client.get(reverse("web:list_export"))
    assert export["Content-Type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(export.content.decode())))
    assert [(r["surname"], r["list"], r["basis"], r["reported_on"]) for r in rows] == [
        ("Departed", "Police Advisory List", "Left during investigation", "2025-08-05")]
    assert AuditEvent.objects.filter(action="list_export_viewed").count() == before + 1


# Issue 15: a spreadsheet also runs a formula after a leading tab, carriage return or space.
@pytest.mark.parametrize("surname", ["=HYPERLINK(1)", "+1+1", "-1+1", "@SUM(1)", "\t=HYPERLINK(1)",
                                     "\r=HYPERLINK(1)", "\n=1+1", " =HYPERLINK(1)"])
def test_export_escapes_spreadsheet_formulas(cast: Cast, client: Client, surname: str) -> None:
    from candour.people.models import Officer

    Officer.objects.filter(pk=cast.list_entry.officer_id).update(surname=surname)
    _as(client, cast, "vetting_officer")
    rows = list(csv.DictReader(io.StringIO(client.get(reverse("web:list_export")).content.decode())))
    assert rows[0]["surname"] == "'" + surname


@pytest.mark.parametrize(("who", "suspensions", "convictions"), [
    ("assessor", True, True), ("oversight", True, True), ("vetting_officer", False, True),
    ("investigator", False, False), ("decision_maker", False, False)])
def test_officer_page_shows_registers_to_the_roles_that_may_see_them(
        cast: Cast, client: Client, who: str, suspensions: bool, convictions: bool) -> None:
    _as(client, cast, who)
    page = client.get(reverse("web:officer_detail", args=[cast.officer.uuid])).content.decode()
    assert ("Suspensions and restricted duties" in page) is suspensions
    assert ("Driving with excess alcohol" in page) is convictions


def test_home_and_navigation_link_to_the_registers(cast: Cast, client: Client) -> None:
    _as(client, cast, "vetting_officer")
    home = client.get(reverse("web:home")).content.decode()
    assert reverse("web:conviction_list") in home and reverse("web:list_register") in home
    assert reverse("web:suspension_list") not in home and reverse("web:integrity_totals") in home
    _as(client, cast, "investigator")
    home = client.get(reverse("web:home")).content.decode()
    assert reverse("web:integrity_totals") not in home
