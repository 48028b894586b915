"""The signed-in user's own notifications: the list, marking read, and how they want emails."""

from __future__ import annotations

from uuid import UUID

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseBase, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_POST

from candour.accounts.models import User
from candour.notifications import selectors
from candour.notifications.models import Preference
from candour.notifications.services import (
    NotificationNotFound,
    notification_mark_read,
    notifications_mark_all_read,
    preference_set,
)
from candour.web.access import signed_in

PER_PAGE = 50


def _me(request: HttpRequest) -> User:
    user = request.user
    if not isinstance(user, User):
        raise PermissionDenied("Notifications are for signed-in staff")
    return user


@signed_in
@require_GET
def notification_list(request: HttpRequest) -> HttpResponse:
    page = Paginator(selectors.notifications_for(_me(request)), PER_PAGE).get_page(request.GET.get("page"))
    return render(request, "web/notifications/list.html", {
        "page": page, "notifications": page.object_list, "unread": selectors.unread_count(_me(request)),
        "preference": selectors.email_preference(_me(request)), "choices": Preference.Email.choices})


@signed_in
@require_POST
def notification_read(request: HttpRequest, notification: UUID) -> HttpResponseBase:
    try:
        notification_mark_read(_me(request), notification)
    except NotificationNotFound as exc:
        raise Http404("You have no notification with that id") from exc
    return HttpResponseRedirect(reverse("web:notifications"))


@signed_in
@require_POST
def notifications_read_all(request: HttpRequest) -> HttpResponseBase:
    done = notifications_mark_all_read(_me(request))
    messages.success(request, f"{done} notification{'s' if done != 1 else ''} marked as read")
    return HttpResponseRedirect(reverse("web:notifications"))


@signed_in
@require_POST
def notification_preference(request: HttpRequest) -> HttpResponseBase:
    choice = request.POST.get("email", "")
    if choice not in Preference.Email.values:
        messages.error(request, "Choose how you want to get notifications by email")
        return HttpResponseRedirect(reverse("web:notifications") + "#email")
    preference_set(_me(request), choice)
    messages.success(request, f"Saved: {Preference.Email(choice).label.lower()}")
    return HttpResponseRedirect(reverse("web:notifications"))
