from __future__ import annotations

from typing import Any

from django.conf import settings
from django.http import HttpRequest
from django.urls import reverse

from candour.domain.access import Action, can


def service(request: HttpRequest) -> dict[str, Any]:
    user = getattr(request, "user", None)
    items: list[dict[str, Any]] = []
    roles_label = ""
    if user is not None and user.is_authenticated and user.force_id is not None:
        roles = user.role_set()
        roles_label = user.roles_label
        path = request.path
        candidates = [
            ("Home", reverse("web:home"), Action.HOME_VIEW, path == "/"),
            ("My cases", reverse("web:queue"), Action.CASE_VIEW, path.startswith("/queue")),
            ("Search", reverse("web:search"), Action.CASE_SEARCH, path.startswith("/search")),
            ("Triage", reverse("intake:triage_queue"), Action.REPORT_TRIAGE, path.startswith("/intake/triage")),
            ("Hotline", reverse("intake:hotline"), Action.HOTLINE_ENTRY, path.startswith("/intake/hotline")),
            ("Vetting", reverse("web:vetting_register"), Action.VETTING_VIEW, path.startswith("/vetting")),
            ("Screening", reverse("web:screening_queue"), Action.SCREENING_REVIEW, path.startswith("/screening")),
            ("Report a concern", reverse("intake:internal_start"), Action.REPORT_INTERNAL,
             path.startswith("/intake/internal")),
        ]
        for label, url, action, active in candidates:
            if can(roles, action):
                items.append({"label": label, "url": url, "active": active})
        if user.is_staff and can(roles, Action.REFERENCE_DATA_MANAGE):
            items.append({"label": "Reference data", "url": reverse("admin:index"),
                          "active": False})
    return {"service_name": settings.CANDOUR_SERVICE_NAME, "nav_items": items,
            "user_roles_label": roles_label}
