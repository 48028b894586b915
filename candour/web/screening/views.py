"""The screening match-review queue: candidate matches between the workforce and an extract,
for a person to confirm or reject. Every view of the queue and of a candidate is audited."""

from __future__ import annotations

from typing import Any

from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.http import require_http_methods

from candour.domain.access import Action
from candour.screening import selectors as screening_selectors
from candour.screening import services as screening_services
from candour.screening.explain import COMPARISON_WORDS, likelihood
from candour.screening.models import ScreeningCandidate
from candour.web.access import requires
from candour.web.pages import form_page
from candour.web.screening import forms as f

QUEUE_PAGE_SIZE = 25
_RECORD_FIELDS = [("first_name", "Forename"), ("surname", "Surname"), ("date_of_birth", "Date of birth"),
                  ("postcode", "Postcode"), ("address", "Address"), ("town", "Town")]


@requires(Action.SCREENING_REVIEW)
def screening_queue(request: HttpRequest) -> HttpResponse:
    pending = screening_selectors.candidate_list_for_user(user=request.user)  # type: ignore[arg-type]
    page = Paginator(pending, QUEUE_PAGE_SIZE).get_page(request.GET.get("page"))
    screening_services.screening_view_record(user=request.user, what="screening_queue",  # type: ignore[arg-type]
                                             object_id=f"page {page.number}")
    return render(request, "web/screening/queue.html", {"page": page, "total": page.paginator.count})


@requires(Action.SCREENING_REVIEW)
@require_http_methods(["GET", "POST"])
def screening_candidate(request: HttpRequest, candidate_uuid: str) -> HttpResponse:
    candidate = screening_selectors.candidate_get_for_user(user=request.user, candidate_uuid=str(candidate_uuid))  # type: ignore[arg-type]

    def shown() -> dict[str, Any]:
        """The page's context; showing the candidate is a view of it, and audited."""
        screening_services.screening_view_record(user=request.user, what="screening_candidate",  # type: ignore[arg-type]
                                                 object_id=str(candidate.uuid))
        records = [{"label": label, "workforce": candidate.workforce_record.get(key, ""),
                    "extract": candidate.extract_record.get(key, "")} for key, label in _RECORD_FIELDS]
        parts = [{**p, "label": COMPARISON_WORDS.get(p["comparison"], p["comparison"]),
                  "likelihood": likelihood(float(p["weight"]))} for p in candidate.parts]
        return {"candidate": candidate, "records": records, "parts": parts,
                "pending": candidate.status == ScreeningCandidate.Status.PENDING}

    return form_page(
        request, f.CandidateDecisionForm,
        save=lambda d: screening_services.screening_candidate_decide(
            candidate=candidate, decision=d["decision"], reason=d["reason"], route=d.get("route") or "",
            user=request.user),  # type: ignore[arg-type]
        done=lambda decided: f"Match {decided.get_status_display().lower()}", then=reverse("web:screening_queue"),
        template="web/screening/candidate.html", context=shown)
