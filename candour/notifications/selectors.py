"""Reading a user's own notifications."""

from __future__ import annotations

from django.db.models import QuerySet

from candour.accounts.models import User
from candour.notifications.models import Notification, Preference


def notifications_for(user: User) -> QuerySet[Notification]:
    return Notification.objects.filter(recipient=user).order_by("-created_at", "-id")


def unread_count(user: User) -> int:
    return Notification.objects.filter(recipient=user, read_at__isnull=True).count()


def email_preference(user: User) -> str:
    pref = Preference.objects.filter(user=user).values_list("email", flat=True).first()
    return pref or Preference.Email.IMMEDIATE
