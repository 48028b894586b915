"""The only writers of notifications, preferences and the record of emails sent."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime
from uuid import UUID

from django.conf import settings
from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone

from candour.accounts.models import User
from candour.notifications.models import Notification, Preference, SentEmail
from candour.notify.adapters import Message, notify_send

BATCH = 2000


@dataclass(frozen=True)
class NewNotification:
    recipient_id: int
    kind: str
    subject: str
    about: str
    link: str
    event_key: str
    due_on: date | None = None


class NotificationNotFound(LookupError):
    """No notification with that id for this user."""


def notifications_record(rows: Iterable[NewNotification]) -> int:
    """Insert each notification unless one for the same recipient and event exists (insert-or-skip,
    in batches, each its own transaction). Returns how many were inserted."""
    inserted = 0
    batch: list[NewNotification] = []

    def flush() -> int:
        if not batch:
            return 0
        keys = {r.event_key for r in batch}
        with transaction.atomic():
            before = Notification.objects.filter(event_key__in=keys).count()
            Notification.objects.bulk_create(
                [Notification(recipient_id=r.recipient_id, kind=r.kind, subject=r.subject[:240], about=r.about,
                              link=r.link, event_key=r.event_key, due_on=r.due_on) for r in batch],
                ignore_conflicts=True)
            after = Notification.objects.filter(event_key__in=keys).count()
        batch.clear()
        return after - before

    for row in rows:
        batch.append(row)
        if len(batch) >= BATCH:
            inserted += flush()
    inserted += flush()
    return inserted


def notification_mark_read(user: User, notification_uuid: UUID | str, now: datetime | None = None) -> Notification:
    """Mark one of ``user``'s own notifications read; anyone else's is not found."""
    try:
        notification = Notification.objects.get(uuid=notification_uuid, recipient=user)
    except (Notification.DoesNotExist, ValueError) as exc:
        raise NotificationNotFound(str(notification_uuid)) from exc
    if notification.read_at is None:
        notification.read_at = now or timezone.now()
        notification.save(update_fields=["read_at", "updated_at"])
    return notification


def notifications_mark_all_read(user: User, now: datetime | None = None) -> int:
    return Notification.objects.filter(recipient=user, read_at__isnull=True).update(read_at=now or timezone.now())


def preference_set(user: User, email: str) -> Preference:
    if email not in Preference.Email.values:
        raise ValueError(f"Not an email preference: {email!r}")
    preference, _ = Preference.objects.update_or_create(user=user, defaults={"email": email})
    return preference


def _body(user: User, notifications: list[Notification]) -> str:
    base = settings.CANDOUR_SERVICE_URL
    lines = [f"Dear {user.name},", ""]
    for n in notifications:
        lines.append(f"- {n.subject}")
        lines.append(f"  {base}{n.link}")
    lines += ["", "Sign in to Candour to see the details. This email does not contain them.",
              f"Your notifications: {base}/notifications/"]
    return "\n".join(lines)


def _send(user: User, subject: str, notifications: list[Notification], digest: bool, now: datetime) -> bool:
    delivered = notify_send(Message(kind="staff_notification", to=user.email, subject=subject,
                                    body=_body(user, notifications),
                                    personalisation={"subject": subject, "body": _body(user, notifications)},
                                    reference=f"notifications:{user.pk}"))
    SentEmail.objects.create(recipient=user, to=user.email, subject=subject, digest=digest,
                             notifications=len(notifications), sent_at=now, delivered=delivered)
    return delivered


def _claim(ids: list[int], now: datetime) -> list[Notification]:
    """Take the notifications not yet emailed (one conditional UPDATE): a second sender, or the same
    job run again, finds none left and sends nothing."""
    with transaction.atomic():
        mine = list(Notification.objects.select_for_update().filter(id__in=ids, emailed_at__isnull=True))
        Notification.objects.filter(id__in=[n.id for n in mine]).update(emailed_at=now)
    return mine


def _users_with(preference: str) -> QuerySet[User]:
    pending = Notification.objects.filter(emailed_at__isnull=True).values("recipient_id")
    users = User.objects.filter(id__in=pending, is_active=True).exclude(email="")
    if preference == Preference.Email.IMMEDIATE:
        return users.exclude(notification_preference__email__in=[Preference.Email.DIGEST, Preference.Email.NONE])
    return users.filter(notification_preference__email=preference)


def notifications_email_immediate(now: datetime | None = None) -> int:
    """Email each notification not yet emailed to the people who want them at once. Returns the count."""
    now = now or timezone.now()
    sent = 0
    for user in _users_with(Preference.Email.IMMEDIATE).iterator():
        ids = list(Notification.objects.filter(recipient=user, emailed_at__isnull=True).values_list("id", flat=True))
        for n in _claim(ids, now):
            _send(user, n.subject, [n], digest=False, now=now)
            sent += 1
    return sent


def notifications_email_digest(now: datetime | None = None) -> int:
    """One email per person who chose the daily digest, listing what they have not yet been emailed."""
    now = now or timezone.now()
    sent = 0
    for user in _users_with(Preference.Email.DIGEST).iterator():
        ids = list(Notification.objects.filter(recipient=user, emailed_at__isnull=True).values_list("id", flat=True))
        mine = _claim(ids, now)
        if mine:
            _send(user, f"Candour: {len(mine)} new notification{'s' if len(mine) != 1 else ''}", mine,
                  digest=True, now=now)
            sent += 1
    return sent
