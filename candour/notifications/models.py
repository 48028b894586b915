"""Messages to staff inside the service (and by email), each sent once per event.

Written only by :mod:`candour.notifications.services`. A notification's ``event_key`` names the
event it was sent for (``case:<id>:<clock>:<due date>:<stage>``); the unique constraint on
(recipient, event_key) is the sent-event record: a reminder job that runs twice, or crashes and
runs again, inserts nothing it inserted before (insert-or-skip in one statement).
"""

from __future__ import annotations

from django.conf import settings
from django.db import models

from candour.common.models import BaseModel


class Kind(models.TextChoices):
    REMINDER_BEFORE = "reminder_before", "Reminder: due soon"
    REMINDER_DUE = "reminder_due", "Reminder: due today"
    ESCALATION = "escalation", "Overdue: escalated to you"


class Notification(BaseModel):
    recipient = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notifications")
    kind = models.CharField(max_length=24, choices=Kind.choices)
    # Names the case reference and the clock only: never allegation details or people's names.
    subject = models.CharField(max_length=240)
    # What it is about, and the staff page for it (a path inside the service).
    about = models.CharField(max_length=60, help_text="e.g. the case reference")
    link = models.CharField(max_length=300)
    due_on = models.DateField(null=True, blank=True)
    event_key = models.CharField(max_length=200)
    read_at = models.DateTimeField(null=True, blank=True)
    # When it went out by email (immediately, or in the day's digest); null: not yet, or never.
    emailed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        constraints = [
            models.UniqueConstraint(fields=["recipient", "event_key"], name="notification_once_per_event"),
        ]
        indexes = [
            models.Index(fields=["recipient", "-created_at"], name="notification_by_recipient"),
            models.Index(fields=["recipient"], condition=models.Q(read_at__isnull=True), name="notification_unread"),
            models.Index(fields=["recipient"], condition=models.Q(emailed_at__isnull=True),
                         name="notification_unemailed"),
        ]

    def __str__(self) -> str:
        return self.subject


class Preference(models.Model):
    """How a member of staff wants their notifications by email (none set: immediately)."""

    class Email(models.TextChoices):
        IMMEDIATE = "immediate", "Immediately, one email for each"
        DIGEST = "digest", "Once a day, in one email"
        NONE = "none", "No email: only in the service"

    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE,
                                related_name="notification_preference")
    email = models.CharField(max_length=12, choices=Email.choices, default=Email.IMMEDIATE)
    updated_at = models.DateTimeField(auto_now=True)

    def __str__(self) -> str:
        return f"{self.user_id}: {self.email}"


class SentEmail(models.Model):
    """Every email sent for notifications: to whom, when, and which notifications it carried."""

    recipient = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    to = models.CharField(max_length=254)
    subject = models.CharField(max_length=240)
    digest = models.BooleanField(default=False)
    notifications = models.PositiveIntegerField()
    sent_at = models.DateTimeField()
    delivered = models.BooleanField(help_text="False: the backend refused it (see the log)")

    class Meta:
        ordering = ["-sent_at", "-id"]

    def __str__(self) -> str:
        return f"{self.to}: {self.subject}"
