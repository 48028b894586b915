"""Your notifications (issue 17): only your own, each linking to its case, marked read by you."""

from __future__ import annotations

from datetime import date

import pytest
from django.test import Client

from candour.cases.models import Case
from candour.notifications.models import Notification, Preference
from candour.notifications.reminders import reminders_pass
from candour.testing.cast import Cast

pytestmark = pytest.mark.django_db


@pytest.fixture
def reminded(cast: Cast) -> Notification:
    Case.objects.filter(pk=cast.case.pk).update(investigator=cast.investigator, next_due_on=date(2026, 12, 29),
                                                next_due_what="12-month report")
    reminders_pass(date(2026, 12, 22), working_days=3)
    return Notification.objects.get(recipient=cast.investigator)


def test_the_list_shows_your_own_with_a_link_and_an_unread_count(cast: Cast, client: Client,
                                                                reminded: Notification) -> None:
    client.force_login(cast.investigator)
    text = client.get("/notifications/").content.decode()
    assert f'href="/cases/{cast.case.reference}/"' in text
    assert f"Due Tuesday 29 December 2026: {cast.case.reference}: 12-month report" in text
    assert "You have 1 unread notification." in text
    home = client.get("/").content.decode()
    assert 'href="/notifications/">Notifications <span class="candour-header__count">1</span>' in home
    assert client.post(f"/notifications/{reminded.uuid}/read/").status_code == 302
    reminded.refresh_from_db()
    assert reminded.read_at is not None
    after = client.get("/notifications/").content.decode()
    assert "You have read them all." in after
    assert 'href="/notifications/">Notifications</a>' in client.get("/").content.decode()


def test_someone_elses_notification_is_not_found_and_stays_unread(cast: Cast, client: Client,
                                                                  reminded: Notification) -> None:
    client.force_login(cast.users["assessor"])
    assert "You have no notifications." in client.get("/notifications/").content.decode()
    assert cast.case.reference not in client.get("/notifications/").content.decode()
    assert client.post(f"/notifications/{reminded.uuid}/read/").status_code == 404
    assert client.post("/notifications/read-all/").status_code == 302
    reminded.refresh_from_db()
    assert reminded.read_at is None
    assert client.get(f"/notifications/{reminded.uuid}/read/").status_code == 405


def test_signed_out_is_sent_to_sign_in(client: Client, reminded: Notification) -> None:
    page = client.get("/notifications/")
    assert page.status_code == 302 and "/accounts/login/" in page["Location"]


def test_the_email_preference_is_saved_and_a_bad_one_changes_nothing(cast: Cast, client: Client) -> None:
    client.force_login(cast.investigator)
    page = client.post("/notifications/email/", {"email": "hourly"}, follow=True)
    assert "Choose how you want to get notifications by email" in page.content.decode()
    assert not Preference.objects.exists()
    client.post("/notifications/email/", {"email": "digest"})
    assert Preference.objects.get(user=cast.investigator).email == "digest"
    assert 'value="digest" checked' in client.get("/notifications/").content.decode()
