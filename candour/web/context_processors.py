from __future__ import annotations

from typing import Any

from django.conf import settings
from django.http import HttpRequest
from django.urls import reverse

from candour.accounts.second_factor import second_factor_redirect
from candour.cases.selectors import QUEUE_ROLES
from candour.domain.access import Action, can
from candour.notifications.selectors import unread_count


def service(request: HttpRequest) -> dict[str, Any]:
    user = getattr(request, "user", None)
    items: list[dict[str, Any]] = []
    roles_label = ""
    unread: int | None = None
    if user is not None and user.is_authenticated and user.force_id is not None \
            and second_factor_redirect(request) is None:  # no links to pages the second factor still closes
        roles = user.role_set()
        roles_label = user.roles_label
        unread = unread_count(user)
        path = request.path
        candidates = [
            ("Home", reverse("web:home"), Action.HOME_VIEW, path == "/"),
            ("My cases", reverse("web:queue"), Action.CASE_VIEW, path.startswith("/queue")),
            ("Reviews", reverse("web:review_queue"), Action.REVIEW_DECIDE, path.startswith("/reviews")),
            ("Search", reverse("web:search"), Action.CASE_SEARCH, path.startswith("/search")),
            ("Triage", reverse("intake:triage_queue"), Action.REPORT_TRIAGE, path.startswith("/intake/triage")),
            ("Hotline", reverse("intake:hotline"), Action.HOTLINE_ENTRY, path.startswith("/intake/hotline")),
            ("Vetting", reverse("web:vetting_register"), Action.VETTING_VIEW, path.startswith("/vetting")),
            ("Screening", reverse("web:screening_queue"), Action.SCREENING_REVIEW, path.startswith("/screening")),
            ("Report a concern", reverse("intake:internal_start"), Action.REPORT_INTERNAL,
             path.startswith("/intake/internal")),
            ("Integrity", reverse("web:integrity_totals"), Action.INTEGRITY_VIEW, path.startswith("/integrity/")),
            ("Restricted cases", reverse("web:restricted_cases"), Action.CASE_ACCESS_MANAGE,
             path.startswith("/restricted-cases")),
            ("Users", reverse("accounts:user_list"), Action.USER_MANAGE,
             path.startswith(("/accounts/users", "/accounts/add-user"))),
        ]
        for label, url, action, active in candidates:
            # "My cases" is a queue: only the roles that have one (an investigator's appointed
            # cases, the states an assessor or decision maker acts on), never a reader's.
            if can(roles, action) and (label != "My cases" or roles & QUEUE_ROLES):
                items.append({"label": label, "url": url, "active": active})
        if user.is_staff and can(roles, Action.REFERENCE_DATA_MANAGE):
            items.append({"label": "Reference data", "url": reverse("admin:index"),
                          "active": False})
    return {"service_name": settings.CANDOUR_SERVICE_NAME, "nav_items": items,
            "user_roles_label": roles_label, "notifications_unread": unread,
            "integrity_nav": _integrity_nav(request, user)}


def _integrity_nav(request: HttpRequest, user: Any) -> list[dict[str, Any]]:
    """The workforce integrity registers this user's roles may open (pages under /integrity/)."""
    if user is None or not user.is_authenticated or user.force_id is None or \
            not request.path.startswith("/integrity/"):
        return []
    roles = user.role_set()
    pages = [("Totals", "web:integrity_totals", Action.INTEGRITY_VIEW),
             ("Suspensions and restricted duties", "web:suspension_list", Action.SUSPENSION_VIEW),
             ("Convictions", "web:conviction_list", Action.CONVICTION_VIEW),
             ("Convictions by class", "web:conviction_report", Action.INTEGRITY_VIEW),
             ("Warnings in force", "web:warnings_register", Action.INTEGRITY_VIEW),
             ("Barred and advisory lists", "web:list_register", Action.LIST_VIEW)]
    return [{"label": label, "url": reverse(name), "current": request.path == reverse(name)}
            for label, name, action in pages if can(roles, action)]
