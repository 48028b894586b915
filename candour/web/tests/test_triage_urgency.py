"""The triage queue and page show urgency and speak plain English (issue 14)."""

from __future__ import annotations

import re
from datetime import date

import pytest
from django.test import Client
from django.urls import reverse

from candour.audit.services import Actor
from candour.intake import selectors
from candour.intake import services as intake_services
from candour.intake.validation import ReportInput
from candour.testing.cast import Cast

pytestmark = pytest.mark.django_db

ISO_DATE = re.compile(r">[^<]*\b\d{4}-\d{2}-\d{2}\b[^<]*<")
ASSAULT = {"case_type": "complaint", "category": "individual_behaviours", "conduct": ["serious_assault"],
           "contact_resulted_in": "none", "wants_recording": "unknown", "officer": "100001", "version": "1",
           "check": ""}


def _anonymous_call(cast: Cast, text: str) -> str:
    submitted = intake_services.report_submit(
        force=cast.force, channel="hotline", actor=Actor.of(cast.user("call_handler")),
        entered_by=cast.user("call_handler"), submission_key="urgent-call",
        data=ReportInput(kind="conduct", what_happened=text, incident_on=date(2025, 6, 9), anonymous=True))
    return submitted.report.reference


def _text(page: str) -> str:
    main = page[page.index("<main"):page.index("</main>")]
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", main))


def test_the_queue_shows_type_reporter_referral_and_the_nearest_clock_by_name(cast: Cast, client: Client) -> None:
    reference = _anonymous_call(cast, "The officer punched a man on the ground until he was taken to hospital.")
    client.force_login(cast.appropriate_authority)
    page = client.get(reverse("intake:triage_queue")).content.decode()
    text = _text(page)
    row = text[text.index(reference):]
    assert row.split()[:1] == [reference]
    assert "Conduct matter" in row and "Anonymous" in row
    assert "Likely" in row and "Death or serious injury (“hospital”)" in row and "Serious assault (“punched”)" in row
    # The cast's named complaint: its nearest clock, named, with the date written out.
    named = text[text.index(cast.report.reference):]
    assert "Complaint" in named and "Named" in named and "None suggested" in named
    due = selectors.nearest_clock(selectors.intake_clocks(report=cast.report))
    assert due is not None and due.label == "Log the report"
    assert f"Log the report, {due.deadline.due.day} {due.deadline.due:%B %Y}" in named
    assert not ISO_DATE.search(page)
    assert 'role="region"' in page  # the table scrolls in its own region at 320 px


def test_the_rules_answers_are_plain_english_with_the_unconfirmed_rule_explained_once(
        cast: Cast, client: Client) -> None:
    client.force_login(cast.appropriate_authority)
    url = reverse("intake:triage_report", args=[cast.report.reference])
    page = client.post(url, ASSAULT).content.decode()
    text = _text(page)
    assert "received_on" not in text and not ISO_DATE.search(page)
    assert "from the day the complaint was made or the matter came to attention" in text
    assert "Dismissals reform: the rules in force from 28 May 2025" in text
    assert "The chief officer of the force (in practice, Professional Standards)" in text
    assert "The IOPC" in text and " iopc" not in text
    # Each legal term has hint text that says what it means.
    assert "Schedule 3 to the Police Reform Act 2002 is the formal complaints process" in text
    assert "A ‘referral head’ is one of the kinds of case" in text
    assert "Articles 2 and 3 of the European Convention on Human Rights" in text  # the form's hints
    # "Not confirmed" is explained once, and the clocks' local standards once, not on each clock.
    assert page.count('id="unconfirmed-note"') == 1 and "rest on a default your force has set" in text
    assert text.count("No law sets the times to log a report or to contact a complainant") == 1
    assert "(a local target)" not in text
    assert "Due by " in text and " Dec 2026" not in text.replace("December", "")


def test_no_rule_answer_names_a_referral_head_by_its_code(cast: Cast, client: Client) -> None:
    """"heads met: serious_assault" was shown as the engine wrote it."""
    client.force_login(cast.appropriate_authority)
    url = reverse("intake:triage_report", args=[cast.report.reference])
    text = _text(client.post(url, {**ASSAULT, "case_type": "conduct_matter",
                                   "conduct": ["serious_assault", "serious_corruption"]}).content.decode())
    assert "heads met: serious assault, serious corruption" in text
    assert not re.search(r"\b[a-z]+_[a-z_]+\b", text), re.findall(r"\b[a-z]+_[a-z_]+\b", text)


def test_the_probable_officer_is_a_link_to_their_record(cast: Cast, client: Client) -> None:
    client.force_login(cast.appropriate_authority)
    page = client.get(reverse("intake:triage_report", args=[cast.report.reference])).content.decode()
    assert reverse("web:officer_detail", args=[cast.officer.uuid]) in page
    assert "0.96" not in page and "% match" in page


def test_a_likely_referral_runs_the_referral_clock_and_comes_first(cast: Cast, client: Client) -> None:
    """Named by the rules ("iopc-referral": by the end of the day after it became clear), so a
    report that may have to go to the IOPC is not queued behind a rude-officer complaint."""
    reference = _anonymous_call(cast, "An officer punched a man in the cells.")
    client.force_login(cast.appropriate_authority)
    text = _text(client.get(reverse("intake:triage_queue")).content.decode())
    assert text.index(reference) < text.index(cast.report.reference)
    row = text[text.index(reference):text.index(cast.report.reference)]
    assert "Refer to the IOPC, if it must be," in row
    page = _text(client.get(reverse("intake:triage_report", args=[reference])).content.decode())
    assert "Refer to the IOPC, if it must be Due by" in page and "Sch 3 para 4(4)" in page
    # A report whose words suggest no referral has no referral clock.
    assert "Refer to the IOPC" not in _text(
        client.get(reverse("intake:triage_report", args=[cast.report.reference])).content.decode())


def test_an_empty_queue_says_so_and_nothing_about_an_order(cast: Cast, client: Client) -> None:
    from candour.intake import services
    services.report_triage(report=cast.report, user=cast.appropriate_authority, decision="link",
                           expected_version=1, link_to=cast.case,
                           classification=services.Classification(case_type="complaint"))
    client.force_login(cast.appropriate_authority)
    text = _text(client.get(reverse("intake:triage_queue")).content.decode())
    assert "There are no new reports." in text
    assert "0 new reports" not in text and "runs out first" not in text


def test_a_number_with_no_name_is_not_shown_in_brackets(cast: Cast, client: Client) -> None:
    reference = _anonymous_call(cast, "An officer was rude.")
    from candour.intake.models import Report
    Report.objects.filter(reference=reference).update(person_number="AB12")
    client.force_login(cast.appropriate_authority)
    text = _text(client.get(reverse("intake:triage_report", args=[reference])).content.decode())
    assert "Who Number given: AB12" in text and "(AB12)" not in text


def test_referral_signals_name_the_head_and_the_word() -> None:
    from candour.intake.models import Report
    report = Report(what_happened="He asked me for a bribe and made racist remarks.")
    signals = selectors.referral_signals(report=report)
    assert [(s.head, s.word) for s in signals] == [("serious_corruption", "bribe"),
                                                   ("discriminatory_behaviour", "racist")]
    assert selectors.referral_signals(report=Report(what_happened="He was rude to me.")) == []
